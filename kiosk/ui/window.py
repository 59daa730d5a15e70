"""The main window: a header, the review banner, and a stack of screens.

Two modes (PRODUCT.md):

- laptop (default): a normal window with menus and keyboard shortcuts;
- kiosk: full screen, frameless, no way to close it but the staff panel, no context
  menus, kinetic scrolling, the idle countdown and reset.

Start-up builds only what the first screen shows: the header and the review banner
are built when a screen first needs them, and the first screen's buttons get their
hand cursor when a mouse pointer first moves over the window (setting a cursor builds
the ``Qt`` namespace's enums, see :mod:`kiosk.ui.widgets`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import Bundle, ContentState

if TYPE_CHECKING:  # dialogs are imported when first opened, not at start-up
    from PySide6.QtGui import QAction, QCloseEvent
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog, QPushButton

    from kiosk.search import SearchIndex
    from kiosk.selfcheck import SelfCheckEngine
    from kiosk.ui.dialogs import CountdownDialog, StaffPanel
    from kiosk.ui.speech import ReadAloud
    from kiosk.ui.updates import FleetUpdates
from kiosk.ui.idle import CornerTaps, IdleWatcher
from kiosk.ui.screens import (
    AudienceScreen,
    Screen,
    ScreenContext,
    SectionScreen,
    TopicScreen,
    UpdatingScreen,
    WelcomeScreen,
)
from kiosk.ui.session import TEXT_SCALES, Session
from kiosk.ui.theme import DEFAULT, Theme
from kiosk.ui.widgets import (
    button,
    chosen_text,
    clear_layout,
    cursors_later,
    label,
    release_layout_items,
    set_button_text,
    set_hand_cursor,
)

NO_CONSTRAINT = 0  # QLayout.SizeConstraint.SetNoConstraint (a property: no enum to build)


@dataclass
@dataclass
class WindowOptions:
    """How the window behaves: the mode, the idle reset, the staff PIN, reloading, printing.

    (A docstring also spares the dataclass machinery an ``inspect.signature`` at import.)
    """

    kiosk: bool = False
    idle_seconds: float = 90.0
    warning_seconds: int = 20  # WCAG 2.2.1: at least 20 s
    idle_reset: bool = False  # laptop mode resets only when asked
    check_pin: Callable[[str], bool] = lambda _pin: False
    pin_locked_for: Callable[[], float] = lambda: 0.0
    pin_wrong_before: Callable[[], int] = lambda: 0  # wrong PINs before the last right one
    reload: Callable[[], ContentState] | None = None
    printer_name: str | None = None  # kiosk: print here, with no dialog (default printer)
    speech_engine: str | None = None  # read-aloud: Qt's engine name (None: the platform's)


class _Screens(dict[str, Screen]):
    """The screens by name; a screen is built the first time it is asked for."""

    def __init__(self, make: Callable[[str], Screen]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, name: str) -> Screen:
        screen = self[name] = self.make(name)
        return screen


class Lockdown(QObject):
    """Kiosk mode: swallows closing keys and context menus everywhere in the app."""

    # key codes as ints: naming Qt.Key members at import would build the Qt namespace's
    # enums before the first screen is shown
    CLOSING_KEYS = frozenset({0x01000000, 0x01000033, 0x51, 0x57})  # Escape, F4, Q, W

    def __init__(self, parent: QObject | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        modifier = Qt.KeyboardModifier
        self.closing_modifiers = modifier.AltModifier | modifier.ControlModifier

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu:
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = int(event.key())
            if key == 0x01000000:  # Escape
                return True
            if key in self.CLOSING_KEYS and event.modifiers() & self.closing_modifiers:
                return True
        return False


class _PointerArrives(QObject):
    """Calls ``then`` once, when a mouse pointer first moves or clicks over a window.

    Install it on the window's QWindow; it removes itself.
    """

    def __init__(self, then: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseMove or kind == QEvent.Type.MouseButtonPress:
            watched.removeEventFilter(self)
            self.then()
        return False


def _engine_for(bundle: Bundle | None) -> SelfCheckEngine | None:
    if bundle is None or bundle.document.selfcheck is None:
        return None
    selfcheck = bundle.document.selfcheck
    from kiosk.selfcheck import SelfCheckEngine  # when first needed: not for the welcome

    return SelfCheckEngine(selfcheck, bundle.signs)


def _topics(content: ContentState) -> tuple[Bundle, ...]:
    """The topics a visitor may choose from: the library's shown ones, in its order."""
    topics = tuple(content.library.topics) if content.library is not None else ()
    if content.bundle is not None and content.bundle not in topics:
        topics = (content.bundle,)  # the last good content, kept when a reload failed
    return topics


