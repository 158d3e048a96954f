"""Policies as data: built-ins, extends, knobs checked with their place."""

from __future__ import annotations

import os
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import InputError, load_evaluation, load_policy, score_evaluation
from scoring.engine import score_subject
from scoring.i18n import word

from .conftest import ROOT
from .strategies import CENTRAL, policies, subjects, toml_values

SEED = ROOT / "evaluations" / "2023.toml"


def test_builtin_default_carries_the_national_defaults():
    p = load_policy()
    assert p.id == "central-2020" and p.source == "财预〔2020〕10号"
    assert p.budget.points == 10 and p.budget.denominator == "full_year"
    assert p.split.points == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert [(b.label, b.min) for b in p.grades.bands] == [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
    assert p.overachievement.threshold == Decimal("0.2") and p.overachievement.mode == "flag"
    assert p.rounding.decimals == 2 and p.rounding.mode == "half_up"
    assert [lv.fraction for lv in p.qualitative.scale(None).levels] == [1, Decimal("0.8"), Decimal("0.6"), Decimal("0.4"), Decimal("0.2")]


def test_extends_with_no_changes_scores_identically(tmp_path):
    (tmp_path / "same.toml").write_text('id = "same"\ntitle = "同"\nextends = "central-2020"\n', encoding="utf-8")
    same = load_policy(str(tmp_path / "same.toml"))
    assert same.id == "same" and same.sha256 == CENTRAL.sha256
    ev = load_evaluation(SEED)
    a = score_evaluation(ev)
    b = score_evaluation(attrs.evolve(ev, policy=same))
    assert (a.score, a.earned, a.grade) == (b.score, b.earned, b.grade)
    assert [f.word("zh") for f in a.findings] == [f.word("zh") for f in b.findings]


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subjects())
def test_extends_with_no_changes_scores_identically_for_any_subject(tmp_path, subject):
    path = tmp_path / "same.toml"
    path.write_text('id = "same"\ntitle = "同"\nextends = "central-2020"\n', encoding="utf-8")
    same = load_policy(str(path))
    a, b = score_subject(subject, CENTRAL, []), score_subject(subject, same, [])
    assert (a.earned, a.possible, a.score, a.grade) == (b.earned, b.possible, b.score, b.grade)


def test_extends_changes_only_what_it_names(write):
    path = write("hubei.toml", 'id = "hubei-2022"\ntitle = "湖北"\nextends = "central-2020"\n[budget]\npoints = 20\n[rounding]\ndecimals = 1\n')
    p = load_policy(str(path))
    assert p.budget.points == 20 and p.budget.denominator == "full_year"
    assert p.rounding.decimals == 1 and p.rounding.mode == "half_up"
    assert p.sha256 != CENTRAL.sha256


def test_evaluation_names_a_policy_by_path(write):
    write("rules/whole.toml", 'id = "whole"\ntitle = "整数"\nextends = "central-2020"\n[rounding]\ndecimals = 0\n')
    text = SEED.read_text(encoding="utf-8").replace('policy = "central-2020"', 'policy = "../rules/whole.toml"')
    text = text.replace("../indicator_sets/", str(ROOT / "indicator_sets") + "/")
    result = score_evaluation(load_evaluation(write("ev/e.toml", text)))
    # Whole points per row: 1.8 → 2 twice and 1.6 → 2, so 96 of 98 → 97.96 → 98,
    # and the department's claim of 98 holds under this policy.
    assert result.policy.id == "whole" and result.earned == 96 and result.score == Decimal(98)
    assert "claimed-mismatch" not in {f.code for f in result.findings}


def test_bad_knobs_are_named_in_the_policy_file(write):
    path = write("bad.toml", 'id = "bad"\ntitle = "坏"\nextends = "central-2020"\n[rounding]\ndecimals = 2\nmode = "banker"\n[budget]\npoints = true\n')
    with pytest.raises(InputError) as info:
        load_policy(str(path))
    found = {(p.line, word(p.place, "zh")) for p in info.value.problems}
    assert found == {(6, "rounding.mode"), (8, "budget.points")}


def test_extends_loop_is_an_error(write):
    write("a.toml", 'id = "a"\ntitle = "a"\nextends = "b.toml"\n')
    path = write("b.toml", 'id = "b"\ntitle = "b"\nextends = "a.toml"\n')
    with pytest.raises(InputError) as info:
        load_policy(str(path))
    assert "extends" in str(info.value)


