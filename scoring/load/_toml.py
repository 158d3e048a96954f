"""TOML text → plain data with exact decimals, and where each key is written.

tomli parses, or :mod:`._plain_toml` where a file is written in the plain shape nearly every
evaluation file has; numbers come back as ``Decimal`` (integers are exact already).
:class:`Locator` reads the same text line by line to map a key path such as
``("project", 0, "results", "1.1", "rate")`` to the line that writes it, so
every problem can name its line. TOML forbids a key twice, so one scan is
enough; keys inside multi-line arrays fall back to the line of their parent.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli

from ..errors import InputError, Problem, display_path
from ..files import read_input, too_large
from ..i18n import Words, t
from ..limits import DEFAULT, Limits
from ._plain_toml import DEEPEST, read_plain

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"' + r"|'[^']*'"
_KEY = rf"(?:{_QUOTED}|{_BARE})"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"


@functools.cache
def _line_patterns() -> tuple[re.Pattern[str], ...]:
    """A bare key, an array header, a table header, a key and value, a key inside an inline table:
    compiled on first use (a run whose messages name no line never needs them)."""
    return (re.compile(_BARE), re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]"), re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]"),
            re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$"), re.compile(rf"(?:^|[{{,])\s*({_DOTTED})\s*="))


Path_ = tuple[str | int, ...]


def _split_dotted(text: str) -> list[str]:
    keys = []
    for m in re.finditer(_KEY, text):
        k = m.group(0)
        if k[0] in "\"'":
            k = k[1:-1]
        keys.append(k)
    return keys


class Locator:
    """Line numbers of the keys and tables in one TOML text."""

    def __init__(self, text: str):
        self._lines: dict[Path_, int] = {}
        arrays: dict[Path_, int] = {}
        simple_key, array_header, table_header, key_value, inline_key = _line_patterns()
        current: Path_ = ()

        def resolve(keys: list[str]) -> Path_:
            path: Path_ = ()
            for k in keys:
                path += (k,)
                if path in arrays:
                    path += (arrays[path] - 1,)
            return path

        for number, line in enumerate(text.splitlines(), 1):
            head = line.lstrip()[:1]
            if not head or head == "#":
                continue
            key, eq, rest = line.partition("=") if head != "[" else ("", "", "")
            if eq and simple_key.fullmatch(key := key.strip()) and not rest.lstrip().startswith("{"):
                self._lines.setdefault(current + (key,), number)  # the commonest line: a plain key = value
                continue
            if m := array_header.match(line):
                keys = _split_dotted(m.group(1))
                parent = resolve(keys[:-1]) + (keys[-1],)
                arrays[parent] = arrays.get(parent, 0) + 1
                current = parent + (arrays[parent] - 1,)
                self._lines.setdefault(parent, number)
                self._lines[current] = number
            elif m := table_header.match(line):
                current = resolve(_split_dotted(m.group(1)))
                self._lines.setdefault(current, number)
            elif m := key_value.match(line):
                path = current + tuple(_split_dotted(m.group(1)))
                self._lines.setdefault(path, number)
                rest = m.group(2)
                if rest.lstrip().startswith("{"):
                    for inner in inline_key.finditer(rest):
                        self._lines.setdefault(path + tuple(_split_dotted(inner.group(1))), number)

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest written parent."""
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return None


class Document:
    """A parsed TOML file: its data, its path as the user wrote it, and its locator.

    A workbook read as an evaluation is a document too (:mod:`scoring.load.workbook`):
    the same data, but each value remembers a sheet and cell instead of a line."""

    read_problems: tuple[Problem, ...] = ()
    """Problems found before the data was checked (a workbook's unreadable cells)."""
    report: object = None
    """Where a workbook's values were found (:class:`~scoring.load.workbook.ReadReport`)."""
    notes: tuple = ()
    """Findings made while reading (a workbook's budget line chosen from a 其中 row)."""
    spoiled: frozenset = frozenset()
    """Key paths whose values could not be read (a workbook cell named in ``read_problems``)."""

    def __init__(self, path: Path, shown: str, data: dict, text: str, base: Path | None = None):
        self.path = path
        self.shown = shown
        self.data = data
        self.text = text
        self.base = base if base is not None else path.parent
        """The folder that paths written in the document are relative to."""
        self._locator: Locator | None = None

    @property
    def locator(self) -> Locator:
        """Built on first use: a file that has no problem never pays for the line scan."""
        if self._locator is None:
            self._locator = Locator(self.text)
        return self._locator

    def problem(self, at: Path_, place: Words, expected: Words, found: Words, hint: Words | None = None) -> Problem:
        return Problem(self.shown, place, expected, found, line=self.locator.line(at), hint=hint)

    def where(self, at: Path_) -> Words | None:
        """Where ``at`` is written, as a message says it: 第 12 行 / line 12."""
        line = self.locator.line(at)
        return t('第 {line} 行', 'line {line}', line=line) if line else None

    def place_of(self, at: Path_) -> str:
        """``file:line`` of ``at``, for findings."""
        line = self.locator.line(at)
        return f"{self.shown}:{line}" if line else self.shown


