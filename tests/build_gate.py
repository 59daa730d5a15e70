"""A question box's index build held under way until another caller wants the build lock:
a build running when new content is asked for, in that order, with no sleep."""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from types import TracebackType
from typing import Any

import pytest

import kiosk.search.index as index_module

WAIT_S = 10  # longest wait for the other side (a test failing, not a slow machine)


class BuildGate:
    """Holds the first build that starts at its first document, until another thread
    waits for the build lock (``kiosk.search.index._BUILDING``): by then that thread has
    asked for its library. Counts the documents each build adds, per bundle id, and
    keeps each build's SQLite connection."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()  # the held build is at its first document
        self.contended = threading.Event()  # another caller waits for the lock
        self.added: Counter[str] = Counter()
        self.tables: list[sqlite3.Connection] = []  # each build's, in order
        self._held = False
        lock = threading.Lock()
        gate = self

        class Watched:
            def __enter__(self) -> None:
                if not lock.acquire(blocking=False):
                    gate.contended.set()
                    lock.acquire()

            def __exit__(
                self,
                kind: type[BaseException] | None,
                error: BaseException | None,
                trace: TracebackType | None,
            ) -> None:
                lock.release()

        language = index_module._Language
        real_init, real_add = language.__init__, language.add

        def init(self: Any, db: sqlite3.Connection, *rest: Any) -> None:
            if db not in gate.tables:
                gate.tables.append(db)
            real_init(self, db, *rest)

        def add(self: Any, doc: Any, *rest: Any) -> None:
            gate.added[doc.bundle.id] += 1
            if not gate._held:
                gate._held = True
                gate.started.set()
                gate.contended.wait(WAIT_S)
            real_add(self, doc, *rest)

        monkeypatch.setattr(index_module, "_BUILDING", Watched())
        monkeypatch.setattr(language, "__init__", init)
        monkeypatch.setattr(language, "add", add)


def closed(db: sqlite3.Connection) -> bool:
    try:
        db.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False
