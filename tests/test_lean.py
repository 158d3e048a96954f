"""The lean path and the full path read a file to the same evaluation, or the lean path steps aside.

A file in the plain shape is built straight from its parsed values
(:mod:`scoring.load._lean`); everything else goes through the converter and
the loader's checks. These tests generate documents near that shape, good
and broken, and hold the two paths to the same answer: the same model, the
same full result in both languages, byte for byte the same summary row, and
never a file accepted by the lean path that the full path refuses. The
engine's quick rows (a row with nothing to say, scored without a trace) are
held to the full row path the same way.
"""

from __future__ import annotations

import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

import attrs
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from scoring import InputError, engine, load_evaluation, rules, score_evaluation
from scoring.batch import summarise
from scoring.engine import score_subject
from scoring.load import _evaluation
from scoring.load._lean import lean_evaluation
from scoring.model import Evaluation, FoldedRows, Line, Subject
from scoring.report.json_ import result_dict
from scoring.report.summary import submission_dict
from scoring.testing import write_corpus, write_submission

from .strategies import CENTRAL, free_text, policies, subjects, toml_text, toml_values

LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标", "产出指标(30分)", "效益指标（20分）", " 产出指标 "]
UNITS = ["个", "%", "％", "万元", "次", "人次", "分", " 个 "]
COMPARATORS = ["≥", "≤", "=", ">", "<"]


def numbers(low: int = 0, high: int = 200) -> st.SearchStrategy:
    """Numbers as tomli gives them: integers, and decimals of up to two places."""
    return st.one_of(st.integers(low, high), st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False),
                     st.decimals(low, high, places=1, allow_nan=False, allow_infinity=False))


ODD = st.one_of(
    toml_values(),
    st.sampled_from(["", " ", "定性", "≥95%", "95%", "优", "良", "及时", "≧", ">=", "不少于", "产出指标(10分)", "数量(个)",
                     "na", "合格", "优秀", "万元", "元", "central-2020", "central-2020-whole"]),
    st.integers(-3, 3),
    st.sampled_from([10**15, -(10**15), Decimal("1E+20"), Decimal("0.00000000001"), Decimal("-0.5"), 0, Decimal("0.0")]),
    free_text(),
)
"""Values a key should not get, or gets only now and then: each may be refused, remarked on, or fine."""

ROW_KEYS = ["id", "level1", "level2", "name", "comparator", "target", "unit", "weight", "actual", "claimed", "reason",
            "rate", "grade", "status", "scale", "group", "reasn"]
PROJECT_KEYS = ["id", "name", "budget", "budget_points", "claimed", "agency", "indicators", "approved", "results", "nme"]
TOP_KEYS = ["department", "year", "policy", "money_unit", "claimed", "overall", "polcy"]


SPELLINGS = ["≥", "≤", "=", ">", "<", ">=", "≧", "＝", "不少于", "不超过", "以上", "定量"]
INDICATOR_KEYS = {"id", "level1", "level2", "name", "comparator", "target", "unit", "weight", "scale", "group"}


