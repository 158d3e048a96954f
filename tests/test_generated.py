"""The generated inboxes (``scoring.testing``): spelled as asked, read without a problem, and their
scores and planted discrepancies the engine's."""

from __future__ import annotations

import inspect
from decimal import Decimal

import pytest
import tomli

from scoring.api import score_file
from scoring.cli import app
from scoring.testing import PLANTS, SHAPES, write_corpus, write_submission

from .conftest import runner


@pytest.fixture(scope="module")
def inboxes(tmp_path_factory):
    out = {}
    for shape in SHAPES:
        folder = tmp_path_factory.mktemp(shape)
        out[shape] = folder, write_corpus(folder, files=8, indicators=60, seed=2, wrong=0.8, misclaimed=0.15, shape=shape)
    return out


def rows(path) -> list[dict]:
    data = tomli.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return [row for project in data["project"] for row in project["indicator"]]


def test_the_real_spelling_is_the_default_and_written_as_real_files_are(inboxes):
    _, subs = inboxes["real"]
    assert inspect.signature(write_corpus).parameters["shape"].default == "real"
    assert inspect.signature(write_submission).parameters["shape"].default == "real"
    every = [row for s in subs for row in rows(s.path)]
    assert all(set(row) <= {"level1", "level2", "name", "target", "actual", "weight", "claimed", "reason"} for row in every)
    assert all("level2" in row and type(row["target"]) is str for row in every)
    assert any(row["target"].startswith("≥") and row["target"][-1] not in "0123456789%" for row in every)  # ≥10场
    assert any(row["target"].startswith("≤") and row["target"].endswith("万元") for row in every)
    qualitative = [row for row in every if not any(c.isdigit() for c in row["target"])]
    assert 0.1 < len(qualitative) / len(every) < 0.3
    assert {"良", "优"} <= {row["actual"] for row in qualitative}
    assert any("reason" in row for row in every)
    units = {tomli.loads(s.path.read_text(encoding="utf-8"))["money_unit"] for s in subs}
    assert units == {"万元", "元"}
    assert not any("[[project.indicator]]\nid" in s.path.read_text(encoding="utf-8") for s in subs)


def test_the_symbols_spelling_is_the_earlier_one(inboxes):
    _, subs = inboxes["symbols"]
    every = [row for s in subs for row in rows(s.path)]
    assert all(row["comparator"] == "≥" and type(row["target"]) in (int, Decimal) and "level2" not in row for row in every)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_generated_file_is_read_and_the_row_claims_off_as_asked(inboxes, shape):
    folder, subs = inboxes[shape]
    result = runner.invoke(app, [str(folder), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    planted = sum(p.kind == "misclaimed" for s in subs for p in s.plants)
    assert 0.08 < planted / sum(s.indicators for s in subs) < 0.2


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("kind", PLANTS)
def test_each_plant_scores_as_the_generator_says_and_is_found(tmp_path, shape, kind):
    sub = write_submission(tmp_path, "单位", 45, {kind}, seed=3, misclaimed=0.15, shape=shape)
    result = score_file(sub.path)
    assert result.score == sub.score
    for plant in sub.plants:
        code = "target-changed" if plant.kind == "target-changed" else "claimed-mismatch"
        assert [f for f in result.findings if f.code == code and (f.subject or "") == plant.subject
                and (plant.indicator is None or f.indicator == plant.indicator)], plant


def test_an_unknown_shape_is_refused(tmp_path):
    with pytest.raises(ValueError, match="shape"):
        write_submission(tmp_path, "单位", 10, shape="words")  # type: ignore[arg-type]
