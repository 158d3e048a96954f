"""Many submissions at once: find them, score them (in parallel), summarise them.

A finance bureau points ``score`` at a folder of self-evaluations. Each file
is told apart by its keys (an evaluation has ``department``; an indicator set
has ``[[indicator]]`` rows; a policy has knobs or ``extends``), every
evaluation is scored in a worker, and its summary row is spooled to disk as it
arrives: memory holds only what ranking and grouping need, however many
files there are and however many discrepancies each has. Full results
(``--details``) are spooled the same way, and both are read back in the order
of the summary.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import signal
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Protocol, overload

import attrs
from attrs import frozen

from .engine import EvaluationResult, score_evaluation
from .errors import InputError
from .findings import SEVERITIES, FindingCode, Kind, Level, Severity, severity_rank
from .i18n import Text, Words, t
from .limits import DEFAULT as LIMITS
from .limits import Limits
from .load import load_evaluation, submissions
from .numbers import divide, fixed, kept, plain, round_to
from .policy import DEFAULT_POLICY

# -- one submission ------------------------------------------------------------

@frozen(slots=False)  # up to one per row: a dict-backed frozen class is built faster
class Discrepancy:
    """A claimed value that does not hold, a table whose numbers disagree, a changed target, or
    points short of the total: where it is, what kind it is, and why."""

    code: FindingCode
    level: Level
    kind: Kind
    subject: str | None
    indicator: str | None
    claimed: str | None
    computed: str | None
    difference: Decimal | None
    """claimed − computed, exact, in points; what the batch ranks by."""
    formula: Words | None
    reason: Text | None
    message: Text


@frozen
class Submission:
    """A submission's row of the batch summary (FORMAT.md, scoring.batch.v1); language-free."""

    path: str
    department: str
    year: int
    policy: str
    policy_sha256: str
    builtin_policy: bool
    """Whether the policy is one of those shipped with scoring (a lookalike file is not)."""
    declared_policy: str | None
    score: str
    """The submission's total: the department's, or for one project, the project's."""
    grade: str
    claimed_score: str | None
    claimed_grade: str | None
    difference: str | None
    """claimed − computed total, at the policy's decimals."""
    points: tuple[Decimal, Decimal]
    """(the points its tables declare, the points they should hold)."""
    findings: tuple[tuple[Severity, int], ...]
    """How many findings of each severity, worst first."""
    worst: tuple[FindingCode, Text] | None
    """The most severe finding's code and message."""
    discrepancies: tuple[Discrepancy, ...]
    projects: tuple[str, ...] = ()
    """The names of its projects (or 部门整体), to find the same table submitted twice."""
    executed: Decimal | None = None
    """Σ 全年执行数 of its projects, in 元, for the department's roll-up (None if any lacks it)."""
    sha256: str = ""
    """Of the file's bytes: the same content submitted twice is found by it."""
    duplicates: tuple[str, ...] = ()
    """Other files with the same content, or the same department, projects and year."""
    reads: tuple[str, ...] = ()
    """Every file read to score it, resolved: an ``--output`` never replaces one."""

    def count(self, severity: Severity) -> int:
        return dict(self.findings)[severity]

    @property
    def largest(self) -> Decimal:
        """The largest discrepancy at any level, in points: what the batch ranks by."""
        return max((abs(d.difference) for d in self.discrepancies if d.difference is not None), default=Decimal(0))

    @property
    def kinds(self) -> tuple[Kind, ...]:
        return tuple(k for k in Kind if any(d.kind is k for d in self.discrepancies))

    @property
    def complete(self) -> bool:
        return self.points[0] == self.points[1]

    @property
    def department_key(self) -> str:
        return department_key(self.department)


_PREFIX = re.compile(r"^(?:主管部门|预算部门|部门名称|部门|填报单位|单位名称)\s*[:：]?\s*")
_SEAL = re.compile(r"[(（]\s*(?:盖章|公章)\s*[)）]$")


def department_key(name: str) -> str:
    """A department's name as the batch groups it: folded (全角 → 半角), without spaces, a 主管部门
    prefix or a （盖章） suffix."""
    text = "".join(unicodedata.normalize("NFKC", name).split())
    return _SEAL.sub("", _PREFIX.sub("", text)) or text


