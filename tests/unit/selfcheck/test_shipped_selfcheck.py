"""The shipped muscle-cramps self-check, walked by hypothesis as a visitor would."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content import BundleCache, QuestionKind, Urgency, load_bundle
from kiosk.selfcheck import SelfCheckEngine, rule_holds
from tests.conftest import CONTENT

BUNDLE = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))
assert BUNDLE.document.selfcheck is not None
SELFCHECK = BUNDLE.document.selfcheck
ENGINE = SelfCheckEngine(SELFCHECK)


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
    assert {f.source for f in SELFCHECK.red_flags} == {6, 7}
    assert {f.urgency for f in SELFCHECK.red_flags} == {Urgency.NOW, Urgency.SOON}


def test_chest_cramps_mean_get_help_now() -> None:
    result = ENGINE.evaluate({"chest-belly-arms": "yes", "hard-exercise": "yes"})
    assert result.urgent[0].flag.urgency is Urgency.NOW
    assert [f.factor.id for f in result.factors] == ["fatigue"]


@settings(max_examples=200, deadline=None)
@given(visits())
def test_every_visit_gives_a_result_with_urgent_advice_first(answers: dict[str, Any]) -> None:
    result = ENGINE.evaluate(answers)
    raised = {f.id for f in SELFCHECK.red_flags if rule_holds(f.when, result.answers)}
    assert {f.flag.id for f in result.urgent} == raised
    urgencies = [f.flag.urgency for f in result.urgent]
    assert urgencies == sorted(urgencies, key=lambda u: 0 if u is Urgency.NOW else 1)
    for finding in (*result.urgent, *result.factors):
        assert finding.because
