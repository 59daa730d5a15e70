"""Check raw YAML values against the typed model and word the errors for editors.

The validation library (pydantic) reports every problem with a path; we turn each
into a located, plain-English :class:`ContentError`, with a "did you mean ...?" for
unknown keys. pydantic is imported here only, and only when a file must be checked
(a cached bundle never needs it).

Three steps, so that a part that fails its type check still feeds the cross-checks:

- :func:`check`: the value as a ``kind``, or the raw problems (no wording yet);
- :func:`translate`: those problems as located, worded :class:`ContentError` records;
- :func:`salvage`: what of a failed value is still usable: each field, list item and
  nested value that passes its own check (a :class:`Partial` for a dataclass,
  a list for a tuple, :data:`UNKNOWN` for the rest).

Dates are written ``YYYY-MM-DD`` only: the model's dates would otherwise accept a
number (as a Unix timestamp) or a date with a time, so :func:`check` refuses any
other spelling itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from kiosk.content._yaml import Locations, ValuePath
from kiosk.content.errors import ContentError
from kiosk.content.model import LevelText
from kiosk.content.registry import LEVELS

T = TypeVar("T")

_PLAIN_UNION_TEXT = "expected text, or a mapping from language code to text (en: ...)"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATE_HELP = "write it as YYYY-MM-DD, e.g. 2025-08-04"
DEFAULT_LEVELS = LEVELS.codes

_ADAPTERS: dict[Any, Any] = {}
_HINTS: dict[Any, dict[str, Any]] = {}
_DATE_PATHS: dict[Any, list[ValuePath]] = {}


class _Unknown:
    """A value that did not pass its type check: the cross-checks skip it."""

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Unknown()


class Partial(dict[str, Any]):
    """The fields of a dataclass value that passed their own checks (the whole did not).

    A required field that is missing or wrong is absent; an optional field that is not
    written holds its default, as it would in the dataclass.
    """


def known(value: Any, name: str) -> Any:
    """The field ``name`` of a checked dataclass or a :class:`Partial`, else :data:`UNKNOWN`."""
    if isinstance(value, Partial):
        return value.get(name, UNKNOWN)
    if value is UNKNOWN or not dataclasses.is_dataclass(value):
        return UNKNOWN
    return getattr(value, name, UNKNOWN)


@dataclasses.dataclass(frozen=True, slots=True)
class Failure:
    """Why a value is not a ``kind``: pydantic's error records (and our date ones)."""

    errors: list[Any]


def _adapter(kind: Any) -> Any:
    """The (costly to build) pydantic adapter for ``kind``, built once."""
    if kind not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]


def json_schema(kind: Any) -> dict[str, Any]:
    schema: dict[str, Any] = _adapter(kind).json_schema()
    return schema


def validate(
    kind: type[T] | Any,
    data: Any,
    base: ValuePath,
    locations: Locations,
    levels: Sequence[str] = DEFAULT_LEVELS,
) -> tuple[T | None, list[ContentError]]:
    """``data`` as a ``kind``, or None and every problem found, located."""
    value, failure = check(kind, data)
    if failure is None:
        return value, []
    return None, translate(kind, data, base, locations, failure, levels)


def check(kind: type[T] | Any, data: Any) -> tuple[T | None, Failure | None]:
    """``data`` as a ``kind`` (and no failure), or None and why not (not worded yet)."""
    from pydantic import ValidationError

    bad_dates = _bad_dates(kind, data)
    raw: list[Any] = []
    try:
        value = _adapter(kind).validate_python(data)
    except ValidationError as exc:
        raw = [
            e for e in exc.errors() if _data_path(data, tuple(e["loc"]), e["type"]) not in bad_dates
        ]
    else:
        if not bad_dates:
            return value, None
    raw.extend({"type": "date_format", "loc": p, "input": v} for p, v in bad_dates.items())
    return None, Failure(raw)


def translate(
    kind: Any,
    data: Any,
    base: ValuePath,
    locations: Locations,
    failure: Failure,
    levels: Sequence[str] = DEFAULT_LEVELS,
) -> list[ContentError]:
    """Every problem of ``failure``, located (``base`` is where ``data`` sits in its file)."""
    return list(_translate(kind, data, base, locations, failure.errors, levels))


