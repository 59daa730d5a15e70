"""``kiosk validate`` and ``kiosk schema``: exit codes, located errors, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.conftest import CONTENT, ROOT


@pytest.fixture
def broken_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped bundle with three mistakes in two files."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "muscle-cramps"
    shutil.copytree(CONTENT / "muscle-cramps", folder)
    bundle = folder / "bundle.yaml"
    bundle.write_text(
        bundle.read_text()
        .replace("status: submitted", "status: aproved")
        .replace("  version:", "  verison:")
    )
    topic = folder / "topic.yaml"
    topic.write_text(topic.read_text().replace("[4]", "[44]", 1))
    return folder


def test_validate_shipped_content_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CONTENT)]) == 0
    assert "muscle-cramps: ok" in capsys.readouterr().out


def test_validate_default_is_every_bundle(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 0
    assert "content/muscle-cramps: ok" in capsys.readouterr().out


def test_broken_copy_lists_every_error_and_exits_1(
    broken_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(broken_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "muscle-cramps/bundle.yaml:7:3: unknown key 'verison'; did you mean 'version'?"
    assert out[1].startswith(
        "muscle-cramps/bundle.yaml:11:13: 'aproved' is not allowed here "
        "(did you mean 'approved'?); use one of: "
    )
    assert out[2].startswith("muscle-cramps/topic.yaml:")
    assert "citation [44] has no reference" in out[2]
    assert len(out) == 3


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["validate", "--bogus"])
    assert info.value.code == 2
    assert main(["validate", "/no/such/folder"]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_lint_reports_and_passes_on_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lint", str(CONTENT / "muscle-cramps")]) == 0
    out = capsys.readouterr().out
    assert "FK grade" in out
    assert "FAIL" not in out
    assert out.splitlines()[0].startswith(f"{CONTENT / 'muscle-cramps'}: ok (muscle-cramps ")


def test_lint_fails_on_hard_patient_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "muscle-cramps"
    shutil.copytree(CONTENT / "muscle-cramps", folder)
    topic = folder / "topic.yaml"
    hard = (
        "Pathophysiological considerations notwithstanding, electrolyte homeostasis "
        "perturbations predominantly precipitate involuntary musculoskeletal contractions."
    )
    topic.write_text(
        topic.read_text().replace(
            'en: "People who have liver disease often get cramps. [1]"', f'en: "{hard} [1]"'
        )
    )
    assert main(["validate", "--lint", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{folder}: valid, lint failed (")
    assert not any(": ok" in line for line in out)
    failures = [line for line in out if line.startswith("muscle-cramps/topic.yaml:")]
    # each failure located like a content error: the passage's text, the section's passages:
    lines = topic.read_text().splitlines()
    section = lines.index("    - id: medical-conditions")
    key = next(i for i in range(section, len(lines)) if lines[i] == "      passages:") + 1
    text = next(i for i, line in enumerate(lines) if hard in line) + 1
    assert failures[0].startswith(
        f"muscle-cramps/topic.yaml:{key}:7: medical-conditions section "
        "as a whole (patient, en): FK grade "
    )
    assert failures[0].endswith(" is above grade 6")
    assert failures[1].startswith(
        f"muscle-cramps/topic.yaml:{text}:17: medical-conditions passage 1 (patient, en): FK grade "
    )
    assert failures[1].endswith(" is above grade 8")
    assert len(failures) == 2


def test_validate_reports_a_duplicate_bundle_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CONTENT / "muscle-cramps", tmp_path / "a-copy")
    shutil.copytree(CONTENT / "muscle-cramps", tmp_path / "muscle-cramps")
    assert main(["validate", "a-copy", "muscle-cramps"]) == 1
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert out[0].startswith("a-copy: ok (muscle-cramps ")
    assert out[1] == (
        "muscle-cramps/bundle.yaml:3:7: the bundle id 'muscle-cramps' is already "
        "used by a-copy/bundle.yaml:3:7; give each bundle its own id"
    )
    assert len(out) == 2
    assert "muscle-cramps: 1 problem(s)" in captured.err
    # the same, given the folder that holds both
    assert main(["validate", str(tmp_path)]) == 1
    assert "is already used by a-copy/bundle.yaml:3:7" in capsys.readouterr().out


def test_schema_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((CONTENT / "schema.json").read_text())
    assert set(printed["properties"]) == {
        "metadata",
        "topic",
        "references",
        "assets",
        "selfcheck",
        "ask",
        "signs",
    }


def test_broken_bundle_as_a_process_prints_no_traceback(broken_copy: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(broken_copy)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=broken_copy.parent,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "3 problem(s)" in done.stderr


def test_core_packages_import_no_qt() -> None:
    """The Qt-free core, checked by importing it (import-linter checks it statically too)."""
    code = (
        "import sys, kiosk.content, kiosk.content.lint, kiosk.content.schema, "
        "kiosk.selfcheck; bad = [m for m in sys.modules if m.startswith(('PySide6', "
        "'shiboken6', 'kiosk.ui'))]; print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--kiosk"],
        ["--smoke"],
        ["--kiosk", "--smoke"],
        ["--config", "s.yaml"],
        ["--content", "c", "--kiosk"],
        ["--idle-reset"],
        ["--idle-reset", "--smoke"],
    ],
)
def test_the_fast_path_for_app_options_agrees_with_the_full_parser(argv: list[str]) -> None:
    from kiosk.cli import _app_args, _parser

    fast = _app_args(argv)
    full = _parser().parse_args(argv)
    assert fast is not None
    for name, value in vars(fast).items():
        assert getattr(full, name) == value, name


@pytest.mark.parametrize(
    "argv", [["validate"], ["--idle"], ["--kio"], ["--config"], ["--config=s.yaml"], ["--help"]]
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    from kiosk.cli import _app_args

    assert _app_args(argv) is None


def test_lint_fails_on_a_hard_curated_answer_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "muscle-cramps"
    shutil.copytree(CONTENT / "muscle-cramps", folder)
    ask = folder / "ask.yaml"
    easy = (
        'en: "Water pills (diuretics) help the body get rid of extra fluid. If you take '
        'water pills, you have a high chance of getting cramps. [1]"'
    )
    hard = (
        'en: "Pharmacological diuresis substantially predisposes individuals to '
        'involuntary musculoskeletal contractions. [1]"'
    )
    text = ask.read_text(encoding="utf-8")
    assert easy in text
    ask.write_text(text.replace(easy, hard), encoding="utf-8")
    assert main(["validate", "--lint", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    failures = [line for line in out if line.startswith("muscle-cramps/ask.yaml:")]
    assert len(failures) == 1
    line = text[: text.index(easy)].count("\n") + 1
    assert failures[0].startswith(
        f"muscle-cramps/ask.yaml:{line}:15: curated answer 'water-pills' (patient, en): FK grade "
    )
    assert failures[0].endswith(" is above grade 6")


def test_lint_fails_on_a_hard_selfcheck_text_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Self-check texts are linted too, and Spanish syllables are counted by rule: this
    text (the shipped one before the counts were fixed) scored 66 with hyphenation, 59.6
    with a correct count."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "muscle-cramps"
    shutil.copytree(CONTENT / "muscle-cramps", folder)
    selfcheck = folder / "selfcheck.yaml"
    easy = (
        'es: "Los calambres pueden ser una señal de este problema. Es cuando dos glándulas '
        "pequeñas no hacen bastante de algunas hormonas. [4] Hable con el médico o la "
        'enfermera que lo atiende por eso."'
    )
    hard = (
        'es: "Los calambres pueden ser una señal de insuficiencia suprarrenal. [4] Hable '
        'con el médico o la enfermera que se ocupa de ella."'
    )
    text = selfcheck.read_text(encoding="utf-8")
    assert easy in text
    selfcheck.write_text(text.replace(easy, hard), encoding="utf-8")
    assert main(["validate", "--lint", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    failures = [line for line in out if line.startswith("muscle-cramps/selfcheck.yaml:")]
    line = text[: text.index(easy)].count("\n") + 1
    assert failures == [
        f"muscle-cramps/selfcheck.yaml:{line}:15: self-check factor 'adrenal-insufficiency' "
        "(patient, es): INFLESZ 59.6 is below 65 (too hard)"
    ]


def test_every_command_uses_the_content_folder_of_the_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--content, then the settings file's content: (given with --config), then the default:
    the same for validate, ask, selfcheck, fhir and handout as for the app."""
    from tests.library import TEST_TOPIC

    monkeypatch.chdir(tmp_path)  # no ./content here: the default is the shipped folder
    clinic = tmp_path / "clinic"
    shutil.copytree(TEST_TOPIC, clinic / "using-the-kiosk")
    config = tmp_path / "settings.yaml"
    config.write_text("content: clinic\n", encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("small-text: yes\n", encoding="utf-8")

    assert main(["--config", str(config), "validate"]) == 0
    assert capsys.readouterr().out.startswith(f"{clinic / 'using-the-kiosk'}: ok (using-the-kiosk")
    assert main(["--config", str(config), "fhir", "questionnaire"]) == 0
    assert '"urn:kiosk:questionnaire:using-the-kiosk"' in capsys.readouterr().out
    assert main(["--config", str(config), "selfcheck", "--answers", str(answers)]) == 0
    assert "Small words (text-size)" in capsys.readouterr().out
    assert main(["--config", str(config), "ask", "how do I make the words bigger"]) == 0
    assert "Bigger words" in capsys.readouterr().out
    pdf = tmp_path / "handout.pdf"
    assert main(["--config", str(config), "handout", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    # --content wins over the settings file; a bundle is named by folder or by id
    assert main(["--config", str(config), "--content", str(CONTENT), "validate"]) == 0
    assert "muscle-cramps: ok" in capsys.readouterr().out
    assert main(["--content", str(clinic), "fhir", "questionnaire", "using-the-kiosk"]) == 0
    assert "using-the-kiosk" in capsys.readouterr().out
    # without either, the default folder
    assert main(["validate"]) == 0
    assert "muscle-cramps: ok" in capsys.readouterr().out


def test_a_broken_settings_file_is_reported_located_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "settings.yaml"
    config.write_text("content: ''\n", encoding="utf-8")
    assert main(["--config", str(config), "validate"]) == 1
    assert "settings.yaml:1:10: content must be a folder path" in capsys.readouterr().err
    assert main(["--config", str(config), "fhir", "questionnaire"]) == 1
    assert "settings.yaml:1:10: content must be a folder path" in capsys.readouterr().err


def test_validate_checks_the_library_file_of_a_content_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.library import two_topics

    monkeypatch.chdir(tmp_path)
    root = two_topics(tmp_path / "content")
    (root / "library.yaml").write_text("order:\n  - using-the-kiosk\n  - muscle-cramp\n")
    assert main(["validate", "content"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (
        "content/library.yaml:3:5: no bundle has the id 'muscle-cramp'; did you mean "
        "'muscle-cramps'?"
    )
    (root / "library.yaml").write_text("order:\n  - using-the-kiosk\n  - muscle-cramps\n")
    assert main(["validate"]) == 0  # ./content, the default
    assert main(["validate", "content/using-the-kiosk"]) == 0


def test_lint_fails_on_a_hard_figure_caption_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A figure's alt text is its caption on screen and on paper: linted like a passage."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "muscle-cramps"
    shutil.copytree(CONTENT / "muscle-cramps", folder)
    assets = folder / "assets.yaml"
    text = assets.read_text(encoding="utf-8")
    easy = 'en: "Drawing of the calf stretch: '
    hard = (
        'en: "Gastrocnemius-soleus complex elongation via anterior inclination against '
        "vertical resistance, bilateral plantigrade positioning maintained. "
    )
    assert text.count(easy) == 1
    assets.write_text(text.replace(easy, hard), encoding="utf-8")
    assert main(["validate", "--lint", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    failures = [line for line in out if line.startswith("muscle-cramps/assets.yaml:")]
    line = text[: text.index(easy)].count("\n") + 1
    assert failures
    assert failures[0].startswith(
        f"muscle-cramps/assets.yaml:{line}:11: the alt text of figure 'calf-stretch' (patient, en)"
    )
