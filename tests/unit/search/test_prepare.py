"""The question box's index built ahead of the first question (kiosk.search.prepare)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

import kiosk.search.index as index_module
from kiosk.content import Bundle, load_bundle
from kiosk.search import SearchIndex, prepare
from tests.library import TEST_TOPIC


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

    def slow(bundles: tuple[Bundle, ...]) -> Any:
        started.set()
        assert release.wait(10)
        return counted(bundles)

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
