"""Libraries of topics for the tests: the project's own small test topic, and generated
libraries of many topics (copies of it, each with its own id and title in both languages).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import CONTENT, ROOT

TOPICS = ROOT / "tests" / "topics"
TEST_TOPIC = TOPICS / "using-the-kiosk"
"""A small topic written for the tests: both levels, English and Spanish, a self-check."""
SHIPPED_TOPIC = CONTENT / "muscle-cramps"

# Titles of many lengths (a chooser must fit the longest at 200%); they name a topic only.
_NAMES = [
    ("Sleep", "El sueño"),
    ("Back pain", "Dolor de espalda"),
    ("Healthy eating", "Comer sano"),
    ("High blood pressure", "Presión arterial alta"),
    ("Caring for your feet when you have diabetes", "Cuidar los pies cuando tiene diabetes"),
    ("Using an inhaler", "Cómo usar un inhalador"),
    ("Headaches", "Dolores de cabeza"),
    ("Staying active as you get older", "Mantenerse activo al hacerse mayor"),
    ("Taking your medicines safely", "Tomar sus medicinas sin riesgos"),
    ("Falls at home", "Caídas en casa"),
]
_ID = re.compile(r"^(  id: )(\S+)$", re.MULTILINE)
_TITLE = re.compile(r"^  title:\n    en: .*\n    es: .*$", re.MULTILINE)


def topic_title(index: int) -> tuple[str, str]:
    """The (English, Spanish) title of generated topic ``index``."""
    english, spanish = _NAMES[index % len(_NAMES)]
    part = index // len(_NAMES)
    if part:
        return f"{english} ({part + 1})", f"{spanish} ({part + 1})"
    return english, spanish


def make_library(root: Path, topics: int, *, source: Path = TEST_TOPIC) -> Path:
    """``topics`` copies of ``source`` under ``root``, ids ``topic-00``..., titles of
    :func:`topic_title`; in folder order, which is also the order with no library file."""
    root.mkdir(parents=True, exist_ok=True)
    bundle_text = (source / "bundle.yaml").read_text(encoding="utf-8")
    assert _ID.search(bundle_text), "update the id pattern"
    assert _TITLE.search(bundle_text), "update the title pattern"
    for index in range(topics):
        bundle_id = f"topic-{index:02d}"
        folder = root / bundle_id
        shutil.copytree(source, folder)
        english, spanish = topic_title(index)
        text = _ID.sub(rf"\g<1>{bundle_id}", bundle_text, count=1)
        title = f'  title:\n    en: "{english}"\n    es: "{spanish}"'
        text = _TITLE.sub(title.replace("\\", "\\\\"), text, count=1)
        (folder / "bundle.yaml").write_text(text, encoding="utf-8")
    return root


def two_topics(root: Path) -> Path:
    """A content folder holding the shipped topic and the test topic."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SHIPPED_TOPIC, root / SHIPPED_TOPIC.name)
    shutil.copytree(TEST_TOPIC, root / TEST_TOPIC.name)
    return root
