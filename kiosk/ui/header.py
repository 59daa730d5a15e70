"""The header row: start over, other topics, reading level, text size, contrast,
read-aloud and the languages.

The header changes the session itself (level, language, text size, contrast); what
belongs to the window (start over, the topic chooser, reading the screen aloud) it asks
for with a signal. It is built when a screen first needs it (not for the welcome).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.content import Bundle
from kiosk.content.registry import LEVELS
from kiosk.ui.session import LARGE_TEXT, TEXT_SCALES, Session
from kiosk.ui.widgets import (
    button,
    chosen_text,
    clear_layout,
    controls_in_layout_order,
    set_button_text,
)
from kiosk.ui.wording import level_words

if TYPE_CHECKING:  # read-aloud's module is imported with the header's first use
    from kiosk.ui.speech import ReadAloud


class Header(QFrame):
    """The header row (see the module's docstring).

    Signals:
        startOverRequested(): "Start over".
        otherTopicsRequested(): "Other topics".
        readAloudRequested(): read the screen aloud, pause, go on.
        reordered(): buttons were made or moved between rows: the Tab order is stale.
    """

    startOverRequested = Signal()
    otherTopicsRequested = Signal()
    readAloudRequested = Signal()
    reordered = Signal()

    def __init__(self, session: Session, speech: ReadAloud) -> None:
        super().__init__()
        self.session = session
        self.speech = speech
        self.setObjectName("header")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(16, 10, 16, 10)
        rows.setSpacing(10)
        row = QHBoxLayout()
        row.setSpacing(10)
        rows.addLayout(row)
        # the reading-level buttons: in the top row, or on a row of their own when the
        # text is large (so that no button is cut short; see arrange)
        self.top_row = row
        self.level_row = QHBoxLayout()
        self.level_row.setSpacing(10)
        self.middle_row = QHBoxLayout()  # read-aloud and languages, when the top is full
        self.middle_row.setSpacing(10)
        rows.addLayout(self.middle_row)
        self.second_row = QHBoxLayout()
        self.second_row.setSpacing(10)
        rows.addLayout(self.second_row)
        self.topics_row = QHBoxLayout()  # "Other topics", when no other row has room
        rows.addLayout(self.topics_row)
        self.start_over = button("", name="start-over", on_click=self.startOverRequested.emit)
        row.addWidget(self.start_over)
        self.other_topics = button("", name="other-topics", on_click=self.otherTopicsRequested.emit)
        row.addWidget(self.other_topics)
        row.addStretch(1)
        row.addLayout(self.level_row)
        # two buttons, not a QButtonGroup: Tab stops at both (in a group, Tab stops at
        # the chosen one only, and the arrow keys change the level as the focus moves)
        self.level_buttons: dict[str, QPushButton] = {}
        for level in LEVELS.codes:
            widget = button("", name=f"level-{level}", on_click=partial(self._choose_level, level))
            widget.setProperty("a11y", "radio")
            widget.setCheckable(True)
            self.level_buttons[level] = widget
            self.level_row.addWidget(widget)
        row.addSpacing(12)
        self.smaller = button("", name="text-smaller", on_click=lambda: self._change_text(-1))
        self.larger = button("", name="text-larger", on_click=lambda: self._change_text(1))
        row.addWidget(self.smaller)
        row.addWidget(self.larger)
        self.contrast = button("", name="contrast", on_click=self._toggle_contrast)
        self.contrast.setCheckable(True)
        row.addWidget(self.contrast)
        # read-aloud: one button that reads, pauses and goes on, and one that stops
        self.read_aloud = button("", name="read-aloud", on_click=self.readAloudRequested.emit)
        self.stop_reading = button("", name="stop-reading", on_click=speech.stop)
        row.addWidget(self.read_aloud)
        row.addWidget(self.stop_reading)
        self.language_buttons: dict[str, QPushButton] = {}
        self.language_row = QHBoxLayout()
        row.addLayout(self.language_row)

    def _choose_language(self, language: str) -> None:
        self.session.set_language(language)
        for code, widget in self.language_buttons.items():  # the chosen one stays chosen
            widget.setChecked(code == self.session.language)
            set_button_text(widget, chosen_text(code.upper(), widget))

    def _choose_level(self, level: str) -> None:
        self.session.set_level(level)
        for name, widget in self.level_buttons.items():  # the chosen one stays chosen
            widget.setChecked(name == self.session.reading_level)
            set_button_text(widget, chosen_text(widget.accessibleName(), widget))

    def _change_text(self, step: int) -> None:
        self.session.set_text_size(self.session.text_size + step)

    def _toggle_contrast(self) -> None:
        self.session.set_high_contrast(not self.session.high_contrast)

    def controls(self) -> list[QWidget]:
        """The header's controls as its rows show them (for the Tab order)."""
        return controls_in_layout_order(self)

    def set_languages(self, bundle: Bundle | None) -> None:
        """One button a language of ``bundle`` (none for a single language)."""
        for old in self.language_buttons.values():  # wherever the header put them
            for row in (self.language_row, self.middle_row, self.top_row):
                row.removeWidget(old)
            old.setParent(None)
            old.deleteLater()
        clear_layout(self.language_row)
        self.language_buttons = {}
        languages = list(bundle.languages) if bundle else []
        if len(languages) < 2:
            return
        for language in languages:
            widget = button(
                language.upper(),
                name=f"language-{language}",
                on_click=partial(self._choose_language, language),
            )
            widget.setCheckable(True)
            self.language_buttons[language] = widget
            self.language_row.addWidget(widget)
            widget.setVisible(True)  # now, not when Qt gets to it: the rows count it
        self.reordered.emit()  # new buttons go last in the Tab order: put them back

    def update_for(self, *, reading: bool, bundle: Bundle | None, topics: int, width: int) -> None:
        """Show the controls of a screen (``reading``: a reading screen), in the
        session's words and choices; ``topics``: how many topics there are."""
        session = self.session
        for level in LEVELS:
            widget = self.level_buttons[level.code]
            widget.setVisible(
                reading and bundle is not None and level.code in bundle.reading_levels
            )
            widget.setChecked(level.code == session.reading_level)
            # the chosen one is shown by a check mark as well as by its colour
            words, description, _ = level_words(level)
            set_button_text(widget, chosen_text(words, widget))
            widget.setAccessibleDescription(description)
        for language, widget in self.language_buttons.items():
            widget.setChecked(language == session.language)
            set_button_text(widget, chosen_text(language.upper(), widget))
        speaking = self.speech.state
        self.read_aloud.setVisible(self.speech.available)
        self.stop_reading.setVisible(speaking != "idle")
        label_text = {
            "speaking": "❚❚  " + self.tr("Pause"),
            "paused": "▶  " + self.tr("Go on"),
        }.get(speaking, self.tr("Read aloud"))
        set_button_text(self.read_aloud, label_text)
        self.read_aloud.setAccessibleDescription(
            self.tr("Reads this screen aloud. Touch again to pause.")
        )
        set_button_text(self.stop_reading, "■  " + self.tr("Stop"))
        self.stop_reading.setAccessibleName(self.tr("Stop reading aloud"))  # "Stop" first
        self.contrast.setChecked(session.high_contrast)
        set_button_text(self.contrast, chosen_text("◐  " + self.tr("Contrast"), self.contrast))
        self.contrast.setAccessibleDescription(self.tr("Light text on black, for low vision"))
        set_button_text(self.start_over, "⟲  " + self.tr("Start over"))
        self.other_topics.setVisible(reading and topics > 1)
        set_button_text(self.other_topics, self.tr("Other topics"))
        self.other_topics.setAccessibleDescription(self.tr("Choose another topic"))
        self.start_over.setAccessibleDescription(
            self.tr("Forget every choice and go back to the first screen")
        )
        # words, not "A−" and "A+": the name a screen reader says is the label shown
        set_button_text(self.smaller, self.tr("Smaller"))
        set_button_text(self.larger, self.tr("Larger"))
        self.smaller.setAccessibleDescription(self.tr("Smaller text"))
        self.larger.setAccessibleDescription(self.tr("Larger text"))
        self.smaller.setEnabled(session.text_size > 0)
        self.larger.setEnabled(session.text_size < len(TEXT_SCALES) - 1)
        self.arrange(width)  # the words (their language) decide whether one row fits

    def arrange(self, room: int) -> None:
        """One header row when it fits in ``room`` pixels. When it does not (150% and
        200%, or long words: Spanish, or 125%), the reading-level buttons move to a row
        of their own; and if the first row is still too wide, read-aloud and the
        languages take a middle row. Every button keeps its whole label."""

        def width(buttons: list[QPushButton]) -> int:
            shown = [b for b in buttons if not b.isHidden()]
            for each in shown:
                each.ensurePolished()  # a button made just now: its style's font and padding
            return sum(b.sizeHint().width() + 10 for b in shown) + 12 + 32  # spacing, margins

        every = self.findChildren(QPushButton)
        levels = list(self.level_buttons.values())
        middle = [self.read_aloud, self.stop_reading, *self.language_buttons.values()]
        two_rows = self.session.text_size >= LARGE_TEXT or width(every) > room
        first = [b for b in every if b not in levels and b is not self.other_topics]
        three_rows = two_rows and width(first) > room
        # "Other topics": in the top row when it fits, else beside the reading levels,
        # else in the middle row, else on a row of its own
        other = [self.other_topics]
        top = [b for b in first if not (three_rows and b in middle)]
        topics_row: QHBoxLayout | None = self.topics_row
        candidates = (
            (None, top),
            (self.second_row, levels),
            (self.middle_row, middle if three_rows else []),
        )
        for row, buttons in candidates:
            if (row is None and not two_rows) or width([*other, *buttons]) <= room:
                topics_row = row
                break
        moved = self._move(other, topics_row)
        moved = self._move(levels, self.second_row if two_rows else self.level_row) or moved
        moved = self._move(middle, self.middle_row if three_rows else None) or moved
        if moved:
            self.reordered.emit()  # Tab follows the rows as they are now

    def _move(self, widgets: list[QPushButton], target: QHBoxLayout | None) -> bool:
        """Put ``widgets`` in ``target`` (None: back in their places in the top row);
        whether any of them moved."""
        homes = {
            id(self.read_aloud): self.top_row,
            id(self.stop_reading): self.top_row,
            id(self.other_topics): self.top_row,
        }
        rows = (
            self.level_row,
            self.second_row,
            self.middle_row,
            self.top_row,
            self.language_row,
            self.topics_row,
        )
        moved = False
        for widget in widgets:
            home = homes.get(id(widget), self.language_row)
            place = target if target is not None else home
            if place.indexOf(widget) >= 0:
                continue
            moved = True
            for layout in rows:
                layout.removeWidget(widget)
            if place is self.top_row and widget is self.other_topics:  # after "Start over"
                place.insertWidget(place.indexOf(self.start_over) + 1, widget)
            elif place is self.top_row:  # before the languages, as built
                after_contrast = place.indexOf(self.contrast) + 1
                place.insertWidget(after_contrast + (widget is self.stop_reading), widget)
            else:
                place.addWidget(widget)
        return moved
