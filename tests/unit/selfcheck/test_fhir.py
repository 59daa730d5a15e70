"""FHIR R4 export: the Questionnaire and QuestionnaireResponse, validated by fhir.resources.

Besides validating the documents against the R4B models, the skip logic is checked by
meaning: a small evaluator of FHIR ``enableWhen`` (below) must show exactly the
questions the engine shows, for every combination of answers to the fixture bundle and
for a sample of answers to the shipped one.
"""

from __future__ import annotations

import datetime
import itertools
import random
import re
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from kiosk.content import Bundle, BundleCache, QuestionKind, load_bundle
from kiosk.selfcheck import Answer, SelfCheckEngine
from kiosk.selfcheck.fhir import (
    YES_NO_SYSTEM,
    NoSelfCheckError,
    questionnaire,
    questionnaire_response,
    questionnaire_url,
)
from tests.conftest import CONTENT
from tests.unit.selfcheck.fixtures import ASKED_ORDER, QUESTIONS, make_bundle

AUTHORED = datetime.datetime(2025, 8, 4, 14, 30, 5, 123456, tzinfo=datetime.UTC)
SHIPPED = CONTENT / "muscle-cramps"

# FHIR R4 primitive types (https://hl7.org/fhir/R4/datatypes.html) and RFC 8141 URNs;
# fhir.resources checks the shapes of documents but not all of these.
FHIR_URI = re.compile(r"\S*\Z")
FHIR_CODE = re.compile(r"[^\s]+(\s[^\s]+)*\Z")
FHIR_ID_LIKE_LINK = re.compile(r"\S.{0,254}\Z")
URN = re.compile(r"urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:[A-Za-z0-9()+,\-.:=@;$_!*'%/?#]+\Z")
STATUSES = {"draft", "active", "retired", "unknown"}
OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}
ANONYMOUS = ("subject", "author", "source", "encounter", "identifier", "id", "basedOn", "partOf")


@pytest.fixture
def bundle(tmp_path: Path) -> Bundle:
    return make_bundle(tmp_path)


def items_by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["linkId"]: item for item in document.get("item", [])}


def strings(value: Any) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def codings(item: dict[str, Any], key: str) -> list[tuple[str, str]]:
    return [(o["valueCoding"]["system"], o["valueCoding"]["code"]) for o in item[key]]


# -- a reader of FHIR enableWhen, to check the export means what the engine does -------


def fhir_enabled(document: dict[str, Any], answers: dict[str, Answer]) -> list[str]:
    """The linkIds FHIR would enable for ``answers`` (R4 rules, for `=` and `exists`):
    an item is enabled when its enableWhen hold (any/all); a disabled item's answers
    do not count. Items are walked in document order (each looks only at earlier ones)."""
    items = document["item"]
    options = {i["linkId"]: {c[1]: c for c in codings(i, "answerOption")} for i in items}
    given: dict[str, list[tuple[str, str]]] = {}
    enabled: list[str] = []
    for item in items:
        results = []
        for when in item.get("enableWhen", []):
            answered = given.get(when["question"], [])
            if when["operator"] == "exists":
                results.append(bool(answered) is when["answerBoolean"])
            else:
                assert when["operator"] == "="
                wanted = (when["answerCoding"]["system"], when["answerCoding"]["code"])
                results.append(wanted in answered)
        combine = all if item.get("enableBehavior") == "all" else any
        if results and not combine(results):
            continue
        enabled.append(item["linkId"])
        answer = answers.get(item["linkId"])
        chosen = answer if isinstance(answer, tuple) else () if answer is None else (answer,)
        given[item["linkId"]] = [options[item["linkId"]][a] for a in chosen]
    return enabled


def all_answer_sets(bundle: Bundle) -> list[dict[str, Answer]]:
    """Every combination of answers (each question unanswered too) to the fixture bundle."""
    selfcheck = bundle.document.selfcheck
    assert selfcheck is not None
    choices: list[list[Answer | None]] = []
    for question in selfcheck.questions:
        ids = question.answer_ids()
        if question.kind is QuestionKind.MULTIPLE:
            subsets: list[Answer | None] = [
                tuple(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)
            ]
            choices.append([None, *subsets])
        else:
            choices.append([None, *ids])
    sets = []
    for combination in itertools.product(*choices):
        sets.append(
            {
                q.id: a
                for q, a in zip(selfcheck.questions, combination, strict=True)
                if a is not None
            }
        )
    return sets


