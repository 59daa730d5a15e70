"""How well the question box answers the development set (issue #13).

``devset/tune.yaml`` and ``devset/held.yaml`` are one set of questions written the way
visitors type, split once at random (see their headers). The search was tuned on the
first half only; the second is the honest measure. ``devset/tune2.yaml`` holds more
tuning questions, written later by the same rule (reported on its own; never held out). For each half and level the test
prints and records top-1 and top-3 (a question counts when one of the first k answers
is one it expects, or, for a must-decline question, when there is no answer at all),
how many answerable questions were wrongly declined, and how many must-decline
questions were declined. It fails on the held-out half below 90% top-3, above 5%
wrongly declined, or under 95% of must-decline questions declined.

The held-out half's misses are listed only with ``DEVSET_SHOW_HELD=1`` (for the issue's
note): whoever tunes the search runs these tests again and again, and would otherwise
read the held-out questions' answers each time (a failing floor still lists them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.content import Bundle
from kiosk.content.markup import fold, plain_text
from kiosk.search import Found, Results, SearchIndex

DEVSET = Path(__file__).parent / "devset"
# tune2.yaml: more tuning questions, written later (devset/README.md); never held out
HALVES = ["tune", "tune2", "held"]
TOP3_FLOOR = 0.90
WRONGLY_DECLINED_CEILING = 0.05
DECLINED_FLOOR = 0.95


def questions(half: str) -> list[dict[str, Any]]:
    loaded = yaml.safe_load((DEVSET / f"{half}.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def english(bundle: Bundle, found: Found) -> str:
    """The English text (both levels, folded) of what was found, to match a passage key."""
    ask = bundle.document.ask
    answer_id = found.curated_id or found.answer_text_of
    if answer_id is not None and ask is not None:
        body = next(a.answer for a in ask.answers if a.id == answer_id)
    elif found.section_id is None:
        body = bundle.topic.summary
    else:
        section = bundle.section(found.section_id)
        assert section is not None
        assert found.passage is not None
        body = section.passages[found.passage]
    return fold(" ".join(plain_text(bundle.level_text(body, level, "en")) for level in body))


def matches(bundle: Bundle, found: Found, expected: str) -> bool:
    section, _, key = expected.partition("#")
    if (found.section_id or "summary") != section:
        return False
    return not key or fold(key) in english(bundle, found)


def hit(bundle: Bundle, results: Results, expect: Any, k: int) -> bool:
    if expect == "decline":
        return not results.answered
    from tests.unit.search.test_quality import withheld

    if withheld(bundle, results, [e.partition("#")[0] for e in expect]):
        return True  # a dose passage withheld behind the medicine answer (issue 11)
    return any(matches(bundle, found, e) for found in results.found[:k] for e in expect)


@dataclass
class Score:
    asked: int = 0
    top1: int = 0
    top3: int = 0
    answerable: int = 0
    wrongly_declined: int = 0
    must_decline: int = 0
    declined: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        return (
            f"{name}: top-1 {self.top1 / self.asked:.1%}, top-3 {self.top3 / self.asked:.1%} "
            f"of {self.asked}; wrongly declined {self.wrongly_declined}/{self.answerable} "
            f"({self.wrongly_declined / self.answerable:.1%}); must-decline declined "
            f"{self.declined}/{self.must_decline} ({self.declined / self.must_decline:.1%})"
        )


def score(index: SearchIndex, bundle: Bundle, half: str, level: str | None) -> Score:
    """The half's rates, each question at its own level (``level`` None) or at ``level``."""
    out = Score()
    for question in questions(half):
        results = index.ask(question["q"], level or question["level"], question["lang"])
        expect = question["expect"]
        out.asked += 1
        out.top1 += hit(bundle, results, expect, 1)
        found = hit(bundle, results, expect, 3)
        out.top3 += found
        if expect == "decline":
            out.must_decline += 1
            out.declined += found
        else:
            out.answerable += 1
            out.wrongly_declined += not results.answered
        if not found:
            got = [f"{f.section_id or 'summary'}/{f.passage}" for f in results.found]
            out.misses.append(f"{question['lang']} {question['q']!r}: expected {expect}, got {got}")
    return out


