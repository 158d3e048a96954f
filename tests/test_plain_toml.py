"""The plain reader reads exactly as tomli does, or leaves the file to tomli.

:mod:`scoring.load._plain_toml` reads the shape nearly every evaluation file
has without tomli. Nothing it accepts may read differently: a number one
digit off, an integer read as a decimal, a key lost to a duplicate would all
be silent wrong scores. These tests write documents line by line from
fragments near the plain shape and past it (escapes, dates, signs,
underscores, dotted keys, headers twice, stray control characters, CR line
ends) and hold every document the reader accepts to tomli's data, to the
type and the decimal's exponent; and documents written only in the plain
shape to being accepted, so the fast way is the one taken.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import tomli
from hypothesis import event, given, settings
from hypothesis import strategies as st

from scoring import import_workbook
from scoring.load import read_document
from scoring.load._plain_toml import DEEPEST, read_plain
from scoring.load._toml import _shape
from scoring.testing import write_corpus
from scoring.testing.workbooks import Row, Table, book

from .conftest import ROOT


def typed(value):
    """``value`` with every leaf as its type and text: 1, 1.0, True and Decimal("1.00") all differ."""
    if type(value) is dict:
        return {key: typed(v) for key, v in value.items()}
    if type(value) is list:
        return [typed(v) for v in value]
    return type(value).__name__, str(value)


def tomli_reads(text: str):
    try:
        return tomli.loads(text, parse_float=Decimal)
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        return None


def same_or_refused(text: str) -> bool:
    """What the plain reader gives for ``text`` is tomli's data, or it gives nothing; True if it read it."""
    plain = read_plain(text)
    if plain is None:
        return False
    expected = tomli_reads(text)
    assert expected is not None, f"the plain reader accepted what tomli refuses: {text!r}"
    assert typed(plain) == typed(expected), text
    deep, values = _shape(plain, DEEPEST + 1)  # what lets read_document skip this walk
    assert deep is None and 4 * values <= len(text) + 1, text
    return True


NAMES = ["project", "indicator", "overall", "results", "claimed", "budget", "id", "a", "b"]
CHARS = "ab 指标≥%\t\"\\#=,{}[]'.\x00\x1f\x7f\r\n\u3000\ufeff\x85"

keys = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(['"1.1"', '""', '"a b"', "'lit'", "a.b", "a . b", '"id"', "指标", "A_1-x", '"\\u0041"', '"a"b']),
)
numbers = st.one_of(
    st.sampled_from(["0", "-0", "+1", "007", "1_000", "1e3", "1E-2", "1.", ".5", "-0.0", "0.50", "inf", "-nan",
                     "0x1F", "0o7", "0b1", "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", "9" * 31, "9" * 32,
                     "1." + "5" * 30, "1." + "5" * 31, "9" * 5000]),
    st.builds(lambda sign, whole, part: sign + whole + part, st.sampled_from(["", "-", "+"]),
              st.text("0123456789_", min_size=1, max_size=4), st.one_of(st.just(""), st.text(".0123456789eE_+-", max_size=4))),
)
strings = st.one_of(
    st.builds(lambda s: f'"{s}"', st.text(CHARS, max_size=5)),
    st.sampled_from(['"a\\"b"', "'literal'", '"""multi"""', "'''m'''", '"open', '""', '"\\t"']),
)
scalars = st.one_of(strings, numbers, st.sampled_from(["true", "false", "True", "[1, 2]", "[]", '["a"]']))
inline = st.builds(
    lambda pairs, sep, end: "{" + sep.join(f"{k} = {v}" for k, v in pairs) + end,
    st.lists(st.tuples(keys, scalars), max_size=3), st.sampled_from([", ", ",", " , ", " "]),
    st.sampled_from([" }", "}", ", }", "", " } x", "}}"]),
)
key_lines = st.builds(
    lambda k, eq, v, tail: f"{k}{eq}{v}{tail}",
    keys, st.sampled_from([" = ", "=", "\t=\t", " =", "= ", ""]), st.one_of(scalars, inline),
    st.sampled_from(["", "", " ", " # 注释", "\t#c", " x", ",", " #\x7f", " #\r"]),
)
header_lines = st.builds(
    lambda opening, first, second, closing, tail: f"{opening}{first}{second}{closing}{tail}",
    st.sampled_from(["[[", "[", "[[ ", "[ [", "[\t"]), st.sampled_from(NAMES + ['"q"', "a b"]),
    st.one_of(st.just(""), st.builds(lambda dot, name: dot + name, st.sampled_from([".", " . ", ".."]), st.sampled_from(NAMES))),
    st.sampled_from(["]]", "]", " ]]", "] ]", "]]]"]), st.sampled_from(["", " # c", " x"]),
)
other_lines = st.sampled_from(["", " ", "\t", "# 注释", "   # c", "#\x00", "x", "\u3000a = 1", "\ufeffa = 1"])
fitting_keys = st.builds(
    lambda k, v: f"{k} = {v}", st.one_of(st.sampled_from(NAMES), st.from_regex(r"k[0-9]{1,2}", fullmatch=True)), st.one_of(
        st.builds(lambda s: f'"{s}"', st.text("ab 指标≥%\t#=,.", max_size=4)), st.sampled_from(["0", "-0", "12", "-3.50", "0.0", "true"]),
        st.builds(lambda k, v: f"{{ {k} = {v} }}", st.sampled_from(NAMES), st.sampled_from(['"x"', "1", "1.0", "false"]))))
