"""``kiosk ask "QUESTION" [BUNDLE] [--level L] [--locale X] [--limit N] [--format text|json]``.

Prints what the question box would show, in its order: first the care card of each
warning sign the question names (most urgent tier first, with what to do, as read on a
laptop), then the fixed medicine answer for a question about stopping, changing or
dosing a medicine, then the answers, each with its section and its citations (resolved
to the bundle's references), or the plain "no answer" the app gives. Exit codes: 0
answered (a card counts), 1 content problems, 2 usage error, 3 no answer.

In a content folder of several topics (``BUNDLE`` an id, or none: the first topic) it
asks as the question box does with that topic open: its answers first, then at most
``--others`` (2, as the question box) from the library's other topics, each labelled
"From another topic: ..." with its topic's title. A bundle named by its folder is
asked alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.content.model import Bundle
    from kiosk.search.index import Found, Results

__all__ = ["register", "run_ask"]

EXIT_OK, EXIT_USAGE, EXIT_NO_ANSWER = 0, 2, 3
OTHER_TOPICS = 2  # answers from other topics, as the question box (kiosk.ui.ask_screen)
ASK_CONTEXT = "AskScreen"  # the question box's words in the translations (.ts)


def register(subparsers: Any) -> None:
    """Add ``ask`` to ``subparsers`` (of argparse)."""
    from kiosk.content.registry import DEFAULT_LEVEL, LEVELS
    from kiosk.selfcheck.commands import add_bundle_argument

    ask = subparsers.add_parser(
        "ask", help="answer a question from a bundle's own passages, as the question box does"
    )
    ask.add_argument("question", help="the question, as a patient would type it")
    add_bundle_argument(ask)
    ask.add_argument("--level", choices=LEVELS.codes, default=DEFAULT_LEVEL, help="reading level")
    ask.add_argument("--locale", metavar="X", help="language (default: the bundle's first)")
    ask.add_argument("--limit", type=int, default=3, metavar="N", help="answers to show (3)")
    ask.add_argument(
        "--others",
        type=int,
        default=OTHER_TOPICS,
        metavar="N",
        help=f"answers from the library's other topics, after the topic's ({OTHER_TOPICS})",
    )
    ask.add_argument("--format", choices=("text", "json"), default="text")
    ask.set_defaults(handler=run_ask)


def run_ask(args: argparse.Namespace) -> int:
    """``kiosk ask``: print the answers; return the exit code."""
    from kiosk.search.index import SearchIndex
    from kiosk.selfcheck.commands import load_topic_argument

    name = "kiosk ask"
    if not args.question.strip():
        print(f"{name}: the question is empty", file=sys.stderr)
        return EXIT_USAGE
    if args.limit < 1:
        print(f"{name}: --limit must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    if args.others < 0:
        print(f"{name}: --others must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    loaded = load_topic_argument(args, name)
    if isinstance(loaded, int):
        return loaded
    bundle, topics = loaded
    language = args.locale or bundle.languages[0]
    if language not in bundle.languages:
        known = ", ".join(bundle.languages)
        print(f"{name}: the bundle has no '{language}' text (it has: {known})", file=sys.stderr)
        return EXIT_USAGE
    if args.level not in [str(level) for level in bundle.reading_levels]:
        print(f"{name}: the bundle has no '{args.level}' level", file=sys.stderr)
        return EXIT_USAGE
    if all(topic.id != bundle.id for topic in topics):
        topics = [bundle, *topics]  # a topic the kiosk does not show: asked all the same
    if len(topics) > 1 and args.others > 0:
        results = SearchIndex(topics).ask_library(
            args.question,
            args.level,
            language,
            args.limit,
            open_topic=bundle.id,
            others=args.others,
        )
    else:
        results = SearchIndex.for_bundle(bundle).ask(
            args.question, args.level, language, args.limit
        )
    bundles = {topic.id: topic for topic in topics}
    if args.format == "json":
        json.dump(_as_json(bundle, results, bundles), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_as_text(bundle, results, bundles))
    return EXIT_OK if results.answered or results.safety_first else EXIT_NO_ANSWER


def _safety_text(bundle: Bundle, results: Results) -> list[str]:
    """The care cards (one per tier, most urgent first) and the medicine answer."""
    from kiosk.content.markup import plain_text
    from kiosk.content.words import ts_translator
    from kiosk.safety import CONTEXT, MEDICINE_HEADING, TIERS, Place, tier_look

    translate = ts_translator(results.language, CONTEXT)
    level, language = results.level, results.language
    lines: list[str] = []
    for tier in TIERS:
        of_tier = [sign for sign in results.signs if sign.tier is tier]
        if not of_tier:
            continue
        look = tier_look(tier, translate)
        lines.append(look.title)
        lines.append("   " + look.action(Place.LAPTOP))
        for sign in of_tier:
            lines.append("   - " + bundle.level_text(sign.name, level, language))
            advice = plain_text(
                bundle.level_text(sign.advice, level, language), keep_citations=True
            )
            lines.append("     " + advice.strip().replace("\n", "\n     "))
            for cited in sign.sources:
                reference = bundle.reference(cited)
                if reference is not None:
                    title = bundle.text(reference.title, language)
                    lines.append(f"     [{cited}] {title}")
        lines.append("")
    if results.medicine_safety is not None:
        lines.append(translate(MEDICINE_HEADING))
        lines.append("   " + plain_text(results.medicine_safety).strip())
        lines.append("")
    return lines


def _as_text(bundle: Bundle, results: Results, bundles: dict[str, Bundle] | None = None) -> str:
    """What the question box shows, as text: ``bundle`` is the open topic, ``bundles``
    every topic asked (an answer's citations are its own topic's references)."""
    bundles = bundles or {}
    from kiosk.content.markup import plain_text
    from kiosk.content.words import ts_translator

    translate = ts_translator(results.language, ASK_CONTEXT)

    first = _safety_text(bundle, results)  # safety first, before any passage
    if not results.answered and first:
        return "\n".join(first)
    if not results.answered:
        from kiosk.content.registry import LANGUAGES

        entry = LANGUAGES.get(results.language)
        english = LANGUAGES.best("en").no_answer
        no_answer = entry.no_answer if entry is not None and entry.no_answer else english
        return f"{no_answer}\n"
    lines: list[str] = list(first)
    for number, found in enumerate(results.found, 1):
        own = bundles.get(found.bundle_id, bundle)
        where = found.title or own.level_text(own.topic.title, results.level, results.language)
        kind = " (curated answer)" if found.curated_id else ""
        lines.append(f"{number}. {where} [{found.section_id or 'summary'}]{kind}")
        if own is not bundle:  # as the question box labels it
            lines.append("   " + translate("From another topic: {title}").format(title=found.topic))
        lines.append("   " + plain_text(found.text, keep_citations=True).replace("\n", "\n   "))
        for cited in found.citations:
            reference = own.reference(cited)
            if reference is not None:
                title = own.text(reference.title, results.language)
                lines.append(f"   [{cited}] {title}")
        lines.append("")
    return "\n".join(lines)


def _as_json(
    bundle: Bundle, results: Results, bundles: dict[str, Bundle] | None = None
) -> dict[str, Any]:
    bundles = bundles or {}

    def one(found: Found) -> dict[str, Any]:
        own = bundles.get(found.bundle_id, bundle)
        return {
            "bundle": found.bundle_id,
            "topic": found.topic,
            "other_topic": own is not bundle,
            "section": found.section_id,
            "title": found.title,
            "curated": found.curated_id,
            "text": found.text,
            "citations": [
                {"number": n, "title": own.text(ref.title, results.language)}
                for n in found.citations
                if (ref := own.reference(n)) is not None
            ],
        }

    return {
        "question": results.question,
        "language": results.language,
        "level": results.level,
        "answered": results.answered,
        "signs": [
            {
                "id": sign.id,
                "tier": sign.tier.value,
                "name": bundle.level_text(sign.name, results.level, results.language),
                "advice": bundle.level_text(sign.advice, results.level, results.language),
                "sources": list(sign.sources),
            }
            for sign in results.signs
        ],
        "medicine_safety": results.medicine_safety,
        "answers": [one(found) for found in results.found],
        "searched": list(results.words),
    }
