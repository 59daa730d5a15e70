"""The self-check part of a bundle: located errors for its ids, rules and references."""

from __future__ import annotations

import pytest

from kiosk.content import BundleCache, BundleError, QuestionKind, Urgency, load_bundle
from tests.unit.content.conftest import MakeBundle
from tests.unit.content.tiny_bundle import SELFCHECK

CASES: list[tuple[str, str, list[str]]] = [
    (
        "unknown question, answer, section and source",
        SELFCHECK.replace(
            "question: where\n            answer: chest",
            "question: wher\n            answer: chest",
        )
        .replace("answer: yes\n  red_flags", "answer: maybe\n  red_flags")
        .replace("sections: [causes]", "sections: [cause]")
        .replace("sources: [2]", "sources: [9]"),
        [
            "tiny/selfcheck.yaml:27:21: 'maybe' is not an answer to 'tired'; use one of: yes, no, not_sure",
            "tiny/selfcheck.yaml:32:23: no question has the id 'wher'; did you mean 'where'?",
            "tiny/selfcheck.yaml:41:18: no section has the id 'cause'; did you mean 'causes'?",
            "tiny/selfcheck.yaml:48:15: no reference has the number 9 (the references are: 1, 2)",
        ],
    ),
    (
        "show_if looks at a later question",
        SELFCHECK.replace(
            "question: tired\n            answer: yes\n  red_flags",
            "question: where\n            answer: legs\n  red_flags",
        ),
        [
            "tiny/selfcheck.yaml:26:23: 'where' is not asked before this question; show_if can only look at earlier questions"
        ],
    ),
    (
        "duplicate question id, options on a yes/no question",
        SELFCHECK.replace(
            "    - id: where\n      kind: single", "    - id: tired\n      kind: yes_no"
        ),
        [
            "tiny/selfcheck.yaml:14:11: duplicate question id 'tired' (first at line 9)",
            "tiny/selfcheck.yaml:19:7: a yes_no question has no options (its answers are yes, no and not sure); remove them or make it single",
            "tiny/selfcheck.yaml:32:23: no question has the id 'where'; the questions are: tired",
        ],
    ),
    (
        "a rule with no conditions",
        SELFCHECK.replace(
            "      when:\n        any:\n          - question: tired\n            answer: yes\n",
            "      when: {}\n",
        ),
        [
            "tiny/selfcheck.yaml:37:7: a rule needs exactly one of any: or all:, with at least one condition"
        ],
    ),
    (
        "unknown kind",
        SELFCHECK.replace("kind: yes_no", "kind: yesno"),
        [
            "tiny/selfcheck.yaml:10:13: 'yesno' is not allowed here (did you mean 'yes_no'?); use one of: yes_no, single, multiple"
        ],
    ),
    (
        "a question missing a reading level",
        SELFCHECK.replace("        clinician: Recent fatigue?\n", ""),
        [
            "tiny/selfcheck.yaml:11:7: missing the 'clinician' reading level; write this text once per level (patient, clinician)"
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_selfcheck_errors_are_located(
    make_bundle: MakeBundle, text: str, expected: list[str]
) -> None:
    folder = make_bundle({"selfcheck.yaml": text})
    with pytest.raises(BundleError) as info:
        load_bundle(folder, cache=BundleCache(None))
    assert [str(e) for e in info.value.errors] == expected


def test_a_valid_selfcheck_loads(make_bundle: MakeBundle) -> None:
    bundle = load_bundle(make_bundle({"selfcheck.yaml": SELFCHECK}), cache=BundleCache(None))
    selfcheck = bundle.document.selfcheck
    assert selfcheck is not None
    assert [q.id for q in selfcheck.questions] == ["tired", "where"]
    assert selfcheck.questions[1].kind is QuestionKind.SINGLE
    assert selfcheck.red_flags[0].sign == "chest"
    assert bundle.sign("chest") is not None
    assert bundle.signs[0].tier is Urgency.URGENT
    assert selfcheck.factors[0].sections == ("causes",)


def test_a_bundle_without_a_selfcheck_is_fine(make_bundle: MakeBundle) -> None:
    assert load_bundle(make_bundle(), cache=BundleCache(None)).document.selfcheck is None
