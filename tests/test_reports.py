"""The Markdown report a department pastes into its 绩效自评报告."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from scoring import score_file
from scoring.cli import app
from scoring.i18n import word
from scoring.report._text import width
from scoring.report.markdown import summary_sentence
from scoring.testing import PLANTS, write_submission

from .conftest import ROOT, runner


def test_markdown_report_sections():
    md = runner.invoke(app, [str(ROOT / "evaluations" / "2023.toml"), "-f", "markdown"]).output
    assert "评价项目1个，90分（含）以上的1个，80（含）-90分的0个，60（含）-80分的0个，60分以下的0个。" in md
    assert "## 部门整体：部门整体绩效 — 97.14 分，优" in md
    assert "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |" in md
    assert "| 党组织建设 | ≥5家 | 完成率 60% | 3 | 1.80 | 2023年新建立党组织3家 |" in md
    assert "绩效自评总分（复算）：97.14分" in md and "单位自评：98分，优秀" in md
    assert "- **错误** `claimed-mismatch`" in md and "- **警告** `weights-sum`" in md


def test_summary_sentence_counts_every_project(tmp_path):
    result = score_file(write_submission(tmp_path, "单位", 200, set(), per_project=20).path)
    counts = [int(n) for n in re.findall(r"的(\d+)个", summary_sentence(result, "zh"))]
    assert sum(counts) == len(result.projects) == 10


def _has_the_result(output: str, result, lang: str) -> None:
    """The table and Markdown: the department, its computed total, every subject with its score, and
    every finding with its code and message, worded in ``lang``."""
    assert result.evaluation.department in output
    assert f"{result.score:.2f}" in output
    for s in result.subjects:
        assert s.subject.name in output and f"{s.score:.2f}" in output
    for f in result.findings:
        assert f.code in output and " ".join(f.word(lang).split()) in " ".join(output.split()), f.code


def _table(output: str, result, lang: str) -> None:
    _has_the_result(output, result, lang)
    for s in result.subjects:
        for r in s.lines:
            assert re.search(rf"\b{re.escape(r.line.indicator.name)}\s.*\s{r.score:.2f}\b", output), r.line.indicator.name


def _explain(output: str, result, lang: str) -> None:
    """The explanation tree (it lists no findings: those are the table's): every subject, every row
    with its score out of its points and the formula that gave it, and the department's total."""
    for s in result.subjects:
        assert re.search(rf"^\S+[：:] ?{re.escape(s.subject.name)} — {s.score:.2f} ", output, re.M), s.subject.name
        for r in s.lines:
            assert f"{r.line.indicator.name}\u3000{r.score:.2f} / {r.line.indicator.weight}" in output
            assert word(r.scored.formula, lang) in output
    assert re.search(rf"^\S+[：:] ?{result.score:.2f}", output.split("\n\n")[-1], re.M)


def _markdown(output: str, result, lang: str) -> None:
    _has_the_result(output, result, lang)
    assert re.match(rf"# {result.evaluation.department} {result.evaluation.year} \S+[：:]\s*{result.score:.2f}\b", output), output[:80]
    for s in result.subjects:
        for r in s.lines:
            ind = r.line.indicator
            assert re.search(rf"^\|.*\| {re.escape(ind.name)} \|.*\| {ind.weight} \| {r.score:.2f} \|", output, re.M), ind.name


def _csv(output: str, result, lang: str) -> None:
    """CSV carries the subjects' tables (no department line, no findings): a row per indicator with its
    score, and a total per subject with its points and its 100-point score."""
    rows = list(csv.DictReader(io.StringIO(output.lstrip("\ufeff"))))
    for s in result.subjects:
        mine = [r for r in rows if r["subject"] == s.subject.name]
        assert sorted((r["name"], r["score"]) for r in mine if r["row"] == "line") == \
            sorted((r.line.indicator.name, f"{r.score:.2f}") for r in s.lines)
        (total,) = [r for r in mine if r["row"] == "total"]
        assert total["score"] == f"{s.earned:.2f}" and total["formula"].endswith(f" = {s.score:.2f}")


def _json(output: str, result, lang: str) -> None:
    data = json.loads(output)
    assert (data["department"], data["score"]) == (result.evaluation.department, f"{result.score:.2f}")
    assert [p["score"] for p in data["projects"]] == [f"{p.score:.2f}" for p in result.projects]
    assert [(f["code"], f["message"]) for f in data["findings"]] == [(f.code, f.word(lang)) for f in result.findings]


def _xlsx(path: Path, result, lang: str) -> None:
    """The workbook opens, with its summary sheet (department, total, findings) and a sheet per project."""
    book = load_workbook(path)
    assert book.sheetnames == ["汇总", *(p.subject.name for p in result.projects)]
    summary = {row[0]: row[1:] for row in book["汇总"].iter_rows(values_only=True) if row and row[0] is not None}
    assert summary["部门"][0] == result.evaluation.department and summary["复算得分"][0] == float(result.score)
    cells = [v for row in book["汇总"].iter_rows(values_only=True) for v in row if v is not None]
    for f in result.findings:
        assert f.code in cells and f.word(lang) in cells, f.code
    for p in result.projects:
        names = {v for row in book[p.subject.name].iter_rows(values_only=True) for v in row}
        assert {r.line.indicator.name for r in p.lines} <= names


CHECKS = {"table": _table, "markdown": _markdown, "csv": _csv, "json": _json, "explain": _explain}


@pytest.mark.parametrize("plant", PLANTS)
def test_every_format_renders_every_kind_of_submission(tmp_path, plant):
    """Each format says what was computed, in its own form: not merely that something ran."""
    sub = write_submission(tmp_path, "某区园林局", 40, {plant})
    result = score_file(sub.path)
    assert result.findings
    for fmt, lang in itertools.product(CHECKS, ("zh", "en")):
        args = ["--explain"] if fmt == "explain" else ["-f", fmt]
        shown = runner.invoke(app, [str(sub.path), *args, "--lang", lang])
        assert shown.exit_code in (0, 1), (args, shown.output)  # the runner fails the test on any exception
        assert "Traceback" not in shown.output
        CHECKS[fmt](shown.output, result, lang)
    out = tmp_path / f"{plant}.xlsx"
    shown = runner.invoke(app, [str(sub.path), "-f", "xlsx", "-o", str(out)])
    assert shown.exit_code in (0, 1), shown.output
    _xlsx(out, result, "zh")


@given(st.text(alphabet=st.sampled_from("aZ9 .%≥中文全角（）、\u0301\x1b\t") | st.characters(), max_size=30))
def test_width_counts_each_character_by_its_east_asian_width(text):
    """Wide and full-width characters take two columns, combining ones none, the rest one: for every
    text, ASCII (counted by its length) or not."""
    by_character = sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)
    assert width(text) == by_character
    assert width(text + "中") == by_character + 2
