"""The ``make_bundle`` fixture: the tiny bundle written to a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unit.content.tiny_bundle import BUNDLE, REFERENCES, TOPIC

MakeBundle = Callable[..., Path]


@pytest.fixture
def make_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeBundle:
    """Write the tiny bundle (files given replace or add to it; None drops one), chdir there."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str | bytes | None] | None = None) -> Path:
        folder = tmp_path / "tiny"
        folder.mkdir(exist_ok=True)
        texts: dict[str, str | bytes | None] = {
            "bundle.yaml": BUNDLE,
            "topic.yaml": TOPIC,
            "references.yaml": REFERENCES,
        }
        texts.update(files or {})
        for name, text in texts.items():
            if text is None:
                continue
            target = folder / name
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return folder

    return make