@st.composite
def plain_rows(draw, i: int) -> dict:
    """A row as published tables write it: mostly a symbol and numbers, now and then a compact target
    (``≥95%``), a unit in the name, a quantity as the actual, a completion rate, or a 定性 row."""
    row: dict = {"level1": draw(st.sampled_from(LEVEL1)), "name": f"指标{i}", "weight": draw(numbers(1, 30))}
    shape = draw(st.sampled_from(["plain"] * 5 + ["compact", "spelled", "qualitative"]))
    unit = draw(st.sampled_from(UNITS))
    if shape == "qualitative":
        row.update(comparator="定性", target=draw(st.sampled_from(["优良中低差", "优", "良", "及时"])))
        if draw(st.booleans()):
            row["grade"] = draw(st.sampled_from(["优", "良", "中", "差", " 良 "]))
        else:
            row["rate"] = draw(numbers(0, 2))
    else:
        if shape == "compact":  # "≥95%": the comparator and the unit ride on the target; the keys, if given, agree
            sign, comparator = draw(st.sampled_from([("≥", "≥"), ("≤", "≤"), ("不少于", "≥"), ("", None)]))
            unit = draw(st.sampled_from(["%", "个", ""]))
            row["target"] = f"{sign}{draw(numbers())}{unit}"
            if comparator is None or draw(st.booleans()):
                row["comparator"] = comparator or draw(st.sampled_from(COMPARATORS))
            if unit and not draw(st.integers(0, 5)):  # a unit key that disagrees with the target's
                row["unit"] = "次"
        else:
            row.update(comparator=draw(st.sampled_from(SPELLINGS if shape == "spelled" else COMPARATORS)), target=draw(numbers()))
        outcome = draw(st.sampled_from(["actual"] * 6 + ["rate", "quantity"]))
        if outcome == "rate":
            row["rate"] = draw(numbers(0, 2))
        elif outcome == "quantity":  # "98%", or the target restated
            row["actual"] = f"{draw(st.sampled_from(['', '≥']))}{draw(numbers(0, 400))}{unit.strip() if draw(st.booleans()) else ''}"
        else:
            row["actual"] = draw(numbers(0, 400))
    if (shape != "compact" or unit) and "unit" not in row:
        if draw(st.integers(0, 4)):
            row["unit"] = unit
        elif draw(st.booleans()):
            row["name"] = f"指标{i}({unit.strip() or '个'})"
    if draw(st.booleans()):
        row["id"] = draw(st.sampled_from([f"r{i}"] * 5 + [i, "r0"]))
    if draw(st.booleans()):
        row["claimed"] = draw(numbers(0, 30))
    if draw(st.booleans()):
        row["reason"] = draw(st.one_of(free_text(), st.just("")))
    if draw(st.booleans()):
        row["level2"] = draw(st.sampled_from(["数量指标", "质量指标(10分)", "时效指标", ""]))
    if not draw(st.integers(0, 9)):
        row["group"] = draw(st.one_of(st.integers(0, 3), st.just("甲")))
    return row


@st.composite
def plain_projects(draw, i: int) -> dict:
    rows = draw(st.lists(st.integers(0, 40), min_size=1, max_size=8, unique=True))
    project: dict = {"name": draw(st.sampled_from([f"项目{i}", f" 项目{i} ", "项目0"])), "indicator": [draw(plain_rows(j)) for j in rows]}
    if draw(st.booleans()):
        project["id"] = draw(st.sampled_from([f"p{i}", "p0", ""]))
    if draw(st.booleans()):
        project["budget"] = {k: draw(numbers(0, 10**6)) for k in draw(st.lists(
            st.sampled_from(["initial", "full_year", "executed", "received"]), unique=True, max_size=4))}
    if draw(st.booleans()):
        project["claimed"] = {k: draw(numbers(0, 100)) for k in draw(st.lists(
            st.sampled_from(["score", "budget_score", "points"]), unique=True, max_size=3))}
        if draw(st.booleans()):
            project["claimed"]["grade"] = draw(st.sampled_from(["优", "良", "中", "差", "优秀", " 良 ", "", "甲"]))
    if draw(st.booleans()):
        project["budget_points"] = draw(numbers(0, 20))
    project["__layout__"] = draw(st.sampled_from(["inline", "inline", "set", "set", "set-extra", "set-missing", "approved"]))
    project["__set_points__"] = draw(st.one_of(st.none(), numbers(0, 20)))
    return project


