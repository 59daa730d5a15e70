"""The shipped muscle-cramps self-check, walked by hypothesis as a visitor would."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content import BundleCache, QuestionKind, Urgency, load_bundle
from kiosk.selfcheck import SelfCheckEngine, rule_holds
from tests.conftest import CONTENT

BUNDLE = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))
assert BUNDLE.document.selfcheck is not None
SELFCHECK = BUNDLE.document.selfcheck
ENGINE = SelfCheckEngine(SELFCHECK, BUNDLE.signs)


@st.composite
def visits(draw: st.DrawFn) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    question = ENGINE.next_question(answers)
    while question is not None:
        if draw(st.integers(0, 4)):  # mostly answered, sometimes skipped
            allowed = list(question.answer_ids())
            if question.kind is QuestionKind.MULTIPLE:
                answers[question.id] = tuple(draw(st.lists(st.sampled_from(allowed), unique=True)))
            else:
                answers[question.id] = draw(st.sampled_from(allowed))
        question = ENGINE.next_question(answers, after=question.id)
    return answers


def test_red_flag_questions_are_asked_first() -> None:
    flagged = {c.question for f in SELFCHECK.red_flags for c in f.when.conditions}
    order = [q.id for q in ENGINE.order]
    last_flagged = max(order.index(q) for q in flagged)
    assert all(q in flagged for q in order[: last_flagged + 1])


def test_every_factor_points_to_real_sections() -> None:
    for factor in SELFCHECK.factors:
        assert factor.sections
        assert all(BUNDLE.section(s) is not None for s in factor.sections)


def test_the_named_sources_back_the_red_flags() -> None:
    signs = [ENGINE.signs[f.sign] for f in SELFCHECK.red_flags]
    assert {n for sign in signs for n in sign.sources} == {6, 7, 9, 10}
    assert {sign.tier for sign in signs} == {Urgency.URGENT, Urgency.SOON}


def test_every_sign_but_the_emergency_one_has_a_red_flag_question() -> None:
    """The self-check asks about every warning sign the topic defines (the emergency
    sign is the kiosk's own advice for questions that are not about cramps)."""
    asked = {f.sign for f in SELFCHECK.red_flags}
    assert asked == {s.id for s in BUNDLE.signs} - {"emergency"}


def test_chest_cramps_mean_see_a_doctor_right_away() -> None:
    result = ENGINE.evaluate({"chest-belly-arms": "yes", "hard-exercise": "yes"})
    assert result.urgent[0].sign.tier is Urgency.URGENT
    assert [f.factor.id for f in result.factors] == ["fatigue"]


@pytest.mark.parametrize("question", ["weak-or-numb", "twitching", "fluid-loss", "long-cramp"])
def test_numbness_weakness_twitches_fluid_loss_and_long_cramps_are_urgent(question: str) -> None:
    """Merck: see a doctor right away; where the NHS says less (numbness: see a GP; a
    cramp over 10 minutes: non-urgent), the safer tier wins."""
    for answer in ("yes", "not_sure"):
        result = ENGINE.evaluate({question: answer})
        assert [f.sign.tier for f in result.urgent] == [Urgency.URGENT]


@settings(max_examples=200, deadline=None)
@given(visits())
def test_every_visit_gives_a_result_with_urgent_advice_first(answers: dict[str, Any]) -> None:
    result = ENGINE.evaluate(answers)
    unsure_as_yes = {k: "yes" if v == "not_sure" else v for k, v in result.answers.items()}
    raised = {f.sign for f in SELFCHECK.red_flags if rule_holds(f.when, unsure_as_yes)}
    assert {f.flag.id for f in result.urgent} == raised
    ranks = [f.sign.tier.rank for f in result.urgent]
    assert ranks == sorted(ranks)
    for finding in (*result.urgent, *result.factors):
        assert finding.because
