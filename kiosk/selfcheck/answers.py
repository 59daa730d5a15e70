"""Read a file of self-check answers, for testing a bundle's rules without a screen.

The file is YAML: a mapping from question id to its answer, e.g.::

    exercise: yes          # a yes/no question: yes, no or not_sure
    where: legs            # a single choice: one option id
    medicines: [diuretic]  # a multiple choice: a list of option ids ([] for none)

A multiple choice question also takes one option id written on its own. An empty file
means no answers. Every problem is reported at once, located at ``file:line:col``, as
one :class:`~kiosk.content.errors.BundleError`; a file that loads holds only answers
the questions accept (whether a question is *shown* is left to the engine).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.content._validate import suggest
from kiosk.content._yaml import Locations, read_yaml
from kiosk.content.errors import BundleError, ContentError
from kiosk.content.loader import display_path
from kiosk.content.model import Question, QuestionKind, SelfCheck
from kiosk.selfcheck.engine import Answer

__all__ = ["load_answers"]


def load_answers(path: Path, selfcheck: SelfCheck) -> dict[str, Answer]:
    """The answers in the YAML file at ``path``; :class:`BundleError` with every problem."""
    read = read_yaml(Path(path), display_path(Path(path)))
    if read.empty:
        return {}
    if not isinstance(read.data, dict):
        raise BundleError(read.errors)
    locations = read.locations
    errors = list(read.errors)  # e.g. a duplicate key: the rest is still checked
    answers: dict[str, Answer] = {}
    ids = [q.id for q in selfcheck.questions]
    for key, value in read.data.items():
        question = selfcheck.question(key)
        if question is None:
            errors.append(
                locations.error_at_key(
                    (key,),
                    f"no question has the id '{key}'{suggest(key, ids, 'the questions are')}",
                )
            )
            continue
        answer, problems = _answer(question, value, locations)
        errors.extend(problems)
        if answer is not None and not problems:
            answers[key] = answer
    if errors:
        raise BundleError(errors)
    return answers


def _shown(value: Any) -> str:
    """A value as the editor typed it (near enough): ``true``, ``12``, ``yes``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _answer(
    question: Question, value: Any, locations: Locations
) -> tuple[Answer | None, list[ContentError]]:
    """The checked answer to ``question`` and the problems with ``value``."""
    allowed = question.answer_ids()
    use = f"use one of: {', '.join(allowed)}"
    path = (question.id,)
    if value is None:
        return None, [
            locations.error_at_key(
                path, f"no answer given for '{question.id}'; {use}, or remove the line"
            )
        ]
    if isinstance(value, dict):
        return None, [
            locations.error_at_value(
                path, f"the answer to '{question.id}' must be text, not a mapping; {use}"
            )
        ]
    if isinstance(value, list):
        if question.kind is not QuestionKind.MULTIPLE:
            return None, [
                locations.error_at_value(
                    path, f"'{question.id}' takes one answer, not a list; {use}"
                )
            ]
        errors: list[ContentError] = []
        seen: set[str] = set()
        for index, item in enumerate(value):
            problem = _problem(question, item, allowed)
            if problem is None and item in seen:
                problem = f"'{item}' is given twice for '{question.id}'; keep one"
            if problem is not None:
                errors.append(locations.error_at_value((*path, index), problem))
            else:
                seen.add(item)
        return tuple(value), errors
    problem = _problem(question, value, allowed)
    if problem is not None:
        return None, [locations.error_at_value(path, problem)]
    return ((value,) if question.kind is QuestionKind.MULTIPLE else value), []


def _problem(question: Question, value: Any, allowed: tuple[str, ...]) -> str | None:
    use = f"use one of: {', '.join(allowed)}"
    if isinstance(value, dict | list):
        kind = "a mapping" if isinstance(value, dict) else "a list"
        return f"each answer to '{question.id}' is an option id, not {kind}; {use}"
    if value is None:
        return f"an empty answer to '{question.id}'; {use}"
    if not isinstance(value, str) or value not in allowed:
        shown = _shown(value)
        close = suggest(shown, allowed, what=None).removeprefix("; ")
        hint = f" ({close})" if close else ""
        return f"'{shown}' is not an answer to '{question.id}'{hint}; {use}"
    return None
