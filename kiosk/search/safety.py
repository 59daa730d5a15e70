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

A bundle's reader is made when it is first asked about and kept (:class:`Readers`: a
search index keeps one per topic of its library, for as long as the library is
built; other callers share the last few). A phrase is tried only where a question has
its first word, and when the question holds all of its words: a question is matched
against the handful of phrases it could hold, not every phrase of the bundle at every
place (bench/search.py).

    signs = safety_signs("my leg is numb and cramping", bundle, "en")  # most urgent first
    asks_about_medicine_change("should i stop taking my water pill", bundle, "en")
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from kiosk.content.markup import plain_text
from kiosk.search.text import (
    base_language,
    fold,
    general_frequencies,
    markup_words,
    stemmer,
    tokens,
)

if TYPE_CHECKING:
    from kiosk.content.model import Bundle, BundleDocument, Sign

__all__ = [
    "MEDICINE_INTENTS",
    "Readers",
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

_DIGIT = re.compile(r"\d")
_CITATIONS = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")

Phrase = tuple[str, ...]  # stems; "..." a gap
T = TypeVar("T")


class _Phrases:
    """Phrases (of stems, "..." a gap), each with a value, found in a question's stems.

    A phrase is only tried where its first stem is, and only when the question holds
    every stem of it: a question of ten words tries a handful of a bundle's hundreds of
    warning words, not each at each place."""

    __slots__ = ("by_first",)

    def __init__(self) -> None:
        # first stem -> (the phrase's runs of stems between gaps, all its stems, value)
        self.by_first: dict[str, list[tuple[tuple[Phrase, ...], frozenset[str], int]]] = {}

    def add(self, phrase: Phrase, value: int) -> None:
        parts = _parts(phrase)
        if parts:  # a phrase of gaps only is found nowhere
            needs = frozenset(word for part in parts for word in part)
            self.by_first.setdefault(parts[0][0], []).append((parts, needs, value))

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def phrases(self) -> list[tuple[Phrase, ...]]:
        """Every phrase, as its runs of stems."""
        return [parts for entries in self.by_first.values() for parts, _, _ in entries]

    def found(self, stems: Sequence[str], present: frozenset[str] | set[str]) -> set[int]:
        """The values of the phrases in ``stems`` (``present``: the same, as a set)."""
        out: set[int] = set()
        for word in present:
            for parts, needs, value in self.by_first.get(word, ()):
                if value not in out and needs <= present and _holds_parts(stems, parts):
                    out.add(value)
        return out

    def any(self, stems: Sequence[str], present: frozenset[str] | set[str]) -> bool:
        """Whether any phrase is in ``stems``."""
        for word in present:
            for parts, needs, _ in self.by_first.get(word, ()):
                if needs <= present and _holds_parts(stems, parts):
                    return True
        return False


@dataclass(slots=True)
class _Reader:
    """One bundle's safety words in one language, as stems (bundle words only)."""

    stem: Callable[[str], str]
    general: dict[str, float]
    vocabulary: set[str] = field(default_factory=set)  # folded words it knows
    spellings: dict[Phrase, list[str]] = field(default_factory=dict)  # as typed -> means
    synonyms: dict[Phrase, list[str]] = field(default_factory=dict)  # stems -> means
    signs: _Phrases = field(default_factory=_Phrases)  # phrase -> sign's place
    durations: list[tuple[str, int, int]] = field(default_factory=list)  # unit, from, sign
    cues: dict[str, _Phrases] = field(default_factory=dict)  # intent -> its phrases
    by_length: dict[int, list[str]] = field(default_factory=dict)  # vocabulary, by length

    def phrase(self, text: str) -> Phrase:
        """``text`` as stems (bundle words, shared with other readers: ``sys.intern``)."""
        return tuple(
            "..." if word == "..." else sys.intern(self.stem(word))
            for word in re.findall(r"[a-z0-9]+|\.\.\.", fold(text))
        )

    def cue(self, intent: str, text: str) -> None:
        self.cues.setdefault(intent, _Phrases()).add(self.phrase(text), 0)

    def finish(self) -> None:
        """Once every word is learnt: the vocabulary by length (what a typo is compared
        with), its words shared with every other reader's (``sys.intern``)."""
        self.vocabulary = {sys.intern(word) for word in self.vocabulary}
        for word in sorted(self.vocabulary):
            self.by_length.setdefault(len(word), []).append(word)

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
        near = [
            w
            for size in range(len(word) - allowed, len(word) + allowed + 1)
            for w in self.by_length.get(size, ())
        ]
        best = process.extract(
            word,
            near,
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


def _parts(phrase: Phrase) -> tuple[Phrase, ...]:
    """``phrase``'s runs of words between its gaps ("..."), empty runs left out."""
    parts: list[Phrase] = []
    run: list[str] = []
    for word in phrase:
        if word == "...":
            parts.append(tuple(run))
            run = []
        else:
            run.append(word)
    parts.append(tuple(run))
    return tuple(part for part in parts if part)


def _holds_parts(stems: Sequence[str], parts: tuple[Phrase, ...]) -> bool:
    """Whether the runs ``parts`` are in ``stems`` in order, the first anywhere, each
    other at most :data:`GAP` words after the one before."""
    first, rest = parts[0], parts[1:]
    size, head = len(first), first[0]
    last = len(stems)
    for start in range(last - size + 1):
        if stems[start] != head or tuple(stems[start : start + size]) != first:
            continue
        end = start + size
        for part in rest:  # each within GAP words of the one before
            width = len(part)
            for i in range(end, min(end + GAP, last - width) + 1):
                if tuple(stems[i : i + width]) == part:
                    end = i + width
                    break
            else:
                break
        else:
            return True
    return False


class Readers:
    """The safety readers of bundles (bundle words only), made when a bundle is first
    asked about, and kept: ``limit`` of them, the last used (None: every one, for as
    long as this is kept; a search index keeps one for its library)."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self._readers: dict[tuple[int, str], tuple[BundleDocument, _Reader]] = {}

    def __call__(self, bundle: Bundle, language: str) -> _Reader:
        document = bundle.document
        key = (id(document), language)
        known = self._readers.pop(key, None)
        if known is not None and known[0] is document:
            self._readers[key] = known  # now the last used
            return known[1]
        reader = _read_bundle(bundle, language)
        self._readers[key] = (document, reader)  # the document kept: its id stays its own
        if self.limit is not None and len(self._readers) > self.limit:
            del self._readers[next(iter(self._readers))]  # the least recently used
        return reader

    def readers(self) -> list[_Reader]:
        return [reader for _, reader in self._readers.values()]


_READERS = Readers(limit=8)  # for callers without a library's own (the last few used)


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
            reader.signs.add(reader.phrase(words), i)
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
                    reader.cue(intent.id, cue)
        # the bundle's medicines count as medicines' names
        for entry in _words_of(ask.medicines, language):
            for words in (*entry.names, entry.means):
                reader.cue(MEDICINE_NAME, words)
    # the passages' own words: a typo is mended to the word it is nearest, not to the
    # nearest warning word
    for section in bundle.topic.sections:
        for passage in section.passages:
            for level in passage:
                said = markup_words(bundle.level_text(passage, level, language))
                vocabulary.update(w for w in said if w.isalpha())
    reader.finish()
    return reader


def safety_signs(
    question: str, bundle: Bundle, language: str, readers: Readers | None = None
) -> tuple[Sign, ...]:
    """The warning signs of ``bundle`` that ``question`` mentions, most urgent first
    (then in the bundle's order). ``readers``: where the bundle's reader is kept."""
    return check(question, bundle, language, readers, medicine=False)[0]


def asks_about_medicine_change(
    question: str, bundle: Bundle, language: str, readers: Readers | None = None
) -> bool:
    """Whether ``question`` asks about stopping, changing or dosing a medicine."""
    if not question.strip():
        return False
    reader = (readers or _READERS)(bundle, language)
    return any(_asks_medicine(reader, stems) for stems in reader.versions(question))


def check(
    question: str,
    bundle: Bundle,
    language: str,
    readers: Readers | None = None,
    *,
    medicine: bool = True,
) -> tuple[tuple[Sign, ...], bool]:
    """:func:`safety_signs` and (when ``medicine``) :func:`asks_about_medicine_change`
    at once, the question read once."""
    if not question.strip():
        return (), False
    if not bundle.signs and not medicine:
        return (), False
    reader = (readers or _READERS)(bundle, language)
    found: set[int] = set()
    changes = False
    for stems in reader.versions(question):
        present = set(stems)
        if bundle.signs:
            found |= reader.signs.found(stems, present)
            for j, word in enumerate(stems[:-1]):
                if word.isdigit():
                    unit = stems[j + 1]
                    found.update(
                        i for u, start, i in reader.durations if u == unit and int(word) >= start
                    )
        if medicine and not changes:
            changes = _asks_medicine(reader, stems, present)
    signs = bundle.signs
    return tuple(signs[i] for i in sorted(found, key=lambda i: (signs[i].tier.rank, i))), changes


def _asks_medicine(reader: _Reader, stems: list[str], present: set[str] | None = None) -> bool:
    present = set(stems) if present is None else present

    def any_of(intent: str) -> bool:
        phrases = reader.cues.get(intent)
        return phrases is not None and phrases.any(stems, present)

    return any_of(MEDICINE_CHANGE) or (any_of(MEDICINE_ACTION) and any_of(MEDICINE_NAME))


def medicine_safety(bundle: Bundle, level: str, language: str) -> str | None:
    """The bundle's fixed answer to a question about changing a medicine (markup), at
    ``level`` in ``language``; None if the bundle has none."""
    ask = bundle.document.ask
    if ask is None or ask.medicine_safety is None:
        return None
    return bundle.level_text(ask.medicine_safety, level, language) or None


def has_dose(text: str) -> bool:
    """Whether ``text`` gives an amount of a medicine ("10 mg", "2 a day")."""
    if not _DIGIT.search(_CITATIONS.sub("", text)):
        return False  # no number but citations' (most passages): no markup to read
    return _DOSE.search(plain_text(text)) is not None
