"""The on-screen keyboard (kiosk.ui.keyboard), driven by mouse clicks as a finger would."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.keyboard import OnScreenKeyboard, letter_rows
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST

ACTIONS = ("key-space", "key-backspace", "key-clear", "key-ask", "key-hide", "key-digits")


class Host(QWidget):
    """A window with a question box and the keyboard under it, as the kiosk has them."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.edit = QLineEdit()
        self.keyboard = OnScreenKeyboard()
        self.keyboard.attach(self.edit)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        layout.addWidget(self.keyboard)


@pytest.fixture
def host(qtbot: QtBot) -> Host:
    widget = Host()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def key(keyboard: OnScreenKeyboard, name: str) -> QPushButton:
    found = keyboard.findChild(QPushButton, name)
    assert found is not None, f"no key {name!r}"
    return found


def press(qtbot: QtBot, keyboard: OnScreenKeyboard, *names: str) -> None:
    for name in names:
        widget = key(keyboard, name)
        assert widget.isVisible(), f"key {name!r} is not visible"
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_text(qtbot: QtBot, keyboard: OnScreenKeyboard, text: str) -> None:
    press(qtbot, keyboard, *("key-space" if c == " " else f"key-{c}" for c in text))


def keys(keyboard: OnScreenKeyboard) -> list[QPushButton]:
    return keyboard.findChildren(QPushButton)


def letters(keyboard: OnScreenKeyboard) -> set[str]:
    return {k.text() for k in keys(keyboard) if k.objectName() not in ACTIONS}


# typing


def test_typing_a_word(qtbot: QtBot, host: Host) -> None:
    type_text(qtbot, host.keyboard, "calambre")
    assert host.edit.text() == "calambre"


def test_space_between_words(qtbot: QtBot, host: Host) -> None:
    type_text(qtbot, host.keyboard, "leg cramp")
    assert host.edit.text() == "leg cramp"


def test_delete_takes_the_letter_before_the_cursor(qtbot: QtBot, host: Host) -> None:
    type_text(qtbot, host.keyboard, "crampx")
    press(qtbot, host.keyboard, "key-backspace")
    assert host.edit.text() == "cramp"
    host.edit.setCursorPosition(2)
    press(qtbot, host.keyboard, "key-backspace")
    assert host.edit.text() == "camp"
    assert host.edit.cursorPosition() == 1


def test_delete_on_an_empty_box_does_nothing(qtbot: QtBot, host: Host) -> None:
    press(qtbot, host.keyboard, "key-backspace", "key-backspace")
    assert host.edit.text() == ""


def test_letters_go_in_at_the_cursor(qtbot: QtBot, host: Host) -> None:
    host.edit.setText("calmbre")
    host.edit.setCursorPosition(3)
    press(qtbot, host.keyboard, "key-a")
    assert host.edit.text() == "calambre"
    assert host.edit.cursorPosition() == 4
    host.edit.setCursorPosition(0)
    press(qtbot, host.keyboard, "key-space")
    assert host.edit.text() == " calambre"


def test_a_letter_replaces_the_selection(qtbot: QtBot, host: Host) -> None:
    host.edit.setText("leg camp")
    host.edit.setSelection(4, 4)  # "camp"
    type_text(qtbot, host.keyboard, "cramp")
    assert host.edit.text() == "leg cramp"


def test_clear_empties_the_box_as_an_edit(qtbot: QtBot, host: Host) -> None:
    type_text(qtbot, host.keyboard, "cramp")
    with qtbot.waitSignal(host.edit.textEdited, timeout=1000) as edited:
        press(qtbot, host.keyboard, "key-clear")
    assert host.edit.text() == ""
    assert edited.args == [""]


def test_typing_is_an_edit(qtbot: QtBot, host: Host) -> None:
    """The question box may search as the visitor types: it listens to textEdited."""
    with qtbot.waitSignal(host.edit.textEdited, timeout=1000) as edited:
        press(qtbot, host.keyboard, "key-k")
    assert edited.args == ["k"]


def test_keys_without_a_line_edit_do_nothing(qtbot: QtBot) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.show()
    qtbot.waitExposed(keyboard)
    press(qtbot, keyboard, "key-a", "key-space", "key-backspace", "key-clear")  # no error


