"""Which module renders which format. Each is imported only when its format is asked for,
so a JSON run never loads openpyxl."""

from __future__ import annotations

import importlib
from typing import IO

BINARY = ("xlsx",)
"""Formats written as bytes (the rest are text)."""

FORMATS = {"table": "table", "json": "json_", "markdown": "markdown", "csv": "csv_", "xlsx": "xlsx"}
"""Each format is a module with ``render(result, out, lang)``."""


def render_result(result, fmt: str, out: IO, lang: str, *, explain: bool = False) -> None:
    """One evaluation's result in ``fmt``, worded in ``lang`` (``--explain`` replaces the table with the explanation tree)."""
    name = "explain" if explain else FORMATS.get(fmt)
    if name is None:
        raise ValueError(f"unknown format {fmt!r}")
    importlib.import_module(f"scoring.report.{name}").render(result, out, lang)
