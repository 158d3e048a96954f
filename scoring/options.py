"""The ``score`` command's options, defined once.

The typer app (``cli.py``) builds the ``run`` command's parameters, and the ones ``check`` shares
with it, from ``RUN``. The console script (``console.py``) reads a plain ``score FILE… [OPTIONS]``
with ``read`` and the same table, without importing typer: typer's import and its reading of the
arguments were 27 ms of a cold start of about 110 (``docs/benchmarks.md``). Whatever ``read`` does
not take exactly as typer would (help, a sub-command, an option it does not know, a value typer
would refuse or might read otherwise) it hands to typer, which answers as always. A test holds
``read`` to typer's values.
"""

# No `from __future__ import annotations` here: each option's type is the annotation typer reads.
from enum import StrEnum
from pathlib import Path
from types import UnionType
from typing import Any, get_args, get_origin

from .findings import Kind
from .limits import DEFAULT as DEFAULT_LIMITS


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


class Option:
    """One parameter of the command: its Python name, its flags (none for an argument), its type as
    typer reads it, its default, its help, its least and greatest values and whether help shows the default."""

    __slots__ = ("name", "flags", "type", "default", "help", "min", "max", "show_default")

    def __init__(self, name: str, flags: tuple[str, ...], type: Any, default: Any, help: str,
                 min: int | float | None = None, max: int | float | None = None, show_default: bool = True) -> None:
        self.name, self.flags, self.type, self.default = name, flags, type, default
        self.help, self.min, self.max, self.show_default = help, min, max, show_default

    @property
    def item(self) -> Any:
        """The type of one value: ``Path`` for ``list[Path]``, ``Lang`` for ``Lang | None``."""
        kind = self._given
        return get_args(kind)[0] if get_origin(kind) is list else kind

    @property
    def repeated(self) -> bool:
        """Whether the option may be given more than once, each value kept (``--kind``)."""
        return get_origin(self._given) is list

    @property
    def _given(self) -> Any:
        """The type when the option is given: ``Lang`` for ``Lang | None``."""
        kind = self.type
        return next(a for a in get_args(kind) if a is not type(None)) if isinstance(kind, UnionType) else kind


REQUIRED: Any = ...
"""The default of an argument that must be given."""

PATHS = Option("paths", (), list[Path], REQUIRED, "评价文件或文件夹（TOML、.xlsx、.xlsm、.xls、.et、.csv）/ evaluation files or folders "
               "(TOML, .xlsx, .xlsm, .xls, .et, .csv).", show_default=False)
POLICY = Option("policy", ("--policy",), str | None, None, "评分规则（id 或路径）：用于每一份评价，文件自己写的评分规则只作记录 / "
                "the policy (an id or a path) for every file; a file's own policy is reported, not used.")
MAX_BYTES = Option("max_bytes", ("--max-bytes",), int, DEFAULT_LIMITS.max_bytes,
                   "每个文件的字节上限 / the most bytes a file may hold.", min=1)
MAX_CELLS = Option("max_cells", ("--max-cells",), int, DEFAULT_LIMITS.max_cells,
                   "每个文件有内容的单元格（TOML 中为值）上限 / the most cells (in TOML, values) a file may hold.", min=1)
VOCABULARY = Option("vocabulary", ("--vocabulary",), Path | None, None, "本局补充的词表文件（表头、标签的其他写法），与内置词表合用 / "
                    "the bureau's vocabulary file (more spellings of headers and labels), added to the built-in one.")
LANG = Option("lang", ("--lang",), Lang | None, None, "消息语言 / message language (zh, en).")

RUN = (
    PATHS,
    Option("format", ("--format", "-f"), Format, Format.table, "输出格式 / output format."),
    Option("output", ("--output", "-o"), Path | None, None, "写入文件而非标准输出 / write to a file."),
    Option("force", ("--force",), bool, False, "允许覆盖 --output 已有的文件 / replace an existing --output file."),
    Option("fail_on", ("--fail-on",), FailOn, FailOn.none, "达到此严重程度的发现使退出码为 1 / exit 1 on a finding this severe."),
    Option("details", ("--details",), bool, False, "汇总之后附上每份评价的完整结果 / add each submission's full result."),
    Option("jobs", ("--jobs", "-j"), int, 1, "并行进程数 / parallel worker processes.", min=1),
    Option("explain", ("--explain",), bool, False, "逐项说明每个得分的计算过程、取整和依据 / explain every number."),
    POLICY,
    VOCABULARY,
    MAX_BYTES,
    MAX_CELLS,
    Option("timeout", ("--timeout",), float, DEFAULT_LIMITS.timeout, "复算汇总中每个文件的秒数上限 / seconds one file may take in a batch.",
           min=0.1, max=86400),
    Option("kind", ("--kind",), list[Kind] | None, None, "只显示有此类差异的评价（可重复）/ show only submissions "
           "with this kind of discrepancy (repeatable)."),
    Option("group_by", ("--group-by",), GroupBy | None, None, "按部门分组 / group the summary by department."),
    LANG,
)
"""The ``run`` command's parameters (``score FILE`` is ``score run FILE``), in the order help lists them."""

COMMANDS = ("run", "import", "check", "policies", "schema")
"""The sub-commands: a first argument naming another than ``run`` is typer's to read."""

_UNREAD = object()


def read(args: list[str]) -> dict[str, Any] | None:
    """The ``run`` command's values for ``args``, exactly as typer would pass them; or None, for typer
    to answer: no path, help, another command, an option not in ``RUN`` or written in another way
    (``--format=json``, ``-fjson``, ``--``), a value it would refuse, or one that starts with ``-`` or
    is empty (typer may read those otherwise, or name them in an error)."""
    if args and args[0] in COMMANDS:
        if args[0] != "run":
            return None
        args = args[1:]
    flags = {flag: option for option in RUN for flag in option.flags}
    values: dict[str, Any] = {option.name: option.default for option in RUN if option.flags}
    paths: list[Path] = []
    at = 0
    while at < len(args):
        arg = args[at]
        if not arg:
            return None
        if arg[0] != "-":
            paths.append(Path(arg))
            at += 1
            continue
        option = flags.get(arg)
        if option is None:
            return None
        if option.type is bool:
            values[option.name] = True
            at += 1
            continue
        if at + 1 == len(args):
            return None
        value = _value(option, args[at + 1])
        if value is _UNREAD:
            return None
        values[option.name] = [*(values[option.name] or ()), value] if option.repeated else value
        at += 2
    if not paths:
        return None
    return {PATHS.name: paths, **values}


def _value(option: Option, text: str) -> Any:
    """``text`` as the option's value, or ``_UNREAD`` where typer is to read it."""
    if not text or text[0] == "-":
        return _UNREAD
    kind = option.item
    if kind is Path:
        return Path(text)
    if kind is str:
        return text
    if kind is int or kind is float:
        try:
            number = kind(text)
        except ValueError:
            return _UNREAD
        if (option.min is not None and number < option.min) or (option.max is not None and number > option.max):
            return _UNREAD
        return number
    if issubclass(kind, StrEnum):
        return kind(text) if text in kind._value2member_map_ else _UNREAD
    return _UNREAD
