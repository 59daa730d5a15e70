"""The UI in Spanish: the .ts is complete and up to date, and the app really uses it.

When a test here fails after a change to the UI's words, update the .ts and translate:

    .venv/bin/pyside6-lupdate kiosk/ui/*.py kiosk/selfcheck/report.py kiosk/safety/*.py kiosk/content/registry.py -no-obsolete \
        -ts kiosk/ui/translations/kiosk_es.ts

(The core's words, marked with QT_TRANSLATE_NOOP, are in the same file: the self-check
report's, which ``kiosk selfcheck`` reads without Qt.)
"""

from __future__ import annotations

import ast
import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

import kiosk.ui.i18n
from kiosk.selfcheck import SelfCheckEngine
from kiosk.ui.dialogs import CountdownDialog
from kiosk.ui.handout import handout_html
from kiosk.ui.handout import qt_translate as handout_translate
from kiosk.ui.i18n import qm_path, use_language
from kiosk.ui.window import MainWindow
from tests.conftest import ROOT
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, find_button, open_dialog, texts, to_topic

UI = ROOT / "kiosk" / "ui"
TS = UI / "translations" / "kiosk_es.ts"
BIN = Path(sys.executable).parent
CORE_WORDS = [  # the core's marked words
    ROOT / "kiosk" / "selfcheck" / "report.py",
    ROOT / "kiosk" / "safety" / "__init__.py",
    ROOT / "kiosk" / "content" / "registry.py",
]
UPDATE = (
    "pyside6-lupdate kiosk/ui/*.py kiosk/selfcheck/report.py kiosk/safety/*.py "
    "kiosk/content/registry.py -no-obsolete -ts kiosk/ui/translations/kiosk_es.ts"
)


def word_sources() -> list[Path]:
    """Every module whose words are in the .ts: the UI's and the core's marked ones."""
    return sorted(UI.glob("*.py")) + CORE_WORDS


Key = tuple[str, str, str]  # context, source, disambiguation


def messages(ts: Path) -> dict[Key, ET.Element]:
    """Every message of a .ts, by context, source text and disambiguation."""
    found: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def tool(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{name} not found next to {sys.executable}"
    return str(path)


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^{}]*\}", text))


def tags(text: str) -> list[str]:
    return sorted(re.findall(r"</?[a-zA-Z][^>]*>", text))


# -- the .ts -----------------------------------------------------------------------------


def test_every_message_is_translated_with_its_placeholders() -> None:
    found = messages(TS)
    assert len(found) > 100
    problems = []
    for (context, source, _), message in found.items():
        translation = message.find("translation")
        where = f"{context}: {source!r}"
        if translation is None or translation.get("type") in {"unfinished", "vanished", "obsolete"}:
            problems.append(f"{where} is not translated")
            continue
        text = translation.text or ""
        if not text.strip():
            problems.append(f"{where} has an empty translation")
        elif placeholders(text) != placeholders(source):
            problems.append(f"{where}: placeholders {placeholders(text)} in {text!r}")
        elif tags(text) != tags(source):
            problems.append(f"{where}: tags {tags(text)} in {text!r}")
        elif source.count("&") != text.count("&"):
            problems.append(f"{where}: the & accelerator is lost in {text!r}")
    assert not problems, "\n".join(problems)


def test_the_ts_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    """lupdate on the code finds exactly the messages of the committed .ts."""
    fresh = tmp_path / "kiosk_es.ts"
    sources = [str(p.relative_to(ROOT)) for p in word_sources()]
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    in_code, in_ts = set(messages(fresh)), set(messages(TS))
    assert not in_code - in_ts, (
        f"new UI words, not in the .ts (run {UPDATE}, then translate):\n"
        + "\n".join(f"  {c}: {s!r}" for c, s, _ in sorted(in_code - in_ts))
    )
    assert not in_ts - in_code, f"words no longer in the code (run {UPDATE}):\n" + "\n".join(
        f"  {c}: {s!r}" for c, s, _ in sorted(in_ts - in_code)
    )


