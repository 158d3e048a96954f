"""Rendering results: text table, explanation tree, JSON, Markdown, CSV, Excel, batch summary.

Every format is a module with ``render(result, out, lang)``; the batch summary
has one writer per format with ``(batch, out, details, lang)``. Nothing is
worded before it gets here.
"""

from __future__ import annotations

from typing import IO

from ._formats import BINARY, FORMATS, render_result


def render_batch(batch, fmt: str, out: IO, details: bool, lang: str, group_by: str | None = None) -> None:
    """The batch summary (scoring.batch.v1 as JSON; a table, Markdown, CSV, a workbook or a web page),
    with each submission's result when ``details``; ``group_by="department"`` orders it by department."""
    from . import summary

    if fmt in ("table", "markdown"):
        writer = summary.write_table if fmt == "table" else summary.write_markdown
        writer(batch, out, details, lang, group_by)
    elif fmt in ("xlsx", "html"):
        import importlib

        importlib.import_module(f"{__name__}.batch_{fmt}").render(batch, out, lang, group_by)
    else:
        {"json": summary.write_json, "csv": summary.write_csv}[fmt](batch, out, details, lang)


__all__ = ["BINARY", "FORMATS", "render_batch", "render_result"]
