"""The shape of each file, and the one converter that checks it.

The ``*Doc`` classes mirror the files key for key (FORMAT.md). The converter
forbids unknown keys and rejects anything that is not what a key wants:
booleans, ``nan`` and ``inf`` are never numbers, a string is never a table.
Its errors are walked into :class:`~scoring.errors.Problem` objects, one per
mistake, each with its key path so the loader can name the line.
"""

import typing
from decimal import Decimal
from typing import Any, Literal

import attrs
import cattrs
import cattrs.cols as cols
from attrs import field, frozen
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from ..i18n import Words, t
from ..limits import BOUND, number_in_bounds
from ._values import BOUNDED, describe


class WrongValue(ValueError):
    """A value that is not what its key wants."""

    def __init__(self, expected: Words, found: Words):
        super().__init__(f"expected {expected}, found {found}")
        self.expected = expected
        self.found = found


Label = typing.NewType("Label", str)
"""A name that a file may write as a string or a bare integer (``group = 1``)."""


# Each hook is registered for its type and for the type or None, and takes a key's value with the
# type its field declares: None (never in TOML, but a workbook's document may hold it) is taken only
# where that type is optional. One call a value, with no union dispatch in cattrs.

def _number(value: Any, type_: Any = Decimal) -> Decimal | None:
    kind = type(value)  # exact types: a boolean is never a number
    if kind is int and -BOUND < value < BOUND:  # most numbers in a file
        return Decimal(value)
    if kind is Decimal and number_in_bounds(value):
        return value
    if value is None and type_ is not Decimal:
        return None
    if kind is not int and kind is not Decimal:
        raise WrongValue(t('数字', 'a number'), describe(value))
    number = Decimal(value)
    if not number.is_finite():
        raise WrongValue(t('有限的数字', 'a finite number'), describe(value))
    raise WrongValue(BOUNDED, describe(number))  # past what the engine computes honestly: 1e400, 30 digits


def _exactly(kind: type, expected: Words) -> Any:
    """The hook for a value that must be a ``kind`` as it is (a string, a boolean)."""
    def hook(value: Any, type_: Any = kind) -> Any:
        if isinstance(value, kind):
            return value
        if value is None and type_ is not kind:
            return None
        raise WrongValue(expected, describe(value))

    return hook


_text = _exactly(str, t('字符串', 'a string'))
_boolean = _exactly(bool, t('true 或 false', 'true or false'))


def _number_or_text(value: Any, type_: Any = Decimal | str) -> Decimal | str | None:
    if isinstance(value, str):
        return value
    if value is None and type_ != Decimal | str:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise WrongValue(t('数字或字符串', 'a number or a string'), describe(value))
    return _number(value)


def _label(value: Any, type_: Any = Label) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None and type_ is not Label:
        return None
    raise WrongValue(t('字符串或整数', 'a string or an integer'), describe(value))


def _integer(value: Any, type_: Any = int) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None and type_ is not int:
        return None
    raise WrongValue(t('整数', 'an integer'), describe(value))


# -- the files ---------------------------------------------------------------



@frozen(slots=False, repr=False)
class BudgetDoc:
    initial: Decimal | None = None
    full_year: Decimal | None = None
    executed: Decimal | None = None
    received: Decimal | None = None


@frozen(slots=False, repr=False)
class ClaimDoc:
    score: Decimal | None = None
    grade: str | None = None
    budget_score: Decimal | None = None
    points: Decimal | None = None
    """The 分值 total the table prints in its 总分 row."""


@frozen(kw_only=True, slots=False, repr=False)
class ResultDoc:
    actual: Decimal | str | None = None
    rate: Decimal | None = None
    grade: str | None = None
    reason: str | None = None
    claimed: Decimal | None = None
    status: str | None = None


@frozen(kw_only=True, slots=False, repr=False)
class IndicatorDoc:
    level1: str
    name: str
    target: Decimal | str
    weight: Decimal
    id: Label | None = None
    level2: str | None = None
    comparator: str | None = None
    unit: str | None = None
    scale: str | None = None
    group: Label | None = None


@frozen(kw_only=True, slots=False, repr=False)
class RowDoc(IndicatorDoc, ResultDoc):
    """An inline ``[[project.indicator]]`` row: indicator and result keys together."""


@frozen(slots=False, repr=False)
class SubjectDoc:
    """A subject's own keys. Its rows and results stay raw here: the loader
    structures each one on its own, so one bad row hides no mistake in another."""

    id: Label | None = None
    name: str | None = None
    indicators: str | None = None
    results: dict[str, Any] = field(factory=dict, metadata={"holds": dict[str, ResultDoc]})
    indicator: list[Any] = field(factory=list, metadata={"holds": list[RowDoc]})
    approved: str | None = None
    budget: BudgetDoc | None = None
    budget_points: Decimal | None = None
    claimed: ClaimDoc | None = None
    agency: str | None = None
    """实施单位, when it is not the department itself."""


@frozen(slots=False, repr=False)
class EvaluationDoc:
    department: str
    year: int
    policy: str | None = None
    money_unit: str = "元"
    claimed: ClaimDoc | None = None
    overall: dict[str, Any] | None = field(default=None, metadata={"holds": SubjectDoc})
    """Raw: structured subject by subject, as :class:`SubjectDoc`."""
    project: list[dict[str, Any]] = field(factory=list, metadata={"holds": list[SubjectDoc]})


