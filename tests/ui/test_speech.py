"""Read aloud (kiosk.ui.speech) on Qt's "mock" engine.

The mock engine is silent and asynchronous: ``say`` goes to Speaking at once, then a timer
"speaks" one word (text split on spaces) every 100 ms at rate 0 (150 ms at -1, 50 ms at +1)
and goes back to Ready after the last word. ``pause`` takes effect at the next word boundary
(Paused), ``resume`` and ``stop`` at once. Its locales are en_GB (the default, voices Bob and
Anne), en_US, nb_NO, nn_NO and fi_FI: no Spanish.
"""

from __future__ import annotations

import logging
import math
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

import kiosk.ui.speech as speech
from kiosk.ui.richtext import to_html
from kiosk.ui.speech import TEST_ENGINE, ReadAloud, pick_locale, plain_text
from tests.conftest import ROOT

SECRET = "my answer was seven cramps a night"  # stands for a patient's answers
LONG = " ".join(["word"] * 30)  # 3 s of mock speech: long enough to pause and stop


@pytest.fixture
def reader(qtbot: QtBot) -> Iterator[ReadAloud]:
    r = ReadAloud("mock")
    assert r.available, r.reason
    yield r
    r.stop()


def record(r: ReadAloud) -> list[str]:
    states: list[str] = []
    r.stateChanged.connect(states.append)
    return states


def is_state(state: str) -> Any:
    return lambda value: value == state


# -- the engine ------------------------------------------------------------------------


def test_mock_engine_when_named(reader: ReadAloud) -> None:
    assert reader.available
    assert reader.reason == ""
    assert reader.engine_name == "mock"
    assert reader.state == "idle"


def test_say_speaks_then_goes_back_to_idle(qtbot: QtBot, reader: ReadAloud) -> None:
    states = record(reader)
    with qtbot.waitSignal(reader.stateChanged, timeout=1000) as blocker:
        reader.say("one two three", "en")
    assert blocker.args == ["speaking"]
    assert reader.state == "speaking"  # the mock takes a word a 100 ms: not done yet
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("idle"), timeout=3000):
        pass
    assert reader.state == "idle"
    assert states == ["speaking", "idle"]


def test_pause_resume_stop(qtbot: QtBot, reader: ReadAloud) -> None:
    states = record(reader)
    reader.say(LONG, "en")
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("paused"), timeout=1000):
        reader.pause()  # the mock pauses at the end of the word being spoken
    assert reader.state == "paused"
    qtbot.wait(250)
    assert reader.state == "paused"  # stays paused: no words go by
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("speaking"), timeout=500):
        reader.resume()
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("idle"), timeout=500):
        reader.stop()
    assert reader.state == "idle"
    assert states == ["speaking", "paused", "speaking", "idle"]


def test_pause_resume_stop_when_idle_do_nothing(qtbot: QtBot, reader: ReadAloud) -> None:
    with qtbot.assertNotEmitted(reader.stateChanged, wait=150):
        reader.pause()
        reader.resume()
        reader.stop()
    assert reader.state == "idle"


def test_an_engine_that_cannot_pause_stops_instead(qtbot: QtBot, reader: ReadAloud) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    reader.say(LONG, "en")
    assert reader._tts is not None
    reader._tts.engineCapabilities = lambda: QTextToSpeech.Capability.Speak  # type: ignore[method-assign]
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("idle"), timeout=500):
        reader.pause()


def test_toggle_cycles_say_pause_resume(qtbot: QtBot, reader: ReadAloud) -> None:
    asked: list[int] = []

    def provider() -> tuple[str, str]:
        asked.append(1)
        return LONG, "en"

    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("speaking"), timeout=500):
        reader.toggle(provider)
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("paused"), timeout=1000):
        reader.toggle(provider)
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("speaking"), timeout=500):
        reader.toggle(provider)
    assert len(asked) == 1  # the text is fetched only to start reading
    reader.stop()
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("speaking"), timeout=500):
        reader.toggle(provider)
    assert len(asked) == 2


def test_say_while_speaking_starts_over_without_an_idle_flicker(
    qtbot: QtBot, reader: ReadAloud
) -> None:
    states = record(reader)
    reader.say(LONG, "en")
    qtbot.wait(150)
    reader.say("two words", "en")
    assert reader.state == "speaking"
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("idle"), timeout=1000):
        pass  # the new, short text ends soon; the long one would take 3 s
    assert states == ["speaking", "idle"]


