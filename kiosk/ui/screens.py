"""The screens (PRODUCT.md 1-4): welcome, audience, topic, section, and "being updated".

Each screen takes the :class:`ScreenContext` in its constructor, reads the bundle and
the session, and redraws itself in :meth:`refresh` when the session's level, language
or text size changes. Screens never navigate themselves: they emit requests that the
main window turns into moves.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, ClassVar

import shiboken6
from PySide6.QtCore import QLocale, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import Bundle, ContentState, Section
from kiosk.content.collector import Pause, pause
from kiosk.content.registry import LANGUAGES, LEVELS
from kiosk.ui.accessibility import announce, screen_announcement, screen_title
from kiosk.ui.care_card import CareCard, sign_cards
from kiosk.ui.session import Session
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import (
    ALIGN_CENTER,
    FigureView,
    PassageView,
    ScrollPage,
    button,
    card,
    chosen_text,
    controls_in_layout_order,
    label,
    set_button_text,
    tab_in_reading_order,
)
from kiosk.ui.wording import level_words

if TYPE_CHECKING:  # the self-check and the search are imported when first needed
    from kiosk.search import SearchIndex
    from kiosk.selfcheck import SelfCheckEngine


@dataclass
class ScreenContext:
    """What every screen needs: the content, the visitor's session, the look, the mode."""

    bundle: Bundle | None
    session: Session
    theme: Theme
    kiosk: bool
    topics: tuple[Bundle, ...] = ()  # every topic a visitor may choose, in order
    _engine: SelfCheckEngine | None = field(default=None, init=False, repr=False)
    _engine_made: bool = field(default=False, init=False, repr=False)
    _search: SearchIndex | None = field(default=None, init=False, repr=False)
    preparing: threading.Thread | None = field(default=None, init=False, repr=False)
    """The last background build of the search index (:meth:`prepare_search`), if any."""

    @property
    def engine(self) -> SelfCheckEngine | None:
        """The bundle's self-check, if it has one (made when first needed: not at start-up)."""
        if not self._engine_made:
            self._engine_made = True
            self._engine = None
            selfcheck = self.bundle.document.selfcheck if self.bundle is not None else None
            if self.bundle is not None and selfcheck is not None:
                from kiosk.selfcheck import SelfCheckEngine  # not for the welcome

                self._engine = SelfCheckEngine(selfcheck, self.bundle.signs)
        return self._engine

    def search_index(self) -> SearchIndex:
        """The question box's index of every topic of the library (the open one's answers
        come first), made when first asked: SQLite is not loaded at start-up."""
        if self._search is None:
            from kiosk.search import SearchIndex

            self._search = SearchIndex(self.topics)
        return self._search

    def prepare_search(self) -> threading.Thread | None:
        """Build the question box's index in a background thread, ahead of the first
        question (which would otherwise wait for it: a few tenths of a second for one
        topic, seconds for hundreds). A question asked meanwhile waits for this build
        instead of starting another; new content's question or build stops it instead
        (between two topics: kiosk.search.prepare), and the thread ends, which ends its
        pause of the collector. Only the content goes in, never a visitor's words."""
        if not self.topics:
            return None
        from kiosk.search import prepare

        # Python's cyclic garbage collector is paused for the build, as while the content
        # cache is decoded: the build makes millions of objects, and each full collection
        # they set off stops every thread, the screen's too (at 500 topics, several of up
        # to 0.7 s). Back on, it looks over what the build made once: one pause of about
        # 0.5 s at 500 topics, 0.1 s at 100, at the welcome screen (bench/first_question.py).
        # Freezing those objects instead (``gc.freeze``) would also keep any cyclic garbage
        # of a visitor who started meanwhile for as long as the kiosk runs. The pause
        # begins and ends here, in the Qt main thread, never in the build's: a collection
        # runs in the thread that sets it off and finalises whatever cyclic garbage there
        # is, the screens' Qt objects too, which must never be destroyed in another thread.
        held = pause()
        thread = threading.Thread(
            target=_prepare_quietly, args=(prepare, self.topics), name="search-prepare"
        )
        thread.daemon = True  # a kiosk closing mid-build does not wait for it
        try:
            thread.start()
        except BaseException:
            held.end()
            raise
        self.preparing = thread
        _resume_when_done(thread, held)
        return thread

    def forget_search(self) -> None:
        """The wipe: nothing of the last question stays, not even in SQLite's pages."""
        self._search = None

    def show(self, bundle: Bundle | None) -> None:
        """The screens show ``bundle`` now (and its self-check)."""
        self.bundle = bundle
        self._engine_made = False

    def show_content(self, content: ContentState) -> bool:
        """The screens show ``content`` now; whether its topic or its topics changed."""
        topics = topics_of(content)
        changed = content.bundle is not self.bundle or topics != self.topics
        self.show(content.bundle)
        self.topics = topics
        self._search = None  # the question box indexes the new content when next asked
        if self.preparing is not None and self.preparing.is_alive():
            from kiosk.search import want  # loaded: a build is running

            want(topics)  # the old content's build stops now
        return changed

    def text(self, value: object) -> str:
        assert self.bundle is not None
        return self.bundle.text(value, self.session.language)  # type: ignore[arg-type]

    def level_text(self, value: object) -> str:
        assert self.bundle is not None
        return self.bundle.level_text(
            value,  # type: ignore[arg-type]
            self.session.reading_level,
            self.session.language,
        )


