"""What a screen reader gets from the real app, read over AT-SPI (see conftest.py)."""

from __future__ import annotations

import itertools

import pytest

from tests.a11y.conftest import TOPIC_TITLE, Node, Step, walk

WELCOME_TITLE = "What causes muscle cramps?"
SCREENS = {  # a step that shows a screen -> the screen's title
    "welcome": WELCOME_TITLE,  # the first screen, when the window is shown
    "audience": "Which best describes you?",
    "topic": TOPIC_TITLE,
    "section": "Tired muscles and nerve signals",
    "section-back": TOPIC_TITLE,
    "intro": "Check your cramps",
    "question": "Along with the cramps, do you feel weak or numb?",
    "results": "Your results",
    "ask": "Have a follow-up question?",
    "start-over": WELCOME_TITLE,
}
CONTROLS = {"push button", "check box", "radio button", "toggle button", "entry", "text"}
SYMBOLS = set("⟲◐‹›❚■▶⚠✓−+&")
SCREEN = (1280, 800)


def _controls(step: Step, root: Node | None = None) -> list[Node]:
    return [n for n in step.nodes(root) if n["role"] in CONTROLS and "focusable" in n["states"]]


def _headings(step: Step) -> list[str]:
    return [n["name"] for n in step.nodes() if n["role"] == "heading"]


def _stack(step: Step) -> Node:
    """The screens' stack (the part of the window below the header and the banner)."""
    (stack,) = [n for n in step.nodes(step.main) if n["role"] == "layered pane"]
    return stack


def test_the_walk_reaches_every_screen(walked: dict[str, Step]) -> None:
    assert [(name, step.error) for name, step in walked.items() if step.error] == []
    for name, title in SCREENS.items():
        assert walked[name].named(title), f"{name}: no {title!r} in the tree"
    assert walked["reference"].dialogs, "the citation opened no dialog"
    assert walked["about"].dialogs, "About opened no dialog"
    assert not walked["reference-closed"].dialogs


@pytest.mark.parametrize(
    "name",
    [
        "welcome",
        "audience",
        "topic",
        "reference",
        "about",
        "section",
        "intro",
        "question",
        "multiple",
        "results",
        "ask",
        "topic-200-es",
        "intro-200-es",
    ],
)
def test_every_control_is_named_in_words(walked: dict[str, Step], name: str) -> None:
    """A name, with no symbols in it; a button whose words are shown in a label of its
    own has a name that starts with them (WCAG 2.5.3, label in name)."""
    step = walked[name]
    controls = _controls(step)
    assert controls
    assert [n["role"] for n in controls if not n["name"].strip()] == []
    assert [n["name"] for n in controls if SYMBOLS & set(n["name"])] == []
    for control in controls:
        for label in [c for c in control["children"] if c["role"] == "label"]:
            shown = " ".join(label["name"].translate({ord(c): " " for c in SYMBOLS}).split())
            assert control["name"].startswith(shown), (control["name"], label["name"])


@pytest.mark.parametrize(("name", "title"), SCREENS.items())
def test_each_screen_has_its_title_as_a_heading(
    walked: dict[str, Step], name: str, title: str
) -> None:
    assert title in _headings(walked[name])


def test_headings_inside_screens_and_dialogs(walked: dict[str, Step]) -> None:
    assert {"The short answer", "Learn more"} <= set(_headings(walked["topic"]))
    assert "Source 1" in _headings(walked["reference"])
    assert "About this information" in _headings(walked["about"])


@pytest.mark.parametrize("name", SCREENS)
def test_each_screen_is_announced_title_first(walked: dict[str, Step], name: str) -> None:
    """An announcement (AT-SPI object:announcement): the title, then the first content."""
    said = walked[name].announcements()
    assert said, f"{name}: nothing announced"
    lines = said[-1].split("\n")
    if name == "question":  # "Question 1 of 9", then the question
        assert lines[0].startswith("Question 1 of")
        lines = lines[1:]
    assert lines[0] == SCREENS[name]
    assert len(lines) >= 2
    assert lines[1].strip()


def test_each_new_question_is_announced(walked: dict[str, Step]) -> None:
    said = walked["question-2"].announcements()
    assert said
    assert said[-1].startswith("Question 2 of")


