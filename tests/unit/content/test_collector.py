"""The garbage collector's pauses (kiosk.content.collector): one count for every thread."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from kiosk.content import BundleCache, collector, load_bundle
from kiosk.content._cache import decode_document, encode_document
from tests.unit.content.conftest import MakeBundle


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Each test starts with the collector on and leaves it on, whatever it does."""
    gc.enable()
    yield
    gc.enable()


def test_the_last_pause_to_end_turns_it_back_on() -> None:
    first = collector.pause()
    assert not gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the first is still under way
    first.end()
    assert gc.isenabled()
    first.end()  # a second end does nothing
    assert gc.isenabled()


def test_a_collector_off_before_stays_off() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_a_pause_begun_in_one_thread_may_end_in_another() -> None:
    held = collector.pause()
    ender = threading.Thread(target=held.end)
    ender.start()
    ender.join(10)
    assert gc.isenabled()


def test_pauses_in_two_threads_never_leave_it_off(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interleaving that left it off for good when each saved and restored it itself:
    the other thread's pause (the question box's background build) begins, then the
    cache's decoder sees it off, the other ends (back on) just before the decoder turns
    it off, and the decoder, having seen it off, never turns it back on."""
    document = load_bundle(make_bundle(), cache=BundleCache(None)).document
    data = encode_document("key", document)
    other_began, other_may_end = threading.Event(), threading.Event()

    def other() -> None:
        with collector.paused():
            other_began.set()
            assert other_may_end.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    assert other_began.wait(10)
    real_disable = gc.disable

    def disable() -> None:
        # the decoder, about to turn it off: the other thread ends its pause first (with
        # the count, the decoder's pause does not call this: it is off already)
        if threading.current_thread() is threading.main_thread():
            other_may_end.set()
            thread.join(2)
        real_disable()

    monkeypatch.setattr(gc, "disable", disable)
    decode_document("key", data)
    other_may_end.set()
    thread.join(10)
    monkeypatch.undo()
    assert gc.isenabled()


def test_many_threads_pausing_at_once_leave_it_on() -> None:
    start = threading.Barrier(4)

    def pauser() -> None:
        start.wait(10)
        for _ in range(2000):
            with collector.paused():
                pass

    threads = [threading.Thread(target=pauser) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert gc.isenabled()
