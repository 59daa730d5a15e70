"""The library: every bundle of the content folder, in the clinic's order, with its status."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content import (
    LIBRARY_FILE,
    BundleCache,
    EntryStatus,
    ReviewStatus,
    load_bundle,
    load_library,
)
from kiosk.content.library import read_order
from tests.library import TEST_TOPIC, make_library, topic_title, two_topics

NO_CACHE = BundleCache(None)


def break_bundle(folder: Path) -> None:
    """A typo in the bundle's references: the bundle no longer loads."""
    path = folder / "references.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("number: 1\n", "numbr: 1\n", 1), "utf-8"
    )


def test_every_bundle_is_a_topic_in_folder_order(tmp_path: Path) -> None:
    library = load_library(two_topics(tmp_path), cache=NO_CACHE)
    assert [e.id for e in library.entries] == ["muscle-cramps", "using-the-kiosk"]
    assert [b.id for b in library.topics] == ["muscle-cramps", "using-the-kiosk"]
    assert all(e.status is EntryStatus.SHOWN and e.shown for e in library.entries)
    assert library.errors == []
    entry = library.entries[1]
    assert (entry.version, entry.review) == ("1.0.0", ReviewStatus.SUBMITTED)
    assert entry.describe().endswith(
        "using-the-kiosk: using-the-kiosk; version 1.0.0, review status submitted; shown"
    )


def test_the_library_file_sets_the_order(tmp_path: Path) -> None:
    root = two_topics(tmp_path)
    (root / LIBRARY_FILE).write_text("order:\n  - using-the-kiosk\n  - muscle-cramps\n")
    library = load_library(root, cache=NO_CACHE)
    assert [b.id for b in library.topics] == ["using-the-kiosk", "muscle-cramps"]
    assert library.errors == []


def test_bundles_the_order_leaves_out_follow_in_folder_order(tmp_path: Path) -> None:
    root = make_library(tmp_path, 5)
    (root / LIBRARY_FILE).write_text("order: [topic-03, topic-01]\n")
    library = load_library(root, cache=NO_CACHE)
    assert [b.id for b in library.topics] == [
        "topic-03",
        "topic-01",
        "topic-00",
        "topic-02",
        "topic-04",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "order:\n  - using-the-kiost\n  - muscle-cramps\n",
            [
                "library.yaml:2:5: no bundle has the id 'using-the-kiost'; did you mean "
                "'using-the-kiosk'?"
            ],
        ),
        (
            "order:\n  - muscle-cramps\n  - flu\n",
            [
                "library.yaml:3:5: no bundle has the id 'flu'; the bundles are: muscle-cramps, "
                "using-the-kiosk"
            ],
        ),
        (
            "order:\n  - muscle-cramps\n  - muscle-cramps\n",
            ["library.yaml:3:5: 'muscle-cramps' is listed twice (first at line 2); keep one"],
        ),
        (
            "ordre: [muscle-cramps]\n",
            [
                "library.yaml:1:1: unknown key 'ordre'; did you mean 'order'?",
                "library.yaml:1:1: missing required key 'order'",
            ],
        ),
        (
            "order: muscle-cramps\n",
            ["library.yaml:1:8: expected a list of bundle ids (- my-topic)"],
        ),
        ("order:\n  - {id: muscle-cramps}\n", ["library.yaml:2:5: expected a bundle id"]),
        ("- muscle-cramps\n", ["library.yaml:1:1: the file must hold a mapping of keys"]),
        ("order: [a\n", ["library.yaml:2:1: YAML syntax error"]),
    ],
)
def test_library_file_errors_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: list[str]
) -> None:
    root = two_topics(tmp_path / "content")
    monkeypatch.chdir(root)
    (root / LIBRARY_FILE).write_text(text, encoding="utf-8")
    library = load_library(root, cache=NO_CACHE)
    messages = [str(e) for e in library.errors]
    assert len(messages) == len(expected)
    for message, start in zip(messages, expected, strict=True):
        assert message.startswith(start)
    # a broken library file never hides a topic; the usable part of the order is kept
    assert {b.id for b in library.topics} == {"muscle-cramps", "using-the-kiosk"}


def test_a_broken_bundle_is_listed_with_its_errors_and_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = two_topics(tmp_path)
    monkeypatch.chdir(root)
    break_bundle(root / "muscle-cramps")
    library = load_library(root, cache=NO_CACHE, last_good=True)
    first = library.entries[0]
    assert (first.id, first.status, first.shown, first.bundle) == (
        "muscle-cramps",
        EntryStatus.BROKEN,
        False,
        None,
    )
    assert [str(e) for e in first.errors] == [
        "muscle-cramps/references.yaml:3:5: unknown key 'numbr'; did you mean 'number'?",
        "muscle-cramps/references.yaml:3:5: missing required key 'number'",
    ][: len(first.errors)]
    assert library.errors == list(first.errors)
    assert "not shown: its files have errors" in first.describe()
    # the other topic is shown, as itself: not in the broken one's place
    assert [b.id for b in library.topics] == ["using-the-kiosk"]


