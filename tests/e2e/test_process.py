"""The real program as a process: smoke start, no display, kiosk without a PIN, set-pin,
screenshots. Each asserts that no Python traceback is printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _run(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        input=stdin,
        cwd=cwd,
    )
    assert "Traceback" not in done.stdout + done.stderr
    return done


@pytest.fixture
def env(isolated_home: Path) -> dict[str, str]:
    values = dict(os.environ)
    values["QT_QPA_PLATFORM"] = "offscreen"
    return values


def test_smoke_paints_the_first_screen(env: dict[str, str]) -> None:
    done = _run("main.py", "--smoke", env=env)
    assert done.returncode == 0, done.stderr
    assert "smoke ok: painted the welcome screen" in done.stdout


def test_python_dash_m_kiosk_smoke(env: dict[str, str]) -> None:
    assert _run("-m", "kiosk", "--smoke", env=env).returncode == 0


def test_no_display_explains_what_to_do(env: dict[str, str]) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    done = _run("-m", "kiosk", env=env)
    assert done.returncode == 2
    assert "no display found" in done.stderr
    assert "kiosk screenshot --out DIR" in done.stderr


def test_kiosk_mode_without_a_pin_refuses_to_start(env: dict[str, str]) -> None:
    done = _run("-m", "kiosk", "--kiosk", "--smoke", env=env)
    assert done.returncode == 2
    assert "kiosk set-pin" in done.stderr


def test_set_pin_then_kiosk_mode_starts(env: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "settings.yaml"
    done = _run("-m", "kiosk", "set-pin", "--config", str(config), env=env, stdin="52846193\n")
    assert done.returncode == 0, done.stderr
    stored = config.read_text()
    assert "52846193" not in stored
    assert "staff_pin: scrypt$" in stored
    started = _run("-m", "kiosk", "--kiosk", "--config", str(config), "--smoke", env=env)
    assert started.returncode == 0, started.stderr


def test_set_pin_rejects_a_short_pin(env: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "settings.yaml"
    done = _run("-m", "kiosk", "set-pin", "--config", str(config), env=env, stdin="12\n")
    assert done.returncode == 2
    assert not config.exists()


def test_bad_settings_file_is_located(env: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "settings.yaml"
    config.write_text("idle_secs: 90\n")
    done = _run("-m", "kiosk", "--config", str(config), "--smoke", env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert "settings.yaml:1:1: unknown key 'idle_secs'; did you mean 'idle_seconds'?" in done.stderr


def test_screenshot_renders_every_screen(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "shots"
    done = _run("-m", "kiosk", "screenshot", "--out", str(out), "--level", "patient", env=env)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    for expected in (
        "01-welcome-patient-en.png",
        "02-audience-patient-en.png",
        "03-topic-patient-en.png",
        "05-reference-patient-en.png",
        "06-about-patient-en.png",
        "08-idle-countdown-patient-en.png",
        "09-staff-pin-patient-en.png",
        "10-staff-panel-patient-en.png",
        "11-being-updated.png",
    ):
        assert expected in names
    for language in ("en", "es"):
        sections = [n for n in names if n.startswith("04-section-") and f"-{language}." in n]
        assert len(sections) == len(_bundle_sections()), language
    assert all((out / n).stat().st_size > 5000 for n in names)


def test_selfcheck_fhir_and_handout_commands(env: dict[str, str], tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("chest-belly-arms: yes\nhard-exercise: yes\n")
    text = _run("-m", "kiosk", "selfcheck", "--answers", str(answers), env=env)
    assert text.returncode == 0, text.stderr
    assert text.stdout.index("URGENT") < text.stdout.index("MAY BE CONTRIBUTING")
    fhir = _run("-m", "kiosk", "selfcheck", "--answers", str(answers), "--format", "fhir", env=env)
    assert '"resourceType": "QuestionnaireResponse"' in fhir.stdout
    assert '"subject"' not in fhir.stdout
    questionnaire = _run("-m", "kiosk", "fhir", "questionnaire", env=env)
    assert '"resourceType": "Questionnaire"' in questionnaire.stdout
    pdf = tmp_path / "handout.pdf"
    handout = _run("-m", "kiosk", "handout", "--out", str(pdf), "--answers", str(answers), env=env)
    assert handout.returncode == 0, handout.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_bad_answers_file_is_located(env: dict[str, str], tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("hard-exercise: perhaps\n")
    done = _run("-m", "kiosk", "selfcheck", "--answers", str(answers), env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert "answers.yaml:1:16: 'perhaps' is not an answer to 'hard-exercise'" in done.stderr


def test_screenshot_of_another_bundle_shows_its_own_results(
    env: dict[str, str], tmp_path: Path
) -> None:
    """Any bundle: its answers come from its own self-check (every factor yes and every
    warning sign no, then one warning sign yes), and it runs three times without a crash
    (the 'QWidgetItem' ... 'focusPolicy' error came in about 1 run of 3)."""
    from tests.library import two_topics

    root = two_topics(tmp_path / "content")
    for run in range(3):
        out = tmp_path / f"shots-{run}"
        done = _run(
            "-m",
            "kiosk",
            "--content",
            str(root),
            "screenshot",
            "--out",
            str(out),
            "--level",
            "patient",
            "--locale",
            "en",
            "using-the-kiosk",
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert "internal error" not in done.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    for expected in (
        "02-topics-patient-en.png",  # the chooser: the library has two topics
        "02-topics-search-patient-en.png",  # its search box and keyboard
        "30-largest-default-02-topics-patient-en.png",
        "03-topic-patient-en.png",
        "17-selfcheck-results-patient-en.png",
        "17-selfcheck-results-no-warning-sign-patient-en.png",
        "21-ask-answers-patient-en.png",
    ):
        assert expected in names
    assert len([n for n in names if n.startswith("04-section-")]) == 2
    wrong = _run(
        "-m",
        "kiosk",
        "--content",
        str(root),
        "screenshot",
        "--out",
        str(out),
        "no-such-topic",
        env=env,
    )
    assert wrong.returncode == 2
    assert (
        "no bundle 'no-such-topic' in the content folder (it has: muscle-cramps, "
        "using-the-kiosk)" in wrong.stderr
    )


def _bundle_sections() -> list[str]:
    """The shipped topic's section ids: one screenshot each, per language."""
    from kiosk.content import BundleCache, load_bundle
    from tests.conftest import CONTENT

    bundle = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))
    return [section.id for section in bundle.topic.sections]
