"""The cache of checked bundles: a format that cannot run code, tied to what it holds.

A cache file is JSON (never pickle: reading it builds only the model's own classes,
field by field, from their type hints) behind one header line::

    kiosk-cache 1 <content key> <length of the JSON>\\n<JSON>

The content key is the hash of the very bytes that were parsed (and of the folder's
listing and this package's code), so a file is used only for the key it was written
for, and only whole. The folder is the user's own: created 0700; a folder that is a
symbolic link, or that belongs to someone else, is not used at all (the bundle is then
loaded the long way). Files are written through randomly named temporary files that
are removed on any failure.

The last good content of each bundle folder is also kept in memory for as long as the
process runs, whatever the disk allows (a read-only or full home keeps it too).
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import json
import os
import stat
import time
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from kiosk.content._files import FileProblem, read_file
from kiosk.content.model import BundleDocument

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython 3.11: no OpenSSL import at start-up
    except ImportError:
        from hashlib import sha256

__all__ = ["BundleCache", "decode_document", "encode_document"]

_MAGIC = b"kiosk-cache 1 "
_SUFFIX = ".cache"
_MAX_CACHE_BYTES = 64 * 1024 * 1024
_MAX_POINTER_BYTES = 1024
_STALE_TEMPORARY_S = 600.0
"""A temporary file older than this is a leftover (a crash, a full disk): removed."""

_REMEMBERED: dict[str, tuple[str, BundleDocument]] = {}
"""Folder (absolute path) -> (content key, last good document), for this process."""


# -- the format ------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """``value`` as JSON values: a model object is the list of its fields, in order."""
    names = getattr(type(value), "_names", None)
    if names is not None:
        return [_plain(getattr(value, name)) for name in names]
    if isinstance(value, str | int | float | type(None)):  # enum values are str
        return value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot cache a {type(value).__name__}")


def encode_document(key: str, document: BundleDocument) -> bytes:
    payload = json.dumps(_plain(document), ensure_ascii=False, separators=(",", ":")).encode()
    header = _MAGIC + key.encode("ascii") + b" " + _check(payload) + b"\n"
    return header + payload


def _check(payload: bytes) -> bytes:
    """The payload's length: a file cut short (a full disk, a crash) is never used. The
    content key, not this, ties the file to what it holds."""
    return b"%d" % len(payload)


Convert = Callable[[Any], Any] | None
"""How to rebuild one value from JSON; None: the JSON value is the value."""

_converters: dict[object, Convert] = {}


def _converter(hint: Any) -> Convert:
    if hint in _converters:
        return _converters[hint]
    made = _make_converter(hint)
    _converters[hint] = made
    return made


def _make_converter(hint: Any) -> Convert:
    if hint in (str, int, bool, float, type(None), Any):
        return None
    if hint is datetime.date:
        return datetime.date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if isinstance(hint, type) and getattr(hint, "_names", None) is not None:
        return _model_converter(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"cannot cache {hint}")
        item = _converter(args[0])
        if item is None:
            return tuple
        return lambda value: tuple(map(item, value))
    if origin in (dict, Mapping):
        inner = _converter(args[1])
        if inner is None:
            return None
        return lambda value: {key: inner(item) for key, item in value.items()}
    if origin in (Union, types.UnionType):
        arms = [a for a in args if a is not type(None)]
        made = [_converter(a) for a in arms]
        if all(m is None for m in made):
            return None
        if len(arms) == 1 and made[0] is not None:
            one = made[0]
            return lambda value: None if value is None else one(value)
    raise TypeError(f"cannot cache {hint}")


def _model_converter(cls: type) -> Callable[[Any], Any]:
    from typing import get_type_hints

    hints = get_type_hints(cls)
    names: tuple[str, ...] = cls._names  # type: ignore[attr-defined]
    steps = tuple(_converter(hints[name]) for name in names)
    count = len(names)

    converted = tuple((index, step) for index, step in enumerate(steps) if step is not None)

    def build(value: Any) -> Any:
        if type(value) is not list or len(value) != count:
            raise ValueError(f"a {cls.__name__} needs {count} fields")
        for index, step in converted:
            value[index] = step(value[index])
        return cls(*value)

    return build


def decode_document(key: str, data: bytes) -> BundleDocument:
    """The document in ``data`` if it was written for ``key`` and is whole; else ValueError."""
    header, newline, payload = data.partition(b"\n")
    parts = header.split(b" ")
    if not newline or len(parts) != 4 or header[: len(_MAGIC)] != _MAGIC:
        raise ValueError("not a kiosk cache file")
    if parts[2] != key.encode("ascii"):
        raise ValueError("the file was written for another key")
    if parts[3] != _check(payload):
        raise ValueError("the file is cut short")
    build = _converter(BundleDocument)
    assert build is not None
    document = build(json.loads(payload))
    if not isinstance(document, BundleDocument):  # pragma: no cover - build makes one
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
        self._sweep()

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
        """Remove leftovers: old temporary files, and pickles of older versions."""
        assert self.directory is not None
        limit = time.time() - _STALE_TEMPORARY_S
        try:
            with os.scandir(self.directory) as entries:
                for entry in entries:
                    name = entry.name
                    old_pickle = name.endswith(".pickle")
                    if not (old_pickle or name.endswith(".tmp")):
                        continue
                    try:
                        info = entry.stat(follow_symlinks=False)
                        if old_pickle or info.st_mtime < limit:
                            os.unlink(entry.path)
                    except OSError:
                        continue
        except OSError:
            pass

    # -- the last good content of a folder
    @staticmethod
    def _folder_name(folder: Path) -> str:
        return "last-good-" + sha256(os.fsencode(os.path.abspath(folder))).hexdigest()[:32]

    def pointer(self, folder: Path) -> tuple[str, str] | None:
        """(content key, file signature) of the last good content of ``folder``."""
        if not self.usable():
            return None
        try:
            raw = read_file(self._path(self._folder_name(folder)), _MAX_POINTER_BYTES,
                            follow_links=False)  # fmt: skip
            lines = raw.decode("ascii").split()
        except (FileProblem, UnicodeDecodeError):
            return None
        if len(lines) != 2 or not all(line.isalnum() for line in lines):
            return None
        return lines[0], lines[1]

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
        self._write(self._folder_name(folder), f"{key}\n{signature}\n".encode())

    def last_good(self, folder: Path) -> BundleDocument | None:
        """The last content of ``folder`` that loaded cleanly, if any (to run on): the one
        this process loaded, else the one on disk."""
        remembered = _REMEMBERED.get(os.path.abspath(folder))
        if remembered is not None:
            return remembered[1]
        found = self.pointer(folder)
        return self.get(found[0]) if found else None


def forget_remembered() -> None:
    """Forget every last good content kept in memory (for tests)."""
    _REMEMBERED.clear()
