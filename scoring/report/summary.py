"""The batch summary: one row per submission, largest discrepancy first (scoring.batch.v1).

Every format takes the batch, the stream and the language; rows are worded
here, not where they were scored.
"""

from __future__ import annotations

import csv
import io
import json
from typing import IO

from ..batch import Batch, Submission, Unreadable
from ..engine import EvaluationResult
from ..i18n import pick, word

FORMAT = "scoring.batch.v1"


def submission_dict(row: Submission, lang: str) -> dict:
    """A summary row as FORMAT.md's ``submissions`` entry."""
    return {
        "path": row.path,
        "department": row.department,
        "year": row.year,
        "policy": row.policy,
        "score": row.score,
        "grade": row.grade,
        "claimed": {"score": row.claimed_score, "grade": row.claimed_grade}
        if row.claimed_score is not None or row.claimed_grade is not None else None,
        "difference": row.difference,
        "findings": {str(severity): n for severity, n in row.findings},
        "worst": {"code": str(row.worst[0]), "message": row.worst[1].word(lang)} if row.worst else None,
        "discrepancies": [
            {"subject": d.subject, "indicator": d.indicator, "code": d.code, "claimed": d.claimed, "computed": d.computed,
             "formula": word(d.formula, lang) if d.formula is not None else None, "message": d.message.word(lang)}
            for d in row.discrepancies
        ],
    }


def unreadable_dict(bad: Unreadable, lang: str) -> dict:
    return {"path": bad.path, "problems": [word(p, lang) for p in bad.problems]}


def detail_text(result: EvaluationResult, fmt: str, lang: str) -> str:
    """A submission's full result for ``--details``; CSV rows carry the path, under one shared header."""
    if fmt == "csv":
        from . import csv_

        return csv_.rows(result, lang, with_path=True, header=False)
    if fmt == "json":
        from . import json_

        return json.dumps(json_.result_dict(result, lang), ensure_ascii=False)
    from ._formats import render_result

    buf = io.StringIO()
    render_result(result, fmt, buf, lang)
    return buf.getvalue()


def _grades(row: Submission) -> str:
    return f"{row.claimed_grade} → {row.grade}" if row.claimed_grade else row.grade


def _counts(row: Submission) -> str:
    return "/".join(str(n) for _, n in row.findings)


def _worst(row: Submission, lang: str) -> str:
    return f"{row.worst[0]}: {row.worst[1].word(lang)}" if row.worst else ""


def write_json(batch: Batch, out: IO, details: bool, lang: str) -> None:
    """Streamed: each submission's full result is read back from the spool as it is written."""
    policy = json.dumps(batch.default_policy, ensure_ascii=False)
    out.write(f'{{\n  "format": "{FORMAT}",\n  "policy_default": {policy},\n  "submissions": [')
    for i, row in enumerate(batch.submissions):
        text = json.dumps(submission_dict(row, lang), ensure_ascii=False)
        detail = batch.detail(row) if details else None
        if detail is not None:
            text = text[:-1] + ', "result": ' + detail + "}"
        out.write(("," if i else "") + "\n    " + text)
    out.write("\n  ],\n  \"unreadable\": ")
    out.write(json.dumps([unreadable_dict(bad, lang) for bad in batch.unreadable], ensure_ascii=False, indent=2).replace("\n", "\n  "))
    out.write("\n}\n")


CSV_COLUMNS = ["path", "department", "year", "claimed_score", "score", "difference", "claimed_grade", "grade",
               "errors", "warnings", "infos", "discrepancies", "worst_code", "worst_message"]


def write_csv(batch: Batch, out: IO, details: bool, lang: str) -> None:
    """The summary; with ``details``, instead every line of every submission, each row led by its path."""
    if details:
        from .csv_ import COLUMNS

        csv.writer(out, lineterminator="\n").writerow(["path"] + COLUMNS)
        for row in batch.submissions:
            out.write(batch.detail(row) or "")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in batch.submissions:
        counts = [n for _, n in row.findings]
        writer.writerow([row.path, row.department, row.year, row.claimed_score or "", row.score, row.difference or "",
                         row.claimed_grade or "", row.grade, *counts, len(row.discrepancies),
                         str(row.worst[0]) if row.worst else "", row.worst[1].word(lang) if row.worst else ""])
    for bad in batch.unreadable:
        writer.writerow([bad.path, "", "", "", "", "", "", "", "", "", "", "", "unreadable", "；".join(word(p, lang) for p in bad.problems)])


