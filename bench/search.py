"""Benchmark the question box's search: how long one question takes to answer.

What it measures, in one process, with ``time.perf_counter``:

- building the index: the shipped bundle (``content/muscle-cramps``), and a generated
  library of 500 topics. "cold" is the first build of that library in the process
  (with the general word lists read, and for the shipped bundle the imports too);
  "warm" is a build again for the same bundles, as the app does for each visit (from a
  copy of the last library built, which no question touched); median of 3;
- answering: every question of the quality sets (``tests/unit/search/questions_*.yaml``
  and the development set ``tests/unit/search/devset/*.yaml``), both reading levels,
  repeated; the median and the 95th percentile per question on the shipped bundle and
  on the 500-topic library (asked within the shipped topic; and with
  ``ask_library``: the open topic first, then the other 499; and, for context, asked
  across all 500 topics at once, safety readers of every topic included). On a busy machine one
  sample can wait for the processor: ``p95_of_medians_ms`` takes each question's median
  over the repeats first, then the 95th percentile over the questions, and
  ``p95_of_best_ms`` each question's fastest run (what it costs, as ``timeit`` advises),
  which the goals are checked on;
- for context, in the same run: a bare SQLite FTS5 query of one word on the same
  table, the floor any FTS5 search pays, so the figures can be read as a ratio on a
  noisy machine.

The library is the shipped topic and 499 generated ones (see :func:`library`). The goals
(issue #13 point 6, issue #12 point 4): p95 at most 2 ms per question on the shipped
bundle, 5 ms on the library (within the topic and open-topic-then-others), and a warm
library build within 1 s. "cold", for context, is what the first question after
start-up or new content waits for. The load average (``os.getloadavg``) is printed at
the start and the end: on a machine shared with others, figures of a loaded minute
are read with it.

Run it with ``make bench`` or ``.venv/bin/python bench/search.py``; ``--quick`` uses
100 topics and fewer repeats, ``--json`` prints machine-readable results. The exit
status is 0 unless a question fails (then 1).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import statistics
import sys
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.content import Bundle, load_bundle  # noqa: E402
from kiosk.search import SearchIndex  # noqa: E402

SHIPPED = ROOT / "content" / "muscle-cramps"
QUESTIONS = ROOT / "tests" / "unit" / "search"
GOAL_MS = {"shipped": 2.0, "library": 5.0}
BUILD_GOAL_MS = 1000.0  # a warm build of the library
TOPICS, QUICK_TOPICS = 500, 100
_SYLLABLES = ("ka", "lo", "mi", "ter", "vun", "dos", "pra", "sel", "quo", "ni", "bar", "zu")


def questions() -> list[tuple[str, str]]:
    import yaml

    asked = []
    for language in ("en", "es"):
        path = QUESTIONS / f"questions_{language}.yaml"
        asked += [(q["q"], language) for q in yaml.safe_load(path.read_text(encoding="utf-8"))]
    for half in ("tune", "held"):
        path = QUESTIONS / "devset" / f"{half}.yaml"
        asked += [(q["q"], q["lang"]) for q in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return asked


_WORD = re.compile(r"[^\W\d_]{4,}")  # words of four letters or more (not digits)
KEEP_ONE_IN = 10  # each generated topic keeps one in ten of the shipped words


def rewrite(text: str, topic: int, own: dict[str, str], rng: random.Random) -> str:
    """``text`` with most of its words swapped for the topic's own (made-up) words."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        if zlib.crc32(f"{topic}:{word}".encode()) % KEEP_ONE_IN == 0:
            return match.group(0)
        if word not in own:
            own[word] = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        return own[word]

    return _WORD.sub(swap, text)


