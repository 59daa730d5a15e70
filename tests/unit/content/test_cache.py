"""The cache of checked bundles: used when the files are unchanged, never trusted otherwise."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from kiosk.content import BundleCache, BundleError, load_bundle
from kiosk.content._cache import forget_remembered
from tests.unit.content.conftest import MakeBundle


def test_second_load_comes_from_the_cache(make_bundle: MakeBundle, tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    folder = make_bundle()
    first = load_bundle(folder, cache=cache)
    assert len(list((tmp_path / "cache").glob("*.cache"))) == 1
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
    for path in (tmp_path / "cache").glob("*.cache"):
        path.write_bytes(b"not a cache file")
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


# -- attacks on the cache (issue 18) ----------------------------------------------------


def cache_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.cache"))


def test_attack_crafted_pickle_in_the_cache_runs_no_code(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    """A pickle whose loading runs a payload, under every name the cache could read."""
    import pickle

    folder = make_bundle()
    cache = BundleCache(tmp_path / "cache")
    load_bundle(folder, cache=cache)
    marker = tmp_path / "payload-ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (marker.write_text, ("ran",))

    crafted = pickle.dumps(Payload())
    for path in [*cache_files(tmp_path / "cache"), *(tmp_path / "cache").glob("last-good-*")]:
        path.write_bytes(crafted)
        (path.parent / (path.stem + ".pickle")).write_bytes(crafted)
    assert load_bundle(folder, cache=BundleCache(tmp_path / "cache")).id == "tiny"
    assert BundleCache(tmp_path / "cache").last_good(tmp_path / "elsewhere") is None
    assert not marker.exists()
    assert not list((tmp_path / "cache").glob("*.pickle"))  # old-format files are removed


def test_the_cache_format_is_json_behind_a_header(make_bundle: MakeBundle, tmp_path: Path) -> None:
    """Version 2: the document as a JSON object per dataclass, by field name (msgspec)."""
    import json

    load_bundle(make_bundle(), cache=BundleCache(tmp_path / "cache"))
    (path,) = cache_files(tmp_path / "cache")
    header, _, payload = path.read_bytes().partition(b"\n")
    magic, version, key, length = header.split(b" ")
    assert (magic, version, key.decode()) == (b"kiosk-cache", b"2", path.stem)
    assert int(length) == len(payload)
    document = json.loads(payload)
    assert isinstance(document, dict)
    assert document["metadata"]["id"] == "tiny"
    assert set(document) == {
        "metadata",
        "topic",
        "references",
        "assets",
        "selfcheck",
        "ask",
        "signs",
    }


def test_attack_cache_file_of_another_format_version_is_not_used(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    """A file in version 1's format (JSON lists), under the right key: loaded the long way."""
    cache = BundleCache(tmp_path / "cache")
    folder = make_bundle()
    load_bundle(folder, cache=cache)
    (path,) = cache_files(tmp_path / "cache")
    header, _, payload = path.read_bytes().partition(b"\n")
    path.write_bytes(header.replace(b"kiosk-cache 2", b"kiosk-cache 1") + b"\n" + payload)
    again = load_bundle(folder, cache=BundleCache(tmp_path / "cache"))
    assert again.id == "tiny"
    assert path.read_bytes().startswith(b"kiosk-cache 2 ")  # written again in version 2


