"""How published tables write comparators, targets and actuals.

``"≥95%"``, ``"98%以上"``, ``"不少于3个"``, ``"≤22.58万元"``, ``"１２月"``:
each is split into a comparator, an exact number and a unit. Full-width
characters are folded first (NFKC), so ``＞＝`` and ``９５％`` read as
``>=`` and ``95%``. Tables repeat the same few spellings thousands of times,
so each reading is cached.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from attrs import frozen

from ..limits import number_in_bounds
from ..model import Comparator

C = Comparator

SYMBOLS: dict[str, Comparator] = {
    "≥": C.AT_LEAST, ">=": C.AT_LEAST, "≧": C.AT_LEAST, "=>": C.AT_LEAST,
    "≤": C.AT_MOST, "<=": C.AT_MOST, "≦": C.AT_MOST, "=<": C.AT_MOST,
    "=": C.EQUAL, "==": C.EQUAL, "═": C.EQUAL, "﹦": C.EQUAL, "＝": C.EQUAL,
    ">": C.MORE_THAN, "<": C.LESS_THAN,
    "定性": C.QUALITATIVE,
    "正向": C.AT_LEAST, "正向指标": C.AT_LEAST, "反向": C.AT_MOST, "反向指标": C.AT_MOST,
}  # fmt: skip
"""Every spelling accepted in ``comparator`` (after NFKC folding)."""

QUANTITATIVE_WORDS = ("定量", "定量指标")
"""What a 指标性质 column writes for a numeric row without saying which way: no comparator given."""

PREFIXES: dict[str, Comparator] = {
    "不少于": C.AT_LEAST, "不低于": C.AT_LEAST, "不小于": C.AT_LEAST, "大于等于": C.AT_LEAST, "大于或等于": C.AT_LEAST,
    "不高于": C.AT_MOST, "不超过": C.AT_MOST, "不大于": C.AT_MOST, "不多于": C.AT_MOST,
    "小于等于": C.AT_MOST, "小于或等于": C.AT_MOST,
    "等于": C.EQUAL, "大于": C.MORE_THAN, "高于": C.MORE_THAN, "小于": C.LESS_THAN, "低于": C.LESS_THAN,
}  # fmt: skip
SUFFIXES: dict[str, Comparator] = {"以上": C.AT_LEAST, "以下": C.AT_MOST, "以内": C.AT_MOST}

_ALL_WORDS = sorted(list(SYMBOLS) + list(PREFIXES), key=len, reverse=True)
_PREFIX = "|".join(re.escape(w) for w in _ALL_WORDS if not ("定性" in w or "向" in w))
_SUFFIX = "|".join(re.escape(w) for w in SUFFIXES)
_QUANTITY = re.compile(
    rf"^(?P<cmp>{_PREFIX})?\s*(?P<num>[+-]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)\s*"
    rf"(?P<unit>[^\d\s.,+\-][^\d]*?)??\s*(?P<suffix>{_SUFFIX})?$"
)


MAX_QUANTITY = 64
"""The longest text read as a quantity (``"不少于1,000,000.00万元"`` is 16): longer text is not one,
and the pattern is never run on it (it backtracks on long runs of spaces)."""
MAX_LABEL = 200
"""The longest label searched for a ``(N分)`` suffix or a unit in brackets."""
_RUNS = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Full-width to half-width (NFKC), trimmed; ``═`` and ``≧`` survive as themselves."""
    return unicodedata.normalize("NFKC", text).strip()


@functools.lru_cache(maxsize=1024)
def comparator(text: str) -> Comparator | None:
    """The comparator a ``comparator`` value spells, or None."""
    folded = fold(text)
    return SYMBOLS.get(folded) or SYMBOLS.get(text.strip()) or PREFIXES.get(folded) or SUFFIXES.get(folded)


@frozen(repr=False, eq=False, slots=False)  # read, never compared: no generated methods but __init__
class Quantity:
    """A number as a table writes it: ``≥95%`` → (≥, 95, %)."""

    number: Decimal
    unit: str | None = None
    comparator: Comparator | None = None
    in_bounds: bool = True
    """Whether the number is one the engine computes with (:func:`~scoring.limits.number_in_bounds`),
    worked out once with the cached reading."""


@functools.lru_cache(maxsize=4096)
def quantity(text: str) -> Quantity | None:
    """Split ``"≥95%"``, ``"98%以上"``, ``"不少于3个"``; None when the text is not a quantity."""
    folded = _RUNS.sub(" ", fold(text))
    if len(folded) > MAX_QUANTITY:  # no target or actual is this long: text, not a quantity
        return None
    m = _QUANTITY.match(folded)
    if not m:
        return None
    try:
        number = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    cmp_word, suffix = m.group("cmp"), m.group("suffix")
    if cmp_word and suffix:
        return None
    cmp = None
    if cmp_word:
        cmp = SYMBOLS.get(cmp_word) or PREFIXES.get(cmp_word)
    elif suffix:
        cmp = SUFFIXES[suffix]
    unit = (m.group("unit") or "").strip() or None
    return Quantity(number, unit, cmp, number_in_bounds(number))


_POINTS_SUFFIX = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_UNIT_IN_NAME = re.compile(r"[(（]\s*([^()（）\d\s]{1,5})\s*[)）]\s*$")
_NOT_TEXT = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1024)
def label_points(label: str) -> tuple[str, Decimal | None]:
    """``产出指标(60分)`` → (``产出指标``, 60): a block's label and the points its suffix gives."""
    folded = fold(label)
    m = _POINTS_SUFFIX.search(folded) if len(folded) <= MAX_LABEL else None
    if not m:
        return label.strip(), None
    return folded[: m.start()].strip(), Decimal(m.group(1))


def unit_in_name(name: str) -> str | None:
    """``服务外包在岸(万美元)`` → ``万美元``: a unit printed in brackets at the end of a name."""
    folded = fold(name)
    m = _UNIT_IN_NAME.search(folded) if len(folded) <= MAX_LABEL else None
    return m.group(1) if m and not m.group(1).endswith("分") else None


def same_words(a: str, b: str) -> bool:
    """Whether two texts say the same words, whatever their punctuation, spacing or width."""
    return _NOT_TEXT.sub("", fold(a)) == _NOT_TEXT.sub("", fold(b)) != ""
