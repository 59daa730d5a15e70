"""What makes the library's search fast changes none of its words (issue 12 point 4,
issue 13 point 6; the figures are bench/search.py's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.content import Bundle, load_bundle
from kiosk.content.markup import fold, plain_text
from kiosk.search import SearchIndex
from kiosk.search.text import markup_words, tokens
from tests.library import TEST_TOPIC


def texts(value: Any) -> Iterator[str]:
    """Every text in a bundle's document (per-level and per-language texts included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from texts(getattr(value, name))


MADE = [
    "Stretch the calf [1]. Then walk [2, 3].",
    "a[1]b and c [1,2]d",
    "A citation over lines [1,\n2] and over paragraphs [3,\n\n4] end.",
    "**Call 911** if the *cramp* lasts [1]",
    "1. Stand up.\n2. Walk [4].\n10. Rest",
    "Take 1.5 mg twice [2]",
    "- a list item [1]\n  continued here\n- another\n\nA paragraph\nover two lines.",
    "Not a citation: [note] and [1a] and []",
    "Qué pasa [1]. ¿Por qué? Ñandú — «niño»",
    "Tab\tand\x0cform feed\x0bvertical [1,\x0c2]",
    "e[1]\u0301 combining after a citation",
    "",
]


@pytest.mark.parametrize("text", MADE)
def test_markup_words_are_the_plain_texts_words(text: str) -> None:
    assert markup_words(text) == tokens(fold(plain_text(text)))


def test_markup_words_of_every_text_of_the_shipped_and_test_topics(bundle: Bundle) -> None:
    checked = 0
    for document in (bundle.document, load_bundle(TEST_TOPIC).document):
        for text in texts(document):
            assert markup_words(text) == tokens(fold(plain_text(text))), text
            checked += 1
    assert checked > 1000


def test_a_library_built_again_answers_as_the_first(bundle: Bundle) -> None:
    """A build from a copy of the last (after a visit) answers every question as the
    first build did, safety cards and the medicine answer included."""
    library = [bundle, load_bundle(TEST_TOPIC)]
    first = SearchIndex(library)
    again = SearchIndex(library)
    for question in (
        "my leg is numb and it hurts",
        "should i stop my water pill",
        "how do i use the screen",
        "que hago con un calambre",
    ):
        for language in ("en", "es"):
            a = first.ask_library(question, "patient", language, open_topic=bundle.id)
            b = again.ask_library(question, "patient", language, open_topic=bundle.id)
            assert a == b


def _copy(bundle: Bundle, bundle_id: str) -> Bundle:
    import dataclasses

    document = bundle.document
    metadata = dataclasses.replace(document.metadata, id=bundle_id)
    return Bundle(dataclasses.replace(document, metadata=metadata), bundle.folder)


def test_each_topics_intents_answer_from_its_own_passages(bundle: Bundle) -> None:
    """In a library, an intent's passages are found among its own topic's only (they
    were looked for in every topic's, for every intent of every topic: a build that grew
    with the square of the library), the same places as in the topic alone."""
    alone = SearchIndex.for_bundle(bundle)._languages
    library = SearchIndex([bundle, _copy(bundle, "copy-a"), _copy(bundle, "copy-b")])
    for language, index in library._languages.items():
        places = {}
        for key, rows in index.intent_docs.items():
            bundle_key = key.partition(":")[0]
            assert all(index.doc_keys[row] == bundle_key for row in rows), key
            where = [(index.docs[r].section, index.docs[r].passage, o) for r, o in rows.items()]
            places.setdefault(key.partition(":")[2], []).append(where)
        own = alone[language]
        for key, rows in own.intent_docs.items():
            where = [(own.docs[r].section, own.docs[r].passage, o) for r, o in rows.items()]
            assert places[key.partition(":")[2]] == [where] * 3, key


def test_within_a_topic_a_library_answers_as_the_topic_alone(bundle: Bundle) -> None:
    """The open topic's answers in a library of two topics (the tests' own beside it)
    are the topic's alone, for every question of the quality sets (the index keeps each
    topic's curated answers and intents apart, and looks in the open topic's only)."""
    import yaml

    here = Path(__file__).parent
    asked = [
        (q["q"], language)
        for language in ("en", "es")
        for q in yaml.safe_load((here / f"questions_{language}.yaml").read_text("utf-8"))
    ]
    alone = SearchIndex.for_bundle(bundle)
    library = SearchIndex([bundle, load_bundle(TEST_TOPIC)])

    def answers(index: SearchIndex, question: str, level: str, language: str) -> list[Any]:
        results = index.ask(question, level, language, bundle_id=bundle.id)
        # (scores differ: BM25 counts the library's passages)
        found = [(f.section_id, f.passage, f.curated_id, f.text) for f in results.found]
        return [found, results.signs, results.medicine_safety]

    for question, language in asked:
        for level in ("patient", "clinician"):
            expected = answers(alone, question, level, language)
            assert answers(library, question, level, language) == expected, question


@pytest.mark.parametrize(
    ("question", "language"),
    [("what do i do", "en"), ("es grave", "es"), ("should i go to the emergency room", "en")],
)
def test_what_the_visitor_wants_alone_picks_no_other_topic(
    bundle: Bundle, question: str, language: str
) -> None:
    """A question of nothing but what the visitor wants is answered by the open topic;
    every other topic answers it alike, so none is picked (they were the first topics in
    the library's order, whatever the question, and ranking them all cost the most)."""
    library = SearchIndex([bundle, _copy(bundle, "copy-a"), _copy(bundle, "copy-b")])
    results = library.ask_library(question, "patient", language, open_topic="copy-a")
    assert results.found
    assert {f.bundle_id for f in results.found} == {"copy-a"}
    # a question with a subject still gets other topics' answers
    subject = library.ask_library(
        "what do i do about low magnesium", "patient", "en", open_topic="copy-a"
    )
    assert {f.bundle_id for f in subject.found} > {"copy-a"}