@pytest.mark.parametrize("name", [*SCREENS, "question-2"])
def test_focus_moves_into_each_new_screen(walked: dict[str, Step], name: str) -> None:
    """After a screen change the keyboard focus is on the new screen's first control
    (a question's first answer), not left on a button that is gone, or nowhere."""
    step = walked[name]
    focused = step.focused()
    assert focused is not None, f"{name}: nothing has the focus"
    assert step.focus_moves(), f"{name}: the focus did not move"
    assert step.focus_moves()[-1]["name"] == focused["name"]
    inside = [n for n in step.nodes(_stack(step)) if "focused" in n["states"]]
    assert inside, f"{name}: the focus ({focused['name']}) is not on the screen"
    if name.startswith("question"):
        assert focused["role"] == "radio button"


def _group(step: Step) -> Node:
    """The question's group (Qt's AT-SPI bridge calls a grouping a panel)."""
    (group,) = [
        n
        for n in step.nodes()
        if n["role"] in ("grouping", "panel") and n["relations"].get("labelled-by")
    ]
    return group


def test_a_question_and_its_answers_are_one_named_group(walked: dict[str, Step]) -> None:
    step = walked["question"]
    group = _group(step)
    title = SCREENS["question"]
    assert group["name"] == title
    assert group["relations"].get("labelled-by") == [title]
    answers = [
        (n["role"], n["name"]) for n in walk(group) if n is not group and n["role"] != "label"
    ]
    assert answers == [
        ("radio button", "Yes"),
        ("radio button", "No"),
        ("radio button", "Not sure"),
    ]


def test_answers_of_several_are_check_boxes_and_a_pick_shows(walked: dict[str, Step]) -> None:
    picked = "My cramps began after I started a new medicine."
    before = _group(walked["multiple"])
    assert before["name"] == "Do any of these fit you? Choose all that do."
    boxes = [n for n in walk(before) if n["role"] == "check box"]
    assert len(boxes) >= 3
    assert not [n for n in boxes if "checked" in n["states"]]
    after = [n for n in walk(_group(walked["multiple-picked"])) if n["role"] == "check box"]
    assert [n["name"] for n in after if "checked" in n["states"]] == [picked]
    (shown,) = [c for n in after if n["name"] == picked for c in n["children"]]
    assert shown["name"].startswith("✓"), "the pick is shown by more than colour"


def test_choosing_an_answer_by_its_action_answers(walked: dict[str, Step]) -> None:
    """Qt's own action for a checkable button only flipped its state; the answer's
    action chooses it, as a tap does."""
    assert walked["question-2"].named("Question 2 of 9") or [
        n for n in walked["question-2"].nodes() if n["name"].startswith("Question 2 of")
    ]


def test_an_answer_chosen_with_the_keyboard_is_the_one_moved_to(walked: dict[str, Step]) -> None:
    """As Orca does: move to "No" (AT-SPI grab_focus), then Space. The focus must get
    there first: Qt's bridge moves it only through the answer's setFocus action, which
    answers lacked, so Space chose "Yes", where the focus still was."""
    moves = [
        m["name"] for m in walked["question-4"].focus_moves() if m.get("role") == "radio button"
    ]
    assert moves.count("No") == 2, moves
    assert moves[-1] == "Yes"  # the next question's first answer


def test_tab_reaches_every_control_of_the_topic(walked: dict[str, Step]) -> None:
    """Every switch (both reading levels too: they were an exclusive group, and Tab
    stopped only at the chosen one) is reached with Tab."""
    step = walked["tab-round"]
    reached = {m["name"] for m in step.focus_moves()}
    showing = {n["name"] for n in _controls(step) if "enabled" in n["states"]}
    assert {"Patient words", "Clinician words"} <= reached
    assert showing - reached == set()


def test_tab_follows_the_reading_order_on_the_topic(walked: dict[str, Step]) -> None:
    step = walked["topic-tab"]
    moved = [m["name"] for m in step.focus_moves()]
    assert len(moved) == 3
    tops = []
    for name in moved:
        node = next(n for n in step.named(name) if "focusable" in n["states"])
        tops.append((node["extents"][1], node["extents"][0]))
    assert tops == sorted(tops), f"Tab went {moved} at {tops}"


