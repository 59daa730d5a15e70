"""A kiosk's side of fleet updates: download, verify, validate, swap, keep the last good.

The kiosk's fleet folder (``state``)::

    metadata/root.json ...   the trusted TUF metadata (root.json first given with --trust)
    downloads/               verified archives, reused when unchanged
    releases/r-HASH/         unpacked libraries: the current one and the one before it
    current -> releases/r-HASH   the content folder the app shows (a symbolic link)
    status.json              last check, last error, each bundle's version and signer

An update verifies everything with ``tuf.ngclient`` (signatures, expiry, rollback,
mix-and-match, lengths and hashes), unpacks the new library beside the current one,
validates every bundle as ``kiosk validate`` would, and only then points ``current`` at
it with one atomic rename. A failure at any step, a ``kill -9`` included, leaves
``current`` on the last good library. No Qt here; nothing of a visitor is involved.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.fleet.pack import PackError, unpack_bundle

__all__ = [
    "BundleStatus",
    "FleetStatus",
    "UpdateError",
    "current_content",
    "default_state_dir",
    "read_status",
    "trust",
    "update",
]

STATUS = "status.json"


class UpdateError(Exception):
    """An update that was refused or failed; ``current`` is unchanged. Its text is for staff."""


@dataclass
class BundleStatus:
    id: str
    version: str
    sha256: str
    signer: str | None = None
    approved_on: str | None = None


@dataclass
class FleetStatus:
    """What staff see: the last check, its error if any, and the library it installed."""

    source: str = ""
    last_check: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    release: str | None = None
    bundles: list[BundleStatus] = field(default_factory=list)

    def approved(self) -> dict[str, str]:
        """Bundle id to signer, for the bundles a reviewer's signature approves."""
        return {b.id: b.signer for b in self.bundles if b.signer}


def default_state_dir() -> Path:
    """``$XDG_DATA_HOME/kiosk/fleet`` (``~/.local/share/kiosk/fleet``) or the platform's."""
    base = os.environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(base):
        return Path(base, "kiosk", "fleet")
    if os.name == "posix" and os.path.isabs(os.environ.get("HOME", "")):
        return Path(os.path.expanduser("~/.local/share/kiosk/fleet"))
    import platformdirs

    return Path(platformdirs.user_data_dir("kiosk", appauthor=False), "fleet")


def current_content(state: Path) -> Path:
    """The content folder the last good update installed (``state/current``)."""
    return state / "current"


def read_status(state: Path) -> FleetStatus:
    """The status file, or an empty status when there is none or it is damaged."""
    try:
        with (state / STATUS).open("rb") as handle:
            raw = json.loads(handle.read(1024 * 1024))
        bundles = [BundleStatus(**entry) for entry in raw.pop("bundles", [])]
        return FleetStatus(**raw, bundles=bundles)
    except (OSError, ValueError, TypeError):
        return FleetStatus()


def _write_status(state: Path, status: FleetStatus) -> None:
    data = json.dumps(asdict(status), indent=1).encode()
    _atomic_write(state / STATUS, data)


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def trust(state: Path, root: bytes) -> None:
    """Start trusting the repository whose root metadata is ``root`` (given once)."""
    from tuf.api.metadata import Metadata, Root

    try:
        md = Metadata[Root].from_bytes(root)
        if not isinstance(md.signed, Root):
            raise ValueError("not root metadata")
        md.signed.verify_delegate("root", md.signed_bytes, md.signatures)
    except Exception as exc:
        raise UpdateError(f"the trusted root given is not valid root metadata ({exc})") from exc
    metadata = state / "metadata"
    metadata.mkdir(parents=True, exist_ok=True, mode=0o700)
    _atomic_write(metadata / "root.json", root)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def update(state: Path, url: str) -> FleetStatus:
    """Bring ``state/current`` up to date from the repository at ``url``.

    Returns the new status; raises :class:`UpdateError` (after recording it in the
    status file) when the update is refused, with ``current`` left as it was.
    """
    _remove_temporaries(state)
    status = read_status(state)
    status.source = url
    status.last_check = _now()
    try:
        status = _update(state, url, status)
    except UpdateError as exc:
        status.last_error = str(exc)
        _try_write_status(state, status)
        raise
    status.last_error = None
    status.last_success = status.last_check
    _try_write_status(state, status)
    return status