@pytest.mark.parametrize("half", HALVES)
def test_every_expected_passage_exists(bundle: Bundle, half: str) -> None:
    """A key names a passage that is there: content rewritten under it fails here first."""
    sections = {"summary": [bundle.topic.summary]} | {
        s.id: list(s.passages) for s in bundle.topic.sections
    }
    ask = bundle.document.ask
    answers = [a for a in ask.answers] if ask is not None else []
    wrong = []
    for question in questions(half):
        assert question["lang"] in bundle.languages, question
        assert question["level"] in ("patient", "clinician"), question
        if question["expect"] == "decline":
            continue
        assert question["expect"], question
        for expected in question["expect"]:
            section, _, key = expected.partition("#")
            if section not in sections:
                wrong.append(f"{question['q']!r}: no section {section!r}")
                continue
            texts = [
                fold(" ".join(plain_text(bundle.level_text(p, lv, "en")) for lv in p))
                for p in sections[section]
            ]
            if key and not any(fold(key) in text for text in texts):
                wrong.append(f"{question['q']!r}: no passage of {section!r} holds {key!r}")
    assert answers  # the shipped bundle has ready answers: the key check covers them too
    assert wrong == []


def _same_words(question: str) -> str:
    """``question`` folded, its punctuation and extra spaces gone."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(question)).split())


def test_the_set_is_big_and_varied_enough() -> None:
    everything = questions("tune") + questions("held")
    assert len(everything) >= 250
    assert len({q["q"] for q in everything}) == len(everything)  # no question twice
    later = {_same_words(q["q"]) for q in questions("tune2")}
    assert len(later) == len(questions("tune2"))
    # the later tuning file adds new ones: not one that differs from a question of the
    # halves only in case, accents, punctuation or spacing (a "?" more is the same question)
    assert not later & {_same_words(q["q"]) for q in everything}
    for lang in ("en", "es"):
        for level in ("patient", "clinician"):
            assert any(q["lang"] == lang and q["level"] == level for q in everything)
    assert sum(q["expect"] == "decline" for q in everything) >= 40


@pytest.mark.parametrize("half", HALVES)
def test_rates(
    index: SearchIndex,
    bundle: Bundle,
    half: str,
    record_property: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    own = score(index, bundle, half, None)
    other = {level: score(index, bundle, half, level) for level in ("patient", "clinician")}
    for name, result in (("own level", own), *other.items()):
        record_property(f"{half}_{name}_top1", round(result.top1 / result.asked, 3))
        record_property(f"{half}_{name}_top3", round(result.top3 / result.asked, 3))
    with capsys.disabled():
        print(f"\ndevelopment set, {half} half")
        for name, result in (
            ("  each at its own level", own),
            *((f"  all at {level}", r) for level, r in other.items()),
        ):
            print(result.line(name))
        if own.misses and (half != "held" or os.environ.get("DEVSET_SHOW_HELD") == "1"):
            print("  missed (own level):\n    " + "\n    ".join(own.misses))
        elif own.misses:
            print(f"  missed (own level): {len(own.misses)} (DEVSET_SHOW_HELD=1 lists them)")
    if half == "held":
        assert own.top3 / own.asked >= TOP3_FLOOR, "\n".join(own.misses)
        assert own.wrongly_declined / own.answerable <= WRONGLY_DECLINED_CEILING, "\n".join(
            own.misses
        )
        assert own.declined / own.must_decline >= DECLINED_FLOOR, "\n".join(own.misses)


class _WithinTopic:
    """A library's index asked within one topic, as the topic screen asks it."""

    def __init__(self, index: SearchIndex, bundle_id: str) -> None:
        self.index, self.bundle_id = index, bundle_id

    def ask(self, question: str, level: str, language: str) -> Results:
        return self.index.ask(question, level, language, bundle_id=self.bundle_id)


def test_a_topic_in_a_library_answers_as_well_as_alone(index: SearchIndex, bundle: Bundle) -> None:
    """A question asked within one topic weighs its words in that topic: 30 other topics
    in the index leave its rates as they are (FTS5's own BM25 still counts the library,
    so an order may change within the first three)."""
    from bench.search import library

    shared = _WithinTopic(SearchIndex(library(bundle, 30)), bundle.id)
    for half in HALVES:
        alone, within = score(index, bundle, half, None), score(shared, bundle, half, None)  # type: ignore[arg-type]
        assert within.top3 >= alone.top3 - 1, within.misses
        assert within.wrongly_declined <= alone.wrongly_declined
        assert within.declined >= alone.declined