@st.composite
def plain_documents(draw) -> dict:
    """An evaluation in the plain shape (inline rows, or an indicator set and results; a project or
    an [overall] table; an approved set now and then), then up to three changes: a key set to an odd
    value, removed, or added, at the top, in a project, in a row, a budget or a claim."""
    doc: dict = {"department": "测试部门", "year": 2023,
                 "project": [draw(plain_projects(i)) for i in range(draw(st.integers(1, 3)))]}
    if draw(st.booleans()):
        doc["overall"] = doc["project"].pop(0)
        if draw(st.booleans()):  # the overall table's name: 部门整体, or its set's title
            doc["overall"].pop("name")
    if draw(st.booleans()):
        doc["policy"] = draw(st.sampled_from(["central-2020", "central-2020-whole", "hubei-2022", "yitihua-2023"]))
    if draw(st.booleans()):
        doc["money_unit"] = draw(st.sampled_from(["元", "万元"]))
    if draw(st.booleans()):
        doc["claimed"] = {"score": draw(numbers(0, 100)), "grade": draw(st.sampled_from(["优", "良", "中", "合格"]))}
    subjects = doc["project"] + ([doc["overall"]] if "overall" in doc else [])
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        places: list[tuple[dict, list[str]]] = [(doc, TOP_KEYS)]
        if subjects:
            subject = draw(st.sampled_from(subjects))
            places.append((subject, PROJECT_KEYS))
            rows = subject.get("indicator")
            if isinstance(rows, list) and rows:
                places.append((draw(st.sampled_from(rows)), ROW_KEYS))
            for key, keys in (("budget", ["initial", "full_year", "executed", "received", "spent"]),
                              ("claimed", ["score", "grade", "budget_score", "points", "scor"])):
                if isinstance(subject.setdefault(key, {}), dict):
                    places.append((subject[key], keys))
        where, keys = draw(st.sampled_from(places))
        key = draw(st.sampled_from(keys))
        if key in where and draw(st.booleans()):
            del where[key]
        else:
            where[key] = draw(ODD)
    return doc


def _toml_keys(table: dict) -> list[str]:
    return [f"{json.dumps(k, ensure_ascii=False)} = {toml_text(v)}" for k, v in table.items()]


