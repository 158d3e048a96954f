"""Speed and memory of `score` on a synthetic bureau corpus.

    python benchmarks/bench.py                      # ~200k indicators in ~1,000 files
    python benchmarks/bench.py --files 200 --indicators 100

Prints, in one run, for two shapes of inbox (a realistic one with 15 % of
row claims off, and one with every row claim off): the time to parse the
files with tomli alone (the floor the targets are set against); the time
to read them as `score` does (plainly where a file is written in the plain
shape, by tomli where not); the same with every row type-checked and
scored with no objects and no wording, and with the summary also worded
and written (the least a checker in Python pays, for reference); the
end-to-end `score` time with 1 and with 2 jobs, as ratios to that parse
floor (each the best of two, run in turns);
indicators per second; peak memory for the full corpus and a quarter of it,
to show it stays flat (and for the bureau's workbook, `-f xlsx`, a quarter
and a sixteenth of the all-wrong inbox). Then the cold wall
time of `score evaluations/2023.toml` against the bare import of attrs,
cattrs, tomli and typer. Targets are checked and reported, never asserted:
this is a measurement, not a test. Run it on a regular install (`pip install
.`), not an editable one.
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
from scoring.testing import write_corpus

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


SHAPES = {"realistic": 0.15, "all-wrong": 1.0}
"""The share of row claims that are off: a realistic inbox, and the worst case."""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--indicators", type=int, default=200, help="indicators per file")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each cold start")
    ap.add_argument("--dir", type=Path, help="where to write the corpus (default: a temporary folder)")
    args = ap.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = args.dir or Path(tmp)
        for shape, misclaimed in SHAPES.items():
            full, quarter = base / shape / "full", base / shape / "quarter"
            t = time.perf_counter()
            subs = write_corpus(full, files=args.files, indicators=args.indicators, seed=1, misclaimed=misclaimed)
            write_corpus(quarter, files=max(1, args.files // 4), indicators=args.indicators, seed=1, misclaimed=misclaimed)
            generated = time.perf_counter() - t
            indicators = sum(s.indicators for s in subs)
            planted = sum(len(s.plants) for s in subs)
            evaluations = [p for p, kind in discover([full]) if kind == EVALUATION]
            print(f"{shape}: {len(evaluations)} evaluation files, {indicators:,} indicators, {planted:,} planted discrepancies "
                  f"({misclaimed:.0%} of row claims off; generated in {generated:.1f} s)")

            # Best of two for the floor and for each command, in turns: the machine's slow spells only
            # ever add time, so the least of two is the better estimate of each, and of their ratio.
            batch = [*SCORE, str(full), "--format", "json", "--jobs"]
            parse = parse_only(evaluations)
            one, mem_one, code1 = run([*batch, "1"])
            two, mem_two, code2 = run([*batch, "2"])
            parse = min(parse, parse_only(evaluations))
            plain = min(read_only(evaluations), read_only(evaluations))
            floor = min(row_floor(evaluations), row_floor(evaluations))
            written = min(row_floor(evaluations, summary=True), row_floor(evaluations, summary=True))
            one, two = min(one, run([*batch, "1"])[0]), min(two, run([*batch, "2"])[0])
            _, mem_quarter, _ = run(SCORE + [str(quarter), "--format", "json", "--jobs", "1"])
            rows += [
                (f"{shape}: parse only (tomli.loads, 1 process)", f"{parse:.2f} s", ""),
                (f"{shape}: read as score reads (plainly, tomli where that steps aside)", f"{plain:.2f} s",
                 f"{plain / parse:.2f}× parse"),
                (f"{shape}: read so, every row type-checked and scored with no objects (row_floor)", f"{floor:.2f} s",
                 f"{floor / parse:.2f}× parse: what Python pays per row, for reference"),
                (f"{shape}: the same, and the summary's discrepancies worded and written as JSON (summary_floor)", f"{written:.2f} s",
                 f"{written / parse:.2f}× parse: what writing this summary costs at least, for reference"),
                (f"{shape}: score, --jobs 1", f"{one:.2f} s", f"{one / parse:.2f}× parse (target ≤ 1.5×) {'ok' if one <= 1.5 * parse else 'MISSED'}"),
                (f"{shape}: score, --jobs 2", f"{two:.2f} s", f"{two / parse:.2f}× parse (target ≤ 0.9×) {'ok' if two <= 0.9 * parse else 'MISSED'}"),
                (f"{shape}: indicators per second, --jobs 1 / 2", f"{indicators / one:,.0f}", f"{indicators / two:,.0f}"),
                (f"{shape}: peak memory, {len(evaluations)} files / a quarter", f"{mem_one / 1024:.0f} MiB",
                 f"{mem_quarter / 1024:.0f} MiB; ratio {mem_one / mem_quarter:.2f} (flat ≈ 1) "
                 f"{'ok' if mem_one <= 1.25 * mem_quarter else 'MISSED'}"),
                (f"{shape}: peak memory, --jobs 2 (largest process)", f"{mem_two / 1024:.0f} MiB", ""),
            ]
            if code1 not in (0, 1) or code2 not in (0, 1):
                print(f"warning: score exited with {code1} / {code2} on the {shape} inbox")
            if shape == "all-wrong":  # the bureau's workbook: every submission's tables as sheets, written as it goes
                small = base / shape / "sixteenth"
                write_corpus(small, files=max(1, args.files // 16), indicators=args.indicators, seed=1, misclaimed=misclaimed)
                books = []
                for folder in (quarter, small):
                    book = base / shape / f"{folder.name}.xlsx"
                    book.unlink(missing_ok=True)
                    books.append(run(SCORE + [str(folder), "--format", "xlsx", "-o", str(book), "--jobs", "1"]))
                (t4, m4, _), (_, m16, _) = books
                n4, n16 = max(1, args.files // 4), max(1, args.files // 16)
                rows.append((f"{shape}: -f xlsx, {n4} / {n16} files", f"{m4 / 1024:.0f} MiB",
                             f"{m16 / 1024:.0f} MiB; {(m4 - m16) / max(1, n4 - n16):.0f} KiB more per file; {t4 / n4:.3f} s per file"))
    floor, main_job = cold([[sys.executable, "-c", "import attrs, cattrs, tomli, typer"], SCORE + ["evaluations/2023.toml"]],
                           args.repeat)
    rows += [
        ("cold: python -c 'import attrs, cattrs, tomli, typer'", f"{floor * 1000:.0f} ms", f"median of {args.repeat}, run in turns"),
        ("cold: score evaluations/2023.toml", f"{main_job * 1000:.0f} ms",
         f"{main_job / floor:.2f}× import floor (target ≤ 1.3×) {'ok' if main_job <= 1.3 * floor else 'MISSED'}"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
