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
    for name in lower | {m for m in graph if m.startswith("scoring.load")}:
        assert not {t for t in graph[name] if t.startswith(("scoring.report", "scoring.cli", "scoring.batch"))}, name
    for name in graph:
        if name.startswith("scoring.load"):
            assert not graph[name] & {"scoring.engine", "scoring.rules", "scoring.approved"}, name
