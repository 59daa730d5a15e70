"""Check raw YAML values against the typed model and word the errors for editors.

The validation library (pydantic) reports every problem with a path; we turn each
into a located, plain-English :class:`ContentError`, with a "did you mean ...?" for
unknown keys. pydantic is imported here only, and only when a file must be checked
(a cached bundle never needs it).
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from kiosk.content._yaml import Locations, ValuePath
from kiosk.content.errors import ContentError

T = TypeVar("T")

_PLAIN_UNION_TEXT = "expected text, or a mapping from language code to text (en: ...)"


_ADAPTERS: dict[Any, Any] = {}
_HINTS: dict[Any, dict[str, Any]] = {}


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
    kind: type[T] | Any, data: Any, base: ValuePath, locations: Locations
) -> tuple[T | None, list[ContentError]]:
    """``data`` as a ``kind``, or None and every problem found, located."""
    from pydantic import ValidationError

    try:
        return _adapter(kind).validate_python(data), []
    except ValidationError as exc:
        return None, list(_translate(kind, data, base, locations, exc.errors()))


def _translate(
    kind: Any, data: Any, base: ValuePath, locations: Locations, raw: Iterable[Any]
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
            yield _one(kind, error, path, full, locations)


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
    kind: Any, error: Any, path: ValuePath, full: ValuePath, locations: Locations
) -> ContentError:
    etype = error["type"]
    if etype in ("missing", "missing_argument"):
        name = path[-1] if path else "?"
        return locations.error_at_key(full[:-1], f"missing required key '{name}'")
    if etype in ("unexpected_keyword_argument", "extra_forbidden"):
        name = str(path[-1]) if path else "?"
        allowed = field_names(kind, path[:-1])
        return locations.error_at_key(full, f"unknown key '{name}'{suggest(name, allowed)}")
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
        return f"'{value}' is not a valid date; write it as YYYY-MM-DD, e.g. 2025-08-04"
    if etype == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        hint = suggest(str(value), options, what=None)
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
