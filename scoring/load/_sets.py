"""Indicator-set files (绩效目标表): the indicators a department declared, checked."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, display_path
from ..i18n import t
from ..model import Indicator, Line, Outcome
from ..policy import Policy
from ._toml import Document, Path_, Place, read_document

if TYPE_CHECKING:
    from ._problems import Collector


class IndicatorSet:
    """A 绩效目标表 file, checked."""

    def __init__(self, doc: Document, title: str, year: int | None, budget_points: Decimal | None, indicators: tuple[Indicator, ...],
                 read_for: int | None = None):
        self.doc = doc
        self.title = title
        self.year = year
        self.budget_points = budget_points
        self.indicators = indicators
        self.read_for = read_for
        """The evaluation's year it was read for, which its deadlines count from (None: the set's own)."""


def unique_ids(indicators: list[tuple[Path_, Indicator]], out: Collector) -> None:
    seen: dict[str, Path_] = {}
    for at, ind in indicators:
        if ind.id in seen:
            first = out.doc.where(seen[ind.id]) or ""
            out.add(
                at + ("id",),
                t('集合内唯一的 id（名称重复时请给出 id）', 'an id unique in the set (give id where names repeat)'),
                t('与{first}重复的 "{id}"', '"{id}", as at {first}', first=first, id=ind.id),
            )
        else:
            seen[ind.id] = at


def locate_set(doc: Document, ref: str) -> tuple[Path, Path, str]:
    """Where an evaluation's ``indicators`` or ``approved`` reference points (relative to the file):
    the path to read, the resolved path it is known by, and the path as messages show it."""
    path = Path(ref)
    if not path.is_absolute():  # normalised: the folder of a file about to be written may not exist yet
        path = Path(os.path.normpath(doc.base / path))
    if Path(ref).is_absolute():
        shown = ref
    elif doc.base == doc.path.parent:
        shown = os.path.normpath(Path(doc.shown).parent / ref)
    else:
        shown = display_path(path)
    return path, path.resolve(), shown


def read_indicator_set(path: Path, shown: str, policy: Policy, stop: bool = False, year: int | None = None) -> IndicatorSet:
    """An indicator set file, every key checked; every problem raised at once (with ``stop``,
    :class:`~._problems.FirstProblem` at the first). Deadlines count from ``year``, the evaluation's
    that uses the set (its rows are scored in that year's table), else from the set's own ``year``."""
    from ._problems import Collector, sorted_problems
    from ._rows import build_indicator
    from ._schema import IndicatorDoc, IndicatorSetDoc
    from ._values import describe

    doc = read_document(path, shown)
    out = Collector(doc, stop)
    d = out.structure(doc.data, IndicatorSetDoc)
    if d is None:
        raise InputError(out.problems)
    built: list[tuple[Path_, Indicator]] = []
    base = year if year is not None else d.year
    for i, raw in enumerate(d.indicator):
        ind_doc = out.salvage(raw, IndicatorDoc, ("indicator", i))
        ind = build_indicator(ind_doc, policy, out, ("indicator", i), base) if ind_doc is not None else None
        if ind is not None:
            built.append((("indicator", i), ind))
    unique_ids(built, out)
    if d.budget_points is not None and d.budget_points < 0:
        out.add(("budget_points",), t('非负数', 'a number ≥ 0'), describe(d.budget_points))
    if out.problems:
        raise InputError(sorted_problems(out.problems))
    return IndicatorSet(doc, d.title, d.year, d.budget_points, tuple(ind for _, ind in built), year)


def approved_lines(ind_set: IndicatorSet) -> tuple[Line, ...]:
    """An approved set as a table with no completions yet: each row where the set writes it."""
    return tuple(Line(ind, Outcome(missing=True), Place(ind_set.doc, ("indicator", i))) for i, ind in enumerate(ind_set.indicators))
