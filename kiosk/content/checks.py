"""Checks that need more than one value at a time.

They run on every part, also on one that failed its type check: each part arrives
*salvaged* (see :func:`kiosk.content._validate.salvage`): the checked value when the
whole part passed, else only the fields, list items and nested values that passed
their own checks. A check uses a value only when it is known good, and skips what is
not (its type error is already reported), so one mistake never hides the others and
is never reported twice.

Each check yields located :class:`ContentError` records; the loader runs them all so
an editor sees every problem at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.content._validate import UNKNOWN, known, suggest
from kiosk.content._yaml import Locations, ValuePath
from kiosk.content.errors import ContentError
from kiosk.content.markup import CITATION, fold, plain_text
from kiosk.content.model import Bundle, LevelText, ReviewStatus
from kiosk.content.registry import base_language
from kiosk.content.stems import stemmer, tokens

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?\Z")
_BAD_ID = "is not a valid id; use lowercase letters, digits and hyphens"


class Where:
    """Finds the file and position of any value in the merged bundle."""

    def __init__(self, files: Mapping[str, Locations]) -> None:
        self.files = files  # top-level key -> the file that holds it

    def value(self, path: ValuePath, message: str) -> ContentError:
        return self.files[str(path[0])].error_at_value(path, message)

    def key(self, path: ValuePath, message: str) -> ContentError:
        return self.files[str(path[0])].error_at_key(path, message)


def check_bundle(
    where: Where,
    folder: Path,
    parts: Mapping[str, Any],
    raw: Mapping[str, Any],
    *,
    failed: frozenset[str] = frozenset(),
    unreadable: bool = False,
) -> Iterator[ContentError]:
    """Every cross-value problem among the known-good values of the bundle's parts.

    ``parts`` maps each top-level key present in ``raw`` to its salvaged value;
    ``failed`` names the parts that did not pass their type check as a whole, and
    ``unreadable`` says a file could not be read at all (so a part not in ``raw`` may
    exist after all).
    """
    metadata = parts.get("metadata", UNKNOWN)
    levels = _strings_or_none(known(metadata, "reading_levels"))
    languages = _strings_or_none(known(metadata, "languages"))
    if "metadata" in parts:
        yield from _check_metadata(where, metadata)
    assets = parts.get("assets", ())
    if "assets" in parts:
        yield from _check_assets(where, folder, assets)
        asset_ids = _asset_ids(assets)
    else:
        asset_ids = None if unreadable else []
    sign_ids = _sign_ids(parts["signs"]) if "signs" in parts else (None if unreadable else [])
    if "signs" in parts:
        yield from check_signs(where, parts["signs"], languages, raw.get("signs"))
    if "topic" in parts:
        yield from _check_topic(where, parts["topic"], asset_ids, assets)
        yield from _check_section_signs(
            where, parts["topic"], raw.get("topic"), parts.get("signs"), sign_ids, languages
        )
    icon = known(metadata, "icon")
    if isinstance(icon, str) and asset_ids is not None and icon not in asset_ids:
        yield where.value(
            ("metadata", "icon"),
            f"no asset has the id '{icon}'"
            f"{suggest(icon, [a for a in asset_ids if a], what='the assets are')}",
        )
    if "selfcheck" in parts:
        section_ids = _section_ids(parts.get("topic", UNKNOWN))
        yield from _check_selfcheck(where, parts["selfcheck"], section_ids, sign_ids)
    if "ask" in parts:
        section_ids = _section_ids(parts.get("topic", UNKNOWN))
        # the words a synonym may mean: the topic's, and its warning signs' (their cards
        # are what the question box shows for them)
        signs = raw.get("signs")
        sign_texts = [
            {key: sign.get(key) for key in ("name", "advice")}
            for sign in (signs if isinstance(signs, list) else [])
            if isinstance(sign, Mapping)
        ]
        yield from _check_ask(
            where, parts["ask"], section_ids, languages, raw.get("topic"), sign_texts
        )
    if levels:
        every = (
            *_level_texts(raw),
            *_selfcheck_level_texts(raw),
            *_ask_level_texts(raw),
            *_sign_level_texts(raw),
        )
        for path, value in every:
            yield from _check_level_text(where, path, value, levels, languages or None)
    if languages:
        for path, value in _texts(raw):
            yield from _check_text(where, path, value, languages)
    if "references" in parts:
        yield from _check_references(where, parts["references"])
        if "topic" in raw:
            generous = "topic" in failed
            yield from _check_citations(where, raw, parts["references"], generous)


def _strings_or_none(value: Any) -> list[str] | None:
    """A checked list of names as plain strings; None when it did not pass its check."""
    if not isinstance(value, tuple | list) or not all(isinstance(v, str) for v in value):
        return None
    return [str(v) for v in value]


def _items(value: Any) -> list[tuple[int, Any]]:
    """The items of a checked (or salvaged) list, with their indexes; none if unknown."""
    return list(enumerate(value)) if isinstance(value, tuple | list) else []


def _empty(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _check_metadata(where: Where, metadata: Any) -> Iterator[ContentError]:
    bundle_id = known(metadata, "id")
    if _empty(bundle_id):
        yield where.value(("metadata", "id"), "the bundle id must not be empty")
    elif isinstance(bundle_id, str) and not ID.match(bundle_id):
        yield where.value(("metadata", "id"), f"'{bundle_id}' {_BAD_ID}")
    if _empty(known(metadata, "version")):
        yield where.value(("metadata", "version"), "the version must not be empty")
    review = known(metadata, "review")
    reviewer = known(review, "reviewer")
    if _empty(reviewer):
        yield where.value(
            ("metadata", "review", "reviewer"), "the reviewer's name must not be empty"
        )
    if known(review, "status") is ReviewStatus.APPROVED:
        for key in ("reviewer", "date"):
            if known(review, key) is None:
                yield where.key(
                    ("metadata", "review"), f"an approved bundle needs the review's '{key}'"
                )
    languages = known(metadata, "languages")
    if isinstance(languages, tuple | list):
        if not languages:
            yield where.value(("metadata", "languages"), "list at least one language")
        for i, language in _items(languages):
            if isinstance(language, str) and not LANGUAGE.match(language):
                yield where.value(
                    ("metadata", "languages", i),
                    f"'{language}' is not a language code; use one such as en or es",
                )
        good = [(i, str(v)) for i, v in _items(languages) if isinstance(v, str)]
        yield from _check_ids(
            where, [("metadata", "languages", i) for i, _ in good], [v for _, v in good], "language"
        )
    reading_levels = known(metadata, "reading_levels")
    if isinstance(reading_levels, tuple | list):
        if not reading_levels:
            yield where.value(("metadata", "reading_levels"), "list at least one reading level")
        good = [(i, str(v)) for i, v in _items(reading_levels) if isinstance(v, str)]
        yield from _check_ids(
            where,
            [("metadata", "reading_levels", i) for i, _ in good],
            [v for _, v in good],
            "reading level",
        )


def _check_ids(
    where: Where, paths: list[ValuePath], ids: list[str], what: str
) -> Iterator[ContentError]:
    """A duplicate in ``ids`` (each found at the matching path), reported at the repeat."""
    seen: dict[str, ValuePath] = {}
    for path, value in zip(paths, ids, strict=True):
        if value in seen:
            first = where.value(seen[value], "")
            yield where.value(path, f"duplicate {what} '{value}' (first at line {first.line})")
        else:
            seen[value] = path


def _check_topic(
    where: Where, topic: Any, asset_ids: list[str] | None, assets: Any = ()
) -> Iterator[ContentError]:
    sections = known(topic, "sections")
    if isinstance(sections, tuple | list) and not sections:
        yield where.value(("topic", "sections"), "a topic needs at least one section")
    paths: list[ValuePath] = []
    ids: list[str] = []
    for i, section in _items(sections):
        path: ValuePath = ("topic", "sections", i)
        section_id = known(section, "id")
        if _empty(section_id):
            yield where.value((*path, "id"), "the section id must not be empty")
        elif isinstance(section_id, str):
            if not ID.match(section_id):
                yield where.value((*path, "id"), f"'{section_id}' {_BAD_ID}")
            paths.append((*path, "id"))
            ids.append(section_id)
        passages = known(section, "passages")
        if isinstance(passages, tuple | list) and not passages:
            yield where.value((*path, "passages"), "a section needs at least one passage")
        icon = known(section, "icon")
        if isinstance(icon, str) and asset_ids is not None and icon not in asset_ids:
            yield where.value(
                (*path, "icon"),
                f"no asset has the id '{icon}'"
                f"{suggest(icon, [a for a in asset_ids if a], what='the assets are')}",
            )
        yield from _check_figures(where, path, section, asset_ids, assets)
        yield from _check_handout(where, path, section)
    yield from _check_ids(where, paths, ids, "section id")


def _check_handout(where: Where, path: ValuePath, section: Any) -> Iterator[ContentError]:
    """Each passage a section prints on the handout exists, and is named once."""
    passages = known(section, "passages")
    count = len(passages) if isinstance(passages, tuple | list) else None
    seen: set[int] = set()
    for j, number in _items(known(section, "handout")):
        if not isinstance(number, int):
            continue
        if count is not None and not 1 <= number <= count:
            yield where.value(
                (*path, "handout", j),
                f"'handout' names passage {number}; this section has passages 1 to {count}",
            )
        elif number in seen:
            yield where.value((*path, "handout", j), f"passage {number} is named twice")
        seen.add(number)


FIGURE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


def _check_figures(
    where: Where, path: ValuePath, section: Any, asset_ids: list[str] | None, assets: Any
) -> Iterator[ContentError]:
    """Each figure names a known picture that has alt text, and follows a real passage."""
    passages = known(section, "passages")
    count = len(passages) if isinstance(passages, tuple | list) else None
    for j, figure in _items(known(section, "figures")):
        at: ValuePath = (*path, "figures", j)
        after = known(figure, "after")
        if isinstance(after, int) and count is not None and not 1 <= after <= count:
            yield where.value(
                (*at, "after"),
                f"'after: {after}' names no passage; this section has passages 1 to {count}",
            )
        asset_id = known(figure, "asset")
        if not isinstance(asset_id, str) or asset_ids is None:
            continue
        if asset_id not in asset_ids:
            yield where.value(
                (*at, "asset"),
                f"no asset has the id '{asset_id}'"
                f"{suggest(asset_id, [a for a in asset_ids if a], what='the assets are')}",
            )
            continue
        asset = assets[asset_ids.index(asset_id)]
        name = known(asset, "path")
        if isinstance(name, str) and not name.lower().endswith(FIGURE_SUFFIXES):
            yield where.value(
                (*at, "asset"),
                f"the picture '{name}' is not an .svg, .png or .jpg file; a figure can show "
                "only those",
            )
        if known(asset, "alt") is None:
            yield where.value(
                (*at, "asset"),
                f"the asset '{asset_id}' has no alt text; a figure needs one in every "
                "language, for readers who cannot see it",
            )


def _asset_ids(assets: Any) -> list[str] | None:
    """Every asset's id; None when some id is unknown (an icon check would then mislead)."""
    if not isinstance(assets, tuple | list):
        return None
    ids = [known(asset, "id") for asset in assets]
    return ids if all(isinstance(i, str) for i in ids) else None


