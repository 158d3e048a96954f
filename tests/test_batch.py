"""Re-scoring many submissions: the summary, planted discrepancies, changed targets."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import batch, load_evaluation, score_file
from scoring.cli import app
from scoring.engine import score_evaluation, score_subject
from scoring.i18n import word
from scoring.model import Claim
from scoring.testing import PLANTS, write_corpus, write_submission

from .builder import evaluation, project, row, toml
from .conftest import ROOT, runner
from .strategies import CENTRAL, policies, subjects


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list]:
    folder = tmp_path_factory.mktemp("inbox")
    subs = write_corpus(folder, files=12, indicators=45, seed=3, wrong=0.7)
    return folder, subs


@pytest.mark.parametrize("kind", PLANTS)
def test_every_planted_discrepancy_is_flagged_with_its_reason(tmp_path, kind):
    sub = write_submission(tmp_path, "单位", 60, {kind})
    result = score_file(sub.path)
    assert result.score == sub.score  # the generator's own arithmetic agrees with the engine
    for plant in sub.plants:
        code = "target-changed" if kind == "target-changed" else "claimed-mismatch"
        hits = [f for f in result.findings if f.code == code and (f.subject or "") == plant.subject
                and (plant.indicator is None or f.indicator == plant.indicator)]
        assert hits, (kind, [f.word("zh") for f in result.findings])
        assert all(f.claimed and f.computed for f in hits)
        if code == "claimed-mismatch":
            assert all(f.formula for f in hits)


def test_clean_submission_has_no_discrepancy(tmp_path):
    sub = write_submission(tmp_path, "单位", 80, set())
    result = score_file(sub.path)
    assert result.score == sub.score
    assert not [f for f in result.findings if f.severity == "error"]


def test_summary_equals_the_per_file_results(corpus):
    folder, subs = corpus
    got = batch.run([folder]).submissions
    rows = [batch.summarise(score_file(s.path), hashlib.sha256(s.path.read_bytes()).hexdigest()) for s in subs]
    spooled = batch.Batch()
    for summary_row in rows:
        spooled.add(summary_row, None)
    expected = list(spooled.finish().submissions)  # ranked, duplicates marked, read back from the spool
    assert list(got) == expected and [r.path for r in expected] == [r.path for r in sorted(rows, key=batch.sort_key)]
    largest = [r.largest for r in got]
    assert largest == sorted(largest, reverse=True)


@settings(max_examples=6, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from([1, 2]))
def test_summary_does_not_depend_on_input_order_or_jobs(corpus_paths, rnd, jobs):
    reference, paths = corpus_paths
    shuffled = list(paths)
    rnd.shuffle(shuffled)
    assert batch.run(shuffled, jobs=jobs).submissions == reference


def test_a_batch_collects_less_while_it_runs_and_leaves_the_collector_as_it_was(corpus, monkeypatch):
    """A batch raises the collector's first threshold while it scores (in its workers too), and
    gives a program that calls it back the collector it had, whether the batch ends or fails."""
    import gc

    folder, _ = corpus
    seen: list[int] = []
    score_one = batch.score_one
    monkeypatch.setattr(batch, "score_one", lambda task: (seen.append(gc.get_threshold()[0]), score_one(task))[1])
    before = gc.get_threshold()
    gc.set_threshold(700, 11, 12)
    try:
        batch.run([folder])
        assert gc.get_threshold() == (700, 11, 12)
        assert seen and set(seen) == {batch.YOUNG}
        monkeypatch.setattr(batch, "score_one", lambda task: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            batch.run([folder])
        assert gc.get_threshold() == (700, 11, 12)
    finally:
        gc.set_threshold(*before)


@pytest.fixture(scope="module")
def corpus_paths(corpus):
    folder, subs = corpus
    paths = [s.path for s in subs]
    return batch.run(paths).submissions, paths


@settings(max_examples=80)
@given(subjects(budget=True), policies(), st.integers(1, 500), st.booleans())
def test_correct_claims_hold_and_wrong_ones_never_do(subject, policy, units, up):
    probe = score_subject(subject, policy, [])
    step = Decimal(1).scaleb(-policy.rounding.decimals)

    def mismatches(claimed):
        found = []
        score_subject(attrs.evolve(subject, claimed=Claim(score=claimed)), policy, found)
        return [f for f in found if f.code == "claimed-mismatch"]

    assert mismatches(probe.score) == []
    off = probe.score + step * units if up else probe.score - step * units
    assert len(mismatches(off)) == 1


def test_whole_point_claims_hold_under_a_whole_point_policy():
    whole = attrs.evolve(CENTRAL, rounding=attrs.evolve(CENTRAL.rounding, decimals=0))
    evaluation = load_evaluation(ROOT / "evaluations" / "2023.toml")
    result = score_evaluation(attrs.evolve(evaluation, policy=whole))
    assert result.score == 98 and "claimed-mismatch" not in {f.code for f in result.findings}


APPROVED = '''title = "批复"
[[indicator]]
id = "a"
level1 = "产出指标"
name = "数量"
target = "≥10个"
weight = 50
[[indicator]]
id = "b"
level1 = "效益指标"
name = "效益"
target = "≥90%"
weight = 30
[[indicator]]
id = "c"
level1 = "满意度指标"
name = "满意度"
target = "≥95%"
weight = 10
'''


ROWS = {
    "a": row("产出指标", "数量", "≥10个", 50, id="a", actual=8, reason="延期"),
    "b": row("效益指标", "效益", "≥90%", 30, id="b", actual="90%"),
    "c": row("满意度指标", "满意度", "≥95%", 10, id="c", actual="96%"),
}


def _submitted(rows: dict[str, dict]) -> str:
    return toml(evaluation(project("甲", *rows.values(), approved="approved.toml", budget={"full_year": 1, "executed": 1}),
                           department="部"))


def _changes(write, rows) -> list:
    write("approved.toml", APPROVED)
    result = score_file(write("e.toml", _submitted(rows)))
    return result, [f for f in result.findings if f.code == "target-changed"]


def test_restating_every_approved_target_changes_nothing(write):
    result, changes = _changes(write, ROWS)
    assert changes == [] and result.projects[0].as_submitted is None


@pytest.mark.parametrize("key, change, what", [
    ("a", {"target": "≥8个"}, "指标值"),
    ("b", {"target": "≤90%"}, "指标性质"),
    ("c", {"weight": 20}, "分值"),
])
def test_one_changed_target_gives_exactly_one_finding(write, key, change, what):
    rows = dict(ROWS)
    rows[key] = rows[key] | change
    result, changes = _changes(write, rows)
    assert len(changes) == 1 and changes[0].indicator == key and what in changes[0].word("zh")
    assert changes[0].severity == "error"


def test_lowered_target_is_scored_against_the_approved_one(write):
    rows = dict(ROWS)
    rows["a"] = rows["a"] | {"target": "≥8个"}
    result, (change,) = _changes(write, rows)
    project = result.projects[0]
    assert project.score == 90 and project.as_submitted == 100
    assert "差 10.00" in change.word("zh")


def test_dropped_and_added_indicators(write):
    rows = dict(ROWS)
    del rows["c"]
    rows["d"] = row("满意度指标", "新指标", "≥1个", 10, id="d", actual=1)
    result, changes = _changes(write, rows)
    assert sorted((f.indicator, "未出现" in f.word("zh"), "未批复" in f.word("zh")) for f in changes) == [("c", True, False), ("d", False, True)]
    assert result.projects[0].score == 80
    for fmt in ("table", "markdown", "csv", "json"):
        shown = runner.invoke(app, [str(write("e.toml", _submitted(rows))), "-f", fmt])
        assert shown.exit_code == 0 and "Traceback" not in shown.output
    assert "未填报" in runner.invoke(app, [str(write("e.toml", _submitted(rows)))]).output


def test_mixed_folder_scores_the_good_and_lists_the_broken(tmp_path):
    folder = tmp_path / "inbox"
    shutil.copytree(ROOT / "evaluations", folder / "evaluations")
    shutil.copytree(ROOT / "indicator_sets", folder / "indicator_sets")
    write_submission(folder / "more", "单位甲", 30, {"department"})
    (folder / "more" / "broken.toml").write_text('department = "坏"\nyear = 2023\n[[project]\n', encoding="utf-8")
    (folder / "more" / "notes.toml").write_text('author = "someone"\n', encoding="utf-8")
    result = runner.invoke(app, [str(folder), "-f", "json"])
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert data["format"] == "scoring.batch.v1"
    paths = [s["path"] for s in data["submissions"]]
    shipped = [p for p in (ROOT / "evaluations").rglob("*") if p.suffix in (".toml", ".xlsx") and "approved" not in p.parts]
    assert len(paths) == len(shipped) + 1 and all("indicator_sets" not in p and "approved" not in p for p in paths)
    assert any(p.endswith("两区标识建设-自评表.xlsx") for p in paths)  # a workbook is a submission too
    planted = next(s for s in data["submissions"] if "单位甲" in s["path"])
    assert planted["difference"] == "2.00" and "overclaimed" in planted["kinds"]  # the planted department claim
    assert sorted(Path(u["path"]).name for u in data["unreadable"]) == ["broken.toml", "notes.toml"]
    broken = next(u for u in data["unreadable"] if u["path"].endswith("broken.toml"))
    assert "3:" in broken["problems"][0]


def test_an_indicator_set_or_policy_named_on_its_own_is_refused_as_check_refuses_it(tmp_path):
    """Found in a folder, an indicator set or a policy is an input of the evaluations and is not
    listed; named on the command line, it is no submission, and the batch says so instead of
    dropping it (``score check`` and the batch classify files with the same code)."""
    seed = ROOT / "evaluations" / "2023.toml"
    named = [ROOT / "indicator_sets" / "liangqu-biaoshi-2023.toml", ROOT / "scoring" / "policies" / "hubei-2022.toml"]
    result = runner.invoke(app, [str(seed), *map(str, named), "-f", "json"])
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert len(data["submissions"]) == 1
    assert [Path(u["path"]).name for u in data["unreadable"]] == [p.name for p in named]
    assert "指标集" in data["unreadable"][0]["problems"][0] and "评分规则" in data["unreadable"][1]["problems"][0]
    checked = runner.invoke(app, ["check", str(seed), *map(str, named)])
    assert checked.exit_code == 2
    assert all(f"{p.name}：应为评价文件" in checked.output for p in named)


def test_a_batch_report_is_never_written_over_a_set_or_policy_found_in_its_folder(tmp_path):
    """Read to tell its kind, an indicator set or a policy in the folder is an input even when no
    evaluation names it, and not listed."""
    folder = tmp_path / "inbox"
    write_submission(folder, "单位甲", 10, set())
    spare = folder / "spare-policy.toml"
    shutil.copy(ROOT / "scoring" / "policies" / "hubei-2022.toml", spare)
    before = spare.read_bytes()
    result = runner.invoke(app, [str(folder), "-f", "json", "-o", str(spare), "--force"])
    assert result.exit_code == 2 and spare.read_bytes() == before
    listed = json.loads(runner.invoke(app, [str(folder), "-f", "json"]).output)
    assert [Path(s["path"]).name for s in listed["submissions"]] == ["单位甲.toml"] and listed["unreadable"] == []


def test_a_folder_with_no_evaluation_is_named_not_passed_over(tmp_path):
    """An empty folder, or one holding only indicator sets, was an empty summary with exit code 0, and
    ``score check`` said nothing: as if all were well."""
    empty, sets = tmp_path / "empty", tmp_path / "sets"
    empty.mkdir()
    shutil.copytree(ROOT / "indicator_sets", sets)
    result = runner.invoke(app, [str(empty), str(sets), str(ROOT / "evaluations" / "2023.toml"), "-f", "json"])
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert len(data["submissions"]) == 1
    assert [Path(u["path"]).name for u in data["unreadable"]] == ["empty", "sets"]
    assert all("没有评价文件" in u["problems"][0] for u in data["unreadable"])
    checked = runner.invoke(app, ["check", str(empty), str(sets)])
    assert checked.exit_code == 2 and "empty：应为含评价文件的文件夹" in checked.output and "sets：" in checked.output
    assert runner.invoke(app, ["check", str(ROOT / "evaluations")]).exit_code == 0


def test_batch_output_is_the_same_with_one_or_two_jobs(corpus):
    folder, _ = corpus
    outputs = {}
    for fmt in ("json", "csv", "markdown", "table"):
        one = runner.invoke(app, [str(folder), "-f", fmt, "--jobs", "1", "--details"])
        two = runner.invoke(app, [str(folder), "-f", fmt, "--jobs", "2", "--details"])
        assert one.exit_code == two.exit_code == 0
        assert one.output == two.output
        outputs[fmt] = one.output
    data = json.loads(outputs["json"])
    assert all(s["result"]["format"] == "scoring.result.v1" for s in data["submissions"])


def test_details_show_every_row_while_the_summary_folds_the_quiet_ones(corpus):
    """A summary reads a row with nothing to say only to count it; --details shows every table whole,
    as `score FILE -f json` does, and the summary row is the same either way."""
    folder, _ = corpus
    summary = json.loads(runner.invoke(app, [str(folder), "-f", "json", "--jobs", "1"]).output)
    detailed = json.loads(runner.invoke(app, [str(folder), "-f", "json", "--jobs", "1", "--details"]).output)
    for sub in detailed["submissions"]:
        alone = json.loads(runner.invoke(app, [sub["path"], "-f", "json"]).output)
        assert sub["result"] == alone
        assert sum(len(p["indicators"]) for p in alone["projects"]) == len(re.findall(r"^\[\[project\.indicator\]\]", Path(sub["path"]).read_text(encoding="utf-8"), re.M))
    assert [{k: v for k, v in sub.items() if k != "result"} for sub in detailed["submissions"]] == summary["submissions"]


def test_summary_table_and_fail_on(corpus):
    folder, subs = corpus
    result = runner.invoke(app, [str(folder), "--fail-on", "error"])
    assert result.exit_code == 1
    assert "复算汇总" in result.output and "差异明细" in result.output and "多报" in result.output


def test_the_bureaus_policy_governs_every_submission(tmp_path):
    """--policy is the bureau's: a file that names its own (lenient) policy is scored by the bureau's,
    and the policy it named is reported, not used."""
    rules = tmp_path / "whole.toml"
    rules.write_text('id = "whole"\ntitle = "整数"\nextends = "central-2020"\n[rounding]\ndecimals = 0\n', encoding="utf-8")
    inbox = tmp_path / "inbox"
    sub = write_submission(inbox, "单位", 30, set())
    doc = tomli.loads(sub.path.read_text(encoding="utf-8"), parse_float=Decimal)
    del doc["policy"]
    sub.path.write_text(toml(doc), encoding="utf-8")
    data = json.loads(runner.invoke(app, [str(inbox), str(ROOT / "evaluations" / "2023.toml"), "-f", "json", "--policy", str(rules)]).output)
    assert data["policy_default"] == str(rules)
    by_path = {Path(s["path"]).name: s for s in data["submissions"]}
    assert by_path["单位.toml"]["policy"] == "whole" and by_path["单位.toml"]["policy_declared"] is None
    assert by_path["2023.toml"]["policy"] == "whole" and by_path["2023.toml"]["policy_declared"] == "central-2020"
    assert not by_path["2023.toml"]["policy_builtin"]
    plain = json.loads(runner.invoke(app, [str(inbox), str(ROOT / "evaluations" / "2023.toml"), "-f", "json"]).output)
    assert {s["policy"] for s in plain["submissions"]} == {"central-2020"} and all(s["policy_builtin"] for s in plain["submissions"])


def test_a_completion_of_the_wrong_kind_scores_zero_against_the_approved_row(write):
    rows = dict(ROWS)
    rows["c"] = row("满意度指标", "满意度", "优良中低差", 10, id="c", comparator="定性", grade="优")
    result, changes = _changes(write, rows)
    line = next(r for r in result.projects[0].lines if r.line.indicator.id == "c")
    assert line.score == 0 and line.scored.rule == "missing"
    assert [c.indicator for c in changes] == ["c"] * 3  # its comparator, target and unit all differ
    assert {"指标性质", "指标值", "度量单位"} == {w for f in changes for w in ("指标性质", "指标值", "度量单位") if w in f.word("zh")}


def test_a_qualitative_row_in_free_words_is_scored_against_its_unchanged_approved_row(write):
    """定性 free words with a claim within the points are the department's own score (qualitative-judged),
    against the approved set as without one: never 0 and an overclaim the department did not make."""
    write("set.toml", 'title = "批复"\n[[indicator]]\nlevel1 = "产出指标"\nname = "完成情况"\ntarget = "有效"\nweight = 50\n'
                      '[[indicator]]\nlevel1 = "效益指标"\nname = "数量"\ntarget = "≥10个"\nweight = 50\n')
    rows = ('[[project.indicator]]\nlevel1 = "产出指标"\nname = "完成情况"\ntarget = "有效"\nweight = 50\n'
            'actual = "按计划推进，成效明显"\nclaimed = 45\n'
            '[[project.indicator]]\nlevel1 = "效益指标"\nname = "数量"\ntarget = "≥10个"\nweight = 50\nactual = 10\nclaimed = 50\n')
    head = 'department = "甲"\nyear = 2023\n[[project]]\nname = "项目"\nbudget_points = 0\n'
    with_set = score_file(write("e.toml", head + 'approved = "set.toml"\n' + rows))
    without = score_file(write("f.toml", head + rows))
    assert with_set.projects[0].score == without.projects[0].score == 95
    assert [f.code for f in with_set.findings if f.code in ("claimed-mismatch", "target-changed")] == []
    assert "qualitative-judged" in {f.code for f in with_set.findings}


def test_rows_written_by_the_workers_are_the_rows_the_parent_would_write(tmp_path):
    """JSON and CSV summary rows are written in the workers and copied by the parent, duplicates spliced
    in at the end: the output is byte for byte what writing every row in the parent gives, for any
    --jobs, with --kind, and with duplicate submissions."""
    import io

    from scoring.report import render_batch
    from scoring.report.summary import RowText

    inbox = tmp_path / "inbox"
    shutil.copytree(ROOT / "evaluations" / "inbox", inbox)
    first = sorted(inbox.glob("*.toml"))[0]
    (inbox / "copy of first.toml").write_bytes(first.read_bytes())  # the same content twice
    for fmt in ("json", "csv"):
        for kinds in ([], [batch.Kind.OVERCLAIMED]):
            extra = [a for k in kinds for a in ("--kind", str(k))]
            outputs = {jobs: runner.invoke(app, [str(inbox), "-f", fmt, "--jobs", str(jobs), *extra]).output.lstrip("\ufeff")
                       for jobs in (1, 2)}
            assert outputs[1] == outputs[2]
            written = {}
            for text in (RowText(fmt, "zh"), None):  # rows written by the workers, or pickled and written here
                result = batch.run([inbox], text=text)
                assert result.text == text and result.has_duplicates
                buf = io.StringIO()
                render_batch(result.keep(kinds) if kinds else result, fmt, buf, False, "zh")
                written[text] = buf.getvalue()
            assert outputs[1] == written[None] == written[RowText(fmt, "zh")]
            assert "copy of first.toml" in written[None]


@settings(max_examples=200)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=3, unique=True), st.sampled_from(["json", "csv"]),
       st.sampled_from(["zh", "en"]))
def test_duplicates_spliced_into_a_written_row_read_as_if_written_with_it(duplicates, fmt, lang):
    from scoring.report.summary import RowText

    row = batch.summarise(score_file(ROOT / "evaluations" / "2023.toml"), "sha")
    text = RowText(fmt, lang)
    assert text.splice(text(row), tuple(duplicates)) == text(attrs.evolve(row, duplicates=tuple(duplicates)))


def test_a_file_whose_time_runs_out_while_it_is_read_is_stopped_not_called_broken(monkeypatch):
    """The alarm can ring anywhere, also inside the reader, which catches what the converter raises
    (a value it refuses). The time limit must end the file there and say so: not be taken for a
    problem of the file, nor have the file read again without its limit."""
    import scoring.load._problems as problems

    real = problems.converter_for

    class Ringing:
        def __init__(self, detailed: bool):
            self.conv = real(detailed)

        def structure(self, value, cl):
            if cl.__name__ in ("RowDoc", "ResultDoc"):
                raise batch._Timeout()
            return self.conv.structure(value, cl)

    monkeypatch.setattr(problems, "converter_for", Ringing)
    path = str(ROOT / "evaluations" / "2023.toml")
    packed, _ = batch.score_one((path, "2023.toml", None, None, batch.LIMITS, None, None))
    assert isinstance(packed, batch.Unreadable) and not packed.internal
    assert "--timeout" in word(packed.problems[0], "en")
