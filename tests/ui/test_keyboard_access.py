"""A whole visit by keyboard alone (laptop mode): Tab, Shift+Tab, Space and Return.

On every screen, Tab reaches every enabled control and comes back round (no trap),
in reading order (the header first, then top to bottom and left to right), the
focused control is in view and shows the focus ring, and the dialogs close with
Escape and give the focus back to the window.

Keys go to the window system's window (``QWindow``), as a real keyboard's do: through
the shortcuts, the event filters and the focus widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.content import QuestionKind
from kiosk.ui.selfcheck_screens import QuestionScreen
from kiosk.ui.theme import DEFAULT
from kiosk.ui.window import MainWindow

Key = Qt.Key
CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractScrollArea)
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ROW_SLACK = 4  # px: controls this close in height are on the same row


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def name(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {' '.join(text.split())[:40]!r}"


def press(qtbot: QtBot, key: Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """One key, to the window that has the focus (the active one, else the main window)."""
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "no window takes keys"
    handle = widget.window().windowHandle()
    assert handle is not None
    qtbot.keyClick(handle, key, modifier)
    QApplication.processEvents()


def controls(top: QWidget) -> list[QWidget]:
    """Every control of ``top`` (the window or a dialog) Tab should reach: shown, enabled,
    taking focus by Tab."""
    return [
        widget
        for widget in top.findChildren(QWidget)
        if isinstance(widget, CONTROLS)
        and widget.window() is top
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def tab_cycle(qtbot: QtBot, where: str) -> list[QWidget]:
    """Press Tab until the focus comes back to where it started: every widget on the way,
    the start last. Each one is checked: focused, shown, in view, with the focus ring."""
    start = focused()
    cycle: list[QWidget] = []
    for _ in range(80):
        left = focused()
        press(qtbot, Key.Key_Tab)
        widget = focused()
        check_focus_shown(widget, where)
        assert ring_colour(left) != FOCUS, f"{where}: {name(left)} keeps its ring after Tab"
        if widget is start:
            cycle.append(widget)
            return cycle
        assert widget not in cycle, (
            f"{where}: Tab is caught in a loop without {name(start)}: "
            + " → ".join(name(w) for w in [*cycle, widget])
        )
        cycle.append(widget)
    raise AssertionError(f"{where}: Tab never came back to {name(start)}")


def check_keyboard_round(qtbot: QtBot, top: QWidget, where: str) -> list[QWidget]:
    """Tab reaches every control, in reading order; Shift+Tab goes round the other way."""
    cycle = tab_cycle(qtbot, where)
    missing = [name(w) for w in controls(top) if w not in cycle]
    assert not missing, f"{where}: Tab never reaches {missing}"
    order = in_reading_order(top, cycle)
    check_reading_order(top, order, where)
    backwards = []
    for _ in cycle:
        press(qtbot, Key.Key_Backtab)
        backwards.append(focused())
    assert backwards == [*reversed(cycle[:-1]), cycle[-1]], f"{where}: Shift+Tab differs"
    return order


# -- the reading order ----------------------------------------------------------------
@dataclass
class Place:
    widget: QWidget
    rect: QRect  # in the window, as if every scrolling page were at its top
    area: QRect | None = None  # the scrolling page it is on, in the window (None: none)


def place(top: QWidget, widget: QWidget) -> Place:
    """Where ``widget`` is, not counting how far its page is scrolled."""
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    area = None
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not top:
        if isinstance(ancestor, QScrollArea) and ancestor.widget() is not None:
            body = ancestor.widget()
            if body is not None and body.isAncestorOf(widget):
                rect.translate(0, -body.mapTo(ancestor.viewport(), QPoint(0, 0)).y())
                area = QRect(ancestor.mapTo(top, QPoint(0, 0)), ancestor.size())
        ancestor = ancestor.parentWidget()
    return Place(widget, rect, area)


def in_reading_order(top: QWidget, cycle: list[QWidget]) -> list[Place]:
    """The Tab cycle, from its top-left control (the header's first, when it is shown)."""
    places = [place(top, w) for w in cycle]
    first = min(range(len(places)), key=lambda i: (places[i].rect.top(), places[i].rect.left()))
    return places[first:] + places[:first]


def check_reading_order(top: QWidget, order: list[Place], where: str) -> None:
    """Each control comes after the one before it in reading order: below it, or on the
    same row (their heights overlap) and to its right."""
    wrong = []
    for before, after in pairwise(order):
        a, b = before.rect, after.rect
        below = b.top() >= a.bottom() - ROW_SLACK
        # a scrolling page is read as a block: what is fixed below it (the question box's
        # bar) comes after all of it, however long the page
        if before.area is not None and after.area != before.area:
            below = below or b.top() >= before.area.bottom() - ROW_SLACK
        same_row = not below and b.bottom() > a.top() + ROW_SLACK
        if not (below or (same_row and b.center().x() > a.center().x())):
            wrong.append(
                f"{name(after.widget)} at {b.getRect()} after "
                f"{name(before.widget)} at {a.getRect()}"
            )
    assert not wrong, (
        f"{where}: Tab order is not the reading order:\n  "
        + "\n  ".join(wrong)
        + "\nTab order: "
        + " → ".join(name(p.widget) for p in order)
    )


# -- the focus ring ----------------------------------------------------------------------
FOCUS = QColor(DEFAULT.focus)


def ring_colour(widget: QWidget) -> QColor:
    """The colour drawn at the middle of the widget's top edge (its border)."""
    image = widget.grab().toImage()
    scale = image.devicePixelRatio()
    return image.pixelColor(int(widget.width() / 2 * scale), int(1 * scale))


def check_focus_shown(widget: QWidget, where: str, *, whole: bool = True) -> None:
    """``widget`` has the focus, is shown, in view (``whole``: all of it, as Tab leaves
    it; else some of it, as after a change of text), with the focus ring."""
    assert widget.hasFocus(), f"{where}: {name(widget)} has lost the focus"
    assert widget.isVisible(), f"{where}: {name(widget)} has the focus, hidden"
    viewport = widget.parentWidget()
    while viewport is not None and not isinstance(viewport.parentWidget(), QAbstractScrollArea):
        viewport = viewport.parentWidget()
    if viewport is not None:  # inside a scrolling page: scrolled into view
        seen = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        in_view = viewport.rect().contains(seen) if whole else viewport.rect().intersects(seen)
        assert in_view, f"{where}: {name(widget)} has the focus, out of view at {seen.getRect()}"
    colour = ring_colour(widget)
    assert colour == FOCUS, (
        f"{where}: {name(widget)} has the focus but no focus ring: {colour.name()}"
    )


# -- the visit ---------------------------------------------------------------------------
def tab_to(qtbot: QtBot, object_name: str, *, backwards: bool = False) -> QWidget:
    """Tab (or Shift+Tab) until ``object_name`` has the focus."""
    for _ in range(80):
        if focused().objectName() == object_name:
            return focused()
        press(qtbot, Key.Key_Backtab if backwards else Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {object_name!r}")


def check_screen(qtbot: QtBot, window: MainWindow, screen: str, where: str = "") -> list[Place]:
    assert window.current == screen
    where = where or screen
    assert window.isAncestorOf(focused()), f"{where}: the focus left the window"
    return check_keyboard_round(qtbot, window, where)


def check_dialog_closes_with_escape(qtbot: QtBot, window: MainWindow, name_: str) -> None:
    """The open dialog takes the focus, Tab goes round it, Escape closes it and the
    focus goes back to where it was in the window."""
    before = window.focusWidget()
    dialog = next(d for d in window.findChildren(QDialog) if d.isVisible())
    assert dialog.objectName() == name_
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    check_keyboard_round(qtbot, dialog, f"dialog {name_}")
    press(qtbot, Key.Key_Escape)
    # a closed dialog is freed at once (issue 18)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible(), f"Escape does not close {name_}"
    try:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is before, timeout=1000)
    except qtbot.TimeoutError:
        raise AssertionError(
            f"after {name_}, the focus is on {name(QApplication.focusWidget())}, "
            f"not back on {name(before)}"
        ) from None


def test_a_whole_visit_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: bool(window.menuBar().actions()))  # the laptop's shortcuts
    window.activateWindow()
    qtbot.waitActive(window)
    unfocused = ring_colour(
        window.screens["welcome"].findChild(QAbstractButton, "welcome-language-es")
    )
    assert unfocused != FOCUS  # the ring is what tells a focused control apart

    # welcome: the start button first, then the languages
    order = check_screen(qtbot, window, "welcome")
    assert [p.widget.objectName() for p in order] == [
        "touch-to-start",
        "welcome-language-en",
        "welcome-language-es",
    ]
    tab_to(qtbot, "touch-to-start")
    press(qtbot, Key.Key_Return)  # Return presses a button, as Space does

    # audience: the header, then the two choices
    order = check_screen(qtbot, window, "audience")
    assert order[0].widget.objectName() == "start-over"
    tab_to(qtbot, "audience-patient")
    press(qtbot, Key.Key_Space)
    assert window.session.reading_level == "patient"

    # topic: open a section, go back
    order = check_screen(qtbot, window, "topic")
    names = [p.widget.objectName() for p in order]
    assert names.index("start-over") < names.index("banner-about") < names.index("cite-1")
    assert names.index("cite-1") < names.index("check-risk-factors") < names.index("about")
    tab_to(qtbot, "section-electrolytes-fluid")
    press(qtbot, Key.Key_Return)
    check_screen(qtbot, window, "section")
    page = window.screens["section"].page  # Page Down, from a control of the page, scrolls
    tab_to(qtbot, "cite-3")
    press(qtbot, Key.Key_PageDown)
    assert page.verticalScrollBar().value() > 0, "Page Down does not scroll the section"

    # a reference, from its citation; About (F1); both close with Escape
    tab_to(qtbot, "cite-3")
    press(qtbot, Key.Key_Return)
    check_dialog_closes_with_escape(qtbot, window, "reference")
    assert focused().objectName() == "cite-3"
    press(qtbot, Key.Key_F1)
    check_dialog_closes_with_escape(qtbot, window, "about-dialog")

    # the reading level (Ctrl+L) and the text size (Ctrl+=, Ctrl+-) keep the place
    press(qtbot, Key.Key_L, CTRL)
    assert window.session.reading_level == "clinician"
    press(qtbot, Key.Key_Equal, CTRL)
    assert window.session.text_size == 1
    press(qtbot, Key.Key_Minus, CTRL)
    assert window.session.text_size == 0
    press(qtbot, Key.Key_L, CTRL)
    assert window.session.reading_level == "patient"
    assert window.current == "section"
    assert focused().objectName() == "cite-3"
    check_focus_shown(focused(), "section, after the shortcuts", whole=False)

    tab_to(qtbot, "back-to-topic", backwards=True)
    press(qtbot, Key.Key_Space)
    assert window.current == "topic"
    assert focused().objectName() == "section-electrolytes-fluid"  # back where it was

    # at 200% the header takes more rows: Tab still reads it row by row
    for _ in range(3):
        press(qtbot, Key.Key_Equal, CTRL)
    assert window.session.text_scale == 2.0
    check_screen(qtbot, window, "topic", "topic at 200%")
    for _ in range(3):
        press(qtbot, Key.Key_Minus, CTRL)
    assert window.session.text_size == 0

    # the self-check: the intro, every question, the results
    tab_to(qtbot, "check-risk-factors", backwards=True)
    press(qtbot, Key.Key_Space)
    check_screen(qtbot, window, "question")
    tab_to(qtbot, "question-start")
    press(qtbot, Key.Key_Space)
    screen = window.screens["question"]
    assert isinstance(screen, QuestionScreen)
    asked = []
    while window.current == "question":
        question = screen.engine.selfcheck.question(screen.current or "")
        assert question is not None
        asked.append(question.id)
        order = check_screen(qtbot, window, "question", f"question {question.id}")
        names = [p.widget.objectName() for p in order]
        answers = [n for n in names if n.startswith("answer-")]
        assert answers, f"question {question.id}: no answer takes the focus"
        assert names.index(answers[-1]) < names.index("question-back")
        first = answers[0]
        tab_to(qtbot, first, backwards=True)
        press(qtbot, Key.Key_Space)
        if question.kind is QuestionKind.MULTIPLE:  # chosen, and still here for more
            assert screen.current == question.id
            assert focused().objectName() == first, "the focus left the chosen answer"
            assert screen.findChild(QAbstractButton, first).isChecked()
            tab_to(qtbot, "question-next")
            press(qtbot, Key.Key_Space)
    assert len(asked) == len(set(asked)) >= 5
    assert window.current == "results"
    order = check_screen(qtbot, window, "results")
    assert order[-1].widget.objectName() == "results-back"

    # the question box (laptop: no on-screen keyboard): typed, asked with Return, and an
    # answer's section opened by keyboard
    tab_to(qtbot, "results-ask", backwards=True)
    press(qtbot, Key.Key_Space)
    assert window.current == "ask"
    assert focused().objectName() == "question-edit", "the cursor is not in the box"
    check_screen(qtbot, window, "ask", "question box")
    tab_to(qtbot, "question-edit")
    qtbot.keyClicks(focused(), "water pills")
    press(qtbot, Key.Key_Return)
    order = check_screen(qtbot, window, "ask", "question box with answers")
    names = [p.widget.objectName() for p in order]
    opens = [n for n in names if n.endswith("-open")]
    assert opens == sorted(opens), "the answers are not reached in their order"
    tab_to(qtbot, opens[0])
    press(qtbot, Key.Key_Space)
    assert window.current in ("section", "topic")

    # start over: back to the welcome, where the keyboard carries on
    tab_to(qtbot, "start-over", backwards=True)
    press(qtbot, Key.Key_Space)
    assert window.current == "welcome"
    assert window.session.is_start_state()
    assert window.screens["welcome"].isAncestorOf(focused())
    check_focus_shown(focused(), "welcome, after start over")
