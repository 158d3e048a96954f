"""The ``score`` command: parse arguments, call the library, map errors to exit codes.

Exit codes (FORMAT.md): 0 scored; 1 scored, with a finding at or above
``--fail-on``; 2 an input could not be read or is invalid; 3 an internal
error (a bug in scoring; set SCORING_DEBUG=1 for the traceback).
"""

# No `from __future__ import annotations` here: typer reads these annotations at every start, and as
# strings each would be evaluated first.
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, NoReturn

import typer
from typer.core import TyperGroup

from .errors import InputError, Problem, display_path
from .files import atomic_write, output_problems
from .findings import Kind, severity_rank
from .i18n import DEFAULT, LANGUAGES, language_from_environment, pick, t
from .limits import DEFAULT as DEFAULT_LIMITS
from .limits import Limits

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


class GroupBy(StrEnum):
    department = "department"


class FailOn(StrEnum):
    none = "none"
    error = "error"
    warning = "warning"
    info = "info"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class _ScoreByDefault(TyperGroup):
    """``score FILE`` means ``score run FILE``: the main job needs no sub-command."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names + ["--version"]:
            args = ["run", *args]
        return super().parse_args(ctx, args)


HELP = """评分：为预算绩效自评表复算得分、等级，并说明每个数字。
Score 预算绩效自评 (budget performance self-evaluations) and explain every number.

\b
  score evaluations/2023.toml                  评分并打印自评表 / score and print the tables
  score evaluations/2023.toml --explain        每个数字的计算过程和依据 / why every number
  score evaluations/2023.toml -f json          scoring.result.v1 JSON（也可 markdown、csv）
  score evaluations/2023.toml -f xlsx -o 自评表.xlsx     官方自评表格式 / the official layout
  score inbox/ --jobs 2                        复算一批评价，差异最大的在前 / re-score a batch
  score 自评表.xlsx                             直接为工作簿评分 / score a workbook as it is
  score import 自评表.xlsx -o inbox/单位.toml   读入工作簿或 CSV / read a workbook or CSV
  score check evaluations/2023.toml            只校验文件 / validate only
  score policies [ID]                          内置评分规则及其参数 / built-in policies, their knobs
  score schema evaluation                      文件格式的 JSON Schema / the file format as JSON Schema

