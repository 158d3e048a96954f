"""A Markdown report a department can paste into its 绩效自评报告."""

from __future__ import annotations

from typing import TextIO

from ..engine import EvaluationResult
from ..findings import severity_name
from ..i18n import pick, word
from ..numbers import fixed, plain
from ..safe import shown
from ._view import funds, headline, subject_rows, subject_title


def _cell(text: str) -> str:
    return shown(text.replace("\n", " ")).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def summary_sentence(result: EvaluationResult, lang: str) -> str:
    """评价项目N个，90分以上的N个…, as published reports write it, from the grade bands."""
    projects = result.projects
    bands = sorted(result.policy.grades.bands, key=lambda b: b.min, reverse=True)
    counts = []
    for i, band in enumerate(bands):
        upper = bands[i - 1].min if i else None
        n = sum(1 for p in projects if p.score >= band.min and (upper is None or p.score < upper))
        if upper is None:
            counts.append(pick(lang, f"{band.min}分（含）以上的{n}个", f"{n} at {band.min} or above"))
        elif band.min > 0:
            counts.append(pick(lang, f"{band.min}（含）-{upper}分的{n}个", f"{n} from {band.min} to below {upper}"))
        else:
            counts.append(pick(lang, f"{upper}分以下的{n}个", f"{n} below {upper}"))
    return pick(lang, f"评价项目{len(projects)}个，" + "，".join(counts) + "。",
              f"{len(projects)} projects evaluated: " + ", ".join(counts) + ".")


def render(result: EvaluationResult, out: TextIO, lang: str) -> None:
    d = result.policy.rounding.decimals
    lines = [f"# {shown(headline(result, lang))}", ""]
    lines.append(summary_sentence(result, lang))
    lines.append("")
    lines.append(pick(lang, f"评分规则：{result.policy.title}（{result.policy.id}，sha256 `{result.policy.sha256}`）",
                    f"Policy: {result.policy.title} ({result.policy.id}, sha256 `{result.policy.sha256}`)"))
    lines.append("")
    for s in result.subjects:
        lines += [f"## {shown(subject_title(s, d, lang))}", ""]
        cells = funds(s, result.evaluation.money_unit, lang)
        if cells:
            lines += _table([k for k, _ in cells], [[v for _, v in cells]]) + [""]
        header = [pick(lang, h, e) for h, e in (("一级指标", "Level 1"), ("二级指标", "Level 2"), ("三级指标", "Indicator"),
                                        ("指标值", "Target"), ("实际完成值", "Actual"), ("分值", "Points"),
                                        ("得分", "Score"), ("偏差原因分析及改进措施", "Reason"))]
        rows = []
        previous = None
        for r in subject_rows(s, d, lang):
            if r.kind == "line":
                rows.append([r.level1 if r.level1 != previous else "", r.level2, r.name, r.target, r.actual, r.weight, r.score, r.reason])
                previous = r.level1
                continue
            previous = None
            label = f"**{r.name}**" if r.kind == "total" else r.name
            rows.append([r.level1 if r.kind != "total" else "", "", label, "", r.actual, r.weight, r.score,
                         r.formula if r.kind == "total" else ""])
        lines += _table(header, rows) + [""]
    claim = result.evaluation.claimed
    lines += [f"## {pick(lang, '总体评价结论', 'Conclusion')}", ""]
    lines.append(pick(lang, f"绩效自评总分（复算）：{fixed(result.score, d)}分", f"Score (re-scored): {fixed(result.score, d)}"))
    lines.append("")
    lines.append(pick(lang, f"绩效自评等级（复算）：{result.grade}", f"Grade (re-scored): {result.grade}"))
    if claim is not None:
        said = "，".join(x for x in (pick(lang, f"{plain(claim.score)}分", plain(claim.score)) if claim.score is not None else "", claim.grade or "") if x)
        lines += ["", pick(lang, f"单位自评：{said}", f"Claimed: {said}")]
    formula = word(result.rollup.formula, lang)
    lines += ["", pick(lang, f"计算：{formula}", f"How: {formula}"), ""]
    lines += [f"## {pick(lang, '发现的问题', 'Findings')}", ""]
    if not result.findings:
        lines.append(pick(lang, "没有发现问题。", "No findings."))
    for f in result.findings:
        lines.append(f"- **{severity_name(f.severity, lang)}** `{f.code}`{pick(lang, '：', ': ')}{_cell(f.word(lang))}")
    out.write("\n".join(lines) + "\n")