def test_a_changed_policy_file_is_read_again(write):
    import os

    path = write("p.toml", 'id = "p"\ntitle = "p"\nextends = "central-2020"\n[budget]\npoints = 20\n')
    assert load_policy(str(path)).budget.points == 20
    assert load_policy(str(path)) is load_policy(str(path))  # checked once per process
    path.write_text('id = "p"\ntitle = "p"\nextends = "central-2020"\n[budget]\npoints = 15\n', encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert load_policy(str(path)).budget.points == 15


def test_a_policy_link_pointed_elsewhere_is_read_again(write, tmp_path):
    """A batch asks for the same policy path thousands of times and resolves it once; a link that
    now names another file (same size, same time) is still resolved and read again."""
    import os

    text = 'id = "p"\ntitle = "p"\nextends = "central-2020"\n[budget]\npoints = {}\n'
    first, second = write("p1.toml", text.format(20)), write("p2.toml", text.format(15))
    os.utime(first, ns=(1, 1))
    os.utime(second, ns=(1, 1))
    link = tmp_path / "policy.toml"
    link.symlink_to(first)
    assert load_policy(str(link)).budget.points == 20
    assert load_policy(str(link)) is load_policy(str(link))
    link.unlink()
    link.symlink_to(second)
    assert load_policy(str(link)).budget.points == 15


def test_no_policy_cache_is_read_from_disk(tmp_path, monkeypatch):
    """Whoever can write a cache folder must not run code in the next ``score``: nothing is
    kept on disk, so a planted file anywhere the old cache lived changes nothing."""
    import pickle
    import subprocess
    import sys

    class Boom:
        def __reduce__(self):
            return (open, (str(tmp_path / "pwned"), "w"))

    home = tmp_path / "home"
    for folder in (home / ".cache" / "scoring", tmp_path / "cache"):
        folder.mkdir(parents=True)
        for name in ("policy.pickle", "policy-0000.pickle"):
            (folder / name).write_bytes(pickle.dumps(Boom()))
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "SCORING_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "scoring", str(SEED)], env=env, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    assert not (tmp_path / "pwned").exists()
    assert not any(p.suffix == ".pickle" for p in (ROOT / "scoring").rglob("*"))
    # The one use of pickle: batch rows spooled to an anonymous temporary file this process made and
    # reads back itself (what multiprocessing already does between workers); nothing that outlives the run.
    users = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "scoring").rglob("*.py") if "pickle" in p.read_text(encoding="utf-8")}
    assert set(users) == {"batch.py"}
    assert "pickle.load(" not in users["batch.py"] and "tempfile.TemporaryFile()" in users["batch.py"]


def _policy_files():
    """Policy files as a submission might write them: every knob a file can set, within its type,
    in range or not. What the loader accepts must keep the scoring invariants."""
    from hypothesis import strategies as st

    number = st.one_of(st.integers(-20, 200), st.decimals(-5, 5, places=2, allow_nan=False, allow_infinity=False))
    fraction = st.decimals(-1, 2, places=2, allow_nan=False, allow_infinity=False)
    return st.fixed_dictionaries({}, optional={
        "total": st.integers(-10, 200),
        "budget": st.fixed_dictionaries({}, optional={"points": number, "method": st.sampled_from(["linear", "steps"]),
                                                       "steps": st.lists(st.fixed_dictionaries({"min_rate": fraction, "fraction": fraction}), max_size=3),
                                                       "caps": st.lists(st.fixed_dictionaries({"below": fraction, "at_most": number}), max_size=3)}),
        "overachievement": st.fixed_dictionaries({}, optional={"mode": st.sampled_from(["flag", "deduct", "fixed"]), "threshold": fraction,
                                                               "slope": number, "floor": fraction, "points": number,
                                                               "inclusive": st.booleans()}),
        "rounding": st.fixed_dictionaries({}, optional={"decimals": st.integers(-2, 12), "mode": st.sampled_from(["half_up", "down"]),
                                                        "stage": st.sampled_from(["indicator", "total"])}),
        "formulas": st.fixed_dictionaries({}, optional={"at_most": st.sampled_from(["inverse", "linear"]),
                                                         "equal": st.sampled_from(["ratio", "at_least"])}),
        # every label present: a row whose grade a scale drops is refused when the evaluation is read
        "qualitative": st.fixed_dictionaries({}, optional={"scales": st.lists(st.fixed_dictionaries({
            "name": st.just("优良中低差"), "levels": st.lists(st.fixed_dictionaries({"label": st.sampled_from(["优", "良", "中", "低", "差"]),
                                                                                  "fraction": fraction}), min_size=5, max_size=5,
                                                                 unique_by=lambda level: level["label"])}),
            min_size=1, max_size=1)}),
        "grades": st.fixed_dictionaries({}, optional={"bands": st.lists(st.fixed_dictionaries({"label": st.sampled_from(["优", "良", "中", "差"]),
                                                                                                "min": number}), min_size=1, max_size=4)}),
    })


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_policy_files(), subjects())
def test_no_policy_a_file_can_declare_lifts_a_row_above_its_points_or_a_table_above_100(tmp_path, knobs, subject):
    import tomli_w

    path = tmp_path / "p.toml"
    path.write_text(tomli_w.dumps({"id": "mine", "title": "mine", "extends": "central-2020", **knobs}), encoding="utf-8")
    try:
        policy = load_policy(str(path))
    except InputError:
        return  # refused, with its problems: a file cannot choose what the engine will not honour
    result = score_subject(subject, policy, [])
    for r in result.lines:
        assert Decimal(0) <= r.score <= r.line.indicator.weight
    if result.budget:
        assert Decimal(0) <= result.budget.score <= result.budget.scored.points
    assert Decimal(0) <= result.score <= 100