def _prepare_quietly(
    prepare: Callable[[tuple[Bundle, ...]], None], topics: tuple[Bundle, ...]
) -> None:
    """:func:`kiosk.search.prepare` in its thread: a failure is logged (the content's,
    never a visitor's), and the first question then builds the index itself. The
    collector is paused throughout by the caller (see :meth:`ScreenContext.prepare_search`)."""
    try:
        prepare(topics)
    except Exception:
        import logging

        logging.getLogger("kiosk").exception("could not prepare the question box's index")


PREPARE_POLL_MS = 100  # how often the main thread looks whether the build is done


def _resume_when_done(thread: threading.Thread, held: Pause) -> None:
    """End the build's pause of the collector in the Qt main thread, once it is done,
    and let it look over what the build made now, at the welcome screen: left to the
    next new object, that pass (a third of a second at 100 topics) fell in the first
    visitor's first touch or question (bench/first_question.py)."""
    if thread.is_alive():
        QTimer.singleShot(PREPARE_POLL_MS, partial(_resume_when_done, thread, held))
        return
    held.end()
    if gc.isenabled():  # no other pause under way
        gc.collect(1)


def topics_of(content: ContentState) -> tuple[Bundle, ...]:
    """The topics a visitor may choose from: the library's shown ones, in its order."""
    topics = tuple(content.library.topics) if content.library is not None else ()
    if content.bundle is not None and content.bundle not in topics:
        topics = (content.bundle,)  # the last good content, kept when a reload failed
    return topics


