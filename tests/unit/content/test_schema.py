"""The bundle JSON Schema: what an editor's YAML plugin shows on hover."""

from __future__ import annotations

from typing import Any

from kiosk.content.schema import DESCRIPTIONS, bundle_file_schema


def test_every_part_and_key_has_a_description() -> None:
    schema = bundle_file_schema()
    missing = [
        f"BundleFile.{name}"
        for name, prop in schema["properties"].items()
        if not prop.get("description")
    ]
    definition: dict[str, Any]
    for name, definition in schema["$defs"].items():
        if not definition.get("description"):
            missing.append(name)
        for key, prop in definition.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{name}.{key}")
    assert missing == []


def test_descriptions_name_only_real_keys() -> None:
    schema = bundle_file_schema()
    for path in DESCRIPTIONS:
        name, _, key = path.partition(".")
        target = schema if name == "BundleFile" else schema["$defs"][name]
        assert not key or key in target["properties"], path


def test_dates_are_strings_in_the_schema() -> None:
    metadata = bundle_file_schema()["$defs"]["Metadata"]
    assert metadata["properties"]["updated"]["format"] == "date"
    assert metadata["properties"]["updated"]["type"] == "string"
