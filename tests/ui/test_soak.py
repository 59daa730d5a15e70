"""A short soak (bench/soak.py runs 10,000 visits): full visits in one kiosk window leave
no widget, no dialog and no Python type behind, and do not crash (issue 18)."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

import kiosk.ui
from bench.soak import drive, one_visit, python_types, qt_wrappers
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import open_dialog, to_topic

pytestmark = pytest.mark.slow


def visits(window: object, count: int):  # type: ignore[no-untyped-def]
    for _ in range(count):
        yield from one_visit(window)


def test_attack_many_full_visits_leave_no_widgets_or_types(make_window: MakeWindow) -> None:
    """Every screen, every dialog, a question, the self-check, the PIN pad and the staff
    panel, visit after visit: one new Python type per visit (a gesture type per scroll
    area) and every closed dialog kept until the wipe, before."""
    window = make_window(kiosk=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    drive(app, visits(window, 3))  # warm-up: caches, the search index's first build
    gc.collect()
    widgets, types = len(app.allWidgets()), python_types()
    drive(app, visits(window, 12))
    gc.collect()
    assert len(app.allWidgets()) <= widgets
    assert python_types() <= types


def test_attack_tab_order_walk_leaves_seven_wrappers_per_visit(make_window: MakeWindow) -> None:
    """Putting the header first in the Tab order walked the window's focus chain, which
    gave each scroll area's viewport and scroll bar holders a Python wrapper that PySide
    kept with the scroll area after Qt had replaced them: 7 more per visit, without end
    (bench/soak.py counted them; neither widgets nor types grew)."""
    window = make_window(kiosk=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    drive(app, visits(window, 2))
    gc.collect()
    wrappers = qt_wrappers()
    drive(app, visits(window, 4))
    gc.collect()
    assert qt_wrappers() <= wrappers


def test_attack_sections_and_sources_visit_after_visit_do_not_crash(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """Every section, then a source, then start over: the kiosk crashed (SIGSEGV) within
    40 such visits, freeing passages it had handed to Python (setParent(None)) while
    Qt's deleteLater was pending."""
    window = make_window(kiosk=True)
    bundle = window.content.bundle
    assert bundle is not None
    for _ in range(40):
        to_topic(qtbot, window)
        for section in bundle.topic.sections:
            window.open_section(section.id)
            qtbot.wait(1)
        window.show_reference(1)
        qtbot.wait(1)
        open_dialog(window, "reference").done(0)
        qtbot.wait(1)
        window.start_again()
        qtbot.wait(5)
    assert window.current == "welcome"


def test_attack_closed_dialogs_are_freed_at_once(qtbot: QtBot, make_window: MakeWindow) -> None:
    """300 rounds of dialogs took RSS from 115 to 1,110 MiB: each was kept until the wipe."""
    window = make_window(kiosk=True)
    to_topic(qtbot, window)
    for _ in range(30):
        window.show_reference(1)
        window.show_about()
        for dialog in [d for d in window.findChildren(QDialog) if d.isVisible()]:
            dialog.done(0)
        qtbot.wait(1)  # the event loop frees them
    assert window.findChildren(QDialog) == []
    assert not window.session.is_start_state()  # freed without a wipe


class Source(QObject):
    fired = Signal()


_EMIT_OR_QT_METHOD = re.compile(
    r"\.connect\(\s*[A-Za-z_][\w.]*\.(emit|accept|reject|close|done|hide|show|deleteLater|"
    r"update|clear|start|stop|setFocus|click|open|exec)\s*[,)]"
)


_PYTHON_EVENTS_ONLY = {"session.py"}
"""Modules whose connects to ``emit`` are on kiosk.visit's events (plain Python)."""


def test_attack_connecting_to_an_emit_grows_memory_every_visit(qapp: QApplication) -> None:
    """The idle countdown's expiry and the staff panel's exit were connected to another
    object's ``signal.emit``: PySide keeps such a connection (some 60 bytes) after both
    objects are gone, once per countdown and per staff sign-in, without end; the same
    for a method Qt wraps (``dialog.accept``). A signal connected to a signal, a Python
    method or a lambda does not grow. Checked in PySide itself, then in our code."""
    import tracemalloc

    holder = Source()

    def growth(connect: Callable[[Source], None]) -> int:
        def rounds(count: int) -> None:
            for _ in range(count):
                made = Source()
                connect(made)
                made.deleteLater()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

        rounds(50)
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            rounds(500)
            gc.collect()
            return tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()

    assert growth(lambda made: made.fired.connect(holder.fired.emit)) > 500 * 30  # the leak
    assert growth(lambda made: made.fired.connect(holder.fired)) < 500 * 4  # the fix

    root = Path(kiosk.ui.__file__).parent
    found = [
        f"{path.name}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted(root.glob("*.py"))
        if path.name not in _PYTHON_EVENTS_ONLY
        for text in [path.read_text(encoding="utf-8")]
        for match in _EMIT_OR_QT_METHOD.finditer(text)
    ]
    assert found == [], "connect the signal itself, or a Python method or lambda"


def test_attack_scroll_pages_keep_c_heap_after_they_are_gone(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """bench/soak.py: RSS grew by megabytes per 1,000 visits, with no widget, type or
    wrapper more: Qt kept C heap for each scroll area whose viewport fill the style
    sheet turned off (the screens' and dialogs' pages), after the page was deleted.
    A page whose viewport never fills (no_viewport_fill) leaves nothing."""
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout

    from bench.soak import heap_mib
    from kiosk.ui.widgets import ScrollPage, discard

    if not heap_mib():
        pytest.skip("needs glibc's mallinfo2")
    window = make_window(kiosk=True)

    def growth(make: Callable[[], QScrollArea]) -> float:
        def rounds(count: int) -> None:
            for _ in range(count):
                dialog = QDialog(window)
                QVBoxLayout(dialog).addWidget(make())
                dialog.show()
                qtbot.wait(1)
                discard(dialog)
                qtbot.wait(1)

        rounds(20)
        gc.collect()
        before = heap_mib()
        rounds(120)
        gc.collect()
        return (heap_mib() - before) * 2**20 / 120

    def plain() -> QScrollArea:
        area = QScrollArea()
        area.setWidget(QDialog())
        return area

    leaked = growth(plain)
    kept = growth(lambda: ScrollPage(kinetic=True))
    assert leaked > 300  # bytes per page: Qt's own behaviour, as measured
    assert kept < leaked / 4
