"""Published 自评表, transcribed cell by cell (``tests/real/*.toml``), scored as a user would.

Each spec says either the total a careful reader gets from the table's own printed values
(``[expected]``), or the one cell that stops a careful reader (``[refused]``). A table the
reader does not handle yet is listed in ``FAILING_TODAY`` with what ``score`` did instead;
the list shrinks as the reader learns the habits of real tables.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from scoring import InputError, score_file
from scoring.i18n import word

from .real._build import build, load

REAL = Path(__file__).parent / "real"

FAILING_TODAY: dict[str, str] = {
    "yunnan-lijiang-weipian": "a repost in traditional characters with pinyin glosses (績效指標(biāo)): no header, title or "
                              "label is known, so the file is refused as holding no 自评表, naming no cell",
    "yunnan-yongde-yingyang": "公开14表 two-row header (年度指标值 over 指标性质/指标值/度量单位): refused with 16 problems, the "
                              "一级 column read as the indicator name (level1 missing on every row), the empty 生态效益 row and "
                              "the 其他需要说明事项 row read as indicators; expected 99.80",
}
"""Spec name → what ``score`` does with it today, where that is not the expected outcome."""


def _specs() -> list[object]:
    params: list[object] = []
    for path in sorted(REAL.glob("*.toml")):
        reason = FAILING_TODAY.get(path.stem)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def _names(place: object, cell: str) -> bool:
    return re.search(rf"(?<![A-Z]){cell}(?!\d)", word(place, "zh")) is not None  # type: ignore[arg-type]


def test_the_corpus_is_listed_whole():
    names = {p.stem for p in REAL.glob("*.toml")}
    assert names, "no specs in tests/real"
    assert set(FAILING_TODAY) <= names, set(FAILING_TODAY) - names


@pytest.mark.parametrize("path", _specs())
def test_a_published_table(path: Path, tmp_path: Path):
    spec = load(path)
    assert ("expected" in spec) != ("refused" in spec), "a spec has exactly one outcome"
    book = build(path, tmp_path / f"{path.stem}.xlsx")
    if "refused" in spec:
        cell = spec["refused"]["cell"]
        with pytest.raises(InputError) as info:
            score_file(book)
        places = [p.place for p in info.value.problems]
        assert any(_names(place, cell) for place in places), [word(p, "zh") for p in info.value.problems]
        return
    result = score_file(book)
    if spec["kind"] == "overall":
        subject = result.overall
        assert subject is not None and not result.projects, [p.subject.name for p in result.projects]
    else:
        assert result.overall is None and len(result.projects) == 1, [s.subject.name for s in result.subjects]
        (subject,) = result.projects
    total = subject.score.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert str(total) == spec["expected"]["score"]
