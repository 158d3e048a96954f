"""Words, worded late: every sentence is data until a report writes it.

The engine and the loaders say what they found as :class:`Text` values: a
template in each language and the parameters to fill in. Nothing is worded
until output, where the caller says which language (``--lang`` or
``SCORING_LANG``, read by the CLI). So results are language-free, a batch
worker needs no language, and user text is only ever a parameter, never a
template: ``{}`` in a target is just two characters.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from .safe import shown

LANGUAGES = ("zh", "en")
DEFAULT = "zh"


def language_from_environment() -> str:
    """``SCORING_LANG=en`` (or ``en_US``…) chooses English; anything else, Chinese."""
    return "en" if os.environ.get("SCORING_LANG", "").lower().startswith("en") else DEFAULT


class Text:
    """A sentence not yet worded: a template per language and its parameters.

    Parameters may be Texts themselves; they are worded in the same language."""

    __slots__ = ("zh", "en", "params", "_last")

    def __init__(self, zh: str, en: str, params: tuple[tuple[str, Any], ...] = ()):
        self.zh = zh
        self.en = en
        self.params = params
        self._last: tuple[str, str] | None = None

    def word(self, lang: str) -> str:
        """The sentence in ``lang``. A parameter that is text from a file is shown with its control
        characters written out: it cannot clear a screen or start a line of its own."""
        template = self.en if lang == "en" else self.zh
        if not self.params and "{" not in template:
            return template
        last = self._last  # a formula is worded twice, alone and inside its finding's message
        if last is not None and last[0] == lang:
            return last[1]
        worded = template.format_map({k: v.word(lang) if isinstance(v, Text) else shown(v) if isinstance(v, str) else v
                                      for k, v in self.params})
        self._last = (lang, worded)
        return worded

    def __add__(self, other: Any) -> Text:
        return concat(self, other)

    def __radd__(self, other: Any) -> Text:
        return concat(other, self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.zh, self.en, self.params) == (other.zh, other.en, other.params)

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def __reduce__(self):
        return (Text, (self.zh, self.en, self.params))

    def __repr__(self) -> str:
        return f"Text({self.word(DEFAULT)!r})"

    def __str__(self) -> str:
        """The Chinese wording, for debugging and exceptions; reports call :meth:`word`."""
        return self.word(DEFAULT)


Words = Text | str
"""A message a function accepts: a Text to be worded later, or text that needs no wording."""


def t(zh: str, en: str, /, **params: Any) -> Text:
    """A sentence in both languages, ``{name}`` marking where each parameter goes."""
    return Text(zh, en, tuple(params.items()))


def filled(template: Text, /, **params: Any) -> Text:
    """A sentence declared once (a catalogue's template) with its parameters, not yet worded."""
    return Text(template.zh, template.en, tuple(params.items()))


def word(value: Any, lang: str) -> str:
    """A Text worded in ``lang``; anything else as text."""
    if isinstance(value, Text):
        return value.word(lang)
    return "" if value is None else str(value)



def concat(*parts: Any) -> Text:
    """Parts worded one after another."""
    names = tuple((f"p{i}", part) for i, part in enumerate(parts))
    template = "".join(f"{{{name}}}" for name, _ in names)
    return Text(template, template, names)


def join(separator: Any, parts: Iterable[Any]) -> Text:
    """Parts worded and joined by ``separator`` (itself a Text or plain text)."""
    items: list[Any] = []
    for i, part in enumerate(parts):
        if i:
            items.append(separator)
        items.append(part)
    return concat(*items)


__all__ = ["DEFAULT", "LANGUAGES", "Text", "Words", "concat", "filled", "join", "language_from_environment", "t", "word"]
