"""Scripted answers for any self-check, derived from its own rules (no Qt).

The screenshot tool (and the tests) need a visit that shows what a bundle's results
look like without knowing its questions: :func:`scripted_answers` gives

- ``calm``: every warning sign (red flag) answered no, and every factor's rule met,
  so the results list every factor and no urgent advice;
- ``urgent``: the same, and then one warning sign (the first) answered yes.

A factor whose rule can only be met by answering a warning-sign question is left out
of ``calm`` (it would raise the warning sign).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.content.model import Condition, Question, QuestionKind, Rule, SelfCheck
from kiosk.selfcheck.engine import Answer

__all__ = ["ScriptedAnswers", "scripted_answers"]


@dataclass(frozen=True, slots=True)
class ScriptedAnswers:
    calm: dict[str, Answer]
    urgent: dict[str, Answer]


def scripted_answers(selfcheck: SelfCheck) -> ScriptedAnswers:
    """Answers derived from ``selfcheck``'s rules (see the module docstring)."""
    questions = {q.id: q for q in selfcheck.questions}
    warning = {c.question for flag in selfcheck.red_flags for c in flag.when.conditions}
    # a warning sign raised by any answer at all: left unanswered
    any_answer = {
        c.question for flag in selfcheck.red_flags for c in flag.when.conditions if c.answered
    }
    calm: dict[str, Answer] = {}
    for question in selfcheck.questions:
        if question.id not in warning or question.id in any_answer:
            continue
        if question.kind is QuestionKind.YES_NO:
            calm[question.id] = "no"
        else:
            flagged = {
                c.answer
                for flag in selfcheck.red_flags
                for c in flag.when.conditions
                if c.question == question.id
            }
            safe = [o.id for o in question.options if o.id not in flagged]
            if safe:
                calm[question.id] = safe[0] if question.kind is QuestionKind.SINGLE else ()
    for factor in selfcheck.factors:
        chosen = _conditions(factor.when, avoid=warning)
        if chosen is None:
            continue
        for condition in chosen:
            _meet(calm, condition, questions)
    urgent = dict(calm)
    if selfcheck.red_flags:
        for condition in _conditions(selfcheck.red_flags[0].when, avoid=set()) or ():
            _meet(urgent, condition, questions)
    return ScriptedAnswers(calm, urgent)


def _conditions(rule: Rule, *, avoid: set[str]) -> tuple[Condition, ...] | None:
    """The conditions to meet for ``rule`` without touching the questions in ``avoid``:
    all of an ``all`` rule, or the first suitable one of an ``any`` rule; None if none."""
    if rule.all:
        return None if any(c.question in avoid for c in rule.all) else rule.all
    return next(((c,) for c in rule.any if c.question not in avoid), None)


def _meet(
    answers: dict[str, Answer], condition: Condition, questions: Mapping[str, Question]
) -> None:
    question = questions.get(condition.question)
    if question is None:
        return
    wanted = condition.answer
    if wanted is None:  # answered: true, any answer will do
        wanted = "yes" if question.kind is QuestionKind.YES_NO else question.options[0].id
    if question.kind is QuestionKind.MULTIPLE:
        given = answers.get(question.id, ())
        chosen = given if isinstance(given, tuple) else (given,)
        answers[question.id] = chosen if wanted in chosen else (*chosen, wanted)
    else:
        answers[question.id] = wanted
