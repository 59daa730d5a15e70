"""The question box puts safety first (issue 11, part 5): the safety question table.

``safety/tune.yaml`` and ``safety/held.yaml`` are one table of questions (English and
Spanish, both levels, typos and everyday words, every warning sign of the bundle,
medicine and emergency questions, and questions that must raise no card), written
before the matcher was tuned and split once at random (seed 11). The matcher was tuned
on the first half only. Safety is not a rate: every question of both halves must get
its expected first card (a sign's care card, the fixed medicine answer, or none), of
the expected tier, and the medicine answer exactly when expected; the test prints each
half's result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.content import Bundle
from kiosk.search import Results, SearchIndex

TABLE = Path(__file__).parent / "safety"


def table(half: str) -> list[dict[str, Any]]:
    loaded = yaml.safe_load((TABLE / f"{half}.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def first_card(results: Results) -> tuple[str | None, str | None]:
    """The first card the question box shows: (sign id or "medicine" or None, tier)."""
    if results.signs:
        return results.signs[0].id, results.signs[0].tier.value
    if results.medicine_safety is not None:
        return "medicine", None
    return None, None


def test_the_table_is_big_and_covers_every_sign(bundle: Bundle) -> None:
    everything = table("tune") + table("held")
    assert len(everything) >= 80
    assert len({q["question"] for q in everything}) == len(everything)
    for lang in ("en", "es"):
        for level in ("patient", "clinician"):
            assert any(q["language"] == lang and q["level"] == level for q in everything)
    firsts = {q["first"] for q in everything}
    assert {sign.id for sign in bundle.signs} <= firsts
    assert {"medicine", None} <= firsts
    for question in everything:
        if question["first"] not in ("medicine", None):
            sign = bundle.sign(question["first"])
            assert sign is not None, question
            assert sign.tier.value == question["tier"], question


@pytest.mark.parametrize("half", ["tune", "held"])
def test_every_safety_question_gets_its_first_card(
    index: SearchIndex, bundle: Bundle, half: str, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = []
    asked = table(half)
    for question in asked:
        results = index.ask(
            question["question"], question["level"], question["language"], bundle_id=bundle.id
        )
        got, tier = first_card(results)
        medicine = results.medicine_safety is not None
        if (got, tier) != (question["first"], question["tier"]) or medicine != question["medicine"]:
            wrong.append(
                f"{question['language']} {question['question']!r}: expected "
                f"{question['first']} ({question['tier']}), medicine {question['medicine']}; "
                f"got {[s.id for s in results.signs]}, medicine {medicine}"
            )
    with capsys.disabled():
        print(f"\nsafety table, {half} half: {len(asked) - len(wrong)}/{len(asked)} right")
        for line in wrong:
            print("  " + line)
    assert wrong == []
