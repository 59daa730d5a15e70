"""The Qt side of the visit: :class:`Session` turns a :class:`~kiosk.visit.Visit`'s
events into signals, and "Start over" gives it a new visit.

The visit itself (:mod:`kiosk.visit`) holds everything a visitor chose, in memory
only, and has no Qt; nothing a visitor chooses is stored anywhere else, written to disk
or logged. :meth:`Session.wipe` throws the visit away and starts a new one.

Signals:
    levelChanged(str): the reading level ("patient", "clinician") changed.
    languageChanged(str): the content language changed.
    textSizeChanged(int): the text-size step (0..3) changed.
    contrastChanged(bool): the high-contrast look was turned on or off.
    answersChanged(): a self-check answer was given or changed.
    wiped(): the visit was thrown away; a new one began.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.visit import DEFAULT_LANGUAGE, TEXT_SCALES, Visit

if TYPE_CHECKING:
    from kiosk.selfcheck import Answer

__all__ = ["LARGE_TEXT", "TEXT_SCALES", "Session"]

LARGE_TEXT = 2  # the text-size step (150%) from which the header takes two rows


class Session(QObject):
    levelChanged = Signal(str)
    languageChanged = Signal(str)
    textSizeChanged = Signal(int)
    contrastChanged = Signal(bool)
    answersChanged = Signal()
    wiped = Signal()

    def __init__(
        self,
        default_language: str = DEFAULT_LANGUAGE,
        default_text_size: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.visit = self._new_visit(default_language, default_text_size)

    def _new_visit(self, language: str, text_size: int) -> Visit:
        visit = Visit(language, text_size)
        events = visit.events
        events.level.connect(self.levelChanged.emit)
        events.language.connect(self.languageChanged.emit)
        events.text_size.connect(self.textSizeChanged.emit)
        events.contrast.connect(self.contrastChanged.emit)
        events.answers.connect(lambda _answers: self.answersChanged.emit())
        return visit

    # -- what the screens read (the visit's) -------------------------------------------
    @property
    def default_language(self) -> str:
        return self.visit.default_language

    @property
    def default_text_size(self) -> int:
        return self.visit.default_text_size

    @property
    def level(self) -> str | None:
        return self.visit.level

    @property
    def reading_level(self) -> str:
        """The chosen level, or the default ("patient") before anyone has chosen."""
        return self.visit.reading_level

    @property
    def language(self) -> str:
        return self.visit.language

    @property
    def text_size(self) -> int:
        return self.visit.text_size

    @property
    def text_scale(self) -> float:
        return self.visit.text_scale

    @property
    def high_contrast(self) -> bool:
        return self.visit.high_contrast

    @property
    def answers(self) -> Mapping[str, Answer]:
        return self.visit.answers

    def is_start_state(self) -> bool:
        return self.visit.is_start_state()

    # -- what the visitor changes (through the visit) ----------------------------------
    def set_level(self, level: str) -> None:
        self.visit.set_level(level)

    def toggle_level(self) -> None:
        self.visit.toggle_level()

    def set_language(self, language: str) -> None:
        self.visit.set_language(language)

    def set_text_size(self, step: int) -> None:
        self.visit.set_text_size(step)

    def set_high_contrast(self, on: bool) -> None:
        self.visit.set_high_contrast(on)

    def wipe(self) -> None:
        """Throw the visit away and begin a new one; tell every view."""
        old = self.visit
        self.visit = self._new_visit(old.default_language, old.default_text_size)
        if old.high_contrast:
            self.contrastChanged.emit(False)
        if old.language != self.visit.language:
            self.languageChanged.emit(self.visit.language)
        if old.text_size != self.visit.text_size:
            self.textSizeChanged.emit(self.visit.text_size)
        self.wiped.emit()