@pytest.mark.parametrize(
    "payload",
    [
        b'{"metadata": 1}',  # a field of the wrong type
        b"[]",  # not an object
        b'{"metadata": {"id": "x"}}',  # required fields missing
        b'{"__reduce__": "os.system", "metadata": null}',  # names mean nothing to JSON
        b"\x80\x04\x95",  # a pickle's first bytes
    ],
    ids=["wrong-type", "list", "missing-fields", "reduce", "pickle"],
)
def test_attack_cache_json_that_is_not_a_bundle_is_not_shown(
    make_bundle: MakeBundle, tmp_path: Path, payload: bytes
) -> None:
    """The right header, key and length, and a payload the typed decoder refuses."""
    from kiosk.content._cache import decode_document

    cache = BundleCache(tmp_path / "cache")
    folder = make_bundle()
    load_bundle(folder, cache=cache)
    (path,) = cache_files(tmp_path / "cache")
    data = b"kiosk-cache 2 %s %d\n%s" % (path.stem.encode(), len(payload), payload)
    with pytest.raises(ValueError, match=r"^(Expected|Object missing|JSON is malformed)"):
        decode_document(path.stem, data)
    path.write_bytes(data)
    assert load_bundle(folder, cache=BundleCache(tmp_path / "cache")).id == "tiny"


def test_a_cached_document_is_the_document(make_bundle: MakeBundle, tmp_path: Path) -> None:
    """The JSON round trip keeps every type: tuples, enums, dates, nested models."""
    from kiosk.content._cache import decode_document, encode_document
    from tests.conftest import CONTENT

    shipped = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None)).document
    assert decode_document("k", encode_document("k", shipped)) == shipped
    tiny = load_bundle(make_bundle(), cache=BundleCache(None)).document
    assert decode_document("k", encode_document("k", tiny)) == tiny


def test_attack_another_bundles_document_under_this_key_is_not_shown(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    cache = BundleCache(tmp_path / "cache")
    folder = make_bundle()
    load_bundle(folder, cache=cache)
    (mine,) = cache_files(tmp_path / "cache")
    other_dir = tmp_path / "other-cache"
    from tests.conftest import CONTENT

    load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(other_dir))
    (theirs,) = cache_files(other_dir)
    mine.write_bytes(theirs.read_bytes())  # a valid file, written for another key
    assert load_bundle(folder, cache=BundleCache(tmp_path / "cache")).id == "tiny"
    # and the same payload relabelled with this key but cut short is refused too
    header, _, payload = theirs.read_bytes().partition(b"\n")
    parts = header.split(b" ")
    mine.write_bytes(b" ".join([*parts[:2], mine.stem.encode(), parts[3]]) + b"\n" + payload[:-9])
    assert load_bundle(folder, cache=BundleCache(tmp_path / "cache")).id == "tiny"