def _marked_words(path: Path) -> Iterator[tuple[str, str, int]]:
    """(context, text, line) of every tr("..."), translate("ctx", "...") and
    QT_TRANSLATE_NOOP("ctx", "...") in a module, the context as lupdate takes it."""

    def literal(node: ast.expr) -> str | None:
        return (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
        )

    def visit(node: ast.AST, cls: str) -> Iterator[tuple[str, str, int]]:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call):
            func, args = node.func, node.args
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "tr" and args and (text := literal(args[0])) is not None:
                owner = func.value if isinstance(func, ast.Attribute) else None
                if isinstance(owner, ast.Name) and owner.id not in {"self", "cls"}:
                    yield owner.id, text, node.lineno  # Class.tr("...")
                else:
                    yield cls, text, node.lineno
            elif name in {"translate", "QT_TRANSLATE_NOOP"} and len(args) >= 2:
                context, text = literal(args[0]), literal(args[1])
                if context is not None and text is not None:
                    yield context, text, node.lineno
        for child in ast.iter_child_nodes(node):
            yield from visit(child, cls)

    yield from visit(ast.parse(path.read_text(encoding="utf-8")), "")


def test_lupdate_sees_every_word_the_code_translates() -> None:
    """lupdate quietly skips a tr() inside an f-string: every word must reach the .ts."""
    known = {(context, source) for context, source, _ in messages(TS)}
    missed = [
        f"{path.name}:{line}: {context}: {text!r}"
        for path in word_sources()
        for context, text, line in _marked_words(path)
        if (context, text) not in known
    ]
    assert not missed, "not in the .ts (a tr() in an f-string?):\n" + "\n".join(missed)


# -- the translation at run time ---------------------------------------------------------


