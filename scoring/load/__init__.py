"""Reading files: TOML text → validated model, every problem with its place."""

from ._evaluation import WORKBOOK_SUFFIXES, IndicatorSet, load_evaluation, read_indicator_set
from ._kinds import (
    EVALUATION,
    INDICATOR_SET,
    OTHER,
    POLICY,
    SPECIAL,
    FileKind,
    discover,
    kind_of,
    not_an_evaluation,
)
from ._policy import load_policy
from ._toml import read_document

__all__ = [
    "EVALUATION",
    "INDICATOR_SET",
    "OTHER",
    "POLICY",
    "SPECIAL",
    "FileKind",
    "IndicatorSet",
    "discover",
    "kind_of",
    "load_evaluation",
    "load_policy",
    "not_an_evaluation",
    "read_document",
    "read_indicator_set",
    "WORKBOOK_SUFFIXES",
]
