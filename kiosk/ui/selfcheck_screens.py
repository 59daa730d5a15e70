"""The self-check screens (PRODUCT.md 5, 6): one question per screen, then the results.

Answers live only in the session (``session.answers``) and go with its wipe. The
results never diagnose: urgent advice first, then what *may* be contributing, each
with the answers that led to it and links to the sections that explain it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.content import Question, QuestionKind
from kiosk.safety import CONTEXT as SAFETY
from kiosk.safety import Place
from kiosk.selfcheck import Answer, Evaluation, SelfCheckEngine
from kiosk.selfcheck.report import CONTEXT, Report, Said, build_report, report_words
from kiosk.ui.care_card import CareCard
from kiosk.ui.i18n import translator
from kiosk.ui.screens import Screen, ScreenContext
from kiosk.ui.widgets import (
    PassageView,
    button,
    card,
    clear_layout,
    label,
    set_button_text,
    tab_in_reading_order,
)


class QuestionScreen(Screen):
    """The intro, then one question at a time, with big answer buttons and Back.

    Signals:
        finished(): the last question was answered (or skipped).
        backRequested(): Back on the intro: return to the topic.
        citationActivated(int)
    """

    name = "question"
    finished = Signal()
    backRequested = Signal()
    citationActivated = Signal(int)

    def __init__(self, context: ScreenContext, engine: SelfCheckEngine) -> None:
        super().__init__(context)
        self.engine = engine
        self.current: str | None = None  # the question shown; None: the intro
        self._drawn: str | None = None  # the question whose answer buttons are shown
        column = self.scrolling_column()
        column.setContentsMargins(48, 24, 48, 32)
        self.progress = label(role="muted")
        self.progress.setObjectName("question-progress")
        column.addWidget(self.progress)
        self.title = label(role="h1")
        column.addWidget(self.title)
        self.help = label(role="muted")
        column.addWidget(self.help)
        # the question and its answers, one group for a screen reader: named by the
        # question, labelled by its title (radio buttons for one answer, check boxes for
        # several; see kiosk.ui.accessibility)
        self.answers_group = QWidget()
        self.answers_group.setObjectName("answers")
        self.answers_group.setProperty("a11y", "group")
        self.title.setBuddy(self.answers_group)
        self.answers_box = QVBoxLayout(self.answers_group)
        self.answers_box.setContentsMargins(0, 0, 0, 0)
        self.answers_box.setSpacing(12)
        column.addWidget(self.answers_group)
        moves = QHBoxLayout()
        self.back = button("", name="question-back", on_click=self.go_back)
        self.next = button("", role="primary", name="question-next", on_click=self._next)
        moves.addWidget(self.back)
        moves.addStretch(1)
        moves.addWidget(self.next)
        column.addSpacing(8)
        column.addLayout(moves)
        column.addStretch(1)
        self.refresh()

    # -- what the visitor sees ------------------------------------------------------
    @property
    def answers(self) -> Mapping[str, Answer]:
        return self.context.session.answers

    def start(self) -> None:
        self.current = None
        self.refresh()
        self.page.to_top()
        self.arrive(restore=False)

    def show_question(self, question_id: str | None) -> None:
        self.current = question_id
        self.refresh()
        self.page.to_top()
        self.arrive(restore=False)  # a new question: said, the focus on its first answer

    def first_focus(self) -> QWidget | None:
        """The first answer (the intro: "Start the questions")."""
        answers = self.answers_group.findChildren(QPushButton) if self.current else []
        shown = [a for a in answers if a.isVisibleTo(self)]  # (in layout order: see refresh)
        return min(shown, key=lambda a: a.y()) if shown else self.next

    def refresh(self) -> None:
        from PySide6.QtWidgets import QApplication

        selfcheck = self.engine.selfcheck
        # the same question drawn again (an answer of several chosen): the focus stays on
        # the answer that had it, not on a button of its own somewhere else
        focus = QApplication.focusWidget()
        refocus = ""
        if focus is not None and self.current == self._drawn and self.isAncestorOf(focus):
            refocus = focus.objectName() if focus.objectName().startswith("answer-") else ""
        if focus is not None and self.answers_group.isAncestorOf(focus):
            focus.clearFocus()  # not passed on to Back while the answers are made anew
        self._drawn = self.current
        clear_layout(self.answers_box)
        set_button_text(self.back, "‹  " + self.tr("Back"))
        question = selfcheck.question(self.current) if self.current else None
        self.answers_group.setVisible(question is not None)
        if question is None:
            self.progress.setText("")
            self.title.setText(self.context.level_text(selfcheck.title))
            self.help.setText(self.context.level_text(selfcheck.intro))
            self.help.setVisible(True)  # a question without help hid it (the safety lines)
            self.next.setVisible(True)
            set_button_text(self.next, self.tr("Start the questions") + "  ›")
            return
        asked = self.engine.questions(self.answers)
        ids = [q.id for q in asked]
        number = ids.index(question.id) + 1 if question.id in ids else len(ids)
        self.progress.setText(self.tr("Question {number} of {total}").format(
            number=number, total=len(ids)))  # fmt: skip
        self.title.setText(self.context.level_text(question.text))
        self.help.setText(self.context.level_text(question.help) if question.help else "")
        self.help.setVisible(question.help is not None)
        self.answers_group.setAccessibleName(self.title.text())
        given = self.answers.get(question.id)
        multiple = question.kind is QuestionKind.MULTIPLE
        for answer_id, text in self._choices(question):
            chosen = answer_id in given if isinstance(given, tuple) else answer_id == given
            # chosen: a check mark as well as the colour (its name stays the words)
            widget = button(("✓  " if chosen else "") + text, role="big",
                            name=f"answer-{answer_id}", wrap=True,
                            on_click=partial(self._answer, question, answer_id))  # fmt: skip
            widget.setProperty("a11y", "check" if multiple else "radio")
            widget.setCheckable(True)
            widget.setChecked(bool(chosen))
            self.answers_box.addWidget(widget)
            widget.show()  # at once: a widget added to a shown screen appears only later
            if widget.objectName() == refocus:
                widget.setFocus()
        self.next.setVisible(True)
        set_button_text(self.next, (self.tr("Next") if multiple and given else
                                    self.tr("Skip this question")) + "  ›")  # fmt: skip
        tab_in_reading_order(self)  # the answers (made last) before Back and Next

    def _choices(self, question: Question) -> list[tuple[str, str]]:
        if question.kind is QuestionKind.YES_NO:
            return [
                ("yes", self.tr("Yes")),
                ("no", self.tr("No")),
                ("not_sure", self.tr("Not sure")),
            ]
        return [(o.id, self.context.level_text(o.text)) for o in question.options]

    # -- what the visitor does ------------------------------------------------------
    def _answer(self, question: Question, answer_id: str) -> None:
        visit = self.context.session.visit
        if question.kind is QuestionKind.MULTIPLE:
            visit.toggle_option(question.id, answer_id)
            self.refresh()  # stay: more than one can be chosen
            return
        visit.answer(question.id, answer_id)
        self._advance(question.id)

    def _next(self) -> None:
        if self.current is None:
            first = self.engine.next_question(self.answers)
            if first is None:
                self.finished.emit()
            else:
                self.show_question(first.id)
            return
        self._advance(self.current)

    def _advance(self, after: str) -> None:
        following = self.engine.next_question(self.answers, after=after)
        if following is None:
            self.finished.emit()
        else:
            self.show_question(following.id)

    def go_back(self) -> None:
        if self.current is None:
            self.backRequested.emit()
            return
        ids = [q.id for q in self.engine.questions(self.answers)]
        index = ids.index(self.current) if self.current in ids else 0
        self.show_question(ids[index - 1] if index > 0 else None)

    def reset(self) -> None:
        self.current = None
        self.refresh()
        self.page.to_top()


class ResultsScreen(Screen):
    """Urgent advice first, then what may be contributing and why; never a diagnosis.

    Signals:
        sectionChosen(str), citationActivated(int), backRequested(), printRequested(),
        saveRequested(), againRequested(), askRequested()
    """

    name = "results"
    sectionChosen = Signal(str)
    citationActivated = Signal(int)
    backRequested = Signal()
    printRequested = Signal()
    saveRequested = Signal()
    againRequested = Signal()
    askRequested = Signal()

    def __init__(self, context: ScreenContext, engine: SelfCheckEngine) -> None:
        super().__init__(context)
        self.engine = engine
        self.evaluation: Evaluation | None = None
        column = self.scrolling_column()
        column.setContentsMargins(32, 24, 32, 32)
        self.title = label(role="h1")
        column.addWidget(self.title)
        # the warning signs raised come first, before anything else but the title
        self.urgent = QVBoxLayout()
        self.urgent.setSpacing(14)
        column.addLayout(self.urgent)
        self.note = label(role="muted")
        column.addWidget(self.note)
        self.body = QVBoxLayout()
        self.body.setSpacing(14)
        column.addLayout(self.body)
        row = QHBoxLayout()
        self.print_button = button("", role="primary", name="results-print",
                                   on_click=self.printRequested.emit)  # fmt: skip
        self.save_button = button("", name="results-save", on_click=self.saveRequested.emit)
        self.again = button("", name="results-again", on_click=self.againRequested.emit)
        self.back = button("", name="results-back", on_click=self.backRequested.emit)
        for widget in (self.print_button, self.save_button, self.again):
            row.addWidget(widget)
        row.addStretch(1)
        column.addSpacing(8)
        column.addLayout(row)
        # once in the page: shown before, it would open as a window of its own for a
        # moment, and take the keyboard focus from the main window
        self.save_button.setVisible(not context.kiosk)
        self.ask = button("", name="results-ask", wrap=True, on_click=self.askRequested.emit)
        column.addWidget(self.ask)
        column.addWidget(self.back, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self.refresh()

    def show_results(self) -> None:
        self.evaluation = self.engine.evaluate(self.context.session.answers)
        self.refresh()
        self.page.to_top()

    def arrive(self, *, restore: bool = True) -> None:
        """Fresh results open at their top, the most urgent care card in view: the focus
        goes to their first control, never back to "Change my answers" at the bottom
        (which scrolled the warning signs out of sight)."""
        del restore
        super().arrive(restore=False)
        self.page.to_top()

    def report(self) -> Report | None:
        """The self-check's report (the handout's and ``kiosk selfcheck``'s words)."""
        if self.evaluation is None or self.context.bundle is None:
            return None
        session = self.context.session
        place = Place.KIOSK if self.context.kiosk else Place.LAPTOP
        return build_report(
            self.context.bundle,
            self.evaluation,
            session.reading_level,
            session.language,
            translator(CONTEXT),
            place=place,
            translate_safety=translator(SAFETY),
        )

    def refresh(self) -> None:
        report = self.report()
        words = report.words if report is not None else report_words(translator(CONTEXT))
        self.title.setText(words.title)
        self.note.setText(f"{words.not_a_diagnosis} {words.based_on_answers}")
        set_button_text(self.print_button, self.tr("Print a handout"))
        set_button_text(self.save_button, self.tr("Save as PDF"))
        set_button_text(self.again, self.tr("Change my answers"))
        set_button_text(self.ask, self.tr("Have a follow-up question?"))
        set_button_text(self.back, "‹  " + self.tr("Back to the topic"))
        clear_layout(self.urgent)
        clear_layout(self.body)
        if report is None:
            return
        for tier in report.by_tier():  # one care card per tier, most urgent first
            sign_card = CareCard(
                tier.look,
                tier.action,
                source_label=self.tr("Source"),
                link_colour=self.context.theme.link,
                object_name=f"urgent-{tier.look.tier.value}",
            )
            for item in tier.signs:
                sign_card.add_sign(
                    item.name,
                    item.advice,
                    note=item.action if item.unsure else "",
                    because=self._because(report, item.because),
                )
            sign_card.citationActivated.connect(self.citationActivated)
            self.urgent.addWidget(sign_card)
            sign_card.show()
        if report.factors:
            self._add(label(report.words.may_play_a_part, role="h2"))
        elif not report.urgent:
            self._add(label(report.words.nothing_found, role="h2"))
        for factor in report.factors:
            frame = self._card(factor.name, f"factor-{factor.id}")
            layout = frame.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.addWidget(label(self._because(report, factor.because), role="muted"))
            layout.addWidget(label(report.words.may_help, role="h2"))
            helps = PassageView(self.tr("Source"))
            helps.setProperty("role", "plain")
            helps.show_text(factor.helps, self.context.theme.link)
            helps.citationActivated.connect(self.citationActivated)
            layout.addWidget(helps)
            for section_id, title in factor.sections:
                read = button(self.tr("Read: {title}").format(title=title) + "  ›",
                    name=f"read-{factor.id}-{section_id}", wrap=True,
                    on_click=partial(self.sectionChosen.emit, section_id))  # fmt: skip
                layout.addWidget(read)
            self.body.addWidget(frame)
            frame.show()
        tab_in_reading_order(self)  # the findings (made last) before the buttons below

    def _add(self, widget: QWidget) -> None:
        self.body.addWidget(widget)
        widget.show()

    def _card(self, heading: str, name: str) -> QFrame:
        frame, layout = card()
        frame.setObjectName(name)
        layout.addWidget(label(heading, role="h2"))
        return frame

    @staticmethod
    def _because(report: Report, said: tuple[Said, ...]) -> str:
        lines = [report.words.because]
        for line in said:
            lines.append(f"• {line.question} — {', '.join(line.answers)}")
        return "\n".join(lines)

    def reset(self) -> None:
        self.evaluation = None
        self.refresh()
        self.page.to_top()
