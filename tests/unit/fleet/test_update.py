"""Publishing and updating against a real web server on 127.0.0.1.

Every failure leaves the kiosk's ``current`` content on the last good library, and the
status file (what staff see) says why.
"""

from __future__ import annotations

import shutil
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.content import load_library
from kiosk.content.loader import BundleCache
from kiosk.fleet.approval import approvals
from kiosk.fleet.client import UpdateError, read_status, trust, update
from kiosk.fleet.repository import Publisher
from tests.fleet_fixtures import Fleet


def _first_update(fleet: Fleet) -> None:
    trust(fleet.state, (fleet.repo / "metadata" / "root.json").read_bytes())
    update(fleet.state, fleet.url)


def _current(fleet: Fleet) -> Path:
    return (fleet.state / "current").resolve()


def _version(fleet: Fleet) -> str:
    library = load_library(fleet.state / "current", cache=BundleCache(None))
    assert not library.errors
    return library.bundles[0].metadata.version


def _refused(fleet: Fleet, match: str) -> str:
    before = _current(fleet)
    with pytest.raises(UpdateError, match=match) as caught:
        update(fleet.state, fleet.url)
    assert _current(fleet) == before, "the kiosk left its last good content"
    assert _version(fleet) == "1.0.0"
    status = read_status(fleet.state)
    assert status.last_error == str(caught.value)
    return status.last_error