class Screen(QWidget):
    """Base of every screen; ``name`` is used by tests and screenshots.

    What a screen needs of the window around it, as class attributes (the window reads
    them instead of keeping lists of screen names):
    """

    name = "screen"
    shows_header: ClassVar[bool] = True  # the header row (start over, level, text size…)
    shows_banner: ClassVar[bool] = False  # the review banner
    reading: ClassVar[bool] = False  # a reading screen: levels, "Other topics", questions
    at_rest: ClassVar[bool] = False  # as a new visitor finds the kiosk: no idle countdown
    reading_tools: ClassVar[bool] = True  # read-aloud and "Switch reading level" work here
    ask_returns_here: ClassVar[bool] = False  # the question box's "Back" comes back here

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context
        self.stale = False  # True: the level or language changed while hidden
        self._left_focus: QWidget | None = None  # what had the focus when it was left
        self.setObjectName(self.name)

    def scrolling_column(self) -> QVBoxLayout:
        """A page that scrolls when its text is too big for the screen (text size 200%)."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.page = ScrollPage(kinetic=self.context.kiosk)
        self.page.column.setContentsMargins(64, 40, 64, 40)
        outer.addWidget(self.page)
        return self.page.column

    def refresh(self) -> None:
        """Redraw every text from the bundle at the session's level and language."""

    def first_focus(self) -> QWidget | None:
        """Where the keyboard focus goes when the screen is shown: its first control."""
        for widget in controls_in_layout_order(self):
            if widget.isVisibleTo(self) and widget.isEnabled() and widget is not self.page:
                return widget
        return None

    def name_page(self) -> str:
        """Name the scrolling page after the screen's title; its title and first content."""
        self.page.setAccessibleName(screen_title(self))
        return screen_announcement(self)

    def arrive(self, *, restore: bool = True) -> None:
        """The screen was just shown (or shows a new question): its page is named after
        its title, the focus goes to its first control (``restore``: back to the control
        that had it when the screen was left, if it is still there), and a screen reader
        is told its title and its first content (kiosk.ui.accessibility)."""
        if not self.isVisible():
            return
        text = self.name_page()
        target = self.first_focus()
        restored = False
        left, self._left_focus = self._left_focus, None
        if (
            restore
            and left is not None
            and shiboken6.isValid(left)
            and self.isAncestorOf(left)
            and left.isVisible()
            and left.isEnabled()
        ):
            target, restored = left, True
        if not restored and target is not None and not self._seen_from_the_top(target):
            # the first control is below the first screenful (large text): the page takes
            # the focus (named after the title; Tab goes on to that control), and shows its
            # top: focusing the control scrolled the title half out of sight
            self.page.focus_before(target)
            target = self.page
        if target is not None and not target.hasFocus():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self, text)

    def hideEvent(self, event: QHideEvent) -> None:
        """Left: what had the focus is remembered (``arrive`` gives it back) and loses
        it now, before Qt passes it on to the next control in the window (the header's
        "Start over": a screen reader said "Start over" at every change of screen)."""
        self.leave()
        super().hideEvent(event)

    def leave(self) -> None:
        """Another screen is shown instead: what has the focus here lets go of it, and is
        remembered (``arrive`` gives it back when this screen returns). Done before the
        switch too: Qt gave the focus to the new screen's first control in its focus
        chain (often "Back") before ``arrive`` put it in its place, and a screen reader
        said both."""
        focused = self.release_focus()
        if focused is not None:
            self._left_focus = focused

    def release_focus(self) -> QWidget | None:
        """The control of this screen that has the focus loses it (before it is hidden
        or made anew: Qt would pass the focus on to the header's "Start over", which a
        screen reader says); that control, or None."""
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            return None
        focused.clearFocus()
        return focused

    def _seen_from_the_top(self, widget: QWidget) -> bool:
        """Whether ``widget`` is in view when the screen's page shows its top (a widget
        off the page, or a screen without one: yes)."""
        page = getattr(self, "page", None)
        if not isinstance(page, ScrollPage) or not page.body.isAncestorOf(widget):
            return True
        bottom = widget.mapTo(page.body, QPoint(0, widget.height())).y()
        return bottom <= page.viewport().height()

    def begin(self, came_from: str | None = None) -> None:
        """Opened afresh by a visitor's request (not by "Back"): start its own flow;
        ``came_from``: the screen that asked, where one goes back to (None: unchanged)."""

    def spoken_text(self) -> str:
        """What read-aloud says: the screen's visible words in reading order (top to
        bottom, then left to right; a scrolling page as one block, whatever is fixed
        below it after), headings, passages and the buttons' choices. The on-screen
        keyboard is not read, and a button's words are read once."""
        from kiosk.ui.speech import plain_text  # read-aloud's module: 1.4 ms, not at start-up

        found: list[tuple[tuple[int, int, int, int], str]] = []
        for widget in self.findChildren(QWidget):
            if not widget.isVisibleTo(self) or not isinstance(widget, QLabel | QAbstractButton):
                continue
            area: QScrollArea | None = None
            skip = False
            owner = widget.parentWidget()
            while owner is not None and owner is not self:
                if owner.objectName() == "keyboard" or (
                    isinstance(widget, QLabel) and isinstance(owner, QAbstractButton)
                ):
                    skip = True  # keys; a wrapping button's own label (read with it)
                    break
                if isinstance(owner, QScrollArea):
                    area = owner
                owner = owner.parentWidget()
            if skip:
                continue
            if isinstance(widget, QLabel):
                # a label may say how it is spoken (a care card's band: "Urgent. See ...")
                spoken = widget.property("spoken")
                text = spoken if isinstance(spoken, str) and spoken else plain_text(widget.text())
            else:
                text = widget.accessibleName() or widget.text()
                text = text.replace("›", "").replace("‹", "").strip()
            if not text:
                continue
            page = area.widget() if area is not None else None
            if area is not None and page is not None:
                inside = widget.mapTo(page, QPoint(0, 0))
                top = area.mapTo(self, QPoint(0, 0)).y()
                key = (top, 0, inside.y(), inside.x())
            else:
                where = widget.mapTo(self, QPoint(0, 0))
                key = (where.y(), 1, 0, where.x())
            found.append((key, text))
        found.sort()
        return "\n".join(text for _, text in found)


