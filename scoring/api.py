"""The library's front door: a file in, a scored result out."""

from __future__ import annotations

from pathlib import Path

from .engine import EvaluationResult, score_evaluation
from .load import load_evaluation


def score_file(path: Path | str, *, default_policy: str | None = None) -> EvaluationResult:
    """Load, check and score one evaluation file (raises :class:`~scoring.errors.InputError`).

    ``default_policy`` scores a file that names no policy of its own."""
    return score_evaluation(load_evaluation(path, default_policy=default_policy))
