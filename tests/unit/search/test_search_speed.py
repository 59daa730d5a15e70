"""What makes the library's search fast changes none of its words (issue 12 point 4,
issue 13 point 6; the figures are bench/search.py's)."""

from __future__ import annotations

from collections.abc import Iterator
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
    for question in ("my leg is numb and it hurts", "should i stop my water pill",
                     "how do i use the screen", "que hago con un calambre"):  # fmt: skip
        for language in ("en", "es"):
            a = first.ask_library(question, "patient", language, open_topic=bundle.id)
            b = again.ask_library(question, "patient", language, open_topic=bundle.id)
            assert a == b