def _write_set(path: Path, title: str, rows: list, points=None) -> None:
    lines = [f"title = {toml_text(title)}"] + ([f"budget_points = {toml_text(points)}"] if points is not None else [])
    for row in rows:
        lines += ["", "[[indicator]]", *_toml_keys(row)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _subject(folder: Path, header: str, subject: dict, n: int) -> list[str]:
    """A subject's lines: inline rows, or its rows moved to an indicator set (indicator keys) with
    their results here (the other keys); an approved set is its rows' indicator keys as written."""
    subject = dict(subject)
    layout = subject.pop("__layout__", "inline")
    points = subject.pop("__set_points__", None)
    rows = subject.pop("indicator", None)
    dicts = isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
    if layout == "approved" and dicts:
        _write_set(folder / f"approved{n}.toml", "批复", [{k: v for k, v in r.items() if k in INDICATOR_KEYS} for r in rows], points)
        subject.setdefault("approved", f"approved{n}.toml")
    if layout.startswith("set") and dicts and "indicators" not in subject:
        _write_set(folder / f"set{n}.toml", f"指标集{n}", [{k: v for k, v in r.items() if k in INDICATOR_KEYS} for r in rows], points)
        subject["indicators"] = f"set{n}.toml"
        results = {}
        for r in rows:
            key = r.get("id", r.get("name"))
            results[str(key) if isinstance(key, (str, int)) and not isinstance(key, bool) else "?"] = {
                k: v for k, v in r.items() if k not in INDICATOR_KEYS}
        if layout == "set-extra":
            results["未知"] = {"actual": 1}
        elif layout == "set-missing" and len(results) > 1:
            results.popitem()
        subject.setdefault("results", results)
        rows = None
    lines = ["", header, *_toml_keys(subject)]
    if rows is not None and not dicts:
        lines.append(f"indicator = {toml_text(rows)}")
    elif rows is not None:
        for row in rows:
            lines += ["", f"[[{header.strip('[]')}.indicator]]", *_toml_keys(row)]
    return lines


def _write(folder: Path, doc: dict) -> Path:
    path = folder / "e.toml"
    lines = _toml_keys({k: v for k, v in doc.items() if k not in ("project", "overall")
                        or not isinstance(v, dict) and not (k == "project" and isinstance(v, list))})
    if isinstance(doc.get("overall"), dict):
        lines += _subject(folder, "[overall]", doc["overall"], 0)
    for n, project in enumerate(doc["project"] if isinstance(doc.get("project"), list) else [], start=1):
        if isinstance(project, dict):
            lines += _subject(folder, "[[project]]", project, n)
        else:
            lines += ["", "[[project]]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _both(path: Path, policy: str | None) -> tuple[object, object, Evaluation | None]:
    """The full path's evaluation (or its problems), the default path's, and what the lean path built."""
    taken: list[Evaluation | None] = []

    def spy(*args):
        built = lean_evaluation(*args)
        taken.append(built)
        return built

    def load(lean: bool) -> object:
        try:
            return load_evaluation(path, "e.toml", policy=policy, lean=lean)
        except InputError as exc:
            return [p.text() for p in exc.problems]

    full = load(lean=False)
    with patch.object(_evaluation, "lean_evaluation", spy):
        default = load(lean=True)
    return full, default, next(iter(taken), None)


def _summary_rows(path: Path, policy: str | None) -> object:
    """The summary row, in both languages, of the file read for a summary (its quiet rows folded, as a
    batch without --details reads it), or its problems."""
    try:
        row = summarise(score_evaluation(load_evaluation(path, "e.toml", policy=policy, quiet=engine.quiet_score)), "sha")
    except InputError as exc:
        return [p.text() for p in exc.problems]
    return [json.dumps(submission_dict(row, lang), ensure_ascii=False) for lang in ("zh", "en")]


def _without_places(ev: Evaluation) -> Evaluation:
    """The evaluation with each row's place as the ``file:line`` it names (a place is compared by what it says)."""
    def lines(rows: tuple[Line, ...] | None) -> tuple[Line, ...] | None:
        return None if rows is None else tuple(attrs.evolve(line, place=str(line.place)) for line in rows)

    def subject(s: Subject | None) -> Subject | None:
        return None if s is None else attrs.evolve(s, lines=lines(s.lines), approved=lines(s.approved))

    return attrs.evolve(ev, overall=subject(ev.overall), projects=tuple(subject(s) for s in ev.projects))


def _same(full: Evaluation, lean: Evaluation) -> None:
    assert _without_places(lean) == _without_places(full)
    a, b = score_evaluation(full), score_evaluation(lean)
    for lang in ("zh", "en"):
        assert json.dumps(result_dict(b, lang), ensure_ascii=False) == json.dumps(result_dict(a, lang), ensure_ascii=False)
        row_a, row_b = summarise(a, "sha"), summarise(b, "sha")
        assert json.dumps(submission_dict(row_b, lang), ensure_ascii=False) == json.dumps(submission_dict(row_a, lang), ensure_ascii=False)
        assert row_b == row_a


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plain_documents(), st.sampled_from([None, None, "central-2020-whole"]))
def test_the_lean_path_builds_what_the_full_path_builds_or_steps_aside(doc, policy):
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), doc)
        full, default, lean = _both(path, policy)
        event("lean" if lean is not None else "full")
        summary = _summary_rows(path, policy)
        if not isinstance(full, Evaluation):
            assert lean is None, "the lean path accepted a file the full path refuses"
            assert default == full, "the problems are not the full path's"
            assert summary == full, "read for a summary, the file is not refused as the full path refuses it"
            return
        assert isinstance(default, Evaluation)
        if lean is not None:
            assert default is lean
            _same(full, lean)
        whole = summarise(score_evaluation(full), "sha")
        assert summary == [json.dumps(submission_dict(whole, lang), ensure_ascii=False) for lang in ("zh", "en")], \
            "read for a summary (quiet rows folded), the file's summary row is not the full path's"


