"""Speed and memory of `score` on a synthetic bureau corpus.

    python benchmarks/bench.py                      # 300 files of 200 indicators an inbox (a few minutes)
    python benchmarks/bench.py --files 200 --indicators 100

Prints, in one run, for four inboxes: two spellings (``real``, the headline:
written as departments and `score import` write a file, targets as printed
with their unit, level2, a fifth 定性 rows; ``symbols``: the bench's earlier
spelling, comparator, number and unit apart), each with 15 % of row claims
off (realistic) and with every row claim off (all-wrong). For each: the
time to parse the files with tomli alone (the floor the targets are set
against); the time to read them as `score` does (plainly where a file is
written in the plain shape, by tomli where not); for the symbols spelling,
the same with every row type-checked and scored with no objects and no
wording, and with the summary also worded and written (the least a checker
in Python pays, for reference); the end-to-end `score` time with 1 and with
2 jobs, as ratios to that parse floor (each the best of two, run in turns);
indicators per second; peak memory for the full corpus and a quarter of it,
to show it stays flat (and for the bureau's workbook, `-f xlsx`, a quarter
and a sixteenth of the real all-wrong inbox). Then the cold wall
time of `score evaluations/2023.toml` against the bare import of attrs,
cattrs, tomli and typer. Targets (issue 20) are checked and reported, never
asserted: this is a measurement, not a test. Run it on a regular install
(`pip install .`), not an editable one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import tomli

from scoring.findings import CATALOGUE, KIND_REASONS, FindingCode, Kind
from scoring.load import EVALUATION, discover
from scoring.load._plain_toml import read_plain
from scoring.testing import Shape, write_corpus

ROOT = Path(__file__).resolve().parent.parent
SCORE = [str(Path(sys.executable).with_name("score"))]
if not Path(SCORE[0]).exists():
    SCORE = [sys.executable, "-m", "scoring"]


LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps([time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]))
"""
"""Runs a command and reports its wall time, peak memory and exit code. A process's peak counts the
memory of the process it was forked from until it execs, and this script holds every generated
corpus: measured from its own child, each figure would be at least this script's size. Started from
this small launcher instead, a command's peak is its own (and its workers')."""


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak resident memory (KiB, the largest of the process and its workers) and exit code."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *cmd], capture_output=True, text=True, cwd=cwd, check=True)
    wall, peak, code = json.loads(done.stdout)
    return wall, peak, code


