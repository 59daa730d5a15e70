"""Publishing a library as a TUF repository that any static web server can serve.

The repository folder::

    REPO/metadata/1.root.json ...   every root version (kiosks walk the chain)
    REPO/metadata/root.json         the newest root: copy it to each kiosk once (--trust)
    REPO/metadata/timestamp.json
    REPO/metadata/N.snapshot.json, N.targets.json, N.reviewer-NAME.json
    REPO/targets/index.json         (as HASH.index.json) the bundles and their order
    REPO/targets/library.tar        (as HASH.library.tar) the content folder's own files
    REPO/targets/bundles/ID.tar     (as HASH.ID.tar) one reproducible archive per bundle

Consistent snapshots (every file named by its version or hash) let a server be updated
while kiosks download from it. The top-level ``targets`` role (the publisher's key) lists
what is published. Approval is a signature: each clinical reviewer has a delegated role
``reviewer-NAME`` (their own key) trusted for ``approved/*/*`` paths; approving a bundle
adds ``approved/ID/SHA256.tar`` with that archive's length and hash to the reviewer's
role. A kiosk counts a bundle as approved only when such an entry verifies.

The signing keys live in a KEYS folder (root.pem, targets.pem, snapshot.pem,
timestamp.pem); reviewers keep their own key files. No Qt here.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from securesystemslib.signer import Key, Signer
from tuf.api.metadata import (
    DelegatedRole,
    Delegations,
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from kiosk.fleet.keys import KeyError_, load_signer, new_signer
from kiosk.fleet.pack import Packed, pack_bundle

__all__ = [
    "EXPIRY",
    "TOP_ROLES",
    "PublishError",
    "Publisher",
    "approval_path",
    "reviewer_role",
]

TOP_ROLES = ("root", "targets", "snapshot", "timestamp")
EXPIRY = {
    "root": timedelta(days=365),
    "targets": timedelta(days=90),
    "snapshot": timedelta(days=7),
    "timestamp": timedelta(days=1),
    "reviewer": timedelta(days=365),
}
"""How long each role's signature holds. Re-run ``kiosk publish`` daily (it is
idempotent) so the timestamp never lapses; see docs/fleet-runbook.md."""

INDEX = "index.json"
LIBRARY = "library.tar"
_SLUG = re.compile(r"[^a-z0-9]+")


class PublishError(Exception):
    """Publishing or signing could not be done; the repository is unchanged."""


def reviewer_role(name: str) -> str:
    """The delegated role name of the reviewer called ``name``: ``reviewer-dr-ana-ruiz``."""
    slug = _SLUG.sub("-", name.lower()).strip("-")
    if not slug:
        raise PublishError(f"{name!r}: a reviewer needs a name with letters or digits")
    return f"reviewer-{slug}"


def approval_path(bundle_id: str, sha256: str) -> str:
    """The target path a reviewer's role lists to approve one exact archive."""
    return f"approved/{bundle_id}/{sha256}.tar"


@dataclass(frozen=True)
class Published:
    """What one ``publish`` did: the bundles, and whether the metadata changed."""

    bundles: tuple[tuple[str, str, str], ...]  # (id, version, sha256)
    changed: bool


