"""The question box's search: a library's own passages, best first (no Qt).

One in-memory SQLite FTS5 table per language holds every passage (the topic's summary
counts as one) with three columns: its section's titles, its patient text and its
clinician text, all as stems (see :mod:`kiosk.search.text`). A question is answered in
these steps:

1. fold it into words; the bundles' everyday spellings ("cuz" -> "because", "xq" ->
   "por que") are read as the words they mean;
2. correct the spelling of a word that is neither the library's nor a real word of the
   language (wordfreq's list): to the nearest word of the library ("musle" -> "muscle"),
   else to the nearest common word. A real word is changed only into the topic's own
   word one typo away, far likelier here than in general use ("craps" -> "cramps";
   "heart" stays "heart", never "heat"), and a word being typed is kept as a prefix
   ("magnes");
3. put the bundles' synonyms and medicine names in, matched on stems ("water pills" ->
   "diuretic"), then take out the cue phrases of what the visitor wants ("what do i
   do", "por que"; declared per language in the bundle's ``ask`` part): each points to
   the passages that answer that kind of question;
4. weigh each remaining word by how much it says: its rarity in the library (BM25's
   idf) times its rarity in the language (a word as common as "the", "keep" or "bad"
   says little or nothing). A word the library lacks weighs as a rare word of the
   library times its rarity in the language ("kidney" much, "outside" little);
5. a curated question of the bundle that reads like the question (rapidfuzz ratio),
   and asks no other kind of question (its cues), comes first;
6. then the passages FTS5 finds for any of the words, each scored by the share of the
   question's weight it holds (at the plain level, a word only its technical text
   holds counts less: the reader would not see it), its BM25 rank (reader's level
   above the other, titles above both) and whether it answers what the visitor wants
   (the intent's answers in the order the bundle lists them; one answering two of the
   question's intents above one answering one); one (the best) per section. A passage
   holding too little of the question's weight is not shown, nor one holding too little
   of what it says in plain words (its words' rarity in the language: a word the library
   mentions once in passing, "knee", is no answer to "knee pain when i run"), nor any
   when the question shares only the topic's own word with the library and says more
   ("period cramps");
7. nothing found: :attr:`Results.answered` is False and the app says so plainly.

It never writes a word of its own: every answer is a passage or a curated answer of
the bundle, at the level and language asked, with its citations. Nothing of a question
is kept: the index holds the library's words only, and it is built again (from a copy
that no question has touched) for each visit.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Generic, TypeVar

from kiosk.content.markup import citations, plain_text
from kiosk.content.registry import DEFAULT_LEVEL, LEVELS
from kiosk.search.safety import MEDICINE_INTENTS, Readers, check, has_dose, medicine_safety
from kiosk.search.text import (
    base_language,
    fold,
    general_frequencies,
    markup_words,
    stemmer,
    tokens,
)

if TYPE_CHECKING:
    from kiosk.content.model import Bundle, CuratedAnswer, LevelText, Section, Sign

__all__ = ["Found", "Results", "SearchIndex"]

# -- tuned on the tuning half of the development set (tests/unit/search/devset) --------
REAL_WORD = 2.5  # Zipf from which a word the library lacks is a real word, never corrected
# Zipf per language: a word this common says nothing; this rare, all it can (Spanish
# spreads a verb over many forms, each rarer than its English one)
COMMON = {"en": 6.3, "es": 6.0}
RARE = {"en": 3.2, "es": 3.2}
COMMON_RARE_OTHER = (6.3, 3.2)  # another language's
TWO_TYPOS_FROM = 7  # one typo corrected in shorter words, two from this length
CORRECT_FROM = 4  # shorter words are not corrected
GENERAL_CANDIDATE = 3.0  # Zipf of the common words a non-word may be corrected to
# a word the general list holds, however rare, is a real word ("magnesia", "albumen",
# "quinone"): it is corrected only to a word one typo away and this much commoner in
# general use ("pils" -> "pill"), never to a rarer or as rare one ("magnesia" is not
# "magnesium", "albumen" not "albumin")
REAL_MARGIN = 1.5
LIBRARY_PRIOR = (
    2.0  # Zipf added to a library word as a typo's candidate, times its share of documents
)
PRIOR_FROM = 0.4  # share of documents from which a word has that prior
# share of what the question says in the language at large (its words' rarities, the
# library's idf left out) a passage must hold to be shown. A word the library mentions
# once weighs most by its idf ("knee" in a stretch's steps), yet that the library says it
# once is no sign that it answers it: "knee pain when i run" says more (pain, running)
# that the passage lacks. The topic's own words (its title's) count as every passage's.
# 0.58-0.60 a plateau on the tuning files and the issue-6 sets
SAYS_ENOUGH = 0.59
# a real word the library lacks whose stem, this long at least, begins a library stem is
# another form of that word the stemmer keeps apart ("inhibition" of "inhibitory",
# "hyperexcitability" of "hyperexcitable"): searched as a prefix. 5-7 the same on the
# tuning files and the issue-6 sets
DERIVED_FROM = 6
ENOUGH = 0.55  # share of the question's weight a passage must hold to be shown
UNKNOWN_SCALE = 0.6  # a word the library lacks weighs this share of its rarest word's idf
TOPIC_FLOOR = 1.5  # the idf a library word counts with at least (the topic's own word)
UNKNOWN_MARGIN = 1.0  # no word the library lacks may outweigh the best word a passage holds
INTENT_ONLY = 0.3  # a question weighing less, but for its cues, asks only what it wants
GENERAL = 1.0  # idf below which a word is everywhere in the library (the topic's word)
INTENT_BOOST = 0.6  # added to the score of a passage that answers what the visitor wants
INTENT_ORDER_STEP = 0.1  # ...less this for each answer of the intent listed before its own
# taken from the score of a passage that answers only a kind of question the visitor did
# not ask (an intent's ``lower_unless_asked``: prevention advice, for a question that
# is not about preventing); the same from 0.2 to 1.0 on the tuning half and issue-6 sets
UNASKED = 0.3
# at a plain level (patient), a word a passage holds only in its technical text or title
# weighs this share: its reader would not see it
PLAIN_OTHER_SHARE = 0.75
BM25_SHARE = 0.45  # weight of the BM25 rank (0..1 within a question) in the score
# a section's title says what its passages are about: a question's word in it weighs more
# than the same word said in passing ("exercise" in "Cramps and exercise", not in the
# prevention advice "stretch before and after exercise")
CURATED_MATCH = 84  # rapidfuzz similarity (0-100) from which a curated question matches
TITLE_WEIGHT, OWN_LEVEL_WEIGHT, OTHER_LEVEL_WEIGHT = 3.0, 1.0, 0.4
COMMON_IN_LIBRARY = 100  # passages: a word in more is left out of a library-wide search
_CANDIDATES = 60  # passages fetched from FTS5 before scoring
SEARCHED_FROM = 0.4  # rarity from which a word is searched for (any below only counts)
# within the passages that answer what the visitor wants, a word none of them holds is
# set aside only when many passages hold it (idf below this: "leg"); a word few hold
# names a narrower case ("pregnant", "sleep") that the passage answering should hold.
# Chosen on the tuning files and the issue-6 sets (2.0-3.0 a plateau)
NEUTRAL_BELOW = 2.5
# the id of the intent whose cues ask for a dose ("dose", "dosis"): such a question is
# answered only by a passage that gives one (a safety-side intent, like kiosk.search.
# safety's medicine intents, never a ranking one)
DOSE_INTENT = "medicine-dose"
SEARCHED_AT_LEAST = 0.25  # ...but the rarest, from this, when none reaches it ("walk")
# the stems of every bundle word seen, per language: an index built again (after each
# visit) does not stem the same words again. Only bundle words go in (see bundle_stem).
_KNOWN_STEMS: dict[str, dict[str, str]] = {}

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Found:
    """One answer: a curated answer or a passage, at the level and language asked."""

    bundle_id: str
    section_id: str | None  # None: the topic's summary
    title: str  # the section's title (the topic's title for the summary)
    text: str  # in the bundle's markup, citations included
    citations: tuple[int, ...]
    curated_id: str | None = None  # a curated answer matched to the question (shown first)
    passage: int | None = None  # its place among its section's passages (None: not one)
    answer_text_of: str | None = None  # a passage hit on a curated answer's own text
    score: float = 0.0  # higher is better; comparable within one question only
    topic: str = ""  # the title of its topic, at the level and language asked


@dataclass(frozen=True, slots=True)
class Results:
    """What the question box shows, in this order: the care cards of the warning signs
    the question mentions (``signs``, most urgent first), the fixed medicine answer
    (``medicine_safety``, for a question about stopping, changing or dosing a medicine),
    then the passages (``found``). See :mod:`kiosk.search.safety`."""

    question: str
    language: str
    level: str
    found: tuple[Found, ...]
    words: tuple[str, ...]  # the words searched for, after synonyms and corrections
    signs: tuple[Sign, ...] = ()  # warning signs the question mentions, most urgent first
    medicine_safety: str | None = None  # the bundle's fixed medicine answer (markup)
    medicine_bundle: str | None = None  # the bundle whose medicine answer that is

    @property
    def answered(self) -> bool:
        """Whether passages (or curated answers) were found."""
        return bool(self.found)

    @property
    def safety_first(self) -> bool:
        """Whether a care card or the medicine answer comes before any passage."""
        return bool(self.signs) or self.medicine_safety is not None


@dataclass(frozen=True, slots=True)
class _Doc:
    """A passage (or the summary, or a curated answer's text); its rowid in the FTS5
    table is its place in ``_Language.docs``."""

    bundle: Bundle
    section: Section | None
    body: LevelText
    title: LevelText
    passage: int | None = None  # its place in its section (None: the summary or an answer)
    curated_id: str | None = None  # a curated answer's own text, searched like a passage


@dataclass(frozen=True, slots=True)
class _Curated:
    bundle: Bundle
    answer: CuratedAnswer
    phrasings: tuple[str, ...]  # as written; once the index is built, as _Language.words
    stems: frozenset[str] = frozenset()  # every word of its phrasings and answer, as stems
    # each phrasing's words that say something (as stems): a question must have them all
    needs: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Query:
    """A question, read: nothing of it outlives the call that made it."""

    folded: str  # its words after spellings, corrections and synonyms (for curated)
    content: tuple[tuple[str, tuple[str, bool] | None], ...]  # word -> its term, if known
    terms: tuple[tuple[str, bool], ...]  # the terms searched: (stem, as a prefix)
    weights: tuple[float, ...]  # each term's weight
    idfs: tuple[float, ...]  # each term's idf in the library
    rarities: tuple[float, ...]  # each term's rarity in the language (0..1)
    whole: float  # the question's whole weight, unknown words included
    unknown: float  # the weight of the weightiest word the library lacks (0: none)
    intents: frozenset[str]  # the keys of the intents its cue phrases show
    dose: bool = False  # it asks for a dose (a cue of a bundle's DOSE_INTENT)
    # what its words say in the language at large: their rarities' sum, unknown words
    # included
    said: float = 0.0


class _Phrases(Generic[V]):
    """Phrases matched on stems (``stem``), the longest at a place winning: "water pill",
    "water pills" and "water pilled" are one phrase."""

    def __init__(self, pairs: Iterable[tuple[str, V]], stem: Callable[[str], str]) -> None:
        self.phrases: dict[tuple[str, ...], V] = {}
        for words, value in pairs:
            key = tuple(stem(word) for word in tokens(fold(words)))
            if key:
                self.phrases.setdefault(key, value)
        self.longest = max(map(len, self.phrases), default=0)
        self.words = {word for phrase in self.phrases for word in phrase}

    def split(
        self, words: Sequence[str], stem: Callable[[str], str]
    ) -> list[tuple[list[str], V | None]]:
        """``words`` as runs: a phrase with its value, or one word with None."""
        if not self.phrases:
            return [([word], None) for word in words]
        stems = [stem(word) for word in words]  # once each
        out: list[tuple[list[str], V | None]] = []
        at = 0
        while at < len(words):
            for size in range(min(self.longest, len(words) - at), 0, -1):
                value = self.phrases.get(tuple(stems[at : at + size]))
                if value is not None:
                    out.append((list(words[at : at + size]), value))
                    at += size
                    break
            else:
                out.append(([words[at]], None))
                at += 1
        return out

    def replace(self, words: Sequence[str], stem: Callable[[str], str]) -> list[str]:
        """Each phrase replaced by its value's words (a value is text)."""
        out: list[str] = []
        for run, value in self.split(words, stem):
            out.extend(tokens(fold(str(value))) if value is not None else run)
        return out


def _identity(word: str) -> str:
    return word


class _Language:
    """The index of one language: its documents, vocabulary, synonyms and cues. Once
    finished it is never changed, so that indexes built again for the same library share
    it (its FTS5 table is copied, see :class:`SearchIndex`)."""

    def __init__(self, db: sqlite3.Connection, language: str, number: int) -> None:
        self.table = f"docs_{number}"  # "es-MX" is no name for a table
        self.language = language
        self.base = base_language(language)  # stems and frequencies: "es" for "es-MX"
        self.stem = stemmer(self.base)
        self.docs: list[_Doc] = []
        self.doc_keys: list[str] = []  # each document's bundle token
        self.rows: list[tuple[str, ...]] = []
        self.doc_terms: list[frozenset[str]] = []  # each document's stems
        self.plain_terms: list[dict[str, frozenset[str]]] = []  # ...at each plain level
        # each bundle's topic title's stems (its token's): what every passage of it is about
        self.topic_terms: dict[str, frozenset[str]] = {}
        self._titles: dict[tuple[int, str], tuple[LevelText, str]] = {}  # while adding
        self._rows: dict[int, list[int]] = {}  # while building: each bundle's documents
        self._folded: dict[str, str] = {}  # while building: texts' words, folded
        self.stems: set[str] = set()
        self.surface: dict[str, str] = {}  # folded word of the passages -> its stem
        self.known = _KNOWN_STEMS.setdefault(self.base, {})
        self.curated: list[_Curated] = []
        self.synonym_pairs: list[tuple[str, str]] = []
        self.spelling_pairs: list[tuple[str, str]] = []
        self.cue_pairs: list[tuple[str, str]] = []  # cue phrase -> intent key
        self.dose_cue_pairs: list[str] = []  # the cues of a question asking for a dose
        self.gives_dose: list[bool] = []  # whether each document gives a dose
        self.intent_answers: dict[str, list[tuple[Bundle, str]]] = {}  # key -> answers
        self.lowered_intents: set[str] = set()  # keys of the intents lower_unless_asked
        self.synonyms: _Phrases[str] = _Phrases((), self.stem)
        self.spellings: _Phrases[str] = _Phrases((), _identity)
        self.cues: _Phrases[frozenset[str]] = _Phrases((), self.stem)
        self.dose_cues: _Phrases[bool] = _Phrases((), self.stem)
        self.intent_docs: dict[str, dict[int, int]] = {}
        db.execute(
            f"CREATE VIRTUAL TABLE {self.table} USING fts5("
            f"bundle, title, {', '.join(LEVELS.codes)}, tokenize='unicode61', detail='column')"
        )

    def stems_of(self, text: str) -> str:
        """The bundle ``text``'s stems (each word stemmed once, then looked up)."""
        words = markup_words(text)
        surface = self.surface
        for word in set(words).difference(surface):  # words not seen before
            stem = surface[word] = self.bundle_stem(word)
            self.stems.add(stem)
        return " ".join(map(surface.__getitem__, words))

    def stem_of(self, word: str) -> str:
        """A question's word as a stem: the bundles' words from the table of known stems,
        any other stemmed and forgotten (a question is never kept)."""
        return self.known.get(word) or self.stem(word)

    def bundle_stem(self, word: str) -> str:
        """A word of a bundle (passages, synonyms, curated questions) as a stem,
        remembered for every index of the language (bundle words, never a visitor's)."""
        stem = self.known.get(word)
        if stem is None:
            stem = self.known[word] = self.stem(word)
        return stem

    def add(self, doc: _Doc, bundle_key: str) -> None:
        """Index ``doc`` of the bundle whose token in the table is ``bundle_key``."""
        bundle, language = doc.bundle, self.language
        titles = " ".join(bundle.text(t, language) for t in doc.title.values())
        row = (
            bundle_key,
            self.stems_of(titles),
            *(
                self.stems_of(bundle.level_text(doc.body, level, language))
                for level in LEVELS.codes
            ),
        )
        self._rows.setdefault(id(bundle), []).append(len(self.docs))
        if bundle_key not in self.topic_terms:
            topic = " ".join(bundle.text(t, language) for t in bundle.topic.title.values())
            self.topic_terms[bundle_key] = frozenset(self.stems_of(topic).split())
        self.gives_dose.append(
            any(has_dose(bundle.level_text(doc.body, level, language)) for level in doc.body)
        )
        self.docs.append(doc)
        self.doc_keys.append(bundle_key)
        self.rows.append(row)
        self.doc_terms.append(frozenset(" ".join(row[1:]).split()))
        # a plain level's own words (its title and text): a word only the technical
        # text holds ("dehydration" in "How a cramp starts") is not seen by its reader
        self.plain_terms.append(
            {
                level: frozenset(f"{self._title_stems(doc.title, level, bundle)} {body}".split())
                for level, body in zip(LEVELS.codes, row[2:], strict=True)
                if LEVELS[level].readability_limits
            }
        )

    def _title_stems(self, title: LevelText, level: str, bundle: Bundle) -> str:
        """A title's stems at one level (a section's title is every passage's)."""
        key = (id(title), level)
        cached = self._titles.get(key)
        if cached is None or cached[0] is not title:
            cached = self._titles[key] = (
                title,
                self.stems_of(bundle.level_text(title, level, self.language)),
            )
        return cached[1]

    def finish(self, db: sqlite3.Connection, check: Callable[[], None]) -> None:
        # ``check`` between steps and slices: a build no longer wanted stops (see prepare).
        # In slices (as the counts below): one call into C holds Python's lock, and the
        # build may run in a background thread beside the screen (kiosk.search.prepare):
        # a 500-topic library's rows in one call stopped the screen for a quarter second.
        insert = (
            f"INSERT INTO {self.table}(rowid, bundle, title, {', '.join(LEVELS.codes)}) "
            f"VALUES (?, ?, ?, {', '.join('?' for _ in LEVELS.codes)})"
        )
        for start in _checked(range(0, len(self.rows), _SLICE), check):
            rows = self.rows[start : start + _SLICE]
            db.executemany(insert, [(i, *row) for i, row in enumerate(rows, start)])
        self.rows = []
        self._titles = {}
        self.sorted_stems = sorted(self.stems)
        # how many documents hold each stem (counted by Counter, in C)
        df: Counter[str] = Counter()
        for start in _checked(range(0, len(self.doc_terms), _SLICE), check):
            df.update(chain.from_iterable(self.doc_terms[start : start + _SLICE]))
        self.df: dict[str, int] = df
        # the same per bundle: a question asked within one topic weighs its words there
        by_bundle: dict[str, list[frozenset[str]]] = {}
        for terms, key in zip(self.doc_terms, self.doc_keys, strict=True):
            by_bundle.setdefault(key, []).append(terms)
        self.bundle_df: dict[str, dict[str, int]] = {
            key: Counter(chain.from_iterable(docs))
            for key, docs in _checked(by_bundle.items(), check)
        }
        self.bundle_docs: dict[str, int] = {key: len(docs) for key, docs in by_bundle.items()}
        check()
        self.synonyms = _Phrases(_checked(self.synonym_pairs, check), self.bundle_stem)
        self.spellings = _Phrases(_checked(self.spelling_pairs, check), _identity)
        # a cue is read as a question is: after the synonyms ("volver a entrenar" is
        # "volver a ejercicio" by then), as typed too
        grouped: dict[str, set[str]] = {}
        for cue, key in _checked(self.cue_pairs, check):
            grouped.setdefault(cue, set()).add(key)
            read = " ".join(self.synonyms.replace(tokens(fold(cue)), self.bundle_stem))
            grouped.setdefault(read, set()).add(key)
        self.cues = _Phrases(((c, frozenset(k)) for c, k in grouped.items()), self.bundle_stem)
        self.dose_cues = _Phrases(
            (
                (phrase, True)
                for cue in self.dose_cue_pairs
                for phrase in (
                    cue,
                    " ".join(self.synonyms.replace(tokens(fold(cue)), self.bundle_stem)),
                )
            ),
            self.bundle_stem,
        )
        check()
        self.intent_docs = {
            key: self._answering(answers)
            for key, answers in _checked(self.intent_answers.items(), check)
        }
        # the passages an intent lower_unless_asked names: lower unless the question
        # asks for them (that intent, or another naming them)
        self.lowered: frozenset[int] = frozenset(
            rowid for key in self.lowered_intents for rowid in self.intent_docs.get(key, ())
        )
        self._rows, self._folded = {}, {}
        # the stems of each intent's passages (what a question's words are looked up in)
        self.intent_terms: dict[str, frozenset[str]] = {
            key: frozenset().union(*(self.doc_terms[rowid] for rowid in rows))
            for key, rows in _checked(self.intent_docs.items(), check)
            if rows
        }
        check()
        self.general = general_frequencies(self.base)
        # the words a question may use as they are: the library's, and those of its
        # synonyms, spellings and cues (all folded)
        phrase_words = {
            word
            for pairs in (self.synonym_pairs, self.spelling_pairs, self.cue_pairs)
            for phrase, _ in _checked(pairs, check)
            for word in tokens(fold(phrase))
        }
        check()
        self.vocabulary = set(self.surface) | phrase_words
        self.sorted_words = sorted(self.vocabulary)  # a word being typed begins one
        general = self.general
        # what a typo may be corrected to: the library's words, never a text-speak
        # spelling ("pils" is "pills", not "pls")
        spelled = {word for phrase, _ in self.spelling_pairs for word in tokens(fold(phrase))}
        self.by_initial = _by_initial_and_length(
            (w for w in self.vocabulary - spelled if len(w) >= 3 and not w.isdigit()),
            lambda w: general.get(w, 0.0),
        )
        self.general_by_initial = _general_by_initial(self.base)
        check()
        # how much likelier a word that says something is in this library than in
        # general use: its share of the library's documents (the topic's own word,
        # "cramps", is in most; "the" says nothing and has none)
        documents = len(self.docs) or 1
        self.prior: dict[str, float] = {}
        for word in self.vocabulary:
            share = self.df.get(self.surface.get(word) or self.bundle_stem(word), 0) / documents
            if share >= PRIOR_FROM and self.rarity(word) >= SEARCHED_FROM:
                self.prior[word] = LIBRARY_PRIOR * share
        check()
        self.curated = [self._ready(curated) for curated in _checked(self.curated, check)]
        self.curated_of: dict[str, list[_Curated]] = {}  # each bundle's, in order
        for curated in self.curated:
            self.curated_of.setdefault(curated.bundle.id, []).append(curated)

    def _answering(self, answers: Sequence[tuple[Bundle, str]]) -> dict[int, int]:
        """The documents an intent's answers name ("section" or "section#words"), each
        with the place of the first answer naming it."""
        out: dict[int, int] = {}
        # only the answers' bundles' documents (a library's intents are its topics')
        rows = sorted({row for bundle, _ in answers for row in self._rows.get(id(bundle), ())})
        folded = self._folded  # each text's plain words folded, once per build

        def says(text: str, words: str) -> bool:
            plain = folded.get(text)
            if plain is None:
                plain = folded[text] = fold(plain_text(text))
            return words in plain

        wanted = [(bundle, *answer.partition("#")[::2]) for bundle, answer in answers]
        for rowid in rows:
            doc = self.docs[rowid]
            for order, (bundle, section, words) in enumerate(wanted):
                if doc.bundle is not bundle:
                    continue
                if (doc.section.id if doc.section is not None else "summary") != section:
                    continue
                if words and not any(
                    says(bundle.level_text(doc.body, level, lang), fold(words))
                    for level in doc.body
                    for lang in bundle.languages
                ):
                    continue
                out.setdefault(rowid, order)
        return out

    def _ready(self, curated: _Curated) -> _Curated:
        """A curated answer's phrasings as questions are read, and all of its stems."""
        phrasings = tuple(
            " ".join(self.synonyms.replace(tokens(fold(p)), self.bundle_stem))
            for p in curated.phrasings
        )
        bundle, answer = curated.bundle, curated.answer
        texts = [
            *phrasings,
            *(bundle.level_text(answer.answer, level, self.language) for level in answer.answer),
        ]
        stems = frozenset(self.bundle_stem(word) for text in texts for word in markup_words(text))
        needs = tuple(
            frozenset(self.bundle_stem(w) for w in p.split() if self.rarity(w) >= SEARCHED_FROM)
            for p in phrasings
        )
        return _Curated(bundle, answer, phrasings, stems, needs)

    def _wants(self, words: Sequence[str]) -> frozenset[str]:
        """The ids of the intents whose cues ``words`` hold (any bundle's)."""
        return frozenset(
            key.partition(":")[2]
            for _, keys in self.cues.split(words, self.stem_of)
            for key in keys or ()
        )

    # -- reading a question (nothing of it is kept) -----------------------------------
    def rarity(self, word: str) -> float:
        """How much ``word`` says in the language at large: 0 for the commonest words,
        1 for rare ones (and for words the general list lacks)."""
        zipf = self.general.get(word, 0.0) if self.general else 0.0
        common = COMMON.get(self.base, COMMON_RARE_OTHER[0])
        rare = RARE.get(self.base, COMMON_RARE_OTHER[1])
        return min(1.0, max(0.0, (common - zipf) / (common - rare)))

    def correct(self, word: str) -> str:
        """``word``, or the word it is a typo of. A real word is changed only into a
        library word one typo away that is far likelier here: commoner in general use
        once the library's own weight is added (its topic's word: "craps" is "cramps",
        "heart" stays "heart", never "heat")."""
        if word in self.vocabulary or len(word) < CORRECT_FROM or word.isdigit():
            return word
        stem = self.stem_of(word)
        if stem in self.stems:
            return word  # another form of a library word ("sude", "sudé": "sudar")
        zipf = self.general.get(word, 0.0)
        if zipf >= REAL_WORD:
            return self._likelier(word, zipf) or word
        at = bisect.bisect_left(self.sorted_words, word)
        if at < len(self.sorted_words) and self.sorted_words[at].startswith(word):
            # a word being typed ("magnes"): searched as a prefix. Its own letters begin a
            # library word; its stem beginning one's is not enough ("calambes" is
            # "calambres" mistyped, not being typed: its stem "calamb" begins "calambr")
            return word
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        zipf = self.general.get(word, 0.0)
        allowed = 1 if zipf > 0 else 2 if len(word) >= TWO_TYPOS_FROM else 1
        general = self.general
        # a typo rarely changes the first letter: words that start alike, and whose
        # length is near enough, are compared
        for candidates in (self.by_initial, self.general_by_initial):
            for distance in range(allowed + 1):
                for size in range(len(word) - distance, len(word) + distance + 1):
                    near = candidates.get((word[0], size), ())
                    if zipf > 0:
                        prior = self.prior if candidates is self.by_initial else {}
                        near = [
                            w
                            for w in near
                            if general.get(w, 0.0) + prior.get(w, 0.0) >= zipf + REAL_MARGIN
                        ]
                    best = process.extractOne(
                        word, near, scorer=OSA.distance, score_cutoff=distance
                    )
                    if best is not None:
                        return str(best[0])
        return word

    def _likelier(self, word: str, zipf: float) -> str | None:
        """The library word one typo away from the real word ``word`` that is far
        likelier here (see :meth:`correct`), if any."""
        if not LIBRARY_PRIOR:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        general, prior = self.general, self.prior
        near = [
            w
            for size in (len(word) - 1, len(word), len(word) + 1)
            for w in self.by_initial.get((word[0], size), ())
            if w in prior and general.get(w, 0.0) + prior[w] >= zipf + REAL_MARGIN
        ]
        best = process.extractOne(word, near, scorer=OSA.distance, score_cutoff=1)
        return None if best is None else str(best[0])

    def _prefix(self, stem: str) -> str | None:
        if len(stem) < 4:
            return None
        at = bisect.bisect_left(self.sorted_stems, stem)
        if at < len(self.sorted_stems) and self.sorted_stems[at].startswith(stem):
            return stem
        return None

    def resolve(self, word: str) -> tuple[str, bool] | None:
        """The stem to search for ``word`` and whether as a prefix; None if unknown."""
        stem = self.stem_of(word)
        if stem in self.stems:
            return stem, False
        if self.general.get(word, 0.0) < REAL_WORD and self._prefix(stem) is not None:
            return stem, True  # a word being typed ("magnes"), not a real word ("give")
        if len(stem) >= DERIVED_FROM and self._prefix(stem) is not None:
            return stem, True  # a real word's other form ("inhibition": "inhibitory")
        return None

    def read(self, question: str, scope: str | None = None) -> _Query:
        """``question`` as words, terms, weights and intents, its words weighed within
        the bundle whose token is ``scope`` (None: the whole library)."""
        words = self.spellings.replace(tokens(fold(question)), _identity)
        words = [self.correct(word) for word in words]
        words = self.synonyms.replace(words, self.stem_of)
        folded = " ".join(words)
        intents: set[str] = set()
        content: list[str] = []
        dose = False
        if self.dose_cues.phrases:
            kept: list[str] = []
            for run, asks in self.dose_cues.split(words, self.stem_of):
                if asks is None:
                    kept.extend(run)
                else:
                    dose = True
            words = kept
        for run, keys in self.cues.split(words, self.stem_of):
            if keys is None:
                content.extend(run)
            else:
                intents |= keys
        resolved = [(word, self.resolve(word)) for word in content if self.rarity(word) > 0]
        weights: dict[tuple[str, bool], float] = {}
        rarities: dict[tuple[str, bool], float] = {}
        whole, unknown, said = 0.0, 0.0, 0.0
        rarest = self.idf(None, scope) * UNKNOWN_SCALE
        for word, term in resolved:
            rarity = self.rarity(word)
            if term is None:
                said += rarity
                whole += rarity * rarest
                unknown = max(unknown, rarity * rarest)
            else:
                weight = rarity * max(self.idf(term, scope), TOPIC_FLOOR)
                if weight > weights.get(term, 0.0):
                    whole += weight - weights.get(term, 0.0)
                    said += rarity - rarities.get(term, 0.0)
                    weights[term] = weight
                    rarities[term] = rarity
        return _Query(
            folded,
            tuple(resolved),
            tuple(weights),
            tuple(weights.values()),
            tuple(self.idf(term, scope) for term in weights),
            tuple(rarities[term] for term in weights),
            whole,
            unknown,
            frozenset(intents),
            dose,
            said,
        )

    def idf(self, term: tuple[str, bool] | None, scope: str | None = None) -> float:
        """How much a word tells apart (BM25's idf) in the library or in the bundle
        ``scope``; an unknown word tells the most."""
        count = self.bundle_docs.get(scope, 0) if scope is not None else len(self.docs)
        found = 0 if term is None else self.frequency(term, scope)
        return math.log((count - found + 0.5) / (found + 0.5) + 1)

    def frequency(self, term: tuple[str, bool], scope: str | None = None) -> int:
        """How many documents (of the bundle ``scope``) hold the term (an upper bound
        for a prefix)."""
        df = self.bundle_df.get(scope, {}) if scope is not None else self.df
        count = self.bundle_docs.get(scope, 0) if scope is not None else len(self.docs)
        stem, prefix = term
        if not prefix:
            return df.get(stem, 0)
        found, at = 0, bisect.bisect_left(self.sorted_stems, stem)
        while at < len(self.sorted_stems) and self.sorted_stems[at].startswith(stem):
            found += df.get(self.sorted_stems[at], 0)
            at += 1
        return min(found, count)


Buckets = dict[tuple[str, int], list[str]]
_GENERAL_BY_INITIAL: dict[str, Buckets] = {}


def _by_initial_and_length(words: Iterable[str], zipf: Callable[[str], float]) -> Buckets:
    """``words`` by first letter and length, the commonest first in each (of two words as
    near to a typo, the more common is the likelier)."""
    grouped: Buckets = {}
    for word in sorted(words, key=lambda w: (-zipf(w), w)):
        grouped.setdefault((word[0], len(word)), []).append(word)
    return grouped


def _general_by_initial(language: str) -> Buckets:
    """The language's common words (general data, no visitor's), by first letter."""
    if language not in _GENERAL_BY_INITIAL:
        general = general_frequencies(language)
        _GENERAL_BY_INITIAL[language] = _by_initial_and_length(
            (
                w
                for w, z in general.items()
                if z >= GENERAL_CANDIDATE and len(w) >= 3 and w.isalpha()
            ),
            general.__getitem__,
        )
    return _GENERAL_BY_INITIAL[language]


@dataclass(frozen=True, slots=True)
class _Built:
    """A library's index as built once: the FTS5 tables (never queried: each index
    queries a copy of its own) and the languages' data."""

    bundles: tuple[Bundle, ...]
    db: sqlite3.Connection
    languages: dict[str, _Language]
    keys: dict[str, str]
    default_language: str
    # the safety readers of its bundles, made when a bundle is first asked about
    readers: Readers = dataclasses.field(default_factory=Readers)


_SLICE = 1000  # rows per call into C while building (see _Language.finish)
_LAST_BUILT: list[_Built] = []  # the last library built (bundle data only)
_BUILDING = threading.Lock()  # one build at a time: a question waits for a prepare()
_ASKED = threading.Lock()  # guards the two below
_asked: tuple[Bundle, ...] = ()  # the library last asked for (by a prepare or a question)
_generation = 0  # how many times that changed: a prepare's build stops when it does


class _Cancelled(Exception):
    """A prepare's build given up: another library was asked for meanwhile."""


def prepare(bundles: Iterable[Bundle]) -> bool:
    """Build the index of ``bundles`` now, so that the first question does not wait;
    whether it was built (False: another library was asked for meanwhile).

    The first build in a process is the slow one (a few tenths of a second for one
    topic, seconds for hundreds); every :class:`SearchIndex` after it starts from a copy.
    The app calls this from a background thread after start-up; a question asked
    meanwhile waits for that build instead of making a second one. Only the bundles'
    own words go in.

    A question or a prepare for another library (new content) stops this build between
    two topics or two of its steps, instead of waiting for all of it (seconds at
    hundreds of topics): nothing of it is kept, and the lock is free at once.
    """
    bundles = tuple(bundles)
    generation = _ask_for(bundles)

    def check() -> None:
        if _generation != generation:
            raise _Cancelled

    try:
        _built_for(bundles, check)
    except _Cancelled:
        return False
    return True


def want(bundles: Iterable[Bundle]) -> None:
    """``bundles`` is the library shown now (new content, or none): a prepare's build of
    another stops at once, instead of running on until the new content's first question
    or its own prepare (the app's comes 1.5 s later), with the collector paused."""
    _ask_for(tuple(bundles))


def _ask_for(bundles: tuple[Bundle, ...]) -> int:
    """Note that ``bundles`` is the library wanted now: a prepare's build of another
    stops. Returns the generation of that wish."""
    global _asked, _generation
    with _ASKED:
        if not _same(_asked, bundles):
            _asked, _generation = bundles, _generation + 1
        return _generation


def _never() -> None:
    """A question's build is wanted to the end (its caller waits for it)."""


def _built_for(bundles: tuple[Bundle, ...], check: Callable[[], None] = _never) -> _Built:
    """The last library built, if it is ``bundles``; else ``bundles`` built now (given
    up when ``check`` raises :class:`_Cancelled`)."""
    with _BUILDING:
        built = next((b for b in _LAST_BUILT if _same(b.bundles, bundles)), None)
        if built is None:
            built = _build(bundles, check)
            _LAST_BUILT[:] = [built]
        return built


def _checked(items: Iterable[V], check: Callable[[], None]) -> Iterator[V]:
    """``items``, with ``check`` before each."""
    for item in items:
        check()
        yield item


class SearchIndex:
    """The passages and curated answers of one or more bundles, ready for questions.

    Building it for the shipped bundle takes a few milliseconds; the app builds it when
    the first question is asked, and again after each visit (then from a copy of the
    last library built for the same bundles, which no question has touched).
    """

    def __init__(self, bundles: Iterable[Bundle]) -> None:
        bundles = tuple(bundles)
        _ask_for(bundles)  # a prepare's build of other content stops (see prepare)
        built = _built_for(bundles)
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        built.db.backup(self._db)
        self._languages = built.languages
        self._keys = built.keys
        self._bundles = {bundle.id: bundle for bundle in bundles}
        self.default_language = built.default_language
        self._readers = built.readers

    @classmethod
    def for_bundle(cls, bundle: Bundle) -> SearchIndex:
        return cls([bundle])

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._languages)

    def ask(
        self,
        question: str,
        level: str = DEFAULT_LEVEL,
        language: str | None = None,
        limit: int = 3,
        *,
        bundle_id: str | None = None,
    ) -> Results:
        """The best answers to ``question`` (at most ``limit``), curated first; from the
        bundle ``bundle_id`` only, or from every bundle of the index."""
        language = language or self.default_language
        index = self._languages.get(language)
        key = self._keys.get(bundle_id) if bundle_id is not None else None
        if index is None or (bundle_id is not None and key is None):
            return Results(question, language, level, (), ())
        query = index.read(question, key)
        found = self._rank(index, query, level, limit, bundle_id, key)
        scope = [self._bundles[bundle_id]] if bundle_id is not None else self._bundles.values()
        return self._safety(Results(question, language, level, tuple(found), _words(query)), scope)

    def ask_library(
        self,
        question: str,
        level: str = DEFAULT_LEVEL,
        language: str | None = None,
        limit: int = 3,
        *,
        open_topic: str,
        others: int = 3,
    ) -> Results:
        """The answers of the open topic ``open_topic`` first (at most ``limit``), then
        those of other topics (at most ``others``, best first); each answer names its
        topic (:attr:`Found.topic`, :attr:`Found.bundle_id`)."""
        language = language or self.default_language
        index = self._languages.get(language)
        if index is None:
            return Results(question, language, level, (), ())
        key = self._keys.get(open_topic)
        query = index.read(question, key)  # its words weighed as in the open topic
        found = self._rank(index, query, level, limit, open_topic, key) if key else []
        if others > 0:
            library = index.read(question)  # and as in the whole library
            found += self._rank(index, library, level, others, None, None, not_key=key)
        results = Results(question, language, level, tuple(found), _words(query))
        return self._safety(results, [b for b in (self._bundles.get(open_topic),) if b])

    def _safety(self, results: Results, bundles: Iterable[Bundle]) -> Results:
        """``results`` with the warning signs the question mentions and, for a question
        about changing a medicine, the fixed medicine answer (and no passage that gives a
        dose). Every surface that answers a question goes through here."""
        question, level, language = results.question, results.level, results.language
        signs: dict[str, Sign] = {}
        medicine: tuple[str, str] | None = None
        for bundle in bundles:
            if language not in bundle.languages:
                continue
            mentioned, changes = check(
                question, bundle, language, self._readers, medicine=medicine is None
            )
            for sign in mentioned:
                signs.setdefault(sign.id, sign)
            if changes:
                text = medicine_safety(bundle, level, language)
                if text is not None:
                    medicine = (text, bundle.id)
        if not signs and medicine is None:
            return results
        found = results.found
        if medicine is not None:
            found = tuple(f for f in found if not has_dose(f.text))
        ordered = tuple(sorted(signs.values(), key=lambda sign: sign.tier.rank))
        return dataclasses.replace(
            results,
            found=found,
            signs=ordered,
            medicine_safety=medicine[0] if medicine else None,
            medicine_bundle=medicine[1] if medicine else None,
        )

    # -- the steps -------------------------------------------------------------------
    def _rank(
        self,
        index: _Language,
        query: _Query,
        level: str,
        limit: int,
        bundle_id: str | None,
        key: str | None,
        not_key: str | None = None,
    ) -> list[Found]:
        found: list[Found] = []
        seen: set[tuple[str, str | None]] = set()
        curated = None if not_key else self._curated(index, query, level, bundle_id)
        if curated is not None and query.dose:
            answer = next(  # a curated answer asked for a dose must give one too
                a for a in index.curated if a.answer.id == curated.curated_id
            ).answer
            if not any(
                has_dose(bundle.level_text(answer.answer, lv, index.language))
                for bundle in (self._bundles[curated.bundle_id],)
                for lv in answer.answer
            ):
                curated = None
        if curated is not None:
            found.append(curated)
            seen.add((curated.bundle_id, curated.section_id))
        scored: list[tuple[float, int]] = []
        intent_docs: dict[int, int] = {}
        answering: dict[int, int] = {}  # how many of the question's intents each answers
        # another topic's intent: not this search's passages
        intents = [i for i in query.intents if _intent_in_scope(i, key, not_key)]
        for intent in intents:
            for rowid, order in index.intent_docs.get(intent, {}).items():
                intent_docs[rowid] = min(order, intent_docs.get(rowid, order))
                answering[rowid] = answering.get(rowid, 0) + 1
        # within the passages that answer what the visitor wants, a library word none
        # of them uses cannot tell them apart ("leg" in "what helps leg cramps")
        neutral = 0.0
        if intent_docs:
            used = [
                index.intent_terms[intent] for intent in intents if intent in index.intent_terms
            ]
            neutral = sum(
                w
                for t, w, idf in zip(query.terms, query.weights, query.idfs, strict=True)
                if idf < NEUTRAL_BELOW and not any(_has(terms, t) for terms in used)
            )
        # a word that says little ("get", "have") is counted, but not searched for: it
        # is in most passages and would cost the most
        searched = [
            t for t, r in zip(query.terms, query.rarities, strict=True) if r >= SEARCHED_FROM
        ]
        if not searched and not intent_docs and query.rarities:
            # no word rare enough ("should i walk it off"): the rarest is searched, or
            # the question could never be answered whatever the library says
            rarest = max(query.rarities)
            if rarest >= SEARCHED_AT_LEAST:
                searched = [
                    t for t, r in zip(query.terms, query.rarities, strict=True) if r == rarest
                ]
        if intent_docs and (query.whole < INTENT_ONLY or not (searched or query.unknown)):
            # nothing but what the visitor wants ("what do i do", "es grave", "should i
            # go to the emergency room"): the
            # passages that answer it (those answering more of it first), in the order
            # of the intent's answers, then of the topic
            if not_key is not None:
                # other topics: each answers it alike, none stands out (they were the
                # first topics' in the library's order, and ranking them all cost the
                # most, as for a question naming nothing a few of them have)
                return found
            size = len(index.docs)
            scored = [
                (answering[rowid] - (order * size + rowid) / size**2, rowid)
                for rowid, order in intent_docs.items()
                if self._in_scope(index, rowid, key, not_key)
                and (index.gives_dose[rowid] or not query.dose)
            ]
        elif query.terms and query.whole > 0:
            candidates = self._passages(index, searched, level, key, not_key) if searched else []
            best = min((score for _, score in candidates), default=0.0) or -1.0
            only_topic = max(query.idfs) < GENERAL and not query.unknown
            if max(query.idfs) < GENERAL and query.unknown and not intent_docs:
                # every passage holds what it shares with the library (the topic's own
                # word) and none holds what it says besides ("period cramps"): no
                # passage answers it more than another
                candidates = []
            if query.dose:
                # a question asking for a dose: only a passage that gives one says what
                # is asked ("dosis de potasio": none gives a potassium dose)
                candidates = [(r, b) for r, b in candidates if index.gives_dose[r]]
            for rowid, bm25 in candidates:
                doc_terms = index.doc_terms[rowid]
                own = index.plain_terms[rowid].get(level, doc_terms)
                held = [
                    w if _has(own, t) else w * PLAIN_OTHER_SHARE
                    for t, w in zip(query.terms, query.weights, strict=True)
                    if _has(doc_terms, t)
                ]
                if not held or max(held) < query.unknown * UNKNOWN_MARGIN:
                    continue  # a word it lacks says more than any it holds
                wanted = rowid in intent_docs
                share = sum(held) / (query.whole - (neutral if wanted else 0.0))
                if share < ENOUGH and not (wanted and not query.unknown):
                    continue
                # and of what the question says in plain words (a passage of a topic
                # is about its topic, whether or not it names it)
                topic = index.topic_terms[index.doc_keys[rowid]]
                says = sum(
                    r if _has(own, t) or _has(topic, t) else r * PLAIN_OTHER_SHARE
                    for t, r in zip(query.terms, query.rarities, strict=True)
                    if _has(doc_terms, t) or _has(topic, t)
                )
                if says < query.said * SAYS_ENOUGH:
                    continue
                score = share + BM25_SHARE * bm25 / best
                if wanted:
                    # the intent's answers in the editor's order ("management#stretch
                    # it" before the rest of the section)
                    # a passage that answers more of what the visitor wants ("why" and
                    # "nothing works") above one that answers less
                    score += (
                        INTENT_BOOST * answering[rowid] - INTENT_ORDER_STEP * intent_docs[rowid]
                    )
                elif only_topic and not intent_docs and index.docs[rowid].section is None:
                    # the question names nothing but the topic ("what is a cramp"): the
                    # topic's own one-paragraph answer comes first
                    score += INTENT_BOOST
                if not wanted and rowid in index.lowered:
                    # it answers only a kind of question this one does not ask
                    # (prevention advice for "is it true cramps come from not drinking
                    # enough"): below the passages that say as much of the rest
                    score -= UNASKED
                scored.append((score, rowid))
        scored.sort(key=lambda pair: -pair[0])
        for score, rowid in scored:
            doc = index.docs[rowid]
            place = (doc.bundle.id, doc.section.id if doc.section else None)
            if place in seen:
                continue
            seen.add(place)
            found.append(self._found(doc, level, index.language, score))
            if len(found) >= limit:
                break
        return found[:limit]

    def _in_scope(self, index: _Language, rowid: int, key: str | None, not_key: str | None) -> bool:
        bundle_key = self._keys[index.docs[rowid].bundle.id]
        return (key is None or bundle_key == key) and bundle_key != not_key

    def _passages(
        self,
        index: _Language,
        terms: Sequence[tuple[str, bool]],
        level: str,
        key: str | None,
        not_key: str | None = None,
    ) -> list[tuple[int, float]]:
        """(rowid, BM25 score) of the best passages holding any of ``terms``: in the
        bundle whose token is ``key``, or in the library (but the bundle ``not_key``)."""
        join, columns = " OR ", " ".join(("title", *LEVELS.codes))
        if key is None:
            # a whole library: a word in thousands of passages ("cramp") adds little to
            # the ranking but most of its cost; search by the rarer words when there are
            rare = [t for t in terms if index.frequency(t) <= COMMON_IN_LIBRARY]
            if not rare:
                if not_key is not None:
                    # other topics for a question that names nothing a few of them
                    # have ("cramps" in a library where hundreds of passages say it):
                    # none stands out, and ranking them all is the costliest search
                    return []
                # the whole library: passages holding all of them, in sections whose
                # titles say so (the topics about it), far fewer to rank
                join, columns = " AND ", "title"
            terms = rare or terms
        words = join.join(f'"{stem}"*' if prefix else f'"{stem}"' for stem, prefix in terms)
        query = f"{{{columns}}} : ({words})"
        if key is not None:
            query = f'bundle : "{key}" AND {query}'
        elif not_key is not None:
            query = f'{query} NOT bundle : "{not_key}"'
        weights = [
            OWN_LEVEL_WEIGHT if code == level else OTHER_LEVEL_WEIGHT for code in LEVELS.codes
        ]
        rows = self._db.execute(
            f"SELECT rowid, bm25({index.table}, 0, ?, {', '.join('?' for _ in weights)}) AS score "
            f"FROM {index.table} WHERE {index.table} MATCH ? ORDER BY score LIMIT {_CANDIDATES}",
            (TITLE_WEIGHT, *weights, query),
        ).fetchall()
        return [(rowid, score) for rowid, score in rows]

    @staticmethod
    def _curated(
        index: _Language, query: _Query, level: str, bundle_id: str | None
    ) -> Found | None:
        """The curated answer whose question this reads like: a close phrasing (rapidfuzz),
        and not one word of the question that the answer and its phrasings lack ("kidney
        disease" is not "liver disease", however alike the sentences), nor one word of the
        phrasing that says something and the question lacks ("why do i get cramps at
        night" does not answer "why do i get leg cramps")."""
        if not index.curated or not query.folded:
            return None
        from rapidfuzz import fuzz

        # each word that says something, as a stem
        # (a word the library lacks that says too little to be searched for, "exactly",
        # does not stand in the way)
        asked = {
            term[0] if term is not None and not term[1] else index.stem_of(word)
            for word, term in query.content
            if term is not None or index.rarity(word) >= SEARCHED_FROM
        }
        read = " ".join(
            word
            for word in query.folded.split()
            if index.resolve(word) is not None or index.rarity(word) >= SEARCHED_FROM
        )
        said = {index.stem_of(word) for word in read.split()}
        wants = frozenset(key.partition(":")[2] for key in query.intents)
        best: tuple[float, _Curated] | None = None
        mine = index.curated if bundle_id is None else index.curated_of.get(bundle_id, ())
        for curated in mine:
            if not asked <= curated.stems:
                continue
            for phrasing, needs in zip(curated.phrasings, curated.needs, strict=True):
                if not needs <= said:
                    continue  # "why do i get cramps at night" is not "why do i get leg cramps"
                score = max(fuzz.ratio(read, phrasing), fuzz.token_sort_ratio(read, phrasing))
                if score < CURATED_MATCH or (best is not None and score <= best[0]):
                    continue
                # a phrasing of another kind of question is not this question ("para que
                # no me den calambres" is not "por qué me dan calambres"): the kinds it
                # asks (its cues' intent ids) must include the question's
                if wants and wants - index._wants(phrasing.split()):
                    continue
                best = (score, curated)
        if best is None:
            return None
        score, match = best
        return SearchIndex._answer(
            match.bundle, match.answer, level, index.language, 1000.0 + score
        )

    @staticmethod
    def _answer(
        bundle: Bundle, answer: CuratedAnswer, level: str, language: str, score: float
    ) -> Found:
        section = bundle.section(answer.section) if answer.section else None
        title = section.title if section is not None else bundle.topic.title
        text = bundle.level_text(answer.answer, level, language)
        return Found(
            bundle.id,
            answer.section,
            bundle.level_text(title, level, language),
            text,
            _numbers(text),
            curated_id=answer.id,
            score=score,
            topic=bundle.level_text(bundle.topic.title, level, language),
        )

    def again(self, results: Results, level: str, language: str) -> Results:
        """The same answers at another level or in another language (a switch on the
        question box keeps what was found, rather than asking again in other words)."""
        found = []
        for item in results.found:
            bundle = self._bundles.get(item.bundle_id)
            if bundle is None or language not in bundle.languages:
                continue
            answer_id = item.curated_id or item.answer_text_of
            ask = bundle.document.ask
            answer = (
                next((a for a in ask.answers if a.id == answer_id), None)
                if ask and answer_id
                else None
            )
            if answer is not None:
                again = self._answer(bundle, answer, level, language, item.score)
                if item.curated_id is None:  # found as a passage: not badged as matched
                    again = dataclasses.replace(again, curated_id=None, answer_text_of=answer.id)
                found.append(again)
                continue
            section = bundle.section(item.section_id) if item.section_id else None
            if section is not None and item.passage is not None:
                body, title = section.passages[item.passage], section.title
            else:
                body, title = bundle.topic.summary, bundle.topic.title
            doc = _Doc(bundle, section, body, title, passage=item.passage)
            found.append(self._found(doc, level, language, item.score))
        medicine = None
        if results.medicine_bundle is not None:
            bundle = self._bundles.get(results.medicine_bundle)
            if bundle is not None and language in bundle.languages:
                medicine = medicine_safety(bundle, level, language)
            found = [f for f in found if not has_dose(f.text)]
        return Results(
            results.question,
            language,
            level,
            tuple(found),
            results.words,
            results.signs,
            medicine,
            results.medicine_bundle if medicine else None,
        )

    @staticmethod
    def _found(doc: _Doc, level: str, language: str, score: float) -> Found:
        bundle = doc.bundle
        text = bundle.level_text(doc.body, level, language)
        return Found(
            bundle.id,
            doc.section.id if doc.section is not None else None,
            bundle.level_text(doc.title, level, language),
            text,
            _numbers(text),
            passage=doc.passage,
            answer_text_of=doc.curated_id,
            score=score,
            topic=bundle.level_text(bundle.topic.title, level, language),
        )


