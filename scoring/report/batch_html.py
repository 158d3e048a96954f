"""``score inbox/ -f html``: the bureau's review as one page to look at, offline.

One self-contained file: the styles, the script that sorts the tables and
the charts (inline SVG) are all in it; nothing is fetched from a server or a
CDN, because bureau machines are often offline. It holds the counts by kind,
four charts, the sortable summary, the departments, and a drill-down per
submission with each discrepancy's formula and its 自评表. It prints on A4
landscape, every drill-down opened.

Jinja2 escapes every value, so no text from a submission becomes markup.
Drill-downs are scored again and written one at a time, so a large batch
never sits in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import IO

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..batch import Batch, Submission
from ..findings import Kind
from ..i18n import word
from ..numbers import fixed, kept, plain
from ..safe import shown
from ..wording import NAMES, filled
from . import charts, words
from ._view import subject_rows
from .summary import kind_counts, kind_name, ordered

COLORS = dict(zip(words.KIND_NAMES, charts.PALETTE))
GRADE_COLORS = {"优": "#27ae60", "良": "#2980b9", "中": "#f39c12", "差": "#c0392b"}


def _words(lang: str) -> dict[str, str]:
    return {k: label.word(lang) for k, label in words.PAGE_WORDS.items()}


def _row(rank: int, row: Submission, lang: str) -> dict:
    kinds = [k for k in words.KIND_NAMES if k in row.kinds]
    return {
        "rank": rank, "path": row.path, "department": row.department, "year": row.year,
        "claimed": row.claimed_score or "", "claimed_sort": row.claimed_score or "-1",
        "score": row.score, "complete": row.complete,
        "largest": plain(row.largest), "largest_shown": fixed(row.largest, 2) if row.discrepancies else "",
        "points": f"{plain(row.points[0])}/{plain(row.points[1])}", "points_sort": plain(row.points[0] / row.points[1] * 100) if row.points[1] else "0",
        "grade": f"{row.claimed_grade} → {row.grade}" if row.claimed_grade else row.grade,
        "kinds": NAMES.word(lang).join(kind_name(k, lang) for k in kinds),
        "errors": row.findings[0][1], "counts": "/".join(str(n) for _, n in row.findings),
        "css": "overclaimed" if Kind.OVERCLAIMED in kinds else "",
    }


def _charts(batch: Batch, lang: str) -> list[Markup]:
    rows = batch.submissions
    grades = Counter(row.grade for row in rows)
    order = sorted(grades, key=lambda g: -max((Decimal(r.score) for r in rows if r.grade == g), default=Decimal(0)))
    by_kind = kind_counts(rows)
    points = [(Decimal(r.score), Decimal(r.claimed_score), COLORS[r.kinds[0]] if r.kinds else "#2980b9", r.path)
              for r in rows if r.claimed_score is not None]
    deps = batch.departments()
    return [Markup(svg) for svg in (
        charts.bars(order, [grades[g] for g in order], title=words.GRADES_CHART.word(lang),
                    colors=[GRADE_COLORS.get(g, "#7f8c8d") for g in order]),
        charts.scatter(points, title=words.CLAIMED_CHART.word(lang),
                       x_label=words.COMPUTED.word(lang), y_label=words.CLAIMED.word(lang)),
        charts.bars([kind_name(k, lang) for k in by_kind], list(by_kind.values()),
                    title=words.KINDS_CHART.word(lang), colors=[COLORS[k] for k in by_kind]),
        charts.bars([d.name for d in deps], [d.score for d in deps], title=words.DEPARTMENTS_CHART.word(lang),
                    colors=["#34495e"]),
    )]


def _drilldowns(batch: Batch, rows: Sequence[Submission], lang: str) -> Iterator[dict]:
    """Each submission's discrepancies and tables, scored again one at a time."""
    for rank, row in enumerate(rows, 1):
        result = batch.result(row)
        d = result.policy.rounding.decimals
        tables = [{"title": f"{s.subject.name} — {kept(s.score, d)} {s.grade}", "rows": subject_rows(s, result.policy.rounding, lang)} for s in result.subjects]
        yield {
            "rank": rank, "path": row.path, "department": row.department, "open": bool(row.discrepancies),
            "headline": filled(words.COMPUTED_HEADLINE, score=row.score, grade=row.grade).word(lang)
            + (filled(words.CLAIMED_AFTER, score=row.claimed_score).word(lang) if row.claimed_score else ""),
            "discrepancies": [{"level": words.LEVEL_NAMES[str(x.level)].word(lang), "kind": kind_name(x.kind, lang),
                               "where": " › ".join(v for v in (x.subject, x.indicator) if v), "claimed": x.claimed or "",
                               "computed": x.computed or "", "reason": word(x.reason, lang) if x.reason is not None else "",
                               "formula": word(x.formula, lang) if x.formula is not None else ""} for x in row.discrepancies],
            "duplicates": "、".join(row.duplicates), "tables": tables,
        }


def _finalize(value: object) -> object:
    """Every value the template writes, its control characters written out (then HTML-escaped)."""
    return shown(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def render(batch: Batch, out: IO, lang: str, group_by: str | None = None) -> None:
    env = Environment(loader=PackageLoader("scoring.report", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True, finalize=_finalize)
    template = env.get_template("batch.html.j2")
    rows = ordered(batch, group_by)
    t = _words(lang)
    t["scored"] = filled(words.SCORED, scored=len(batch.submissions), unreadable=len(batch.unreadable)).word(lang)
    context = {
        "lang": lang, "t": t, "policy": batch.given_policy or batch.default_policy, "group_by": group_by,
        "kinds": [{"name": kind_name(k, lang), "count": n, "color": COLORS[k]} for k, n in kind_counts(batch.submissions).items()],
        "charts": _charts(batch, lang),
        "headers": words.worded((words.RANK, *words.SUMMARY_HEADERS), lang),
        "rows": [_row(rank, row, lang) for rank, row in enumerate(rows, 1)],
        "department_headers": words.worded(words.DEPARTMENT_HEADERS, lang),
        "departments": [{"name": dep.name, "count": len(dep.submissions), "score": fixed(dep.score, 2),
                         "method": (words.BY_EXECUTED if dep.method == "budget_weighted" else words.PLAIN_MEAN).word(lang),
                         "kinds": "，".join(f"{kind_name(k, lang)} {dep.count(k)}" for k in words.KIND_NAMES if dep.count(k))}
                        for dep in batch.departments()],
        "unreadable": [{"path": bad.path, "problems": [word(p, lang) for p in bad.problems]} for bad in batch.unreadable],
        "discrepancy_headers": words.worded(words.DISCREPANCY_HEADERS, lang),
        "table_headers": words.worded((*words.SUBJECT_HEADERS, words.CLAIMED_SCORE, words.REASON, words.FORMULA), lang),
        "drilldowns": _drilldowns(batch, rows, lang),
    }
    for chunk in template.generate(**context):
        out.write(chunk)
