"""Each screen with its model alone: the shipped content and a visit, no main window.

napari's habit: a screen that only views the visit and the content is built on its
own, as the window's factory builds it (``ScreenContext``: the bundle, the session,
the look), and clicked. Its requests are signals; here they are caught, and where
the window would answer one (show the next section), the test does it. What needs
the window (the header, the banner, the dialogs, moving between screens, the wipe)
is tested with the window in test_screens.py and test_selfcheck_ui.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import BundleCache, load_bundle
from kiosk.ui.i18n import use_language
from kiosk.ui.screens import (
    AudienceScreen,
    ScreenContext,
    SectionScreen,
    TopicScreen,
    WelcomeScreen,
)
from kiosk.ui.selfcheck_screens import QuestionScreen, ResultsScreen
from kiosk.ui.session import Session
from kiosk.ui.theme import DEFAULT
from tests.conftest import CONTENT
from tests.ui.helpers import click, find_button, leave_question, texts

CRAMPS = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))
W = TypeVar("W", bound=QWidget)


def _plain(value: object, level: str) -> str:
    return CRAMPS.level_text(value, level)  # type: ignore[arg-type]


@pytest.fixture
def context(qapp: object) -> ScreenContext:
    """The window's context for one visit: the shipped topic, a new session."""
    return ScreenContext(CRAMPS, Session(), DEFAULT, kiosk=False, topics=(CRAMPS,))


@pytest.fixture
def shown(qtbot: QtBot) -> Callable[[W], W]:
    """Show a screen on its own, at the window's size, as the window would."""

    def show(screen: W) -> W:
        qtbot.addWidget(screen)
        session = screen.context.session  # type: ignore[attr-defined]
        screen.setStyleSheet(DEFAULT.stylesheet(session.text_scale, kiosk=False))  # the window's
        screen.resize(1280, 640)
        screen.show()
        qtbot.waitExposed(screen)
        return screen

    return show


# -- welcome, audience ---------------------------------------------------------------


