"""scoring: exact, explainable scoring of 预算绩效自评 (budget performance self-evaluations).

    >>> from scoring import score_file
    >>> result = score_file("evaluations/2023.toml")
    >>> result.score, result.grade
    (Decimal('97.14'), '优')
"""

from .api import score_file
from .engine import EvaluationResult, SubjectResult, score_evaluation
from .errors import InputError, Problem
from .findings import CODES, Finding
from .load import load_evaluation, load_policy
from .model import Comparator, Evaluation, Indicator, Outcome, Subject
from .policy import Policy

__all__ = [
    "CODES",
    "Comparator",
    "Evaluation",
    "EvaluationResult",
    "Finding",
    "Indicator",
    "InputError",
    "Outcome",
    "Policy",
    "Problem",
    "Subject",
    "SubjectResult",
    "load_evaluation",
    "load_policy",
    "score_evaluation",
    "score_file",
]