def _headers(lang: str) -> list[str]:
    return [pick(lang, a, b) for a, b in (("文件", "file"), ("部门", "department"), ("年度", "year"), ("自评", "claimed"),
                                          ("复算", "computed"), ("差异", "difference"), ("等级", "grade"),
                                          ("错/警/提", "err/warn/info"), ("最严重的发现", "worst finding"))]


def _cells(row: Submission, lang: str) -> list[str]:
    return [row.path, row.department, str(row.year), row.claimed_score or "", row.score, row.difference or "",
            _grades(row), _counts(row), _worst(row, lang)]


def write_markdown(batch: Batch, out: IO, details: bool, lang: str) -> None:
    out.write(f"# {pick(lang, '复算汇总', 'Re-scoring summary')}\n\n")
    out.write(pick(lang, f"共 {len(batch.submissions)} 份评价已评分，{len(batch.unreadable)} 份无法读取。\n\n",
                   f"{len(batch.submissions)} evaluations scored, {len(batch.unreadable)} unreadable.\n\n"))
    head = _headers(lang)
    out.write("| " + " | ".join(head) + " |\n|" + "|".join("---" for _ in head) + "|\n")
    for row in batch.submissions:
        out.write("| " + " | ".join(c.replace("|", "\\|") for c in _cells(row, lang)) + " |\n")
    detail = _discrepancy_lines(batch, None, lang)
    if detail:
        out.write(f"\n## {detail[1]}\n\n")
        for line in detail[2:]:
            out.write((f"- {line}" if not line.startswith("  ") else line) + "\n")
    _markdown_unreadable(batch, out, lang)
    if details:
        for row in batch.submissions:
            text = batch.detail(row) or ""
            out.write("\n" + "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines()) + "\n")


def _markdown_unreadable(batch: Batch, out: IO, lang: str) -> None:
    if not batch.unreadable:
        return
    out.write(f"\n## {pick(lang, '无法读取的文件', 'Unreadable files')}\n\n")
    for bad in batch.unreadable:
        out.write(f"- `{bad.path}`\n")
        for p in bad.problems:
            out.write(f"  - {word(p, lang)}\n")


def _discrepancy_lines(batch: Batch, paint, lang: str) -> list[str]:
    """Every claimed value that does not hold, and every changed target, submission by submission."""
    rows = [row for row in batch.submissions if row.discrepancies]
    if not rows:
        return []
    head = pick(lang, "差异明细（自评值、复算值及计算过程）", "Discrepancies (claimed, computed, and how)")
    lines = ["", paint(head, "bold") if paint else head]
    for row in rows:
        lines.append(f"{row.path}（{row.department}）")
        lines += [f"  - {d.message.word(lang)}" for d in row.discrepancies]
    return lines


def write_table(batch: Batch, out: IO, details: bool, lang: str) -> None:
    from ._text import Style, table

    paint = Style(out)
    lines = [paint(pick(lang, f"复算汇总：{len(batch.submissions)} 份已评分，{len(batch.unreadable)} 份无法读取",
                        f"Re-scoring: {len(batch.submissions)} scored, {len(batch.unreadable)} unreadable"), "bold")]
    headers = _headers(lang)
    align = ["left", "left", "right", "right", "right", "right", "left", "right", "left"]
    rows = [_cells(row, lang) for row in batch.submissions]
    styles = ["red" if row.findings[0][1] else None for row in batch.submissions]
    lines += table(headers, rows, align, limits={8: 60}, styles=styles, paint=paint)
    lines += _discrepancy_lines(batch, paint, lang)
    for bad in batch.unreadable:
        lines.append(paint(pick(lang, f"无法读取：{bad.path}", f"unreadable: {bad.path}"), "bold red"))
        lines += [f"  {word(p, lang)}" for p in bad.problems]
    out.write("\n".join(lines) + "\n")
    if details:
        for row in batch.submissions:
            out.write("\n" + (batch.detail(row) or ""))
