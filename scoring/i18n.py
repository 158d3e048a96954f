"""Message language: Chinese first, English on request.

Every user-facing sentence is written once in both languages at the place it
is produced, as ``tr("中文", "English")``. The CLI chooses the language
(``--lang`` or ``SCORING_LANG``) before anything is loaded, so problems and
findings are worded in it from the start.
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")

_current = "en" if os.environ.get("SCORING_LANG", "").lower().startswith("en") else "zh"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    _current = lang


def language() -> str:
    return _current


def tr(zh: str, en: str) -> str:
    """The sentence in the current language."""
    return en if _current == "en" else zh
