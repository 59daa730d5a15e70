"""The closed sets the whole kiosk iterates over: reading levels and languages (no Qt).

Every part that varies by reading level or by language reads it here: the header and
the audience screen, the search (stems, stop words), validation and the readability
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

    ``button``, ``description`` and ``audience`` are English source texts, translated
    by the UI.
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


def _mark(text: str) -> str:
    """An English word that the UI shows translated (its own words for each level)."""
    return text


LEVELS = Levels(
    Level(
        "patient",
        button=_mark("Patient words"),
        description=_mark("Show the text written for patients and families"),
        audience=_mark("I am a patient, or family or a friend"),
        readability_limits=True,
    ),
    Level(
        "clinician",
        button=_mark("Clinician words"),
        description=_mark("Show the text written for clinicians"),
        audience=_mark("I am a clinician (doctor, nurse, pharmacist)"),
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
    stop_words: frozenset[str] = frozenset()  # folded, as the search compares them
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


# Words that say nothing about what is asked: the Snowball project's stop-word lists for
# English and Spanish (folded: no accents, as they are compared after folding), plus the
# words of asking itself ("cause", "mean", "tell"; "causa", "significa"). "night",
# "help", "doctor" carry meaning and are not here.
_SNOWBALL_EN = """i me my myself we our ours ourselves you your yours yourself yourselves he
him his himself she her hers herself it its itself they them their theirs themselves
what which who whom this that these those am is are was were be been being have has had
having do does did doing would should could ought im youre hes shes its were theyre ive
youve weve theyve id youd hed shed wed theyd ill youll hell shell well theyll isnt arent
wasnt werent hasnt havent hadnt doesnt dont didnt wont wouldnt shant shouldnt cant cannot
couldnt mustnt lets thats whos whats heres theres whens wheres whys hows a an the and but
if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then
once here there when where why how all any both each few more most other some such no
nor not only own same so than too very"""
_ASKING_EN = """cause causes caused causing mean means meant tell know please get gets
getting got really exactly actually thing things something anything happen happens
happening kind sort way lot lots much many also just can will may might must ok okay
yes hi hello thanks thank now again still always sometimes lately recently ever never
anymore yet even nothing everything"""
_SNOWBALL_ES = """de la que el en y a los del se las por un para con no una su al lo como mas
pero sus le ya o este si porque esta entre cuando muy sin sobre tambien me hasta hay
donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e
esto mi antes algunos que unos yo otro otras otra el tanto esa estos mucho quienes nada
muchos cual poco ella estar estas algunas algo nosotros mis tu te ti tus ellas nosotras
vosotros vosotras os mio mia mios mias tuyo tuya tuyos tuyas suyo suya suyos suyas
nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas estoy
estas esta estamos estais estan este estes estemos esteis esten estare estaras estara
estaremos estareis estaran estaria estarias estariamos estariais estarian estaba
estabas estabamos estabais estaban estuve estuviste estuvo estuvimos estuvisteis
estuvieron estuviera estuvieras estuvieramos estuvierais estuvieran estuviese
estuvieses estuviesemos estuvieseis estuviesen estando estado estada estados estadas
estad he has ha hemos habeis han haya hayas hayamos hayais hayan habre habras habra
habremos habreis habran habria habrias habriamos habriais habrian habia habias habiamos
habiais habian hube hubiste hubo hubimos hubisteis hubieron hubiera hubieras hubieramos
hubierais hubieran hubiese hubieses hubiesemos hubieseis hubiesen habiendo habido
habida habidos habidas soy eres es somos sois son sea seas seamos seais sean sere seras
sera seremos sereis seran seria serias seriamos seriais serian era eras eramos erais
eran fui fuiste fue fuimos fuisteis fueron fuera fueras fueramos fuerais fueran fuese
fueses fuesemos fueseis fuesen siendo sido tengo tienes tiene tenemos teneis tienen
tenga tengas tengamos tengais tengan tendre tendras tendra tendremos tendreis tendran
tendria tendrias tendriamos tendriais tendrian tenia tenias teniamos teniais tenian
tuve tuviste tuvo tuvimos tuvisteis tuvieron tuviera tuvieras tuvieramos tuvierais
tuvieran tuviese tuvieses tuviesemos tuvieseis tuviesen teniendo tenido tenida
tenidos tenidas tened"""
_ASKING_ES = """causa causan causar causo significa quiere decir dar da dan dio dieron doy
pasa pasan paso hace hacen cosa cosas algun alguna alguno usted ustedes debo debe
deberia puede pueden puedo podria sirve ahora bien mal hola gracias favor cierto
verdad exactamente despues luego siempre nunca todavia aun vez veces volver vuelve"""


DEFAULT_LANGUAGE = "en"

LANGUAGES = Languages(
    Language(
        "en",
        "English",
        stemmer="english",
        stop_words=frozenset((_SNOWBALL_EN + " " + _ASKING_EN).split()),
        keyboard=("qwertyuiop", "asdfghjkl", "zxcvbnm"),
        speech_territories=("US",),
        yes_no=("Yes", "No", "Not sure"),
        no_answer="I don't have an answer to that. Please ask a member of staff.",
    ),
    Language(
        "es",
        "Español",
        stemmer="spanish",
        stop_words=frozenset((_SNOWBALL_ES + " " + _ASKING_ES).split()),
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