def salvage(kind: Any, data: Any) -> Any:
    """``data`` as a ``kind`` if it passes, else the parts of it that do (see the module doc)."""
    value, failure = check(kind, data)
    return value if failure is None else salvage_failed(kind, data)


def salvage_failed(kind: Any, data: Any) -> Any:
    """Like :func:`salvage`, for ``data`` already known to fail as a whole."""
    target = _unwrap(kind, want_container=True)
    if dataclasses.is_dataclass(target) and isinstance(data, Mapping):
        hints = _hints(target)
        partial = Partial()
        for f in dataclasses.fields(target):
            if f.name in data:
                value = salvage(hints[f.name], data[f.name])
                if value is not UNKNOWN:
                    partial[f.name] = value
            elif f.default is not dataclasses.MISSING:
                partial[f.name] = f.default
        return partial
    if typing.get_origin(target) in (tuple, list) and isinstance(data, list):
        (item, *_) = typing.get_args(target)
        return [salvage(item, value) for value in data]
    return UNKNOWN


def _bad_dates(kind: Any, data: Any) -> dict[ValuePath, Any]:
    """Dates in ``data`` not written YYYY-MM-DD (pydantic would take 86400 as a date)."""
    bad: dict[ValuePath, Any] = {}
    for path in _date_paths(kind):
        node = data
        for part in path:
            if not isinstance(node, Mapping) or part not in node:
                break
            node = node[part]
        else:
            if node is None or isinstance(node, datetime.date):
                continue  # nothing: pydantic decides whether it may be left out
            if not (isinstance(node, str) and _DATE.match(node)):
                bad[path] = node
    return bad


def _date_paths(kind: Any) -> list[ValuePath]:
    """The paths to every date in a ``kind``, through nested dataclass fields."""
    if kind not in _DATE_PATHS:
        paths: list[ValuePath] = []
        target = _unwrap(kind, want_container=True)
        if _is_date(target):
            paths.append(())
        elif dataclasses.is_dataclass(target):
            for name, hint in _hints(target).items():
                paths.extend((name, *inner) for inner in _date_paths(hint))
        _DATE_PATHS[kind] = paths
    return _DATE_PATHS[kind]


def _is_date(kind: Any) -> bool:
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return any(_is_date(arg) for arg in typing.get_args(kind))
    return kind is datetime.date


def _translate(
    kind: Any,
    data: Any,
    base: ValuePath,
    locations: Locations,
    raw: Iterable[Any],
    levels: Sequence[str],
) -> Iterable[ContentError]:
    by_path: dict[ValuePath, list[Any]] = {}
    for error in raw:
        path = _data_path(data, tuple(error["loc"]), error["type"])
        by_path.setdefault(path, []).append(error)
    _drop_typo_twins(kind, by_path)
    for path, errors in by_path.items():
        full = (*base, *path)
        if len(errors) > 1 and all(
            e["type"] not in ("missing", "unexpected_keyword_argument") for e in errors
        ):
            yield locations.error_at_value(full, _union_message(errors))
            continue
        for error in errors:
            yield _one(kind, error, path, full, locations, levels)


def _drop_typo_twins(kind: Any, by_path: dict[ValuePath, list[Any]]) -> None:
    """An unknown key 'titel' beside a missing 'title' is one mistake: report the typo only."""
    unknown = {p for p, errs in by_path.items() if errs[0]["type"] == "unexpected_keyword_argument"}
    for path in [
        p for p, errs in by_path.items() if errs[0]["type"] in ("missing", "missing_argument")
    ]:
        siblings = [str(u[-1]) for u in unknown if u[:-1] == path[:-1]]
        if difflib.get_close_matches(str(path[-1]), siblings, n=1, cutoff=0.6):
            del by_path[path]


def _union_message(errors: list[Any]) -> str:
    kinds = {e["type"] for e in errors}
    if "string_type" in kinds and kinds & {"dict_type", "mapping_type"}:
        return f"{_PLAIN_UNION_TEXT}, got {_describe(errors[0]['input'])}"
    return "; ".join(dict.fromkeys(_plain(e) for e in errors))


