"""The ``ask:`` part (question-box synonyms and curated answers): its located errors."""

from __future__ import annotations

import pytest

from kiosk.content import BundleError, load_bundle
from tests.unit.content.conftest import MakeBundle

GOOD = """\
ask:
  synonyms:
    en:
      - words: [charley horse, leg lock]
        means: cramp
  answers:
    - id: what-is-a-cramp
      questions:
        en: [what is a cramp]
      answer:
        patient: A tired muscle can cramp. [2]
        clinician: Fatigue is central [2].
      section: causes
"""


def errors(make_bundle: MakeBundle, ask: str) -> list[str]:
    with pytest.raises(BundleError) as caught:
        load_bundle(make_bundle({"ask.yaml": ask}))
    return [f"{e.line}:{e.column}: {e.message}" for e in caught.value.errors]


def test_a_good_ask_part_loads(make_bundle: MakeBundle) -> None:
    bundle = load_bundle(make_bundle({"ask.yaml": GOOD}))
    ask = bundle.document.ask
    assert ask is not None
    assert ask.synonyms["en"][0].words == ("charley horse", "leg lock")
    assert ask.synonyms["en"][0].means == "cramp"
    assert ask.answers[0].questions["en"] == ("what is a cramp",)
    assert ask.answers[0].section == "causes"


def test_every_problem_of_the_ask_part_is_reported_with_its_place(
    make_bundle: MakeBundle,
) -> None:
    bad = """\
ask:
  synonyms:
    en:
      - words: []
        means: ""
      - words: [charley horse]
        means: spasmodic
    fr:
      - words: [crampe]
        means: cramp
  answers:
    - id: what-is-a-cramp
      questions:
        en: [""]
      answer:
        patient: A tired muscle can cramp. [9]
        clinician: Fatigue is central.
      section: cuases
    - id: what-is-a-cramp
      questions: {}
      answer:
        patient: A tired muscle can cramp. [2]
      section: causes
"""
    assert errors(make_bundle, bad) == [
        "4:16: list at least one word or phrase",
        "5:16: say which of the bundle's words it means",
        "7:16: the topic's 'en' text never uses 'spasmodic', so this synonym would find "
        "nothing; name a word the passages use",
        "8:5: 'fr' is not one of the bundle's languages (en)",
        "14:14: a question must not be empty",
        "16:18: citation [9] has no reference (the references are: 1, 2)",
        "17:20: this answer cites no reference; add the number of its source in brackets, e.g. [1]",
        "18:16: no section has the id 'cuases'; did you mean 'causes'?",
        "19:11: duplicate answer id 'what-is-a-cramp' (first at line 12)",
        "20:18: add at least one phrasing of the question in 'en'",
        "21:7: missing the 'clinician' reading level; write this text once per level "
        "(patient, clinician)",
    ]


def test_an_unknown_key_in_a_curated_answer_is_located(make_bundle: MakeBundle) -> None:
    found = errors(make_bundle, GOOD.replace("      section: causes", "      sections: causes"))
    assert any(line.startswith("13:7:") and "sections" in line for line in found), found


def test_a_curated_answer_cites_only_what_it_restates(make_bundle: MakeBundle) -> None:
    """The answer restates its section: a citation the section's passages lack (at that
    level) means it says something the section does not."""
    ask = GOOD.replace(
        "patient: A tired muscle can cramp. [2]", "patient: A tired muscle can cramp. [1, 2]"
    )
    assert errors(make_bundle, ask) == [
        "11:18: this answer cites [1], which its section 'causes' does not cite at this "
        "level and language; a curated answer only restates what it links to"
    ]


def test_an_answer_without_a_section_restates_the_short_answer(make_bundle: MakeBundle) -> None:
    summary = (
        GOOD.replace("      section: causes\n", "")
        .replace("patient: A tired muscle can cramp. [2]", "patient: Tired muscles can cramp. [1]")
        .replace("clinician: Fatigue is central [2].", "clinician: Fatigue alters control [1, 2].")
    )
    bundle = load_bundle(make_bundle({"ask.yaml": summary}))
    assert bundle.document.ask is not None
    assert bundle.document.ask.answers[0].section is None
    wrong = summary.replace("[1, 2].", "[3].")
    assert any(
        "cites [3], which the topic's short answer does not cite" in e
        for e in errors(make_bundle, wrong)
    )


def test_one_string_and_a_per_language_text_cite_alike(make_bundle: MakeBundle) -> None:
    """A single-language bundle may write a text as one string or as {en: ...}: the
    citation check treats both as the same language."""
    per_language = GOOD.replace(
        "patient: A tired muscle can cramp. [2]", "patient: {en: 'A tired muscle can cramp. [2]'}"
    )
    load_bundle(make_bundle({"ask.yaml": per_language}))


SPELLINGS_MEDICINES_INTENTS = """\
ask:
  spellings:
    en:
      - words: [cuz, bc]
        means: because
  medicines:
    en:
      - names: [tired pill]
        means: tired muscle
        source: "Second source: 'a tired muscle'"
  intents:
    - id: why
      cues:
        en: [why, how come]
      answers: [causes, "causes#tired muscle", summary]
"""


def test_spellings_medicines_and_intents_load(make_bundle: MakeBundle) -> None:
    bundle = load_bundle(make_bundle({"ask.yaml": SPELLINGS_MEDICINES_INTENTS}))
    ask = bundle.document.ask
    assert ask is not None
    assert ask.spellings["en"][0].words == ("cuz", "bc")
    assert ask.spellings["en"][0].means == "because"  # a general word: need not be in the topic
    assert ask.medicines["en"][0].source.startswith("Second source")
    assert ask.intents[0].cues["en"] == ("why", "how come")
    assert ask.intents[0].answers == ("causes", "causes#tired muscle", "summary")


