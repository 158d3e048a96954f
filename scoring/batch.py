"""Many submissions at once: find them, score them (in parallel), summarise them.

A finance bureau points ``score`` at a folder of self-evaluations. Each file
is told apart by its keys (an evaluation has ``department``; an indicator set
has ``[[indicator]]`` rows; a policy has knobs or ``extends``), every
evaluation is scored in a worker, and only a small summary per file stays in
memory; full results (``--details``) are spooled to disk in the order they
arrive and read back in the order of the summary.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import IO

from .errors import InputError, display_path
from .findings import SEVERITIES, severity_rank
from .i18n import DEFAULT, t
from .load import EVALUATION, OTHER, discover, not_an_evaluation
from .numbers import fixed, plain
from .policy import DEFAULT_POLICY

# -- one submission ------------------------------------------------------------

def summarise(result) -> dict:
    """A submission's row of the batch summary (FORMAT.md, scoring.batch.v1)."""
    ev = result.evaluation
    d = result.policy.rounding.decimals
    counts = {s: 0 for s in SEVERITIES}
    for f in result.findings:
        counts[f.severity] += 1
    worst = result.worst()
    diff = result.claimed_difference
    return {
        "path": ev.path,
        "department": ev.department,
        "year": ev.year,
        "policy": result.policy.id,
        "score": fixed(result.score, d),
        "grade": result.grade,
        "claimed": {"score": plain(ev.claimed.score) if ev.claimed.score is not None else None, "grade": ev.claimed.grade}
        if ev.claimed
        else None,
        "difference": fixed(diff, d) if diff is not None else None,
        "findings": counts,
        "worst": {"code": worst.code, "message": worst.message} if worst else None,
        "discrepancies": [
            {"subject": f.subject, "indicator": f.indicator, "code": f.code, "claimed": f.claimed, "computed": f.computed,
             "formula": f.formula, "message": f.message}
            for f in result.findings
            if f.code in ("claimed-mismatch", "target-changed")
        ],
    }


def score_one(task: tuple[str, str | None, str | None, str]) -> tuple[dict, str | None]:
    """Score one file in a worker: its summary row (or its problems), and its detail text if asked for
    (worded in the task's language; the summary row is language-free)."""
    from .api import score_file

    path, detail_format, default_policy, lang = task
    try:
        result = score_file(path, default_policy=default_policy)
    except InputError as exc:
        return {"path": display_path(path), "problems": [p.text() for p in exc.problems]}, None
    except Exception as exc:  # a bug in scoring must not cost the bureau the rest of the batch
        return {"path": display_path(path), "problems": [t('内部错误（{v}），请报告', 'internal error ({v}); please report it', v=type(exc).__name__)],
                "internal": True}, None
    return summarise(result), render_detail(result, detail_format, lang) if detail_format else None


def render_detail(result, fmt: str, lang: str) -> str:
    """A submission's full result for ``--details``; CSV rows carry the path, under one shared header."""
    import io

    if fmt == "csv":
        from .report import csv_

        return csv_.rows(result, lang, with_path=True, header=False)
    if fmt == "json":
        from .report import json_

        return json.dumps(json_.result_dict(result, lang), ensure_ascii=False)
    from .report import render_result

    buf = io.StringIO()
    render_result(result, fmt, buf, lang)
    return buf.getvalue()


# -- the batch ----------------------------------------------------------------------

def sort_key(row: dict):
    """Largest discrepancy first; submissions without a claim after those with one; then by path."""
    diff = row.get("difference")
    return (diff is None, -abs(Decimal(diff)) if diff is not None else 0, row["path"])


class Batch:
    """The outcome of scoring many files: summary rows, unreadable files, spooled details."""

    def __init__(self, default_policy: str):
        self.default_policy = default_policy
        """The policy of the submissions that name none."""
        self.submissions: list[dict] = []
        self.unreadable: list[dict] = []
        self.internal_error = False
        self._spool: IO[bytes] | None = None
        self._where: dict[str, tuple[int, int]] = {}

    def add(self, row: dict, detail: str | None) -> None:
        if "problems" in row:
            self.internal_error |= row.pop("internal", False)
            self.unreadable.append(row)
            return
        self.submissions.append(row)
        if detail is not None:
            spool = self._spool = self._spool or tempfile.TemporaryFile()
            data = detail.encode("utf-8")
            start = spool.seek(0, os.SEEK_END)
            spool.write(data)
            self._where[row["path"]] = (start, len(data))

    def finish(self) -> Batch:
        self.submissions.sort(key=sort_key)
        self.unreadable.sort(key=lambda r: r["path"])
        return self

    def detail(self, row: dict) -> str | None:
        if row["path"] not in self._where:
            return None
        start, size = self._where[row["path"]]
        assert self._spool is not None  # a detail was spooled for this row
        self._spool.seek(start)
        return self._spool.read(size).decode("utf-8")

    def worst_severity(self) -> int | None:
        ranks = [severity_rank(s) for row in self.submissions for s, n in row["findings"].items() if n]
        return min(ranks, default=None)


def run(paths: list[Path], jobs: int = 1, detail_format: str | None = None,
        progress: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None,
        default_policy: str | None = None, lang: str = DEFAULT) -> Batch:
    """Score every evaluation under ``paths``; the result does not depend on ``jobs``. Only the
    ``--details`` texts are worded here (in ``lang``); the summary rows are language-free."""
    batch = Batch(default_policy or DEFAULT_POLICY)
    tasks = []
    for path, kind in discover(paths):
        if not path.exists():
            batch.add({"path": display_path(path), "problems": [t('{path}：文件不存在', '{path}: no such file', path=display_path(path))]}, None)
        elif kind == EVALUATION:
            tasks.append((str(path), detail_format, default_policy, lang))
        elif kind == OTHER:
            batch.add({"path": display_path(path), "problems": [display_path(path) + ": " + not_an_evaluation(kind)]}, None)
    if total:
        total(len(tasks))
    if jobs <= 1 or len(tasks) <= 1:
        results: Iterable[tuple[dict, str | None]] = map(score_one, tasks)
        pool = None
    else:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = multiprocessing.get_context(method).Pool(jobs)
        results = pool.imap_unordered(score_one, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8))))
    try:
        for row, detail in results:
            batch.add(row, detail)
            if progress:
                progress(1)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return batch.finish()