def test_plain_files_take_the_lean_path_and_others_do_not(tmp_path):
    """The test above can only fail if the lean path is taken: every corpus file is (an approved set
    included); a row with no direction (定量), a word for a target with a comparator, a scale on a
    quantitative row or a row not applicable is not."""
    write_corpus(tmp_path, files=6, indicators=12, misclaimed=0.5, shape="symbols")  # the plain shape the lean path reads
    write_submission(tmp_path, "批复单位", 12, {"target-changed"}, 0, misclaimed=0.5, shape="symbols")  # a project with an approved set
    plain = sorted(tmp_path.glob("*.toml"))
    assert any("approved" in p.read_text(encoding="utf-8") for p in plain)
    for path in plain:
        full, default, lean = _both(path, None)
        assert isinstance(full, Evaluation) and lean is not None and default is lean
        _same(full, lean)
        folded = load_evaluation(path, "e.toml", quiet=engine.quiet_score)
        assert all(isinstance(s.lines, FoldedRows) and s.lines.quiet for s in folded.subjects if s.approved is None)
        assert _summary_rows(path, None) == [json.dumps(submission_dict(summarise(score_evaluation(full), "sha"), lang), ensure_ascii=False)
                                              for lang in ("zh", "en")]
    base = path.read_text(encoding="utf-8")
    for pattern, new in ((r'\ncomparator = "≥"\n', '\ncomparator = "定量"\n'), (r"\ntarget = (\d+)\n", '\ntarget = "及时"\n'),
                         (r'\nunit = "个"\n', '\nunit = "个"\nscale = "优良中低差"\n'), (r"\nactual = ([\d.]+)\n", '\nstatus = "na"\n')):
        changed = re.sub(pattern, new, base, count=1)
        assert changed != base, pattern
        path.write_text(changed, encoding="utf-8")
        full, default, lean = _both(path, None)
        assert lean is None, new
        assert default == full if isinstance(full, list) else isinstance(default, Evaluation)


@pytest.mark.parametrize("text", [
    'department = "部"\nyear = 2023\n\n[[project]]\nname = "甲"\n\n[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\n'
    'comparator = "≥"\ntarget = 4\nunit = "个"\nweight = 10\nactual = 4\nclaimed = -1\n',
    'department = "部"\nyear = 2023\n\n[[project]]\nname = "甲"\n\n[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\n'
    'comparator = "≥"\ntarget = 4\nunit = "个"\nweight = 0\nactual = 4\n',
    'department = "部"\nyear = 2023\nclaimed = { grade = "甲" }\n\n[[project]]\nname = "甲"\n\n[[project.indicator]]\nlevel1 = "产出指标"\n'
    'name = "数"\ncomparator = "≥"\ntarget = 4\nunit = "个"\nweight = 10\nactual = 4\n',
])
def test_a_refused_plain_file_gets_the_full_paths_problems(tmp_path, text):
    path = tmp_path / "e.toml"
    path.write_text(text, encoding="utf-8")
    full, default, lean = _both(path, None)
    assert isinstance(full, list) and full and lean is None and default == full


ROW = ('department = "部"\nyear = 2023\n\n[[project]]\nname = "甲"\n\n[[project.indicator]]\nlevel1 = "产出指标"\n'
       'name = "数量(个)"\ncomparator = "≥"\ntarget = 4\nunit = "个"\nweight = 10\nactual = 4\n')


