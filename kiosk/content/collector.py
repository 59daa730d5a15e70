"""Python's cyclic garbage collector paused while many long-lived objects are made (no Qt).

The content cache's decoder, the library's loader and the question box's background
index build each make millions of objects that all stay alive: the collector, run every
700 new objects, would walk them again and again for nothing. They pause it here, never
with ``gc.disable``/``gc.enable`` of their own: the collector is one for the process,
and two threads each saving and restoring its state can interleave so that it stays off
for good (one saves "off" while the other has it off, then restores "off" after the
other has turned it back on), keeping every visitor's cyclic garbage for as long as the
kiosk runs. Here a count of the pauses under way, under a lock, turns it back on when
the last one ends (if it was on when the first began).

A pause may end in another thread than the one it began in: the background build
pauses it from the Qt main thread and ends the pause there once the build is done, so
that no collection ever runs in the build thread (a collection finalises whatever
cyclic garbage there is, the screens' Qt objects too, in the thread that runs it).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Pause", "pause", "paused"]

_LOCK = threading.Lock()
_pauses = 0  # pauses under way
_was_on = False  # whether the collector was on when the first of them began


class Pause:
    """One pause of the collector; :meth:`end` it once (later calls do nothing)."""

    __slots__ = ("_ended",)

    def __init__(self) -> None:
        self._ended = False

    def end(self) -> None:
        global _pauses
        with _LOCK:
            if self._ended:
                return
            self._ended = True
            _pauses -= 1
            if _pauses == 0 and _was_on:
                gc.enable()


def pause() -> Pause:
    """Pause the collector until the returned pause (and every other) has ended."""
    global _pauses, _was_on
    with _LOCK:
        if _pauses == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _pauses += 1
        return Pause()


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused for the ``with`` block (see :func:`pause`)."""
    held = pause()
    try:
        yield
    finally:
        held.end()
