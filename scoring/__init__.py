"""scoring: exact, explainable scoring of 预算绩效自评 (budget performance self-evaluations).

    >>> from scoring import score_file
    >>> result = score_file("evaluations/2023.toml")
    >>> result.score, result.grade
    (Decimal('97.14'), '优')

The front door: :func:`score_file` (a TOML evaluation or a 自评表 workbook),
:func:`score_batch` (a bureau's folder), :func:`render_result` and
:func:`render_batch` (every output format, in the language given), and
:func:`import_workbook` (a workbook written as an evaluation file).
"""

__version__ = "0.2.0"

from .api import import_workbook, render_batch, render_result, score_batch, score_file
from .engine import EvaluationResult, SubjectResult, score_evaluation
from .errors import InputError, Problem
from .findings import CATALOGUE, Finding, FindingCode, Severity
from .i18n import Text
from .load import load_evaluation, load_policy
from .model import Comparator, Evaluation, Indicator, Outcome, Subject, SubjectKind
from .policy import Policy
from .rules import Rule

__all__ = [
    "CATALOGUE",
    "Comparator",
    "Evaluation",
    "EvaluationResult",
    "Finding",
    "FindingCode",
    "Indicator",
    "InputError",
    "Outcome",
    "Policy",
    "Problem",
    "Rule",
    "Severity",
    "Subject",
    "SubjectKind",
    "SubjectResult",
    "Text",
    "__version__",
    "import_workbook",
    "load_evaluation",
    "load_policy",
    "render_batch",
    "render_result",
    "score_batch",
    "score_evaluation",
    "score_file",
]
