"""Provincial budget blocks (湖北 and the forms modelled on it).

::

    预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率)
                             |   285.84  |   285.84  |    100%     |        20

The points come from the block's own ``(N分)`` label, the ``得分(N分*执行率)``
header, or a 分值 / 执行率权重 column, in that order: they are the table's own, whatever
the policy says (the loader names a difference, ``budget-points-differ``). A 分值
cell that disagrees with the block's ``(N分)`` is a problem at that cell. The headers may stand on
the label's row or the row below it; the values on the row after the headers.
"""

from __future__ import annotations

from ....i18n import t
from ....numbers import plain
from .._grid import Grid
from .._labels import label
from ..vocabulary import Vocabulary
from ._common import Funds, figure_columns, header_unit, read_values

NAME = "预算执行情况"


def find(grid: Grid, rows: range, words: Vocabulary) -> Funds | None:
    for r in grid.rows_in(rows):
        block = next(((c, t) for c, t in grid.row_texts(r) if words.has("budget.blocks.provincial", t)), None)
        if block is None:
            continue
        for header in (r, r + 1):
            columns = figure_columns(grid, header, words)
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
        header_unit(grid, funds, header, columns)
        read_values(grid, funds, header + 1, columns)
        printed = marks.points if marks.points is not None else (
            label(grid.text(header, columns["score"])).points if "score" in columns else None)
        at = (r, block[0]) if marks.points is not None else (header, columns.get("score", block[0]))
        if printed is not None and funds.points is not None and funds.points[0] != printed:
            grid.bad.append((grid.anchor(*funds.points[1]), t('与「{v}」标明的 {p} 分一致的分值', 'the {p} points “{v}” gives', v=block[1], p=plain(printed)),
                             plain(funds.points[0])))
        elif printed is not None:
            funds.points = (printed, at)  # the table's own points: printed on its block, as a 分值 cell gives them
        funds.rows = (r, header + 1)
        return funds
    return None
