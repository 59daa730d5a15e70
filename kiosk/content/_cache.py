"""The cache of checked bundles: a format that cannot run code, tied to what it holds.

A cache file is JSON (never pickle) behind one header line::

    kiosk-cache 2 <content key> <length of the JSON>\\n<JSON>

The JSON is the document as the model's own dataclasses say (an object per dataclass,
by field name), decoded by msgspec straight into those dataclasses from their type
hints: a file can only ever become a :class:`BundleDocument` with fields of the declared
types (anything else is an error, and the bundle is loaded the long way), and reading
it builds no other object and runs no code of the file's. msgspec decodes and builds in
C: 2-4x faster than ``json.loads`` and building the objects in Python (version 1 of
this format), which is what keeps a 500-topic library's warm load within its goal.

The content key is the hash of the very bytes that were parsed (and of the folder's
listing and this package's code), so a file is used only for the key it was written
for, and only whole. The folder is the user's own: created 0700; a folder that is a
symbolic link, or that belongs to someone else, is not used at all (the bundle is then
loaded the long way). Files are written through randomly named temporary files that
are removed on any failure.

Nothing stays for ever: after a bundle is loaded the long way (its content changed), the
folder is swept once per cache (:meth:`BundleCache._sweep`). A cached document that no
last good pointer names any more (an older version of a bundle), a pointer whose bundle
folder is gone, and leftover temporary files go, once they are older than ten minutes
(another process may be between writing a document and its pointer).

The last good content of each bundle folder is also kept in memory for as long as the
process runs, whatever the disk allows (a read-only or full home keeps it too).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from kiosk.content._files import FileProblem, read_file
from kiosk.content.collector import paused
from kiosk.content.model import BundleDocument

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython 3.11: no OpenSSL import at start-up
    except ImportError:
        from hashlib import sha256

__all__ = ["BundleCache", "decode_document", "encode_document"]

FORMAT = 2
"""The cache format's version, in every file's header (1: JSON lists, built in Python)."""
_MAGIC = b"kiosk-cache %d " % FORMAT
_SUFFIX = ".cache"
_MAX_CACHE_BYTES = 64 * 1024 * 1024
_MAX_POINTER_BYTES = 1024
_STALE_S = 600.0
"""A file the sweep would remove is left alone until it is this old (seconds): another
process may be writing it, or about to write the pointer that names it."""
_POINTER_PREFIX = "last-good-"

_REMEMBERED: dict[str, tuple[str, BundleDocument]] = {}
"""Folder (absolute path) -> (content key, last good document), for this process."""


# -- the format ------------------------------------------------------------------------

_encoder: msgspec.json.Encoder | None = None
_decoder: msgspec.json.Decoder[BundleDocument] | None = None


def encode_document(key: str, document: BundleDocument) -> bytes:
    """The cache file for ``document`` under ``key``. TypeError: a value JSON cannot hold."""
    global _encoder
    if _encoder is None:
        _encoder = msgspec.json.Encoder()
    try:
        payload = _encoder.encode(document)
    except msgspec.EncodeError as exc:
        raise TypeError(str(exc)) from None
    header = _MAGIC + key.encode("ascii") + b" " + _check(payload) + b"\n"
    return header + payload


def _check(payload: bytes | memoryview) -> bytes:
    """The payload's length: a file cut short (a full disk, a crash) is never used. The
    content key, not this, ties the file to what it holds."""
    return b"%d" % len(payload)


def decode_document(key: str, data: bytes) -> BundleDocument:
    """The document in ``data`` if it was written for ``key`` and is whole; else ValueError."""
    global _decoder
    end = data.find(b"\n")
    parts = data[:end].split(b" ") if end >= 0 else []
    if len(parts) != 4 or not data.startswith(_MAGIC):
        raise ValueError("not a kiosk cache file (of this version)")
    if parts[2] != key.encode("ascii"):
        raise ValueError("the file was written for another key")
    payload = memoryview(data)[end + 1 :]
    if parts[3] != _check(payload):
        raise ValueError("the file is cut short")
    if _decoder is None:
        _decoder = msgspec.json.Decoder(BundleDocument)
    # A document is some 30,000 new objects, none of them in a cycle: the cyclic garbage
    # collector, run every 700 new objects, would look at them (and at every document
    # decoded before: a full collection now and then) some 40 times each, for nothing.
    # That took more than half of a 500-topic library's warm load. (Paused through
    # kiosk.content.collector: another thread may pause it too.)
    try:
        with paused():
            document = _decoder.decode(payload)
    except msgspec.MsgspecError as exc:  # not JSON, or not a BundleDocument's
        raise ValueError(str(exc)) from None
    if type(document) is not BundleDocument:  # pragma: no cover - the decoder makes one
        raise ValueError("not a bundle")
    return document


# -- the folder ------------------------------------------------------------------------


def _safe_folder(info: os.stat_result, *, parent_of_cache: bool = False) -> bool:
    """A real folder (``lstat``: not a symbolic link) of this user's; the cache folder's
    parent may also be the system's (root's)."""
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not hasattr(os, "getuid"):
        return True
    owners = (os.getuid(), 0) if parent_of_cache else (os.getuid(),)
    return info.st_uid in owners


def _private(directory: Path, info: os.stat_result) -> bool:
    """The folder is the owner's only (0700), made so if it was not."""
    if os.name != "posix" or not stat.S_IMODE(info.st_mode) & 0o077:
        return True
    try:
        os.chmod(directory, 0o700)
    except OSError:
        return False
    return True