@pytest.mark.parametrize("old, new", [
    ('unit = "个"', 'unit = ""'),  # no unit: the one in the name is read, as the full path reads it
    ('unit = "个"', 'unit = " 个 "'),
    ("target = 4", "target = -1"),  # refused
    ("target = 4", "target = 4.0"),
    ("target = 4", "target = 1000000000000000"),  # refused: past the bound on numbers
    ("actual = 4", "actual = 1000000000000000"),  # refused
    ("actual = 4", "actual = -999999999999999"),
    ("actual = 4", "actual = 4\nclaimed = 0"),
    ("actual = 4", "actual = 4\nclaimed = -0.5"),  # refused
    ("actual = 4", "actual = -2"),
    ("actual = 4", 'actual = "4个"'),
    ("weight = 10", "weight = -1"),  # refused
    ('comparator = "≥"', 'comparator = " ≥ "'),
    ('name = "数量(个)"', 'name = "数量(个)"\nreason = " "'),
    ('name = "数量(个)"', 'name = "数量(个)"\nlevel2 = ""'),
    ('name = "数量(个)"', 'name = "数量(个)"\nid = 7'),
    ('name = "数量(个)"', 'name = "数量(个)"\nid = 7.5'),  # refused
])
def test_a_row_at_the_edge_of_the_plain_shape_is_read_as_the_full_path_reads_it(tmp_path, old, new):
    """The commonest row is read in one step (``_Reader.plain_values``); at each edge of that shape the
    file is read as the full path reads it, or refused as it refuses it."""
    assert old in ROW
    path = tmp_path / "e.toml"
    path.write_text(ROW.replace(old, new), encoding="utf-8")
    full, default, lean = _both(path, None)
    if isinstance(full, list):
        assert full and lean is None and default == full
    else:
        assert isinstance(default, Evaluation)
        if lean is not None:
            _same(full, lean)


def _row(level1: str, name: str, weight: int, extra: str = "") -> str:
    return (f'\n[[project.indicator]]\nlevel1 = "{level1}"\nname = "{name}"\ncomparator = "≥"\ntarget = 90\nunit = "%"\n'
            f"weight = {weight}\nactual = 95\nclaimed = {weight}\n{extra}")


@pytest.mark.parametrize("rows", [
    # two quiet rows with one id
    _row("产出指标", "甲", 50, 'id = "r1"\n') + _row("产出指标", "乙", 50, 'id = "r1"\n'),
    # satisfaction written as a 二级 under 效益指标, and a 二级 block whose printed points its rows do not add to
    _row("产出指标(50分)", "甲", 50) + _row("效益指标", "乙", 20, 'level2 = "社会效益指标(25分)"\n')
    + _row("效益指标", "丙", 10, 'level2 = "满意度指标"\n') + _row("成本指标", "丁", 10),
    # 满意度 as its own 一级, and one row that has something to say between quiet ones
    _row("产出指标", "甲", 50) + _row("效益指标", "乙", 30, "reason = \"\"\n").replace("actual = 95", "actual = 45")
    + _row("满意度指标", "丙", 10) + _row("成本指标", "丁", 10),
])
def test_a_summary_with_quiet_rows_folded_is_the_full_paths_summary(tmp_path, rows):
    """The table checks that read every row (ids, points, 一级 and 二级 blocks, where 满意度 is) read
    the folded rows too."""
    path = tmp_path / "e.toml"
    path.write_text('department = "部"\nyear = 2023\n\n[[project]]\nname = "甲"\nbudget_points = 0\n' + rows, encoding="utf-8")
    full, _, _ = _both(path, None)
    if isinstance(full, list):
        assert _summary_rows(path, None) == full
        return
    folded = load_evaluation(path, "e.toml", quiet=engine.quiet_score)
    assert folded.projects[0].lines.quiet  # type: ignore[attr-defined]
    assert _summary_rows(path, None) == [json.dumps(submission_dict(summarise(score_evaluation(full), "sha"), lang), ensure_ascii=False)
                                          for lang in ("zh", "en")]


