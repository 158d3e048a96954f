"""Every file the project ships loads without a problem."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.load import EVALUATION, discover, load_evaluation, load_policy, read_indicator_set
from scoring.load._kinds import kind_of

from .conftest import ROOT


@pytest.mark.parametrize("path", sorted((ROOT / "indicator_sets").glob("**/*.toml")), ids=lambda p: p.name)
def test_indicator_set_loads(path):
    assert read_indicator_set(path, path.name, load_policy()).indicators


@pytest.mark.parametrize("path", sorted(p for p, kind in discover([ROOT / "evaluations"]) if kind == EVALUATION and p.suffix == ".toml"),
                         ids=lambda p: p.name)
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


def test_the_readme_policy_example_loads(tmp_path):
    import re

    from scoring.load import load_policy

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```toml\n(.*?)```", text, re.S) if "extends" in block)
    (tmp_path / "p.toml").write_text(example, encoding="utf-8")
    policy = load_policy(str(tmp_path / "p.toml"))
    assert policy.split.points == {"产出指标": 50, "效益指标": 30} and "合格" not in policy.grades.aliases
    assert policy.budget.points == 20  # from hubei-2022


def test_every_finding_code_is_documented():
    from scoring.findings import CATALOGUE, FindingCode

    text = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    documented = {line.split("`")[1] for line in text.splitlines() if line.startswith("| `")}
    assert documented == set(CATALOGUE) == set(FindingCode)


def test_the_findings_page_is_what_the_catalogue_generates():
    """docs/findings.md below its marker is written by scripts/make_findings_doc.py: edit the catalogue, then run it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_findings_doc", ROOT / "scripts" / "make_findings_doc.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    current = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert script.MARKER in current
    assert current == script.page(current), "docs/findings.md differs from the catalogue: run python scripts/make_findings_doc.py"


def test_the_shipped_workbook_scores_with_its_report():
    from scoring import score_file

    result = score_file(ROOT / "evaluations" / "workbooks" / "两区标识建设-自评表.xlsx")
    (p,) = result.projects
    assert p.subject.name == "门头沟“两区”标识建设" and p.score == 100 and p.subject.claimed.score == 100
    assert result.evaluation.source.parts and not [f for f in result.findings if f.severity == "error"]


def test_the_example_inbox_holds_what_was_planted(tmp_path):
    """evaluations/inbox/ is scoring.testing.inbox's inbox: each file scores to its planted kinds."""
    import json

    from scoring.testing.inbox import write_review_inbox

    from .conftest import cli

    planted = {p.name: p for p in write_review_inbox(tmp_path / "fresh")}
    shipped = json.loads(cli(ROOT / "evaluations" / "inbox", "-f", "json", code=0).output)
    rows = {Path(s["path"]).name: s for s in shipped["submissions"]}
    assert set(rows) == set(planted)
    for name, p in planted.items():
        assert set(rows[name]["kinds"]) == p.kinds and Decimal(rows[name]["score"]) == p.total, name


def test_the_readme_bureau_commands_run_as_written(tmp_path, monkeypatch):
    """Every ``score`` line of the README's bureau block, exactly, from a folder holding the repository's files."""
    import re
    import shlex

    from .conftest import cli

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"A finance bureau re-scoring.*?```sh\n(.*?)```", text, re.S).group(1)
    commands = [shlex.split(line.split("  #")[0]) for line in block.splitlines() if line.startswith("score ")]
    assert len(commands) >= 8
    (tmp_path / "evaluations").symlink_to(ROOT / "evaluations")
    monkeypatch.chdir(tmp_path)
    for command in commands:
        cli(*command[1:], code=0)
    assert (tmp_path / "复算汇总.xlsx").exists() and (tmp_path / "复算报告.html").exists() and (tmp_path / "壬局.toml").exists()


_LINES = st.sampled_from(['department = "某局"\n', "[[project]]\n", 'name = "项目"\n', "# 注释，说明文字\n", "\n",
                          "[[indicator]]\n", 'extends = "central-2020"\n', "  [overall]\n", "x = 1\n", "[rounding]\n"])


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 9000), st.lists(_LINES, max_size=6), st.sampled_from(["中", "a", "é"]))
def test_a_file_is_told_by_its_first_lines_as_by_all_of_it(tmp_path, pad, lines, char):
    """Discovery reads the first bytes of a file and reads on only when they do not show an
    evaluation: whatever sits across that point (a line, a character of several bytes), the kind is
    the one the whole text gives."""
    text = "# " + char * pad + "\n" + "".join(lines)
    path = tmp_path / "f.toml"
    path.write_text(text, encoding="utf-8")
    [(_, kind)] = discover([path])
    assert kind is kind_of(text)