def _same(built: tuple[Bundle, ...], bundles: tuple[Bundle, ...]) -> bool:
    return len(built) == len(bundles) and all(
        a is b or a.document is b.document for a, b in zip(built, bundles, strict=True)
    )


def _build(bundles: tuple[Bundle, ...], check: Callable[[], None] = _never) -> _Built:
    """Index ``bundles``: each language's table and data; ``check`` between topics and
    steps (a build given up, or failed, closes its table)."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        return _build_into(db, bundles, check)
    except BaseException:
        db.close()
        raise


def _build_into(
    db: sqlite3.Connection, bundles: tuple[Bundle, ...], check: Callable[[], None]
) -> _Built:
    languages: dict[str, _Language] = {}
    keys: dict[str, str] = {}
    default_language = ""
    for bundle in _checked(bundles, check):
        topic = bundle.topic
        key = keys[bundle.id] = f"b{len(keys)}"
        default_language = default_language or bundle.languages[0]
        ask = bundle.document.ask
        for language in bundle.languages:
            if language not in languages:
                languages[language] = _Language(db, language, len(languages))
            index = languages[language]
            index.add(_Doc(bundle, None, topic.summary, topic.title), key)
            for section in topic.sections:
                for number, passage in enumerate(section.passages):
                    index.add(_Doc(bundle, section, passage, section.title, passage=number), key)
            if ask is None:
                continue
            for synonyms in (ask.synonyms, ask.medicines):
                for entry in synonyms.get(language, ()):
                    names = entry.names if hasattr(entry, "names") else entry.words
                    index.synonym_pairs.extend((words, entry.means) for words in names)
            index.spelling_pairs.extend(
                (words, spelling.means)
                for spelling in ask.spellings.get(language, ())
                for words in spelling.words
            )
            for intent in ask.intents:
                if intent.id == DOSE_INTENT:
                    index.dose_cue_pairs.extend(intent.cues.get(language, ()))
                    continue
                if intent.id in MEDICINE_INTENTS:
                    continue  # the question box's safety cues (kiosk.search.safety)
                intent_key = f"{key}:{intent.id}"
                index.cue_pairs.extend((cue, intent_key) for cue in intent.cues.get(language, ()))
                index.intent_answers[intent_key] = [(bundle, a) for a in intent.answers]
                if intent.lower_unless_asked:
                    index.lowered_intents.add(intent_key)
            for answer in ask.answers:
                phrasings = tuple(answer.questions.get(language, ()))
                index.curated.append(_Curated(bundle, answer, phrasings))
                # the answer's own words are searched too, as a passage of its section
                linked = bundle.section(answer.section) if answer.section else None
                title = linked.title if linked is not None else topic.title
                index.add(_Doc(bundle, linked, answer.answer, title, curated_id=answer.id), key)
    for index in languages.values():
        index.finish(db, check)
    db.commit()
    return _Built(bundles, db, languages, keys, default_language)


def _intent_in_scope(intent: str, key: str | None, not_key: str | None) -> bool:
    """Whether the intent ``intent`` ("b3:why": a bundle's token, then the intent's id)
    is of the bundle whose token is ``key`` (None: any), and not of ``not_key``'s: a
    topic of a library is searched with its own intents, as it is alone."""
    bundle_key = intent.partition(":")[0]
    return (key is None or bundle_key == key) and bundle_key != not_key


def _words(query: _Query) -> tuple[str, ...]:
    return tuple(stem + ("*" if prefix else "") for stem, prefix in query.terms)


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(dict.fromkeys(number for number, _ in citations(text)))


def _has(terms: frozenset[str], term: tuple[str, bool]) -> bool:
    stem, prefix = term
    return any(t.startswith(stem) for t in terms) if prefix else stem in terms
