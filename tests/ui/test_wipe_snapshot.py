"""The wipe, proved on the whole window: after a visit that touches every screen and
control, "Start over" and the idle reset leave every widget exactly as in a window that
was never used.

A snapshot records, for every widget of the window and of its dialogs, what a visitor
could see or a screen reader could hear: its place in the tree, type and name, texts
(labels, buttons, line edits with their undo history, rich text), visibility, enabled,
check state, focus, scroll positions, accessible name and description, tool tip and
geometry. The two windows then take the same tour of every screen and dialog, and the
snapshots are compared at each step: what the next visitor meets anywhere is what a new
kiosk shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QApplication,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.settings import Settings
from kiosk.ui.ask_screen import AskScreen
from kiosk.ui.screens import SectionScreen
from kiosk.ui.selfcheck_screens import QuestionScreen, ResultsScreen
from kiosk.ui.window import MainWindow
from tests.library import two_topics
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, leave_question, open_dialog

Snapshot = dict[str, tuple[Any, ...]]


def _settle() -> None:
    """Let Qt finish: deferred deletes, layouts, pending paints."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def _dialogs(window: MainWindow) -> list[QWidget]:
    found = []
    for widget in QApplication.topLevelWidgets():
        owner = widget.parentWidget()
        while owner is not None and owner is not window:
            owner = owner.parentWidget()
        if owner is window and not widget.isHidden():
            found.append(widget)
    return sorted(found, key=lambda w: (w.metaObject().className(), w.objectName()))


def _state(widget: QWidget) -> tuple[Any, ...]:
    # the focus within its window: what has it whenever the window is active (which
    # window the offscreen platform calls active depends on the tests run before)
    focus = widget.window().focusWidget()
    state: list[Any] = [
        widget.metaObject().className(),
        widget.isHidden(),
        widget.isVisible(),
        widget.isEnabled(),
        widget is focus,
        widget.accessibleName(),
        widget.accessibleDescription(),
        widget.toolTip(),
        widget.geometry().getRect(),
        widget.styleSheet(),
    ]
    if isinstance(widget, QLabel):
        state.append(widget.text())
    if isinstance(widget, QAbstractButton):
        state += [widget.text(), widget.isCheckable(), widget.isChecked(), widget.isDown()]
    if isinstance(widget, QLineEdit):
        state += [
            widget.text(),
            widget.isUndoAvailable(),
            widget.isRedoAvailable(),
            widget.isModified(),
            widget.cursorPosition(),
        ]
    if isinstance(widget, QTextEdit):
        state += [widget.toPlainText(), widget.document().isUndoAvailable()]
    if isinstance(widget, QAbstractSlider):  # scroll bars: where the last visitor stopped
        state += [widget.minimum(), widget.maximum(), widget.value()]
    if isinstance(widget, QAbstractScrollArea):
        state += [widget.verticalScrollBar().value(), widget.horizontalScrollBar().value()]
    return tuple(state)


def snapshot(window: MainWindow) -> Snapshot:
    """Every widget of ``window`` and of its open dialogs, by its place in the tree."""
    _settle()
    found: Snapshot = {}

    def walk(widget: QWidget, path: str) -> None:
        found[path] = _state(widget)
        seen: dict[str, int] = {}
        for child in widget.children():
            if isinstance(child, QWidget) and not child.isWindow():
                key = f"{child.metaObject().className()}:{child.objectName()}"
                seen[key] = seen.get(key, 0) + 1
                walk(child, f"{path}/{key}#{seen[key]}")

    walk(window, "window")
    for index, dialog in enumerate(_dialogs(window)):
        walk(dialog, f"dialog{index}:{dialog.objectName()}")
    found["window:itself"] = (
        window.current,
        window.windowTitle(),
        window.locale().name(),
        window.styleSheet(),
        window.session.is_start_state(),
        sorted(window.screens),
    )
    return found


def _differences(used: Snapshot, fresh: Snapshot) -> list[str]:
    lines = [f"only after the visit: {path}" for path in used.keys() - fresh.keys()]
    lines += [f"only in a new window: {path}" for path in fresh.keys() - used.keys()]
    lines += [
        f"{path}:\n  after the visit {used[path]}\n  in a new window {fresh[path]}"
        for path in used.keys() & fresh.keys()
        if used[path] != fresh[path]
    ]
    return sorted(lines)