def _native_name(code: str) -> str:
    """A language's name in that language ("Español"), for a visitor who reads only it."""
    entry = LANGUAGES.get(code)
    if entry is not None:
        return entry.native_name
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code.upper()


class WelcomeScreen(Screen):
    """The attract screen: the topic's title and "Touch to start" (anywhere works).

    Signals:
        started(): the visitor touched the screen.
    """

    name = "welcome"
    shows_header = False
    at_rest = True
    reading_tools = False
    started = Signal()

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context)
        layout = self.scrolling_column()
        layout.addStretch(2)
        # alignment as a property: a first screen names no Qt enum (see kiosk.ui.widgets)
        self.title = label(role="hero")
        self.title.setProperty("alignment", ALIGN_CENTER)
        layout.addWidget(self.title)
        self.subtitle = label(role="h2")
        self.subtitle.setProperty("alignment", ALIGN_CENTER)
        layout.addWidget(self.subtitle)
        layout.addSpacing(32)
        self.start = button("", role="primary", name="touch-to-start", on_click=self.started.emit)
        self.start.setMinimumHeight(96)
        self.start.setMinimumWidth(360)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(24)
        languages = QHBoxLayout()  # each language named in itself: "English", "Español"
        languages.addStretch(1)
        self.language_buttons: dict[str, QPushButton] = {}
        bundle = context.bundle
        for code in bundle.languages if bundle and len(bundle.languages) > 1 else ():
            widget = button(
                _native_name(code),
                name=f"welcome-language-{code}",
                on_click=partial(self._choose_language, code),
            )
            widget.setCheckable(True)
            self.language_buttons[code] = widget
            languages.addWidget(widget)
        languages.addStretch(1)
        layout.addLayout(languages)
        layout.addStretch(3)
        self.refresh()

    def refresh(self) -> None:
        bundle = self.context.bundle
        if len(self.context.topics) > 1:  # a library: no one topic's title
            self.title.setText(self.tr("Health information"))
            self.subtitle.setText(
                self.tr("{count} topics in plain words").format(count=len(self.context.topics))
            )
        else:
            self.title.setText(self.context.text(bundle.metadata.title) if bundle else "")
            self.subtitle.setText(self.tr("Health information in plain words"))
        set_button_text(self.start, self.tr("Touch to start"))
        for code, widget in self.language_buttons.items():
            widget.setChecked(code == self.context.session.language)
            set_button_text(widget, chosen_text(_native_name(code), widget))

    def _choose_language(self, code: str) -> None:
        self.context.session.set_language(code)
        self.refresh()  # the chosen one stays chosen (a second tap would uncheck it)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.started.emit()
        event.accept()


class AudienceScreen(Screen):
    """ "Which best describes you?": patient or family, or clinician.

    Signals:
        chosen(str): a reading level was chosen.
    """

    name = "audience"
    reading_tools = False
    chosen = Signal(str)

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context)
        layout = self.scrolling_column()
        layout.addStretch(1)
        self.question = label(role="hero")
        layout.addWidget(self.question)
        self.hint = label(role="muted")
        layout.addWidget(self.hint)
        layout.addSpacing(24)
        self.choices: dict[str, QPushButton] = {}  # a button a reading level
        for level in LEVELS.codes:
            self.choices[level] = button(
                "",
                role="big",
                name=f"audience-{level}",
                wrap=True,
                on_click=partial(self.chosen.emit, level),
            )
            layout.addWidget(self.choices[level])
        layout.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        self.question.setText(self.tr("Which best describes you?"))
        self.hint.setText(
            self.tr(
                "Your choice helps us use words that are easiest for you. "
                "You can change it at any time."
            )
        )
        bundle = self.context.bundle
        offered = {str(level) for level in bundle.reading_levels} if bundle else set()
        for level in LEVELS:  # the levels the topic is written at, in the registry's order
            widget = self.choices[level.code]
            set_button_text(widget, level_words(level)[2])
            widget.setVisible(level.code in offered)


