"""The question box's search on the shipped bundle: what each step does (no Qt)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.content import Bundle
from kiosk.content.markup import citations
from kiosk.search import SearchIndex
from kiosk.search.text import fold


def sections(
    index: SearchIndex, question: str, language: str = "en", level: str = "patient"
) -> list[str]:
    return [f.section_id or "summary" for f in index.ask(question, level, language).found]


def test_folding_drops_case_and_accents() -> None:
    assert fold("¿Qué DIURÉTICO?") == "¿que diuretico?"


def test_a_synonym_finds_the_bundles_word(index: SearchIndex) -> None:
    results = index.ask("water pills", "patient", "en")
    assert "diuret" in results.words
    assert "medical-conditions" in sections(index, "water pills")


def test_synonyms_match_other_forms_of_the_same_words(index: SearchIndex) -> None:
    assert index.ask("charley horses", "patient", "en").words == index.ask("charley horse").words


def test_a_typo_is_corrected_to_the_nearest_word(index: SearchIndex) -> None:
    assert "magnesium" in index.ask("low magnesim", "patient", "en").words
    assert "dehydr" in index.ask("dehidration", "patient", "en").words


def test_a_word_being_typed_matches_as_a_prefix(index: SearchIndex) -> None:
    results = index.ask("magnes", "patient", "en")
    assert results.words == ("magn*",)  # the stem of "magnes", as a prefix
    assert results.answered


def test_short_words_are_not_corrected_into_other_words(index: SearchIndex) -> None:
    assert index.ask("donde esta el bano", "patient", "es").words == ()


def test_spanish_without_accents_finds_spanish_text(index: SearchIndex) -> None:
    assert "electrolytes-fluid" in sections(index, "deshidratacion y calambres", "es")


def test_a_curated_question_comes_first_with_its_own_answer(
    index: SearchIndex, bundle: Bundle
) -> None:
    first = index.ask("what is a cramp", "patient", "en").found[0]
    assert first.curated_id == "what-is-a-cramp"
    ask = bundle.document.ask
    assert ask is not None
    answer = next(a for a in ask.answers if a.id == first.curated_id)
    assert first.text == bundle.level_text(answer.answer, "patient", "en")
    assert first.section_id == answer.section


def test_answers_come_at_the_readers_level_and_language(index: SearchIndex, bundle: Bundle) -> None:
    for level in ("patient", "clinician"):
        for language in ("en", "es"):
            question = "diuretics" if language == "en" else "diureticos"
            results = index.ask(question, level, language)
            assert results.answered
            for found in results.found:
                if found.curated_id:
                    continue
                section = bundle.section(found.section_id or "")
                texts = (
                    [bundle.level_text(p, level, language) for p in section.passages]
                    if section
                    else [bundle.level_text(bundle.topic.summary, level, language)]
                )
                assert found.text in texts


def test_every_answer_carries_its_citations(index: SearchIndex) -> None:
    for question in ("why do muscles cramp", "sweating and salt", "when to see a doctor"):
        for found in index.ask(question, "patient", "en").found:
            assert found.citations
            assert list(found.citations) == list(dict.fromkeys(n for n, _ in citations(found.text)))


def test_one_answer_per_section_and_at_most_the_limit(index: SearchIndex) -> None:
    results = index.ask("cramps muscles salts exercise heat", "patient", "en", limit=5)
    places = [f.section_id for f in results.found]
    assert len(places) == len(set(places)) <= 5
    assert len(index.ask("cramps", limit=1).found) == 1


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("where is the bathroom", "en"),
        ("what time does the pharmacy close", "en"),
        ("donde esta el baño", "es"),
        ("", "en"),
        ("?!", "es"),
    ],
)
def test_no_answer_is_no_answer(index: SearchIndex, question: str, language: str) -> None:
    results = index.ask(question, "patient", language)
    assert not results.answered
    assert results.found == ()


def test_a_language_the_index_lacks_answers_nothing(index: SearchIndex) -> None:
    assert not index.ask("cramps", "patient", "fr").answered


def test_a_library_index_answers_from_the_bundle_asked(bundle: Bundle) -> None:
    other_topic = dataclasses.replace(
        bundle.document, metadata=dataclasses.replace(bundle.metadata, id="other")
    )
    other = Bundle(other_topic, bundle.folder)
    library = SearchIndex([bundle, other])
    everywhere = {f.bundle_id for f in library.ask("salts", "patient", "en", limit=10).found}
    assert everywhere == {"muscle-cramps", "other"}
    only = library.ask("salts", "patient", "en", limit=10, bundle_id="other").found
    assert only
    assert {f.bundle_id for f in only} == {"other"}
    assert not library.ask("salts", bundle_id="no-such-topic").answered


def test_a_bundle_without_an_ask_part_is_still_searched(bundle: Bundle) -> None:
    plain = Bundle(dataclasses.replace(bundle.document, ask=None), bundle.folder)
    index = SearchIndex.for_bundle(plain)
    assert index.ask("magnesium", "patient", "en").answered
    assert all(f.curated_id is None for f in index.ask("what is a cramp").found)


def test_a_question_leaves_no_trace_in_the_index(bundle: Bundle) -> None:
    """Privacy: the index remembers the bundle's words, never a visitor's."""
    index = SearchIndex.for_bundle(bundle)
    from kiosk.search.index import _KNOWN_STEMS

    before = {language: dict(index._languages[language].surface) for language in index.languages}
    known = {language: dict(stems) for language, stems in _KNOWN_STEMS.items()}
    index.ask("zebrafinch quokkas marmalade cramps", "patient", "en")
    index.ask("ornitorrinco calambres", "patient", "es")
    after = {language: index._languages[language].surface for language in index.languages}
    assert after == before
    assert known == _KNOWN_STEMS  # the stems kept between indexes are the bundles' only
    assert not any("zebrafinch" in stems or "ornitorrinco" in stems
                   for stems in _KNOWN_STEMS.values())  # fmt: skip
    from kiosk.search.text import stemmer

    algorithm_cache = getattr(stemmer("en"), "__wrapped__", None)
    assert algorithm_cache is None  # the stem function itself is not memoised


def test_a_language_with_a_region_is_searched_with_its_base_language(
    bundle: Bundle, tmp_path: Path
) -> None:
    """'es-MX' is valid in a bundle: it must not break the search (table names, stems,
    stop words and synonyms come from 'es')."""
    import re
    import shutil

    from kiosk.content import load_bundle

    regional = tmp_path / "muscle-cramps"
    shutil.copytree(bundle.folder, regional)
    for path in regional.glob("*.yaml"):
        text = re.sub(r"^(\s+)es:", r"\1es-MX:", path.read_text(encoding="utf-8"), flags=re.M)
        path.write_text(text.replace("languages: [en, es]", "languages: [en, es-MX]"),
                        encoding="utf-8")  # fmt: skip
    mexican = load_bundle(regional)
    assert mexican.languages == ("en", "es-MX")
    index = SearchIndex.for_bundle(mexican)
    assert index.languages == ("en", "es-MX")
    results = index.ask("pastillas para orinar y calambres", "patient", "es-MX")
    assert results.answered
    assert "diuret" in results.words  # the Spanish synonym, stemmed as Spanish
    assert "medical-conditions" in [f.section_id for f in results.found]


def test_again_gives_the_same_answers_at_another_level_and_language(
    index: SearchIndex, bundle: Bundle
) -> None:
    first = index.ask("water pills", "patient", "en")
    again = index.again(first, "clinician", "es")
    assert [f.section_id for f in again.found] == [f.section_id for f in first.found]
    assert [f.curated_id for f in again.found] == [f.curated_id for f in first.found]
    for found in again.found:
        if found.passage is not None:
            section = bundle.section(found.section_id or "")
            assert section is not None
            assert found.text == bundle.level_text(
                section.passages[found.passage], "clinician", "es"
            )


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("what helps cramps with kidney disease", "en"),
        ("is baclofen used for ms", "en"),
        ("heart attack", "en"),
        ("ataque al corazón", "es"),
    ],
)
def test_a_curated_answer_never_answers_a_question_with_a_word_it_lacks(
    index: SearchIndex, question: str, language: str
) -> None:
    assert all(f.curated_id is None for f in index.ask(question, "patient", language).found)


@pytest.mark.parametrize("level", ["patient", "clinician"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_curated_phrasing_gets_its_own_answer_first(
    index: SearchIndex, bundle: Bundle, language: str, level: str
) -> None:
    ask = bundle.document.ask
    assert ask is not None
    missed = []
    for answer in ask.answers:
        for phrasing in answer.questions[language]:
            found = index.ask(phrasing, level, language).found
            if not found or found[0].curated_id != answer.id:
                missed.append(f"{phrasing!r}: {[f.curated_id for f in found]}")
    assert missed == []


def test_a_typo_keeps_the_curated_answer(index: SearchIndex) -> None:
    assert index.ask("do diuretcs cause cramps").found[0].curated_id == "water-pills"
    assert index.ask("can dehidration cause cramps").found[0].curated_id is not None


def test_only_a_matched_curated_answer_is_marked_as_one(index: SearchIndex) -> None:
    """A passage hit on a curated answer's own text is a passage, not 'a common question'."""
    for question in ("cramps", "what causes muscle cramsp", "salts and heat"):
        results = index.ask(question, "patient", "en")
        first_matched = [f.curated_id is not None for f in results.found]
        assert first_matched in ([], [False] * len(first_matched),
                                 [True] + [False] * (len(first_matched) - 1))  # fmt: skip
    plain = index.ask("cramps", "patient", "en")
    assert all(f.curated_id is None for f in plain.found)
    again = index.again(plain, "clinician", "es")
    assert all(f.curated_id is None for f in again.found)
