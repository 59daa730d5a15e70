"""``kiosk screenshot``: every screen and dialog rendered offscreen to PNG files.

Dialogs are drawn over the dimmed screen behind them, as a visitor would see them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QWidget

    from kiosk.content import Bundle, ContentState
    from kiosk.selfcheck import Answer, SelfCheckEngine
    from kiosk.settings import Settings
    from kiosk.ui.window import MainWindow

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def run_screenshots(args: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.content import load_content
    from kiosk.settings import Settings, content_root
    from kiosk.ui.app import make_application

    try:
        width, height = (int(v) for v in args.kiosk_size.lower().split("x"))
    except ValueError:
        print("kiosk screenshot: --kiosk-size must look like 1280x800", file=sys.stderr)
        return EXIT_USAGE
    root = content_root(args.content, args.config)
    content = load_content(root, require_approved=False)
    if args.bundle is not None:
        chosen = _choose(content, args.bundle)
        if isinstance(chosen, str):
            print(f"kiosk screenshot: {chosen}", file=sys.stderr)
            return EXIT_USAGE
        content = chosen
    if content.bundle is None:
        print("\n".join(str(e) for e in content.errors), file=sys.stderr)
        print("kiosk screenshot: no content to show", file=sys.stderr)
        return EXIT_CONTENT
    make_application()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    bundle = content.bundle
    levels = [args.level] if args.level else [str(level) for level in bundle.reading_levels]
    languages = [args.locale] if args.locale else list(bundle.languages)
    if args.locale and args.locale not in bundle.languages:
        print(
            f"kiosk screenshot: the content has no '{args.locale}' "
            f"(it has: {', '.join(bundle.languages)})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    written = []
    for language in languages:
        for level in levels:
            written += list(
                _shoot(content, Settings(language=language), level, out, (width, height))
            )
    written += list(_shoot_without_content(out, (width, height)))
    for path in written:
        print(path)
    return EXIT_OK


def _choose(content: ContentState, wanted: str) -> ContentState | str:
    """``content`` showing the bundle ``wanted`` (an id or a folder), or what is wrong."""
    from dataclasses import replace

    library = content.library
    entries = library.entries if library is not None else []
    entry = next(
        (e for e in entries if wanted in (e.id, e.folder.name) or Path(wanted) == e.folder),
        None,
    )
    if entry is None:
        known = ", ".join(e.id for e in entries)
        return f"no bundle '{wanted}' in the content folder (it has: {known})"
    if entry.bundle is None:
        errors = "\n".join(str(e) for e in entry.errors)
        return f"the bundle '{wanted}' did not load:\n{errors}"
    return replace(
        content, bundle=entry.bundle, stale=entry.id in (library.stale if library else ())
    )


def _shoot(
    content: ContentState, settings: Settings, level: str, out: Path, size: tuple[int, int]
) -> Iterator[Path]:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.app import build_window
    from kiosk.ui.i18n import use_language

    use_language(settings.language)  # the UI's own words too
    # Qt's silent test engine stands in for the kiosk's speech engine, so that the
    # read-aloud button is in the pictures as a visitor sees it on a kiosk that speaks
    window = build_window(settings, content, kiosk=True, root=Path("."), speech_engine="mock")
    window.idle.stop()
    window.resize(*size)
    window.show()
    bundle = content.bundle
    assert bundle is not None
    tag = f"{level}-{settings.language}"

    def save(name: str, widget: QWidget | None = None) -> Path:
        window.resize(*size)  # as a full-screen window: it never grows past the screen
        QApplication.processEvents()
        path = out / f"{name}-{tag}.png"
        _grab(window, widget).save(str(path))
        return path

    yield save("01-welcome")
    window.go("audience")
    yield save("02-audience")
    if len(window.context.topics) > 1:
        window.go("topics")
        yield save("02-topics")
        yield from _shoot_topic_search(window, save)
    window.session.set_level(level)
    window.go("topic")
    yield save("03-topic")
    for index, section in enumerate(bundle.topic.sections, start=1):
        window.open_section(section.id)
        yield save(f"04-section-{index:02d}-{section.id}")
    window.open_section(bundle.topic.sections[0].id)
    window.show_reference(bundle.references[0].number)
    yield save("05-reference", _top_dialog(window))
    _close_dialogs(window)
    window.show_about()
    yield save("06-about", _top_dialog(window))
    _close_dialogs(window)
    window.session.set_text_size(3)
    window.go("topic")
    yield save("07-topic-largest-text")
    window.session.set_text_size(0)
    window.session.set_high_contrast(True)
    yield save("07-topic-high-contrast")
    window.open_section(bundle.topic.sections[1].id)
    yield save("07-section-high-contrast")
    window.session.set_high_contrast(False)
    if window.engine is not None:
        yield from _shoot_selfcheck(window, save)
        _wipe(window, bundle)
        window.session.set_level(level)
        window.go("topic")
    yield from _shoot_ask(window, save)
    yield from _shoot_largest(window, save)
    window.session.set_level(level)
    window.go("topic")
    window.idle_reset.on_idle()
    yield save("08-idle-countdown", _top_dialog(window))
    _close_dialogs(window)
    window.open_staff()
    yield save("09-staff-pin", _top_dialog(window))
    _close_dialogs(window)
    window.open_staff_panel()
    yield save("10-staff-panel", _top_dialog(window))
    window.allow_close = True
    window.close()
    window.deleteLater()


def _wipe(window: MainWindow, bundle: Bundle) -> None:
    """Start over, and open ``bundle`` again (the wipe goes back to the first topic)."""
    window.session.wipe()
    if window.content.bundle is not bundle:
        window.choose_topic(bundle.id)
        window.go("welcome")


def _shoot_without_content(out: Path, size: tuple[int, int]) -> Iterator[Path]:
    from PySide6.QtWidgets import QApplication

    from kiosk.content import ContentError, ContentState
    from kiosk.settings import Settings
    from kiosk.ui.app import build_window

    error = ContentError(
        "content/muscle-cramps/topic.yaml",
        12,
        7,
        "citation [9] has no reference (the references are: 1, 2, 3)",
    )
    content = ContentState(None, [error])
    window = build_window(Settings(), content, kiosk=True, root=Path("."), speech_engine="mock")
    window.idle.stop()
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    path = out / "11-being-updated.png"
    _grab(window, None).save(str(path))
    yield path
    window.open_staff_panel()
    QApplication.processEvents()
    path = out / "12-staff-panel-with-errors.png"
    _grab(window, _top_dialog(window)).save(str(path))
    yield path
    window.allow_close = True
    window.close()
    window.deleteLater()


def _top_dialog(window: MainWindow) -> QWidget | None:
    from PySide6.QtWidgets import QDialog

    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    return dialogs[-1] if dialogs else None


def _close_dialogs(window: MainWindow) -> None:
    from PySide6.QtWidgets import QDialog

    for dialog in window.findChildren(QDialog):
        dialog.done(0)
        dialog.deleteLater()
    window.idle_reset.countdown_closed()


def _grab(window: MainWindow, dialog: QWidget | None) -> QPixmap:
    """The window, with ``dialog`` (if any) drawn centred over a dimmed copy of it."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    picture = window.grab()
    if dialog is not None:
        QApplication.processEvents()
        over = dialog.grab()
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 110))
        corner = QPoint(
            (picture.width() - over.width()) // 2, (picture.height() - over.height()) // 2
        )
        painter.drawPixmap(corner, over)
        painter.end()
    return picture