class TopicScreen(Screen):
    """The topic: the short answer first, then the list of sections.

    Signals:
        sectionChosen(str): a section was tapped (its id).
        citationActivated(int): a citation in the short answer was tapped.
        aboutRequested(): "About this information" was tapped.
        selfcheckRequested(): "Check my risk factors" was tapped.
        askRequested(): "Have a follow-up question?" was tapped.

    After a self-check, the sections that explain its findings are listed first and
    marked "Applies to you".
    """

    name = "topic"
    shows_banner = True
    reading = True
    ask_returns_here = True
    sectionChosen = Signal(str)
    citationActivated = Signal(int)
    aboutRequested = Signal()
    selfcheckRequested = Signal()
    askRequested = Signal()

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context)
        # what applies follows the answers: redrawn when next shown
        context.session.answersChanged.connect(self._answers_changed)
        column = self.scrolling_column()
        column.setContentsMargins(32, 24, 32, 32)
        self.title = label(role="h1")
        column.addWidget(self.title)
        self.answer_heading = label(role="h2")
        column.addWidget(self.answer_heading)
        self.summary = PassageView(self.tr("Source"))
        self.summary.citationActivated.connect(self.citationActivated)
        column.addWidget(self.summary)
        self.check = button(
            "",
            role="primary",
            name="check-risk-factors",
            wrap=True,
            on_click=self.selfcheckRequested.emit,
        )
        column.addWidget(self.check)
        # hidden or shown once in the page: shown before, it would open as a window of its
        # own for a moment, and take the keyboard focus from the main window
        self.check.setVisible(context.engine is not None)
        self.sections_heading = label(role="h2")
        column.addWidget(self.sections_heading)
        self.section_list = QVBoxLayout()
        self.section_list.setSpacing(column.spacing())
        column.addLayout(self.section_list)
        self.section_buttons: dict[str, QPushButton] = {}
        if context.bundle is not None:
            for section in context.bundle.topic.sections:
                widget = button(
                    "",
                    role="big",
                    name=f"section-{section.id}",
                    wrap=True,
                    on_click=partial(self.sectionChosen.emit, section.id),
                )
                self.section_buttons[section.id] = widget
                self.section_list.addWidget(widget)
        self.ask = button("", name="ask-question", wrap=True, on_click=self.askRequested.emit)
        column.addSpacing(12)
        column.addWidget(self.ask)
        disclaimer_card, disclaimer_layout = card()
        self.disclaimer = label(role="muted")
        disclaimer_layout.addWidget(self.disclaimer)
        self.about = button("", name="about", on_click=self.aboutRequested.emit)
        disclaimer_layout.addWidget(self.about, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addSpacing(12)
        column.addWidget(disclaimer_card)
        column.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        bundle = self.context.bundle
        if bundle is None:
            return
        self.title.setText(self.context.level_text(bundle.topic.title))
        self.answer_heading.setText(self.tr("The short answer"))
        self.summary.source_label = self.tr("Source")
        self.summary.show_text(
            self.context.level_text(bundle.topic.summary), self.context.theme.link
        )
        self.sections_heading.setText(self.tr("Learn more"))
        set_button_text(self.ask, self.tr("Have a follow-up question?"))
        self.ask.setAccessibleDescription(
            self.tr("Type a question; the answers come from this information")
        )
        set_button_text(self.check, self.tr("Check my risk factors") + "  ›")
        applies = self.applying_sections()
        for section in bundle.topic.sections:
            mark = ("✓ " + self.tr("Applies to you") + ":  ") if section.id in applies else ""
            set_button_text(
                self.section_buttons[section.id],
                mark + self.context.level_text(section.title) + "  ›",
            )
        order = [*applies, *(s.id for s in bundle.topic.sections if s.id not in applies)]
        for index, section_id in enumerate(order):  # what applies first
            widget = self.section_buttons[section_id]
            if self.section_list.indexOf(widget) != index:
                self.section_list.removeWidget(widget)
                self.section_list.insertWidget(index, widget)
        self.disclaimer.setText(self.context.level_text(bundle.metadata.disclaimer))
        set_button_text(self.about, self.tr("About this information"))
        tab_in_reading_order(self)  # the citations (made last) first, what applies first

    def _answers_changed(self) -> None:
        self.stale = True

    def applying_sections(self) -> tuple[str, ...]:
        """The sections that explain the self-check's findings so far (none before it)."""
        engine = self.context.engine
        if engine is None or not self.context.session.answers:
            return ()
        sections = engine.evaluate(self.context.session.answers).sections
        bundle = self.context.bundle
        return tuple(s for s in sections if bundle is not None and bundle.section(s))


class SectionScreen(Screen):
    """One section: its passages, each with its citations, and moves to the next one.

    Signals:
        backRequested(): "Back to the topic" was tapped.
        sectionChosen(str): "Next" or "Previous" was tapped (the section's id).
        citationActivated(int): a citation was tapped.
        aboutRequested(): "About this information" was tapped.
    """

    name = "section"
    shows_banner = True
    reading = True
    ask_returns_here = True
    backRequested = Signal()
    sectionChosen = Signal(str)
    citationActivated = Signal(int)
    aboutRequested = Signal()

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context)
        self._built: str | None = None  # the section whose passages are made
        self.passages: list[PassageView] = []
        self.figures: list[FigureView] = []
        column = self.scrolling_column()
        column.setContentsMargins(32, 24, 32, 32)
        self.back = button("", name="back-to-topic", on_click=self.backRequested.emit)
        column.addWidget(self.back, alignment=Qt.AlignmentFlag.AlignLeft)
        self.title = label(role="h1")
        column.addWidget(self.title)
        # the warning signs the section speaks of, in their care cards, before its text
        self.cards_column = QVBoxLayout()
        self.cards_column.setSpacing(14)
        column.addLayout(self.cards_column)
        self.cards: list[CareCard] = []
        self._cards_for: tuple[str, str, str] | None = None  # section, language, link colour
        self._order_stale = True  # widgets were made since the Tab order was last set
        self.passage_column = QVBoxLayout()
        self.passage_column.setSpacing(14)
        column.addLayout(self.passage_column)
        self.next = button(
            "", role="primary", name="next-section", wrap=True, on_click=lambda: self._move(1)
        )
        self.previous = button(
            "", name="previous-section", wrap=True, on_click=lambda: self._move(-1)
        )
        column.addSpacing(8)
        column.addWidget(self.next)
        column.addWidget(self.previous)
        self.about = button("", name="about", on_click=self.aboutRequested.emit)
        column.addWidget(self.about, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

    @property
    def section_id(self) -> str | None:
        """The section shown: the visit's (kiosk.visit), not this screen's."""
        return self.context.session.visit.section

    def show_section(self, section_id: str) -> None:
        bundle = self.context.bundle
        assert bundle is not None
        if bundle.section(section_id) is None:
            return
        self.context.session.visit.open_section(section_id)
        self.refresh()
        self.stale = False
        self.page.to_top()

    def _build(self, section: Section) -> None:
        """The views of ``section``'s passages and figures (their texts: refresh)."""
        self._built = section.id
        for view in [*self.passages, *self.figures]:
            self.passage_column.removeWidget(view)  # see clear_layout: not setParent(None)
            view.hide()
            view.setObjectName("")
            view.deleteLater()
        self.passages = []
        self.figures = []
        for number, _ in enumerate(section.passages, start=1):
            view = PassageView(self.tr("Source"))
            view.citationActivated.connect(self.citationActivated)
            self.passage_column.addWidget(view)
            self.passages.append(view)
            self._add_figures(section, number, last=number == len(section.passages))
        self._order_stale = True

    def _add_figures(self, section: Section, number: int, *, last: bool) -> None:
        """The section's figures that follow passage ``number``."""
        bundle = self.context.bundle
        assert bundle is not None
        for figure in section.figures:
            if figure.after == number or (figure.after is None and last):
                path = bundle.asset_path(figure.asset)
                if path is None:
                    continue
                view = FigureView(str(path))
                view.setObjectName(f"figure-{figure.asset}")
                view.setProperty("asset", figure.asset)
                self.passage_column.addWidget(view)
                self.figures.append(view)

    def _neighbour(self, step: int) -> str | None:
        bundle = self.context.bundle
        if bundle is None or self.section_id is None:
            return None
        ids = [s.id for s in bundle.topic.sections]
        index = ids.index(self.section_id) + step
        return ids[index] if 0 <= index < len(ids) else None

    def _move(self, step: int) -> None:
        target = self._neighbour(step)
        if target is not None:
            self.sectionChosen.emit(target)

    def refresh(self) -> None:
        bundle = self.context.bundle
        section = bundle.section(self.section_id) if bundle and self.section_id else None
        set_button_text(self.back, "‹  " + self.tr("Back to the topic"))
        set_button_text(self.about, self.tr("About this information"))
        if section is None:
            return
        if section.id != self._built:
            self._build(section)
        self.title.setText(self.context.level_text(section.title))
        self._show_cards(section)
        for view, passage in zip(self.passages, section.passages, strict=True):
            view.source_label = self.tr("Source")
            text = self.context.level_text(passage)
            self._order_stale |= view.show_text(text, self.context.theme.link)
        for figure in self.figures:
            asset = bundle.asset(str(figure.property("asset"))) if bundle else None
            figure.show_alt(self.context.text(asset.alt) if asset and asset.alt else "")
        for widget, step, word in (
            (self.previous, -1, self.tr("Previous")),
            (self.next, 1, self.tr("Next")),
        ):
            target = self._neighbour(step)
            widget.setVisible(target is not None)
            if target is not None and bundle is not None:
                neighbour = bundle.section(target)
                assert neighbour is not None
                title = self.context.level_text(neighbour.title)
                set_button_text(
                    widget, f"‹  {word}: {title}" if step < 0 else f"{word}: {title}  ›"
                )
        if self._order_stale:  # the passages' citations, made last, before Next
            tab_in_reading_order(self)
            self._order_stale = False

    def _show_cards(self, section: Section) -> None:
        """The care card of each warning sign the section points to, most urgent first,
        with what to do where the kiosk is (at a kiosk: tell a member of staff now).

        A switch of reading level rewords the cards in place (the same signs, the same
        tiers): building them again would cost the switch a third of its time."""
        bundle = self.context.bundle
        if bundle is None:
            self._drop_cards()
            return
        signs = [sign for sign in map(bundle.sign, section.signs) if sign is not None]
        level_text = self.context.level_text
        built_for = (section.id, self.context.session.language, self.context.theme.link)
        if built_for == self._cards_for:
            for card in self.cards:
                of_tier = [sign for sign in signs if sign.tier is card.look.tier]
                for index, sign in enumerate(of_tier):
                    name, advice = level_text(sign.name), level_text(sign.advice)
                    self._order_stale |= card.reword_sign(index, name, advice)
            return
        self._drop_cards()
        self._cards_for = built_for
        self._order_stale = True
        for sign_card in sign_cards(
            signs,
            level_text=level_text,
            kiosk=self.context.kiosk,
            source_label=self.tr("Source"),
            link_colour=self.context.theme.link,
            name="signs",
        ):
            sign_card.citationActivated.connect(self.citationActivated)
            self.cards_column.addWidget(sign_card)
            self.cards.append(sign_card)

    def _drop_cards(self) -> None:
        for shown in self.cards:
            self.cards_column.removeWidget(shown)  # see clear_layout: not setParent(None)
            shown.hide()
            shown.setObjectName("")
            shown.deleteLater()
        self.cards = []


class UpdatingScreen(Screen):
    """Shown to patients when no content could be loaded: neutral, no error details."""

    name = "updating"
    shows_header = False
    at_rest = True
    reading_tools = False

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context)
        layout = self.scrolling_column()
        layout.addStretch(1)
        self.title = label(role="hero")
        self.title.setProperty("alignment", ALIGN_CENTER)  # a first screen, as the welcome
        self.body = label(role="h2")
        self.body.setProperty("alignment", ALIGN_CENTER)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(2)
        self.refresh()

    def first_focus(self) -> QWidget | None:
        """No control here: the page (named after the title) takes the focus, so that a
        screen reader says the title and reads on from there (it had none: the focus
        was nowhere in the window, and a screen reader that skips announcements said
        only the window's name)."""
        return self.page

    def refresh(self) -> None:
        self.title.setText(self.tr("This kiosk is being updated"))
        self.body.setText(self.tr("Please ask a member of staff for help."))
