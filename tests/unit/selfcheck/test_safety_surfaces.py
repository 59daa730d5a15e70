"""Safety first on every surface without Qt: the one report and `kiosk selfcheck`.

Property (hypothesis): any answers to the shipped self-check in which a warning-sign
question is answered yes or "not sure" put that sign's tier (the most urgent raised)
first, with its advice, before anything else; in English and Spanish, at both levels.
The screen and the handout are checked the same way in tests/ui/test_care_cards.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import BundleCache, QuestionKind, load_bundle
from kiosk.content.words import ts_translator
from kiosk.safety import CONTEXT as SAFETY
from kiosk.safety import Place, tier_look
from kiosk.selfcheck import SelfCheckEngine
from kiosk.selfcheck.commands import register
from kiosk.selfcheck.report import CONTEXT, build_report
from tests.conftest import CONTENT

BUNDLE = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))
assert BUNDLE.document.selfcheck is not None
SELFCHECK = BUNDLE.document.selfcheck
ENGINE = SelfCheckEngine(SELFCHECK, BUNDLE.signs)
WARNING_YES_NO = [
    q for q in SELFCHECK.questions if ENGINE.is_warning(q.id) and q.kind is QuestionKind.YES_NO
]


@st.composite
def visits_with_a_warning_sign(draw: st.DrawFn) -> dict[str, Any]:
    """A visit as the screen walks it, with at least one warning-sign question answered
    yes or not sure."""
    answers: dict[str, Any] = {}
    question = ENGINE.next_question(answers)
    while question is not None:
        if draw(st.integers(0, 3)):
            allowed = list(question.answer_ids())
            if question.kind is QuestionKind.MULTIPLE:
                answers[question.id] = tuple(draw(st.lists(st.sampled_from(allowed), unique=True)))
            else:
                answers[question.id] = draw(st.sampled_from(allowed))
        question = ENGINE.next_question(answers, after=question.id)
    forced = draw(st.sampled_from(WARNING_YES_NO))
    answers[forced.id] = draw(st.sampled_from(["yes", "not_sure"]))
    return answers


def most_urgent(answers: dict[str, Any]) -> int:
    evaluation = ENGINE.evaluate(answers)
    assert evaluation.urgent, "a warning sign answered yes or not sure is always raised"
    return min(found.sign.tier.rank for found in evaluation.urgent)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    visits_with_a_warning_sign(),
    st.sampled_from(["patient", "clinician"]),
    st.sampled_from(["en", "es"]),
    st.sampled_from(list(Place)),
)
def test_the_report_puts_the_most_urgent_tier_first(
    answers: dict[str, Any], level: str, language: str, place: Place
) -> None:
    translate = ts_translator(language, CONTEXT)
    safety = ts_translator(language, SAFETY)
    report = build_report(
        BUNDLE,
        ENGINE.evaluate(answers),
        level,
        language,
        translate,
        place=place,
        translate_safety=safety,
    )
    first = report.by_tier()[0]
    assert first.look.tier.rank == most_urgent(answers)
    assert first.look == tier_look(first.look.tier, safety)
    assert first.action == first.look.action(place)
    for item in first.signs:
        assert item.advice  # the sign's own advice, with its citations
        assert item.action == (item.look.unsure(place) if item.unsure else item.look.action(place))
    if place is Place.HOME:  # read at home: never "tell a member of staff"
        assert all("staff" not in tier.action for tier in report.by_tier())


def run_selfcheck(tmp_path: Path, answers: dict[str, Any], *extra: str) -> int:
    lines = []
    for key, value in answers.items():
        shown = "[" + ", ".join(value) + "]" if isinstance(value, tuple) else value
        lines.append(f"{key}: {shown}")
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    main = argparse.ArgumentParser(prog="kiosk")
    main.add_argument("--content", type=Path)
    register(main.add_subparsers(dest="command"))
    args = main.parse_args(
        ["selfcheck", "--answers", str(path), *extra, str(CONTENT / "muscle-cramps")]
    )
    code: int = args.handler(args)
    return code


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(visits_with_a_warning_sign(), st.sampled_from(["en", "es"]))
def test_kiosk_selfcheck_prints_the_most_urgent_tier_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: dict[str, Any], language: str
) -> None:
    capsys.readouterr()
    assert run_selfcheck(tmp_path, answers, "--locale", language) == 0
    out = capsys.readouterr().out.splitlines()
    heading = out.index("WARNING SIGNS (most urgent first)")
    assert all(not line.startswith("MAY BE") for line in out[:heading])
    first = ENGINE.evaluate(answers).urgent[0].sign.tier
    assert first.rank == most_urgent(answers)
    look = tier_look(first, ts_translator(language, SAFETY))
    assert out[heading + 1] == f"- {look.icon} {look.label.upper()}: {look.heading}"
    assert out[heading + 2] == "  " + look.action(Place.LAPTOP)
