"""Load a content bundle (a folder of YAML files) into a checked :class:`Bundle`.

Loading never stops at the first problem: every file is read, every top-level part is
type-checked, then the cross-checks run on whatever passed (of a part that failed, on
each field and item that passed on its own), and all problems are raised together as
one :class:`BundleError`.

A bundle that loaded cleanly is cached (pickled) under the user's cache folder, keyed
by a hash of the bundle's files and of this package's code, so an unchanged bundle
loads without parsing or validating again. Cache trouble is never an error: the
bundle is then simply loaded the long way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kiosk.content.errors import BundleError, ContentError

# The C pickler and the built-in SHA-256, the same as the pickle and hashlib modules
# give: importing those (hashlib loads OpenSSL) takes milliseconds of a start-up that
# only reads one cached bundle. The standard library's random module does the same.
try:
    from _pickle import dumps, load
except ImportError:  # not CPython
    from pickle import dumps, load
if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        from hashlib import sha256
from kiosk.content.model import (
    Ask,
    Asset,
    Bundle,
    BundleDocument,
    Metadata,
    Reference,
    SelfCheck,
    Topic,
)

if TYPE_CHECKING:  # the YAML reader is imported only when a bundle must be parsed
    from kiosk.content._yaml import Limits, Locations

__all__ = [
    "BundleCache",
    "Library",
    "bundle_id_location",
    "duplicate_id_error",
    "find_bundles",
    "load_bundle",
    "load_library",
    "user_dir",
]

PARTS: dict[str, Any] = {
    "metadata": Metadata,
    "topic": Topic,
    "references": tuple[Reference, ...],
    "assets": tuple[Asset, ...],
    "selfcheck": SelfCheck,
    "ask": Ask,
}
REQUIRED = ("metadata", "topic", "references")
_USUAL_FILE = {"metadata": "bundle.yaml"}  # where the format guide keeps each part
SUFFIXES = (".yaml", ".yml")
_CODE = Path(__file__).parent


_XDG_BASES = {"config": ("XDG_CONFIG_HOME", "~/.config"), "cache": ("XDG_CACHE_HOME", "~/.cache")}


def user_dir(kind: Literal["config", "cache"]) -> Path:
    """The kiosk's per-user config or cache folder, as platformdirs names it.

    On Linux with an absolute ``XDG_CONFIG_HOME`` / ``XDG_CACHE_HOME``, or without one
    and with an absolute HOME, the folder is the XDG one, worked out here: importing
    platformdirs takes longer than loading a cached bundle. Anything else (another
    system, a relative folder) is left to platformdirs.
    """
    variable, default = _XDG_BASES[kind]
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        base = os.environ.get(variable, "")
        if os.path.isabs(base):
            return Path(base, "kiosk")
        if not base.strip() and os.path.isabs(os.environ.get("HOME", "")):
            return Path(os.path.expanduser(default), "kiosk")
    import platformdirs

    found = platformdirs.user_config_dir if kind == "config" else platformdirs.user_cache_dir
    return Path(found("kiosk", appauthor=False))


def display_path(path: Path) -> str:
    """``path`` as the user will recognise it: relative to the working folder if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@cache
def _code_fingerprint() -> bytes:
    """A hash of the content package's code: a cached bundle is stale when it changes."""
    digest = sha256()
    for source in sorted(_CODE.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.digest()


class BundleCache:
    """Pickled, checked bundles in ``directory``, keyed by content hash.

    Only this program writes there; a file that does not unpickle to a
    :class:`BundleDocument` is ignored.
    """

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    @classmethod
    def default(cls) -> BundleCache:
        """The user's cache folder, or no cache when ``KIOSK_NO_CACHE`` is set."""
        if os.environ.get("KIOSK_NO_CACHE"):
            return cls(None)
        return cls(user_dir("cache") / "bundles")

    def get(self, key: str) -> BundleDocument | None:
        if self.directory is None:
            return None
        try:
            with (self.directory / f"{key}.pickle").open("rb") as handle:
                found = load(handle)
        except Exception:  # a missing, partial or stale cache file: load the long way
            return None
        return found if isinstance(found, BundleDocument) else None

    def put(self, key: str, document: BundleDocument) -> None:
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            temporary = self.directory / f"{key}.{os.getpid()}.tmp"
            temporary.write_bytes(dumps(document, protocol=-1))  # the highest protocol
            temporary.replace(self.directory / f"{key}.pickle")
        except OSError:
            pass  # a read-only or full disk only costs speed

    @staticmethod
    def _folder_key(folder: Path) -> str:
        return "last-good-" + sha256(str(folder.resolve()).encode()).hexdigest()[:32]

    def pointer(self, folder: Path) -> tuple[str, str] | None:
        """(content key, file signature) of the last good content of ``folder``."""
        if self.directory is None:
            return None
        try:
            lines = (self.directory / self._folder_key(folder)).read_text().split()
        except OSError:
            return None
        if len(lines) != 2 or not all(line.isalnum() for line in lines):
            return None
        return lines[0], lines[1]

    def remember_good(self, folder: Path, key: str, signature: str) -> None:
        """Point at ``key`` as the last content of ``folder`` that loaded cleanly; the
        files' ``signature`` (sizes, times, inodes) lets an unchanged bundle skip hashing."""
        if self.directory is None:
            return
        pointer = self.directory / self._folder_key(folder)
        try:
            temporary = pointer.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(f"{key}\n{signature}\n")
            temporary.replace(pointer)
        except OSError:
            pass

    def last_good(self, folder: Path) -> BundleDocument | None:
        """The last content of ``folder`` that loaded cleanly, if any (to run on)."""
        found = self.pointer(folder)
        return self.get(found[0]) if found else None


def bundle_files(folder: Path) -> list[Path]:
    """The bundle's files: every .yaml or .yml file directly in ``folder``, sorted."""
    return [folder / name for name in _yaml_names(folder)]


def _yaml_names(folder: Path | str) -> list[str]:
    """The names of the .yaml/.yml files directly in ``folder``, sorted (os.scandir: the
    file type comes with the listing, with no stat per file; this runs per bundle at
    every start)."""
    with os.scandir(folder) as entries:
        return sorted(
            entry.name
            for entry in entries
            if entry.name.endswith(SUFFIXES) and entry.name not in SUFFIXES and entry.is_file()
        )


def _signature(folder: Path, files: list[Path], listing: list[str]) -> str:
    """A hash of the files' sizes, change times and inodes, and of the folder's listing.

    Any edit changes a file's ctime (which no editor can set back), so an equal
    signature means unchanged files: the content key recorded with it still holds, and
    the files need not be read and hashed again.
    """
    digest = sha256(_code_fingerprint())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:"
                      f"{stat.st_ino}\0".encode())  # fmt: skip
    digest.update("\0".join(listing).encode())
    return digest.hexdigest()


