"""The main window: the chrome (header, review banner) above a stack of screens.

Two modes (PRODUCT.md): laptop (default), a normal window with menus and keyboard
shortcuts; kiosk: full screen, frameless, no way to close it but the staff panel, no
context menus, kinetic scrolling, the idle countdown and reset.

This module is the wiring; the parts are beside it: :mod:`.chrome` (:mod:`.header`,
:mod:`.banner`), :mod:`.screen_table`, :mod:`.staff`, :mod:`.idle`, :mod:`.lockdown`,
:mod:`.handout_actions`, :mod:`.menus`, :mod:`.about` and :mod:`.leftovers`.

Start-up builds only what the first screen shows: the chrome is built when a screen
first needs it, and the first screen's buttons get their hand cursor when a mouse
pointer first moves over the window (setting a cursor builds the ``Qt`` namespace's
enums, see :mod:`kiosk.ui.widgets`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from kiosk.content import Bundle, ContentState
from kiosk.ui.about import AboutDialogs
from kiosk.ui.chrome import Chrome
from kiosk.ui.handout_actions import HandoutActions
from kiosk.ui.i18n import use_language
from kiosk.ui.leftovers import clear_clipboards, dialogs_of
from kiosk.ui.lockdown import Guards, no_context_menus
from kiosk.ui.options import WindowOptions
from kiosk.ui.screen_table import SCREENS, Screens
from kiosk.ui.screens import Screen, ScreenContext, SectionScreen, topics_of
from kiosk.ui.session import Session
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, Theme
from kiosk.ui.widgets import cursors_later, discard, release_layout_items

if TYPE_CHECKING:  # these are imported when first used, not at start-up
    from PySide6.QtGui import QCloseEvent

    from kiosk.selfcheck import SelfCheckEngine
    from kiosk.ui.dialogs import StaffPanel
    from kiosk.ui.menus import LaptopMenus
    from kiosk.ui.speech import ReadAloud
    from kiosk.ui.staff import Staff
    from kiosk.ui.updates import FleetUpdates


class MainWindow(QMainWindow):
    """The app's only window. Screens are in ``self.screens`` by name.

    Signals:
        screenChanged(str): the visible screen changed (its name).
    """

    screenChanged = Signal(str)

    def __init__(
        self,
        content: ContentState,
        session: Session,
        options: WindowOptions,
        theme: Theme = DEFAULT,
    ) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.content = content
        self.session = session
        self.options = options
        self.theme = theme
        self.allow_close = not options.kiosk
        self.setWindowTitle(self.tr("Health information kiosk"))
        self.context = ScreenContext(
            content.bundle, session, theme, options.kiosk, topics=topics_of(content)
        )
        self.chrome = Chrome(self, session, options)
        self.stack = self.chrome.stack
        self.setCentralWidget(self.chrome.central)
        self.chrome.startOverRequested.connect(self.start_again)
        self.chrome.otherTopicsRequested.connect(lambda: self.go("topics"))
        self.chrome.readAloudRequested.connect(self.toggle_read_aloud)
        self.chrome.aboutRequested.connect(self.show_about)
        self.screens: dict[str, Screen] = {}
        self._arrived: Screen | None = None  # the screen shown last, once it arrived
        self._staff: Staff | None = None  # made when staff first open it
        self.translation_missing: str | None = None  # a language whose .qm did not load
        self.fleet: FleetUpdates | None = None  # content updates between visits, if set up
        self.menus: LaptopMenus | None = None
        self.about_dialogs = AboutDialogs(
            self, session, lambda: self.content.bundle, kiosk=options.kiosk
        )
        self.handouts = HandoutActions(self, self.context, options)
        self._build_screens()

        session.levelChanged.connect(self._level_changed)
        session.languageChanged.connect(self._language_changed)
        session.textSizeChanged.connect(self._text_size_changed)
        session.contrastChanged.connect(self._contrast_changed)
        session.wiped.connect(self._after_wipe)

        guards = self.guards = Guards(self, options, self.at_rest)
        self.idle, self.idle_reset, self.lockdown = guards.idle, guards.idle_reset, guards.lockdown
        self.corner_taps = guards.corner_taps
        self.idle_reset.expired.connect(self.session.wipe)
        self.corner_taps.triggered.connect(self.open_staff)
        if options.kiosk:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        else:
            # from the event loop once it runs; in practice still before the first paint,
            # so the menu bar is in the first frame (~4 ms of start-up, most of it Qt's
            # QMenuBar, QAction and QKeySequence types being set up for Python)
            QTimer.singleShot(0, self._build_menus)
        self.apply_style()
        self._prepare_search()
        cursors_later(guards.waiting_cursors)  # the first screen's buttons (see the top)
        try:
            self.go("welcome" if content.bundle is not None else "updating")
        finally:
            cursors_later(None)

    @property
    def speech(self) -> ReadAloud:
        return self.chrome.speech

    def _build_screens(self) -> None:
        """Forget the screens; each is built when first shown (start-up builds one)."""
        for screen in self.screens.values():
            self.stack.removeWidget(screen)
            discard(screen)
        self.screens = Screens(self._make_screen)
        self.chrome.set_languages(self.content.bundle)

    def _make_screen(self, name: str) -> Screen:
        screen = SCREENS[name](self.context, self)
        self.stack.addWidget(screen)
        release_layout_items()  # its rows' item wrappers (see there)
        return screen

    def _prepare_search(self) -> None:
        """The question box's index, built in the background soon (if the options ask)."""
        if self.options.prepare_search_ms is not None and self.content.bundle is not None:
            # the window as the timer's context: a window gone (closed and deleted: a
            # test's) starts no build later, in whatever runs then
            QTimer.singleShot(self.options.prepare_search_ms, self, self.context.prepare_search)

    def _build_menus(self) -> None:
        """The laptop's menus, in the session's language (built again when it changes)."""
        if self.menus is None:
            from kiosk.ui.menus import LaptopMenus  # QAction and QKeySequence: after start-up

            self.menus = LaptopMenus(self, self.session, self)
        self.menus.build()

    # -- moving between screens ----------------------------------------------------
    @property
    def current(self) -> str:
        widget = self.stack.currentWidget()
        return widget.objectName() if widget is not None else ""

    @property
    def _kind(self) -> type[Screen]:
        """The visible screen's class: what it needs of the window (see Screen)."""
        widget = self.stack.currentWidget()
        return type(widget) if isinstance(widget, Screen) else Screen

    def at_rest(self) -> bool:
        """As a new visitor finds the kiosk: nothing for the idle reset to do."""
        return self._kind.at_rest and self.session.is_start_state()

    def go(self, name: str) -> None:
        if self.content.bundle is None:
            name = "updating"
        screen = self.screens[name]
        if self.options.kiosk:  # widgets made since the last look
            no_context_menus(screen, children_only=True)
        if screen.stale:
            screen.refresh()
            screen.stale = False
        # (not "is it the stack's current one": a screen added to an empty stack, as
        # after the wipe, is made current at once, before it has arrived)
        arriving = screen is not self._arrived
        if arriving:
            self.chrome.quiet()  # what was read belongs to the screen left
            if isinstance(left := self.stack.currentWidget(), Screen):
                left.leave()  # its focus let go now: Qt would pass it on to a control
        self.stack.setCurrentWidget(screen)
        self._update_chrome()
        if arriving and screen.isVisible():  # else when the window is shown
            self._arrived = screen
            screen.arrive()  # focus and announcement (screen readers)
        self.screenChanged.emit(name)

    @property
    def engine(self) -> SelfCheckEngine | None:
        """The self-check of the content shown, if it has one."""
        return self.context.engine

    def start_selfcheck(self) -> None:
        """ "Check my risk factors": the intro, then the questions (answers so far kept)."""
        self.screens["question"].begin()
        self.go("question")

    def ask_question(self) -> None:
        """ "Have a follow-up question?" (Ctrl+F on a laptop): the question box."""
        if self.content.bundle is None or not self._kind.reading:
            return
        came_from = None  # (the question box again: "Back" goes where it went)
        if self.current != "ask":
            came_from = self.current if self._kind.ask_returns_here else "topic"
        screen = self.screens["ask"]
        self.go("ask")
        screen.begin(came_from)

    def toggle_read_aloud(self) -> None:
        """Read the screen aloud; pause; go on (one button, for touch)."""
        if self._kind.reading_tools:
            self.chrome.read_aloud(self.stack.currentWidget())

    def show_results(self) -> None:
        self.screens["results"].begin()
        self.go("results")

    def print_handout(self) -> None:
        self.handouts.print()

    def save_handout(self) -> None:
        self.handouts.save()

    def show_reference(self, number: int) -> None:
        self.about_dialogs.show_reference(number)

    def show_about(self) -> None:
        self.about_dialogs.show_about()

    def audience_chosen(self, level: str) -> None:
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
        library = self.content.library
        stale = library is not None and bundle.id in library.stale
        self.content = replace(self.content, bundle=bundle, stale=stale)
        self.context.show(bundle)
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
        """The wipe by construction: every screen, dialog and chrome row built for the
        visit is thrown away with it, and the next visitor's are built afresh when first
        shown. No screen has a reset to remember; nothing can be missed."""
        self.handouts.new_visit()
        home = self.context.topics[0] if self.context.topics else None
        if home is not None and self.content.bundle is not home:
            self._show_topic(home)  # the topic goes with the wipe
        self.chrome.reset_speech()
        self.context.forget_search()  # nothing of the last question stays
        clear_clipboards(kiosk=self.options.kiosk)
        for dialog in dialogs_of(self):
            dialog.done(0)  # QDialog.DialogCode.Rejected
            discard(dialog)
        self.idle_reset.countdown = None
        self.chrome.drop()
        self._build_screens()
        self.go("welcome")

    def recover(self) -> None:
        """After an unexpected error: wipe and show the welcome screen."""
        self.session.wipe()

    # -- what the header and menus do ----------------------------------------------
    def toggle_level(self) -> None:
        if self._kind.reading_tools:
            self.session.toggle_level()

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
        self.chrome.quiet()  # what was read was the other level's text
        self.refresh()

    def _language_changed(self, language: str) -> None:
        """The UI's own words (Qt's translations) and then every text, in ``language``."""
        self.translation_missing = None if use_language(language) else language
        self.setLocale(QLocale(language))  # each widget's language, for screen readers
        self.chrome.quiet()
        self.setWindowTitle(self.tr("Health information kiosk"))
        if self.menus is not None:
            self.menus.build()
        self.refresh()

    def _contrast_changed(self, on: bool) -> None:
        self.theme = self.context.theme = HIGH_CONTRAST if on else DEFAULT
        self.apply_style()
        for screen in self.screens.values():
            screen.stale = True  # link colours are drawn into the texts
        self.refresh()

    def _text_size_changed(self, _step: int) -> None:
        self.apply_style()
        self._update_chrome()

    def apply_style(self) -> None:
        """Style this window and its dialogs for the theme and the text size."""
        self.setStyleSheet(self.theme.stylesheet(self.session.text_scale, kiosk=self.options.kiosk))

    def _update_chrome(self) -> None:
        """Show the header and the banner where they belong, in the session's words."""
        self.chrome.update(self._kind, self.content.bundle, len(self.context.topics))

    # -- the window itself, staff ----------------------------------------------------
    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.chrome.arrange()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.guards.window_shown()
        screen = self.stack.currentWidget()
        if isinstance(screen, Screen) and screen is not self._arrived:
            self._arrived = screen  # the first screen arrives once it can be seen
            screen.arrive()

    def watch(self, widget: QWidget) -> None:
        """Watch a dialog of ours for input, as this window is (see Guards)."""
        self.guards.watch(widget)

    @property
    def staff(self) -> Staff:
        """The PIN, the staff panel and reloading, made when staff first open them."""
        if self._staff is None:
            from kiosk.ui.staff import Staff  # the dialogs: not at start-up

            self._staff = Staff(self, self.options, self)
            self._staff.reloaded.connect(self.set_content)
            self._staff.exitRequested.connect(self.exit_kiosk)
        return self._staff

    def open_staff(self) -> None:
        """The hidden gesture: ask for the PIN (kiosk) or open the panel (laptop)."""
        self.staff.open()

    def open_staff_panel(self) -> StaffPanel:
        return self.staff.open_panel()

    def reload_content(self) -> None:
        """Staff's or a fleet update's "Reload content" (never raises)."""
        self.staff.reload_content()

    def set_content(self, content: ContentState) -> None:
        """Show new content (or keep the last good one, as ``content`` says)."""
        changed = self.context.show_content(content)
        self.content = content
        if changed:
            self.session.visit.leave_place()  # it may not exist in the new content
            self._build_screens()
            self.go("welcome")
            self._prepare_search()
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
