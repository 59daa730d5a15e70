"""The idle countdown, the reset, and proof that nothing of a visit survives it."""

from __future__ import annotations

import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.settings import Settings
from kiosk.ui.ask_screen import AskScreen
from kiosk.ui.dialogs import CountdownDialog
from kiosk.ui.screens import SectionScreen, TopicScreen
from kiosk.ui.window import MainWindow
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, open_dialog, to_topic


def _quick_kiosk(make_window: MakeWindow, staff_hash: str) -> MainWindow:
    settings = Settings(staff_pin=staff_hash, idle_seconds=10, warning_seconds=5)
    window = make_window(kiosk=True, settings=settings)
    window.idle.timer.setInterval(200)  # the test's own short quiet period
    window.options.warning_seconds = 2
    return window


def _snapshot(root: Path) -> dict[str, tuple[int, float]]:
    found = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            stat = path.stat()
            found[str(path)] = (stat.st_size, stat.st_mtime)
    return found


def test_countdown_then_still_here(qtbot: QtBot, make_window: MakeWindow, staff_hash: str) -> None:
    window = _quick_kiosk(make_window, staff_hash)
    to_topic(qtbot, window)
    qtbot.waitUntil(
        lambda: window.idle_reset.countdown is not None and window.idle_reset.countdown.isVisible(),
        timeout=3000,
    )
    dialog = window.idle_reset.countdown
    assert isinstance(dialog, CountdownDialog)
    assert dialog.message.text() == "Starting over in 2 s"
    click(qtbot, dialog, "still-here")
    assert window.idle_reset.countdown is None
    assert window.current == "topic"
    assert window.session.reading_level == "patient"


def test_any_touch_during_the_countdown_counts_as_still_here(
    qtbot: QtBot, make_window: MakeWindow, staff_hash: str
) -> None:
    window = _quick_kiosk(make_window, staff_hash)
    to_topic(qtbot, window)
    qtbot.waitUntil(lambda: window.idle_reset.countdown is not None, timeout=3000)
    assert window.idle_reset.countdown is not None
    handle = window.idle_reset.countdown.windowHandle()
    assert handle is not None
    QTest.mouseClick(
        handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(30, 30)
    )  # a touch anywhere in the dialog, as the screen sends it
    assert window.idle_reset.countdown is None
    assert window.current == "topic"


def test_no_countdown_on_an_untouched_welcome_screen(
    qtbot: QtBot, make_window: MakeWindow, staff_hash: str
) -> None:
    window = _quick_kiosk(make_window, staff_hash)
    qtbot.wait(600)
    assert window.idle_reset.countdown is None


def test_idle_reset_wipes_everything(
    qtbot: QtBot, make_window: MakeWindow, staff_hash: str, isolated_home: Path
) -> None:
    window = _quick_kiosk(make_window, staff_hash)
    before = _snapshot(isolated_home)
    # a full visit: clinician level, bigger text, a section, a reference open
    qtbot.mouseClick(window.screens["welcome"], Qt.MouseButton.LeftButton)
    click(qtbot, window, "audience-clinician")
    click(qtbot, window, "text-larger")
    click(qtbot, window, "section-management")
    section = window.screens["section"]
    assert isinstance(section, SectionScreen)
    section.page.verticalScrollBar().setValue(section.page.verticalScrollBar().maximum())
    qtbot.mouseClick(section.passages[0].buttons[0], Qt.MouseButton.LeftButton)
    assert open_dialog(window, "reference").isVisible()
    window.session.visit.answer("q1", "yes")  # the self-check will keep answers here
    open_dialog(window, "reference").done(0)
    window.ask_question()  # a question typed on the on-screen keyboard, and answered
    ask = window.screens["ask"]
    assert isinstance(ask, AskScreen)
    assert ask.keyboard is not None
    for key in "my cramps salts":
        click(qtbot, ask.keyboard, "key-space" if key == " " else f"key-{key}")
    click(qtbot, ask.keyboard, "key-ask")
    assert ask.results is not None
    assert ask.results.answered
    window.open_section("management")
    assert section.section_id == "management"
    section.page.verticalScrollBar().setValue(section.page.verticalScrollBar().maximum())
    qtbot.mouseClick(section.passages[0].buttons[0], Qt.MouseButton.LeftButton)
    assert open_dialog(window, "reference").isVisible()
    assert not window.session.is_start_state()

    with qtbot.waitSignal(window.session.wiped, timeout=8000):
        pass  # nobody touches anything: countdown, then the reset

    assert window.current == "welcome"
    assert window.session.is_start_state()
    assert window.session.level is None
    assert window.session.answers == {}
    assert [d for d in window.findChildren(CountdownDialog) if d.isVisible()] == []
    # the wipe by construction: every screen of the visit was thrown away with it
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for old in (section, ask):
        assert not shiboken6.isValid(old), f"{old.objectName()} outlived the visit"
    assert list(window.screens) == ["welcome"]
    section = window.screens["section"]
    assert isinstance(section, SectionScreen)
    assert section.section_id is None
    assert section.passages == []
    assert section.page.verticalScrollBar().value() == 0
    topic = window.screens["topic"]
    assert isinstance(topic, TopicScreen)
    assert topic.page.verticalScrollBar().value() == 0
    assert [d for d in window.findChildren(QDialog) if d.isVisible()] == []
    ask = window.screens["ask"]
    assert isinstance(ask, AskScreen)
    assert ask.question == ""  # the question box forgot the question and its answers
    assert ask.results is None
    assert ask.edit.text() == ""
    assert not ask.edit.isUndoAvailable()
    shown = [label.text() for label in window.findChildren(QLabel)]
    shown += [edit.text() for edit in window.findChildren(QLineEdit)]
    assert not [text for text in shown if "my cramps" in text]  # the question typed
    assert _snapshot(isolated_home) == before, "the visit wrote to disk"


def test_start_over_is_the_same_wipe(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window, "clinician")
    click(qtbot, window, "text-larger")
    click(qtbot, window, "start-over")
    assert window.session.is_start_state()
    click(qtbot, window, "touch-to-start")
    click(qtbot, window, "audience-patient")
    assert window.session.text_size == 0