@pytest.mark.parametrize(
    "name",
    [
        "welcome",
        "audience",
        "topic",
        "section",
        "intro",
        "question",
        "multiple-picked",
        "results",
        "ask",
        "topic-200-es",
        "intro-200-es",
    ],
)
def test_the_tree_follows_the_visual_order(walked: dict[str, Step], name: str) -> None:
    """Walking the tree (a screen reader's arrow keys) goes down the screen: no item
    comes after one that is below it. The header and the banner come first."""
    step = walked[name]
    leaves = [
        n
        for n in step.nodes(step.main)
        if not n["children"]
        and "extents" in n
        and n["role"] != "scroll bar"
        and n["extents"][3] > 0
    ]
    for before, after in itertools.pairwise(leaves):
        assert after["extents"][1] + after["extents"][3] > before["extents"][1], (
            f"{after['name']!r} is above {before['name']!r} but comes after it"
        )


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("topic", TOPIC_TITLE),
        ("section", SCREENS["section"]),
        ("question", SCREENS["question"]),
        ("results", "Your results"),
        ("reference", "Source 1"),
        ("topic-200-es", None),
    ],
)
def test_scroll_areas_are_named(walked: dict[str, Step], name: str, title: str | None) -> None:
    """The scrolling page is named after the screen's title; its scroll bar (when the
    page is longer than the screen) is named too."""
    step = walked[name]
    assert [b for b in step.nodes() if b["role"] == "scroll bar" and not b["name"]] == []
    if title is not None:
        assert [
            n
            for n in step.nodes()
            if n["role"] in ("filler", "scroll pane") and n["name"] == title and n["children"]
        ]
    else:
        assert [n for n in step.nodes() if n["role"] == "scroll bar"]


def test_the_language_of_the_text_is_exposed(walked: dict[str, Step]) -> None:
    assert (walked["topic-again"].locale or "").startswith("en")
    assert (walked["topic-200-es"].locale or "").startswith("es")
    assert walked["topic-200-es"].named("¿Por qué dan calambres en los músculos?")


def test_a_dialog_is_a_dialog_with_its_text_readable(walked: dict[str, Step]) -> None:
    for name, title in (("reference", "Source 1"), ("about", "About this information")):
        (dialog,) = walked[name].dialogs
        assert dialog["name"] == title
        focused = walked[name].focused()
        assert focused is not None
        assert focused["name"] == "Close"
        texts = [n["name"] for n in walk(dialog) if n["role"] == "label"]
        assert [t for t in texts if len(t) > 40], f"{name}: its text is hidden: {texts}"
    about = " ".join(n["name"] for n in walk(walked["about"].dialogs[0]))
    assert "Editorial policy" in about
    # closing gives the focus back to where it was before the dialog
    before, after = walked["topic-tab"].focused(), walked["reference-closed"].focused()
    assert before is not None
    assert after is not None
    assert after["name"] == before["name"]


@pytest.mark.parametrize(
    "name",
    [
        "welcome",
        "audience",
        "topic",
        "reference",
        "about",
        "section",
        "intro",
        "question",
        "multiple",
        "results",
        "ask",
        "topic-200-es",
        "intro-200-es",
    ],
)
def test_kiosk_touch_targets_are_64_px_tall(walked: dict[str, Step], name: str) -> None:
    small = [
        (n["name"], n["extents"][3])
        for n in _controls(walked[name])
        if n["role"] != "entry" and n["extents"][3] < 64
    ]
    assert small == []


def test_the_header_leaves_the_screen_to_the_content(walked: dict[str, Step]) -> None:
    """At least 60% of a 1280x800 screen for the content at 100% text, 45% at 200%
    (in Spanish, whose words are longer)."""
    assert walked["welcome"].main["extents"] == [0, 0, *SCREEN]
    share = {
        name: _stack(walked[name])["extents"][3] / SCREEN[1]
        for name in ("topic", "topic-200", "topic-200-es")
    }
    print(f"content share of the screen: {share}")
    assert share["topic"] >= 0.60
    assert share["topic-200"] >= 0.45
    assert share["topic-200-es"] >= 0.45


