"""Safety first in the question box: the warning signs a question mentions, and whether
it asks about stopping, changing or dosing a medicine (no Qt).

Every surface that answers a question (the screen, ``kiosk ask``) asks these first, so
that a question naming a warning sign leads with that sign's care card, and a question
about changing a medicine gets the bundle's fixed safe answer (``ask.medicine_safety``),
never a dose. Both are read from the bundle's content:

- a sign's ``words`` (safety.yaml), per language;
- the cue phrases of three intents of ``ask`` (ask.yaml), which the ranking of passages
  leaves alone: ``medicine-change`` (enough on their own: "stop taking", "dose", "how
  much ... take"), ``medicine-action`` ("stop", "change", "double") and
  ``medicine-name`` ("pill", "medicine", "magnesium"): a question asks about changing a
  medicine when it holds a ``medicine-change`` cue, or an action with a medicine's name
  (the intent's, or one of ``ask.medicines``). A cue may hold "..." for a gap of a few
  words ("how much ... take").

A question is read as the search reads it (:mod:`kiosk.search.text`): folded (case and
accents), the bundle's everyday spellings ("shud" for "should" where listed), each word
that is neither a real word nor one the bundle knows corrected to the nearest that is
("numbnes" -> "numbness", "adormesida" -> "adormecida"), and matched on stems, as whole
words and phrases, both as typed and after the bundle's synonyms ("fifteen minutes" ->
"more than 10 minutes"). A number of minutes at least a sign's own ("20 minutes" when
the sign says "15 minutes") counts as that sign's. Nothing of a question is kept: the
readers hold the bundle's words only.

    signs = safety_signs("my leg is numb and cramping", bundle, "en")  # most urgent first
    asks_about_medicine_change("should i stop taking my water pill", bundle, "en")
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from kiosk.content.markup import plain_text
from kiosk.search.text import base_language, fold, general_frequencies, stemmer, tokens

if TYPE_CHECKING:
    from kiosk.content.model import Bundle, BundleDocument, Sign

__all__ = [
    "MEDICINE_INTENTS",
    "asks_about_medicine_change",
    "has_dose",
    "medicine_safety",
    "safety_signs",
]

MEDICINE_CHANGE = "medicine-change"  # cues enough on their own
MEDICINE_ACTION = "medicine-action"  # cues that need a medicine's name too
MEDICINE_NAME = "medicine-name"  # medicines' names
MEDICINE_INTENTS = frozenset({MEDICINE_CHANGE, MEDICINE_ACTION, MEDICINE_NAME})
"""The intents of ``ask`` that are the question box's safety cues, not ranking cues."""

REAL_WORD = 2.5  # Zipf from which a word is a real word of the language, never corrected
CORRECT_FROM = 4  # shorter words are not corrected
TWO_TYPOS_FROM = 7  # one typo corrected in shorter words, two from this length
GAP = 4  # words a "..." in a cue may stand for

# a dose: a number with a unit of amount, or a number per day
_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|g|ml|mmol|meq|units?|unidades|iu|ui)\b"
    r"|\b\d+(?:[.,]\d+)?\s*(?:/|per|a|al|por)\s*(?:day|d|dia|día)\b",
    re.IGNORECASE,
)

Phrase = tuple[str, ...]  # stems; "..." a gap
T = TypeVar("T")


