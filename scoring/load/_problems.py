"""Problems in a file: collected with their place, all raised at once.

A :class:`Collector` gathers every mistake of one file, each placed by its
key path (项目「X」 › 指标「Y」 › rate, and the line or cell that writes it),
so a user fixes a file in one pass, not one error at a time.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..errors import Problem
from ..i18n import Text, Words, join, t
from ._schema import converter_for, schema_errors
from ._toml import Document

Path_ = tuple[str | int, ...]


def subject_place(kind: str, name: str | None, index: int | None = None) -> Text:
    if kind == "overall":
        return t('部门整体', 'overall')
    if name:
        return t('项目「{name}」', 'project “{name}”', name=name)
    return t('第 {v} 个项目', 'project #{v}', v=(index or 0) + 1)


def indicator_place(name: str) -> Text:
    return t('指标「{name}」', 'indicator “{name}”', name=name)


def place_of(path: Path_, data: Any) -> Text:
    """A key path as a user reads it: 项目「X」 › 指标「Y」 › rate."""
    parts: list[Text | str] = []
    node = data
    i = 0
    while i < len(path):
        key = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        child = node.get(key) if isinstance(node, dict) else None
        if key == "overall" and i == 0:
            parts.append(subject_place("overall", None))
            node, i = child, i + 1
        elif key == "project" and i == 0 and isinstance(nxt, int):
            item = child[nxt] if isinstance(child, list) and nxt < len(child) else {}
            name = item.get("name") or item.get("id") if isinstance(item, dict) else None
            parts.append(subject_place("project", name if isinstance(name, str) else None, nxt))
            node, i = item, i + 2
        elif key == "indicator" and isinstance(nxt, int):
            item = child[nxt] if isinstance(child, list) and nxt < len(child) else {}
            name = item.get("name") if isinstance(item, dict) else None
            parts.append(indicator_place(name if isinstance(name, str) else f"#{nxt + 1}"))
            node, i = item, i + 2
        elif key == "results" and nxt is not None:
            parts.append(indicator_place(str(nxt)))
            node = child.get(nxt) if isinstance(child, dict) else None
            i += 2
        else:
            parts.append(str(key))
            node, i = child, i + 1
    return join(" › ", parts) if parts else t('文件顶层', 'top level')


class FirstProblem(Exception):
    """A collector that stops at the first problem met one: the file is read again to name them all."""


class Collector:
    """Problems found in one file, each placed by key path.

    A collector either gathers every problem, each with its place (``stop=False``), or stops at the
    first (``stop=True``): :class:`FirstProblem` is raised and nothing is worded or placed. The
    builders run the same way with either; a file is read with the second, and read again with the
    first only when it has a problem (:func:`~scoring.load.load_evaluation`)."""

    def __init__(self, doc: Document, stop: bool = False):
        if stop and doc.read_problems:
            raise FirstProblem
        self.doc, self.stop = doc, stop
        self.converter = converter_for(detailed=not stop)
        self.problems: list[Problem] = list(doc.read_problems)
        self.spoiled: set[Path_] = set(doc.spoiled)
        """Key paths whose values were rejected: nothing else is said of them."""

    def add(self, at: Path_, expected: Words, found: Words, hint: Words | None = None, place: Words | None = None) -> None:
        if at in self.doc.spoiled:  # a cell the reader already named
            return
        if self.stop:
            raise FirstProblem
        place = place if place is not None else place_of(at, self.doc.data)
        self.problems.append(self.doc.problem(at, place, expected, found, hint))

    def extend(self, problems: list[Problem]) -> None:
        """Problems another file's reading raised (an indicator set this one names)."""
        if self.stop:
            raise FirstProblem
        self.problems.extend(problems)

    def structure(self, data: Any, cls: type, at: Path_ = ()) -> Any:
        """``data`` as ``cls``, or None with every mistake recorded."""
        try:
            return self.converter.structure(data, cls)
        except Exception as exc:  # a cattrs exception group: one entry per mistake
            if self.stop:
                raise FirstProblem from None
            for err in schema_errors(exc):
                self.add(at + err.path, err.expected, err.found, err.hint)
            return None

    def rest(self, data: Any, cls: type, at: Path_ = ()) -> Any:
        """``cls`` built from the keys of ``data`` it holds that no recorded mistake touches, or None.
        For the keys beside a required one that was at fault (so :meth:`salvage` built nothing): their
        meaning is still checked, and their own mistakes were named with the table around them."""
        if not isinstance(data, dict) or at in self.spoiled:
            return None
        names = {f.name for f in attrs.fields(cls)}
        try:
            return self.converter.structure({k: v for k, v in data.items() if k in names and at + (k,) not in self.spoiled}, cls)
        except Exception:
            return None

    def salvage(self, data: Any, cls: type, at: Path_ = ()) -> Any:
        """Like :meth:`structure`, but after recording the mistakes, ``cls`` built from
        the keys that had none, so their meaning can still be checked (None if a
        required key is the one at fault)."""
        try:
            return self.converter.structure(data, cls)
        except Exception as exc:
            if self.stop:
                raise FirstProblem from None
            errors = schema_errors(exc)
        for err in errors:
            self.add(at + err.path, err.expected, err.found, err.hint)
            if err.path:
                self.spoiled.add(at + err.path[:1])
        if not isinstance(data, dict):
            return None
        bad = {err.path[0] for err in errors if err.path}
        try:
            return self.converter.structure({k: v for k, v in data.items() if k not in bad}, cls)
        except Exception:
            return None


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """In reading order: file by file (first seen first), line by line."""
    files: dict[str, int] = {}
    for p in problems:
        files.setdefault(p.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.line or 0))


def suggest(key: str, known: list[str]) -> Text | None:
    import difflib  # only for a mistake

    near = difflib.get_close_matches(key, known, n=1, cutoff=0.4)
    return t('是否想写「{v}」？', 'did you mean “{v}”?', v=near[0]) if near else None