def test_attack_edit_between_hashing_and_parsing_is_not_cached_under_the_old_key(
    make_bundle: MakeBundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file is read once: the key is the hash of the very bytes that were parsed."""
    from kiosk.content import _files, loader

    folder = make_bundle()
    topic = folder / "topic.yaml"
    real_read = _files.read_file
    reads: list[str] = []

    def read_then_edit(path: Path | str, limit: int, **kwargs: bool) -> bytes:
        data = real_read(path, limit, **kwargs)
        reads.append(Path(path).name)
        if Path(path) == topic:  # an editor saves right after the loader read the file
            topic.write_text(topic.read_text().replace("Tired muscles", "Weary muscles"))
        return data

    monkeypatch.setattr(_files, "read_file", read_then_edit)
    cache = BundleCache(tmp_path / "cache")
    first = load_bundle(folder, cache=cache)
    assert reads.count("topic.yaml") == 1  # read once, hashed and parsed from the same bytes
    assert "Tired" in first.level_text(first.topic.summary, "patient")
    monkeypatch.setattr(_files, "read_file", real_read)
    second = load_bundle(folder, cache=BundleCache(tmp_path / "cache"))
    assert "Weary" in second.level_text(second.topic.summary, "patient")
    assert loader  # the loader reads through _files.read_file


def test_attack_symlinked_cache_folder_is_refused(make_bundle: MakeBundle, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    (tmp_path / "cache").symlink_to(shared)
    folder = make_bundle()
    assert load_bundle(folder, cache=BundleCache(tmp_path / "cache")).id == "tiny"
    assert list(shared.iterdir()) == []


def test_attack_cache_inside_a_symlinked_parent_is_refused(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    (tmp_path / "kiosk").symlink_to(shared)
    assert (
        load_bundle(make_bundle(), cache=BundleCache(tmp_path / "kiosk" / "bundles")).id == "tiny"
    )
    assert list(shared.iterdir()) == []


def test_attack_foreign_owned_cache_folder_is_refused(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    os.chown(directory, 65534, 65534) if os.geteuid() == 0 else None
    cache = BundleCache(directory)
    if os.geteuid() != 0:  # cannot give a folder away: pretend we are someone else
        from unittest import mock

        with mock.patch("os.getuid", return_value=os.getuid() + 1):
            assert not cache.usable(create=True)
        return
    assert not cache.usable(create=True)
    load_bundle(make_bundle(), cache=cache)
    assert list(directory.iterdir()) == []


def test_the_cache_folder_is_made_private(make_bundle: MakeBundle, tmp_path: Path) -> None:
    load_bundle(make_bundle(), cache=BundleCache(tmp_path / "made" / "cache"))
    assert stat.S_IMODE((tmp_path / "made" / "cache").stat().st_mode) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o755)
    load_bundle(make_bundle(), cache=BundleCache(loose))
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700
    for path in loose.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_attack_full_disk_leaves_no_temporary_files(
    make_bundle: MakeBundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    real_replace = os.replace

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    cache_dir = tmp_path / "cache"
    for _ in range(3):  # three starts
        assert load_bundle(make_bundle(), cache=BundleCache(cache_dir)).id == "tiny"
    assert list(cache_dir.iterdir()) == []
    monkeypatch.setattr(os, "replace", real_replace)
    stale = cache_dir / "0123.4242.tmp"  # left by an older version or a crash
    stale.write_bytes(b"x")
    os.utime(stale, (1, 1))
    fresh = cache_dir / ".abc.tmp"  # another process writing now
    fresh.write_bytes(b"x")
    (make_bundle() / "topic.yaml").write_text(
        (make_bundle() / "topic.yaml").read_text().replace("Tired", "Weary")
    )
    load_bundle(make_bundle(), cache=BundleCache(cache_dir))
    assert not stale.exists()
    assert fresh.exists()


def test_attack_fifo_as_the_cached_file_does_not_hang(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle()
    load_bundle(folder, cache=BundleCache(tmp_path / "cache"))
    (path,) = cache_files(tmp_path / "cache")
    path.unlink()
    os.mkfifo(path)
    assert load_bundle(folder, cache=BundleCache(tmp_path / "cache")).id == "tiny"


@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_attack_last_good_pointer_fifo_or_dev_zero(
    make_bundle: MakeBundle, tmp_path: Path, target: str
) -> None:
    from kiosk.content._cache import forget_remembered

    folder = make_bundle()
    load_bundle(folder, cache=BundleCache(tmp_path / "cache"))
    (pointer,) = (tmp_path / "cache").glob("last-good-*")
    pointer.unlink()
    if target == "fifo":
        os.mkfifo(pointer)
    else:
        pointer.symlink_to(target)
    forget_remembered()
    cache = BundleCache(tmp_path / "cache")
    assert cache.pointer(folder) is None
    assert cache.last_good(folder) is None
    assert load_bundle(folder, cache=cache).id == "tiny"


def test_last_good_content_is_kept_in_memory_without_a_disk_cache(
    make_bundle: MakeBundle,
) -> None:
    """A read-only home (or KIOSK_NO_CACHE): the process still remembers the last good."""
    folder = make_bundle()
    good = load_bundle(folder, cache=BundleCache(None))
    (folder / "topic.yaml").write_text("topic: [broken\n")
    with pytest.raises(BundleError):
        load_bundle(folder, cache=BundleCache(None))
    assert BundleCache(None).last_good(folder) == good.document


def test_attack_read_only_cache_keeps_last_good_in_memory(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    from kiosk.content import load_library

    root = make_bundle().parent
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    cache = BundleCache(blocker / "cache")
    assert load_library(root, cache=cache, last_good=True).bundles
    (root / "tiny" / "topic.yaml").write_text("topic: [broken\n")
    library = load_library(root, cache=cache, last_good=True)
    assert [b.id for b in library.bundles] == ["tiny"]
    assert library.stale == {"tiny"}
    assert library.errors


def test_attack_old_cache_files_are_never_swept(make_bundle: MakeBundle, tmp_path: Path) -> None:
    """Each edit of a bundle left its previous document in the cache for ever, and a
    bundle folder that was removed kept its pointer and document: the folder only grew.
    Now, once a bundle is loaded the long way, what no pointer names goes (once older
    than ten minutes); what is in use, young, or not the cache's own stays."""
    from kiosk.content import load_library

    cache_dir = tmp_path / "cache"
    root = make_bundle().parent
    other = tmp_path / "other"
    other.mkdir()
    (root / "tiny").rename(other / "gone")  # a second bundle folder, removed later
    load_bundle(other / "gone", cache=BundleCache(cache_dir))
    make_bundle()  # the tiny bundle again, in its own folder
    load_library(root, cache=BundleCache(cache_dir))
    assert len(cache_files(cache_dir)) == 1  # the same content: one document
    topic = root / "tiny" / "topic.yaml"
    topic.write_text(topic.read_text().replace("Tired", "Weary"))
    load_bundle(root / "tiny", cache=BundleCache(cache_dir))
    first_two = cache_files(cache_dir)
    assert len(first_two) == 2  # the edit's document and the old one
    for path in cache_dir.iterdir():
        os.utime(path, (1, 1))  # long ago
    foreign = cache_dir / "notes.txt"
    foreign.write_text("not the cache's own")
    os.utime(foreign, (1, 1))
    shutil.rmtree(other)
    topic.write_text(topic.read_text().replace("Weary", "Aching"))
    young = cache_dir / ("f" * 64 + ".cache")  # another process's, its pointer not yet written
    young.write_bytes(b"x")

    edited = load_bundle(root / "tiny", cache=BundleCache(cache_dir))

    assert "Aching" in edited.level_text(edited.topic.summary, "patient")
    pointers = sorted(cache_dir.glob("last-good-*"))
    assert len(pointers) == 1  # the removed folder's pointer went
    key = pointers[0].read_text().split()[0]
    assert cache_files(cache_dir) == sorted([cache_dir / f"{key}.cache", young])
    assert foreign.exists()
    # and what stays is what the next start uses
    forget_remembered()
    assert BundleCache(cache_dir).last_good(root / "tiny") == edited.document


def test_the_sweep_keeps_documents_a_pointer_names(make_bundle: MakeBundle, tmp_path: Path) -> None:
    """A bundle that now fails keeps its last good document however old, and an older
    version's two-line pointer (no folder in it) still counts."""
    cache_dir = tmp_path / "cache"
    folder = make_bundle()
    good = load_bundle(folder, cache=BundleCache(cache_dir))
    (pointer,) = cache_dir.glob("last-good-*")
    pointer.write_text("\n".join(pointer.read_text().split()[:2]) + "\n")  # older form
    for path in cache_dir.iterdir():
        os.utime(path, (1, 1))
    fresh = tmp_path / "fresh"
    shutil.copytree(folder, fresh)
    topic = fresh / "topic.yaml"
    topic.write_text(topic.read_text().replace("Tired", "Weary"))
    (folder / "topic.yaml").write_text("topic: [broken\n")
    load_bundle(fresh, cache=BundleCache(cache_dir))  # a long load: the sweep runs
    assert len(cache_files(cache_dir)) == 2
    forget_remembered()
    assert BundleCache(cache_dir).last_good(folder) == good.document