\b
退出码 / exit codes: 0 已评分 scored; 1 有达到 --fail-on 的发现 findings at or above --fail-on;
2 输入无法读取或不合法 invalid input; 3 内部错误 internal error (SCORING_DEBUG=1 shows the traceback).
语言 / language: --lang zh|en, or SCORING_LANG=en. 颜色 / colour: off when piped or with NO_COLOR.
"""

def _typer() -> typer.Typer:
    return typer.Typer(cls=_ScoreByDefault, help=HELP, add_completion=False, no_args_is_help=True,
                       pretty_exceptions_enable=False, rich_markup_mode=None)


app = _typer()


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"scoring {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本 / show the version.")] = False,
) -> None:
    """评分 / score."""

PolicyOption = Annotated[str | None, typer.Option(
    "--policy", help="评分规则（id 或路径）：用于每一份评价，文件自己写的评分规则只作记录 / "
                     "the policy (an id or a path) for every file; a file's own policy is reported, not used.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, help="每个文件的字节上限 / the most bytes a file may hold.")]
MaxCells = Annotated[int, typer.Option("--max-cells", min=1, help="每个文件有内容的单元格（TOML 中为值）上限 / the most cells (in TOML, values) a file may hold.")]
Timeout = Annotated[float, typer.Option("--timeout", min=0.1, help="复算汇总中每个文件的秒数上限 / seconds one file may take in a batch.")]
LangOption = Annotated[Lang | None, typer.Option("--lang", help="消息语言 / message language (zh, en).")]
PathsArgument = Annotated[list[Path], typer.Argument(help="评价文件或文件夹（TOML、.xlsx、.xlsm、.csv）/ evaluation files or folders (TOML, .xlsx, .xlsm, .csv).", show_default=False)]


def _lang(lang: Lang | None) -> str:
    """The language to word output in: ``--lang``, else ``SCORING_LANG``, else Chinese."""
    return lang.value if lang is not None else language_from_environment()


def _fail(problems: list[Problem], lang: str) -> NoReturn:
    files = sorted({p.file for p in problems})
    typer.echo(pick(lang, f"错误：{'、'.join(files)} 有 {len(problems)} 个问题：",
                  f"error: {len(problems)} problem(s) in {', '.join(files)}:"), err=True)
    for p in problems:
        typer.echo(f"  {p.word(lang)}", err=True)
    raise typer.Exit(EXIT_INVALID)


@contextmanager
def _destination(output: Path | None, force: bool, inputs: Iterable[Path | str], lang: str, encoding: str = "utf-8",
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
        _fail(problems, lang)
    try:
        with atomic_write(output, binary=binary, encoding=encoding) as fh:
            yield fh
    except OSError as exc:  # a folder that cannot be written, a path under a file, a full disk
        _fail([Problem(shown, "--output", pick(lang, "可写入的路径", "a path that can be written"), exc.strerror or str(exc))], lang)


@app.command("run", help="评分（默认命令：score FILE 即 score run FILE）。多个文件或文件夹时输出复算汇总。"
                         "Score evaluation files (the default command); several files or a folder give a batch summary.")
def run(
    paths: PathsArgument,
    format: Annotated[Format, typer.Option("--format", "-f", help="输出格式 / output format.")] = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而非标准输出 / write to a file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖 --output 已有的文件 / replace an existing --output file.")] = False,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到此严重程度的发现使退出码为 1 / exit 1 on a finding this severe.")] = FailOn.none,
    details: Annotated[bool, typer.Option("--details", help="汇总之后附上每份评价的完整结果 / add each submission's full result.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行进程数 / parallel worker processes.")] = 1,
    explain: Annotated[bool, typer.Option("--explain", help="逐项说明每个得分的计算过程、取整和依据 / explain every number.")] = False,
    policy: PolicyOption = None,
    max_bytes: MaxBytes = DEFAULT_LIMITS.max_bytes,
    max_cells: MaxCells = DEFAULT_LIMITS.max_cells,
    timeout: Timeout = DEFAULT_LIMITS.timeout,
    kind: Annotated[list[Kind] | None, typer.Option("--kind", help="只显示有此类差异的评价（可重复）/ show only submissions "
                                                               "with this kind of discrepancy (repeatable).")] = None,
    group_by: Annotated[GroupBy | None, typer.Option("--group-by", help="按部门分组 / group the summary by department.")] = None,
    lang: LangOption = None,
) -> None:
    language = _lang(lang)
    encoding = "utf-8-sig" if format is Format.csv else "utf-8"  # Excel opens a CSV with a BOM as UTF-8
    batch = len(paths) > 1 or any(p.is_dir() for p in paths) or format is Format.html
    if explain and (batch or format is not Format.table):
        _fail([Problem("--explain", "", pick(language, "单个评价文件、终端格式（JSON 里的 trace 已含同样内容）",
                                           "one evaluation file, table format (JSON carries the same trace)"),
                       pick(language, "多个文件或其他格式", "several files or another format"))], language)
    if format is Format.xlsx and output is None:
        _fail([Problem("--format xlsx", "", pick(language, "用 --output 指定 .xlsx 文件", "an --output .xlsx file"),
                       pick(language, "没有 --output", "no --output"))], language)
    if (kind or group_by) and not batch:
        _fail([Problem("--kind / --group-by", "", pick(language, "多个文件或文件夹（复算汇总）", "several files or a folder (a batch summary)"),
                       pick(language, "一个文件", "one file"))], language)
    limits = Limits(max_bytes=max_bytes, max_cells=max_cells, timeout=timeout)
    if batch:
        code = _run_batch(paths, format, output, force, fail_on, details, jobs, encoding, policy, language, limits,
                          list(kind or ()), group_by.value if group_by else None)
    else:
        code = _run_one(paths[0], format, output, force, fail_on, encoding, explain, policy, language, limits)
    raise typer.Exit(code)


def _fails(ranks: Iterable[int], fail_on: FailOn) -> bool:
    return fail_on is not FailOn.none and any(r <= severity_rank(fail_on.value) for r in ranks)


def _run_one(path: Path, format: Format, output: Path | None, force: bool, fail_on: FailOn, encoding: str,
             explain: bool = False, policy: str | None = None, lang: str = DEFAULT, limits: Limits = DEFAULT_LIMITS) -> int:
    from .api import score_file
    from .report import BINARY, render_result

    try:
        result = score_file(path, policy=policy, limits=limits)
    except InputError as exc:
        _fail(exc.problems, lang)
    with _destination(output, force, [path, *result.evaluation.reads], lang, encoding, binary=format.value in BINARY) as out:
        render_result(result, format.value, out, lang, explain=explain)
    return EXIT_FINDINGS if _fails((severity_rank(f.severity) for f in result.findings), fail_on) else EXIT_OK


def _run_batch(paths: list[Path], format: Format, output: Path | None, force: bool, fail_on: FailOn, details: bool,
               jobs: int, encoding: str, policy: str | None = None, lang: str = DEFAULT, limits: Limits = DEFAULT_LIMITS,
               kinds: list[Kind] | None = None,
               group_by: str | None = None) -> int:
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
            task = bar.add_task(pick(lang, "评分", "scoring"), total=None)
            result = batch_.run(paths, jobs, detail, progress=lambda n: bar.advance(task, n),
                                total=lambda n: bar.update(task, total=n), policy=policy, limits=limits, text=text)
    else:
        result = batch_.run(paths, jobs, detail, policy=policy, limits=limits, text=text)
    if kinds:
        result.keep(kinds)
    with _destination(output, force, [*paths, *result.reads()], lang, encoding, binary=format.value in BINARY) as out:
        render_batch(result, format.value, out, details, lang, group_by)
    if result.internal_error:
        return EXIT_INTERNAL
    if result.unreadable:
        return EXIT_INVALID
    worst = result.worst_severity()
    return EXIT_FINDINGS if worst is not None and _fails([worst], fail_on) else EXIT_OK


@app.command("import", help="把填好的自评表（.xlsx 或 .csv）读成评价文件，得分列作为自评得分。"
                            "Read a filled 自评表 workbook or CSV into an evaluation file; its 得分 become the claims.")
def import_(
    source: Annotated[Path, typer.Argument(help="自评表 .xlsx 或 .csv / the workbook or CSV.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="要写的评价文件 / the evaluation file to write.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="允许覆盖已有文件 / replace an existing file.")] = False,
    department: Annotated[str | None, typer.Option("--department", help="部门名称（优先于表中所写）/ the department, over what the sheet says.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度（优先于表中所写）/ the year, over what the sheet says.")] = None,
    policy: Annotated[str | None, typer.Option("--policy", help="写入评价文件的评分规则（id 或路径）/ the policy the file names (an id or a path).")] = None,
    approved: Annotated[Path | None, typer.Option("--approved", help="批复的指标集，项目按其评分 / the approved indicator set to score the project against.")] = None,
    lang: LangOption = None,
) -> None:
    language = _lang(lang)
    from .api import import_workbook

    try:
        written, report = import_workbook(source, output, force=force, department=department, year=year, policy=policy,
                                          approved=approved, lang=language)
    except InputError as exc:
        _fail(exc.problems, language)
    for line in report.lines(language):
        typer.echo(line, err=True)
    typer.echo(pick(language, f"已写入 {display_path(written)}；评分：score {display_path(written)}",
                  f"wrote {display_path(written)}; score it with: score {display_path(written)}"))


@app.command("check", help="只校验文件，不评分。Validate files without scoring.")
def check(paths: PathsArgument, policy: PolicyOption = None, max_bytes: MaxBytes = DEFAULT_LIMITS.max_bytes,
          max_cells: MaxCells = DEFAULT_LIMITS.max_cells, lang: LangOption = None) -> None:
    """Everything ``score`` does but the output: a file ``score`` refuses is never ✓ here."""
    language = _lang(lang)
    from .api import score_file
    from .files import file_kind, not_regular
    from .load import INDICATOR_SET, OTHER, POLICY, SPECIAL, discover, not_an_evaluation
    from .safe import shown as harmless

    limits = Limits(max_bytes=max_bytes, max_cells=max_cells)
    problems: list[Problem] = []
    for path, kind in discover(paths, limits):
        shown = display_path(path)
        if kind is SPECIAL:
            problems.append(not_regular(shown, file_kind(path) or "special file"))
            continue
        if kind in (INDICATOR_SET, POLICY) and path not in paths:
            continue  # found in a folder: an input of the evaluations, not one itself
        if kind == OTHER:
            problems.append(Problem(shown, "", t("评价文件", "an evaluation"), not_an_evaluation(kind)))
            continue
        try:
            result = score_file(path, policy=policy, limits=limits)
        except InputError as exc:
            problems += exc.problems
            continue
        ev = result.evaluation
        n = sum(len(s.lines) for s in ev.subjects)
        where, rules = harmless(ev.path), harmless(ev.policy.id)  # a file's name and a policy's id are the submitter's text
        typer.echo(pick(language, f"✓ {where}：{len(ev.subjects)} 个评价对象，{n} 项指标，评分规则 {rules}",
                        f"✓ {where}: {len(ev.subjects)} subjects, {n} indicators, policy {rules}"))
    if problems:
        _fail(problems, language)


@app.command("policies", help="列出内置评分规则，或给出 ID 显示其全部参数。List built-in policies, or show one's knobs.")
def policies(
    policy: Annotated[str | None, typer.Argument(help="评分规则 id 或文件路径 / a policy id or path.", show_default=False)] = None,
    lang: LangOption = None,
) -> None:
    language = _lang(lang)
    from .load import load_policy
    from .policy import builtin_policy_ids

    if policy is None:
        for pid in builtin_policy_ids():
            p = load_policy(pid)
            typer.echo(f"{p.id}\t{p.title}\tsha256 {p.sha256}")
        return
    try:
        p = load_policy(policy, base=Path.cwd())
    except InputError as exc:
        _fail(exc.problems, language)
    from .policy import describe_knobs

    typer.echo(f"{p.id}: {p.title}  (sha256 {p.sha256})")
    for name, value, doc in describe_knobs(p):
        typer.echo(f"  {name} = {value}    # {doc}{pick(language, '；依据：', '; source: ')}{p.source_of(name)}")


class SchemaKind(StrEnum):
    evaluation = "evaluation"
    indicators = "indicators"
    policy = "policy"


@app.command("schema", help="打印某类 TOML 文件的 JSON Schema，供编辑器补全和校验。"
                            "Print the JSON Schema of a TOML file kind, for an editor's completion and checks.")
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="evaluation（绩效自评）| indicators（绩效目标表）| policy（评分规则）")] = SchemaKind.evaluation,
) -> None:
    import json

    from .load._jsonschema import json_schema

    typer.echo(json.dumps(json_schema(kind.value), ensure_ascii=False, indent=2))


def _argv_language() -> str:
    """The language for a message outside any command (an interrupt, an internal error)."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGUAGES:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return language_from_environment()


