"""The hostile corpus: every careless or adversarial input is scored or refused, never a crash.

Each file in tests/corpus/ (written by scripts/make_corpus.py) and each large
input generated here from a fixed seed goes through ``score``, ``score check``
and, for workbooks, ``score import``, in a child process held to a memory cap
(``resource.RLIMIT_AS``) and a time bound. Exit 0, 1 or 2 only: 3 is for bugs.
An exit 2 names the file.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
MEMORY = 1536 * 1024 * 1024
"""Address space for one ``score`` run: far below what the inputs aimed to take (4 GiB and more)."""
SECONDS = 120
"""A generous bound for one run; the slowest input here takes a few seconds."""

CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
sys.argv = ["score", *sys.argv[1:]]
from scoring.console import main
main()
"""

BOOKS = (".xlsx", ".xlsm", ".xls", ".et", ".csv")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD.format(memory=MEMORY), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=SECONDS,
                          env={**os.environ, "SCORING_DEBUG": ""})


def _book_with(path: Path, extra_xml: bytes = b"", sheet_xml: bytes | None = None, seed: int = 0) -> Path:
    """A small 自评表, then its first sheet's XML changed: merges added, or replaced outright."""
    from scoring.testing.workbooks import Row, Table, book

    rng = random.Random(seed)
    rows = [Row("产出指标", "数量指标", f"指标{i}", "≥5个", f"{rng.randint(3, 7)}个", 20) for i in range(5)]
    book(path, [Table("道路维护", rows)])
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    if sheet_xml is not None:
        parts[name] = sheet_xml
    if extra_xml:
        xml = parts[name]
        parts[name] = xml.replace(b"</worksheet>", extra_xml + b"</worksheet>") if b"<mergeCells" not in xml else \
            xml.replace(b"</mergeCells>", extra_xml.replace(b"<mergeCells>", b"").replace(b"</mergeCells>", b"") + b"</mergeCells>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def _xls_blanks(path: Path, rows: int) -> Path:
    """An .xls with a title and ``rows`` rows of 256 formatted blank cells (a MULBLANK record each): a
    million cells xlrd would make an entry for, in 2 MB."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("自评表")
    ws.write(0, 0, "项目支出绩效自评表（2023年度）")
    style = xlwt.easyxf("borders: left thin")
    for r in range(1, rows + 1):
        ws.row(r).set_cell_mulblanks(0, 255, style)
    wb.save(str(path))
    return path


def _toml(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


HEAD = 'department = "测试部门"\nyear = 2023\n'


def _large(folder: Path) -> list[Path]:
    """The inputs too large to commit, generated the same way each run."""
    from openpyxl import Workbook

    rng = random.Random(20231231)
    out = []
    last = folder / "book-last-cell.xlsx"  # one cell at XFD1048576: 14 KB that claimed 4 GiB
    wb = Workbook()
    wb.active["A1"] = "项目支出绩效自评表（2023年度）"
    wb.active["XFD1048576"] = "尾"
    wb.save(last)
    out.append(last)
    out.append(_book_with(folder / "book-merge-everything.xlsx", b'<mergeCells><mergeCell ref="A20:XFD1048576"/></mergeCells>'))
    out.append(_book_with(folder / "book-many-merges.xlsx", b"<mergeCells>" + b"".join(
        f'<mergeCell ref="J{r}:K{r}"/>'.encode() for r in range(100, 60_100)) + b"</mergeCells>"))
    cells = b"".join(f'<c r="A{r}" t="n"><v>{r}</v></c>'.encode() for r in range(1, 2))
    bomb = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + b"<row r=\"1\">" + cells + b"</row>" + b" " * (210 * 1024 * 1024) + b"</sheetData></worksheet>")
    out.append(_book_with(folder / "book-zip-bomb.xlsx", sheet_xml=bomb))
    many = b"".join(f'<row r="{r}"><c r="A{r}" t="n"><v>{r}</v></c></row>'.encode() for r in range(1, 400_001))
    out.append(_book_with(folder / "book-400k-cells.xlsx", sheet_xml=b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                          b'spreadsheetml/2006/main"><sheetData>' + many + b"</sheetData></worksheet>"))
    out.append(_xls_blanks(folder / "book-xls-blank-flood.xls", 4_000))
    out.append(_toml(folder / "toml-100k-spaces.toml", HEAD + '[[project]]\nname = "项目"\n[[project.indicator]]\nlevel1 = "产出指标"\n'
                     'name = "指标"\ntarget = "≥' + " " * 100_000 + '5 个"\nweight = 100\nactual = "' + " " * 100_000 + 'x"\n'))
    def projects(name) -> str:
        return HEAD + "".join(f'[[project]]\nname = "{name(i)}"\n[[project.indicator]]\nlevel1 = "产出指标"\nname = "指标"\n'
                              f'target = "≥5个"\nweight = 100\nactual = "{rng.randint(1, 9)}个"\n' for i in range(20_000))

    out.append(_toml(folder / "toml-20000-projects.toml", projects(lambda i: f"项目{i}")))
    out.append(_toml(folder / "toml-20000-same-name.toml", projects(lambda i: "同名")))  # duplicate checks stay linear
    out.append(_toml(folder / "toml-deep-arrays.toml", HEAD + "x = " + "[" * 50_000 + "]" * 50_000 + "\n"))
    out.append(_toml(folder / "toml-deep-inline.toml", HEAD + "x = " + "{a = " * 5_000 + "1" + "}" * 5_000 + "\n"))
    out.append(_toml(folder / "toml-deep-dotted.toml", HEAD + ".".join(["a"] * 20_000) + " = 1\n"))
    out.append(_toml(folder / "toml-deep-tables.toml", HEAD + "[" + ".".join(["t"] * 5_000) + "]\nx = 1\n"))
    _toml(folder / "policy-deep.toml", 'id = "deep"\ntitle = "深"\nextends = "central-2020"\n' + "budget = " + "[" * 5_000 + "]" * 5_000 + "\n")
    out.append(_toml(folder / "uses-deep-policy.toml", HEAD + 'policy = "policy-deep.toml"\n[[project]]\nname = "项目"\n'))
    out.append(_toml(folder / "toml-too-large.toml", HEAD + "# " + "填" * (8 * 1024 * 1024) + "\n"))
    out.append(_toml(folder / "csv-huge-field.csv", "项目名称," + "长" * (3 * 1024 * 1024) + "\n"))
    out.append(_toml(folder / "csv-many-columns.csv", ",".join(str(i) for i in range(300_000)) + "\n"))
    out.append(_toml(folder / "csv-many-rows.csv", "".join(f"{i},{i}\n" for i in range(250_000))))
    return out


def _special(folder: Path) -> list[Path]:
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    zero = folder / "zero.toml"
    zero.symlink_to("/dev/zero")
    book = folder / "zero.xlsx"
    book.symlink_to("/dev/zero")
    return [fifo, zero, book]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("generated")
    return _large(folder) + _special(folder)


def _committed() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


def _check(done: subprocess.CompletedProcess, path: Path, what: str) -> list[str]:
    if done.returncode not in (0, 1, 2) or "Traceback" in done.stderr:
        return [f"{what} {path.name}: exit {done.returncode}\n{done.stderr[-2000:]}"]
    if done.returncode == 2 and path.name not in done.stderr + done.stdout:
        return [f"{what} {path.name}: the error does not name the file\n{done.stderr[-500:]}"]
    return []


def test_the_corpus_has_one_file_per_kind():
    names = {p.name.split("-")[0] for p in _committed()}
    assert {"toml", "number", "text", "policy", "csv", "book"} <= names
    assert sum(p.stat().st_size for p in _committed()) < 1024 * 1024  # small enough to commit


def test_committed_inputs_are_scored_or_refused():
    _all(_committed())


def test_generated_inputs_are_scored_or_refused_within_bounds(generated):
    _all(generated)


def _all(paths: list[Path]) -> None:
    """Every path through every command, a few at a time; every failure reported at once."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        failures = [f for found in pool.map(_each, paths) for f in found]
    assert not failures, "\n\n".join(failures)


def _each(path: Path) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        scored, checked = run(path, "--format", "json", cwd=here), run("check", path, cwd=here)
        found = [*_check(scored, path, "score"), *_check(checked, path, "score check")]
        if (scored.returncode == 2) != (checked.returncode == 2):  # check never passes what score refuses
            found.append(f"{path.name}: score exit {scored.returncode}, score check exit {checked.returncode}")
        if path.suffix in BOOKS:
            target = here / (path.stem + ".toml")
            done = run("import", path, "-o", target, cwd=here)
            found += _check(done, path, "score import")
            if done.returncode == 0:  # what import wrote is an evaluation score reads back
                found += _check(run(target, cwd=here), target, "score (imported)")
    return found


def test_a_batch_of_everything_lists_every_file(generated, tmp_path):
    """One batch over the whole corpus: nothing stops it, and every file is either scored or listed."""
    import json
    import shutil

    folder = tmp_path / "inbox"
    shutil.copytree(CORPUS, folder)
    for path in generated:
        target = folder / path.name
        if path.is_symlink() or not path.is_file():
            os.symlink(os.readlink(path), target) if path.is_symlink() else os.mkfifo(target)
        else:
            shutil.copy(path, target)
    done = run(folder, "--format", "json", "--jobs", "2", cwd=tmp_path)
    assert done.returncode in (0, 1, 2), done.stderr[-2000:]
    data = json.loads(done.stdout)
    listed = {Path(row["path"]).name for row in data["submissions"]} | {Path(row["path"]).name for row in data["unreadable"]}
    expected = {p.name for p in folder.iterdir()} - {"policy-deep.toml", "policy-lookalike.toml", "policy-negative-slope.toml"}
    assert expected <= listed, expected - listed
