"""Every interactive widget on every screen and dialog has an accessible name, so a
screen reader can say what it is."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDialog, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.window import MainWindow
from tests.ui.helpers import click, to_topic

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        shown = isinstance(widget, INTERACTIVE) and widget.isVisible()
        if shown and not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_screen_and_dialog_names_its_controls(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    window = kiosk_window
    checked = []

    def check(where: str) -> None:
        roots: list[QWidget] = [window, *[d for d in window.findChildren(QDialog) if d.isVisible()]]
        for root in roots:
            assert _unnamed(root) == [], where
        checked.append(where)

    check("welcome")
    click(qtbot, window, "touch-to-start")
    check("audience")
    click(qtbot, window, "audience-patient")
    check("topic")
    click(qtbot, window, "section-exercise")
    check("section")
    window.show_reference(4)
    check("reference")
    window.start_again()
    to_topic(qtbot, window)
    window.show_about()
    check("about")
    window.start_again()
    to_topic(qtbot, window)
    click(qtbot, window, "check-risk-factors")
    check("self-check intro")
    click(qtbot, window.screens["question"], "question-start")
    check("question")
    window.session.visit.answer_all({"chest-belly-arms": "yes", "hard-exercise": "yes"})
    window.show_results()
    check("results")
    click(qtbot, window, "results-ask")
    check("question box with the on-screen keyboard")
    ask = window.screens["ask"]
    ask.edit.setText("water pills")  # type: ignore[attr-defined]
    ask.ask()  # type: ignore[attr-defined]
    check("question box with answers")
    window.idle_reset.on_idle()
    check("countdown")
    window.start_again()
    window.open_staff()
    check("PIN")
    window.start_again()
    window.open_staff_panel()
    check("staff panel")
    assert len(checked) == 14
