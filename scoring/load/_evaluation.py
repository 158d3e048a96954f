"""Evaluation files → the domain model: read, the policy resolved, then built by the one reader.

A file is read (TOML, or a workbook read by its labels) and its policy
resolved (the bureau's ``--policy``, or the file's own). The reader
(:mod:`._reader`) builds it first with a collector that stops at the first
problem; a file that has one is read again with a collector that names
every problem.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..i18n import t
from ..limits import DEFAULT, Limits
from ..model import Evaluation
from ._kinds import EVALUATION, OTHER_SPREADSHEETS, SPREADSHEETS, kind_of, not_an_evaluation
from ._policy import load_policy
from ._problems import FirstProblem
from ._reader import problems_before, read_evaluation
from ._toml import Document, read_document

WORKBOOK_SUFFIXES = SPREADSHEETS
"""Evaluations written as a 自评表 workbook or CSV (see :mod:`scoring.load.workbook`)."""


def read_evaluation_document(path: Path, shown: str | None = None, limits: Limits = DEFAULT,
                             vocabulary: Path | str | None = None) -> Document:
    """An evaluation file's document: TOML as written, or a workbook read by its labels
    (a spreadsheet format that cannot be read is refused there, with what to do)."""
    if path.suffix.lower() in SPREADSHEETS + OTHER_SPREADSHEETS:
        from .workbook import read_workbook_document

        return read_workbook_document(path, shown, limits=limits, vocabulary=vocabulary)
    return read_document(path, shown, limits)


def load_evaluation(path: Path | str, shown: str | None = None, *, sets: dict | None = None,
                    policy: str | None = None, document: Document | None = None, limits: Limits = DEFAULT,
                    vocabulary: Path | str | None = None) -> Evaluation:
    """Read, check and resolve one evaluation file (TOML, or a 自评表 workbook or CSV); every
    problem is raised at once.

    ``policy`` (an id or a path relative to the working folder) is the policy that governs: a
    bureau's ``--policy`` scores every file with it, whatever policy the file names (that one is
    kept as ``declared_policy``, reported and not used). Without it, a file's own policy applies.
    ``document`` is an evaluation already read (a workbook about to be written as TOML). ``vocabulary``
    is the bureau's file of more words for reading workbooks (:mod:`scoring.load.workbook.vocabulary`)."""
    path = Path(path)
    doc = document if document is not None else read_evaluation_document(path, shown, limits, vocabulary)
    if not doc.report and "department" not in doc.data and (kind := kind_of(doc.text)) != EVALUATION:
        raise InputError([Problem(doc.shown, "", t('评价文件（有 department 键）', 'an evaluation (with a department key)'),
                                  not_an_evaluation(kind))])
    data = doc.data
    declared = data.get("policy") if isinstance(data.get("policy"), str) else None
    policy_ref, base = declared, doc.base
    if policy is not None:  # the bureau's policy governs: a submission does not choose its own rules
        policy_ref, base = policy, Path.cwd()
    try:
        rules = load_policy(policy_ref, base=base, place="policy" if policy is None else "--policy",
                            referrer=doc if policy is None else None, at=("policy",))
    except InputError as exc:
        raise problems_before(doc, exc) from None
    sets = sets if sets is not None else {}
    try:
        return read_evaluation(doc, path, rules, declared, sets, stop=True)
    except FirstProblem:  # read again, to name every problem with its place
        return read_evaluation(doc, path, rules, declared, sets)