def _check_assets(where: Where, folder: Path, assets: Any) -> Iterator[ContentError]:
    paths: list[ValuePath] = []
    ids: list[str] = []
    for i, asset in _items(assets):
        asset_id = known(asset, "id")
        if _empty(asset_id):
            yield where.value(("assets", i, "id"), "the asset id must not be empty")
        elif isinstance(asset_id, str):
            paths.append(("assets", i, "id"))
            ids.append(asset_id)
    yield from _check_ids(where, paths, ids, "asset id")
    root = folder.resolve()
    for i, asset in _items(assets):
        name = known(asset, "path")
        if not isinstance(name, str):
            continue
        path = ("assets", i, "path")
        target = (root / name).resolve()
        if not name.strip():
            yield where.value(path, "the asset path must not be empty")
        elif Path(name).is_absolute() or not target.is_relative_to(root):
            yield where.value(
                path, f"the asset '{name}' is outside the bundle folder; keep assets inside it"
            )
        elif target.is_dir():
            yield where.value(path, f"the asset '{name}' is a folder, not a file")
        elif not target.is_file():
            yield where.value(path, f"the asset file '{name}' does not exist")


def _level_texts(raw: Mapping[str, Any]) -> Iterator[tuple[ValuePath, Any]]:
    """Every value that must be written once per reading level."""
    metadata = raw.get("metadata")
    if isinstance(metadata, Mapping) and "disclaimer" in metadata:
        yield ("metadata", "disclaimer"), metadata["disclaimer"]
    topic = raw.get("topic")
    if not isinstance(topic, Mapping):
        return
    for key in ("title", "summary"):
        if key in topic:
            yield ("topic", key), topic[key]
    sections = topic.get("sections")
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, Mapping):
            continue
        if "title" in section:
            yield ("topic", "sections", i, "title"), section["title"]
        passages = section.get("passages")
        for j, passage in enumerate(passages if isinstance(passages, list) else []):
            yield ("topic", "sections", i, "passages", j), passage


