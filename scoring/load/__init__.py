"""Reading files: TOML text → validated model, every problem with its place."""

from ._evaluation import IndicatorSet, load_evaluation, read_indicator_set
from ._kinds import (
    EVALUATION,
    INDICATOR_SET,
    OTHER,
    POLICY,
    discover,
    kind_of,
    not_an_evaluation,
)
from ._policy import load_policy
from ._toml import read_document


def import_workbook(*args, **kwargs):
    """Read a filled 自评表 workbook or CSV into an evaluation file (see :mod:`._workbook`)."""
    from ._workbook import import_workbook

    return import_workbook(*args, **kwargs)


def read_workbook(*args, **kwargs):
    """A filled 自评表 workbook or CSV, read (see :mod:`._workbook`); loaded only when asked for."""
    from ._workbook import read_workbook

    return read_workbook(*args, **kwargs)


__all__ = [
    "EVALUATION",
    "INDICATOR_SET",
    "OTHER",
    "POLICY",
    "IndicatorSet",
    "discover",
    "import_workbook",
    "kind_of",
    "load_evaluation",
    "load_policy",
    "not_an_evaluation",
    "read_document",
    "read_indicator_set",
    "read_workbook",
]
