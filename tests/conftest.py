from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def write(tmp_path):
    """Write a file under a temporary folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


class StrictRunner(CliRunner):
    """A CLI runner under which any exception fails the test: the ``score`` command may exit
    with 0, 1 or 2, never by raising (scriv's ``cli_invoke``)."""

    def invoke(self, *args, **kwargs):  # type: ignore[override]
        result = super().invoke(*args, **kwargs)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result


runner = StrictRunner()


def cli(*args, code: int | tuple[int, ...]):
    """Run ``score ARGS`` and check its exit code exactly; returns the result."""
    from scoring.cli import app

    result = runner.invoke(app, [str(a) for a in args])
    codes = (code,) if isinstance(code, int) else code
    assert result.exit_code in codes, (args, result.exit_code, result.output)
    return result
