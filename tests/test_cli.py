"""The score command as a user runs it: output, exit codes, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scoring.cli import app
from scoring.console import main

from .conftest import ROOT, cli, runner

SEED = str(ROOT / "evaluations" / "2023.toml")


def score(*args: str):
    return runner.invoke(app, list(args))


def test_table_shows_score_grade_and_findings():
    result = score(SEED)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "97.14" in out and "优" in out
    assert "weights-sum" in out and "claimed-mismatch" in out
    assert "小计" in out and "总分" in out and "偏差原因" in out
    assert "\x1b[" not in out  # plain when not a terminal


@pytest.mark.parametrize("seconds", ["nan", "inf", "1e300"])
def test_a_timeout_that_is_no_number_of_seconds_is_refused(seconds):
    """typer's range lets "nan" through, and an endless timeout broke every file of the batch."""
    result = score(SEED, SEED, "--timeout", seconds)
    assert result.exit_code == 2 and "--timeout" in result.output
    assert "内部错误" not in result.output and "internal error" not in result.output


@pytest.mark.parametrize("how", [["-f", "json"], ["--format=json"]])  # read directly, and by typer
def test_a_reader_that_stops_reading_is_no_internal_error(tmp_path, how):
    from scoring.testing import write_corpus

    write_corpus(tmp_path, files=3, indicators=200, seed=1, misclaimed=1.0)
    proc = subprocess.Popen([sys.executable, "-m", "scoring", str(tmp_path), *how], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() == 1 and err == ""


def test_english_on_request():
    out = score(SEED, "--lang", "en").output
    assert "points total 98, not 100" in out and "claimed 98, computed 97.14" in out


def test_json_is_scoring_result_v1():
    data = json.loads(score(SEED, "--format", "json").output)
    assert data["format"] == "scoring.result.v1"
    assert data["score"] == "97.14" and data["grade"] == "优"
    assert data["points"] == {"earned": "95.20", "possible": "98.00"}
    assert data["claimed"]["score"] == "98" and data["claimed"]["difference"] == "0.86"
    assert data["policy"]["id"] == "central-2020" and len(data["policy"]["sha256"]) == 64
    assert {"department", "year", "overall", "projects", "findings"} <= set(data)
    subject = data["projects"][0]
    assert {"id", "name", "score", "grade", "points", "budget", "claimed", "indicators"} <= set(subject)
    assert set(subject["budget"]) >= {"rate", "points", "score"}
    assert data["overall"]["budget"] is None
    for ind in data["overall"]["indicators"] + subject["indicators"]:
        assert {"id", "name", "weight", "score", "formula"} <= set(ind)
        assert isinstance(ind["score"], str) and isinstance(ind["weight"], str)
    for f in data["findings"]:
        assert set(f) >= {"code", "severity", "subject", "indicator", "message"}


def test_markdown_and_csv():
    md = score(SEED, "--format", "markdown").output
    assert md.startswith("# ") and "| 一级指标 |" in md and "97.14" in md
    csv_text = score(SEED, "-f", "csv").output
    assert csv_text.startswith("\ufeff")  # Excel reads a CSV on standard output as UTF-8, as it does a file
    header, *rows = csv_text[1:].splitlines()
    assert header.startswith("subject_id,subject,row")
    assert sum(1 for r in rows if ",line," in r) == 42 + 8


@pytest.mark.parametrize("fail_on, code", [("none", 0), ("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on(fail_on, code):
    assert score(SEED, "--fail-on", fail_on, "-f", "json").exit_code == code


def test_fail_on_below_the_findings(write):
    path = write("e.toml", 'department = "部"\nyear = 2023\n[[project]]\nname = "甲"\nbudget = { full_year = 1, executed = 1 }\n'
                 '[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\ntarget = "≥3个"\nweight = 90\nactual = 3\n')
    # Only warnings (the 50/30/10 split) here: an error threshold passes, a warning one fails.
    assert score(str(path), "--fail-on", "error").exit_code == 0
    assert score(str(path), "--fail-on", "warning").exit_code == 1


def test_check_validates_only():
    result = score("check", SEED)
    assert result.exit_code == 0 and "2 个评价对象" in result.output and "50 项指标" in result.output


def test_policies_lists_the_builtins():
    result = score("policies")
    assert result.exit_code == 0 and "central-2020" in result.output
    knobs = score("policies", "central-2020").output
    assert "budget.points = 10" in knobs and "rounding.decimals = 2" in knobs


BROKEN = {
    "syntax": ('department = "部"\nyear = 2023\n[[project]\n', ["e.toml:3:10", "TOML"]),
    "unknown-key": ('department = "部"\nyear = 2023\npolcy = "central-2020"\n[[project]]\nname = "甲"\n'
                    '[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\ntarget = "≥3个"\nweight = 90\nactual = 3\n',
                    ["e.toml:3", "polcy", "policy"]),
    "nan": ('department = "部"\nyear = 2023\n[[project]]\nname = "甲"\n'
            '[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\ntarget = "≥3个"\nweight = 90\nactual = nan\n',
            ["e.toml:10", "nan", "指标「数」"]),
    "wrong-type": ('department = "部"\nyear = "2023年"\n[[project]]\nname = "甲"\n'
                   '[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\ntarget = "≥3个"\nweight = "十"\nactual = 3\n',
                   ["e.toml:2", "e.toml:9", "整数", "数字"]),
    "missing-set": ('department = "部"\nyear = 2023\n[[project]]\nname = "甲"\nindicators = "sets/nope.toml"\n',
                    ["e.toml:5", '"sets/nope.toml"']),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_exit_2_naming_every_problem(write, name):
    text, expected = BROKEN[name]
    path = write("e.toml", text)
    result = score(str(path))
    assert result.exit_code == 2
    for piece in expected:
        assert piece in result.output, result.output
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == text  # nothing the user wrote is touched


def test_missing_file():
    result = score("no/such/file.toml")
    assert result.exit_code == 2 and "no/such/file.toml" in result.output


def test_internal_error_is_short_and_has_no_figures(monkeypatch, capsys):
    import scoring.api

    def boom(path, **options):
        raise RuntimeError("225800")

    monkeypatch.setattr(scoring.api, "score_file", boom)
    monkeypatch.setattr(sys, "argv", ["score", SEED])
    monkeypatch.delenv("SCORING_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        main()
    err = capsys.readouterr().err
    assert info.value.code == 3
    assert "RuntimeError" in err and "SCORING_DEBUG" in err
    assert "Traceback" not in err and "225800" not in err


def test_output_file_is_written_atomically_and_never_over_an_input(tmp_path):
    out = tmp_path / "r.json"
    assert score(SEED, "-f", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["score"] == "97.14"
    again = score(SEED, "-f", "json", "-o", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    assert score(SEED, "-f", "json", "-o", str(out), "--force").exit_code == 0
    before = (ROOT / "evaluations" / "2023.toml").read_bytes()
    assert score(SEED, "-o", SEED, "--force").exit_code == 2
    assert (ROOT / "evaluations" / "2023.toml").read_bytes() == before


def test_console_script_end_to_end():
    proc = subprocess.run([sys.executable, "-m", "scoring", SEED, "--format", "json"], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["score"] == "97.14"


def test_no_color_and_piped_output_are_plain():
    proc = subprocess.run([sys.executable, "-m", "scoring", SEED], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, env={**__import__("os").environ, "NO_COLOR": "1"})
    assert proc.returncode == 0 and "\x1b[" not in proc.stdout and "97.14" in proc.stdout


def test_an_indicator_set_is_not_an_evaluation():
    result = score(str(ROOT / "indicator_sets" / "liangqu-biaoshi-2023.toml"))
    assert result.exit_code == 2 and "指标集" in result.output


def test_problems_in_english(write):
    text, _ = BROKEN["wrong-type"]
    out = score(str(write("e.toml", text)), "--lang", "en").output
    assert "expected an integer, found \"2023年\"" in out and "expected a number, found \"十\"" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_user_text_is_never_a_template(write, lang):
    """Braces, percent signs and quotes in a file are characters, never format fields."""
    path = write("e.toml", 'department = "部{0}"\nyear = 2023\n[[project]]\nname = "甲{name}%s"\n'
                           'budget = { full_year = 1, executed = 1 }\nclaimed = { score = 1 }\n'
                           '[[project.indicator]]\nlevel1 = "产出指标"\nname = "数{}"\ntarget = "≥3个{}"\nactual = "≥3个{}"\nweight = 90\n'
                           '[[project.indicator]]\nlevel1 = "效益指标"\nname = "{x!r}"\ncomparator = "定性"\ntarget = "有效{}"\n'
                           'actual = "受欢迎{0}"\nclaimed = 5\nweight = 10\n')
    for args in ([], ["-f", "json"], ["-f", "markdown"], ["-f", "csv"], ["--explain"]):
        out = cli(path, "--lang", lang, *args, code=(0, 1)).output
        assert "数{}" in out and "{x!r}" in out
        assert "--explain" in args or "≥3个{}" in out and "受欢迎{0}" in out
    assert '"≥3个{}"' in cli(path, code=(0, 1)).output


def test_english_is_english_from_the_first_message(write):
    path = write("e.toml", 'department = "d"\nyear = 2023\nproject = "x"\n')
    out = cli(path, "--lang", "en", code=2).output
    assert "expected an array" in out and "一个数组" not in out and "应为" not in out
    out = cli(path, code=2).output
    assert "应为一个数组" in out


def test_the_language_is_an_argument_not_a_setting(write):
    """Two renderings of one result in two languages: nothing global decides."""
    import io

    from scoring import score_file
    from scoring.report import render_result

    result = score_file(SEED)
    zh, en = io.StringIO(), io.StringIO()
    render_result(result, "table", en, "en")
    render_result(result, "table", zh, "zh")
    assert "points total 98, not 100" in en.getvalue() and "分值合计 98，应为 100" in zh.getvalue()


def test_version():
    import scoring

    assert cli("--version", code=0).output.strip() == f"scoring {scoring.__version__}"
    assert (ROOT / "scoring" / "py.typed").exists()


@pytest.mark.parametrize("args", [
    ["evaluations/2023.toml"],
    ["evaluations/2023.toml", "-f", "json", "--lang", "en"],
    ["run", "evaluations/2023.toml", "--explain"],
    ["evaluations/2023.toml", "--bogus"],
    ["--version"],
    ["--lang", "en", "check", "evaluations/2023.toml"],
    ["evaluations/2023.toml", "--help"],
    ["policies"],
    [],
])
def test_the_app_built_for_the_arguments_answers_as_the_whole_app(args):
    """``score FILE`` builds only the ``run`` command's parser; whatever the arguments, the answer is
    the one the app with every command gives."""
    from scoring.cli import app_for

    built = app_for(args)
    assert (built is app) == (not args or any(a in ("check", "policies", "--help") for a in args))
    alone, whole = runner.invoke(built, args), runner.invoke(app, args)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
