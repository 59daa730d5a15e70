"""Syllable counts checked against words counted by hand, in English and Spanish, and the
two formulas checked against counts worked out by hand.

The old lint counted with hyphenation dictionaries (pyphen): "hypokalemia" 2, "ayudar" 2,
"una" 1, "músculo" 2. Each row below was counted aloud, not copied from the code.
"""

from __future__ import annotations

import pytest

from kiosk.content.readability import (
    TextCounts,
    _cmudict,
    count_text,
    english_syllables,
    flesch_kincaid_grade,
    spanish_syllables,
    szigriszt_pazos,
)

# (word, syllables counted by hand); the words cmudict lacks are counted by rule
ENGLISH = [
    ("the", 1),
    ("a", 1),
    ("stretch", 1),
    ("calf", 1),
    ("calves", 1),
    ("leg", 1),
    ("night", 1),
    ("cramp", 1),
    ("cramps", 1),
    ("muscle", 2),
    ("muscles", 2),
    ("water", 2),
    ("doctor", 2),
    ("medicine", 3),
    ("exercise", 3),
    ("potassium", 4),
    ("magnesium", 4),
    ("sodium", 3),
    ("dehydration", 4),
    ("diuretic", 4),
    ("electrolyte", 4),
    ("ibuprofen", 4),
    ("albumin", 3),
    ("quinine", 2),
    ("statins", 2),
    ("adrenal", 3),
    ("insufficiency", 5),
    ("hormones", 2),
    ("massage", 2),
    ("numbness", 2),
    ("swelling", 2),
    ("weakness", 2),
    ("diarrhea", 4),
    ("vomiting", 3),
    ("emergency", 4),
    ("information", 4),
    ("pharmacist", 3),
    ("usually", 4),
    ("minutes", 2),
    ("seconds", 2),
    ("involuntary", 5),
    ("kidney", 2),
    ("alcohol", 3),
    ("Addison's", 3),
    ("don't", 1),
    ("charley-horse", 3),
    # not in cmudict: counted by rule
    ("hypokalemia", 6),
    ("hyponatremia", 6),
    ("hypomagnesemia", 7),
    ("paracetamol", 5),
    ("baclofen", 3),
    ("naproxen", 3),
    ("salbutamol", 4),
    ("teriparatide", 5),
    ("thrombocytopenia", 7),
    ("hemodialysis", 6),
    ("cisplatin", 3),
    ("ascites", 3),
    ("spindles", 2),
]

SPANISH = [
    ("calambre", 3),
    ("calambres", 3),
    ("músculo", 3),
    ("músculos", 3),
    ("ayudar", 3),
    ("una", 2),
    ("pantorrilla", 4),
    ("pierna", 2),
    ("piernas", 2),
    ("noche", 2),
    ("agua", 2),
    ("médico", 3),
    ("enfermera", 4),
    ("medicina", 4),
    ("medicamento", 5),
    ("diurético", 4),
    ("potasio", 3),
    ("magnesio", 3),
    ("sodio", 2),
    ("hipopotasemia", 6),
    ("hiponatremia", 5),
    ("deshidratación", 5),
    ("hígado", 3),
    ("hielo", 2),
    ("suero", 2),
    ("orinar", 3),
    ("estirar", 3),
    ("estiramiento", 5),
    ("quinina", 3),
    ("insuficiencia", 5),
    ("suprarrenal", 4),
    ("ibuprofeno", 5),
    ("paracetamol", 5),
    ("urgencia", 3),
    ("alcohol", 3),
    # hiatus: two strong vowels, or an accented i/u
    ("día", 2),
    ("país", 2),
    ("reír", 2),
    ("poeta", 3),
    ("leer", 2),
    ("caer", 2),
    ("oído", 3),
    ("baúl", 2),
    ("búho", 2),
    # diphthongs and triphthongs
    ("cuidado", 3),
    ("ciudad", 2),
    ("buey", 1),
    ("averigüéis", 4),
    # qu, gu, gü
    ("qué", 1),
    ("aquí", 2),
    ("guitarra", 3),
    ("seguir", 2),
    ("pingüino", 3),
    ("vergüenza", 3),
    # y: a vowel alone and at the end after a vowel, a consonant before one
    ("y", 1),
    ("muy", 1),
    ("hoy", 1),
    ("Uruguay", 3),
    ("leyes", 2),
    ("ayuda", 3),
]


def test_the_tables_are_big_enough() -> None:
    assert len(ENGLISH) >= 40
    assert len(SPANISH) >= 40


@pytest.mark.parametrize(("word", "expected"), ENGLISH)
def test_english_syllables(word: str, expected: int) -> None:
    assert english_syllables(word) == expected


@pytest.mark.parametrize(("word", "expected"), SPANISH)
def test_spanish_syllables(word: str, expected: int) -> None:
    assert spanish_syllables(word) == expected


def test_both_english_paths_are_exercised() -> None:
    """Some table words come from the dictionary and some by rule, so both are tested."""
    words = {w.lower() for w, _ in ENGLISH}
    known = words & _cmudict().keys()
    assert len(known) >= 30
    assert {"hypokalemia", "baclofen", "paracetamol"} <= words - known


def test_capitals_and_accents_do_not_change_a_count() -> None:
    assert english_syllables("Muscle") == english_syllables("muscle") == 2
    assert spanish_syllables("MÚSCULO") == spanish_syllables("músculo") == 3


def test_numbers_count_one_syllable_per_digit() -> None:
    assert english_syllables("10") == 2
    assert spanish_syllables("24") == 2


def test_sentences_end_at_stops_and_line_breaks() -> None:
    counts = count_text("Stop and rest. Cool off!\nHave a drink.\nIs it bad?", "en")
    assert counts == TextCounts(words=11, sentences=4, syllables=11)
    # a decimal point or an abbreviation's dot inside a word does not end a sentence
    assert count_text("It was 3.5 kg", "en").sentences == 1


def test_spanish_text_counts() -> None:
    counts = count_text("¿Le duele la pierna? Estire el músculo.", "es")
    # le due-le la pier-na / es-ti-re el mús-cu-lo: "ue" and "ie" are diphthongs
    assert counts == TextCounts(words=7, sentences=2, syllables=1 + 2 + 1 + 2 + 3 + 1 + 3)


def test_flesch_kincaid_by_hand() -> None:
    counts = TextCounts(words=20, sentences=2, syllables=30)
    # 0.39 x 10 + 11.8 x 1.5 - 15.59 = 3.9 + 17.7 - 15.59
    assert flesch_kincaid_grade(counts) == pytest.approx(6.01)


def test_szigriszt_pazos_by_hand() -> None:
    counts = TextCounts(words=20, sentences=2, syllables=40)
    # 206.835 - 62.3 x 2 - 10
    assert szigriszt_pazos(counts) == pytest.approx(72.235)


def test_an_empty_text_scores_as_easy() -> None:
    assert flesch_kincaid_grade(count_text("", "en")) == 0.0
    assert szigriszt_pazos(count_text(" — ", "es")) == 100.0
