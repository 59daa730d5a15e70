"""The screens in the window, driven through real clicks on the shipped content: moving
between them, the header, the banner and the dialogs (each screen alone, with its model:
test_screens_alone.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.content import BundleCache, load_bundle
from kiosk.ui.screens import SectionScreen
from kiosk.ui.window import MainWindow
from tests.conftest import CONTENT
from tests.ui.helpers import click, find_button, open_dialog, texts, to_topic

CRAMPS = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))


def _plain(value: object, level: str) -> str:
    return CRAMPS.level_text(value, level)  # type: ignore[arg-type]


def test_welcome_shows_the_title_and_touch_anywhere_starts(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.current == "welcome"
    assert "What causes muscle cramps?" in texts(window.screens["welcome"])
    assert not window.chrome.header.isVisible()
    with qtbot.waitSignal(window.screenChanged) as blocker:
        qtbot.mouseClick(
            window.screens["welcome"],
            Qt.MouseButton.LeftButton,
            pos=window.rect().bottomRight() / 2,
        )
    assert blocker.args == ["audience"]


def test_touch_to_start_button(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window, "touch-to-start")
    assert window.current == "audience"


def test_audience_choice_sets_the_reading_level(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window, "touch-to-start")
    assert "Which best describes you?" in texts(window.screens["audience"])
    with qtbot.waitSignal(window.session.levelChanged) as blocker:
        click(qtbot, window, "audience-clinician")
    assert blocker.args == ["clinician"]
    assert window.current == "topic"
    assert find_button(window, "level-clinician").isChecked()


def test_review_banner_and_updated_date_are_shown(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    assert window.chrome.banner.isVisible()
    banner = texts(window.chrome.banner)
    assert "Pending human review" in banner
    assert "Last updated: 2026-11-25" in banner


def test_section_reader_shows_every_passage_with_its_citations(
    qtbot: QtBot, window: MainWindow
) -> None:
    to_topic(qtbot, window)
    click(qtbot, window, "section-electrolytes-fluid")
    assert window.current == "section"
    screen = window.screens["section"]
    assert isinstance(screen, SectionScreen)
    section = CRAMPS.section("electrolytes-fluid")
    assert section is not None
    assert len(screen.passages) == len(section.passages)
    assert "Low sodium (hyponatremia)." in texts(screen)
    assert [b.objectName() for b in screen.passages[1].buttons] == ["cite-3"]


def test_citation_button_opens_its_reference(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    click(qtbot, window, "section-electrolytes-fluid")
    screen = window.screens["section"]
    assert isinstance(screen, SectionScreen)
    qtbot.mouseClick(screen.passages[1].buttons[0], Qt.MouseButton.LeftButton)
    dialog = open_dialog(window, "reference")
    shown = texts(dialog)
    assert "[3] Reference 3 of the source overview" in shown
    assert "full reference not listed" in shown.lower()
    click(qtbot, dialog, "close")
    assert not dialog.isVisible()


def test_citation_link_in_the_text_opens_its_reference(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    topic = window.screens["topic"]
    topic.summary.text.linkActivated.emit("cite:2")  # type: ignore[attr-defined]
    assert "Guideline Directed Topic Overview" in texts(open_dialog(window, "reference"))


def test_about_shows_review_policy_and_the_audience_disclaimer(
    qtbot: QtBot, window: MainWindow
) -> None:
    to_topic(qtbot, window)
    click(qtbot, window, "banner-about")
    shown = texts(open_dialog(window, "about-dialog"))
    assert "Pending human review" in shown
    assert "Editorial policy" in shown
    assert "It is not a diagnosis" in shown
    click(qtbot, open_dialog(window), "close")
    find_button(window, "level-clinician").click()
    find_button(window.screens["topic"], "about").click()
    shown = texts(open_dialog(window, "about-dialog"))
    assert "intended for healthcare professionals" in shown


def test_switching_level_on_a_section_keeps_the_place(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    click(qtbot, window, "section-medical-conditions")
    screen = window.screens["section"]
    assert isinstance(screen, SectionScreen)
    assert "Water pills (diuretics)" in texts(screen)
    click(qtbot, window, "level-clinician")
    assert window.current == "section"
    assert screen.section_id == "medical-conditions"
    shown = texts(screen)
    assert "Medical conditions associated with muscle cramps" in shown
    assert "ascites" in shown
    assert "Water pills (diuretics)" not in shown


def test_start_over_is_on_every_screen_after_welcome(qtbot: QtBot, window: MainWindow) -> None:
    for steps in (
        ["touch-to-start"],
        ["touch-to-start", "audience-patient"],
        ["touch-to-start", "audience-patient", "section-exercise"],
    ):
        for step in steps:
            click(qtbot, window, step)
        with qtbot.waitSignal(window.session.wiped):
            click(qtbot, window, "start-over")
        assert window.current == "welcome"
        assert window.session.is_start_state()


def test_text_size_buttons(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    assert not find_button(window, "text-smaller").isEnabled()
    for step in (1, 2, 3):
        with qtbot.waitSignal(window.session.textSizeChanged) as blocker:
            click(qtbot, window, "text-larger")
        assert blocker.args == [step]
    assert not find_button(window, "text-larger").isEnabled()
    assert "font-size: 32px" in window.styleSheet()
    click(qtbot, window, "text-smaller")
    assert window.session.text_size == 2


def test_raw_html_in_content_is_shown_as_typed(qtbot: QtBot, window: MainWindow) -> None:
    from kiosk.ui.richtext import to_html

    html = to_html("<b>not bold</b> *soft* [1]")
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
    assert "<i>soft</i>" in html
    assert 'href="cite:1"' in html


def test_language_is_chosen_on_the_welcome_screen_and_switches_live(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert find_button(window, "welcome-language-es").text() == "Español"
    click(qtbot, window, "welcome-language-es")
    assert window.session.language == "es"
    assert "¿Qué causa los calambres musculares?" in texts(window.screens["welcome"])
    click(qtbot, window, "touch-to-start")
    click(qtbot, window, "audience-patient")
    click(qtbot, window, "section-exercise")
    assert "Si usted fuerza" in texts(window.screens["section"]) or "músculo" in texts(
        window.screens["section"]
    )
    click(qtbot, window, "language-en")  # the header switches it back, in place
    assert window.current == "section"
    assert "Cramps and exercise" in texts(window.screens["section"])
    click(qtbot, window, "start-over")
    assert window.session.language == "en"


def test_high_contrast_switches_live_and_goes_with_the_wipe(
    qtbot: QtBot, window: MainWindow
) -> None:
    from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST

    to_topic(qtbot, window)
    click(qtbot, window, "section-exercise")
    with qtbot.waitSignal(window.session.contrastChanged) as blocker:
        click(qtbot, window, "contrast")
    assert blocker.args == [True]
    assert window.current == "section"
    assert f"background: {HIGH_CONTRAST.background}" in window.styleSheet()
    assert HIGH_CONTRAST.link in window.screens["section"].passages[0].text.text()
    click(qtbot, window, "start-over")
    assert window.theme is DEFAULT
    assert f"background: {DEFAULT.background}" in window.styleSheet()
