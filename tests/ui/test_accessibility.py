"""kiosk.ui.accessibility without a screen reader: the interfaces its factory makes.

(The real thing, read by an AT-SPI client, is tests/a11y.)"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.accessibility import install, screen_announcement
from kiosk.ui.widgets import button, label, spoken_name
from kiosk.ui.window import MainWindow
from tests.ui.helpers import click, to_topic


def _interface(widget: QWidget) -> object:
    install()
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface


def test_title_labels_are_headings(qtbot: QtBot) -> None:
    for role in ("hero", "h1", "h2"):
        title = label("A title", role=role)
        qtbot.addWidget(title)
        interface = _interface(title)
        assert interface.role() == QAccessible.Role.Heading  # type: ignore[attr-defined]
        assert interface.text(QAccessible.Text.Name) == "A title"  # type: ignore[attr-defined]
    plain = label("Some text", role="muted")
    qtbot.addWidget(plain)
    assert _interface(plain).role() != QAccessible.Role.Heading  # type: ignore[attr-defined]


def test_a_checkable_answer_is_a_radio_button_that_clicks(qtbot: QtBot) -> None:
    clicks: list[bool] = []
    answer = button("✓  Yes", name="answer-yes", wrap=True, on_click=lambda: clicks.append(True))
    qtbot.addWidget(answer)
    interface = _interface(answer)  # made before it is checkable, as Qt does at setText
    answer.setProperty("a11y", "radio")
    answer.setCheckable(True)
    assert interface.role() == QAccessible.Role.RadioButton  # type: ignore[attr-defined]
    assert interface.text(QAccessible.Text.Name) == "Yes"  # type: ignore[attr-defined]
    assert interface.state().checkable  # type: ignore[attr-defined]
    actions = interface.actionInterface()  # type: ignore[attr-defined]
    actions.doAction(actions.actionNames()[0])
    assert clicks == [True]
    assert interface.state().checked  # type: ignore[attr-defined]


def test_an_answer_takes_the_focus_when_an_assistive_technology_asks(qtbot: QtBot) -> None:
    """AT-SPI's grab_focus reaches a Qt widget only through its setFocus action: without
    it, a screen reader (or switch access) that moved to "No" and pressed Space chose
    the answer that still had the focus ("Yes")."""
    answer = button("No", name="answer-no", wrap=True)
    other = button("Yes", name="answer-yes", wrap=True)
    box = QWidget()
    for widget in (answer, other):
        widget.setParent(box)
        widget.setCheckable(True)
        widget.setProperty("a11y", "radio")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.activateWindow()
    other.setFocus()
    actions = _interface(answer).actionInterface()  # type: ignore[attr-defined]
    assert QAccessibleActionInterface.setFocusAction() in actions.actionNames()
    actions.doAction(QAccessibleActionInterface.setFocusAction())
    qtbot.waitUntil(answer.hasFocus)
    assert not answer.isChecked()  # focused, not chosen


def test_names_are_words_without_symbols() -> None:
    assert spoken_name("⟲  Start over") == "Start over"
    assert spoken_name("Check my risk factors  ›") == "Check my risk factors"
    assert spoken_name("‹  Back") == "Back"
    assert spoken_name("❚❚  Pause") == "Pause"


def test_a_screen_is_announced_by_its_title_then_its_first_content(
    qtbot: QtBot, window: MainWindow
) -> None:
    to_topic(qtbot, window)
    lines = screen_announcement(window.screens["topic"]).split("\n")
    assert lines[0] == "Why do muscles cramp?"
    assert lines[1] == "The short answer"
    assert lines[2].startswith("During a cramp, stretch the muscle")
    click(qtbot, window, "check-risk-factors")
    click(qtbot, window.screens["question"], "question-start")
    lines = screen_announcement(window.screens["question"]).split("\n")
    assert lines[0].startswith("Question 1 of")
    assert lines[1] == "Along with the cramps, do you feel weak or numb?"
    focused = window.focusWidget()
    assert focused is not None
    assert focused.objectName() == "answer-yes"  # the first answer has the focus


def test_tapping_the_chosen_switch_keeps_it_chosen_with_its_mark(
    qtbot: QtBot, window: MainWindow
) -> None:
    for name in ("welcome-language-en",):
        click(qtbot, window, name)
        widget = window.findChild(QAbstractButton, name)
        assert widget is not None
        assert widget.isChecked()
        assert widget.text().startswith("✓")
    to_topic(qtbot, window)
    for name in ("language-en", "level-patient"):
        click(qtbot, window, name)
        widget = window.findChild(QAbstractButton, name)
        assert widget is not None
        assert widget.isChecked(), name
        assert widget.text().startswith("✓"), name
        assert not widget.accessibleName().startswith("✓"), name
    click(qtbot, window, "level-clinician")
    patient = window.findChild(QAbstractButton, "level-patient")
    assert patient is not None
    assert not patient.isChecked()
    assert patient.text() == "Patient words"


def test_an_announcement_waits_for_its_window_to_be_active(qtbot: QtBot) -> None:
    """At start-up the first screen was announced before its window was active, and a
    screen reader heard only the window's name: now it is said once the window is."""
    from PySide6.QtCore import QObject

    from kiosk.ui.accessibility import announce

    screen = QWidget()
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    assert not screen.isActiveWindow()
    announce(screen, "The first title")
    announce(screen, "The second title")
    (pending,) = [c for c in screen.children() if c.objectName() == "a11y-pending-announcement"]
    assert pending.text == "The second title"  # type: ignore[attr-defined]
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.waitUntil(lambda: screen.findChild(QObject, "a11y-pending-announcement") is None)
