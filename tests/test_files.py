"""Every file the project ships loads without a problem."""

from __future__ import annotations

import pytest

from scoring.load import load_evaluation, load_policy, read_indicator_set

from .conftest import ROOT


@pytest.mark.parametrize("path", sorted((ROOT / "indicator_sets").glob("**/*.toml")), ids=lambda p: p.name)
def test_indicator_set_loads(path):
    assert read_indicator_set(path, path.name, load_policy()).indicators


@pytest.mark.parametrize("path", sorted((ROOT / "evaluations").glob("**/*.toml")), ids=lambda p: p.name)
def test_evaluation_loads(path):
    assert load_evaluation(path).subjects


@pytest.mark.parametrize("path", sorted((ROOT / "scoring" / "policies").glob("*.toml")), ids=lambda p: p.name)
def test_policy_loads(path):
    policy = load_policy(str(path))
    assert policy.id == path.stem
    assert len(policy.sha256) == 64


def test_there_is_something_to_load():
    assert list((ROOT / "evaluations").glob("*.toml"))
    assert list((ROOT / "indicator_sets").glob("*.toml"))


def test_the_readme_example_scores(tmp_path):
    import re

    from scoring import score_file

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.findall(r"```toml\n(.*?)```", text, re.S)[0]
    (tmp_path / "e.toml").write_text(example, encoding="utf-8")
    result = score_file(tmp_path / "e.toml")
    (project,) = result.projects
    assert project.score == 96 and result.claimed_difference == -1
