"""The self-check engine: skip logic, red flags first, reasons, and property tests."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.model import (
    Condition,
    Factor,
    Option,
    Question,
    QuestionKind,
    RedFlag,
    Rule,
    SelfCheck,
    Sign,
    Urgency,
)
from kiosk.selfcheck import SelfCheckEngine, condition_holds, rule_holds


def _text(words: str) -> dict[str, str]:
    return {"patient": words, "clinician": words}


def _yes(question: str) -> Rule:
    return Rule(any=(Condition(question, "yes"),))


EXERCISE = Question("exercise", QuestionKind.YES_NO, _text("Hard exercise?"))
HEAT = Question("heat", QuestionKind.YES_NO, _text("In the heat?"), show_if=_yes("exercise"))
MEDICINES = Question(
    "medicines",
    QuestionKind.MULTIPLE,
    _text("Which medicines?"),
    options=(Option("diuretic", _text("Water pill")), Option("statin", _text("Statin"))),
)
WHERE = Question(
    "where",
    QuestionKind.SINGLE,
    _text("Where?"),
    options=(Option("legs", _text("Legs")), Option("chest", _text("Chest"))),
)
LONG = Question("long", QuestionKind.YES_NO, _text("Over 10 minutes?"))
SELFCHECK = SelfCheck(
    title=_text("Check"),
    intro=_text("Not a diagnosis."),
    questions=(EXERCISE, HEAT, MEDICINES, WHERE, LONG),
    red_flags=(
        RedFlag("long-cramp", _yes("long")),
        RedFlag("chest", Rule(any=(Condition("where", "chest"),))),
    ),
    factors=(
        Factor(
            "fatigue", _text("Tired muscles"), _yes("exercise"), ("exercise",), _text("Rest [4].")
        ),
        Factor(
            "heat",
            _text("Heat"),
            Rule(all=(Condition("exercise", "yes"), Condition("heat", "yes"))),
            ("electrolytes-fluid", "exercise"),
            _text("Cool off [4]."),
        ),
        Factor(
            "diuretic",
            _text("Water pill"),
            Rule(any=(Condition("medicines", "diuretic"),)),
            ("medical-conditions",),
            _text("Ask your doctor [1]."),
        ),
    ),
)
SIGNS = (
    Sign("long-cramp", Urgency.SOON, _text("A long cramp"), _text("See a doctor soon [7]."), (7,)),
    Sign("chest", Urgency.URGENT, _text("Chest cramps"), _text("See a doctor now [6]."), (6,)),
)
ENGINE = SelfCheckEngine(SELFCHECK, SIGNS)


def test_a_red_flag_must_name_a_known_sign() -> None:
    with pytest.raises(ValueError, match="chest"):
        SelfCheckEngine(SELFCHECK, SIGNS[:1])


def test_red_flag_questions_come_first() -> None:
    assert [q.id for q in ENGINE.order] == ["where", "long", "exercise", "heat", "medicines"]


def test_skip_logic_hides_and_shows_live() -> None:
    assert [q.id for q in ENGINE.questions({})] == ["where", "long", "exercise", "medicines"]
    shown = ENGINE.questions({"exercise": "yes"})
    assert [q.id for q in shown] == ["where", "long", "exercise", "heat", "medicines"]
    assert ENGINE.next_question({"exercise": "yes"}, after="exercise") == HEAT
    assert ENGINE.next_question({"exercise": "no"}, after="exercise") == MEDICINES
    assert ENGINE.next_question({}, after="medicines") is None


def test_answers_to_hidden_questions_do_not_count() -> None:
    result = ENGINE.evaluate({"exercise": "no", "heat": "yes"})
    assert "heat" not in result.answers
    assert [f.factor.id for f in result.factors] == []


def test_urgent_advice_first_most_urgent_tier_first_with_reasons() -> None:
    result = ENGINE.evaluate({"long": "yes", "where": "chest", "exercise": "yes"})
    assert [f.flag.id for f in result.urgent] == ["chest", "long-cramp"]
    assert [f.sign.tier for f in result.urgent] == [Urgency.URGENT, Urgency.SOON]
    assert result.urgent[0].because[0].question == WHERE
    assert result.urgent[0].because[0].answer == "chest"
    assert [f.factor.id for f in result.factors] == ["fatigue"]


def test_factor_reasons_and_sections() -> None:
    result = ENGINE.evaluate({"exercise": "yes", "heat": "yes", "medicines": ("diuretic",)})
    assert [f.factor.id for f in result.factors] == ["fatigue", "heat", "diuretic"]
    heat = result.factors[1]
    assert [(r.question.id, r.answer) for r in heat.because] == [
        ("exercise", "yes"),
        ("heat", "yes"),
    ]
    assert result.sections == ("exercise", "electrolytes-fluid", "medical-conditions")
    assert result.applies("medical-conditions")
    assert not result.applies("mechanisms")


def test_not_sure_never_matches_a_specific_answer_of_a_factor() -> None:
    result = ENGINE.evaluate({"exercise": "not_sure"})
    assert result.urgent == ()
    assert result.factors == ()
    assert condition_holds(Condition("exercise", answered=True), {"exercise": "not_sure"})


def test_not_sure_on_a_warning_sign_question_raises_it_as_unsure() -> None:
    result = ENGINE.evaluate({"long": "not_sure"})
    assert [(f.sign.id, f.unsure) for f in result.urgent] == [("long-cramp", True)]
    assert [(r.question.id, r.answer) for r in result.urgent[0].because] == [("long", "not_sure")]
    assert ENGINE.evaluate({"long": "no"}).urgent == ()


def test_a_sure_sign_comes_before_an_unsure_one_of_the_same_tier() -> None:
    signs = (SIGNS[0], Sign("chest", Urgency.SOON, _text("C"), _text("C [6]."), (6,)))
    engine = SelfCheckEngine(SELFCHECK, signs)
    result = engine.evaluate({"long": "not_sure", "where": "chest"})
    assert [(f.sign.id, f.unsure) for f in result.urgent] == [
        ("chest", False),
        ("long-cramp", True),
    ]


def test_the_warning_sign_questions_are_known() -> None:
    assert ENGINE.is_warning("long")
    assert ENGINE.is_warning("where")
    assert not ENGINE.is_warning("exercise")


def test_invalid_answers_are_ignored_not_raised() -> None:
    result = ENGINE.evaluate({"exercise": "perhaps", "medicines": "diuretic", "nope": "yes"})
    assert result.answers == {}


def test_rule_all_needs_every_condition() -> None:
    rule = Rule(all=(Condition("a", "yes"), Condition("b", "yes")))
    assert not rule_holds(rule, {"a": "yes"})
    assert rule_holds(rule, {"a": "yes", "b": "yes"})


def _answer_for(question: Question) -> st.SearchStrategy[Any]:
    allowed = list(question.answer_ids())
    if question.kind is QuestionKind.MULTIPLE:
        return st.lists(st.sampled_from(allowed), unique=True).map(tuple)
    return st.sampled_from(allowed)


@st.composite
def answer_sequences(draw: st.DrawFn, engine: SelfCheckEngine = ENGINE) -> dict[str, Any]:
    """Walk the questionnaire as the screen does: next question, answer or skip, repeat."""
    answers: dict[str, Any] = {}
    question = engine.next_question(answers)
    while question is not None:
        if draw(st.booleans()):
            answers[question.id] = draw(_answer_for(question))
        question = engine.next_question(answers, after=question.id)
    return answers


@settings(max_examples=300, deadline=None)
@given(answer_sequences())
def test_every_reachable_answer_sequence_gives_a_result(answers: dict[str, Any]) -> None:
    result = ENGINE.evaluate(answers)
    assert set(result.answers) <= {q.id for q in result.asked}
    for finding in (*result.urgent, *result.factors):
        assert finding.because, "every finding says why"


@settings(max_examples=300, deadline=None)
@given(answer_sequences())
def test_a_red_flag_answer_always_puts_its_advice_first(answers: dict[str, Any]) -> None:
    result = ENGINE.evaluate(answers)
    unsure_as_yes = {k: "yes" if v == "not_sure" else v for k, v in result.answers.items()}
    raised = [f for f in SELFCHECK.red_flags if rule_holds(f.when, unsure_as_yes)]
    assert {f.flag.id for f in result.urgent} == {f.sign for f in raised}
    for finding in result.urgent:
        assert finding.unsure == (not rule_holds(finding.flag.when, result.answers))
    ranks = [f.sign.tier.rank for f in result.urgent]
    assert ranks == sorted(ranks)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["exercise", "heat", "medicines", "where", "long", "x"]),
        st.sampled_from(["yes", "no", "not_sure", "legs", "chest", "diuretic"])
        | st.tuples(st.sampled_from(["diuretic", "statin", "zzz"])),
    )
)
def test_any_answers_at_all_never_raise(answers: dict[str, Any]) -> None:
    ENGINE.evaluate(answers)
    ENGINE.questions(answers)


def test_a_question_is_one_reason_even_when_several_options_match() -> None:
    engine = SelfCheckEngine(
        SelfCheck(
            title=_text("Check"),
            intro=_text("Not a diagnosis."),
            questions=(MEDICINES,),
            factors=(
                Factor(
                    "pills",
                    _text("Pills"),
                    Rule(
                        any=(Condition("medicines", "diuretic"), Condition("medicines", "statin"))
                    ),
                    ("medical-conditions",),
                    _text("Ask [1]."),
                ),
            ),
        ),
        (),
    )
    result = engine.evaluate({"medicines": ("diuretic", "statin")})
    assert [(r.question.id, r.answer) for r in result.factors[0].because] == [
        ("medicines", ("diuretic", "statin"))
    ]