def test_the_line_edit_keeps_the_focus(qtbot: QtBot, host: Host) -> None:
    host.activateWindow()
    host.edit.setFocus()
    qtbot.waitUntil(host.edit.hasFocus, timeout=2000)
    type_text(qtbot, host.keyboard, "sed")
    press(qtbot, host.keyboard, "key-backspace", "key-clear")
    assert host.edit.hasFocus()


# keys held down


def test_only_delete_repeats_when_held(qtbot: QtBot, host: Host) -> None:
    repeating = [k.objectName() for k in keys(host.keyboard) if k.autoRepeat()]
    assert repeating == ["key-backspace"]


def test_holding_delete_deletes_several_letters(qtbot: QtBot, host: Host) -> None:
    host.edit.setText("calambres")
    delete = key(host.keyboard, "key-backspace")
    qtbot.mousePress(delete, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: len(host.edit.text()) <= 6, timeout=5000)
    finally:
        qtbot.mouseRelease(delete, Qt.MouseButton.LeftButton)
    assert host.edit.text().startswith("cal")


def test_holding_a_letter_types_it_once(qtbot: QtBot, host: Host) -> None:
    a = key(host.keyboard, "key-a")
    qtbot.mousePress(a, Qt.MouseButton.LeftButton)
    qtbot.wait(900)  # longer than the delete key's repeat delay
    qtbot.mouseRelease(a, Qt.MouseButton.LeftButton)
    assert host.edit.text() == "a"


# ask and hide


def test_ask_emits_submitted(qtbot: QtBot, host: Host) -> None:
    type_text(qtbot, host.keyboard, "cramp")
    with qtbot.waitSignal(host.keyboard.submitted, timeout=1000):
        press(qtbot, host.keyboard, "key-ask")
    assert host.edit.text() == "cramp"  # asking does not type anything


def test_hide_emits_closed(qtbot: QtBot, host: Host) -> None:
    with (
        qtbot.waitSignal(host.keyboard.closed, timeout=1000),
        qtbot.assertNotEmitted(host.keyboard.submitted),
    ):
        press(qtbot, host.keyboard, "key-hide")


def test_ask_does_not_close_and_letters_emit_nothing(qtbot: QtBot, host: Host) -> None:
    with (
        qtbot.assertNotEmitted(host.keyboard.closed),
        qtbot.assertNotEmitted(host.keyboard.submitted),
    ):
        type_text(qtbot, host.keyboard, "a b")
        press(qtbot, host.keyboard, "key-backspace", "key-clear")


# languages


def test_english_is_plain_qwerty(host: Host) -> None:
    assert host.keyboard.language == "en"
    assert letters(host.keyboard) == set("qwertyuiopasdfghjklzxcvbnm")
    assert host.keyboard.findChild(QPushButton, "key-ñ") is None


def test_spanish_has_ñ_accents_and_question_marks(qtbot: QtBot, host: Host) -> None:
    host.keyboard.set_language("es")
    assert letters(host.keyboard) == set("qwertyuiopasdfghjklzxcvbnmñáéíóúü¿?")
    type_text(qtbot, host.keyboard, "¿qué?")
    assert host.edit.text() == "¿qué?"
    host.edit.clear()
    type_text(qtbot, host.keyboard, "mañana")
    assert host.edit.text() == "mañana"


def test_switching_language_keeps_the_text(qtbot: QtBot, host: Host) -> None:
    type_text(qtbot, host.keyboard, "cramp ")
    host.keyboard.set_language("es")
    assert host.edit.text() == "cramp "
    assert key(host.keyboard, "key-ñ").isVisible()
    type_text(qtbot, host.keyboard, "¿sí?")
    host.keyboard.set_language("en")
    assert host.edit.text() == "cramp ¿sí?"
    assert host.keyboard.findChild(QPushButton, "key-ñ") is None
    assert host.keyboard.findChild(QPushButton, "key-¿") is None
    type_text(qtbot, host.keyboard, "x")
    press(qtbot, host.keyboard, "key-backspace")
    assert host.edit.text() == "cramp ¿sí?"


def test_switching_back_and_forth_leaves_one_key_each(host: Host) -> None:
    for language in ("es", "en", "es", "es", "en", "es"):
        host.keyboard.set_language(language)
    names = [k.objectName() for k in keys(host.keyboard)]
    assert len(names) == len(set(names))
    assert len(names) == sum(len(row) for row in letter_rows("es")) + len(ACTIONS)


