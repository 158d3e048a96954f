"""How published tables write comparators, targets and actuals.

``"≥95%"``, ``"98%以上"``, ``"不少于3个"``, ``"≤22.58万元"``, ``"１２月"``:
each is split into a comparator, an exact number and a unit. Full-width
characters are folded first (NFKC), so ``＞＝`` and ``９５％`` read as
``>=`` and ``95%``. Tables repeat the same few spellings thousands of times,
so each reading is cached.
"""

from __future__ import annotations

import calendar
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


# -- deadlines and dates (时效指标) ------------------------------------------------

MONTH_UNIT = "月"
"""The unit a deadline is read in: months counted from January of the table's year."""

_CHINESE_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                   "十一": 11, "十二": 12}
_BY = r"(?P<by>前|之前|以前)?"
_WRITTEN_MONTH = re.compile(r"^(?:(?P<year>\d{4})年)?(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?"
                            rf"(?:(?P<end>底|末)|(?P<day>\d{{1,2}})[日号])?{_BY}$")
_WRITTEN_YEAR_END = re.compile(rf"^(?:(?P<year>\d{{4}})年|本年|当年|年)度?(?:年?(?P<end>底|末){_BY}|(?P<within>内))$")
_FIGURES = re.compile(r"^(?P<year>\d{4})(?P<sep>[./-])(?P<month>\d{1,2})(?:(?P=sep)(?P<day>\d{1,2}))?$")
_BLANKS = re.compile(r"\s+")


@frozen(repr=False, eq=False, slots=False)
class Dated:
    """A month as a table writes a deadline or a date: ``9月前``, ``年底前``, ``2024年3月``, ``2023.9``."""

    month: int
    """1–12, as written (``年底`` is 12)."""
    year: int | None = None
    """The year, where it is written."""
    by: bool = False
    """Written as a deadline: ``前``, ``之前``, ``以前``, ``年内``."""
    end: bool = False
    """Written as the end of the month or the year: ``底``, ``末``, or the month's last day (``12月31日``)."""
    day: int | None = None
    figures: bool = False
    """Written in figures only: ``2023.9``, ``2023-09``, ``2023/9/30``."""
    ambiguous: bool = False
    """``2023.1``: January, or October whose ``0`` a spreadsheet number dropped (``2023.10`` → 2023.1)."""

    @property
    def deadline(self) -> bool:
        """Whether a target written so is a deadline, ≤ this month: ``9月前``, ``9月底``, ``年底``,
        ``2023年9月``. Not a bare ``9月`` (a number of months, as it always was), a date in figures, or
        a day that is not the month's last (``11月15日前`` is no month's end)."""
        return not self.figures and (self.by or self.end or self.year is not None) and (self.day is None or self.end)

    def counted_from(self, year: int | None) -> int:
        """The month counted from January of ``year``, the table's: ``2024年3月`` in a 2023 table is 15,
        ``2022年11月`` is −1. With no year written (or no table's year known), the month as written."""
        if self.year is None or year is None:
            return self.month
        return self.month + 12 * (self.year - year)


@functools.lru_cache(maxsize=1024)
def dated(text: str) -> Dated | None:
    """``"9月前"``, ``"年底前"``, ``"2023年9月30日"``, ``"2023.9"`` read as a month; None when the text is
    not one, or names a month or a day that does not exist."""
    folded = _BLANKS.sub("", fold(text))
    if len(folded) > MAX_QUANTITY:
        return None
    if m := _WRITTEN_YEAR_END.match(folded):
        year = int(m.group("year")) if m.group("year") else None
        return Dated(12, year, by=bool(m.group("by") or m.group("within")), end=bool(m.group("end")))
    m = _WRITTEN_MONTH.match(folded) or _FIGURES.match(folded)
    if not m:
        return None
    groups = m.groupdict()
    written = groups["month"]
    month = int(written) if written.isdigit() else _CHINESE_MONTHS[written]
    year = int(groups["year"]) if groups["year"] else None
    day = int(groups["day"]) if groups["day"] else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= _last_day(year, month)):
        return None
    # 2月28日 with no year written is February's end too: the table's year is not known here.
    last = day is not None and day >= (_last_day(year, month) if year is not None or month != 2 else 28)
    dotted = groups.get("sep") == "."
    return Dated(month, year, by=bool(groups.get("by")), end=bool(groups.get("end")) or last, day=day,
                 figures="sep" in groups, ambiguous=dotted and day is None and written == "1")


def _last_day(year: int | None, month: int) -> int:
    """The month's last day; February's is the 29th when no year says otherwise."""
    if month == 2:
        return 29 if year is None or calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31