class MainWindow(QMainWindow):
    """The app's only window. Screens are in ``self.screens`` by name.

    Signals:
        screenChanged(str): the visible screen changed (its name).
    """

    screenChanged = Signal(str)

    def __init__(
        self, content: ContentState, session: Session, options: WindowOptions,
        theme: Theme = DEFAULT,
    ) -> None:  # fmt: skip
        super().__init__()
        self.setObjectName("main-window")
        self.content = content
        self.session = session
        self.options = options
        self.theme = theme
        self.allow_close = not options.kiosk
        self.countdown: CountdownDialog | None = None
        self.setWindowTitle(self.tr("Health information kiosk"))
        self.context = ScreenContext(content.bundle, session, theme, options.kiosk,
                                     topics=_topics(content))  # fmt: skip
        self._engine_pending = True  # the context's engine is made when first needed
        self.printer: QPrinter | None = None  # a ready printer instead of asking (tests)
        self.printed_this_visit = False  # kiosk: one handout per visit
        self._waiting_cursors: list[QWidget] = []  # the first screen's buttons (see the top)

        central = QWidget()
        central.setObjectName("central")
        self._column = QVBoxLayout(central)  # the header, the banner, the screens
        # the window never insists on a minimum size: a full-screen kiosk window must fit
        # any screen (content scrolls; long titles wrap)
        self._column.setProperty("sizeConstraint", NO_CONSTRAINT)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._header: QFrame | None = None  # built when first needed (not on the welcome)
        self._banner: QFrame | None = None
        self.language_buttons: dict[str, QPushButton] = {}
        self.stack = QStackedWidget()
        # a stack asks for the largest minimum of all its screens (the question box's
        # keyboard), whichever is shown; each screen fits itself to the room there is
        self.stack.setMinimumSize(1, 1)
        self._column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.screens: dict[str, Screen] = {}
        self._speech: ReadAloud | None = None  # made with the header (not for the welcome)
        self._search: SearchIndex | None = None  # the question box's, made on first need
        self.translation_missing: str | None = None  # a language whose .qm did not load
        self.fleet: FleetUpdates | None = None  # content updates between visits, if set up
        self._ask_from = "topic"  # where the question box's "Back" goes
        self._menu_actions: list[QAction] = []
        self._build_screens()

        session.levelChanged.connect(self._level_changed)
        session.languageChanged.connect(self._language_changed)
        session.textSizeChanged.connect(self._text_size_changed)
        session.contrastChanged.connect(self._contrast_changed)
        session.wiped.connect(self._after_wipe)

        self.idle = IdleWatcher(options.idle_seconds, self)
        self.idle.idle.connect(self._on_idle)
        self.idle.activity.connect(self._on_activity)
        self.lockdown: Lockdown | None = None
        if options.kiosk:
            from PySide6.QtCore import Qt

            self.lockdown = Lockdown(self)
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        else:
            # from the event loop once it runs; in practice still before the first paint,
            # so the menu bar is in the first frame (~4 ms of start-up, most of it Qt's
            # QMenuBar, QAction and QKeySequence types being set up for Python)
            QTimer.singleShot(0, self._build_menus)
        self.corner_taps = CornerTaps(self)
        self.corner_taps.triggered.connect(self.open_staff)
        if options.kiosk or options.idle_reset:
            self.idle.start()
        self.apply_style()
        cursors_later(self._waiting_cursors)
        try:
            self.go("welcome" if content.bundle is not None else "updating")
        finally:
            cursors_later(None)
        self._pointer_arrives = _PointerArrives(self._set_waiting_cursors, self)

    # -- building ------------------------------------------------------------------
    @property
    def speech(self) -> ReadAloud:
        """Read-aloud, made when first needed (the engine itself only when first used)."""
        if self._speech is None:
            from kiosk.ui.speech import ReadAloud

            self._speech = ReadAloud(self.options.speech_engine, self)
        return self._speech

    def _quiet(self) -> None:
        """Stop reading aloud, if it ever started."""
        if self._speech is not None:
            self._speech.stop()

    def _set_waiting_cursors(self) -> None:
        waiting, self._waiting_cursors = self._waiting_cursors, []
        set_hand_cursor(waiting)

    @property
    def header(self) -> QFrame:
        """The header row (start over, reading level, text size, language), built on first need."""
        return self._header if self._header is not None else self._add_header()

    @property
    def banner(self) -> QFrame:
        """The review banner of the reading screens, built on first need."""
        return self._banner if self._banner is not None else self._add_banner()

    def _add_header(self) -> QFrame:
        header = self._header = self._build_header()
        self._column.insertWidget(0, header)
        self.stack.raise_()  # a screen reader's tree in the order shown: header first
        self._build_language_buttons()
        self._arrange_header()
        self._no_context_menus(header)
        self._tab_chrome_first()
        self._update_header()
        return header

    def _add_banner(self) -> QFrame:
        banner = self._banner = self._build_banner()
        self._column.insertWidget(self._column.indexOf(self.stack), banner)
        self.stack.raise_()  # after the banner in a screen reader's tree, as shown
        self._no_context_menus(banner)
        self._tab_chrome_first()
        self._update_banner()
        return banner

    def _tab_chrome_first(self) -> None:
        """Tab through the header and the banner before the screens, as if built first."""
        from PySide6.QtCore import Qt

        from kiosk.ui.widgets import controls_in_layout_order

        release_layout_items()  # no stale item wrapper may come back as a widget below
        # the header's controls as its rows show them (they move between rows with the
        # text size and the language), then the banner's
        chrome = controls_in_layout_order(self._header) if self._header is not None else []
        if self._banner is not None:
            chrome.append(self.banner_about)
        screens = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and self.stack.isAncestorOf(widget):
                screens.append(widget)
            widget = widget.nextInFocusChain()
        for first, second in pairwise(chrome + screens):
            QWidget.setTabOrder(first, second)
        for widget in chrome:  # a screen reader's tree in the same order (the rows')
            widget.raise_()

    def _no_context_menus(self, widget: QWidget) -> None:
        """Kiosk mode: no context menu on ``widget`` and its children (built after the
        window was first shown, so :meth:`watch` did not see them)."""
        if self.options.kiosk:
            from PySide6.QtCore import Qt

            for each in [widget, *widget.findChildren(QWidget)]:
                each.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        rows = QVBoxLayout(header)
        rows.setContentsMargins(16, 10, 16, 10)
        rows.setSpacing(10)
        row = QHBoxLayout()
        row.setSpacing(10)
        rows.addLayout(row)
        # the reading-level buttons: in the top row, or on a row of their own when the
        # text is large (so that no button is cut short; see _arrange_header)
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
        self.start_over = button("", name="start-over", on_click=self.start_again)
        row.addWidget(self.start_over)
        self.other_topics = button("", name="other-topics", on_click=lambda: self.go("topics"))
        row.addWidget(self.other_topics)
        row.addStretch(1)
        row.addLayout(self.level_row)
        # two buttons, not a QButtonGroup: Tab stops at both (in a group, Tab stops at
        # the chosen one only, and the arrow keys change the level as the focus moves)
        self.level_buttons: dict[str, QPushButton] = {}
        for level in ("patient", "clinician"):
            widget = button("", name=f"level-{level}",
                            on_click=partial(self._choose_level, level))  # fmt: skip
            widget.setProperty("a11y", "radio")
            widget.setCheckable(True)
            self.level_buttons[level] = widget
            self.level_row.addWidget(widget)
        row.addSpacing(12)
        self.smaller = button("", name="text-smaller", on_click=lambda: self.change_text(-1))
        self.larger = button("", name="text-larger", on_click=lambda: self.change_text(1))
        row.addWidget(self.smaller)
        row.addWidget(self.larger)
        self.contrast = button("", name="contrast", on_click=self.toggle_contrast)
        self.contrast.setCheckable(True)
        row.addWidget(self.contrast)
        # read-aloud: one button that reads, pauses and goes on, and one that stops
        self.read_aloud = button("", name="read-aloud", on_click=self.toggle_read_aloud)
        self.stop_reading = button("", name="stop-reading", on_click=self.speech.stop)
        row.addWidget(self.read_aloud)
        row.addWidget(self.stop_reading)
        self.speech.stateChanged.connect(lambda _state: self._update_header())
        self.language_buttons = {}
        self.language_row = QHBoxLayout()
        row.addLayout(self.language_row)
        return header

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

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setProperty("role", "banner")
        banner.setObjectName("review-banner")
        row = QHBoxLayout(banner)
        row.setContentsMargins(16, 8, 16, 8)
        column = QVBoxLayout()
        self.banner_caution = label(role="caution")
        self.banner_text = label()
        column.addWidget(self.banner_caution)
        column.addWidget(self.banner_text)
        row.addLayout(column, 1)
        self.banner_about = button("", name="banner-about", on_click=self.show_about)
        row.addWidget(self.banner_about)
        wrapper = QFrame()
        wrapper.setObjectName("banner-wrapper")
        layout = QVBoxLayout(wrapper)
        layout.setContentsMargins(16, 8, 16, 0)
        layout.addWidget(banner)
        return wrapper

    def _build_screens(self) -> None:
        """Forget the screens; each is built when first shown (start-up builds one)."""
        for screen in self.screens.values():
            self.stack.removeWidget(screen)
            screen.hide()
            screen.setParent(None)  # out of the window now; deleted once back in the loop
            screen.deleteLater()
        self.screens = _Screens(self._make_screen)
        self._build_language_buttons()

    def _make_screen(self, name: str) -> Screen:
        context = self.context
        if name not in ("welcome", "updating"):
            self._engine_ready()  # the topic and the self-check screens use it
        screen: Screen
        if name == "welcome":
            screen = WelcomeScreen(context)
            screen.started.connect(lambda: self.go("audience"))
        elif name == "audience":
            screen = AudienceScreen(context)
            screen.chosen.connect(self._audience_chosen)
        elif name == "topic":
            screen = TopicScreen(context)
            screen.sectionChosen.connect(self.open_section)
            screen.citationActivated.connect(self.show_reference)
            screen.aboutRequested.connect(self.show_about)
            screen.selfcheckRequested.connect(self.start_selfcheck)
            screen.askRequested.connect(self.ask_question)
        elif name == "section":
            screen = SectionScreen(context)
            screen.backRequested.connect(lambda: self.go("topic"))
            screen.sectionChosen.connect(self.open_section)
            screen.citationActivated.connect(self.show_reference)
            screen.aboutRequested.connect(self.show_about)
        elif name == "updating":
            screen = UpdatingScreen(context)
        elif name == "topics":
            from kiosk.ui.chooser import TopicChooser

            chooser = TopicChooser(context, context.topics)
            chooser.topicChosen.connect(self.choose_topic)
            screen = chooser
        elif name == "ask":
            from kiosk.ui.ask_screen import AskScreen

            ask = AskScreen(context, self.search_index)
            ask.sectionChosen.connect(self.open_section)
            ask.otherTopicChosen.connect(self.open_other_topic)
            ask.topicRequested.connect(lambda: self.go("topic"))
            ask.citationActivated.connect(self.show_reference)
            ask.backRequested.connect(lambda: self.go(self._ask_from))
            screen = ask
        elif name in ("question", "results") and context.engine is not None:
            screen = self._make_selfcheck_screen(name, context.engine)
        else:
            raise KeyError(name)
        self.stack.addWidget(screen)
        release_layout_items()  # its rows' item wrappers (see there)
        return screen

    def _build_language_buttons(self) -> None:
        if self._header is None:
            return  # the header makes them when it is built
        for old in self.language_buttons.values():  # wherever the header put them
            for row in (self.language_row, self.middle_row, self.top_row):
                row.removeWidget(old)
            old.setParent(None)
            old.deleteLater()
        clear_layout(self.language_row)
        self.language_buttons = {}
        bundle = self.content.bundle
        languages = list(bundle.languages) if bundle else []
        if len(languages) < 2:
            return
        for language in languages:
            widget = button(language.upper(), name=f"language-{language}",
                            on_click=partial(self._choose_language, language))  # fmt: skip
            widget.setCheckable(True)
            self.language_buttons[language] = widget
            self.language_row.addWidget(widget)
            widget.setVisible(True)  # now, not when Qt gets to it: the rows count it
        self._tab_chrome_first()  # new buttons go last in the Tab order: put them back

    def _build_menus(self) -> None:
        """The laptop's menus, in the session's language (built again when it changes)."""
        from PySide6.QtGui import QKeySequence

        for old in self._menu_actions:
            self.removeAction(old)
        self._menu_actions = []
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("Start over"), "Ctrl+N", self.start_again)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        view = bar.addMenu(self.tr("&View"))
        self._action(view, self.tr("Larger text"), QKeySequence.StandardKey.ZoomIn,
                     lambda: self.change_text(1), extra=("Ctrl+=",))  # fmt: skip
        self._action(view, self.tr("Smaller text"), QKeySequence.StandardKey.ZoomOut,
                     lambda: self.change_text(-1))  # fmt: skip
        self._action(view, self.tr("Switch reading level"), "Ctrl+L", self.toggle_level)
        self._action(view, self.tr("Full screen"), "F11", self.toggle_full_screen)
        self._action(view, self.tr("High contrast"), "Ctrl+Shift+H", self.toggle_contrast)
        self._action(view, self.tr("Read aloud"), "Ctrl+R", self.toggle_read_aloud)
        self._action(view, self.tr("Ask a question"), QKeySequence.StandardKey.Find,
                     self.ask_question)  # fmt: skip
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("About this information"), "F1", self.show_about)
        self._action(help_menu, self.tr("Content status"), None, self.open_staff_panel)

    def _action(
        self, menu: QWidget, text: str, shortcut: object, slot: Callable[[], object],
        extra: Sequence[str] = (),
    ) -> QAction:  # fmt: skip
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(self)  # then the text: QAction(text, parent) first builds QIcon
        action.setText(text)
        shortcuts = []
        if isinstance(shortcut, QKeySequence.StandardKey):
            shortcuts.extend(QKeySequence.keyBindings(shortcut))
        elif isinstance(shortcut, str):
            shortcuts.append(QKeySequence(shortcut))
        shortcuts.extend(QKeySequence(s) for s in extra)
        action.setShortcuts(shortcuts)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.addAction(action)
        self._menu_actions.append(action)
        return action

    # -- moving between screens ----------------------------------------------------
    @property
    def current(self) -> str:
        widget = self.stack.currentWidget()
        return widget.objectName() if widget is not None else ""

    def go(self, name: str) -> None:
        if self.content.bundle is None:
            name = "updating"
        screen = self.screens[name]
        if self.options.kiosk:
            from PySide6.QtCore import Qt

            for child in screen.findChildren(QWidget):  # widgets made since the last look
                child.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        if screen.stale:
            screen.refresh()
            screen.stale = False
        arriving = screen is not self.stack.currentWidget()
        if arriving:
            self._quiet()  # what was read belongs to the screen left
        self.stack.setCurrentWidget(screen)
        self._update_chrome()
        if arriving:
            screen.arrive()  # focus and announcement (screen readers)
        self.screenChanged.emit(name)

    def _make_selfcheck_screen(self, name: str, engine: SelfCheckEngine) -> Screen:
        from kiosk.ui.selfcheck_screens import QuestionScreen, ResultsScreen

        if name == "question":
            question = QuestionScreen(self.context, engine)
            question.finished.connect(self.show_results)
            question.backRequested.connect(lambda: self.go("topic"))
            return question
        results = ResultsScreen(self.context, engine)
        results.sectionChosen.connect(self.open_section)
        results.citationActivated.connect(self.show_reference)
        results.backRequested.connect(lambda: self.go("topic"))
        results.againRequested.connect(self.start_selfcheck)
        results.printRequested.connect(self.print_handout)
        results.saveRequested.connect(self.save_handout)
        results.askRequested.connect(self.ask_question)
        return results

    @property
    def engine(self) -> SelfCheckEngine | None:
        """The self-check of the content shown, if it has one."""
        self._engine_ready()
        return self.context.engine

    def _engine_ready(self) -> None:
        """Make the context's self-check engine, if not yet made (start-up leaves it)."""
        if self._engine_pending:
            self._engine_pending = False
            self.context.engine = _engine_for(self.content.bundle)

    def start_selfcheck(self) -> None:
        """ "Check my risk factors": the intro, then the questions (answers so far kept)."""
        screen = self.screens["question"]
        screen.start()  # type: ignore[attr-defined]
        self.go("question")

    def search_index(self) -> SearchIndex:
        """The question box's index of the content shown (built when first asked)."""
        from kiosk.search import SearchIndex

        if self._search is None:
            # every topic of the library: the open one's answers first, then the others'
            self._search = SearchIndex(self.context.topics)
        return self._search

    def ask_question(self) -> None:
        """ "Have a follow-up question?" (Ctrl+F on a laptop): the question box."""
        if self.content.bundle is None or self.current in (
            "welcome",
            "audience",
            "updating",
            "topics",
        ):
            return
        if self.current != "ask":
            here = self.current
            self._ask_from = here if here in ("topic", "section", "results") else "topic"
        screen = self.screens["ask"]
        self.go("ask")
        screen.begin()  # type: ignore[attr-defined]

    def toggle_read_aloud(self) -> None:
        """Read the screen aloud; pause; go on (one button, for touch)."""
        if self.current in ("welcome", "audience", "updating") or not self.speech.available:
            return
        self.speech.toggle(self._spoken)

    def _spoken(self) -> tuple[str, str]:
        """The visible screen's text, at the session's level, and its language."""
        current = self.stack.currentWidget()
        text = current.spoken_text() if isinstance(current, Screen) else ""
        return text, self.session.language

    def show_results(self) -> None:
        screen = self.screens["results"]
        screen.show_results()  # type: ignore[attr-defined]
        if "topic" in self.screens:
            self.screens["topic"].stale = True  # it marks what applies: redraw when shown
        self.go("results")

    def _handout_html(self) -> str:
        from kiosk.ui.handout import handout_html

        bundle = self.content.bundle
        assert bundle is not None
        evaluation = self.engine.evaluate(self.session.answers) if self.engine else None
        return handout_html(bundle, self.session.reading_level, self.session.language,
                            evaluation)  # fmt: skip

    def print_handout(self) -> None:
        """Kiosk: straight to the configured printer, one handout a visit (paper and toner
        are the clinic's; the reason is said on screen); laptop: the print dialog."""
        from kiosk.ui.handout import print_handout

        if self.options.kiosk and self.printed_this_visit:
            self._tell(self.tr("This kiosk prints one handout per visit, and yours has "
                               "been printed. Please ask a member of staff if you need "
                               "another copy."))  # fmt: skip
            return
        done = print_handout(self._handout_html(), self, kiosk=self.options.kiosk,
                             printer_name=self.options.printer_name,
                             printer=self.printer)  # fmt: skip
        self.printed_this_visit = self.printed_this_visit or bool(done)
        if not done and self.printer is None:
            self._tell(self.tr("The handout could not be printed. Please ask a member of "
                               "staff."))  # fmt: skip

    def save_handout(self) -> None:
        """Laptop: save the handout as a PDF where the user chooses (never in kiosk mode)."""
        if self.options.kiosk:
            return
        from PySide6.QtWidgets import QFileDialog

        from kiosk.ui.handout import render_pdf

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the handout"),
                                              "handout.pdf", "PDF (*.pdf)")  # fmt: skip
        if path:
            try:
                render_pdf(self._handout_html(), Path(path))
            except OSError as exc:
                self._tell(self.tr("The handout could not be saved: {reason}").format(
                    reason=exc.strerror or exc))  # fmt: skip

    def _tell(self, message: str) -> None:
        from kiosk.ui.dialogs import ReadingDialog

        ReadingDialog(self, kiosk=self.options.kiosk, title=self.tr("Handout"),
                      html=message, name="handout-message").open()  # fmt: skip

    def _audience_chosen(self, level: str) -> None:
        self.session.set_level(level)
        self.go("topics" if len(self.context.topics) > 1 else "topic")

    def choose_topic(self, bundle_id: str) -> None:
        """Open the topic ``bundle_id`` of the library (a tile, or "Other topics")."""
        bundle = next((b for b in self.context.topics if b.id == bundle_id), None)
        if bundle is None:
            return
        self.session.visit.open_topic(bundle_id)
        if bundle is not self.content.bundle:
            self._show_topic(bundle)
        self.go("topic")

    def open_other_topic(self, bundle_id: str, section_id: str) -> None:
        """An answer of the question box from another topic: open that topic there."""
        self.choose_topic(bundle_id)
        if section_id:
            self.open_section(section_id)

    def _show_topic(self, bundle: Bundle) -> None:
        """Show ``bundle``: its screens, banner and self-check; answers belong to a topic."""
        from dataclasses import replace

        library = self.content.library
        stale = library is not None and bundle.id in library.stale
        self.content = replace(self.content, bundle=bundle, stale=stale)
        self.context.bundle = bundle
        self.context.engine = _engine_for(bundle)
        self._engine_pending = False
        self.session.visit.clear_answers()
        self._build_screens()

    def open_section(self, section_id: str) -> None:
        section = self.screens["section"]
        assert isinstance(section, SectionScreen)
        section.show_section(section_id)
        self.go("section")

    def start_again(self) -> None:
        """ "Start over": forget everything and return to the welcome screen."""
        self.session.wipe()

    def _after_wipe(self) -> None:
        self.printed_this_visit = False
        home = self.context.topics[0] if self.context.topics else None
        if home is not None and self.content.bundle is not home:
            self._show_topic(home)  # the topic goes with the wipe
        if self._speech is not None:
            self._speech.reset()  # stops reading; volume and rate back to their defaults
        self._search = None  # nothing of the last question stays, not even in SQLite
        self._clear_clipboards()
        for dialog in self._dialogs():
            dialog.done(0)  # QDialog.DialogCode.Rejected
            dialog.deleteLater()
        self.countdown = None
        for screen in self.screens.values():
            screen.reset()
        self.go("welcome")

    def _clear_clipboards(self) -> None:
        """A question selected in the box may sit in the clipboard or, on X11, in the
        primary selection. A kiosk empties both (the machine is the kiosk's); a laptop
        empties what this app put there, and leaves another program's."""
        from PySide6.QtGui import QClipboard, QGuiApplication

        clipboard = QGuiApplication.clipboard()
        if clipboard is None:
            return
        kiosk = self.options.kiosk
        if clipboard.supportsSelection() and (kiosk or clipboard.ownsSelection()):
            clipboard.clear(QClipboard.Mode.Selection)
        if kiosk or clipboard.ownsClipboard():
            clipboard.clear(QClipboard.Mode.Clipboard)

    def _dialogs(self) -> list[QDialog]:
        """Every dialog of this window (shown or not), as ``findChildren(QDialog)`` finds them.

        A dialog is always a top-level window, so only those are looked at: findChildren
        would make a Python object of every widget, layout and scroll bar in the window.
        """
        from PySide6.QtWidgets import QApplication

        found = []
        for widget in QApplication.topLevelWidgets():
            if widget.inherits("QDialog"):
                owner = widget.parent()
                while owner is not None and owner is not self:
                    owner = owner.parent()
                if owner is self:
                    found.append(cast("QDialog", widget))
        return found

    def recover(self) -> None:
        """After an unexpected error: wipe and show the welcome screen."""
        self.session.wipe()

    # -- what the header and menus do ----------------------------------------------
    def toggle_level(self) -> None:
        if self.current not in ("welcome", "audience", "updating"):
            self.session.toggle_level()

    def change_text(self, step: int) -> None:
        self.session.set_text_size(self.session.text_size + step)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def refresh(self) -> None:
        """Redraw the texts (after a level or language change) without moving.

        Only the visible screen is redrawn now; the others when they are next shown.
        """
        current = self.stack.currentWidget()
        for screen in self.screens.values():
            if screen is current:
                screen.refresh()
                screen.stale = False
                screen.name_page()  # its title in the new words
            else:
                screen.stale = True
        self._update_chrome()

    def _level_changed(self, _level: str) -> None:
        self._quiet()  # what was read was the other level's text
        self.refresh()

    def _language_changed(self, language: str) -> None:
        """The UI's own words (Qt's translations) and then every text, in ``language``."""
        from kiosk.ui.i18n import use_language

        self.translation_missing = None if use_language(language) else language
        from PySide6.QtCore import QLocale

        self.setLocale(QLocale(language))  # each widget's language, for screen readers
        self._quiet()
        self.setWindowTitle(self.tr("Health information kiosk"))
        if self._menu_actions:
            self._build_menus()
        self.refresh()

    def _contrast_changed(self, on: bool) -> None:
        from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST

        self.theme = self.context.theme = HIGH_CONTRAST if on else DEFAULT
        self.apply_style()
        for screen in self.screens.values():
            screen.stale = True  # link colours are drawn into the texts
        self.refresh()

    def toggle_contrast(self) -> None:
        self.session.set_high_contrast(not self.session.high_contrast)

    def _text_size_changed(self, _step: int) -> None:
        if self._banner is not None:
            self._update_banner()
        self.apply_style()
        self._arrange_header()
        self._update_chrome()

    LARGE_TEXT = 2  # text-size step (150%) from which the header takes two rows

    def _arrange_header(self) -> None:
        """One header row when it fits. When it does not (150% and 200%, or long words:
        Spanish, or 125%), the reading-level buttons move to a row of their own; and if
        the first row is still too wide, read-aloud and the languages take a middle
        row. Every button keeps its whole label."""
        if self._header is None:
            return
        from PySide6.QtWidgets import QPushButton

        def width(buttons: list[QPushButton]) -> int:
            shown = [b for b in buttons if not b.isHidden()]
            for each in shown:
                each.ensurePolished()  # a button made just now: its style's font and padding
            return sum(b.sizeHint().width() + 10 for b in shown) + 12 + 32  # spacing, margins

        every = self._header.findChildren(QPushButton)
        levels = list(self.level_buttons.values())
        middle = [self.read_aloud, self.stop_reading, *self.language_buttons.values()]
        two_rows = self.session.text_size >= self.LARGE_TEXT or width(every) > self.width()
        first = [b for b in every if b not in levels and b is not self.other_topics]
        three_rows = two_rows and width(first) > self.width()
        # "Other topics": in the top row when it fits, else beside the reading levels,
        # else in the middle row, else on a row of its own
        other = [self.other_topics]
        top = [b for b in first if not (three_rows and b in middle)]
        topics_row: QHBoxLayout | None = self.topics_row
        for row, buttons in ((None, top), (self.second_row, levels),
                             (self.middle_row, middle if three_rows else [])):  # fmt: skip
            if (row is None and not two_rows) or width([*other, *buttons]) <= self.width():
                topics_row = row
                break
        moved = self._move(other, topics_row)
        moved = self._move(levels, self.second_row if two_rows else self.level_row) or moved
        moved = self._move(middle, self.middle_row if three_rows else None) or moved
        if moved:
            self._tab_chrome_first()  # Tab follows the rows as they are now

    def _move(self, widgets: list[QPushButton], target: QHBoxLayout | None) -> bool:
        """Put ``widgets`` in ``target`` (None: back in their places in the top row);
        whether any of them moved."""
        homes = {id(self.read_aloud): self.top_row, id(self.stop_reading): self.top_row,
                 id(self.other_topics): self.top_row}  # fmt: skip
        moved = False
        for widget in widgets:
            home = homes.get(id(widget), self.language_row)
            place = target if target is not None else home
            if place.indexOf(widget) >= 0:
                continue
            moved = True
            for layout in (self.level_row, self.second_row, self.middle_row, self.top_row,
                           self.language_row, self.topics_row):  # fmt: skip
                layout.removeWidget(widget)
            if place is self.top_row and widget is self.other_topics:  # after "Start over"
                place.insertWidget(place.indexOf(self.start_over) + 1, widget)
            elif place is self.top_row:  # before the languages, as built
                place.insertWidget(place.indexOf(self.contrast) + 1 + (widget is self.stop_reading),
                                   widget)  # fmt: skip
            else:
                place.addWidget(widget)
        return moved

    def apply_style(self) -> None:
        """Style this window and its dialogs for the theme and the text size."""
        self.setStyleSheet(self.theme.stylesheet(self.session.text_scale, kiosk=self.options.kiosk))

    def _update_chrome(self) -> None:
        """Show the header and the banner where they belong, in the session's words."""
        name = self.current
        if self._header is not None:
            self._update_header()
        elif name not in ("welcome", "updating"):
            self._add_header()
        if self._banner is not None:
            self._update_banner()
        elif name in ("topic", "section"):
            self._add_banner()

    def _update_header(self) -> None:
        header, name, bundle = self.header, self.current, self.content.bundle
        reading = name in ("topic", "section", "question", "results", "ask")
        header.setVisible(name not in ("welcome", "updating"))
        for level, widget in self.level_buttons.items():
            widget.setVisible(reading and bundle is not None and level in bundle.reading_levels)
            widget.setChecked(level == self.session.reading_level)
        # the chosen one is shown by a check mark as well as by its colour
        set_button_text(
            self.level_buttons["patient"],
            chosen_text(self.tr("Patient words"), self.level_buttons["patient"]),
        )
        set_button_text(self.level_buttons["clinician"],
                        chosen_text(self.tr("Clinician words"),
                                    self.level_buttons["clinician"]))  # fmt: skip
        self.level_buttons["patient"].setAccessibleDescription(
            self.tr("Show the text written for patients and families")
        )
        self.level_buttons["clinician"].setAccessibleDescription(
            self.tr("Show the text written for clinicians")
        )
        for language, widget in self.language_buttons.items():
            widget.setChecked(language == self.session.language)
            set_button_text(widget, chosen_text(language.upper(), widget))
        speaking = self.speech.state
        self.read_aloud.setVisible(self.speech.available)
        self.stop_reading.setVisible(speaking != "idle")
        label_text = {"speaking": "❚❚  " + self.tr("Pause"),
                      "paused": "▶  " + self.tr("Go on")}.get(
            speaking, self.tr("Read aloud"))  # fmt: skip
        set_button_text(self.read_aloud, label_text)
        self.read_aloud.setAccessibleDescription(
            self.tr("Reads this screen aloud. Touch again to pause.")
        )
        set_button_text(self.stop_reading, "■  " + self.tr("Stop"))
        self.stop_reading.setAccessibleName(self.tr("Stop reading aloud"))  # "Stop" first
        self.contrast.setChecked(self.session.high_contrast)
        set_button_text(self.contrast, chosen_text("◐  " + self.tr("Contrast"), self.contrast))
        self.contrast.setAccessibleDescription(self.tr("Light text on black, for low vision"))
        set_button_text(self.start_over, "⟲  " + self.tr("Start over"))
        self.other_topics.setVisible(reading and len(self.context.topics) > 1)
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
        self.smaller.setEnabled(self.session.text_size > 0)
        self.larger.setEnabled(self.session.text_size < len(TEXT_SCALES) - 1)
        self._arrange_header()  # the words (their language) decide whether one row fits

    def _update_banner(self) -> None:
        from kiosk.ui.wording import review_text

        banner, bundle = self.banner, self.content.bundle
        banner.setVisible(self.current in ("topic", "section") and bundle is not None)
        if bundle is not None:
            updated = bundle.metadata.updated.isoformat()
            self.banner_caution.setVisible(bundle.needs_review_caution)
            self.banner_caution.setText("⚠  " + self.tr("Pending human review"))
            last_updated = self.tr("Last updated: {date}").format(date=updated)
            self.banner_text.setText(f"{review_text(bundle)} {last_updated}")
            # at 150% and 200% the caution alone stays (its details are one tap away, in
            # "About this information"), so that the page keeps room on an 800 px screen
            self.banner_text.setVisible(self.session.text_size < self.LARGE_TEXT)
            set_button_text(self.banner_about, self.tr("About this information"))

    # -- dialogs ------------------------------------------------------------------
    def show_reference(self, number: int) -> None:
        bundle = self.content.bundle
        if bundle is None or bundle.reference(number) is None:
            return
        from kiosk.ui.dialogs import ReadingDialog
        from kiosk.ui.wording import reference_html

        dialog = ReadingDialog(self, kiosk=self.options.kiosk,
                               title=self.tr("Source {number}").format(number=number),
                               html=reference_html(bundle, number, self.session.language),
                               name="reference")  # fmt: skip
        dialog.open()

    def show_about(self) -> None:
        bundle = self.content.bundle
        if bundle is None:
            return
        from html import escape

        from kiosk.ui.dialogs import ReadingDialog
        from kiosk.ui.wording import review_text

        language = self.session.language
        updated = self.tr("Last updated: {date}").format(date=bundle.metadata.updated.isoformat())
        caution = self.tr("Pending human review") + ". " if bundle.needs_review_caution else ""
        parts = [f"<p><b>{escape(caution + review_text(bundle))}</b></p>",
                 f"<p>{escape(updated)}</p>"]  # fmt: skip
        from kiosk.ui.richtext import to_html

        if bundle.metadata.source:
            parts.append(to_html(bundle.text(bundle.metadata.source, language)))
        parts.append("<h3>" + escape(self.tr("Please note")) + "</h3>")  # lupdate skips f-strings
        parts.append(to_html(bundle.level_text(bundle.metadata.disclaimer,
                                               self.session.reading_level, language)))  # fmt: skip
        parts.append("<h3>" + escape(self.tr("Editorial policy")) + "</h3>")
        parts.append(to_html(bundle.text(bundle.metadata.editorial_policy, language)))
        dialog = ReadingDialog(self, kiosk=self.options.kiosk,
                               title=self.tr("About this information"), html="".join(parts),
                               name="about-dialog")  # fmt: skip
        dialog.open()

    # -- idle reset -----------------------------------------------------------------
    def _on_idle(self) -> None:
        if self.current in ("welcome", "updating") and self.session.is_start_state():
            self.idle.timer.start()
            return
        if self.countdown is not None:
            return
        from kiosk.ui.dialogs import CountdownDialog

        self.countdown = CountdownDialog(self, kiosk=self.options.kiosk,
                                         seconds=self.options.warning_seconds)  # fmt: skip
        self.countdown.expired.connect(self.session.wipe)
        self.countdown.finished.connect(self._countdown_closed)
        self.countdown.start()

    def _on_activity(self) -> None:
        if self.countdown is not None and self.countdown.isVisible():
            self.countdown.accept()

    def _countdown_closed(self) -> None:
        self.countdown = None
        if self.idle.enabled:
            self.idle.timer.start()

    # -- staff -----------------------------------------------------------------------
    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._arrange_header()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.watch(self)
        handle = self.windowHandle()
        if handle is not None:
            handle.removeEventFilter(self.corner_taps)
            handle.installEventFilter(self.corner_taps)
            if self._waiting_cursors:
                handle.removeEventFilter(self._pointer_arrives)
                handle.installEventFilter(self._pointer_arrives)

    def watch(self, widget: QWidget) -> None:
        """Watch a top-level window of ours (this one, or a dialog) for input.

        The filters sit on the window-system window (QWindow): every touch, click and
        key reaches it first, and the many internal events of widgets never pass
        through Python. Widgets that have their own context menu get none in kiosk mode.
        """
        handle = widget.windowHandle()
        if handle is None:
            return
        from kiosk.ui.widgets import touch_scroller

        scroller = touch_scroller() if self.options.kiosk else None  # a finger drags pages
        for watcher in (self.idle if self.idle.enabled else None, self.lockdown, scroller):
            if watcher is not None:
                handle.removeEventFilter(watcher)
                handle.installEventFilter(watcher)
        if self.options.kiosk:
            from PySide6.QtCore import Qt

            for child in widget.findChildren(QWidget):
                child.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def open_staff(self) -> None:
        """The hidden gesture: ask for the PIN (kiosk) or open the panel (laptop)."""
        if not self.options.kiosk:
            self.open_staff_panel()
            return
        from kiosk.ui.dialogs import PinDialog

        dialog = PinDialog(self, kiosk=True, check=self.options.check_pin,
                           locked_for=self.options.pin_locked_for)  # fmt: skip
        dialog.unlocked.connect(self.open_staff_panel)
        dialog.open()

    def open_staff_panel(self) -> StaffPanel:
        from kiosk.ui.dialogs import StaffPanel

        panel = StaffPanel(self, kiosk=self.options.kiosk)
        panel.reloadRequested.connect(lambda: self.reload_content(panel))
        panel.exitRequested.connect(self.exit_kiosk)
        self._show_status(panel)
        panel.open()
        return panel

    def _show_status(self, panel: StaffPanel, note: str | None = None) -> None:
        bundle = self.content.bundle
        lines = [note] if note else []
        if self.options.kiosk:
            lines.append(self.tr("Wrong PINs typed before this staff sign-in: {count}.").format(
                count=self.options.pin_wrong_before()))  # fmt: skip
        if bundle is None:
            lines.append(self.tr('No content is loaded: patients see "being updated".'))
        else:
            lines.append(self.tr("Showing: {id} version {version}, review status {status}, "
                                 "updated {date}.").format(
                id=bundle.id, version=bundle.metadata.version,
                status=bundle.metadata.review.status.value,
                date=bundle.metadata.updated.isoformat()))  # fmt: skip
            if self.content.stale:
                lines.append(self.tr("A newer edit failed to load: this is the last good "
                                     "content."))  # fmt: skip
        library, listing = self.content.library, []
        if library is not None and (len(library.entries) > 1
                                    or not all(e.shown for e in library.entries)):  # fmt: skip
            # every bundle of the content folder: shown or not and why, its version and
            # review status, and how many problems it has (listed in the box below)
            lines.append(self.tr("The library: {shown} of {count} bundle(s) shown to "
                                 "visitors; each is listed below, in the order shown.").format(
                shown=len(library.topics), count=len(library.entries)))  # fmt: skip
            listing = [entry.describe() for entry in library.entries]
        lines.append(self.tr("{count} content problem(s).").format(
            count=len(self.content.errors)))  # fmt: skip
        if self.translation_missing:
            lines.append(self.tr("The app's own words are missing in '{language}' (its "
                                 "translation file did not load); visitors see English "
                                 "buttons. Run 'make install' again.").format(
                language=self.translation_missing))  # fmt: skip
        if self.fleet is not None:
            lines.extend(self.fleet.describe())
        if self.speech.available:
            lines.append(self.tr("Read aloud: on (speech engine '{engine}').").format(
                engine=self.speech.engine_name))  # fmt: skip
        else:
            lines.append(self.tr("Read aloud is off, and its button hidden: {reason}").format(
                reason=self.speech.reason))  # fmt: skip
        panel.show_status(lines, self.content.errors, listing)

    def reload_content(self, panel: StaffPanel | None = None) -> None:
        """Staff's "Reload content": never raises, and the panel says what happened."""
        if self.options.reload is None:
            return
        try:
            content = self.options.reload()
        except Exception as exc:  # must not take the panel (and the visit) down
            import logging

            logging.getLogger("kiosk").error("reloading the content failed: %s",
                                             type(exc).__name__)  # fmt: skip
            note = self.tr("Reloading failed ({error}): still showing the content loaded "
                           "before.").format(error=type(exc).__name__)  # fmt: skip
        else:
            self.set_content(content)
            note = self.tr("Reloaded: {count} content problem(s).").format(
                count=len(content.errors))  # fmt: skip
        if panel is not None:
            self._show_status(panel, note)

    def set_content(self, content: ContentState) -> None:
        """Show new content (or keep the last good one, as ``content`` says)."""
        topics = _topics(content)
        changed = content.bundle is not self.content.bundle or topics != self.context.topics
        self.content = content
        self.context.bundle = content.bundle
        self.context.topics = topics
        self.context.engine = _engine_for(content.bundle)
        self._engine_pending = False
        self._search = None  # the question box indexes the new content when next asked
        if changed:
            self._build_screens()
            self.go("welcome")  # the visitor's place may not exist in the new content
        if content.errors and not self.options.kiosk:
            from kiosk.ui.dialogs import show_content_errors

            show_content_errors(self, content.errors)

    def exit_kiosk(self) -> None:
        self.allow_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.allow_close:
            event.ignore()
            return
        self.idle.stop()
        self.session.wipe()
        super().closeEvent(event)
