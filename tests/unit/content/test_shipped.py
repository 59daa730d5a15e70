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

    def test_named_references(self, cramps: Bundle) -> None:
        titles = {ref.number: ref.title for ref in cramps.references}
        assert titles[1] == "Management of Muscle Cramps"
        assert titles[2] == "Guideline Directed Topic Overview"

    def test_sections_in_order(self, cramps: Bundle) -> None:
        assert [s.id for s in cramps.topic.sections] == [
            "what-is-a-cramp", "during-a-cramp", "night-cramps", "prevention", "medicines",
            "quinine-magnesium", "doctor", "neuromuscular", "electrolytes-fluid", "exercise", "medical-conditions",
            "mechanisms", "pearls", "management", "when-to-get-help",
        ]  # fmt: skip

    def test_clinician_level_keeps_the_specifics(self, cramps: Bundle) -> None:
        clinician = " ".join(cramps.level_text(p, "clinician") for _s, p in cramps.passages())
        for term in ("Golgi tendon organs", "muscle spindles", "hyponatremia", "hypokalemia",
                     "hypomagnesemia", "10 mg/day", "baclofen", "albumin", "mixed",
                     "strongest evidence", "3%"):  # fmt: skip
            assert term in clinician, term

    def test_patient_level_has_no_dose(self, cramps: Bundle) -> None:
        patient = " ".join(cramps.level_text(p, "patient") for _s, p in cramps.passages())
        assert "mg" not in patient.split()
        assert "10 mg" not in patient