QUESTIONS = {  # the shipped topic's question box, as a visitor might type (answered, not)
    "en": ("can water pills cause cramps", "where is the bathroom"),
    "es": ("pastillas para orinar y calambres", "donde esta el baño"),
}


def ask_questions(bundle: Bundle | None, language: str) -> tuple[str, str]:
    """A question the bundle answers (its first ready answer's first phrasing, else its
    first section's title) and one it does not, in ``language``."""
    answered, unanswered = QUESTIONS.get(language, QUESTIONS["en"])
    if bundle is None:
        return answered, unanswered
    ask = bundle.document.ask
    phrasings = ask.answers[0].questions.get(language, ()) if ask and ask.answers else ()
    if phrasings:
        return phrasings[0], unanswered
    section = bundle.topic.sections[0]
    from kiosk.content.registry import DEFAULT_LEVEL

    return bundle.level_text(section.title, DEFAULT_LEVEL, language), unanswered


def _shoot_topic_search(window: MainWindow, save: Callable[..., Path]) -> Iterator[Path]:
    """The chooser's search box, touched (its keyboard up, its action key "Search"), with
    a word of the last topic's title typed (one that finds that topic alone, when its
    title has one); then emptied again."""
    from kiosk.ui.chooser import TopicChooser

    chooser = window.screens["topics"]
    assert isinstance(chooser, TopicChooser)
    last = chooser.topics[-1]
    title = last.text(last.metadata.title, window.session.language)
    words = sorted(
        {w.strip("¿?¡!,.:;()") for w in title.split()} - {""}, key=lambda w: (-len(w), w)
    )
    for word in words:
        chooser.search.setText(word)
        if len(chooser.tiles_shown()) == 1:
            break
    else:
        chooser.search.setText(words[0] if words else "")
    if chooser.keyboard is not None:
        chooser.keyboard.setVisible(True)
    yield save("02-topics-search")
    chooser.search.clear()
    if chooser.keyboard is not None:
        chooser.keyboard.setVisible(False)


