"""Readability lint: a report per passage and the limits patient text must meet.

English patient text is scored with the Flesch-Kincaid grade (lower is easier): each
section as a whole at grade 6 or lower, no single passage above grade 8; each curated
answer of the question box (the ``ask`` part) at grade 6 or lower. Spanish
patient text is scored with Szigriszt-Pazos (INFLESZ; higher is easier): 65 or more,
"bastante fácil". Clinician text is reported, never failed. Scores come from textstat.

:func:`lint_problems` locates each failure at ``file:line:col`` like a content error: a
loaded bundle keeps no positions, so it reads the topic's file again (lint is not a
hot path).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.content.errors import ContentError
from kiosk.content.markup import citations, plain_text
from kiosk.content.model import Bundle, LevelText, ReadingLevel, Section

if TYPE_CHECKING:
    from kiosk.content._yaml import Locations

__all__ = ["LintRow", "lint_bundle", "lint_problems", "render_table"]

SECTION_MAX_GRADE = 6.0
PASSAGE_MAX_GRADE = 8.0
SPANISH_MIN_EASE = 65.0


@dataclass(frozen=True, slots=True)
class LintRow:
    """One passage (or, with ``passage`` None, one whole section) at one level and language."""

    section: str
    passage: int | None
    level: str
    language: str
    score: float
    metric: str
    words: int
    cites: tuple[int, ...]
    problem: str | None = None


def _score(text: str, language: str) -> tuple[float, str]:
    import textstat

    if language.startswith("es"):
        textstat.set_lang("es")
        return float(textstat.szigriszt_pazos(text)), "INFLESZ"
    textstat.set_lang("en_US")
    return float(textstat.flesch_kincaid_grade(text)), "FK grade"


def _too_hard(score: float, metric: str, whole_section: bool) -> str | None:
    if metric == "INFLESZ":
        return None if score >= SPANISH_MIN_EASE else f"below {SPANISH_MIN_EASE:g} (too hard)"
    limit = SECTION_MAX_GRADE if whole_section else PASSAGE_MAX_GRADE
    return None if score <= limit else f"above grade {limit:g}"


def _groups(bundle: Bundle) -> Iterator[tuple[str, list[LevelText]]]:
    yield "summary", [bundle.topic.summary]
    section: Section
    for section in bundle.topic.sections:
        yield section.id, list(section.passages)


ASK_PREFIX = "ask:"  # a curated answer's rows are named "ask:<its id>"


def lint_bundle(bundle: Bundle) -> list[LintRow]:
    """Score every passage at every level and language, and each section as a whole;
    then each curated answer of the question box, as a whole (the section limits)."""
    rows: list[LintRow] = []
    ask = bundle.document.ask
    for level in bundle.reading_levels:
        for language in bundle.languages:
            for name, passages in _groups(bundle):
                texts = [bundle.level_text(p, level, language) for p in passages]
                plains = [plain_text(t) for t in texts]
                for i, (text, plain) in enumerate(zip(texts, plains, strict=True), start=1):
                    rows.append(_row(name, i, level, language, text, plain, whole=False))
                rows.append(
                    _row(
                        name, None, level, language, "\n".join(texts), "\n".join(plains), whole=True
                    )
                )
            for answer in ask.answers if ask is not None else ():
                text = bundle.level_text(answer.answer, level, language)
                rows.append(_row(ASK_PREFIX + answer.id, None, level, language, text,
                                 plain_text(text), whole=True))  # fmt: skip
    return rows


def _row(
    section: str,
    passage: int | None,
    level: str,
    language: str,
    text: str,
    plain: str,
    *,
    whole: bool,
) -> LintRow:
    score, metric = _score(plain, language)
    problem = _too_hard(score, metric, whole) if level == ReadingLevel.PATIENT else None
    cites = tuple(sorted({n for n, _ in citations(text)}))
    return LintRow(
        section,
        passage,
        str(level),
        language,
        round(score, 1),
        metric,
        len(plain.split()),
        cites,
        problem,
    )


def render_table(bundle_id: str, rows: list[LintRow]) -> str:
    lines = [
        f"{bundle_id}",
        f"  {'section':<30}{'passage':>8}  {'level':<10}{'lang':<5}"
        f"{'score':>7}  {'metric':<9}{'words':>6}  {'cites':<10} result",
    ]
    for row in rows:
        which = "all" if row.passage is None else str(row.passage)
        cites = ",".join(map(str, row.cites)) or "-"
        verdict = f"FAIL: {row.problem}" if row.problem else "ok"
        lines.append(
            f"  {row.section:<30}{which:>8}  {row.level:<10}{row.language:<5}"
            f"{row.score:>7.1f}  {row.metric:<9}{row.words:>6}  {cites:<10} {verdict}"
        )
    return "\n".join(lines)


def lint_problems(bundle: Bundle, rows: list[LintRow]) -> list[ContentError]:
    """Each failing row as a located error: at the passage's text, or for a section as a
    whole at its ``passages:`` key (for the summary, at ``summary:``)."""
    from kiosk.content.loader import display_path

    failing = [row for row in rows if row.problem]
    if not failing:
        return []
    locations = _part_locations(bundle, "topic")
    index = {section.id: i for i, section in enumerate(bundle.topic.sections)}
    problems = []
    for row in failing:
        if row.section.startswith(ASK_PREFIX):
            problems.append(_ask_problem(bundle, row))
            continue
        if row.section == "summary":
            base: tuple[str | int, ...] = ("topic", "summary")
            whole = base
        else:
            whole = ("topic", "sections", index.get(row.section, 0), "passages")
            base = whole
        which = "section as a whole" if row.passage is None else f"passage {row.passage}"
        message = (
            f"{row.section} {which} ({row.level}, {row.language}): "
            f"{row.metric} {row.score:g} is {row.problem}"
        )
        if locations is None:
            problems.append(ContentError.at_file(display_path(bundle.folder) + "/", message))
        elif row.passage is None:
            problems.append(locations.error_at_key(whole, message))
        else:
            if row.section != "summary":
                base = (*base, row.passage - 1)
            problems.append(locations.error_at_value((*base, row.level, row.language), message))
    return sorted(problems)


def _ask_problem(bundle: Bundle, row: LintRow) -> ContentError:
    """A curated answer too hard to read, at its text in the file of the ``ask`` part."""
    from kiosk.content.loader import display_path

    answer_id = row.section.removeprefix(ASK_PREFIX)
    message = (
        f"curated answer '{answer_id}' ({row.level}, {row.language}): "
        f"{row.metric} {row.score:g} is {row.problem}"
    )
    ask = bundle.document.ask
    ids = [answer.id for answer in ask.answers] if ask is not None else []
    locations = _part_locations(bundle, "ask")
    if locations is None or answer_id not in ids:
        return ContentError.at_file(display_path(bundle.folder) + "/", message)
    path = ("ask", "answers", ids.index(answer_id), "answer", row.level, row.language)
    return locations.error_at_value(path, message)


def _part_locations(bundle: Bundle, part: str) -> Locations | None:
    """The positions in the file that holds the bundle's ``part`` ("topic", "ask")."""
    from kiosk.content._yaml import read_yaml
    from kiosk.content.loader import bundle_files, display_path

    for path in bundle_files(bundle.folder):
        read = read_yaml(path, display_path(path))
        if isinstance(read.data, dict) and part in read.data:
            return read.locations
    return None
