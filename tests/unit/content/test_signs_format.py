"""Warning signs (``signs:``): defined once, one tier each, and pointed to by any section
whose text speaks of an urgent one. Every problem located, all at once."""

from __future__ import annotations

import pytest

from kiosk.content import BundleCache, BundleError, Urgency, load_bundle
from tests.unit.content.conftest import MakeBundle
from tests.unit.content.tiny_bundle import TOPIC

SIGNS = """\
signs:
  - id: chest
    tier: urgent
    sources: [2]
    name: {patient: Chest cramps, clinician: Chest cramps}
    advice:
      patient: See a doctor right away. [2]
      clinician: Urgent assessment [2].
    words:
      en: [chest, belly]
  - id: often
    tier: soon
    sources: [1]
    name: {patient: Frequent cramps, clinician: Frequent cramps}
    advice:
      patient: See your doctor. [1]
      clinician: Review [1].
    words:
      en: [cramp]
"""

# the tiny topic's passage, speaking of the belly (a word of the urgent sign "chest")
BELLY = TOPIC.replace("A tired muscle can cramp. [2]", "A tired belly muscle can cramp. [2]")

CASES: list[tuple[str, dict[str, str], list[str]]] = [
    (
        "a sign given two tiers",
        {
            "safety.yaml": SIGNS
            + SIGNS.replace("signs:\n", "").replace("tier: urgent", "tier: soon")
        },
        [
            "tiny/safety.yaml:21:11: the warning sign 'chest' is given two tiers: 'soon' here and 'urgent' at line 2; one sign has one tier (the safer one, if its sources differ)",
            "tiny/safety.yaml:29:9: duplicate sign id 'often' (first at line 11)",
        ],
    ),
    (
        "a self-care passage that covers a sign without pointing to it",
        {"safety.yaml": SIGNS, "topic.yaml": BELLY},
        [
            "tiny/topic.yaml:14:20: this passage speaks of 'belly', a word of the urgent warning sign 'chest', but its section does not point to it: add chest to the section's signs: (its card then comes first), or reword"
        ],
    ),
    (
        "a section pointing to a sign nobody defined",
        {
            "safety.yaml": SIGNS,
            "topic.yaml": BELLY.replace(
                "    - id: causes\n", "    - id: causes\n      signs: [chset]\n"
            ),
        },
        [
            "tiny/topic.yaml:10:15: no warning sign has the id 'chset'; did you mean 'chest'?",
            "tiny/topic.yaml:15:20: this passage speaks of 'belly', a word of the urgent warning sign 'chest', but its section does not point to it: add chest to the section's signs: (its card then comes first), or reword",
        ],
    ),
    (
        "a sign without sources, an unknown source, words in a language the bundle lacks",
        {
            "safety.yaml": SIGNS.replace("sources: [2]", "sources: []")
            .replace("sources: [1]", "sources: [9]")
            .replace("      en: [cramp]", "      fr: [crampe]")
        },
        [
            "tiny/safety.yaml:4:14: a warning sign needs its sources: add sources: [n] with the numbers of the references that give this advice",
            "tiny/safety.yaml:13:15: no reference has the number 9 (the references are: 1, 2)",
            "tiny/safety.yaml:19:7: 'fr' is not one of the bundle's languages (en)",
        ],
    ),
    (
        "a red flag naming an unknown sign",
        {
            "safety.yaml": SIGNS,
            "selfcheck.yaml": "selfcheck:\n  title: {patient: C, clinician: C}\n  intro: {patient: I, clinician: I}\n  questions:\n    - id: q\n      kind: yes_no\n      text: {patient: Q?, clinician: Q?}\n  red_flags:\n    - sign: chets\n      when: {any: [{question: q, answer: yes}]}\n",
        },
        ["tiny/selfcheck.yaml:9:13: no warning sign has the id 'chets'; did you mean 'chest'?"],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sign_errors_are_located(
    make_bundle: MakeBundle, files: dict[str, str], expected: list[str]
) -> None:
    with pytest.raises(BundleError) as info:
        load_bundle(make_bundle(files), cache=BundleCache(None))
    assert [str(e) for e in info.value.errors] == expected


def test_a_section_that_points_to_the_sign_is_fine_and_soon_words_need_no_pointer(
    make_bundle: MakeBundle,
) -> None:
    """Only urgent and emergency signs need a pointer: "cramp" (a word of the soon sign
    "often") is everywhere in a topic about cramps."""
    topic = BELLY.replace("    - id: causes\n", "    - id: causes\n      signs: [chest]\n")
    bundle = load_bundle(
        make_bundle({"safety.yaml": SIGNS, "topic.yaml": topic}), cache=BundleCache(None)
    )
    assert [(s.id, s.tier) for s in bundle.signs] == [
        ("chest", Urgency.URGENT),
        ("often", Urgency.SOON),
    ]
    section = bundle.section("causes")
    assert section is not None
    assert section.signs == ("chest",)
    sign = bundle.sign("chest")
    assert sign is not None
    assert sign.words == {"en": ("chest", "belly")}


def test_the_urgency_scale_is_ordered_most_urgent_first() -> None:
    assert [tier.rank for tier in Urgency] == [0, 1, 2, 3]
    assert list(Urgency) == [Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON, Urgency.SELF_CARE]
