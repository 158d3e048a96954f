"""Instructions per file for each step of a batch summary, counted by valgrind's callgrind.

    python benchmarks/instructions.py                 # 10 files of 200 indicators, both inboxes, real spelling (a few minutes)
    python benchmarks/instructions.py --shape realistic --spelling symbols --files 10

On a shared machine two timings of the same build can differ by more than a
change being measured; an instruction count does not move with the machine.
For each inbox (as ``bench.py`` generates them, spelled as real files are
unless ``--spelling`` says otherwise) this runs the same work on
the same parsed files once and twice under ``valgrind --tool=callgrind`` and
takes the difference, so the start, the imports and the parse of the setup
cancel out: tomli's parse, the reading `score` does instead (plainly, where
a file is written in the plain shape), then the batch's own steps after it, each with
the steps before it (the read to the model, as a batch does it; the engine, the summary's counts, its
wording and JSON). Compare two builds by running it in each one's
environment. A measurement, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scoring.testing import SHAPES, write_corpus

STEPS = ("parse", "plain", "read", "engine", "counts", "json")
"""Each step with the ones before it (``parse`` alone: tomli on the text; ``plain`` alone: the text
read as `score` reads it, plainly where it can)."""

CHILD = """
import sys
from decimal import Decimal
from pathlib import Path
import tomli
from scoring.batch import Packed, summarise
from scoring.engine import score_evaluation
from scoring.load._evaluation import load_evaluation, read_evaluation_document
from scoring.load._plain_toml import read_plain
from scoring.report.summary import RowText
step, folder, passes = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
files = sorted(folder.glob("*.toml"))
texts = [f.read_text(encoding="utf-8") for f in files]
docs = [read_evaluation_document(f) for f in files]
text = RowText("json", "zh")
for _ in range(passes):
    for doc, f, body in zip(docs, files, texts):
        if step == "parse":
            tomli.loads(body, parse_float=Decimal)
            continue
        if step == "plain":
            read_plain(body) or tomli.loads(body, parse_float=Decimal)
            continue
        ev = load_evaluation(f, document=doc)  # as a batch reads a file
        if step == "read":
            continue
        result = score_evaluation(ev)
        if step == "engine":
            continue
        row = summarise(result, "")
        if step == "json":
            Packed.of(row, text)
"""


def count(step: str, folder: Path, passes: int) -> int:
    """Instructions callgrind counts for the child doing ``step`` ``passes`` times over ``folder``."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", CHILD,
                           step, str(folder), str(passes)], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--indicators", type=int, default=200, help="indicators per file")
    ap.add_argument("--shape", choices=("realistic", "all-wrong", "both"), default="both")
    ap.add_argument("--spelling", choices=SHAPES, default="real", help="as real files are, or the earlier symbols")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    shapes = {"realistic": 0.15, "all-wrong": 1.0}
    with tempfile.TemporaryDirectory() as tmp:
        for shape, misclaimed in shapes.items():
            if args.shape not in (shape, "both"):
                continue
            folder = Path(tmp) / shape
            write_corpus(folder, files=args.files, indicators=args.indicators, seed=1, misclaimed=misclaimed, shape=args.spelling)
            per_file = {step: (count(step, folder, 2) - count(step, folder, 1)) / args.files / 1e6 for step in STEPS}
            print(f"{args.spelling}/{shape}: {args.files} files of {args.indicators} indicators, million instructions a file")
            print(f"  tomli's parse (the floor)   {per_file['parse']:8.2f}")
            print(f"  read as score reads it      {per_file['plain']:8.2f}")
            previous = 0.0
            for step in STEPS[2:]:  # each with the steps before it: what it adds is the difference
                print(f"  after the parse, to {step:<7} {per_file[step]:8.2f}  (+{per_file[step] - previous:.2f})")
                previous = per_file[step]


if __name__ == "__main__":
    main()
