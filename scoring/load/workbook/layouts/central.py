"""The 10号 项目支出绩效自评表's 项目资金 block, and the tables built on it.

::

    项目资金（万元） |              | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
                     | 年度资金总额 |            |     10     |     10     |  20  |  100%  |  20
                     | 其中：当年财政拨款 | …
                     | 上年结转资金 | …
                     | 其他资金     | …

The 分值 cell gives the budget line's points (20 in Hubei). Where 年度资金总额
is printed as zeros while a 其中 line carries the money (安徽), the 其中 line
is read, and a note says so. This project's own export is this layout with a
自评得分 column.
"""

from __future__ import annotations

from .._grid import Grid
from .._labels import label
from ..vocabulary import Vocabulary, bare
from ._common import Funds, figure_columns, has_money, header_unit, read_values

NAME = "10号 项目资金"


def find(grid: Grid, rows: range, words: Vocabulary) -> Funds | None:
    for r in grid.rows_in(rows):
        columns = figure_columns(grid, r, words)
        if not columns:
            continue
        first = min(columns.values())
        texts = dict(grid.row_texts(r))
        block = next(((c, t) for c, t in texts.items() if c < first and words.has("budget.blocks.ten_hao", t)), None)
        below = _value_rows(grid, r, first, rows.stop, words)
        if block is None and not below:
            continue
        funds = Funds(NAME, r)
        if block is not None:
            grid.raw(r, block[0])
            if unit := label(block[1]).money_unit:
                funds.money_unit = (unit, (r, block[0]))
        for c in columns.values():
            grid.raw(r, c)
        header_unit(grid, funds, r, columns)
        total = next((i for i, name in below if name in words["budget.lines.total"]), None)
        value_row = total
        if total is None or not has_money(grid, total, columns):
            part = next((i for i, name in below if name in words["budget.lines.part"] and has_money(grid, i, columns)), None)
            if part is not None and total is not None:
                funds.notes.append((f"「年度资金总额」一行没有金额，取「{_row_label(grid, part, first, words)}」一行的金额",
                                    f"the 年度资金总额 row has no amounts; the “{_row_label(grid, part, first, words)}” row was read",
                                    (part, first)))
            value_row = part if part is not None else total
        if value_row is None:  # no labelled rows: the values stand on the row below the headers
            value_row = r + 1
        for i, _ in below:
            grid.row_texts(i, use=True)  # the 其中 lines are part of the block, read or not
        read_values(grid, funds, value_row, columns, total)
        funds.rows = (r, max([value_row] + [i for i, _ in below]))
        return funds
    return None


def _value_rows(grid: Grid, header: int, first: int, stop: int, words: Vocabulary) -> list[tuple[int, str]]:
    """The labelled rows under a budget header: (row, label) while the labels are budget lines."""
    out = []
    lines = words["budget.lines.total"] + words["budget.lines.part"]
    for i in range(header + 1, min(stop, header + 8)):
        name = _row_label(grid, i, first, words)
        if name in lines:
            out.append((i, name))
        elif name and out:
            break
    return out


def _row_label(grid: Grid, r: int, first: int, words: Vocabulary) -> str:
    """The label of a budget row: the last text left of the first figure column, normalised."""
    texts = [t for c, t in grid.row_texts(r) if c < first and not words.has("budget.blocks.ten_hao", t)]
    return bare(texts[-1]) if texts else ""
