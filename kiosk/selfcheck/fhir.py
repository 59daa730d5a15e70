"""The self-check as HL7 FHIR R4 documents (plain JSON-ready dicts; no FHIR library).

- :func:`questionnaire`: a bundle's self-check definition as a ``Questionnaire``: one
  ``choice`` item per question in the order the app asks them, with its answer options
  (``Coding``), its skip logic (``enableWhen`` with ``=`` or ``exists``, and
  ``enableBehavior``) and its help text as a ``display`` child item.
- :func:`questionnaire_response`: a finished self-check as a ``QuestionnaireResponse``
  (status ``completed``, ``questionnaire`` = ``url|version``): an item for each question
  that was shown and answered. It is anonymous: no subject, author, id or identifier.

Codes: a yes/no question answers with :data:`YES_NO_SYSTEM` (``yes``, ``no``,
``not_sure``); a choice question with one code system per question,
``urn:kiosk:selfcheck:<bundle id>:<question id>``, whose codes are the option ids.
Text is the plain words at the chosen reading level and language, citation markers
removed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from kiosk.content.markup import plain_text
from kiosk.content.model import (
    YES_NO_ANSWERS,
    Bundle,
    Condition,
    LevelText,
    Question,
    QuestionKind,
    ReviewStatus,
    SelfCheck,
)
from kiosk.content.registry import DEFAULT_LEVEL, LANGUAGES
from kiosk.selfcheck.engine import Answer, SelfCheckEngine

__all__ = [
    "ITEM_CONTROL_SYSTEM",
    "YES_NO_SYSTEM",
    "NoSelfCheckError",
    "answer_label",
    "answer_system",
    "check_level_and_language",
    "plain",
    "questionnaire",
    "questionnaire_response",
    "questionnaire_url",
    "selfcheck_of",
    "yes_no_label",
]

YES_NO_SYSTEM = "urn:kiosk:selfcheck:yes-no"
"""The code system of the answers to a yes/no question: ``yes``, ``no``, ``not_sure``."""

ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
_ITEM_CONTROL_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"

_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+([.,;:!?])")


class NoSelfCheckError(ValueError):
    """The bundle has no ``selfcheck:`` part, so there is nothing to export or evaluate."""

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        super().__init__(f"the bundle '{bundle.id}' has no self-check (no 'selfcheck:' part)")


def selfcheck_of(bundle: Bundle) -> SelfCheck:
    """The bundle's self-check; :class:`NoSelfCheckError` when it has none."""
    selfcheck = bundle.document.selfcheck
    if selfcheck is None:
        raise NoSelfCheckError(bundle)
    return selfcheck


def check_level_and_language(bundle: Bundle, level: str, language: str | None) -> None:
    """Raise ``ValueError`` (with a message for people) unless the bundle has both."""
    levels = [str(x) for x in bundle.reading_levels]
    if str(level) not in levels:
        raise ValueError(
            f"the bundle '{bundle.id}' has no '{level}' reading level (it has: {', '.join(levels)})"
        )
    if language is not None and language not in bundle.languages:
        raise ValueError(
            f"the bundle '{bundle.id}' has no '{language}' text "
            f"(its languages are: {', '.join(bundle.languages)})"
        )


def plain(bundle: Bundle, value: LevelText, level: str, language: str | None) -> str:
    """``value`` at ``level`` in ``language`` as plain words: no markup, no citations."""
    return plain_words(bundle.level_text(value, level, language))


def plain_words(text: str) -> str:
    """Content markup as plain words: no markup, no citations."""
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", plain_text(text))  # "Rest [1]." -> "Rest."


def questionnaire_url(bundle: Bundle) -> str:
    """The stable canonical URI of the bundle's self-check (its Questionnaire.url)."""
    return f"urn:kiosk:questionnaire:{bundle.id}"


def answer_system(bundle: Bundle, question: Question) -> str:
    """The code system of ``question``'s answers (see the module docstring)."""
    if question.kind is QuestionKind.YES_NO:
        return YES_NO_SYSTEM
    return f"urn:kiosk:selfcheck:{bundle.id}:{question.id}"


def yes_no_label(answer: str, language: str) -> str:
    """ "Yes", "No" or "Not sure" in ``language`` (English when it is not known here)."""
    entry = LANGUAGES.get(language)
    words = entry.yes_no if entry is not None and entry.yes_no else LANGUAGES.best("en").yes_no
    assert words is not None
    return dict(zip(YES_NO_ANSWERS, words, strict=True)).get(answer, answer)


def answer_label(
    bundle: Bundle, question: Question, answer: str, level: str, language: str | None
) -> str:
    """How one answer (``yes``, or an option id) reads at ``level`` in ``language``."""
    if question.kind is QuestionKind.YES_NO:
        return yes_no_label(answer, language or bundle.languages[0])
    for option in question.options:
        if option.id == answer:
            return plain(bundle, option.text, level, language)
    return answer


