"""JSON Schema for each TOML file kind, generated from the classes the loader checks files with.

``score schema evaluation`` prints the schema of an evaluation file; an editor
that reads a ``#:schema`` line (taplo, VS Code's Even Better TOML) then
completes keys and underlines mistakes as a department types. The schema
states the shape: every key, its type, which are required, and that no
other key is allowed; for a policy, also each knob's bounds, read from the
validator on its field (:mod:`scoring._checks`). What the shape cannot say (a
comparator's spellings, a target's units, exactly one of actual, rate and
grade, a bound that is another knob) the loader checks.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any, Literal

import attrs

from .._checks import Check
from ..policy import Policy
from ._schema import EvaluationDoc, IndicatorSetDoc, Label

KINDS = {"evaluation": EvaluationDoc, "indicators": IndicatorSetDoc, "policy": Policy}
"""``score schema KIND``: the class each file kind is checked against."""

TITLES = {"evaluation": "绩效自评 (scoring evaluation file)", "indicators": "绩效目标表 (scoring indicator set)",
          "policy": "评分规则 (scoring policy)"}

_POLICY_EDITS = {
    "extends": {"type": "string", "description": "继承的评分规则：内置 id 或路径 / the policy this one starts from"},
    "replace": {"type": "array", "items": {"type": "string"}, "description": "整体替换而非合并的参数 / tables replaced whole"},
    "remove": {"type": "array", "items": {"type": "string"}, "description": "删除的参数 / knobs removed from what it extends"},
    "sources": {"type": "object", "additionalProperties": {"type": "string"}, "description": "每个参数的依据 / where each knob comes from"},
}


DESCRIPTIONS = {
    "department": "部门（单位）名称 / the department",
    "year": "年度 / the year",
    "policy": "评分规则：内置 id（如 central-2020）或路径 / a built-in policy id or a path",
    "money_unit": "金额单位：元 或 万元 / the unit of every budget figure",
    "claimed": "单位自评的结果 / what the department claims",
    "overall": "部门整体绩效表 / the department-wide table",
    "project": "项目 / the projects",
    "id": "编号 / an id, unique in its set",
    "name": "名称 / the name (三级指标 for a row)",
    "indicators": "指标集文件的路径 / the path of the indicator set",
    "results": "按指标 id 的完成情况 / results keyed by indicator id",
    "indicator": "指标行（指标与完成情况）/ indicator rows",
    "approved": "批复的指标集路径 / the indicator set approved with the budget",
    "budget": "项目资金：initial 年初预算数、full_year 全年预算数、executed 全年执行数、received 实际到位资金",
    "budget_points": "预算执行率的分值 / points for the execution rate",
    "agency": "实施单位 / the implementing unit",
    "level1": "一级指标 / level 1",
    "level2": "二级指标 / level 2",
    "comparator": "指标性质：≥ ≤ = > < 定性（也接受 >= 不少于 以上 正向 反向 定量 等写法）",
    "target": "年度指标值：数字，或 \"≥95%\" 这样的写法，或定性的文字 / the target",
    "unit": "度量单位 / the unit",
    "weight": "分值 / points",
    "scale": "定性等级表 / the qualitative scale",
    "group": "分组 / a group label",
    "actual": "实际完成值 / the actual value",
    "rate": "完成比例，1 = 全部完成 / completion ratio",
    "grade": "定性等级 / a grade",
    "reason": "偏差原因分析及改进措施 / the reason for a shortfall",
    "status": "\"na\"：本年度不适用 / not applicable this year",
    "score": "得分 / a score",
    "budget_score": "预算执行率自评得分 / the claimed budget-line score",
    "points": "表中印出的分值合计 / the points total the table prints",
    "title": "标题 / the title",
}
"""What each key means, shown by an editor beside the key."""


_PLAIN: dict[Any, dict] = {Decimal: {"type": "number"}, str: {"type": "string"}, Label: {"type": ["string", "integer"]},
                           bool: {"type": "boolean"}, int: {"type": "integer"}}


class _Builder:
    def __init__(self, partial: bool):
        self.defs: dict[str, dict] = {}
        self.partial = partial
        """A policy that extends another writes only what differs: nothing below the top is required."""

    def of(self, tp: Any) -> dict:
        if tp in _PLAIN:
            return dict(_PLAIN[tp])
        if tp is Any:
            return {}
        if attrs.has(tp):
            return self.ref(tp)
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (typing.Union, types.UnionType):
            return self.union([a for a in args if a is not type(None)])
        if origin is list or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
            return {"type": "array", "items": self.of(args[0])}
        if origin is tuple:
            return {"type": "array", "prefixItems": [self.of(a) for a in args], "minItems": len(args), "maxItems": len(args)}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.of(args[1])}
        raise TypeError(f"no JSON Schema for {tp!r}")

    def union(self, args: list) -> dict:
        options = [self.of(a) for a in args]
        if len(options) == 1:
            return options[0]
        if all(set(o) == {"type"} for o in options):
            kinds: list[str] = []
            for o in options:
                kinds += o["type"] if isinstance(o["type"], list) else [o["type"]]
            return {"type": kinds}
        return {"anyOf": options}

    def ref(self, cls: type) -> dict:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placed first: a class may refer to itself
            self.defs[name] = self.table(cls, top=False)
        return {"$ref": f"#/$defs/{name}"}

    def table(self, cls: type, top: bool) -> dict:
        fields = attrs.fields(attrs.resolve_types(cls))
        properties = {}
        for f in fields:
            schema = self.of(f.metadata.get("holds", f.type))
            if isinstance(f.validator, Check):  # the bounds the loader checks, from the same object
                schema = f.validator.schema(schema)
            if "doc" in f.metadata or f.name in DESCRIPTIONS:
                schema = {**schema, "description": f.metadata.get("doc", DESCRIPTIONS.get(f.name))}
            properties[f.name] = schema
        out: dict = {"type": "object", "properties": properties, "additionalProperties": False}
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        if self.partial:
            required = [name for name in required if top and name in ("id", "title")]
        if required:
            out["required"] = required
        return out


def json_schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) of a file kind: ``evaluation``, ``indicators`` or ``policy``."""
    cls = KINDS[kind]
    builder = _Builder(partial=kind == "policy")
    top = builder.table(cls, top=True)
    if kind == "policy":
        for key in ("sha256",):
            top["properties"].pop(key, None)
        top["properties"].update(_POLICY_EDITS)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLES[kind], **top}
    if builder.defs:
        schema["$defs"] = builder.defs
    return schema