def library(bundle: Bundle, topics: int) -> list[Bundle]:
    """The shipped bundle, then ``topics - 1`` generated ones: each the shipped topic
    with its own id and, in every passage, nine in ten words (of four letters or more)
    replaced by words of its own. A shipped word is thus shared by about a tenth of the
    topics, as a common medical word is in a real library, and each topic has a
    vocabulary of its own. Each has the shipped question part too, in its own words
    (:func:`own_ask`): a real topic has its own intents and curated answers, and
    leaving them out hid a build that grew with their number times the library's."""
    rng = random.Random(7)
    document = bundle.document
    out = [bundle]
    for number in range(1, topics):
        own: dict[str, str] = {}

        def text(value: Any, number: int = number, own: dict[str, str] = own) -> Any:
            if isinstance(value, str):
                return rewrite(value, number, own, rng)
            if isinstance(value, tuple):
                return tuple(text(item) for item in value)
            return {key: text(item) for key, item in value.items()}

        sections = tuple(
            dataclasses.replace(
                section,
                title=text(section.title),
                passages=tuple(text(passage) for passage in section.passages),
            )
            for section in document.topic.sections
        )
        topic = dataclasses.replace(
            document.topic,
            title=text(document.topic.title),
            summary=text(document.topic.summary),
            sections=sections,
        )
        metadata = dataclasses.replace(document.metadata, id=f"{bundle.id}-{number:04d}")
        variant = dataclasses.replace(
            document, topic=topic, metadata=metadata, ask=own_ask(document.ask, text)
        )
        out.append(Bundle(variant, bundle.folder))
    return out


def own_ask(ask: Any, text: Any) -> Any:
    """The shipped question part in a generated topic's own words (``text`` rewrites as
    its passages were): its synonyms, medicines, curated answers, the words an intent's
    answer names ("section#words") and the medicine answer; the everyday spellings and
    the intents' cue phrases ("what do i do") stay, as every topic of a library has them."""
    if ask is None:
        return None

    def words_of(answer: str) -> str:
        section, mark, words = answer.partition("#")
        return section + mark + text(words) if mark else answer

    return dataclasses.replace(
        ask,
        synonyms={
            lang: tuple(
                dataclasses.replace(s, words=text(s.words), means=text(s.means)) for s in entries
            )
            for lang, entries in ask.synonyms.items()
        },
        medicines={
            lang: tuple(
                dataclasses.replace(m, names=text(m.names), means=text(m.means)) for m in entries
            )
            for lang, entries in ask.medicines.items()
        },
        intents=tuple(
            dataclasses.replace(i, answers=tuple(map(words_of, i.answers))) for i in ask.intents
        ),
        answers=tuple(
            dataclasses.replace(a, questions=text(a.questions), answer=text(a.answer))
            for a in ask.answers
        ),
        medicine_safety=text(ask.medicine_safety) if ask.medicine_safety else None,
    )


def timed(action: Any) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def per_question(
    index: SearchIndex,
    asked: list[tuple[str, str]],
    repeats: int,
    bundle_id: str | None,
    library: bool = False,
) -> list[list[float]]:
    """Each question's times (ms), one per repeat and level."""

    def ask(question: str, level: str, language: str) -> None:
        if library:
            index.ask_library(question, level, language, open_topic=bundle_id or "")
        else:
            index.ask(question, level, language, bundle_id=bundle_id)

    for question, language in asked:  # warm-up: imports
        ask(question, "patient", language)
    samples: list[list[float]] = [[] for _ in asked]
    for _ in range(repeats):
        for level in ("patient", "clinician"):
            for number, (question, language) in enumerate(asked):
                start = time.perf_counter()
                ask(question, level, language)
                samples[number].append((time.perf_counter() - start) * 1000)
    return samples


def bare_fts(index: SearchIndex, repeats: int) -> list[float]:
    """One word in the first topic, straight to SQLite: what an FTS5 query costs at least."""
    db = index._db  # the benchmark reads the index's own table
    table = index._languages["en"].table
    query = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT 60"
    words = 'bundle : "b0" AND cramp'
    db.execute(query, (words,)).fetchall()
    return [timed(lambda: db.execute(query, (words,)).fetchall()) for _ in range(repeats)]


def summary(samples: list[list[float]]) -> dict[str, float]:
    every = sorted(t for times in samples for t in times)
    medians = sorted(statistics.median(times) for times in samples)
    best = sorted(min(times) for times in samples)
    return {
        "median_ms": statistics.median(every),
        "p95_ms": every[int(0.95 * (len(every) - 1))],
        "p95_of_medians_ms": medians[int(0.95 * (len(medians) - 1))],
        "p95_of_best_ms": best[int(0.95 * (len(best) - 1))],
        "count": len(every),
    }