class Place:
    """``file:line`` of a key path, worked out only when a report asks for it."""

    __slots__ = ("doc", "at")

    def __init__(self, doc: Document, at: Path_):
        self.doc, self.at = doc, at

    def __str__(self) -> str:
        return self.doc.place_of(self.at)

    def __repr__(self) -> str:
        return f"Place({self})"

    def __eq__(self, other: object) -> bool:  # the same key of the same document: two readings of a file agree
        return isinstance(other, Place) and self.doc is other.doc and self.at == other.at

    def __hash__(self) -> int:
        return hash((id(self.doc), self.at))


_TOMLI_POSITION = r"\s*\(at line (\d+), column (\d+)\)\s*$"
_TOMLI_END = r"\s*\(at end of document\)\s*$"
"""Where tomli says a syntax error is (patterns compiled only when a file has one)."""


def read_document(path: Path, shown: str | None = None, limits: Limits = DEFAULT) -> Document:
    """Read and parse one TOML file; any failure is an :class:`InputError` naming the file."""
    shown = shown or display_path(path)
    try:
        raw = read_input(path, shown, limits)
    except FileNotFoundError:
        raise InputError([Problem(shown, "", t('一个存在的文件', 'an existing file'), t('文件不存在', 'no such file'))]) from None
    except IsADirectoryError:
        raise InputError([Problem(shown, "", t('一个 TOML 文件', 'a TOML file'), t('一个文件夹', 'a folder'))]) from None
    except OSError as exc:
        raise InputError([Problem(shown, "", t('可读的文件', 'a readable file'), exc.strerror or str(exc))]) from None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # the byte-order mark Windows editors write
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(shown, "", t('UTF-8 编码的文本', 'UTF-8 text'), t('无法解码的字节', 'bytes that are not UTF-8'), line=line)]
        ) from None
    data = read_plain(text)
    if data is None:
        try:
            data = tomli.loads(text, parse_float=Decimal)
        except tomli.TOMLDecodeError as exc:
            raise InputError([_syntax_problem(shown, exc, text)]) from None
        except (RecursionError, ValueError, MemoryError) as exc:  # nesting tomli cannot follow; an integer of 5,000 digits
            found = (t("嵌套过深", "nesting too deep") if isinstance(exc, RecursionError)
                     else t("位数过多的数字", "a number with too many digits") if "digits" in str(exc) else str(exc)[:120])
            raise InputError([Problem(shown, t("TOML 语法", "TOML syntax"), t("合法且可读的 TOML", "valid TOML that can be read"), found)]) from None
    elif limits.max_depth > DEEPEST and len(text) < 4 * limits.max_cells:
        # Read plainly, the data nests at most DEEPEST deep, and each value takes four characters
        # or more (`k=1` and a line's end or a comma; the last line may lack its end), so it
        # holds at most (len + 1) / 4 values: within both bounds, with nothing to walk.
        return Document(path, shown, data, text)
    deep, values = _shape(data, limits.max_depth)
    if deep is not None:
        raise InputError([Problem(shown, ".".join(str(k) for k in deep), t("不超过 {n} 层的嵌套", "nesting at most {n} deep", n=limits.max_depth),
                                  t("更深的嵌套", "deeper nesting"))])
    if values > limits.max_cells:  # a TOML file's values count as a workbook's cells
        raise InputError([too_large(shown, values, limits.max_cells, "--max-cells", "values")])
    return Document(path, shown, data, text)


def _shape(data: Any, limit: int) -> tuple[tuple | None, int]:
    """The key path where ``data`` nests deeper than ``limit`` (or None), and how many values it
    holds. Walked without recursion, with depths only: the path is found again when one is too deep."""
    stack: list[tuple[Any, int]] = [(data, 0)]  # tables and arrays only: a value is counted, never pushed
    values = 0
    while stack:
        node, depth = stack.pop()
        children: Any = node.values() if type(node) is dict else node
        if depth >= limit and children:
            return _path_deeper_than(data, limit), values
        nested = [v for v in children if type(v) is dict or type(v) is list]
        values += len(children) - len(nested)
        stack.extend([(v, depth + 1) for v in nested])
    return None, values


def _path_deeper_than(data: Any, limit: int) -> tuple:
    stack: list[tuple[Any, tuple]] = [(data, ())]
    while stack:
        node, at = stack.pop()
        if len(at) > limit:
            return at[:limit + 1]
        if type(node) is dict:
            stack.extend((v, at + (k,)) for k, v in node.items())
        elif type(node) is list:
            stack.extend((v, at + (i,)) for i, v in enumerate(node))
    return ()


def _syntax_problem(shown: str, exc: tomli.TOMLDecodeError, text: str) -> Problem:
    message = str(exc.args[0]) if exc.args else str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if m := re.search(_TOMLI_POSITION, message):
        line, column = int(m.group(1)), int(m.group(2))
        message = message[: m.start()]
    elif m := re.search(_TOMLI_END, message):
        line = text.count("\n") + 1
        message = message[: m.start()]
    message = getattr(exc, "msg", message) or message
    return Problem(
        shown,
        t('TOML 语法', 'TOML syntax'),
        t('合法的 TOML 1.0', 'valid TOML 1.0'),
        message,
        line=line,
        column=column,
    )
