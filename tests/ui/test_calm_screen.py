"""A calmer screen (issue 16), measured on the real widgets of a kiosk window at
1280x800: a chosen answer or switch shows a check mark and its words at 4.5:1 (7:1 in
high contrast) or better, read from the drawn pixels; the header leaves the content
60% of the screen at 100% text and 45% at 200%, in English and Spanish; every button is
a 64 px tall touch target; the results page ends where its content does.

(The same figures are read over AT-SPI from the real app: tests/a11y.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.theme import contrast_ratio
from kiosk.ui.window import MainWindow
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, find_button, open_dialog, to_topic

SCREEN = (1280, 800)
MINIMUM = {False: 4.5, True: 7.0}  # WCAG 1.4.3 AA; the high-contrast theme's 1.4.6 AAA


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _screens(qtbot: QtBot, window: MainWindow) -> Iterator[tuple[str, Callable[[], None]]]:
    from kiosk.selfcheck.scripted import scripted_answers

    bundle = window.content.bundle
    assert bundle is not None
    assert window.engine is not None
    engine = window.engine

    def results() -> None:
        window.session.visit.answer_all(scripted_answers(engine.selfcheck).urgent)
        window.show_results()

    yield "welcome", lambda: None
    yield "audience", lambda: click(qtbot, window, "touch-to-start")
    yield "topic", lambda: click(qtbot, window, "audience-patient")
    yield "section", lambda: window.open_section(bundle.topic.sections[1].id)
    yield "intro", window.start_selfcheck
    yield "question", lambda: click(qtbot, window.screens["question"], "question-start")
    yield "results", results
    yield "ask", window.ask_question


def _text_contrast(widget: QWidget) -> float:
    """The contrast of a button's words with its background, from its drawn pixels:
    the background is the commonest colour inside the border, the words the colour
    that differs most from it (antialiased edges lie between the two)."""
    image = widget.grab().toImage()
    inside = [
        image.pixelColor(x, y).name()
        for y in range(8, image.height() - 8)
        for x in range(8, image.width() - 8)
    ]
    background = Counter(inside).most_common(1)[0][0]
    return max(contrast_ratio(colour, background) for colour in set(inside))


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
def test_a_chosen_answer_shows_a_check_mark_and_readable_words(
    qtbot: QtBot, kiosk_window: MainWindow, high_contrast: bool
) -> None:
    """The words of a chosen answer were navy on dark blue (2.0:1): the choice was
    told by colour alone, and its words could hardly be read."""
    window = kiosk_window
    window.session.set_high_contrast(high_contrast)
    to_topic(qtbot, window)
    window.start_selfcheck()
    question = window.screens["question"]
    click(qtbot, question, "question-start")
    engine = window.engine
    assert engine is not None
    several = next(q for q in engine.order if q.kind.name == "MULTIPLE")
    question.show_question(several.id)  # type: ignore[attr-defined]
    _settle()
    first = question.first_focus()  # type: ignore[attr-defined]
    assert isinstance(first, QPushButton)
    words = first.accessibleName()
    unchosen = _text_contrast(first)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    _settle()
    (chosen,) = [b for b in question.findChildren(QPushButton) if b.isVisible() and b.isChecked()]
    assert chosen.accessibleName() == words
    assert chosen.text().lstrip().startswith("✓"), "the choice is shown by more than colour"
    ratio = _text_contrast(chosen)
    print(f"answer words: {unchosen:.1f}:1 not chosen, {ratio:.1f}:1 chosen")
    assert ratio >= MINIMUM[high_contrast]
    assert unchosen >= MINIMUM[high_contrast]
    for name in ("level-patient", "language-en"):  # the header's chosen switches
        switch = find_button(window, name)
        assert switch.isChecked()
        assert switch.text().lstrip().startswith("✓"), name
        assert _text_contrast(switch) >= MINIMUM[high_contrast], name


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [0, 3], ids=["100%", "200%"])
def test_the_header_leaves_the_screen_to_the_content_and_targets_are_64_px(
    qtbot: QtBot, make_window: MakeWindow, language: str, size: int
) -> None:
    """The header (and the review banner) took 275 of 800 px at 100% and about 46% of
    the screen at 200% in Spanish; the citation buttons were 56 px tall in kiosk mode."""
    window = make_window(kiosk=True)
    assert (window.width(), window.height()) == SCREEN
    window.session.set_text_size(size)
    window.session.set_language(language)
    least = 0.60 if size == 0 else 0.45
    shares: dict[str, float] = {}
    for name, show in _screens(qtbot, window):
        show()
        _settle()
        stack = window.chrome.stack
        top = stack.mapTo(window, stack.rect().topLeft()).y()
        assert top + stack.height() == SCREEN[1]
        shares[name] = stack.height() / SCREEN[1]
        small = [
            (b.objectName() or b.text(), b.height())
            for b in window.findChildren(QAbstractButton)
            if b.isVisible() and b.height() < 64
        ]
        assert small == [], f"{name}: buttons under 64 px tall"
        if name == "topic":
            click(qtbot, window.screens["topic"], "cite-1")
            dialog = open_dialog(window)
            small = [
                (b.objectName() or b.text(), b.height())
                for b in dialog.findChildren(QAbstractButton)
                if b.isVisible() and b.height() < 64
            ]
            assert small == [], "the reference's buttons"
            dialog.close()
    print(language, size, {k: round(v, 3) for k, v in shares.items()})
    assert {k: v for k, v in shares.items() if v < least} == {}


@pytest.mark.parametrize("size", [0, 3], ids=["100%", "200%"])
def test_the_results_page_ends_where_its_content_does(
    qtbot: QtBot, kiosk_window: MainWindow, size: int
) -> None:
    """A long results page scrolled on into some 600 px of nothing."""
    from kiosk.selfcheck.scripted import scripted_answers

    window = kiosk_window
    window.session.set_text_size(size)
    to_topic(qtbot, window)
    engine = window.engine
    assert engine is not None
    window.session.visit.answer_all(scripted_answers(engine.selfcheck).urgent)
    window.show_results()
    _settle()
    page = window.screens["results"].page
    body = page.widget()
    last = max(
        w.geometry().bottom()
        for w in body.findChildren(QWidget)
        if w.parentWidget() is body and w.isVisible()
    )
    end = body.height() - last
    scroll = page.verticalScrollBar()
    print(f"results at text size {size}: {end} px after the last item, page {body.height()} px")
    assert scroll.maximum() > 0  # a page longer than the screen
    assert end <= 64  # the page's bottom margin, no more
    assert body.height() == scroll.maximum() + page.viewport().height()


def test_colour_helper_reads_drawn_pixels(qtbot: QtBot) -> None:
    button = QPushButton("Words")
    button.setStyleSheet("background: #0b57a4; color: #ffffff; border: none; padding: 20px;")
    qtbot.addWidget(button)
    button.resize(200, 80)
    ratio = _text_contrast(button)
    assert ratio == pytest.approx(contrast_ratio(QColor("#ffffff").name(), "#0b57a4"), rel=0.01)
