"""The question box's index built ahead of the first question (kiosk.search.prepare)."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import kiosk.search.index as index_module
from kiosk.content import Bundle, collector, load_bundle
from kiosk.search import SearchIndex, prepare, want
from tests.build_gate import WAIT_S, BuildGate, closed
from tests.library import TEST_TOPIC, make_library


def test_a_question_after_prepare_builds_nothing(bundle: Bundle, index_builds: list[Any]) -> None:
    library = (bundle, load_bundle(TEST_TOPIC))
    prepare(library)
    assert len(index_builds) == 1
    index = SearchIndex(library)
    assert len(index_builds) == 1  # a copy of the prepared one
    results = index.ask_library("water pills", "patient", "en", open_topic=bundle.id)
    assert results.answered
    assert results == SearchIndex(library).ask_library(
        "water pills", "patient", "en", open_topic=bundle.id
    )


def test_prepare_for_other_bundles_does_not_stand_for_these(
    bundle: Bundle, index_builds: list[Any]
) -> None:
    prepare([load_bundle(TEST_TOPIC)])
    SearchIndex([bundle])
    assert len(index_builds) == 2


def test_a_question_during_prepare_waits_for_it_instead_of_building_again(
    bundle: Bundle, index_builds: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The background build holds the lock; a question asked meanwhile takes its result."""
    started, release = threading.Event(), threading.Event()
    counted = index_module._build

    def slow(bundles: tuple[Bundle, ...], *rest: Any) -> Any:
        started.set()
        assert release.wait(10)
        return counted(bundles, *rest)

    monkeypatch.setattr(index_module, "_build", slow)
    thread = threading.Thread(target=prepare, args=([bundle],))
    thread.start()
    assert started.wait(10)
    asked: list[SearchIndex] = []
    question = threading.Thread(target=lambda: asked.append(SearchIndex([bundle])))
    question.start()
    time.sleep(0.05)
    assert not asked  # waiting for the build under way
    release.set()
    thread.join(10)
    question.join(10)
    assert len(asked) == 1
    assert len(index_builds) == 1
    assert asked[0].ask("water pills", "patient", "en").answered


def _library(root: Path, topics: int) -> tuple[Bundle, ...]:
    """``topics`` topics (topic-00...), as the app loads them."""
    folder = make_library(root, topics)
    return tuple(load_bundle(path) for path in sorted(folder.iterdir()))


def _prepare_in_thread(bundles: tuple[Bundle, ...]) -> tuple[threading.Thread, list[object]]:
    done: list[object] = []
    thread = threading.Thread(target=lambda: done.append(prepare(bundles)), name="prepare")
    thread.start()
    return thread, done


def test_a_question_for_new_content_stops_the_build_of_the_old(
    bundle: Bundle, index_builds: list[Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """New content arrived while the old one's index was being built: its first question
    waits for that build to stop (between two topics), not for all of it."""
    gate = BuildGate(monkeypatch)
    old = _library(tmp_path / "old", 6)
    thread, done = _prepare_in_thread(old)
    assert gate.started.wait(WAIT_S)  # the old build under way, at its first topic
    index = SearchIndex([bundle])  # the new content's first question
    thread.join(WAIT_S)
    assert not thread.is_alive()
    # given up after its first topic (where it was held)...
    assert {topic for topic in gate.added if topic.startswith("topic-")} == {"topic-00"}
    assert done == [False]
    assert index_builds == [old, (bundle,)]  # ...and the question built only its own
    assert [built.bundles for built in index_module._LAST_BUILT] == [(bundle,)]
    results = index.ask("do water pills cause cramps", "patient", "en")
    assert results.answered
    assert {found.bundle_id for found in results.found} == {bundle.id}


def test_a_prepare_for_new_content_stops_the_build_of_the_old(
    bundle: Bundle, index_builds: list[Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gate = BuildGate(monkeypatch)
    old = _library(tmp_path / "old", 6)
    thread, done = _prepare_in_thread(old)
    assert gate.started.wait(WAIT_S)
    built = prepare([bundle])  # the new content's own background build
    thread.join(WAIT_S)
    assert {topic for topic in gate.added if topic.startswith("topic-")} == {"topic-00"}
    assert (built, done) == (True, [False])
    assert index_builds == [old, (bundle,)]
    SearchIndex([bundle])
    assert len(index_builds) == 2  # the question took a copy of the new one


def test_wanting_new_content_stops_the_build_of_the_old(
    bundle: Bundle, index_builds: list[Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``want`` (the app's new content, shown) stops the old build with no question and
    no build of its own: the lock is not even asked for."""
    gate = BuildGate(monkeypatch)
    old = _library(tmp_path / "old", 6)
    thread, done = _prepare_in_thread(old)
    assert gate.started.wait(WAIT_S)
    want([bundle])
    gate.contended.set()  # let it go on: it stops at its next check
    thread.join(WAIT_S)
    assert not thread.is_alive()
    assert {topic for topic in gate.added if topic.startswith("topic-")} == {"topic-00"}
    assert done == [False]
    assert index_builds == [old]
    assert index_module._LAST_BUILT == []


def test_a_stopped_build_leaves_no_index_behind_and_the_collector_back_on(
    bundle: Bundle, index_builds: list[Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Nothing of the given-up build is kept: its table is closed, no cache holds it, and
    the old content asked for again is built whole. The collector, paused around the
    build as the app does (kiosk.ui.screens), is back on once that pause ends."""
    gate = BuildGate(monkeypatch)
    old = _library(tmp_path / "old", 6)
    held = collector.pause()
    try:
        thread, done = _prepare_in_thread(old)
        assert gate.started.wait(WAIT_S)
        assert not gc.isenabled()
        SearchIndex([bundle])
        thread.join(WAIT_S)
        assert not thread.is_alive()
    finally:
        held.end()
    assert gc.isenabled()
    stale, new = gate.tables
    assert closed(stale)
    assert done == [False]
    assert not closed(new)
    assert all(built.db is not stale for built in index_module._LAST_BUILT)
    # the old content again (staff put it back): built whole, every topic answers
    again = SearchIndex(old)
    assert index_builds == [old, (bundle,), old]
    assert gate.added["topic-05"] > 0
    for topic in old:
        results = again.ask("what is this kiosk for", "patient", "en", bundle_id=topic.id)
        assert results.found, topic.id


def test_a_questions_own_build_is_never_given_up(
    bundle: Bundle, index_builds: list[Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A question waits for its own build: a prepare for other content waits for it."""
    gate = BuildGate(monkeypatch)
    old = _library(tmp_path / "old", 3)
    asked: list[SearchIndex] = []
    question = threading.Thread(target=lambda: asked.append(SearchIndex(old)))
    question.start()
    assert gate.started.wait(WAIT_S)
    prepare([bundle])
    question.join(WAIT_S)
    assert len(asked) == 1
    assert index_builds == [old, (bundle,)]
    assert gate.added["topic-02"] > 0  # built whole
