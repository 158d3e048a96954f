from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def write(tmp_path):
    """Write a file under a temporary folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


class StrictRunner(CliRunner):
    """A CLI runner under which any exception fails the test: the ``score`` command may exit
    with 0, 1 or 2, never by raising (scriv's ``cli_invoke``)."""

    def invoke(self, *args, **kwargs):  # type: ignore[override]
        result = super().invoke(*args, **kwargs)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result


runner = StrictRunner()


def cli(*args, code: int | tuple[int, ...]):
    """Run ``score ARGS`` and check its exit code exactly; returns the result."""
    from scoring.cli import app

    result = runner.invoke(app, [str(a) for a in args])
    codes = (code,) if isinstance(code, int) else code
    assert result.exit_code in codes, (args, result.exit_code, result.output)
    return result


def sheet_layout(ws, rows: int | None = None) -> dict:
    """What a sheet shows in its first ``rows`` rows (all by default): values, number formats, fonts, fills, alignment,
    boxes (a merged area drawn as one: its inner cells' borders are not shown), merges, sizes, panes."""
    from openpyxl.cell.cell import MergedCell

    rows = rows or ws.max_row
    merged = {c for r in ws.merged_cells.ranges if r.max_row <= rows for c in r.cells if c != (r.min_row, r.min_col)}
    cells = {}
    for row in ws.iter_rows(max_row=rows):
        for c in row:
            box = None if (c.row, c.column) in merged or isinstance(c, MergedCell) else \
                tuple(getattr(c.border, side).style for side in ("left", "right", "top", "bottom"))
            cells[c.coordinate] = (c.value, c.data_type, c.number_format, c.font.b, c.font.sz, c.fill.fgColor.rgb,
                                   c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text, box)
    return {"cells": cells, "merges": sorted(str(r) for r in ws.merged_cells.ranges if r.max_row <= rows),
            "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height and k <= rows},
            "panes": (ws.freeze_panes, ws.print_title_rows, ws.page_setup.orientation, ws.page_setup.fitToWidth)}