def parse_only(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        tomli.loads(f.read_text(encoding="utf-8"), parse_float=Decimal)
    return time.perf_counter() - start


def read(text: str) -> dict:
    """A file's data as `score` reads it: plainly (:mod:`scoring.load._plain_toml`), or by tomli."""
    return read_plain(text) or tomli.loads(text, parse_float=Decimal)


def read_only(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        read(f.read_text(encoding="utf-8"))
    return time.perf_counter() - start


_ROW_KEYS = frozenset({"id", "level1", "level2", "name", "comparator", "target", "unit", "weight", "actual", "claimed", "reason"})


def row_floor(files: list[Path], summary: bool = False) -> float:
    """Read each file as `score` does and do the least any checker must do with its rows: take every
    value and check its type, work out the row's score in Decimal (≥ B/A × w, ≤ A/B × w, = exact or proportional) and
    hold its claim to it, with no objects and no wording. Not the engine: a reference for it, to tell
    what Python pays per row from what the engine's objects and messages add.

    With ``summary``, also what a batch summary row must hold, written out: each claim that does not
    hold to the cent, worded from the catalogue's own templates (its message, reason and formula),
    each table's total, and the row as JSON. Still no objects: the least a checker that writes this
    summary pays."""
    message = CATALOGUE[FindingCode.CLAIMED_MISMATCH].says[None].message.zh
    over = KIND_REASONS[Kind.OVERCLAIMED][None].zh
    under = KIND_REASONS[Kind.MARKED_DOWN][None].zh
    cent = Decimal("0.01")
    start = time.perf_counter()
    off = 0
    for f in files:
        data = read(f.read_text(encoding="utf-8"))
        found: list[dict] = []
        totals: list[str] = []
        for project in data.get("project", []):
            earned = possible = Decimal(0)
            for row in project.get("indicator", []):
                if type(row) is not dict or not row.keys() <= _ROW_KEYS:
                    raise ValueError(f"{f}: not a plain row")
                cmp, a, b, w = row["comparator"], row["target"], row["actual"], row["weight"]
                if not all(type(row[k]) is str for k in ("level1", "name", "unit", "comparator")):
                    raise ValueError(f"{f}: not a plain row")
                if not all(type(v) in (int, Decimal) for v in (a, b, w)):
                    raise ValueError(f"{f}: not a plain row")
                a, b, w = Decimal(a), Decimal(b), Decimal(w)
                if cmp == "≥":
                    score = w if b >= a else w * b / a
                elif cmp == "≤":
                    score = w if b <= a else w * a / b
                else:
                    score = w if b == a else w * min(a, b) / max(a, b)
                claimed = row.get("claimed")
                if not summary:
                    off += claimed is not None and claimed != score
                    continue
                shown = score.quantize(cent)
                earned, possible = earned + shown, possible + w
                if claimed is not None and claimed != score and Decimal(claimed).quantize(cent) != shown:
                    formula = f"B/A × w = {b}/{a} × {w} = {shown}"
                    difference = abs(claimed - score).quantize(cent)
                    found.append({"level": "row", "kind": "overclaimed" if claimed > score else "marked-down",
                                  "code": FindingCode.CLAIMED_MISMATCH, "subject": project.get("name"), "indicator": row.get("id"),
                                  "claimed": str(claimed), "computed": str(shown), "difference": str(claimed - score),
                                  "reason": (over if claimed > score else under).format(difference=difference),
                                  "formula": formula,
                                  "message": message.format(what=f"指标「{row['name']}」", claimed=claimed, computed=shown,
                                                            formula=formula, extra="")})
            totals.append(str((earned * 100 / possible).quantize(cent)) if possible else "0")
        if summary:
            off += len(json.dumps({"path": str(f), "department": data.get("department"), "score": totals,
                                   "discrepancies": found}, ensure_ascii=False))
    return time.perf_counter() - start


def cold(commands: list[list[str]], n: int) -> list[float]:
    """The median wall time of each command, run in turns (a shared machine's slow spells fall on all of them)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(n):
        for cmd, seen in zip(commands, times):
            seen.append(run(cmd, cwd=ROOT)[0])
    return [statistics.median(seen) for seen in times]


INBOXES: tuple[tuple[Shape, str, float], ...] = (("real", "realistic", 0.15), ("real", "all-wrong", 1.0), ("symbols", "realistic", 0.15), ("symbols", "all-wrong", 1.0))
"""(spelling, name, share of row claims off): the real spelling first (the headline), then the bench's
earlier one; each as a realistic inbox and as the worst case."""

TARGETS = {"jobs 1": 2.0, "jobs 2": 1.2, "cold": 1.3, "memory": 1.25}
"""Issue 20's targets, met on the realistic inboxes: 1 job ≤ 2.0 × parse, 2 jobs ≤ 1.2 ×, the cold
start ≤ 1.3 × the import floor, and memory flat (a full inbox ≤ 1.25 × a quarter of it)."""


def verdict(value: float, target: float, binding: bool) -> str:
    if not binding:
        return "(for reference)"
    return f"(target ≤ {target}×) {'ok' if value <= target else 'MISSED'}"


def inbox(base: Path, spelling: Shape, name: str, misclaimed: float, args: argparse.Namespace) -> list[tuple[str, str, str]]:
    """Generate one inbox (and a quarter of it) and measure ``score`` on it."""
    label = f"{spelling}/{name}"
    full, quarter = base / spelling / name / "full", base / spelling / name / "quarter"
    t = time.perf_counter()
    subs = write_corpus(full, files=args.files, indicators=args.indicators, seed=1, misclaimed=misclaimed, shape=spelling)
    write_corpus(quarter, files=max(1, args.files // 4), indicators=args.indicators, seed=1, misclaimed=misclaimed, shape=spelling)
    generated = time.perf_counter() - t
    indicators = sum(s.indicators for s in subs)
    planted = sum(len(s.plants) for s in subs)
    evaluations = [p for p, kind in discover([full]) if kind == EVALUATION]
    plain_files = sum(read_plain(f.read_text(encoding="utf-8")) is not None for f in evaluations)
    print(f"{label}: {len(evaluations)} evaluation files, {indicators:,} indicators, {planted:,} planted discrepancies "
          f"({misclaimed:.0%} of row claims off; generated in {generated:.1f} s); "
          f"{plain_files} of {len(evaluations)} read by the plain reader")

    # Best of two for the floor and for each command, in turns: the machine's slow spells only
    # ever add time, so the least of two is the better estimate of each, and of their ratio.
    batch = [*SCORE, str(full), "--format", "json", "--jobs"]
    parse = parse_only(evaluations)
    one, mem_one, code1 = run([*batch, "1"])
    two, mem_two, code2 = run([*batch, "2"])
    parse = min(parse, parse_only(evaluations))
    plain = min(read_only(evaluations), read_only(evaluations))
    one, two = min(one, run([*batch, "1"])[0]), min(two, run([*batch, "2"])[0])
    _, mem_quarter, code4 = run(SCORE + [str(quarter), "--format", "json", "--jobs", "1"])
    binding = name == "realistic"
    rows = [
        (f"{label}: parse only (tomli.loads, 1 process)", f"{parse:.2f} s", ""),
        (f"{label}: read as score reads (plainly, tomli where that steps aside)", f"{plain:.2f} s", f"{plain / parse:.2f}× parse"),
    ]
    if spelling == "symbols":  # the bare checker reads the symbols spelling only: numbers, comparator and unit apart
        floor = min(row_floor(evaluations), row_floor(evaluations))
        written = min(row_floor(evaluations, summary=True), row_floor(evaluations, summary=True))
        rows += [
            (f"{label}: read so, every row type-checked and scored with no objects (row_floor)", f"{floor:.2f} s",
             f"{floor / parse:.2f}× parse: what Python pays per row, for reference"),
            (f"{label}: the same, and the summary's discrepancies worded and written as JSON (summary_floor)", f"{written:.2f} s",
             f"{written / parse:.2f}× parse: what writing this summary costs at least, for reference"),
        ]
    rows += [
        (f"{label}: score, --jobs 1", f"{one:.2f} s", f"{one / parse:.2f}× parse {verdict(one / parse, TARGETS['jobs 1'], binding)}"),
        (f"{label}: score, --jobs 2", f"{two:.2f} s", f"{two / parse:.2f}× parse {verdict(two / parse, TARGETS['jobs 2'], binding)}"),
        (f"{label}: indicators per second, --jobs 1 / 2", f"{indicators / one:,.0f}", f"{indicators / two:,.0f}"),
        (f"{label}: peak memory, {len(evaluations)} files / a quarter", f"{mem_one / 1024:.0f} MiB",
         f"{mem_quarter / 1024:.0f} MiB; ratio {mem_one / mem_quarter:.2f} (flat ≈ 1) "
         f"{'ok' if mem_one <= TARGETS['memory'] * mem_quarter else 'MISSED'}"),
        (f"{label}: peak memory, --jobs 2 (largest process)", f"{mem_two / 1024:.0f} MiB", ""),
    ]
    if {code1, code2, code4} - {0, 1}:  # 2 is an input error: the generated files must all be read
        print(f"warning: score exited with {code1} / {code2} / {code4} on the {label} inbox: a generated file was refused")
    if (spelling, name) == ("real", "all-wrong"):  # the bureau's workbook: every submission's tables as sheets, written as it goes
        rows.append(workbook(base / spelling / name, quarter, misclaimed, args))
    return rows


def workbook(base: Path, quarter: Path, misclaimed: float, args: argparse.Namespace) -> tuple[str, str, str]:
    """Peak memory of ``-f xlsx`` on a quarter and a sixteenth of an inbox."""
    small = base / "sixteenth"
    write_corpus(small, files=max(1, args.files // 16), indicators=args.indicators, seed=1, misclaimed=misclaimed)
    books = []
    for folder in (quarter, small):
        book = base / f"{folder.name}.xlsx"
        book.unlink(missing_ok=True)
        books.append(run(SCORE + [str(folder), "--format", "xlsx", "-o", str(book), "--jobs", "1"]))
    (t4, m4, _), (_, m16, _) = books
    n4, n16 = max(1, args.files // 4), max(1, args.files // 16)
    return (f"real/all-wrong: -f xlsx, {n4} / {n16} files", f"{m4 / 1024:.0f} MiB",
            f"{m16 / 1024:.0f} MiB; {(m4 - m16) / max(1, n4 - n16):.0f} KiB more per file; {t4 / n4:.3f} s per file")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--indicators", type=int, default=200, help="indicators per file")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each cold start")
    ap.add_argument("--dir", type=Path, help="where to write the corpus (default: a temporary folder)")
    ap.add_argument("--spelling", choices=("real", "symbols", "both"), default="both")
    args = ap.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = args.dir or Path(tmp)
        for spelling, name, misclaimed in INBOXES:
            if args.spelling in (spelling, "both"):
                rows += inbox(base, spelling, name, misclaimed, args)
    floor, main_job = cold([[sys.executable, "-c", "import attrs, cattrs, tomli, typer"], SCORE + ["evaluations/2023.toml"]],
                           args.repeat)
    rows += [
        ("cold: python -c 'import attrs, cattrs, tomli, typer'", f"{floor * 1000:.0f} ms", f"median of {args.repeat}, run in turns"),
        ("cold: score evaluations/2023.toml", f"{main_job * 1000:.0f} ms",
         f"{main_job / floor:.2f}× import floor {verdict(main_job / floor, TARGETS['cold'], True)}"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
