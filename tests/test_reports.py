"""The Markdown report a department pastes into its 绩效自评报告."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring import score_file
from scoring.cli import app
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


@pytest.mark.parametrize("plant", PLANTS)
def test_every_format_renders_every_kind_of_submission(tmp_path, plant):
    sub = write_submission(tmp_path, "单位", 40, {plant})
    for args in (["-f", "table"], ["-f", "markdown"], ["-f", "csv"], ["-f", "json"], ["--explain"],
                 ["-f", "xlsx", "-o", str(tmp_path / f"{plant}.xlsx")], ["--lang", "en"], ["--explain", "--lang", "en"]):
        result = runner.invoke(app, [str(sub.path), *args])
        assert result.exit_code in (0, 1), (args, result.output)
        assert "Traceback" not in result.output


@given(st.text(alphabet=st.sampled_from("aZ9 .%≥中文全角（）、\u0301\x1b\t") | st.characters(), max_size=30))
def test_width_counts_each_character_by_its_east_asian_width(text):
    """Wide and full-width characters take two columns, combining ones none, the rest one: for every
    text, ASCII (counted by its length) or not."""
    by_character = sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)
    assert width(text) == by_character
    assert width(text + "中") == by_character + 2