def _selfcheck_level_texts(raw: Mapping[str, Any]) -> Iterator[tuple[ValuePath, Any]]:
    """Every self-check value written once per reading level."""
    selfcheck = raw.get("selfcheck")
    if not isinstance(selfcheck, Mapping):
        return
    for key in ("title", "intro"):
        if key in selfcheck:
            yield ("selfcheck", key), selfcheck[key]
    lists = (("questions", ("text", "help")), ("factors", ("name", "helps")))
    for top, keys in lists:
        items = selfcheck.get(top)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, Mapping):
                continue
            for key in keys:
                if item.get(key) is not None:
                    yield ("selfcheck", top, i, key), item[key]
            options = item.get("options") if top == "questions" else None
            for j, option in enumerate(options if isinstance(options, list) else []):
                if isinstance(option, Mapping) and "text" in option:
                    yield ("selfcheck", top, i, "options", j, "text"), option["text"]


def _ask_level_texts(raw: Mapping[str, Any]) -> Iterator[tuple[ValuePath, Any]]:
    """Every curated answer, and the medicine safety answer (once per reading level)."""
    ask = raw.get("ask")
    answers = ask.get("answers") if isinstance(ask, Mapping) else None
    for i, answer in enumerate(answers if isinstance(answers, list) else []):
        if isinstance(answer, Mapping) and answer.get("answer") is not None:
            yield ("ask", "answers", i, "answer"), answer["answer"]
    if isinstance(ask, Mapping) and ask.get("medicine_safety") is not None:
        yield ("ask", "medicine_safety"), ask["medicine_safety"]


def _sign_level_texts(raw: Mapping[str, Any]) -> Iterator[tuple[ValuePath, Any]]:
    """Every warning sign's name and advice (once per reading level)."""
    signs = raw.get("signs")
    for i, sign in enumerate(signs if isinstance(signs, list) else []):
        if isinstance(sign, Mapping):
            for key in ("name", "advice"):
                if sign.get(key) is not None:
                    yield ("signs", i, key), sign[key]


def _texts(raw: Mapping[str, Any]) -> Iterator[tuple[ValuePath, Any]]:
    """Every value written once per language (not per level)."""
    metadata = raw.get("metadata")
    for key in ("title", "editorial_policy", "source"):
        if isinstance(metadata, Mapping) and metadata.get(key) is not None:
            yield ("metadata", key), metadata[key]
    for top, field in (("references", "note"), ("assets", "alt")):
        items = raw.get(top)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, Mapping) and item.get(field) is not None:
                yield (top, i, field), item[field]
    # a reference's title is the work's own, one text; given per language, in every one
    references = raw.get("references")
    for i, item in enumerate(references if isinstance(references, list) else []):
        if isinstance(item, Mapping) and isinstance(item.get("title"), Mapping):
            yield ("references", i, "title"), item["title"]


def _check_level_text(
    where: Where, path: ValuePath, value: Any, levels: list[str], languages: list[str] | None
) -> Iterator[ContentError]:
    if not isinstance(value, Mapping):
        return  # the type check has already reported it
    for level in levels:
        if level not in value:
            yield where.key(
                path,
                f"missing the '{level}' reading level; write this text "
                f"once per level ({', '.join(levels)})",
            )
        elif languages:
            yield from _check_text(where, (*path, level), value[level], languages)
    for key in value:
        if key in levels:
            continue
        close = difflib.get_close_matches(str(key), levels, n=1, cutoff=0.6)
        if close:
            message = f"unknown reading level '{key}'; did you mean '{close[0]}'?"
        else:
            message = f"'{key}' is not one of this bundle's reading_levels ({', '.join(levels)})"
        yield where.key((*path, key), message)


def _check_text(
    where: Where, path: ValuePath, value: Any, languages: Sequence[str]
) -> Iterator[ContentError]:
    listed = list(dict.fromkeys(languages))
    # a code that is not a language code is reported once, at the list; no text needs it
    usable = [language for language in listed if LANGUAGE.match(language)]
    if isinstance(value, str):
        if not value.strip():
            yield where.value(path, "the text is empty")
        for language in usable:
            if language != listed[0]:
                yield where.value(
                    path,
                    f"missing the '{language}' translation; write this text "
                    f"as a mapping of languages ({', '.join(listed)})",
                )
        return
    if not isinstance(value, Mapping):
        return
    for language in usable:
        text = value.get(language)
        if text is None:
            yield where.key(path, f"missing the '{language}' translation")
        elif not str(text).strip():
            yield where.value((*path, language), "the text is empty")
    for key in value:
        if key not in listed:
            yield where.key(
                (*path, key),
                f"'{key}' is not one of the bundle's languages{suggest(str(key), listed)}",
            )


