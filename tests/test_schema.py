"""``score schema``: JSON Schema for each file kind, from the classes the loader checks with."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import tomli

from scoring import InputError, load_evaluation, load_policy

from .conftest import ROOT, cli


def schema(kind: str) -> dict:
    data = json.loads(cli("schema", kind, code=0).output)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def toml(path: Path) -> dict:
    return tomli.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.mark.parametrize("kind,paths", [
    ("evaluation", sorted((ROOT / "evaluations").glob("*.toml"))),
    ("indicators", sorted((ROOT / "indicator_sets").glob("*.toml"))),
    ("policy", sorted((ROOT / "scoring" / "policies").glob("*.toml"))),
])
def test_every_shipped_file_validates(kind, paths):
    validator = jsonschema.Draft202012Validator(schema(kind))
    assert paths
    for path in paths:
        errors = [e.message for e in validator.iter_errors(toml(path))]
        assert errors == [], path


REFUSED = [
    'department = "部"\nyear = 2023\n[[project]]\nname = "甲"\nbudgt = { full_year = 1, executed = 1 }\n',  # a misspelt key
    'department = "部"\nyear = "2023"\n[[project]]\nname = "甲"\n',  # a year as text
    'year = 2023\n[[project]]\nname = "甲"\n',  # no department
    'department = "部"\nyear = 2023\n[[project]]\nname = "甲"\n[[project.indicator]]\nlevel1 = "产出指标"\nname = "x"\n'
    'target = true\nweight = 5\nactual = 1\n',  # a boolean target
    'department = "部"\nyear = 2023\n[[project]]\nname = "甲"\n[[project.indicator]]\nlevel1 = "产出指标"\nname = "x"\n'
    'target = 1\nweight = 5\nactual = 1\nreasn = "x"\n',  # a misspelt row key
    'department = "部"\nyear = 2023\n[[project]]\nname = "甲"\nclaimed = { score = 1, grde = "优" }\n',
]


@pytest.mark.parametrize("text", REFUSED)
def test_what_the_loader_refuses_for_its_shape_the_schema_refuses(write, text):
    path = write("e.toml", text)
    with pytest.raises(InputError):
        load_evaluation(path)
    assert list(jsonschema.Draft202012Validator(schema("evaluation")).iter_errors(toml(path)))


def test_a_policy_schema_allows_an_extending_file_to_write_little(write):
    path = write("p.toml", 'id = "p"\ntitle = "p"\nextends = "central-2020"\nreplace = ["split.points"]\n[split]\npoints = { "产出指标" = 60 }\n')
    assert load_policy(str(path)).split.points == {"产出指标": 60}
    validator = jsonschema.Draft202012Validator(schema("policy"))
    assert not list(validator.iter_errors(toml(path)))
    assert list(validator.iter_errors({"id": "p", "title": "p", "rounding": {"mode": "banker"}}))
