"""The question box (PRODUCT.md: "Have a follow-up question?"), answered offline.

A patient types a question (on a kiosk, with the on-screen keyboard; on a laptop, with
the keyboard, Ctrl+F from anywhere). Safety first: a question that names a warning sign
leads with that sign's care card (one per tier, most urgent first, with what to do
where the kiosk is), and a question about stopping, changing or dosing a medicine gets
the bundle's fixed medicine answer next, never a dose (:mod:`kiosk.search.safety`);
nothing calm comes before a card. Then the answers are the bundle's own words only: a
curated answer first when one matches, then the best passages, each with its
section, its citations and a button that opens the section; or, when nothing fits, a
plain "I don't have an answer to that" and the suggestion to ask staff
(:mod:`kiosk.search`).

Privacy: the question lives in the line edit and in the visit only (``visit.question``
and ``visit.found``, kiosk.visit); it is never logged or written, and the wipe throws
both away: the visit, and this screen with its line edit and its undo history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.screens import Screen, ScreenContext
from kiosk.ui.widgets import PassageView, button, card, clear_layout, label, set_button_text

if TYPE_CHECKING:
    from kiosk.search import Found, Results, SearchIndex

__all__ = ["AskScreen", "library_answers"]

OTHER_TOPICS = 2  # at most this many answers from the library's other topics


def library_answers(
    index: SearchIndex,
    question: str,
    level: str,
    language: str,
    bundle_id: str,
    *,
    several: bool,
) -> Results:
    """The open topic's answers first (up to 3), then, in a library of several topics,
    the best answers from the other topics (up to :data:`OTHER_TOPICS`)."""
    if not several:
        return index.ask(question, level, language, limit=3, bundle_id=bundle_id)
    return index.ask_library(
        question, level, language, limit=3, open_topic=bundle_id, others=OTHER_TOPICS
    )


class AskScreen(Screen):
    """The question box.

    Signals:
        sectionChosen(str): "Read the section" was tapped (its id).
        otherTopicChosen(str, str): an answer from another topic of the library was
            opened: the topic's bundle id and the section id ("" for its short answer).
        topicRequested(): the answer is the topic's short answer; show the topic.
        citationActivated(int): a citation was tapped.
        backRequested(str): "Back" was tapped: the screen it was opened from.
    """

    name = "ask"
    reading = True
    sectionChosen = Signal(str)
    topicRequested = Signal()
    otherTopicChosen = Signal(str, str)  # bundle id, section id ("": its short answer)
    citationActivated = Signal(int)
    backRequested = Signal(str)

    def __init__(self, context: ScreenContext, index: Callable[[], SearchIndex]) -> None:
        super().__init__(context)
        self._index = index
        self.answers: list[QWidget] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        from kiosk.ui.widgets import ScrollPage

        self.page = ScrollPage(kinetic=context.kiosk)
        self.page.setMinimumSize(1, 1)  # with the keyboard up, the page gives way first
        column = self.page.column
        column.setContentsMargins(32, 8, 32, 32)  # 8: see Back, below
        outer.addWidget(self.page, 1)
        self.came_from = "topic"  # where "Back" goes: the screen that opened the box
        self.back = button("", name="ask-back", on_click=self._back)
        self.title = label(role="h1")
        # Back beside the title, not above it: with the keyboard up at 200% text the page
        # is some 160 px tall (90 in Spanish, whose keyboard has a row of accents), and
        # the title under Back was cut in half
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.title, 1)
        column.addLayout(top)
        self.hint = label(role="muted")
        column.addWidget(self.hint)
        # the question and its buttons stay in view above the keyboard; the page
        # (heading, answers) scrolls above them
        bar = QWidget()
        bar.setObjectName("question-bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(32, 8, 32, 12)
        row.setSpacing(10)
        self.edit = QLineEdit()
        self.edit.setObjectName("question-edit")
        self.edit.setProperty("role", "question")
        self.edit.setMaxLength(200)
        self.edit.returnPressed.connect(self.ask)
        row.addWidget(self.edit, 1)
        self.ask_button = button("", role="primary", name="ask-button", on_click=self.ask)
        row.addWidget(self.ask_button)
        self.show_keyboard = button("", name="show-keyboard", on_click=self._show_keyboard)
        row.addWidget(self.show_keyboard)
        outer.addWidget(bar)
        self.status = label(role="h2")  # "Answers from this information" / "no answer"
        self.status.setObjectName("ask-status")
        column.addWidget(self.status)
        self.answer_column = QVBoxLayout()
        self.answer_column.setSpacing(14)
        column.addLayout(self.answer_column)
        column.addStretch(1)
        self.keyboard = None
        if context.kiosk:  # touch only: a laptop has its own keyboard
            from kiosk.ui.keyboard import OnScreenKeyboard

            self.keyboard = OnScreenKeyboard()
            self.keyboard.attach(self.edit)
            self.keyboard.submitted.connect(self.ask)
            self.keyboard.closed.connect(self._hide_keyboard)
            outer.addWidget(self.keyboard)
        self.show_keyboard.setVisible(False)
        self.refresh()

    def first_focus(self) -> QWidget | None:
        """The question's box: ready to type (``begin`` puts the focus there too; the
        focus went to Back first, and a screen reader said both)."""
        return self.edit if self.edit.isVisibleTo(self) else super().first_focus()

    # -- what the visitor does -----------------------------------------------------
    def begin(self, came_from: str | None = None) -> None:
        """Shown from ``came_from`` (the topic, a section, the results): ready to type."""
        if came_from is not None:
            self.came_from = came_from
        if self.keyboard is not None:
            self._show_keyboard()
        self.edit.setFocus()

    @property
    def question(self) -> str:
        """The last question asked ("" before one is asked): the visit's (kiosk.visit)."""
        return self.context.session.visit.question

    @property
    def results(self) -> Results | None:
        """What was found for it, as shown: the visit's."""
        return self.context.session.visit.found

    def _back(self) -> None:
        self.backRequested.emit(self.came_from)

    def ask(self) -> None:
        """Answer the question in the box (nothing happens for an empty one)."""
        question = self.edit.text().strip()
        if not question:
            self.edit.setFocus()
            return
        self.context.session.visit.ask(question, None)
        self._answer()
        self._hide_keyboard()  # room for the answers; "Keyboard" brings it back
        self.page.to_top()

    def _answer(self) -> None:
        bundle, session = self.context.bundle, self.context.session
        if bundle is None or not self.question:
            return
        results = library_answers(
            self._index(),
            self.question,
            session.reading_level,
            session.language,
            bundle.id,
            several=len(self.context.topics) > 1,
        )
        session.visit.ask(self.question, results)
        self._show(results)

    def _show_keyboard(self) -> None:
        if self.keyboard is not None:
            self.keyboard.show()
            self.show_keyboard.setVisible(False)

    def _hide_keyboard(self) -> None:
        if self.keyboard is not None:
            self.keyboard.hide()
            self.show_keyboard.setVisible(True)

    # -- drawing -------------------------------------------------------------------
    def _show(self, results: Results) -> None:
        clear_layout(self.answer_column)
        self.answers = []
        first = self._show_safety(results)
        self._show_results(results)
        # a screen reader says what came back (the first card's tier and what to do,
        # "Answers from ...", "I don't have ..."); an announcement reaches Linux screen
        # readers too (Qt 6.8+), an alert does not
        from PySide6 import QtGui

        target, words = first if first is not None else (self.status, self.status.text())
        announce = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
        if announce is not None:
            event = announce(target, words)
        else:
            event = QtGui.QAccessibleEvent(target, QtGui.QAccessible.Event.Alert)
        QtGui.QAccessible.updateAccessibility(event)

    def _show_safety(self, results: Results) -> tuple[QWidget, str] | None:
        """The care cards of the warning signs the question names (one per tier, most
        urgent first), then the fixed medicine answer; the first of them and what a
        screen reader says of it (None: neither)."""
        from kiosk.safety import CONTEXT as SAFETY
        from kiosk.safety import MEDICINE_HEADING
        from kiosk.ui.care_card import sign_cards
        from kiosk.ui.i18n import translator

        bundle = self.context.bundle
        if bundle is None or not results.safety_first:
            self.status.setVisible(True)
            return None
        # nothing before the first card: the status line ("Answers from ...") goes
        # below the cards, as the passages' heading
        self.status.setVisible(False)
        safety = translator(SAFETY)
        first: tuple[QWidget, str] | None = None
        for sign_card in sign_cards(
            results.signs,
            level_text=self.context.level_text,
            kiosk=self.context.kiosk,
            source_label=self.tr("Source"),
            link_colour=self.context.theme.link,
            name="ask-signs",
        ):
            sign_card.citationActivated.connect(self.citationActivated)
            self._add(sign_card)
            if first is None:
                first = (sign_card, sign_card.spoken())
        if results.medicine_safety is not None:
            frame, layout = card()
            frame.setObjectName("ask-medicine")
            heading = label(safety(MEDICINE_HEADING), role="h2")
            layout.addWidget(heading)
            text = PassageView(self.tr("Source"))
            text.setProperty("role", "plain")  # on the card, not a passage's box
            text.show_text(results.medicine_safety, self.context.theme.link)
            layout.addWidget(text)
            for widget in frame.findChildren(QWidget):
                widget.show()
            self._add(frame)
            if first is None:
                from kiosk.content.markup import plain_text

                first = (frame, f"{heading.text()}. {plain_text(results.medicine_safety)}")
        return first

    def _show_results(self, results: Results) -> None:
        if results.safety_first:
            if results.answered:  # the passages' heading, below the cards
                heading = label(self.tr("Answers from this information"), role="h2")
                heading.setObjectName("ask-passages")
                self._add(heading)
            else:  # the cards say what to do; no calm "no answer" after them
                self._finish()
                return
        elif not results.answered:
            self.status.setText(self.tr("I don't have an answer to that."))
            self.status.setProperty("role", "h2")
            advice = label(self.tr("Please ask a member of staff. They will be glad to help."))
            advice.setObjectName("no-answer")
            self._add(advice)
            return
        self.status.setText(self.tr("Answers from this information"))
        for number, found in enumerate(results.found, 1):
            self._add(self._answer_card(number, found))
        note = label(
            self.tr(
                "These are passages from the information, not advice for you. "
                "Please ask a member of staff about your own health."
            ),
            role="muted",
        )
        self._add(note)
        self._finish()

    def _finish(self) -> None:
        from kiosk.ui.widgets import tab_in_reading_order

        tab_in_reading_order(self)  # the answers' buttons, made last, in reading order

    def _add(self, widget: QWidget) -> None:
        self.answer_column.addWidget(widget)
        self.answers.append(widget)
        widget.show()  # the page is already shown: new widgets must be shown too

    def _answer_card(self, number: int, found: Found) -> QWidget:
        frame, layout = card()
        frame.setObjectName(f"answer-{number}")
        where = self.tr("The short answer") if found.section_id is None else found.title
        heading = label(where, role="h2")
        layout.addWidget(heading)
        bundle = self.context.bundle
        other = next((b for b in self.context.topics if b.id == found.bundle_id), None)
        if bundle is not None and other is not None and other.id != bundle.id:
            topic = found.topic or other.text(other.metadata.title, self.context.session.language)
            from_topic = label(
                self.tr("From another topic: {title}").format(title=topic), role="muted"
            )
            from_topic.setObjectName(f"answer-{number}-topic")
            layout.addWidget(from_topic)
        if found.curated_id is not None:
            layout.addWidget(label(self.tr("A common question"), role="muted"))
        passage = PassageView(self.tr("Source"))
        passage.setProperty("role", None)  # already inside a card
        passage.show_text(found.text, self.context.theme.link)
        passage.citationActivated.connect(self.citationActivated)
        layout.addWidget(passage)
        if other is not None and bundle is not None and other.id != bundle.id:
            topic_id, section = other.id, found.section_id or ""
            more = button(
                self.tr("Read it in that topic") + "  ›",
                name=f"answer-{number}-open",
                wrap=True,
                on_click=lambda: self.otherTopicChosen.emit(topic_id, section),
            )
        elif found.section_id is None:
            more = button(
                self.tr("Read the short answer") + "  ›",
                name=f"answer-{number}-open",
                on_click=self.topicRequested.emit,
            )
        else:
            section_id = found.section_id
            more = button(
                self.tr("Read the section: {title}").format(title=found.title) + "  ›",
                name=f"answer-{number}-open",
                wrap=True,
                on_click=lambda: self.sectionChosen.emit(section_id),
            )
        layout.addWidget(more)
        for widget in frame.findChildren(QWidget):
            widget.show()
        return frame

    def refresh(self) -> None:
        """The words in the session's language; answers again at the new level/language."""
        set_button_text(self.back, "‹  " + self.tr("Back"))
        self.title.setText(self.tr("Have a follow-up question?"))
        self.hint.setText(
            self.tr(
                "Type your question. The answers come only from this information, with its sources."
            )
        )
        self.edit.setPlaceholderText(self.tr("For example: can water pills cause cramps?"))
        self.edit.setAccessibleName(self.tr("Your question"))
        set_button_text(self.ask_button, self.tr("Ask"))
        set_button_text(self.show_keyboard, "⌨  " + self.tr("Show the keyboard"))
        if self.keyboard is not None:
            self.keyboard.set_language(self.context.session.language)
            self.keyboard.retranslate()
        session = self.context.session
        if self.results is not None and session.level is not None:
            # the same answers, at this level, in this language (level None: the wipe is
            # under way, and the answers are about to go)
            results = self._index().again(self.results, session.reading_level, session.language)
            session.visit.ask(self.question, results)
            self._show(results)
        else:
            self.status.setText("")
