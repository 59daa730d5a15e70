"""Files that used to stop the app (issue 18): each is now a located error, never a hang,
an unbounded read or an "internal error"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content import BundleCache, BundleError, load_bundle, load_library
from kiosk.content._cache import forget_remembered
from tests.unit.content.conftest import MakeBundle

BAD_NAME = os.fsdecode(b"caf\xe9.yaml")  # Latin-1, as a Windows zip or a USB copy leaves it


def errors(folder: Path, cache: BundleCache | None = None) -> list[str]:
    with pytest.raises(BundleError) as caught:
        load_bundle(folder, cache=cache or BundleCache(None))
    return [str(error) for error in caught.value.errors]


def test_attack_yaml_file_name_not_utf8_is_located(make_bundle: MakeBundle, tmp_path: Path) -> None:
    folder = make_bundle()
    (folder / BAD_NAME).write_text("assets: []\n")
    for cache in (BundleCache(None), BundleCache(tmp_path / "cache")):
        assert errors(folder, cache) == [
            "tiny/caf\\xe9.yaml:1:1: the file name is not valid UTF-8 text; rename the file"
        ]


def test_attack_other_file_name_not_utf8_does_not_stop_loading(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle()
    (folder / os.fsdecode(b"pic\xe9.png")).write_bytes(b"x")
    (folder / os.fsdecode(b"sub\xff")).mkdir()
    cache = BundleCache(tmp_path / "cache")
    assert load_bundle(folder, cache=cache).id == "tiny"
    assert load_bundle(folder, cache=cache).id == "tiny"  # and from the cache


def test_attack_fifo_bundle_file_does_not_hang(make_bundle: MakeBundle, tmp_path: Path) -> None:
    folder = make_bundle()
    os.mkfifo(folder / "extra.yaml")
    for cache in (BundleCache(None), BundleCache(tmp_path / "cache")):
        assert errors(folder, cache) == [
            "tiny/extra.yaml:1:1: cannot read the file: not a regular file (a named pipe (FIFO))"
        ]


def test_attack_bundle_file_linked_to_dev_zero_is_not_read(make_bundle: MakeBundle) -> None:
    folder = make_bundle()
    (folder / "extra.yaml").symlink_to("/dev/zero")
    assert errors(folder) == [
        "tiny/extra.yaml:1:1: cannot read the file: not a regular file (a character device)"
    ]


def test_attack_bundle_file_symlink_loop_is_located(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle()
    (folder / "extra.yaml").symlink_to(folder / "extra.yaml")
    for cache in (BundleCache(None), BundleCache(tmp_path / "cache")):
        assert errors(folder, cache) == [
            "tiny/extra.yaml:1:1: cannot read the file: a symbolic link loop "
            "(too many levels of symbolic links)"
        ]


def test_attack_folder_symlink_loop_inside_a_bundle(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle()
    (folder / "images").mkdir()
    (folder / "images" / "again").symlink_to(folder)  # walked without following links
    assert load_bundle(folder, cache=BundleCache(tmp_path / "cache")).id == "tiny"


def test_size_limit_is_kept_while_reading(tmp_path: Path) -> None:
    """The limit does not trust the file's size: /proc files say 0 and hold more."""
    from kiosk.content._files import FileProblem, read_file

    big = tmp_path / "big"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(FileProblem, match="too large"):
        read_file(big, 4096)
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    with pytest.raises(FileProblem, match=r"too large \(more than 10 bytes"):
        read_file(status, 10)


def test_attack_symlink_loop_in_the_content_folder_is_passed_over(
    make_bundle: MakeBundle,
) -> None:
    folder = make_bundle()
    (folder.parent / "loop").symlink_to(folder.parent / "loop")
    library = load_library(folder.parent, cache=BundleCache(None))
    assert ([b.id for b in library.bundles], library.errors) == (["tiny"], [])


def test_attack_content_folder_that_cannot_be_opened(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    library = load_library(tmp_path / "loop", cache=BundleCache(None))
    assert [e.message for e in library.errors] == [
        "cannot open the content folder: a symbolic link loop (too many levels of symbolic links)"
    ]
    assert [e.message for e in load_library(tmp_path / "none").errors] == [
        "cannot open the content folder: No such file or directory"
    ]


def test_attack_broken_bundle_keeps_the_last_good_content_of_this_run(
    make_bundle: MakeBundle,
) -> None:
    forget_remembered()
    folder = make_bundle()
    assert load_library(folder.parent, cache=BundleCache(None), last_good=True).bundles
    (folder / os.fsdecode(b"caf\xe9.yaml")).write_text("x: 1\n")
    library = load_library(folder.parent, cache=BundleCache(None), last_good=True)
    assert [b.id for b in library.bundles] == ["tiny"]
    assert library.stale == {"tiny"}


def _kiosk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_NO_CACHE": "1", "LC_ALL": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_attack_validate_with_a_non_utf8_file_name_exits_1_located(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle()
    (folder / BAD_NAME).write_text("assets: []\n")
    done = _kiosk("validate", str(folder), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr
    assert (
        "caf\\xe9.yaml:1:1: the file name is not valid UTF-8 text; rename the file" in done.stdout
    )


def test_attack_kiosk_starts_with_a_non_utf8_file_name_in_its_content(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    """`kiosk` and `kiosk --kiosk` stopped with "internal error: UnicodeEncodeError"."""
    folder = make_bundle()
    (folder / BAD_NAME).write_text("assets: []\n")
    env_done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--content", str(folder.parent), "--smoke"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"},
    )
    assert "internal error" not in env_done.stderr
    assert "the file name is not valid UTF-8 text" in env_done.stderr
    assert env_done.returncode == 0, env_done.stderr
