"""The batch summary: one row per submission, the largest discrepancy at any level first
(scoring.batch.v1).

Every format takes the batch, the stream and the language; rows are worded
here, not where they were scored. A reviewer sees, for each submission, its
claimed and computed total, the points its tables hold, and every discrepancy
with its level, kind and reason; then the same by department.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from attrs import frozen

from ..batch import Batch, Department, Discrepancy, Rows, Submission, Unreadable
from ..engine import EvaluationResult
from ..findings import Kind
from ..i18n import word
from ..numbers import cents, plain
from ..safe import csv_cell, shown
from ..wording import LIST, NAMES, filled
from . import words
from ._text import clip, width

FORMAT = "scoring.batch.v1"

def kind_name(kind: Kind, lang: str) -> str:
    return words.KIND_NAMES[kind].word(lang)


def _amount(value: Decimal | None) -> str | None:
    return cents(value) if value is not None else None


def discrepancy_dict(d: Discrepancy, lang: str) -> dict:
    return {"level": str(d.level), "kind": str(d.kind), "code": str(d.code), "subject": d.subject, "indicator": d.indicator,
            "claimed": d.claimed, "computed": d.computed, "difference": _amount(d.difference),
            "reason": word(d.reason, lang) if d.reason is not None else None,
            "formula": word(d.formula, lang) if d.formula is not None else None, "message": d.message.word(lang)}


def submission_dict(row: Submission, lang: str) -> dict:
    """A summary row as FORMAT.md's ``submissions`` entry."""
    return {
        "path": row.path,
        "department": row.department,
        "year": row.year,
        "policy": row.policy,
        "policy_sha256": row.policy_sha256,
        "policy_builtin": row.builtin_policy,
        "policy_declared": row.declared_policy,
        "score": row.score,
        "grade": row.grade,
        "claimed": {"score": row.claimed_score, "grade": row.claimed_grade}
        if row.claimed_score is not None or row.claimed_grade is not None else None,
        "difference": row.difference,
        "points": {"present": plain(row.points[0]), "total": plain(row.points[1])},
        "complete": row.complete,
        "largest": _amount(row.largest),
        "kinds": [str(k) for k in row.kinds],
        "findings": {str(severity): n for severity, n in row.findings},
        "worst": {"code": str(row.worst[0]), "message": row.worst[1].word(lang)} if row.worst else None,
        "discrepancies": [discrepancy_dict(d, lang) for d in row.discrepancies],
        "duplicates": list(row.duplicates),
    }


@frozen
class RowText:
    """A summary row as JSON or CSV writes it (without its duplicates), worded in the batch's workers:
    the parent copies the text, and :meth:`splice` puts the duplicates in when every file is in."""

    fmt: str
    """``json`` or ``csv``."""
    lang: str

    def __call__(self, row: Submission) -> str:
        if self.fmt == "json":
            return json.dumps(submission_dict(row, self.lang), ensure_ascii=False)
        return _csv_line(_csv_cells(row, self.lang))

    def splice(self, text: str, duplicates: tuple[str, ...]) -> str:
        if not duplicates:
            return text
        if self.fmt == "json":  # the object ends with its empty "duplicates": []
            assert text.endswith('"duplicates": []}')
            return text[: -len("[]}")] + json.dumps(list(duplicates), ensure_ascii=False) + "}"
        assert text.endswith(",\n")  # the line ends with its empty duplicates cell
        return text[:-1] + _csv_line([";".join(duplicates)])


def _csv_line(cells: list) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(map(csv_cell, cells))
    return buf.getvalue()


def unreadable_dict(bad: Unreadable, lang: str) -> dict:
    return {"path": bad.path, "problems": [word(p, lang) for p in bad.problems]}


def department_dict(dep: Department) -> dict:
    return {"department": dep.name, "submissions": len(dep.submissions), "score": plain(dep.score), "method": dep.method,
            "kinds": {str(k): dep.count(k) for k in words.KIND_NAMES if dep.count(k)}}


def kind_counts(rows: Iterable[Submission]) -> dict[Kind, int]:
    """How many submissions have each kind of discrepancy, worst kind first."""
    counts: Counter[Kind] = Counter()
    for r in rows.entries if isinstance(rows, Rows) else rows:  # a batch's rows are counted without reading them back
        counts.update(set(r.kinds))
    return {k: counts[k] for k in words.KIND_NAMES if counts[k]}


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


# -- JSON -------------------------------------------------------------------------

