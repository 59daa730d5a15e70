"""Every shipped bundle is a test case: it loads, at every level and language, and lints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.content import Bundle, BundleCache, ReviewStatus, find_bundles, load_bundle
from kiosk.content.lint import lint_bundle
from kiosk.content.markup import citations
from kiosk.content.schema import bundle_file_schema
from tests.conftest import CONTENT
from tests.library import TOPICS

# the shipped bundles, and the project's own test topic (held to the same standard)
BUNDLES = [*find_bundles(CONTENT), *find_bundles(TOPICS)]
SCHEMA = "# yaml-language-server: $schema="


@pytest.fixture(params=BUNDLES, ids=[b.name for b in BUNDLES])
def bundle(request: pytest.FixtureRequest) -> Bundle:
    folder: Path = request.param
    return load_bundle(folder, cache=BundleCache(None))


def test_there_is_a_muscle_cramps_bundle() -> None:
    assert "muscle-cramps" in [b.name for b in BUNDLES]


def test_every_passage_has_text_at_every_level_and_language(bundle: Bundle) -> None:
    for level in bundle.reading_levels:
        for language in bundle.languages:
            for _section, passage in bundle.passages():
                text = bundle.level_text(passage, level, language)
                assert text.strip()
                assert citations(text), f"uncited passage: {text!r}"
            for section in bundle.topic.sections:
                assert bundle.level_text(section.title, level, language).strip()
            assert bundle.level_text(bundle.metadata.disclaimer, level, language).strip()


def test_patient_and_clinician_texts_differ(bundle: Bundle) -> None:
    for _section, passage in bundle.passages():
        assert bundle.level_text(passage, "patient") != bundle.level_text(passage, "clinician")


def test_unreviewed_content_shows_the_caution(bundle: Bundle) -> None:
    assert bundle.needs_review_caution == (bundle.metadata.review.status != ReviewStatus.APPROVED)


def test_patient_readability_within_limits(bundle: Bundle) -> None:
    problems = [row for row in lint_bundle(bundle) if row.problem]
    assert problems == []


def test_every_file_names_the_schema() -> None:
    for folder in BUNDLES:
        for path in sorted(folder.glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first.startswith(SCHEMA), path
            named = (folder / first.removeprefix(SCHEMA)).resolve()
            assert named == (CONTENT / "schema.json").resolve(), path


def test_committed_schema_is_in_sync() -> None:
    committed = json.loads((CONTENT / "schema.json").read_text(encoding="utf-8"))
    assert committed == bundle_file_schema(), "run: kiosk schema > content/schema.json"


class TestMuscleCramps:
    """Facts the content brief insists on."""

    @pytest.fixture
    def cramps(self) -> Bundle:
        return load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))

    def test_review_status_is_submitted(self, cramps: Bundle) -> None:
        assert cramps.metadata.review.status is ReviewStatus.SUBMITTED
        assert cramps.needs_review_caution

    def test_unlisted_references_are_not_invented(self, cramps: Bundle) -> None:
        for number in (3, 4, 5):
            ref = cramps.reference(number)
            assert ref is not None
            assert ref.year is None
            assert ref.url is None
            assert ref.publisher is None
            assert "full reference not listed" in cramps.text(ref.note).lower()
            # the entry names no work, so its title is the kiosk's words: in each language
            assert cramps.text(ref.title, "en") == f"Reference {number} of the source overview"
            assert cramps.text(ref.title, "es").startswith(f"Referencia {number} del")

    def test_a_per_language_reference_title_needs_every_language(self, tmp_path: Path) -> None:
        import shutil

        from kiosk.content import BundleError

        folder = tmp_path / "muscle-cramps"
        shutil.copytree(CONTENT / "muscle-cramps", folder)
        references = folder / "references.yaml"
        text = references.read_text(encoding="utf-8")
        spanish = "      es: Referencia 3 del artículo de síntesis original\n"
        assert text.count(spanish) == 1
        references.write_text(text.replace(spanish, ""), encoding="utf-8")
        with pytest.raises(BundleError) as raised:
            load_bundle(folder, cache=BundleCache(None))
        line = text[: text.index("    title:\n      en: Reference 3")].count("\n") + 1
        assert f"references.yaml:{line}:5: missing the 'es' translation" in raised.value.report()

    def test_named_references(self, cramps: Bundle) -> None:
        titles = {ref.number: ref.title for ref in cramps.references}
        assert titles[1] == "Management of Muscle Cramps"
        assert titles[2] == "Guideline Directed Topic Overview"

    def test_sections_in_order(self, cramps: Bundle) -> None:
        assert [s.id for s in cramps.topic.sections] == [
            # what it is, what to do now, when to get help; then prevention and care;
            # why cramps happen last, for those who open it (PEMAT-P "logical order")
            "what-is-a-cramp",
            "during-a-cramp",
            "when-to-get-help",
            "night-cramps",
            "prevention",
            "management",
            "medicines",
            "quinine-magnesium",
            "doctor",
            "exercise",
            "electrolytes-fluid",
            "medical-conditions",
            "neuromuscular",
            "mechanisms",
            "pearls",
        ]

    def test_clinician_level_keeps_the_specifics(self, cramps: Bundle) -> None:
        clinician = " ".join(cramps.level_text(p, "clinician") for _s, p in cramps.passages())
        for term in (
            "Golgi tendon organs",
            "muscle spindles",
            "hyponatremia",
            "hypokalemia",
            "hypomagnesemia",
            "10 mg/day",
            "baclofen",
            "albumin",
            "mixed",
            "strongest evidence",
            "3%",
        ):
            assert term in clinician, term

    def test_patient_level_names_no_sensor_jargon(self, cramps: Bundle) -> None:
        """The mechanism is kept at the patient level in everyday words (CDC CCI item 7):
        the sensors' names are the clinician level's."""
        for language in ("en", "es"):
            patient = " ".join(
                cramps.level_text(p, "patient", language) for _s, p in cramps.passages()
            )
            for term in ("spindle", "Golgi", "husos", "triad", "tríada"):
                assert term not in patient, (language, term)

    def test_short_answer_is_action_first_and_emphasised(self, cramps: Bundle) -> None:
        """The main message (what to do, that most cramps are harmless) opens the short
        answer, in bold; then when to get help; then why (CDC CCI items 1-3)."""
        for language, action, doctor, why in (
            ("en", "**During a cramp, stretch", "See a doctor right away", "Why do cramps"),
            ("es", "**Durante un calambre, estire", "Vaya al médico de inmediato", "¿Por qué"),
        ):
            summary = cramps.level_text(cramps.topic.summary, "patient", language)
            assert summary.startswith(action)
            assert summary.index(doctor) < summary.index(why)

    def test_handout_carries_what_helps_with_the_calf_stretch(self, cramps: Bundle) -> None:
        printed = {s.id: s.handout for s in cramps.topic.sections if s.handout}
        assert printed == {"during-a-cramp": (1,), "prevention": (2,)}
        prevention = cramps.section("prevention")
        assert prevention is not None
        assert [(f.asset, f.after) for f in prevention.figures] == [("calf-stretch", 2)]

    def test_patient_level_has_no_dose(self, cramps: Bundle) -> None:
        patient = " ".join(cramps.level_text(p, "patient") for _s, p in cramps.passages())
        assert "mg" not in patient.split()
        assert "10 mg" not in patient
