"""Policy files: built-in ids or paths, ``extends`` resolved, knobs checked."""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG
from typing import Any

import attrs

from .._checks import problems
from ..errors import InputError, Problem, display_path
from ..i18n import Words, t
from ..policy import BUILTIN_FOLDER, DEFAULT_POLICY, Policy, builtin_policy_ids, builtin_policy_path
from ._toml import Document, read_document
from ._values import describe

_IDENTITY_KEYS = ("id", "title", "extends", "sha256", "sources", "builtin", "impersonates", "files")
_COMPUTED = ("sha256", "builtin", "impersonates", "files")
"""Keys of a Policy that scoring works out, never read from a file."""


def _locate(ref: str, base: Path | None) -> tuple[Path, str]:
    """The file a policy reference names: a built-in id, or a path relative to ``base``."""
    if "/" not in ref and "\\" not in ref and not ref.endswith(".toml"):
        return builtin_policy_path(ref), f"{ref} ({t('内置', 'built-in')})"
    path = Path(ref)
    if not path.is_absolute() and base is not None:
        path = base / path
    return path, display_path(path)


Stamp = tuple[str, int, int, int]
"""A file of a policy's chain as it was read: its resolved path, inode, modification time and size."""

_MEMORY: dict[str, tuple[Policy, list[Stamp]]] = {}
_RESOLVED: dict[Path, tuple[str, tuple[int, int]]] = {}
"""Each policy path asked for, resolved, with the device and inode of the file it named then."""


def load_policy(ref: str | None = None, *, base: Path | None = None, place: Words = "", referrer: Document | None = None, at=()) -> Policy:
    """The policy ``ref`` names (default ``central-2020``), with its ``extends`` chain merged.

    Reading a policy means parsing and checking every file of its chain; the result is kept
    in memory for the rest of the process (a batch reads each policy once), until a file of
    the chain changes. Nothing is kept on disk: a cache that a later run trusts is a way in
    for whoever can write to it."""
    ref = ref or DEFAULT_POLICY
    path, _ = _locate(ref, base)
    resolved = _resolved(path)
    if resolved is not None:
        hit = _MEMORY.get(resolved)
        if hit is not None and all(_fresh(stamp) for stamp in hit[1]):
            return hit[0]
    try:
        policy, chain = _load_policy(ref, base, place, referrer, at)
    except InputError as exc:
        if referrer is None:
            raise
        line = referrer.locator.line(at)
        named = t("由 {file}{line} 的 policy 指定", "named by policy in {file}{line}", file=referrer.shown, line=f":{line}" if line else "")
        raise InputError([p if p.file == referrer.shown else attrs.evolve(p, hint=p.hint or named) for p in exc.problems]) from None
    if resolved is not None:
        _MEMORY[resolved] = (policy, [_stamp(d.path) for d in chain])
    return policy


def _resolved(path: Path) -> str | None:
    """``path`` resolved, or None if it names no regular file. A path asked for again (a batch asks
    for the same policy thousands of times) is not resolved again while it names the same file,
    through any link: the same device and inode."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not S_ISREG(st.st_mode):
        return None
    named = (st.st_dev, st.st_ino)
    hit = _RESOLVED.get(path)
    if hit is not None and hit[1] == named:
        return hit[0]
    resolved = str(path.resolve())
    _RESOLVED[path] = (resolved, named)
    return resolved


def _stamp(path: Path) -> Stamp:
    st = path.stat()
    return str(path.resolve()), st.st_ino, st.st_mtime_ns, st.st_size


def _fresh(stamp: Stamp) -> bool:
    """The file of ``stamp`` is the one that was read, unchanged."""
    try:
        st = os.stat(stamp[0])
    except OSError:
        return False
    return (st.st_ino, st.st_mtime_ns, st.st_size) == stamp[1:]


def _refused(referrer: Document | None, at, shown: str, place: Words, expected: Words, found: Words) -> InputError:
    """A policy reference that names no policy, reported where it is written: the referring file's line."""
    where = referrer.shown if referrer else shown
    line = referrer.locator.line(at) if referrer else None
    return InputError([Problem(where, place or "policy", expected, found, line=line)])