def random_answer_sets(bundle: Bundle, count: int, seed: int = 4) -> list[dict[str, Answer]]:
    selfcheck = bundle.document.selfcheck
    assert selfcheck is not None
    rng = random.Random(seed)
    sets = []
    for _ in range(count):
        answers: dict[str, Answer] = {}
        for question in selfcheck.questions:
            ids = question.answer_ids()
            if rng.random() < 0.15:
                continue
            if question.kind is QuestionKind.MULTIPLE:
                answers[question.id] = tuple(i for i in ids if rng.random() < 0.4)
            else:
                answers[question.id] = rng.choice(ids)
        sets.append(answers)
    return sets


# -- the Questionnaire -----------------------------------------------------------------


@pytest.mark.parametrize("level", ["patient", "clinician"])
def test_questionnaire_is_valid_fhir(bundle: Bundle, level: str) -> None:
    document = questionnaire(bundle, level)
    model = Questionnaire.model_validate(document)
    assert model.get_resource_type() == "Questionnaire"
    assert document["status"] in STATUSES
    assert FHIR_URI.match(document["url"])
    assert URN.match(document["url"])
    for item in document["item"]:
        assert FHIR_ID_LIKE_LINK.match(item["linkId"])
        for system, code in codings(item, "answerOption"):
            assert URN.match(system), system
            assert FHIR_CODE.match(code), code
        for when in item.get("enableWhen", []):
            assert when["operator"] in OPERATORS
        if len(item.get("enableWhen", [])) > 1:  # FHIR invariant que-12
            assert item["enableBehavior"] in ("any", "all")


def test_questionnaire_header(bundle: Bundle) -> None:
    document = questionnaire(bundle)
    assert document["resourceType"] == "Questionnaire"
    assert document["url"] == "urn:kiosk:questionnaire:cramps-lite" == questionnaire_url(bundle)
    assert document["version"] == "2.1.0"
    assert document["status"] == "draft"  # the review status is "submitted"
    assert document["title"] == "Check your cramps"  # the citation marker is gone
    assert document["language"] == "en"
    assert document["date"] == "2025-08-04"
    assert document["description"] == "A few questions.\n\nNot a diagnosis."  # markdown


def test_an_approved_bundle_is_active(tmp_path: Path) -> None:
    document = questionnaire(make_bundle(tmp_path, review="approved"))
    assert document["status"] == "active"
    Questionnaire.model_validate(document)


def test_one_choice_item_per_question_in_the_engine_order(bundle: Bundle) -> None:
    items = questionnaire(bundle)["item"]
    assert [i["linkId"] for i in items] == list(ASKED_ORDER)
    assert sorted(i["linkId"] for i in items) == sorted(QUESTIONS)
    assert {i["type"] for i in items} == {"choice"}
    assert [i["linkId"] for i in items if i.get("repeats")] == ["medicines"]
    assert all("repeats" not in i for i in items if i["linkId"] != "medicines")


def test_answer_options_are_codings(bundle: Bundle) -> None:
    items = items_by_id(questionnaire(bundle))
    yes_no = [(YES_NO_SYSTEM, "yes"), (YES_NO_SYSTEM, "no"), (YES_NO_SYSTEM, "not_sure")]
    for linkid in ("exercise", "heat", "started", "long"):
        assert codings(items[linkid], "answerOption") == yes_no
    assert [o["valueCoding"]["display"] for o in items["exercise"]["answerOption"]] == [
        "Yes",
        "No",
        "Not sure",
    ]
    where = "urn:kiosk:selfcheck:cramps-lite:where"
    assert codings(items["where"], "answerOption") == [(where, "legs"), (where, "chest")]
    assert items["where"]["answerOption"][0]["valueCoding"]["display"] == "In my legs"
    medicines = "urn:kiosk:selfcheck:cramps-lite:medicines"
    assert codings(items["medicines"], "answerOption") == [
        (medicines, "diuretic"),
        (medicines, "statin"),
    ]


def test_text_is_plain_at_the_level(bundle: Bundle) -> None:
    patient = items_by_id(questionnaire(bundle, "patient"))
    clinician = items_by_id(questionnaire(bundle, "clinician"))
    assert patient["exercise"]["text"] == "Did you exercise hard today?"
    assert clinician["exercise"]["text"] == "Recent strenuous exercise?"
    assert clinician["where"]["answerOption"][0]["valueCoding"]["display"] == "Legs"
    document = questionnaire(bundle, "clinician")
    assert document["title"] == "Cramp risk factors"
    assert document["description"] == "A brief questionnaire."
    assert not [s for s in strings(document) if re.search(r"\[\d", s)]  # no citations