@pytest.mark.parametrize(
    ("name", "title"),
    [("results", "Your results"), ("topic", TOPIC_TITLE), ("section", SCREENS["section"])],
)
def test_a_page_ends_with_its_last_control(walked: dict[str, Step], name: str, title: str) -> None:
    """No empty scroll at the end: a page is as tall as what is on it (a long results page
    went on for some 800 px of nothing)."""
    step = walked[name]
    (body,) = [
        n
        for n in step.nodes(step.main)
        if any(c["role"] == "heading" and c["name"] == title for c in n["children"])
    ]
    bottom = body["extents"][1] + body["extents"][3]
    last = max(n["extents"][1] + n["extents"][3] for n in walk(body) if n is not body)
    assert bottom - last <= 48, f"{name}: {bottom - last} px of nothing at the end"


@pytest.mark.parametrize("name", [n for n in SCREENS if n != "welcome"])
def test_a_change_of_screen_stops_nowhere_on_the_way(walked: dict[str, Step], name: str) -> None:
    """The focus goes from the control pressed straight to the new screen: it stopped on
    the header's "Start over" on the way (Qt passed it on as the old screen went), and a
    screen reader said "Start over" at every change of screen."""
    step = walked[name]
    stack = _stack(step)
    inside = {id(n) for n in walk(stack)}
    header = {n["name"] for n in _controls(step, step.main) if id(n) not in inside}
    assert "Start over" in header or name == "start-over"  # (the welcome has no header)
    stops = [m["name"] for m in step.focus_moves() if m.get("name")]
    assert [s for s in stops if s in header] == [], stops
    if name != "results":  # (that step answers several questions)
        # nor on another control of the new screen first (Qt gave the focus to the first
        # in its focus chain, often "Back", before it was put in its place)
        here = {n["name"] for n in _controls(step, stack)}
        focused = step.focused()
        assert focused is not None
        assert [s for s in stops if s in here] == [focused["name"]], stops


def test_a_long_first_screenful_keeps_its_title_in_view(walked: dict[str, Step]) -> None:
    """At 200% in Spanish the intro's "Start the questions" is below the first
    screenful: focusing it scrolled the title out of sight. The page (named after the
    title) takes the focus instead, showing its top; Tab goes on to the button."""
    step = walked["intro-200-es"]
    title = "Preguntas sobre sus calambres"
    assert step.announcements()[-1].startswith(title)
    focused = step.focused()
    assert focused is not None
    assert focused["name"] == title
    assert focused["role"] in ("scroll pane", "filler")
    (heading,) = [n for n in step.nodes() if n["role"] == "heading" and n["name"] == title]
    top, bottom = _stack(step)["extents"][1], sum(_stack(step)["extents"][1::2])
    assert top <= heading["extents"][1]
    assert heading["extents"][1] + heading["extents"][3] <= bottom


def test_the_topic_chooser_of_a_library(walked_library: dict[str, Step]) -> None:
    """The screen a library of several topics adds: announced, its title a heading, the
    focus on its first tile, every tile a named 64 px target, in the visual order."""
    assert [(name, step.error) for name, step in walked_library.items() if step.error] == []
    step = walked_library["topics"]
    title = "Choose a topic"
    assert step.announcements()
    assert step.announcements()[-1].split("\n")[0] == title
    assert title in _headings(step)
    focused = step.focused()
    assert focused is not None
    assert [n for n in step.nodes(_stack(step)) if "focused" in n["states"]]
    assert step.focus_moves()[-1]["name"] == focused["name"]
    controls = _controls(step, _stack(step))
    names = [n["name"] for n in controls]
    assert {"What causes muscle cramps?", "How to use this kiosk"} <= set(names)
    assert [n for n in names if not n.strip() or SYMBOLS & set(n)] == []
    assert [
        (n["name"], n["extents"][3])
        for n in controls
        if n["role"] != "entry" and n["extents"][3] < 64
    ] == []
    leaves = [
        n
        for n in step.nodes(step.main)
        if not n["children"]
        and "extents" in n
        and n["role"] != "scroll bar"
        and n["extents"][3] > 0
    ]
    for before, after in itertools.pairwise(leaves):
        assert after["extents"][1] + after["extents"][3] > before["extents"][1]
    chosen = walked_library["topic"]
    assert chosen.announcements()[-1].split("\n")[0] == TOPIC_TITLE