@frozen
class Unreadable:
    """A file that could not be scored, with every reason."""

    path: str
    problems: tuple[Words, ...]
    internal: bool = False
    """A bug in scoring, not a problem with the file."""


def _discrepancies(result: EvaluationResult) -> tuple[Discrepancy, ...]:
    return tuple(Discrepancy(f.code, f.level, f.kind, f.subject, f.indicator, f.claimed, f.computed, f.difference,
                             f.formula, f.reason, f.message)
                 for f in result.findings if f.kind is not None and f.level is not None)


def summarise(result: EvaluationResult, sha256: str = "") -> Submission:
    """A submission's row of the batch summary."""
    ev = result.evaluation
    d = result.policy.rounding.decimals
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in result.findings:
        counts[f.severity] += 1
    single = result.projects[0] if len(result.projects) == 1 and result.overall is None else None
    claim = ev.claimed if ev.claimed is not None else (single.subject.claimed if single else None)
    total = result.score
    diff = claim.score - total if claim is not None and claim.score is not None else None
    declared = sum((s.declared for s in result.subjects), Decimal(0))
    full = sum((s.full for s in result.subjects), Decimal(0))
    executed = [p.subject.budget.executed if p.subject.budget else None for p in result.projects]
    unit = Decimal(10000) if ev.money_unit == "万元" else Decimal(1)
    worst = result.worst()
    return Submission(
        path=ev.path,
        department=ev.department,
        year=ev.year,
        policy=result.policy.id,
        policy_sha256=result.policy.sha256,
        builtin_policy=result.policy.builtin,
        declared_policy=ev.declared_policy,
        score=kept(total, d),
        grade=result.grade,
        claimed_score=plain(claim.score) if claim and claim.score is not None else None,
        claimed_grade=claim.grade if claim else None,
        difference=fixed(diff, d) if diff is not None else None,
        points=(declared, full),
        findings=tuple(counts.items()),
        worst=(worst.code, worst.message) if worst else None,
        discrepancies=_discrepancies(result),
        projects=tuple(sorted(s.subject.name for s in result.subjects)),
        executed=sum((e * unit for e in executed if e is not None), Decimal(0)) if executed and None not in executed else None,
        sha256=sha256,
        reads=ev.reads,
    )


Detail = Callable[[EvaluationResult], str]
"""Renders a submission's full result for ``--details`` (worded already: it runs in the worker)."""


class RowText(Protocol):
    """Writes a summary row as an output format holds it (a JSON object, a CSV line), in the worker,
    so the parent copies text instead of wording every row itself. Picklable, and equal to another
    that writes the same way."""

    def __call__(self, row: Submission) -> str: ...

    def splice(self, text: str, duplicates: tuple[str, ...]) -> str:
        """``text``, written from a row without duplicates, with ``duplicates`` put in (they are known
        only once every file is in)."""
        ...


def score_one(task: tuple[str, str, str | None, Detail | None, Limits, RowText | None, str | None]) -> tuple[Packed | Unreadable, str | None]:
    """Score one file (its path, and its name as shown) in a worker, in isolation and within its
    time limit: its summary row, packed for the spool (or its problems), and its detail text if
    asked for. Nothing one file does stops the others."""
    path, shown, policy, detail, limits, text, vocabulary = task
    try:
        return _within(limits.timeout, lambda: _score_one(path, shown, policy, detail, limits, text, vocabulary))
    except InputError as exc:
        return Unreadable(shown, tuple(p.text() for p in exc.problems)), None
    except _Timeout:
        return Unreadable(shown, (t("评分用时超过 {n} 秒，已停止（可用 --timeout 放宽）",
                                    "took longer than {n} s and was stopped (raise it with --timeout)", n=plain(Decimal(str(limits.timeout)))),)), None
    except Exception as exc:  # a bug in scoring must not cost the bureau the rest of the batch
        return Unreadable(shown, (t("内部错误（{v}），请报告", "internal error ({v}); please report it", v=type(exc).__name__),),
                          internal=True), None