def _coding(
    bundle: Bundle, question: Question, answer: str, level: str, language: str | None
) -> dict[str, Any]:
    return {
        "system": answer_system(bundle, question),
        "code": answer,
        "display": answer_label(bundle, question, answer, level, language),
    }


def _enable_when(
    bundle: Bundle, condition: Condition, by_id: Mapping[str, Question]
) -> dict[str, Any]:
    if condition.answered:
        return {"question": condition.question, "operator": "exists", "answerBoolean": True}
    target = by_id.get(condition.question)
    system = YES_NO_SYSTEM if target is None else answer_system(bundle, target)
    return {
        "question": condition.question,
        "operator": "=",
        "answerCoding": {"system": system, "code": condition.answer},
    }


def _item(
    bundle: Bundle,
    question: Question,
    by_id: Mapping[str, Question],
    level: str,
    language: str | None,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "linkId": question.id,
        "text": plain(bundle, question.text, level, language),
        "type": "choice",
    }
    rule = question.show_if
    if rule is not None and rule.conditions:
        item["enableWhen"] = [_enable_when(bundle, c, by_id) for c in rule.conditions]
        if len(rule.conditions) > 1:
            item["enableBehavior"] = "all" if rule.all else "any"
    if question.kind is QuestionKind.MULTIPLE:
        item["repeats"] = True
    item["answerOption"] = [
        {"valueCoding": _coding(bundle, question, answer, level, language)}
        for answer in question.answer_ids()
    ]
    if question.help is not None:
        help_text = plain(bundle, question.help, level, language)
        if help_text:
            item["item"] = [
                {
                    "linkId": f"{question.id}.help",
                    "text": help_text,
                    "type": "display",
                    "extension": [
                        {
                            "url": _ITEM_CONTROL_EXTENSION,
                            "valueCodeableConcept": {
                                "coding": [
                                    {
                                        "system": ITEM_CONTROL_SYSTEM,
                                        "code": "help",
                                        "display": "Help",
                                    }
                                ]
                            },
                        }
                    ],
                }
            ]
    return item


def questionnaire(
    bundle: Bundle, level: str = DEFAULT_LEVEL, language: str | None = None
) -> dict[str, Any]:
    """The bundle's self-check as a FHIR R4 ``Questionnaire`` (see the module docstring).

    Raises :class:`NoSelfCheckError` for a bundle without a self-check, and
    ``ValueError`` for a reading level or language the bundle does not have.
    """
    selfcheck = selfcheck_of(bundle)
    check_level_and_language(bundle, level, language)
    engine = SelfCheckEngine(selfcheck, bundle.signs)
    by_id = {q.id: q for q in selfcheck.questions}
    metadata = bundle.metadata
    document: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "language": language or bundle.languages[0],
        "url": questionnaire_url(bundle),
        "version": metadata.version,
        "title": plain(bundle, selfcheck.title, level, language),
        "status": "active" if metadata.review.status is ReviewStatus.APPROVED else "draft",
        "date": metadata.updated.isoformat(),
        # markdown: a blank line between paragraphs
        "description": plain(bundle, selfcheck.intro, level, language).replace("\n", "\n\n"),
        "item": [_item(bundle, q, by_id, level, language) for q in engine.order],
    }
    if not document["description"]:
        del document["description"]
    return document


def questionnaire_response(
    bundle: Bundle,
    answers: Mapping[str, Answer],
    authored: datetime.datetime,
    level: str = DEFAULT_LEVEL,
    language: str | None = None,
) -> dict[str, Any]:
    """A finished self-check as a FHIR R4 ``QuestionnaireResponse`` (anonymous).

    Only the answers that count are included (``SelfCheckEngine.effective``): answers to
    questions that were not shown, unknown ids and answers the question does not
    accept are left out, as is a multiple choice answered with nothing.
    ``authored`` must carry a time zone (FHIR requires one with a time).
    """
    selfcheck = selfcheck_of(bundle)
    check_level_and_language(bundle, level, language)
    if authored.tzinfo is None or authored.utcoffset() is None:
        raise ValueError("authored needs a time zone (e.g. datetime.now(UTC))")
    engine = SelfCheckEngine(selfcheck, bundle.signs)
    kept = engine.effective(answers)
    items: list[dict[str, Any]] = []
    for question in engine.questions(kept):
        given = kept.get(question.id)
        chosen = given if isinstance(given, tuple) else () if given is None else (given,)
        if not chosen:
            continue
        items.append(
            {
                "linkId": question.id,
                "text": plain(bundle, question.text, level, language),
                "answer": [
                    {"valueCoding": _coding(bundle, question, a, level, language)} for a in chosen
                ],
            }
        )
    document: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "language": language or bundle.languages[0],
        "questionnaire": f"{questionnaire_url(bundle)}|{bundle.metadata.version}",
        "status": "completed",
        "authored": authored.isoformat(timespec="seconds"),
    }
    if items:
        document["item"] = items
    return document
