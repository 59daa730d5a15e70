"""The question box's search on the shipped bundle: what each step does (no Qt)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.content import Bundle
from kiosk.content.markup import citations, plain_text
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
                if found.answer_text_of:  # a curated answer's words, found as a passage
                    ask = bundle.document.ask
                    assert ask is not None
                    answer = next(a for a in ask.answers if a.id == found.answer_text_of)
                    assert found.text == bundle.level_text(answer.answer, level, language)
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
    assert not any(
        "zebrafinch" in stems or "ornitorrinco" in stems for stems in _KNOWN_STEMS.values()
    )
    from kiosk.search.text import stemmer

    algorithm_cache = getattr(stemmer("en"), "__wrapped__", None)
    assert algorithm_cache is None  # the stem function itself is not memoised


def test_a_language_with_a_region_is_searched_with_its_base_language(
    bundle: Bundle, tmp_path: Path
) -> None:
    """'es-MX' is valid in a bundle: it must not break the search (table names, stems,
    word frequencies and synonyms come from 'es')."""
    import re
    import shutil

    from kiosk.content import load_bundle

    regional = tmp_path / "muscle-cramps"
    shutil.copytree(bundle.folder, regional)
    for path in regional.glob("*.yaml"):
        text = re.sub(r"^(\s+)es:", r"\1es-MX:", path.read_text(encoding="utf-8"), flags=re.M)
        path.write_text(
            text.replace("languages: [en, es]", "languages: [en, es-MX]"), encoding="utf-8"
        )
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
        assert first_matched in (
            [],
            [False] * len(first_matched),
            [True] + [False] * (len(first_matched) - 1),
        )
    plain = index.ask("cramps", "patient", "en")
    assert all(f.curated_id is None for f in plain.found)
    again = index.again(plain, "clinician", "es")
    assert all(f.curated_id is None for f in again.found)


# -- issue #13: weights, spelling, intents, vocabulary, the library -------------------


def test_a_question_leaves_no_trace_in_wordfreq_or_the_kept_library(bundle: Bundle) -> None:
    """Privacy: the general word lists are read as a whole; wordfreq's own cache of the
    words looked up one by one never sees a visitor's words, and the copy of the library
    kept for the next visit is never queried."""
    import wordfreq

    from kiosk.search import index as search_index

    index = SearchIndex.for_bundle(bundle)
    kept = search_index._LAST_BUILT[0].db
    before = list(kept.iterdump())
    index.ask("zebrafinchs quokkas cramsp", "patient", "en")
    index.ask("ornitorrincos calambes", "patient", "es")
    cache = getattr(wordfreq, "_wf_cache", {})
    assert not any("zebrafinch" in str(key) or "ornitorrinco" in str(key) for key in cache)
    assert list(kept.iterdump()) == before
    again = SearchIndex.for_bundle(bundle)  # the next visit: a fresh copy
    assert again._db is not index._db


def test_a_typo_is_corrected_before_stemming(index: SearchIndex) -> None:
    assert "muscl" in index.ask("what causes musle cramps").words
    assert index.ask("do water pils cause cramps").found[0].section_id == "medical-conditions"
    assert "magnesium" in index.ask("can low magnisium cause cramps").words


@pytest.mark.parametrize("word", ["heart", "kidney", "quinine", "period"])
def test_a_real_word_is_never_corrected_into_a_medical_one(index: SearchIndex, word: str) -> None:
    reader = index._languages["en"]
    assert reader.correct(word) == word


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("en", "magnesia"),
        ("en", "albumen"),
        ("en", "quinone"),
        ("en", "bursitis"),
        ("es", "tetania"),
        ("es", "ciatica"),
        ("es", "gluteo"),
    ],
)
def test_a_rare_real_word_is_not_corrected_into_a_library_word(
    index: SearchIndex, language: str, word: str
) -> None:
    """Rarer than the always-kept words (Zipf 2.5), yet real: the general list holds them.
    They were 'magnesium', 'albumin', 'quinine', 'bursts', 'tenia', 'civica', 'gluten'."""
    assert index._languages[language].correct(word) == word


def test_a_typo_the_general_list_holds_is_still_corrected_to_a_far_commoner_word(
    index: SearchIndex,
) -> None:
    assert index._languages["en"].correct("pils") == "pill"  # German beer, or a typo


def test_a_mistyped_word_whose_stem_begins_a_library_stem_is_corrected(
    index: SearchIndex,
) -> None:
    """'calambes' lacks the r of 'calambres': its stem 'calamb' begins the library's
    'calambr', but the word itself begins no library word, so it is corrected (it was
    searched as a prefix, and the curated answer's phrasing 'el magnesio bajo da
    calambres' did not read like it). A word being typed is still a prefix."""
    spanish = index._languages["es"]
    assert spanish.correct("calambes") == "calambres"
    assert spanish.correct("calambr") == "calambr"
    assert index._languages["en"].correct("magnes") == "magnes"
    found = index.ask("potasio bajo calambes", "patient", "es").found
    assert found[0].curated_id == "low-salts"


def test_another_form_of_a_library_word_is_not_corrected(index: SearchIndex) -> None:
    """'sude' (sudé typed without its accent) is rare in the general list, and one typo
    from 'sede' (a seat), which is far commoner: its stem is the library's 'sudar', so it
    is that word in another form, and finds the passages on heavy sweating."""
    spanish = index._languages["es"]
    assert spanish.correct("sude") == "sude"
    results = index.ask("sude mucho ayer", "patient", "es")
    assert "sud" in results.words
    assert "when-to-get-help" in sections(index, "sude mucho ayer", "es")


def test_common_words_do_not_steer_the_answer(index: SearchIndex) -> None:
    """'leg' is common; 'magnesium' says what the question is about: the two sections
    about magnesium (low magnesium as a cause; magnesium pills) come first, low magnesium
    among them."""
    found = sections(index, "low magnesium leg cramps")
    assert "electrolytes-fluid" in found[:2]
    assert set(found[:2]) <= {"electrolytes-fluid", "quinine-magnesium"}
    assert sections(index, "i work outside in the heat and get cramps alot")


def test_a_word_the_library_lacks_declines_when_it_says_more(index: SearchIndex) -> None:
    assert not index.ask("kidney disease cramps").answered
    assert not index.ask("my kidneys are bad and i get cramps alot").answered
    assert index.ask("my liver is bad and i get cramps alot").answered


def test_a_question_sharing_only_the_topics_word_declines_when_it_says_more(
    index: SearchIndex,
) -> None:
    """'period' is as common as 'exactly', so its weight alone cannot decline 'period
    cramps'; but every passage holds 'cramps' and none 'period': none answers it."""
    for question in ("period cramps", "finger cramps", "cramps and smoking"):
        assert not index.ask(question).answered, question
    assert index.ask("hand cramps").answered  # 'hand' tells the passages apart
    assert index.ask("what do i do for cramps").answered  # what it wants does too


def test_a_word_the_library_mentions_in_passing_does_not_answer(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'knee' is in one passage (a stretch's steps: 'bend your front knee'), so its idf
    makes it most of the question's weight, and that passage held enough of it; but the
    question says as much again that the passage lacks (pain, running): in plain words
    (rarity in the language, the library's idf left out) it holds too little."""
    from kiosk.search import index as search_index

    for question, language in (
        ("knee pain when i run", "en"),
        ("dolor de rodilla al correr", "es"),
        ("potassium pills how many", "en"),
    ):
        assert not index.ask(question, "patient", language).answered, question
    assert "during-a-cramp" in sections(index, "cramp behind my knee")
    assert "during-a-cramp" in sections(index, "should i walk it off")
    monkeypatch.setattr(search_index, "SAYS_ENOUGH", 0.0)
    assert index.ask("knee pain when i run").answered  # what the rule changes


def test_another_form_of_a_library_word_the_stemmer_keeps_apart_is_found(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stemmer keeps 'inhibition' ('inhibit') apart from the passages' 'inhibitory'
    ('inhibitori'): a real word, so never corrected, it weighed as a word the library
    lacks, more than any the plain reader's passage holds. Its stem, long enough, begins
    the library's: it is searched as a prefix. A short one is not ('spin')."""
    from kiosk.search import index as search_index

    english = index._languages["en"]
    assert english.resolve("inhibition") == ("inhibit", True)
    assert english.resolve("spin") is None  # not 'spinal': too short to tell
    assert sections(index, "golgi tendon organ inhibition")[:1] == ["mechanisms"]
    monkeypatch.setattr(search_index, "DERIVED_FROM", 99)
    assert not index.ask("golgi tendon organ inhibition").answered


def test_every_passage_of_a_topic_counts_as_saying_the_topics_word(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'If you have liver disease... baclofen may help' says no 'cramp', but it is a
    passage of 'Muscle cramps': 'baclofen for cramps' is answered by it."""
    for question, language in (("baclofen for cramps", "en"), ("albumina para calambres", "es")):
        assert sections(index, question, language)[:1] == ["management"], question
    english = index._languages["en"]
    monkeypatch.setattr(english, "topic_terms", dict.fromkeys(english.topic_terms, frozenset()))
    assert not index.ask("baclofen for cramps").answered  # what the rule changes


def test_everyday_spellings_come_from_the_bundle(index: SearchIndex, bundle: Bundle) -> None:
    assert index.ask("is it cuz im dehydrated").answered
    plain = dataclasses.replace(
        bundle.document,
        ask=dataclasses.replace(bundle.document.ask, spellings={}),  # type: ignore[arg-type]
    )
    without = SearchIndex.for_bundle(Bundle(plain, bundle.folder))
    question = "is it cuz im dehydrated"
    # read as "because", a word as common as "is": it weighs next to nothing
    assert (
        index._languages["en"].read(question).whole < without._languages["en"].read(question).whole
    )


@pytest.mark.parametrize(
    ("question", "language", "wanted"),
    [
        # what to do: the management section or, since issue #14, what to do during one
        ("charley horse in my leg what do i do", "en", "management during-a-cramp"),
        ("what helps leg cramps", "en", "management during-a-cramp"),
        ("por que me dan calambres en las piernas", "es", "neuromuscular"),
        ("can i exercise after a cramp", "en", "management"),
        ("when should i see a dr", "en", "when-to-get-help"),
        ("es grave?", "es", "when-to-get-help"),
        # nothing works: no one way to stop or treat cramps works for everyone
        ("i tried everything for my cramps", "en", "pearls"),
        ("ya probé de todo y nada me quita el calambre", "es", "pearls"),
    ],
)
def test_what_the_visitor_wants_picks_the_kind_of_passage(
    index: SearchIndex, question: str, language: str, wanted: str
) -> None:
    found = sections(index, question, language)
    assert found, question
    accepted = (*wanted.split(), "summary") if wanted == "neuromuscular" else wanted.split()
    assert found[0] in accepted


def test_the_cue_words_live_in_the_bundle_not_the_code(bundle: Bundle) -> None:
    """Without the bundle's intents, 'what do i do' is just words: nothing answers it."""
    ask = bundle.document.ask
    assert ask is not None
    plain = dataclasses.replace(bundle.document, ask=dataclasses.replace(ask, intents=()))
    without = SearchIndex.for_bundle(Bundle(plain, bundle.folder))
    assert not without.ask("what do i do", "patient", "en").answered
    assert SearchIndex.for_bundle(bundle).ask("what do i do", "patient", "en").answered


def test_clinicians_shorthand_is_understood(index: SearchIndex) -> None:
    assert sections(index, "EAMC", level="clinician")[0] == "exercise"
    assert "electrolytes-fluid" in sections(index, "electrolyte derangements", level="clinician")


def test_every_medicine_name_has_a_source(bundle: Bundle) -> None:
    ask = bundle.document.ask
    assert ask is not None
    assert ask.medicines
    for entries in ask.medicines.values():
        for entry in entries:
            assert entry.source.strip(), entry


@pytest.mark.parametrize(
    ("question", "language", "wanted"),
    [
        ("EAMC", "en", "exercise"),
        ("check CK in cramps", "en", "doctor"),
        ("TFTs for cramps", "en", "doctor"),
        ("ARBs and cramps", "en", "medicines"),
        ("CCB for cramps", "en", "quinine-magnesium"),
        ("CK en calambres", "es", "doctor"),
        ("ARA II y calambres", "es", "medicines"),
    ],
)
def test_clinician_abbreviations_read_as_the_clinician_text_spells_them(
    index: SearchIndex, question: str, language: str, wanted: str
) -> None:
    found = index.ask(question, "clinician", language).found
    assert found, question
    assert found[0].section_id == wanted, question


@pytest.mark.parametrize(
    ("question", "language", "wanted"),
    [
        # the measured failure (issue #13): a brand name the content never uses
        ("i take lasix for swelling and now i get leg cramps", "en", "medical-conditions"),
        ("furosemide cramps", "en", "medical-conditions"),
        ("does spironolactone cause cramps", "en", "medical-conditions"),
        ("tomo furosemida y me dan calambres", "es", "medical-conditions"),
        ("lipitor and leg cramps", "en", "medicines"),
        ("my cholesterol pill gives me cramps", "en", "medicines"),
        ("la pastilla para el colesterol me da calambres", "es", "medicines"),
        ("i take pravachol and get leg cramps", "en", "medicines"),
        ("lescol cramps", "en", "medicines"),
        ("tomo mevacor y me dan calambres", "es", "medicines"),
        ("lovastatin cramps", "en", "medicines"),  # the content's own word (clinician)
    ],
)
def test_a_medicine_is_known_by_its_brand_and_generic_names(
    index: SearchIndex, question: str, language: str, wanted: str
) -> None:
    """The bundle's medicines (each with its source) read a drug's names as the class the
    content names: Lasix and furosemide as a diuretic, Lipitor as a statin."""
    assert wanted in sections(index, question, language)[:3], question


def test_a_drug_name_alone_does_not_answer_without_the_bundle(bundle: Bundle) -> None:
    """The mapping lives in the bundle, not the code: without ``medicines`` 'lasix' is a
    word the library lacks, and the question is declined."""
    ask = bundle.document.ask
    assert ask is not None
    plain = dataclasses.replace(bundle.document, ask=dataclasses.replace(ask, medicines={}))
    without = SearchIndex.for_bundle(Bundle(plain, bundle.folder))
    assert not without.ask("does lasix cause cramps", "patient", "en").answered
    assert SearchIndex.for_bundle(bundle).ask("does lasix cause cramps", "patient", "en").answered


def test_stopping_a_named_medicine_gets_the_medicine_answer(index: SearchIndex) -> None:
    assert index.ask("can i stop my lasix", "patient", "en").medicine_safety
    assert index.ask("puedo dejar la furosemida", "patient", "es").medicine_safety


def test_a_curated_answer_needs_the_words_its_phrasing_says(index: SearchIndex) -> None:
    """'why do i get cramps at night' reads much like 'why do i get leg cramps', but the
    night is what its answer is about."""
    assert index.ask("why do i get cramps at night").found[0].curated_id == "cramps-at-night"
    assert index.ask("why do i get leg cramps").found[0].curated_id != "cramps-at-night"


def test_a_contraction_typed_without_its_apostrophe_does_not_sink_a_question(
    index: SearchIndex,
) -> None:
    """'doesnt' is a word of its own in the general list; the bundle reads it as 'not'."""
    assert index.ask("why doesnt anything work for my cramps").answered
    # the warning signs still see the words as typed
    assert [s.id for s in index.ask("i cant feel my toes after the cramp").signs]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("how do i keep cramps away", "en"),
        ("how to avoid leg cramps", "en"),
        ("como evito los calambres", "es"),
    ],
)
def test_a_question_about_preventing_cramps_gets_prevention(
    index: SearchIndex, question: str, language: str
) -> None:
    """'keep' alone steered to 'keep you from sleeping' (issue #13); the prevent intent
    names the passages on preventing cramps."""
    assert sections(index, question, language)[0] in ("prevention", "night-cramps")


def test_a_plain_reader_is_not_answered_by_words_only_the_clinician_text_has(
    index: SearchIndex,
) -> None:
    """'How a cramp starts' says 'dehydration' only in its clinician title and text."""
    assert sections(index, "dehydrated cramps")[0] != "mechanisms"
    assert "mechanisms" in sections(index, "dehydration theory", level="clinician")[:3]


def test_a_cue_holding_a_synonym_is_still_a_cue(index: SearchIndex) -> None:
    """'entrenar' is read as 'ejercicio' before the cues are: the cue 'volver a entrenar'
    is read the same way, so the question still asks to go back to exercise."""
    reader = index._languages["es"]
    query = reader.read("cuando puedo volver a entrenar despues del calambre")
    assert any(key.endswith(":back-to-exercise") for key in query.intents)
    assert not query.unknown  # "volver" is the cue's, not a word the library lacks


def test_a_filler_word_does_not_keep_a_curated_answer_away(index: SearchIndex) -> None:
    """'exactly' says too little to be searched for: 'what exactly is a charley horse'
    still reads as 'what is a charley horse'."""
    assert index.ask("what exactly is a charley horse").found[0].curated_id == "what-is-a-cramp"
    assert index.ask("what is a cramp exactly").found[0].curated_id == "what-is-a-cramp"
    assert not index.ask("kidney disease cramps").answered  # a word that says much still does


@pytest.mark.parametrize(
    ("question", "language"),
    [("should i go to the emergency room", "en"), ("tengo que ir a urgencias", "es")],
)
def test_a_question_that_says_only_what_it_wants_gets_its_passages(
    index: SearchIndex, question: str, language: str
) -> None:
    """'emergency room' is a cue of the see-a-doctor intent; 'should', 'go' say too little
    to be searched for: the intent's passages answer it. A word the library lacks still
    declines ('do bananas help')."""
    assert sections(index, question, language)[:1] == ["when-to-get-help"]
    assert not index.ask("do bananas help").answered


def test_the_library_answers_the_open_topic_first_then_others(bundle: Bundle) -> None:
    other_topic = dataclasses.replace(
        bundle.document, metadata=dataclasses.replace(bundle.metadata, id="other"), ask=None
    )
    library = SearchIndex([bundle, Bundle(other_topic, bundle.folder)])
    results = library.ask_library("low magnesium", "patient", "en", open_topic="other")
    ids = [f.bundle_id for f in results.found]
    assert ids[0] == "other"
    assert "muscle-cramps" in ids
    assert ids == sorted(ids, key=lambda i: i != "other")  # the open topic's first
    assert all(f.topic == "Why do muscles cramp?" for f in results.found)
    spanish = library.ask_library("magnesio bajo", "clinician", "es", open_topic="other")
    assert spanish.found[0].topic == "¿Qué causa los calambres musculares?"
    alone = library.ask_library("low magnesium", open_topic="other", others=0)
    assert {f.bundle_id for f in alone.found} == {"other"}


def test_prevention_advice_ranks_lower_unless_the_question_asks_to_prevent(
    index: SearchIndex, bundle: Bundle
) -> None:
    """The prevent intent is ``lower_unless_asked``: 'drink plenty of water' does not
    come before what the studies found for a question that is not about preventing, and
    still comes first for one that is. The bundle's mark does it, not the code."""
    assert sections(index, "drinking water and cramps")[0] == "pearls"
    assert sections(index, "how do i prevent cramps")[0] == "prevention"
    assert sections(index, "como evito los calambres", "es")[0] in ("prevention", "night-cramps")
    ask = bundle.document.ask
    assert ask is not None
    unmarked = tuple(dataclasses.replace(i, lower_unless_asked=False) for i in ask.intents)
    plain = dataclasses.replace(bundle.document, ask=dataclasses.replace(ask, intents=unmarked))
    assert (
        sections(SearchIndex([Bundle(plain, bundle.folder)]), "drinking water and cramps")[0]
        == "prevention"
    )


def test_a_question_of_everyday_words_still_searches_its_rarest(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'should i walk it off': no word is rare enough to be searched for ('walk' is
    Zipf 5.1), so nothing could ever be found; its rarest word is searched for."""
    from kiosk.search import index as search_index

    assert "during-a-cramp" in sections(index, "should i walk it off")
    assert not index.ask("what time is it").answered  # nothing rare enough: still declined
    monkeypatch.setattr(search_index, "SEARCHED_AT_LEAST", 2.0)
    assert not index.ask("should i walk it off").answered


def test_a_narrower_case_the_question_names_is_not_left_out_as_neutral(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'is that normal' asks whether cramps are harmless; 'pregnant' says which cramps
    (few passages say it): the night-cramps passage that names pregnancy comes first,
    not the harmless passage, which the rest of the question only seemed to fit once
    'pregnant' was set aside. A word most passages hold is still set aside."""
    from kiosk.search import index as search_index

    question = "im pregnant and get leg cramps is that normal"
    assert sections(index, question)[0] == "night-cramps"
    monkeypatch.setattr(search_index, "NEUTRAL_BELOW", 99.0)
    # the harmless passage also holds too little of what the question says in plain
    # words (SAYS_ENOUGH): without that rule too, it came first
    monkeypatch.setattr(search_index, "SAYS_ENOUGH", 0.0)
    assert sections(index, question)[0] != "night-cramps"


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        # the how-long intent (ask.yaml)
        ("how long does a cramp last", "en", "what-is-a-cramp#few seconds"),
        ("cuanto dura un calambre", "es", "what-is-a-cramp#few seconds"),
        # the where intent
        ("what part of the leg do cramps hit", "en", "what-is-a-cramp#calf"),
        ("en que parte del cuerpo dan los calambres", "es", "what-is-a-cramp#calf"),
        # the doctor-visit intent, and "blood work" -> "tests"
        ("what tests will the doctor do", "en", "doctor"),
        ("blood work for cramps", "en", "doctor"),
        # the harmless intent
        ("are cramps normal", "en", "what-is-a-cramp#harmless"),
        ("es normal tener calambres", "es", "what-is-a-cramp#harmless"),
        # units cut short (spellings): '20 min' is '20 minutes', more than 10 minutes
        ("cramp wont go away its been 20 min", "en", "when-to-get-help#10 minutes"),
        # 'supplements' are pills, 'illnesses' health problems
        ("magnesium supplements", "en", "quinine-magnesium"),
        ("suplementos de magnesio", "es", "quinine-magnesium"),
        ("what illnesses cause cramps", "en", "medical-conditions"),
        # 'medication' is 'medicine' (its stem is also 'medical''s)
        ("can medication cause cramps", "en", "medicines"),
        # a new 'remedio' is a new medicine, not a remedy
        ("desde que tomo un remedio nuevo me dan calambres", "es", "medicines#new medicine"),
        # B12 is one of the B vitamins
        ("b12 for cramps", "en", "quinine-magnesium#b vitamins"),
        ("vitamina b12 para los calambres", "es", "quinine-magnesium#b vitamins"),
        # what people call pain pills
        ("do painkillers help a cramp", "en", "during-a-cramp#pain pills"),
        ("me tomo un calmante para el calambre", "es", "during-a-cramp#pain pills"),
        ("cramps woke me up", "en", "when-to-get-help"),
        # what-helps cues asked of 'you'; prevent asked with 'que no me den'
        ("how do you stop a cramp", "en", "management"),
        ("como hago para que no me den calambres", "es", "night-cramps#prevent"),
    ],
)
def test_what_the_bundle_adds_for_everyday_questions(
    index: SearchIndex, bundle: Bundle, question: str, language: str, expected: str
) -> None:
    """Intents, synonyms and spellings the bundle's ask part adds for issue #13 (the
    second tuning file): the passage named comes first."""
    found = index.ask(question, "patient", language).found
    assert found, question
    section, _, words = expected.partition("#")
    assert (found[0].section_id or "summary") == section, (question, found[0])
    if words:
        text = fold(
            plain_text(
                bundle.level_text(
                    bundle.section(section).passages[found[0].passage], "patient", "en"
                )
            )
        )
        assert fold(words) in text, (question, found[0])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("magnesium rct evidence", "quinine-magnesium"),  # rct -> studies
        ("oral contraceptives and cramps", "medicines"),  # -> birth control pills
    ],
)
def test_clinicians_shorthand_finds_the_clinician_text(
    index: SearchIndex, question: str, expected: str
) -> None:
    assert sections(index, question, level="clinician")[:1] == [expected]


def test_a_curated_phrasing_of_another_kind_of_question_does_not_match(
    index: SearchIndex,
) -> None:
    """'para que no me den calambres' (so that I do not get cramps: a prevent cue)
    reads much like the curated 'por qué me dan calambres' (why): the curated answer
    is for a why question, and the question asks another kind, so it does not match;
    the prevention passages answer. A question with no cue still matches a phrasing
    that has one ('is a charlie horse dangerous', 'are cramps dangerous')."""
    first = index.ask("para que no me den calambres", "patient", "es").found[0]
    assert first.curated_id is None
    assert first.section_id in ("prevention", "night-cramps")
    assert index.ask("por que me dan calambres", "patient", "es").found[0].curated_id == (
        "what-causes-cramps"
    )


@pytest.mark.parametrize(
    ("framed", "bare", "language"),
    [
        ("hello i was wondering what helps leg cramps thank you", "what helps leg cramps", "en"),
        ("quick question can low sodium cause cramps", "can low sodium cause cramps", "en"),
        (
            "hola buenas tardes quisiera saber por que me dan calambres en los pies",
            "por que me dan calambres en los pies",
            "es",
        ),
        ("disculpe tomo diureticos por favor", "tomo diureticos", "es"),
        # the fillers of speech and chat
        ("um what helps a cramp asap", "what helps a cramp", "en"),
        ("uh my calf hurts at night lol", "my calf hurts at night", "en"),
        ("oiga fijese que me dan calambres en la noche", "me dan calambres en la noche", "es"),
    ],
)
def test_greetings_thanks_and_framing_are_not_part_of_the_question(
    index: SearchIndex, framed: str, bare: str, language: str
) -> None:
    """The bundle's spellings read 'hello', 'i was wondering', 'thank you', 'hola',
    'quisiera saber', 'por favor' like punctuation: each weighed against the question
    as a word the library lacks ('i was wondering' lost half the tuning answers)."""
    assert (
        index.ask(framed, "patient", language).found[:1]
        == index.ask(bare, "patient", language).found[:1]
    )
    assert index.ask(bare, "patient", language).answered
    assert not index.ask("hello", "patient", "en").answered
    assert not index.ask("hola buenas tardes", "patient", "es").answered
    assert not index.ask("um", "patient", "en").answered
    # "er" is the emergency room, not a filler
    assert sections(index, "do i need to go to the er for a cramp")[:1] == ["when-to-get-help"]


def test_a_typo_that_is_a_rarer_real_word_is_read_as_the_topics_word(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'craps', 'clamps' (real words, one typo from 'cramps') are read as the topic's own
    word, in most of its passages: it is far likelier here than in general use. A real
    word as common, or one typo from a word the library rarely says, stays ('camps',
    'heart' is never 'heat', 'lung' never 'long')."""
    from kiosk.search import index as search_index

    english, spanish = index._languages["en"], index._languages["es"]
    assert english.correct("craps") == "cramps"
    assert english.correct("clamps") == "cramps"
    assert spanish.correct("calabres") == "calambres"  # rare in general, not real enough
    for word in ("camps", "heart", "lung", "crap", "noting"):
        assert english.correct(word) == word
    assert sections(index, "craps wake me up every night")[0] in (
        "when-to-get-help",
        "night-cramps",
    )
    monkeypatch.setattr(search_index, "LIBRARY_PRIOR", 0.0)
    assert english.correct("craps") == "craps"


@pytest.mark.parametrize(
    ("question", "language", "level", "expected"),
    [
        # "calfs" (a spelling) no longer reads every "calf" as "calves"
        ("which muscle does a calf cramp hit", "en", "patient", "what-is-a-cramp"),
        # "sentarse", "acostarse" are the passages' own words, not "descansar"
        ("me quedo sentado todo el dia y me dan calambres", "es", "patient", "prevention"),
        ("estirar antes de acostarse", "es", "patient", "night-cramps"),
        # "funciona" (a spelling) is not "función"
        ("pruebas de funcion tiroidea", "es", "clinician", "doctor"),
    ],
)
def test_a_synonym_does_not_catch_another_word_of_the_same_stem(
    index: SearchIndex, question: str, language: str, level: str, expected: str
) -> None:
    """Synonyms are matched on stems: one whose stem is that of another word of the
    passages read that word as the synonym's meaning too ('calfs' caught 'calf',
    'partido' 'parte', 'pesas' 'peso', 'funciona' 'función'). Such words are spellings
    (matched as typed) or phrases now, or left out."""
    assert sections(index, question, language, level)[:1] == [expected]
    english = index._languages["en"]
    assert "calf" in english.read("my calf hurts").folded.split()
    spanish = index._languages["es"]
    assert "parte" in spanish.read("me duele esta parte").folded.split()


def test_a_question_asking_for_a_dose_is_answered_only_by_a_passage_giving_one(
    index: SearchIndex, bundle: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundle's medicine-dose intent: 'dosis de potasio' asks for a dose the content
    does not give (it only says low potassium can cause cramps): no passage, the fixed
    medicine answer only. 'baclofen dose' is still answered by the baclofen passage
    (its clinician text gives one; shown at the patient level, withheld at the
    clinician's). Without the intent (and without SAYS_ENOUGH, under which 'dosis'
    weighs as much as 'potasio') the potassium passages answered."""
    for question, language in (("dosis de potasio", "es"), ("potassium dose", "en")):
        results = index.ask(question, "clinician", language)
        assert not results.answered
        assert results.medicine_safety is not None
    assert sections(index, "baclofen dose")[:1] == ["management"]
    ask = bundle.document.ask
    assert ask is not None
    without = tuple(i for i in ask.intents if i.id != "medicine-dose")
    plain = dataclasses.replace(bundle.document, ask=dataclasses.replace(ask, intents=without))
    from kiosk.search import index as search_index

    monkeypatch.setattr(search_index, "SAYS_ENOUGH", 0.0)
    assert (
        SearchIndex([Bundle(plain, bundle.folder)])
        .ask("dosis de potasio", "clinician", "es")
        .answered
    )
