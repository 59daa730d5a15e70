"""An on-screen keyboard for the question box: the kiosk has a touchscreen and no keyboard.

Our own Qt Widgets keyboard rather than Qt Virtual Keyboard (QML/QtQuick, heavy for a
Widgets app). Lower case only (search ignores case). The letter rows of each language
are data: each language's ``keyboard`` rows in :data:`kiosk.content.registry.LANGUAGES`
(top to bottom, one key per character; the last row also gets the delete key, at its
right end; the space, clear, action and hide keys are on a row of their own below). The
action key says what the box is for: "Ask" under the question box, "Search" under the
topic chooser's search box (``action=``).

The keys never take the focus (``NoFocus``): the line edit keeps its cursor and the
keys type into it where the cursor is, as touch keyboards do. The keys take their
colours, borders and touch size from the app's style sheet (:mod:`kiosk.ui.theme`) and
their font from the window's text size; no font size is set here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.registry import DEFAULT_LANGUAGE, LANGUAGES
from kiosk.ui.widgets import button, set_button_text, stack_in_layout_order

__all__ = ["ACTIONS", "DIGITS", "KEY_SIZE", "OnScreenKeyboard", "letter_rows"]


def letter_rows(language: str) -> tuple[str, ...]:
    """The letter rows of ``language`` (none when the registry has no keyboard for it)."""
    entry = LANGUAGES.get(language)
    return entry.keyboard if entry is not None else ()


DIGITS: tuple[str, ...] = ("1234567890", "-/:'.,", "¿?!")
"""The rows the "123" key shows instead of the letters (in every language): numbers
("10 minutes") and the punctuation a question may need ("won't")."""

KEY_SIZE = 64
"""The smallest key, in px (a kiosk touch target), also where no style sheet sets one."""

_SPACING = 8  # px between keys
_DELETE_UNITS = 4  # the delete key's width at least, in half keys
_REPEAT_DELAY, _REPEAT_INTERVAL = 500, 100  # ms, delete key held down: unhurried

# Action keys: (object name suffix, role) in their order on the bottom row
_BOTTOM = (
    ("hide", None),
    ("clear", None),
    ("digits", None),
    ("space", None),
    ("submit", "primary"),
)
ACTIONS = ("ask", "search")
"""What the action key does: ask the question typed, or search for the words typed."""


class OnScreenKeyboard(QWidget):
    """Letters for typing a question on a touchscreen.

    Signals:
        submitted(): the action key ("Ask" or "Search") was pressed.
        closed(): the Hide keyboard key was pressed.
    """

    submitted = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None, *, action: str = "ask") -> None:
        super().__init__(parent)
        if action not in ACTIONS:
            raise ValueError(f"action must be one of {ACTIONS}, not {action!r}")
        self.action = action
        self.setObjectName("keyboard")
        # keys keep one size at every text size (letters 26 px: larger than the body text
        # up to 125%), so that with the header and the question the keyboard fits an
        # 800 px screen even at 200%; keys stay at least 64 px, over the 48 px minimum
        self.setStyleSheet("QPushButton { min-height: 58px; padding: 2px 10px; font-size: 26px; }")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._edit: QLineEdit | None = None
        self.language = ""
        self.digits = False  # the "123" rows are shown instead of the letters
        self._letters: list[QPushButton] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(_SPACING, _SPACING, _SPACING, _SPACING)
        column.setSpacing(_SPACING)
        self._grid = QGridLayout()
        self._grid.setSpacing(_SPACING)
        column.addLayout(self._grid)
        self._delete = self._key("backspace", self._backspace)
        self._delete.setAutoRepeat(True)
        self._delete.setAutoRepeatDelay(_REPEAT_DELAY)
        self._delete.setAutoRepeatInterval(_REPEAT_INTERVAL)
        handlers: dict[str, Callable[[], object]] = {
            "hide": self.closed.emit,
            "clear": self._clear,
            "space": partial(self._type, " "),
            "digits": self._toggle_digits,
            "submit": self.submitted.emit,
        }
        self._actions: dict[str, QPushButton] = {}
        bottom = QHBoxLayout()
        bottom.setSpacing(_SPACING)
        for name, role in _BOTTOM:
            # the action key's object name says what it does: key-ask, key-search
            key_name = self.action if name == "submit" else name
            key = self._actions[name] = self._key(key_name, handlers[name], role=role)
            if name != "space":  # as wide as its word; the space bar takes the rest
                key.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            bottom.addWidget(key)
        column.addLayout(bottom)
        self.retranslate()
        self.set_language(DEFAULT_LANGUAGE)

    # the line edit

    def attach(self, edit: QLineEdit) -> None:
        """Type into ``edit`` from now on (at its cursor)."""
        self._edit = edit

    def _type(self, text: str) -> None:
        if self._edit is not None:
            self._edit.insert(text)  # at the cursor, over any selection; emits textEdited

    def _backspace(self) -> None:
        if self._edit is not None:
            self._edit.backspace()

    def _clear(self) -> None:
        if self._edit is not None:
            self._edit.selectAll()
            self._edit.del_()  # unlike clear(), a user edit: emits textEdited

    # the keys

    def set_language(self, language: str) -> None:
        """Show the letters of ``language`` ("en", "es", "es-MX", ...; others: English).

        The line edit's text is left as it is.
        """
        code = language.replace("_", "-").split("-")[0].lower()
        code = code if letter_rows(code) else DEFAULT_LANGUAGE
        if code == self.language:
            return
        self.language = code
        self.digits = False
        self._show_rows(letter_rows(code))
        self.retranslate()  # the 123/abc key's word

    def show_letters(self) -> None:
        """Back to the letters (the wipe: the next visitor starts with them)."""
        if self.digits:
            self._toggle_digits()

    def _toggle_digits(self) -> None:
        """The "123" key: numbers and punctuation instead of the letters, and back."""
        self.digits = not self.digits
        self._show_rows(DIGITS if self.digits else letter_rows(self.language))
        self.retranslate()

    def _show_rows(self, rows: tuple[str, ...]) -> None:
        for key in self._letters:
            self._grid.removeWidget(key)
            key.setParent(None)
            key.deleteLater()
        self._letters = []
        self._grid.removeWidget(self._delete)
        # Each key spans two columns, so a shorter row can sit half a key in, as on a
        # real keyboard; the last row starts half a key in and ends with the delete key.
        width = max(2 * max(len(row) for row in rows), 1 + 2 * len(rows[-1]) + _DELETE_UNITS)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for column in range(width):
            self._grid.setColumnStretch(column, 1)
        for number, row in enumerate(rows):
            start = 1 if number == len(rows) - 1 else (width - 2 * len(row)) // 2
            for index, character in enumerate(row):
                key = self._key(character, partial(self._type, character), letter=True)
                self._letters.append(key)
                self._grid.addWidget(key, number, start + 2 * index, 1, 2)
                key.show()  # at once, not when the event loop next runs (the layout's way)
        last = 1 + 2 * len(rows[-1])
        self._grid.addWidget(self._delete, len(rows) - 1, last, 1, width - last)
        stack_in_layout_order(self)  # a screen reader reads the keys row by row

    def _key(
        self,
        name: str,
        on_click: Callable[[], object],
        *,
        role: str | None = None,
        letter: bool = False,
    ) -> QPushButton:
        role = "key" if letter else role  # no theme rule yet; one could enlarge the letters
        key = button(name if letter else "", role=role, name=f"key-{name}", on_click=None)
        key.clicked.connect(lambda: on_click())
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the line edit keeps the cursor
        key.setMinimumSize(KEY_SIZE, KEY_SIZE)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if letter:
            key.setAccessibleName(self._spoken(name))
        return key

    def _spoken(self, character: str) -> str:
        """What a screen reader says for a key: punctuation by name, a letter as itself."""
        names = {
            "¿": self.tr("Opening question mark"),
            "?": self.tr("Question mark"),
            "!": self.tr("Exclamation mark"),
            "'": self.tr("Apostrophe"),
            ".": self.tr("Full stop"),
            ",": self.tr("Comma"),
            "-": self.tr("Dash"),
            "/": self.tr("Slash"),
            ":": self.tr("Colon"),
        }
        return names.get(character, character)

    # words

    def retranslate(self) -> None:
        """Set every visible and spoken word again, in the current UI language."""
        words = {
            "hide": (self.tr("Hide keyboard"), self.tr("Hide keyboard")),
            "clear": (
                self.tr("Clear"),
                self.tr("Clear the question")
                if self.action == "ask"
                else self.tr("Clear the search"),
            ),
            "space": (self.tr("Space"), self.tr("Space")),
            "submit": (self.tr("Ask"), self.tr("Ask"))
            if self.action == "ask"
            else (self.tr("Search"), self.tr("Search")),
            "digits": ("abc", self.tr("Letters")) if self.digits else ("123", self.tr("Numbers")),
        }
        for name, (text, spoken) in words.items():
            set_button_text(self._actions[name], text)
            # the name starts with the label shown ("123 Numbers"; WCAG 2.5.3)
            self._actions[name].setAccessibleName(
                spoken if spoken.startswith(text) else f"{text} {spoken}"
            )
        set_button_text(self._delete, self.tr("Delete"))
        self._delete.setAccessibleName(self.tr("Delete last letter"))
        for key in self._letters:
            key.setAccessibleName(self._spoken(key.text()))
        self.setAccessibleName(self.tr("On-screen keyboard"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
