"""What a self-check found, built once as data and rendered by each reader (no Qt).

The results screen, the printed handout and ``kiosk selfcheck`` all render the same
:class:`Report`, so that they say the same words at every reading level and language:

    report = build_report(bundle, engine.evaluate(answers), "patient", "es", translate,
                          place=Place.HOME)
    for item in report.urgent:        # the warning signs raised, most urgent tier first
        item.look.title, item.name, item.advice, item.action, item.because
    for item in report.factors:       # what may play a part, and why
        item.name, item.because, item.helps, item.sections

Never a diagnosis: the warning signs raised come first, in their tier's care card (see
:mod:`kiosk.safety`: the one urgency scale), each with what to do where the report is
read (``place``: at the kiosk, at home, on a laptop), and its own advice when the visitor
answered "not sure"; then what *may* be contributing, each with the answers that led to
it ("Because you said: ...").

The report's own words are in the translation context "Report"; ``translate`` is the
app's (Qt), a command's (:func:`kiosk.content.words.ts_translator`), or a test's.
Content text (advice, names, questions) is kept as content markup, at the level and in
the language asked for; each renderer turns it into its own form (rich text, HTML for
paper, plain text).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.model import Bundle, Question, QuestionKind, Rule, Urgency
from kiosk.content.words import QT_TRANSLATE_NOOP, Translate
from kiosk.safety import CONTEXT as SAFETY_CONTEXT
from kiosk.safety import Place, TierLook, tier_look
from kiosk.selfcheck.engine import Answer, Evaluation, Reason

__all__ = [
    "CONTEXT",
    "SAFETY_CONTEXT",
    "Factor",
    "Report",
    "Said",
    "Tier",
    "Urgent",
    "Words",
    "build_report",
    "report_words",
    "untranslated",
]

CONTEXT = "Report"

TITLE = QT_TRANSLATE_NOOP("Report", "Your results")
NOT_A_DIAGNOSIS = QT_TRANSLATE_NOOP("Report", "This is not a diagnosis.")
BASED_ON_ANSWERS = QT_TRANSLATE_NOOP(
    "Report",
    "It shows what may play a part, based on your answers. "
    "Talk with a doctor or nurse about your own health.",
)
BECAUSE = QT_TRANSLATE_NOOP("Report", "Because you said:")
MAY_PLAY_A_PART = QT_TRANSLATE_NOOP("Report", "What may play a part")
MAY_HELP = QT_TRANSLATE_NOOP("Report", "What may help:")
NOTHING_FOUND = QT_TRANSLATE_NOOP(
    "Report",
    "Your answers do not point to any of the causes this check asks about. "
    "If you are worried about your health, talk with a doctor or nurse.",
)
YES_NO = {
    "yes": QT_TRANSLATE_NOOP("Report", "Yes"),
    "no": QT_TRANSLATE_NOOP("Report", "No"),
    "not_sure": QT_TRANSLATE_NOOP("Report", "Not sure"),
}


def untranslated(text: str) -> str:
    """The English words as written here (the default ``translate``)."""
    return text


@dataclass(frozen=True, slots=True)
class Said:
    """One "because you said" line: a question (content markup) and the answers given
    that led to the finding (words, already translated)."""

    question: str
    answers: tuple[str, ...]
    question_id: str
    answer: Answer


@dataclass(frozen=True, slots=True)
class Urgent:
    """A warning sign raised: its tier's look (heading, icon, colours), the sign's name
    and advice (content markup, citing ``sources``), what to do where the report is read
    (``action``; for an ``unsure`` finding, the "not sure" advice first), and why."""

    id: str
    urgency: Urgency
    look: TierLook
    name: str
    advice: str
    sources: tuple[int, ...]
    action: str
    unsure: bool
    because: tuple[Said, ...]

    @property
    def heading(self) -> str:
        """The tier's heading with its icon and name ("! Urgent: See a doctor right away")."""
        return self.look.title


@dataclass(frozen=True, slots=True)
class Tier:
    """One tier's care card: its look, what to do, and the signs raised at that tier
    (an ``unsure`` sign's own "not sure" advice is its ``action``)."""

    look: TierLook
    action: str
    signs: tuple[Urgent, ...]


@dataclass(frozen=True, slots=True)
class Factor:
    """What may play a part: its name and what may help (content markup), why, and the
    sections that explain it (id, title) that the bundle has."""

    id: str
    name: str
    helps: str
    because: tuple[Said, ...]
    sections: tuple[tuple[str, str], ...]
    section_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Words:
    """The report's own words, translated (the same whatever was found)."""

    title: str  # "Your results"
    not_a_diagnosis: str
    based_on_answers: str
    because: str  # "Because you said:"
    may_play_a_part: str
    may_help: str
    nothing_found: str  # shown when neither urgent advice nor a factor was found