def _load_policy(ref: str, base: Path | None, place: Words, referrer: Document | None, at) -> tuple[Policy, list[Document]]:
    chain = _chain(ref, base, place, referrer, at)
    policy = _structure(_merged(chain), chain)
    problems = _check(policy, chain[0])
    if problems:
        raise InputError(problems)
    builtin = chain[0].path.resolve().parent == BUILTIN_FOLDER.resolve()
    digest = knob_digest(policy)
    impersonates = None
    if not builtin and policy.id in builtin_policy_ids() and (original := load_policy(policy.id).sha256) != digest:
        impersonates = (policy.id, original)  # a lookalike: the name of the national rules, other rules
    files = tuple(str(d.path.resolve()) for d in chain)
    return attrs.evolve(policy, sha256=digest, builtin=builtin, impersonates=impersonates, files=files), chain


def _chain(ref: str, base: Path | None, place: Words, referrer: Document | None, at) -> list[Document]:
    """The files of ``ref``'s ``extends`` chain, most derived first."""
    chain: list[Document] = []
    seen: set[Path] = set()
    while True:
        path, shown = _locate(ref, base)
        if not path.is_file():
            raise _refused(referrer, at, shown, place,
                           t("内置评分规则的 id（{ids}）或存在的文件路径", "a built-in policy id ({ids_en}) or the path of an existing file",
                             ids="、".join(builtin_policy_ids()), ids_en=", ".join(builtin_policy_ids())), f'"{ref}"')
        if path.resolve() in seen:
            raise InputError([Problem(shown, "extends", t('不循环的 extends 链', 'an extends chain without a loop'), f'"{ref}"')])
        seen.add(path.resolve())
        doc = read_document(path, shown)
        if "department" in doc.data or "indicator" in doc.data:  # an evaluation or an indicator set named as a policy
            raise _refused(referrer, at, shown, place, t('评分规则文件（有 id 与 title）', 'a policy file (with id and title)'),
                           t('评价文件或指标集 "{ref}"', 'an evaluation or an indicator set "{ref}"', ref=ref))
        chain.append(doc)
        parent = doc.data.get("extends")
        if parent is None:
            return chain
        if not isinstance(parent, str):
            raise InputError([doc.problem(("extends",), "extends", t('字符串', 'a string'), describe(parent))])
        ref, base, referrer, at, place = parent, path.parent, doc, ("extends",), "extends"


def _merged(chain: list[Document]) -> dict:
    """The chain's tables merged, the most derived file last, with its id and title."""
    merged: dict = {}
    problems: list[Problem] = []
    for doc in reversed(chain):
        for key in _COMPUTED:
            if key in doc.data:  # worked out by scoring; a file cannot say it
                problems.append(doc.problem((key,), key, t("评分规则的参数（此键由 scoring 计算，不能写在文件中）",
                                                            "a knob (scoring works this key out; a file cannot set it)"), describe(doc.data[key])))
        merged = _apply(merged, doc, problems)
    if problems:
        raise InputError(problems)
    top = chain[0]
    merged["id"] = top.data.get("id", merged.get("id"))
    merged["title"] = top.data.get("title", merged.get("title"))
    merged["extends"] = top.data.get("extends")
    merged.pop("sha256", None)
    return merged


def _structure(merged: dict, chain: list[Document]) -> Policy:
    """The merged tables as a Policy, its validators held back: :func:`_check` runs them all, naming
    every failure, where the first would stop the building. Built by the converter that stops at the
    first mistake; one that is not what a policy holds is built again to name every mistake."""
    from ._schema import converter_for, schema_errors

    with attrs.validators.disabled():
        try:
            return converter_for(detailed=False).structure(merged, Policy)
        except Exception:
            try:
                return converter_for(detailed=True).structure(merged, Policy)
            except Exception as exc:  # cattrs groups every mistake; name each in the file that wrote it
                raise InputError([_place(chain, e) for e in schema_errors(exc)]) from None