fitting_headers = st.sampled_from([
    "[[project]]", "[[project]]\n[[project.indicator]]", "[[project]]\n[project.budget]", "[[project.indicator]]", "[project.budget]",
    "[overall]", "[overall]\n[overall.results]", "[overall.results]", "[[a]]\n[[a.b]]", "[[a]]\n[a.b]", "[a]\n[[a.b]]", "[a.b]", "[b]",
    "[ [a] ]", "[[ project . indicator ]]"])
fitting_lines = st.one_of(fitting_keys, fitting_keys, fitting_keys, fitting_headers)
"""Lines of the plain shape, and a few just past it: a header's parent not yet made, a header twice."""


@st.composite
def documents(draw) -> str:
    """Lines that fit, with now and then one from anywhere among the fragments above."""
    body = draw(st.lists(fitting_lines, max_size=12))
    if draw(st.integers(0, 2)) == 0:
        body.insert(draw(st.integers(0, len(body))), draw(st.one_of(key_lines, header_lines, other_lines)))
    end = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    ends = [end] * len(body)
    if body and draw(st.integers(0, 3)) == 0:
        ends[draw(st.integers(0, len(body) - 1))] = draw(st.sampled_from(["\r", "", " \n", "\n\n"]))
    return "".join(line + end for line, end in zip(body, ends))


@settings(max_examples=1500, deadline=None)
@given(documents())
def test_what_the_plain_reader_accepts_tomli_reads_the_same(text):
    event("read plainly" if same_or_refused(text) else "left to tomli")


GOOD_STRINGS = st.text(st.characters(blacklist_characters='"\\', blacklist_categories=("Cc", "Cs")) | st.just("\t"), max_size=6)
GOOD_NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False).map(lambda d: format(d, "f")).filter(lambda s: "." in s),
)
GOOD_SCALARS = st.one_of(GOOD_STRINGS.map(lambda s: f'"{s}"'), GOOD_NUMBERS, st.sampled_from(["true", "false"]))
INLINE_SCALARS = GOOD_SCALARS.filter(lambda v: not set(v) & set("{}[]"))
BARE = st.text("abcxyz_-019", min_size=1, max_size=4)


@st.composite
def plain_tables(draw) -> list[str]:
    """The key lines of one table: unique keys, some quoted, some values inline tables."""
    names = draw(st.lists(BARE, unique=True, max_size=5))
    written = []
    for name in names:
        key = f'"{name}"' if draw(st.booleans()) and draw(st.booleans()) else name
        if draw(st.integers(0, 5)) == 0:
            inner = draw(st.lists(st.tuples(BARE, INLINE_SCALARS), unique_by=lambda p: p[0], max_size=3))
            value = "{" + ", ".join(f"{k} = {v}" for k, v in inner) + "}"
        else:
            value = draw(GOOD_SCALARS)
        written.append(f"{key}{draw(st.sampled_from([' = ', '=', chr(9) + '= ']))}{value}{draw(st.sampled_from(['', '  # 说明']))}")
    return written


