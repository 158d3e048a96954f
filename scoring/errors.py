"""The one exception type for mistakes in the user's files.

A :class:`Problem` says where (file, line, place) and what (expected, found).
Loaders collect every problem they can find and raise them together as one
:class:`InputError`; the CLI prints them all and exits with code 2.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from .i18n import tr


@frozen
class Problem:
    """One thing wrong in one input file."""

    file: str
    place: str
    expected: str
    found: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        head = f"{where}: {self.place}" if self.place else where
        text = tr(
            f"{head}：应为{self.expected}，实为{self.found}",
            f"{head}: expected {self.expected}, found {self.found}",
        )
        if self.hint:
            text += tr(f"（{self.hint}）", f" ({self.hint})")
        return text


class InputError(Exception):
    """The input files cannot be scored; :attr:`problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path | str) -> str:
    """A path as the user would recognise it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