def run(quick: bool) -> dict[str, Any]:
    load_before = os.getloadavg()
    bundle = load_bundle(SHIPPED)
    asked = questions()
    topics = QUICK_TOPICS if quick else TOPICS
    repeats = 2 if quick else 5
    first_build = timed(lambda: SearchIndex.for_bundle(bundle))  # imports included
    build = statistics.median(timed(lambda: SearchIndex.for_bundle(bundle)) for _ in range(5))
    shipped = SearchIndex.for_bundle(bundle)
    variants = library(bundle, topics)
    cold = timed(lambda: SearchIndex(variants))
    warm = [timed(lambda: SearchIndex(variants)) for _ in range(3)]
    big = SearchIndex(variants)
    results = {
        "questions": len(asked),
        "load_average": {"before": load_before},
        "shipped": {
            "cold_build_ms": first_build,
            "build_ms": build,
            **summary(per_question(shipped, asked, repeats, None)),
            "bare_fts_median_ms": statistics.median(bare_fts(shipped, 200)),
        },
        "library": {
            "topics": topics,
            "cold_build_ms": cold,
            "build_ms": statistics.median(warm),
            **summary(per_question(big, asked, max(1, repeats // 2), bundle.id)),
            "bare_fts_median_ms": statistics.median(bare_fts(big, 100)),
            "open_topic_then_others": summary(
                per_question(big, asked, max(1, repeats // 2), bundle.id, True)
            ),
            # for context: asked across every topic at once, each question reads every
            # topic's warning signs (the index keeps each topic's safety reader, made
            # when first asked, in the warm-up); the app never asks this way (the topic
            # screen asks within its topic, or the open topic then the others)
            "whole_library": summary(per_question(big, asked, 1, None)),
        },
    }
    for name in ("shipped", "library"):
        part = results[name]
        part["ratio_to_bare_fts"] = part["median_ms"] / part["bare_fts_median_ms"]
        part["goal_p95_ms"] = GOAL_MS[name]
        # what a question costs, not how long it waited for the processor: each
        # question's fastest run (as timeit advises), then the 95th percentile
        worst = max(
            part["p95_of_best_ms"], part.get("open_topic_then_others", part)["p95_of_best_ms"]
        )
        fast = worst <= GOAL_MS[name] and (name == "shipped" or part["build_ms"] <= BUILD_GOAL_MS)
        part["status"] = "PASS" if fast else "MISS"
    results["load_average"]["after"] = os.getloadavg()
    return results


def report(results: dict[str, Any]) -> str:
    load = results["load_average"]
    lines = [
        f"question box search, {results['questions']} questions x 2 levels "
        f"(load average 1/5/15 min: {'/'.join(f'{x:.2f}' for x in load['before'])} at the "
        f"start, {'/'.join(f'{x:.2f}' for x in load['after'])} at the end, {os.cpu_count()} CPUs)"
    ]
    for name, title in (("shipped", "shipped bundle"), ("library", "library")):
        part = results[name]
        if name == "library":
            title = f"{part['topics']}-topic library"
        lines.append(
            f"  {title}: build warm {part['build_ms']:.2f} ms, cold {part['cold_build_ms']:.0f} ms"
            f"; per question median {part['median_ms']:.3f} ms, p95 {part['p95_ms']:.3f} ms "
            f"(of each question's median: {part['p95_of_medians_ms']:.3f} ms, of its best: "
            f"{part['p95_of_best_ms']:.3f} ms); bare FTS5 query "
            f"{part['bare_fts_median_ms']:.3f} ms (x{part['ratio_to_bare_fts']:.1f}); "
            f"goal p95 <= {GOAL_MS[name]} ms: {part['status']}"
        )
        for key, what in (
            ("open_topic_then_others", "open topic, then the others"),
            ("whole_library", "across all topics at once"),
        ):
            if key in part:
                other = part[key]
                lines.append(
                    f"    {what}: median {other['median_ms']:.3f} ms, p95 {other['p95_ms']:.3f} "
                    f"ms (of each question's median: {other['p95_of_medians_ms']:.3f} ms, of its "
                    f"best: {other['p95_of_best_ms']:.3f} ms)"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 topics, fewer repeats")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    results = run(args.quick)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
