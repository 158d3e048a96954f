"""What every budget-block family shares: the figure headers, and reading a value row."""

from __future__ import annotations

import re
from decimal import Decimal

from attrs import define, field

from ....i18n import t
from .._grid import Grid
from .._labels import label
from ..vocabulary import Vocabulary

AMOUNT, POINTS, SCORE = t("金额", "an amount"), t("分值", "points"), t("得分", "a score")
"""What the budget line's cells are expected to hold."""
SHIFTED = t("分值或得分（一个数，不是百分比；这一行像是错了一列，请核对各格是否对齐表头）",
            "points or a score (a number, not a percentage: the row looks shifted one column; check each cell sits under its header)")

NOT_A_RATE = t("金额（一个数，不是百分比；这一行像是错了一列，请核对各格是否对齐表头）",
               "an amount (a number, not a percentage: the row looks shifted one column; check each cell sits under its header)")

_WITH_UNIT = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万元|元)$")

Cell = tuple[int, int]

FIGURES = ("initial", "full_year", "executed", "received", "points", "rate", "score", "claimed")
"""The budget block's columns, each spelled by the vocabulary's ``budget.columns`` words, matched with
their bracketed marks removed (``全年预算数（A）``, ``全年(调整)预算数``, ``得分(20分*执行率)``)."""


@define
class Funds:
    """What a budget block says, with the cell each value came from."""

    layout: str
    header: int
    """The row of the block's column headers."""
    figures: dict[str, tuple[Decimal, Cell]] = field(factory=dict)
    points: tuple[Decimal, Cell] | None = None
    claimed: tuple[Decimal, Cell] | None = None
    money_unit: tuple[str, Cell] | None = None
    rows: tuple[int, int] = (0, 0)
    """First and last row of the block."""
    notes: list[tuple[str, str, Cell]] = field(factory=list)
    """(中文, English, cell) for what the reader chose and why."""


def figure_columns(grid: Grid, r: int, words: Vocabulary) -> dict[str, int]:
    """Which column of row ``r`` holds which budget figure, if the row is a budget header."""
    columns: dict[str, int] = {}
    for c, text in grid.row_texts(r):
        found = words.key_of("budget.columns", text)
        if found is not None and found[0] not in columns:
            columns[found[0]] = c
    return columns if {"full_year", "executed"} <= columns.keys() or {"initial", "executed"} <= columns.keys() else {}


def header_unit(grid: Grid, funds: Funds, r: int, columns: dict[str, int]) -> None:
    """A money unit printed in a figure's header (``年度预算申请(万元)``), where the block's label gives none."""
    if funds.money_unit is None:
        for c in sorted(columns.values()):
            if unit := label(grid.text(r, c, use=False)).money_unit:
                funds.money_unit = (unit, (r, c))
                return


def read_values(grid: Grid, funds: Funds, r: int, columns: dict[str, int], scored: int | None = None) -> None:
    """The figures of value row ``r``, and the points and claimed score of row ``scored`` (the
    same row, unless the figures come from a 其中 line). A percentage where points or a score
    belong is a problem at its cell: the row is shifted, and nothing on it is guessed."""
    for key in ("initial", "full_year", "executed", "received"):
        if key in columns and (value := amount(grid, funds, r, columns[key])) is not None:
            funds.figures[key] = (value, (r, columns[key]))
    r = r if scored is None else scored
    if "points" in columns and (value := _points(grid, r, columns["points"], POINTS)) is not None:
        funds.points = (value, (r, columns["points"]))
    claim = columns.get("claimed", columns.get("score"))
    if claim is not None and (value := _points(grid, r, claim, SCORE)) is not None:
        funds.claimed = (value, (r, claim))
    if "rate" in columns:
        grid.raw(r, columns["rate"])  # the printed rate is recomputed, not read


def _points(grid: Grid, r: int, c: int, expected) -> Decimal | None:
    """Points or a score: a number. A percentage there is a problem at its cell (the row is shifted)."""
    n = grid.number(r, c, expected)
    if n is not None and n.percent:
        grid.bad.append((grid.anchor(r, c), SHIFTED, f'"{n.text()}"'))
        return None
    return n.value if n is not None else None


def _with_unit(grid: Grid, r: int, c: int) -> tuple[Decimal, str] | None:
    """A cell of text holding an amount and its unit (``4753.66万元``), as (amount, unit)."""
    if grid.is_number(r, c):
        return None
    m = _WITH_UNIT.match(grid.text(r, c, use=False).replace(" ", ""))
    return (Decimal(m.group(1).replace(",", "")), m.group(2)) if m else None


def amount(grid: Grid, funds: Funds, r: int, c: int) -> Decimal | None:
    """An amount: a number, or a number written with its unit (``4753.66万元``), whose unit then is
    the block's, unless another is already named (then the cell is a problem)."""
    written = _with_unit(grid, r, c)
    if written is None:
        n = grid.number(r, c, AMOUNT)
        if n is not None and n.percent:  # a rate where an amount belongs: the row is shifted
            grid.bad.append((grid.anchor(r, c), NOT_A_RATE, f'"{n.text()}"'))
            return None
        return n.value if n is not None else None
    grid.raw(r, c)
    value, unit = written
    if funds.money_unit is None:
        funds.money_unit = (unit, (r, c))
    elif funds.money_unit[0] != unit:
        grid.bad.append((grid.anchor(r, c), t('以{v}计的金额', 'an amount in {v}', v=funds.money_unit[0]), f'"{grid.text(r, c)}"'))
        return None
    return value


def has_money(grid: Grid, r: int, columns: dict[str, int]) -> bool:
    """Whether a budget line holds an amount other than 0 (a number, or one written with its unit)."""
    for k in ("initial", "full_year", "executed"):
        if k not in columns:
            continue
        if grid.is_number(r, columns[k]):
            if grid.raw(r, columns[k], use=False) != 0:
                return True
        elif (written := _with_unit(grid, r, columns[k])) is not None and written[0] != 0:
            return True
    return False
