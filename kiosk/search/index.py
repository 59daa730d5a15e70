"""The question box's search: a bundle's own passages, best first (no Qt).

One in-memory SQLite FTS5 table per language holds every passage (the topic's summary
counts as one) with three columns: its section's titles, its patient text and its
clinician text, all as stems (see :mod:`kiosk.search.text`). A question is answered in
these steps:

1. fold it and put the bundle's synonyms in, matched on stems ("water pills" ->
   "diuretic");
2. keep its content words and stem them; a word the bundle never uses is matched as a
   prefix of one it does ("magnes" -> "magnesium"), else as its nearest word by edit
   distance (rapidfuzz: one typo in a short word, two in a long one: "cramsp",
   "dehidration"); a word still unknown is left out;
3. a curated question of the bundle that reads like the question (rapidfuzz ratio on
   the folded text, after synonyms) comes first;
4. then the passages FTS5 finds for any of the words, ranked by BM25 with the reader's
   level weighted above the other level and section titles above both, one (the best)
   per section;
5. nothing found: :attr:`Results.answered` is False and the app says so plainly.

It never writes a word of its own: every answer is a passage or a curated answer of
the bundle, at the level and language asked, with its citations.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.content.markup import citations, plain_text
from kiosk.content.registry import DEFAULT_LEVEL, LEVELS
from kiosk.search.text import base_language, content_words, fold, stemmer, tokens

if TYPE_CHECKING:
    from kiosk.content.model import Bundle, CuratedAnswer, LevelText, Section

__all__ = ["Found", "Results", "SearchIndex"]

FUZZY_FROM = 6  # shorter words are not corrected ("heart" is not "heat", "bano" not "bajo")
TWO_TYPOS_FROM = 9  # one typo corrected in shorter words, two from this length
ENOUGH = 0.45  # share of the question's weight (idf) a passage must cover to be shown
GENERAL = 1.0  # idf below which a word is everywhere in the bundle (the topic's own word)
# the stems of every bundle word seen, per language: an index built again (after each
# visit) does not stem the same words again. Only bundle words go in (see bundle_stem).
_KNOWN_STEMS: dict[str, dict[str, str]] = {}
COMMON_IN_LIBRARY = 400  # passages: a word in more is left out of a library-wide search
CURATED_MATCH = 84  # rapidfuzz similarity (0-100) from which a curated question matches
TITLE_WEIGHT, OWN_LEVEL_WEIGHT, OTHER_LEVEL_WEIGHT = 2.0, 1.0, 0.4
_CANDIDATES = 60  # passages fetched from FTS5 before one per section is kept


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


@dataclass(frozen=True, slots=True)
class Results:
    question: str
    language: str
    level: str
    found: tuple[Found, ...]
    words: tuple[str, ...]  # the words searched for, after synonyms and corrections

    @property
    def answered(self) -> bool:
        return bool(self.found)


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


class _Synonyms:
    """One language's synonyms, matched on stems: "water pill", "water pills" and
    "water pilled" are one phrase; the longest phrase at a place wins."""

    def __init__(self, pairs: Iterable[tuple[str, str]], stem: Callable[[str], str]) -> None:
        self.phrases: dict[tuple[str, ...], list[str]] = {}
        for words, means in pairs:
            key = tuple(stem(word) for word in tokens(fold(words)))
            if key:
                self.phrases.setdefault(key, tokens(fold(means)))
        self.longest = max(map(len, self.phrases), default=0)

    def apply(self, words: Sequence[str], stem: Callable[[str], str]) -> list[str]:
        """Folded words in, folded words out, each synonym replaced by what it means
        (``stem``: the bundle's stemming for its own words, the forgetful one for a
        visitor's)."""
        out: list[str] = []
        stems = [stem(word) for word in words] if self.phrases else []  # once each
        at = 0
        while at < len(words):
            for size in range(min(self.longest, len(words) - at), 0, -1):
                means = self.phrases.get(tuple(stems[at : at + size]))
                if means is not None:
                    out.extend(means)
                    at += size
                    break
            else:
                out.append(words[at])
                at += 1
        return out


class _Language:
    """The index of one language: its FTS5 table, documents, vocabulary and synonyms."""

    def __init__(self, db: sqlite3.Connection, language: str, number: int) -> None:
        self.table = f"docs_{number}"  # "es-MX" is no name for a table
        self.language = language
        self.base = base_language(language)  # stems and stop words: "es" for "es-MX"
        self.stem = stemmer(self.base)
        self.docs: list[_Doc] = []
        self.rows: list[tuple[str, ...]] = []
        self.doc_terms: list[frozenset[str]] = []  # each document's stems
        self.stems: set[str] = set()
        self.surface: dict[str, str] = {}  # folded word of the passages -> its stem
        self.known = _KNOWN_STEMS.setdefault(self.base, {})
        self.curated: list[_Curated] = []
        self.synonym_pairs: list[tuple[str, str]] = []
        self.synonyms = _Synonyms((), self.stem)
        db.execute(
            f"CREATE VIRTUAL TABLE {self.table} USING fts5("
            f"bundle, title, {', '.join(LEVELS.codes)}, tokenize='unicode61', detail='column')"
        )

    def stems_of(self, text: str) -> str:
        """The bundle ``text``'s stems (each word stemmed once, then looked up)."""
        words = content_words(tokens(fold(plain_text(text))), self.base)
        out = []
        for word in words:
            stem = self.surface.get(word)
            if stem is None:
                stem = self.surface[word] = self.bundle_stem(word)
                self.stems.add(stem)
            out.append(stem)
        return " ".join(out)

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
        self.docs.append(doc)
        self.rows.append(row)
        self.doc_terms.append(frozenset(" ".join(row[1:]).split()))

    def finish(self, db: sqlite3.Connection) -> None:
        db.executemany(
            f"INSERT INTO {self.table}(rowid, bundle, title, {', '.join(LEVELS.codes)}) "
            f"VALUES (?, ?, ?, {', '.join('?' for _ in LEVELS.codes)})",
            [(i, *row) for i, row in enumerate(self.rows)],
        )
        self.rows = []
        self.sorted_stems = sorted(self.stems)
        self.df: dict[str, int] = {}
        for terms in self.doc_terms:
            for term in terms:
                self.df[term] = self.df.get(term, 0) + 1
        self.by_initial: dict[str, list[str]] = {}
        for word in self.surface:
            self.by_initial.setdefault(word[0], []).append(word)
        self.synonyms = _Synonyms(self.synonym_pairs, self.bundle_stem)
        self.curated = [self._ready(curated) for curated in self.curated]

    def _ready(self, curated: _Curated) -> _Curated:
        """A curated answer's phrasings as questions are read, and all of its stems."""
        phrasings = tuple(self.words(p, self.bundle_stem) for p in curated.phrasings)
        bundle, answer = curated.bundle, curated.answer
        texts = [*phrasings, *(bundle.level_text(answer.answer, level, self.language)
                               for level in answer.answer)]  # fmt: skip
        stems = frozenset(
            self.bundle_stem(word)
            for text in texts
            for word in content_words(tokens(fold(plain_text(text))), self.base)
        )
        return _Curated(bundle, answer, phrasings, stems)

    def words(self, text: str, stem: Callable[[str], str] | None = None) -> str:
        """``text`` folded, its synonyms replaced, as words joined by spaces (``stem``:
        how its words are stemmed; by default as a visitor's, never remembered)."""
        return " ".join(self.synonyms.apply(tokens(fold(text)), stem or self.stem_of))

    def resolve(self, word: str) -> tuple[str, bool] | None:
        """The stem to search for ``word`` and whether as a prefix; None if unknown."""
        stem = self.stem_of(word)
        if stem in self.stems:
            return stem, False
        if len(stem) >= 4:
            at = bisect.bisect_left(self.sorted_stems, stem)
            if at < len(self.sorted_stems) and self.sorted_stems[at].startswith(stem):
                return stem, True
        if len(word) < FUZZY_FROM or not self.surface:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        # a typo rarely changes the first letter; words that start alike are the ones
        # to compare (and far fewer of them)
        candidates = self.by_initial.get(word[0], ())
        allowed = 2 if len(word) >= TWO_TYPOS_FROM else 1
        best = process.extractOne(
            word, candidates, scorer=Levenshtein.distance, score_cutoff=allowed
        )
        return (self.surface[best[0]], False) if best is not None else None

    def idf(self, term: tuple[str, bool] | None) -> float:
        """How much a word tells apart (BM25's idf); an unknown word tells the most."""
        count = len(self.docs)
        found = 0 if term is None else self.frequency(term)
        return math.log((count - found + 0.5) / (found + 0.5) + 1)

    def frequency(self, term: tuple[str, bool]) -> int:
        """How many documents hold the term (an upper bound for a prefix)."""
        stem, prefix = term
        if not prefix:
            return self.df.get(stem, 0)
        found, at = 0, bisect.bisect_left(self.sorted_stems, stem)
        while at < len(self.sorted_stems) and self.sorted_stems[at].startswith(stem):
            found += self.df[self.sorted_stems[at]]
            at += 1
        return min(found, len(self.docs))


class SearchIndex:
    """The passages and curated answers of one or more bundles, ready for questions.

    Building it for the shipped bundle takes a few milliseconds; the app builds it when
    the first question is asked.
    """

    def __init__(self, bundles: Iterable[Bundle]) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._languages: dict[str, _Language] = {}
        self._keys: dict[str, str] = {}  # bundle id -> its token in the index
        self._bundles: dict[str, Bundle] = {}
        self.default_language = ""
        for bundle in bundles:
            self._add_bundle(bundle)
        for index in self._languages.values():
            index.finish(self._db)
        self._db.commit()

    @classmethod
    def for_bundle(cls, bundle: Bundle) -> SearchIndex:
        return cls([bundle])

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._languages)

    def _language(self, language: str) -> _Language:
        if language not in self._languages:
            self._languages[language] = _Language(self._db, language, len(self._languages))
        return self._languages[language]

    def _add_bundle(self, bundle: Bundle) -> None:
        topic = bundle.topic
        key = self._keys[bundle.id] = f"b{len(self._keys)}"
        self._bundles[bundle.id] = bundle
        if not self.default_language:
            self.default_language = bundle.languages[0]
        ask = bundle.document.ask
        for language in bundle.languages:
            index = self._language(language)
            index.add(_Doc(bundle, None, topic.summary, topic.title), key)
            for section in topic.sections:
                for number, passage in enumerate(section.passages):
                    index.add(_Doc(bundle, section, passage, section.title, passage=number), key)
            if ask is None:
                continue
            index.synonym_pairs.extend(
                (words, synonym.means)
                for synonym in ask.synonyms.get(language, ())
                for words in synonym.words
            )
            for answer in ask.answers:
                phrasings = tuple(answer.questions.get(language, ()))
                index.curated.append(_Curated(bundle, answer, phrasings))
                # the answer's own words are searched too, as a passage of its section
                linked = bundle.section(answer.section) if answer.section else None
                title = linked.title if linked is not None else topic.title
                index.add(_Doc(bundle, linked, answer.answer, title, curated_id=answer.id), key)

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
        folded = index.words(question)
        resolved = [(word, index.resolve(word)) for word in content_words(tokens(folded),
                                                                          index.base)]  # fmt: skip
        terms = list(dict.fromkeys(term for _, term in resolved if term is not None))
        unknown = [word for word, term in resolved if term is None]
        found: list[Found] = []
        seen: set[tuple[str, str | None]] = set()
        curated = self._curated(index, folded, resolved, level, bundle_id)
        if curated is not None:
            found.append(curated)
            seen.add((curated.bundle_id, curated.section_id))
        if terms:
            weights = [index.idf(term) for term in terms]
            # a word the bundle does not know ("quinine", "kidney", "heart") may be what
            # the question is about: it weighs as much as the rarest word the bundle has
            whole = sum(weights) + len(unknown) * index.idf(None)
            candidates = self._passages(index, terms, level, key)
            if max(weights) < GENERAL and not unknown:
                # the question names nothing but the topic ("what is a cramp"): the
                # topic's own one-paragraph answer comes first
                candidates.sort(key=lambda pair: index.docs[pair[0]].section is not None)
            for rowid, score in candidates:
                doc = index.docs[rowid]
                place = (doc.bundle.id, doc.section.id if doc.section else None)
                if place in seen:
                    continue
                doc_terms = index.doc_terms[rowid]
                covered = sum(w for t, w in zip(terms, weights, strict=True) if _has(doc_terms, t))
                if covered < ENOUGH * whole:
                    continue
                seen.add(place)
                found.append(self._found(doc, level, language, -score))
                if len(found) >= limit:
                    break
        words = tuple(stem + ("*" if prefix else "") for stem, prefix in terms)
        return Results(question, language, level, tuple(found[:limit]), words)

    # -- the steps -------------------------------------------------------------------
    def _passages(
        self, index: _Language, terms: Sequence[tuple[str, bool]], level: str, key: str | None
    ) -> list[tuple[int, float]]:
        """(rowid, BM25 score) of the best passages holding any of ``terms``."""
        if key is None and len(terms) > 1:
            # a whole library: a word in thousands of passages ("cramp") adds little to
            # the ranking but most of its cost; search by the rarer words when there are
            rare = [t for t in terms if index.frequency(t) <= COMMON_IN_LIBRARY]
            terms = rare or terms
        words = " OR ".join(f'"{stem}"*' if prefix else f'"{stem}"' for stem, prefix in terms)
        query = f"{{title {' '.join(LEVELS.codes)}}} : ({words})"
        if key is not None:
            query = f'bundle : "{key}" AND {query}'
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
        index: _Language,
        folded: str,
        resolved: Sequence[tuple[str, tuple[str, bool] | None]],
        level: str,
        bundle_id: str | None,
    ) -> Found | None:
        """The curated answer whose question this reads like: a close phrasing (rapidfuzz),
        and not one word of the question that the answer and its phrasings lack ("kidney
        disease" is not "liver disease", however alike the sentences)."""
        if not index.curated or not folded:
            return None
        from rapidfuzz import fuzz

        # each word as a stem, a typo corrected as for the passages
        asked = {term[0] if term is not None and not term[1] else index.stem_of(word)
                 for word, term in resolved}  # fmt: skip
        best: tuple[float, _Curated] | None = None
        for curated in index.curated:
            if bundle_id is not None and curated.bundle.id != bundle_id:
                continue
            if not asked <= curated.stems:
                continue
            for phrasing in curated.phrasings:
                score = max(fuzz.ratio(folded, phrasing), fuzz.token_sort_ratio(folded, phrasing))
                if score >= CURATED_MATCH and (best is None or score > best[0]):
                    best = (score, curated)
        if best is None:
            return None
        score, match = best
        return SearchIndex._answer(match.bundle, match.answer, level, index.language,
                                   1000.0 + score)  # fmt: skip

    @staticmethod
    def _answer(
        bundle: Bundle, answer: CuratedAnswer, level: str, language: str, score: float
    ) -> Found:
        section = bundle.section(answer.section) if answer.section else None
        title = section.title if section is not None else bundle.topic.title
        text = bundle.level_text(answer.answer, level, language)
        return Found(bundle.id, answer.section, bundle.level_text(title, level, language), text,
                     _numbers(text), curated_id=answer.id, score=score)  # fmt: skip

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
            answer = next((a for a in ask.answers if a.id == answer_id),
                          None) if ask and answer_id else None  # fmt: skip
            if answer is not None:
                again = self._answer(bundle, answer, level, language, item.score)
                if item.curated_id is None:  # found as a passage: not badged as matched
                    again = dataclasses.replace(again, curated_id=None,
                                                answer_text_of=answer.id)  # fmt: skip
                found.append(again)
                continue
            section = bundle.section(item.section_id) if item.section_id else None
            if section is not None and item.passage is not None:
                body, title = section.passages[item.passage], section.title
            else:
                body, title = bundle.topic.summary, bundle.topic.title
            doc = _Doc(bundle, section, body, title, passage=item.passage)
            found.append(self._found(doc, level, language, item.score))
        return Results(results.question, language, level, tuple(found), results.words)

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
        )


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(dict.fromkeys(number for number, _ in citations(text)))


def _has(terms: frozenset[str], term: tuple[str, bool]) -> bool:
    stem, prefix = term
    return any(t.startswith(stem) for t in terms) if prefix else stem in terms