def _shoot_ask(window: MainWindow, save: Callable[..., Path]) -> Iterator[Path]:
    """The question box: empty with the keyboard, answered, and no answer."""
    from kiosk.ui.ask_screen import AskScreen

    window.go("topic")
    window.ask_question()
    screen = window.screens["ask"]
    assert isinstance(screen, AskScreen)
    yield save("20-ask-keyboard")
    answered, unanswered = ask_questions(window.content.bundle, window.session.language)
    screen.edit.setText(answered)
    screen.ask()
    screen._hide_keyboard()
    yield save("21-ask-answers")
    screen.edit.setText(unanswered)
    screen.ask()
    yield save("22-ask-no-answer")


def _shoot_largest(window: MainWindow, save: Callable[..., Path]) -> Iterator[Path]:
    """Every screen at the largest text size (200%), in both themes."""
    bundle = window.content.bundle
    assert bundle is not None
    level = window.session.reading_level
    for theme, high_contrast in (("default", False), ("high-contrast", True)):
        _wipe(window, bundle)
        window.session.set_text_size(3)
        window.session.set_high_contrast(high_contrast)
        yield save(f"30-largest-{theme}-01-welcome")
        window.go("audience")
        yield save(f"30-largest-{theme}-02-audience")
        if len(window.context.topics) > 1:
            window.go("topics")
            yield save(f"30-largest-{theme}-02-topics")
        window.session.set_level(level)
        window.go("topic")
        yield save(f"30-largest-{theme}-03-topic")
        window.open_section(bundle.topic.sections[1].id)
        yield save(f"30-largest-{theme}-04-section")
        if window.engine is not None:
            window.start_selfcheck()
            question = window.screens["question"]
            question.show_question(window.engine.order[0].id)  # type: ignore[attr-defined]
            yield save(f"30-largest-{theme}-05-question")
            from kiosk.selfcheck.scripted import scripted_answers

            window.session.visit.answer_all(scripted_answers(window.engine.selfcheck).urgent)
            window.show_results()
            yield save(f"30-largest-{theme}-06-results")
        window.ask_question()
        yield save(f"30-largest-{theme}-07-ask")
    _wipe(window, bundle)


