"""The self-check's safety on screen (issue 11, part 4), by clicking and typing on the
real widgets: "Start the questions" and "Skip this question" are two buttons; after
Start the focus is on the question, so Return pressed again neither skips nor answers
question 1; Skip is quiet, secondary and never the default; skipping a warning-sign
question asks once to confirm ("Go back to the question" the default), and the wipe
forgets that it asked; "Not sure" stays an answer of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.selfcheck_screens import QuestionScreen
from kiosk.ui.theme import DEFAULT
from kiosk.ui.window import MainWindow
from tests.ui.helpers import click, find_button, renewed, texts, to_topic

CONFIRM = (
    "This question is about a warning sign. Skipping it means the check cannot tell you "
    "if you need help now. Skip anyway?"
)


def _intro(qtbot: QtBot, window: MainWindow) -> QuestionScreen:
    to_topic(qtbot, window)
    click(qtbot, window, "check-risk-factors")
    screen = window.screens["question"]
    assert isinstance(screen, QuestionScreen)
    assert screen.current is None
    return screen


def _start(qtbot: QtBot, window: MainWindow) -> QuestionScreen:
    screen = _intro(qtbot, window)
    click(qtbot, screen, "question-start")
    assert screen.current == screen.engine.order[0].id
    return screen


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def _key(qtbot: QtBot, key: Qt.Key) -> None:
    """One key to the focused widget's window, as a keyboard gives it."""
    handle = _focused().window().windowHandle()
    assert handle is not None
    qtbot.keyClick(handle, key)
    QApplication.processEvents()


def _confirm_shown(screen: QuestionScreen) -> bool:
    return screen.confirm.isVisible()


def test_start_and_skip_are_two_different_buttons(qtbot: QtBot, window: MainWindow) -> None:
    screen = _intro(qtbot, window)
    start = find_button(screen, "question-start")
    skip = find_button(screen, "question-skip")
    assert start is not skip
    assert start.isVisible()
    assert not skip.isVisible()
    assert "Start the questions" in start.text()
    click(qtbot, screen, "question-start")
    assert not start.isVisible()
    assert skip.isVisible()
    assert skip.text() == "Skip this question"
    assert start.text().startswith("Start the questions")  # never renamed into Skip
    assert skip.accessibleName() == "Skip this question"
    assert find_button(screen, "question-start") is start  # the same two objects throughout
    click(qtbot, screen, "answer-no")
    assert find_button(screen, "question-skip") is skip


def test_return_pressed_twice_after_start_leaves_question_1_unanswered(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    screen = _intro(qtbot, window)
    start = find_button(screen, "question-start")
    qtbot.waitUntil(lambda: _focused() is start, timeout=2000)  # the intro's focus: Start
    _key(qtbot, Qt.Key.Key_Return)  # Start
    first = screen.engine.order[0].id
    assert screen.current == first
    focus = _focused()
    # the focus is on the question: its first answer, inside the question's group
    assert screen.answers_group.isAncestorOf(focus), focus.objectName()
    assert focus.objectName() == "answer-yes"
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Return)
    assert screen.current == first, "Return skipped question 1"
    assert window.current == "question"
    assert window.session.answers == {}, "Return answered question 1"
    assert not _confirm_shown(screen)
    assert screen.answers_group.isAncestorOf(_focused())