def _listing(folder: Path) -> list[str]:
    """Every path under ``folder`` (files and folders, at any depth), relative, sorted."""
    found: list[str] = []

    def walk(directory: str, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                found.append(prefix + entry.name)
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, prefix + entry.name + os.sep)

    walk(str(folder), "")
    return sorted(found)


def _content_key(folder: Path, files: list[Path], listing: list[str] | None = None) -> str:
    digest = sha256(_code_fingerprint())
    for path in files:
        data = path.read_bytes()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    # assets are checked for existence, so the folder's file list is part of the key
    for name in listing if listing is not None else _listing(folder):
        digest.update(name.encode() + b"\0")
    return digest.hexdigest()


def load_bundle(
    folder: Path, *, cache: BundleCache | None = None, limits: Limits | None = None
) -> Bundle:
    """Load and check the bundle in ``folder``; raise :class:`BundleError` with every problem.

    ``cache`` defaults to :meth:`BundleCache.default`; pass ``BundleCache(None)`` for none.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BundleError([ContentError.at_file(display_path(folder), "no such bundle folder")])
    files = bundle_files(folder)
    if not files:
        message = "the folder holds no .yaml files; is it a bundle?"
        raise BundleError([ContentError.at_file(display_path(folder), message)])
    cache = cache if cache is not None else BundleCache.default()
    key = signature = ""
    if cache.directory is not None:
        try:
            listing = _listing(folder)
            signature = _signature(folder, files, listing)
            pointer = cache.pointer(folder)
            unchanged = pointer is not None and pointer[1] == signature
            key = pointer[0] if pointer and unchanged else _content_key(folder, files, listing)
        except OSError:
            key = ""
        cached = cache.get(key) if key else None
        if cached is not None:
            if not unchanged:
                cache.remember_good(folder, key, signature)
            return Bundle(cached, folder)
    document = _load_document(folder, files, limits)
    if key:
        cache.put(key, document)
        cache.remember_good(folder, key, signature)
    return Bundle(document, folder)


def _load_document(folder: Path, files: list[Path], limits: Limits | None) -> BundleDocument:
    from kiosk.content._validate import DEFAULT_LEVELS, check, known, salvage_failed, translate
    from kiosk.content._yaml import DEFAULT_LIMITS, read_yaml
    from kiosk.content.checks import Where, check_bundle

    errors: list[ContentError] = []
    raw: dict[str, Any] = {}
    owners: dict[str, Locations] = {}
    unreadable = False  # a file that could not be read at all may hold any part
    for path in files:
        read = read_yaml(path, display_path(path), limits or DEFAULT_LIMITS)
        errors.extend(read.errors)
        if read.data is None:
            unreadable = unreadable or not read.empty
            continue
        errors.extend(_take_parts(read.data, read.locations, raw, owners))
    if not unreadable:
        for key in REQUIRED:
            if key not in raw:
                errors.append(
                    ContentError.at_file(
                        display_path(folder) + "/",
                        f"the bundle has no '{key}'; add it to one of its files "
                        f"(e.g. {_USUAL_FILE.get(key, key + '.yaml')})",
                    )
                )
    # type-check each part; a part that fails is salvaged for the cross-checks
    parts: dict[str, Any] = {}
    salvaged: dict[str, Any] = {}
    failures: dict[str, Any] = {}
    for key, value in raw.items():
        checked, failure = check(PARTS[key], value)
        if failure is None:
            parts[key] = salvaged[key] = checked
        else:
            failures[key] = failure
            salvaged[key] = salvage_failed(PARTS[key], value)
    levels = known(salvaged.get("metadata"), "reading_levels")
    if not isinstance(levels, tuple | list) or not all(isinstance(v, str) for v in levels):
        levels = DEFAULT_LEVELS
    for key, failure in failures.items():
        errors.extend(translate(PARTS[key], raw[key], (key,), owners[key], failure, levels))
    errors.extend(
        check_bundle(
            Where(owners),
            folder,
            salvaged,
            raw,
            failed=frozenset(failures),
            unreadable=unreadable,
        )
    )
    if errors:
        raise BundleError(errors)
    return BundleDocument(**parts)


def _take_parts(
    data: dict[str, Any], locations: Locations, raw: dict[str, Any], owners: dict[str, Locations]
) -> Iterator[ContentError]:
    """Add the parts of one file to ``raw``; report unknown keys and parts already taken."""
    from kiosk.content._validate import suggest

    for key, value in data.items():
        if key not in PARTS:
            yield locations.error_at_key(
                (key,), f"unknown top-level key '{key}'{suggest(str(key), PARTS)}"
            )
        elif key in owners:
            first, second = owners[key].key((key,)), locations.key((key,))
            yield locations.error_at_key(
                (key,),
                f"'{key}' is defined in two files: {owners[key].file}:{first[0]}:{first[1]} "
                f"and {locations.file}:{second[0]}:{second[1]}; keep it in one",
            )
        else:
            raw[key] = value
            owners[key] = locations


def bundle_id_location(folder: Path) -> ContentError:
    """Where the bundle in ``folder`` writes its id (message empty), for errors about it.

    A loaded :class:`Bundle` keeps no positions, so the files are read again: only a
    rare error (such as a duplicate id) needs this.
    """
    from kiosk.content._yaml import read_yaml

    try:
        files = bundle_files(folder)
    except OSError:
        files = []
    for path in files:
        read = read_yaml(path, display_path(path))
        if isinstance(read.data, dict) and "metadata" in read.data:
            line, column = read.locations.value(("metadata", "id"))
            return ContentError(read.locations.file, line, column, "")
    return ContentError.at_file(display_path(folder) + "/", "")


def duplicate_id_error(bundle: Bundle, first: Bundle) -> ContentError:
    """``bundle`` uses the id of ``first`` (loaded before it): located at ``bundle``'s id."""
    here = bundle_id_location(bundle.folder)
    there = bundle_id_location(first.folder)
    return ContentError(
        here.file,
        here.line,
        here.column,
        f"the bundle id '{bundle.id}' is already used by {there.file}:{there.line}:"
        f"{there.column}; give each bundle its own id",
    )


