"""Read aloud: a screen's text spoken by the machine's speech engine (Section 508, 402.2).

:class:`ReadAloud` wraps :class:`QTextToSpeech` for one big "Read aloud" button: ``toggle``
starts, pauses and resumes; ``reset`` is the session wipe. :func:`plain_text` turns a
label's rich text into the words to speak.

Three rules hold throughout:

- Privacy: the spoken text may hold a patient's answers, so it is never logged, and neither
  is an exception's message (it could quote the text): only the exception's type.
- Robustness: a speech engine is outside code that can misbehave; every public method and
  every engine callback is guarded, and no exception leaves this module's objects.
- Start-up time: ``PySide6.QtTextToSpeech`` (which loads QtMultimedia) is imported, and the
  engine created, only on first need: ``say``, ``toggle``, ``available`` or ``reason``.
  Constructing a :class:`ReadAloud`, ``set_rate``, ``set_volume``, ``stop`` and ``reset``
  never load it.

Engines: Qt's ``mock`` engine is for tests; it is used only when named explicitly. With no
engine named, the first engine Qt lists (in a stable order: :data:`_ENGINE_PREFERENCE`) that is
not ``mock`` and does not start in the Error state is used. The choice is made once, on
first need.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ParamSpec, TypeVar, cast

from PySide6.QtCore import QLocale, QObject, Signal

from kiosk.content.registry import LANGUAGES

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

__all__ = ["IDLE", "PAUSED", "SPEAKING", "TEST_ENGINE", "ReadAloud", "pick_locale", "plain_text"]

log = logging.getLogger(__name__)

IDLE = "idle"
SPEAKING = "speaking"
PAUSED = "paused"
TEST_ENGINE = "mock"  # Qt's fake engine: silent, for tests only; never chosen by default

# Engines in the order to try them when none is named: each platform's system engine before
# its older or smaller one (speechd is the Linux accessibility service, with the voices the
# user installed; flite has built-in English voices only).
_ENGINE_PREFERENCE = ("winrt", "darwin", "android", "speechd", "sapi", "macos", "flite", "wasm")

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(default: _R) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Run the method; on any exception log its type only (never its message) and return
    ``default``."""

    def wrap(method: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(method)
        def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return method(*args, **kwargs)
            except Exception as exc:  # an engine may misbehave: never let it crash the kiosk
                log.error("Read aloud: %s failed (%s).", method.__name__, type(exc).__name__)
                return default

        return guarded

    return wrap


def _new_engine(name: str, parent: QObject) -> QTextToSpeech:
    """A QTextToSpeech on engine ``name`` (a seam for tests)."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    return QTextToSpeech(name, parent)


def _installed_engines() -> list[str]:
    from PySide6.QtTextToSpeech import QTextToSpeech

    return [str(name) for name in QTextToSpeech.availableEngines()]


def _found(names: Sequence[str]) -> str:
    """Qt's engine list for a staff message."""
    if not names:
        return "none"
    listing = ", ".join(names)
    if TEST_ENGINE in names:
        listing += f"; '{TEST_ENGINE}' is for tests only"
    return listing


def _by_preference(names: Sequence[str]) -> list[str]:
    """``names`` in a stable order: the platforms' usual engines first, then by name.

    Qt lists engines in an order that changes from run to run (seen: "mock, speechd",
    then "speechd, mock"), so "the first one" has to be made stable here.
    """
    rank = {name: i for i, name in enumerate(_ENGINE_PREFERENCE)}
    return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


def _failure(name: str, error: str) -> str:
    error = error.strip().rstrip(".") or "no details given"
    return f"The speech engine '{name}' failed: {error}."


def pick_locale(locales: Sequence[QLocale], language: str) -> QLocale | None:
    """The locale of ``locales`` to read ``language`` in, or None when there is none.

    ``language`` is an ISO 639 code ("en", "es"), optionally with a territory ("es-MX",
    "es_MX"). Among the locales of that language: the territory asked for, else the
    preferred territories (its ``speech_territories`` in
    :data:`kiosk.content.registry.LANGUAGES`), else the first.
    """
    code, _, territory = language.strip().replace("-", "_").partition("_")
    wanted = QLocale.codeToLanguage(code.lower())
    if not code or wanted in (QLocale.Language.AnyLanguage, QLocale.Language.C):
        return None
    matches = [locale for locale in locales if locale.language() == wanted]
    if not matches:
        return None
    entry = LANGUAGES.get(code)
    preferred = ([territory] if territory else []) + list(
        entry.speech_territories if entry is not None else ()
    )
    for territory_code in preferred:
        want_territory = QLocale.codeToTerritory(territory_code)
        for locale in matches:
            if locale.territory() == want_territory:
                return locale
    return matches[0]


class ReadAloud(QObject):
    """Reads a screen's text aloud.

    Signals:
        stateChanged(str): "idle", "speaking" or "paused"; only on a real change (no
            "idle" flicker when ``say`` replaces one reading with another).
    """

    stateChanged = Signal(str)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted = engine
        self._tts: QTextToSpeech | None = None
        self._resolved = False
        self._reason = ""
        self._defaults: tuple[float, float, float, QLocale] | None = None  # rate, pitch, vol.
        self._rate: float | None = None  # asked for before the engine existed
        self._volume: float | None = None
        self._emitted = IDLE
        self._quiet = False  # inside say(): no "idle" between stopping and speaking
        self._warned: set[str] = set()  # languages already warned about (no voice)

    # -- the engine, on first need -----------------------------------------------------

    def _engine(self) -> QTextToSpeech | None:
        if not self._resolved:
            self._resolved = True
            try:
                self._resolve()
            except Exception as exc:
                self._reason = f"The speech engine could not be started ({type(exc).__name__})."
                log.error("Read aloud: starting the engine failed (%s).", type(exc).__name__)
        return self._tts

    def _resolve(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        found = _by_preference(_installed_engines())
        if self._wanted is not None:
            if self._wanted not in found:
                self._reason = (
                    f"The speech engine '{self._wanted}' is not installed "
                    f"(Qt found: {_found(found)})."
                )
                log.warning("Read aloud: %s", self._reason)
                return
            candidates = [self._wanted]
        else:
            candidates = [name for name in found if name != TEST_ENGINE]
            if not candidates:
                self._reason = f"No speech engine is installed (Qt found: {_found(found)})."
                log.warning("Read aloud: %s", self._reason)
                return
        failures: list[tuple[str, str]] = []
        for name in candidates:
            tts = _new_engine(name, self)
            if tts.state() == QTextToSpeech.State.Error:
                failures.append((name, tts.errorString()))
                tts.deleteLater()
                continue
            self._adopt(tts)
            return
        if len(failures) == 1:
            self._reason = _failure(*failures[0])
        else:
            self._reason = "No speech engine works. " + " ".join(
                _failure(name, error) for name, error in failures
            )
        log.warning("Read aloud: %s", self._reason)

    def _adopt(self, tts: QTextToSpeech) -> None:
        self._tts = tts
        self._defaults = (tts.rate(), tts.pitch(), tts.volume(), tts.locale())
        tts.stateChanged.connect(self._on_engine_state)
        tts.errorOccurred.connect(self._on_engine_error)
        if self._rate is not None:
            tts.setRate(self._rate)
        if self._volume is not None:
            tts.setVolume(self._volume)
        log.info("Read aloud: using the speech engine '%s'.", tts.engine())

    def _ready(self) -> QTextToSpeech | None:
        """The engine if it is created and usable (never creates it)."""
        tts = self._tts
        if tts is None:
            return None
        from PySide6.QtTextToSpeech import QTextToSpeech

        return None if tts.state() == QTextToSpeech.State.Error else tts

    @_guarded(None)
    def _on_engine_state(self, *_: object) -> None:
        self._sync()

    @_guarded(None)
    def _on_engine_error(self, reason: object, *_: object) -> None:
        name = getattr(reason, "name", type(reason).__name__)  # the message is not logged
        engine = self._tts.engine() if self._tts is not None else "?"
        log.warning("Read aloud: the speech engine '%s' reported an error (%s).", engine, name)
        self._sync()

    def _sync(self) -> None:
        if self._quiet:
            return
        state = self._state()
        if state != self._emitted:
            self._emitted = state
            self.stateChanged.emit(state)

    def _state(self) -> str:
        tts = self._tts
        if tts is None:
            return IDLE
        from PySide6.QtTextToSpeech import QTextToSpeech

        current = tts.state()
        if current in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing):
            return SPEAKING
        if current == QTextToSpeech.State.Paused:
            return PAUSED
        return IDLE  # Ready, or Error

    # -- what the window reads -----------------------------------------------------------

    @property
    def available(self) -> bool:
        """An engine exists and is not in the Error state (creates the engine if needed)."""
        return self._available()

    @_guarded(False)
    def _available(self) -> bool:
        self._engine()
        return self._ready() is not None

    @property
    def reason(self) -> str:
        """Why read-aloud is not available, as a sentence for staff; "" when it is."""
        return self._reason_text()

    @_guarded("The speech engine failed in an unexpected way.")
    def _reason_text(self) -> str:
        tts = self._engine()
        if tts is None:
            return self._reason
        if self._ready() is None:
            return _failure(tts.engine(), tts.errorString())
        return ""

    @property
    def state(self) -> str:
        """One of "idle", "speaking", "paused"."""
        return self._state_guarded()

    @_guarded(IDLE)
    def _state_guarded(self) -> str:
        return self._state()

    @property
    def engine_name(self) -> str | None:
        """The engine in use, None while none is (not created yet, or none works)."""
        return self._tts.engine() if self._tts is not None else None

    @property
    def rate(self) -> float:
        """The speaking rate, -1.0 (slowest) to 1.0 (fastest); 0.0 is the engine's normal."""
        return self._get_rate()

    @_guarded(0.0)
    def _get_rate(self) -> float:
        if self._tts is not None:
            return float(self._tts.rate())
        return self._rate if self._rate is not None else 0.0

    @property
    def volume(self) -> float | None:
        """The volume, 0.0 to 1.0; None before the engine exists and none was set."""
        return self._get_volume()

    @_guarded(cast("float | None", None))
    def _get_volume(self) -> float | None:
        if self._tts is not None:
            return float(self._tts.volume())
        return self._volume

    # -- actions -------------------------------------------------------------------------

    @_guarded(None)
    def say(self, text: str, language: str) -> None:
        """Stop anything playing and read ``text`` in ``language`` ("en", "es").

        The engine's locale for the language is chosen (:func:`pick_locale`); when it has
        none, its default locale is kept and a warning is logged once (without the text).
        Empty text does nothing.
        """
        if not text or not text.strip():
            return
        self._engine()
        tts = self._ready()
        if tts is None:
            log.info("Read aloud: not available, nothing read.")
            return
        self._quiet = True
        try:
            tts.stop()
            self._choose_locale(tts, language)
            tts.say(text)
        finally:
            self._quiet = False
            self._sync()

    def _choose_locale(self, tts: QTextToSpeech, language: str) -> None:
        locale = pick_locale(tts.availableLocales(), language)
        if locale is None:
            assert self._defaults is not None
            locale = self._defaults[3]
            if language not in self._warned:
                self._warned.add(language)
                log.warning(
                    "Read aloud: the speech engine '%s' has no voice for the language %r; "
                    "reading with its default (%s).",
                    tts.engine(),
                    language,
                    locale.name(),
                )
        if tts.locale() != locale:
            tts.setLocale(locale)

    @_guarded(None)
    def pause(self) -> None:
        """Pause (at the engine's next word boundary); an engine that cannot pause stops."""
        tts = self._ready()
        if tts is None or self._state() != SPEAKING:
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        if tts.engineCapabilities() & QTextToSpeech.Capability.PauseResume:
            tts.pause()
        else:
            tts.stop()

    @_guarded(None)
    def resume(self) -> None:
        tts = self._ready()
        if tts is not None and self._state() == PAUSED:
            tts.resume()

    @_guarded(None)
    def stop(self) -> None:
        tts = self._ready()
        if tts is not None and self._state() != IDLE:
            tts.stop()

    @_guarded(None)
    def toggle(self, text_provider: Callable[[], tuple[str, str]]) -> None:
        """The one "Read aloud" button: idle → read ``text_provider()`` (text, language);
        speaking → pause; paused → resume."""
        state = self._state()
        if state == SPEAKING:
            self.pause()
        elif state == PAUSED:
            self.resume()
        else:
            text, language = text_provider()
            self.say(text, language)

    @_guarded(None)
    def reset(self) -> None:
        """The session wipe: stop, and rate, pitch, volume and locale back to the engine's
        defaults (the values it started with)."""
        self._rate = None
        self._volume = None
        tts = self._tts
        if tts is None:
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        if tts.state() == QTextToSpeech.State.Error:
            # an engine that failed mid-sentence stays failed: start a fresh one for the
            # next visitor rather than hide read-aloud until the kiosk restarts
            tts.deleteLater()
            self._tts = None
            self._defaults = None
            self._resolved = False
            self._sync()
            return
        self.stop()
        if self._defaults is not None and self._ready() is not None:
            rate, pitch, volume, locale = self._defaults
            tts.setRate(rate)
            tts.setPitch(pitch)
            tts.setVolume(volume)
            if tts.locale() != locale:
                tts.setLocale(locale)

    @_guarded(None)
    def set_rate(self, rate: float) -> None:
        """-1.0 (slowest) to 1.0 (fastest), 0.0 normal; clamped; NaN is ignored."""
        if not math.isfinite(rate):
            log.warning("Read aloud: a rate that is not a number was ignored.")
            return
        self._rate = min(1.0, max(-1.0, float(rate)))
        if self._ready() is not None:
            assert self._tts is not None
            self._tts.setRate(self._rate)

    @_guarded(None)
    def set_volume(self, volume: float) -> None:
        """0.0 (silent) to 1.0 (loudest); clamped; NaN is ignored."""
        if not math.isfinite(volume):
            log.warning("Read aloud: a volume that is not a number was ignored.")
            return
        self._volume = min(1.0, max(0.0, float(volume)))
        if self._ready() is not None:
            assert self._tts is not None
            self._tts.setVolume(self._volume)


# -- speakable text ----------------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BRACKETED = re.compile(r"\[\s*\d+(?:\s*[,\u2013-]\s*\d+)*\s*\]")  # [1] [1, 2] [3-5] [3–5]
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SENTENCE_ENDS = frozenset({"li", "dt", *_HEADINGS})  # a pause after them, if unpunctuated
_BLOCKS = frozenset({"p", "div", "ul", "ol", "table", "tr", "td", "th", "pre", "dd"})
_BLOCKS |= _SENTENCE_ENDS | {"blockquote"}
_HIDDEN = frozenset({"head", "style", "script", "title"})


def _speakable_lines(html: str) -> list[str]:
    """The lines of text of ``html`` (html.parser is imported here: it costs ~5 ms)."""
    from html.parser import HTMLParser

    class Speakable(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.lines: list[str] = []
            self._line: list[str] = []
            self._hidden = 0
            self._links: list[bool] = []  # per open <a>: is it a citation link?

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _HIDDEN:
                self._hidden += 1
            elif tag == "a":
                href = dict(attrs).get("href") or ""
                self._links.append(href.startswith("cite:"))
            elif tag == "br" or tag in _BLOCKS:
                self._end_line(False)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "br" or tag in _BLOCKS:
                self._end_line(False)

        def handle_endtag(self, tag: str) -> None:
            if tag in _HIDDEN:
                self._hidden = max(0, self._hidden - 1)
            elif tag == "a":
                if self._links:
                    self._links.pop()
            elif tag in _BLOCKS:
                self._end_line(tag in _SENTENCE_ENDS)

        def handle_data(self, data: str) -> None:
            if self._hidden or any(self._links):
                return
            self._line.append(data)

        def _end_line(self, sentence: bool) -> None:
            text = _tidy("".join(self._line))
            self._line.clear()
            if not text:
                return
            if sentence and text[-1] not in ".!?:;":
                text += "."
            self.lines.append(text)

        def close(self) -> None:
            super().close()
            self._end_line(False)

    parser = Speakable()
    parser.feed(html)
    parser.close()
    return parser.lines


def _tidy(text: str) -> str:
    text = _BRACKETED.sub("", text)
    text = " ".join(text.split())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)


def plain_text(html_or_markup: str) -> str:
    """The words to speak from a label's text: rich text (HTML) or content markup.

    Tags are dropped and entities decoded; paragraphs, list items and headings go on lines
    of their own, and a list item or heading without closing punctuation gets a full stop
    (so the engine pauses). Citations are read as nothing: the ``cite:`` links of
    :func:`kiosk.ui.richtext.to_html` and printed brackets ("[1]", "[1, 2]") are removed,
    as :func:`kiosk.content.markup.plain_text` does for speech. Text without tags is
    content markup and goes through that function.
    """
    if not _TAG.search(html_or_markup):
        from kiosk.content.markup import plain_text as markup_plain_text

        return markup_plain_text(html_or_markup)
    return "\n".join(_speakable_lines(html_or_markup))
