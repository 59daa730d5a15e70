"""Read one YAML file into plain Python values, remembering where each value came from.

We drive PyYAML's C parser (``yaml.CSafeLoader``) at the event level and build the
values ourselves, without recursion. That gives us, in one pass:

- a line and column for every value and every mapping key (:class:`Locations`);
- duplicate keys reported (PyYAML silently keeps the last one);
- no tag that builds a Python object: only plain YAML mappings, lists and scalars;
- "strings by default" scalars: a plain scalar is an ``int`` when it is all digits,
  a ``bool`` for ``true``/``false``, ``None`` for ``null``/``~``/nothing, and text
  otherwise, so that ``no``, ``on`` or ``1.10`` stay the text the editor typed;
- limits against hostile files (:class:`Limits`): size, nesting depth, and the
  number of values after alias expansion (a "billion laughs" file stops early);
- the YAML features that silently change text refused with a located error: folded
  block scalars (``>`` joins lines, so a list becomes one item) and merge keys (``<<``).

Every problem becomes a :class:`~kiosk.content.errors.ContentError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.errors import ContentError

__all__ = ["Limits", "Locations", "ValuePath", "YamlFile", "read_yaml"]

ValuePath = tuple[str | int, ...]
"""A path to a value inside a file: mapping keys and list indexes."""

_INT = re.compile(r"[-+]?[0-9]+\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset({None, "!", _TAG + "str", _TAG + "map", _TAG + "seq"})
_DROPPED = "\x00dropped"  # the key of a value that is reported and left out


@dataclass(frozen=True, slots=True)
class Limits:
    """What one content file may cost to read."""

    max_bytes: int = 1_000_000
    max_depth: int = 40
    max_values: int = 100_000


DEFAULT_LIMITS = Limits()


@dataclass(slots=True)
class Locations:
    """Where each value (and each mapping key) of one file starts, 1-based."""

    file: str
    values: dict[ValuePath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[ValuePath, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: ValuePath) -> tuple[int, int]:
        """The start of the value at ``path``, or of its nearest located parent."""
        return _nearest(self.values, path)

    def key(self, path: ValuePath) -> tuple[int, int]:
        """The start of the key naming ``path``; the value's start if it has no key."""
        if path in self.keys:
            return self.keys[path]
        return self.value(path)

    def error_at_value(self, path: ValuePath, message: str) -> ContentError:
        line, col = self.value(path)
        return ContentError(self.file, line, col, message)

    def error_at_key(self, path: ValuePath, message: str) -> ContentError:
        line, col = self.key(path)
        return ContentError(self.file, line, col, message)


def _nearest(table: dict[ValuePath, tuple[int, int]], path: ValuePath) -> tuple[int, int]:
    for end in range(len(path), -1, -1):
        found = table.get(path[:end])
        if found is not None:
            return found
    return (1, 1)


@dataclass(slots=True)
class YamlFile:
    """The result of reading one file: its value (None when unreadable) and locations.

    ``empty`` is True for a file that was read and holds nothing (only comments, or
    nothing at all): unlike an unreadable one, it cannot hide any content.
    """

    data: Any
    locations: Locations
    errors: list[ContentError]
    empty: bool = False


class _Stop(Exception):
    """Reading this file cannot go on (a limit or a syntax error)."""


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: ValuePath
    anchor: str | None
    values_at_start: int
    key: str | None = None
    key_seen: dict[str, int] = field(default_factory=dict)


