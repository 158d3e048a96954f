"""Where a one-job batch spends its time, stage by stage, on a generated inbox.

    python benchmarks/stages.py                               # 100 files of 200 indicators, real spelling
    python benchmarks/stages.py --spelling symbols --profile out.txt

Each stage runs over every file of the inbox in turn, on what the stage
before it made, with the collector set as a batch sets it: the text read;
its TOML parsed (plainly where :mod:`scoring.load._plain_toml` takes it,
tomli where it steps aside; tomli alone beside it, the floor bench.py sets
targets against); the document `score` builds around it; the model, as a
batch reads it; the engine; the summary row, then packed and written as
JSON. It says how many files each TOML reader took. With
``--profile``, a cProfile of the batch's own work on one job
(``scoring.batch.run``) is written to a file: the top functions by
cumulative and by own time. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import tomli

from scoring import batch
from scoring.batch import Packed, summarise
from scoring.engine import score_evaluation
from scoring.load._evaluation import load_evaluation, read_evaluation_document
from scoring.load._plain_toml import read_plain
from scoring.report.summary import RowText
from scoring.testing import SHAPES, write_corpus


def timed(label: str, times: dict[str, float], work):
    start = time.perf_counter()
    out = work()
    times[label] = time.perf_counter() - start
    return out


def stages(files: list[Path]) -> tuple[dict[str, float], dict[str, int]]:
    """Each stage's seconds over ``files``, and how many files took each way."""
    times: dict[str, float] = {}
    texts = timed("read the text", times, lambda: [f.read_text(encoding="utf-8") for f in files])
    timed("tomli.loads alone (the floor)", times, lambda: [tomli.loads(t, parse_float=Decimal) for t in texts])
    plain = timed("TOML: the plain reader, tomli where it steps aside", times,
                  lambda: [read_plain(t) or tomli.loads(t, parse_float=Decimal) for t in texts])
    docs = timed("document: read, parsed, its lines known", times, lambda: [read_evaluation_document(f) for f in files])
    models = timed("model: the reader", times, lambda: [load_evaluation(f, document=d) for f, d in zip(files, docs)])
    results = timed("engine: score_evaluation", times, lambda: [score_evaluation(m) for m in models])
    rows = timed("summary: summarise", times, lambda: [summarise(r, "") for r in results])
    text = RowText("json", "zh")
    timed("summary: packed and written as JSON", times, lambda: [Packed.of(r, text) for r in rows])
    counts = {
        "files": len(files),
        "read by the plain reader": sum(read_plain(t) is not None for t in texts),
        "read by tomli (the plain reader stepped aside)": sum(read_plain(t) is None for t in texts),
    }
    del plain
    return times, counts


def profile(folder: Path, out: Path, top: int) -> None:
    """cProfile of ``batch.run`` on one job over ``folder``: the top functions by cumulative and by own time."""
    prof = cProfile.Profile()
    prof.enable()
    batch.run([folder], jobs=1, text=RowText("json", "zh"))
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    for key, title in (("cumulative", "by cumulative time"), ("tottime", "by own time")):
        buf.write(f"\n==== top {top} {title} ====\n")
        stats.sort_stats(key).print_stats(top)
    by_module: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        module = filename.split("site-packages/")[-1] if "site-packages/" in filename else filename
        by_module[module] = by_module.get(module, 0.0) + own
    total = sum(by_module.values())
    buf.write(f"\n==== own time by module (of {total:.3f} s) ====\n")
    for module, own in sorted(by_module.items(), key=lambda kv: -kv[1])[:25]:
        buf.write(f"  {own:7.3f} s  {own / total:6.1%}  {module}\n")
    out.write_text(buf.getvalue(), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--indicators", type=int, default=200)
    ap.add_argument("--misclaimed", type=float, default=0.15, help="the share of row claims off")
    ap.add_argument("--spelling", choices=SHAPES, default="real")
    ap.add_argument("--profile", type=Path, help="write a cProfile of the one-job batch here")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        write_corpus(folder, files=args.files, indicators=args.indicators, seed=1, misclaimed=args.misclaimed, shape=args.spelling)
        files = sorted(folder.glob("*.toml"))
        collecting = gc.get_threshold()
        batch.collect_less()
        try:
            stages(files)  # once to warm the caches a batch warms on its first file
            times, counts = stages(files)
        finally:
            gc.set_threshold(*collecting)
        floor = times["tomli.loads alone (the floor)"]
        print(f"{args.spelling}: {args.files} files of {args.indicators} indicators, {args.misclaimed:.0%} of row claims off")
        for label, seconds in times.items():
            print(f"  {label:<55} {seconds:7.3f} s  {seconds / floor:5.2f}× tomli")
        after = sum(v for k, v in times.items() if k.startswith(("model", "engine", "summary")))
        print(f"  {'document + model + engine + summary':<55} {times['document: read, parsed, its lines known'] + after:7.3f} s  "
              f"{(times['document: read, parsed, its lines known'] + after) / floor:5.2f}× tomli")
        for label, n in counts.items():
            print(f"  {label:<55} {n:7d}")
        if args.profile:
            profile(folder, args.profile, args.top)
            print(f"profile written to {args.profile}")


if __name__ == "__main__":
    main()
