"""A library of topics on screen: the chooser, "Other topics", per-topic self-check and
question box, the wipe, and what staff see."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.ui.chooser import TopicChooser
from kiosk.ui.i18n import use_language
from kiosk.ui.window import MainWindow
from tests.conftest import CONTENT
from tests.library import make_library, two_topics
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, find_button, open_dialog, renewed, texts


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """A test that turns the UI's words to Spanish leaves them English for the next."""
    yield
    use_language("en")


@pytest.fixture
def library_window(make_window: MakeWindow, tmp_path: Path) -> MainWindow:
    return make_window(kiosk=True, root=two_topics(tmp_path / "content"))


def to_chooser(qtbot: QtBot, window: MainWindow) -> TopicChooser:
    qtbot.mouseClick(window.screens["welcome"], Qt.MouseButton.LeftButton)
    click(qtbot, window, "audience-patient")
    assert window.current == "topics"
    chooser = window.screens["topics"]
    assert isinstance(chooser, TopicChooser)
    return chooser


def tile_in_view(chooser: TopicChooser) -> bool:
    """The first tile shown lies whole within the chooser's scrolling page."""
    from PySide6.QtCore import QPoint, QRect

    tile = next(t for t in chooser.tiles if t.isVisible())
    viewport = chooser.page.viewport()
    return viewport.rect().contains(QRect(tile.mapTo(viewport, QPoint(0, 0)), tile.size()))


def tile_titles(chooser: TopicChooser) -> list[str]:
    return [tile.text() for tile in chooser.tiles if tile.isVisible()]


