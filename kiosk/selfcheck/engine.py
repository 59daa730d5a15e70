"""Answers in, result out: which questions to ask, and what the answers point to.

Deterministic and never a diagnosis: a result lists the warning signs raised first,
most urgent tier first (see :class:`kiosk.content.Urgency`), then the factors that
*may* be contributing, each with the answers that led to it ("because you said ...")
and the sections that explain it.

A red flag raises its warning sign (the bundle's ``signs:``) when its rule holds. A
yes/no question answered "not sure" where the rule asks for "yes" raises the sign too,
marked ``unsure``: not knowing is no reason to skip the advice.

Answers are a mapping from question id to ``yes``/``no``/``not_sure`` (yes/no
questions), an option id (single choice) or a tuple of option ids (multiple choice).
"Not sure" and unanswered questions never match a condition on a specific answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.content.model import (
    Condition,
    Factor,
    Question,
    QuestionKind,
    RedFlag,
    Rule,
    SelfCheck,
    Sign,
)

__all__ = [
    "Answer",
    "Answers",
    "Evaluation",
    "FactorFinding",
    "Reason",
    "RedFlagFinding",
    "SelfCheckEngine",
    "condition_holds",
    "rule_holds",
]

Answer = str | tuple[str, ...]
Answers = Mapping[str, Answer]


def condition_holds(condition: Condition, answers: Answers) -> bool:
    given = answers.get(condition.question)
    if condition.answered:
        return given is not None and given != ()
    if given is None or condition.answer is None:
        return False
    if isinstance(given, tuple):
        return condition.answer in given
    return given == condition.answer


def rule_holds(rule: Rule, answers: Answers) -> bool:
    if rule.all:
        return all(condition_holds(c, answers) for c in rule.all)
    return any(condition_holds(c, answers) for c in rule.any)


@dataclass(frozen=True, slots=True)
class Reason:
    """One answer that led to a finding: "because you said ..."."""

    question: Question
    answer: Answer


@dataclass(frozen=True, slots=True)
class RedFlagFinding:
    """A warning sign raised by answers (``unsure``: only by "not sure" answers)."""

    flag: RedFlag
    sign: Sign
    because: tuple[Reason, ...]
    unsure: bool = False


@dataclass(frozen=True, slots=True)
class FactorFinding:
    factor: Factor
    because: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The result of a self-check. ``urgent`` is empty when no red flag was raised."""

    urgent: tuple[RedFlagFinding, ...]
    factors: tuple[FactorFinding, ...]
    asked: tuple[Question, ...]
    answers: Mapping[str, Answer]

    @property
    def sections(self) -> tuple[str, ...]:
        """Section ids that explain a finding, in the order the findings came."""
        seen: dict[str, None] = {}
        for finding in self.factors:
            for section in finding.factor.sections:
                seen.setdefault(section, None)
        return tuple(seen)

    def applies(self, section_id: str) -> bool:
        return section_id in self.sections


