"""Read-aloud in the window (Qt's silent ``mock`` engine): the header button reads the
screen at the reader's level and language, pauses, goes on and stops; moving on, the
level, the language and the wipe stop it, and the wipe resets volume and rate. With no
speech engine the button hides and the staff panel says why."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

import kiosk.ui.speech
from kiosk.content.markup import plain_text
from kiosk.ui.window import MainWindow
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, find_button, open_dialog, to_topic


@pytest.fixture
def speaking_window(make_window: MakeWindow) -> MainWindow:
    return make_window(kiosk=True, speech_engine="mock")


def spoken(window: MainWindow) -> tuple[str, str]:
    """What "Read aloud" would say on the visible screen now: (text, language), as the
    header button hands it to the speech engine (caught there, so nothing is read)."""
    speech = window.speech
    assert speech.state == "idle"
    said: list[tuple[str, str]] = []
    speech.say = lambda text, language: said.append((text, language))  # type: ignore[method-assign]
    try:
        window.toggle_read_aloud()
    finally:
        del speech.say
    assert len(said) == 1
    return said[0]


def _start_reading(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.speech.stateChanged, timeout=2000):
        click(qtbot, window, "read-aloud")
    assert window.speech.state == "speaking"


def test_reads_the_topic_at_the_readers_level_and_language(
    qtbot: QtBot, speaking_window: MainWindow
) -> None:
    window = speaking_window
    to_topic(qtbot, window)
    bundle = window.content.bundle
    assert bundle is not None
    text, language = spoken(window)
    summary = plain_text(bundle.level_text(bundle.topic.summary, "patient", "en"))
    assert language == "en"
    assert summary.split(".")[0] in text
    assert "Check my risk factors" in text  # the choices on screen are read too
    assert "[1" not in text  # citations are not read out
    click(qtbot, window, "level-clinician")
    text, _ = spoken(window)
    assert (
        plain_text(bundle.level_text(bundle.topic.summary, "clinician", "en")).split(",")[0] in text
    )
    click(qtbot, window, "language-es")
    text, language = spoken(window)
    assert language == "es"
    assert (
        plain_text(bundle.level_text(bundle.topic.summary, "clinician", "es")).split(",")[0] in text
    )


def test_one_button_reads_pauses_and_goes_on_and_stop_stops(
    qtbot: QtBot, speaking_window: MainWindow
) -> None:
    window = speaking_window
    to_topic(qtbot, window)
    read, stop = find_button(window, "read-aloud"), find_button(window, "stop-reading")
    assert read.isVisible()
    assert not stop.isVisible()
    _start_reading(qtbot, window)
    assert "Pause" in read.text()
    assert stop.isVisible()
    with qtbot.waitSignal(window.speech.stateChanged, timeout=2000):
        click(qtbot, window, "read-aloud")
    assert window.speech.state == "paused"
    assert "Go on" in read.text()
    with qtbot.waitSignal(window.speech.stateChanged, timeout=2000):
        click(qtbot, window, "read-aloud")
    assert window.speech.state == "speaking"
    click(qtbot, window, "stop-reading")
    qtbot.waitUntil(lambda: window.speech.state == "idle")
    assert "Read aloud" in read.text()
    assert not stop.isVisible()


@pytest.mark.parametrize("change", ["screen", "level", "language"])
def test_moving_on_stops_reading(qtbot: QtBot, speaking_window: MainWindow, change: str) -> None:
    window = speaking_window
    to_topic(qtbot, window)
    _start_reading(qtbot, window)
    if change == "screen":
        click(qtbot, window, "section-neuromuscular")
    elif change == "level":
        click(qtbot, window, "level-clinician")
    else:
        click(qtbot, window, "language-es")
    qtbot.waitUntil(lambda: window.speech.state == "idle")


def test_the_wipe_stops_reading_and_resets_volume_and_rate(
    qtbot: QtBot, speaking_window: MainWindow
) -> None:
    window = speaking_window
    to_topic(qtbot, window)
    default_volume, default_rate = window.speech.volume, window.speech.rate
    window.speech.set_volume(0.9)
    window.speech.set_rate(0.5)
    _start_reading(qtbot, window)
    click(qtbot, window, "start-over")
    assert window.current == "welcome"
    qtbot.waitUntil(lambda: window.speech.state == "idle")
    assert window.speech.volume == default_volume
    assert window.speech.rate == default_rate


def test_no_engine_hides_the_button_and_tells_staff(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kiosk.ui.speech, "_installed_engines", lambda: [])
    window = make_window(speech_engine=None)  # the platform's
    to_topic(qtbot, window)
    assert not find_button(window, "read-aloud").isVisible()
    window.toggle_read_aloud()  # Ctrl+R does nothing, and nothing breaks
    assert window.speech.state == "idle"
    window.open_staff_panel()
    panel = open_dialog(window, "staff")
    status = panel.status.text()  # type: ignore[attr-defined]
    assert "Read aloud is off" in status
    assert "No speech engine" in status or "none" in status


def test_the_test_engine_is_never_the_default(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kiosk.ui.speech, "_installed_engines", lambda: ["mock"])
    window = make_window(speech_engine=None)  # the platform's
    to_topic(qtbot, window)
    assert not window.speech.available
    assert not find_button(window, "read-aloud").isVisible()


def test_the_question_box_is_read_without_its_keyboard_and_in_order(
    qtbot: QtBot, speaking_window: MainWindow
) -> None:
    window = speaking_window
    to_topic(qtbot, window)
    window.ask_question()
    text, _ = spoken(window)
    assert "Have a follow-up question?" in text
    assert "\nq\n" not in f"\n{text}\n"  # not one key of the on-screen keyboard
    assert "Space" not in text
    screen = window.screens["ask"]
    screen.edit.setText("water pills")  # type: ignore[attr-defined]
    screen.ask()  # type: ignore[attr-defined]
    text, _ = spoken(window)
    lines = text.splitlines()
    assert lines.index("Answers from this information") < lines.index("Ask")  # page, then bar
    opens = [line for line in lines if line.startswith("Read the section")]
    assert len(opens) == len(set(opens))  # each button read once
