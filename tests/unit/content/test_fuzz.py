"""Property tests: whatever the input, the loader raises only BundleError."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import BundleCache, BundleError, load_bundle
from kiosk.content._yaml import read_yaml_bytes
from tests.unit.content.tiny_bundle import BUNDLE, REFERENCES, TOPIC

NO_CACHE = BundleCache(None)
KEYS = st.sampled_from(
    [
        "metadata",
        "topic",
        "references",
        "assets",
        "id",
        "title",
        "summary",
        "sections",
        "passages",
        "patient",
        "clinician",
        "en",
        "es",
        "number",
        "review",
        "status",
        "path",
    ]
) | st.text(max_size=8)
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
)
YAML_SHAPED = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


def _load(files: dict[str, bytes]) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        for name, data in files.items():
            (folder / name).write_bytes(data)
        try:
            load_bundle(folder, cache=NO_CACHE)
        except BundleError as exc:
            errors = exc.errors
        else:
            return
        assert errors, "a BundleError always holds at least one error"
        for error in errors:
            assert error.line >= 1
            assert error.column >= 1
    finally:
        shutil.rmtree(folder)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_reader_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    result = read_yaml_bytes(raw, "f.yaml")
    assert bool(result.errors) != isinstance(result.data, dict)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text_as_a_bundle_file(text: str) -> None:
    _load(
        {
            "bundle.yaml": BUNDLE.encode(),
            "topic.yaml": text.encode(),
            "references.yaml": REFERENCES.encode(),
        }
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(["metadata", "topic", "references", "assets"]), YAML_SHAPED, min_size=1
    )
)
def test_arbitrary_yaml_shaped_data(data: dict[str, Any]) -> None:
    _load({"a.yaml": yaml.safe_dump(data).encode()})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["bundle", "topic"]), YAML_SHAPED)
def test_one_part_replaced_by_arbitrary_data(which: str, value: Any) -> None:
    texts = {"bundle": BUNDLE, "topic": TOPIC}
    top = "metadata" if which == "bundle" else "topic"
    texts[which] = yaml.safe_dump({top: value})
    _load(
        {
            "bundle.yaml": texts["bundle"].encode(),
            "topic.yaml": texts["topic"].encode(),
            "references.yaml": REFERENCES.encode(),
        }
    )
