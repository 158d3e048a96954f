"""Where a workbook's values were found, and what was left unread.

Every import says where it found each part of each table (the indicator
rows, the budget block, the money unit, the claims column, the total), and
lists every cell with content that was not used, with the reason. ``score
BOOK.xlsx --explain`` prints this report, the JSON result carries it, and
``score import`` writes it at the top of the evaluation file.
"""

from __future__ import annotations

from attrs import define, field

from ...i18n import Text, t, word
from ...safe import shown


@define
class Part:
    sheet: str
    what: Text | str
    """指标表, 项目资金, 金额单位, 自评得分列, 总分, …"""
    where: str
    """A cell (``C12``) or a range (``A9:J17``)."""
    detail: Text | str = ""


@define
class Unused:
    sheet: str
    cell: str
    text: str
    reason: Text | str


@define
class Skipped:
    """A row under an indicator header that is not an indicator, and what it is."""

    sheet: str
    row: int
    """The row's number as Excel shows it."""
    kind: Text | str
    """表样占位行, 分组标题行, 上一行的细分, 表下说明."""
    cells: tuple[str, ...]


@define
class ReadReport:
    """What the reader took from a workbook, and from where."""

    file: str
    encoding: str | None = None
    """For a CSV file: the encoding it was decoded with."""
    parts: list[Part] = field(factory=list)
    unused: list[Unused] = field(factory=list)
    skipped: list[Skipped] = field(factory=list)
    """Rows of indicator tables that are not indicators, each with its kind: none is dropped unseen."""
    notes: list[Text] = field(factory=list)
    """Choices the reader made that a reviewer should know of (a money unit, a name cut from the
    date written after it); one that changes a figure scored (a budget read from a 其中 row) is also
    raised as a finding."""

    def lines(self, lang: str) -> list[str]:
        """The report as text lines, worded in ``lang``."""
        sheet, colon = ("sheet ", ": ") if lang == "en" else ("工作表", "：")
        out = [word(t("读入 {file}", "read {file}", file=self.file), lang)
               + (word(t("（编码 {encoding}）", " (encoding {encoding})", encoding=self.encoding), lang) if self.encoding else "")]
        for p in self.parts:
            detail = f"{colon}{word(p.detail, lang)}" if p.detail else ""
            out.append(shown(f"  {sheet}「{p.sheet}」{p.where}　{word(p.what, lang)}{detail}"))
        for note in self.notes:
            out.append(f"  {word(t('注意', 'note'), lang)}{colon}{word(note, lang)}")
        if self.skipped:
            out.append(word(t("  不计分的行（{n} 行）：", "  rows not scored ({n}):", n=len(self.skipped)), lang))
            for s in self.skipped:
                cells = " | ".join(" ".join(c.split())[:30] for c in s.cells)
                out.append(shown(f"    {sheet}「{s.sheet}」{word(t('第 {n} 行', 'row {n}', n=s.row), lang)}{colon}{word(s.kind, lang)}{colon}{cells}"))
        if self.unused:
            out.append(word(t("  未使用的单元格（{n} 个）：", "  cells not used ({n}):", n=len(self.unused)), lang))
            for u in self.unused:
                text = " ".join(u.text.split())
                text = text if len(text) <= 30 else text[:30] + "…"
                out.append(shown(f"    {sheet}「{u.sheet}」{u.cell} \"{text}\"{colon}{word(u.reason, lang)}"))
        return out

    def as_dict(self, lang: str) -> dict:
        return {
            "file": self.file,
            "encoding": self.encoding,
            "parts": [{"sheet": p.sheet, "what": word(p.what, lang), "where": p.where, "detail": word(p.detail, lang)} for p in self.parts],
            "unused": [{"sheet": u.sheet, "cell": u.cell, "text": u.text, "reason": word(u.reason, lang)} for u in self.unused],
            "notes": [word(note, lang) for note in self.notes],
            "skipped": [{"sheet": s.sheet, "row": s.row, "kind": word(s.kind, lang), "cells": list(s.cells)} for s in self.skipped],
        }
