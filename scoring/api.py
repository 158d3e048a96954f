"""The library's front door: files in, scored results out, rendered in the language asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .engine import EvaluationResult, score_evaluation
from .i18n import DEFAULT as LANG
from .limits import DEFAULT, Limits
from .load import load_evaluation

if TYPE_CHECKING:
    from .batch import Batch
    from .load.workbook import ReadReport


def score_file(path: Path | str, *, policy: str | None = None, limits: Limits = DEFAULT,
               vocabulary: Path | str | None = None) -> EvaluationResult:
    """Load, check and score one evaluation: a TOML file, or a 自评表 workbook or CSV
    (raises :class:`~scoring.errors.InputError` with every problem).

    ``policy`` (a built-in id or a path) governs, whatever policy the file names; without it the
    file's own applies. ``limits`` bound what the file may hold. ``vocabulary`` is a file of more
    words for reading a workbook, added to the built-in ones."""
    return score_evaluation(load_evaluation(path, policy=policy, limits=limits, vocabulary=vocabulary))


def score_batch(paths: list[Path], *, jobs: int = 1, policy: str | None = None, details: str | None = None,
                lang: str = LANG, progress: Callable[[int], None] | None = None, limits: Limits = DEFAULT,
                vocabulary: Path | None = None) -> Batch:
    """Score every evaluation and workbook under ``paths`` (folders recursively), ``jobs`` at a time.

    Files that cannot be read are listed in ``Batch.unreadable``; the rest are still scored.
    ``details`` (a format name) keeps each submission's full result, worded in ``lang``."""
    import functools

    from . import batch
    from .report.summary import detail_text

    detail = functools.partial(detail_text, fmt=details, lang=lang) if details else None
    return batch.run(list(paths), jobs, detail, progress=progress, policy=policy, limits=limits,
                     vocabulary=str(vocabulary) if vocabulary is not None else None)


def render_result(result: EvaluationResult, fmt: str, out: IO, lang: str = LANG, *, explain: bool = False) -> None:
    """Write ``result`` to ``out`` as ``table``, ``json``, ``markdown``, ``csv`` or ``xlsx`` (a binary stream),
    or as the explanation tree (``explain``), worded in ``lang``."""
    from .report import render_result as render

    render(result, fmt, out, lang, explain=explain)


def render_batch(batch: Batch, fmt: str, out: IO, lang: str = LANG, *, details: bool = False) -> None:
    """Write a batch summary (``scoring.batch.v1`` as JSON; also table, markdown, csv) to ``out``."""
    from .report import render_batch as render

    render(batch, fmt, out, details, lang)


def import_workbook(source: Path, output: Path, *, force: bool = False, department: str | None = None,
                    year: int | None = None, policy: str | None = None, approved: Path | None = None,
                    lang: str = LANG, vocabulary: Path | None = None) -> tuple[Path, ReadReport]:
    """Read a filled 自评表 workbook or CSV and write it to ``output`` as an evaluation file.

    Checked first (every problem names its cell), written atomically, never over an existing
    file without ``force``. Returns the file written and the report of where each value was found."""
    from .load._import import import_workbook as write

    return write(source, output, force=force, department=department, year=year, policy=policy, approved=approved, lang=lang,
                 vocabulary=vocabulary)
