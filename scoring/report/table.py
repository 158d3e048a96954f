"""The terminal report: one 自评表 per subject, then the result and the findings.

Plain text, lined up for Chinese; bold and colour only on a terminal and
never with NO_COLOR set.
"""

from __future__ import annotations

from typing import TextIO

from ..engine import EvaluationResult
from ..findings import severity_name
from ..i18n import word
from ..safe import shown
from ..wording import filled
from . import words
from ._text import Style, table
from ._view import funds, headline, subject_rows, subject_title

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
REASON_WIDTH = 40


def render(result: EvaluationResult, out: TextIO, lang: str) -> None:
    paint = Style(out)
    d = result.policy.rounding.decimals
    lines: list[str] = []
    for s in result.subjects:
        lines.append(paint(shown(subject_title(s, d, lang)), "bold"))
        cells = funds(s, result.evaluation.money_unit, lang)
        if cells:
            lines.append("  " + shown("　".join(f"{k} {v}" for k, v in cells)))
        rows = subject_rows(s, result.policy.rounding, lang)
        claimed = any(r.claimed for r in rows if r.kind == "line")
        headers = words.worded(words.SUBJECT_HEADERS, lang)
        align = ["left", "left", "left", "right", "right", "right", "right"]
        if claimed:
            headers.append(words.CLAIMED_SCORE.word(lang))
            align.append("right")
        headers.append(words.REASON.word(lang))
        align.append("left")
        body, styles, breaks = [], [], []
        previous = None
        for r in rows:
            if r.kind == "line":
                cells_ = [r.level1 if r.level1 != previous else "", r.level2, r.name, r.target, r.actual, r.weight, r.score]
                previous = r.level1
            else:
                previous = None
                label = f"{r.level1} {r.name}".strip() if r.kind == "subtotal" else r.name
                cells_ = [label, "", "", "", r.actual, r.weight, r.score]
            if claimed:
                cells_.append(r.claimed)
            cells_.append(r.reason)
            body.append(cells_)
            styles.append({"total": "bold", "subtotal": "dim"}.get(r.kind))
            if r.kind in ("subtotal", "budget"):
                breaks.append(len(body) - 1)
        lines += [("  " + line if line else "") for line in table(headers, body, align, limits={len(headers) - 1: REASON_WIDTH},
                                                  rule_after=breaks, styles=styles, paint=paint)]
        if s.subject.claimed is not None:
            c = s.subject.claimed
            said = " ".join(x for x in (str(c.score) if c.score is not None else "", c.grade or "") if x)
            lines.append(shown(filled(words.SAID, said=said).word(lang)))
        lines.append("")
    lines.append(paint(shown(headline(result, lang)), "bold"))
    lines.append(f"  {word(result.rollup.formula, lang)}")
    lines.append(filled(words.POLICY_SHORT, id=result.policy.id, sha256=result.policy.sha256[:12]).word(lang))
    lines += findings_lines(result, paint, lang)
    out.write("\n".join(lines) + "\n")


def findings_lines(result: EvaluationResult, paint: Style, lang: str) -> list[str]:
    if not result.findings:
        return ["  " + words.NO_FINDINGS.word(lang)]
    lines = ["", paint(filled(words.FINDINGS_COUNT, n=len(result.findings)).word(lang), "bold")]
    for f in result.findings:
        lines.append("  " + paint(f"[{severity_name(f.severity, lang)}] {f.code}", SEVERITY_STYLE[f.severity]) + f"  {f.word(lang)}")
    return lines
