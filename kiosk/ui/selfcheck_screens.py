"""The self-check screens (PRODUCT.md 5, 6): one question per screen, then the results.

Answers live only in the session (``session.answers``) and go with its wipe. The
results never diagnose: urgent advice first, then what *may* be contributing, each
with the answers that led to it and links to the sections that explain it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
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
    reading = True
    finished = Signal()
    backRequested = Signal()
    citationActivated = Signal(int)

    def __init__(self, context: ScreenContext, engine: SelfCheckEngine) -> None:
        super().__init__(context)
        self.engine = engine
        self._fresh = False  # start() was called: the next arrival ignores the old focus
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
        # three buttons, three jobs, never one button that changes its job: "Start the
        # questions" (the intro only), "Next" (a question already answered, or a choice
        # of several made) and "Skip this question" (quiet, below them). One button that
        # turned from Start into Skip, with the focus left on it, let Return pressed
        # twice skip warning-sign question 1.
        moves = QHBoxLayout()
        self.back = button("", name="question-back", on_click=self.go_back)
        self.start_button = button(
            "", role="primary", name="question-start", on_click=self._start_questions
        )
        self.next = button("", role="primary", name="question-next", on_click=self._next)
        moves.addWidget(self.back)
        moves.addStretch(1)
        moves.addWidget(self.start_button)
        moves.addWidget(self.next)
        column.addSpacing(8)
        column.addLayout(moves)
        # Skip: quiet and secondary (link-like, not bold), after the answers and the
        # Back/Next row; never pressed by Return (Space or a tap only)
        self.skip = button("", role="quiet", name="question-skip", on_click=self._skip)
        self.skip.setAutoDefault(False)
        self.skip.setDefault(False)
        column.addWidget(self.skip, alignment=Qt.AlignmentFlag.AlignLeft)
        # skipping a warning-sign question asks once to confirm, here on the screen:
        # "Go back to the question" (the default, with the focus) or "Skip anyway"
        self.confirm, confirm_box = card()
        self.confirm.setObjectName("skip-confirm")
        self.confirm_text = label(role="h2")
        self.confirm_text.setObjectName("skip-confirm-text")
        confirm_box.addWidget(self.confirm_text)
        confirm_row = QHBoxLayout()
        self.keep = button(
            "", role="primary", name="skip-go-back", wrap=True, on_click=self._keep_question
        )
        self.skip_anyway = button("", name="skip-anyway", wrap=True, on_click=self._skip_anyway)
        self.skip_anyway.setAutoDefault(False)  # Return (pressed again) goes back, never skips
        confirm_row.addWidget(self.keep, 1)
        confirm_row.addWidget(self.skip_anyway, 1)
        confirm_box.addLayout(confirm_row)
        self.confirm.setVisible(False)
        column.addWidget(self.confirm)
        # the warning-sign questions whose confirm was shown in this visit: asked once
        # (a new visitor gets a new screen, asked again)
        self.confirm_asked: set[str] = set()
        column.addStretch(1)
        self.refresh()

    # -- what the visitor sees ------------------------------------------------------
    @property
    def answers(self) -> Mapping[str, Answer]:
        return self.context.session.answers

    @property
    def current(self) -> str | None:
        """The question shown (None: the intro): the visit's (kiosk.visit)."""
        return self.context.session.visit.step

    def begin(self, came_from: str | None = None) -> None:  # "Check my risk factors"
        self.start()

    def start(self) -> None:
        self.context.session.visit.show_step(None)
        self.refresh()
        self.page.to_top()
        self._fresh = True  # shown next: the focus on "Start", not where Qt's chain left it
        self.arrive(restore=False)

    def arrive(self, *, restore: bool = True) -> None:
        if self._fresh and self.isVisible():
            self._fresh = False
            restore = False
        super().arrive(restore=restore)

    def show_question(self, question_id: str | None) -> None:
        self.context.session.visit.show_step(question_id)
        self.refresh()
        self.page.to_top()
        self.arrive(restore=False)  # a new question: said, the focus on its first answer

    def first_focus(self) -> QWidget | None:
        """The question's first answer (the intro: "Start the questions"). Return does
        not choose an answer (see refresh), so Return pressed again after Start neither
        answers nor skips question 1."""
        answers = self.answers_group.findChildren(QPushButton) if self.current else []
        shown = [a for a in answers if a.isVisibleTo(self)]  # (in layout order: see refresh)
        return min(shown, key=lambda a: a.y()) if shown else self.start_button

    def refresh(self) -> None:
        from PySide6.QtWidgets import QApplication

        selfcheck = self.engine.selfcheck
        # the same question drawn again (an answer of several chosen): the focus stays on
        # the answer that had it, not on a button of its own somewhere else
        focus = QApplication.focusWidget()
        refocus = ""
        if focus is not None and self.current == self._drawn and self.isAncestorOf(focus):
            refocus = focus.objectName() if focus.objectName().startswith("answer-") else ""
        new = self._drawn != self.current
        if focus is not None and (self.answers_group.isAncestorOf(focus) or new):
            # not passed on to Back while the answers are made anew, nor to "Start over"
            # as "Start the questions" goes (arrive gives the focus to the new question)
            self.release_focus()
        if new:
            self.confirm.setVisible(False)  # a confirm belongs to its question only
        self._drawn = self.current
        clear_layout(self.answers_box)
        set_button_text(self.back, "‹  " + self.tr("Back"))
        set_button_text(self.skip, self.tr("Skip this question"))
        set_button_text(self.keep, self.tr("Go back to the question"))
        set_button_text(self.skip_anyway, self.tr("Skip anyway"))
        self.confirm_text.setText(
            self.tr(
                "This question is about a warning sign. Skipping it means the check cannot "
                "tell you if you need help now. Skip anyway?"
            )
        )
        question = selfcheck.question(self.current) if self.current else None
        self.answers_group.setVisible(question is not None)
        if question is None:
            self.progress.setText("")
            self.title.setText(self.context.level_text(selfcheck.title))
            self.help.setText(self.context.level_text(selfcheck.intro))
            self.help.setVisible(True)  # a question without help hid it (the safety lines)
            self.start_button.setVisible(True)
            set_button_text(self.start_button, self.tr("Start the questions") + "  ›")
            self.next.setVisible(False)
            self.skip.setVisible(False)
            self.confirm.setVisible(False)
            return
        self.start_button.setVisible(False)
        asked = self.engine.questions(self.answers)
        ids = [q.id for q in asked]
        number = ids.index(question.id) + 1 if question.id in ids else len(ids)
        self.progress.setText(
            self.tr("Question {number} of {total}").format(number=number, total=len(ids))
        )
        self.title.setText(self.context.level_text(question.text))
        self.help.setText(self.context.level_text(question.help) if question.help else "")
        self.help.setVisible(question.help is not None)
        self.answers_group.setAccessibleName(self.title.text())
        given = self.answers.get(question.id)
        multiple = question.kind is QuestionKind.MULTIPLE
        for answer_id, text in self._choices(question):
            chosen = answer_id in given if isinstance(given, tuple) else answer_id == given
            # chosen: a check mark as well as the colour (its name stays the words)
            widget = button(
                ("✓  " if chosen else "") + text,
                role="big",
                name=f"answer-{answer_id}",
                wrap=True,
                on_click=partial(self._answer, question, answer_id),
            )
            widget.setProperty("a11y", "check" if multiple else "radio")
            widget.setCheckable(True)
            widget.setChecked(bool(chosen))
            # chosen by a tap or Space, as a radio button or check box is; not by Return,
            # which a visitor may press again after "Start the questions"
            widget.setAutoDefault(False)
            self.answers_box.addWidget(widget)
            widget.show()  # at once: a widget added to a shown screen appears only later
            if widget.objectName() == refocus:
                widget.setFocus()
        answered = bool(given) if multiple else given is not None
        if answered:
            self.confirm.setVisible(False)  # answered after all: nothing to confirm
        self.next.setVisible(answered)  # Next keeps the answer; Skip leaves none
        set_button_text(self.next, self.tr("Next") + "  ›")
        self.skip.setVisible(not answered and not self.confirm.isVisibleTo(self))
        tab_in_reading_order(self)  # the answers (made last) before Back, Next and Skip

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

    def _start_questions(self) -> None:
        first = self.engine.next_question(self.answers)
        if first is None:
            self.finished.emit()
        else:
            self.show_question(first.id)

    def _next(self) -> None:
        if self.current is None:
            self._start_questions()
            return
        self._advance(self.current)

    def _skip(self) -> None:
        """Skip the question; a warning-sign question asks once to confirm first."""
        from kiosk.ui.accessibility import announce

        question = self.current
        if question is None:
            return
        if self.engine.is_warning(question) and question not in self.confirm_asked:
            self.confirm_asked.add(question)
            self.skip.setVisible(False)
            self.confirm.setVisible(True)
            self.keep.setFocus(Qt.FocusReason.OtherFocusReason)
            # all of it in view, once the page has made room for it (laid out later)
            QTimer.singleShot(0, self, self._show_confirm_whole)  # not after the wipe
            announce(self, self.confirm_text.text())
            return
        self._advance(question)

    def _show_confirm_whole(self) -> None:
        if self.confirm.isVisible():
            self.page.ensureWidgetVisible(self.confirm, 0, 16)

    def _keep_question(self) -> None:
        """Go back to the question: the confirm goes, the focus is on the question."""
        self.release_focus()  # (a focused button hidden passes it on to "Start over")
        self.confirm.setVisible(False)
        self.skip.setVisible(True)
        self.page.to_top()
        self.arrive(restore=False)

    def _skip_anyway(self) -> None:
        self.release_focus()
        self.confirm.setVisible(False)
        if self.current is not None:
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