@dataclass(slots=True)
class _Reader:
    """One bundle's safety words in one language, as stems (bundle words only)."""

    stem: Callable[[str], str]
    general: dict[str, float]
    vocabulary: set[str] = field(default_factory=set)  # folded words it knows
    spellings: dict[Phrase, list[str]] = field(default_factory=dict)  # as typed -> means
    synonyms: dict[Phrase, list[str]] = field(default_factory=dict)  # stems -> means
    signs: list[tuple[Phrase, int]] = field(default_factory=list)  # phrase -> sign's place
    durations: list[tuple[str, int, int]] = field(default_factory=list)  # unit, from, sign
    cues: dict[str, list[Phrase]] = field(default_factory=dict)  # intent -> phrases

    def phrase(self, text: str) -> Phrase:
        return tuple("..." if word == "..." else self.stem(word)
                     for word in re.findall(r"[a-z0-9]+|\.\.\.", fold(text)))  # fmt: skip

    def correct(self, word: str) -> str:
        """``word``, or the word of the bundle it is a typo of (a real word stays)."""
        if (
            word in self.vocabulary
            or len(word) < CORRECT_FROM
            or not word.isalpha()
            or self.general.get(word, 0.0) >= REAL_WORD
        ):
            return word
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        allowed = 2 if len(word) >= TWO_TYPOS_FROM else 1
        best = process.extract(
            word,
            [w for w in self.vocabulary if abs(len(w) - len(word)) <= allowed],
            scorer=OSA.distance,
            score_cutoff=allowed,
            limit=None,
        )
        if not best:
            return word
        nearest = min(distance for _, distance, _ in best)
        # of words as near, the commonest (then the first in order, for a stable answer)
        candidates = sorted(w for w, distance, _ in best if distance == nearest)
        return max(candidates, key=lambda w: self.general.get(w, 0.0))

    def versions(self, question: str) -> list[list[str]]:
        """The question's stems as typed (spellings and typos mended), and after the
        bundle's synonyms."""
        words = _replace(tokens(fold(question)), self.spellings, lambda w: w)
        words = [self.correct(word) for word in words]
        typed = [self.stem(word) for word in words]
        synonyms = [self.stem(w) for w in _replace(words, self.synonyms, self.stem)]
        return [typed, synonyms] if synonyms != typed else [typed]


def _replace(
    words: Sequence[str], phrases: dict[Phrase, list[str]], stem: Callable[[str], str]
) -> list[str]:
    """``words`` with each phrase (the longest at a place) replaced by what it means."""
    if not phrases:
        return list(words)
    longest = max(map(len, phrases))
    stems = [stem(word) for word in words]
    out: list[str] = []
    at = 0
    while at < len(words):
        for size in range(min(longest, len(words) - at), 0, -1):
            means = phrases.get(tuple(stems[at : at + size]))
            if means is not None:
                out.extend(means)
                at += size
                break
        else:
            out.append(words[at])
            at += 1
    return out


def _holds(stems: Sequence[str], phrase: Phrase) -> bool:
    """Whether ``phrase`` is in ``stems`` as whole words, in order (a "..." in it
    standing for up to :data:`GAP` words)."""
    parts: list[Phrase] = []
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

    def at(part: Phrase, start: int, end: int) -> int | None:
        for i in range(start, min(end, len(stems) - len(part)) + 1):
            if tuple(stems[i : i + len(part)]) == part:
                return i + len(part)
        return None

    for start in range(len(stems)):
        end = at(parts[0], start, start)
        if end is None:
            continue
        for part in parts[1:]:
            end = at(part, end, end + GAP)
            if end is None:
                break
        else:
            return True
    return False


_READERS: list[tuple[BundleDocument, str, _Reader]] = []  # the last few (bundle words)


def _reader(bundle: Bundle, language: str) -> _Reader:
    document = bundle.document
    for known, lang, reader in _READERS:
        if known is document and lang == language:
            return reader
    reader = _read_bundle(bundle, language)
    _READERS.insert(0, (document, language, reader))
    del _READERS[8:]
    return reader


def _words_of(mapping: Mapping[str, Sequence[T]], language: str) -> tuple[T, ...]:
    """A per-language list: the language's, else its base language's."""
    found = mapping.get(language)
    if found is None:
        found = mapping.get(base_language(language))
    return tuple(found or ())