def test_empty_text_does_nothing(qtbot: QtBot, reader: ReadAloud) -> None:
    with qtbot.assertNotEmitted(reader.stateChanged, wait=100):
        reader.say("", "en")
        reader.say("  \n ", "en")
    assert reader.state == "idle"
    reader.say(LONG, "en")
    reader.say(" ", "en")  # does not stop the reading either
    assert reader.state == "speaking"


# -- rate, volume, reset -----------------------------------------------------------------


def test_reset_restores_the_engine_defaults(qtbot: QtBot, reader: ReadAloud) -> None:
    tts = reader._tts
    assert tts is not None
    defaults = (tts.rate(), tts.pitch(), tts.volume(), tts.locale())
    assert defaults[:3] == (0.0, 0.0, 0.5)  # the mock's
    reader.set_rate(0.8)
    reader.set_volume(0.2)
    tts.setPitch(0.4)
    reader.say(LONG, "fi")
    assert reader.rate == pytest.approx(0.8)
    assert reader.volume == pytest.approx(0.2)
    assert tts.pitch() == pytest.approx(0.4)
    assert tts.locale() != defaults[3]
    with qtbot.waitSignal(reader.stateChanged, check_params_cb=is_state("idle"), timeout=500):
        reader.reset()
    assert (tts.rate(), tts.pitch(), tts.volume(), tts.locale()) == defaults
    assert reader.state == "idle"


def test_rate_and_volume_wait_for_the_engine_and_are_clamped(qtbot: QtBot) -> None:
    r = ReadAloud("mock")
    r.set_rate(0.5)
    r.set_volume(0.25)
    assert r.engine_name is None  # not created for that
    assert (r.rate, r.volume) == (0.5, 0.25)
    assert r.available
    assert r._tts is not None
    assert r._tts.rate() == pytest.approx(0.5)
    assert r._tts.volume() == pytest.approx(0.25)
    r.set_rate(-7)
    r.set_volume(3)
    assert (r.rate, r.volume) == (-1.0, 1.0)
    r.set_rate(math.nan)
    r.set_volume(math.inf)
    assert (r.rate, r.volume) == (-1.0, 1.0)
    r.reset()
    assert (r.rate, r.volume) == (0.0, 0.5)


def test_reset_before_first_use_creates_no_engine(qtbot: QtBot) -> None:
    r = ReadAloud("mock")
    r.set_rate(0.5)
    r.reset()
    r.stop()
    assert r.engine_name is None
    assert r.rate == 0.0
    assert r.available
    assert r._tts is not None
    assert r._tts.rate() == 0.0  # the wiped rate is not applied later


# -- language ------------------------------------------------------------------------------


def test_mock_locales() -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    names = {locale.name() for locale in QTextToSpeech("mock").availableLocales()}
    assert {"en_GB", "en_US", "fi_FI"} <= names


def test_language_picks_the_engines_locale(reader: ReadAloud) -> None:
    assert reader._tts is not None
    reader.say("yksi kaksi", "fi")
    assert reader._tts.locale().name() == "fi_FI"
    assert reader._tts.voice().locale().language() == QLocale.Language.Finnish
    reader.say("one two", "en")
    assert reader._tts.locale().name() == "en_US"  # a US kiosk: US English before en_GB


def test_spanish_when_the_engine_has_it_or_the_default_with_a_warning(
    reader: ReadAloud, caplog: pytest.LogCaptureFixture
) -> None:
    tts = reader._tts
    assert tts is not None
    default = tts.locale()
    has_spanish = any(
        locale.language() == QLocale.Language.Spanish for locale in tts.availableLocales()
    )
    reader.say("fi", "fi")  # away from the default first
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.speech"):
        reader.say(SECRET, "es")
        reader.say(SECRET, "es")
    assert reader.state == "speaking"  # read anyway
    if has_spanish:
        assert tts.locale().language() == QLocale.Language.Spanish
        assert not caplog.records
    else:
        assert tts.locale() == default
        warnings = [r.getMessage() for r in caplog.records]
        assert len(warnings) == 1, warnings  # once, not on every tap
        assert "'es'" in warnings[0]
        assert "mock" in warnings[0]
        assert SECRET not in warnings[0]