def _try_write_status(state: Path, status: FleetStatus) -> None:
    with contextlib.suppress(OSError):  # a full or read-only disk: the caller has the error
        _write_status(state, status)


def _update(state: Path, url: str, status: FleetStatus) -> FleetStatus:
    from tuf.api import exceptions
    from tuf.ngclient import Updater

    metadata = state / "metadata"
    if not (metadata / "root.json").is_file():
        raise UpdateError(
            "this kiosk trusts no update server yet: run 'kiosk update --from URL "
            "--trust root.json' once with the repository's root.json"
        )
    downloads = state / "downloads"
    base = url.rstrip("/")
    try:
        downloads.mkdir(parents=True, exist_ok=True)
        updater = Updater(
            str(metadata),
            f"{base}/metadata/",
            str(downloads),
            f"{base}/targets/",
            bootstrap=None,
        )
        updater.refresh()
        index_info = _target(updater, "index.json")
        index = json.loads(Path(_fetch(updater, index_info)).read_bytes())
        wanted = []
        for entry in index["bundles"]:
            info = _target(updater, str(entry["path"]))
            signer, approved_on = _approval(updater, str(entry["id"]), info.hashes["sha256"])
            wanted.append((entry, info, signer, approved_on))
        library_info = _target(updater, str(index["library"]))
        archives = [(entry, _fetch(updater, info)) for entry, info, _, _ in wanted]
        library_archive = _fetch(updater, library_info)
    except exceptions.ExpiredMetadataError as exc:
        raise UpdateError(
            f"the update server's signed metadata has expired ({exc}); the publisher must "
            "run 'kiosk publish' again. Update refused."
        ) from exc
    except exceptions.BadVersionNumberError as exc:
        raise UpdateError(
            f"the update server offered older metadata than this kiosk already has ({exc}): "
            "a rollback, refused."
        ) from exc
    except exceptions.UnsignedMetadataError as exc:
        raise UpdateError(f"a signature did not verify ({exc}). Update refused.") from exc
    except exceptions.LengthOrHashMismatchError as exc:
        raise UpdateError(
            f"a downloaded file does not match its signed length and hash ({exc}): "
            "tampered with or damaged. Update refused."
        ) from exc
    except exceptions.DownloadError as exc:
        raise UpdateError(f"the update server could not be reached or failed ({exc}).") from exc
    except exceptions.RepositoryError as exc:
        raise UpdateError(f"the update server's metadata is not consistent ({exc}).") from exc
    except OSError as exc:
        raise UpdateError(_disk_message(exc)) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise UpdateError(f"the update server's index is not readable ({exc}).") from exc

    release = _release_name(index_info, [info for _, info, _, _ in wanted], library_info)
    bundles = [
        BundleStatus(str(e["id"]), str(e["version"]), info.hashes["sha256"], signer, on)
        for e, info, signer, on in wanted
    ]
    if status.release != release or not current_content(state).is_dir():
        _install(state, release, archives, library_archive, status)
    status.release = release
    status.bundles = bundles
    return status


def _release_name(index: Any, bundles: list[Any], library: Any) -> str:
    """A name for this exact library: a hash over every archive's signed hash."""
    import hashlib

    digest = hashlib.sha256()
    for info in (index, library, *bundles):
        digest.update(f"{info.path}={info.hashes['sha256']}\n".encode())
    return "r-" + digest.hexdigest()[:24]


def _target(updater: Any, path: str) -> Any:
    info = updater.get_targetinfo(path)
    if info is None:
        raise UpdateError(f"the update server's signed targets do not list {path!r}.")
    return info


def _fetch(updater: Any, info: Any) -> str:
    cached = updater.find_cached_target(info)
    if cached is not None:
        return str(cached)
    try:
        return str(updater.download_target(info))
    except OSError:
        # a partial download (a full disk...) must not stay behind
        with_hash = Path(updater._generate_target_file_path(info))
        with_hash.unlink(missing_ok=True)
        raise


