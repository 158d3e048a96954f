"""TOML written plainly, read without tomli: the shape nearly every evaluation file has.

An evaluation file is mostly ``key = value`` lines under ``[[project]]`` and
``[[project.indicator]]`` headers, and tomli spends as long on it as the
whole scoring does. :func:`read_plain` reads that shape with one regular
expression over the text, and gives ``None`` for anything else, so tomli
reads it as before: what this module accepts it reads exactly as tomli
does, to the type (``tests/test_plain_toml.py`` holds the two together on
generated documents, broken ones among them). It accepts:

- blank lines and comments, lines ending in LF or CRLF;
- ``key = value`` with a bare key or a quoted key with no escapes, where a
  value is a basic string with no escapes, a decimal integer or a decimal
  number with a fraction (no sign ``+``, no ``_``, no exponent, at most 31
  digits before the point and 30 after), ``true``, ``false``, or an inline
  table of such values under bare keys, on one line, its strings holding no bracket or brace;
- ``[name]``, ``[name.name]``, ``[[name]]`` and ``[[name.name]]`` headers
  with bare names, where the first name of a two-name header is a table or
  an array of tables that a header made.

Anything past that, a key or table written twice, a header whose parent is
not yet there: all give ``None``, the rule being that doubt goes to tomli.
Dates, arrays, escapes, literal and multi-line strings go to tomli too.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

DEEPEST = 5
"""How deeply what :func:`read_plain` accepts can nest: an inline table in a row of an array of
tables in a row of another (root, array, row, array, row, inline table)."""

_BARE = r"[A-Za-z0-9_-]++"
_STRING = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*+"'
_VALUE = r'"([^"\\\x00-\x08\x0a-\x1f\x7f]*+)"|(-?(?:0|[1-9][0-9]{0,30}))(\.[0-9]{1,30})?|(true|false)'
"""A value: a string's inside, an integer and its fraction, or a boolean."""


def _line(key: str) -> re.Pattern[str]:
    """One line: a key and its value (one of ``_VALUE``, or an inline table with its braces), or a
    header (its brackets and one or two names), then an optional comment; or, where no line of
    that shape starts, the rest of the text. No two runs of blanks can match the same blanks, so a
    line that does not fit costs one pass over it, never one per blank."""
    return re.compile(
        rf"[ \t]*+(?:(?:({key})[ \t]*+=[ \t]*+(?:{_VALUE}|(\{{[^\n{{}}\[\]]*+\}}))"
        rf"|(\[\[?)[ \t]*+({_BARE})(?:\.({_BARE}))?[ \t]*+(\]\]?))[ \t]*+)?"
        r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*+)?(?:\r?\n|\Z)|(.+)",
        re.S,
    )


_LINE = _line(_BARE)
_QUOTED_LINE = _line(f"{_BARE}|{_STRING}")
"""Lines whose key may also be quoted (``"1.1" = …``): a tenth slower, so tried only on a file where
a line that does not fit begins with a quote."""
_PAIR = re.compile(rf"[ \t]*+({_BARE})[ \t]*+=[ \t]*+(?:{_VALUE})[ \t]*+(,|\Z)|(.+)", re.S)


def read_plain(text: str) -> dict | None:
    """The data of ``text`` as tomli (with ``parse_float=Decimal``) would read it, or ``None``
    where ``text`` is not written in the plain shape."""
    data = _read(text, _LINE)
    if type(data) is str and data.lstrip(" \t").startswith('"'):
        data = _read(text, _QUOTED_LINE)
    return data if type(data) is dict else None


def _read(text: str, lines: re.Pattern[str]) -> dict | str | None:
    """The data of ``text``; or the rest of it from the first line that does not fit; or None
    where the lines fit but do not make a table tomli would read the same."""
    root: dict = {}
    table = root
    made: set[int] = set()
    """The tables and arrays of tables that a header made (an inline table may not be added to)."""
    quoted = lines is _QUOTED_LINE
    rows: list = []
    last = ("", "", "")
    """The array of tables the last header added to, and that header: the same header again adds to
    the same array (nothing between them can have moved it), with nothing to look up."""
    for key, string, integer, fraction, boolean, inline, opening, name, sub, closing, rest in lines.findall(text):
        if key:
            if quoted and key[0] == '"':
                key = key[1:-1]
            # A number, a boolean, this string (the line has a value), or an inline table.
            value = ((Decimal(integer + fraction) if fraction else int(integer)) if integer else boolean == "true" if boolean
                     else _inline(inline[1:-1]) if inline else string)
            if key in table or value is None:
                return None
            table[key] = value
        elif opening:
            if closing == "]]" and (opening, name, sub) == last:
                table = {}
                rows.append(table)
                continue
            begun = _header(root, made, opening, name, sub) if len(opening) == len(closing) else None
            if begun is None:
                return None
            table, rows, last = begun
        elif rest:
            return rest
    return root


def _header(root: dict, made: set[int], opening: str, name: str, sub: str) -> tuple[dict, list, tuple[str, str, str]] | None:
    """The table a ``[name]``, ``[name.sub]``, ``[[name]]`` or ``[[name.sub]]`` header begins, made
    where TOML puts it, with the array it was added to and the header (for ``[[…]]``); None where
    it is written twice or its parent is not a table a header made."""
    parent: Any = root
    if sub:
        parent = root.get(name)
        if id(parent) not in made:
            return None
        if type(parent) is list:
            parent = parent[-1]
    table: dict = {}
    here = sub or name
    rows = parent.get(here)
    if opening == "[":
        if rows is not None:
            return None
        parent[here] = table
        if not sub:
            made.add(id(table))  # a parent for [name.sub] and [[name.sub]]
        return table, [], ("", "", "")
    if rows is None:
        parent[here] = rows = []
        made.add(id(rows))
    elif id(rows) not in made or type(rows) is not list:
        return None
    rows.append(table)
    return table, rows, (opening, name, sub)


def _inline(text: str) -> dict | None:
    """An inline table's inside: ``a = 1, b = "x"``; None where it is not that."""
    pairs: dict = {}
    if not text.strip(" \t"):
        return pairs
    last = ","
    for key, string, integer, fraction, boolean, comma, rest in _PAIR.findall(text):
        if rest or key in pairs:
            return None
        if integer:
            pairs[key] = Decimal(integer + fraction) if fraction else int(integer)
        elif boolean:
            pairs[key] = boolean == "true"
        else:
            pairs[key] = string
        last = comma
    return pairs if not last else None
