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
from ..i18n import pick, word
from ..numbers import fixed, plain
from ..safe import shown
from . import charts
from ._view import subject_rows
from .summary import KIND_NAMES, LEVEL_NAMES, kind_counts, kind_name, ordered

COLORS = dict(zip(KIND_NAMES, charts.PALETTE))
GRADE_COLORS = {"优": "#27ae60", "良": "#2980b9", "中": "#f39c12", "差": "#c0392b"}


def _words(lang: str) -> dict[str, str]:
    return {k: pick(lang, zh, en) for k, (zh, en) in {
        "title": ("复算报告", "Re-scoring report"), "policy": ("默认评分规则", "default policy"),
        "grouped": ("按部门分组", "grouped by department"), "charts": ("概览", "Overview"), "summary": ("复算汇总", "Summary"),
        "sort_hint": ("点击表头排序。", "Click a column's header to sort by it."), "incomplete": ("不完整", "incomplete"),
        "departments": ("按部门", "By department"), "unreadable": ("无法读取的文件", "Unreadable files"),
        "drilldown": ("逐份明细", "Submission by submission"), "discrepancies": ("差异", "Discrepancies"),
        "duplicates": ("重复提交：", "Submitted twice:"),
    }.items()}


def _row(rank: int, row: Submission, lang: str) -> dict:
    kinds = [k for k in KIND_NAMES if k in row.kinds]
    return {
        "rank": rank, "path": row.path, "department": row.department, "year": row.year,
        "claimed": row.claimed_score or "", "claimed_sort": row.claimed_score or "-1",
        "score": row.score, "complete": row.complete,
        "largest": plain(row.largest), "largest_shown": fixed(row.largest, 2) if row.discrepancies else "",
        "points": f"{plain(row.points[0])}/{plain(row.points[1])}", "points_sort": plain(row.points[0] / row.points[1] * 100) if row.points[1] else "0",
        "grade": f"{row.claimed_grade} → {row.grade}" if row.claimed_grade else row.grade,
        "kinds": "、".join(kind_name(k, lang) for k in kinds) if lang == "zh" else ", ".join(kind_name(k, lang) for k in kinds),
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
        charts.bars(order, [grades[g] for g in order], title=pick(lang, "等级分布（份）", "Grades (submissions)"),
                    colors=[GRADE_COLORS.get(g, "#7f8c8d") for g in order]),
        charts.scatter(points, title=pick(lang, "自评与复算总分", "Claimed against computed totals"),
                       x_label=pick(lang, "复算", "computed"), y_label=pick(lang, "自评", "claimed")),
        charts.bars([kind_name(k, lang) for k in by_kind], list(by_kind.values()),
                    title=pick(lang, "各类差异（份）", "Discrepancies by kind (submissions)"), colors=[COLORS[k] for k in by_kind]),
        charts.bars([d.name for d in deps], [d.score for d in deps], title=pick(lang, "各部门汇总得分", "Roll-up by department"),
                    colors=["#34495e"]),
    )]


def _drilldowns(batch: Batch, rows: Sequence[Submission], lang: str) -> Iterator[dict]:
    """Each submission's discrepancies and tables, scored again one at a time."""
    for rank, row in enumerate(rows, 1):
        result = batch.result(row)
        d = result.policy.rounding.decimals
        tables = [{"title": f"{s.subject.name} — {fixed(s.score, d)} {s.grade}", "rows": subject_rows(s, d, lang)} for s in result.subjects]
        yield {
            "rank": rank, "path": row.path, "department": row.department, "open": bool(row.discrepancies),
            "headline": pick(lang, f"复算 {row.score} 分，{row.grade}" + (f"；自评 {row.claimed_score}" if row.claimed_score else ""),
                             f"computed {row.score}, {row.grade}" + (f"; claimed {row.claimed_score}" if row.claimed_score else "")),
            "discrepancies": [{"level": pick(lang, *LEVEL_NAMES[str(x.level)]), "kind": kind_name(x.kind, lang),
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
    t["scored"] = pick(lang, f"{len(batch.submissions)} 份已评分，{len(batch.unreadable)} 份无法读取",
                       f"{len(batch.submissions)} scored, {len(batch.unreadable)} unreadable")
    context = {
        "lang": lang, "t": t, "policy": batch.given_policy or batch.default_policy, "group_by": group_by,
        "kinds": [{"name": kind_name(k, lang), "count": n, "color": COLORS[k]} for k, n in kind_counts(batch.submissions).items()],
        "charts": _charts(batch, lang),
        "headers": [pick(lang, zh, en) for zh, en in (("排名", "rank"), ("文件", "file"), ("部门", "department"), ("年度", "year"),
                                                       ("自评", "claimed"), ("复算", "computed"), ("最大差异", "largest"),
                                                       ("分值", "points"), ("等级", "grade"), ("差异类型", "kinds"),
                                                       ("错/警/提", "err/warn/info"))],
        "rows": [_row(rank, row, lang) for rank, row in enumerate(rows, 1)],
        "department_headers": [pick(lang, zh, en) for zh, en in (("部门", "department"), ("份数", "submissions"),
                                                                  ("部门汇总", "roll-up"), ("方法", "method"), ("差异类型", "kinds"))],
        "departments": [{"name": dep.name, "count": len(dep.submissions), "score": fixed(dep.score, 2),
                         "method": pick(lang, "按执行数加权", "by executed budget") if dep.method == "budget_weighted" else pick(lang, "简单平均", "plain mean"),
                         "kinds": "，".join(f"{kind_name(k, lang)} {dep.count(k)}" for k in KIND_NAMES if dep.count(k))}
                        for dep in batch.departments()],
        "unreadable": [{"path": bad.path, "problems": [word(p, lang) for p in bad.problems]} for bad in batch.unreadable],
        "discrepancy_headers": [pick(lang, zh, en) for zh, en in (("层级", "level"), ("类型", "kind"), ("位置", "where"), ("自评", "claimed"),
                                                                   ("复算", "computed"), ("原因", "reason"), ("计算过程", "formula"))],
        "table_headers": [pick(lang, zh, en) for zh, en in (("一级指标", "level 1"), ("二级指标", "level 2"), ("三级指标", "indicator"),
                                                             ("指标值", "target"), ("实际完成值", "actual"), ("分值", "points"),
                                                             ("得分", "score"), ("自评得分", "claimed"), ("偏差原因", "reason"),
                                                             ("计算过程", "formula"))],
        "drilldowns": _drilldowns(batch, rows, lang),
    }
    for chunk in template.generate(**context):
        out.write(chunk)
