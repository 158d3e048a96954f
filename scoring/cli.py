"""The ``score`` command as a typer app: help, the sub-commands, and every mistake in the arguments.

A plain ``score FILE… [OPTIONS]`` does not come here: the console script (``console.py``) reads it
from the option table (``options.py``) and runs ``command.run`` itself. The ``run`` command here is
built from the same table and calls the same function.
"""

# No `from __future__ import annotations` here: typer reads these annotations at every start, and as
# strings each would be evaluated first.
import inspect
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from . import command, wording
from .command import EXIT_OK, fail, language_of
from .errors import InputError, Problem, display_path
from .limits import Limits
from .options import LANG, MAX_BYTES, MAX_CELLS, PATHS, POLICY, REQUIRED, RUN, VOCABULARY, Lang, Option
from .wording import filled

F = TypeVar("F", bound=Callable[..., Any])


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


def _annotated(option: Option) -> Any:
    """``option``'s type, annotated with the typer parameter that reads it."""
    extra: dict[str, Any] = {"help": option.help}
    if option.min is not None:
        extra["min"] = option.min
    if option.max is not None:
        extra["max"] = option.max
    if not option.show_default:
        extra["show_default"] = False
    return Annotated[option.type, typer.Option(*option.flags, **extra) if option.flags else typer.Argument(**extra)]


def _declared(*table: Option) -> Callable[[F], F]:
    """A command whose parameters named in ``table`` are read as the table declares them; those the
    function takes only as ``**values`` follow, in the table's order. Typer reads the signature; the
    function's own annotations are for the type checker."""

    def declare(func: F) -> F:
        by_name = {o.name: o for o in table}
        own = [p for p in inspect.signature(func).parameters.values() if p.kind is not p.VAR_KEYWORD]
        names = [p.name for p in own] + [o.name for o in table if o.name not in {p.name for p in own}]
        plain = {p.name: p for p in own}
        func.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
            inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=_annotated(by_name[name]),
                              default=inspect.Parameter.empty if by_name[name].default is REQUIRED else by_name[name].default)
            if name in by_name else plain[name] for name in names])
        func.__annotations__ = {**func.__annotations__, **{name: _annotated(o) for name, o in by_name.items()}}
        return func

    return declare


@app.command("run", help="评分（默认命令：score FILE 即 score run FILE）。多个文件或文件夹时输出复算汇总。"
                         "Score evaluation files (the default command); several files or a folder give a batch summary.")
@_declared(*RUN)
def run(**values: Any) -> None:
    """Its parameters are the table's (``options.RUN``); ``command.run`` does the work."""
    raise typer.Exit(command.run(**values))


@app.command("import", help="把填好的自评表（.xlsx、.xls 或 .csv）读成评价文件，得分列作为自评得分。"
                            "Read a filled 自评表 workbook or CSV into an evaluation file; its 得分 become the claims.")
@_declared(LANG)
def import_(
    source: Annotated[Path, typer.Argument(help="自评表 .xlsx、.xls 或 .csv / the workbook (.xlsx, .xls) or CSV.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="要写的评价文件 / the evaluation file to write.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="允许覆盖已有文件 / replace an existing file.")] = False,
    department: Annotated[str | None, typer.Option("--department", help="部门名称（优先于表中所写）/ the department, over what the sheet says.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度（优先于表中所写）/ the year, over what the sheet says.")] = None,
    policy: Annotated[str | None, typer.Option("--policy", help="写入评价文件的评分规则（id 或路径）/ the policy the file names (an id or a path).")] = None,
    approved: Annotated[Path | None, typer.Option("--approved", help="批复的指标集，项目按其评分 / the approved indicator set to score the project against.")] = None,
    vocabulary: Annotated[Path | None, typer.Option("--vocabulary", help=VOCABULARY.help)] = None,
    lang: Lang | None = None,
) -> None:
    language = language_of(lang)
    from .api import import_workbook

    try:
        written, report = import_workbook(source, output, force=force, department=department, year=year, policy=policy,
                                          approved=approved, lang=language, vocabulary=vocabulary)
    except InputError as exc:
        fail(exc.problems, language)
    for line in report.lines(language):
        typer.echo(line, err=True)
    typer.echo(filled(wording.WROTE, path=display_path(written)).word(language))


@app.command("check", help="只校验文件，不评分。Validate files without scoring.")
@_declared(PATHS, POLICY, VOCABULARY, MAX_BYTES, MAX_CELLS, LANG)
def check(paths: list[Path], policy: str | None = None, vocabulary: Path | None = None, max_bytes: int = MAX_BYTES.default,
          max_cells: int = MAX_CELLS.default, lang: Lang | None = None) -> None:
    """Everything ``score`` does but the output: a file ``score`` refuses is never ✓ here."""
    language = language_of(lang)
    from .api import score_file
    from .load import submissions
    from .safe import shown as harmless

    limits = Limits(max_bytes=max_bytes, max_cells=max_cells)
    words = command.vocabulary_given(vocabulary, language)
    problems: list[Problem] = []
    for path, _, problem in submissions(paths, limits):
        if problem is not None:
            problems.append(problem)
            continue
        try:
            result = score_file(path, policy=policy, limits=limits, vocabulary=words)
        except InputError as exc:
            problems += exc.problems
            continue
        ev = result.evaluation
        n = sum(len(s.lines) for s in ev.subjects)
        where, rules = harmless(ev.path), harmless(ev.policy.id)  # a file's name and a policy's id are the submitter's text
        typer.echo(filled(wording.CHECKED, where=where, subjects=len(ev.subjects), n=n, policy=rules).word(language))
    if problems:
        fail(problems, language)


@app.command("policies", help="列出内置评分规则，或给出 ID 显示其全部参数。List built-in policies, or show one's knobs.")
@_declared(LANG)
def policies(
    policy: Annotated[str | None, typer.Argument(help="评分规则 id 或文件路径 / a policy id or path.", show_default=False)] = None,
    lang: Lang | None = None,
) -> None:
    language = language_of(lang)
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
        fail(exc.problems, language)
    from .policy import describe_knobs
    from .report.words import SEMICOLON, SOURCE_IS

    typer.echo(f"{p.id}: {p.title}  (sha256 {p.sha256})")
    for name, value, doc in describe_knobs(p):
        source = filled(SOURCE_IS, source=p.source_of(name))
        typer.echo(f"  {name} = {value}    # {doc}{(SEMICOLON + source).word(language)}")


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


def app_for(args: list[str]) -> typer.Typer:
    """The app with only its ``run`` command when ``args`` name no other command and ask for no help
    (a mistake in the arguments of ``score FILE``, or a spelling the direct reader leaves to typer):
    typer builds the parser of every registered command at each start, and these use one. Both are
    built from the same definitions."""
    others = {info.name for info in app.registered_commands} - {"run"}
    if not args or any(a in others or a in ("--help", "-h") for a in args):
        return app
    only = _typer()
    only.registered_callback = app.registered_callback
    only.registered_commands = [info for info in app.registered_commands if info.name == "run"]
    return only