def _data_path(data: Any, loc: tuple[Any, ...], kind: str) -> ValuePath:
    """``loc`` without the union-branch names pydantic inserts (they are not in the data)."""
    path: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        in_mapping = isinstance(node, Mapping) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            node = node[part]
            path.append(part)
        elif last and kind in ("missing", "unexpected_keyword_argument", "missing_argument"):
            path.append(part)
        # else: a union branch name such as 'str' or 'dict[str,str]': skip it
    return tuple(path)


def _one(
    kind: Any,
    error: Any,
    path: ValuePath,
    full: ValuePath,
    locations: Locations,
    levels: Sequence[str],
) -> ContentError:
    etype = error["type"]
    if etype in ("missing", "missing_argument"):
        name = path[-1] if path else "?"
        return locations.error_at_key(full[:-1], f"missing required key '{name}'")
    if etype in ("unexpected_keyword_argument", "extra_forbidden"):
        name = str(path[-1]) if path else "?"
        allowed = field_names(kind, path[:-1])
        return locations.error_at_key(full, f"unknown key '{name}'{suggest(name, allowed)}")
    if etype in ("dict_type", "mapping_type") and _type_at(kind, path) == LevelText:
        value = error.get("input")
        got = "one text" if isinstance(value, str) else _describe(value)
        spelled = " and ".join(f"{level}: ..." for level in levels or DEFAULT_LEVELS)
        return locations.error_at_value(
            full, f"write this text once per reading level: {spelled} (got {got})"
        )
    return locations.error_at_value(full, _plain(error))


def _plain(error: Any) -> str:
    etype: str = error["type"]
    value = error.get("input")
    got = _describe(value)
    if etype == "string_type":
        return f"expected text, got {got}"
    if etype.startswith("int_"):
        return f"expected a whole number, got {got}"
    if etype.startswith(("date_", "datetime_")):
        if value is None:
            return f"expected a date, got nothing; {_DATE_HELP}"
        return f"'{value}' is not a valid date; {_DATE_HELP}"
    if etype == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"'{value}' is not allowed here{hint}; use one of: {', '.join(options)}"
    if etype in ("dict_type", "mapping_type", "dataclass_type", "model_type"):
        return f"expected a mapping (key: value lines), got {got}"
    if etype in ("tuple_type", "list_type", "sequence_type"):
        return f"expected a list (lines starting with '- '), got {got}"
    if etype == "bool_type" or etype == "bool_parsing":
        return f"expected true or false, got {got}"
    return f"{error['msg']}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text '{shown}'"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def suggest(name: str, allowed: Iterable[str], what: str | None = "allowed keys") -> str:
    """``"; did you mean 'x'?"`` for the closest allowed name, else ``"; {what}: a, b"``."""
    allowed = list(allowed)
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    if what is None or not allowed:
        return ""
    return f"; {what}: {', '.join(allowed)}"


def field_names(kind: Any, path: ValuePath) -> list[str]:
    """The keys a mapping at ``path`` inside a ``kind`` may have (for hints)."""
    target = _type_at(kind, path)
    if dataclasses.is_dataclass(target):
        return [f.name for f in dataclasses.fields(target)]
    return []


def _type_at(kind: Any, path: ValuePath) -> Any:
    for part in path:
        kind = _unwrap(kind, want_container=True)
        if dataclasses.is_dataclass(kind) and isinstance(part, str):
            kind = _hints(kind).get(part)
        elif typing.get_origin(kind) in (tuple, list) and isinstance(part, int):
            kind = typing.get_args(kind)[0]
        else:
            return None
    return _unwrap(kind, want_container=True)


def _unwrap(kind: Any, *, want_container: bool) -> Any:
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        for arg in typing.get_args(kind):
            if dataclasses.is_dataclass(arg) or typing.get_origin(arg) in (tuple, list):
                return arg
    return kind


def _hints(kind: Any) -> dict[str, Any]:
    if kind not in _HINTS:
        _HINTS[kind] = typing.get_type_hints(kind)
    return _HINTS[kind]