def test_happy_path_installs_verified_content_and_records_the_signer(fleet: Fleet) -> None:
    fleet.publisher().approve("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    _first_update(fleet)
    assert (fleet.state / "current").is_symlink()
    assert _version(fleet) == "1.0.0"
    assert (fleet.state / "current" / "schema.json").is_file(), "the library's own files too"
    status = read_status(fleet.state)
    assert status.last_error is None
    assert [(b.id, b.version, b.signer) for b in status.bundles] == [
        ("muscle-cramps", "1.0.0", "Dr Ana Ruiz")
    ]
    assert status.last_success == status.last_check


def test_approval_is_the_reviewers_signature_over_the_exact_content(fleet: Fleet) -> None:
    fleet.publisher().approve("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    _first_update(fleet)
    folder = fleet.state / "current" / "muscle-cramps"
    found = approvals(fleet.state / "current", {"muscle-cramps": folder})
    assert found["muscle-cramps"].reviewer == "Dr Ana Ruiz"
    # one edit on the kiosk's disk after the update, and it is no longer approved
    topic = folder / "topic.yaml"
    topic.write_text(topic.read_text().replace("cramp", "cranp", 1))
    assert approvals(fleet.state / "current", {"muscle-cramps": folder}) == {}


def test_the_yaml_review_status_approves_nothing(fleet: Fleet, tmp_path: Path) -> None:
    """Content copied by hand (no fleet metadata) is never approved by a signature."""
    _first_update(fleet)
    copy = tmp_path / "by-hand"
    shutil.copytree(fleet.state / "current", copy)
    assert approvals(copy, {"muscle-cramps": copy / "muscle-cramps"}) == {}
    # and a published but unapproved bundle is not approved either
    assert (
        approvals(fleet.state / "current", {"muscle-cramps": _current(fleet) / "muscle-cramps"})
        == {}
    )


def test_a_new_version_is_swapped_in_and_the_last_good_one_kept(fleet: Fleet) -> None:
    _first_update(fleet)
    first = _current(fleet)
    fleet.set_version("1.0.1")
    fleet.publish()
    update(fleet.state, fleet.url)
    assert _version(fleet) == "1.0.1"
    assert _current(fleet) != first
    assert first.is_dir(), "the release before is kept"
    fleet.set_version("1.0.2")
    fleet.publish()
    update(fleet.state, fleet.url)
    assert not first.exists(), "older releases are pruned"
    assert len(list((fleet.state / "releases").glob("r-*"))) == 2


def test_changed_text_under_the_same_version_is_installed_too(fleet: Fleet) -> None:
    _first_update(fleet)
    topic = fleet.content / "muscle-cramps" / "topic.yaml"
    topic.write_text(topic.read_text() + "\n# a corrected comma\n")
    fleet.publish()
    update(fleet.state, fleet.url)
    installed = fleet.state / "current" / "muscle-cramps" / "topic.yaml"
    assert installed.read_text().endswith("# a corrected comma\n")


def test_publishing_the_same_content_again_changes_nothing(fleet: Fleet) -> None:
    targets = fleet.publisher().targets().signed.version
    fleet.publish()
    assert fleet.publisher().targets().signed.version == targets


def test_a_tampered_bundle_is_refused(fleet: Fleet) -> None:
    _first_update(fleet)
    fleet.set_version("1.0.1")
    fleet.publish()
    info = fleet.publisher().targets().signed.targets["bundles/muscle-cramps.tar"]
    archive = fleet.repo / "targets" / "bundles" / f"{info.hashes['sha256']}.muscle-cramps.tar"
    data = bytearray(archive.read_bytes())
    at = data.index(b"1.0.1")
    data[at : at + 5] = b"6.6.6"  # same length, other bytes
    archive.write_bytes(bytes(data))
    message = _refused(fleet, "does not match its signed length and hash")
    assert "tampered" in message


def test_a_rollback_to_older_metadata_is_refused(fleet: Fleet, tmp_path: Path) -> None:
    old = tmp_path / "old-metadata"
    shutil.copytree(fleet.repo / "metadata", old)
    fleet.set_version("1.0.1")
    fleet.publish()
    _first_update(fleet)
    assert _version(fleet) == "1.0.1"
    # the server (or an attacker in between) serves yesterday's metadata again
    shutil.rmtree(fleet.repo / "metadata")
    shutil.copytree(old, fleet.repo / "metadata")
    with pytest.raises(UpdateError, match="rollback"):
        update(fleet.state, fleet.url)
    assert _version(fleet) == "1.0.1"


def test_a_frozen_timestamp_is_refused_once_it_expires(fleet: Fleet) -> None:
    _first_update(fleet)
    # the server keeps serving a timestamp signed two days ago (valid for one day)
    stale = fleet.publisher(now=datetime.now(UTC) - timedelta(days=2))
    stale._new_timestamp(stale.snapshot().signed.version)
    _refused(fleet, "expired")


def test_expired_targets_are_refused(fleet: Fleet) -> None:
    _first_update(fleet)
    past = fleet.publisher(now=datetime.now(UTC) - timedelta(days=200))
    fleet.set_version("1.0.1")
    fleet.publish(past)  # targets signed 200 days ago for 90 days
    now = fleet.publisher()
    now._new_snapshot_and_timestamp({})  # fresh snapshot and timestamp over them
    _refused(fleet, "expired")


def test_mix_and_match_metadata_is_refused(fleet: Fleet) -> None:
    _first_update(fleet)
    fleet.set_version("1.0.1")
    fleet.publish()
    # the newest snapshot's file holds an older snapshot: versions no longer agree
    metadata = fleet.repo / "metadata"
    snapshots = sorted(metadata.glob("*.snapshot.json"), key=lambda p: int(p.name.split(".")[0]))
    snapshots[-1].write_bytes(snapshots[-2].read_bytes())
    _refused(fleet, "not consistent|rollback|did not verify")


def test_metadata_signed_by_another_key_is_refused(fleet: Fleet, tmp_path: Path) -> None:
    _first_update(fleet)
    intruder = Publisher(tmp_path / "other-repo", tmp_path / "other-keys")
    intruder.init()
    fleet.set_version("1.0.1")
    bundles = [("muscle-cramps", "1.0.1", fleet.content / "muscle-cramps")]
    intruder.publish(bundles, [])
    timestamp = intruder.metadata_dir / "timestamp.json"
    (fleet.repo / "metadata" / "timestamp.json").write_bytes(timestamp.read_bytes())
    _refused(fleet, "did not verify")


def test_server_down(fleet: Fleet) -> None:
    _first_update(fleet)
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    fleet.url = f"http://127.0.0.1:{closed}"
    _refused(fleet, "could not be reached")


def test_content_that_fails_validation_is_not_installed(fleet: Fleet) -> None:
    _first_update(fleet)
    topic = fleet.content / "muscle-cramps" / "topic.yaml"
    topic.write_text(topic.read_text() + "\nnot_a_part: true\n")
    fleet.set_version("1.0.1")
    publisher = fleet.publisher()  # published without the CLI's own validation
    publisher.publish([("muscle-cramps", "1.0.1", fleet.content / "muscle-cramps")], [])
    message = _refused(fleet, "did not validate")
    assert "topic.yaml:" in message, "staff see the located errors"


def test_an_older_bundle_version_is_not_installed(fleet: Fleet) -> None:
    fleet.set_version("1.0.0")
    _first_update(fleet)
    fleet.set_version("0.9.0")
    fleet.publish()
    _refused(fleet, "older than the installed 1.0.0")


def test_a_revoked_approval_or_reviewer_no_longer_counts(fleet: Fleet) -> None:
    publisher = fleet.publisher()
    publisher.approve("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    _first_update(fleet)
    assert read_status(fleet.state).approved() == {"muscle-cramps": "Dr Ana Ruiz"}
    publisher.revoke("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    update(fleet.state, fleet.url)
    assert read_status(fleet.state).approved() == {}
    folder = fleet.state / "current" / "muscle-cramps"
    assert approvals(fleet.state / "current", {"muscle-cramps": folder}) == {}

    publisher.approve("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    update(fleet.state, fleet.url)
    assert read_status(fleet.state).approved() == {"muscle-cramps": "Dr Ana Ruiz"}
    publisher.remove_reviewer("Dr Ana Ruiz")
    update(fleet.state, fleet.url)
    assert read_status(fleet.state).approved() == {}
    assert approvals(fleet.state / "current", {"muscle-cramps": folder}) == {}

    publisher.add_reviewer("Dr Ana Ruiz", fleet.reviewer_key)  # trusted again, later
    publisher.approve("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    update(fleet.state, fleet.url)
    assert read_status(fleet.state).approved() == {"muscle-cramps": "Dr Ana Ruiz"}


def test_only_the_reviewers_own_key_signs_their_approvals(fleet: Fleet, tmp_path: Path) -> None:
    from kiosk.fleet.repository import PublishError

    with pytest.raises(PublishError, match="not the key trusted"):
        fleet.publisher().approve("muscle-cramps", "Dr Ana Ruiz", fleet.keys / "targets.pem")


@pytest.mark.parametrize("role", ["targets", "snapshot", "timestamp", "root"])
def test_kiosks_follow_a_key_rotation(fleet: Fleet, role: str) -> None:
    _first_update(fleet)
    fleet.publisher().rotate(role)
    fleet.set_version("1.0.1")
    fleet.publish()
    update(fleet.state, fleet.url)
    assert _version(fleet) == "1.0.1"


def test_require_approved_shows_only_what_a_reviewer_signed(fleet: Fleet) -> None:
    from kiosk.content.library import EntryStatus, load_library
    from kiosk.fleet.approval import approver

    fleet.publisher().approve("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    _first_update(fleet)
    current = fleet.state / "current"
    library = load_library(
        current, cache=BundleCache(None), require_approved=True, approver=approver(current)
    )
    (entry,) = library.entries
    assert (entry.status, entry.signer) == (EntryStatus.SHOWN, "Dr Ana Ruiz")
    topic = current / "muscle-cramps" / "topic.yaml"
    topic.write_text(topic.read_text() + "\n# edited on the kiosk\n")
    library = load_library(
        current, cache=BundleCache(None), require_approved=True, approver=approver(current)
    )
    assert library.entries[0].status is EntryStatus.NOT_APPROVED
    assert library.topics == []