def test_one_topic_opens_it_as_before(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(kiosk=True, root=CONTENT)
    assert len(window.context.topics) == 1
    qtbot.mouseClick(window.screens["welcome"], Qt.MouseButton.LeftButton)
    click(qtbot, window, "audience-patient")
    assert window.current == "topic"
    assert not find_button(window, "other-topics").isVisible()
    assert window.screens["welcome"].title.text() == "What causes muscle cramps?"  # type: ignore[attr-defined]


def test_several_topics_are_chosen_from_tiles_in_the_visitors_language(
    qtbot: QtBot, library_window: MainWindow
) -> None:
    window = library_window
    assert "Health information" in texts(window.screens["welcome"])
    assert "2 topics in plain words" in texts(window.screens["welcome"])
    chooser = to_chooser(qtbot, window)
    assert tile_titles(chooser) == ["What causes muscle cramps?", "How to use this kiosk"]
    assert chooser.tiles[1].icon_label.isVisible()  # the test topic has an icon
    assert chooser.tiles[1].icon_label.pixmap().width() == 48
    window.session.set_language("es")
    window.go("topics")
    assert tile_titles(chooser) == [
        "¿Qué causa los calambres musculares?",
        "Cómo usar este quiosco",
    ]
    qtbot.mouseClick(chooser.tiles[1], Qt.MouseButton.LeftButton)
    assert window.current == "topic"
    assert window.content.bundle is not None
    assert window.content.bundle.id == "using-the-kiosk"
    assert window.session.visit.topic == "using-the-kiosk"
    assert "Cómo usar este quiosco" in texts(window.screens["topic"])


def test_other_topics_is_on_every_topic_screen(qtbot: QtBot, library_window: MainWindow) -> None:
    window = library_window
    chooser = to_chooser(qtbot, window)
    assert not find_button(window, "other-topics").isVisible()  # not on the chooser itself
    qtbot.mouseClick(chooser.tiles[1], Qt.MouseButton.LeftButton)
    for screen in ("topic", "section", "ask"):
        if screen == "section":
            window.open_section("see-and-hear")
        elif screen == "ask":
            window.ask_question()
        else:
            window.go(screen)
        assert window.current == screen
        assert find_button(window, "other-topics").isVisible(), screen
    window.go("topic")
    window.start_selfcheck()
    assert find_button(window, "other-topics").isVisible()
    click(qtbot, window, "other-topics")
    assert window.current == "topics"


def test_the_self_check_and_question_box_belong_to_the_topic(
    qtbot: QtBot, library_window: MainWindow
) -> None:
    window = library_window
    chooser = to_chooser(qtbot, window)
    qtbot.mouseClick(chooser.tiles[1], Qt.MouseButton.LeftButton)
    assert window.engine is not None
    assert [q.id for q in window.engine.selfcheck.questions] == [
        "someone-waiting",
        "small-text",
        "hear-words",
    ]
    window.session.visit.answer_all({"small-text": "yes"})
    window.show_results()
    assert "Small words" in texts(window.screens["results"])
    # another topic: its own self-check, none of the last one's answers
    click(qtbot, window, "other-topics")
    chooser = window.screens["topics"]
    assert isinstance(chooser, TopicChooser)
    qtbot.mouseClick(chooser.tiles[0], Qt.MouseButton.LeftButton)
    assert window.content.bundle is not None
    assert window.content.bundle.id == "muscle-cramps"
    assert window.session.answers == {}
    assert window.engine is not None
    assert "weak-or-numb" in [q.id for q in window.engine.selfcheck.questions]


def test_the_handout_belongs_to_the_topic(qtbot: QtBot, library_window: MainWindow) -> None:
    """The handout printed after a topic's self-check is that topic's, with its answers."""
    window = library_window
    chooser = to_chooser(qtbot, window)
    qtbot.mouseClick(chooser.tiles[1], Qt.MouseButton.LeftButton)
    window.session.visit.answer_all({"small-text": "yes"})
    window.show_results()
    html = window.handouts.html()
    assert "How to use this kiosk" in html
    assert "Small words" in html
    assert "cramp" not in html.lower()
    click(qtbot, window, "other-topics")
    chooser = window.screens["topics"]
    assert isinstance(chooser, TopicChooser)
    qtbot.mouseClick(chooser.tiles[0], Qt.MouseButton.LeftButton)
    html = window.handouts.html()
    assert "cramp" in html.lower()
    assert "Small words" not in html


def test_the_topic_goes_with_the_wipe(qtbot: QtBot, library_window: MainWindow) -> None:
    window = library_window
    chooser = to_chooser(qtbot, window)
    chooser.search.setText("kiosk")
    qtbot.mouseClick(chooser.tiles[1], Qt.MouseButton.LeftButton)
    assert window.content.bundle is not None
    assert window.content.bundle.id == "using-the-kiosk"
    window.session.wipe()
    assert window.current == "welcome"
    assert window.session.visit.topic is None
    assert window.session.is_start_state()
    assert window.content.bundle.id == "muscle-cramps"
    chooser = to_chooser(qtbot, window)
    assert chooser.search.text() == ""
    assert len(tile_titles(chooser)) == 2


def test_the_search_box_finds_topics_by_their_words(
    qtbot: QtBot, library_window: MainWindow
) -> None:
    window = library_window
    chooser = to_chooser(qtbot, window)
    chooser.search.setText("BIGGER words")  # a section title of the test topic
    assert tile_titles(chooser) == ["How to use this kiosk"]
    chooser.search.setText("calambr")  # Spanish words count in Spanish only
    assert tile_titles(chooser) == []
    assert chooser.none_found.isVisible()
    window.session.set_language("es")
    window.go("topics")
    assert tile_titles(chooser) == ["¿Qué causa los calambres musculares?"]
    click(qtbot, window, "show-all-topics")
    assert len(tile_titles(chooser)) == 2
    assert chooser.keyboard is not None  # kiosk: the on-screen keyboard comes up
    qtbot.mouseClick(chooser.search, Qt.MouseButton.LeftButton)
    assert chooser.keyboard.isVisible()


def test_the_choosers_keyboard_searches_it_does_not_ask(
    qtbot: QtBot, library_window: MainWindow
) -> None:
    """The search box finds topics: its keyboard's action key says "Search" (not the
    question box's "Ask"), clears "the search", and shows the tiles found."""
    from PySide6.QtWidgets import QPushButton

    chooser = to_chooser(qtbot, library_window)
    keyboard = chooser.keyboard
    assert keyboard is not None
    qtbot.mouseClick(chooser.search, Qt.MouseButton.LeftButton)
    assert keyboard.findChild(QPushButton, "key-ask") is None
    action = keyboard.findChild(QPushButton, "key-search")
    assert action is not None
    assert (action.text(), action.accessibleName()) == ("Search", "Search")
    clear = keyboard.findChild(QPushButton, "key-clear")
    assert clear is not None
    assert clear.accessibleName() == "Clear the search"
    for letter in "kiosk":
        found = keyboard.findChild(QPushButton, f"key-{letter}")
        assert found is not None
        qtbot.mouseClick(found, Qt.MouseButton.LeftButton)
    assert tile_titles(chooser) == ["How to use this kiosk"]
    library_window.resize(1280, 800)  # with the keyboard up, the topic found is in view
    qtbot.waitUntil(lambda: tile_in_view(chooser), timeout=2000)
    qtbot.mouseClick(action, Qt.MouseButton.LeftButton)
    assert not keyboard.isVisible()  # out of the way of the tiles found
    assert tile_titles(chooser) == ["How to use this kiosk"]
    digits = keyboard.findChild(QPushButton, "key-digits")
    assert digits is not None
    digits.click()
    assert keyboard.digits
    library_window.session.wipe()  # the next visitor: letters, an empty box
    library_window.session.set_language("es")
    chooser = renewed(library_window, chooser)
    assert to_chooser(qtbot, library_window) is chooser
    keyboard = chooser.keyboard
    assert keyboard is not None
    assert not keyboard.digits
    assert chooser.search.text() == ""
    assert keyboard.findChild(QPushButton, "key-ñ") is not None  # the visitor's letters
    qtbot.mouseClick(chooser.search, Qt.MouseButton.LeftButton)
    for letter in "quiosco":  # Spanish has a fifth row of keys, and still the topic found
        found = keyboard.findChild(QPushButton, f"key-{letter}")
        assert found is not None
        qtbot.mouseClick(found, Qt.MouseButton.LeftButton)
    assert tile_titles(chooser) == ["Cómo usar este quiosco"]
    qtbot.waitUntil(lambda: tile_in_view(chooser), timeout=2000)


def test_staff_see_the_whole_library(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    root = two_topics(tmp_path / "content")
    broken = root / "zz-broken"
    broken.mkdir()
    (broken / "bundle.yaml").write_text("metadata: {id: zz-broken}\n", encoding="utf-8")
    window = make_window(kiosk=True, root=root)
    window.open_staff_panel()
    panel = open_dialog(window, "staff")
    shown = panel.errors.toPlainText()  # type: ignore[attr-defined]
    assert "2 of 3 bundle(s) shown" in texts(panel)
    assert "muscle-cramps; version 1.0.0, review status submitted; shown" in shown
    assert "using-the-kiosk; version 1.0.0, review status submitted; shown" in shown
    assert "zz-broken: zz-broken; not shown: its files have errors" in shown
    assert "zz-broken/bundle.yaml" in panel.errors.toPlainText()  # type: ignore[attr-defined]
    assert [b.id for b in window.context.topics] == ["muscle-cramps", "using-the-kiosk"]
    panel.done(0)


def test_fifty_topics_in_the_chooser(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    window = make_window(kiosk=True, root=make_library(tmp_path / "content", 50))
    chooser = to_chooser(qtbot, window)
    assert len(tile_titles(chooser)) == 50
    window.session.set_text_size(3)
    assert chooser.grid.columnCount() >= 1
    qtbot.mouseClick(chooser.tiles[49], Qt.MouseButton.LeftButton)
    assert window.content.bundle is not None
    assert window.content.bundle.id == "topic-49"


@pytest.mark.parametrize("language", ["en", "es"])
def test_fifty_topics_at_200_percent_on_1280x800_nothing_is_clipped(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, language: str
) -> None:
    from kiosk.ui.i18n import use_language
    from tests.ui.test_no_clipping import LARGEST, offenders, settle

    window = make_window(kiosk=True, root=make_library(tmp_path / "content", 50))
    window.resize(1280, 800)
    window.session.set_language(language)
    window.session.set_text_size(LARGEST)
    try:
        chooser = to_chooser(qtbot, window)
        settle()
        assert window.size().toTuple() == (1280, 800)
        assert len(tile_titles(chooser)) == 50
        problems = offenders(window, "chooser")
        # every tile, scrolled into view, is whole and inside the window's width
        for tile in chooser.tiles:
            chooser.page.ensureWidgetVisible(tile)
            settle()
            right = tile.mapTo(window, tile.rect().topRight()).x()
            assert right <= window.width(), tile.text()
            assert tile.heightForWidth(tile.width()) <= tile.height() + 1, tile.text()
        chooser.search.setText("falls")
        qtbot.mouseClick(chooser.search, Qt.MouseButton.LeftButton)  # the keyboard comes up
        problems += offenders(window, "chooser, searching, keyboard up")
        qtbot.mouseClick(chooser.tiles[9], Qt.MouseButton.LeftButton)
        problems += offenders(window, "topic")
        assert find_button(window, "other-topics").isVisible()
        assert problems == []
    finally:
        window.session.wipe()
        use_language("en")


def test_the_question_box_answers_from_the_open_topic_first_then_the_others(
    qtbot: QtBot, library_window: MainWindow
) -> None:
    from kiosk.ui.ask_screen import AskScreen

    window = library_window
    chooser = to_chooser(qtbot, window)
    qtbot.mouseClick(chooser.tiles[1], Qt.MouseButton.LeftButton)  # the kiosk topic
    window.ask_question()
    screen = window.screens["ask"]
    assert isinstance(screen, AskScreen)
    screen.edit.setText("what causes muscle cramps")
    screen.ask()
    assert screen.results is not None
    bundles = [f.bundle_id for f in screen.results.found]
    assert "muscle-cramps" in bundles
    first_other = bundles.index("muscle-cramps")
    assert all(b == "using-the-kiosk" for b in bundles[:first_other])  # the open topic first
    number = first_other + 1
    label = screen.findChild(QLabel, f"answer-{number}-topic")
    assert label is not None
    assert label.text() == "From another topic: Why do muscles cramp?"  # its patient title
    assert screen.findChild(QLabel, "answer-1-topic") is None or first_other == 0
    click(qtbot, screen, f"answer-{number}-open")
    assert window.content.bundle is not None
    assert window.content.bundle.id == "muscle-cramps"
    assert window.current in ("topic", "section")
    assert window.session.visit.topic == "muscle-cramps"