@pytest.mark.parametrize(
    ("language", "expected"), [("es-MX", "es"), ("es_US", "es"), ("EN", "en"), ("fr", "en")]
)
def test_language_codes(host: Host, language: str, expected: str) -> None:
    host.keyboard.set_language(language)
    assert host.keyboard.language == expected


# accessibility


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_key_is_named_and_takes_no_focus(host: Host, language: str) -> None:
    host.keyboard.set_language(language)
    found = keys(host.keyboard)
    assert {k.objectName() for k in found} >= set(ACTIONS)
    for widget in found:
        assert widget.objectName().startswith("key-")
        assert widget.accessibleName().strip(), f"{widget.objectName()} has no accessible name"
        assert widget.focusPolicy() == Qt.FocusPolicy.NoFocus, widget.objectName()
        assert widget.isVisible(), widget.objectName()
        assert widget.isEnabled(), widget.objectName()
    assert host.keyboard.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_spoken_names(host: Host) -> None:
    host.keyboard.set_language("es")
    spoken = {k.objectName(): k.accessibleName() for k in keys(host.keyboard)}
    assert spoken["key-a"] == "a"
    assert spoken["key-ñ"] == "ñ"
    assert spoken["key-space"] == "Space"
    assert spoken["key-backspace"] == "Delete last letter"
    assert spoken["key-ask"] == "Ask"
    assert spoken["key-hide"] == "Hide keyboard"
    assert spoken["key-?"] == "Question mark"
    assert spoken["key-¿"] == "Opening question mark"


def test_a_search_keyboard_says_search(qtbot: QtBot) -> None:
    """Under a search box (the topic chooser's) the action key is "Search", not "Ask"."""
    keyboard = OnScreenKeyboard(action="search")
    qtbot.addWidget(keyboard)
    spoken = {k.objectName(): (k.text(), k.accessibleName()) for k in keys(keyboard)}
    assert "key-ask" not in spoken
    assert spoken["key-search"] == ("Search", "Search")
    assert spoken["key-clear"] == ("Clear", "Clear the search")
    with qtbot.waitSignal(keyboard.submitted, timeout=1000):
        key(keyboard, "key-search").click()
    with pytest.raises(ValueError, match="action must be one of"):
        OnScreenKeyboard(action="go")


# size


