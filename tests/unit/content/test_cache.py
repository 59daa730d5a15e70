"""The cache of checked bundles: used when the files are unchanged, never trusted otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import BundleCache, BundleError, load_bundle
from tests.unit.content.conftest import MakeBundle


def test_second_load_comes_from_the_cache(make_bundle: MakeBundle, tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    folder = make_bundle()
    first = load_bundle(folder, cache=cache)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    second = load_bundle(folder, cache=cache)
    assert second.document == first.document


def test_an_edit_invalidates_the_cache(make_bundle: MakeBundle, tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    folder = make_bundle()
    load_bundle(folder, cache=cache)
    topic = folder / "topic.yaml"
    topic.write_text(topic.read_text().replace("Tired muscles", "Weary muscles"))
    assert "Weary" in load_bundle(folder, cache=cache).level_text(
        load_bundle(folder, cache=cache).topic.summary, "patient"
    )
    topic.write_text(topic.read_text().replace("[1]", "[7]"))
    with pytest.raises(BundleError):
        load_bundle(folder, cache=cache)


def test_a_removed_asset_invalidates_the_cache(make_bundle: MakeBundle, tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    folder = make_bundle({"assets.yaml": "assets:\n  - id: icon\n    path: icon.svg\n"})
    (folder / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    load_bundle(folder, cache=cache)
    (folder / "icon.svg").unlink()
    with pytest.raises(BundleError, match="does not exist"):
        load_bundle(folder, cache=cache)


def test_a_corrupt_cache_file_is_ignored(make_bundle: MakeBundle, tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    folder = make_bundle()
    load_bundle(folder, cache=cache)
    for path in (tmp_path / "cache").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert load_bundle(folder, cache=cache).id == "tiny"


def test_an_unwritable_cache_only_costs_speed(make_bundle: MakeBundle, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    assert load_bundle(make_bundle(), cache=BundleCache(blocker / "cache")).id == "tiny"


def test_default_cache_is_under_the_user_cache_folder(isolated_home: Path) -> None:
    directory = BundleCache.default().directory
    assert directory is not None
    assert directory.is_relative_to(isolated_home)


def test_no_cache_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_NO_CACHE", "1")
    assert BundleCache.default().directory is None