class BundleCache:
    """Checked bundles in ``directory``, keyed by content hash (see the module docstring).

    ``directory`` None: no disk cache (the last good content is still remembered in
    memory). Cache trouble is never an error: the bundle is loaded the long way.
    """

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._usable: bool | None = None  # checked once, when first needed
        self._swept = False  # once per cache: a library's bundles write pointers in turn

    @classmethod
    def default(cls) -> BundleCache:
        """The user's cache folder, or no cache when ``KIOSK_NO_CACHE`` is set."""
        if os.environ.get("KIOSK_NO_CACHE"):
            return cls(None)
        from kiosk.content.userdirs import user_dir

        try:
            return cls(user_dir("cache") / "bundles")
        except (OSError, RuntimeError, ValueError):  # no home folder to be found
            return cls(None)

    # -- the folder's safety
    def usable(self, *, create: bool = False) -> bool:
        """Whether the folder is safe to use (made 0700 first with ``create``)."""
        if self.directory is None:
            return False
        if self._usable is not None and (self._usable or not create):
            return self._usable
        directory = self.directory
        self._usable = False
        try:
            if create:
                os.makedirs(directory.parent, mode=0o700, exist_ok=True)
            parent = os.lstat(directory.parent)
            if not _safe_folder(parent, parent_of_cache=True):
                return False  # nothing is made inside a link or someone else's folder
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(directory, 0o700)
            info = os.lstat(directory)
        except (OSError, ValueError):
            return False
        self._usable = _safe_folder(info) and _private(directory, info)
        return self._usable

    def _path(self, name: str) -> Path:
        assert self.directory is not None
        return self.directory / name

    # -- bundles
    def get(self, key: str) -> BundleDocument | None:
        if not key or not self.usable():
            return None
        try:
            data = read_file(self._path(key + _SUFFIX), _MAX_CACHE_BYTES, follow_links=False)
            return decode_document(key, data)
        except Exception:  # missing, damaged, another key's, stale code: the long way
            return None

    def put(self, key: str, document: BundleDocument) -> None:
        if not key or not self.usable(create=True):
            return
        try:
            data = encode_document(key, document)
        except (TypeError, ValueError):
            return
        self._write(key + _SUFFIX, data)

    def _write(self, name: str, data: bytes) -> bool:
        """``data`` into the cache folder as ``name``, whole or not at all."""
        import tempfile

        try:
            descriptor, temporary = tempfile.mkstemp(
                dir=self.directory, prefix=".", suffix=".tmp"
            )  # random name, O_EXCL, 0600
        except OSError:
            return False
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
            os.replace(temporary, self._path(name))
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return False
        return True

    def _sweep(self) -> None:
        """Remove what nothing uses any more (see the module docstring), once per cache.

        Kept: every document a readable pointer names, and anything younger than
        :data:`_STALE_S`. Removed: any pickle (format 0), older temporary files, documents
        no pointer names (also those of another format version), pointers that cannot be
        read or whose bundle folder is gone. Never raises; nothing is followed (links
        are removed as any other leftover entry, never their targets).
        """
        if self._swept or self.directory is None:
            return
        self._swept = True
        limit = time.time() - _STALE_S
        named: set[str] = set()
        old: list[tuple[str, str]] = []  # (name, path) of entries older than the limit
        try:
            with os.scandir(self.directory) as entries:
                for entry in entries:
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    pointer = entry.name.startswith(_POINTER_PREFIX)
                    read = _read_pointer(entry.path) if pointer else None
                    if read is not None and (read[2] is None or os.path.isdir(read[2])):
                        named.add(read[0] + _SUFFIX)
                        continue  # a pointer in use (its bundle folder is there)
                    if info.st_mtime < limit or entry.name.endswith(".pickle"):
                        old.append((entry.name, entry.path))  # (no version writes pickles)
        except OSError:
            return
        for name, path in old:
            if name in named:
                continue
            if name.endswith((_SUFFIX, ".tmp", ".pickle")) or name.startswith(_POINTER_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(path)

    # -- the last good content of a folder
    @staticmethod
    def _folder_name(folder: Path) -> str:
        return _POINTER_PREFIX + sha256(os.fsencode(os.path.abspath(folder))).hexdigest()[:32]

    def pointer(self, folder: Path) -> tuple[str, str] | None:
        """(content key, file signature) of the last good content of ``folder``."""
        if not self.usable():
            return None
        read = _read_pointer(self._path(self._folder_name(folder)))
        return None if read is None else (read[0], read[1])

    def remember_good(
        self, folder: Path, key: str, signature: str, document: BundleDocument | None = None
    ) -> None:
        """Record ``key`` as the last content of ``folder`` that loaded cleanly: in memory
        (with ``document``) and, where the disk allows, on disk; the files' ``signature``
        (sizes, times, inodes) lets an unchanged bundle skip reading and hashing."""
        if document is not None:
            _REMEMBERED[os.path.abspath(folder)] = (key, document)
        if not key or not signature or not self.usable(create=True):
            return
        where = os.fsencode(os.path.abspath(folder)).hex()  # for the sweep: folder gone?
        if self._write(self._folder_name(folder), f"{key}\n{signature}\n{where}\n".encode()):
            self._sweep()

    def last_good(self, folder: Path) -> BundleDocument | None:
        """The last content of ``folder`` that loaded cleanly, if any (to run on): the one
        this process loaded, else the one on disk."""
        remembered = _REMEMBERED.get(os.path.abspath(folder))
        if remembered is not None:
            return remembered[1]
        found = self.pointer(folder)
        return self.get(found[0]) if found else None


def _read_pointer(path: str | Path) -> tuple[str, str, bytes | None] | None:
    """(content key, file signature, bundle folder) of a pointer file, or None when it
    cannot be read. The folder is None in a pointer of an older version (two lines)."""
    try:
        raw = read_file(path, _MAX_POINTER_BYTES, follow_links=False)
        lines = raw.decode("ascii").split()
    except (FileProblem, UnicodeDecodeError):
        return None
    if len(lines) not in (2, 3) or not all(line.isalnum() for line in lines):
        return None
    folder: bytes | None = None
    if len(lines) == 3:
        try:
            folder = bytes.fromhex(lines[2])
        except ValueError:
            return None
    return lines[0], lines[1], folder


def forget_remembered() -> None:
    """Forget every last good content kept in memory (for tests)."""
    _REMEMBERED.clear()