def report_words(translate: Translate = untranslated) -> Words:
    """The report's own words through ``translate``."""
    return Words(
        title=translate(TITLE),
        not_a_diagnosis=translate(NOT_A_DIAGNOSIS),
        based_on_answers=translate(BASED_ON_ANSWERS),
        because=translate(BECAUSE),
        may_play_a_part=translate(MAY_PLAY_A_PART),
        may_help=translate(MAY_HELP),
        nothing_found=translate(NOTHING_FOUND),
    )


@dataclass(frozen=True, slots=True)
class Report:
    """The self-check's result in words, at one level and language (see the module)."""

    level: str
    language: str
    place: Place
    urgent: tuple[Urgent, ...]  # most urgent tier first
    factors: tuple[Factor, ...]
    evaluation: Evaluation
    words: Words

    @property
    def empty(self) -> bool:
        return not self.urgent and not self.factors

    def urgent_of(self, urgency: Urgency) -> tuple[Urgent, ...]:
        return tuple(item for item in self.urgent if item.urgency is urgency)

    def by_tier(self) -> tuple[Tier, ...]:
        """The warning signs raised in one care card per tier, most urgent first: the
        tier's look and what to do (where the report is read), then its signs."""
        groups: dict[Urgency, list[Urgent]] = {}
        for item in self.urgent:
            groups.setdefault(item.urgency, []).append(item)
        return tuple(
            Tier(items[0].look, items[0].look.action(self.place), tuple(items))
            for items in groups.values()
        )


def build_report(
    bundle: Bundle,
    evaluation: Evaluation,
    level: str,
    language: str | None = None,
    translate: Translate = untranslated,
    *,
    place: Place = Place.KIOSK,
    translate_safety: Translate | None = None,
) -> Report:
    """The report of ``evaluation`` in ``bundle``'s words at ``level`` and ``language``
    (None: the bundle's first), to be read at ``place``; the report's own words through
    ``translate``, the urgency scale's (context "Safety") through ``translate_safety``
    (default: ``translate``, for a translator that knows every context)."""
    language = language or bundle.languages[0]
    safety = translate_safety or translate

    def text(value: object) -> str:
        return bundle.level_text(value, level, language)  # type: ignore[arg-type]

    def said(reasons: tuple[Reason, ...], rule: Rule) -> tuple[Said, ...]:
        lines: dict[str, Said] = {}
        for reason in reasons:
            question = reason.question
            if question.id not in lines:
                words = _answer_words(question, reason.answer, rule, text, translate)
                lines[question.id] = Said(text(question.text), words, question.id, reason.answer)
        return tuple(lines.values())

    urgent = []
    for raised in evaluation.urgent:
        sign = raised.sign
        look = tier_look(sign.tier, safety)
        urgent.append(
            Urgent(
                sign.id,
                sign.tier,
                look,
                text(sign.name),
                text(sign.advice),
                sign.sources,
                look.unsure(place) if raised.unsure else look.action(place),
                raised.unsure,
                said(raised.because, raised.flag.when),
            )
        )
    factors = []
    for found in evaluation.factors:
        factor = found.factor
        sections = tuple(
            (section.id, text(section.title))
            for section in (bundle.section(s) for s in factor.sections)
            if section is not None
        )
        factors.append(
            Factor(
                factor.id,
                text(factor.name),
                text(factor.helps),
                said(found.because, factor.when),
                sections,
                tuple(factor.sections),
            )
        )
    return Report(
        level=level,
        language=language,
        place=place,
        urgent=tuple(urgent),
        factors=tuple(factors),
        evaluation=evaluation,
        words=report_words(translate),
    )


def _answer_words(
    question: Question,
    answer: Answer,
    rule: Rule,
    text: Translate,
    translate: Translate,
) -> tuple[str, ...]:
    """Yes / No / Not sure, or the chosen options' words: those the rule matched (all
    that were chosen when it matched none, as for an "answered" condition)."""
    chosen = answer if isinstance(answer, tuple) else (answer,)
    if question.kind is QuestionKind.YES_NO:
        return tuple(translate(YES_NO[a]) for a in chosen if a in YES_NO)
    matched = [
        a
        for a in chosen
        if any(c.question == question.id and c.answer == a for c in rule.conditions)
    ]
    options = {option.id: text(option.text) for option in question.options}  # type: ignore[arg-type]
    return tuple(options[a] for a in (matched or chosen) if options.get(a))
