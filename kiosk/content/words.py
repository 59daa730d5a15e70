"""The kiosk's own words outside the UI, and their translations without Qt.

A word of the core (a heading of the self-check report, a reading level's name) is
marked with :func:`QT_TRANSLATE_NOOP` and a context, so that ``pyside6-lupdate`` files
it in ``kiosk/ui/translations/kiosk_<language>.ts`` beside the UI's own words. The app
translates it with Qt; a command without Qt with :func:`ts_translator`, which reads the
same .ts file: one translation, whoever shows the words.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from kiosk.content.marker import QT_TRANSLATE_NOOP
from kiosk.content.registry import base_language

__all__ = ["QT_TRANSLATE_NOOP", "TS_FOLDER", "Translate", "ts_translator"]

Translate = Callable[[str], str]

TS_FOLDER = Path(__file__).resolve().parent.parent / "ui" / "translations"
"""Where the .ts files are (the UI keeps them; this module only reads them)."""


@cache
def _table(language: str, context: str) -> dict[str, str]:
    import xml.etree.ElementTree as ET  # only without Qt (the handout command): not at start-up

    path = TS_FOLDER / f"kiosk_{base_language(language)}.ts"
    if not path.is_file():
        return {}
    table: dict[str, str] = {}
    for element in ET.parse(path).getroot().iter("context"):
        if element.findtext("name") != context:
            continue
        for message in element.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if (
                source
                and translation is not None
                and translation.text
                and translation.get("type") not in {"unfinished", "vanished", "obsolete"}
            ):
                table[source] = translation.text
    return table


def ts_translator(language: str, context: str) -> Translate:
    """Translate words of ``context`` into ``language`` from its .ts file, without Qt
    (a word without a translation, or English, stays as it is)."""
    table = _table(language, context)
    return lambda text: table.get(text, text)
