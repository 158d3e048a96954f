"""The words a 自评表 is read by: ``scoring/vocabulary.toml``, and a bureau's own additions.

Every header, label, title word and row kind the workbook reader knows is
spelled in that one data file, and matched after one normalisation
(:func:`bare` for words, :func:`flat` for row patterns). A bureau that meets a
header we have not (``全年完成值``) adds it in a file of the same shape, given
with ``--vocabulary``; nothing in the code changes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomli
from attrs import frozen

from ...errors import InputError, Problem, display_path
from ...i18n import join, t
from ...wording import NAMES
from .._targets import fold
from ._labels import label

BUILTIN = Path(__file__).resolve().parents[2] / "vocabulary.toml"

SECTIONS: dict[str, tuple[str, ...]] = {
    "columns": ("level1", "level2", "name", "comparator", "target", "adjusted", "unit", "actual", "weight", "score", "reason",
                "claimed", "id", "formula"),
    "title": ("name", "unit_name", "department", "agency", "id", "year"),
    "subject": ("overall",),
    "budget.columns": ("initial", "full_year", "executed", "received", "points", "rate", "score", "claimed"),
    "budget.blocks": ("ten_hao", "provincial"),
    "budget.lines": ("total", "part"),
    "rows": ("total", "subtotal", "grade", "goal"),
    "rows.patterns": ("placeholder", "group", "breakdown", "footer"),
}
"""Every list the file may hold, by its dotted table; a word list each, or patterns under ``rows.patterns``."""

MAX_WORDS = 2000
"""A vocabulary file holds at most this many words and patterns: more is no vocabulary."""
MAX_PATTERN = 200
"""The longest pattern: a row kind is told by a short shape, never a long expression."""

_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)  # tables repeat the same few labels thousands of times
def bare(text: str) -> str:
    """A header or label as words are matched: spaces and line breaks removed, full-width folded,
    every bracketed mark set aside (``全年预算数（A）`` → 全年预算数, ``成本\\n指标`` → 成本指标)."""
    return _BRACKETS.sub("", label(text).text if text else "").strip()


@functools.lru_cache(maxsize=4096)
def flat(text: str) -> str:
    """A cell as row patterns see it: spaces and line breaks removed and full-width folded, brackets
    kept (``（一）组织管理`` is a group heading by its brackets)."""
    return _SPACES.sub("", fold(text)) if text else ""


@frozen
class Vocabulary:
    """The word lists, normalised, and the lookups built from them."""

    words: dict[str, tuple[str, ...]]
    """``"columns.target"`` → its words, best first."""
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    files: tuple[str, ...]
    """The files the vocabulary was read from, built-in first."""

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self.words[key]

    def has(self, key: str, text: str) -> bool:
        """Whether ``text`` (as printed) is one of the words of ``key``."""
        return bare(text) in self._sets[key]

    def key_of(self, section: str, text: str) -> tuple[str, int] | None:
        """The list of ``section`` (``columns``, ``budget.columns``, ``title``) whose word ``text`` is, and
        the word's rank in it; None when no list has it."""
        return self._index[section].get(bare(text))

    def kind_of(self, kind: str, text: str) -> bool:
        """Whether a cell's text has the shape of row kind ``kind`` (``placeholder``, ``footer``, …)."""
        cell = flat(text)
        return bool(cell) and any(p.fullmatch(cell) for p in self.patterns[kind])

    @functools.cached_property
    def _sets(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self.words.items()}

    @functools.cached_property
    def _index(self) -> dict[str, dict[str, tuple[str, int]]]:
        out: dict[str, dict[str, tuple[str, int]]] = {}
        for dotted, words in self.words.items():
            section, key = dotted.rsplit(".", 1)
            index = out.setdefault(section, {})
            for rank, word in enumerate(words):
                index.setdefault(word, (key, rank))  # a word two lists share belongs to the first
        return out


