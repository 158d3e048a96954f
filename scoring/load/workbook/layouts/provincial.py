"""Provincial budget blocks (湖北 and the forms modelled on it).

::

    预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率)
                             |   285.84  |   285.84  |    100%     |        20

The points come from the block's own ``(N分)`` label, the ``得分(N分*执行率)``
header, or a 分值 / 执行率权重 column, in that order. The headers may stand on
the label's row or the row below it; the values on the row after the headers.
"""

from __future__ import annotations

from .._grid import Grid
from .._labels import label
from ._common import Funds, bare, figure_columns, read_values

NAME = "预算执行情况"

BLOCK_LABELS = ("预算执行情况", "预算执行", "预算执行率", "资金执行情况")


def find(grid: Grid, rows: range) -> Funds | None:
    for r in grid.rows_in(rows):
        block = next(((c, t) for c, t in grid.row_texts(r) if bare(t) in BLOCK_LABELS), None)
        if block is None:
            continue
        for header in (r, r + 1):
            columns = figure_columns(grid, header)
            if columns:
                break
        else:
            continue
        funds = Funds(NAME, header)
        grid.raw(r, block[0])
        marks = label(block[1])
        if marks.money_unit:
            funds.money_unit = (marks.money_unit, (r, block[0]))
        for c in columns.values():
            grid.raw(header, c)
        read_values(grid, funds, header + 1, columns)
        if funds.points is None:
            printed = marks.points if marks.points is not None else (
                label(grid.text(header, columns["score"])).points if "score" in columns else None)
            if printed is not None:
                funds.points = (printed, (r, block[0]) if marks.points is not None else (header, columns["score"]))
        funds.rows = (r, header + 1)
        return funds
    return None
