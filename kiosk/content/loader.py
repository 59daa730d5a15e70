"""Load a content bundle (a folder of YAML files) into a checked :class:`Bundle`.

Loading never stops at the first problem: every file is read, every top-level part is
type-checked, then the cross-checks run on whatever passed (of a part that failed, on
each field and item that passed on its own), and all problems are raised together as
one :class:`BundleError`.

A bundle that loaded cleanly is cached under the user's cache folder (``_cache``: JSON,
never pickle), keyed by a hash of the very bytes that were parsed, of the folder's
listing and of this package's code, so an unchanged bundle loads without parsing or
validating again. Cache trouble is never an error: the bundle is then simply loaded the
long way.

Each file is read once (``_files.read_file``: regular files only, size limit enforced
while reading); a file or folder that cannot be read, or whose name is not UTF-8,
becomes a located error like any other.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.errors import BundleError, ContentError
from kiosk.content.userdirs import user_dir

# The built-in SHA-256, the same as hashlib gives: importing hashlib (which loads
# OpenSSL) takes milliseconds of a start-up that only reads one cached bundle.
if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        from hashlib import sha256
from kiosk.content._cache import BundleCache
from kiosk.content._files import FileProblem, describe_os_error, printable, valid_name
from kiosk.content.model import (
    Ask,
    Asset,
    Bundle,
    BundleDocument,
    Metadata,
    Reference,
    SelfCheck,
    Sign,
    Topic,
)

if TYPE_CHECKING:  # the YAML reader is imported only when a bundle must be parsed
    from kiosk.content._yaml import Limits, Locations, YamlFile

__all__ = [
    "BundleCache",
    "bundle_id_location",
    "content_folder_error",
    "duplicate_id_error",
    "find_bundles",
    "load_bundle",
    "user_dir",
]

PARTS: dict[str, Any] = {
    "metadata": Metadata,
    "topic": Topic,
    "references": tuple[Reference, ...],
    "assets": tuple[Asset, ...],
    "selfcheck": SelfCheck,
    "ask": Ask,
    "signs": tuple[Sign, ...],
}
REQUIRED = ("metadata", "topic", "references")
_USUAL_FILE = {
    "metadata": "bundle.yaml",
    "signs": "safety.yaml",
}  # where the format guide keeps each part
SUFFIXES = (".yaml", ".yml")
_CODE = Path(__file__).parent


def display_path(path: Path) -> str:
    """``path`` as the user will recognise it: relative to the working folder if inside."""
    try:
        shown = os.path.relpath(os.path.abspath(path))  # the path as given, links kept
        if shown.startswith(os.pardir):
            shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        shown = str(path)
    return printable(shown)


@cache
def _code_fingerprint() -> bytes:
    """A hash of the content package's code: a cached bundle is stale when it changes."""
    digest = sha256()
    for source in sorted(_CODE.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.digest()


def bundle_files(folder: Path) -> list[Path]:
    """The bundle's files: every .yaml or .yml file directly in ``folder``, sorted.

    Raises OSError when the folder cannot be listed.
    """
    return [folder / name for name in _yaml_names(folder)]


def _yaml_names(folder: Path | str) -> list[str]:
    """The names of the .yaml/.yml files directly in ``folder``, sorted (os.scandir: the
    file type comes with the listing, with no stat per file; this runs per bundle at
    every start). Anything but a folder counts: what is not a regular file is refused,
    located, when read."""
    with os.scandir(folder) as entries:
        return sorted(
            entry.name
            for entry in entries
            if entry.name.endswith(SUFFIXES) and entry.name not in SUFFIXES and _is_file(entry)
        )


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Anything but a folder: a FIFO, a device or a broken link named .yaml is listed, so
    that reading it says what is wrong."""
    try:
        return not entry.is_dir()
    except OSError:
        return True


def _signature(files: list[Path], listing: list[str]) -> str:
    """A hash of the files' sizes, change times and inodes, and of the folder's listing.

    Any edit changes a file's ctime (which no editor can set back), so an equal
    signature means unchanged files: the content key recorded with it still holds, and
    the files need not be read and hashed again. Taken before the files are read, so an
    edit while they are read changes the next signature. Raises OSError.
    """
    digest = sha256(_code_fingerprint())
    for path in files:
        info = path.stat()
        digest.update(os.fsencode(path.name))
        digest.update(
            f":{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}\0".encode()
        )
    digest.update(b"\0".join(os.fsencode(name) for name in listing))
    return digest.hexdigest()


_MAX_LISTING = 100_000
"""More paths than this under one bundle folder is not a bundle (and is not hashed)."""


def _listing(folder: Path) -> list[str]:
    """Every path under ``folder`` (files and folders, at any depth), relative, sorted.

    Links are not followed (no loop can catch it). Raises OSError when a folder cannot
    be listed or there are too many paths.
    """
    found: list[str] = []

    def walk(directory: str, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                found.append(prefix + entry.name)
                if len(found) > _MAX_LISTING:
                    raise OSError(0, f"more than {_MAX_LISTING:,} files")
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, prefix + entry.name + os.sep)

    walk(str(folder), "")
    return sorted(found)


def _content_key(files: list[tuple[Path, bytes | None]], listing: list[str]) -> str:
    """The hash of the bytes that were read (and will be parsed), of the folder's listing
    (assets are checked for existence) and of this package's code."""
    digest = sha256(_code_fingerprint())
    for path, data in files:
        digest.update(os.fsencode(path.name) + b"\0")
        if data is None:
            digest.update(b"-\0")
        else:
            digest.update(f"{len(data)}\0".encode())
            digest.update(data)
    for name in listing:
        digest.update(os.fsencode(name) + b"\0")
    return digest.hexdigest()


_Read = tuple[Path, str, "bytes | ContentError"]
"""One bundle file: its path, its name in errors, and its bytes or why it is unreadable."""


def _read_files(files: list[Path], limits: Limits | None) -> list[_Read]:
    """Each file read once, within the size limit; what cannot be read is a located error."""
    limit = limits.max_bytes if limits is not None else _DEFAULT_MAX_BYTES
    reads: list[_Read] = []
    for path in files:
        display = display_path(path)
        if not valid_name(path.name):
            message = "the file name is not valid UTF-8 text; rename the file"
            reads.append((path, display, ContentError.at_file(display, message)))
            continue
        try:
            data: bytes | ContentError = _read(path, limit)
        except FileProblem as problem:
            data = ContentError.at_file(display, _unreadable(problem))
        reads.append((path, display, data))
    return reads


def _unreadable(problem: FileProblem) -> str:
    message = str(problem)
    return (
        message
        if message.startswith("the file is too large")
        else (f"cannot read the file: {message}")
    )


def _read(path: Path, limit: int) -> bytes:
    from kiosk.content._files import read_file

    return read_file(path, limit)


_DEFAULT_MAX_BYTES = 1_000_000  # kiosk.content._yaml.Limits.max_bytes (not imported here)


def _folder_error(folder: Path) -> ContentError | None:
    """Why ``folder`` cannot be a bundle folder (located at it), or None."""
    try:
        info = os.stat(folder)
    except OSError as exc:
        import errno

        message = (
            "no such bundle folder"
            if exc.errno in (errno.ENOENT, errno.ENOTDIR)
            else f"cannot open the bundle folder: {describe_os_error(exc)}"
        )
        return ContentError.at_file(display_path(folder), message)
    except ValueError:
        return ContentError.at_file(display_path(folder), "not a valid folder name")
    import stat

    if not stat.S_ISDIR(info.st_mode):
        return ContentError.at_file(display_path(folder), "no such bundle folder")
    return None


def load_bundle(
    folder: Path, *, cache: BundleCache | None = None, limits: Limits | None = None
) -> Bundle:
    """Load and check the bundle in ``folder``; raise :class:`BundleError` with every problem.

    ``cache`` defaults to :meth:`BundleCache.default`; pass ``BundleCache(None)`` for none.
    Never raises anything else for what is on disk.
    """
    folder = Path(folder)
    problem = _folder_error(folder)
    if problem is not None:
        raise BundleError([problem])
    try:
        files = bundle_files(folder)
    except OSError as exc:
        message = f"cannot list the bundle folder: {describe_os_error(exc)}"
        raise BundleError([ContentError.at_file(display_path(folder), message)]) from None
    if not files:
        message = "the folder holds no .yaml files; is it a bundle?"
        raise BundleError([ContentError.at_file(display_path(folder), message)])
    cache = cache if cache is not None else BundleCache.default()
    listing: list[str] | None = None
    signature = ""
    try:
        listing = _listing(folder)
        signature = _signature(files, listing)
    except OSError:
        pass  # not cached: checking reports what is wrong
    if signature and cache.usable():
        pointer = cache.pointer(folder)
        if pointer is not None and pointer[1] == signature:
            cached = cache.get(pointer[0])
            if cached is not None:
                cache.remember_good(folder, "", "", cached)  # in memory only
                return Bundle(cached, folder)
    reads = _read_files(files, limits)
    key = ""
    if listing is not None and all(isinstance(data, bytes) for _, _, data in reads):
        key = _content_key([(path, data) for path, _, data in reads], listing)  # type: ignore[misc]
        cached = cache.get(key)
        if cached is not None:
            cache.remember_good(folder, key, signature, cached)
            return Bundle(cached, folder)
    document = _load_document(folder, reads, limits)
    if key:
        cache.put(key, document)
    cache.remember_good(folder, key, signature, document)
    return Bundle(document, folder)


def _parse(read: _Read, limits: Limits | None) -> YamlFile:
    from kiosk.content._yaml import DEFAULT_LIMITS, Locations, YamlFile, read_yaml_bytes

    _, display, data = read
    if isinstance(data, ContentError):
        return YamlFile(None, Locations(display), [data])
    return read_yaml_bytes(data, display, limits or DEFAULT_LIMITS)


def _load_document(folder: Path, reads: list[_Read], limits: Limits | None) -> BundleDocument:
    from kiosk.content._validate import DEFAULT_LEVELS, check, known, salvage_failed, translate
    from kiosk.content.checks import Where, check_bundle

    errors: list[ContentError] = []
    raw: dict[str, Any] = {}
    owners: dict[str, Locations] = {}
    unreadable = False  # a file that could not be read at all may hold any part
    for one in reads:
        read = _parse(one, limits)
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
    """Every bundle folder directly under ``root`` (a folder holding .yaml files).

    A folder that cannot be listed is counted in, so that loading it says what is wrong;
    a ``root`` that cannot be listed has none (:func:`content_folder_error` says why).
    """
    try:
        with os.scandir(root) as entries:
            folders = [entry.path for entry in entries if _is_folder(entry)]
    except (OSError, ValueError):
        return []
    return sorted(Path(folder) for folder in folders if _holds_yaml(folder))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _holds_yaml(folder: str) -> bool:
    try:
        return bool(_yaml_names(folder))
    except OSError:
        return True


def content_folder_error(root: Path) -> ContentError:
    """Why ``root`` gave no bundles, located at it."""
    try:
        with os.scandir(root):
            message = "no content bundles here"
    except OSError as exc:
        message = f"cannot open the content folder: {describe_os_error(exc)}"
    except ValueError:
        message = "not a valid folder name"
    return ContentError.at_file(display_path(root), message)


def _errors_of(exc: Exception, folder: Path) -> tuple[ContentError, ...]:
    if isinstance(exc, BundleError):
        return exc.errors
    message = f"the bundle could not be loaded ({type(exc).__name__}); please report this"
    return (ContentError.at_file(display_path(folder) + "/", message),)