def test_welcome_shows_the_title_and_a_touch_anywhere_starts(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = shown(WelcomeScreen(context))
    assert "What causes muscle cramps?" in texts(screen)
    with qtbot.waitSignal(screen.started):
        qtbot.mouseClick(screen, Qt.MouseButton.LeftButton, pos=screen.rect().center())


def test_the_audience_offers_the_bundles_levels_and_says_which_was_chosen(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = shown(AudienceScreen(context))
    assert "Which best describes you?" in texts(screen)
    assert find_button(screen, "audience-patient").isVisible()
    assert find_button(screen, "audience-clinician").isVisible()
    with qtbot.waitSignal(screen.chosen) as blocker:
        click(qtbot, screen, "audience-clinician")
    assert blocker.args == ["clinician"]


# -- the topic and its sections -------------------------------------------------------


def test_topic_shows_the_short_answer_first_then_sections(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = shown(TopicScreen(context))
    text = texts(screen)
    assert "Why do muscles cramp?" in text
    assert "The short answer" in text
    assert "During a cramp, stretch the muscle" in text  # the patient summary, action first
    for section in CRAMPS.topic.sections:
        title = find_button(screen, f"section-{section.id}").text()
        assert title.startswith(_plain(section.title, "patient"))
    with qtbot.waitSignal(screen.sectionChosen) as blocker:
        click(qtbot, screen, "section-electrolytes-fluid")
    assert blocker.args == ["electrolytes-fluid"]
    with qtbot.waitSignal(screen.selfcheckRequested):
        click(qtbot, screen, "check-risk-factors")


def test_the_topic_marks_and_lists_first_what_applies_as_answers_change(
    context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = shown(TopicScreen(context))
    assert "Applies to you" not in find_button(screen, "section-medical-conditions").text()
    context.session.visit.answer_all({"diuretic": "yes"})
    assert screen.stale  # it listens, and is redrawn when next shown
    screen.refresh()
    assert "Applies to you" in find_button(screen, "section-medical-conditions").text()
    listed = screen.section_list
    first = listed.itemAt(0).widget()
    assert first is not None
    assert first.objectName() == "section-medical-conditions"


def _section(context: ScreenContext, section_id: str) -> SectionScreen:
    screen = SectionScreen(context)
    screen.sectionChosen.connect(screen.show_section)  # what the window does
    screen.show_section(section_id)
    return screen


def test_section_reader_shows_every_passage_with_its_citations(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = shown(_section(context, "electrolytes-fluid"))
    section = CRAMPS.section("electrolytes-fluid")
    assert section is not None
    assert len(screen.passages) == len(section.passages)
    assert "Low sodium (hyponatremia)." in texts(screen)
    assert [b.objectName() for b in screen.passages[1].buttons] == ["cite-3"]
    with qtbot.waitSignal(screen.citationActivated) as blocker:
        qtbot.mouseClick(screen.passages[1].buttons[0], Qt.MouseButton.LeftButton)
    assert blocker.args == [3]


def test_a_new_section_screen_shows_the_visits_section(
    context: ScreenContext, shown: Callable[[W], W]
) -> None:
    """The screen views the visit: one made anew (content reloaded by staff) shows the
    section the visit has open."""
    context.session.visit.open_section("night-cramps")
    screen = shown(SectionScreen(context))
    screen.refresh()
    section = CRAMPS.section("night-cramps")
    assert section is not None
    assert _plain(section.title, "patient") in texts(screen)
    assert len(screen.passages) == len(section.passages)


def test_switching_level_on_a_section_keeps_the_place(
    context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = shown(_section(context, "medical-conditions"))
    assert "Water pills (diuretics)" in texts(screen)
    context.session.set_level("clinician")
    screen.refresh()  # the window redraws the visible screen on levelChanged
    assert screen.section_id == "medical-conditions"
    text = texts(screen)
    assert "Medical conditions associated with muscle cramps" in text
    assert "ascites" in text
    assert "Water pills (diuretics)" not in text


def test_next_and_previous_walk_the_sections(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    first, second = (section.id for section in CRAMPS.topic.sections[:2])
    screen = shown(_section(context, first))
    assert not find_button(screen, "previous-section").isVisible()
    click(qtbot, screen, "next-section")
    assert screen.section_id == second
    assert context.session.visit.section == second  # the place is the visit's
    click(qtbot, screen, "previous-section")
    assert screen.section_id == first
    with qtbot.waitSignal(screen.backRequested):
        click(qtbot, screen, "back-to-topic")


# -- the self-check ----------------------------------------------------------------------


def _questions(qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]) -> QuestionScreen:
    assert context.engine is not None
    screen = shown(QuestionScreen(context, context.engine))
    screen.begin()
    assert "not a diagnosis" in texts(screen).lower()
    click(qtbot, screen, "question-start")
    return screen


def test_one_question_per_screen_with_progress(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = _questions(qtbot, context, shown)
    assert screen.current == screen.engine.order[0].id
    assert context.session.visit.step == screen.current  # the visit's, not the screen's
    assert screen.progress.text().startswith("Question 1 of ")
    for name in ("answer-yes", "answer-no", "answer-not_sure"):
        assert find_button(screen, name).height() >= 48
    click(qtbot, screen, "answer-no")
    assert screen.progress.text().startswith("Question 2 of ")
    assert context.session.answers[screen.engine.order[0].id] == "no"  # the visit holds it


def test_back_returns_to_the_previous_question_then_the_intro_then_asks_to_leave(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = _questions(qtbot, context, shown)
    first = screen.current
    click(qtbot, screen, "answer-no")
    click(qtbot, screen, "question-back")
    assert screen.current == first
    assert find_button(screen, "answer-no").isChecked()  # the answer is remembered
    click(qtbot, screen, "question-back")
    assert screen.current is None
    with qtbot.waitSignal(screen.backRequested):
        click(qtbot, screen, "question-back")


def test_skip_logic_is_applied_live(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = _questions(qtbot, context, shown)
    visit = context.session.visit
    visit.answer_all({"hard-exercise": "no"})
    assert "heat" not in [q.id for q in screen.engine.questions(context.session.answers)]
    visit.answer("hard-exercise", "yes")
    assert "heat" in [q.id for q in screen.engine.questions(context.session.answers)]
    screen.show_question("hard-exercise")
    click(qtbot, screen, "answer-yes")
    assert screen.current == "heat"


def test_the_last_question_finishes(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = _questions(qtbot, context, shown)
    screen.show_question(screen.engine.order[-1].id)
    with qtbot.waitSignal(screen.finished):
        leave_question(qtbot, screen)


def _results(context: ScreenContext, shown: Callable[[W], W]) -> ResultsScreen:
    assert context.engine is not None
    screen = shown(ResultsScreen(context, context.engine))
    screen.begin()
    return screen


def test_no_findings_says_so_plainly(context: ScreenContext, shown: Callable[[W], W]) -> None:
    assert context.engine is not None
    context.session.visit.answer_all(
        {q.id: "no" for q in context.engine.order if q.kind == "yes_no"}
    )
    text = texts(_results(context, shown))
    assert "This is not a diagnosis" in text
    assert "do not point to any of the causes" in text


def test_results_put_urgent_advice_first_and_say_why(
    qtbot: QtBot, context: ScreenContext, shown: Callable[[W], W]
) -> None:
    context.session.visit.answer_all({"chest-belly-arms": "yes", "hard-exercise": "yes"})
    screen = _results(context, shown)
    text = texts(screen)
    assert text.index("! Urgent: See a doctor right away") < text.index("What may play a part")
    # on a laptop (this context is not a kiosk's): whom to contact, not the staff
    assert text.index("Contact your doctor's office now.") < text.index("What may play a part")
    assert "Because you said:" in text
    assert "Are the cramps in your chest, arms or belly? — Yes" in text
    assert "Tired muscles" in text
    with qtbot.waitSignal(screen.sectionChosen) as blocker:
        click(qtbot, screen, "read-fatigue-neuromuscular")
    assert blocker.args == ["neuromuscular"]  # the section that explains the factor


def test_a_kiosk_context_sends_the_visitor_to_the_staff(
    context: ScreenContext, shown: Callable[[W], W]
) -> None:
    kiosk = ScreenContext(CRAMPS, context.session, DEFAULT, kiosk=True, topics=(CRAMPS,))
    kiosk.session.visit.answer_all({"chest-belly-arms": "yes"})
    text = texts(_results(kiosk, shown))
    assert "Contact your doctor's office now." not in text
    assert "staff" in text.lower()


def test_a_level_switch_rewords_the_care_cards_in_place(
    context: ScreenContext, shown: Callable[[W], W]
) -> None:
    """The same signs at another level: the cards stay (a switch in a few ms), only
    their words change; another section builds its own."""
    section = CRAMPS.section("when-to-get-help")
    assert section is not None
    screen = shown(_section(context, section.id))
    cards = list(screen.cards)
    assert len(cards) >= 2  # several tiers
    sign = CRAMPS.sign(section.signs[0])
    assert sign is not None
    assert _plain(sign.name, "patient") in texts(screen)
    context.session.set_level("clinician")
    screen.refresh()
    assert screen.cards == cards
    assert _plain(sign.name, "clinician") in texts(screen)
    assert _plain(sign.advice, "clinician").split("[")[0].strip()[:40] in texts(screen)
    screen.show_section("what-is-a-cramp")
    assert all(card not in screen.cards for card in cards)


def test_source_buttons_say_source_in_the_language_shown(
    context: ScreenContext, shown: Callable[[W], W]
) -> None:
    screen = shown(_section(context, "electrolytes-fluid"))
    assert screen.passages[1].buttons[0].text() == "Source 3"
    use_language("es")
    try:
        context.session.set_language("es")
        screen.refresh()
        assert screen.passages[1].buttons[0].text() == "Fuente 3"
    finally:
        use_language("en")
