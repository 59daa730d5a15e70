"""The chrome above the screens: the header row (with read-aloud) and the review banner.

Each is built when a screen first needs it (not for the welcome), shown where the
visible screen asks for it (:class:`~kiosk.ui.screens.Screen`'s class attributes), and
comes first in the Tab order and in a screen reader's tree, as shown.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.content import Bundle
from kiosk.ui.banner import Banner
from kiosk.ui.header import Header
from kiosk.ui.lockdown import no_context_menus
from kiosk.ui.options import WindowOptions
from kiosk.ui.screens import Screen
from kiosk.ui.session import Session
from kiosk.ui.widgets import discard, release_layout_items

if TYPE_CHECKING:
    from kiosk.ui.speech import ReadAloud

NO_CONSTRAINT = 0  # QLayout.SizeConstraint.SetNoConstraint (a property: no enum to build)
TAB_FOCUS = 1  # Qt.FocusPolicy.TabFocus, as a property


class Chrome(QObject):
    """The column of ``window``'s ``central`` widget: the header and the banner (when
    built) above ``stack``, the screens.

    Signals (the header's and the banner's requests):
        startOverRequested(), otherTopicsRequested(), readAloudRequested(),
        aboutRequested()
    """

    startOverRequested = Signal()
    otherTopicsRequested = Signal()
    readAloudRequested = Signal()
    aboutRequested = Signal()

    def __init__(
        self,
        window: QWidget,
        session: Session,
        options: WindowOptions,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.central = QWidget()
        self.central.setObjectName("central")
        self.column = QVBoxLayout(self.central)
        # the window never insists on a minimum size: a full-screen kiosk window must fit
        # any screen (content scrolls; long titles wrap)
        self.column.setProperty("sizeConstraint", NO_CONSTRAINT)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(0)
        self.stack = QStackedWidget()
        # a stack asks for the largest minimum of all its screens (the question box's
        # keyboard), whichever is shown; each screen fits itself to the room there is
        self.stack.setMinimumSize(1, 1)
        self.column.addWidget(self.stack, 1)
        self.session = session
        self.options = options
        self.kiosk = options.kiosk
        self._speech: ReadAloud | None = None  # made with the header (not for the welcome)
        self.built_header: Header | None = None
        self.built_banner: Banner | None = None
        # what the last update showed: the screen's kind, the bundle, how many topics
        self._shown: tuple[type[Screen], Bundle | None, int] = (Screen, None, 0)

    @property
    def speech(self) -> ReadAloud:
        """Read-aloud, made when first needed (the engine itself only when first used)."""
        if self._speech is None:
            from kiosk.ui.speech import ReadAloud  # Qt's speech module: not at start-up

            self._speech = ReadAloud(self.options.speech_engine, self.window)
            self._speech.stateChanged.connect(self._speech_state_changed)
        return self._speech

    def _speech_state_changed(self, _state: object) -> None:
        if self.built_header is not None:
            self._update_header()

    def read_aloud(self, screen: QWidget | None) -> None:
        """The one "Read aloud" button: read ``screen``'s text at the session's level and
        in its language (taken when reading starts); pause; go on."""
        spoken = getattr(screen, "spoken_text", None)
        if self.speech.available and spoken is not None:
            self.speech.toggle(lambda: (spoken(), self.session.language))

    def quiet(self) -> None:
        """Stop reading aloud, if it ever started."""
        if self._speech is not None:
            self._speech.stop()

    def reset_speech(self) -> None:
        """The wipe: stop reading; volume and rate back to their defaults."""
        if self._speech is not None:
            self._speech.reset()

    def drop(self) -> None:
        """The wipe: throw the header and the banner away (built again when first
        needed), so that nothing a visitor did to them stays: focus, a pressed button,
        rows arranged for their text size."""
        for built in (self.built_header, self.built_banner):
            if built is not None:
                self.column.removeWidget(built)
                discard(built)
        self.built_header = self.built_banner = None

    @property
    def header(self) -> Header:
        """The header row, built on first need."""
        if self.built_header is None:
            speech = self.speech
            header = self.built_header = Header(self.session, speech)
            header.startOverRequested.connect(self.startOverRequested)
            header.otherTopicsRequested.connect(self.otherTopicsRequested)
            header.readAloudRequested.connect(self.readAloudRequested)
            header.reordered.connect(self.tab_first)
            self.column.insertWidget(0, header)
            header.set_languages(self._shown[1])
            header.arrange(self.window.width())  # in rows before it is first shown
            self._added(header)
        return self.built_header

    @property
    def banner(self) -> Banner:
        """The review banner of the reading screens, built on first need."""
        if self.built_banner is None:
            banner = self.built_banner = Banner()
            banner.aboutRequested.connect(self.aboutRequested)
            self.column.insertWidget(self.column.indexOf(self.stack), banner)
            self._added(banner)
        return self.built_banner

    def _added(self, widget: QWidget) -> None:
        self.stack.raise_()  # a screen reader's tree in the order shown: the chrome first
        if self.kiosk:
            no_context_menus(widget)  # built after the window was first shown
        self.tab_first()

    def tab_first(self) -> None:
        """Tab through the header and the banner before the screens, as if built first.

        The chrome is moved to the front of the window's focus chain, right after the
        window itself (the screens' own order is left as it is). Nothing here walks the
        chain: asking Qt for each widget in it (``nextInFocusChain``, ``focusPolicy``)
        made a Python wrapper for every scroll area's viewport and scroll bar holders
        that it met, which PySide kept with the scroll area once Qt had made a new one:
        7 wrappers more per visit, for as long as the kiosk ran (bench/soak.py).
        """
        release_layout_items()  # no stale item wrapper may come back as a widget below
        # the header's controls as its rows show them (they move between rows with the
        # text size and the language), then the banner's
        chrome = self.built_header.controls() if self.built_header is not None else []
        if self.built_banner is not None:
            chrome.append(self.built_banner.about)
        if not chrome:
            return
        window = self.window
        # setTabOrder ignores a widget that takes no focus: the window takes Tab focus
        # for as long as it takes to put the chrome's first control right after it
        policy = window.property("focusPolicy")
        window.setProperty("focusPolicy", TAB_FOCUS)
        try:
            QWidget.setTabOrder(window, chrome[0])
        finally:
            window.setProperty("focusPolicy", policy)
        for first, second in pairwise(chrome):
            QWidget.setTabOrder(first, second)
        for widget in chrome:  # a screen reader's tree in the same order (the rows')
            widget.raise_()

    def set_languages(self, bundle: Bundle | None) -> None:
        """New content: the header's language buttons (if it is built) for ``bundle``."""
        self._shown = (self._shown[0], bundle, self._shown[2])
        if self.built_header is not None:
            self.built_header.set_languages(bundle)

    def update(self, kind: type[Screen], bundle: Bundle | None, topics: int) -> None:
        """Show the chrome a screen of ``kind`` asks for, in the session's words."""
        self._shown = (kind, bundle, topics)
        if self.built_header is not None or kind.shows_header:
            self._update_header()
        if self.built_banner is not None or kind.shows_banner:
            size = self.session.text_size
            self.banner.update_for(bundle, shown=kind.shows_banner, text_size=size)

    def _update_header(self) -> None:
        kind, bundle, topics = self._shown
        self.header.setVisible(kind.shows_header)
        width = self.window.width()
        self.header.update_for(reading=kind.reading, bundle=bundle, topics=topics, width=width)

    def arrange(self) -> None:
        """The window's width changed: the header's rows again."""
        if self.built_header is not None:
            self.built_header.arrange(self.window.width())