def _shoot_selfcheck(window: MainWindow, save: Callable[..., Path]) -> Iterator[Path]:
    """The self-check: its intro, a yes/no and a choice question, the results, the topic
    marked with what applies, and page 1 of the handout."""
    from kiosk.content import QuestionKind
    from kiosk.selfcheck.scripted import scripted_answers

    engine = window.engine
    assert engine is not None
    window.start_selfcheck()
    yield save("14-selfcheck-intro")
    question = window.screens["question"]
    first = engine.order[0]
    question.show_question(first.id)  # type: ignore[attr-defined]
    yield save("15-selfcheck-question")
    if engine.is_warning(first.id):  # skipping a warning-sign question asks to confirm
        question.skip.click()  # type: ignore[attr-defined]
        yield save("15-selfcheck-skip-confirm")
        question.keep.click()  # type: ignore[attr-defined]
    choice = next((q for q in engine.order if q.kind is QuestionKind.MULTIPLE), None)
    if choice is not None:
        question.show_question(choice.id)  # type: ignore[attr-defined]
        yield save("16-selfcheck-choice")
        answer = question.first_focus()  # its first answer, picked: a check mark shows it
        if answer is not None:
            answer.click()  # type: ignore[attr-defined]
            yield save("16-selfcheck-choice-picked")
    script = scripted_answers(engine.selfcheck)
    window.session.visit.answer_all(script.calm)
    window.show_results()
    yield save("17-selfcheck-results-no-warning-sign")
    window.session.visit.clear_answers()
    window.session.visit.answer_all(script.urgent)
    window.show_results()
    yield save("17-selfcheck-results")
    window.go("topic")
    yield save("18-topic-applies-to-you")
    yield _handout_page(window, save)
    yield from _shoot_care_cards(window, save)


def _every_sign(engine: SelfCheckEngine) -> dict[str, Answer]:
    """Answers that raise every warning sign of the self-check, the first yes/no one
    as "not sure" (its own advice shows too)."""
    from kiosk.content import QuestionKind

    answers: dict[str, Answer] = {}
    unsure = True
    for flag in engine.selfcheck.red_flags:
        for condition in flag.when.conditions:
            question = engine.selfcheck.question(condition.question)
            if question is None or condition.answer is None:
                continue
            if question.kind is QuestionKind.YES_NO:
                answers[question.id] = "not_sure" if unsure else condition.answer
                unsure = False
            elif question.kind is QuestionKind.MULTIPLE:
                chosen = answers.get(question.id, ())
                assert isinstance(chosen, tuple)
                answers[question.id] = (*dict.fromkeys((*chosen, condition.answer)),)
            else:
                answers[question.id] = condition.answer
    return answers


def _shoot_care_cards(window: MainWindow, save: Callable[..., Path]) -> Iterator[Path]:
    """The urgency scale's care cards in both themes: the results with every warning
    sign raised (one card per tier, a "not sure" line), and the section that points to
    the most signs (at least the emergency and urgent tiers in the shipped topic)."""
    engine = window.engine
    bundle = window.content.bundle
    assert engine is not None
    assert bundle is not None
    window.session.visit.clear_answers()
    window.session.visit.answer_all(_every_sign(engine))
    most = max(bundle.topic.sections, key=lambda section: len(section.signs))
    for contrast in (False, True):
        window.session.set_high_contrast(contrast)
        theme = "high-contrast" if contrast else "default"
        window.show_results()
        yield save(f"23-care-cards-results-{theme}")
        if most.signs:
            window.open_section(most.id)
            yield save(f"24-care-cards-section-{theme}")
    window.session.set_high_contrast(False)


def _handout_page(window: MainWindow, save: Callable[..., Path]) -> Path:
    from kiosk.ui.handout import handout_html, page_images

    bundle = window.content.bundle
    assert bundle is not None
    assert window.engine is not None
    evaluation = window.engine.evaluate(window.session.answers)
    html = handout_html(bundle, window.session.reading_level, window.session.language, evaluation)
    path = save("19-handout-page1")  # the file name; replaced by the page just below
    page_images(html, dpi=110)[0].save(str(path))
    return path
