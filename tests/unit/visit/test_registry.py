"""One registry of languages and one of reading levels: a new language is one entry.

A made-up third language ("xx", "Xish"), registered by a fixture, is seen by every
core part that varies by language; the UI's parts are tested in tests/ui.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.content import ReadingLevel
from kiosk.content.lint import _score
from kiosk.content.registry import LANGUAGES, LEVELS, Language
from kiosk.search.text import stemmer
from kiosk.selfcheck.fhir import yes_no_label

XISH = Language(
    "xx",
    "Xish",
    stemmer="english",  # a Snowball algorithm the made-up language borrows
    keyboard=("xyz",),
    speech_territories=("XA",),
    yes_no=("Yix", "Nox", "Mebbe"),
    no_answer="Xish: no answer.",
    readability="INFLESZ",
)


@pytest.fixture
def xish() -> Iterator[Language]:
    LANGUAGES.add(XISH)
    try:
        yield XISH
    finally:
        LANGUAGES.remove(XISH.code)


def test_a_language_with_a_region_finds_its_entry() -> None:
    es = LANGUAGES.get("es-MX")
    assert es is not None
    assert es.code == "es"
    assert LANGUAGES.get("es_419") is es
    assert LANGUAGES.get("zz") is None
    assert LANGUAGES.best("zz").code == "en"  # the one fallback
    assert "es-MX" in LANGUAGES
    assert "zz" not in LANGUAGES


def test_the_made_up_language_reaches_every_core_part(xish: Language) -> None:
    assert "xx" in LANGUAGES.codes
    assert stemmer("xx")("cramping") == "cramp"  # search: stems
    assert yes_no_label("yes", "xx") == "Yix"  # FHIR
    assert _score("Calambres en la pierna.", "xx")[1] == "INFLESZ"  # lint
    stemmer.cache_clear()


def test_the_made_up_language_reaches_the_ask_command(xish: Language) -> None:
    from kiosk.search.commands import _as_text
    from kiosk.search.index import Results

    results = Results("zog", "xx", "patient", (), ())
    assert _as_text(None, results) == "Xish: no answer.\n"  # type: ignore[arg-type]


def test_levels_are_one_table() -> None:
    assert LEVELS.codes == ("patient", "clinician")
    assert LEVELS.other("patient") == "clinician"
    assert LEVELS.other("clinician") == "patient"
    assert [level.readability_limits for level in LEVELS] == [True, False]
    assert "patient" in LEVELS
    assert "expert" not in LEVELS
    # the bundle schema's spelling of the levels (its enum, in content/schema.json) is
    # the registry's: a level added to one and not the other fails here
    assert tuple(level.value for level in ReadingLevel) == LEVELS.codes