def test_problems_of_spellings_medicines_and_intents_are_located(
    make_bundle: MakeBundle,
) -> None:
    bad = """\
ask:
  spellings:
    en:
      - words: [""]
        means: ""
  medicines:
    en:
      - names: [lasix]
        means: loop diuretic
        source: ""
  intents:
    - id: Why
      cues:
        fr: [pourquoi]
      answers: [cuases, "causes#kidneys"]
    - id: Why
      cues:
        en: [""]
      answers: []
"""
    assert errors(make_bundle, bad) == [
        "4:17: a word must not be empty",
        "5:16: say which general word it means",
        "9:16: the topic's 'en' text never uses 'loop diuretic', so this medicine would "
        "find nothing; name a word the passages use",
        "10:17: name the source that says these are of this class (never guess)",
        "12:11: 'Why' is not a valid id; use lowercase letters, digits and hyphens",
        "14:9: 'fr' is not one of the bundle's languages (en)",
        "15:17: no section has the id 'cuases'",
        "15:25: no passage of 'causes' holds the words 'kidneys'",
        "16:11: 'Why' is not a valid id; use lowercase letters, digits and hyphens",
        "16:11: duplicate intent id 'Why' (first at line 12)",
        "18:14: a cue must not be empty",
        "19:16: name at least one section",
    ]


def test_an_intent_lower_unless_asked_loads_and_needs_cues_in_each_language(
    make_bundle: MakeBundle,
) -> None:
    marked = SPELLINGS_MEDICINES_INTENTS + "      lower_unless_asked: true\n"
    ask = load_bundle(make_bundle({"ask.yaml": marked})).document.ask
    assert ask is not None
    assert ask.intents[0].lower_unless_asked
    unmarked = load_bundle(make_bundle({"ask.yaml": SPELLINGS_MEDICINES_INTENTS})).document.ask
    assert unmarked is not None
    assert not unmarked.intents[0].lower_unless_asked
    no_cues = """\
ask:
  intents:
    - id: prevent
      cues:
        en: [" "]
      answers: [causes]
      lower_unless_asked: true
    - id: why
      cues: {}
      answers: [causes]
      lower_unless_asked: yes please
"""
    assert errors(make_bundle, no_cues) == [
        "5:14: a cue must not be empty",
        "7:7: give this intent cues in en too: its passages rank lower for any question "
        "without one of its cues",
        "11:27: expected true or false, got the text 'yes please'",
    ]


CLASHING_TOPIC = """\
topic:
  title:
    patient: Why it happens
    clinician: Causes
  summary:
    patient: Tired muscles can cramp. [1]
    clinician: Fatigue alters neuromuscular control [1, 2].
  sections:
    - id: causes
      title:
        patient: Causes
        clinician: Causes
      passages:
        - patient: A tired muscle can cramp in the calf. [2]
          clinician: Fatigue is central; the calf is most often hit [2].
        - patient: Stretch both calves, and rest them. [2]
          clinician: Stretch the calves [2].
"""

CLASHING_ASK = """\
ask:
  synonyms:
    en:
      - words: [charley horse, calfs]
        means: calves
      - words: [cramping]
        means: cramp
      - words: [exhausted, tired]
        means: fatigue
      - words: [rests]
        means: stretch
  medicines:
    en:
      - names: [calfs]
        means: calves
        source: a made-up source
"""


def test_a_synonym_that_hides_a_word_of_the_passages_is_warned_of_at_its_place(
    make_bundle: MakeBundle, capsys: pytest.CaptureFixture[str]
) -> None:
    """'calfs' (meaning 'calves') has the stem of the passages' 'calf': read by its stem
    it would read a visitor's 'calf' as 'calves', and miss the passages that say 'calf'
    only. Not warned of: a phrase ('charley horse'), a word whose stem is what it means
    ('cramping'), a word the entry lists itself ('tired': meant), and a word whose
    passage says what it means too ('rests': 'Stretch both calves, and rest them')."""
    from kiosk.cli import main
    from kiosk.content.lint import content_warnings

    folder = make_bundle({"topic.yaml": CLASHING_TOPIC, "ask.yaml": CLASHING_ASK})
    bundle = load_bundle(folder)  # a warning: the bundle loads all the same
    warned = [f"{w.file}:{w.line}:{w.column}: {w.message}" for w in content_warnings(bundle)]
    message = (
        "warning: 'calfs' is read by its stem 'calf', which the passages' 'calf' share: a "
        "visitor who types 'calf' would be searched for 'calves', and the passages that say "
        "it but not 'calves' missed; make it a spelling (matched as typed) or a longer "
        "phrase, leave it out, or list 'calf' here if that is meant"
    )
    assert warned == [f"tiny/ask.yaml:4:32: {message}", f"tiny/ask.yaml:14:17: {message}"]
    assert main(["validate", str(folder)]) == 0  # warned of, not failed
    out, err = capsys.readouterr()
    assert f"tiny/ask.yaml:4:32: {message}" in out.splitlines()
    assert "2 warning(s)" in err


def test_the_shipped_bundles_have_no_synonym_that_hides_a_word_of_the_passages() -> None:
    from kiosk.content import find_bundles
    from kiosk.content.lint import content_warnings
    from tests.conftest import CONTENT

    for folder in find_bundles(CONTENT):
        assert content_warnings(load_bundle(folder)) == [], folder
