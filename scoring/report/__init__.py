"""Rendering results: text table, explanation tree, JSON, Markdown, CSV, Excel, batch summary.

Each renderer is imported only when its format is asked for, so a JSON run
never loads openpyxl.
"""

from __future__ import annotations

from typing import IO

BINARY = ("xlsx",)
"""Formats written as bytes (the rest are text)."""


FORMATS = {"table": "table", "json": "json_", "markdown": "markdown", "csv": "csv_", "xlsx": "xlsx"}
"""Each format is a module with ``render(result, out, lang)``."""


def render_result(result, fmt: str, out: IO, lang: str, *, explain: bool = False) -> None:
    """One evaluation's result in ``fmt``, worded in ``lang`` (``--explain`` replaces the table with the explanation tree)."""
    import importlib

    name = "explain" if explain else FORMATS.get(fmt)
    if name is None:
        raise ValueError(f"unknown format {fmt!r}")
    importlib.import_module(f"{__name__}.{name}").render(result, out, lang)


def render_batch(batch, fmt: str, out: IO, details: bool, lang: str) -> None:
    """The batch summary (scoring.batch.v1 as JSON), with each submission's result when ``details``."""
    from . import summary

    writers = {"json": summary.write_json, "csv": summary.write_csv, "markdown": summary.write_markdown,
               "table": summary.write_table}
    writers[fmt](batch, out, details, lang)
