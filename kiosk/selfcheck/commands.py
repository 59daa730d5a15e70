"""The self-check commands of ``kiosk`` (no screen, no Qt)::

    kiosk fhir questionnaire [BUNDLE] [--level L] [--locale X]
        print the bundle's self-check as a FHIR R4 Questionnaire (JSON)
    kiosk selfcheck --answers FILE.yaml [BUNDLE] [--level L] [--locale X]
                    [--format text|json|fhir]
        evaluate a file of answers (see kiosk.selfcheck.answers) the way the app would:
        urgent advice first, then the factors that may be contributing and why

BUNDLE is a bundle folder, or the id of a bundle in the content folder; by default the
first topic of the content folder in the clinic's order. The content folder is the one
every command uses (:func:`kiosk.settings.content_root`: ``--content``, then the
settings file's ``content:``, then the default).

:func:`register` adds both to the main parser's subparsers; each sets ``handler`` so
the main command runs ``args.handler(args)``, which returns the exit code: 0 ok,
1 content problems (a bundle or answers file with errors, or no self-check),
2 usage error. Documents go to standard output, problems to standard error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.registry import DEFAULT_LEVEL, LEVELS
from kiosk.selfcheck.fhir import plain_words

if TYPE_CHECKING:
    from kiosk.content.model import Bundle
    from kiosk.selfcheck.engine import Answer, Evaluation, Reason
    from kiosk.selfcheck.report import Report, Said

__all__ = [
    "add_bundle_argument",
    "load_bundle_argument",
    "register",
    "run_fhir_questionnaire",
    "run_selfcheck",
]

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json", "fhir")


def register(subparsers: Any) -> None:
    """Add ``fhir questionnaire`` and ``selfcheck`` to ``subparsers`` (of argparse)."""
    fhir = subparsers.add_parser("fhir", help="export the self-check as HL7 FHIR R4")
    fhir_commands = fhir.add_subparsers(dest="fhir_command", metavar="DOCUMENT", required=True)
    questionnaire = fhir_commands.add_parser(
        "questionnaire", help="print the self-check as a FHIR R4 Questionnaire (JSON)"
    )
    _common(questionnaire)
    questionnaire.set_defaults(handler=run_fhir_questionnaire)

    check = subparsers.add_parser(
        "selfcheck", help="evaluate a file of self-check answers without a screen"
    )
    check.add_argument(
        "--answers",
        type=Path,
        required=True,
        metavar="FILE",
        help="YAML file: question id -> answer (a list of option ids for a multiple choice)",
    )
    _common(check)
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, or fhir (a QuestionnaireResponse)",
    )
    check.set_defaults(handler=run_selfcheck)


def add_bundle_argument(parser: argparse.ArgumentParser) -> None:
    """The optional BUNDLE folder that :func:`load_bundle_argument` reads."""
    parser.add_argument(
        "bundle",
        nargs="?",
        type=Path,
        metavar="BUNDLE",
        help="bundle folder or id (default: the content folder's first topic)",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    add_bundle_argument(parser)
    parser.add_argument(
        "--level",
        choices=LEVELS.codes,
        help=f"reading level (default: {DEFAULT_LEVEL}, if the bundle has it)",
    )
    parser.add_argument("--locale", metavar="X", help="content language (default: the first)")


# -- the handlers --------------------------------------------------------------------


def run_fhir_questionnaire(args: argparse.Namespace) -> int:
    """``kiosk fhir questionnaire``: print the Questionnaire; return the exit code."""
    from kiosk.selfcheck.fhir import questionnaire

    name = "kiosk fhir questionnaire"
    loaded = _load(args, name)
    if isinstance(loaded, int):
        return loaded
    bundle, level, language = loaded
    _write_json(questionnaire(bundle, level, language))
    return EXIT_OK


def run_selfcheck(args: argparse.Namespace) -> int:
    """``kiosk selfcheck``: evaluate the answers file; return the exit code."""
    from kiosk.content.errors import BundleError
    from kiosk.selfcheck.answers import load_answers
    from kiosk.selfcheck.engine import SelfCheckEngine
    from kiosk.selfcheck.fhir import questionnaire_response, selfcheck_of

    name = "kiosk selfcheck"
    answers_path: Path = args.answers
    if not answers_path.is_file():
        _fail(name, f"{answers_path}: no such file")
        return EXIT_USAGE
    loaded = _load(args, name)
    if isinstance(loaded, int):
        return loaded
    bundle, level, language = loaded
    selfcheck = selfcheck_of(bundle)
    try:
        answers = load_answers(answers_path, selfcheck)
    except BundleError as exc:
        print(exc.report(), file=sys.stderr)
        _fail(name, f"{answers_path}: {len(exc.errors)} problem(s)")
        return EXIT_CONTENT
    if args.format == "fhir":
        now = datetime.datetime.now(datetime.UTC)
        _write_json(questionnaire_response(bundle, answers, now, level, language))
        return EXIT_OK
    evaluation = SelfCheckEngine(selfcheck, bundle.signs).evaluate(answers)
    report = _Report(bundle, level, language)
    if args.format == "json":
        _write_json(report.json(evaluation, answers))
    else:
        sys.stdout.write(report.text(evaluation, answers))
    return EXIT_OK


def _fail(name: str, message: str) -> None:
    print(f"{name}: {message}", file=sys.stderr)


def _write_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def load_bundle_argument(args: argparse.Namespace, name: str) -> Bundle | int:
    """The bundle a command names (``BUNDLE``: a folder, or the id of a bundle in the
    content folder; else the content folder's first topic in the clinic's order), or the
    exit code after saying what is wrong on standard error as ``name: ...``."""
    loaded = load_topic_argument(args, name)
    return loaded if isinstance(loaded, int) else loaded[0]


def load_topic_argument(args: argparse.Namespace, name: str) -> tuple[Bundle, list[Bundle]] | int:
    """:func:`load_bundle_argument`, with the library's topics the app would show beside
    it (just the bundle when ``BUNDLE`` is a folder of its own)."""
    from kiosk.content import BundleError, load_bundle, load_library
    from kiosk.settings import content_root

    try:
        root = content_root(getattr(args, "content", None), getattr(args, "config", None))
    except BundleError as exc:
        print(exc.report(), file=sys.stderr)
        _fail(name, "fix the settings file above")
        return EXIT_CONTENT
    folder: Path | None = getattr(args, "bundle", None)
    if folder is None or not folder.is_dir():
        library = load_library(root)
        if folder is not None:
            entry = library.entry(str(folder))
            if entry is None or len(folder.parts) != 1:
                _fail(name, f"{folder}: no such folder, and no bundle with that id in {root}/")
                return EXIT_USAGE
        elif not library.entries:
            _fail(name, f"no bundles found under {root}/; name a bundle folder")
            return EXIT_USAGE
        else:
            entry = library.entries[0]
        folder = entry.folder
        if entry.bundle is not None and not entry.errors:
            return entry.bundle, library.topics
    try:
        bundle = load_bundle(folder)
        return bundle, [bundle]
    except BundleError as exc:
        print(exc.report(), file=sys.stderr)
        _fail(name, f"{folder}: {len(exc.errors)} problem(s)")
        return EXIT_CONTENT


def _load(args: argparse.Namespace, name: str) -> tuple[Bundle, str, str | None] | int:
    """The bundle with a self-check, the level and the language; or the exit code."""
    from kiosk.selfcheck.fhir import check_level_and_language

    bundle = load_bundle_argument(args, name)
    if isinstance(bundle, int):
        return bundle
    folder = bundle.folder
    if bundle.document.selfcheck is None:
        _fail(
            name,
            f"{folder}: the bundle '{bundle.id}' has no self-check; "
            "add a 'selfcheck:' part (e.g. in selfcheck.yaml)",
        )
        return EXIT_CONTENT
    levels = [str(x) for x in bundle.reading_levels]
    level: str = args.level or (DEFAULT_LEVEL if DEFAULT_LEVEL in levels else levels[0])
    language: str | None = args.locale
    try:
        check_level_and_language(bundle, level, language)
    except ValueError as exc:
        _fail(name, str(exc))
        return EXIT_USAGE
    return bundle, level, language


def _hang(first: str, text: str) -> str:
    """``text`` after ``first``; its further lines indented to line up under it."""
    indent = "\n" + " " * len(first)
    return first + indent.join(text.splitlines())


class _Report:
    """An evaluation as text for content editors, or as JSON for scripts."""

    def __init__(self, bundle: Bundle, level: str, language: str | None) -> None:
        self.bundle = bundle
        self.level = level
        self.language = language

    def words(self, value: Any) -> str:
        from kiosk.selfcheck.fhir import plain

        return plain(self.bundle, value, self.level, self.language)

    def because(self, report: Report, lines: tuple[Said, ...]) -> list[str]:
        said = report.words.because
        return [
            f"{said} {plain_words(line.question)} — {', '.join(line.answers) or '(none)'}"
            for line in lines
        ]

    def section_title(self, section_id: str) -> str:
        section = self.bundle.section(section_id)
        return section_id if section is None else self.words(section.title)

    def source(self, number: int) -> str:
        reference = self.bundle.reference(number)
        if reference is None:
            return f"[{number}]"
        publisher = f" ({reference.publisher})" if reference.publisher else ""
        title = self.bundle.text(reference.title, self.language)
        return f"[{number}] {title}{publisher}"

    @staticmethod
    def ignored(evaluation: Evaluation, answers: dict[str, Answer]) -> list[str]:
        """Answered questions that do not count: not shown, given the other answers."""
        return [q for q in answers if q not in evaluation.answers]

    def report(self, evaluation: Evaluation) -> Report:
        """The one report (the screen's and the handout's), its words in the language."""
        from kiosk.content.words import ts_translator
        from kiosk.safety import CONTEXT as SAFETY
        from kiosk.safety import Place
        from kiosk.selfcheck.report import CONTEXT, build_report

        language = self.language or self.bundle.languages[0]
        translate = ts_translator(language, CONTEXT)
        return build_report(
            self.bundle,
            evaluation,
            self.level,
            language,
            translate,
            place=Place.LAPTOP,
            translate_safety=ts_translator(language, SAFETY),
        )

    def text(self, evaluation: Evaluation, answers: dict[str, Answer]) -> str:
        selfcheck = self.bundle.document.selfcheck
        assert selfcheck is not None
        metadata = self.bundle.metadata
        language = self.language or self.bundle.languages[0]
        lines = [
            f"{self.words(selfcheck.title)} — {metadata.id} {metadata.version} "
            f"({self.level}, {language})",
            f"{len(evaluation.answers)} answer(s) count, {len(evaluation.asked)} question(s) shown",
        ]
        for question_id in self.ignored(evaluation, answers):
            lines.append(
                f"note: '{question_id}' is not shown with these answers; its answer is ignored"
            )
        lines.append("")
        report = self.report(evaluation)
        if report.urgent:
            lines.append("WARNING SIGNS (most urgent first)")
            for tier in report.by_tier():  # one block per tier, as on the screen
                look = tier.look
                lines.append(f"- {look.icon} {look.label.upper()}: {look.heading}")
                lines.append(_hang("  ", tier.action))
                for item in tier.signs:
                    lines.append(
                        _hang("  * ", f"{plain_words(item.name)}: {plain_words(item.advice)}")
                    )
                    if item.unsure:
                        lines.append(_hang("    ", item.action))
                    for number in item.sources:
                        lines.append(f"    source: {self.source(number)}")
                    lines.extend("    " + line for line in self.because(report, item.because))
        else:
            lines.append("No warning sign in these answers.")
        lines.append("")
        if report.factors:
            lines.append("MAY BE CONTRIBUTING")
            for factor in report.factors:
                lines.append(_hang("- ", f"{plain_words(factor.name)} ({factor.id})"))
                lines.extend("  " + line for line in self.because(report, factor.because))
                sections = ", ".join(f"{self.section_title(s)} ({s})" for s in factor.section_ids)
                lines.append(f"  read more: {sections}")
                lines.append(_hang(f"  {report.words.may_help} ", plain_words(factor.helps)))
        else:
            lines.append("No factors matched these answers.")
        return "\n".join(lines) + "\n"

    def json(self, evaluation: Evaluation, answers: dict[str, Answer]) -> dict[str, Any]:
        def value(answer: Answer) -> str | list[str]:
            return list(answer) if isinstance(answer, tuple) else answer

        def because(reasons: tuple[Reason, ...]) -> list[dict[str, Any]]:
            return [{"question": r.question.id, "answer": value(r.answer)} for r in reasons]

        metadata = self.bundle.metadata
        return {
            "bundle": metadata.id,
            "version": metadata.version,
            "level": self.level,
            "language": self.language or self.bundle.languages[0],
            "asked": [q.id for q in evaluation.asked],
            "answers": {k: value(v) for k, v in evaluation.answers.items()},
            "ignored": self.ignored(evaluation, answers),
            "urgent": [
                {
                    "id": f.sign.id,
                    "tier": f.sign.tier.value,
                    "unsure": f.unsure,
                    "name": self.words(f.sign.name),
                    "advice": self.words(f.sign.advice),
                    "sources": list(f.sign.sources),
                    "because": because(f.because),
                }
                for f in evaluation.urgent
            ],
            "factors": [
                {
                    "id": f.factor.id,
                    "name": self.words(f.factor.name),
                    "sections": list(f.factor.sections),
                    "helps": self.words(f.factor.helps),
                    "because": because(f.because),
                }
                for f in evaluation.factors
            ],
        }