def _strings(value: Any, path: ValuePath) -> Iterator[tuple[ValuePath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _strings(inner, (*path, key))


def _every_string(value: Any) -> Iterator[str]:
    """Every string anywhere inside ``value``, whatever its shape."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        elif isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)


def _cited(text: str) -> list[int]:
    return [int(n) for m in CITATION.finditer(text) for n in m.group(1).split(",")]


def _reference_numbers(references: Any) -> list[tuple[int, Any]]:
    return [(i, known(ref, "number")) for i, ref in _items(references)]


def _check_references(where: Where, references: Any) -> Iterator[ContentError]:
    numbers = [(i, n) for i, n in _reference_numbers(references) if isinstance(n, int)]
    for i, number in numbers:
        if number < 1:
            yield where.value(("references", i, "number"), "reference numbers start at 1")
    yield from _check_ids(
        where,
        [("references", i, "number") for i, _ in numbers],
        [str(n) for _, n in numbers],
        "reference number",
    )
    for i, ref in _items(references):
        for key in ("title", "kind", "publisher", "url"):
            if _empty(known(ref, key)):
                yield where.value(("references", i, key), f"the reference {key} must not be empty")


def _check_citations(
    where: Where, raw: Mapping[str, Any], references: Any, generous: bool
) -> Iterator[ContentError]:
    """Citations against the reference numbers.

    "has no reference" needs every reference's number to be known (an entry with a bad
    number may be the one cited); with ``generous`` (the topic failed its type check,
    so some of its text may sit where the walk below does not look), a number cited
    anywhere in the topic counts as cited.
    """
    if not isinstance(references, tuple | list):
        return
    found_numbers = _reference_numbers(references)
    complete = all(isinstance(n, int) for _, n in found_numbers)
    numbers = {n for _, n in found_numbers if isinstance(n, int)}
    listed = ", ".join(str(n) for n in sorted(numbers)) or "none"
    cited: set[int] = set()
    passages = [
        (path, value)
        for path, value in _level_texts(raw)
        if path[:2] != ("metadata", "disclaimer") and path[-1] != "title"
    ]
    # (texts, what must cite: "passage"/"answer", or None when citing is optional)
    groups: list[tuple[list[tuple[ValuePath, Any]], str | None]] = [
        (passages, "passage"),
        (list(_selfcheck_level_texts(raw)), None),
        ([(p, v) for p, v in _ask_level_texts(raw) if p[-1] != "medicine_safety"], "answer"),
        # the medicine safety answer is the kiosk's own advice (its editorial policy
        # says so): citing is optional
        ([(p, v) for p, v in _ask_level_texts(raw) if p[-1] == "medicine_safety"], None),
        ([(p, v) for p, v in _sign_level_texts(raw) if p[-1] == "advice"], None),
    ]
    for texts, must_cite in groups:
        for path, value in texts:
            for text_path, text in _strings(value, path):
                found = _cited(text)
                if not found and must_cite is not None:
                    yield where.value(
                        text_path,
                        f"this {must_cite} cites no reference; add the number "
                        "of its source in brackets, e.g. [1]",
                    )
                for number in found:
                    cited.add(number)
                    if complete and number not in numbers:
                        yield where.value(
                            text_path,
                            f"citation [{number}] has no reference (the references are: {listed})",
                        )
    signs = raw.get("signs")
    for i, sign in enumerate(signs if isinstance(signs, list) else []):
        sources = sign.get("sources") if isinstance(sign, Mapping) else None
        for j, number in enumerate(sources if isinstance(sources, list) else []):
            if not isinstance(number, int):
                continue
            cited.add(number)
            if complete and number not in numbers:
                yield where.value(
                    ("signs", i, "sources", j),
                    f"no reference has the number {number} (the references are: {listed})",
                )
    if generous:
        cited.update(n for text in _every_string(raw.get("topic")) for n in _cited(text))
    for i, number in found_numbers:
        if isinstance(number, int) and number >= 1 and number not in cited:
            yield where.value(
                ("references", i, "number"),
                f"reference {number} is never cited; cite it or remove it",
            )


# -- the self-check --------------------------------------------------------------------


def _section_ids(topic: Any) -> list[str] | None:
    ids = [known(section, "id") for _, section in _items(known(topic, "sections"))]
    return ids if ids and all(isinstance(i, str) for i in ids) else None


def _check_selfcheck(
    where: Where,
    selfcheck: Any,
    section_ids: list[str] | None,
    sign_ids: list[str] | None,
) -> Iterator[ContentError]:
    """Ids, options, rules (known questions, valid answers, earlier questions only),
    sections and sources of the self-check."""
    questions = known(selfcheck, "questions")
    if isinstance(questions, tuple | list) and not questions:
        yield where.value(("selfcheck", "questions"), "a self-check needs at least one question")
    answers: dict[str, tuple[str, ...] | None] = {}  # question id -> its answers (None: unknown)
    order: dict[str, int] = {}
    paths: list[ValuePath] = []
    ids: list[str] = []
    for i, question in _items(questions):
        path: ValuePath = ("selfcheck", "questions", i)
        question_id = known(question, "id")
        if _empty(question_id):
            yield where.value((*path, "id"), "the question id must not be empty")
            continue
        if not isinstance(question_id, str):
            continue
        if not ID.match(question_id):
            yield where.value((*path, "id"), f"'{question_id}' {_BAD_ID}")
        paths.append((*path, "id"))
        ids.append(question_id)
        yield from _check_options(where, path, question)
        answers.setdefault(question_id, _answers_of(question))
        order.setdefault(question_id, i)
    yield from _check_ids(where, paths, ids, "question id")
    for i, question in _items(questions):
        rule = known(question, "show_if")
        if rule is not None and rule is not UNKNOWN:
            yield from _check_rule(
                where, ("selfcheck", "questions", i, "show_if"), rule, answers, order, before=i
            )
    yield from _check_red_flags(where, selfcheck, answers, order, sign_ids)
    items = known(selfcheck, "factors")
    item_paths: list[ValuePath] = []
    item_ids: list[str] = []
    for i, item in _items(items):
        path = ("selfcheck", "factors", i)
        item_id = known(item, "id")
        if _empty(item_id):
            yield where.value((*path, "id"), "the factor id must not be empty")
        elif isinstance(item_id, str):
            item_paths.append((*path, "id"))
            item_ids.append(item_id)
        rule = known(item, "when")
        if rule is not UNKNOWN:
            yield from _check_rule(where, (*path, "when"), rule, answers, order, before=None)
        sections = known(item, "sections")
        if isinstance(sections, tuple | list) and not sections:
            yield where.value(
                (*path, "sections"), "name at least one section that explains this factor"
            )
        for j, section in _items(sections):
            if section_ids is not None and section not in section_ids:
                yield where.value(
                    (*path, "sections", j),
                    f"no section has the id '{section}'"
                    + suggest(str(section), section_ids, what="the sections are"),
                )
    yield from _check_ids(where, item_paths, item_ids, "factor id")


def _check_red_flags(
    where: Where,
    selfcheck: Any,
    answers: dict[str, tuple[str, ...] | None],
    order: dict[str, int],
    sign_ids: list[str] | None,
) -> Iterator[ContentError]:
    """Each red flag names a known warning sign, once, with a rule over known answers."""
    paths: list[ValuePath] = []
    names: list[str] = []
    for i, flag in _items(known(selfcheck, "red_flags")):
        path: ValuePath = ("selfcheck", "red_flags", i)
        sign = known(flag, "sign")
        if _empty(sign):
            yield where.value((*path, "sign"), "name the warning sign this red flag raises")
        elif isinstance(sign, str):
            paths.append((*path, "sign"))
            names.append(sign)
            if sign_ids is not None and sign not in sign_ids:
                yield where.value(
                    (*path, "sign"),
                    f"no warning sign has the id '{sign}'"
                    + (
                        suggest(sign, sign_ids, what="the signs (signs:) are")
                        if sign_ids
                        else "; define it under signs: (e.g. in safety.yaml)"
                    ),
                )
        rule = known(flag, "when")
        if rule is not UNKNOWN:
            yield from _check_rule(where, (*path, "when"), rule, answers, order, before=None)
    yield from _check_ids(where, paths, names, "red flag for the sign")


def _answers_of(question: Any) -> tuple[str, ...] | None:
    kind = known(question, "kind")
    if kind == "yes_no":
        return ("yes", "no", "not_sure")
    if kind not in ("single", "multiple"):
        return None  # its kind is wrong (already reported): its answers are unknown
    options = known(question, "options")
    ids = [known(option, "id") for _, option in _items(options)]
    return (
        tuple(ids)
        if isinstance(options, tuple | list) and all(isinstance(i, str) for i in ids)
        else None
    )


def _check_options(where: Where, path: ValuePath, question: Any) -> Iterator[ContentError]:
    kind = known(question, "kind")
    options = known(question, "options")
    if not isinstance(options, tuple | list):
        return
    if kind == "yes_no" and options:
        yield where.key(
            (*path, "options"),
            "a yes_no question has no options (its answers "
            "are yes, no and not sure); remove them or make it single",
        )
    elif kind in ("single", "multiple") and len(options) < 2:
        yield where.key((*path, "kind"), f"a {kind} question needs at least two options")
    option_paths: list[ValuePath] = []
    option_ids: list[str] = []
    for j, option in _items(options):
        option_id = known(option, "id")
        if _empty(option_id):
            yield where.value((*path, "options", j, "id"), "the option id must not be empty")
        elif isinstance(option_id, str):
            if not ID.match(option_id):
                yield where.value((*path, "options", j, "id"), f"'{option_id}' {_BAD_ID}")
            option_paths.append((*path, "options", j, "id"))
            option_ids.append(option_id)
    yield from _check_ids(where, option_paths, option_ids, "option id")


def _check_rule(
    where: Where,
    path: ValuePath,
    rule: Any,
    answers: Mapping[str, tuple[str, ...] | None],
    order: Mapping[str, int],
    before: int | None,
) -> Iterator[ContentError]:
    """``before``: the rule belongs to the question at that index (show_if), so it may
    only look at questions asked before it."""
    any_of, all_of = known(rule, "any"), known(rule, "all")
    both_known = isinstance(any_of, tuple | list) and isinstance(all_of, tuple | list)
    if both_known and bool(any_of) == bool(all_of):
        yield where.key(
            path, "a rule needs exactly one of any: or all:, with at least one condition"
        )
    conditions = [("any", c) for c in _items(any_of)] + [("all", c) for c in _items(all_of)]
    for key, (j, condition) in conditions:
        cpath = (*path, key, j)
        question_id = known(condition, "question")
        answer = known(condition, "answer")
        answered = known(condition, "answered")
        if (answer is None) == (answered is None):
            yield where.key(cpath, "a condition needs either answer: or answered: true")
        elif answered is False:
            yield where.value((*cpath, "answered"), "answered: can only be true")
        if not isinstance(question_id, str):
            continue
        if question_id not in answers:
            yield where.value(
                (*cpath, "question"),
                f"no question has the id '{question_id}'"
                + suggest(question_id, list(answers), what="the questions are"),
            )
            continue
        if before is not None and order[question_id] >= before:
            yield where.value(
                (*cpath, "question"),
                f"'{question_id}' is not asked before this "
                "question; show_if can only look at earlier questions",
            )
        allowed = answers[question_id]
        if isinstance(answer, str) and allowed and answer not in allowed:
            yield where.value(
                (*cpath, "answer"),
                f"'{answer}' is not an answer to '{question_id}'{_did_you_mean(answer, allowed)}; "
                f"use one of: {', '.join(allowed)}",
            )


def _did_you_mean(name: str, allowed: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for a close match, else nothing."""
    close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# -- the question box --------------------------------------------------------------------


def _topic_words(topic: Any, first_language: str | None) -> dict[str, str]:
    """All of the topic's text per language, folded (for synonym targets); a text given
    as one string is in the bundle's first language."""
    found: dict[str, list[str]] = {}

    def walk(value: Any, language: str | None) -> None:
        if isinstance(value, str) and language is not None:
            found.setdefault(language, []).append(value)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                known_language = key if isinstance(key, str) and len(key) <= 3 else language
                walk(item, known_language)
        elif isinstance(value, list):
            for item in value:
                walk(item, language)

    walk(topic, first_language)
    return {language: fold(" ".join(texts)) for language, texts in found.items()}


def _check_ask(
    where: Where,
    ask: Any,
    section_ids: list[str] | None,
    languages: list[str] | None,
    topic: Any,
    sign_texts: Sequence[Any] = (),
) -> Iterator[ContentError]:
    """Synonyms, spellings and medicine names per known language, not empty, synonyms
    and medicines meaning words the topic uses, each medicine with its source; intents
    with cues and passages that exist; curated answers with unique ids, a phrasing in
    every language and a section that exists."""
    first = languages[0] if languages else None
    words_in = (
        _topic_words({"topic": topic, "signs": list(sign_texts)}, first)
        if isinstance(topic, Mapping)
        else {}
    )
    for part, listed, in_topic in (
        ("synonyms", "words", True),
        ("spellings", "words", False),
        ("medicines", "names", True),
    ):
        yield from _check_word_lists(where, ask, part, listed, in_topic, languages, words_in)
    yield from _check_intents(where, ask, languages, topic)
    paths: list[ValuePath] = []
    ids: list[str] = []
    for i, answer in _items(known(ask, "answers")):
        path = ("ask", "answers", i)
        answer_id = known(answer, "id")
        if _empty(answer_id):
            yield where.value((*path, "id"), "the answer id must not be empty")
        elif isinstance(answer_id, str):
            if not ID.match(answer_id):
                yield where.value((*path, "id"), f"'{answer_id}' {_BAD_ID}")
            paths.append((*path, "id"))
            ids.append(answer_id)
        questions = known(answer, "questions")
        if isinstance(questions, Mapping):
            for language in languages or ():
                phrasings = questions.get(language)
                if not phrasings:
                    yield where.value(
                        (*path, "questions"),
                        f"add at least one phrasing of the question in '{language}'",
                    )
            for language, phrasings in questions.items():
                if languages is not None and language not in languages:
                    yield where.key(
                        (*path, "questions", language),
                        f"'{language}' is not one of the bundle's languages "
                        f"({', '.join(languages)})",
                    )
                for j, phrasing in _items(phrasings):
                    if _empty(phrasing):
                        yield where.value(
                            (*path, "questions", language, j), "a question must not be empty"
                        )
        section = known(answer, "section")
        if isinstance(section, str) and section_ids is not None and section not in section_ids:
            yield where.value(
                (*path, "section"),
                f"no section has the id '{section}'"
                + suggest(section, section_ids, what="the sections are"),
            )
        elif isinstance(topic, Mapping) and (section is None or isinstance(section, str)):
            yield from _check_restates(where, path, answer, section, topic)
    yield from _check_ids(where, paths, ids, "answer id")


def _check_word_lists(
    where: Where,
    ask: Any,
    part: str,
    listed: str,
    in_topic: bool,
    languages: list[str] | None,
    words_in: Mapping[str, str],
) -> Iterator[ContentError]:
    """One of the ask part's lists of words per language (synonyms, spellings,
    medicines): known languages, no empty word, a ``means`` (that the topic's text uses,
    when ``in_topic``), and a source for a medicine."""
    lists = known(ask, part)
    if not isinstance(lists, Mapping):
        return
    for language, entries in lists.items():
        if languages is not None and language not in languages:
            yield where.key(
                ("ask", part, language),
                f"'{language}' is not one of the bundle's languages ({', '.join(languages)})",
            )
        for i, entry in _items(entries):
            path: ValuePath = ("ask", part, language, i)
            words = known(entry, listed)
            if isinstance(words, tuple | list) and not words:
                yield where.value((*path, listed), "list at least one word or phrase")
            for j, word in _items(words):
                if _empty(word):
                    yield where.value((*path, listed, j), "a word must not be empty")
            if part == "medicines" and _empty(known(entry, "source")):
                yield where.value(
                    (*path, "source"),
                    "name the source that says these are of this class (never guess)",
                )
            means = known(entry, "means")
            if _empty(means):
                yield where.value(
                    (*path, "means"),
                    "say which of the bundle's words it means"
                    if in_topic
                    else "say which general word it means",
                )
            elif (
                in_topic
                and isinstance(means, str)
                and language in words_in
                and fold(means) not in words_in[language]
            ):
                yield where.value(
                    (*path, "means"),
                    f"the topic's '{language}' text never uses '{means}', so this "
                    f"{part[:-1]} would find nothing; name a word the passages use",
                )


def _passage_texts(topic: Any, section: str) -> list[str] | None:
    """The folded text of each passage of ``section`` (None: no such section)."""
    if section == "summary":
        summary = topic.get("summary") if isinstance(topic, Mapping) else None
        return [fold(str(summary))]
    for found in topic.get("sections") or [] if isinstance(topic, Mapping) else []:
        if isinstance(found, Mapping) and found.get("id") == section:
            passages = found.get("passages")
            return [fold(str(p)) for p in passages] if isinstance(passages, list) else []
    return None


def _check_intents(
    where: Where, ask: Any, languages: list[str] | None, topic: Any
) -> Iterator[ContentError]:
    """Intents: valid unique ids, cue phrases in known languages, and answers naming a
    section (or "summary") that exists and, after "#", words one of its passages holds."""
    paths: list[ValuePath] = []
    ids: list[str] = []
    for i, intent in _items(known(ask, "intents")):
        path: ValuePath = ("ask", "intents", i)
        intent_id = known(intent, "id")
        if isinstance(intent_id, str) and intent_id:
            if not ID.match(intent_id):
                yield where.value((*path, "id"), f"'{intent_id}' {_BAD_ID}")
            paths.append((*path, "id"))
            ids.append(intent_id)
        cues = known(intent, "cues")
        if isinstance(cues, Mapping):
            for language, phrases in cues.items():
                if languages is not None and language not in languages:
                    yield where.key(
                        (*path, "cues", language),
                        f"'{language}' is not one of the bundle's languages "
                        f"({', '.join(languages)})",
                    )
                for j, phrase in _items(phrases):
                    if _empty(phrase):
                        yield where.value((*path, "cues", language, j), "a cue must not be empty")
        if known(intent, "lower_unless_asked") is True and languages is not None:
            # its passages rank lower for every question that has none of its cues: a
            # language without cues could never ask for them
            missing = [
                language
                for language in languages
                if not isinstance(cues, Mapping)
                or not any(isinstance(c, str) and c.strip() for _, c in _items(cues.get(language)))
            ]
            if missing:
                yield where.key(
                    (*path, "lower_unless_asked"),
                    f"give this intent cues in {', '.join(missing)} too: its passages rank "
                    "lower for any question without one of its cues",
                )
        answers = known(intent, "answers")
        if isinstance(answers, tuple | list) and not answers:
            yield where.value((*path, "answers"), "name at least one section")
        for j, answer in _items(answers):
            if not isinstance(answer, str) or not isinstance(topic, Mapping):
                continue
            section, _, words = answer.partition("#")
            texts = _passage_texts(topic, section)
            if texts is None:
                yield where.value((*path, "answers", j), f"no section has the id '{section}'")
            elif words and not any(fold(words) in text for text in texts):
                yield where.value(
                    (*path, "answers", j),
                    f"no passage of '{section}' holds the words '{words}'",
                )
    yield from _check_ids(where, paths, ids, "intent id")


def _check_restates(
    where: Where, path: ValuePath, answer: Any, section: str | None, topic: Mapping[str, Any]
) -> Iterator[ContentError]:
    """A curated answer restates its section (or the summary): at each level and language
    it cites nothing that its section's passages there do not cite."""
    if section is None:
        sources: list[Any] = [topic.get("summary")]
        name = "the topic's short answer"
    else:
        found = next(
            (
                s
                for s in topic.get("sections") or []
                if isinstance(s, Mapping) and s.get("id") == section
            ),
            None,
        )
        if found is None:
            return
        passages = found.get("passages")
        sources = list(passages) if isinstance(passages, list) else []
        name = f"its section '{section}'"
    text = known(answer, "answer")
    if not isinstance(text, Mapping):
        return
    for level, by_language in text.items():
        for language, words in _by_language(by_language):
            allowed = {
                number
                for source in sources
                if isinstance(source, Mapping)
                for lang, passage in _by_language(source.get(level))
                if lang == language or lang is None or language is None  # one string: any
                for number in _cited(passage)
            }
            extra = sorted(set(_cited(words)) - allowed)
            if extra:
                where_ = (
                    (*path, "answer", level)
                    if language is None
                    else (*path, "answer", level, language)
                )
                cited = ", ".join(map(str, extra))
                yield where.value(
                    where_,
                    f"this answer cites [{cited}], which {name} does not cite at this level"
                    " and language; a curated answer only restates what it links to",
                )


def _by_language(value: Any) -> list[tuple[str | None, str]]:
    """A text written once (None: the bundle's language) or per language, as pairs."""
    if isinstance(value, str):
        return [(None, value)]
    if isinstance(value, Mapping):
        return [(k, v) for k, v in value.items() if isinstance(k, str) and isinstance(v, str)]
    return []


# -- warning signs ---------------------------------------------------------------------

_NEEDS_POINTER = ("emergency", "urgent")
"""Tiers whose words in a section's text need the section to point to the sign."""


def _sign_ids(signs: Any) -> list[str] | None:
    ids = [known(sign, "id") for _, sign in _items(signs)]
    return [i for i in ids if isinstance(i, str)] if all(isinstance(i, str) for i in ids) else None


def check_signs(
    where: Where, signs: Any, languages: list[str] | None, raw_signs: Any = None
) -> Iterator[ContentError]:
    """Ids, sources and words of the warning signs; one sign never has two tiers."""
    first: dict[str, tuple[ValuePath, Any]] = {}
    for i, sign in _items(signs):
        path: ValuePath = ("signs", i)
        sign_id, tier = known(sign, "id"), known(sign, "tier")
        if _empty(sign_id):
            yield where.value((*path, "id"), "the sign id must not be empty")
        elif isinstance(sign_id, str):
            if not ID.match(sign_id):
                yield where.value((*path, "id"), f"'{sign_id}' {_BAD_ID}")
            if sign_id in first:
                earlier_path, earlier_tier = first[sign_id]
                line = where.value((*earlier_path, "id"), "").line
                if tier is not UNKNOWN and earlier_tier is not UNKNOWN and tier != earlier_tier:
                    yield where.value(
                        (*path, "tier"),
                        f"the warning sign '{sign_id}' is given two tiers: '{tier}' here and "
                        f"'{earlier_tier}' at line {line}; one sign has one tier (the safer "
                        "one, if its sources differ)",
                    )
                else:
                    yield where.value(
                        (*path, "id"), f"duplicate sign id '{sign_id}' (first at line {line})"
                    )
            else:
                first[sign_id] = (path, tier)
        sources = known(sign, "sources")
        if isinstance(sources, tuple | list) and not sources and tier not in (UNKNOWN, "emergency"):
            raw_sign = raw_signs[i] if isinstance(raw_signs, list) and i < len(raw_signs) else None
            given = isinstance(raw_sign, Mapping) and "sources" in raw_sign
            yield where.value(
                (*path, "sources") if given else (*path, "id"),
                "a warning sign needs its sources: add sources: [n] with the numbers of the "
                "references that give this advice",
            )
        words = known(sign, "words")
        if isinstance(words, Mapping):
            for language, items in words.items():
                if languages is not None and language not in languages:
                    yield where.key(
                        (*path, "words", language),
                        f"'{language}' is not one of the bundle's languages "
                        f"({', '.join(languages)})",
                    )
                for j, word in _items(items):
                    if _empty(word) or (isinstance(word, str) and not fold(word).strip()):
                        yield where.value((*path, "words", language, j), "the word is empty")


def _sign_pattern(words: Any) -> re.Pattern[str] | None:
    """A pattern for any of ``words`` as whole words, over folded text."""
    folded = sorted(
        {fold(w).strip() for w in words if isinstance(w, str) and fold(w).strip()},
        key=len,
        reverse=True,
    )
    if not folded:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in folded) + r")(?!\w)")


