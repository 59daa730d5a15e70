"""The closed sets the whole kiosk iterates over: reading levels and languages (no Qt).

Every part that varies by reading level or by language reads it here: the header and
the audience screen, the search (stems), validation and the readability
lint, the on-screen keyboard, speech, the FHIR export, and the commands' choices.
Adding a language is one :class:`Language` entry in :data:`LANGUAGES` (plus, for the
kiosk's own words, a translation file in ``kiosk/ui/translations``)::

    LANGUAGES.add(Language("fr", "Français", stemmer="french", ...))

A language code with a region ("es-MX", "es_419") is looked up by its base ("es");
:meth:`Languages.get` returns None for a language that is not registered, and
:meth:`Languages.best` the English entry then: the one place that falls back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kiosk.content.marker import QT_TRANSLATE_NOOP

__all__ = [
    "DEFAULT_LANGUAGE",
    "DEFAULT_LEVEL",
    "LANGUAGES",
    "LEVELS",
    "Language",
    "Languages",
    "Level",
    "Levels",
    "base_language",
]


def base_language(code: str) -> str:
    """The language of a code with a region or script: "es-MX", "es_419" -> "es"."""
    return code.replace("_", "-").split("-")[0].lower()


# -- reading levels --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Level:
    """One reading level: its code in bundles, and the words that offer it.

    ``button``, ``description`` and ``audience`` are English source texts, marked for
    ``pyside6-lupdate`` in the translation context "Levels" (see :func:`level_words`
    in :mod:`kiosk.ui.wording`): a level's words are written here and nowhere else.
    """

    code: str
    button: str  # the header's toggle: "Patient words"
    description: str  # the toggle's accessible description
    audience: str  # "Which best describes you?": "I am a patient, or family or a friend"
    readability_limits: bool  # the lint holds its passages to the grade limits


class Levels:
    """The reading levels, in the order they are offered."""

    def __init__(self, *levels: Level) -> None:
        self._levels = {level.code: level for level in levels}

    def __iter__(self) -> Iterator[Level]:
        return iter(self._levels.values())

    def __len__(self) -> int:
        return len(self._levels)

    def __contains__(self, code: object) -> bool:
        return str(code) in self._levels

    def __getitem__(self, code: str) -> Level:
        return self._levels[str(code)]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._levels)

    def other(self, code: str) -> str:
        """The next level after ``code`` (the header's toggle, Ctrl+L), round the list."""
        codes = self.codes
        return codes[(codes.index(code) + 1) % len(codes)] if code in codes else codes[0]


LEVELS = Levels(
    Level(
        "patient",
        button=QT_TRANSLATE_NOOP("Levels", "Patient words"),
        description=QT_TRANSLATE_NOOP("Levels", "Show the text written for patients and families"),
        audience=QT_TRANSLATE_NOOP("Levels", "I am a patient, or family or a friend"),
        readability_limits=True,
    ),
    Level(
        "clinician",
        button=QT_TRANSLATE_NOOP("Levels", "Clinician words"),
        description=QT_TRANSLATE_NOOP("Levels", "Show the text written for clinicians"),
        audience=QT_TRANSLATE_NOOP("Levels", "I am a clinician (doctor, nurse, pharmacist)"),
        readability_limits=False,
    ),
)
DEFAULT_LEVEL = "patient"
"""The level shown before a visitor chooses, and the commands' default."""


# -- languages -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Language:
    """One language: everything that differs by language outside the bundles' own text.

    Fields left empty mean "not known here": the keyboard then shows English letters,
    speech takes the engine's first voice, the search matches whole words.
    """

    code: str  # ISO 639-1: "es"
    native_name: str  # the welcome screen's button, in the language itself: "Español"
    stemmer: str | None = None  # the Snowball algorithm's name: "spanish"
    keyboard: tuple[str, ...] = ()  # the on-screen keyboard's letter rows, top to bottom
    speech_territories: tuple[str, ...] = ()  # preferred voices' territories: ("US", "MX")
    yes_no: tuple[str, str, str] | None = None  # FHIR display: yes, no, not sure
    no_answer: str | None = None  # ``kiosk ask`` with no answer
    readability: str = "FK grade"  # the lint's metric: "FK grade" or "INFLESZ"


class Languages:
    """The languages the kiosk knows (a bundle may offer any of them)."""

    def __init__(self, *languages: Language) -> None:
        self._languages = {language.code: language for language in languages}

    def __iter__(self) -> Iterator[Language]:
        return iter(self._languages.values())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and base_language(code) in self._languages

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._languages)

    def get(self, code: str) -> Language | None:
        """The entry of ``code`` ("es-MX" finds "es"), or None when not registered."""
        return self._languages.get(base_language(code))

    def best(self, code: str) -> Language:
        """The entry of ``code``, or English's when it has none: the one fallback."""
        return self.get(code) or self._languages[DEFAULT_LANGUAGE]

    def add(self, language: Language) -> None:
        """Register ``language`` (replaces an entry with the same code)."""
        self._languages[language.code] = language

    def remove(self, code: str) -> None:
        self._languages.pop(code, None)


DEFAULT_LANGUAGE = "en"

LANGUAGES = Languages(
    Language(
        "en",
        "English",
        stemmer="english",
        keyboard=("qwertyuiop", "asdfghjkl", "zxcvbnm"),
        speech_territories=("US",),
        yes_no=("Yes", "No", "Not sure"),
        no_answer="I don't have an answer to that. Please ask a member of staff.",
    ),
    Language(
        "es",
        "Español",
        stemmer="spanish",
        keyboard=("áéíóúü¿?", "qwertyuiop", "asdfghjklñ", "zxcvbnm"),
        speech_territories=("US", "MX", "419"),
        yes_no=("Sí", "No", "No estoy seguro"),
        no_answer="No tengo una respuesta para eso. Por favor, pregunte al personal.",
        readability="INFLESZ",
    ),
    # known by name and stems only (no shipped bundle uses them yet)
    Language("fr", "Français", stemmer="french", yes_no=("Oui", "Non", "Je ne sais pas")),
    Language("pt", "Português", stemmer="portuguese"),
    Language("de", "Deutsch", stemmer="german"),
    Language("it", "Italiano", stemmer="italian"),
)
"""Every language the kiosk knows; English first (the fallback)."""