def write_json(batch: Batch, out: IO, details: bool, lang: str) -> None:
    """Streamed: each submission's full result is read back from the spool as it is written."""
    policy = json.dumps(batch.default_policy, ensure_ascii=False)
    out.write(f'{{\n  "format": "{FORMAT}",\n  "policy_default": {policy},\n')
    out.write(f'  "kinds": {json.dumps({str(k): n for k, n in kind_counts(batch.submissions).items()})},\n  "submissions": [')
    if details:
        for i, row in enumerate(batch.submissions):
            text = json.dumps(submission_dict(row, lang), ensure_ascii=False)
            detail = batch.detail(row)
            if detail is not None:
                text = text[:-1] + ', "result": ' + detail + "}"
            out.write(("," if i else "") + "\n    " + text)
    else:  # as the workers wrote them, when they did
        for i, text in enumerate(batch.texts(RowText("json", lang))):
            out.write(("," if i else "") + "\n    " + text)
    out.write("\n  ],\n  \"departments\": ")
    out.write(json.dumps([department_dict(d) for d in batch.departments()], ensure_ascii=False, indent=2).replace("\n", "\n  "))
    out.write(",\n  \"unreadable\": ")
    out.write(json.dumps([unreadable_dict(bad, lang) for bad in batch.unreadable], ensure_ascii=False, indent=2).replace("\n", "\n  "))
    out.write("\n}\n")


# -- CSV ----------------------------------------------------------------------------

CSV_COLUMNS = ["path", "department", "year", "claimed_score", "score", "difference", "claimed_grade", "grade",
               "points", "points_total", "complete", "largest", "kinds", "errors", "warnings", "infos", "discrepancies",
               "worst_code", "worst_message", "policy", "policy_sha256", "policy_builtin", "policy_declared", "duplicates"]


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
    for text in batch.texts(RowText("csv", lang)):  # as the workers wrote them, when they did
        out.write(text)
    for bad in batch.unreadable:
        writer.writerow(map(csv_cell, [bad.path] + [""] * (len(CSV_COLUMNS) - 3) + ["unreadable", "；".join(word(p, lang) for p in bad.problems)]))


# -- the terminal and Markdown ------------------------------------------------------

def _csv_cells(row: Submission, lang: str) -> list:
    counts = [n for _, n in row.findings]
    return [row.path, row.department, row.year, row.claimed_score or "", row.score, row.difference or "",
            row.claimed_grade or "", row.grade, plain(row.points[0]), plain(row.points[1]), str(row.complete).lower(),
            _amount(row.largest), ";".join(str(k) for k in row.kinds), *counts, len(row.discrepancies),
            str(row.worst[0]) if row.worst else "", row.worst[1].word(lang) if row.worst else "",
            row.policy, row.policy_sha256, str(row.builtin_policy).lower(), row.declared_policy or "",
            ";".join(row.duplicates)]


def _headers(lang: str) -> list[str]:
    return words.worded(words.SUMMARY_HEADERS, lang)


def _total(row: Submission, lang: str) -> str:
    """The computed total, marked when the tables hold fewer or more points than they should:
    an incomplete table is never a plain ``100.00``."""
    return row.score if row.complete else row.score + words.MARKED_INCOMPLETE.word(lang)


def _cells(row: Submission, lang: str) -> list[str]:
    grade = f"{row.claimed_grade} → {row.grade}" if row.claimed_grade else row.grade
    kinds = NAMES.word(lang).join(kind_name(k, lang) for k in words.KIND_NAMES if k in row.kinds)
    return [row.path, row.department, str(row.year), row.claimed_score or "", _total(row, lang), (_amount(row.largest) or "") if row.discrepancies else "",
            f"{plain(row.points[0])}/{plain(row.points[1])}", grade, kinds, "/".join(str(n) for _, n in row.findings)]


def _kind_line(batch: Batch, lang: str) -> str:
    counts = kind_counts(batch.submissions)
    if not counts:
        return words.NO_DISCREPANCIES.word(lang)
    parts = [f"{kind_name(k, lang)} {n}" for k, n in counts.items()]
    return words.BY_KIND.word(lang) + LIST.word(lang).join(parts)


def _discrepancy_lines(batch: Batch, paint, lang: str) -> Iterator[str]:
    """Every discrepancy, submission by submission: level, kind, claimed → computed, reason, formula.
    Yielded as each row is read back, so a batch where every row is off is never held at once."""
    rows = batch.submissions
    if not any(e.kinds for e in rows.entries) and not batch.has_duplicates:
        return
    head = words.DISCREPANCIES_HEAD.word(lang)
    yield ""
    yield paint(head, "bold") if paint else head
    for row in rows:
        if not (row.discrepancies or row.duplicates):
            continue
        yield shown(f"{row.path}（{row.department}）")
        for d in row.discrepancies:
            where = " › ".join(x for x in (d.subject, d.indicator) if x)
            values = f"{d.claimed} → {d.computed}" if d.claimed is not None else ""
            reason = word(d.reason, lang) if d.reason is not None else ""
            formula = word(d.formula, lang) if d.formula is not None else ""
            parts = [f"[{kind_name(d.kind, lang)}]", words.LEVEL_NAMES[str(d.level)].word(lang), where, values, reason]
            line = "  - " + shown(" ".join(p for p in parts if p))
            yield line + (f"（{formula}）" if formula and lang == "zh" else f" ({formula})" if formula else "")
        if row.duplicates:
            yield "  - " + words.SUBMITTED_TWICE.word(lang) + shown("、".join(row.duplicates))


