"""Many submissions at once: find them, score them (in parallel), summarise them.

A finance bureau points ``score`` at a folder of self-evaluations. Each file
is told apart by its keys (an evaluation has ``department``; an indicator set
has ``[[indicator]]`` rows; a policy has knobs or ``extends``), every
evaluation is scored in a worker, and only a small summary per file stays in
memory; full results (``--details``) are spooled to disk in the order they
arrive and read back in the order of the summary.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import IO

from attrs import frozen

from .engine import EvaluationResult, score_evaluation
from .errors import InputError, display_path
from .findings import SEVERITIES, FindingCode, Severity, severity_rank
from .i18n import Text, Words, t
from .load import EVALUATION, OTHER, discover, load_evaluation, not_an_evaluation
from .numbers import fixed, plain
from .policy import DEFAULT_POLICY

# -- one submission ------------------------------------------------------------

@frozen
class Discrepancy:
    """A claimed value that does not hold, or a changed target."""

    code: str
    subject: str | None
    indicator: str | None
    claimed: str | None
    computed: str | None
    formula: Words | None
    message: Text


@frozen
class Submission:
    """A submission's row of the batch summary (FORMAT.md, scoring.batch.v1); language-free."""

    path: str
    department: str
    year: int
    policy: str
    score: str
    grade: str
    claimed_score: str | None
    claimed_grade: str | None
    difference: str | None
    """claimed − computed, at the policy's decimals."""
    findings: tuple[tuple[Severity, int], ...]
    """How many findings of each severity, worst first."""
    worst: tuple[FindingCode, Text] | None
    """The most severe finding's code and message."""
    discrepancies: tuple[Discrepancy, ...]

    def count(self, severity: Severity) -> int:
        return dict(self.findings)[severity]


@frozen
class Unreadable:
    """A file that could not be scored, with every reason."""

    path: str
    problems: tuple[Words, ...]
    internal: bool = False
    """A bug in scoring, not a problem with the file."""


def summarise(result: EvaluationResult) -> Submission:
    """A submission's row of the batch summary."""
    ev = result.evaluation
    d = result.policy.rounding.decimals
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in result.findings:
        counts[f.severity] += 1
    diff = result.claimed_difference
    claim = ev.claimed
    return Submission(
        path=ev.path,
        department=ev.department,
        year=ev.year,
        policy=result.policy.id,
        score=fixed(result.score, d),
        grade=result.grade,
        claimed_score=plain(claim.score) if claim and claim.score is not None else None,
        claimed_grade=claim.grade if claim else None,
        difference=fixed(diff, d) if diff is not None else None,
        findings=tuple(counts.items()),
        worst=(worst.code, worst.message) if (worst := result.worst()) else None,
        discrepancies=tuple(Discrepancy(f.code, f.subject, f.indicator, f.claimed, f.computed, f.formula, f.message)
                            for f in result.findings if f.code in ("claimed-mismatch", "target-changed")),
    )


Detail = Callable[[EvaluationResult], str]
"""Renders a submission's full result for ``--details`` (worded already: it runs in the worker)."""


def score_one(task: tuple[str, str | None, Detail | None]) -> tuple[Submission | Unreadable, str | None]:
    """Score one file in a worker: its summary row (or its problems), and its detail text if asked for."""
    path, default_policy, detail = task
    try:
        result = score_evaluation(load_evaluation(path, default_policy=default_policy))
    except InputError as exc:
        return Unreadable(display_path(path), tuple(p.text() for p in exc.problems)), None
    except Exception as exc:  # a bug in scoring must not cost the bureau the rest of the batch
        return Unreadable(display_path(path), (t("内部错误（{v}），请报告", "internal error ({v}); please report it", v=type(exc).__name__),),
                          internal=True), None
    return summarise(result), detail(result) if detail else None


# -- the batch ----------------------------------------------------------------------

def sort_key(row: Submission):
    """Largest discrepancy first; submissions without a claim after those with one; then by path."""
    diff = row.difference
    return (diff is None, -abs(Decimal(diff)) if diff is not None else 0, row.path)


class Batch:
    """The outcome of scoring many files: summary rows, unreadable files, spooled details."""

    def __init__(self, default_policy: str):
        self.default_policy = default_policy
        """The policy of the submissions that name none."""
        self.submissions: list[Submission] = []
        self.unreadable: list[Unreadable] = []
        self.internal_error = False
        self._spool: IO[bytes] | None = None
        self._where: dict[str, tuple[int, int]] = {}

    def add(self, row: Submission | Unreadable, detail: str | None) -> None:
        if isinstance(row, Unreadable):
            self.internal_error |= row.internal
            self.unreadable.append(row)
            return
        self.submissions.append(row)
        if detail is not None:
            spool = self._spool = self._spool or tempfile.TemporaryFile()
            data = detail.encode("utf-8")
            start = spool.seek(0, os.SEEK_END)
            spool.write(data)
            self._where[row.path] = (start, len(data))

    def finish(self) -> Batch:
        self.submissions.sort(key=sort_key)
        self.unreadable.sort(key=lambda r: r.path)
        return self

    def detail(self, row: Submission) -> str | None:
        if row.path not in self._where:
            return None
        start, size = self._where[row.path]
        assert self._spool is not None  # a detail was spooled for this row
        self._spool.seek(start)
        return self._spool.read(size).decode("utf-8")

    def worst_severity(self) -> int | None:
        ranks = [severity_rank(s) for row in self.submissions for s, n in row.findings if n]
        return min(ranks, default=None)


def run(paths: list[Path], jobs: int = 1, detail: Detail | None = None,
        progress: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None,
        default_policy: str | None = None) -> Batch:
    """Score every evaluation under ``paths``; the result does not depend on ``jobs``. The summary
    rows are language-free; ``detail`` (picklable, for the workers) renders each full result."""
    batch = Batch(default_policy or DEFAULT_POLICY)
    tasks = []
    for path, kind in discover(paths):
        if not path.exists():
            batch.add(Unreadable(display_path(path), (t("{path}：文件不存在", "{path}: no such file", path=display_path(path)),)), None)
        elif kind == EVALUATION:
            tasks.append((str(path), default_policy, detail))
        elif kind == OTHER:
            batch.add(Unreadable(display_path(path), (display_path(path) + ": " + not_an_evaluation(kind),)), None)
    if total:
        total(len(tasks))
    if jobs <= 1 or len(tasks) <= 1:
        results: Iterable[tuple[Submission | Unreadable, str | None]] = map(score_one, tasks)
        pool = None
    else:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = multiprocessing.get_context(method).Pool(jobs)
        results = pool.imap_unordered(score_one, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8))))
    try:
        for row, text in results:
            batch.add(row, text)
            if progress:
                progress(1)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return batch.finish()
