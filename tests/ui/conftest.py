"""Fixtures that build the real main window on the shipped content, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import kiosk.settings
from kiosk.content import ContentState
from kiosk.settings import Settings, hash_pin
from kiosk.ui.app import build_window, load_kiosk_content
from kiosk.ui.window import MainWindow
from tests.conftest import CONTENT

PIN = "246813"
MakeWindow = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A window switched to Spanish installs Qt's translator for the whole application;
    take it away after each test, as the next test's window starts in English."""
    yield
    from kiosk.ui.i18n import use_language

    use_language("en")


@pytest.fixture
def staff_hash(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(kiosk.settings, "SCRYPT_N", 2**4)  # fast in tests; real hashes: 2**14
    return hash_pin(PIN)


@pytest.fixture
def make_window(qtbot: QtBot, staff_hash: str) -> Iterator[MakeWindow]:
    windows: list[MainWindow] = []

    def make(
        *,
        kiosk: bool = False,
        root: Path = CONTENT,
        settings: Settings | None = None,
        content: ContentState | None = None,
        idle_reset: bool = False,
        speech_engine: str | None = "mock",
        prepare_search_ms: int | None = None,
    ) -> MainWindow:
        # Qt's silent test engine unless a test asks for another: the platform's
        # (speech-dispatcher, when installed) spawns a daemon per fresh test HOME, which
        # takes seconds and stalls the first screen change (five corner taps then span
        # more than the gesture's 3 s). No background build of the question box's index
        # either, unless asked: a thread of its own would race the test's own steps.
        settings = settings or Settings(staff_pin=staff_hash, idle_seconds=90)
        state = content or load_kiosk_content(root, settings, kiosk=kiosk)
        window = build_window(
            settings,
            state,
            kiosk=kiosk,
            root=root,
            idle_reset=idle_reset,
            speech_engine=speech_engine,
            prepare_search_ms=prepare_search_ms,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.allow_close = True  # kiosk windows refuse to close otherwise


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    """Laptop mode on the shipped content."""
    return make_window()


@pytest.fixture
def kiosk_window(make_window: MakeWindow) -> MainWindow:
    return make_window(kiosk=True)
