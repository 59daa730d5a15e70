"""The visit model without Qt: every change goes through a method and is announced."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from kiosk.visit import LEVELS, TEXT_SCALES, Visit


def recorder(visit: Visit) -> list[tuple[str, Any]]:
    """Every event of ``visit``, as (name, value), in order."""
    heard: list[tuple[str, Any]] = []
    for name in type(visit.events).__slots__:
        event = getattr(visit.events, name)
        event.connect(lambda value, name=name: heard.append((name, value)))
    return heard


def test_a_new_visit_is_the_start_state() -> None:
    visit = Visit("es", 2)
    assert visit.is_start_state()
    assert (visit.level, visit.reading_level, visit.language) == (None, "patient", "es")
    assert visit.text_size == 2
    assert visit.text_scale == TEXT_SCALES[2]
    assert not visit.high_contrast
    assert not visit.answers
    assert (visit.topic, visit.section, visit.step, visit.question, visit.found) == (
        None,
        None,
        None,
        "",
        None,
    )
    assert Visit(default_text_size=9).text_size == len(TEXT_SCALES) - 1


def test_each_change_is_announced_once_and_only_when_it_changes() -> None:
    visit = Visit()
    heard = recorder(visit)
    visit.set_level("clinician")
    visit.set_level("clinician")
    visit.toggle_level()
    visit.set_language("es")
    visit.set_text_size(9)  # clamped to the largest step
    visit.set_high_contrast(True)
    visit.open_topic("muscle-cramps")
    visit.open_section("causes")
    visit.show_step("night")
    visit.ask("water pills", None)
    assert [name for name, _ in heard] == [
        "level",
        "level",
        "language",
        "text_size",
        "contrast",
        "topic",
        "section",
        "step",
        "question",
    ]
    assert heard[1] == ("level", "patient")
    assert heard[3] == ("text_size", len(TEXT_SCALES) - 1)
    assert not visit.is_start_state()


def test_answers_change_only_through_the_visit() -> None:
    visit = Visit()
    heard = recorder(visit)
    visit.answer("night", "yes")
    visit.answer("night", "yes")  # the same: nothing to announce
    visit.toggle_option("medicines", "diuretic")
    visit.toggle_option("medicines", "statin")
    visit.toggle_option("medicines", "diuretic")
    visit.answer_all({"night": "no", "heat": "yes"})
    assert dict(visit.answers) == {"night": "no", "medicines": ("statin",), "heat": "yes"}
    assert len(heard) == 5
    assert all(name == "answers" for name, _ in heard)
    assert isinstance(heard[0][1], Mapping)
    with pytest.raises(TypeError):
        visit.answers["night"] = "yes"  # type: ignore[index]
    visit.clear_answers()
    visit.clear_answers()
    assert not visit.answers
    assert len(heard) == 6
    assert visit.is_start_state()


def test_only_registered_levels() -> None:
    visit = Visit()
    with pytest.raises(ValueError, match="unknown reading level 'expert'"):
        visit.set_level("expert")
    assert visit.level is None
    for level in LEVELS.codes:
        visit.set_level(level)
        assert visit.reading_level == level


def test_a_listener_can_disconnect() -> None:
    visit = Visit()
    heard: list[str] = []
    visit.events.language.connect(heard.append)
    visit.set_language("es")
    visit.events.language.disconnect(heard.append)
    visit.set_language("en")
    assert heard == ["es"]


def test_another_topic_leaves_the_place_in_the_last_one_and_keeps_the_choices() -> None:
    visit = Visit()
    visit.set_level("clinician")
    visit.open_topic("muscle-cramps")
    visit.open_section("night-cramps")
    visit.show_step("diuretic")
    visit.ask("water pills", None)
    heard: list[str] = []
    for name in ("section", "step", "question"):
        getattr(visit.events, name).connect(lambda _value, name=name: heard.append(name))
    visit.open_topic("using-the-kiosk")
    assert (visit.section, visit.step, visit.question, visit.found) == (None, None, "", None)
    assert sorted(heard) == ["question", "section", "step"]  # each told, once
    assert visit.reading_level == "clinician"
    assert visit.topic == "using-the-kiosk"
