"""Reading files: TOML text → validated model, every problem with its place."""

from ._evaluation import IndicatorSet, load_evaluation, read_indicator_set
from ._policy import load_policy
from ._toml import read_document

__all__ = ["IndicatorSet", "load_evaluation", "load_policy", "read_document", "read_indicator_set"]
