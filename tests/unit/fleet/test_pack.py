"""Reproducible bundle archives, and an unpacker that trusts nothing."""

from __future__ import annotations

import io
import os
import shutil
import tarfile
from pathlib import Path

import pytest

from kiosk.fleet.pack import PackError, pack_bundle, unpack_bundle
from tests.conftest import CONTENT


def test_the_same_content_packs_to_the_same_bytes(tmp_path: Path) -> None:
    first = pack_bundle(CONTENT / "muscle-cramps")
    copy = tmp_path / "elsewhere"
    shutil.copytree(CONTENT / "muscle-cramps", copy)
    for path in copy.rglob("*"):  # other times and modes on another machine
        os.utime(path, (1, 1))
        path.chmod(0o600 if path.is_file() else 0o700)
    again = pack_bundle(copy)
    assert again.data == first.data
    assert again.sha256 == first.sha256


def test_any_change_gives_another_digest(tmp_path: Path) -> None:
    copy = tmp_path / "bundle"
    shutil.copytree(CONTENT / "muscle-cramps", copy)
    before = pack_bundle(copy).sha256
    topic = copy / "topic.yaml"
    topic.write_text(topic.read_text() + "\n")
    assert pack_bundle(copy).sha256 != before


def test_unpacking_and_packing_again_keeps_the_digest(tmp_path: Path) -> None:
    packed = pack_bundle(CONTENT / "muscle-cramps")
    unpack_bundle(packed.data, tmp_path / "out")
    assert pack_bundle(tmp_path / "out").sha256 == packed.sha256


def test_a_symbolic_link_in_a_bundle_is_not_published(tmp_path: Path) -> None:
    copy = tmp_path / "bundle"
    shutil.copytree(CONTENT / "muscle-cramps", copy)
    (copy / "link.yaml").symlink_to("/etc/passwd")
    with pytest.raises(PackError, match="symbolic link"):
        pack_bundle(copy)


def _archive(*members: tarfile.TarInfo) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for member in members:
            data = b"x" * member.size
            archive.addfile(member, io.BytesIO(data) if member.isreg() else None)
    return buffer.getvalue()


def _member(name: str, kind: bytes = tarfile.REGTYPE, size: int = 1) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = size if kind == tarfile.REGTYPE else 0
    if kind == tarfile.SYMTYPE:
        info.linkname = "/etc/passwd"
    return info


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ([_member("../escape.yaml")], "outside the bundle"),
        ([_member("/etc/cron.d/evil")], "outside the bundle"),
        ([_member("a/../../escape.yaml")], "outside the bundle"),
        ([_member("link.yaml", tarfile.SYMTYPE)], "not a regular file"),
        ([_member("dev", tarfile.CHRTYPE)], "not a regular file"),
        ([_member("twice.yaml"), _member("twice.yaml")], "appears twice"),
    ],
)
def test_a_hostile_archive_is_refused(
    tmp_path: Path, members: list[tarfile.TarInfo], message: str
) -> None:
    with pytest.raises(PackError, match=message):
        unpack_bundle(_archive(*members), tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert not (tmp_path.parent / "escape.yaml").exists()


def test_garbage_is_not_an_archive(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="not a bundle archive"):
        unpack_bundle(b"\x00garbage" * 100, tmp_path / "out")