SHEETS = {
    "36px": "QWidget { font-size: 36px; }",
    "kiosk 200%": DEFAULT.stylesheet(2.0, kiosk=True),
    "high contrast 200%": HIGH_CONTRAST.stylesheet(2.0, kiosk=True),
    "kiosk 100%": DEFAULT.stylesheet(1.0, kiosk=True),
    "laptop 100%": DEFAULT.stylesheet(1.0),
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("sheet", SHEETS.values(), ids=list(SHEETS))
def test_keys_are_big_and_fit_1280_px(qtbot: QtBot, host: Host, sheet: str, language: str) -> None:
    host.setStyleSheet(sheet)
    host.keyboard.set_language(language)
    host.resize(1280, 800)
    qtbot.waitUntil(lambda: host.keyboard.width() > 0)
    QCoreApplication.processEvents()
    keyboard = host.keyboard
    assert keyboard.minimumSizeHint().width() <= 1280
    assert keyboard.width() <= 1280
    assert keyboard.geometry().right() < host.width()
    assert keyboard.geometry().bottom() < host.height()
    found = keys(keyboard)
    for widget in found:
        name = widget.objectName()
        text = widget.fontMetrics().horizontalAdvance(widget.text())
        assert widget.width() >= text + 8, f"{name}: {widget.width()} px for {text} px of text"
        assert widget.width() >= 64, f"{name}: {widget.size()}"
        assert widget.height() >= 64, f"{name}: {widget.size()}"
        assert widget.parentWidget() is keyboard, name
        assert keyboard.rect().contains(widget.geometry()), f"{name} sticks out"
    boxes = [widget.geometry() for widget in found]
    for index, box in enumerate(boxes):  # no two keys overlap
        for other in boxes[index + 1 :]:
            assert not box.intersects(other), (box, other)


def test_keys_keep_one_size_at_every_text_size(host: Host) -> None:
    """The keyboard's own 26 px letters win over the window's text size (so that, with
    the header and the question, it fits an 800 px screen at 200%)."""
    for sheet in SHEETS.values():
        host.setStyleSheet(sheet)
        assert key(host.keyboard, "key-a").font().pixelSize() == 26
        assert key(host.keyboard, "key-hide").font().pixelSize() == 26


# words


class Spanish(QTranslator):
    """A stand-in for the app's Spanish translation, for the keyboard's own words."""

    WORDS: ClassVar[dict[str, str]] = {
        "Space": "Espacio",
        "Delete": "Borrar",
        "Delete last letter": "Borrar la última letra",
        "Clear": "Borrar todo",
        "Ask": "Preguntar",
        "Hide keyboard": "Ocultar teclado",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context == "OnScreenKeyboard":
            return self.WORDS.get(source, "")
        return ""

    def isEmpty(self) -> bool:
        return False  # else installing it sends no LanguageChange


@pytest.fixture
def spanish() -> Iterator[QTranslator]:
    translator = Spanish()
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_retranslate_is_safe_to_repeat(qtbot: QtBot, host: Host) -> None:
    before = {k.objectName(): (k.text(), k.accessibleName()) for k in keys(host.keyboard)}
    for _ in range(3):
        host.keyboard.retranslate()
    after = {k.objectName(): (k.text(), k.accessibleName()) for k in keys(host.keyboard)}
    assert after == before
    assert key(host.keyboard, "key-space").text() == "Space"
    assert key(host.keyboard, "key-backspace").text() == "Delete"
    type_text(qtbot, host.keyboard, "ok")
    assert host.edit.text() == "ok"


def test_words_switch_live_with_the_language(
    qtbot: QtBot, host: Host, spanish: QTranslator
) -> None:
    type_text(qtbot, host.keyboard, "cramp")
    QCoreApplication.installTranslator(spanish)  # Qt sends LanguageChange to every widget
    qtbot.waitUntil(lambda: key(host.keyboard, "key-space").text() == "Espacio", timeout=2000)
    host.keyboard.retranslate()  # and again, by hand: the same words
    host.keyboard.set_language("es")
    assert key(host.keyboard, "key-hide").text() == "Ocultar teclado"
    assert key(host.keyboard, "key-ask").accessibleName() == "Preguntar"
    assert key(host.keyboard, "key-backspace").accessibleName() == "Borrar la última letra"
    assert key(host.keyboard, "key-clear").text() == "Borrar todo"
    assert host.edit.text() == "cramp"
    QCoreApplication.removeTranslator(spanish)
    qtbot.waitUntil(lambda: key(host.keyboard, "key-space").text() == "Space", timeout=2000)


def test_spanish_words_fit_at_200_percent(qtbot: QtBot, host: Host, spanish: QTranslator) -> None:
    QCoreApplication.installTranslator(spanish)
    host.setStyleSheet(SHEETS["kiosk 200%"])
    host.keyboard.set_language("es")
    qtbot.waitUntil(lambda: key(host.keyboard, "key-ask").text() == "Preguntar", timeout=2000)
    QCoreApplication.processEvents()
    assert host.keyboard.width() <= 1280
    for widget in keys(host.keyboard):
        text = widget.fontMetrics().horizontalAdvance(widget.text())
        assert widget.width() >= text + 8, f"{widget.objectName()}: {widget.width()} < {text}"


def test_the_123_key_types_numbers_and_an_apostrophe_and_goes_back(
    qtbot: QtBot, host: Host
) -> None:
    keyboard = host.keyboard
    toggle = key(keyboard, "key-digits")
    assert toggle.text() == "123"
    assert toggle.accessibleName() == "123 Numbers"  # the label shown, first (WCAG 2.5.3)
    type_text(qtbot, keyboard, "cramp ")
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert toggle.text() == "abc"
    assert toggle.accessibleName() == "abc Letters"
    assert {"1", "0", "'", "?"} <= letters(keyboard)
    assert "a" not in letters(keyboard)
    assert key(keyboard, "key-'").accessibleName() == "Apostrophe"
    for name in ("key-1", "key-0"):
        qtbot.mouseClick(key(keyboard, name), Qt.MouseButton.LeftButton)
    assert host.edit.text() == "cramp 10"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert "a" in letters(keyboard)
    assert "1" not in letters(keyboard)
    keyboard.set_language("es")  # a language switch shows its letters
    qtbot.mouseClick(key(keyboard, "key-digits"), Qt.MouseButton.LeftButton)
    keyboard.set_language("en")
    assert "a" in letters(keyboard)
    assert host.edit.text() == "cramp 10"
