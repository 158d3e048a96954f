"""What a TOML file is: an evaluation, an indicator set, a policy, or none of these.

Told from its top-level keys, read as text, so that a folder of thousands of
files is sorted without parsing any file twice.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path

import attrs

from ..errors import Problem, display_path
from ..files import file_kind, not_regular
from ..i18n import Text, t
from ..limits import DEFAULT, Limits
from ..policy import Policy


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The first table header; ``department =`` above it; indicator rows; a policy file (``extends``, or
    one of the policy's tables, named from :class:`~scoring.policy.Policy`). Worked out when a file first
    needs them, not at every start."""
    tables = "|".join(f.name for f in attrs.fields(attrs.resolve_types(Policy)) if f.type is not None and attrs.has(f.type))
    return (re.compile(r"^\s*\[", re.M), re.compile(r"^\s*department\s*=", re.M),
            re.compile(r"^\s*(?:\[\[\s*indicator\s*\]\]|indicator\s*=\s*\[)", re.M),
            re.compile(rf"^\s*(?:extends\s*=|\[\s*(?:{tables})\s*\])", re.M))


class FileKind(StrEnum):
    """What a file found in a folder is."""

    EVALUATION = "evaluation"
    INDICATOR_SET = "indicator_set"
    POLICY = "policy"
    OTHER = "other"
    SPECIAL = "special"
    """Not a regular file (a FIFO, a device, a symlink to one): listed, never opened."""


EVALUATION, INDICATOR_SET, POLICY, OTHER, SPECIAL = FileKind


def kind_of(text: str) -> FileKind:
    """What a TOML file is, from its top-level keys (read as text: the file is parsed once, later)."""
    table_header, department, indicator_rows, policy = _patterns()
    header = table_header.search(text)
    top = text[: header.start()] if header else text
    if department.search(top):
        return EVALUATION
    if indicator_rows.search(text):
        return INDICATOR_SET
    if policy.search(text):
        return POLICY
    return OTHER


SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".et", ".csv")
"""Workbooks read as evaluations (a 自评表 in them is found by its labels); an .xls or a WPS .et is read with xlrd."""
OTHER_SPREADSHEETS = (".wps", ".ods", ".numbers")
"""Spreadsheets that cannot be read: listed as unreadable, with what to do, never skipped."""


def _walk(folder: Path) -> list[Path]:
    """Every file under ``folder`` with a suffix we read; hidden entries, Excel's ``~$`` lock files and
    symlinked folders (a loop) are not followed."""
    wanted = (".toml",) + SPREADSHEETS + OTHER_SPREADSHEETS
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root) / f for f in files if Path(f).suffix.lower() in wanted and not f.startswith((".", "~$"))]
    return sorted(found)


def discover(paths: Iterable[Path], limits: Limits = DEFAULT) -> Iterator[tuple[Path, FileKind]]:
    """Every TOML file and workbook under ``paths`` (folders recursively), with its kind. A special
    file is reported as such and never opened; a TOML file is read as text to tell its kind."""
    for path in paths:
        for p in _walk(path) if path.is_dir() else [path]:
            if p.exists() and file_kind(p) is not None:
                yield p, SPECIAL
            elif p.suffix.lower() in SPREADSHEETS + OTHER_SPREADSHEETS:
                yield p, EVALUATION  # a workbook is a submission; the loader says if it holds no 自评表
            else:
                try:
                    with p.open("rb") as fh:
                        # Most files are told by their first lines: ``department =`` above the first table
                        # header there is above it in the whole file. Anything else is read whole.
                        head = fh.read(_HEAD)
                        kind = kind_of(head.decode("utf-8-sig", errors="replace"))
                        if kind is not EVALUATION:
                            head += fh.read(max(0, limits.max_bytes + 1 - len(head)))
                            kind = kind_of(head.decode("utf-8-sig", errors="replace")) if len(head) <= limits.max_bytes else EVALUATION
                except OSError:
                    kind = EVALUATION  # let the loader say what is wrong with it
                yield p, kind


_HEAD = 8192
"""Bytes read first to tell a file's kind."""


def submissions(paths: list[Path], limits: Limits = DEFAULT, read: list[Path] | None = None
                ) -> Iterator[tuple[Path, str, Problem | None]]:
    """What a batch or ``score check`` answers for under ``paths``: each file with its name as shown and
    the problem that keeps it from being scored (a special file, never opened; a file that is no
    evaluation), or None for an evaluation (the loader says what else may be wrong with it).

    An indicator set or a policy found in a folder is an input of its evaluations, not a submission,
    and is passed over; one named on the command line is refused. A folder given with nothing under it
    to answer for is named, not passed over in silence. ``read`` collects every file opened to tell its
    kind, inputs included (none may be written over)."""
    listed: list[Path] = []
    for path, kind in discover(paths, limits):
        if read is not None:
            read.append(path)
        if kind in (INDICATOR_SET, POLICY) and path not in paths:
            continue
        listed.append(path)
        shown = display_path(path)
        if kind is SPECIAL:
            yield path, shown, not_regular(shown, file_kind(path) or "special file")
        elif kind != EVALUATION:
            yield path, shown, Problem(shown, "", t("评价文件", "an evaluation"), not_an_evaluation(kind))
        else:
            yield path, shown, None
    for folder in paths:
        if folder.is_dir() and not any(folder in f.parents for f in listed):
            shown = display_path(folder)
            yield folder, shown, Problem(shown, "", t("含评价文件的文件夹（TOML、.xlsx、.xlsm、.xls、.et、.csv）",
                                                      "a folder with evaluations (TOML, .xlsx, .xlsm, .xls, .et, .csv)"),
                                         t("其中没有评价文件", "none in it"))


def not_an_evaluation(kind: str) -> Text:
    texts: dict[str, Text] = {
        INDICATOR_SET: t('这是指标集（绩效目标表），不是评价文件', 'an indicator set, not an evaluation'),
        POLICY: t('这是评分规则，不是评价文件', 'a policy, not an evaluation'),
    }
    return texts.get(kind, t('不是评价文件、指标集或评分规则（缺少 department 等键）', 'not an evaluation, indicator set or policy'))
