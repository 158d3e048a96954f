"""Evaluation files for the tests, built as data and written with tomli-w.

A test says what differs from a plain file (``edit(doc, "数量", claimed=40)``),
not which characters of a TOML string to replace, so a file is valid TOML
whatever text it holds.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w

DELETE = object()
"""Passed as a value to :func:`edit`: remove the key."""


def row(level1: str, name: str, target: Any, weight: Any, **keys: Any) -> dict:
    """One inline ``[[project.indicator]]`` row: an indicator and its result."""
    return {"level1": level1, "name": name, "target": target, "weight": weight, **keys}


def project(name: str = "甲", *rows: dict, **keys: Any) -> dict:
    """One ``[[project]]`` with inline rows."""
    return {"name": name, **keys, "indicator": list(rows)}


def evaluation(*projects: dict, department: str = "测试部门", year: int = 2023, **keys: Any) -> dict:
    return {"department": department, "year": year, **keys, "project": list(projects)}


def edit(doc: dict, where: str | None = None, **changes: Any) -> dict:
    """A copy of ``doc`` with ``changes`` made to the row named ``where`` (in any project), or to the
    first project when ``where`` is None. :data:`DELETE` removes a key."""
    doc = copy.deepcopy(doc)
    if where is None:
        targets = [doc["project"][0]]
    else:
        targets = [r for p in doc["project"] for r in p["indicator"] if r["name"] == where]
        assert targets, f"no row named {where!r}"
    for target in targets:
        for key, value in changes.items():
            if value is DELETE:
                target.pop(key, None)
            else:
                target[key] = value
    return doc


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def toml(doc: dict) -> str:
    return tomli_w.dumps(_plain(doc))


def write_doc(folder: Path, doc: dict, name: str = "e.toml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(toml(doc), encoding="utf-8")
    return path