def test_a_broken_bundle_runs_on_its_last_good_content_marked_stale(tmp_path: Path) -> None:
    root = two_topics(tmp_path / "content")
    cache = BundleCache(tmp_path / "cache")
    assert load_library(root, cache=cache).errors == []  # remembered as good
    break_bundle(root / "using-the-kiosk")
    library = load_library(root, cache=cache, last_good=True)
    entry = library.entry("using-the-kiosk")
    assert entry is not None
    assert entry.status is EntryStatus.STALE
    assert entry.shown
    assert entry.errors
    assert library.stale == {"using-the-kiosk"}
    assert [b.id for b in library.topics] == ["muscle-cramps", "using-the-kiosk"]
    # without last_good it is broken
    assert load_library(root, cache=cache).entries[1].status is EntryStatus.BROKEN


def _yaml_says_approved(root: Path, bundle_id: str) -> None:
    bundle = root / bundle_id / "bundle.yaml"
    bundle.write_text(
        bundle.read_text(encoding="utf-8").replace(
            "    status: submitted\n",
            "    status: approved\n    reviewer: A. Nurse\n    date: 2026-12-01\n",
        ),
        encoding="utf-8",
    )


def test_require_approved_lists_unapproved_bundles_without_showing_them(tmp_path: Path) -> None:
    root = two_topics(tmp_path)
    signers = {"using-the-kiosk": "A. Nurse"}
    library = load_library(
        root, cache=NO_CACHE, require_approved=True, approver=lambda b: signers.get(b.id)
    )
    assert [(e.id, e.status, e.signer) for e in library.entries] == [
        ("muscle-cramps", EntryStatus.NOT_APPROVED, None),
        ("using-the-kiosk", EntryStatus.SHOWN, "A. Nurse"),
    ]
    assert [b.id for b in library.topics] == ["using-the-kiosk"]
    assert "no clinical reviewer's signature" in library.entries[0].describe()
    assert "approved by A. Nurse (signed)" in library.entries[1].describe()
    assert library.errors == []  # not a content problem: the kiosk's choice


def test_require_approved_never_trusts_the_review_status_written_in_the_yaml(
    tmp_path: Path,
) -> None:
    root = two_topics(tmp_path)
    _yaml_says_approved(root, "using-the-kiosk")  # anyone with a text editor can write it
    library = load_library(root, cache=NO_CACHE, require_approved=True)
    assert [e.status for e in library.entries] == [EntryStatus.NOT_APPROVED] * 2
    assert library.topics == []


def test_a_second_bundle_with_the_same_id_is_listed_as_a_duplicate(tmp_path: Path) -> None:
    root = two_topics(tmp_path)
    shutil.copytree(root / "using-the-kiosk", root / "using-the-kiosk-copy")
    library = load_library(root, cache=NO_CACHE)
    copy = library.entries[-1]
    assert copy.folder.name == "using-the-kiosk-copy"
    assert copy.status is EntryStatus.DUPLICATE
    assert not copy.shown
    assert "already used by" in str(copy.errors[0])
    assert [b.id for b in library.topics] == ["muscle-cramps", "using-the-kiosk"]


def test_an_empty_content_folder_is_one_located_problem(tmp_path: Path) -> None:
    library = load_library(tmp_path, cache=NO_CACHE)
    assert library.entries == []
    assert library.topics == []
    assert [e.message for e in library.errors] == ["no content bundles here"]


def test_a_generated_library_of_50_topics(tmp_path: Path) -> None:
    root = make_library(tmp_path, 50)
    order = [f"topic-{i:02d}" for i in reversed(range(50))]
    (root / LIBRARY_FILE).write_text("order:\n" + "".join(f"  - {i}\n" for i in order))
    library = load_library(root, cache=BundleCache(tmp_path / "cache"))
    assert library.errors == []
    assert [b.id for b in library.topics] == order
    last = library.topics[0]
    assert last.text(last.metadata.title, "es") == topic_title(49)[1]
    assert last.text(last.metadata.title, "en") == "Falls at home (5)"
    assert read_order(root, known=order)[1] == []


def test_the_test_topic_is_small_bilingual_at_both_levels_with_a_self_check() -> None:
    bundle = load_bundle(TEST_TOPIC, cache=NO_CACHE)
    assert bundle.languages == ("en", "es")
    assert [str(level) for level in bundle.reading_levels] == ["patient", "clinician"]
    assert bundle.document.selfcheck is not None
    assert bundle.metadata.icon is not None
    assert bundle.asset_path(bundle.metadata.icon)
    assert len(bundle.topic.sections) == 2
