"""What every budget-block family shares: the figure headers, and reading a value row."""

from __future__ import annotations

import re
from decimal import Decimal

from attrs import define, field

from ....i18n import t
from .._grid import Grid
from .._labels import label

AMOUNT, POINTS, SCORE = t("金额", "an amount"), t("分值", "points"), t("得分", "a score")
"""What the budget line's cells are expected to hold."""

Cell = tuple[int, int]

FIGURES: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算", "年初预算金额"),
    "full_year": ("全年预算数", "调整后预算数", "全年调整预算数", "全年预算", "预算数", "调整后预算"),
    "executed": ("全年执行数", "执行数", "实际支出数", "全年支出数", "实际执行数"),
    "received": ("实际到位资金", "到位资金", "实际到位数"),
    "points": ("分值", "执行率权重", "权重"),
    "rate": ("执行率",),
    "score": ("得分",),
    "claimed": ("自评得分",),
}
"""Column headers of a budget block, matched with their bracketed marks removed
(``全年预算数（A）``, ``全年(调整)预算数``, ``得分(20分*执行率)``)."""

_ANY_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")


def bare(text: str) -> str:
    """A label without spaces, line breaks or any bracketed mark."""
    return _ANY_BRACKETS.sub("", label(text).text if text else "").strip()


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


def figure_columns(grid: Grid, r: int) -> dict[str, int]:
    """Which column of row ``r`` holds which budget figure, if the row is a budget header."""
    columns: dict[str, int] = {}
    for c, text in grid.row_texts(r):
        name = bare(text)
        for key, words in FIGURES.items():
            if name in words and key not in columns:
                columns[key] = c
                break
    return columns if {"full_year", "executed"} <= columns.keys() or {"initial", "executed"} <= columns.keys() else {}


def read_values(grid: Grid, funds: Funds, r: int, columns: dict[str, int], scored: int | None = None) -> None:
    """The figures of value row ``r``, and the points and claimed score of row ``scored`` (the
    same row, unless the figures come from a 其中 line)."""
    for key in ("initial", "full_year", "executed", "received"):
        if key in columns and (n := grid.number(r, columns[key], AMOUNT)) is not None:
            funds.figures[key] = (n.value, (r, columns[key]))
    r = r if scored is None else scored
    if "points" in columns and (n := grid.number(r, columns["points"], POINTS)) is not None:
        funds.points = (n.value, (r, columns["points"]))
    claim = columns.get("claimed", columns.get("score"))
    if claim is not None and (n := grid.number(r, claim, SCORE)) is not None:
        funds.claimed = (n.value, (r, claim))
    if "rate" in columns:
        grid.raw(r, columns["rate"])  # the printed rate is recomputed, not read


def has_money(grid: Grid, r: int, columns: dict[str, int]) -> bool:
    return any(grid.is_number(r, columns[k]) and grid.raw(r, columns[k], use=False) != 0
               for k in ("initial", "full_year", "executed") if k in columns)