class ResultsScreen(Screen):
    """Urgent advice first, then what may be contributing and why; never a diagnosis.

    Signals:
        sectionChosen(str), citationActivated(int), backRequested(), printRequested(),
        saveRequested(), againRequested(), askRequested()
    """

    name = "results"
    reading = True
    ask_returns_here = True
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
        self._shown = False  # the results were asked for (before: nothing to show)
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
        self.print_button = button(
            "", role="primary", name="results-print", on_click=self.printRequested.emit
        )
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

    def begin(self, came_from: str | None = None) -> None:  # the answers given
        self.show_results()

    @property
    def evaluation(self) -> Evaluation | None:
        """What the visit's answers point to (None before the results are asked for)."""
        return self.engine.evaluate(self.context.session.answers) if self._shown else None

    def show_results(self) -> None:
        self._shown = True
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
        evaluation = self.evaluation
        if evaluation is None or self.context.bundle is None:
            return None
        session = self.context.session
        place = Place.KIOSK if self.context.kiosk else Place.LAPTOP
        return build_report(
            self.context.bundle,
            evaluation,
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
                read = button(
                    self.tr("Read: {title}").format(title=title) + "  ›",
                    name=f"read-{factor.id}-{section_id}",
                    wrap=True,
                    on_click=partial(self.sectionChosen.emit, section_id),
                )
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
