"""Budget blocks, one module per layout family.

A 自评表's indicator block is much the same everywhere; its 项目资金 block is
where the families differ. Each module here has ``NAME`` and
``find(grid, rows, words) -> Funds | None``; :data:`FAMILIES` is the order they are
tried in. Adding a province's form is one module here and its fixture in the
tests.
"""

from __future__ import annotations

from . import central, provincial
from ._common import Funds

FAMILIES = (provincial, central)
"""Tried in this order on each table's title block; the first that finds a block wins. A 预算执行情况
label is the provincial family's mark, whatever columns follow it, so that family goes first."""

__all__ = ["FAMILIES", "Funds"]