def find_bundles(root: Path) -> list[Path]:
    """Every bundle folder directly under ``root`` (a folder holding .yaml files)."""
    if not root.is_dir():
        return []
    with os.scandir(root) as entries:
        folders = [entry.path for entry in entries if entry.is_dir()]
    return sorted(Path(folder) for folder in folders if _yaml_names(folder))


@dataclass
class Library:
    """Every bundle under a content folder that loaded, and the errors of those that did not."""

    bundles: list[Bundle] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    stale: set[str] = field(default_factory=set)
    """Ids of bundles that failed to load and run on their last good content."""

    def bundle(self, bundle_id: str) -> Bundle | None:
        return next((b for b in self.bundles if b.id == bundle_id), None)

    def __iter__(self) -> Iterator[Bundle]:
        return iter(self.bundles)


def load_library(
    root: Path,
    *,
    cache: BundleCache | None = None,
    limits: Limits | None = None,
    last_good: bool = False,
) -> Library:
    """Load every bundle under ``root``; a broken bundle adds its errors, never hides others.

    With ``last_good``, a bundle that fails is replaced by its last good content from the
    cache (if any), and its id is listed in ``Library.stale``.
    """  # fmt: skip
    import gc

    # Loading builds many small objects that all stay alive; the cycle collector would
    # walk them again and again as they pile up (cost growing with the library), so it
    # waits until the whole library is in.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_library(root, cache, limits, last_good)
    finally:
        if collecting:
            gc.enable()


def _load_library(
    root: Path, cache: BundleCache | None, limits: Limits | None, last_good: bool
) -> Library:
    library = Library()
    cache = cache if cache is not None else BundleCache.default()
    folders = find_bundles(root)
    if not folders:
        library.errors.append(ContentError.at_file(display_path(root), "no content bundles here"))
    seen: dict[str, Bundle] = {}
    for folder in folders:
        try:
            bundle = load_bundle(folder, cache=cache, limits=limits)
        except BundleError as exc:
            library.errors.extend(exc.errors)
            previous = cache.last_good(folder) if last_good else None
            if previous is None:
                continue
            bundle = Bundle(previous, folder)
            library.stale.add(bundle.id)
        if bundle.id in seen:
            library.errors.append(duplicate_id_error(bundle, seen[bundle.id]))
            continue
        seen[bundle.id] = bundle
        library.bundles.append(bundle)
    return library
