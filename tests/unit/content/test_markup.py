"""The inline markup: paragraphs, lists, emphasis, citations; HTML stays text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.markup import (
    Cite,
    Emphasis,
    ListBlock,
    Paragraph,
    Strong,
    Text,
    citations,
    parse,
    plain_text,
)


def test_paragraphs_and_lists() -> None:
    blocks = parse("First line\ncontinues.\n\n- one [1]\n- two\n\nAfter.")
    assert blocks == (
        Paragraph((Text("First line continues."),)),
        ListBlock(((Text("one "), Cite((1,))), (Text("two"),))),
        Paragraph((Text("After."),)),
    )


def test_emphasis_strong_and_citations() -> None:
    (block,) = parse("A *soft* and **hard** word [1, 2].")
    assert isinstance(block, Paragraph)
    assert block.inlines == (
        Text("A "),
        Emphasis("soft"),
        Text(" and "),
        Strong("hard"),
        Text(" word "),
        Cite((1, 2)),
        Text("."),
    )


def test_html_is_plain_text() -> None:
    assert parse("<b>bold</b> & <script>") == (Paragraph((Text("<b>bold</b> & <script>"),)),)


def test_a_lone_star_is_text() -> None:
    assert parse("5 * 3 = 15") == (Paragraph((Text("5 * 3 = 15"),)),)


def test_citations_with_offsets() -> None:
    assert citations("a [1] b [2, 3]") == [(1, 2), (2, 8), (3, 8)]


def test_plain_text_for_scores_and_speech() -> None:
    assert plain_text("Salts:\n\n- *low* sodium [1]\n- potassium") == (
        "Salts:\nlow sodium.\npotassium."
    )
    assert plain_text("Tired [2].", keep_citations=True) == "Tired [2]."


def test_plain_text_leaves_no_space_where_a_citation_was() -> None:
    assert plain_text("Rest [1]. See [1, 2], then stop.") == "Rest. See, then stop."


@given(st.text())
def test_quick_fold_is_the_unicode_fold(text: str) -> None:
    """fold's shortcut for English and Spanish text gives what Unicode's decomposition does."""
    from kiosk.content.markup import fold, slow_fold

    assert fold(text) == slow_fold(text)


@pytest.mark.parametrize("text", ["¿Qué DIURÉTICO?", "won’t", "Straße", "İstanbul", "naïve façade"])
def test_quick_fold_on_real_text(text: str) -> None:
    from kiosk.content.markup import fold, slow_fold

    assert fold(text) == slow_fold(text)


def test_numbered_steps() -> None:
    text = (
        "During a cramp:\n1. Stop.\n2. Stretch the muscle. [3]\n- a bullet\n\n10 minutes is long."
    )
    assert parse(text) == (
        Paragraph((Text("During a cramp:"),)),
        ListBlock(((Text("Stop."),), (Text("Stretch the muscle. "), Cite((3,)))), numbered=True),
        ListBlock(((Text("a bullet"),),)),
        Paragraph((Text("10 minutes is long."),)),
    )
    assert plain_text(text) == (
        "During a cramp:\nStop.\nStretch the muscle.\na bullet.\n10 minutes is long."
    )


def test_numbered_steps_as_html() -> None:
    from kiosk.ui.richtext import to_html

    html = to_html("1. Stop.\n2. Stretch.")
    assert html.startswith("<ol ")
    assert html.endswith("</ol>")
    assert html.count("<li>") == 2
