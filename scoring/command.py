"""What ``score FILE…`` does once its arguments are read, and the helpers every command shares.

Nothing here imports typer: the console script runs a plain ``score FILE`` through ``run`` directly,
and the typer app (``cli.py``) calls the same function.

Exit codes (FORMAT.md): 0 scored; 1 scored, with a finding at or above ``--fail-on``; 2 an input
could not be read or is invalid; 3 an internal error (a bug in scoring; set SCORING_DEBUG=1 for the
traceback).
"""

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NoReturn

from . import wording
from .errors import InputError, Problem, display_path
from .files import atomic_write, output_problems
from .findings import Kind, severity_rank
from .i18n import DEFAULT, join, language_from_environment
from .limits import DEFAULT as DEFAULT_LIMITS
from .limits import Limits
from .options import FailOn, Format, GroupBy, Lang
from .wording import filled

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3


def say(text: str, err: bool = False) -> None:
    """A line on stdout, or on stderr with ``err``, written at once."""
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{text}\n")
    stream.flush()


def language_of(lang: Lang | None) -> str:
    """The language to word output in: ``--lang``, else ``SCORING_LANG``, else Chinese."""
    return lang.value if lang is not None else language_from_environment()


def fail(problems: list[Problem], lang: str) -> NoReturn:
    files = sorted({p.file for p in problems})
    say(filled(wording.PROBLEMS_IN, files=join(wording.NAMES, files), n=len(problems)).word(lang), err=True)
    for p in problems:
        say(f"  {p.word(lang)}", err=True)
    raise SystemExit(EXIT_INVALID)


@contextmanager
def destination(output: Path | None, force: bool, inputs: Iterable[Path | str], lang: str, encoding: str = "utf-8",
                 binary: bool = False) -> Iterator[IO]:
    """stdout, or ``output`` written atomically. Never over a file it read (even with --force), never
    over a special file, and over an existing file only with --force."""
    if output is None:
        if binary:
            yield sys.stdout.buffer
            return
        if encoding == "utf-8-sig":
            sys.stdout.write("\ufeff")  # the BOM a file gets: Excel then reads the CSV as UTF-8
        yield sys.stdout
        return
    shown = display_path(output)
    if problems := output_problems(output, shown, force, inputs):
        fail(problems, lang)
    try:
        with atomic_write(output, binary=binary, encoding=encoding) as fh:
            yield fh
    except OSError as exc:  # a folder that cannot be written, a path under a file, a full disk
        fail([Problem(shown, "--output", wording.WRITABLE_PATH, exc.strerror or str(exc))], lang)


def run(*, paths: list[Path], format: Format, output: Path | None, force: bool, fail_on: FailOn, details: bool, jobs: int,
        explain: bool, policy: str | None, vocabulary: Path | None, max_bytes: int, max_cells: int, timeout: float, kind: list[Kind] | None,
        group_by: GroupBy | None, lang: Lang | None) -> int:
    """``score run``: one file scored and shown, or several (or a folder) re-scored into a batch summary;
    the exit code. Every value is given, as the option table reads it (its defaults are the table's)."""
    language = language_of(lang)
    encoding = "utf-8-sig" if format is Format.csv else "utf-8"  # Excel opens a CSV with a BOM as UTF-8
    batch = len(paths) > 1 or any(p.is_dir() for p in paths) or format is Format.html
    if explain and (batch or format is not Format.table):
        fail([Problem("--explain", "", wording.EXPLAIN_NEEDS, wording.SEVERAL_OR_OTHER_FORMAT)], language)
    if format is Format.xlsx and output is None:
        fail([Problem("--format xlsx", "", wording.XLSX_NEEDS, wording.NO_OUTPUT)], language)
    if (kind or group_by) and not batch:
        fail([Problem("--kind / --group-by", "", wording.BATCH_NEEDS, wording.ONE_FILE)], language)
    if timeout != timeout:  # typer's range lets "nan" through
        fail([Problem("--timeout", "", wording.TIMEOUT_RANGE, "nan")], language)
    limits = Limits(max_bytes=max_bytes, max_cells=max_cells, timeout=timeout)
    words = vocabulary_given(vocabulary, language)
    if batch:
        return _run_batch(paths, format, output, force, fail_on, details, jobs, encoding, policy, language, limits,
                          list(kind or ()), group_by.value if group_by else None, words)
    return _run_one(paths[0], format, output, force, fail_on, encoding, explain, policy, language, limits, words)


def vocabulary_given(path: Path | None, lang: str) -> str | None:
    """``--vocabulary``, checked once before any file is read: its problems are the bureau's, named once."""
    if path is None:
        return None
    from .load.workbook.vocabulary import load_vocabulary

    try:
        load_vocabulary(path)
    except InputError as exc:
        fail(exc.problems, lang)
    return str(path.resolve())


def _fails(ranks: Iterable[int], fail_on: FailOn) -> bool:
    return fail_on is not FailOn.none and any(r <= severity_rank(fail_on.value) for r in ranks)


def _run_one(path: Path, format: Format, output: Path | None, force: bool, fail_on: FailOn, encoding: str,
             explain: bool = False, policy: str | None = None, lang: str = DEFAULT, limits: Limits = DEFAULT_LIMITS,
             vocabulary: str | None = None) -> int:
    from .api import score_file
    from .report import BINARY, render_result

    try:
        result = score_file(path, policy=policy, limits=limits, vocabulary=vocabulary)
    except InputError as exc:
        fail(exc.problems, lang)
    with destination(output, force, [path, *result.evaluation.reads], lang, encoding, binary=format.value in BINARY) as out:
        render_result(result, format.value, out, lang, explain=explain)
    return EXIT_FINDINGS if _fails((severity_rank(f.severity) for f in result.findings), fail_on) else EXIT_OK


def _run_batch(paths: list[Path], format: Format, output: Path | None, force: bool, fail_on: FailOn, details: bool,
               jobs: int, encoding: str, policy: str | None = None, lang: str = DEFAULT, limits: Limits = DEFAULT_LIMITS,
               kinds: list[Kind] | None = None,
               group_by: str | None = None, vocabulary: str | None = None) -> int:
    import functools

    from . import batch as batch_
    from .report import BINARY, render_batch
    from .report.summary import RowText, detail_text

    detail = functools.partial(detail_text, fmt=format.value, lang=lang) if details else None
    text = RowText(format.value, lang) if format.value in ("json", "csv") and not details else None
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(wording.SCORING.word(lang), total=None)
            result = batch_.run(paths, jobs, detail, progress=lambda n: bar.advance(task, n),
                                total=lambda n: bar.update(task, total=n), policy=policy, limits=limits, text=text,
                                vocabulary=vocabulary)
    else:
        result = batch_.run(paths, jobs, detail, policy=policy, limits=limits, text=text, vocabulary=vocabulary)
    if kinds:
        result.keep(kinds)
    with destination(output, force, [*paths, *result.reads()], lang, encoding, binary=format.value in BINARY) as out:
        render_batch(result, format.value, out, details, lang, group_by)
    if result.internal_error:
        return EXIT_INTERNAL
    if result.unreadable:
        return EXIT_INVALID
    worst = result.worst_severity()
    return EXIT_FINDINGS if worst is not None and _fails([worst], fail_on) else EXIT_OK


