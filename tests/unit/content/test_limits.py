"""Hostile or broken files fail fast with a located, plain error."""

from __future__ import annotations

import tracemalloc

import pytest

from kiosk.content import BundleCache, BundleError, load_bundle
from kiosk.content._yaml import Limits, read_yaml_bytes
from tests.unit.content.conftest import MakeBundle

BILLION_LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

CASES: list[tuple[str, bytes, str]] = [
    ("empty file", b"", "f.yaml:1:1: the file is empty"),
    ("only comments", b"# nothing yet\n\n", "f.yaml:1:1: the file is empty"),
    (
        "root is a list",
        b"- a\n- b\n",
        "f.yaml:1:1: the file must hold a mapping of keys, not a list",
    ),
    (
        "root is a scalar",
        b"hello\n",
        "f.yaml:1:1: the file must hold a mapping of keys, not a single value",
    ),
    (
        "invalid UTF-8",
        b"a: ok\nb: caf\xe9\n",
        "f.yaml:2:7: the file is not valid UTF-8 text (byte 0xe9); save it as UTF-8",
    ),
    (
        "control character",
        b"a: \x07\n",
        "f.yaml:1:4: the file contains a character YAML does not allow",
    ),
    (
        "billion laughs",
        BILLION_LAUGHS,
        "f.yaml:6:8: too many values (more than 100,000 after expanding aliases); is this an alias bomb?",
    ),
    (
        "deep nesting",
        b"a: " + b"[" * 60 + b"]" * 60 + b"\n",
        "f.yaml:1:43: nesting is too deep (more than 40 levels)",
    ),
    (
        "two documents",
        b"a: 1\n---\nb: 2\n",
        "f.yaml:2:1: a content file holds one YAML document only",
    ),
    ("complex key", b"? [a]\n: 1\n", "f.yaml:1:3: a key must be plain text, not a list or mapping"),
    ("unknown alias", b"x: *nope\n", "f.yaml:1:4: unknown alias *nope"),
    (
        "python tag",
        b"x: !!python/name:os.system\n",
        "f.yaml:1:4: the tag !!python/name:os.system is not allowed in content files; remove it",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_reader_limits(raw: bytes, expected: str) -> None:
    result = read_yaml_bytes(raw, "f.yaml")
    assert result.data is None
    assert [str(e) for e in result.errors] == [expected]


def test_file_too_large(make_bundle: MakeBundle) -> None:
    folder = make_bundle({"extra.yaml": "# " + "x" * 1_000_001 + "\n"})
    with pytest.raises(BundleError) as info:
        load_bundle(folder, cache=BundleCache(None))
    assert [str(e) for e in info.value.errors] == [
        "tiny/extra.yaml:1:1: the file is too large (1,000,004 bytes; the limit is 1,000,000)"
    ]


def test_billion_laughs_does_not_eat_memory() -> None:
    tracemalloc.start()
    try:
        read_yaml_bytes(BILLION_LAUGHS, "f.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_aliases_within_the_limit_are_expanded() -> None:
    result = read_yaml_bytes(b"a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert result.errors == []
    assert result.data == {"a": [1, 2], "b": [1, 2]}


def test_limits_are_configurable() -> None:
    result = read_yaml_bytes(b"a: [[[1]]]\n", "f.yaml", Limits(max_depth=2))
    assert [str(e) for e in result.errors] == [
        "f.yaml:1:5: nesting is too deep (more than 2 levels)"
    ]


def test_scalars_are_strings_by_default() -> None:
    result = read_yaml_bytes(
        b"a: no\nb: 1.10\nc: 7\nd: true\ne: ~\nf: '7'\ng: 2025-08-04\nh: !!str 5\n", "f.yaml"
    )
    assert result.data == {
        "a": "no",
        "b": "1.10",
        "c": 7,
        "d": True,
        "e": None,
        "f": "7",
        "g": "2025-08-04",
        "h": "5",
    }


def test_byte_order_mark_is_accepted() -> None:
    assert read_yaml_bytes("\ufeffa: b\n".encode(), "f.yaml").data == {"a": "b"}
