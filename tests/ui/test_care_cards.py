"""The urgency scale on screen and on paper: care cards first, one look per tier.

Property (hypothesis): any answers to the shipped self-check with a warning-sign question
answered yes or "not sure" put that tier's care card first on the results screen (above
the note and every factor), first in what read-aloud says, and first in the handout.
Also: what to do fits where it is read (kiosk: staff; laptop and home: who to call), a
section that speaks of a warning sign shows its card before its text, and each tier's
band has its icon and words (never colour alone) and 7:1 contrast in both themes.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import QuestionKind, Urgency
from kiosk.safety import TIERS, Place, tier_look
from kiosk.ui.care_card import CareCard
from kiosk.ui.handout import handout_html
from kiosk.ui.screens import SectionScreen
from kiosk.ui.selfcheck_screens import QuestionScreen, ResultsScreen
from kiosk.ui.theme import THEMES, contrast_ratio
from kiosk.ui.window import MainWindow
from tests.ui.helpers import click, leave_question, to_topic


def _results(qtbot: QtBot, window: MainWindow, answers: dict[str, Any]) -> ResultsScreen:
    """The results screen for ``answers``, reached as a visitor reaches it: the check
    from the topic, then Next on its last question."""
    if window.current != "question":
        to_topic(qtbot, window)
        click(qtbot, window, "check-risk-factors")
    screen = window.screens["question"]
    assert isinstance(screen, QuestionScreen)
    window.session.visit.answer_all(answers)
    screen.show_question(screen.engine.order[-1].id)
    leave_question(qtbot, screen)
    results = window.screens["results"]
    assert isinstance(results, ResultsScreen)
    assert window.current == "results"
    return results


def _top(widget: QWidget, within: QWidget) -> int:
    return widget.mapTo(within, QPoint(0, 0)).y()


def _cards(screen: QWidget) -> list[CareCard]:
    cards = [card for card in screen.findChildren(CareCard) if card.isVisible()]
    return sorted(cards, key=lambda card: _top(card, screen))


@st.composite
def warning_answers(draw: st.DrawFn, window: MainWindow) -> dict[str, Any]:
    screen = window.screens["question"]
    assert isinstance(screen, QuestionScreen)
    engine = screen.engine
    questions = [q for q in engine.order if engine.is_warning(q.id)]
    answers: dict[str, Any] = {}
    for question in questions:
        if question.kind is QuestionKind.YES_NO:
            answers[question.id] = draw(st.sampled_from(["yes", "no", "not_sure"]))
        else:
            options = [o.id for o in question.options]
            answers[question.id] = tuple(draw(st.lists(st.sampled_from(options), unique=True)))
    forced = draw(st.sampled_from([q for q in questions if q.kind is QuestionKind.YES_NO]))
    answers[forced.id] = draw(st.sampled_from(["yes", "not_sure"]))
    if draw(st.booleans()):
        answers["hard-exercise"] = "yes"  # a factor too: the cards must still come first
    return answers


def test_the_most_urgent_tier_comes_first_on_screen_aloud_and_on_paper(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    window = kiosk_window
    to_topic(qtbot, window)
    click(qtbot, window, "check-risk-factors")

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.data())
    def check(data: st.DataObject) -> None:
        answers = data.draw(warning_answers(window))
        results = _results(qtbot, window, answers)
        engine = results.engine
        evaluation = engine.evaluate(answers)
        expected = min(found.sign.tier.rank for found in evaluation.urgent)
        cards = _cards(results)
        assert cards, answers
        assert cards[0].look.tier.rank == expected
        first_top = _top(cards[0], results)
        assert first_top < _top(results.note, results)  # before "This is not a diagnosis"
        for label in results.findChildren(QLabel):
            if (
                label.isVisible()
                and label.property("role") == "h2"
                and label.text()
                in (results.report().words.may_play_a_part if results.report() else "",)
            ):
                assert first_top < _top(label, results)
        spoken = results.spoken_text()
        assert spoken.index(cards[0].look.spoken) < spoken.index(results.note.text().split(".")[0])
        html = handout_html(
            window.content.bundle,
            "patient",
            "en",
            evaluation,  # type: ignore[arg-type]
            translate=lambda s: s,
        )
        first = tier_look(Urgency(list(TIERS)[expected])).title
        self_check = html.index("Your self-check")
        assert html.index(first, self_check) < html.index("This is not a diagnosis.")
        assert (
            "staff"
            not in html[
                self_check : html.index("What may play a part", self_check)
                if "What may play a part" in html
                else None
            ]
        )

    check()


def test_what_to_do_fits_where_it_is_read(
    qtbot: QtBot, kiosk_window: MainWindow, window: MainWindow
) -> None:
    kiosk = _cards(_results(qtbot, kiosk_window, {"weak-or-numb": "yes"}))
    assert kiosk[0].action.text() == "Tell a member of staff now."
    laptop = _cards(_results(qtbot, window, {"weak-or-numb": "yes"}))
    assert laptop[0].action.text().startswith("Contact your doctor's office now.")


def test_not_sure_gets_its_own_advice_on_screen(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    [card] = _cards(_results(qtbot, kiosk_window, {"long-cramp": "not_sure"}))
    shown = [label.text() for label in card.findChildren(QLabel) if label.isVisible()]
    assert 'You answered "Not sure". If you are not sure, ask a member of staff now.' in shown
    assert card.look.tier is Urgency.URGENT


def test_a_section_that_speaks_of_a_sign_shows_its_card_first(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    """Heat cramps can hit the arms and belly; cramps there are a see-a-doctor-right-away
    sign: the section says so first."""
    window = kiosk_window
    to_topic(qtbot, window)
    click(qtbot, window, "section-exercise")
    screen = window.screens["section"]
    assert isinstance(screen, SectionScreen)
    [card] = _cards(screen)
    assert card.look.tier is Urgency.URGENT
    assert card.action.text() == "Tell a member of staff now."
    names = [label.text() for label in card.findChildren(QLabel)]
    assert "Cramps in the chest, arms or belly" in names
    assert _top(card, screen) < min(_top(view, screen) for view in screen.passages)
    click(qtbot, screen, "back-to-topic")
    click(qtbot, window, "section-when-to-get-help")
    tiers = [card.look.tier for card in _cards(screen)]
    assert tiers == [Urgency.EMERGENCY, Urgency.URGENT]


def test_every_tier_has_its_icon_words_and_contrast() -> None:
    icons = set()
    for tier in TIERS:
        look = tier_look(tier)
        icons.add(look.icon)
        assert look.label in look.title
        assert look.heading in look.title
        assert look.spoken.startswith(look.label)
        for place in Place:
            assert look.action(place)
            assert look.unsure(place).startswith('You answered "Not sure".')
        assert "staff" not in look.action(Place.HOME)
        for theme in THEMES.values():
            assert contrast_ratio("#ffffff", look.band) >= 7.0, (tier, theme.name)
    assert len(icons) == len(TIERS)  # each tier its own icon, beside its own words
    assert (
        tier_look(Urgency.EMERGENCY).action(Place.HOME) == "Call your local emergency number now."
    )


def test_the_results_open_at_the_top_with_the_first_card_in_view(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    """Many signs raised make a long page; it must open at its top, the most urgent card
    in view, whatever has the keyboard focus."""
    from kiosk.ui.screenshot import _every_sign

    window = kiosk_window
    window.resize(1280, 800)
    to_topic(qtbot, window)
    click(qtbot, window, "check-risk-factors")
    screen = window.screens["question"]
    assert isinstance(screen, QuestionScreen)
    for _ in range(2):  # the first time, and again after "Change my answers"
        results = _results(qtbot, window, _every_sign(screen.engine))
        qtbot.wait(50)
        bar = results.page.verticalScrollBar()
        assert bar.value() == 0
        first = _cards(results)[0]
        viewport = results.page.viewport()
        assert first.mapTo(viewport, QPoint(0, 0)).y() < viewport.height()
        click(qtbot, results, "results-again")