class _Timeout(BaseException):
    """A file's time is up. Not an Exception: the reader catches those (a value the converter
    refuses) and must never take the alarm for a problem of the file, nor read on after it."""


def _within(seconds: float, work: Callable[[], tuple]) -> tuple:
    """``work()``, stopped after ``seconds`` where the platform allows (a POSIX main thread)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread() or seconds <= 0:
        return work()

    def stop(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _score_one(path: str, shown: str, policy: str | None, detail: Detail | None, limits: Limits, text: RowText | None,
               vocabulary: str | None) -> tuple[Packed, str | None]:
    result = score_evaluation(load_evaluation(path, shown, policy=policy, limits=limits, vocabulary=vocabulary))
    sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return Packed.of(summarise(result, sha256), text), detail(result) if detail else None  # rendered here too: in isolation


# -- the batch ----------------------------------------------------------------------

def sort_key(row: Submission):
    """The largest discrepancy at any level first (department, project, 预算执行率, row); then
    submissions with any discrepancy; then by path."""
    return (-row.largest, not row.discrepancies, row.path)


@frozen
class _Entry:
    """What the batch keeps in memory of one summary row: where it is spooled and what ranking,
    grouping, filtering and duplicates need. The row itself stays on disk."""

    path: str
    key: tuple
    at: tuple[int, int]
    department: str
    department_key: str
    projects: tuple[str, ...]
    year: int
    sha256: str
    score: str
    executed: Decimal | None
    kinds: tuple[Kind, ...]
    worst: int | None

    @classmethod
    def of(cls, row: Submission, at: tuple[int, int]) -> _Entry:
        ranks = [severity_rank(s) for s, n in row.findings if n]
        return cls(row.path, sort_key(row), at, row.department, row.department_key, row.projects, row.year, row.sha256,
                   row.score, row.executed, row.kinds, min(ranks, default=None))


@frozen
class Packed:
    """A summary row as a worker hands it over: pickled once, or written out by the batch's
    :class:`RowText`, in the worker, with the entry the batch keeps. The parent writes the bytes to
    its spool as they are, never reading them to rank."""

    entry: _Entry
    data: bytes
    reads: tuple[str, ...]

    @classmethod
    def of(cls, row: Submission, text: RowText | None = None) -> Packed:
        data = text(row).encode("utf-8") if text is not None else pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)
        return cls(_Entry.of(row, (0, 0)), data, row.reads)


def _read(spool: IO[bytes] | None, at: tuple[int, int]) -> bytes:
    """The bytes spooled at ``at`` (start, size)."""
    assert spool is not None  # something was spooled there
    start, size = at
    spool.seek(start)
    return spool.read(size)


class Rows(Sequence[Submission]):
    """Summary rows read back from the spool one at a time, in the order of ``entries``: a batch of
    any size, every row a discrepancy or none, holds only its entries in memory."""

    def __init__(self, spool: IO[bytes] | None, entries: list[_Entry], duplicates: dict[str, tuple[str, ...]], text: bool = False):
        self._spool, self.entries, self._duplicates, self._text = spool, entries, duplicates, text

    def __len__(self) -> int:
        return len(self.entries)

    @overload
    def __getitem__(self, i: int) -> Submission: ...
    @overload
    def __getitem__(self, i: slice) -> Rows: ...
    def __getitem__(self, i: int | slice) -> Submission | Rows:
        if isinstance(i, slice):
            return Rows(self._spool, self.entries[i], self._duplicates, self._text)
        if self._text:
            raise TypeError("this batch spooled its rows as text for one format: read them with Batch.texts()")
        row: Submission = pickle.loads(_read(self._spool, self.entries[i].at))  # our own bytes, written by add() to a private file
        same = self._duplicates.get(row.path)
        return attrs.evolve(row, duplicates=same) if same else row

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class Batch:
    """The outcome of scoring many files: summary rows (spooled), unreadable files, spooled details."""

    def __init__(self, given_policy: str | None = None, limits: Limits = LIMITS, text: RowText | None = None,
                 vocabulary: str | None = None):
        self.given_policy = given_policy
        """``--policy``: the policy that governs every submission (None: each file's own)."""
        self.limits = limits
        self.vocabulary = vocabulary
        """``--vocabulary``: the bureau's words, added to the built-in ones for every workbook."""
        self.found: list[Path] = []
        """Every file found under the paths given, whatever its kind."""
        self.default_policy = given_policy or DEFAULT_POLICY
        """The policy of the submissions that name none."""
        self.unreadable: list[Unreadable] = []
        self.internal_error = False
        self._entries: list[_Entry] = []
        self._duplicates: dict[str, tuple[str, ...]] = {}
        self._reads: set[str] = set()
        self._rows: IO[bytes] | None = None
        self._spool: IO[bytes] | None = None
        self._where: dict[str, tuple[int, int]] = {}
        self.text = text
        """How the rows are spooled: written out for one format, or (None) pickled."""

    def add(self, row: Submission | Packed | Unreadable, detail: str | None) -> None:
        if isinstance(row, Unreadable):
            self.internal_error |= row.internal
            self.unreadable.append(row)
            return
        packed = Packed.of(row, self.text) if isinstance(row, Submission) else row
        rows = self._rows = self._rows or tempfile.TemporaryFile()
        start = rows.seek(0, os.SEEK_END)
        rows.write(packed.data)
        self._entries.append(attrs.evolve(packed.entry, at=(start, len(packed.data))))
        self._reads.update(packed.reads)
        if detail is not None:
            spool = self._spool = self._spool or tempfile.TemporaryFile()
            data = detail.encode("utf-8")
            start = spool.seek(0, os.SEEK_END)
            spool.write(data)
            self._where[packed.entry.path] = (start, len(data))

    @property
    def submissions(self) -> Rows:
        """The summary rows, ranked (see :func:`sort_key`); each read from disk when it is used."""
        return self._rows_of(self._entries)

    def _rows_of(self, entries: list[_Entry]) -> Rows:
        return Rows(self._rows, entries, self._duplicates, self.text is not None)

    def texts(self, text: RowText) -> Iterator[str]:
        """Each summary row as ``text`` writes it, ranked, with its duplicates: copied from the spool
        when the workers wrote it that way, else written here from the spooled row."""
        if self.text is not None and self.text != text:
            raise TypeError("this batch spooled its rows written for another format")
        copied = self.text is not None
        for entry in self._entries:
            data = _read(self._rows, entry.at)
            written = data.decode("utf-8") if copied else text(pickle.loads(data))  # our own bytes (see add())
            yield text.splice(written, self._duplicates.get(entry.path, ()))

    def finish(self) -> Batch:
        self._duplicates = _duplicates(self._entries)
        self._entries.sort(key=lambda e: e.key)
        self.unreadable.sort(key=lambda r: r.path)
        return self

    @property
    def has_duplicates(self) -> bool:
        return bool(self._duplicates)

    def reads(self) -> set[str]:
        """Every file the batch read (submissions, their indicator sets and policies, what it found unreadable)."""
        return {str(Path(p).resolve()) for p in self.found} | self._reads

    def keep(self, kinds: Iterable[Kind]) -> Batch:
        """Only the submissions with a discrepancy of one of ``kinds`` (``score --kind``)."""
        wanted = set(kinds)
        self._entries = [e for e in self._entries if wanted & set(e.kinds)]
        return self

    def departments(self) -> list[Department]:
        """Per department (names folded): its submissions, their kinds and its own roll-up."""
        groups: dict[str, list[_Entry]] = {}
        for entry in self._entries:
            groups.setdefault(entry.department_key, []).append(entry)
        return [Department.of(key, self._rows_of(entries)) for key, entries in sorted(groups.items())]

    def by_department(self) -> Rows:
        """The rows grouped by department (in the order of :meth:`departments`), ranked within each."""
        return self._rows_of([e for dep in self.departments() for e in dep.submissions.entries])

    def detail(self, row: Submission) -> str | None:
        if row.path not in self._where:
            return None
        return _read(self._spool, self._where[row.path]).decode("utf-8")

    def result(self, row: Submission) -> EvaluationResult:
        """A submission's full result, scored again (for the reports that show every table: one at a
        time, so memory stays flat)."""
        return score_evaluation(load_evaluation(row.path, policy=self.given_policy, limits=self.limits, vocabulary=self.vocabulary))

    def worst_severity(self) -> int | None:
        return min((e.worst for e in self._entries if e.worst is not None), default=None)


def _duplicates(entries: list[_Entry]) -> dict[str, tuple[str, ...]]:
    """For each row that has any: the other files with the same content, or the same department, projects and year."""
    by_content: dict[str, list[str]] = {}
    by_table: dict[tuple, list[str]] = {}
    for e in entries:
        if e.sha256:
            by_content.setdefault(e.sha256, []).append(e.path)
        by_table.setdefault((e.department_key, e.projects, e.year), []).append(e.path)
    out = {}
    for e in entries:
        same = set(by_content.get(e.sha256, [])) | set(by_table[(e.department_key, e.projects, e.year)])
        same.discard(e.path)
        if same:
            out[e.path] = tuple(sorted(same))
    return out


@frozen
class Department:
    """A department's submissions in a batch, and its own roll-up of them."""

    name: str
    submissions: Rows
    score: Decimal
    """Its roll-up: the mean of its submissions' totals, weighted by executed budget where every one has it."""
    method: str
    """``budget_weighted`` or ``mean``."""

    @classmethod
    def of(cls, key: str, rows: Rows) -> Department:
        entries = rows.entries
        scores = [Decimal(e.score) for e in entries]
        weights = [e.executed for e in entries]
        if all(w for w in weights):
            exact = divide(sum((w * s for w, s in zip(weights, scores) if w), Decimal(0)), sum((w for w in weights if w), Decimal(0)))
            method = "budget_weighted"
        else:
            exact, method = divide(sum(scores, Decimal(0)), Decimal(len(scores))), "mean"
        return cls(entries[0].department if len(entries) == 1 else key, rows, round_to(exact, 2), method)

    def count(self, kind: Kind) -> int:
        return sum(1 for e in self.submissions.entries if kind in e.kinds)


def run(paths: list[Path], jobs: int = 1, detail: Detail | None = None,
        progress: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None,
        policy: str | None = None, limits: Limits = LIMITS, text: RowText | None = None, vocabulary: str | None = None) -> Batch:
    """Score every evaluation under ``paths``; the result does not depend on ``jobs``. The summary
    rows are language-free, unless ``text`` (picklable, for the workers) writes them out for one
    format (then they are read with :meth:`Batch.texts`); ``detail`` renders each full result.
    ``policy`` governs every submission, whatever policy it names."""
    batch = Batch(policy, limits, text, vocabulary)
    tasks = []
    for path, shown, problem in submissions(paths, limits, batch.found):
        if problem is not None:
            batch.add(Unreadable(shown, (problem.text(),)), None)
        elif not path.exists():
            batch.add(Unreadable(shown, (t("{path}：文件不存在", "{path}: no such file", path=shown),)), None)
        else:
            tasks.append((str(path), shown, policy, detail, limits, text, vocabulary))
    if total:
        total(len(tasks))
    jobs = max(1, min(jobs, os.cpu_count() or 1, len(tasks)))  # more processes than cores or files only cost
    collecting = gc.get_threshold()
    collect_less()
    if jobs == 1:
        results: Iterable[tuple[Packed | Unreadable, str | None]] = map(score_one, tasks)
        pool = None
    else:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = multiprocessing.get_context(method).Pool(jobs, initializer=collect_less)
        results = pool.imap_unordered(score_one, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8))))
    try:
        for row, detail_text in results:
            batch.add(row, detail_text)
            if progress:
                progress(1)
    finally:
        gc.set_threshold(*collecting)
        if pool is not None:
            pool.close()
            pool.join()
    return batch.finish()


YOUNG = 20_000
"""New container objects a batch lets live before the garbage collector looks at them (Python's
default is 700). Scoring one file makes some thousands (the parsed tables, the rows, the
findings) and frees nearly all of them by reference counting as the file is done; at 700 the
collector ran several times a file over objects about to be freed anyway, a tenth of the time."""


def collect_less() -> None:
    """Fewer collections of the youngest objects, for as long as a batch runs (and in its workers)."""
    gc.set_threshold(YOUNG, *gc.get_threshold()[1:])
