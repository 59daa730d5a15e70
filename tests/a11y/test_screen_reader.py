"""What a screen reader gets from the real app, read over AT-SPI (see conftest.py)."""

from __future__ import annotations

import pytest

from tests.a11y.conftest import TOPIC_TITLE, Node, Step

SCREENS = {  # step -> the screen's title, as shown
    "welcome": "What causes muscle cramps?",
    "audience": "Which best describes you?",
    "topic": TOPIC_TITLE,
    "section": "Tired muscles and nerve signals",
    "intro": None,  # the self-check's own title (from the content)
    "question": None,
    "results": "Your results",
    "start-over": "What causes muscle cramps?",
}
CONTROLS = {"push button", "check box", "radio button", "toggle button", "entry", "text"}


def _controls(step: Step) -> list[Node]:
    return [n for n in step.nodes() if n["role"] in CONTROLS and "focusable" in n["states"]]


def test_the_walk_reaches_every_screen(walked: dict[str, Step]) -> None:
    assert [name for name, step in walked.items() if step.error] == []
    for name, title in SCREENS.items():
        if title is not None:
            assert walked[name].named(title), f"{name}: no {title!r} in the tree"
    assert walked["reference"].dialogs, "the citation opened no dialog"
    assert walked["about"].dialogs, "About opened no dialog"
    assert not walked["reference-closed"].dialogs
    assert walked["multiple"].named("Skip this question  ›") or walked["multiple"].named(
        "Skip this question"
    )


@pytest.mark.parametrize("name", ["welcome", "audience", "topic", "reference", "about",
                                  "section", "intro", "question", "multiple", "results", "ask"])  # fmt: skip
def test_every_control_has_a_name(walked: dict[str, Step], name: str) -> None:
    unnamed = [n["role"] for n in _controls(walked[name]) if not n["name"].strip()]
    assert unnamed == []


@pytest.mark.parametrize("name", ["audience", "topic", "section", "intro", "results",
                                  "start-over"])  # fmt: skip
def test_focus_moves_into_each_new_screen(walked: dict[str, Step], name: str) -> None:
    """After a screen change the keyboard focus is on the new screen, never left on the
    button that was pressed (gone) or nowhere."""
    step = walked[name]
    focused = step.focused()
    assert focused is not None, f"{name}: nothing has the focus"
    moves = step.focus_moves()
    assert moves, f"{name}: the focus did not move"
    assert moves[-1]["name"] == focused["name"]


def test_tab_follows_the_reading_order_on_the_topic(walked: dict[str, Step]) -> None:
    step = walked["topic-tab"]
    moved = [m["name"] for m in step.focus_moves()]
    assert len(moved) == 3
    tops = []
    for name in moved:
        (node,) = [n for n in step.named(name) if "focusable" in n["states"]][:1]
        tops.append((node["extents"][1], node["extents"][0]))
    assert tops == sorted(tops), f"Tab went {moved} at {tops}"


def test_a_dialog_is_a_dialog_with_its_close_button_focused(walked: dict[str, Step]) -> None:
    for name in ("reference", "about"):
        (dialog,) = walked[name].dialogs
        focused = walked[name].focused()
        assert focused is not None
        assert focused["name"] == "Close"
        assert dialog["name"]
    # closing gives the focus back to where it was before the dialog
    before, after = walked["topic-tab"].focused(), walked["reference-closed"].focused()
    assert before is not None
    assert after is not None
    assert after["name"] == before["name"]


def test_the_kiosk_fills_the_screen(walked: dict[str, Step]) -> None:
    assert walked["welcome"].main["extents"] == [0, 0, 1280, 800]
