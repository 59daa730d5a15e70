"""Readability lint: a report per text and the limits patient text must meet.

English patient text is scored with the Flesch-Kincaid grade (lower is easier): each
section as a whole at grade 6 or lower, no single passage above grade 8. Spanish patient
text is scored with Szigriszt-Pazos (INFLESZ; higher is easier): 65 or more, "bastante
fácil", for each passage and each section. Every other text a patient reads is scored as
a whole at the section limits: each curated answer of the question box (the ``ask``
part), and the self-check's intro, each question (its text, help and answers together, as
one screen shows them), each red flag's advice and each factor (its name and what helps),
and each figure's alt text (its caption on screen and on paper, one per language).
Clinician text is reported, never failed. Syllables are counted by
:mod:`kiosk.content.readability` (a pronouncing dictionary for English, the rules of
Spanish spelling), not by hyphenation.

:func:`lint_problems` locates each failure at ``file:line:col`` like a content error: a
loaded bundle keeps no positions, so it reads the part's file again (lint is not a hot
path).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.content.errors import ContentError
from kiosk.content.markup import citations, plain_text
from kiosk.content.model import Bundle, LevelText, Section
from kiosk.content.readability import count_text, flesch_kincaid_grade, szigriszt_pazos
from kiosk.content.registry import LANGUAGES, LEVELS

if TYPE_CHECKING:
    from kiosk.content._yaml import Locations

__all__ = ["LintRow", "content_warnings", "lint_bundle", "lint_problems", "render_table"]

SECTION_MAX_GRADE = 6.0
PASSAGE_MAX_GRADE = 8.0
SPANISH_MIN_EASE = 65.0

ValuePath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LintRow:
    """One passage (or, with ``passage`` None, one whole section or other text) at one
    level and language.

    ``part`` names the bundle part whose file holds the text ("topic", "ask",
    "selfcheck"); ``path`` leads to it in that file (to the passage's text, or to the key
    of a section's ``passages:``), so a failure can be located there.
    """

    section: str
    passage: int | None
    level: str
    language: str
    score: float
    metric: str
    words: int
    cites: tuple[int, ...]
    problem: str | None = None
    part: str = "topic"
    path: ValuePath = ()
    label: str = ""


def _score(text: str, language: str) -> tuple[float, str]:
    counts = count_text(text, language)
    if LANGUAGES.best(language).readability == "INFLESZ":
        return szigriszt_pazos(counts), "INFLESZ"
    return flesch_kincaid_grade(counts), "FK grade"


def _too_hard(score: float, metric: str, whole_section: bool) -> str | None:
    if metric == "INFLESZ":
        return None if score >= SPANISH_MIN_EASE else f"below {SPANISH_MIN_EASE:g} (too hard)"
    limit = SECTION_MAX_GRADE if whole_section else PASSAGE_MAX_GRADE
    return None if score <= limit else f"above grade {limit:g}"


def _groups(bundle: Bundle) -> Iterator[tuple[str, list[LevelText], ValuePath]]:
    yield "summary", [bundle.topic.summary], ("topic", "summary")
    section: Section
    for i, section in enumerate(bundle.topic.sections):
        yield section.id, list(section.passages), ("topic", "sections", i, "passages")


@dataclass(frozen=True, slots=True)
class _Whole:
    """A text scored as a whole: its row name, its label in messages, the texts it joins,
    and where its main text is in the part's file."""

    name: str
    label: str
    part: str
    texts: tuple[LevelText, ...]
    path: ValuePath
    per_level: bool = True  # written once per level (else once per language, for both)


ASK_PREFIX = "ask:"  # a curated answer's rows are named "ask:<its id>"
SELFCHECK_PREFIX = "selfcheck:"  # a self-check text's rows: "selfcheck:<what>"
SIGN_PREFIX = "sign:"  # a warning sign's rows: "sign:<its id>"
FIGURE_PREFIX = "figure:"  # a figure's alt text (its caption): "figure:<asset id>"


def _wholes(bundle: Bundle) -> Iterator[_Whole]:
    """The texts other than the topic's, each scored as one whole."""
    ask = bundle.document.ask
    for i, answer in enumerate(ask.answers if ask is not None else ()):
        yield _Whole(
            ASK_PREFIX + answer.id,
            f"curated answer '{answer.id}'",
            "ask",
            (answer.answer,),
            ("ask", "answers", i, "answer"),
        )
    if ask is not None and ask.medicine_safety is not None:
        yield _Whole(
            ASK_PREFIX + "medicine-safety",
            "the medicine safety answer",
            "ask",
            (ask.medicine_safety,),
            ("ask", "medicine_safety"),
        )
    for i, sign in enumerate(bundle.signs):
        yield _Whole(
            SIGN_PREFIX + sign.id,
            f"warning sign '{sign.id}'",
            "signs",
            (sign.name, sign.advice),
            ("signs", i, "advice"),
        )
    shown = {figure.asset for section in bundle.topic.sections for figure in section.figures}
    for i, asset in enumerate(bundle.document.assets):
        if asset.id in shown and asset.alt is not None:  # a figure's caption, at every level
            yield _Whole(
                FIGURE_PREFIX + asset.id,
                f"the alt text of figure '{asset.id}'",
                "assets",
                ({str(level): asset.alt for level in bundle.reading_levels},),
                ("assets", i, "alt"),
                per_level=False,
            )
    check = bundle.document.selfcheck
    if check is None:
        return
    s = SELFCHECK_PREFIX
    yield _Whole(
        s + "intro", "self-check intro", "selfcheck", (check.intro,), ("selfcheck", "intro")
    )
    for i, question in enumerate(check.questions):
        texts = [question.text]
        if question.help is not None:
            texts.append(question.help)
        texts.extend(option.text for option in question.options)
        yield _Whole(
            s + question.id,
            f"self-check question '{question.id}'",
            "selfcheck",
            tuple(texts),
            ("selfcheck", "questions", i, "text"),
        )
    for i, factor in enumerate(check.factors):
        yield _Whole(
            s + "factor:" + factor.id,
            f"self-check factor '{factor.id}'",
            "selfcheck",
            (factor.name, factor.helps),
            ("selfcheck", "factors", i, "helps"),
        )


def lint_bundle(bundle: Bundle) -> list[LintRow]:
    """Score every passage at every level and language, and each section as a whole;
    then every other patient-facing text as a whole (curated answers, self-check texts)."""
    rows: list[LintRow] = []
    for level in bundle.reading_levels:
        for language in bundle.languages:
            for name, passages, path in _groups(bundle):
                texts = [bundle.level_text(p, level, language) for p in passages]
                plains = [plain_text(t) for t in texts]
                single = name == "summary"
                for i, (text, plain) in enumerate(zip(texts, plains, strict=True), start=1):
                    at = path if single else (*path, i - 1)
                    rows.append(
                        _row(
                            name,
                            i,
                            level,
                            language,
                            text,
                            plain,
                            whole=False,
                            part="topic",
                            path=(*at, str(level), language),
                        )
                    )
                rows.append(
                    _row(
                        name,
                        None,
                        level,
                        language,
                        "\n".join(texts),
                        "\n".join(plains),
                        whole=True,
                        part="topic",
                        path=path,
                    )
                )
            for whole in _wholes(bundle):
                texts = [bundle.level_text(t, level, language) for t in whole.texts]
                text = "\n".join(texts)
                plain = "\n".join(_sentence(plain_text(t)) for t in texts)
                at = (str(level), language) if whole.per_level else (language,)
                rows.append(
                    _row(
                        whole.name,
                        None,
                        level,
                        language,
                        text,
                        plain,
                        whole=True,
                        part=whole.part,
                        path=(*whole.path, *at),
                        label=whole.label,
                    )
                )
    return rows


def _sentence(plain: str) -> str:
    """A short text read on its own (a title, an answer button) ends its sentence."""
    return plain if not plain or plain[-1] in ".!?:" else plain + "."


def _row(
    section: str,
    passage: int | None,
    level: str,
    language: str,
    text: str,
    plain: str,
    *,
    whole: bool,
    part: str,
    path: ValuePath,
    label: str = "",
) -> LintRow:
    score, metric = _score(plain, language)
    limited = level in LEVELS and LEVELS[level].readability_limits
    problem = _too_hard(score, metric, whole) if limited else None
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
        part,
        path,
        label,
    )


