"""Small helpers for driving the real widgets with qtbot."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.window import MainWindow

ScreenT = TypeVar("ScreenT", bound=QWidget)


def find_button(parent: QWidget, name: str) -> QPushButton:
    found = parent.findChild(QPushButton, name)
    assert found is not None, f"no button named {name!r}"
    return found


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    widget = find_button(parent, name)
    assert widget.isVisible(), f"button {name!r} is not visible"
    assert widget.isEnabled(), f"button {name!r} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_dialog(window: MainWindow, name: str | None = None) -> QDialog:
    dialogs = [
        d
        for d in window.findChildren(QDialog)
        if d.isVisible() and (name is None or d.objectName() == name)
    ]
    assert dialogs, f"no open dialog {name or ''}"
    return dialogs[-1]


def texts(widget: QWidget) -> str:
    """Every label's text under ``widget``, joined (rich text included as typed)."""
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def to_topic(qtbot: QtBot, window: MainWindow, level: str = "patient") -> None:
    qtbot.mouseClick(window.screens["welcome"], Qt.MouseButton.LeftButton)
    click(qtbot, window, f"audience-{level}")
    assert window.current == "topic"


def leave_question(qtbot: QtBot, screen: QWidget) -> None:
    """On a self-check question: "Next" when it is answered, else "Skip this question"
    (and "Skip anyway" when a warning-sign question asks to confirm)."""
    next_button = find_button(screen, "question-next")
    if next_button.isVisible():
        click(qtbot, screen, "question-next")
        return
    click(qtbot, screen, "question-skip")
    if find_button(screen, "skip-anyway").isVisible():
        click(qtbot, screen, "skip-anyway")


def renewed(window: MainWindow, old: ScreenT) -> ScreenT:
    """After a wipe: the screen ``old`` was thrown away with the visit (deleted once Qt
    is back in its loop), and the next visitor's is a new one, built when asked for."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    name = old.objectName()
    assert window.screens.get(name) is not old, f"{name} outlived the visit"
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(old), f"{name} was not deleted with the visit"
    new = window.screens[name]
    assert type(new) is type(old)
    return new  # type: ignore[return-value]
