"""Checks that need more than one value at a time (the model's types are already right).

Each check yields located :class:`ContentError` records; the loader runs them all so
an editor sees every problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kiosk.content._validate import suggest
from kiosk.content._yaml import Locations, ValuePath
from kiosk.content.errors import ContentError
from kiosk.content.markup import CITATION
from kiosk.content.model import Asset, Metadata, Reference, ReviewStatus, Topic

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?\Z")


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
    metadata: Metadata | None,
    topic: Topic | None,
    references: tuple[Reference, ...] | None,
    assets: tuple[Asset, ...] | None,
    raw: Mapping[str, Any],
) -> Iterator[ContentError]:
    """Every cross-value problem among the parts that passed their type checks."""
    levels = [str(level) for level in metadata.reading_levels] if metadata else None
    languages = list(metadata.languages) if metadata else None
    if metadata is not None:
        yield from _check_metadata(where, metadata)
    if assets is not None:
        yield from _check_assets(where, folder, assets)
    if topic is not None:
        yield from _check_ids(
            where,
            [("topic", "sections", i, "id") for i in range(len(topic.sections))],
            [s.id for s in topic.sections],
            "section id",
        )
        if assets is not None:
            known = [a.id for a in assets]
            for i, section in enumerate(topic.sections):
                if section.icon is not None and section.icon not in known:
                    yield where.value(
                        ("topic", "sections", i, "icon"),
                        f"no asset has the id '{section.icon}'{suggest(section.icon, known)}",
                    )
    if levels is not None and languages is not None:
        for path, value in _level_texts(raw):
            yield from _check_level_text(where, path, value, levels, languages)
        for path, value in _texts(raw, metadata):
            yield from _check_text(where, path, value, languages)
    if topic is not None and references is not None:
        yield from _check_citations(where, raw, references)


def _check_metadata(where: Where, metadata: Metadata) -> Iterator[ContentError]:
    if not ID.match(metadata.id):
        yield where.value(
            ("metadata", "id"),
            f"'{metadata.id}' is not a valid id; use lowercase letters, digits and hyphens",
        )
    review = metadata.review
    if review.status is ReviewStatus.APPROVED:
        for key in ("reviewer", "date"):
            if getattr(review, key) is None:
                yield where.key(
                    ("metadata", "review"), f"an approved bundle needs the review's '{key}'"
                )
    if not metadata.languages:
        yield where.value(("metadata", "languages"), "list at least one language")
    for i, language in enumerate(metadata.languages):
        if not LANGUAGE.match(language):
            yield where.value(
                ("metadata", "languages", i),
                f"'{language}' is not a language code; use one such as en or es",
            )
    yield from _check_ids(
        where,
        [("metadata", "languages", i) for i in range(len(metadata.languages))],
        list(metadata.languages),
        "language",
    )
    if not metadata.reading_levels:
        yield where.value(("metadata", "reading_levels"), "list at least one reading level")
    yield from _check_ids(
        where,
        [("metadata", "reading_levels", i) for i in range(len(metadata.reading_levels))],
        [str(r) for r in metadata.reading_levels],
        "reading level",
    )


def _check_ids(
    where: Where, paths: list[ValuePath], ids: list[str], what: str
) -> Iterator[ContentError]:
    seen: dict[str, ValuePath] = {}
    for path, value in zip(paths, ids, strict=True):
        if what == "section id" and not ID.match(value):
            yield where.value(
                path, f"'{value}' is not a valid id; use lowercase letters, digits and hyphens"
            )
        if value in seen:
            first = where.value(seen[value], "")
            yield where.value(path, f"duplicate {what} '{value}' (first at line {first.line})")
        else:
            seen[value] = path


def _check_assets(where: Where, folder: Path, assets: tuple[Asset, ...]) -> Iterator[ContentError]:
    yield from _check_ids(
        where, [("assets", i, "id") for i in range(len(assets))], [a.id for a in assets], "asset id"
    )
    root = folder.resolve()
    for i, asset in enumerate(assets):
        path = ("assets", i, "path")
        target = (root / asset.path).resolve()
        if Path(asset.path).is_absolute() or not target.is_relative_to(root):
            yield where.value(
                path,
                f"the asset '{asset.path}' is outside the bundle folder; keep assets inside it",
            )
        elif not target.is_file():
            yield where.value(path, f"the asset file '{asset.path}' does not exist")


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


def _texts(raw: Mapping[str, Any], metadata: Metadata | None) -> Iterator[tuple[ValuePath, Any]]:
    """Every value written once per language (not per level)."""
    for key in ("title", "editorial_policy", "source"):
        if metadata is not None and getattr(metadata, key) is not None:
            yield ("metadata", key), raw["metadata"][key]
    for top, field in (("references", "note"), ("assets", "alt")):
        items = raw.get(top)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, Mapping) and item.get(field) is not None:
                yield (top, i, field), item[field]


def _check_level_text(
    where: Where, path: ValuePath, value: Any, levels: list[str], languages: list[str]
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
        else:
            yield from _check_text(where, (*path, level), value[level], languages)
    for key in value:
        if key not in levels:
            yield where.key(
                (*path, key), f"unknown reading level '{key}'{suggest(str(key), levels)}"
            )


def _check_text(
    where: Where, path: ValuePath, value: Any, languages: list[str]
) -> Iterator[ContentError]:
    if isinstance(value, str):
        if not value.strip():
            yield where.value(path, "the text is empty")
        for language in languages[1:]:
            yield where.value(
                path,
                f"missing the '{language}' translation; write this text "
                f"as a mapping of languages ({', '.join(languages)})",
            )
        return
    if not isinstance(value, Mapping):
        return
    for language in languages:
        text = value.get(language)
        if text is None:
            yield where.key(path, f"missing the '{language}' translation")
        elif not str(text).strip():
            yield where.value((*path, language), "the text is empty")
    for key in value:
        if key not in languages:
            yield where.key(
                (*path, key),
                f"'{key}' is not one of the bundle's languages{suggest(str(key), languages)}",
            )


def _strings(value: Any, path: ValuePath) -> Iterator[tuple[ValuePath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _strings(inner, (*path, key))


def _check_citations(
    where: Where, raw: Mapping[str, Any], references: tuple[Reference, ...]
) -> Iterator[ContentError]:
    numbers = {ref.number for ref in references}
    known = ", ".join(str(n) for n in sorted(numbers)) or "none"
    cited: set[int] = set()
    for i, ref in enumerate(references):
        if ref.number < 1:
            yield where.value(("references", i, "number"), "reference numbers start at 1")
    yield from _check_ids(
        where,
        [("references", i, "number") for i in range(len(references))],
        [str(r.number) for r in references],
        "reference number",
    )
    for path, value in _level_texts(raw):
        if path[:2] == ("metadata", "disclaimer") or path[-1] == "title":
            continue
        for text_path, text in _strings(value, path):
            found = [int(n) for m in CITATION.finditer(text) for n in m.group(1).split(",")]
            if not found:
                yield where.value(
                    text_path,
                    "this passage cites no reference; add the number "
                    "of its source in brackets, e.g. [1]",
                )
            for number in found:
                cited.add(number)
                if number not in numbers:
                    yield where.value(
                        text_path,
                        f"citation [{number}] has no reference (the references are: {known})",
                    )
    for i, ref in enumerate(references):
        if ref.number not in cited:
            yield where.value(
                ("references", i, "number"),
                f"reference {ref.number} is never cited; cite it or remove it",
            )
