"""The one session object: everything a visitor chose, in memory only.

Every screen reads the session and listens to its signals; nothing a visitor chooses
is stored anywhere else, written to disk or logged. :meth:`Session.wipe` puts it back
to the start state (after "Start over" or the idle reset).

Signals:
    levelChanged(str): the reading level ("patient", "clinician") changed.
    languageChanged(str): the content language changed.
    textSizeChanged(int): the text-size step (0..3) changed.
    contrastChanged(bool): the high-contrast look was turned on or off.
    wiped(): everything went back to the start state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

TEXT_SCALES = (1.0, 1.25, 1.5, 2.0)
"""Text-size steps, up to 200%."""


class Session(QObject):
    levelChanged = Signal(str)
    languageChanged = Signal(str)
    textSizeChanged = Signal(int)
    contrastChanged = Signal(bool)
    wiped = Signal()

    def __init__(
        self,
        default_language: str = "en",
        default_text_size: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.default_language = default_language
        self.default_text_size = max(0, min(default_text_size, len(TEXT_SCALES) - 1))
        self.level: str | None = None
        self.language = default_language
        self.text_size = self.default_text_size
        self.answers: dict[str, Any] = {}
        self.high_contrast = False

    # -- what the screens read -----------------------------------------------------
    @property
    def reading_level(self) -> str:
        """The chosen level, or "patient" before anyone has chosen."""
        return self.level or "patient"

    @property
    def text_scale(self) -> float:
        return TEXT_SCALES[self.text_size]

    def is_start_state(self) -> bool:
        return (
            self.level is None
            and self.language == self.default_language
            and self.text_size == self.default_text_size
            and not self.high_contrast
            and not self.answers
        )

    # -- what the visitor changes --------------------------------------------------
    def set_level(self, level: str) -> None:
        if level != self.level:
            self.level = level
            self.levelChanged.emit(level)

    def toggle_level(self) -> None:
        self.set_level("clinician" if self.reading_level == "patient" else "patient")

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.languageChanged.emit(language)

    def set_text_size(self, step: int) -> None:
        step = max(0, min(step, len(TEXT_SCALES) - 1))
        if step != self.text_size:
            self.text_size = step
            self.textSizeChanged.emit(step)

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self.contrastChanged.emit(on)

    def wipe(self) -> None:
        """Forget every choice and answer, and tell every screen to start over."""
        language_changed = self.language != self.default_language
        size_changed = self.text_size != self.default_text_size
        self.level = None
        self.language = self.default_language
        self.text_size = self.default_text_size
        self.answers.clear()
        if self.high_contrast:
            self.set_high_contrast(False)
        if language_changed:
            self.languageChanged.emit(self.language)
        if size_changed:
            self.textSizeChanged.emit(self.text_size)
        self.wiped.emit()
