"""The layout shows the architecture: data flows one way, and no module imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "scoring"


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Every scoring module and the scoring modules it imports, at the top or inside a function."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    found: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                stem = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
                targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in modules else stem for a in node.names]
            else:
                continue
            found[name] |= {t for t in targets if t in modules and t != name}
    return found


def test_no_module_imports_one_that_imports_it_back():
    graph = imports()
    pairs = sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph.get(b, set())})
    assert pairs == []


def test_data_flows_one_way():
    """Reading knows nothing of scoring or reporting; scoring knows nothing of reporting or the CLI."""
    graph = imports()
    lower = {"scoring.model", "scoring.rules", "scoring.engine", "scoring.findings", "scoring.policy", "scoring.numbers"}
    upper = ("scoring.report", "scoring.batch", "scoring.cli", "scoring.command", "scoring.console", "scoring.options")
    for name in lower | {m for m in graph if m.startswith("scoring.load")}:
        assert not {t for t in graph[name] if t.startswith(upper)}, name
    for name in graph:
        if name.startswith("scoring.load"):
            assert not graph[name] & {"scoring.engine", "scoring.rules", "scoring.approved"}, name


def _imported_by(args: list[str]) -> set[str]:
    """The modules a fresh interpreter has loaded after ``score ARGS`` (run in it, output discarded)."""
    import json
    import subprocess
    import sys

    script = ("import contextlib, io, json, sys\nfrom scoring.console import main\nsys.argv = ['score', *json.loads(sys.argv[1])]\n"
              "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
              "    try:\n        main()\n    except SystemExit:\n        pass\nprint(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script, json.dumps(args)], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(done.stdout))


UNUSED_ON_THE_PLAIN_PATH = {"openpyxl", "xlrd", "jinja2", "multiprocessing", "scoring.report.charts", "scoring.batch", "typer", "scoring.cli"}


def test_scoring_a_plain_file_loads_only_what_it_uses(tmp_path):
    """``score FILE`` needs neither the other formats' libraries nor typer (its arguments are read from
    the option table), whether the file has a mistake or not; a mistake in the arguments goes to typer,
    which names that."""
    broken = tmp_path / "e.toml"
    broken.write_text((ROOT / "evaluations" / "2023.toml").read_text(encoding="utf-8").replace("year = 2023", "year = \"2023\""),
                      encoding="utf-8")
    for args in (["evaluations/2023.toml", "-f", "table"], ["evaluations/2023.toml", "-f", "json"], [str(broken)]):
        loaded = _imported_by(args)
        assert "scoring.load._reader" in loaded and not loaded & UNUSED_ON_THE_PLAIN_PATH, args
    assert {"typer", "scoring.cli"} <= _imported_by(["evaluations/2023.toml", "-f", "nope"])