def _approval(updater: Any, bundle_id: str, sha256: str) -> tuple[str | None, str | None]:
    """(reviewer, date) of a verified approval of this exact archive, or (None, None).

    A reviewer role that fails to verify (expired, revoked key...) approves nothing.
    """
    from tuf.api import exceptions

    from kiosk.fleet.repository import approval_path

    try:
        info = updater.get_targetinfo(approval_path(bundle_id, sha256))
    except exceptions.RepositoryError:
        return None, None
    if info is None or info.hashes.get("sha256") != sha256:
        return None, None
    custom = info.unrecognized_fields.get("custom", {})
    reviewer = custom.get("reviewer") if isinstance(custom, dict) else None
    approved_on = custom.get("approved") if isinstance(custom, dict) else None
    return (str(reviewer) if reviewer else "a trusted reviewer"), (
        str(approved_on) if approved_on else None
    )


def _disk_message(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return f"not enough disk space for the update ({exc.strerror}). Update refused."
    return f"the update could not be written to disk ({exc}). Update refused."


def _install(
    state: Path,
    release: str,
    archives: list[tuple[dict[str, Any], str]],
    library_archive: str,
    status: FleetStatus,
) -> None:
    """Unpack beside, validate, then swap ``current`` atomically; prune old releases."""
    from kiosk.content import BundleError, load_bundle
    from kiosk.content.loader import BundleCache

    releases = state / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(releases)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=releases))
    try:
        try:
            library = staging / "library"
            unpack_bundle(Path(library_archive).read_bytes(), library)
            for entry, archive in archives:
                unpack_bundle(Path(archive).read_bytes(), library / _folder(entry))
        except PackError as exc:
            raise UpdateError(f"a bundle archive could not be unpacked ({exc}).") from exc
        except OSError as exc:
            raise UpdateError(_disk_message(exc)) from exc
        problems: list[str] = []
        installed = {b.id: b.version for b in status.bundles}
        for entry, _ in archives:
            folder = library / _folder(entry)
            try:
                bundle = load_bundle(folder, cache=BundleCache(None))
            except BundleError as exc:
                problems.extend(str(error) for error in exc.errors)
                continue
            older = installed.get(bundle.id)
            if older is not None and _version_key(bundle.metadata.version) < _version_key(older):
                problems.append(
                    f"{bundle.id}: version {bundle.metadata.version} is older than the "
                    f"installed {older}; publish a newer version to go back"
                )
        if problems:
            raise UpdateError(
                "the new content did not validate, so this kiosk keeps the last good "
                "content:\n" + "\n".join(problems)
            )
        final = releases / release
        if final.exists():
            shutil.rmtree(final)
        library.rename(final)
        _swap(state, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _prune(releases, keep={final.name, *_previous(state, final)})


def _folder(entry: dict[str, Any]) -> str:
    """The folder name a bundle is unpacked to, as published (a plain name only)."""
    name = str(entry.get("folder") or entry["id"])
    if not name or "/" in name or "\\" in name or name.startswith(".") or name == "library":
        raise UpdateError(f"the index names a bundle folder {name!r} that is not a plain name")
    return name


def _swap(state: Path, release: Path) -> None:
    """Point ``state/current`` at ``release`` with one atomic rename of a symbolic link."""
    link = current_content(state)
    previous = link.resolve() if link.is_symlink() else None
    temporary = state / f".current.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(os.path.relpath(release, state))
    os.replace(temporary, link)
    descriptor = os.open(state, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if previous is not None and previous != release:
        _atomic_write(state / "previous", previous.name.encode())


def _previous(state: Path, final: Path) -> set[str]:
    try:
        name = (state / "previous").read_text().strip()
    except OSError:
        return set()
    return {name} if name and name != final.name else set()


def _remove_temporaries(state: Path) -> None:
    """Temporary files of an update that was killed half-way (links, status)."""
    for leftover in state.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)


def _remove_leftovers(releases: Path) -> None:
    """Staging folders of an update that was killed half-way."""
    for leftover in releases.glob(".staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _prune(releases: Path, keep: set[str]) -> None:
    for old in sorted(releases.glob("r-*")):
        if old.name not in keep and len(keep) >= 1:
            shutil.rmtree(old, ignore_errors=True)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """A version's parts for comparing ``1.10.0`` after ``1.9.2`` (numbers as numbers)."""
    parts = []
    for part in version.replace("-", ".").split("."):
        parts.append((int(part), "") if part.isdigit() else (-1, part))
    return tuple(parts)