def _reference_digest(policy) -> str:
    """The digest as it was defined when results first named their rules by it: sha256 of the knobs'
    sorted JSON, by json and hashlib. A bureau compares it across runs and versions."""
    import hashlib
    import json

    from scoring.load._policy import _IDENTITY_KEYS

    knobs = {k: v for k, v in attrs.asdict(policy, recurse=True).items() if k not in _IDENTITY_KEYS}
    return hashlib.sha256(json.dumps(knobs, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def test_the_built_in_policies_are_named_by_the_digest_of_their_knobs():
    from scoring.policy import builtin_policy_ids

    for pid in builtin_policy_ids():
        policy = load_policy(pid)
        assert policy.builtin and policy.sha256 == _reference_digest(policy)
    assert len({load_policy(pid).sha256 for pid in builtin_policy_ids()}) == len(builtin_policy_ids())


@settings(max_examples=100, deadline=None)
@given(policies(), st.text(min_size=1).filter(str.strip))
def test_the_digest_is_the_sorted_json_of_the_knobs_for_any_policy(policy, text):
    """Whatever the knobs hold, any characters in their text, the digest is the one results have always named."""
    from scoring.load._policy import knob_digest

    policy = attrs.evolve(policy, source=text, labels=attrs.evolve(policy.labels, cost=(text, "成本")),
                          units=attrs.evolve(policy.units, synonyms={text: "万元", "万": text}))
    assert knob_digest(policy) == _reference_digest(policy)


def test_the_same_knobs_written_otherwise_hash_alike(write):
    """Another id and title, keys in another order, comments, a knob restated at its value: the same digest."""
    text = ('title = "重写"\nid = "restated"\nextends = "central-2020"\n# 注释\n[rounding]\nstage = "indicator"\nmode = "half_up"\n'
            'decimals = 2\n[budget]\npoints = 10\n[formulas]\nequal_meets_strict = true\n')
    restated = load_policy(str(write("restated.toml", text)))
    assert restated.sha256 == CENTRAL.sha256 and not restated.builtin and restated.impersonates is None


def test_a_built_in_policy_edited_in_place_is_hashed_again(tmp_path, monkeypatch):
    """A built-in file that is not as shipped gets the digest of what it now says: the same for a new
    comment, another for a changed knob. The table never vouches for a file it was not made from."""
    import shutil

    import scoring.load._policy as loader
    import scoring.policy

    folder = tmp_path / "policies"
    shutil.copytree(scoring.policy.BUILTIN_FOLDER, folder)
    for module in (scoring.policy, loader):
        monkeypatch.setattr(module, "BUILTIN_FOLDER", folder)
    central = folder / "central-2020.toml"
    central.write_text(central.read_text(encoding="utf-8") + "# 本地备注\n", encoding="utf-8")
    commented = load_policy("central-2020")
    assert commented.builtin and commented.sha256 == CENTRAL.sha256
    central.write_text(central.read_text(encoding="utf-8").replace("threshold = 0.2", "threshold = 0.3"), encoding="utf-8")
    changed = load_policy("central-2020")
    assert changed.overachievement.threshold == Decimal("0.3")
    assert changed.sha256 != CENTRAL.sha256 and changed.sha256 == loader.knob_digest(changed)


_KNOB_PATHS = [("total",), ("source",), ("rounding", "decimals"), ("rounding", "mode"), ("budget", "points"), ("budget", "steps"),
               ("overachievement", "inclusive"), ("grades", "bands"), ("grades", "aliases"), ("split", "points"), ("labels", "cost"),
               ("qualitative", "scales"), ("units", "synonyms"), ("sources",), ("formulas", "equal_meets_strict")]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_policy_files(), st.one_of(st.none(), st.tuples(st.sampled_from(_KNOB_PATHS), toml_values())))
def test_a_policy_is_built_alike_by_both_modes_of_the_converter(tmp_path, monkeypatch, knobs, stray):
    """Generated policy files, a knob now and then given any value TOML can hold (a boolean for a
    number, a table for an array): a policy is built by the converter that stops at the first mistake,
    and by the one that names every mistake only when it has one; what one builds the other builds."""
    import tomli_w

    import scoring.load._policy as loader
    import scoring.load._schema as schema
    from scoring.policy import Policy

    if stray is not None:
        (*parents, key), value = stray
        table = knobs = dict(knobs)
        for name in parents:
            table[name] = table = dict(table.get(name, {}))
        table[key] = value
    structured: list[dict] = []
    real = schema.converter_for

    def recording(detailed: bool):
        conv = real(detailed)
        if detailed:
            return conv

        class Recording:
            def structure(self, value, cl):
                structured.append(value)
                return conv.structure(value, cl)

        return Recording()

    monkeypatch.setattr(schema, "converter_for", recording)
    monkeypatch.setattr(loader, "_MEMORY", {})
    path = tmp_path / "p.toml"
    path.write_text(tomli_w.dumps({"id": "mine", "title": "mine", "extends": "central-2020", **knobs}), encoding="utf-8")
    try:
        load_policy(str(path))
    except InputError:
        pass

    def built(value, detailed: bool):
        try:
            with attrs.validators.disabled():  # as the loader builds it: the validators run after, all of them
                return real(detailed).structure(value, Policy)
        except Exception:
            return None

    assert structured
    for merged in structured:
        assert built(merged, False) == built(merged, True)


def test_policies_compare_and_hash_by_their_knobs():
    """The knob tables are compared by value without generated methods: the same policy read twice is
    equal and hashes alike; one knob changed anywhere makes it differ."""
    a = load_policy("central-2020")
    b = attrs.evolve(a, rounding=attrs.evolve(a.rounding), grades=attrs.evolve(a.grades, bands=tuple(attrs.evolve(g) for g in a.grades.bands)))
    assert b is not a and b.rounding is not a.rounding and b == a and hash(b.rounding) == hash(a.rounding)
    assert attrs.evolve(a, rounding=attrs.evolve(a.rounding, decimals=a.rounding.decimals + 1)) != a
    assert attrs.evolve(a.rounding, mode="down" if a.rounding.mode != "down" else "half_up") != a.rounding
    assert a.rounding != a.formulas and (a.rounding == object()) is False


def test_a_file_with_a_built_in_id_and_other_rules_is_a_policy_mismatch(write):
    """A lookalike is scored by its own rules, and the result says it is not the built-in it names;
    a file restating the built-in's rules under its id is no lookalike."""
    ev = load_evaluation(SEED)
    other = load_policy(str(write("other.toml", 'id = "central-2020"\ntitle = "仿"\nextends = "central-2020"\n[rounding]\ndecimals = 1\n')))
    assert not other.builtin and other.impersonates == ("central-2020", CENTRAL.sha256) and other.sha256 != CENTRAL.sha256
    assert "policy-mismatch" in {f.code for f in score_evaluation(attrs.evolve(ev, policy=other)).findings}
    same = load_policy(str(write("same.toml", 'id = "central-2020"\ntitle = "同"\nextends = "central-2020"\n[rounding]\ndecimals = 2\n')))
    assert same.impersonates is None
    assert "policy-mismatch" not in {f.code for f in score_evaluation(attrs.evolve(ev, policy=same)).findings}


def _tables(cls=None, seen=None):
    """Every knob table class below Policy, once."""
    import typing

    from scoring.policy import Policy

    cls = cls or Policy
    seen = seen if seen is not None else []
    if cls not in seen:
        seen.append(cls)
        for f in attrs.fields(cls):
            for tp in (f.type, *typing.get_args(f.type)):
                if attrs.has(tp):
                    _tables(tp, seen)
    return seen


def test_a_knob_range_is_stated_once_on_its_field_and_reaches_the_schema():
    """The JSON Schema's bounds are the validators' own; a table built by hand out of range is refused."""
    from scoring._checks import KnobError, Range
    from scoring.load._jsonschema import json_schema

    schema = json_schema("policy")
    checked = 0
    for cls in _tables():
        props = schema["properties"] if cls.__name__ == "Policy" else schema["$defs"][cls.__name__]["properties"]
        for f in attrs.fields(cls):
            if isinstance(f.validator, Range) and f.validator.low is not None:
                key = "exclusiveMinimum" if f.validator.low_open else "minimum"
                assert props[f.name][key] == f.validator.low, (cls.__name__, f.name)
                if isinstance(f.validator.high, Decimal):
                    assert props[f.name]["maximum"] == f.validator.high
                checked += 1
    assert checked >= 12
    with pytest.raises(KnobError):
        attrs.evolve(CENTRAL.rounding, decimals=11)
    with pytest.raises(KnobError):
        attrs.evolve(CENTRAL.overachievement, floor=Decimal("1.5"))
