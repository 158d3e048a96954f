"""The plain ``score FILE`` path reads its arguments without typer, from the same option table; here
it is held to what typer passes the ``run`` command for the same arguments."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import command
from scoring.cli import app
from scoring.options import COMMANDS, RUN, read

from .conftest import runner

OPTIONS = [o for o in RUN if o.flags]
PATH_WORDS = ["a.toml", "inbox", "自评表.xlsx", "check", "run", "b c.toml", "./x/y.csv"]


def comparable(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """``values`` with a NaN written out: it is equal to nothing, itself included."""
    return values and {k: "nan" if v != v else v for k, v in values.items()}


def typer_values(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any] | None:
    """The values typer passes the run command for ``args``, or None when it does not run it."""
    seen: list[dict[str, Any]] = []

    def record(**values: Any) -> int:
        seen.append(values)
        return 0

    with monkeypatch.context() as m:
        m.setattr(command, "run", record)
        runner.invoke(app, args)
    return comparable(seen[0]) if seen else None


def good_value(option) -> st.SearchStrategy[str]:
    kind = option.item
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return st.sampled_from([m.value for m in kind])
    if kind is int:
        return st.integers(min_value=option.min or 0, max_value=10**6).map(str)
    if kind is float:
        return st.sampled_from(["0.1", "1", "2.5", "60", "1e2", "86400"])
    return st.sampled_from(PATH_WORDS + ["central-2020", "政策.toml"])


@st.composite
def plain_args(draw: st.DrawFn) -> list[str]:
    """Arguments as people write them: paths and options of the table, each with a value typer takes."""
    words = [[p] for p in draw(st.lists(st.sampled_from(PATH_WORDS[:3] + PATH_WORDS[5:]), min_size=1, max_size=3))]
    for option in draw(st.lists(st.sampled_from(OPTIONS), max_size=5)):
        flag = draw(st.sampled_from(option.flags))
        words.append([flag] if option.type is bool else [flag, draw(good_value(option))])
    order = draw(st.permutations(words))
    return (["run"] if draw(st.booleans()) else []) + [w for group in order for w in group]


def near_value(option) -> st.SearchStrategy[str]:
    """A value close to one the option takes: another case, spaces, a sign, out of range, another spelling."""
    kind = option.item
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return st.sampled_from([m.value for m in kind]).flatmap(
            lambda v: st.sampled_from([v.upper(), v.title(), f" {v}", f"{v} ", v[:-1], f"{v}s"]))
    if kind is int:
        return st.sampled_from(["0", "-1", " 3", "+3", "3.0", "1_0", "３", "0x10", "2 "])
    if kind is float:
        return st.sampled_from(["0.05", "0.1", " 1", "nan", "inf", "-inf", "1_0.5", "1e-1", "0.09999", "１", "86400.1"])
    return st.sampled_from(["", "-", "-x", "--", "a=b", " ", "~/x"])


ODD = ["--help", "-h", "--", "-", "", "--format=json", "-fjson", "-j2", "--no-force", "--bogus", "--version", "check",
       "policies", "-x", "0", "0.05", "nan", "+3", " 4", "1_000", "３", "JSON", "Table", "en", "zh", "rounding", "--lang"]


@st.composite
def any_args(draw: st.DrawFn) -> list[str]:
    """Arguments near the plain ones, with mistakes and forms the direct reader leaves to typer."""
    base = draw(plain_args())
    for option in draw(st.lists(st.sampled_from([o for o in OPTIONS if o.type is not bool]), min_size=1, max_size=2)):
        base += [draw(st.sampled_from(option.flags)), draw(near_value(option) | good_value(option))]
    for _ in range(draw(st.integers(0, 2))):
        base.insert(draw(st.integers(0, len(base))), draw(st.sampled_from(ODD + [f for o in OPTIONS for f in o.flags])))
    return base


@settings(max_examples=150, deadline=None)
@given(plain_args())
def test_plain_arguments_are_read_as_typer_reads_them(args):
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = typer_values(args, monkeypatch)
    assert expected is not None, args
    assert comparable(read(args)) == expected
    assert {k: type(v) for k, v in read(args).items()} == {k: type(v) for k, v in expected.items()}


@settings(max_examples=300, deadline=None)
@given(any_args())
def test_the_direct_reader_takes_nothing_typer_would_read_otherwise(args):
    """Whatever it takes, typer takes the same way; the rest (help, mistakes, other forms) is typer's to answer."""
    values = read(args)
    if values is None:
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert typer_values(args, monkeypatch) == comparable(values), args


def test_what_is_left_to_typer():
    seed = "evaluations/2023.toml"
    for args in ([], ["--help"], [seed, "--help"], ["check", seed], ["policies"], ["--version"], [seed, "-f", "nope"],
                 [seed, "-j", "0"], [seed, "--timeout", "0.01"], [seed, "--timeout", "inf"], [seed, "--timeout", "86400.5"],
                 [seed, "--lang", "EN"], [seed, "--format=json"], [seed, "-o"], [seed, "--", "-x"],
                 [seed, "-o", "-"], ["run"]):
        assert read(args) is None, args
    assert read(["run", seed, "-f", "json", "--kind", "rounding", "--kind", "overclaimed", "-f", "csv"]) == {
        **{o.name: o.default for o in OPTIONS}, "paths": [Path(seed)], "format": "csv", "kind": ["rounding", "overclaimed"]}


def test_the_direct_reader_knows_every_command_the_app_has():
    """A first argument naming a command goes to typer; one the reader did not know would be read as a
    file to score."""
    assert set(COMMANDS) == {info.name for info in app.registered_commands}
