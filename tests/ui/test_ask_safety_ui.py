"""Safety first in the question box on screen (issue 11, part 5), for the four measured
failures, in a laptop window and a kiosk window: a question naming a warning sign leads
with that sign's care card (with what to do where the kiosk is), a question about
stopping a medicine gets the fixed medicine answer before any passage, and an emergency
leads with the emergency card, with nothing calm ("Please ask a member of staff") before
it or instead of it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.safety import Place, tier_look
from kiosk.search.safety import has_dose
from kiosk.ui.ask_screen import AskScreen
from kiosk.ui.care_card import CareCard
from kiosk.ui.window import MainWindow
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, texts, to_topic


def _ask(qtbot: QtBot, window: MainWindow, question: str, language: str = "en") -> AskScreen:
    to_topic(qtbot, window)
    click(qtbot, window, "ask-question")
    screen = window.screens["ask"]
    assert isinstance(screen, AskScreen)
    if language != "en":
        click(qtbot, window, f"language-{language}")
    screen.edit.setFocus()
    qtbot.keyClicks(screen.edit, question)
    qtbot.keyClick(screen.edit, Qt.Key.Key_Return)
    assert screen.results is not None
    return screen


def _first(screen: AskScreen) -> QWidget:
    shown = [w for w in screen.answers if w.isVisible()]
    assert shown, "nothing shown"
    return shown[0]


def _top(widget: QWidget, screen: AskScreen) -> int:
    return widget.mapTo(screen, widget.rect().topLeft()).y()


@pytest.mark.parametrize("kiosk", [False, True], ids=["laptop", "kiosk"])
@pytest.mark.parametrize(
    ("question", "language", "sign", "tier"),
    [
        ("my leg is numb and cramping", "en", "weak-or-numb", "urgent"),
        ("tengo calambres y se me duerme la pierna", "es", "weak-or-numb", "urgent"),
        ("cramp wont go away its been like 15 minutes", "en", "long-cramp", "urgent"),
        ("chest pain and can't breathe", "en", "emergency", "emergency"),
    ],
)
def test_a_warning_sign_leads_with_its_care_card(
    qtbot: QtBot,
    make_window: MakeWindow,
    kiosk: bool,
    question: str,
    language: str,
    sign: str,
    tier: str,
) -> None:
    window = make_window(kiosk=kiosk)
    screen = _ask(qtbot, window, question, language)
    assert screen.results is not None
    assert screen.results.signs[0].id == sign
    first = _first(screen)
    assert isinstance(first, CareCard)
    assert first.look.tier.value == tier
    assert first.objectName() == f"ask-signs-{tier}"
    # what to do where the reader is: at a kiosk, tell a member of staff now
    place = Place.KIOSK if kiosk else Place.LAPTOP
    if language == "en":
        assert first.action.text() == tier_look(first.look.tier).action(place)
    name = screen.results.signs[0].name["patient"][language]
    assert name in texts(first)
    # nothing calm before it, and no "I don't have an answer" in its place
    assert not screen.status.isVisible()
    assert not [w for w in screen.findChildren(QWidget, "no-answer") if w.isVisible()]
    for other in screen.answers[1:]:
        if other.isVisible():
            assert _top(other, screen) > _top(first, screen)
    # read aloud: the tier before any passage
    spoken = screen.spoken_text()
    assert first.look.spoken in spoken
    if screen.results.answered:
        assert spoken.index(first.look.spoken) < spoken.index(screen.results.found[0].title)


@pytest.mark.parametrize("kiosk", [False, True], ids=["laptop", "kiosk"])
def test_stopping_a_medicine_gets_the_fixed_answer_first_and_no_dose(
    qtbot: QtBot, make_window: MakeWindow, kiosk: bool
) -> None:
    window = make_window(kiosk=kiosk)
    screen = _ask(qtbot, window, "should i stop taking my water pill")
    assert screen.results is not None
    first = _first(screen)
    assert first.objectName() == "ask-medicine"
    shown = texts(first)
    assert "Talk to your doctor before you change a medicine" in shown
    assert "doctor or pharmacist who prescribed it" in shown
    assert all(not has_dose(found.text) for found in screen.results.found)
    # "Stop and rest" (a passage) may follow, never come first
    for other in screen.answers[1:]:
        if other.isVisible():
            assert _top(other, screen) > _top(first, screen)


def test_the_wifi_password_is_still_a_plain_no_answer(qtbot: QtBot, window: MainWindow) -> None:
    screen = _ask(qtbot, window, "whats the wifi password")
    assert screen.results is not None
    assert not screen.results.signs
    assert screen.results.medicine_safety is None
    assert screen.status.isVisible()
    assert "I don't have an answer to that." in texts(screen)
    assert not screen.findChildren(CareCard)


def test_the_emergency_card_in_spanish_at_a_kiosk(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    screen = _ask(qtbot, kiosk_window, "dolor de pecho y no puedo respirar", "es")
    first = _first(screen)
    assert isinstance(first, CareCard)
    assert first.look.tier.value == "emergency"
    assert first.look.label == "Emergencia"
    assert first.action.text() == "Avise ahora a alguien del personal."
