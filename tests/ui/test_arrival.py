"""Arriving on a screen (issue 16): its title in view, the focus on it, and no stop on
the way (a screen reader says every control the focus lands on)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import ContentState
from kiosk.ui.screens import Screen
from kiosk.ui.window import MainWindow
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, to_topic


def _active(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """Focus moves only in the active window (offscreen windows are not, unless asked)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _screens(qtbot: QtBot, window: MainWindow) -> Iterator[tuple[str, Callable[[], None]]]:
    """Each screen with a scrolling page, and how a visitor gets there."""
    from kiosk.selfcheck.scripted import scripted_answers

    bundle = window.content.bundle
    assert bundle is not None
    assert window.engine is not None
    engine = window.engine

    def results() -> None:
        window.session.visit.answer_all(scripted_answers(engine.selfcheck).urgent)
        window.show_results()

    yield "topic", lambda: to_topic(qtbot, window)
    yield "section", lambda: window.open_section(bundle.topic.sections[1].id)
    yield "question", window.start_selfcheck  # its intro
    yield "question", lambda: click(qtbot, window.screens["question"], "question-start")
    yield "results", results
    yield "ask", window.ask_question


def _in_view(screen: Screen, widget: QWidget) -> bool:
    viewport = screen.page.viewport()
    if not viewport.isAncestorOf(widget):  # fixed below the page (the question box's)
        top = widget.mapTo(screen, QPoint(0, 0)).y()
        return top >= 0 and top + widget.height() <= screen.height()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= viewport.height()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [0, 3])
def test_a_screen_arrives_with_its_title_in_view_and_the_focus_on_it(
    qtbot: QtBot, make_window: MakeWindow, language: str, size: int
) -> None:
    """At 200% the topic's first control (a source button) is below the first
    screenful: focusing it scrolled the title half out of sight. Now the page shows its
    top and takes the focus itself (named after the title); Tab goes on to that control."""
    window = _active(qtbot, make_window(kiosk=True))
    window.session.set_text_size(size)
    window.session.set_language(language)
    for name, show in _screens(qtbot, window):
        show()
        QApplication.processEvents()
        screen = window.screens[name]
        assert window.current == name
        assert screen.page.verticalScrollBar().value() == 0, f"{name}: scrolled on arrival"
        title = next(
            t
            for t in screen.findChildren(QWidget)
            if t.property("role") in ("h1", "hero") and t.isVisible()
        )
        assert _in_view(screen, title), name
        focused = QApplication.focusWidget()
        assert focused is not None
        assert focused is screen.page or screen.isAncestorOf(focused)
        if focused is screen.page:
            assert screen.page.accessibleName() == title.text()
            first = screen.first_focus()
            assert first is not None
            assert not _in_view(screen, first)
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is first, name
            assert _in_view(screen, first)  # scrolled to it now, by the keyboard
        else:
            assert _in_view(screen, focused), f"{name}: {focused.objectName()} out of sight"


def test_a_change_of_screen_stops_nowhere_on_the_way(qtbot: QtBot, window: MainWindow) -> None:
    """The control left loses the focus as its screen goes: Qt passed it on to the next
    in the window, the header's "Start over", before the new screen's first control got
    it, so a screen reader said "Start over" at every change of screen."""
    window = _active(qtbot, window)
    landed: list[str] = []

    def changed(_old: QWidget | None, now: QWidget | None) -> None:
        if now is not None:
            landed.append(now.objectName())

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.focusChanged.connect(changed)
    try:
        click(qtbot, window, "touch-to-start")
        click(qtbot, window, "audience-patient")
        click(qtbot, window, "section-mechanisms")
        click(qtbot, window, "back-to-topic")
    finally:
        app.focusChanged.disconnect(changed)
    header = {w.objectName() for w in window.chrome.header.findChildren(QWidget)}
    assert [name for name in landed if name in header] == []
    assert landed[-1] == "section-mechanisms"  # back where it was


def test_being_updated_gives_the_focus_to_its_page(qtbot: QtBot, make_window: MakeWindow) -> None:
    """No content: the screen has no control, and the focus was nowhere in the window (a
    screen reader that skips announcements said only the window's name). The page, named
    after the title, takes it; Tab leaves it there (there is nowhere else to go)."""
    window = _active(qtbot, make_window(kiosk=True, content=ContentState(None)))
    assert window.current == "updating"
    screen = window.screens["updating"]
    QApplication.processEvents()
    assert QApplication.focusWidget() is screen.page
    assert screen.page.accessibleName() == "This kiosk is being updated"
    qtbot.keyClick(screen.page, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.page
