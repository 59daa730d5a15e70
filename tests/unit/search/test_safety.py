"""kiosk.search.safety: warning signs and medicine changes in a question (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import Bundle
from kiosk.search import SearchIndex, safety
from kiosk.search.safety import asks_about_medicine_change, has_dose, safety_signs


def test_most_urgent_first_then_the_bundle_order(bundle: Bundle) -> None:
    signs = safety_signs("my chest hurts and my arm is numb", bundle, "en")
    assert [s.id for s in signs] == ["emergency", "weak-or-numb", "chest-arms-belly"]


def test_a_number_of_minutes_counts_from_the_signs_own(bundle: Bundle) -> None:
    assert [s.id for s in safety_signs("cramp for 12 minutes", bundle, "en")] == ["long-cramp"]
    assert safety_signs("cramp for 5 minutes", bundle, "en") == ()
    assert [s.id for s in safety_signs("un calambre de 25 minutos", bundle, "es")] == ["long-cramp"]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("how much water should i drink", "en"),
        ("how do i stop a cramp", "en"),
        ("do water pills cause cramps", "en"),
        ("cuantos vasos de agua debo tomar", "es"),
        ("dejo de hacer ejercicio", "es"),
    ],
)
def test_not_a_medicine_change(bundle: Bundle, question: str, language: str) -> None:
    assert not asks_about_medicine_change(question, bundle, language)


def test_doses_are_found() -> None:
    assert has_dose("baclofen (starting at 10 mg/day)")
    assert has_dose("tome 2 al día")
    assert not has_dose("A medicine called baclofen may help. [1]")


def test_a_dose_question_gets_the_fixed_answer_and_no_dose(index: SearchIndex) -> None:
    results = index.ask("baclofen dose cirrhosis cramps", "clinician", "en")
    assert results.medicine_safety is not None
    assert "prescriber" in results.medicine_safety
    assert not any(has_dose(found.text) for found in results.found)


def test_level_and_language_switch_keep_the_cards_and_the_medicine_answer(
    index: SearchIndex,
) -> None:
    results = index.ask("my leg is numb, should i stop my water pill", "patient", "en")
    assert [s.id for s in results.signs] == ["weak-or-numb"]
    again = index.again(results, "patient", "es")
    assert again.signs == results.signs
    assert again.medicine_safety is not None
    assert "farmacéutico" in again.medicine_safety


def test_nothing_of_a_question_is_kept(bundle: Bundle) -> None:
    """The readers hold the bundle's words only: a visitor's words (even mended typos
    and unknown words) are not left in them."""
    question = "my qzxvplonk leg is numbbb, should i stop my frobnicate pills"
    safety_signs(question, bundle, "en")
    asks_about_medicine_change(question, bundle, "en")
    # and through a library's index, which keeps its topics' readers between visits
    index = SearchIndex([bundle])
    index.ask(question, "patient", "en")
    index.ask_library(question, "patient", "en", open_topic=bundle.id)
    readers = [*safety._READERS.readers(), *index._readers.readers()]
    assert len(readers) >= 2
    for reader in readers:
        phrases = [*reader.signs.phrases(), *(p for c in reader.cues.values() for p in c.phrases())]
        words = [*reader.vocabulary, *(w for size in reader.by_length.values() for w in size)]
        for table in (reader.spellings, reader.synonyms):
            words += [w for key, means in table.items() for w in (*key, *means)]
        held = " ".join([*words, *(w for parts in phrases for part in parts for w in part)])
        for word in ("qzxvplonk", "numbbb", "frobnicate"):
            assert word not in held


def _brute_holds(stems: list[str], phrase: tuple[str, ...]) -> bool:
    """The phrase matcher as it was: each phrase tried at each place of the question."""
    parts: list[tuple[str, ...]] = []
    run: list[str] = []
    for word in phrase:
        if word == "...":
            parts.append(tuple(run))
            run = []
        else:
            run.append(word)
    parts.append(tuple(run))
    parts = [part for part in parts if part]
    if not parts:
        return False

    def at(part: tuple[str, ...], start: int, end: int) -> int | None:
        for i in range(start, min(end, len(stems) - len(part)) + 1):
            if tuple(stems[i : i + len(part)]) == part:
                return i + len(part)
        return None

    for start in range(len(stems)):
        end = at(parts[0], start, start)
        for part in parts[1:]:
            if end is None:
                break
            end = at(part, end, end + safety.GAP)
        if end is not None:
            return True
    return False


def test_phrases_found_by_first_word_as_by_trying_each_everywhere(bundle: Bundle) -> None:
    """The readers try a phrase only where its first word is and when the question holds
    all its words (for speed): on every question of the safety table and the
    development set, they find the signs and cues trying every phrase at every place
    finds."""
    import yaml

    here = Path(__file__).parent
    asked = []
    for half in ("tune", "held"):
        for q in yaml.safe_load((here / "safety" / f"{half}.yaml").read_text("utf-8")):
            asked.append((q["question"], q["language"]))
        for q in yaml.safe_load((here / "devset" / f"{half}.yaml").read_text("utf-8")):
            asked.append((q["q"], q["lang"]))
    assert len(asked) > 300
    checked = 0
    for language in ("en", "es"):
        reader = safety._read_bundle(bundle, language)
        signs = [
            (reader.phrase(w), i)
            for i, sign in enumerate(bundle.signs)
            for w in sign.words.get(language, ())
        ]
        cues: dict[str, list[tuple[str, ...]]] = {}
        assert bundle.document.ask is not None
        for intent in bundle.document.ask.intents:
            if intent.id in safety.MEDICINE_INTENTS:
                cues.setdefault(intent.id, []).extend(
                    reader.phrase(c) for c in intent.cues.get(language, ())
                )
        for entry in bundle.document.ask.medicines.get(language, ()):
            cues[safety.MEDICINE_NAME] += [reader.phrase(w) for w in (*entry.names, entry.means)]
        gaps = 0
        for question, lang in asked:
            if lang != language:
                continue
            for stems in reader.versions(question):
                present = set(stems)
                expected = {i for phrase, i in signs if _brute_holds(stems, phrase)}
                assert reader.signs.found(stems, present) == expected, question
                for intent, phrases in cues.items():
                    expected_cue = any(_brute_holds(stems, p) for p in phrases)
                    assert reader.cues[intent].any(stems, present) == expected_cue, question
                if not stems:
                    continue
                # phrases with gaps ("how much ... take"), made of the question's words
                made = [(stems[0], "...", stems[k]) for k in range(1, min(len(stems), 8))]
                made += [(*stems[1:3], "...", stems[-1]), ("...", *stems[-2:], "...")]
                made += [(stems[0], "...", stems[-1], "...", stems[len(stems) // 2])]
                phrases = safety._Phrases()
                for number, phrase in enumerate(made):
                    phrases.add(phrase, number)
                expected = {n for n, phrase in enumerate(made) if _brute_holds(stems, phrase)}
                assert phrases.found(stems, present) == expected, question
                gaps += len(expected)
                checked += 1
        assert gaps > 100
    assert checked > 300