def test_enable_when(bundle: Bundle) -> None:
    items = items_by_id(questionnaire(bundle))
    for linkid in ("where", "exercise", "medicines"):
        assert "enableWhen" not in items[linkid]
        assert "enableBehavior" not in items[linkid]
    # one condition: no enableBehavior
    assert items["long"]["enableWhen"] == [
        {
            "question": "where",
            "operator": "=",
            "answerCoding": {"system": "urn:kiosk:selfcheck:cramps-lite:where", "code": "legs"},
        }
    ]
    assert "enableBehavior" not in items["long"]
    # all: two `=` conditions
    assert items["heat"]["enableBehavior"] == "all"
    assert [
        (w["question"], w["operator"], w["answerCoding"]["code"])
        for w in items["heat"]["enableWhen"]
    ] == [
        ("exercise", "=", "yes"),
        ("where", "=", "legs"),
    ]
    # any: `answered: true` becomes `exists`
    assert items["started"]["enableBehavior"] == "any"
    assert items["started"]["enableWhen"] == [
        {"question": "medicines", "operator": "exists", "answerBoolean": True},
        {
            "question": "heat",
            "operator": "=",
            "answerCoding": {"system": YES_NO_SYSTEM, "code": "yes"},
        },
    ]


def test_enable_when_points_at_earlier_items_and_real_options(bundle: Bundle) -> None:
    items = questionnaire(bundle)["item"]
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        for when in item.get("enableWhen", []):
            assert when["question"] in seen  # an earlier item
            if when["operator"] == "=":
                coding = when["answerCoding"]
                target = seen[when["question"]]
                assert (coding["system"], coding["code"]) in codings(target, "answerOption")
        seen[item["linkId"]] = item


def test_help_is_a_display_child_item(bundle: Bundle) -> None:
    items = items_by_id(questionnaire(bundle))
    (child,) = items["exercise"]["item"]
    assert child["linkId"] == "exercise.help"
    assert child["type"] == "display"
    assert child["text"] == "For example running or lifting."
    control = child["extension"][0]["valueCodeableConcept"]["coding"][0]
    assert control["code"] == "help"
    assert all("item" not in items[q] for q in QUESTIONS if q != "exercise")


def test_every_answer_set_enables_what_the_engine_shows(bundle: Bundle) -> None:
    """Exhaustive: 3,840 answer sets; FHIR's enableWhen and the engine agree on each."""
    document = questionnaire(bundle)
    selfcheck = bundle.document.selfcheck
    assert selfcheck is not None
    engine = SelfCheckEngine(selfcheck, bundle.signs)
    sets = all_answer_sets(bundle)
    assert len(sets) == 3 * 4 * 4 * 5 * 4 * 4  # each question unanswered or answered
    for answers in sets:
        assert fhir_enabled(document, answers) == [q.id for q in engine.questions(answers)]


