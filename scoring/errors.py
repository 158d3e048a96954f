"""The one exception type for mistakes in the user's files.

A :class:`Problem` says where (file, line, place) and what (expected, found).
Loaders collect every problem they can find and raise them together as one
:class:`InputError`; the CLI prints them all and exits with code 2.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from attrs import frozen

from .i18n import DEFAULT, Text, t


@frozen(repr=False)
class Problem:
    """One thing wrong in one input file."""

    file: str
    place: Text | str
    """Where in the file: subject › indicator › key, or a sheet and cell."""
    expected: Text | str
    found: Text | str
    """What the file says; user text here is a parameter, never a template."""
    line: int | None = None
    column: int | None = None
    hint: Text | str | None = None

    def text(self) -> Text:
        """The problem as one sentence, not yet worded."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        head: Text | str = t("{where}: {place}", "{where}: {place}", where=where, place=self.place) if self.place else where
        sentence = t("{head}：应为{expected}，实为{found}", "{head}: expected {expected}, found {found}",
                     head=head, expected=self.expected, found=self.found)
        if self.hint:
            sentence += t("（{hint}）", " ({hint})", hint=self.hint)
        return sentence

    def word(self, lang: str) -> str:
        return self.text().word(lang)

    def __str__(self) -> str:
        return self.word(DEFAULT)


class InputError(Exception):
    """The input files cannot be scored; :attr:`problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path | str) -> str:
    """A path as the user would recognise it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(_resolved(os.getcwd())))
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=4)
def _resolved(folder: str) -> Path:
    """The working folder, resolved once for the thousands of paths a batch shows."""
    return Path(folder).resolve()
