"""``score import``: a 自评表 workbook written out as an evaluation file.

The workbook is read (:mod:`.workbook`) and checked as any evaluation is
(:mod:`._evaluation`), so every problem names its cell before anything is
written; then the same data is written as TOML with tomli-w, the read report
at its top, atomically.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from ..errors import InputError, Problem, display_path
from ..files import atomic_write, output_problems
from ..i18n import DEFAULT, t
from ._evaluation import load_evaluation
from .workbook import ReadReport, read_workbook_document


def import_workbook(path: Path, output: Path, *, force: bool = False, department: str | None = None,
                    year: int | None = None, policy: str | None = None, approved: Path | None = None,
                    lang: str = DEFAULT, vocabulary: Path | None = None) -> tuple[Path, ReadReport]:
    """Read ``path`` and write it to ``output`` as an evaluation file: checked first, so every
    problem names its cell; written atomically, and only over an existing file with ``force``."""
    import tomli_w

    shown_out = display_path(output)
    if problems := output_problems(output, shown_out, force, [path, *([approved] if approved else [])]):
        raise InputError(problems)
    doc = read_workbook_document(path, department=department, year=year, base=output.parent, vocabulary=vocabulary)
    if policy is not None:
        doc.data["policy"] = policy if "/" not in policy and not policy.endswith(".toml") else os.path.relpath(Path(policy).resolve(), output.parent.resolve())
    if approved is not None:
        projects = doc.data.get("project", [])
        if len(projects) != 1 or "overall" in doc.data:
            raise InputError([Problem(display_path(path), "--approved", t('只有一个项目的工作簿', 'a workbook with one project'),
                                      t('{projects} 个项目', '{projects} projects', projects=len(projects)))])
        projects[0]["approved"] = os.path.relpath(approved.resolve(), output.parent.resolve())
    evaluation = load_evaluation(path, document=doc)  # every problem, by cell, before anything is written
    if problems := output_problems(output, shown_out, force, evaluation.reads):  # its policy file, say
        raise InputError(problems)
    comments = "".join("# " + " ".join(line.splitlines()) + "\n" for line in doc.report.lines(lang))
    text = comments + "\n" + tomli_w.dumps(toml_values(doc.data))
    with atomic_write(output) as fh:
        fh.write(text)
    return output, doc.report


def toml_values(value):
    """Decimals as ``score import`` writes them: whole numbers as integers, the rest as exact decimals."""
    if isinstance(value, dict):
        return {k: toml_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [toml_values(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    return value
