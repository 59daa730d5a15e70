"""At 200% text, at 1280x800 and at 1920x1080, in English and in Spanish, no text on
any screen or dialog is cut off and nothing needs horizontal scrolling (kiosk mode).

Every screen is visited at both reading levels: the self-check intro and each of its
questions, every section, the results with every finding, and the dialogs (each
reference, About, the idle countdown, the staff PIN and the staff panel). Each check
lists every offending widget at once (where, class, objectName, text, what is wrong).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

import kiosk.ui.i18n
from kiosk.content import ContentState, QuestionKind
from kiosk.ui.ask_screen import AskScreen
from kiosk.ui.i18n import use_language
from kiosk.ui.screens import SectionScreen
from kiosk.ui.screenshot import QUESTIONS
from kiosk.ui.selfcheck_screens import QuestionScreen
from kiosk.ui.widgets import WrapButton
from kiosk.ui.window import MainWindow
from tests.ui.conftest import MakeWindow

SIZES = [(1280, 800), (1920, 1080)]
LARGEST = 3  # the text-size step of 200%
SLACK = 1  # px: rounding in Qt's own layout arithmetic


def settle() -> None:
    """Let every pending layout request run (height-for-width settles in a few passes)."""
    for _ in range(3):
        QApplication.processEvents()


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QPushButton)):
        text = " ".join(widget.text().split())
        text = text if len(text) <= 60 else text[:57] + "..."
    return f"{type(widget).__name__} {widget.objectName()!r} {text!r}"


def _label_problem(label: QLabel) -> str | None:
    if not label.text().strip():
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"needs {needed} px of height, has {label.height()}"
        narrowest = label.minimumSizeHint().width()  # its longest word
        if narrowest > label.width() + SLACK:
            return f"a word needs {narrowest} px of width, has {label.width()}"
        return None
    if label.textFormat() == Qt.TextFormat.PlainText or not Qt.mightBeRichText(label.text()):
        metrics = label.fontMetrics()
        lines = label.text().split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines)
        height = metrics.lineSpacing() * len(lines)
    else:
        width, height = label.sizeHint().width(), label.sizeHint().height()
    room = label.contentsRect()
    if width > room.width() + SLACK or height > room.height() + SLACK:
        return f"one line needs {width}x{height} px, has {room.width()}x{room.height()}"
    return None


def _button_problem(widget: QPushButton) -> str | None:
    if isinstance(widget, WrapButton):  # its label wraps: checked as a label, and here
        inner = widget.findChild(QLabel, "wrap-label")
        assert inner is not None
        if not widget.rect().contains(inner.geometry()):
            return f"its label {inner.geometry().getRect()} is outside it {widget.size()}"
        return None
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    room = widget.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
    needed = widget.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, widget.text())
    if needed.width() > room.width() + SLACK or needed.height() > room.height() + SLACK:
        return (
            f"text needs {needed.width()}x{needed.height()} px, has {room.width()}x{room.height()}"
        )
    return None


def offenders(top: QWidget, where: str) -> list[str]:
    """Every visible widget of ``top`` (the window or a dialog) whose text is cut off,
    that needs horizontal scrolling, or that reaches past the right edge of ``top``."""
    settle()
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        problem = None
        right = widget.mapTo(top, QPoint(widget.width(), 0)).x()
        if right > top.width() + SLACK:
            problem = f"reaches x={right}, past the right edge ({top.width()})"
        elif isinstance(widget, QAbstractScrollArea):
            inner = getattr(widget, "widget", lambda: None)()
            too_wide = inner is not None and inner.width() > widget.viewport().width() + SLACK
            if widget.horizontalScrollBar().maximum() > 0 or too_wide:
                problem = "needs horizontal scrolling"
        elif isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QPushButton):
            problem = _button_problem(widget)
        if problem:
            found.append(f"{where}: {_describe(widget)}: {problem}")
    return found


@pytest.fixture(scope="module")
def translations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Spanish .ts compiled afresh (the .qm files are built, not kept in git)."""
    folder = tmp_path_factory.mktemp("translations")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    ts = kiosk.ui.i18n.TRANSLATIONS / "kiosk_es.ts"
    subprocess.run(
        [str(lrelease), "-silent", str(ts), "-qm", str(folder / "kiosk_es.qm")], check=True
    )
    digest = kiosk.ui.i18n.digest((folder / "kiosk_es.qm").read_bytes())  # as make does
    (folder / "kiosk_es.qm.sha256").write_text(digest + "\n")
    return folder