def _check_section_signs(
    where: Where,
    topic: Any,
    raw_topic: Any,
    signs: Any,
    sign_ids: list[str] | None,
    languages: list[str] | None,
) -> Iterator[ContentError]:
    """A section's ``signs:`` name known signs; and a section whose text speaks of an
    urgent or emergency sign (one of its ``words``) points to it, so that self-care text
    never covers a warning sign without its card."""
    patterns: dict[str, dict[str, tuple[str, re.Pattern[str]]]] = {}
    for _, sign in _items(signs):
        sign_id, tier, words = known(sign, "id"), known(sign, "tier"), known(sign, "words")
        if isinstance(sign_id, str) and tier in _NEEDS_POINTER and isinstance(words, Mapping):
            for language, items in words.items():
                pattern = _sign_pattern(items if isinstance(items, tuple | list) else ())
                if pattern is not None:
                    patterns.setdefault(str(language), {})[sign_id] = (str(tier), pattern)
    raw_sections = raw_topic.get("sections") if isinstance(raw_topic, Mapping) else None
    first_language = languages[0] if languages else None  # of a text given as one string
    for i, section in _items(known(topic, "sections")):
        pointed = known(section, "signs")
        pointed_ids = [s for _, s in _items(pointed) if isinstance(s, str)]
        for j, sign_id in _items(pointed):
            if isinstance(sign_id, str) and sign_ids is not None and sign_id not in sign_ids:
                yield where.value(
                    ("topic", "sections", i, "signs", j),
                    f"no warning sign has the id '{sign_id}'"
                    + (
                        suggest(sign_id, sign_ids, what="the signs (signs:) are")
                        if sign_ids
                        else "; define it under signs: (e.g. in safety.yaml)"
                    ),
                )
        raw_section = (
            raw_sections[i] if isinstance(raw_sections, list) and i < len(raw_sections) else None
        )
        passages = raw_section.get("passages") if isinstance(raw_section, Mapping) else None
        reported: set[str] = set()
        for j, passage in enumerate(passages if isinstance(passages, list) else []):
            for text_path, text in _strings(passage, ("topic", "sections", i, "passages", j)):
                last = str(text_path[-1])
                language = last if languages is None or last in languages else first_language
                for sign_id, (tier, pattern) in patterns.get(language or "", {}).items():
                    if sign_id in pointed_ids or sign_id in reported:
                        continue
                    found = pattern.search(fold(text))
                    if found:
                        reported.add(sign_id)
                        yield where.value(
                            text_path,
                            f"this passage speaks of '{found.group(0)}', a word of the "
                            f"{tier} warning sign '{sign_id}', but its section does not point "
                            f"to it: add {sign_id} to the section's signs: (its card then "
                            "comes first), or reword",
                        )