def _visit_everything(qtbot: QtBot, window: MainWindow) -> None:
    """One visitor who touches every screen and control there is."""
    qtbot.mouseClick(window.screens["welcome"], Qt.MouseButton.LeftButton)
    click(qtbot, window, "audience-clinician")
    if window.current == "topics":  # a library: a tile, typed into its search box first
        chooser = window.screens["topics"]
        chooser.search.setText("cramps")  # type: ignore[attr-defined]
        window.choose_topic(window.context.topics[-1].id)
    click(qtbot, window, "text-larger")
    click(qtbot, window, "contrast")
    topic = window.screens["topic"]
    topic.page.verticalScrollBar().setValue(topic.page.verticalScrollBar().maximum())
    bundle = window.content.bundle
    assert bundle is not None
    section = window.screens["section"]
    assert isinstance(section, SectionScreen)
    for part in bundle.topic.sections:
        window.open_section(part.id)
        section.page.verticalScrollBar().setValue(section.page.verticalScrollBar().maximum())
    qtbot.mouseClick(section.passages[0].buttons[0], Qt.MouseButton.LeftButton)
    open_dialog(window, "reference").done(0)
    window.show_about()
    open_dialog(window).done(0)
    if window.engine is not None:
        window.start_selfcheck()
        question = window.screens["question"]
        assert isinstance(question, QuestionScreen)
        click(qtbot, question, "question-start")
        for _ in range(40):
            if window.current != "question":
                break
            answers = [
                b
                for b in question.findChildren(QAbstractButton)
                if b.objectName().startswith("answer-") and b.isVisible()
            ]
            if answers:
                qtbot.mouseClick(answers[0], Qt.MouseButton.LeftButton)
            if window.current == "question" and question.current is not None:
                leave_question(qtbot, question)
        assert window.current == "results"
        results = window.screens["results"]
        assert isinstance(results, ResultsScreen)
        results.page.verticalScrollBar().setValue(results.page.verticalScrollBar().maximum())
    window.ask_question()
    ask = window.screens["ask"]
    assert isinstance(ask, AskScreen)
    assert ask.keyboard is not None
    for key in "cramps":
        click(qtbot, ask.keyboard, f"key-{key}")
    click(qtbot, ask.keyboard, "key-ask")
    assert ask.results is not None
    click(qtbot, window, "read-aloud")
    click(qtbot, window, "language-es")
    click(qtbot, window, "level-patient")
    click(qtbot, ask, "ask-back")
    assert not window.session.is_start_state()


def _tour(window: MainWindow) -> Iterator[tuple[str, Snapshot]]:
    """What the next visitor may meet: every screen, each dialog, in one order."""
    yield "welcome", snapshot(window)
    window.go("audience")
    yield "audience", snapshot(window)
    window.session.set_level("patient")
    if len(window.context.topics) > 1:
        window.go("topics")
        yield "topics", snapshot(window)
        window.choose_topic(window.context.topics[0].id)
    window.go("topic")
    yield "topic", snapshot(window)
    bundle = window.content.bundle
    assert bundle is not None
    for part in bundle.topic.sections:
        window.open_section(part.id)
        yield f"section {part.id}", snapshot(window)
    window.show_reference(bundle.references[0].number)
    yield "reference", snapshot(window)
    open_dialog(window, "reference").done(0)
    window.show_about()
    yield "about", snapshot(window)
    open_dialog(window).done(0)
    if window.engine is not None:
        window.start_selfcheck()
        yield "self-check intro", snapshot(window)
        question = window.screens["question"]
        assert isinstance(question, QuestionScreen)
        question.start_button.click()
        yield "first question", snapshot(window)
        window.show_results()
        yield "results", snapshot(window)
    window.ask_question()
    yield "question box", snapshot(window)


@pytest.mark.parametrize("library", [False, True], ids=["one-topic", "library"])
@pytest.mark.parametrize("how", ["start-over", "idle-reset"])
def test_after_the_wipe_every_widget_is_as_in_a_new_window(
    qtbot: QtBot, make_window: MakeWindow, staff_hash: str, tmp_path: Path, library: bool, how: str
) -> None:
    root = two_topics(tmp_path / "content") if library else None

    def new_window() -> MainWindow:
        settings = Settings(staff_pin=staff_hash, idle_seconds=90)
        if root is None:
            return make_window(kiosk=True, settings=settings)
        return make_window(kiosk=True, settings=settings, root=root)

    used = new_window()
    _visit_everything(qtbot, used)
    wipe: Callable[[], None] = (
        (lambda: click(qtbot, used, "start-over"))
        if how == "start-over"
        else used.idle_reset.expired.emit
    )
    wipe()
    after = list(_tour(used))
    used.allow_close = True
    used.close()
    _settle()

    fresh = new_window()
    never_used = list(_tour(fresh))

    assert [step for step, _ in after] == [step for step, _ in never_used]
    problems = []
    for (step, mine), (_, theirs) in zip(after, never_used, strict=True):
        problems += [f"[{step}] {line}" for line in _differences(mine, theirs)]
    assert not problems, "\n".join(problems[:40])


def test_the_snapshot_sees_what_a_visit_leaves(qtbot: QtBot, make_window: MakeWindow) -> None:
    """The snapshot is not blind: a used window differs from a new one before the wipe,
    in the places the wipe must reach (a scroll position, a typed question, a level)."""
    used = make_window(kiosk=True)
    _visit_everything(qtbot, used)
    before = snapshot(used)
    fresh = make_window(kiosk=True)
    lines = "\n".join(_differences(before, snapshot(fresh)))
    assert "QScrollBar" in lines
    assert "cramps" in lines
    assert "level-clinician" in lines or "level-patient" in lines


def test_the_issues_two_leftovers_are_gone(qtbot: QtBot, make_window: MakeWindow) -> None:
    """Measured before the wipe was by construction: the next visitor's self-check intro
    had lost its two safety lines, and the topic opened where the last visitor stopped."""
    window = make_window(kiosk=True)
    _visit_everything(qtbot, window)
    topic = window.screens["topic"]
    topic.page.verticalScrollBar().setValue(topic.page.verticalScrollBar().maximum())
    click(qtbot, window, "start-over")
    qtbot.mouseClick(window.screens["welcome"], Qt.MouseButton.LeftButton)
    click(qtbot, window, "audience-patient")
    topic = window.screens["topic"]
    assert topic.page.verticalScrollBar().value() == 0
    window.start_selfcheck()
    intro = window.screens["question"]
    shown = "\n".join(label.text() for label in intro.findChildren(QLabel) if label.isVisible())
    assert "not a diagnosis" in shown
    assert "tell a member of staff now" in shown
