"""A spec of a published 自评表 (``tests/real/*.toml``) → the workbook it describes.

A spec holds the table cell by cell as the page prints it: ``""`` is an empty cell, a TOML
number a number Excel stores, a string a typed text (line breaks kept). ``merged`` ranges
and the number ``formats`` of stored numbers are applied as given; nothing is cleaned.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

Cell = str | int | Decimal


def load(spec_path: Path | str) -> dict[str, Any]:
    """The spec, its numbers read as exact decimals."""
    with open(spec_path, "rb") as f:
        return tomllib.load(f, parse_float=Decimal)


def build(spec_path: Path | str, out_path: Path | str) -> Path:
    """Write the spec's sheets to ``out_path`` (.xlsx) and return it."""
    spec = load(spec_path)
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in spec["sheet"]:
        ws = wb.create_sheet(sheet["name"])
        for r, row in enumerate(sheet["rows"], start=1):
            for c, value in enumerate(row, start=1):
                if value == "":
                    continue
                if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
                    raise TypeError(f"{spec_path}: row {r} column {c}: {value!r} is no cell value")
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # printed text such as `=8个`, never a formula
        for merged in sheet.get("merged", []):
            ws.merge_cells(merged)
        for ref, number_format in sheet.get("formats", {}).items():
            ws[ref].number_format = number_format
    out = Path(out_path)
    wb.save(out)
    return out
