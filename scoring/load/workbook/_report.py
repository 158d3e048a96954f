"""Where a workbook's values were found, and what was left unread.

Every import says where it found each part of each table (the indicator
rows, the budget block, the money unit, the claims column, the total), and
lists every cell with content that was not used, with the reason. ``score
BOOK.xlsx --explain`` prints this report, the JSON result carries it, and
``score import`` writes it at the top of the evaluation file.
"""

from __future__ import annotations

from attrs import define, field

from ...i18n import tr


@define
class Part:
    sheet: str
    what: str
    """In Chinese: 指标表, 项目资金, 金额单位, 自评得分列, 总分, …"""
    where: str
    """A cell (``C12``) or a range (``A9:J17``)."""
    detail: str = ""


@define
class Unused:
    sheet: str
    cell: str
    text: str
    reason: str


@define
class ReadReport:
    """What the reader took from a workbook, and from where."""

    file: str
    encoding: str | None = None
    """For a CSV file: the encoding it was decoded with."""
    parts: list[Part] = field(factory=list)
    unused: list[Unused] = field(factory=list)
    notes: list[str] = field(factory=list)
    """Choices the reader made that a reviewer should know of (also raised as findings)."""

    def lines(self) -> list[str]:
        """The report as text lines, in the current language."""
        out = [tr(f"读入 {self.file}", f"read {self.file}") + (tr(f"（编码 {self.encoding}）", f" (encoding {self.encoding})")
                                                             if self.encoding else "")]
        for p in self.parts:
            detail = f"：{p.detail}" if p.detail else ""
            out.append(f"  {tr('工作表', 'sheet')}「{p.sheet}」{p.where}　{p.what}{detail}")
        for note in self.notes:
            out.append(f"  {tr('注意', 'note')}{tr('：', ': ')}{note}")
        if self.unused:
            out.append(tr(f"  未使用的单元格（{len(self.unused)} 个）：", f"  cells not used ({len(self.unused)}):"))
            for u in self.unused:
                text = " ".join(u.text.split())
                text = text if len(text) <= 30 else text[:30] + "…"
                out.append(f"    {tr('工作表', 'sheet')}「{u.sheet}」{u.cell} \"{text}\"：{u.reason}")
        return out

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "encoding": self.encoding,
            "parts": [{"sheet": p.sheet, "what": p.what, "where": p.where, "detail": p.detail} for p in self.parts],
            "unused": [{"sheet": u.sheet, "cell": u.cell, "text": u.text, "reason": u.reason} for u in self.unused],
            "notes": list(self.notes),
        }