# -- warnings: what an editor should look at, though the bundle loads ---------------------


def stem_clashes(bundle: Bundle) -> Iterator[tuple[ValuePath, str]]:
    """The one-word synonyms and medicine names of the bundle's ``ask`` part that share
    their stem with a word of the passages that they would hide, each as (its path in
    the ``ask`` part's file, a message).

    The question box reads a synonym by its stem, so that "cramping" finds "cramp": a
    visitor's word whose stem is the synonym's is searched as what the synonym means.
    When a word the passages use has that stem too, a visitor who types that very word
    is searched for the synonym's meaning instead, and a passage that says the word but
    not the meaning is missed: "calfs" (meaning "calves") read every "calf" as "calves",
    "partido" read "parte" as "ejercicio", "funciona" read "función" as "sirva". The fix
    is a spelling (matched as typed), a longer phrase ("hacer pesas", not "pesas":
    "peso"), or no entry. A text that also says what the synonym means is found either
    way, and a word the entry lists itself is read as its meaning on purpose ("runs" in
    an entry of sports meaning "exercise"): neither is reported.

    The texts are what a reader sees and the search indexes: each passage (and the
    topic's summary, and each curated answer) at each level, with its title.
    """
    ask = bundle.document.ask
    if ask is None:
        return
    for language in bundle.languages:
        stem = stemmer(base_language(language))
        # each text's words (a passage at one level, with its title)
        passages = [
            {word for text in texts for word in tokens(fold(plain_text(text)))}
            for texts in _searched(bundle, language)
        ]
        stems = [{stem(word) for word in words} for words in passages]
        for part, listed in (("synonyms", "words"), ("medicines", "names")):
            entries: Sequence[Any] = getattr(ask, part).get(language, ())
            for i, entry in enumerate(entries):
                means = str(entry.means)
                meant = {stem(word) for word in tokens(fold(means))}
                phrases: Sequence[str] = getattr(entry, listed)
                # the entry's own words are read as its meaning on purpose
                own = {word for phrase in phrases for word in tokens(fold(phrase))}
                for j, phrase in enumerate(phrases):
                    words = tokens(fold(phrase))
                    if len(words) != 1:
                        continue
                    read = stem(words[0])
                    hidden = {
                        word
                        for said, their in zip(passages, stems, strict=True)
                        if read in their and not meant & their
                        for word in said
                        if stem(word) == read and word not in own
                    }
                    if not hidden:
                        continue
                    quoted = ", ".join(f"'{w}'" for w in sorted(hidden))
                    yield (
                        ("ask", part, language, i, listed, j),
                        f"'{phrase}' is read by its stem '{read}', which the passages' "
                        f"{quoted} share: a visitor who types {quoted} would be searched "
                        f"for '{means}', and the passages that say it but not '{means}' "
                        "missed; make it a spelling (matched as typed) or a longer "
                        f"phrase, leave it out, or list {quoted} here if that is meant",
                    )


def _searched(bundle: Bundle, language: str) -> Iterator[list[str]]:
    """The texts of each document the question box searches, in ``language``: a
    passage at every level with its section's title, the summary with the topic's
    title, a curated answer with its section's title (or the topic's)."""
    topic = bundle.topic

    def texts(title: LevelText, body: LevelText) -> Iterator[list[str]]:
        for level in body:
            yield [bundle.level_text(v, str(level), language) for v in (title, body)]

    yield from texts(topic.title, topic.summary)
    for section in topic.sections:
        for passage in section.passages:
            yield from texts(section.title, passage)
    ask = bundle.document.ask
    for answer in ask.answers if ask is not None else ():
        linked = bundle.section(answer.section) if answer.section else None
        yield from texts(linked.title if linked is not None else topic.title, answer.answer)