def render_table(bundle_id: str, rows: list[LintRow]) -> str:
    lines = [
        f"{bundle_id}",
        f"  {'section':<40}{'passage':>8}  {'level':<10}{'lang':<5}"
        f"{'score':>7}  {'metric':<9}{'words':>6}  {'cites':<10} result",
    ]
    for row in rows:
        which = "all" if row.passage is None else str(row.passage)
        cites = ",".join(map(str, row.cites)) or "-"
        verdict = f"FAIL: {row.problem}" if row.problem else "ok"
        lines.append(
            f"  {row.section:<40}{which:>8}  {row.level:<10}{row.language:<5}"
            f"{row.score:>7.1f}  {row.metric:<9}{row.words:>6}  {cites:<10} {verdict}"
        )
    return "\n".join(lines)


def lint_problems(bundle: Bundle, rows: list[LintRow]) -> list[ContentError]:
    """Each failing row as a located error: at the passage's or other text's value, or for
    a section as a whole at its ``passages:`` key (for the summary, at ``summary:``)."""
    from kiosk.content.loader import display_path

    failing = [row for row in rows if row.problem]
    if not failing:
        return []
    files: dict[str, Locations | None] = {}
    problems = []
    for row in failing:
        if row.part not in files:
            files[row.part] = _part_locations(bundle, row.part)
        locations = files[row.part]
        if row.label:
            what = row.label
        else:
            what = f"{row.section} " + (
                "section as a whole" if row.passage is None else f"passage {row.passage}"
            )
        message = (
            f"{what} ({row.level}, {row.language}): {row.metric} {row.score:g} is {row.problem}"
        )
        if locations is None:
            problems.append(ContentError.at_file(display_path(bundle.folder) + "/", message))
        elif row.passage is None and row.part == "topic":
            problems.append(locations.error_at_key(row.path, message))
        else:
            problems.append(locations.error_at_value(row.path, message))
    return sorted(problems)


WARNING = "warning: "  # the start of a warning's message (the bundle loads all the same)


def content_warnings(bundle: Bundle) -> list[ContentError]:
    """What an editor should look at in a bundle that loads, each located at
    ``file:line:col`` like a lint failure, its message starting with ``warning: ``: the
    synonyms that hide a word of the passages (:func:`kiosk.content.checks.stem_clashes`)."""
    from kiosk.content.checks import stem_clashes
    from kiosk.content.loader import display_path

    found = list(stem_clashes(bundle))
    if not found:
        return []
    locations = _part_locations(bundle, "ask")
    if locations is None:
        at = display_path(bundle.folder) + "/"
        return sorted(ContentError.at_file(at, WARNING + message) for _, message in found)
    return sorted(locations.error_at_value(path, WARNING + message) for path, message in found)


def _part_locations(bundle: Bundle, part: str) -> Locations | None:
    """The positions in the file that holds the bundle's ``part`` ("topic", "ask"...)."""
    from kiosk.content._yaml import read_yaml
    from kiosk.content.loader import bundle_files, display_path

    for path in bundle_files(bundle.folder):
        read = read_yaml(path, display_path(path))
        if isinstance(read.data, dict) and part in read.data:
            return read.locations
    return None