@pytest.fixture
def compiled(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The .ts compiled afresh (as `make translations` does), and no translator after."""
    qm = tmp_path / "kiosk_es.qm"
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True)
    made = subprocess.run(
        [sys.executable, "-m", "kiosk.ui.i18n", "digest", str(qm)],
        check=True,
        capture_output=True,
        text=True,
    )
    (tmp_path / "kiosk_es.qm.sha256").write_text(made.stdout)
    monkeypatch.setattr(kiosk.ui.i18n, "TRANSLATIONS", tmp_path)
    yield qm
    use_language("en")
    assert QCoreApplication.translate("Header", "Start over") == "Start over"


def test_qm_path(compiled: Path) -> None:
    assert qm_path("es") == compiled
    assert qm_path("es-MX") == compiled  # no kiosk_es_MX.qm: the language's own
    assert qm_path("fr").name == "kiosk_fr.qm"


def test_english_and_a_missing_language(compiled: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert use_language("es")
    assert QCoreApplication.translate("Header", "Start over") == "Volver a empezar"
    with caplog.at_level(logging.WARNING, logger="kiosk.ui"):
        assert not use_language("fr")
    assert "kiosk_fr.qm" in caplog.text
    assert QCoreApplication.translate("Header", "Start over") == "Start over"  # removed
    assert use_language("es")
    assert use_language("en-GB")
    assert QCoreApplication.translate("Header", "Start over") == "Start over"


def test_qt_own_dialog_words_follow(compiled: Path) -> None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (folder / "qtbase_es.qm").is_file():
        pytest.skip("this Qt ships no qtbase_es.qm")
    assert use_language("es")
    assert QCoreApplication.translate("QPrintDialog", "Print") == "Imprimir"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
    use_language("en")
    assert QCoreApplication.translate("QPrintDialog", "Print") == "Print"


class _Base(QObject):
    def word(self) -> str:
        return self.tr("Base word")


class _Sub(_Base):
    def own_word(self) -> str:
        return self.tr("Sub word")


_BASE_AND_SUB_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context><name>_Base</name>
<message><source>Base word</source><translation>palabra base</translation></message>
</context>
<context><name>_Sub</name>
<message><source>Sub word</source><translation>palabra</translation></message>
</context>
</TS>
"""


def test_pyside_finds_a_base_class_word_for_a_subclass(qapp: QApplication, tmp_path: Path) -> None:
    """lupdate files a self.tr() word under the class around it; PySide6's tr() tries
    the instance's class, then its bases, so a base-class method's word is found for a
    subclass instance too."""
    ts, qm = tmp_path / "words.ts", tmp_path / "words.qm"
    ts.write_text(_BASE_AND_SUB_TS, encoding="utf-8")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    words = QTranslator()
    assert words.load(str(qm))
    QCoreApplication.installTranslator(words)
    try:
        assert _Base().word() == "palabra base"
        assert _Sub().word() == "palabra base"
        assert _Sub().own_word() == "palabra"
    finally:
        QCoreApplication.removeTranslator(words)


def test_the_window_in_spanish_and_back(qtbot: QtBot, window: MainWindow, compiled: Path) -> None:
    assert use_language("es")
    click(qtbot, window, "welcome-language-es")  # the content's language: the window redraws
    assert find_button(window, "touch-to-start").text() == "Toque para empezar"
    assert "Información de salud con palabras sencillas" in texts(window.screens["welcome"])
    click(qtbot, window, "touch-to-start")
    assert "¿Qué opción le describe mejor?" in texts(window.screens["audience"])
    click(qtbot, window, "audience-patient")
    assert find_button(window, "start-over").text().endswith("Volver a empezar")
    assert (
        find_button(window, "level-patient").text() == "✓  Palabras para pacientes"
    )  # chosen: a check mark too
    assert find_button(window, "level-clinician").text() == "Palabras para profesionales"
    assert find_button(window, "contrast").text().endswith("Contraste")
    assert "Pendiente de revisión humana" in texts(window.chrome.banner)

    click(qtbot, window, "banner-about")
    about = open_dialog(window, "about-dialog")
    shown = texts(about)
    assert about.windowTitle() == "Sobre esta información"
    assert "Política editorial" in shown
    assert "Un profesional de la salud todavía no ha revisado esta información" in shown
    assert find_button(about, "close").text() == "Cerrar"
    click(qtbot, about, "close")

    countdown = CountdownDialog(window, kiosk=False, seconds=15)  # tr() before super().__init__
    assert countdown.windowTitle() == "¿Sigue ahí?"
    assert countdown.message.text() == "Volverá a empezar en 15 s"
    countdown.deleteLater()

    bundle = window.content.bundle
    assert bundle is not None
    assert bundle.document.selfcheck is not None
    engine = SelfCheckEngine(bundle.document.selfcheck, bundle.signs)
    evaluation = engine.evaluate({"long-cramp": "yes", "heat": "yes"})
    html = handout_html(bundle, "patient", "es", evaluation)
    for words in (
        "La respuesta corta",
        "Su autoevaluación",
        "Pida ayuda ahora",
        "Porque usted respondió:",
        "Sobre esta información",
        "Pendiente de revisión humana",
        "Un profesional de la salud todavía no",
        "Última actualización:",
    ):
        assert words in html
    assert "The short answer" not in html
    assert handout_translate("Page {page} of {pages}") == "Página {page} de {pages}"

    assert use_language("en")
    click(qtbot, window, "language-en")
    assert find_button(window, "start-over").text().endswith("Start over")
    assert find_button(window, "level-patient").accessibleName() == "Patient words"
    assert "Pending human review" in texts(window.chrome.banner)
    html = handout_html(bundle, "patient", "en", evaluation)
    assert "The short answer" in html
    assert "A clinician has not yet checked this information" in html


def test_use_language_never_makes_an_application() -> None:
    code = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from kiosk.ui.i18n import use_language\n"
        "print(use_language('es'), use_language('en'), QCoreApplication.instance())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    )
    assert done.stdout.split() == ["False", "True", "None"]


def _cut_short(window: MainWindow) -> list[tuple[str, str, int, int]]:
    """The visible buttons narrower than their label needs (or than the window allows)."""
    QApplication.processEvents()
    return [
        (b.objectName(), b.text(), b.width(), b.sizeHint().width())
        for b in window.findChildren(QPushButton)
        if b.isVisible() and b.width() < min(b.sizeHint().width(), window.width() - 64)
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_button_is_cut_short_at_any_text_size(
    qtbot: QtBot, kiosk_window: MainWindow, compiled: Path, language: str
) -> None:
    """Spanish words are longer: at every text size, 1280x800, every visible button of
    the reading screens and the results is as wide as its label needs (the header takes
    a second row when one is not enough)."""
    assert use_language(language)
    click(qtbot, kiosk_window, f"welcome-language-{language}")
    click(qtbot, kiosk_window, "touch-to-start")
    click(qtbot, kiosk_window, "audience-patient")
    for size in range(4):
        kiosk_window.session.set_text_size(size)
        assert not _cut_short(kiosk_window), ("topic", size)
    click(qtbot, kiosk_window, "section-medical-conditions")
    assert not _cut_short(kiosk_window), "section"
    kiosk_window.session.visit.answer_all({"long-cramp": "yes", "heat": "yes"})
    kiosk_window.show_results()
    assert kiosk_window.current == "results"
    assert not _cut_short(kiosk_window), "results"


def test_a_missing_translation_file_is_told_to_staff(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(kiosk.ui.i18n, "TRANSLATIONS", tmp_path)  # no .qm there
    window = make_window(kiosk=True)
    to_topic(qtbot, window)
    click(qtbot, window, "language-es")
    assert window.translation_missing == "es"
    window.open_staff_panel()
    panel = open_dialog(window, "staff")
    assert "missing in 'es'" in panel.status.text()  # type: ignore[attr-defined]
    click(qtbot, window, "language-en")
    assert window.translation_missing is None


def _damage(qm: Path, seed: int) -> None:
    """200 flipped bytes after the header (the attack that made Qt segfault)."""
    import random

    data = bytearray(qm.read_bytes())
    chance = random.Random(seed)
    for _ in range(200):
        where = chance.randrange(16, len(data))
        data[where] ^= 0xFF
    qm.write_bytes(bytes(data))


@pytest.mark.parametrize("seed", range(8))
def test_attack_damaged_qm_is_never_given_to_qt(
    compiled: Path, seed: int, caplog: pytest.LogCaptureFixture
) -> None:
    _damage(compiled, seed)
    with caplog.at_level(logging.WARNING, logger="kiosk.ui"):
        assert not use_language("es")
    assert "is damaged" in caplog.text
    assert QCoreApplication.translate("Header", "Start over") == "Start over"


def test_a_qm_without_its_digest_is_not_used(compiled: Path) -> None:
    (compiled.parent / "kiosk_es.qm.sha256").unlink()
    assert not use_language("es")
    assert kiosk.ui.i18n.checked_qm(compiled)[1] == (
        "has no digest beside it (run 'make translations')"
    )


def test_the_built_qm_matches_its_digest() -> None:
    """make translations writes the digest with the .qm (CI builds both afresh)."""
    data, problem = kiosk.ui.i18n.checked_qm(UI / "translations" / "kiosk_es.qm")
    assert problem is None
    assert data is not None


def test_attack_damaged_qm_at_start_and_mid_visit_means_english_and_a_staff_line(
    qtbot: QtBot, make_window: MakeWindow, compiled: Path
) -> None:
    _damage(compiled, 3)
    window = make_window(kiosk=True)
    to_topic(qtbot, window)
    click(qtbot, window, "language-es")  # tapping ES mid-visit ran the same code
    assert window.translation_missing == "es"
    assert find_button(window, "language-en").accessibleName() == "EN"
    window.open_staff_panel()
    panel = open_dialog(window, "staff")
    assert "missing in 'es'" in panel.status.text()  # type: ignore[attr-defined]