class SelfCheckEngine:
    """The logic of one bundle's self-check (see the module docstring)."""

    def __init__(self, selfcheck: SelfCheck, signs: tuple[Sign, ...]) -> None:
        """``signs``: the bundle's warning signs; every red flag must name one of them
        (validation sees to that for a loaded bundle; anything else is a programming
        error, never a quietly dropped warning)."""
        self.selfcheck = selfcheck
        by_id = {sign.id: sign for sign in signs}
        missing = [flag.sign for flag in selfcheck.red_flags if flag.sign not in by_id]
        if missing:
            raise ValueError(f"red flags name unknown warning signs: {', '.join(missing)}")
        self.signs = {flag.sign: by_id[flag.sign] for flag in selfcheck.red_flags}
        self.order = self._order()
        self.warning_questions = frozenset(
            c.question for flag in selfcheck.red_flags for c in flag.when.conditions
        )

    def _order(self) -> tuple[Question, ...]:
        """Red-flag questions (and the earlier questions they depend on) first, then the
        rest, each group in the editor's order."""
        by_id = {q.id: q for q in self.selfcheck.questions}
        first: set[str] = set()
        pending = [c.question for f in self.selfcheck.red_flags for c in f.when.conditions]
        while pending:
            question_id = pending.pop()
            if question_id in first or question_id not in by_id:
                continue
            first.add(question_id)
            rule = by_id[question_id].show_if
            if rule is not None:
                pending.extend(c.question for c in rule.conditions)
        questions = self.selfcheck.questions
        return tuple(
            [q for q in questions if q.id in first] + [q for q in questions if q.id not in first]
        )

    def is_warning(self, question_id: str) -> bool:
        """True for a question a red flag asks about (skipping it asks to confirm)."""
        return question_id in self.warning_questions

    def shown(self, question: Question, answers: Answers) -> bool:
        return question.show_if is None or rule_holds(question.show_if, answers)

    def effective(self, answers: Answers) -> dict[str, Answer]:
        """The answers that count: those to questions that are (still) shown."""
        kept: dict[str, Answer] = {}
        for question in self.order:
            if self.shown(question, kept) and question.id in answers:
                answer = answers[question.id]
                if _valid(question, answer):
                    kept[question.id] = answer
        return kept

    def questions(self, answers: Answers) -> tuple[Question, ...]:
        """The questions to ask, in order, given the answers so far (skip logic)."""
        kept = self.effective(answers)
        return tuple(q for q in self.order if self.shown(q, kept))

    def next_question(self, answers: Answers, after: str | None = None) -> Question | None:
        """The question after ``after`` (or the first), skipping hidden ones."""
        asked = self.questions(answers)
        ids = [q.id for q in asked]
        if after is None:
            return asked[0] if asked else None
        if after not in ids:
            return None
        index = ids.index(after) + 1
        return asked[index] if index < len(asked) else None

    def evaluate(self, answers: Answers) -> Evaluation:
        kept = self.effective(answers)
        by_id = {q.id: q for q in self.order}
        unsure = _unsure_as_yes(kept, by_id)
        urgent = []
        for flag in self.selfcheck.red_flags:
            sign = self.signs[flag.sign]
            if rule_holds(flag.when, kept):
                urgent.append(RedFlagFinding(flag, sign, _reasons(flag.when, kept, by_id)))
            elif unsure and rule_holds(flag.when, unsure):
                because = tuple(
                    Reason(r.question, "not_sure")
                    for r in _reasons(flag.when, unsure, by_id)
                    if kept.get(r.question.id) == "not_sure"
                )
                urgent.append(RedFlagFinding(flag, sign, because, unsure=True))
        urgent.sort(key=lambda f: (f.sign.tier.rank, f.unsure))
        factors = tuple(
            FactorFinding(factor, _reasons(factor.when, kept, by_id))
            for factor in self.selfcheck.factors
            if rule_holds(factor.when, kept)
        )
        asked = tuple(q for q in self.order if self.shown(q, kept))
        return Evaluation(tuple(urgent), factors, asked, kept)


def _unsure_as_yes(
    answers: Mapping[str, Answer], by_id: Mapping[str, Question]
) -> dict[str, Answer]:
    """``answers`` with each yes/no "not sure" read as "yes" (empty when there is none)."""
    if not any(a == "not_sure" for a in answers.values()):
        return {}
    return {
        key: "yes" if answer == "not_sure" and by_id[key].kind is QuestionKind.YES_NO else answer
        for key, answer in answers.items()
    }


def _valid(question: Question, answer: Answer) -> bool:
    allowed = question.answer_ids()
    if question.kind is QuestionKind.MULTIPLE:
        return isinstance(answer, tuple) and all(a in allowed for a in answer)
    return isinstance(answer, str) and answer in allowed


def _reasons(rule: Rule, answers: Answers, by_id: Mapping[str, Question]) -> tuple[Reason, ...]:
    """Each question whose answer meets a condition of ``rule``, once."""
    seen: dict[str, Reason] = {}
    for condition in rule.conditions:
        question = condition.question
        if question in by_id and question in answers and condition_holds(condition, answers):
            seen.setdefault(question, Reason(by_id[question], answers[question]))
    return tuple(seen.values())
