"""Self-evaluation uses the approved targets (财预〔2020〕10号).

A subject that names the indicator set approved with its budget is scored
against that set: each approved indicator with the completion the department
wrote for it (matched by id, then by name), and every difference is a
change the engine reports (``target-changed``) with what it does to the score.
"""

from __future__ import annotations

from .model import Change, Indicator, Line, Outcome
from .numbers import plain


def _target_value(ind: Indicator) -> str:
    return plain(ind.target) if ind.target is not None else (ind.target_text or "")


def _fits(ind: Indicator, out: Outcome) -> bool:
    """Whether a completion written for one indicator can be scored against another."""
    if out.rate is not None or out.not_applicable or out.missing:
        return True
    # a grade, a word that means achieved, or free words the department scored itself
    worded = out.grade is not None or out.achieved_word is not None or (out.judged and out.claimed is not None)
    if ind.qualitative:
        return worded
    return out.actual is not None or (ind.deadline and worded)  # a deadline takes what a 定性 row takes


def against_approved(lines: tuple[Line, ...], approved: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple[Change, ...]]:
    """The approved indicators with the department's completions (10号: self-evaluation
    uses the approved targets), and every way the submitted table differs from them."""
    by_id = {line.indicator.id: line for line in lines}
    by_name = {line.indicator.name: line for line in lines}
    used: set[int] = set()
    scored: list[Line] = []
    changes: list[Change] = []
    for row in approved:
        ind = row.indicator
        sub = by_id.get(ind.id) or by_name.get(ind.name)
        if sub is None or id(sub) in used:
            changes.append(Change(ind.id, "dropped", ind.target_display(), "—", ind.name))
            scored.append(row)  # not reported: scored 0
            continue
        used.add(id(sub))
        si = sub.indicator
        for what, a, b in (
            ("comparator", ind.comparator.value, si.comparator.value),
            ("target", _target_value(ind), _target_value(si)),
            ("unit", ind.unit or "", si.unit or ""),
            ("weight", plain(ind.weight), plain(si.weight)),
        ):
            if a != b:
                changes.append(Change(ind.id, what, a or "—", b or "—", ind.name))
        out = sub.outcome
        if not _fits(ind, out):
            out = Outcome(missing=True, reason=out.reason, claimed=out.claimed, written=out.written)
        scored.append(Line(ind, out, sub.place))
    for line in lines:
        if id(line) not in used:
            changes.append(Change(line.indicator.id, "added", "—", line.indicator.target_display(), line.indicator.name))
    return tuple(scored), tuple(changes)