@pytest.mark.parametrize(
    ("offered", "language", "expected"),
    [
        (["en_GB", "es_ES", "es_US"], "es", "es_US"),
        (["es_ES", "es_MX"], "es", "es_MX"),
        (["es_ES", "es_419"], "es", "es_419"),
        (["es_ES"], "es", "es_ES"),
        (["es_US", "es_ES"], "es-ES", "es_ES"),
        (["es_US", "es_ES"], "es_ES", "es_ES"),
        (["en_GB", "en_US"], "EN", "en_US"),
        (["en_GB", "en_AU"], "en", "en_GB"),
        (["en_GB", "en_US"], "es", None),
        (["en_US"], "xx", None),
        (["en_US"], "", None),
        ([], "en", None),
    ],
)
def test_pick_locale(offered: list[str], language: str, expected: str | None) -> None:
    picked = pick_locale([QLocale(name) for name in offered], language)
    assert (picked.name() if picked is not None else None) == expected


# -- no engine, broken engines -------------------------------------------------------------


def test_unknown_engine_is_not_available(qtbot: QtBot) -> None:
    r = ReadAloud("nosuch")
    assert not r.available
    assert "'nosuch'" in r.reason
    assert "not installed" in r.reason
    assert "mock" in r.reason  # what Qt did find
    with qtbot.assertNotEmitted(r.stateChanged, wait=100):
        r.say("hello", "en")
        r.toggle(lambda: ("hello", "en"))
        r.pause()
        r.resume()
        r.stop()
        r.reset()
    assert r.state == "idle"
    assert r.engine_name is None