def knob_digest(policy: Policy) -> str:
    """The sha256 a result names its rules by: of the knobs (not the id, title or file), as sorted JSON.

    Worked out each time a policy is read (once a process for each, see :func:`load_policy`), so a
    built-in file edited in any way needs nothing else edited."""
    import hashlib
    import json

    knobs = {k: v for k, v in attrs.asdict(policy, recurse=True).items() if k not in _IDENTITY_KEYS}
    return hashlib.sha256(json.dumps(knobs, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


_EDITS = ("replace", "remove")
"""Keys of a policy file that edit what it extends: dotted knob names whose table is
replaced whole (not merged key by key), or removed."""


def _apply(merged: dict, doc: Document, problems: list[Problem]) -> dict:
    """``doc`` on top of what it extends: ``remove`` first, then the file's own tables, merged
    key by key except under the names in ``replace``."""
    data = {k: v for k, v in doc.data.items() if k not in _EDITS}
    edits: dict[str, list[list[str]]] = {}
    for key in _EDITS:
        names = doc.data.get(key, [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            problems.append(doc.problem((key,), key, t('参数名称的数组，如 ["split.points"]', 'an array of dotted knob names, like ["split.points"]'),
                                        describe(names)))
            continue
        edits[key] = [n.split(".") for n in names]
    out = _merge(merged, {})
    for parts in edits.get("remove", []):
        parent = _walk(out, parts[:-1])
        if parent is None or parts[-1] not in parent:
            problems.append(doc.problem(("remove",), "remove", t('被继承的规则中存在的参数', 'a knob of the policy it extends'),
                                        '"' + ".".join(parts) + '"'))
        else:
            del parent[parts[-1]]
    for parts in edits.get("replace", []):
        if _walk(data, parts) is None:
            problems.append(doc.problem(("replace",), "replace", t('本文件写出的参数', 'a knob this file writes'), '"' + ".".join(parts) + '"'))
    return _merge(out, data, replaced=[tuple(p) for p in edits.get("replace", [])])


def _walk(data: dict, parts: list[str]) -> Any:
    node: Any = data
    for part in parts:
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def _merge(base: dict, override: dict, replaced=(), at: tuple = ()) -> dict:
    """``override`` on top of ``base``: tables merge key by key, anything else is replaced."""
    out = {k: _merge(v, {}) if isinstance(v, dict) else v for k, v in base.items()}
    for key, value in override.items():
        here = at + (key,)
        if isinstance(value, dict) and isinstance(out.get(key), dict) and here not in replaced:
            out[key] = _merge(out[key], value, replaced, here)
        else:
            out[key] = value
    return out


def _place(chain: list[Document], error) -> Problem:
    """The problem in the file of the chain that wrote the key (the most derived one)."""
    for doc in chain:
        node: Any = doc.data
        for part in error.path[:-1] if error.path else ():
            node = node.get(part) if isinstance(node, dict) else None
        if error.path and isinstance(node, dict) and error.path[-1] in node:
            return doc.problem(error.path, _dotted(error.path), error.expected, error.found, error.hint)
    return chain[0].problem(error.path, _dotted(error.path), error.expected, error.found, error.hint)


def _dotted(path) -> Words:
    return ".".join(str(p) for p in path) or t('文件顶层', 'top level')


def _check(policy: Policy, doc: Document) -> list[Problem]:
    """What the types cannot say (ranges, orderings, references): the fields' own validators, every
    failure named where the file writes it."""
    return [doc.problem(at, _dotted(at), expected, found) for at, expected, found in problems(policy)]
