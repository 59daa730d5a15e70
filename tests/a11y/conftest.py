"""The screen-reader walk: the real app under Xvfb, read by a real AT-SPI client.

One walk per test session (about 40 s; KIOSK_A11Y_REPORT=FILE keeps its report): the client (``atspi_client.py``, Debian's
python3 with the AT-SPI library's own bindings) starts the app in kiosk mode on a
1280x800 Xvfb screen inside a private D-Bus session, presses through every screen as a
screen-reader user would, and reports the accessibility tree and the events after each
step. The tests here only read that report.

Needs (Debian): xvfb, dbus, at-spi2-core, python3-gi, gir1.2-atspi-2.0 and the X
libraries Qt's xcb platform loads (.ci/run installs them all).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONTENT, ROOT

CLIENT = Path(__file__).with_name("atspi_client.py")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's: the one with python3-gi

Node = dict[str, Any]

# The walk: each step a name the tests use, and what the client does.
TOPIC_TITLE = "Why do muscles cramp?"
STEPS: list[tuple[str, dict[str, Any]]] = [
    ("welcome", {}),
    ("audience", {"press": "Touch to start"}),
    ("topic", {"press": "I am a patient, or family or a friend"}),
    ("topic-tab", {"key": "Tab", "times": 3}),
    ("reference", {"press": "Source 1"}),
    ("reference-closed", {"press": "Close"}),
    ("about", {"press": "About this information"}),
    ("about-closed", {"press": "Close"}),
    ("tab-round", {"key": "Tab", "times": 45}),  # the topic has 15 sections
    ("section", {"press": "Tired muscles and nerve signals"}),
    ("section-back", {"press": "Back to the topic"}),
    ("intro", {"press": "Check my risk factors"}),
    ("question", {"press": "Start the questions"}),
    # as an AT-SPI client (switch access, voice control) chooses: the button's action
    ("question-2", {"press": "No"}),
    ("question-4", {"press": "No", "how": "keyboard", "times": 2}),
    ("multiple", {"press": "No", "how": "keyboard", "times": 3}),  # six warning questions
    ("multiple-picked", {"press": "My cramps began after I started a new medicine."}),
    # a warning-sign question skipped asks once to confirm: "Skip anyway"
    (
        "results",
        {
            "press": ["Next", "Skip anyway", "Skip this question"],
            "until": "Your results",
            "times": 16,
        },
    ),
    ("ask", {"press": "Have a follow-up question?"}),
    ("start-over", {"press": "Start over"}),
    ("audience-again", {"press": "Touch to start"}),
    ("topic-again", {"press": "I am a patient, or family or a friend", "locale": True}),
    ("topic-200", {"press": "Larger", "times": 3}),
    ("topic-200-es", {"press": "ES", "locale": True}),
    # its first control ("Start the questions") below the first screenful at 200%
    ("intro-200-es", {"press": "Revisar mis factores de riesgo"}),
]


@dataclass
class Step:
    name: str
    windows: list[Node]
    events: list[dict[str, Any]]
    error: str | None
    locale: str | None  # the app's, read afresh (steps that ask for it)

    @property
    def main(self) -> Node:
        return self.windows[0]

    @property
    def dialogs(self) -> list[Node]:
        return [w for w in self.windows if w["role"] in ("dialog", "alert")]

    def nodes(self, root: Node | None = None) -> Iterator[Node]:
        """Every showing node, in tree order (what a screen reader's arrow keys walk)."""
        for window in [root] if root is not None else self.windows:
            yield from walk(window)

    def focused(self) -> Node | None:
        return next((n for n in self.nodes() if "focused" in n["states"]), None)

    def named(self, name: str, role: str | None = None) -> list[Node]:
        return [n for n in self.nodes() if n["name"] == name and role in (None, n["role"])]

    def announcements(self) -> list[str]:
        return [e["any_data"] or "" for e in self.events if e["type"] == "object:announcement"]

    def focus_moves(self) -> list[Node]:
        return [
            e["source"]
            for e in self.events
            if e["type"] == "object:state-changed:focused" and e["detail1"] == 1
        ]


def walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node["children"]:
        yield from walk(child)


def _missing_tools() -> list[str]:
    missing = [
        tool
        for tool in ("Xvfb", "dbus-run-session", "dbus-update-activation-environment")
        if shutil.which(tool) is None
    ]
    probe = (
        subprocess.run(
            [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
            capture_output=True,
        )
        if os.path.exists(SYSTEM_PYTHON)
        else None
    )
    if probe is None or probe.returncode != 0:
        missing.append("python3-gi with gir1.2-atspi-2.0")
    return missing


# A library of two topics: the topic chooser, which one topic never shows.
LIBRARY_STEPS: list[tuple[str, dict[str, Any]]] = [
    ("welcome", {}),
    ("audience", {"press": "Touch to start"}),
    ("topics", {"press": "I am a patient, or family or a friend"}),
    ("topic", {"press": "What causes muscle cramps?"}),
]


@pytest.fixture(scope="session")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Step]:
    return _walk(tmp_path_factory, CONTENT, STEPS)


@pytest.fixture(scope="session")
def walked_library(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Step]:
    from tests.library import two_topics

    content = two_topics(tmp_path_factory.mktemp("a11y-library") / "content")
    return _walk(tmp_path_factory, content, LIBRARY_STEPS)


# No good content (an empty content folder): "being updated", then Tab, Space and Return
# (a visitor trying the keys); then staff put content in place and reload it from the
# staff panel (five taps in the top-left corner, the PIN pad's keys, "Reload content",
# "Close"), to the welcome. The app crashed there (SIGSEGV) while a client read it:
# the PIN pad freed while its keys' accessible interfaces held their Python wrappers.
UPDATING_STEPS: list[tuple[str, dict[str, Any]]] = [
    ("updating", {}),
    ("updating-tab", {"key": "Tab", "times": 3}),
    ("updating-keys", {"key": "space", "times": 1}),
    ("updating-return", {"key": "Return", "times": 1}),
]
STAFF_PIN = "246813"


def staff_reload_steps(content: Path) -> list[tuple[str, dict[str, Any]]]:
    """Staff open the panel and reload, after copying the shipped content into ``content``."""
    return [
        ("staff-pin", {"tap": [20, 20], "times": 5}),
        ("staff-panel", {"press_each": [*STAFF_PIN, "OK"]}),
        ("staff-reloaded", {"copy": [str(CONTENT), str(content)], "press": "Reload content"}),
        ("staff-closed", {"press": "Close"}),
    ]


@pytest.fixture(scope="session")
def walked_updating(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Step]:
    content = tmp_path_factory.mktemp("a11y-updating") / "content"
    content.mkdir()
    return _walk(tmp_path_factory, content, UPDATING_STEPS + staff_reload_steps(content))


def _walk(
    tmp_path_factory: pytest.TempPathFactory, content: Path, steps: list[tuple[str, dict[str, Any]]]
) -> dict[str, Step]:
    missing = _missing_tools()
    if missing:
        pytest.fail(
            "the screen-reader walk needs "
            + ", ".join(missing)
            + " (Debian: apt-get install xvfb dbus at-spi2-core python3-gi "
            "gir1.2-atspi-2.0; .ci/run installs them)"
        )
    import kiosk.settings

    home = tmp_path_factory.mktemp("a11y-home")
    saved = kiosk.settings.SCRYPT_N
    kiosk.settings.SCRYPT_N = 2**4  # a quick hash: this PIN guards nothing
    try:
        pin = kiosk.settings.hash_pin(STAFF_PIN)
    finally:
        kiosk.settings.SCRYPT_N = saved
    settings = home / "settings.yaml"
    settings.write_text(f"content: {content}\nidle_seconds: 3600\nstaff_pin: '{pin}'\n")
    venv_python = ROOT / ".venv" / "bin" / "python"
    python = str(venv_python) if venv_python.exists() else "python3"
    plan = {
        "command": [python, "-m", "kiosk", "--kiosk", "--config", str(settings)],
        "env": {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_DATA_HOME": str(home / ".data"),
            "PYTHONPATH": str(ROOT),
        },
        "size": "1280x800",
        "steps": [step for _, step in steps],
    }
    report_file = home / "report.json"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(CLIENT), str(report_file)],
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(report_file.read_text())
    keep = os.environ.get("KIOSK_A11Y_REPORT")  # to read it yourself: the whole walk
    if keep:
        shutil.copyfile(report_file, keep)
    assert "Traceback" not in report["app_stderr"], report["app_stderr"]
    return {
        name: Step(name, raw["windows"], raw["events"], raw["error"], raw["locale"])
        for (name, _), raw in zip(steps, report["steps"], strict=True)
    }
