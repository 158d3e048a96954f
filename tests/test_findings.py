"""The catalogue of finding codes: each declared once, each message with a fix that names only its values."""

from __future__ import annotations

import re
import string

import pytest

from scoring import score_file, wording
from scoring.findings import CATALOGUE, KIND_REASONS, Finding, FindingCode, Kind, Severity, say, why
from scoring.i18n import Text

from .conftest import ROOT


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_is_in_the_catalogue_once():
    assert list(CATALOGUE) == list(FindingCode)
    assert set(KIND_REASONS) == set(Kind)


@pytest.mark.parametrize("code", list(FindingCode))
def test_each_message_and_its_fix_agree_in_both_languages(code):
    spec = CATALOGUE[code]
    assert spec.title.zh and spec.title.en and spec.raised_when
    templates = [s.message.zh for s in spec.says.values()]
    assert len(set(templates)) == len(templates), "a fix is found by its message's template: each must differ"
    for said in spec.says.values():
        names = _names(said.message.zh)
        if code is not FindingCode.FUNDS_ROW:  # the reader's own note, one language each side
            assert _names(said.message.en) == names
        if said.fix is not None:
            assert _names(said.fix.zh) <= names | _names(said.message.en) and _names(said.fix.en) <= names | _names(said.message.en)


def test_a_finding_takes_its_severity_and_kind_from_the_catalogue():
    f = Finding.of(FindingCode.TARGET_CHANGED, say(FindingCode.TARGET_CHANGED, "added", name="新", submitted="≥1个", as_submitted="90",
                                                   score="80", v="10"))
    assert f.severity is Severity.ERROR and f.kind is Kind.TARGET_CHANGED
    assert Finding.of(FindingCode.WEIGHTS_SUM, say(FindingCode.WEIGHTS_SUM, subject="甲", declared="90", total="100"),
                      severity="error").severity is Severity.ERROR
    assert why(Kind.MARKED_DOWN, "grade").word("en") == "the claimed grade is below the computed one"


def test_a_claimed_mismatch_says_what_to_write():
    result = score_file(ROOT / "evaluations" / "inbox" / "丁局-政策宣传.toml")
    row = next(f for f in result.findings if f.code == FindingCode.CLAIMED_MISMATCH and f.indicator)
    assert row.fix is not None
    assert row.fix.word("zh") == f"改为复算得分 {row.computed}，或在偏差原因栏说明"
    assert row.fix.word("en") == f"write the computed {row.computed}, or give the reason in 偏差原因"


def test_a_finding_with_nothing_to_change_has_no_fix():
    f = Finding.of(FindingCode.NOT_APPLICABLE, say(FindingCode.NOT_APPLICABLE, "drop", indicator="甲"))
    assert f.fix is None


_HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_formula_template_has_an_english_wording_without_chinese():
    """The English templates carry no Chinese but the name of the 预算执行率 line, kept as the form prints it."""
    templates = {name: v for name, v in vars(wording).items() if isinstance(v, Text)}
    assert len(templates) > 30 and not [name for name, v in templates.items() if _HAN.search(v.en.replace("预算执行率", ""))]


def test_formulas_are_worded_in_the_readers_language():
    from scoring.report.json_ import result_dict

    result = score_file(ROOT / "evaluations" / "2023.toml")
    data = result_dict(result, "en")
    subjects = [data["overall"], *data["projects"]]
    formulas = [data["rollup"]["formula"]] + [s["formula"] for s in subjects] + [s["budget"]["formula"] for s in subjects if s["budget"]]
    formulas += [r["formula"] for s in subjects for r in s["indicators"] if r["comparator"] != "定性"]  # a grade is the department's word
    formulas += [f["formula"] for f in data["findings"] if f.get("formula")]
    assert len(formulas) > 20 and not [f for f in formulas if _HAN.search(f)]
    assert data["overall"]["formula"].startswith("Σscore/Σpoints × 100 = ")
    assert result_dict(result, "zh")["overall"]["formula"].startswith("Σ得分/Σ分值 × 100 = ")
