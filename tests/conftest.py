from __future__ import annotations

from pathlib import Path

import pytest

from scoring import i18n

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def chinese_messages():
    """Every test starts in the default language, whatever the one before it chose."""
    i18n.set_language("zh")
    yield
    i18n.set_language("zh")


@pytest.fixture
def write(tmp_path):
    """Write a file under a temporary folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """The policy cache of the test run stays in the test run."""
    import os

    os.environ["SCORING_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
