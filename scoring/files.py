"""Writing output files: atomically, and only where a user asked for them.

Every file ``score`` writes goes through :func:`atomic_write`: it is written
to a temporary file beside its target and moved into place only when it is
complete, so an interrupted run never leaves half a report, and a reader
never sees one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import InputError, Problem
from .i18n import t
from .limits import DEFAULT, Limits


def file_kind(path: Path) -> str | None:
    """None for a regular file (a symlink to one included); otherwise what it is: 目录, FIFO, 设备…"""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing, or unreadable: opening it says which
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


_KINDS = {"folder": ("文件夹", "a folder"), "FIFO": ("命名管道（FIFO）", "a FIFO"), "device": ("设备文件", "a device"),
          "socket": ("套接字", "a socket"), "special file": ("特殊文件", "a special file")}


def not_regular(shown: str, kind: str) -> Problem:
    zh, en = _KINDS[kind]
    return Problem(shown, "", t("普通文件", "a regular file"), t("{kind}（不会打开读取）", "{kind} (not opened)", kind=t(zh, en)))


def check_input(path: Path, shown: str, limits: Limits = DEFAULT) -> None:
    """Refuse, before opening it, a file that is not regular or is larger than ``limits`` allow."""
    kind = file_kind(path)
    if kind is not None:
        raise InputError([not_regular(shown, kind)])
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > limits.max_bytes:
        raise InputError([too_large(shown, size, limits.max_bytes, "--max-bytes")])


def too_large(shown: str, found: int, limit: int, option: str, what: str = "bytes") -> Problem:
    zh, en = {"bytes": ("字节", "bytes"), "cells": ("个有内容的单元格", "cells with content"), "values": ("个值", "values")}[what]
    return Problem(shown, "", t("不超过 {limit} {what}（可用 {option} 放宽）", "at most {limit} {what_en} (raise it with {option})",
                                limit=f"{limit:,}", what=zh, what_en=en, option=option),
                   t("{found} {what}", "{found} {what_en}", found=f"{found:,}", what=zh, what_en=en))


def read_input(path: Path, shown: str, limits: Limits = DEFAULT) -> bytes:
    """A file's bytes, within ``limits``; a special file is never opened."""
    check_input(path, shown, limits)
    return path.read_bytes()


def output_problems(output: Path, shown: str, force: bool, inputs: Iterable[Path | str]) -> list[Problem]:
    """Why ``output`` may not be written: it is a file this run read (``--force`` never replaces
    an input, an indicator set or a policy), it is not a regular file, or it exists and ``force`` is off."""
    target = output.resolve()
    if any(target == Path(p).resolve() for p in inputs):
        return [Problem(shown, "--output", t("不同于任何输入文件的路径（即使加 --force 也不会覆盖输入）",
                                             "a path other than any input (--force never replaces an input)"),
                        t("本次读取的文件", "a file this run read"))]
    if (kind := file_kind(output)) is not None:
        zh, en = _KINDS[kind]
        return [Problem(shown, "--output", t("普通文件的路径", "the path of a regular file"), t(zh, en))]
    if output.exists() and not force:
        return [Problem(shown, "--output", t("不存在的文件（覆盖请加 --force）", "a new file (add --force to replace it)"),
                        t("已存在的文件", "an existing file"))]
    return []


@contextmanager
def atomic_write(path: Path, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """A stream whose content replaces ``path`` when the block ends without an error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only when a file is written: the plain `score FILE` never pays for it

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())  # as any new file would be: colleagues on a shared folder can read it
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
