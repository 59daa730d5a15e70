"""The question box on screen: asked from the topic and the results, answered from the
bundle with sections and citations, "no answer" said plainly, the on-screen keyboard
in kiosk mode, Ctrl+F on a laptop, live level and language, and the wipe."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.ask_screen import AskScreen
from kiosk.ui.window import MainWindow
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, find_button, open_dialog, renewed, texts, to_topic


def _ask_screen(qtbot: QtBot, window: MainWindow) -> AskScreen:
    to_topic(qtbot, window)
    click(qtbot, window, "ask-question")
    assert window.current == "ask"
    screen = window.screens["ask"]
    assert isinstance(screen, AskScreen)
    return screen


def _type_and_ask(qtbot: QtBot, screen: AskScreen, question: str) -> None:
    screen.edit.setFocus()
    qtbot.keyClicks(screen.edit, question)
    qtbot.keyClick(screen.edit, Qt.Key.Key_Return)


def _open_buttons(screen: AskScreen) -> list[str]:
    return [
        w.objectName()
        for w in screen.findChildren(QWidget)
        if w.objectName().endswith("-open") and w.isVisible()
    ]


def test_answers_show_passages_with_their_sections_and_citations(
    qtbot: QtBot, window: MainWindow
) -> None:
    screen = _ask_screen(qtbot, window)
    _type_and_ask(qtbot, screen, "do water pills cause cramps")
    assert screen.results is not None
    assert screen.results.answered
    shown = texts(screen)
    assert "Answers from this information" in shown
    assert "medical-conditions" in [f.section_id for f in screen.results.found]
    assert any(
        w.objectName().startswith("cite-") and w.isVisible() for w in screen.findChildren(QWidget)
    )
    assert len(_open_buttons(screen)) == len(screen.results.found)
    # a citation opens its reference; a button opens the section
    click(qtbot, screen, "cite-" + str(screen.results.found[0].citations[0]))
    dialog = open_dialog(window)
    dialog.done(0)
    number = next(
        i for i, f in enumerate(screen.results.found, 1) if f.section_id == "medical-conditions"
    )
    click(qtbot, screen, f"answer-{number}-open")
    assert window.current == "section"
    assert window.screens["section"].section_id == "medical-conditions"  # type: ignore[attr-defined]


def test_a_curated_answer_comes_first_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    screen = _ask_screen(qtbot, window)
    _type_and_ask(qtbot, screen, "what is a cramp")
    assert screen.results is not None
    assert screen.results.found[0].curated_id == "what-is-a-cramp"
    assert "A common question" in texts(screen.answers[0])


def test_no_answer_is_said_plainly_with_the_staff(qtbot: QtBot, window: MainWindow) -> None:
    screen = _ask_screen(qtbot, window)
    _type_and_ask(qtbot, screen, "where is the bathroom")
    shown = texts(screen)
    assert "I don't have an answer to that." in shown
    assert "ask a member of staff" in shown
    assert _open_buttons(screen) == []


def test_an_empty_question_asks_nothing(qtbot: QtBot, window: MainWindow) -> None:
    screen = _ask_screen(qtbot, window)
    click(qtbot, screen, "ask-button")
    assert screen.results is None
    assert screen.answers == []


def test_level_and_language_switch_the_answers_live(qtbot: QtBot, window: MainWindow) -> None:
    screen = _ask_screen(qtbot, window)
    _type_and_ask(qtbot, screen, "diuretics")
    patient = texts(screen)
    click(qtbot, window, "level-clinician")
    assert window.current == "ask"
    assert screen.results is not None
    assert screen.results.level == "clinician"
    assert texts(screen) != patient
    sections = [f.section_id for f in screen.results.found]
    click(qtbot, window, "language-es")
    assert screen.results.language == "es"
    assert screen.edit.text() == "diuretics"  # the place is kept
    # the same answers, now in Spanish (not the English question asked again in Spanish)
    assert [f.section_id for f in screen.results.found] == sections
    assert "Respuestas" in texts(screen)
    bundle = window.content.bundle
    assert bundle is not None
    first = screen.results.found[0]
    section = bundle.section(first.section_id or "")
    assert section is not None
    assert first.passage is not None or first.curated_id is not None
    if first.passage is not None:
        assert first.text == bundle.level_text(section.passages[first.passage], "clinician", "es")


def test_back_returns_where_the_question_was_asked_from(qtbot: QtBot, window: MainWindow) -> None:
    _ask_screen(qtbot, window)
    click(qtbot, window, "ask-back")
    assert window.current == "topic"


def test_ctrl_f_opens_the_question_box_with_the_cursor_in_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    to_topic(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.menus is not None and window.menus.actions != [])
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current == "ask"
    screen = window.screens["ask"]
    assert isinstance(screen, AskScreen)
    assert screen.keyboard is None  # a laptop has its own keyboard
    qtbot.waitUntil(lambda: screen.edit.hasFocus())


def test_kiosk_mode_types_with_the_on_screen_keyboard(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    screen = _ask_screen(qtbot, kiosk_window)
    assert screen.keyboard is not None
    assert screen.keyboard.isVisible()
    for key in "salts":
        click(qtbot, screen.keyboard, f"key-{key}")
    assert screen.edit.text() == "salts"
    click(qtbot, screen.keyboard, "key-ask")
    assert screen.results is not None
    assert screen.results.answered
    assert not screen.keyboard.isVisible()  # out of the way of the answers
    click(qtbot, screen, "show-keyboard")
    assert screen.keyboard.isVisible()
    assert not find_button(screen, "show-keyboard").isVisible()
    click(qtbot, screen.keyboard, "key-hide")
    assert not screen.keyboard.isVisible()


def test_the_question_is_gone_after_the_wipe_with_no_undo(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(kiosk=True)
    screen = _ask_screen(qtbot, window)
    _type_and_ask(qtbot, screen, "my secret question about salts")
    assert screen.answers
    click(qtbot, window, "start-over")
    assert window.current == "welcome"
    screen = renewed(window, screen)
    assert screen.question == ""
    assert screen.results is None
    assert screen.answers == []
    edit = screen.findChild(QLineEdit, "question-edit")
    assert edit is not None
    assert edit.text() == ""
    assert not edit.isUndoAvailable()
    everything = "\n".join(w.text() for w in screen.findChildren(QLineEdit)) + texts(screen)
    assert "secret" not in everything


def test_the_results_screen_offers_the_question_box(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    window.start_selfcheck()
    window.show_results()
    assert window.current == "results"
    assert find_button(window, "results-ask").isVisible()
    click(qtbot, window, "results-ask")
    assert window.current == "ask"
    click(qtbot, window, "ask-back")
    assert window.current == "results"


def test_the_hint_in_the_box_has_the_themes_tested_contrast(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtGui import QPalette

    from kiosk.ui.theme import contrast_ratio

    screen = _ask_screen(qtbot, window)
    for high_contrast, minimum in ((False, 4.5), (True, 7.0)):
        window.session.set_high_contrast(high_contrast)
        if screen.stale:
            screen.refresh()
        hint = screen.edit.palette().color(QPalette.ColorRole.PlaceholderText).name()
        assert hint == window.theme.muted
        assert contrast_ratio(hint, window.theme.surface) >= minimum


def test_the_wipe_drops_the_search_index(qtbot: QtBot, window: MainWindow) -> None:
    screen = _ask_screen(qtbot, window)
    _type_and_ask(qtbot, screen, "salts")
    assert window.context._search is not None
    click(qtbot, window, "start-over")
    assert window.context._search is None  # built again, from the bundle alone, when next asked


def test_the_wipe_empties_the_clipboard_the_question_went_to(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    from PySide6.QtGui import QGuiApplication

    window = kiosk_window
    screen = _ask_screen(qtbot, window)
    screen.edit.setText("my private question")
    screen.edit.selectAll()
    screen.edit.copy()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "my private question"
    click(qtbot, window, "start-over")
    assert clipboard.text() == ""


def test_back_returns_to_the_section_it_was_asked_from(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    window.open_section("exercise")
    window.ask_question()
    assert window.current == "ask"
    click(qtbot, window, "ask-back")
    assert window.current == "section"
    assert window.screens["section"].section_id == "exercise"  # type: ignore[attr-defined]


def test_the_next_visitor_starts_with_the_letters(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    screen = _ask_screen(qtbot, kiosk_window)
    assert screen.keyboard is not None
    click(qtbot, screen.keyboard, "key-digits")
    assert screen.keyboard.digits
    click(qtbot, kiosk_window, "start-over")
    screen = renewed(kiosk_window, screen)
    assert screen.keyboard is not None
    assert not screen.keyboard.digits
    assert find_button(screen.keyboard, "key-digits").text() == "123"


def test_the_wipe_does_not_draw_the_last_answers_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.search import SearchIndex

    screen = _ask_screen(qtbot, window)
    click(qtbot, window, "language-es")
    _type_and_ask(qtbot, screen, "diureticos")
    calls: list[str] = []
    real = SearchIndex.again
    monkeypatch.setattr(
        SearchIndex, "again", lambda self, *a, **k: calls.append("again") or real(self, *a, **k)
    )
    click(qtbot, window, "start-over")  # the language goes back to English with the wipe
    assert calls == []
    screen = renewed(window, screen)
    assert screen.answers == []
