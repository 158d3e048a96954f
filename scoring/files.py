"""Writing output files: atomically, and only where a user asked for them.

Every file ``score`` writes goes through :func:`atomic_write`: it is written
to a temporary file beside its target and moved into place only when it is
complete, so an interrupted run never leaves half a report, and a reader
never sees one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_write(path: Path, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """A stream whose content replaces ``path`` when the block ends without an error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            yield fh
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
