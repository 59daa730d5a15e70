"""Reproducible bundle archives: the same bundle folder always packs to the same bytes.

An archive is a plain (uncompressed) POSIX tar of the folder's regular files, sorted by
path, with every field that could differ between machines fixed: modification time 0,
owner 0/0 with no names, mode 0644. Uncompressed, because a compressor's output may
change with its version, and the archive's SHA-256 is what a reviewer signs; bundles
are small text. Packing the unpacked folder again gives the same digest, which is how
a kiosk proves that what it shows is what a reviewer approved.

Unpacking trusts nothing: only regular files, relative paths without ``..``, no
duplicates, and limits on the number and size of files.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["MAX_ARCHIVE_BYTES", "MAX_FILES", "PackError", "pack_bundle", "unpack_bundle"]

MAX_FILES = 2000
MAX_ARCHIVE_BYTES = 64 * 1024 * 1024
"""No bundle comes near: the shipped one is about 300 KB with its figures."""


class PackError(ValueError):
    """A folder that cannot be packed, or an archive that must not be unpacked."""


@dataclass(frozen=True)
class Packed:
    """An archive's bytes and their SHA-256 (hex)."""

    data: bytes
    sha256: str


def _members(folder: Path) -> list[tuple[str, Path]]:
    """(archive name, path) of every regular file under ``folder``, sorted by name."""
    found: list[tuple[str, Path]] = []

    def walk(directory: Path, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                if entry.name == "__pycache__":
                    continue
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    raise PackError(
                        f"{directory / entry.name}: a symbolic link cannot be published"
                    )
                if stat.S_ISDIR(mode):
                    walk(Path(entry.path), f"{name}/")
                elif stat.S_ISREG(mode):
                    found.append((name, Path(entry.path)))
                else:
                    raise PackError(f"{directory / entry.name}: not a regular file")

    walk(folder, "")
    if len(found) > MAX_FILES:
        raise PackError(f"{folder}: more than {MAX_FILES} files")
    return sorted(found)


def pack_bundle(folder: Path) -> Packed:
    """The reproducible archive of the bundle in ``folder``."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, path in _members(folder):
            data = path.read_bytes()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            archive.addfile(info, io.BytesIO(data))
    data = buffer.getvalue()
    if len(data) > MAX_ARCHIVE_BYTES:
        raise PackError(f"{folder}: larger than {MAX_ARCHIVE_BYTES // (1024 * 1024)} MiB")
    return Packed(data, hashlib.sha256(data).hexdigest())


def unpack_bundle(data: bytes, target: Path) -> None:
    """Write the archive ``data`` into the new folder ``target`` (which must not exist).

    Raises :class:`PackError` for anything but plain files at safe relative paths.
    """
    if len(data) > MAX_ARCHIVE_BYTES:
        raise PackError(f"archive larger than {MAX_ARCHIVE_BYTES // (1024 * 1024)} MiB")
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
            members = archive.getmembers()
            _check_members(members)
            target.mkdir(mode=0o755)
            for member in members:
                destination = target.joinpath(*PurePosixPath(member.name).parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                assert source is not None  # a regular member always has data
                with destination.open("xb") as handle:
                    handle.write(source.read())
    except (tarfile.TarError, EOFError) as exc:
        raise PackError(f"not a bundle archive ({exc})") from exc


def _check_members(members: list[tarfile.TarInfo]) -> None:
    if len(members) > MAX_FILES:
        raise PackError(f"archive has more than {MAX_FILES} files")
    seen: set[str] = set()
    for member in members:
        path = PurePosixPath(member.name)
        if not member.isreg():
            raise PackError(f"archive member {member.name!r} is not a regular file")
        if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in member.name:
            raise PackError(f"archive member {member.name!r} is outside the bundle")
        if member.name in seen:
            raise PackError(f"archive member {member.name!r} appears twice")
        seen.add(member.name)
