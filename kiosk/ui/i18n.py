"""The language of the kiosk's own words (buttons, dialogs, the handout's headings).

    use_language("es")   # from now on every tr() answers in Spanish, Qt's dialogs too
    use_language("en")   # back to the English written in the code

Redraw after a change (the window's refresh): a text already on screen stays as it was.

The words live in ``translations/kiosk_<language>.ts``, made and kept up to date with
``pyside6-lupdate kiosk/ui/*.py kiosk/selfcheck/report.py kiosk/safety/*.py
kiosk/content/registry.py -no-obsolete -ts kiosk/ui/translations/kiosk_es.ts`` (the core's
marked words too: the self-check report's, the safety words, the reading levels') and
compiled to ``.qm`` by ``make translations`` (``make install`` and ``make run`` do it),
which also writes each one's SHA-256 beside it (``kiosk_es.qm.sha256``, by
``python -m kiosk.ui.i18n digest``). A ``.qm`` is checked against that digest before Qt
reads it: Qt never reads a damaged file (one can crash it), and a file that does not
match means English and a line for staff.
Each word is looked up in a context: the class around a ``self.tr("...")`` (PySide6
also tries the base classes), or the one named in ``QCoreApplication.translate(context,
"...")`` or :func:`QT_TRANSLATE_NOOP`.

Qt is imported only inside the functions that need it: the handout command imports
this module without loading Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.words import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

__all__ = [
    "QT_TRANSLATE_NOOP",
    "TRANSLATIONS",
    "checked_qm",
    "digest",
    "qm_path",
    "translator",
    "use_language",
]

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
"""The kiosk's .ts files, and the .qm files compiled from them."""

_installed: list[QTranslator] = []  # ours on the application now (Qt does not own them)
_MAX_QM_BYTES = 16 * 1024 * 1024


def translator(context: str) -> Callable[[str], str]:
    """Translate words of ``context`` with Qt (a word stays itself when untranslated)."""
    from PySide6.QtCore import QCoreApplication

    return partial(QCoreApplication.translate, context)


def _english(language: str) -> bool:
    return _base(language) == "en"


def _base(language: str) -> str:
    return language.replace("-", "_").split("_")[0].lower()


def qm_path(language: str) -> Path:
    """The compiled translation for ``language`` ("es", or "es-MX" when there is a
    ``kiosk_es_MX.qm``, else ``kiosk_es.qm``); the file may not exist."""
    exact = TRANSLATIONS / f"kiosk_{language.replace('-', '_')}.qm"
    return exact if exact.is_file() else TRANSLATIONS / f"kiosk_{_base(language)}.qm"


def digest(data: bytes) -> str:
    """The digest written beside each .qm at build time (SHA-256, hex)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def checked_qm(path: Path) -> tuple[bytes | None, str | None]:
    """The bytes of the .qm at ``path`` if they match the digest made at build time, else
    (None, why). Read once, as a regular file of bounded size: what is checked is what
    Qt gets."""
    from kiosk.content._files import FileProblem, read_file

    try:
        data = read_file(path, _MAX_QM_BYTES)
    except FileProblem as problem:
        return None, f"is missing or unreadable ({problem})"
    try:
        expected = read_file(f"{path}.sha256", 256).decode("ascii").strip()
    except (FileProblem, UnicodeDecodeError):
        return None, "has no digest beside it (run 'make translations')"
    if digest(data) != expected:
        return None, "is damaged (its digest does not match the one made at build time)"
    return data, None


def use_language(language: str) -> bool:
    """Translate the kiosk's own words (and Qt's standard dialogs) into ``language``.

    Makes ``language`` Qt's default locale, which screen readers are told. Removes the
    translators installed here before; for English, or when there is no
    .qm for ``language`` (logged), installs none. True when the words are now in
    ``language``: a translation is installed, or the language is English. Needs the
    application to exist already (it never makes one).
    """
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    # the language of every text, for a screen reader (AT-SPI's locale is Qt's default)
    QLocale.setDefault(QLocale(language))
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if _english(language):
        return True
    log = logging.getLogger("kiosk.ui")
    if QCoreApplication.instance() is None:
        log.warning("no translation for %r: there is no Qt application yet", language)
        return False
    path = qm_path(language)
    data, problem = checked_qm(path)
    kiosk = QTranslator()
    # Qt reads the file it was checked as (it maps it: the bytes checked are the ones it
    # sees, short of someone rewriting the installed file in between). Not load(data):
    # PySide may hand Qt a temporary copy, which Qt would go on reading after it is freed.
    if data is None or not kiosk.load(str(path)):
        log.warning("no translation for %r: %s %s", language, path, problem or "did not load")
        return False
    QCoreApplication.installTranslator(kiosk)
    _installed.append(kiosk)
    # Qt's own words (the print and file dialogs' buttons), where Qt ships them
    qt = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(language), "qtbase", "_", folder):
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    return True


if __name__ == "__main__":  # python -m kiosk.ui.i18n digest FILE.qm (used by the Makefile)
    import sys

    if len(sys.argv) != 3 or sys.argv[1] != "digest":
        sys.exit("usage: python -m kiosk.ui.i18n digest FILE.qm")
    print(digest(Path(sys.argv[2]).read_bytes()))
