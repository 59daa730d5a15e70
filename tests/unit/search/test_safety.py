"""kiosk.search.safety: warning signs and medicine changes in a question (no Qt)."""

from __future__ import annotations

import pytest

from kiosk.content import Bundle
from kiosk.search import SearchIndex
from kiosk.search.safety import asks_about_medicine_change, has_dose, safety_signs


def test_most_urgent_first_then_the_bundle_order(bundle: Bundle) -> None:
    signs = safety_signs("my chest hurts and my arm is numb", bundle, "en")
    assert [s.id for s in signs] == ["emergency", "weak-or-numb", "chest-arms-belly"]


def test_a_number_of_minutes_counts_from_the_signs_own(bundle: Bundle) -> None:
    assert [s.id for s in safety_signs("cramp for 12 minutes", bundle, "en")] == ["long-cramp"]
    assert safety_signs("cramp for 5 minutes", bundle, "en") == ()
    assert [s.id for s in safety_signs("un calambre de 25 minutos", bundle, "es")] == ["long-cramp"]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("how much water should i drink", "en"),
        ("how do i stop a cramp", "en"),
        ("do water pills cause cramps", "en"),
        ("cuantos vasos de agua debo tomar", "es"),
        ("dejo de hacer ejercicio", "es"),
    ],
)
def test_not_a_medicine_change(bundle: Bundle, question: str, language: str) -> None:
    assert not asks_about_medicine_change(question, bundle, language)


def test_doses_are_found() -> None:
    assert has_dose("baclofen (starting at 10 mg/day)")
    assert has_dose("tome 2 al día")
    assert not has_dose("A medicine called baclofen may help. [1]")


def test_a_dose_question_gets_the_fixed_answer_and_no_dose(index: SearchIndex) -> None:
    results = index.ask("baclofen dose cirrhosis cramps", "clinician", "en")
    assert results.medicine_safety is not None
    assert "prescriber" in results.medicine_safety
    assert not any(has_dose(found.text) for found in results.found)


def test_level_and_language_switch_keep_the_cards_and_the_medicine_answer(
    index: SearchIndex,
) -> None:
    results = index.ask("my leg is numb, should i stop my water pill", "patient", "en")
    assert [s.id for s in results.signs] == ["weak-or-numb"]
    again = index.again(results, "patient", "es")
    assert again.signs == results.signs
    assert again.medicine_safety is not None
    assert "farmacéutico" in again.medicine_safety


def test_nothing_of_a_question_is_kept(bundle: Bundle) -> None:
    """The readers hold the bundle's words only: a visitor's words (even mended typos
    and unknown words) are not left in them."""
    from kiosk.search import safety

    question = "my qzxvplonk leg is numbbb, should i stop my frobnicate pills"
    safety_signs(question, bundle, "en")
    asks_about_medicine_change(question, bundle, "en")
    for _, _, reader in safety._READERS:
        held = " ".join(
            [*reader.vocabulary, *(w for p in reader.signs for w in p[0])]
        )  # fmt: skip
        for word in ("qzxvplonk", "numbbb", "frobnicate"):
            assert word not in held
