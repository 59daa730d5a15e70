"""The question box's index is built in the background after start-up, so that the first
visitor's first question does not wait for it (seconds in a large library)."""

from __future__ import annotations

import gc
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import kiosk.search
import kiosk.search.index as search_index
from kiosk.content import collector
from kiosk.settings import Settings
from kiosk.ui.app import PREPARE_SEARCH_MS, build_window, load_kiosk_content
from kiosk.ui.ask_screen import AskScreen
from kiosk.ui.screens import _resume_when_done
from kiosk.ui.window import MainWindow
from tests.build_gate import WAIT_S, BuildGate
from tests.conftest import CONTENT
from tests.library import make_library
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, to_topic


def prepared(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the window's background build has started and finished."""
    qtbot.waitUntil(lambda: window.context.preparing is not None, timeout=5000)
    thread = window.context.preparing
    assert thread is not None
    assert thread.daemon
    thread.join(60)
    assert not thread.is_alive()
    # the build's pause of the garbage collector ends in this thread, soon after
    qtbot.waitUntil(gc.isenabled, timeout=5000)


def ask(qtbot: QtBot, window: MainWindow, question: str) -> AskScreen:
    if window.current != "topic":
        to_topic(qtbot, window)
    click(qtbot, window, "ask-question")
    screen = window.screens["ask"]
    assert isinstance(screen, AskScreen)
    screen.edit.setFocus()
    qtbot.keyClicks(screen.edit, question)
    qtbot.keyClick(screen.edit, Qt.Key.Key_Return)
    return screen


def test_the_app_prepares_the_index_soon_after_start_up(qtbot: QtBot) -> None:
    """What ``kiosk`` itself runs (the tests' windows leave it off unless asked)."""
    settings = Settings()
    content = load_kiosk_content(CONTENT, settings, kiosk=False)
    window = build_window(settings, content, kiosk=False, root=CONTENT, speech_engine="mock")
    qtbot.addWidget(window)
    assert window.options.prepare_search_ms == PREPARE_SEARCH_MS
    assert 0 < PREPARE_SEARCH_MS <= 5000  # after the first paint, before anyone types


def test_the_first_question_finds_the_index_ready(
    qtbot: QtBot, make_window: MakeWindow, index_builds: list[Any]
) -> None:
    window = make_window(kiosk=True, prepare_search_ms=0)
    prepared(qtbot, window)
    assert index_builds == [window.context.topics]  # built in the background, before any question
    screen = ask(qtbot, window, "do water pills cause cramps")
    assert screen.results is not None
    assert screen.results.answered
    assert len(index_builds) == 1  # the question took a copy: no build of its own


def test_after_the_wipe_the_next_visitor_needs_no_build_either(
    qtbot: QtBot, make_window: MakeWindow, index_builds: list[Any]
) -> None:
    window = make_window(kiosk=True, prepare_search_ms=0)
    prepared(qtbot, window)
    ask(qtbot, window, "why do my legs cramp at night")
    window.start_again()
    screen = ask(qtbot, window, "what is a cramp")
    assert screen.results is not None
    assert screen.results.answered
    assert len(index_builds) == 1


def test_a_library_is_prepared_whole(
    qtbot: QtBot, make_window: MakeWindow, index_builds: list[Any], tmp_path: Path
) -> None:
    window = make_window(
        kiosk=True, root=make_library(tmp_path / "content", 6), prepare_search_ms=0
    )
    prepared(qtbot, window)
    assert len(index_builds) == 1
    assert len(index_builds[0]) == 6


def test_new_content_is_prepared_again(
    qtbot: QtBot, make_window: MakeWindow, index_builds: list[Any], tmp_path: Path
) -> None:
    root = make_library(tmp_path / "content", 2)
    window = make_window(kiosk=True, root=root, prepare_search_ms=0)
    prepared(qtbot, window)
    first = window.context.preparing
    window.set_content(load_kiosk_content(CONTENT, Settings(), kiosk=True))
    qtbot.waitUntil(lambda: window.context.preparing is not first, timeout=5000)
    prepared(qtbot, window)
    assert len(index_builds) == 2
    assert index_builds[1] == window.context.topics


def new_content_mid_build(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[BuildGate, MainWindow, tuple[Any, ...], threading.Thread]:
    """A window of six topics whose background build is held at its first topic, then
    given the shipped content: the gate, the window, the old topics and the old build."""
    gate = BuildGate(monkeypatch)
    window = make_window(
        kiosk=True, root=make_library(tmp_path / "content", 6), prepare_search_ms=0
    )
    old = window.context.topics
    qtbot.waitUntil(lambda: window.context.preparing is not None, timeout=5000)
    stale = window.context.preparing
    assert stale is not None
    assert gate.started.wait(WAIT_S)  # held at its first topic
    window.set_content(load_kiosk_content(CONTENT, Settings(), kiosk=True))
    return gate, window, old, stale


def test_new_content_stops_the_old_build_and_the_collector_comes_back_on(
    qtbot: QtBot,
    make_window: MakeWindow,
    index_builds: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """New content arrives while the old one's index is being built: the first question
    on it waits for that build to stop (between two topics), not for all of it, and
    uses the new content's index. Both builds' pauses of the collector end (each once):
    it is back on."""
    gate, window, old, stale = new_content_mid_build(qtbot, make_window, monkeypatch, tmp_path)
    new = window.context.topics
    screen = ask(qtbot, window, "do water pills cause cramps")
    stale.join(WAIT_S)
    assert not stale.is_alive()
    assert {topic for topic in gate.added if topic.startswith("topic-")} == {"topic-00"}
    assert index_builds == [old, new]
    assert screen.results is not None
    assert screen.results.answered
    assert {found.bundle_id for found in screen.results.found} == {new[0].id}
    qtbot.waitUntil(lambda: window.context.preparing is not stale, timeout=5000)
    prepared(qtbot, window)  # the new content's (a copy, or the build the question used)
    assert index_builds == [old, new]
    assert [built.bundles for built in search_index._LAST_BUILT] == [new]
    assert collector._pauses == 0


def test_new_content_stops_the_old_build_at_once(
    qtbot: QtBot,
    make_window: MakeWindow,
    index_builds: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """New content stops the old content's build when it is shown, with no question and
    before its own build starts (the app's starts 1.5 s later): the old build no longer
    runs on meanwhile with the collector paused. Then the collector is back on."""
    gate, window, old, stale = new_content_mid_build(qtbot, make_window, monkeypatch, tmp_path)
    gate.contended.set()  # let it go on (no other caller: the new build is not due yet)
    stale.join(WAIT_S)
    assert not stale.is_alive()
    assert {topic for topic in gate.added if topic.startswith("topic-")} == {"topic-00"}
    assert index_builds == [old]
    assert search_index._LAST_BUILT == []
    qtbot.waitUntil(lambda: window.context.preparing is not stale, timeout=5000)
    prepared(qtbot, window)  # the new content's own build, in full
    assert [built.bundles for built in search_index._LAST_BUILT] == [window.context.topics]
    assert collector._pauses == 0


def test_a_failed_build_is_logged_and_the_question_box_still_answers(
    qtbot: QtBot,
    make_window: MakeWindow,
    index_builds: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(bundles: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(kiosk.search, "prepare", broken)
    caplog.set_level(logging.ERROR, logger="kiosk")
    window = make_window(kiosk=True, prepare_search_ms=0)
    prepared(qtbot, window)
    assert "could not prepare the question box's index" in caplog.text
    screen = ask(qtbot, window, "do water pills cause cramps")
    assert screen.results is not None
    assert screen.results.answered
    assert len(index_builds) == 1  # the question built it itself


def test_no_content_no_build(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    """While the content is being updated (none loaded) there is nothing to prepare."""
    empty = tmp_path / "none"
    empty.mkdir()
    window = make_window(kiosk=True, root=empty, prepare_search_ms=0)
    qtbot.wait(50)
    assert window.current == "updating"
    assert window.context.preparing is None


def test_no_garbage_collection_runs_in_the_build_thread(
    qtbot: QtBot, make_window: MakeWindow, index_builds: list[Any]
) -> None:
    """A collection finalises whatever cyclic garbage there is, the screens' Qt objects
    too, in the thread that runs it: never the build's. The collector, paused for the
    build, is turned back on in the Qt main thread once the build is done."""
    threads: list[str] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(seen)
    try:
        window = make_window(kiosk=True, prepare_search_ms=0)
        prepared(qtbot, window)
        qtbot.wait(100)  # the collections set off by what the build made
    finally:
        gc.callbacks.remove(seen)
    assert len(index_builds) == 1
    assert threads  # the build made enough objects to set one off
    assert set(threads) == {threading.main_thread().name}


def test_a_window_gone_before_its_build_starts_none(qtbot: QtBot) -> None:
    """The start-up timer goes with its window (a test's, closed at its end): no build
    starts later in whatever runs then."""
    settings = Settings()
    content = load_kiosk_content(CONTENT, settings, kiosk=False)
    window = build_window(
        settings, content, kiosk=False, root=CONTENT, speech_engine="mock", prepare_search_ms=200
    )
    context = window.context
    window.close()
    window.deleteLater()
    qtbot.wait(600)
    assert context.preparing is None


def test_the_collector_looks_over_the_build_as_soon_as_it_is_back_on() -> None:
    """At the welcome screen, once the build is done: left to the next new object, that
    pass over all the build made fell in the first visitor's first touch or question."""
    held = collector.pause()
    done = threading.Thread(target=lambda: None)
    done.start()
    done.join(10)
    made = [[] for _ in range(5000)]  # what a build leaves: many new objects, all kept
    passes: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        _resume_when_done(done, held)
        assert passes  # a pass now, before any other new object
    finally:
        gc.callbacks.remove(seen)
        held.end()
    assert gc.isenabled()
    assert len(made) == 5000
