"""A made-up third language reaches every place of the UI that varies by language.

The registry (:mod:`kiosk.content.registry`) is the one table of languages and reading
levels. A fixture registers "Xish" (code ``xx``) and a bundle written in it (the test
topic, with an ``xx`` text beside every English one); the kiosk then offers it on the
welcome screen and in the header, shows the topic in it, types it on the on-screen
keyboard, searches it, exports the self-check in it and validates it, with no other
change. The core's parts (stems, FHIR words, the lint's metric) are in
tests/unit/visit/test_registry.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytestqt.qtbot import QtBot

from kiosk.content._yaml import read_yaml
from kiosk.content.registry import LANGUAGES, LEVELS, Language
from kiosk.search.text import stemmer
from kiosk.ui.ask_screen import AskScreen
from kiosk.ui.screens import AudienceScreen
from kiosk.ui.window import MainWindow
from tests.library import TEST_TOPIC
from tests.ui.conftest import MakeWindow
from tests.ui.helpers import click, find_button, texts

XISH = Language(
    "xx",
    "Xish",
    stemmer="english",  # a Snowball algorithm the made-up language borrows
    keyboard=("xyzq", "wvu"),
    yes_no=("Yix", "Nox", "Mebbe"),
    no_answer="Xish: no answer.",
)
MARK = "Xx·"  # every Xish text is its English one after this mark


def xish_texts(node: Any) -> Any:
    """``node`` with an Xish text beside every English one, and ``xx`` in its languages."""
    if isinstance(node, dict):
        out = {key: xish_texts(value) for key, value in node.items()}
        if "en" in node and "es" in node:
            english = node["en"]
            out["xx"] = f"{MARK} {english}" if isinstance(english, str) else english
        if isinstance(node.get("languages"), list):
            out["languages"] = [*node["languages"], "xx"]
        return out
    if isinstance(node, list):
        return [xish_texts(item) for item in node]
    return node


@pytest.fixture
def xish() -> Iterator[Language]:
    LANGUAGES.add(XISH)
    stemmer.cache_clear()
    try:
        yield XISH
    finally:
        LANGUAGES.remove(XISH.code)
        stemmer.cache_clear()


@pytest.fixture
def xish_topic(tmp_path: Path, xish: Language) -> Path:
    """The test topic with Xish beside English and Spanish."""
    root = tmp_path / "content"
    folder = root / TEST_TOPIC.name
    folder.mkdir(parents=True)
    for source in TEST_TOPIC.iterdir():
        if source.suffix == ".yaml":
            document = read_yaml(source, source.name).data  # YAML 1.2: "yes" is text
            text = yaml.safe_dump(xish_texts(document), allow_unicode=True, sort_keys=False)
            (folder / source.name).write_text(text, encoding="utf-8")
        elif source.is_dir():
            shutil.copytree(source, folder / source.name)
    return root


@pytest.fixture
def xish_window(make_window: MakeWindow, xish_topic: Path) -> MainWindow:
    window = make_window(kiosk=True, root=xish_topic)
    assert window.content.bundle is not None, window.content.errors
    assert not window.content.errors
    assert "xx" in window.content.bundle.languages
    return window


def test_the_welcome_screen_and_the_header_offer_it(qtbot: QtBot, xish_window: MainWindow) -> None:
    welcome = xish_window.screens["welcome"]
    assert find_button(welcome, "welcome-language-xx").text().endswith("Xish")
    click(qtbot, welcome, "welcome-language-xx")
    assert xish_window.session.language == "xx"
    click(qtbot, welcome, "touch-to-start")
    audience = xish_window.screens["audience"]
    assert isinstance(audience, AudienceScreen)
    assert list(audience.choices) == list(LEVELS.codes)  # the levels: the registry's
    click(qtbot, audience, "audience-patient")
    assert find_button(xish_window, "language-xx").isChecked()
    assert find_button(xish_window, "language-xx").isVisible()


def test_the_topic_is_shown_in_it(qtbot: QtBot, xish_window: MainWindow) -> None:
    xish_window.session.set_language("xx")
    xish_window.audience_chosen("patient")
    topic_text = texts(xish_window.screens["topic"])
    assert f"{MARK} How to use this kiosk" in topic_text
    # and back to Spanish, then English: the header's buttons switch it live
    click(qtbot, xish_window, "language-es")
    assert "Cómo usar este quiosco" in texts(xish_window.screens["topic"])
    click(qtbot, xish_window, "language-xx")
    assert MARK in texts(xish_window.screens["topic"])


def test_the_keyboard_types_its_letters(qtbot: QtBot, xish_window: MainWindow) -> None:
    xish_window.session.set_language("xx")
    xish_window.audience_chosen("patient")
    xish_window.ask_question()
    ask = xish_window.screens["ask"]
    assert isinstance(ask, AskScreen)
    keyboard = ask.keyboard
    assert keyboard is not None
    letters = {
        key.objectName() for key in keyboard.findChildren(type(find_button(keyboard, "key-x")))
    }
    assert {"key-x", "key-y", "key-z", "key-w", "key-v", "key-u"} <= letters
    assert "key-a" not in letters  # its own rows, not English's


def test_the_question_box_answers_in_it(qtbot: QtBot, xish_window: MainWindow) -> None:
    xish_window.session.set_language("xx")
    xish_window.audience_chosen("patient")
    results = xish_window.context.search_index().ask("text size bigger", "patient", "xx")
    assert results.found, "an Xish question finds the Xish passages"
    assert all(MARK in found.text for found in results.found)
    assert not xish_window.context.search_index().ask("zzzq", "patient", "xx").answered


def test_the_commands_take_it(
    xish_topic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands' choices come from the bundle and the registry (run in this
    process: a child's registry would not have the fixture's entry)."""
    from kiosk.cli import main

    assert main(["--content", str(xish_topic), "validate"]) == 0
    capsys.readouterr()
    main(["--content", str(xish_topic), "ask", "--locale", "xx", "zzzq"])
    assert "Xish: no answer." in capsys.readouterr().out
    answers = tmp_path / "answers.yaml"
    answers.write_text("small-text: yes\nhear-words: no\n", encoding="utf-8")
    args = ["selfcheck", "--answers", str(answers), "--locale", "xx"]
    assert main(["--content", str(xish_topic), *args, "--format", "fhir"]) == 0
    fhir = capsys.readouterr().out
    assert '"Yix"' in fhir  # the FHIR answers' words
    assert '"Nox"' in fhir
    assert main(["--content", str(xish_topic), *args]) == 0
    assert MARK in capsys.readouterr().out  # the report, in Xish


def test_speech_prefers_the_registrys_voices() -> None:
    """Read-aloud's choice of voice comes from the registry's ``speech_territories``:
    an entry that prefers Argentina's Spanish picks it over Mexico's (the made-up
    language has no voice anywhere, so a real code stands in for it here)."""
    from dataclasses import replace

    from PySide6.QtCore import QLocale

    from kiosk.ui.speech import pick_locale

    offered = [QLocale("es_MX"), QLocale("es_AR")]
    spanish = LANGUAGES.get("es")
    assert spanish is not None
    picked = pick_locale(offered, "es")
    assert picked is not None
    assert picked.name() == "es_MX"  # the shipped entry: US, then MX
    LANGUAGES.add(replace(spanish, speech_territories=("AR",)))
    try:
        picked = pick_locale(offered, "es")
        assert picked is not None
        assert picked.name() == "es_AR"
    finally:
        LANGUAGES.add(spanish)