def _read_bundle(bundle: Bundle, language: str) -> _Reader:
    base = base_language(language)
    reader = _Reader(stemmer(base), general_frequencies(base))
    vocabulary = reader.vocabulary

    def learn(text: str) -> None:
        vocabulary.update(w for w in tokens(fold(text)) if w.isalpha())

    for i, sign in enumerate(bundle.signs):
        for words in _words_of(sign.words, language):
            learn(words)
            phrase = reader.phrase(words)
            if phrase:
                reader.signs.append((phrase, i))
            folded = tokens(fold(words))
            # "15 minutes": a number of a unit, from which longer counts as the sign's
            for j, word in enumerate(folded[:-1]):
                if word.isdigit():
                    more = j > 0  # "more than 10 minutes": from 11
                    unit = reader.stem(folded[j + 1])
                    reader.durations.append((unit, int(word) + more, i))
    ask = bundle.document.ask
    if ask is not None:
        for spelling in _words_of(ask.spellings, language):
            for words in spelling.words:
                key = tuple(tokens(fold(words)))
                if key:
                    reader.spellings.setdefault(key, tokens(fold(spelling.means)))
        pairs = [(s.words, s.means) for s in _words_of(ask.synonyms, language)]
        pairs += [(m.names, m.means) for m in _words_of(ask.medicines, language)]
        for names, means in pairs:
            for words in names:
                learn(words)
                key = reader.phrase(words)
                if key:
                    reader.synonyms.setdefault(key, tokens(fold(means)))
            learn(means)
        for intent in ask.intents:
            if intent.id in MEDICINE_INTENTS:
                for cue in _words_of(intent.cues, language):
                    learn(cue)
                    reader.cues.setdefault(intent.id, []).append(reader.phrase(cue))
        # the bundle's medicines count as medicines' names
        for entry in _words_of(ask.medicines, language):
            for words in (*entry.names, entry.means):
                reader.cues.setdefault(MEDICINE_NAME, []).append(reader.phrase(words))
    # the passages' own words: a typo is mended to the word it is nearest, not to the
    # nearest warning word
    for section in bundle.topic.sections:
        for passage in section.passages:
            for level in passage:
                learn(plain_text(bundle.level_text(passage, level, language)))
    return reader


def safety_signs(question: str, bundle: Bundle, language: str) -> tuple[Sign, ...]:
    """The warning signs of ``bundle`` that ``question`` mentions, most urgent first
    (then in the bundle's order)."""
    if not question.strip() or not bundle.signs:
        return ()
    reader = _reader(bundle, language)
    found: set[int] = set()
    for stems in reader.versions(question):
        found.update(i for phrase, i in reader.signs if i not in found and _holds(stems, phrase))
        for j, word in enumerate(stems[:-1]):
            if word.isdigit():
                unit = stems[j + 1]
                found.update(i for u, start, i in reader.durations
                             if u == unit and int(word) >= start)  # fmt: skip
    signs = bundle.signs
    return tuple(signs[i] for i in sorted(found, key=lambda i: (signs[i].tier.rank, i)))


def asks_about_medicine_change(question: str, bundle: Bundle, language: str) -> bool:
    """Whether ``question`` asks about stopping, changing or dosing a medicine."""
    if not question.strip():
        return False
    reader = _reader(bundle, language)

    def any_of(stems: list[str], intent: str) -> bool:
        return any(_holds(stems, phrase) for phrase in reader.cues.get(intent, ()))

    for stems in reader.versions(question):
        if any_of(stems, MEDICINE_CHANGE):
            return True
        if any_of(stems, MEDICINE_ACTION) and any_of(stems, MEDICINE_NAME):
            return True
    return False


def medicine_safety(bundle: Bundle, level: str, language: str) -> str | None:
    """The bundle's fixed answer to a question about changing a medicine (markup), at
    ``level`` in ``language``; None if the bundle has none."""
    ask = bundle.document.ask
    if ask is None or ask.medicine_safety is None:
        return None
    return bundle.level_text(ask.medicine_safety, level, language) or None


def has_dose(text: str) -> bool:
    """Whether ``text`` gives an amount of a medicine ("10 mg", "2 a day")."""
    return _DOSE.search(plain_text(text)) is not None