class Publisher:
    """Reads and writes the repository in ``repo`` with the keys in ``keys``."""

    def __init__(self, repo: Path, keys: Path, *, now: datetime | None = None) -> None:
        self.repo = repo
        self.keys = keys
        self.now = now or datetime.now(UTC)
        self.metadata_dir = repo / "metadata"
        self.targets_dir = repo / "targets"

    # -- reading -----------------------------------------------------------------
    def _read(self, name: str) -> Metadata:  # type: ignore[type-arg]
        try:
            return Metadata.from_file(str(self.metadata_dir / name))
        except FileNotFoundError as exc:
            raise PublishError(
                f"{self.metadata_dir / name}: missing; start the repository with "
                "'kiosk publish --init'"
            ) from exc

    def root(self) -> Metadata[Root]:
        return self._read("root.json")

    def timestamp(self) -> Metadata[Timestamp]:
        return self._read("timestamp.json")

    def snapshot(self) -> Metadata[Snapshot]:
        version = self.timestamp().signed.snapshot_meta.version
        return self._read(f"{version}.snapshot.json")

    def targets(self, role: str = "targets") -> Metadata[Targets]:
        meta = self.snapshot().signed.meta.get(f"{role}.json")
        if meta is None:
            raise PublishError(f"the repository has no role {role!r}")
        return self._read(f"{meta.version}.{role}.json")

    @property
    def initialised(self) -> bool:
        return (self.metadata_dir / "root.json").is_file()

    # -- keys --------------------------------------------------------------------
    def _signer(self, role: str) -> Signer:
        path = self.keys / f"{role}.pem"
        try:
            return load_signer(path)
        except KeyError_ as exc:
            raise PublishError(str(exc)) from exc

    # -- writing -----------------------------------------------------------------
    def _expires(self, kind: str) -> datetime:
        return (self.now + EXPIRY[kind]).replace(microsecond=0)

    def _write(self, name: str, md: Metadata, signers: Iterable[Signer]) -> None:  # type: ignore[type-arg]
        md.signatures.clear()
        for signer in signers:
            md.sign(signer, append=True)
        data = md.to_bytes(JSONSerializer(compact=False))
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        temporary = self.metadata_dir / f".{name}.{os.getpid()}.tmp"
        temporary.write_bytes(data)
        temporary.replace(self.metadata_dir / name)

    def _write_root(self, root: Metadata[Root], signers: Iterable[Signer]) -> None:
        signers = list(signers)
        self._write(f"{root.signed.version}.root.json", root, signers)
        self._write("root.json", root, signers)

    def _write_targets(self, role: str, md: Metadata[Targets], signer: Signer) -> None:
        self._write(f"{md.signed.version}.{role}.json", md, [signer])

    def _new_snapshot_and_timestamp(self, changed: dict[str, int]) -> None:
        """A snapshot recording the new versions of ``changed`` roles, and a timestamp.

        A role once listed stays listed (TUF clients refuse a snapshot that drops one,
        as a rollback); a removed reviewer's role is simply no longer delegated to.
        """
        snapshot = self.snapshot()
        for role, version in changed.items():
            snapshot.signed.meta[f"{role}.json"] = MetaFile(version)
        snapshot.signed.version += 1
        snapshot.signed.expires = self._expires("snapshot")
        self._write(
            f"{snapshot.signed.version}.snapshot.json", snapshot, [self._signer("snapshot")]
        )
        self._new_timestamp(snapshot.signed.version)

    def _new_timestamp(self, snapshot_version: int) -> None:
        timestamp = self.timestamp()
        timestamp.signed.snapshot_meta = MetaFile(snapshot_version)
        timestamp.signed.version += 1
        timestamp.signed.expires = self._expires("timestamp")
        self._write("timestamp.json", timestamp, [self._signer("timestamp")])

    def init(self) -> None:
        """Create the keys that are missing and version 1 of every top-level role."""
        if self.initialised:
            raise PublishError(f"{self.repo}: already a repository")
        self.keys.mkdir(parents=True, exist_ok=True, mode=0o700)
        signers: dict[str, Signer] = {}
        for role in TOP_ROLES:
            path = self.keys / f"{role}.pem"
            signers[role] = load_signer(path) if path.exists() else new_signer(path)
        root = Metadata(Root(expires=self._expires("root"), consistent_snapshot=True))
        for role in TOP_ROLES:
            root.signed.add_key(signers[role].public_key, role)
        self._write_root(root, [signers["root"]])
        targets = Metadata(Targets(expires=self._expires("targets")))
        self._write_targets("targets", targets, signers["targets"])
        snapshot = Metadata(Snapshot(expires=self._expires("snapshot")))
        self._write("1.snapshot.json", snapshot, [signers["snapshot"]])
        timestamp = Metadata(Timestamp(expires=self._expires("timestamp")))
        self._write("timestamp.json", timestamp, [signers["timestamp"]])

    def _store_target(self, path: str, data: bytes) -> TargetFile:
        info = TargetFile.from_data(path, data, ["sha256"])
        folder, _, name = path.rpartition("/")
        where = self.targets_dir / folder if folder else self.targets_dir
        where.mkdir(parents=True, exist_ok=True)
        final = where / f"{info.hashes['sha256']}.{name}"
        if not final.exists():
            temporary = where / f".{name}.{os.getpid()}.tmp"
            temporary.write_bytes(data)
            temporary.replace(final)
        return info

    def publish(self, bundles: list[tuple[str, str, Path]], library_files: list[Path]) -> Published:
        """Publish ``bundles`` ((id, version, folder), in the library's order) and the
        content folder's own ``library_files``; expiring signatures are renewed.

        Idempotent: the same content gives the same archives and, unless a signature
        is near its expiry, no new metadata at all.
        """
        packed: list[tuple[str, str, Packed]] = [
            (bundle_id, version, pack_bundle(folder)) for bundle_id, version, folder in bundles
        ]
        entries: dict[str, TargetFile] = {}
        for bundle_id, _version, archive in packed:
            path = f"bundles/{bundle_id}.tar"
            entries[path] = self._store_target(path, archive.data)
        library = _pack_files(library_files)
        entries[LIBRARY] = self._store_target(LIBRARY, library.data)
        index = {
            "format": 1,
            "bundles": [
                {
                    "id": bundle_id,
                    "version": version,
                    "folder": folder.name,
                    "path": f"bundles/{bundle_id}.tar",
                }
                for (bundle_id, version, _), (_, _, folder) in zip(packed, bundles, strict=True)
            ],
            "library": LIBRARY,
        }
        entries[INDEX] = self._store_target(
            INDEX, json.dumps(index, indent=1, sort_keys=True).encode() + b"\n"
        )

        targets = self.targets()
        changed = _target_dict(targets.signed.targets) != _target_dict(entries)
        renew = targets.signed.expires - self.now < EXPIRY["targets"] / 2
        touched: dict[str, int] = {}
        if changed or renew:
            targets.signed.targets = entries
            targets.signed.version += 1
            targets.signed.expires = self._expires("targets")
            self._write_targets("targets", targets, self._signer("targets"))
            touched["targets"] = targets.signed.version
        snapshot = self.snapshot()
        if touched or snapshot.signed.expires - self.now < EXPIRY["snapshot"] / 2:
            self._new_snapshot_and_timestamp(touched)
        else:
            self._new_timestamp(snapshot.signed.version)
        return Published(
            tuple((bundle_id, version, archive.sha256) for bundle_id, version, archive in packed),
            bool(touched),
        )

    # -- reviewers -----------------------------------------------------------------
    def add_reviewer(self, name: str, key_file: Path) -> str:
        """Trust the key in ``key_file`` (made there if missing) to approve bundles as
        ``name``; returns the role name. Needs the targets, snapshot and timestamp keys."""
        role = reviewer_role(name)
        reviewer = load_signer(key_file) if key_file.exists() else new_signer(key_file)
        targets = self.targets()
        if targets.signed.delegations is None:
            targets.signed.delegations = Delegations(keys={}, roles={})
        roles = targets.signed.delegations.roles
        assert roles is not None  # made with roles above
        if role in roles:
            raise PublishError(f"reviewer {name!r} ({role}) is already in the repository")
        key: Key = reviewer.public_key
        key.unrecognized_fields["x-kiosk-reviewer"] = name
        roles[role] = DelegatedRole(role, [], 1, False, paths=["approved/*/*"])
        targets.signed.add_key(key, role)
        targets.signed.version += 1
        targets.signed.expires = self._expires("targets")
        self._write_targets("targets", targets, self._signer("targets"))
        approvals = Metadata(Targets(expires=self._expires("reviewer")))
        listed = self.snapshot().signed.meta.get(f"{role}.json")  # a reviewer added again
        approvals.signed.version = listed.version + 1 if listed else 1
        self._write_targets(role, approvals, reviewer)
        self._new_snapshot_and_timestamp(
            {"targets": targets.signed.version, role: approvals.signed.version}
        )
        return role

    def remove_reviewer(self, name: str) -> None:
        """Stop trusting ``name``: every approval they signed stops counting."""
        role = reviewer_role(name)
        targets = self.targets()
        delegations = targets.signed.delegations
        if delegations is None or delegations.roles is None or role not in delegations.roles:
            raise PublishError(f"there is no reviewer {name!r} ({role})")
        for keyid in list(delegations.roles[role].keyids):
            targets.signed.revoke_key(keyid, role)
        del delegations.roles[role]
        targets.signed.version += 1
        targets.signed.expires = self._expires("targets")
        self._write_targets("targets", targets, self._signer("targets"))
        self._new_snapshot_and_timestamp({"targets": targets.signed.version})

    def reviewers(self) -> dict[str, str]:
        """Role name to reviewer name, for every trusted reviewer."""
        targets = self.targets().signed
        delegations = targets.delegations
        if delegations is None or delegations.roles is None:
            return {}
        found = {}
        for role, delegated in delegations.roles.items():
            names = [
                str(delegations.keys[keyid].unrecognized_fields.get("x-kiosk-reviewer", role))
                for keyid in delegated.keyids
            ]
            found[role] = names[0] if names else role
        return found

    def _reviewer_edit(self, name: str, key_file: Path) -> tuple[str, Metadata[Targets], Signer]:
        role = reviewer_role(name)
        if role not in self.reviewers():
            raise PublishError(f"there is no reviewer {name!r}: add them with 'kiosk reviewer add'")
        try:
            signer = load_signer(key_file)
        except KeyError_ as exc:
            raise PublishError(str(exc)) from exc
        delegated = self.targets().signed.delegations
        assert delegated is not None
        assert delegated.roles is not None
        if signer.public_key.keyid not in delegated.roles[role].keyids:
            raise PublishError(f"{key_file}: not the key trusted for reviewer {name!r}")
        return role, self.targets(role), signer

    def approve(self, bundle_id: str, name: str, key_file: Path) -> TargetFile:
        """Sign, as reviewer ``name``, that the published ``bundle_id`` is approved."""
        published = self.targets().signed.targets.get(f"bundles/{bundle_id}.tar")
        if published is None:
            raise PublishError(f"{bundle_id!r} is not published in {self.repo}")
        version = _published_version(self, bundle_id)
        role, approvals, signer = self._reviewer_edit(name, key_file)
        path = approval_path(bundle_id, published.hashes["sha256"])
        entry = TargetFile(
            published.length,
            dict(published.hashes),
            path,
            unrecognized_fields={
                "custom": {
                    "reviewer": name,
                    "bundle": bundle_id,
                    "version": version,
                    "approved": self.now.date().isoformat(),
                }
            },
        )
        approvals.signed.targets[path] = entry
        self._save_approvals(role, approvals, signer)
        return entry

    def revoke(self, bundle_id: str, name: str, key_file: Path) -> int:
        """Withdraw reviewer ``name``'s approvals of ``bundle_id``; returns how many."""
        role, approvals, signer = self._reviewer_edit(name, key_file)
        gone = [
            path for path in approvals.signed.targets if path.startswith(f"approved/{bundle_id}/")
        ]
        if not gone:
            raise PublishError(f"reviewer {name!r} has not approved {bundle_id!r}")
        for path in gone:
            del approvals.signed.targets[path]
        self._save_approvals(role, approvals, signer)
        return len(gone)

    def _save_approvals(self, role: str, approvals: Metadata[Targets], signer: Signer) -> None:
        approvals.signed.version += 1
        approvals.signed.expires = self._expires("reviewer")
        self._write_targets(role, approvals, signer)
        self._new_snapshot_and_timestamp({role: approvals.signed.version})

    # -- keys of the top-level roles -------------------------------------------------
    def rotate(self, role: str) -> Path:
        """Replace ``role``'s key with a new one (the old file is kept as ROLE.pem.old).

        A new root version lists the new key; a new root is signed by the old and the
        new root key, so kiosks can follow the chain. Returns the new key file.
        """
        if role not in TOP_ROLES:
            raise PublishError(f"{role!r} is not one of {', '.join(TOP_ROLES)}")
        old_root = self._signer("root")
        path = self.keys / f"{role}.pem"
        old = self._signer(role)
        retired = path.with_suffix(".pem.old")
        path.replace(retired)
        try:
            new = new_signer(path)
        except Exception:
            retired.replace(path)
            raise
        root = self.root()
        root.signed.revoke_key(old.public_key.keyid, role)
        root.signed.add_key(new.public_key, role)
        root.signed.version += 1
        root.signed.expires = self._expires("root")
        signers = [old_root, new] if role == "root" else [old_root]
        self._write_root(root, signers)
        # re-sign the role with its new key so kiosks verify it against the new root
        if role == "targets":
            targets = self.targets()
            targets.signed.version += 1
            self._write_targets("targets", targets, new)
            self._new_snapshot_and_timestamp({"targets": targets.signed.version})
        elif role in ("snapshot", "timestamp"):
            self._new_snapshot_and_timestamp({})
        return path


def _target_dict(targets: dict[str, TargetFile]) -> dict[str, object]:
    return {path: info.to_dict() for path, info in targets.items()}


def _published_version(publisher: Publisher, bundle_id: str) -> str:
    index_info = publisher.targets().signed.targets[INDEX]
    data = (publisher.targets_dir / f"{index_info.hashes['sha256']}.{INDEX}").read_bytes()
    for entry in json.loads(data)["bundles"]:
        if entry["id"] == bundle_id:
            return str(entry["version"])
    raise PublishError(f"{bundle_id!r} is not in the published index")


def _pack_files(files: list[Path]) -> Packed:
    """The content folder's own files (a library order file...) as one archive."""
    import tempfile

    with tempfile.TemporaryDirectory() as staging:
        for path in files:
            (Path(staging) / path.name).write_bytes(path.read_bytes())
        return pack_bundle(Path(staging))
