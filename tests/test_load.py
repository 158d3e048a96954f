"""Reading files: spellings, units, and every problem named with its place."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings

from scoring import InputError, load_evaluation
from scoring.i18n import word
from scoring.load._targets import quantity
from scoring.model import Comparator

from .strategies import evaluation_documents, raw_rows

HEAD = 'department = "测试部门"\nyear = 2023\n'


def project(rows: str, extra: str = "") -> str:
    return HEAD + f'\n[[project]]\nname = "项目甲"\nbudget = {{ full_year = 100, executed = 100 }}\n{extra}\n' + rows


def row(**keys) -> str:
    base = {"level1": '"产出指标"', "name": '"数量"', "weight": "10"}
    base.update({k: v for k, v in keys.items()})
    return "[[project.indicator]]\n" + "".join(f"{k} = {v}\n" for k, v in base.items() if v is not None) + "\n"


def problems_of(path) -> list:
    with pytest.raises(InputError) as info:
        load_evaluation(path)
    return info.value.problems


@pytest.mark.parametrize(
    "text, comparator, number, unit",
    [
        ("≥95%", Comparator.AT_LEAST, "95", "%"),
        ("98%以上", Comparator.AT_LEAST, "98", "%"),
        ("≤22.58万元", Comparator.AT_MOST, "22.58", "万元"),
        ("=100%", Comparator.EQUAL, "100", "%"),
        (">=90%", Comparator.AT_LEAST, "90", "%"),
        ("不少于3个", Comparator.AT_LEAST, "3", "个"),
        ("不超过12月", Comparator.AT_MOST, "12", "月"),
        ("≤12月", Comparator.AT_MOST, "12", "月"),
        ("＞＝９０％", Comparator.AT_LEAST, "90", "%"),
        ("5天以内", Comparator.AT_MOST, "5", "天"),
        ("100%", None, "100", "%"),
        ("43.2", None, "43.2", None),
    ],
)
def test_compact_targets_split(text, comparator, number, unit):
    q = quantity(text)
    assert (q.comparator, q.number, q.unit) == (comparator, Decimal(number), unit)


@pytest.mark.parametrize("spelling", ["≥", ">=", "≧", "不少于", "不低于", "以上"])
def test_every_at_least_spelling(write, spelling):
    ev = load_evaluation(write("e.toml", project(row(comparator=f'"{spelling}"', target="4", unit='"个"', actual="4"))))
    assert ev.projects[0].lines[0].indicator.comparator is Comparator.AT_LEAST


@pytest.mark.parametrize("spelling", ["=", "==", "＝", "═", "﹦"])
def test_every_equal_spelling(write, spelling):
    ev = load_evaluation(write("e.toml", project(row(comparator=f'"{spelling}"', target="100", unit='"%"', actual="100"))))
    assert ev.projects[0].lines[0].indicator.comparator is Comparator.EQUAL


@pytest.mark.parametrize("spelling, cmp", [("≤", Comparator.AT_MOST), ("<=", Comparator.AT_MOST), ("≦", Comparator.AT_MOST),
                                           ("不高于", Comparator.AT_MOST), ("不超过", Comparator.AT_MOST), ("以下", Comparator.AT_MOST),
                                           ("以内", Comparator.AT_MOST), ("＞", Comparator.MORE_THAN), ("＜", Comparator.LESS_THAN),
                                           (">", Comparator.MORE_THAN), ("<", Comparator.LESS_THAN)])
def test_other_spellings(write, spelling, cmp):
    ev = load_evaluation(write("e.toml", project(row(comparator=f'"{spelling}"', target="4", unit='"个"', actual="4"))))
    assert ev.projects[0].lines[0].indicator.comparator is cmp


def test_numbers_are_exact_decimals(write):
    ev = load_evaluation(write("e.toml", project(row(comparator='"≥"', target="0.1", unit='"%"', actual="0.3"))))
    line = ev.projects[0].lines[0]
    assert line.indicator.target == Decimal("0.1")
    assert line.outcome.actual == Decimal("0.3")


def test_percent_is_in_percent_points(write):
    ev = load_evaluation(write("e.toml", project(row(target='"≥95%"', actual='"96%"'))))
    line = ev.projects[0].lines[0]
    assert (line.indicator.target, line.indicator.unit, line.outcome.actual) == (Decimal(95), "%", Decimal(96))


def test_missing_comparator_is_assumed_and_cost_means_at_most(write):
    rows = row(target='"100%"', actual='"100%"') + row(name='"成本"', level2='"成本指标"', target='"22.58万元"', actual="20")
    ev = load_evaluation(write("e.toml", project(rows)))
    a, b = ev.projects[0].lines
    assert a.indicator.comparator is Comparator.AT_LEAST and a.indicator.comparator_assumed
    assert b.indicator.comparator is Comparator.AT_MOST and b.indicator.comparator_assumed


def test_actual_restating_the_target_is_read_and_flagged(write):
    ev = load_evaluation(write("e.toml", project(row(target='"≥90%"', actual='"≥90%"'))))
    outcome = ev.projects[0].lines[0].outcome
    assert outcome.actual == 90 and outcome.restates_target


def test_units_must_agree(write):
    (p,) = problems_of(write("e.toml", project(row(target='"≥4套"', actual='"4个"'))))
    assert "actual" in word(p.place, "zh") and "套" in word(p.expected, "zh") and "4个" in word(p.found, "zh")


def test_compact_target_conflicting_with_comparator(write):
    (p,) = problems_of(write("e.toml", project(row(target='"≥4套"', comparator='"≤"', actual="4"))))
    assert "comparator" in word(p.place, "zh")


@pytest.mark.parametrize("value, found", [("nan", "nan"), ("inf", "inf"), ("-inf", "-inf"), ("true", "true")])
def test_nan_inf_and_booleans_are_not_numbers(write, value, found):
    (p,) = problems_of(write("e.toml", project(row(target="4", unit='"个"', comparator='"≥"', actual=value))))
    assert found in word(p.found, "zh") and p.line is not None


def test_unknown_key_suggests_the_nearest(write):
    text = project(row(target="4", unit='"个"', actual="4", reasn='"x"'))
    (p,) = problems_of(write("e.toml", text))
    assert "reasn" in word(p.found, "zh") and "reason" in word(p.hint, "zh")
    assert p.line == text.splitlines().index('reasn = "x"') + 1


def test_every_problem_at_once_with_lines(write):
    text = project(
        row(target="4", unit='"个"', weight="true", actual="3")
        + row(name='"质量"', comparator='"大约"', target="90", unit='"%"', actual="90")
        + row(name='"效果"', target="90", unit='"%"', rate="1", actual="90"),
        extra='claimed = { grade = "很好" }',
    ) + 'polcy = 1\n'
    path = write("e.toml", text.replace("polcy = 1\n", "").replace('year = 2023\n', 'year = 2023\npolcy = "x"\n'))
    problems = problems_of(path)
    found = [(p.line, word(p.place, "zh").split(" › ")[-1]) for p in problems]
    assert len(problems) == 5, found
    assert all(p.file.endswith("e.toml") and p.line for p in problems)
    lines = [p.line for p in problems]
    assert lines == sorted(lines)


def test_a_refused_indicator_still_has_its_result_keys_checked(write):
    """A row whose indicator is refused still gets its result checked in the same run, not after the
    first fix: with points ≤ 0, its actual against its target; with no target it can read, a negative
    claim, a negative rate and an unknown status."""
    text = project(row(target='"120公里"', weight="0", actual='"约一百公里"', claimed="-1")
                   + row(name='"质量"', target='"很多"', comparator='"≥"', weight="-2", rate="-1", claimed="-1", status='"done"'))
    problems = problems_of(write("e.toml", text))
    keys = [word(p.place, "en").split(" › ")[-2:] for p in problems]
    assert keys == [["indicator “数量”", "weight"], ["indicator “数量”", "actual"], ["indicator “数量”", "claimed"],
                    ["indicator “质量”", "weight"], ["indicator “质量”", "target"], ["indicator “质量”", "rate"],
                    ["indicator “质量”", "claimed"], ["indicator “质量”", "status"]], keys
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_keys_beside_a_required_key_at_fault_are_still_checked(write):
    """A required key of the wrong type (the file's year, a row's points) left nothing beside it built, so
    a negative claim next to it was named only after the first fix."""
    text = project(row(target="10", unit='"个"', weight='"三十"', actual="8", claimed="-1", status='"done"'),
                   extra="").replace("year = 2023", 'year = "2023"\nmoney_unit = "美元"\nclaimed = { score = -5 }')
    problems = problems_of(write("e.toml", text))
    keys = [word(p.place, "en").split(" › ")[-1] for p in problems]
    assert keys == ["year", "money_unit", "score", "weight", "claimed", "status"], keys
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_a_byte_order_mark_is_read_past_and_a_bad_byte_named_by_its_line(tmp_path):
    """Notepad saves UTF-8 with a byte-order mark: the file reads as without one, and a byte that is
    not UTF-8 is named by its line, counted from the first line of the text."""
    text = project(row(target="4", unit='"个"', actual="4"))
    plain, marked = tmp_path / "plain.toml", tmp_path / "marked.toml"
    plain.write_text(text, encoding="utf-8")
    marked.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    rows = lambda path: [(line.indicator, line.outcome) for s in load_evaluation(path).projects for line in s.lines]  # noqa: E731
    assert rows(marked) == rows(plain) and rows(plain)
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8").replace(b'"\xe4\xb8\xaa"', b'"\xff"'))
    (p,) = problems_of(broken)
    assert p.line == text.splitlines().index('unit = "个"') + 1 and "UTF-8" in word(p.expected, "en")


def test_syntax_error_names_line_and_column(write):
    (p,) = problems_of(write("e.toml", HEAD + "[[project]\nname = 1\n"))
    assert (p.line, p.column) == (3, 10)


def test_missing_referenced_set_is_named_as_written(write):
    (p,) = problems_of(write("e.toml", HEAD + '[[project]]\nname = "乙"\nindicators = "../sets/nope.toml"\n'))
    assert '"../sets/nope.toml"' in word(p.found, "zh") and p.line == 5


def test_results_are_matched_by_id(write):
    write("sets/s.toml", 'title = "集"\n[[indicator]]\nid = "门户标识"\nlevel1 = "产出指标"\nname = "数量"\ntarget = "≥3个"\nweight = 90\n')
    path = write("ev/e.toml", HEAD + '[[project]]\nindicators = "../sets/s.toml"\nbudget = { full_year = 1, executed = 1 }\n'
                 '[project.results]\n"门户标志" = { actual = 3 }\n')
    unknown, missing = sorted(problems_of(path), key=lambda p: "门户标志" not in word(p.found, "zh"))
    assert "门户标志" in word(unknown.found, "zh") and "门户标识" in word(unknown.hint, "zh") and unknown.line == 7
    assert "门户标识" in word(missing.expected, "zh")


def test_problems_in_a_referenced_set_name_that_file(write):
    write("sets/s.toml", 'title = "集"\n[[indicator]]\nlevel1 = "产出指标"\nname = "数量"\ntarget = "≥3个"\nweight = -1\n')
    path = write("ev/e.toml", HEAD + '[[project]]\nindicators = "../sets/s.toml"\n[project.results]\n"数量" = { actual = 3 }\n')
    (p,) = problems_of(path)
    assert p.file.endswith("s.toml") and ".." not in p.file
    assert p.line == 6 and "weight" in word(p.place, "zh")


def test_money_unit_and_claimed_grade_are_checked(write):
    path = write("e.toml", HEAD.replace("year", 'money_unit = "千元"\nclaimed = { grade = "A" }\nyear') + "\n"
                 + project(row(target="4", unit='"个"', comparator='"≥"', actual="4")).removeprefix(HEAD))
    places = [word(p.place, "zh") for p in problems_of(path)]
    assert any("money_unit" in p for p in places) and any("grade" in p for p in places)


def test_unknown_policy_is_named(write):
    (p,) = problems_of(write("e.toml", HEAD + 'policy = "no-such"\n' + project(row(target="4", unit='"个"', actual="4")).removeprefix(HEAD)))
    assert '"no-such"' in word(p.found, "zh") and "central-2020" in word(p.expected, "zh") and p.line == 3


def test_qualitative_rows(write):
    rows = (row(name='"定性甲"', comparator='"定性"', target='"优良中低差"', grade='"良"')
            + row(name='"定性乙"', target='"及时"', actual='"完成"')
            + row(name='"定性丙"', comparator='"定性"', target='"优"', grade='"好"'))
    (p,) = problems_of(write("e.toml", project(rows)))
    assert "优、良、中、低、差" in word(p.expected, "zh") and '"好"' in word(p.found, "zh")


@settings(max_examples=300)
@given(raw_rows())
def test_the_converters_two_modes_accept_and_build_the_same(raw):
    """The converter stopping at the first mistake and the one naming every mistake are one set of
    hooks in cattrs' two validation modes: what one builds the other builds, what one refuses the other does."""
    from scoring.load._schema import RowDoc, converter_for

    def built(detailed: bool):
        try:
            return converter_for(detailed).structure(raw, RowDoc)
        except Exception:
            return None

    assert built(False) == built(True)