def load_vocabulary(path: Path | str | None = None) -> Vocabulary:
    """The built-in vocabulary, with the words of the bureau's file ``path`` added; a file that is not a
    vocabulary is an :class:`InputError` naming each problem."""
    return _load(str(Path(path).resolve()) if path is not None else None)


@functools.lru_cache(maxsize=8)
def _load(path: str | None) -> Vocabulary:
    lists = _read(BUILTIN, "scoring/vocabulary.toml")
    files = [display_path(BUILTIN)]
    if path is not None:
        extra = _read(Path(path), display_path(Path(path)))
        for key, values in extra.items():
            lists[key] = lists[key] + tuple(v for v in values if v not in lists[key])
        files.append(display_path(Path(path)))
    words = {k: tuple(dict.fromkeys(bare(v) for v in vs)) for k, vs in lists.items() if not k.startswith("rows.patterns.")}
    patterns = {k.rsplit(".", 1)[1]: tuple(re.compile(v) for v in vs) for k, vs in lists.items() if k.startswith("rows.patterns.")}
    return Vocabulary(words, patterns, tuple(files))


def _read(path: Path, shown: str) -> dict[str, tuple[str, ...]]:
    """The lists of one vocabulary file, checked: known tables and keys, lists of short strings,
    patterns that compile. Every problem is named at once."""
    try:
        data = tomli.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError([Problem(shown, "", t('可读的词表文件', 'a readable vocabulary file'), exc.strerror or str(exc))]) from None
    except (UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        raise InputError([Problem(shown, "", t('UTF-8 编码的 TOML 词表文件', 'a vocabulary file in UTF-8 TOML'), str(exc)[:200])]) from None
    problems: list[Problem] = []

    def bad(place: str, expected: Any, found: Any) -> None:
        problems.append(Problem(shown, place, expected, found))

    out = {place: tuple(values) for place, values in _lists(data, bad)}
    tops = tuple(dict.fromkeys(s.split(".")[0] for s in SECTIONS))
    for key in data:
        if key not in tops:
            bad(key, t('词表的表：{v}', 'a table of the vocabulary: {v}', v=join(NAMES, tops)), key)
    if (count := sum(len(v) for v in out.values())) > MAX_WORDS:
        bad("", t('至多 {n} 个词', 'at most {n} words', n=MAX_WORDS), str(count))
    if problems:
        raise InputError(problems)
    if path == BUILTIN:
        for section, keys in SECTIONS.items():
            for key in keys:
                out.setdefault(f"{section}.{key}", ())
    return out


def _lists(data: dict, bad) -> Iterator[tuple[str, list[str]]]:
    """Each well-formed list of the file, as (``section.key``, words); each ill-formed one told to ``bad``."""
    for section, keys in SECTIONS.items():
        table: Any = data
        for part in section.split("."):
            table = table.get(part, {}) if isinstance(table, dict) else {}
        for key, values in table.items() if isinstance(table, dict) else ():
            place = f"{section}.{key}"
            if place in SECTIONS:
                continue  # a table of its own (budget.columns under budget)
            if key not in keys:
                bad(place, t('已知的键：{keys}', 'one of the keys {keys}', keys=join(NAMES, keys)), key)
            elif not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                bad(place, t('非空字符串的列表', 'a list of non-empty strings'), type(values).__name__)
            elif section != "rows.patterns" or _patterns_ok(values, place, bad):
                yield place, values


def _patterns_ok(values: list[str], place: str, bad) -> bool:
    ok = True
    for i, pattern in enumerate(values):
        if len(pattern) > MAX_PATTERN:
            bad(f"{place}[{i}]", t('至多 {n} 个字符的正则表达式', 'a pattern of at most {n} characters', n=MAX_PATTERN), str(len(pattern)))
            ok = False
            continue
        try:
            re.compile(pattern)
        except re.error as exc:
            bad(f"{place}[{i}]", t('正则表达式', 'a regular expression'), f"{pattern}（{exc}）")
            ok = False
    return ok