def _department_lines(batch: Batch, lang: str) -> list[str]:
    lines = ["", words.BY_DEPARTMENT.word(lang)]
    for dep in batch.departments():
        name = shown(dep.name)
        kinds = LIST.word(lang).join(f"{kind_name(k, lang)} {dep.count(k)}" for k in words.KIND_NAMES if dep.count(k))
        how = words.WEIGHTED_BY_EXECUTED if dep.method == "budget_weighted" else words.PLAIN_MEAN
        line = filled(words.DEPARTMENT_LINE, name=name, n=len(dep.submissions), score=plain(dep.score), how=how)
        lines.append(line.word(lang) + (filled(words.DEPARTMENT_KINDS, kinds=kinds).word(lang) if kinds else ""))
    return lines


def ordered(batch: Batch, group_by: str | None) -> Rows:
    """The rows as the report shows them: ranked, or grouped by department and ranked within
    (read from disk one at a time as they are written)."""
    return batch.by_department() if group_by == "department" else batch.submissions


def write_markdown(batch: Batch, out: IO, details: bool, lang: str, group_by: str | None = None) -> None:
    out.write(f"# {words.SUMMARY_TITLE.word(lang)}\n\n")
    out.write(filled(words.SCORED_SENTENCE, scored=len(batch.submissions), unreadable=len(batch.unreadable)).word(lang) + "\n\n")
    out.write(_kind_line(batch, lang) + "\n\n")
    head = _headers(lang)
    out.write("| " + " | ".join(head) + " |\n|" + "|".join("---" for _ in head) + "|\n")
    for row in ordered(batch, group_by):
        out.write("| " + " | ".join(shown(c).replace("|", "\\|") for c in _cells(row, lang)) + " |\n")
    for i, line in enumerate(_discrepancy_lines(batch, None, lang)):
        if i == 1:
            out.write(f"\n## {line}\n\n")
        elif i > 1:
            out.write((f"- {line}" if not line.startswith("  ") else line) + "\n")
    deps = _department_lines(batch, lang)
    out.write(f"\n## {deps[1]}\n\n" + "\n".join("-" + line[1:] for line in deps[2:]) + "\n")
    _markdown_unreadable(batch, out, lang)
    if details:
        for row in batch.submissions:
            text = batch.detail(row) or ""
            out.write("\n" + "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines()) + "\n")


def _markdown_unreadable(batch: Batch, out: IO, lang: str) -> None:
    if not batch.unreadable:
        return
    out.write(f"\n## {words.UNREADABLE_FILES.word(lang)}\n\n")
    for bad in batch.unreadable:
        out.write(f"- `{shown(bad.path)}`\n")
        for p in bad.problems:
            out.write(f"  - {word(p, lang)}\n")


TABLE_WIDTH = 120
"""The summary fits this many columns, or the terminal's width where that is narrower."""


def _fit(rows: list[list[str]], headers: list[str], limit: int) -> list[list[str]]:
    """The file and department columns shortened (CJK-aware) until a row fits ``limit`` columns."""
    fixed = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    spare = limit - (sum(fixed[2:]) + 2 * (len(headers) - 1))
    path_w = max(12, min(fixed[0], spare * 3 // 5))
    dep_w = max(8, min(fixed[1], spare - path_w))
    return [[clip(r[0], path_w, keep_end=True), clip(r[1], dep_w)] + r[2:] for r in rows]


def write_table(batch: Batch, out: IO, details: bool, lang: str, group_by: str | None = None) -> None:
    from ._text import Style, table, wrap

    paint = Style(out)
    limit = min(TABLE_WIDTH, shutil.get_terminal_size((TABLE_WIDTH, 24)).columns) if out.isatty() else TABLE_WIDTH
    lines = [paint(filled(words.SCORED_HEAD, scored=len(batch.submissions), unreadable=len(batch.unreadable)).word(lang), "bold"),
             _kind_line(batch, lang)]
    headers = _headers(lang)
    align = ["left", "left", "right", "right", "right", "right", "right", "left", "left", "right"]
    visible = ordered(batch, group_by)
    rows = _fit([_cells(row, lang) for row in visible], headers, limit)
    styles = ["red" if Kind.OVERCLAIMED in row.kinds or row.findings[0][1] else None for row in visible]
    lines += table(headers, rows, align, styles=styles, paint=paint)
    out.write("\n".join(lines) + "\n")
    lines = []
    for line in itertools.chain(_discrepancy_lines(batch, paint, lang), _department_lines(batch, lang)):  # streamed
        indent = " " * (len(line) - len(line.lstrip()) + 2)
        pieces = wrap(line, limit)
        out.write("\n".join(pieces[:1] + [indent + p for p in wrap("".join(pieces[1:]), limit - len(indent))] if len(pieces) > 1 else pieces) + "\n")
    for bad in batch.unreadable:
        lines.append(paint(filled(words.UNREADABLE, path=bad.path).word(lang), "bold red"))
        lines += [f"  {word(p, lang)}" for p in bad.problems]
    if lines:
        out.write("\n".join(lines) + "\n")
    if details:
        for row in batch.submissions:
            out.write("\n" + (batch.detail(row) or ""))