def test_errors(bundle: Bundle, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no 'expert' reading level"):
        questionnaire(bundle, "expert")
    with pytest.raises(ValueError, match=r"no 'de' text \(its languages are: en\)"):
        questionnaire(bundle, language="de")
    plain = make_bundle(tmp_path / "plain", selfcheck=False)
    with pytest.raises(NoSelfCheckError, match="the bundle 'cramps-lite' has no self-check"):
        questionnaire(plain)
    with pytest.raises(NoSelfCheckError):
        questionnaire_response(plain, {}, AUTHORED)


# -- the QuestionnaireResponse ----------------------------------------------------------

ANSWERS: dict[str, Answer] = {
    "where": "legs",
    "exercise": "yes",
    "heat": "yes",
    "medicines": ("diuretic", "statin"),
    "started": "not_sure",
    "long": "no",
}


@pytest.mark.parametrize("level", ["patient", "clinician"])
def test_response_is_valid_fhir(bundle: Bundle, level: str) -> None:
    document = questionnaire_response(bundle, ANSWERS, AUTHORED, level)
    model = QuestionnaireResponse.model_validate(document)
    assert model.get_resource_type() == "QuestionnaireResponse"


def test_response_header_is_anonymous(bundle: Bundle) -> None:
    document = questionnaire_response(bundle, ANSWERS, AUTHORED)
    assert document["resourceType"] == "QuestionnaireResponse"
    assert document["status"] == "completed"
    assert document["questionnaire"] == "urn:kiosk:questionnaire:cramps-lite|2.1.0"
    url = questionnaire(bundle)
    assert document["questionnaire"] == f"{url['url']}|{url['version']}"
    assert document["authored"] == "2025-08-04T14:30:05+00:00"
    assert datetime.datetime.fromisoformat(document["authored"]).tzinfo is not None
    for key in ANONYMOUS:
        assert key not in document


def test_authored_keeps_its_time_zone(bundle: Bundle) -> None:
    paris = datetime.timezone(datetime.timedelta(hours=2))
    when = datetime.datetime(2025, 8, 4, 16, 30, tzinfo=paris)
    assert questionnaire_response(bundle, {}, when)["authored"] == "2025-08-04T16:30:00+02:00"
    with pytest.raises(ValueError, match="time zone"):
        questionnaire_response(bundle, {}, datetime.datetime(2025, 8, 4, 16, 30))


def test_response_items_follow_the_engine_order(bundle: Bundle) -> None:
    document = questionnaire_response(bundle, ANSWERS, AUTHORED)
    items = document["item"]
    assert [i["linkId"] for i in items] == list(ASKED_ORDER)
    by_id = items_by_id(document)
    assert by_id["exercise"]["text"] == "Did you exercise hard today?"
    assert codings(by_id["medicines"], "answer") == [
        ("urn:kiosk:selfcheck:cramps-lite:medicines", "diuretic"),
        ("urn:kiosk:selfcheck:cramps-lite:medicines", "statin"),
    ]
    assert by_id["started"]["answer"] == [
        {"valueCoding": {"system": YES_NO_SYSTEM, "code": "not_sure", "display": "Not sure"}}
    ]
    assert by_id["where"]["answer"][0]["valueCoding"]["display"] == "In my legs"


def test_only_enabled_answered_items(bundle: Bundle) -> None:
    answers: dict[str, Answer] = {
        "where": "chest",  # so `long` and `heat` are not shown
        "exercise": "yes",
        "heat": "yes",  # hidden: left out
        "long": "yes",  # hidden: left out
        "medicines": (),  # answered with nothing: left out, and `started` is not shown
        "started": "yes",  # hidden: left out
    }
    document = questionnaire_response(bundle, answers, AUTHORED)
    assert [i["linkId"] for i in document["item"]] == ["where", "exercise"]
    QuestionnaireResponse.model_validate(document)


def test_bad_and_unknown_answers_are_left_out(bundle: Bundle) -> None:
    answers: dict[str, Answer] = {
        "where": "knee",
        "exercise": ("yes",),
        "medicines": "diuretic",
        "nope": "yes",
    }
    document = questionnaire_response(bundle, answers, AUTHORED)
    assert "item" not in document  # FHIR forbids empty arrays
    QuestionnaireResponse.model_validate(document)


def test_every_answer_set_gives_a_consistent_response(bundle: Bundle) -> None:
    """For each answer set: the response is exactly the enabled, answered items, and each
    answer coding is one of its item's answer options."""
    definition = questionnaire(bundle)
    options = {i["linkId"]: codings(i, "answerOption") for i in definition["item"]}
    for answers in all_answer_sets(bundle)[::5]:
        document = questionnaire_response(bundle, answers, AUTHORED)
        expected = [
            q for q in fhir_enabled(definition, answers) if q in answers and answers[q] != ()
        ]
        assert [i["linkId"] for i in document.get("item", [])] == expected
        for item in document.get("item", []):
            assert set(codings(item, "answer")) <= set(options[item["linkId"]])


# -- the shipped bundle -----------------------------------------------------------------


@pytest.fixture
def shipped() -> Bundle:
    if not (SHIPPED / "selfcheck.yaml").is_file():
        pytest.skip("content/muscle-cramps has no selfcheck.yaml (the self-check content)")
    return load_bundle(SHIPPED, cache=BundleCache(None))


@pytest.mark.parametrize("level", ["patient", "clinician"])
def test_the_shipped_selfcheck_exports_valid_fhir(shipped: Bundle, level: str) -> None:
    selfcheck = shipped.document.selfcheck
    assert selfcheck is not None
    engine = SelfCheckEngine(selfcheck, shipped.signs)
    document = questionnaire(shipped, level)
    Questionnaire.model_validate(document)
    assert document["url"] == "urn:kiosk:questionnaire:muscle-cramps"
    assert document["version"] == shipped.metadata.version
    assert [i["linkId"] for i in document["item"]] == [q.id for q in engine.order]
    for item, question in zip(document["item"], engine.order, strict=True):
        assert item["text"]
        assert not re.search(r"\[\d", item["text"])  # no citation markers
        assert item.get("repeats", False) is (question.kind is QuestionKind.MULTIPLE)
        assert [c[1] for c in codings(item, "answerOption")] == list(question.answer_ids())
        if len(item.get("enableWhen", [])) > 1:
            assert item["enableBehavior"] in ("any", "all")
    for answers in random_answer_sets(shipped, 300):
        assert fhir_enabled(document, answers) == [q.id for q in engine.questions(answers)]
        response = questionnaire_response(shipped, answers, AUTHORED, level)
        QuestionnaireResponse.model_validate(response)
        assert response["questionnaire"] == f"{document['url']}|{document['version']}"
        shown = {q.id for q in engine.questions(answers)}
        assert {i["linkId"] for i in response.get("item", [])} <= shown
