"""The JSON Schema of a bundle file, for editors (``kiosk schema``, ``content/schema.json``).

A bundle's files share one schema: each file holds some of the top-level parts
(``metadata``, ``topic``, ``references``, ``assets``), so none is required per file.
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.content._validate import json_schema
from kiosk.content.model import BundleDocument

__all__ = ["bundle_file_schema", "schema_text"]


def bundle_file_schema() -> dict[str, Any]:
    schema = json_schema(BundleDocument)
    schema.pop("required", None)
    schema["title"] = "Kiosk content bundle file"
    schema["description"] = (
        "One YAML file of a content bundle. Together, a bundle's files hold metadata, topic "
        "and references (and optionally assets), each in exactly one file. "
        "See docs/content-format.md."
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    return json.dumps(bundle_file_schema(), indent=2, sort_keys=True) + "\n"