@pytest.fixture(params=["en", "es"])
def language(
    request: pytest.FixtureRequest, translations: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    monkeypatch.setattr(kiosk.ui.i18n, "TRANSLATIONS", translations)
    yield request.param
    use_language("en")  # the window's wipe does it too; never leak Spanish to other tests


def _all_answers(window: MainWindow) -> dict[str, object]:
    """An answer to every question that leads to a finding: every finding is shown."""
    engine = window.engine
    assert engine is not None
    answers: dict[str, object] = {}
    for question in engine.selfcheck.questions:
        if question.kind is QuestionKind.MULTIPLE:
            answers[question.id] = tuple(o.id for o in question.options)
        else:
            answers[question.id] = "yes"
    return answers


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_nothing_is_clipped_at_200_percent(
    qtbot: QtBot, make_window: MakeWindow, language: str, size: tuple[int, int]
) -> None:
    window = make_window(kiosk=True)
    window.resize(*size)
    session = window.session
    session.set_language(language)
    session.set_text_size(LARGEST)
    assert session.text_scale == 2.0
    qtbot.waitExposed(window)
    problems: list[str] = []
    visited: list[str] = []

    def check(where: str) -> None:
        assert window.size().toTuple() == size
        problems.extend(offenders(window, where))
        for dialog in window.findChildren(QDialog):
            if dialog.isVisible():
                problems.extend(offenders(dialog, f"{where} (dialog {dialog.objectName()})"))
                if not window.geometry().contains(dialog.geometry()):
                    problems.append(
                        f"{where}: dialog {dialog.objectName()} is bigger than "
                        f"the window: {dialog.geometry().getRect()}"
                    )
        visited.append(where)

    def close_dialogs() -> None:
        for dialog in window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.done(0)
                dialog.deleteLater()

    window.go("welcome")
    check("welcome")
    window.go("audience")
    check("audience")
    bundle = window.content.bundle
    assert bundle is not None
    answers = _all_answers(window)
    for level in ("patient", "clinician"):
        session.set_level(level)
        window.go("topic")
        check(f"topic {level}")
        sections = window.screens["section"]
        assert isinstance(sections, SectionScreen)
        for section in bundle.topic.sections:
            window.open_section(section.id)
            check(f"section {section.id} {level}")
        window.start_selfcheck()
        check(f"self-check intro {level}")
        question_screen = window.screens["question"]
        assert isinstance(question_screen, QuestionScreen)
        session.visit.answer_all(answers)  # every question is asked, the chosen ones marked
        for question in question_screen.engine.selfcheck.questions:
            question_screen.show_question(question.id)
            check(f"question {question.id} {level}")
        window.show_results()
        check(f"results {level}")
        session.visit.clear_answers()
        window.ask_question()  # the question box: the keyboard up, then answers, then none
        check(f"question box with keyboard {level}")
        ask = window.screens["ask"]
        assert isinstance(ask, AskScreen)
        for question in QUESTIONS[language]:
            ask.edit.setText(question)
            ask.ask()
            check(f"question box: {question!r} {level}")

    references = len(bundle.document.references)
    assert references
    for number in range(1, references + 1):
        window.show_reference(number)
        check(f"reference {number}")
        close_dialogs()
    window.show_about()
    check("about")
    close_dialogs()
    window.idle_reset.on_idle()  # the idle countdown
    check("countdown")
    close_dialogs()
    window.open_staff()  # the PIN pad (kiosk)
    check("PIN")
    close_dialogs()
    window.open_staff_panel()
    check("staff panel")
    close_dialogs()

    # no content: the "being updated" screen
    updating = make_window(kiosk=True, content=ContentState(None))
    updating.resize(*size)
    updating.session.set_language(language)
    updating.session.set_text_size(LARGEST)
    assert updating.current == "updating"
    problems.extend(offenders(updating, "updating"))

    assert session.language == language
    assert session.text_size == LARGEST
    if language == "es":  # the kiosk's own words too, not only the content's
        assert window.screens["welcome"].start.text() != "Touch to start"
    questions = len(answers)
    assert len(visited) == 2 + 2 * (len(bundle.topic.sections) + questions + 3 + 3) + references + 4
    assert not problems, f"{len(problems)} clipped at 200%:\n" + "\n".join(problems)