def _terminated(signum: int, frame: object) -> NoReturn:
    """A batch stopped by its scheduler unwinds like Ctrl-C: no half-written report is left behind."""
    raise SystemExit(128 + signum)


def _for(args: list[str]) -> typer.Typer:
    """The app with only its ``run`` command when ``args`` name no other command and ask for no help:
    typer builds the parser of every registered command at each start, and ``score FILE`` uses one.
    Both are built from the same definitions."""
    others = {info.name for info in app.registered_commands} - {"run"}
    if not args or any(a in others or a in ("--help", "-h") for a in args):
        return app
    only = _typer()
    only.registered_callback = app.registered_callback
    only.registered_commands = [info for info in app.registered_commands if info.name == "run"]
    return only


def main() -> None:
    """Entry point of the console script: no traceback reaches the user unless SCORING_DEBUG is set."""
    lang = _argv_language()
    signal.signal(signal.SIGTERM, _terminated)
    try:
        _for(sys.argv[1:])()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write(pick(lang, "已中断。\n", "interrupted.\n"))
        sys.exit(130)
    except Exception as exc:  # a bug in scoring: say so briefly; figures stay out of it
        if os.environ.get("SCORING_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            sys.stderr.write(pick(lang,
                f"内部错误（{type(exc).__name__}）：这是 scoring 的缺陷，请附上输入文件报告。设置 SCORING_DEBUG=1 可查看详情。\n",
                f"internal error ({type(exc).__name__}): a bug in scoring; please report it with the input. Set SCORING_DEBUG=1 for details.\n",
            ))
        sys.exit(EXIT_INTERNAL)
