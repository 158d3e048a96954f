"""Reading files: TOML text → validated model, every problem with its place."""

from typing import TYPE_CHECKING, Any

from ._evaluation import WORKBOOK_SUFFIXES, load_evaluation
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
    submissions,
)
from ._policy import load_policy
from ._toml import read_document

if TYPE_CHECKING:
    from ._sets import IndicatorSet, read_indicator_set


def __getattr__(name: str) -> Any:
    """Indicator sets are read by the full loader and its checks: imported when first asked for."""
    if name in ("IndicatorSet", "read_indicator_set"):
        from . import _sets

        return getattr(_sets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

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
    "submissions",
    "WORKBOOK_SUFFIXES",
]
