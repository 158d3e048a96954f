"""Rendering results: text table, explanation tree, JSON, Markdown, CSV, Excel, batch summary.

Each renderer is imported only when its format is asked for, so a JSON run
never loads openpyxl.
"""

from __future__ import annotations

from typing import BinaryIO, TextIO

BINARY = ("xlsx",)
"""Formats written as bytes (the rest are text)."""


def render_result(result, fmt: str, out: TextIO | BinaryIO, *, explain: bool = False) -> None:
    """One evaluation's result in ``fmt`` (``--explain`` replaces the table with the explanation tree)."""
    if explain:
        from . import explain as explanation

        explanation.render(result, out)
    elif fmt == "table":
        from . import table

        table.render(result, out)
    elif fmt == "json":
        from . import json_

        out.write(json_.render(result))
    elif fmt == "markdown":
        from . import markdown

        out.write(markdown.render(result))
    elif fmt == "csv":
        from . import csv_

        out.write(csv_.render(result))
    elif fmt == "xlsx":
        from . import xlsx

        xlsx.workbook(result).save(out)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def render_batch(batch, fmt: str, out: TextIO, details: bool) -> None:
    """The batch summary (scoring.batch.v1 as JSON), with each submission's result when ``details``."""
    from . import summary

    writers = {"json": summary.write_json, "csv": summary.write_csv, "markdown": summary.write_markdown,
               "table": summary.write_table}
    writers[fmt](batch, out, details)
