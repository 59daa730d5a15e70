"""What a self-check found, built once as data and rendered by each reader (no Qt).

The results screen, the printed handout and ``kiosk selfcheck`` all render the same
:class:`Report`, so that they say the same words at every reading level and language:

    report = build_report(bundle, engine.evaluate(answers), "patient", "es", translate)
    for item in report.urgent:        # "now" before "soon"
        item.heading, item.advice, item.because
    for item in report.factors:       # what may play a part, and why
        item.name, item.because, item.helps, item.sections

Never a diagnosis: urgent advice first, then what *may* be contributing, each with the
answers that led to it ("Because you said: ...").

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
from kiosk.selfcheck.engine import Answer, Evaluation, Reason

__all__ = [
    "CONTEXT",
    "Factor",
    "Report",
    "Said",
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
HEADINGS = {
    Urgency.NOW: QT_TRANSLATE_NOOP("Report", "Get help now"),
    Urgency.SOON: QT_TRANSLATE_NOOP("Report", "See a doctor or nurse soon"),
}
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
    """Urgent advice: its tier's heading, the advice (content markup), its source."""

    id: str
    urgency: Urgency
    heading: str
    advice: str
    source: int
    because: tuple[Said, ...]


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
    urgent: tuple[Urgent, ...]  # "now" before "soon"
    factors: tuple[Factor, ...]
    evaluation: Evaluation
    words: Words

    @property
    def empty(self) -> bool:
        return not self.urgent and not self.factors

    def urgent_of(self, urgency: Urgency) -> tuple[Urgent, ...]:
        return tuple(item for item in self.urgent if item.urgency is urgency)


def build_report(
    bundle: Bundle,
    evaluation: Evaluation,
    level: str,
    language: str | None = None,
    translate: Translate = untranslated,
) -> Report:
    """The report of ``evaluation`` in ``bundle``'s words at ``level`` and ``language``
    (None: the bundle's first), the report's own words through ``translate``."""
    language = language or bundle.languages[0]

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

    urgent = tuple(
        Urgent(
            found.flag.id,
            found.flag.urgency,
            translate(HEADINGS[found.flag.urgency]),
            text(found.flag.advice),
            found.flag.source,
            said(found.because, found.flag.when),
        )
        for found in evaluation.urgent
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
        urgent=urgent,
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
