"""CSV: one row per line of every subject's table, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io
from typing import TextIO

from ..engine import EvaluationResult
from ..safe import csv_cell
from ._view import subject_rows

COLUMNS = ["subject_id", "subject", "row", "id", "level1", "level2", "name", "target", "actual",
           "weight", "score", "claimed", "reason", "formula"]


def render(result: EvaluationResult, out: TextIO, lang: str) -> None:
    out.write(rows(result, lang))


def rows(result: EvaluationResult, lang: str, with_path: bool = False, header: bool = True) -> str:
    """The rows; ``with_path`` puts the evaluation's path first, as batch details need."""
    lead = [result.evaluation.path] if with_path else []
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow((["path"] if with_path else []) + COLUMNS)
    for s in result.subjects:
        for r in subject_rows(s, result.policy.rounding, lang):
            writer.writerow(map(csv_cell, lead + [s.subject.id, s.subject.name, r.kind, r.id, r.level1, r.level2, r.name, r.target,
                                                  r.actual, r.weight, r.score, r.claimed, r.reason, r.formula]))
    return buf.getvalue()
