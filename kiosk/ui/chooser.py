"""The topic chooser (PRODUCT.md: "With several topics: a chooser (large tiles, a search
box across topics)").

Shown after "Which best describes you?" when the library offers more than one topic,
and from "Other topics" on every topic screen. Each tile shows the topic's icon (its
``metadata.icon`` asset, when it has one) and its title in the visitor's language, in
the clinic's order (:class:`kiosk.content.Library`). The search box keeps the tiles
whose title, short answer or section titles hold every word typed (accents and case
ignored); on a kiosk it brings up the on-screen keyboard.

Privacy: what is typed lives in the line edit only, and the wipe empties it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from kiosk.content import Bundle
from kiosk.content.markup import fold, plain_text
from kiosk.ui.screens import Screen, ScreenContext
from kiosk.ui.session import TEXT_SCALES
from kiosk.ui.widgets import WrapButton, button, label, set_button_text

__all__ = ["TopicChooser", "topic_words"]

TILE_WIDTH = 340  # px at 100% text: the narrowest a tile may be before a column goes
ICON = 48  # px at 100% text


def topic_words(bundle: Bundle, language: str) -> str:
    """What the search box looks in: the topic's title, short answer and section titles
    at both levels, in ``language``, folded (lower case, no accents)."""
    parts = [bundle.text(bundle.metadata.title, language)]
    for level in bundle.reading_levels:
        parts.append(bundle.level_text(bundle.topic.title, level, language))
        parts.append(plain_text(bundle.level_text(bundle.topic.summary, level, language)))
        for section in bundle.topic.sections:
            parts.append(bundle.level_text(section.title, level, language))
    return fold(" ".join(parts))


class TopicTile(WrapButton):
    """A large tile: the topic's icon (if any) and its title."""

    def __init__(self, bundle: Bundle, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.bundle = bundle
        self.icon_label = QLabel()
        self.icon_label.setObjectName("tile-icon")
        self.icon_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = self.layout()
        assert layout is not None
        layout.insertWidget(0, self.icon_label)  # type: ignore[attr-defined]
        layout.setSpacing(16)
        icon = bundle.metadata.icon
        path = bundle.asset_path(icon) if icon else None
        self._icon = QIcon(str(path)) if path is not None else None
        self.icon_label.setVisible(self._icon is not None)
        self.setProperty("role", "big")
        self.setProperty("tile", True)
        self.setProperty("focusPolicy", Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)

    def show_icon(self, scale: float) -> None:
        if self._icon is not None:
            side = round(ICON * scale)
            self.icon_label.setPixmap(self._icon.pixmap(QSize(side, side)))
            self.icon_label.setFixedSize(side, side)


class TopicChooser(Screen):
    """Large tiles, one per topic, and a search box across topics.

    Signals:
        topicChosen(str): a tile was tapped (the bundle id).
    """

    name = "topics"
    topicChosen = Signal(str)

    def __init__(self, context: ScreenContext, topics: Sequence[Bundle]) -> None:
        super().__init__(context)
        self.setObjectName("topics")
        self.topics = list(topics)
        layout = self.scrolling_column()
        self.heading = label(role="h1")
        layout.addWidget(self.heading)
        self.hint = label()
        layout.addWidget(self.hint)
        self.search = QLineEdit()
        self.search.setObjectName("topic-search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.keyboard = None
        if context.kiosk:  # touch only: a laptop has its own keyboard
            from kiosk.ui.keyboard import OnScreenKeyboard

            self.keyboard = OnScreenKeyboard(action="search")  # its key says "Search"
            self.keyboard.attach(self.search)
            self.keyboard.submitted.connect(self._hide_keyboard)
            self.keyboard.closed.connect(self._hide_keyboard)
            self.keyboard.setVisible(False)
            outer = self.layout()
            assert outer is not None
            outer.addWidget(self.keyboard)
            self.search.installEventFilter(self)
        self.none_found = label(role="h2")
        self.none_found.setObjectName("no-topic")
        layout.addWidget(self.none_found)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        layout.addLayout(self.grid)
        # under the tiles found, not above them: with the keyboard up there is room for
        # one row of tiles under the search box, and it must be the topics found
        self.show_all = button("", name="show-all-topics", on_click=self.search.clear)
        layout.addWidget(self.show_all)
        layout.addStretch(1)
        self.tiles: list[TopicTile] = []
        for index, bundle in enumerate(self.topics):
            tile = TopicTile(bundle, f"topic-{index}")
            tile.setParent(self.page.body)
            tile.setVisible(False)
            tile.setMinimumHeight(96)
            tile.clicked.connect(partial(self.topicChosen.emit, bundle.id))
            self.tiles.append(tile)
        self._columns = 0
        self._shown: list[TopicTile] = []
        self._words: dict[str, list[str]] = {}  # language -> each topic's folded words
        self.refresh()

    def _hide_keyboard(self) -> None:
        if self.keyboard is not None:
            self.keyboard.setVisible(False)

    def eventFilter(self, watched: object, event: object) -> bool:
        from PySide6.QtCore import QEvent

        if (
            watched is self.search
            and self.keyboard is not None
            and isinstance(event, QEvent)
            and event.type() == QEvent.Type.MouseButtonPress  # a touch, not the focus
        ):
            self.keyboard.setVisible(True)
        return False

    def refresh(self) -> None:
        session = self.context.session
        self.heading.setText(self.tr("Choose a topic"))
        self.hint.setText(self.tr("Touch a topic to read about it."))
        self.search.setPlaceholderText(self.tr("Search the topics"))
        self.search.setAccessibleName(self.tr("Search the topics"))
        self.none_found.setText(self.tr("No topic matches your search."))
        set_button_text(self.show_all, self.tr("Show all topics"))
        if self.keyboard is not None:  # the visitor's letters (Spanish: ñ, á, ...)
            self.keyboard.set_language(session.language)
        scale = TEXT_SCALES[session.text_size]
        for tile in self.tiles:
            tile.setText(tile.bundle.text(tile.bundle.metadata.title, session.language))
            tile.show_icon(scale)
        self._filter()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place()

    def _matching(self) -> list[TopicTile]:
        wanted = fold(self.search.text()).split()
        if not wanted:
            return self.tiles
        language = self.context.session.language
        words = self._words.get(language)
        if words is None:
            words = self._words[language] = [topic_words(t.bundle, language) for t in self.tiles]
        return [
            tile
            for tile, text in zip(self.tiles, words, strict=True)
            if all(any(w.startswith(part) for w in text.split()) for part in wanted)
        ]

    def _filter(self) -> None:
        shown = self._matching()
        self.none_found.setVisible(not shown)
        self.show_all.setVisible(len(shown) < len(self.tiles))
        self._place(shown)

    def _place(self, shown: list[TopicTile] | None = None) -> None:
        """Lay the tiles out in as many columns as fit their width at this text size."""
        scale = TEXT_SCALES[self.context.session.text_size]
        room = self.width() - 128 - 24  # the page's margins and its scroll bar
        columns = max(1, min(3, room // round(TILE_WIDTH * scale)))
        if shown is None:
            if columns == self._columns:
                return
            shown = self._shown
        self._columns, self._shown = columns, shown
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.setVisible(False)
        for place, tile in enumerate(shown):
            self.grid.addWidget(tile, place // columns, place % columns)
            tile.setVisible(True)
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def tiles_shown(self) -> list[QWidget]:
        return [t for t in self.tiles if t.isVisible()]