def read_yaml(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> YamlFile:
    """Read ``path`` (named ``display`` in errors). Never raises for bad content."""
    from kiosk.content._files import FileProblem, read_file

    try:
        raw = read_file(path, limits.max_bytes)  # a regular file, the limit kept while reading
    except FileProblem as problem:
        message = str(problem)
        if not message.startswith("the file is too large"):
            message = f"cannot read the file: {message}"
        error = ContentError.at_file(display, message)
        return YamlFile(None, Locations(display), [error])
    return read_yaml_bytes(raw, display, limits)


def _too_large(size: int, limits: Limits) -> str:
    return f"the file is too large ({size:,} bytes; the limit is {limits.max_bytes:,})"


def read_yaml_bytes(raw: bytes, display: str, limits: Limits = DEFAULT_LIMITS) -> YamlFile:
    """Like :func:`read_yaml`, from bytes already read."""
    locations = Locations(display)
    errors: list[ContentError] = []
    result = YamlFile(None, locations, errors)
    if len(raw) > limits.max_bytes:
        errors.append(ContentError.at_file(display, _too_large(len(raw), limits)))
        return result
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.append(
            ContentError(
                display,
                line,
                col,
                f"the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            )
        )
        return result
    text = text.removeprefix("\ufeff")
    builder = _Builder(display, locations, errors, limits)
    try:
        builder.run(text)
    except _Stop:
        return result
    if builder.documents == 0:
        errors.append(ContentError.at_file(display, "the file is empty"))
        result.empty = True
        return result
    if not isinstance(builder.root, dict):
        line, col = locations.value(())
        kind = "a list" if isinstance(builder.root, list) else "a single value"
        errors.append(
            ContentError(display, line, col, f"the file must hold a mapping of keys, not {kind}")
        )
        return result
    result.data = builder.root
    return result


class _Builder:
    """Turns the parser's events into plain values; see the module docstring."""

    def __init__(
        self, display: str, locations: Locations, errors: list[ContentError], limits: Limits
    ) -> None:
        self.display = display
        self.locations = locations
        self.errors = errors
        self.limits = limits
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.documents = 0
        self.root: Any = None

    def fail(self, mark: Any, message: str) -> _Stop:
        self.errors.append(ContentError(self.display, mark.line + 1, mark.column + 1, message))
        return _Stop()

    def run(self, text: str) -> None:
        loader = yaml.CSafeLoader(text)
        try:
            while True:
                try:
                    event = loader.get_event()
                except yaml.MarkedYAMLError as exc:
                    mark = exc.problem_mark or exc.context_mark
                    problem = exc.problem or "unreadable YAML"
                    context = f" ({exc.context})" if exc.context else ""
                    raise self.fail(mark, f"YAML syntax error: {problem}{context}") from None
                except yaml.YAMLError as exc:  # ReaderError: a character YAML forbids
                    position = getattr(exc, "position", 0)
                    line = text.count("\n", 0, position)
                    col = position - (text.rfind("\n", 0, position) + 1)
                    self.errors.append(
                        ContentError(
                            self.display,
                            line + 1,
                            col + 1,
                            "the file contains a character YAML does not allow",
                        )
                    )
                    raise _Stop() from None
                if event is None or isinstance(event, yaml.StreamEndEvent):
                    return
                self.handle(event)
        finally:
            loader.dispose()

    def handle(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.start(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.end()
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail(event.start_mark, "a content file holds one YAML document only")

    # -- values -----------------------------------------------------------------
    def check_tag(self, event: yaml.NodeEvent) -> None:
        tag: str | None = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
            raise self.fail(
                event.start_mark, f"the tag {shown} is not allowed in content files; remove it"
            )

    def count_values(self, n: int, mark: Any) -> None:
        self.count += n
        if self.count > self.limits.max_values:
            raise self.fail(
                mark,
                f"too many values (more than {self.limits.max_values:,} after expanding "
                "aliases); is this an alias bomb?",
            )

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.check_tag(event)
        if event.style == ">":
            mark: Any = event.start_mark
            self.errors.append(
                ContentError(
                    self.display,
                    mark.line + 1,
                    mark.column + 1,
                    "use | for multi-line text; > joins lines and breaks lists",
                )
            )
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            if event.value == "<<" and event.implicit[0]:
                self.merge_key(frame, event.start_mark)
                return
            self.map_key(frame, event.value, event.start_mark)
            return
        self.count_values(1, event.start_mark)
        value: Any = event.value
        if event.implicit[0]:  # plain and untagged
            if value in _NULLS:
                value = None
            elif value in _BOOLS:
                value = _BOOLS[value]
            elif _INT.match(value):
                value = int(value)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.attach(value, event.start_mark)

    def map_key(self, frame: _Frame, key: str, mark: Any) -> None:
        path = (*frame.path, key)
        assert isinstance(frame.container, dict)
        if key in frame.key_seen:
            self.errors.append(
                ContentError(
                    self.display,
                    mark.line + 1,
                    mark.column + 1,
                    f"duplicate key '{key}' (first at line {frame.key_seen[key]}); keep only one",
                )
            )
            frame.key = _DROPPED
            return
        frame.key_seen[key] = mark.line + 1
        frame.key = key
        self.locations.keys[path] = (mark.line + 1, mark.column + 1)

    def merge_key(self, frame: _Frame, mark: Any) -> None:
        """``<<: *base`` would copy keys in YAML 1.1; here it is refused (and left out)."""
        self.errors.append(
            ContentError(
                self.display,
                mark.line + 1,
                mark.column + 1,
                "merge keys (<<) are not supported in content files; write the keys out",
            )
        )
        frame.key = _DROPPED

    def start(self, event: yaml.CollectionStartEvent) -> None:
        self.check_tag(event)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            raise self.fail(event.start_mark, "a key must be plain text, not a list or mapping")
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(
                event.start_mark,
                f"nesting is too deep (more than {self.limits.max_depth} levels)",
            )
        self.count_values(1, event.start_mark)
        path = self.child_path(parent)
        mark: Any = event.start_mark
        self.locations.values[path] = (mark.line + 1, mark.column + 1)
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        self.stack.append(_Frame(container, path, event.anchor, self.count))

    def end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, self.count - frame.values_at_start + 1)
        self.place(frame.container)

    def alias(self, event: yaml.AliasEvent) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            raise self.fail(event.start_mark, "a key must be plain text, not an alias")
        if event.anchor not in self.anchors:
            raise self.fail(event.start_mark, f"unknown alias *{event.anchor}")
        value, size = self.anchors[event.anchor]
        self.count_values(size, event.start_mark)
        self.attach(value, event.start_mark)

    def child_path(self, parent: _Frame | None) -> ValuePath:
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            assert parent.key is not None
            return (*parent.path, parent.key)
        return (*parent.path, len(parent.container))

    def attach(self, value: Any, mark: Any) -> None:
        path = self.child_path(self.stack[-1] if self.stack else None)
        self.locations.values[path] = (mark.line + 1, mark.column + 1)
        self.place(value)

    def place(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            assert frame.key is not None
            if frame.key != _DROPPED:
                frame.container[frame.key] = value
            frame.key = None
        else:
            frame.container.append(value)
