"""``kiosk ask``: the question box without a screen (exit codes, text, JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content import load_bundle
from tests.conftest import CONTENT

BUNDLE = str(CONTENT / "muscle-cramps")


def test_answers_with_sections_and_citations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "water pills and cramps", BUNDLE]) == 0
    out = capsys.readouterr().out
    assert "[medical-conditions]" in out
    assert "[1] " in out or "[2] " in out or "[3] " in out  # a resolved reference line


def test_spanish_clinician_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "ask",
            "calambres por deshidratacion",
            BUNDLE,
            "--locale",
            "es",
            "--level",
            "clinician",
            "--format",
            "json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["answered"]
    assert data["language"] == "es"
    assert data["level"] == "clinician"
    first = data["answers"][0]
    assert first["citations"]
    assert all(c["title"] for c in first["citations"])


def test_no_answer_says_so_and_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "where is the bathroom", BUNDLE]) == 3
    assert "ask a member of staff" in capsys.readouterr().out
    assert main(["ask", "donde esta el baño", BUNDLE, "--locale", "es"]) == 3
    assert "pregunte al personal" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask", "   ", BUNDLE], "the question is empty"),
        (["ask", "cramps", BUNDLE, "--locale", "fr"], "no 'fr' text"),
        (["ask", "cramps", BUNDLE, "--limit", "0"], "--limit must be 1 or more"),
        (["ask", "cramps", "/no/such/folder"], "no such folder"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_a_broken_bundle_exits_1_with_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bundle.yaml").write_text("metadata: [\n", encoding="utf-8")
    assert main(["ask", "cramps", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "bundle.yaml:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("question", "locale", "first_line"),
    [
        ("my leg is numb and cramping", "en", "! Urgent: See a doctor right away"),
        ("tengo calambres y se me duerme la pierna", "es", "! Urgente: "),
        ("cramp wont go away its been like 15 minutes", "en", "! Urgent: "),
        ("chest pain and can't breathe", "en", "‼ Emergency: Get help now"),
        (
            "should i stop taking my water pill",
            "en",
            "Talk to your doctor before you change a medicine",
        ),
    ],
)
def test_safety_leads_the_answers(
    capsys: pytest.CaptureFixture[str], question: str, locale: str, first_line: str
) -> None:
    """A warning sign's card, or the fixed medicine answer, is the first thing printed;
    an emergency is an answer (exit 0), never "ask a member of staff" alone."""
    assert main(["ask", question, BUNDLE, "--locale", locale]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(first_line)
    assert "I don't have an answer" not in out


def test_safety_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "should i stop taking my water pill", BUNDLE, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "pharmacist who prescribed it" in data["medicine_safety"]
    assert data["signs"] == []
    assert main(["ask", "chest pain and can't breathe", BUNDLE, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["signs"][0]["tier"] == "emergency"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.library import two_topics

    return two_topics(tmp_path_factory.mktemp("library") / "content")


def test_in_a_library_the_open_topic_first_then_the_others_labelled(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the question box (issue 12 point 4): the content folder's first topic is open,
    the other topic's answers come after, each labelled with its topic, cited from its
    own references."""
    code = main(["--content", str(library), "ask", "how do i make the text bigger"])
    assert code == 0
    out = capsys.readouterr().out
    assert "From another topic: How to use this kiosk" in out
    assert "[1] README of the patient-education kiosk" in out
    # the topic named is open: its answers first, the shipped topic's labelled after
    code = main(
        [
            "--content",
            str(library),
            "ask",
            "por que se acalambran los musculos",
            "using-the-kiosk",
            "--locale",
            "es",
            "--format",
            "json",
        ]
    )
    assert code == 0
    answers = json.loads(capsys.readouterr().out)["answers"]
    others = [a for a in answers if a["other_topic"]]
    assert others
    assert all(a["bundle"] == "muscle-cramps" for a in others)
    assert answers[-len(others) :] == others  # after the open topic's
    shipped = load_bundle(library / "muscle-cramps")
    assert others[0]["topic"] == shipped.level_text(shipped.topic.title, "patient", "es")
    assert all(c["title"] for a in others for c in a["citations"])
    main(
        [
            "--content",
            str(library),
            "ask",
            "por que se acalambran los musculos",
            "using-the-kiosk",
            "--locale",
            "es",
        ]
    )
    assert "De otro tema: " in capsys.readouterr().out


def test_others_0_asks_the_topic_alone(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--content", str(library), "ask", "how do i make the text bigger", "--others", "0"]
    assert main(argv) == 3
    assert "ask a member of staff" in capsys.readouterr().out
    assert main([*argv[:-2], "--others", "-1"]) == 2


def test_as_many_other_topics_as_the_question_box() -> None:
    from kiosk.search.commands import OTHER_TOPICS
    from kiosk.ui import ask_screen

    assert OTHER_TOPICS == ask_screen.OTHER_TOPICS
