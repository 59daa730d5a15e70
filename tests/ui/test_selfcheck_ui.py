"""The self-check on screen: one question at a time, skip logic live, results that say
why, the topic marking what applies, printing, and the wipe."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from kiosk.ui.screens import TopicScreen
from kiosk.ui.selfcheck_screens import QuestionScreen, ResultsScreen
from kiosk.ui.window import MainWindow
from tests.ui.helpers import (
    click,
    find_button,
    leave_question,
    open_dialog,
    renewed,
    texts,
    to_topic,
)


def _start(qtbot: QtBot, window: MainWindow) -> QuestionScreen:
    to_topic(qtbot, window)
    click(qtbot, window, "check-risk-factors")
    assert window.current == "question"
    screen = window.screens["question"]
    assert isinstance(screen, QuestionScreen)
    assert "not a diagnosis" in texts(screen).lower()
    click(qtbot, screen, "question-start")
    return screen


def test_back_returns_to_the_previous_question_then_the_intro(
    qtbot: QtBot, window: MainWindow
) -> None:
    screen = _start(qtbot, window)
    first = screen.current
    click(qtbot, screen, "answer-no")
    click(qtbot, screen, "question-back")
    assert screen.current == first
    assert find_button(screen, "answer-no").isChecked()  # the answer is remembered
    click(qtbot, screen, "question-back")
    assert screen.current is None
    click(qtbot, screen, "question-back")
    assert window.current == "topic"


def test_results_put_urgent_advice_first_and_say_why(qtbot: QtBot, window: MainWindow) -> None:
    screen = _start(qtbot, window)
    window.session.visit.answer_all({"chest-belly-arms": "yes", "hard-exercise": "yes"})
    screen.show_question(screen.engine.order[-1].id)
    leave_question(qtbot, screen)  # skip the last question: results
    results = window.screens["results"]
    assert isinstance(results, ResultsScreen)
    shown = texts(results)
    assert shown.index("! Urgent: See a doctor right away") < shown.index("What may play a part")
    # on a laptop (this window is not in kiosk mode): whom to contact, not the staff
    assert shown.index("Contact your doctor's office now.") < shown.index("What may play a part")
    assert "Because you said:" in shown
    assert "Are the cramps in your chest, arms or belly? — Yes" in shown
    assert "Tired muscles" in shown
    click(qtbot, results, "read-fatigue-neuromuscular")
    assert window.current == "section"


def test_topic_marks_and_lists_first_what_applies(qtbot: QtBot, window: MainWindow) -> None:
    screen = _start(qtbot, window)
    window.session.visit.answer_all({"diuretic": "yes"})
    screen.show_question(screen.engine.order[-1].id)
    leave_question(qtbot, screen)
    click(qtbot, window.screens["results"], "results-back")
    assert window.current == "topic"
    first = find_button(window, "section-medical-conditions")
    assert "Applies to you" in first.text()
    topic = window.screens["topic"]
    assert isinstance(topic, TopicScreen)
    listed = topic.section_list
    order = [listed.itemAt(i).widget().objectName() for i in range(listed.count())]
    assert order[0] == "section-medical-conditions"


def test_print_a_handout_from_the_results(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    screen = _start(qtbot, window)
    window.session.visit.answer_all({"hard-exercise": "yes"})
    screen.show_question(screen.engine.order[-1].id)
    leave_question(qtbot, screen)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "handout.pdf"
    printer.setOutputFileName(str(out))
    window.handouts.printer = printer  # a ready printer instead of the print dialog
    click(qtbot, window.screens["results"], "results-print")
    assert out.exists()
    assert out.stat().st_size > 5000


def test_answers_are_wiped_with_the_session(qtbot: QtBot, window: MainWindow) -> None:
    screen = _start(qtbot, window)
    click(qtbot, screen, "answer-yes")
    assert window.session.answers
    click(qtbot, window, "start-over")
    assert window.session.answers == {}
    assert renewed(window, screen).current is None
    to_topic(qtbot, window)
    assert "Applies to you" not in texts(window.screens["topic"])


def _to_results(qtbot: QtBot, window: MainWindow) -> ResultsScreen:
    screen = _start(qtbot, window)
    window.session.visit.answer_all({"hard-exercise": "yes"})
    screen.show_question(screen.engine.order[-1].id)
    leave_question(qtbot, screen)
    results = window.screens["results"]
    assert isinstance(results, ResultsScreen)
    return results


def test_save_as_pdf_on_a_laptop(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "my-handout.pdf"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_args, **_kw: (str(target), "PDF (*.pdf)")),
    )
    results = _to_results(qtbot, window)
    click(qtbot, results, "results-save")
    assert target.read_bytes().startswith(b"%PDF")


def test_kiosk_has_no_save_button(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    results = _to_results(qtbot, kiosk_window)
    assert not find_button(results, "results-save").isVisible()
    assert find_button(results, "results-print").isVisible()


def test_kiosk_without_a_printer_says_so(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    kiosk_window.options.printer_name = "no-such-printer"
    results = _to_results(qtbot, kiosk_window)
    click(qtbot, results, "results-print")
    message = open_dialog(kiosk_window, "handout-message")
    assert "could not be printed" in texts(message)


def test_citations_in_a_care_card_are_readable_in_high_contrast(
    qtbot: QtBot, window: MainWindow
) -> None:
    """High contrast: the page's light-blue links once sat on the yellow banner, unreadable;
    a care card's body is the theme's surface, where the link colour has 7:1."""
    from kiosk.ui.care_card import CareCard
    from kiosk.ui.theme import contrast_ratio

    screen = _start(qtbot, window)
    window.session.visit.answer_all({"chest-belly-arms": "yes"})
    window.session.set_high_contrast(True)
    screen.show_question(screen.engine.order[-1].id)
    leave_question(qtbot, screen)
    results = window.screens["results"]
    [card] = [c for c in results.findChildren(CareCard) if c.isVisible()]
    urgent = next(
        label.text()
        for label in card.findChildren(QLabel)
        if "cite:" in label.text() and label.isVisible()
    )
    theme = window.theme
    assert theme.link in urgent
    assert contrast_ratio(theme.link, theme.surface) >= 7.0


def test_attack_kiosk_prints_one_handout_per_visit(
    qtbot: QtBot, kiosk_window: MainWindow, tmp_path: Path
) -> None:
    """Paper and toner: a visitor could print without limit. The reason is said."""
    from PySide6.QtPrintSupport import QPrinter

    target = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    kiosk_window.handouts.printer = printer
    results = _to_results(qtbot, kiosk_window)
    click(qtbot, results, "results-print")
    assert target.read_bytes().startswith(b"%PDF")
    target.unlink()
    click(qtbot, results, "results-print")
    assert not target.exists()
    message = open_dialog(kiosk_window, "handout-message")
    assert "one handout per visit" in texts(message)
    message.done(0)
    kiosk_window.start_again()  # the next visitor may print one
    assert not kiosk_window.handouts.printed_this_visit
    kiosk_window.print_handout()
    assert target.read_bytes().startswith(b"%PDF")


def test_the_intro_keeps_its_safety_lines_after_a_question_without_help(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A question without help hid the help label, and the intro (whose safety lines are
    in it: "This is not a diagnosis", "tell a member of staff now") never showed it again."""
    screen = _start(qtbot, window)
    no_help = next(q for q in screen.engine.order if q.help is None)
    screen.show_question(no_help.id)
    assert not screen.help.isVisible()
    click(qtbot, window, "level-clinician")  # any redraw, then back to the intro
    window.go("topic")
    click(qtbot, window, "check-risk-factors")
    assert screen.current is None
    assert screen.help.isVisible()
    assert "diagnosis" in texts(screen).lower()