def test_focus_goes_to_the_question_after_each_move(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    screen = _start(qtbot, window)
    assert _focused().objectName() == "answer-yes"
    click(qtbot, screen, "answer-no")
    assert screen.current == screen.engine.order[1].id
    assert screen.answers_group.isAncestorOf(_focused())
    assert _focused() is not find_button(screen, "question-skip")


def test_skip_is_quiet_secondary_and_never_the_default(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    window = kiosk_window
    screen = _start(qtbot, window)
    skip = find_button(screen, "question-skip")
    assert not skip.autoDefault()
    assert not skip.isDefault()
    assert skip.property("role") == "quiet"
    assert skip.height() >= 64, "Skip is a touch target too (64 px in kiosk mode)"
    assert skip.font().weight() < QFont.Weight.Bold
    # placed after the answers and the Back row
    back = find_button(screen, "question-back")
    assert (
        skip.mapTo(screen, skip.rect().topLeft()).y()
        > back.mapTo(screen, back.rect().bottomLeft()).y()
        > screen.answers_group.mapTo(screen, screen.answers_group.rect().topLeft()).y()
    )
    # drawn without the primary fill (transparent: the page shows), its words in the link's colour
    image = skip.grab().toImage()
    scale = image.devicePixelRatio()
    corner = image.pixelColor(int(6 * scale), int(skip.height() / 2 * scale))
    accent = QColor(DEFAULT.accent)
    assert corner != accent
    assert corner.alpha() == 0 or corner == QColor(DEFAULT.background)  # no fill of its own
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert QColor(DEFAULT.link).name() in colours, "Skip must still be seen: its words"
    # the answers are first-class buttons, "Not sure" among them
    for name in ("answer-yes", "answer-no", "answer-not_sure"):
        answer = find_button(screen, name)
        assert answer.property("role") == "big"
        assert answer.height() >= 64
    assert find_button(screen, "answer-not_sure").text() == "Not sure"


def test_skipping_a_warning_question_asks_once_to_confirm(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    screen = _start(qtbot, window)
    first = screen.current
    assert first is not None
    assert screen.engine.is_warning(first)
    assert not _confirm_shown(screen)
    click(qtbot, screen, "question-skip")
    assert screen.current == first, "a warning-sign question skipped without asking"
    assert _confirm_shown(screen)
    assert CONFIRM in texts(screen)
    keep = find_button(screen, "skip-go-back")
    anyway = find_button(screen, "skip-anyway")
    assert keep.text() == "Go back to the question"
    assert anyway.text() == "Skip anyway"
    assert _focused() is keep, "the default choice is to go back"
    assert keep.property("role") == "primary"
    assert not anyway.autoDefault()
    assert not anyway.isDefault()
    assert not find_button(screen, "question-skip").isVisible()
    # Return goes back to the question (the default): nothing skipped, nothing answered
    _key(qtbot, Qt.Key.Key_Return)
    assert screen.current == first
    assert not _confirm_shown(screen)
    assert screen.answers_group.isAncestorOf(_focused())
    assert window.session.answers == {}
    # asked once: skipped again, it is skipped
    click(qtbot, screen, "question-skip")
    assert not _confirm_shown(screen)
    assert screen.current == screen.engine.order[1].id
    assert first not in window.session.answers


def test_skip_anyway_moves_on_and_is_not_asked_again(qtbot: QtBot, window: MainWindow) -> None:
    screen = _start(qtbot, window)
    first, second = (q.id for q in screen.engine.order[:2])
    click(qtbot, screen, "question-skip")
    assert _confirm_shown(screen)
    click(qtbot, screen, "skip-go-back")
    assert screen.current == first
    click(qtbot, screen, "answer-not_sure")  # answered after all: "Not sure" is an answer
    assert window.session.answers[first] == "not_sure"
    assert screen.current == second
    click(qtbot, screen, "question-skip")  # the second warning-sign question
    assert _confirm_shown(screen)
    click(qtbot, screen, "skip-anyway")
    assert not _confirm_shown(screen)
    assert screen.current == screen.engine.order[2].id
    assert second not in window.session.answers
    click(qtbot, screen, "question-back")
    assert screen.current == second
    assert not _confirm_shown(screen)  # a confirm belongs to its moment, not the screen
    click(qtbot, screen, "question-skip")
    assert not _confirm_shown(screen), "asked again for the same question"
    assert screen.current == screen.engine.order[2].id


def test_a_question_without_a_warning_sign_skips_at_once(qtbot: QtBot, window: MainWindow) -> None:
    screen = _start(qtbot, window)
    calm = next(q for q in screen.engine.order if not screen.engine.is_warning(q.id))
    screen.show_question(calm.id)
    click(qtbot, screen, "question-skip")
    assert not _confirm_shown(screen)
    assert screen.current != calm.id
    assert calm.id not in window.session.answers


def test_start_over_forgets_the_confirm(qtbot: QtBot, window: MainWindow) -> None:
    screen = _start(qtbot, window)
    click(qtbot, screen, "question-skip")
    assert _confirm_shown(screen)
    click(qtbot, window, "start-over")
    assert window.current == "welcome"
    screen = renewed(window, screen)
    assert screen.confirm_asked == set()
    assert not screen.confirm.isVisibleTo(screen)
    # the next visitor is asked again, and sees no trace of the last one's confirm
    screen = _intro(qtbot, window)
    assert CONFIRM not in texts(screen)
    click(qtbot, screen, "question-start")
    assert not _confirm_shown(screen)
    click(qtbot, screen, "question-skip")
    assert _confirm_shown(screen)


def test_the_idle_wipe_forgets_the_confirm(qtbot: QtBot, window: MainWindow) -> None:
    screen = _start(qtbot, window)
    click(qtbot, screen, "question-skip")
    click(qtbot, screen, "skip-anyway")
    assert screen.confirm_asked
    window.session.wipe()  # what the idle reset does at the end of its countdown
    assert renewed(window, screen).confirm_asked == set()
    screen = _start(qtbot, window)
    click(qtbot, screen, "question-skip")
    assert _confirm_shown(screen)


def test_the_confirm_in_spanish(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    click(qtbot, window, "language-es")
    click(qtbot, window, "check-risk-factors")
    screen = window.screens["question"]
    assert isinstance(screen, QuestionScreen)
    assert "Empezar las preguntas" in find_button(screen, "question-start").text()
    click(qtbot, screen, "question-start")
    assert find_button(screen, "question-skip").text() == "Saltar esta pregunta"
    assert find_button(screen, "answer-not_sure").text() == "No sé"
    click(qtbot, screen, "question-skip")
    assert _confirm_shown(screen)
    shown = texts(screen)
    assert "señal de alarma" in shown
    assert "¿Quiere saltarla de todos modos?" in shown
    assert find_button(screen, "skip-go-back").text() == "Volver a la pregunta"
    assert find_button(screen, "skip-anyway").text() == "Saltarla de todos modos"
    assert not any(
        isinstance(w, QPushButton) and "Skip" in w.text()
        for w in screen.findChildren(QPushButton)
        if w.isVisible()
    )