@settings(max_examples=200, deadline=None)
@given(evaluation_documents())
def test_the_first_problem_is_met_exactly_when_there_are_problems_to_name(tmp_path_factory, text):
    """A file is read first stopping at the first problem, and read again naming them all only when it
    has one: the two readings must agree, or a file would be refused for nothing or passed with a mistake."""
    from scoring.load._evaluation import read_evaluation_document
    from scoring.load._policy import load_policy
    from scoring.load._problems import FirstProblem
    from scoring.load._reader import read_evaluation

    path = tmp_path_factory.mktemp("modes") / "e.toml"
    path.write_text(text, encoding="utf-8")
    try:
        doc = read_evaluation_document(path)
    except InputError:
        return
    policy = load_policy("central-2020")

    def read(stop: bool):
        try:
            return read_evaluation(doc, path, policy, None, {}, stop=stop)
        except (FirstProblem, InputError) as exc:
            return type(exc)

    first, every = read(True), read(False)
    if every is InputError:
        assert first is FirstProblem
    else:
        assert first == every


@settings(max_examples=200, deadline=None)
@given(evaluation_documents())
def test_any_document_loads_or_is_refused_with_its_problems(tmp_path_factory, text):
    """Never a traceback: whatever a file holds, it is scored, or every problem is named."""
    from scoring import score_evaluation

    path = tmp_path_factory.mktemp("fuzz") / "e.toml"
    path.write_text(text, encoding="utf-8")
    try:
        result = score_evaluation(load_evaluation(path))
    except InputError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file.endswith("e.toml") and word(p.expected, "zh") and word(p.found, "zh") and p.word("en")
        return
    import io

    from scoring import render_result

    for fmt in ("table", "json", "markdown", "csv"):  # user text is never a template, in any format or language
        for lang in ("zh", "en"):
            render_result(result, fmt, io.StringIO(), lang)
    render_result(result, "table", io.StringIO(), "zh", explain=True)