@st.composite
def plain_documents(draw) -> str:
    """Documents in the plain shape only: root keys, then projects with their rows and sub-tables,
    or a table with its own sub-tables, in any order TOML allows."""
    out = draw(plain_tables())
    defined_roots: set[str] = set(line.split("=")[0].strip().strip('"') for line in out)
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            out.append("[[project]]")
            out += draw(plain_tables())
            subs: set[str] = set()
            for _ in range(draw(st.integers(0, 4))):
                if draw(st.booleans()):
                    out.append("[[project.indicator]]")
                    subs.add("indicator")
                else:
                    name = draw(st.sampled_from(["budget", "claimed", "notes"]))
                    if name in subs:
                        continue
                    subs.add(name)
                    out.append(f"[project.{name}]")
                out += [line for line in draw(plain_tables()) if not line.startswith(("indicator", '"indicator"'))]
        else:
            name = draw(st.sampled_from(["overall", "grades", "extra"]))
            if name in defined_roots or "project" in defined_roots and name == "project":
                continue
            defined_roots.add(name)
            out.append(f"[{name}]")
            out += [line for line in draw(plain_tables()) if not line.startswith(("results", '"results"'))]
            if draw(st.booleans()):
                out.append(f"[{name}.results]")
                out += draw(plain_tables())
    if "project" in defined_roots:
        return ""
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(out) + draw(st.sampled_from(["", end]))


@settings(max_examples=400, deadline=None)
@given(plain_documents())
def test_the_plain_shape_is_read_plainly(text):
    assert same_or_refused(text), text


def test_files_written_as_evaluations_are_read_plainly(tmp_path: Path):
    """What `scoring.testing` writes, the shipped example and its indicator sets, and a workbook
    written out by `score import` (tomli-w's tables and comments) all take the fast way."""
    write_corpus(tmp_path, files=3, indicators=30)
    written = sorted(tmp_path.glob("*.toml"))
    assert written
    table = Table("园区道路维护", [Row("产出指标", "数量指标", "培训人次", "≥500人次", "480人次", 20, 19.2, "两期培训合并"),
                                  Row("产出指标", "质量指标", "验收合格率", Decimal(100), Decimal(97), 20, 19.4, "个别路段返工", percent=True)])
    imported, _ = import_workbook(book(tmp_path / "book.xlsx", [table]), tmp_path / "imported.toml")
    for path in [*written, imported, ROOT / "evaluations" / "2023.toml", *sorted((ROOT / "indicator_sets").glob("*.toml"))]:
        assert same_or_refused(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("text", [
    'a = "x\\ty"', "a = 'x'", 'a = """x"""', "a = +1", "a = 1_000", "a = 1e3", "a = 1979-05-27", "a = inf",
    "a = [1, 2]", "a.b = 1", '"a\\u0062" = 1', "[a.b]\nc = 1", "[[a.b]]", "a = { b = 1, }", 'a = { "b" = 1 }',
    "a = 1\na = 2", "a = 1\n[a]", "a = { b = 1 }\n[a.c]", "a = { b = 1 }\n[[a.c]]", "[a]\n[a]", "[a]\n[[a]]",
    "[[a]]\n[a]", "[[a]]\n[a.b]\n[a.b]", "[[a]]\nb = 1\n[[a.b]]", "a = 1\r", "a = 1 # \x7f", "a = 1\x0b",
])
def test_what_is_not_plain_is_left_to_tomli(text):
    assert read_plain(text) is None


def test_a_line_that_does_not_fit_costs_one_pass_over_it():
    """Blanks before a stray character, or inside an inline table, are not tried once per blank
    (quadratic, minutes at this size): the reader gives up after one pass."""
    blanks = " \t" * 200_000
    assert read_plain(blanks + "x = 1") is not None
    assert read_plain(blanks + "?") is None
    assert read_plain("a = {" + blanks + "?}") is None
    assert read_plain("a" + blanks + "?") is None


def test_a_plain_file_skips_the_walk_only_within_the_bounds(tmp_path: Path):
    """Read plainly, a file is held to the value and depth bounds as tomli's data is: the walk is
    left out only where the text is too short to pass them."""
    from scoring.errors import InputError
    from scoring.limits import Limits

    path = tmp_path / "values.toml"
    path.write_text("a=1\nb=2\nc={d=3,e=4}", encoding="utf-8")
    assert read_plain(path.read_text(encoding="utf-8")) is not None
    read_document(path, limits=Limits(max_cells=4))
    with pytest.raises(InputError, match="4"):
        read_document(path, limits=Limits(max_cells=3))
    deep = tmp_path / "deep.toml"
    deep.write_text("[[a]]\n[[a.b]]\nc = { d = 1 }\n", encoding="utf-8")
    read_document(deep, limits=Limits(max_depth=DEEPEST + 1))
    with pytest.raises(InputError):
        read_document(deep, limits=Limits(max_depth=DEEPEST))