@frozen(slots=False, repr=False)
class IndicatorSetDoc:
    title: str
    indicator: list[Any] = field(metadata={"holds": list[IndicatorDoc]})
    """Raw: structured row by row, as :class:`IndicatorDoc`."""
    year: int | None = None
    department: str | None = None
    budget_points: Decimal | None = None


# -- the converter -----------------------------------------------------------

def _make_converter(detailed: bool) -> cattrs.Converter:
    """The converter, built with every hook; ``detailed`` chooses cattrs' validation mode.

    Detailed, every mistake of a table is gathered into an exception group that
    :func:`schema_errors` walks into one problem each. Not detailed, the first
    mistake ends the structuring: the generated code carries no bookkeeping, and a
    file with no mistake (nearly every file) is built at that speed. The hooks, the
    shapes and so what is accepted are the same in both (:func:`converter_for`)."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    for base, hook in ((Decimal, _number), (str, _text), (int, _integer), (bool, _boolean), (Label, _label)):
        conv.register_structure_hook(base, hook)
        conv.register_structure_hook(base | None, hook)
    conv.register_structure_hook_func(lambda t: t == (Decimal | str) or t == (Decimal | str | None), _number_or_text)
    conv.register_structure_hook_func(lambda t: typing.get_origin(t) is Literal, _literal)

    def table_factory(cl: type) -> Any:
        generated: Any = make_dict_structure_fn(cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed)

        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, dict):
                raise WrongValue(t('一个表', 'a table'), describe(value))
            return generated(value, cl)

        return structure

    conv.register_structure_hook_factory(attrs.has, table_factory)
    conv.register_structure_hook_factory(
        lambda t: typing.get_origin(t) in (list, tuple),
        _guarded(list, t('一个数组', 'an array'), lambda type_: _sequence(type_, conv)),
    )
    conv.register_structure_hook_factory(
        lambda t: typing.get_origin(t) is dict,
        _guarded(dict, t('一个表', 'a table'), lambda type_: cols.mapping_structure_factory(type_, conv)),
    )
    return conv


def _literal(value: Any, type_: Any) -> Any:
    allowed = typing.get_args(type_)
    if value not in allowed or isinstance(value, bool):
        raise WrongValue(" | ".join(f'"{a}"' for a in allowed), describe(value))
    return value


def _guarded(kind: type, expected: Words, base: Any) -> Any:
    """A hook factory whose hooks first check the value is a ``kind`` (a list, a dict)."""
    def factory(type_: Any) -> Any:
        structure = base(type_)

        def hook(value: Any, t: Any) -> Any:
            if not isinstance(value, kind):
                raise WrongValue(expected, describe(value))
            return structure(value, t)

        return hook

    return factory


def _sequence(type_: Any, conv: cattrs.Converter) -> Any:
    """A list, a homogeneous tuple, or a tuple of exactly its items (read from a TOML array)."""
    args = typing.get_args(type_)
    if typing.get_origin(type_) is list:
        return cols.list_structure_factory(type_, conv)
    if len(args) == 2 and args[1] is Ellipsis:
        return cols.homogenous_tuple_structure_factory(type_, conv)
    fixed = conv.gen_structure_hetero_tuple(type_)

    def exactly(value: Any, tp: Any) -> Any:
        if len(value) != len(args):
            raise WrongValue(t('{args} 个元素的数组', 'an array of {args} items', args=len(args)), describe(value))
        return fixed(value, tp)

    return exactly


_CONVERTERS: dict[bool, cattrs.Converter] = {}


def converter_for(detailed: bool) -> cattrs.Converter:
    """The converter in one of its two modes, made on first use (each generates its code per class
    as it first meets it): detailed to name every mistake, plain to build a file that has none."""
    conv = _CONVERTERS.get(detailed)
    if conv is None:
        conv = _CONVERTERS[detailed] = _make_converter(detailed)
    return conv


# -- errors → (path, expected, found, hint) ----------------------------------

@frozen
class SchemaError:
    path: tuple[str | int, ...]
    expected: Words
    found: Words
    hint: Words | None = None


def _key_path(note: Any) -> str | int:
    return note.name if hasattr(note, "name") else note.index


def schema_errors(exc: BaseException, path: tuple[str | int, ...] = ()) -> list[SchemaError]:
    """Every mistake in a cattrs exception group, with the key path it sits at."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        found: list[SchemaError] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            found.extend(schema_errors(sub, path + (_key_path(note),)))
        for sub in without:
            found.extend(schema_errors(sub, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        import difflib  # only for a mistake

        known = [a.name for a in attrs.fields(exc.cl)]
        out = []
        for key in sorted(exc.extra_fields):
            near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
            hint = t('是否想写 {v}？', 'did you mean {v}?', v=near[0]) if near else t(
                "可用的键：{keys}", "known keys: {keys_en}", keys="、".join(known), keys_en=", ".join(known))
            out.append(SchemaError(path + (key,), t('已知的键', 'a known key'), t('未知的键 {key}', 'unknown key {key}', key=key), hint))
        return out
    if isinstance(exc, KeyError):
        return [SchemaError(path, t('必填的键', 'a required key'), t('缺失', 'nothing'))]
    if isinstance(exc, WrongValue):
        return [SchemaError(path, exc.expected, exc.found)]
    return [SchemaError(path, t('合法的值', 'a valid value'), str(exc))]