UPDATING_TITLE = "This kiosk is being updated"
UPDATING_TEXT = "Please ask a member of staff for help."


def test_being_updated_is_heard_on_arrival(walked_updating: dict[str, Step]) -> None:
    """No good content (an empty content folder): the window is named, the screen is
    announced (its title, then what to do), both are headings, and the focus is on the
    page named after the title (there is no control): a screen reader that skips
    announcements says the title too."""
    assert [(name, step.error) for name, step in walked_updating.items() if step.error] == []
    step = walked_updating["updating"]
    assert step.main["name"] == "Health information kiosk"
    assert step.main["role"] == "frame"
    assert step.announcements() == [f"{UPDATING_TITLE}\n{UPDATING_TEXT}"]
    assert _headings(step) == [UPDATING_TITLE, UPDATING_TEXT]
    focused = step.focused()
    assert focused is not None, "nothing has the focus"
    assert focused["name"] == UPDATING_TITLE
    assert focused["role"] in ("scroll pane", "filler")
    assert [n for n in step.nodes(_stack(step)) if "focused" in n["states"]]
    assert step.focus_moves()[-1]["name"] == UPDATING_TITLE


def test_being_updated_has_nothing_else(walked_updating: dict[str, Step]) -> None:
    """Nothing but the message: no control (so none unnamed), no header or banner, no
    dialog, and nothing of a visit; every text is one of its two lines, in the order
    shown. Tab, Space and Return keep the focus on the page and change nothing."""
    first = walked_updating["updating"]
    for name, step in walked_updating.items():
        if not name.startswith("updating"):
            continue  # staff's steps
        assert _controls(step) == [], name
        assert not step.dialogs, name
        texts = [n["name"] for n in step.nodes() if n["name"]]
        assert set(texts) <= {"Health information kiosk", UPDATING_TITLE, UPDATING_TEXT}, name
        focused = step.focused()
        assert focused is not None, name
        assert focused["name"] == UPDATING_TITLE, name
        if step is not first:  # the keys said nothing new and changed nothing
            assert step.announcements() == [], name
            assert _same_tree(step.main, first.main), name
    leaves = [n for n in first.nodes(first.main) if not n["children"] and n["extents"][3] > 0]
    tops = [n["extents"][1] for n in leaves]
    assert tops == sorted(tops)
    (title,) = first.named(UPDATING_TITLE, "heading")
    assert title["extents"][1] >= 0
    assert title["extents"][1] + title["extents"][3] <= SCREEN[1]


def test_staff_reload_from_being_updated_with_a_screen_reader(
    walked_updating: dict[str, Step],
) -> None:
    """Staff reach the panel through the PIN pad (each key by its action, as a screen
    reader's user does) and reload: the pad is a dialog named "Staff only", the panel
    then replaces it and says no content is loaded; after the reload it says so, the
    welcome shows behind it, and after "Close" no dialog is left. The app
    crashed (SIGSEGV) as the panel opened, until no accessible interface kept its
    widget's Python wrapper (kiosk/ui/accessibility.py)."""
    steps = walked_updating
    assert [(name, s.error) for name, s in steps.items() if s.error] == []
    assert [d["name"] for d in steps["staff-pin"].dialogs] == ["Staff only"]
    (panel,) = steps["staff-panel"].dialogs
    assert panel["name"] == "Staff panel"
    assert any("No content is loaded" in n["name"] for n in walk(panel))
    reloaded = steps["staff-reloaded"]
    (panel,) = reloaded.dialogs
    assert any(n["name"].startswith("Reloaded: 0 content problem") for n in walk(panel))
    assert reloaded.named("Touch to start", "push button")  # behind it, the welcome
    closed = steps["staff-closed"]
    assert closed.dialogs == []
    assert not closed.named(UPDATING_TITLE)
    assert closed.named("Touch to start", "push button")


def _same_tree(a: Node, b: Node) -> bool:
    """The same nodes (role, name, states), in the same order."""
    return [(n["role"], n["name"], n["states"]) for n in walk(a)] == [
        (n["role"], n["name"], n["states"]) for n in walk(b)
    ]