@st.composite
def claimed_subjects(draw) -> Subject:
    """A project whose rows claim their exact score, that score as the policy rounds it, a little
    more or less, or nothing."""
    subject = draw(subjects())
    lines = []
    for line in subject.lines:
        if line.indicator.target is not None:  # now and then no unit, or half points whole-point rounding lifts
            line = attrs.evolve(line, indicator=attrs.evolve(
                line.indicator, unit=draw(st.sampled_from(["%", None])), weight=draw(st.sampled_from([line.indicator.weight, Decimal("12.5")]))))
        exact = rules.score_outcome(line.indicator, line.outcome, CENTRAL).exact
        claim = draw(st.sampled_from([None, exact, exact.quantize(Decimal("0.01")), exact.quantize(Decimal(1)),
                                      exact + Decimal("0.01"), exact - Decimal("0.5"), line.indicator.weight]))
        lines.append(attrs.evolve(line, outcome=attrs.evolve(line.outcome, claimed=claim)))
    return attrs.evolve(subject, lines=tuple(lines))


@settings(max_examples=300, deadline=None)
@given(claimed_subjects(), policies())
def test_the_quick_row_path_scores_and_remarks_as_the_full_one(subject, policy):
    """A row with nothing to say is scored from plain values, its trace worked out only when shown;
    every score, trace and finding is what the full row path gives."""
    quick_findings: list = []
    quick = score_subject(subject, policy, quick_findings)
    taken = sum(1 for r in quick.lines if r.traced is None and r.counted)
    event(f"rows scored quick: {'some' if taken else 'none'}")
    full_findings: list = []
    with patch.object(engine, "_quick", lambda *args: None):
        full = score_subject(subject, policy, full_findings)
    assert quick == full
    assert [r.scored for r in quick.lines] == [r.scored for r in full.lines]
    assert quick_findings == full_findings


@settings(max_examples=300, deadline=None)
@given(claimed_subjects(), policies())
def test_a_table_with_its_quiet_rows_folded_scores_as_the_whole_table(subject, policy):
    """Read for a summary, a row with nothing to say is only counted (FoldedRows): the table's score,
    grade, points and findings are the whole table's, and the lines it lists are its other lines,
    scored as the whole table scores them."""
    assume(subject.approved is None)
    lines, points, quiet = [], [], []
    for line in subject.lines:
        ind, out = line.indicator, line.outcome
        points.append(ind.points)
        if engine._quick(line, policy, lambda exact: exact) is None:
            lines.append(line)
        else:
            exact = engine.quiet_score(ind.target, out.actual, ind.weight, ind.comparator, out.reason, out.claimed, policy)
            assert exact is not None
            quiet.append((exact, ind.weight, out.claimed))
    event(f"rows folded: {'some' if quiet else 'none'}")
    folded_findings: list = []
    # Every line kept is marked as found to have something to say: not asked again, it is scored the full way.
    folded = score_subject(attrs.evolve(subject, lines=FoldedRows(lines, points, quiet, [True] * len(lines))), policy, folded_findings)
    whole_findings: list = []
    whole = score_subject(subject, policy, whole_findings)
    assert folded_findings == whole_findings
    for field in attrs.fields(type(whole)):
        if field.name not in ("subject", "lines"):
            assert getattr(folded, field.name) == getattr(whole, field.name), field.name
    assert folded.lines == tuple(r for r in whole.lines if any(r.line is line for line in lines))


def test_a_table_with_an_approved_set_is_never_folded(tmp_path):
    """Its rows are held against the approved ones row by row: the reader reads them whole, and the
    engine refuses folded rows there."""
    write_submission(tmp_path, "批复单位", 12, {"target-changed"}, 0, misclaimed=0.5, shape="symbols")
    (path,) = tmp_path.glob("*.toml")
    folded = load_evaluation(path, quiet=engine.quiet_score)
    approved = [s for s in folded.subjects if s.approved is not None]
    assert approved and not any(isinstance(s.lines, FoldedRows) for s in approved)
    subject = approved[0]
    with pytest.raises(ValueError, match="approved"):
        score_subject(attrs.evolve(subject, lines=FoldedRows(list(subject.lines), [], [])), folded.policy, [])