def test_default_is_never_the_mock_engine(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    monkeypatch.setattr(QTextToSpeech, "availableEngines", staticmethod(lambda: ["mock"]))
    r = ReadAloud()
    assert not r.available
    assert r.engine_name is None
    assert r.reason == "No speech engine is installed (Qt found: mock; 'mock' is for tests only)."


def test_no_engine_at_all(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    monkeypatch.setattr(QTextToSpeech, "availableEngines", staticmethod(lambda: []))
    r = ReadAloud()
    assert not r.available
    assert r.reason == "No speech engine is installed (Qt found: none)."


@pytest.mark.qt_log_ignore(r'Text-to-speech plug-in "broken" is not supported')
def test_default_engine_that_fails_is_named_in_the_reason(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    monkeypatch.setattr(QTextToSpeech, "availableEngines", staticmethod(lambda: ["broken", "mock"]))
    r = ReadAloud()
    assert not r.available
    assert r.reason.startswith("The speech engine 'broken' failed: ")
    assert r.reason.endswith(".")
    assert len(r.reason) > len("The speech engine 'broken' failed: .")  # Qt's error string


@pytest.mark.qt_log_ignore(r'Text-to-speech plug-in "broken" is not supported')
def test_default_skips_a_failing_engine(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    created: list[str] = []

    def new_engine(name: str, parent: Any) -> QTextToSpeech:
        created.append(name)
        return QTextToSpeech("mock" if name == "good" else name, parent)

    monkeypatch.setattr(speech, "_installed_engines", lambda: ["good", "mock", "broken"])
    monkeypatch.setattr(speech, "_new_engine", new_engine)
    r = ReadAloud()
    assert r.available, r.reason
    assert created == ["broken", "good"]  # stable order (here by name); never "mock"


class Exploding:
    """An engine whose every call raises, with the text in the message."""

    def __getattr__(self, name: str) -> Any:
        def boom(*args: object) -> Any:
            raise RuntimeError(f"engine broke while reading {args!r} {SECRET}")

        return boom


def test_a_misbehaving_engine_raises_nothing_and_logs_no_text(
    reader: ReadAloud, caplog: pytest.LogCaptureFixture
) -> None:
    reader._tts = Exploding()  # type: ignore[assignment]
    with caplog.at_level(logging.DEBUG):
        reader.say(SECRET, "en")
        reader.toggle(lambda: (SECRET, "en"))
        reader.pause()
        reader.resume()
        reader.stop()
        reader.reset()
        reader.set_rate(0.5)
        reader.set_volume(0.5)
        assert reader.available is False
        assert isinstance(reader.reason, str)
        assert reader.state == "idle"
    messages = [r.getMessage() for r in caplog.records]
    assert any("RuntimeError" in m for m in messages)
    assert not any(SECRET in m or "reading" in m for m in messages), messages
    assert all(r.exc_info is None for r in caplog.records)  # no traceback with the message
    reader._tts = None  # the fixture's stop() must not see it


def test_a_provider_that_raises_is_contained(
    reader: ReadAloud, caplog: pytest.LogCaptureFixture
) -> None:
    def provider() -> tuple[str, str]:
        raise ValueError(SECRET)

    with caplog.at_level(logging.ERROR):
        reader.toggle(provider)
    assert reader.state == "idle"
    assert "ValueError" in caplog.text
    assert SECRET not in caplog.text


def test_an_engine_error_is_logged_without_its_message(
    reader: ReadAloud, caplog: pytest.LogCaptureFixture
) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    assert reader._tts is not None
    with caplog.at_level(logging.WARNING):
        reader._tts.errorOccurred.emit(QTextToSpeech.ErrorReason.Playback, f"failed on {SECRET}")
    assert "Playback" in caplog.text
    assert SECRET not in caplog.text


def test_nothing_logged_contains_the_spoken_text(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    with caplog.at_level(logging.DEBUG):
        r = ReadAloud("mock")
        for language in ("en", "es", "fi", "xx"):
            r.say(SECRET, language)
        with qtbot.waitSignal(r.stateChanged, check_params_cb=is_state("paused"), timeout=1000):
            r.toggle(lambda: (SECRET, "es"))
        r.toggle(lambda: (SECRET, "es"))
        r.reset()
        r.toggle(lambda: (SECRET, "es"))
        with qtbot.waitSignal(r.stateChanged, check_params_cb=is_state("idle"), timeout=3000):
            pass
        unavailable = ReadAloud("nosuch")
        unavailable.say(SECRET, "es")
        unavailable.toggle(lambda: (SECRET, "es"))
    assert caplog.records  # it does log (the engine, the missing Spanish voice, ...)
    for rec in caplog.records:
        assert SECRET not in rec.getMessage()
        assert "cramps" not in rec.getMessage()


# -- start-up cost ---------------------------------------------------------------------------


def test_qttexttospeech_is_imported_only_on_first_need() -> None:
    code = (
        "import sys\n"
        "from kiosk.ui.speech import ReadAloud, plain_text\n"
        "r = ReadAloud()\n"
        "r.set_rate(0.5); r.set_volume(0.5); r.stop(); r.pause(); r.resume(); r.reset()\n"
        "plain_text('<p>Hello <a href=\"cite:1\">[1]</a></p>')\n"
        "print('PySide6.QtTextToSpeech' in sys.modules, r.state)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "idle"]


# -- speakable text -------------------------------------------------------------------------


def test_plain_text_of_rich_text_drops_tags_and_citations() -> None:
    html = to_html(
        "Cramps *often* pass on their own [1, 2].\n\n"
        "- Stretch the muscle [3]\n"
        "- Drink water & rest!\n\n"
        "See **a doctor** if they last [4]."
    )
    assert "cite:" in html  # really the rich text a label shows
    assert plain_text(html) == (
        "Cramps often pass on their own.\nStretch the muscle.\nDrink water & rest!\n"
        "See a doctor if they last."
    )


def test_plain_text_html_details() -> None:
    assert (
        plain_text(
            "<html><head><style>p { color: red; }</style></head><body>"
            "<h2>Why cramps happen</h2><p>Ask the <a href='https://example.org'>NHS</a> "
            "&lt;now&gt;<br>or later [1, 2].</p></body></html>"
        )
        == "Why cramps happen.\nAsk the NHS <now>\nor later."
    )
    assert plain_text('<p>Rest<a href="cite:7">see seven</a>.</p>') == "Rest."  # any cite: link


def test_plain_text_of_content_markup() -> None:
    assert plain_text("Cramps happen [1, 2].\n\n- drink water\n- stretch") == (
        "Cramps happen.\ndrink water.\nstretch."
    )
    assert plain_text("") == ""


def test_an_engine_that_failed_is_started_afresh_at_the_reset(qtbot: QtBot) -> None:
    """A speech engine in its Error state (it failed mid-sentence) would stay failed, and
    read-aloud would stay hidden until the kiosk restarts; the wipe starts a fresh one."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    speech = ReadAloud(TEST_ENGINE)
    assert speech.available
    failed = speech._tts
    assert failed is not None
    failed.state = lambda: QTextToSpeech.State.Error  # type: ignore[method-assign]
    assert not speech.available
    speech.reset()
    assert speech.available
    assert speech._tts is not failed
