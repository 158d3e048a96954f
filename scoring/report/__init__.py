"""Rendering results: text table, explanation tree, JSON, Markdown, CSV, Excel, batch summary.

Every format is a module with ``render(result, out, lang)``; the batch summary
has one writer per format with ``(batch, out, details, lang)``. Nothing is
worded before it gets here.
"""

from __future__ import annotations

from typing import IO

from ._formats import BINARY, FORMATS, render_result


def render_batch(batch, fmt: str, out: IO, details: bool, lang: str) -> None:
    """The batch summary (scoring.batch.v1 as JSON), with each submission's result when ``details``."""
    from . import summary

    writers = {"json": summary.write_json, "csv": summary.write_csv, "markdown": summary.write_markdown,
               "table": summary.write_table}
    writers[fmt](batch, out, details, lang)


__all__ = ["BINARY", "FORMATS", "render_batch", "render_result"]
