"""``kiosk fhir questionnaire`` and ``kiosk selfcheck``, and the answers file they read.

The handlers run through a parser built here with :func:`register`, the way the main
command will call them (``args.handler(args)``), with their output captured.
"""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from kiosk.content import BundleError, QuestionKind, SelfCheck
from kiosk.selfcheck.answers import load_answers
from kiosk.selfcheck.commands import register
from tests.conftest import CONTENT
from tests.unit.selfcheck.fixtures import ASKED_ORDER, make_bundle, write_bundle


def parser() -> argparse.ArgumentParser:
    """Like the main parser: a global --content and the commands under ``command``."""
    main = argparse.ArgumentParser(prog="kiosk")
    main.add_argument("--content", type=Path)
    main.add_argument("--config", type=Path)
    register(main.add_subparsers(dest="command", metavar="COMMAND"))
    return main


def run(*argv: str) -> int:
    args = parser().parse_args(argv)
    code = args.handler(args)
    assert isinstance(code, int)
    return code


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture bundle in ``tmp_path/content/``; the working folder is ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    return write_bundle(tmp_path / "content")


@pytest.fixture
def selfcheck(tmp_path: Path) -> SelfCheck:
    found = make_bundle(tmp_path / "bundles").document.selfcheck
    assert found is not None
    return found


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- kiosk fhir questionnaire ----------------------------------------------------------


