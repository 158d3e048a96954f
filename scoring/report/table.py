"""The terminal report: one 自评表 per subject, then the result and the findings.

Colour only on a terminal; NO_COLOR is honoured (rich does both). Piped
output is plain text, wide enough not to wrap the Chinese columns.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine import EvaluationResult
from ..i18n import tr
from ._view import funds, headline, subject_rows, subject_title

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def console(stream: TextIO | None = None) -> Console:
    stream = stream or sys.stdout
    terminal = stream.isatty()
    width = None if terminal else int(os.environ.get("COLUMNS", "0") or 0) or 200
    return Console(file=stream, width=width, no_color=not terminal or "NO_COLOR" in os.environ,
                   highlight=False, emoji=False, soft_wrap=False)


def render(result: EvaluationResult, out: Console) -> None:
    d = result.policy.rounding.decimals
    for s in result.subjects:
        out.print(Text(subject_title(s, d), style="bold"))
        cells = funds(s, result.evaluation.money_unit)
        if cells:
            out.print("  " + "　".join(f"{k} {v}" for k, v in cells))
        rows = subject_rows(s, d)
        claimed = any(r.claimed for r in rows if r.kind == "line")
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for name, justify in (
            (tr("一级指标", "level 1"), "left"),
            (tr("二级指标", "level 2"), "left"),
            (tr("三级指标", "indicator"), "left"),
            (tr("指标值", "target"), "right"),
            (tr("实际完成值", "actual"), "right"),
            (tr("分值", "points"), "right"),
            (tr("得分", "score"), "right"),
        ):
            t.add_column(name, justify=justify)
        if claimed:
            t.add_column(tr("自评得分", "claimed"), justify="right")
        t.add_column(tr("偏差原因", "reason"), overflow="fold", max_width=40)
        previous_level = None
        for r in rows:
            if r.kind == "line":
                level = r.level1 if r.level1 != previous_level else ""
                previous_level = r.level1
                cells_ = [level, r.level2, r.name, r.target, r.actual, r.weight, r.score]
                style = None
            else:
                previous_level = None
                label = f"{r.level1} {r.name}".strip() if r.kind == "subtotal" else r.name
                cells_ = [label, "", "", "", r.actual, r.weight, r.score]
                style = "bold" if r.kind == "total" else "dim" if r.kind == "subtotal" else None
            if claimed:
                cells_.append(r.claimed)
            cells_.append(r.reason)
            t.add_row(*cells_, style=style, end_section=r.kind in ("subtotal", "budget"))
        out.print(t)
        if s.subject.claimed is not None:
            c = s.subject.claimed
            said = " ".join(x for x in (str(c.score) if c.score is not None else "", c.grade or "") if x)
            out.print(tr(f"  自评：{said}", f"  claimed: {said}"))
        out.print()
    out.print(Text(headline(result), style="bold"))
    out.print(tr(f"  {result.rollup.formula}", f"  {result.rollup.formula}"))
    out.print(tr(f"  评分规则：{result.policy.id}（sha256 {result.policy.sha256[:12]}…）",
                 f"  policy: {result.policy.id} (sha256 {result.policy.sha256[:12]}…)"))
    render_findings(result, out)


def render_findings(result: EvaluationResult, out: Console) -> None:
    if not result.findings:
        out.print(tr("  没有发现问题。", "  No findings."))
        return
    out.print()
    out.print(Text(tr(f"发现 {len(result.findings)} 项：", f"{len(result.findings)} findings:"), style="bold"))
    for f in result.findings:
        line = Text("  ")
        line.append(f"[{f.severity}] {f.code}", style=_SEVERITY_STYLE[f.severity])
        line.append(f"  {f.message}")
        out.print(line)
