"""Broken bundles: every problem is reported at once, each at its file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import BundleCache, BundleError, load_bundle, load_library
from tests.unit.content.conftest import MakeBundle
from tests.unit.content.tiny_bundle import BUNDLE, REFERENCES, TOPIC

TOPIC_SECTION = TOPIC[TOPIC.index("    - id: causes") :]
WITH_ICON = TOPIC.replace("    - id: causes\n", "    - id: causes\n      icon: icn\n")
PASSAGE = "        - patient: A tired muscle can cramp. [2]\n          clinician: Fatigue is central [2].\n"
# a bundle written for patients only
PATIENT_BUNDLE = BUNDLE.replace("[patient, clinician]", "[patient]").replace(
    "    clinician: For professionals.\n", ""
)
PATIENT_TOPIC = "".join(line for line in TOPIC.splitlines(True) if "clinician:" not in line)

# (case, files replacing or added to the tiny bundle, every expected error)
CASES: list[tuple[str, dict[str, str | bytes | None], list[str]]] = [
    (
        "unknown key with a hint",
        {"bundle.yaml": BUNDLE.replace("  title: Tiny", "  titel: Tiny")},
        ["tiny/bundle.yaml:3:3: unknown key 'titel'; did you mean 'title'?"],
    ),
    (
        "unknown key without a close match",
        {"references.yaml": REFERENCES + "    colour: blue\n"},
        [
            "tiny/references.yaml:6:5: unknown key 'colour'; allowed keys: number, title, kind, "
            "publisher, year, note, url"
        ],
    ),
    (
        "wrong type",
        {"references.yaml": REFERENCES.replace("number: 2", "number: two")},
        ["tiny/references.yaml:4:13: expected a whole number, got the text 'two'"],
    ),
    (
        "missing field",
        {"bundle.yaml": BUNDLE.replace('  version: "1.0"\n', "")},
        ["tiny/bundle.yaml:1:1: missing required key 'version'"],
    ),
    (
        "duplicate key",
        {"bundle.yaml": BUNDLE + "  id: again\n"},
        ["tiny/bundle.yaml:14:3: duplicate key 'id' (first at line 2); keep only one"],
    ),
    (
        "duplicate section id",
        {"topic.yaml": TOPIC + TOPIC_SECTION},
        ["tiny/topic.yaml:16:11: duplicate section id 'causes' (first at line 9)"],
    ),
    (
        "citation with no reference",
        {"topic.yaml": TOPIC.replace("cramp. [2]", "cramp. [9]")},
        ["tiny/topic.yaml:14:20: citation [9] has no reference (the references are: 1, 2)"],
    ),
    (
        "reference never cited",
        {"references.yaml": REFERENCES + "  - number: 3\n    title: Third\n"},
        ["tiny/references.yaml:6:13: reference 3 is never cited; cite it or remove it"],
    ),
    (
        "passage with no citation",
        {"topic.yaml": TOPIC.replace(" [2].", ".")},
        [
            "tiny/topic.yaml:15:22: this passage cites no reference; add the number of its source "
            "in brackets, e.g. [1]"
        ],
    ),
    (
        "passage missing a reading level",
        {"topic.yaml": TOPIC.replace("          clinician: Fatigue is central [2].\n", "")},
        [
            "tiny/topic.yaml:14:11: missing the 'clinician' reading level; write this text once "
            "per level (patient, clinician)"
        ],
    ),
    (
        "misspelt reading level",
        {"topic.yaml": TOPIC.replace("    patient: Tired", "    patiant: Tired")},
        [
            "tiny/topic.yaml:5:3: missing the 'patient' reading level; write this text once per "
            "level (patient, clinician)",
            "tiny/topic.yaml:6:5: unknown reading level 'patiant'; did you mean 'patient'?",
        ],
    ),
    (
        "asset outside the bundle, asset missing",
        {
            "assets.yaml": "assets:\n  - id: icon\n    path: ../../etc/passwd\n"
            "  - id: gone\n    path: missing.svg\n"
        },
        [
            "tiny/assets.yaml:3:11: the asset '../../etc/passwd' is outside the bundle folder; "
            "keep assets inside it",
            "tiny/assets.yaml:5:11: the asset file 'missing.svg' does not exist",
        ],
    ),
    (
        "unknown icon id",
        {
            "assets.yaml": "assets:\n  - id: icon\n    path: topic.yaml\n",
            "topic.yaml": TOPIC.replace(
                "    - id: causes\n", "    - id: causes\n      icon: icn\n"
            ),
        },
        ["tiny/topic.yaml:10:13: no asset has the id 'icn'; did you mean 'icon'?"],
    ),
    (
        "a figure: an unknown asset, and a passage the section does not have",
        {
            "assets.yaml": "assets:\n  - id: picture\n    path: topic.yaml\n",
            "topic.yaml": TOPIC.replace(
                "    - id: causes\n",
                "    - id: causes\n      figures:\n        - asset: pictur\n          after: 3\n",
            ),
        },
        [
            "tiny/topic.yaml:11:18: no asset has the id 'pictur'; did you mean 'picture'?",
            "tiny/topic.yaml:12:18: 'after: 3' names no passage; this section has passages 1 to 1",
        ],
    ),
    (
        "a figure whose file is not a picture and has no alt text",
        {
            "assets.yaml": "assets:\n  - id: picture\n    path: topic.yaml\n",
            "topic.yaml": TOPIC.replace(
                "    - id: causes\n", "    - id: causes\n      figures:\n        - asset: picture\n"
            ),
        },
        [
            "tiny/topic.yaml:11:18: the asset 'picture' has no alt text; a figure needs one in "
            "every language, for readers who cannot see it",
            "tiny/topic.yaml:11:18: the picture 'topic.yaml' is not an .svg, .png or .jpg file; "
            "a figure can show only those",
        ],
    ),
    (
        "unknown review status",
        {"bundle.yaml": BUNDLE.replace("status: submitted", "status: done")},
        [
            "tiny/bundle.yaml:8:13: 'done' is not allowed here; use one of: submitted, "
            "under_review, approved"
        ],
    ),
    (
        "review status with a capital letter",
        {"bundle.yaml": BUNDLE.replace("status: submitted", "status: Submitted")},
        [
            "tiny/bundle.yaml:8:13: 'Submitted' is not allowed here (did you mean 'submitted'?); "
            "use one of: submitted, under_review, approved"
        ],
    ),
    (
        "approved with no reviewer or date",
        {"bundle.yaml": BUNDLE.replace("status: submitted", "status: approved")},
        [
            "tiny/bundle.yaml:7:3: an approved bundle needs the review's 'date'",
            "tiny/bundle.yaml:7:3: an approved bundle needs the review's 'reviewer'",
        ],
    ),
    (
        "bad date",
        {"bundle.yaml": BUNDLE.replace("2025-08-04", "2025-13-01")},
        [
            "tiny/bundle.yaml:9:12: '2025-13-01' is not a valid date; write it as YYYY-MM-DD, "
            "e.g. 2025-08-04"
        ],
    ),
    (
        "bad bundle id",
        {"bundle.yaml": BUNDLE.replace("id: tiny", "id: Tiny Topic")},
        [
            "tiny/bundle.yaml:2:7: 'Tiny Topic' is not a valid id; use lowercase letters, digits "
            "and hyphens"
        ],
    ),
    (
        "text given as a list",
        {"bundle.yaml": BUNDLE.replace("title: Tiny topic", "title: [a, b]")},
        [
            "tiny/bundle.yaml:3:10: expected text, or a mapping from language code to text "
            "(en: ...), got a list"
        ],
    ),
    (
        "sections not a list",
        {"topic.yaml": TOPIC[: TOPIC.index("  sections:")] + "  sections: causes\n"},
        ["tiny/topic.yaml:8:13: expected a list (lines starting with '- '), got the text 'causes'"],
    ),
    (
        "object-building tag",
        {"bundle.yaml": BUNDLE.replace("id: tiny", "id: !!python/object/apply:os.system [ls]")},
        [
            "tiny/bundle.yaml:2:7: the tag !!python/object/apply:os.system is not allowed in "
            "content files; remove it"
        ],
    ),
    (
        "unknown top-level key",
        {"extra.yaml": "topics: []\n"},
        ["tiny/extra.yaml:1:1: unknown top-level key 'topics'; did you mean 'topic'?"],
    ),
    (
        "part defined twice",
        {"extra.yaml": REFERENCES},
        [
            "tiny/references.yaml:1:1: 'references' is defined in two files: tiny/extra.yaml:1:1 "
            "and tiny/references.yaml:1:1; keep it in one"
        ],
    ),
    (
        "missing part",
        {"references.yaml": None},
        [
            "tiny/:1:1: the bundle has no 'references'; add it to one of its files "
            "(e.g. references.yaml)"
        ],
    ),
    (
        "missing part beside another error",
        {"references.yaml": None, "bundle.yaml": BUNDLE.replace("2025-08-04", "2025-13-01")},
        [
            "tiny/:1:1: the bundle has no 'references'; add it to one of its files "
            "(e.g. references.yaml)",
            "tiny/bundle.yaml:9:12: '2025-13-01' is not a valid date; write it as YYYY-MM-DD, "
            "e.g. 2025-08-04",
        ],
    ),
    (
        "no missing part while a file is unreadable (it may hold the part)",
        {"references.yaml": None, "extra.yaml": b"x: caf\xe9\n"},
        ["tiny/extra.yaml:1:7: the file is not valid UTF-8 text (byte 0xe9); save it as UTF-8"],
    ),
    (
        "missing part beside an empty file (it holds nothing)",
        {"references.yaml": None, "extra.yaml": "# nothing yet\n"},
        [
            "tiny/:1:1: the bundle has no 'references'; add it to one of its files "
            "(e.g. references.yaml)",
            "tiny/extra.yaml:1:1: the file is empty",
        ],
    ),
    (
        "missing metadata names the usual file",
        {"bundle.yaml": "assets: []\n"},
        ["tiny/:1:1: the bundle has no 'metadata'; add it to one of its files (e.g. bundle.yaml)"],
    ),
    (
        "YAML syntax error",
        {"topic.yaml": TOPIC.replace("title:\n    patient: Why", "title: [\n    patient: Why")},
        [
            "tiny/topic.yaml:4:14: YAML syntax error: did not find expected ',' or ']' (while "
            "parsing a flow sequence)"
        ],
    ),
    (
        "several problems in several files, all at once",
        {
            "bundle.yaml": BUNDLE.replace("2025-08-04", "2025-8-4").replace("version", "verion"),
            "references.yaml": REFERENCES.replace("number: 2", "number: 1"),
        },
        [
            "tiny/bundle.yaml:4:3: unknown key 'verion'; did you mean 'version'?",
            "tiny/bundle.yaml:9:12: '2025-8-4' is not a valid date; write it as YYYY-MM-DD, "
            "e.g. 2025-08-04",
            "tiny/references.yaml:4:13: duplicate reference number '1' (first at line 2)",
            "tiny/topic.yaml:7:16: citation [2] has no reference (the references are: 1)",
            "tiny/topic.yaml:14:20: citation [2] has no reference (the references are: 1)",
            "tiny/topic.yaml:15:22: citation [2] has no reference (the references are: 1)",
        ],
    ),
    # one mistake never hides the checks that do not depend on it
    (
        "bad date does not hide the reading-level checks",
        {
            "bundle.yaml": BUNDLE.replace("2025-08-04", "2025-13-01"),
            "topic.yaml": TOPIC.replace("          clinician: Fatigue is central [2].\n", ""),
        },
        [
            "tiny/bundle.yaml:9:12: '2025-13-01' is not a valid date; write it as YYYY-MM-DD, "
            "e.g. 2025-08-04",
            "tiny/topic.yaml:14:11: missing the 'clinician' reading level; write this text once "
            "per level (patient, clinician)",
        ],
    ),
    (
        "bad date does not hide the translation checks",
        {
            "bundle.yaml": BUNDLE.replace("2025-08-04", "04/08/2025").replace(
                "title: Tiny topic", "title: {en: Tiny topic, fr: Petit sujet}"
            )
        },
        [
            "tiny/bundle.yaml:3:27: 'fr' is not one of the bundle's languages; allowed keys: en",
            "tiny/bundle.yaml:9:12: '04/08/2025' is not a valid date; write it as YYYY-MM-DD, "
            "e.g. 2025-08-04",
        ],
    ),
    (
        "a reference with a wrong value still counts for citations",
        {
            "references.yaml": REFERENCES + "    year: soon\n",
            "topic.yaml": TOPIC.replace("cramp. [1]", "cramp. [9]"),
        },
        [
            "tiny/references.yaml:6:11: expected a whole number, got the text 'soon'",
            "tiny/topic.yaml:6:14: citation [9] has no reference (the references are: 1, 2)",
        ],
    ),
    (
        "a reference with a bad number: no 'has no reference' guesses",
        {
            "references.yaml": REFERENCES.replace("number: 2", "number: two"),
            "topic.yaml": TOPIC.replace("cramp. [1]", "cramp. [9]"),
        },
        ["tiny/references.yaml:4:13: expected a whole number, got the text 'two'"],
    ),
    (
        "a broken section does not hide the other sections' checks",
        {"topic.yaml": TOPIC + "    - id: causes\n      title: [x]\n      passages: []\n"},
        [
            "tiny/topic.yaml:16:11: duplicate section id 'causes' (first at line 9)",
            "tiny/topic.yaml:17:14: write this text once per reading level: patient: ... and "
            "clinician: ... (got a list)",
            "tiny/topic.yaml:18:17: a section needs at least one passage",
        ],
    ),
    (
        "a type error in the topic does not hide the citation checks",
        {
            "topic.yaml": TOPIC.replace(
                "  title:\n    patient: Why it happens\n    clinician: Causes\n",
                "  title: Why it happens\n",
            ).replace("cramp. [2]", "cramp. [9]")
        },
        [
            "tiny/topic.yaml:2:10: write this text once per reading level: patient: ... and "
            "clinician: ... (got one text)",
            "tiny/topic.yaml:12:20: citation [9] has no reference (the references are: 1, 2)",
        ],
    ),
    (
        "no icon check when the assets file is unreadable",
        {"assets.yaml": b"assets: caf\xe9\n", "topic.yaml": WITH_ICON},
        ["tiny/assets.yaml:1:12: the file is not valid UTF-8 text (byte 0xe9); save it as UTF-8"],
    ),
    (
        "no icon check when the assets fail their type check",
        {"assets.yaml": "assets: icon\n", "topic.yaml": WITH_ICON},
        ["tiny/assets.yaml:1:9: expected a list (lines starting with '- '), got the text 'icon'"],
    ),
    (
        "asset path is a folder",
        {"assets.yaml": "assets:\n  - id: icon\n    path: .\n"},
        ["tiny/assets.yaml:3:11: the asset '.' is a folder, not a file"],
    ),
    (
        "per-level text written once",
        {
            "topic.yaml": TOPIC.replace(
                "      title:\n        patient: Causes\n        clinician: Causes\n",
                "      title: Causes\n",
            )
        },
        [
            "tiny/topic.yaml:10:14: write this text once per reading level: patient: ... and "
            "clinician: ... (got one text)"
        ],
    ),
    (
        "passage written once",
        {"topic.yaml": TOPIC.replace(PASSAGE, "        - A tired muscle can cramp. [2]\n")},
        [
            "tiny/topic.yaml:14:11: write this text once per reading level: patient: ... and "
            "clinician: ... (got one text)"
        ],
    ),
    (
        "a level the bundle does not list",
        {
            "bundle.yaml": PATIENT_BUNDLE,
            "topic.yaml": PATIENT_TOPIC.replace(
                "  summary:\n    patient: Tired muscles can cramp. [1]\n",
                "  summary: Tired muscles can cramp. [1, 2]\n",
            ).replace(
                "        patient: Causes\n", "        patient: Causes\n        clinician: C\n"
            ),
        },
        [
            "tiny/topic.yaml:4:12: write this text once per reading level: patient: ... "
            "(got one text)",
            "tiny/topic.yaml:9:9: 'clinician' is not one of this bundle's reading_levels (patient)",
        ],
    ),
    (
        "invalid language code is reported once",
        {"bundle.yaml": BUNDLE.replace("languages: [en]", "languages: [en, ES]")},
        ["tiny/bundle.yaml:5:19: 'ES' is not a language code; use one such as en or es"],
    ),
    (
        "empty reviewer",
        {
            "bundle.yaml": BUNDLE.replace(
                "status: submitted", "status: approved\n    reviewer: ''\n    date: 2025-08-04"
            )
        },
        ["tiny/bundle.yaml:9:15: the reviewer's name must not be empty"],
    ),
    (
        "empty version",
        {"bundle.yaml": BUNDLE.replace('version: "1.0"', "version: ''")},
        ["tiny/bundle.yaml:4:12: the version must not be empty"],
    ),
    (
        "empty reference title",
        {"references.yaml": REFERENCES.replace("title: Second source", 'title: " "')},
        ["tiny/references.yaml:5:12: the reference title must not be empty"],
    ),
    (
        "no sections",
        {"topic.yaml": TOPIC[: TOPIC.index("  sections:")] + "  sections: []\n"},
        ["tiny/topic.yaml:8:13: a topic needs at least one section"],
    ),
    (
        "no passages",
        {"topic.yaml": TOPIC[: TOPIC.index("      passages:")] + "      passages: []\n"},
        ["tiny/topic.yaml:13:17: a section needs at least one passage"],
    ),
    (
        "empty ids",
        {
            "bundle.yaml": BUNDLE.replace("id: tiny", "id: ''"),
            "topic.yaml": TOPIC.replace("id: causes", 'id: ""'),
        },
        [
            "tiny/bundle.yaml:2:7: the bundle id must not be empty",
            "tiny/topic.yaml:9:11: the section id must not be empty",
        ],
    ),
    (
        "empty asset id and path",
        {"assets.yaml": "assets:\n  - id: ''\n    path: ''\n"},
        [
            "tiny/assets.yaml:2:9: the asset id must not be empty",
            "tiny/assets.yaml:3:11: the asset path must not be empty",
        ],
    ),
    (
        "a number is not a date",
        {"bundle.yaml": BUNDLE.replace("2025-08-04", "86400")},
        [
            "tiny/bundle.yaml:9:12: '86400' is not a valid date; write it as YYYY-MM-DD, "
            "e.g. 2025-08-04"
        ],
    ),
    (
        "a date with a time is not a date",
        {
            "bundle.yaml": BUNDLE.replace(
                "status: submitted",
                "status: approved\n    reviewer: Dr Lee\n    date: 2025-08-04T10:30:00",
            )
        },
        [
            "tiny/bundle.yaml:10:11: '2025-08-04T10:30:00' is not a valid date; write it as "
            "YYYY-MM-DD, e.g. 2025-08-04"
        ],
    ),
    (
        "merge key",
        {"bundle.yaml": BUNDLE + "  <<: {source: Somewhere}\n"},
        [
            "tiny/bundle.yaml:14:3: merge keys (<<) are not supported in content files; write "
            "the keys out"
        ],
    ),
    (
        "folded block text",
        {
            "topic.yaml": TOPIC.replace(
                "        - patient: A tired muscle can cramp. [2]\n",
                "        - patient: >\n            A tired muscle can cramp. [2]\n",
            )
        },
        ["tiny/topic.yaml:14:20: use | for multi-line text; > joins lines and breaks lists"],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_problem_is_located(
    make_bundle: MakeBundle, files: dict[str, str | bytes | None], expected: list[str]
) -> None:
    folder = make_bundle(files)
    with pytest.raises(BundleError) as info:
        load_bundle(folder, cache=BundleCache(None))
    assert [str(e) for e in info.value.errors] == expected
    assert info.value.report() == "\n".join(expected)


def test_the_tiny_bundle_itself_is_valid(make_bundle: MakeBundle) -> None:
    bundle = load_bundle(make_bundle(), cache=BundleCache(None))
    assert bundle.id == "tiny"
    assert [s.id for s in bundle.topic.sections] == ["causes"]


def test_raw_html_is_kept_as_typed_text(make_bundle: MakeBundle) -> None:
    folder = make_bundle({"topic.yaml": TOPIC.replace("A tired", "<b>A</b> tired")})
    bundle = load_bundle(folder, cache=BundleCache(None))
    passage = bundle.topic.sections[0].passages[0]
    assert bundle.level_text(passage, "patient") == "<b>A</b> tired muscle can cramp. [2]"


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(BundleError) as info:
        load_bundle(tmp_path / "nope", cache=BundleCache(None))
    assert str(info.value.errors[0]).endswith(":1:1: no such bundle folder")


def test_folder_without_yaml(tmp_path: Path) -> None:
    with pytest.raises(BundleError) as info:
        load_bundle(tmp_path, cache=BundleCache(None))
    assert "holds no .yaml files" in str(info.value)


def test_a_library_reports_a_duplicate_id_at_the_id(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    make_bundle()
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "meta.yaml").write_text("# the metadata\n" + BUNDLE, encoding="utf-8")
    (copy / "rest.yaml").write_text(TOPIC + REFERENCES, encoding="utf-8")
    library = load_library(tmp_path, cache=BundleCache(None))
    assert [b.folder.name for b in library] == ["copy"]
    assert [str(e) for e in library.errors] == [
        "tiny/bundle.yaml:2:7: the bundle id 'tiny' is already used by copy/meta.yaml:3:7; "
        "give each bundle its own id"
    ]