def test_fhir_questionnaire_prints_the_questionnaire(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("fhir", "questionnaire", str(folder)) == 0
    out, err = capsys.readouterr()
    document = json.loads(out)
    Questionnaire.model_validate(document)
    assert document["url"] == "urn:kiosk:questionnaire:cramps-lite"
    assert [i["linkId"] for i in document["item"]] == list(ASKED_ORDER)
    assert err == ""


def test_fhir_questionnaire_level_and_default_bundle(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("fhir", "questionnaire", "--level", "clinician", "--locale", "en") == 0
    document = json.loads(capsys.readouterr().out)  # ./content/cramps-lite, the first bundle
    assert document["title"] == "Cramp risk factors"


def test_the_content_option_of_the_main_command_names_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_bundle(tmp_path / "elsewhere")
    assert run("--content", str(tmp_path / "elsewhere"), "fhir", "questionnaire") == 0
    assert json.loads(capsys.readouterr().out)["resourceType"] == "Questionnaire"


@pytest.mark.parametrize(
    "command", [["fhir", "questionnaire"], ["selfcheck", "--answers", "a.yaml"]]
)
def test_a_bundle_without_a_selfcheck(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "exercise: yes\n")
    bundle = write_bundle(tmp_path, selfcheck=False)
    assert run(*command, str(bundle)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    name = " ".join(command[:1] if command[0] == "selfcheck" else command)
    assert err == (
        f"kiosk {name}: {bundle}: the bundle 'cramps-lite' has no self-check; "
        "add a 'selfcheck:' part (e.g. in selfcheck.yaml)\n"
    )


def test_usage_errors_exit_2(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("fhir", "questionnaire", "no-such-folder") == 2
    assert capsys.readouterr().err == (
        "kiosk fhir questionnaire: no-such-folder: no such folder, and no bundle with that id "
        "in content/\n"
    )
    assert run("fhir", "questionnaire", "--locale", "de") == 2
    assert capsys.readouterr().err == (
        "kiosk fhir questionnaire: the bundle 'cramps-lite' has no 'de' text "
        "(its languages are: en)\n"
    )
    with pytest.raises(SystemExit) as info:
        parser().parse_args(["fhir"])  # which document?
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        parser().parse_args(["fhir", "questionnaire", "--level", "expert"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        parser().parse_args(["selfcheck"])  # --answers is required
    assert info.value.code == 2
    capsys.readouterr()


def test_no_bundles_under_the_content_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    assert run("fhir", "questionnaire") == 2
    assert capsys.readouterr().err == (
        "kiosk fhir questionnaire: no bundles found under content/; name a bundle folder\n"
    )


def test_a_broken_bundle_reports_located_errors(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    selfcheck_file = folder / "selfcheck.yaml"
    selfcheck_file.write_text(
        selfcheck_file.read_text().replace("answer: chest", "answer: chset"), encoding="utf-8"
    )
    assert run("fhir", "questionnaire", "content/cramps-lite") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "content/cramps-lite/selfcheck.yaml:76:21: 'chset' is not an answer to 'where' "
        "(did you mean 'chest'?); use one of: legs, chest",
        "kiosk fhir questionnaire: content/cramps-lite: 1 problem(s)",
    ]


# -- kiosk selfcheck ------------------------------------------------------------------

ANSWERS = """\
where: chest
exercise: yes
heat: yes        # not shown: where is not legs
medicines: [diuretic]
long: yes        # not shown either
"""

TEXT = """\
Check your cramps — cramps-lite 2.1.0 (patient, en)
3 answer(s) count, 4 question(s) shown
note: 'heat' is not shown with these answers; its answer is ignored
note: 'long' is not shown with these answers; its answer is ignored

WARNING SIGNS (most urgent first)
- ! URGENT: See a doctor right away
  Contact your doctor's office now. If it is closed, or you feel very unwell, call your local emergency number.
  * Cramps in the chest: Tell staff now.
    source: [2] Second source
    Because you said: Where are the cramps? — In my chest

MAY BE CONTRIBUTING
- Tired muscles (fatigue)
  Because you said: Did you exercise hard today? — Yes
  read more: What causes cramps (causes)
  What may help: Rest and stretch.
- A water pill (diuretic)
  Because you said: Do you take any of these medicines? — A water pill
  read more: Medicines (medicines)
  What may help: Ask your doctor about your medicines.
"""


def test_selfcheck_text(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(Path("answers.yaml"), ANSWERS)
    assert run("selfcheck", "--answers", "answers.yaml", str(folder)) == 0
    out, err = capsys.readouterr()
    assert out == TEXT
    assert err == ""


def test_selfcheck_text_urgent_first_and_all_reasons(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(Path("answers.yaml"), "where: legs\nlong: yes\nexercise: yes\nheat: yes\n")
    assert run("selfcheck", "--answers", "answers.yaml", "--level", "clinician") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[3:] == [
        "WARNING SIGNS (most urgent first)",
        "- i SOON: See a doctor or nurse soon",
        "  Make an appointment with your doctor or nurse.",
        "  * Prolonged cramp: Review within days.",
        "    source: [2] Second source",
        "    Because you said: Cramp longer than 10 minutes? — Yes",
        "",
        "MAY BE CONTRIBUTING",
        "- Muscle fatigue (fatigue)",
        "  Because you said: Recent strenuous exercise? — Yes",
        "  read more: Causes (causes)",
        "  What may help: Rest and stretching.",
        "- Heat exposure (heat)",
        "  Because you said: Recent strenuous exercise? — Yes",
        "  Because you said: Exercise in the heat? — Yes",
        "  read more: Heat and fluid balance (fluids), Causes (causes)",
        "  What may help: Cooling and fluids.",
    ]


def test_selfcheck_text_with_nothing_found(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(Path("answers.yaml"), "# nothing answered yet\n")
    assert run("selfcheck", "--answers", "answers.yaml") == 0
    assert capsys.readouterr().out == (
        "Check your cramps — cramps-lite 2.1.0 (patient, en)\n"
        "0 answer(s) count, 3 question(s) shown\n"
        "\n"
        "No warning sign in these answers.\n"
        "\n"
        "No factors matched these answers.\n"
    )


def test_selfcheck_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(Path("answers.yaml"), ANSWERS)
    assert run("selfcheck", "--answers", "answers.yaml", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == {
        "bundle": "cramps-lite",
        "version": "2.1.0",
        "level": "patient",
        "language": "en",
        "asked": ["where", "exercise", "medicines", "started"],
        "answers": {"where": "chest", "exercise": "yes", "medicines": ["diuretic"]},
        "ignored": ["heat", "long"],
        "urgent": [
            {
                "id": "chest-pain",
                "tier": "urgent",
                "unsure": False,
                "name": "Cramps in the chest",
                "advice": "Tell staff now.",
                "sources": [2],
                "because": [{"question": "where", "answer": "chest"}],
            }
        ],
        "factors": [
            {
                "id": "fatigue",
                "name": "Tired muscles",
                "sections": ["causes"],
                "helps": "Rest and stretch.",
                "because": [{"question": "exercise", "answer": "yes"}],
            },
            {
                "id": "diuretic",
                "name": "A water pill",
                "sections": ["medicines"],
                "helps": "Ask your doctor about your medicines.",
                "because": [{"question": "medicines", "answer": ["diuretic"]}],
            },
        ],
    }


def test_selfcheck_fhir(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(Path("answers.yaml"), ANSWERS)
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    assert run("selfcheck", "--answers", "answers.yaml", "--format", "fhir") == 0
    after = datetime.datetime.now(datetime.UTC)
    document = json.loads(capsys.readouterr().out)
    QuestionnaireResponse.model_validate(document)
    assert document["status"] == "completed"
    assert document["questionnaire"] == "urn:kiosk:questionnaire:cramps-lite|2.1.0"
    authored = datetime.datetime.fromisoformat(document["authored"])
    assert authored.utcoffset() == datetime.timedelta(0)
    assert before <= authored <= after
    assert [i["linkId"] for i in document["item"]] == ["where", "exercise", "medicines"]
    assert "subject" not in document


def test_selfcheck_answers_file_errors(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(Path("answers.yaml"), "where: knee\nexercize: yes\n")
    assert run("selfcheck", "--answers", "answers.yaml") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "answers.yaml:1:8: 'knee' is not an answer to 'where'; use one of: legs, chest",
        "answers.yaml:2:1: no question has the id 'exercize'; did you mean 'exercise'?",
        "kiosk selfcheck: answers.yaml: 2 problem(s)",
    ]


def test_selfcheck_missing_answers_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("selfcheck", "--answers", "nope.yaml") == 2
    assert capsys.readouterr().err == "kiosk selfcheck: nope.yaml: no such file\n"


SHIPPED = CONTENT / "muscle-cramps"


@pytest.mark.parametrize("level", ["patient", "clinician"])
def test_selfcheck_on_the_shipped_bundle(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    level: str,
) -> None:
    """Every question answered with its first answer ("yes", or the first option)."""
    if not (SHIPPED / "selfcheck.yaml").is_file():
        pytest.skip("content/muscle-cramps has no selfcheck.yaml (the self-check content)")
    monkeypatch.chdir(tmp_path)
    from kiosk.content import BundleCache, load_bundle

    shipped = load_bundle(SHIPPED, cache=BundleCache(None))
    found = shipped.document.selfcheck
    assert found is not None
    lines = []
    for question in found.questions:
        first = question.answer_ids()[0]
        many = question.kind is QuestionKind.MULTIPLE
        lines.append(f"{question.id}: [{first}]" if many else f"{question.id}: {first}")
    write(tmp_path / "answers.yaml", "\n".join(lines) + "\n")
    argv = ["selfcheck", "--answers", "answers.yaml", "--level", level, str(SHIPPED)]
    assert run(*argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(f" — muscle-cramps {shipped.metadata.version} ({level}, en)")
    headings = ("WARNING SIGNS (most urgent first)", "MAY BE CONTRIBUTING", "")
    assert out.index(headings[0]) < out.index(headings[1])
    body = [line for line in out[3:] if line not in headings]
    assert body
    assert all(line.startswith(("- ", "  ")) for line in body), body
    assert run(*argv, "--format", "fhir") == 0
    QuestionnaireResponse.model_validate(json.loads(capsys.readouterr().out))


# -- the answers file ---------------------------------------------------------------------

GOOD: list[tuple[str, str, dict[str, object]]] = [
    (
        "every kind",
        "where: legs\nexercise: yes\nmedicines: [diuretic, statin]\n",
        {"where": "legs", "exercise": "yes", "medicines": ("diuretic", "statin")},
    ),
    (
        "quoted and not_sure",
        "exercise: 'no'\nheat: not_sure\n",
        {"exercise": "no", "heat": "not_sure"},
    ),
    (
        "one option of a multiple choice on its own",
        "medicines: statin\n",
        {"medicines": ("statin",)},
    ),
    ("a multiple choice with none chosen", "medicines: []\n", {"medicines": ()}),
    ("a block list", "medicines:\n  - diuretic\n", {"medicines": ("diuretic",)}),
    ("an empty file", "", {}),
    ("only comments", "# where: legs\n", {}),
    (
        "answers to hidden questions are kept (the engine ignores them)",
        "heat: yes\n",
        {"heat": "yes"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in GOOD], ids=[c[0] for c in GOOD])
def test_answers_load(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    selfcheck: SelfCheck,
    text: str,
    expected: dict[str, object],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_answers(write(tmp_path / "answers.yaml", text), selfcheck) == expected


QUESTIONS = "where, exercise, heat, medicines, started, long"
BAD: list[tuple[str, str, list[str]]] = [
    (
        "unknown question, did you mean",
        "exercize: yes\n",
        ["answers.yaml:1:1: no question has the id 'exercize'; did you mean 'exercise'?"],
    ),
    (
        "unknown question, the list",
        "temperature: hot\n",
        [f"answers.yaml:1:1: no question has the id 'temperature'; the questions are: {QUESTIONS}"],
    ),
    (
        "a yes/no answer that is not one",
        "exercise: maybe\n",
        [
            "answers.yaml:1:11: 'maybe' is not an answer to 'exercise'; use one of: yes, no, not_sure"
        ],
    ),
    (
        "a close option id",
        "where: chset\n",
        [
            "answers.yaml:1:8: 'chset' is not an answer to 'where' (did you mean 'chest'?); use one of: legs, chest"
        ],
    ),
    (
        "a close yes/no answer",
        "heat: not sure\n",
        [
            "answers.yaml:1:7: 'not sure' is not an answer to 'heat' (did you mean 'not_sure'?); use one of: yes, no, not_sure"
        ],
    ),
    (
        "true is not yes",
        "exercise: true\n",
        ["answers.yaml:1:11: 'true' is not an answer to 'exercise'; use one of: yes, no, not_sure"],
    ),
    (
        "a number",
        "where: 1\n",
        ["answers.yaml:1:8: '1' is not an answer to 'where'; use one of: legs, chest"],
    ),
    (
        "a list for a single choice",
        "where: [legs]\n",
        ["answers.yaml:1:8: 'where' takes one answer, not a list; use one of: legs, chest"],
    ),
    (
        "a list for a yes/no question",
        "exercise:\n  - yes\n  - no\n",
        [
            "answers.yaml:2:3: 'exercise' takes one answer, not a list; use one of: yes, no, not_sure"
        ],
    ),
    (
        "a bad option in a list",
        "medicines: [diuretic, aspirin, statn]\n",
        [
            "answers.yaml:1:23: 'aspirin' is not an answer to 'medicines'; use one of: diuretic, statin",
            "answers.yaml:1:32: 'statn' is not an answer to 'medicines' (did you mean 'statin'?); use one of: diuretic, statin",
        ],
    ),
    (
        "an option twice",
        "medicines:\n  - statin\n  - statin\n",
        ["answers.yaml:3:5: 'statin' is given twice for 'medicines'; keep one"],
    ),
    (
        "a list inside a list",
        "medicines: [[statin]]\n",
        [
            "answers.yaml:1:13: each answer to 'medicines' is an option id, not a list; use one of: diuretic, statin"
        ],
    ),
    (
        "an empty item in a list",
        "medicines: [statin, ~]\n",
        ["answers.yaml:1:21: an empty answer to 'medicines'; use one of: diuretic, statin"],
    ),
    (
        "no answer",
        "exercise:\nwhere: legs\n",
        [
            "answers.yaml:1:1: no answer given for 'exercise'; use one of: yes, no, not_sure, or remove the line"
        ],
    ),
    (
        "a mapping",
        "where: {site: legs}\n",
        [
            "answers.yaml:1:8: the answer to 'where' must be text, not a mapping; use one of: legs, chest"
        ],
    ),
    (
        "a question twice",
        "where: legs\nexercise: yes\nwhere: chest\n",
        ["answers.yaml:3:1: duplicate key 'where' (first at line 1); keep only one"],
    ),
    (
        "not a mapping",
        "- where\n- legs\n",
        ["answers.yaml:1:1: the file must hold a mapping of keys, not a list"],
    ),
    (
        "a YAML syntax error",
        "where: [legs\n",
        [
            "answers.yaml:2:1: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)"
        ],
    ),
    (
        "every problem at once, in file order",
        "temperature: hot\nexercise: maybe\nwhere: [legs]\nmedicines: [aspirin]\n",
        [
            f"answers.yaml:1:1: no question has the id 'temperature'; the questions are: {QUESTIONS}",
            "answers.yaml:2:11: 'maybe' is not an answer to 'exercise'; use one of: yes, no, not_sure",
            "answers.yaml:3:8: 'where' takes one answer, not a list; use one of: legs, chest",
            "answers.yaml:4:13: 'aspirin' is not an answer to 'medicines'; use one of: diuretic, statin",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_answers_errors_are_located(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    selfcheck: SelfCheck,
    text: str,
    expected: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BundleError) as info:
        load_answers(write(tmp_path / "answers.yaml", text), selfcheck)
    assert [str(e) for e in info.value.errors] == expected
