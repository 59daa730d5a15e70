"""The visit: everything one visitor chose, said or opened, in memory only (no Qt)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from kiosk.content.registry import DEFAULT_LANGUAGE, DEFAULT_LEVEL, LEVELS
from kiosk.visit._events import Event

if TYPE_CHECKING:
    from kiosk.search import Results
    from kiosk.selfcheck import Answer

__all__ = ["TEXT_SCALES", "Visit", "VisitEvents"]

TEXT_SCALES = (1.0, 1.25, 1.5, 2.0)
"""Text-size steps, up to 200%."""


class VisitEvents:
    """One :class:`Event` per thing a visitor can change (the value is the new one).

    level(str), language(str), text_size(int), contrast(bool), topic(str | None),
    answers(Mapping), section(str | None), step(str | None), question(str),
    found(Results | None).
    """

    __slots__ = (
        "answers",
        "contrast",
        "found",
        "language",
        "level",
        "question",
        "section",
        "step",
        "text_size",
        "topic",
    )

    def __init__(self) -> None:
        for name in self.__slots__:
            setattr(self, name, Event(name))

    if TYPE_CHECKING:
        level: Event[str]
        language: Event[str]
        text_size: Event[int]
        contrast: Event[bool]
        topic: Event[str | None]
        answers: Event[Mapping[str, Answer]]
        section: Event[str | None]
        step: Event[str | None]
        question: Event[str]
        found: Event[Results | None]


class Visit:
    """One visitor's visit: the topic, the reading level, the language, the text size,
    the contrast, the self-check answers and the question shown, the section open, and
    the question asked in the question box with what was found for it.

    Every change goes through a method, which tells the listeners of ``events`` (only
    when the value really changes). Nothing here is written anywhere. A visit is never
    reset: "Start over" and the idle reset throw it away, with every widget built for
    it, and the next visitor gets a new one (see ``kiosk.ui.window``).
    """

    def __init__(self, default_language: str = DEFAULT_LANGUAGE, default_text_size: int = 0):
        self.default_language = default_language
        self.default_text_size = max(0, min(default_text_size, len(TEXT_SCALES) - 1))
        self.events = VisitEvents()
        self.level: str | None = None  # None: nobody has chosen yet
        self.language = default_language
        self.text_size = self.default_text_size
        self.high_contrast = False
        self.topic: str | None = None  # the bundle id of the topic open
        self._answers: dict[str, Answer] = {}
        self.section: str | None = None  # the section open (its id)
        self.step: str | None = None  # the self-check question shown; None: its intro
        self.question = ""  # what was asked in the question box
        self.found: Results | None = None  # what the question box found for it

    # -- what views read ---------------------------------------------------------------
    @property
    def reading_level(self) -> str:
        """The chosen level, or the default level before anyone has chosen."""
        return self.level or DEFAULT_LEVEL

    @property
    def text_scale(self) -> float:
        return TEXT_SCALES[self.text_size]

    @property
    def answers(self) -> Mapping[str, Answer]:
        """The self-check answers so far (read-only: change them with :meth:`answer`)."""
        return MappingProxyType(self._answers)

    def is_start_state(self) -> bool:
        """Nothing chosen yet: what a new visit is."""
        return (
            self.level is None
            and self.language == self.default_language
            and self.text_size == self.default_text_size
            and not self.high_contrast
            and not self._answers
            and self.topic is None
            and self.section is None
            and self.step is None
            and not self.question
            and self.found is None
        )

    # -- what the visitor changes ----------------------------------------------------
    def set_level(self, level: str) -> None:
        if level not in LEVELS:
            raise ValueError(f"unknown reading level {level!r} (known: {LEVELS.codes})")
        if level != self.level:
            self.level = level
            self.events.level.emit(level)

    def toggle_level(self) -> None:
        """The next reading level (the header's toggle, Ctrl+L)."""
        self.set_level(LEVELS.other(self.reading_level))

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.events.language.emit(language)

    def set_text_size(self, step: int) -> None:
        step = max(0, min(step, len(TEXT_SCALES) - 1))
        if step != self.text_size:
            self.text_size = step
            self.events.text_size.emit(step)

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self.events.contrast.emit(on)

    def open_topic(self, topic: str | None) -> None:
        """Open the topic ``topic``: the place in the last one (its section, its
        self-check's question, a question asked about it) is left with it."""
        if topic != self.topic:
            self.leave_place()
            self.topic = topic
            self.events.topic.emit(topic)

    def leave_place(self) -> None:
        """Forget where the visitor was: the section open, the self-check's question
        shown, the question asked and its answers (content that changed may not have
        them). The choices stay: level, language, text size, contrast, answers."""
        self.open_section(None)
        self.show_step(None)
        self.ask("", None)

    def open_section(self, section: str | None) -> None:
        if section != self.section:
            self.section = section
            self.events.section.emit(section)

    def show_step(self, question: str | None) -> None:
        """Show the self-check question ``question`` (None: the self-check's intro)."""
        if question != self.step:
            self.step = question
            self.events.step.emit(question)

    def answer(self, question: str, answer: Answer) -> None:
        """Record the answer to a self-check question (replaces an earlier one)."""
        if self._answers.get(question) != answer:
            self._answers[question] = answer
            self.events.answers.emit(self.answers)

    def answer_all(self, answers: Mapping[str, Answer]) -> None:
        """Record several answers at once (one event)."""
        changed = {q: a for q, a in answers.items() if self._answers.get(q) != a}
        if changed:
            self._answers.update(changed)
            self.events.answers.emit(self.answers)

    def clear_answers(self) -> None:
        """Forget every self-check answer (the visitor is still the same)."""
        if self._answers:
            self._answers.clear()
            self.events.answers.emit(self.answers)

    def toggle_option(self, question: str, option: str) -> None:
        """A multiple-choice option chosen, or unchosen when it was."""
        given = self._answers.get(question)
        chosen = list(given) if isinstance(given, tuple) else []
        if option in chosen:
            chosen.remove(option)
        else:
            chosen.append(option)
        self.answer(question, tuple(chosen))

    def ask(self, question: str, found: Results | None) -> None:
        """A question asked in the question box, and what was found for it."""
        changed = question != self.question
        self.question = question
        if changed:
            self.events.question.emit(question)
        if found is not self.found:
            self.found = found
            self.events.found.emit(found)
