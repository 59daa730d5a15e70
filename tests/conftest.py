"""Test-wide set-up: Qt offscreen before Qt starts, and no test touches the real home."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from kiosk.content import Bundle

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.fleet_fixtures"]  # fleet, serve, server_root: a signed repository

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh HOME and XDG folders per test, so nothing reads or writes the real ones."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("KIOSK_NO_CACHE", raising=False)
    return home


@pytest.fixture
def index_builds(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Bundle, ...]]:
    """Each library the question box's search builds from scratch, in order, during the
    test (none is kept from an earlier test): what tells a cold build from a copy."""
    import kiosk.search.index as index_module

    made: list[tuple[Bundle, ...]] = []
    real = index_module._build

    def counted(bundles: tuple[Bundle, ...], *rest: Any) -> Any:
        made.append(bundles)
        return real(bundles, *rest)

    monkeypatch.setattr(index_module, "_LAST_BUILT", [])
    monkeypatch.setattr(index_module, "_build", counted)
    return made
