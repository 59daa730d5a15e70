"""The app checks for fleet updates between visits only, and shows new content then."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.fleet.client import trust, update
from kiosk.ui.updates import FleetUpdates
from tests.fleet_fixtures import Fleet
from tests.ui.conftest import MakeWindow


def _checker(fleet: Fleet, busy: list[bool]) -> FleetUpdates:
    trust(fleet.state, (fleet.repo / "metadata" / "root.json").read_bytes())
    update(fleet.state, fleet.url)
    return FleetUpdates(
        fleet.url, fleet.state, every_ms=50, poll_ms=50, between_visits=lambda: not busy[0]
    )


def test_no_check_starts_during_a_visit(qtbot: QtBot, fleet: Fleet) -> None:
    busy = [True]
    updates = _checker(fleet, busy)
    assert not updates.check_now()
    updates.start()
    with qtbot.assertNotEmitted(updates.checked, wait=400):
        pass
    assert not updates.running
    busy[0] = False  # the visitor left: the next tick checks
    with qtbot.waitSignal(updates.checked, timeout=10000) as blocker:
        pass
    assert blocker.args[0].last_error is None
    updates.stop()


def test_new_content_is_handed_over_between_visits(qtbot: QtBot, fleet: Fleet) -> None:
    busy = [False]
    updates = _checker(fleet, busy)
    fleet.set_version("1.0.1")
    fleet.publish()
    before = updates.status.release
    with qtbot.waitSignal(updates.installed, timeout=10000):
        assert updates.check_now()
    assert updates.status.release != before
    assert [b.version for b in updates.status.bundles] == ["1.0.1"]


def test_new_content_waits_while_a_visitor_arrived_during_the_check(
    qtbot: QtBot, fleet: Fleet
) -> None:
    busy = [False]
    updates = _checker(fleet, busy)
    fleet.set_version("1.0.1")
    fleet.publish()
    updates.checked.connect(lambda _status: busy.__setitem__(0, True))  # someone taps in
    # the check itself may take over 500 ms on a busy machine: wait for it to end (the
    # visitor arrives then), or busy would be set again after the visitor left
    with (
        qtbot.assertNotEmitted(updates.installed, wait=500),
        qtbot.waitSignal(updates.checked, timeout=10000),
    ):
        assert updates.check_now()
    busy[0] = False  # Start over, or the idle reset
    with qtbot.waitSignal(updates.installed, timeout=10000):
        pass


def test_a_refused_update_is_reported_and_installs_nothing(qtbot: QtBot, fleet: Fleet) -> None:
    updates = _checker(fleet, [False])
    fleet.set_version("1.0.1")
    fleet.publish()
    new = fleet.publisher().targets().signed.targets["bundles/muscle-cramps.tar"]
    archive = fleet.repo / "targets" / "bundles" / f"{new.hashes['sha256']}.muscle-cramps.tar"
    archive.write_bytes(archive.read_bytes().replace(b"1.0.1", b"6.6.6"))
    with (
        qtbot.assertNotEmitted(updates.installed, wait=300),
        qtbot.waitSignal(updates.checked, timeout=10000) as blocker,
    ):
        assert updates.check_now()
    assert "does not match its signed length and hash" in blocker.args[0].last_error


def test_a_kiosk_with_update_from_shows_signed_content_and_tells_staff(
    qtbot: QtBot, fleet: Fleet, make_window: MakeWindow, staff_hash: str
) -> None:
    from kiosk.fleet.client import default_state_dir
    from kiosk.settings import Settings
    from tests.ui.helpers import texts

    fleet.publisher().approve("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    state = default_state_dir()  # in the test's own HOME
    trust(state, (fleet.repo / "metadata" / "root.json").read_bytes())
    update(state, fleet.url)
    settings = Settings(staff_pin=staff_hash, require_approved=True, update_from=fleet.url)
    window = make_window(kiosk=True, root=state / "current", settings=settings)
    assert window.current == "welcome", "the signed bundle is shown"
    assert window.fleet is not None
    # a new version is published and approved; the kiosk checks between visits
    fleet.set_version("1.0.1")
    fleet.publish()
    fleet.publisher().approve("muscle-cramps", "Dr Ana Ruiz", fleet.reviewer_key)
    with qtbot.waitSignal(window.fleet.installed, timeout=10000):
        assert window.fleet.check_now()
    assert window.content.bundle is not None
    assert window.content.bundle.metadata.version == "1.0.1"
    shown = texts(window.open_staff_panel())
    assert f"Content updates from {fleet.url}" in shown
    assert "muscle-cramps version 1.0.1: approved by Dr Ana Ruiz (signed)." in shown


def test_no_update_check_while_a_visitor_is_on_a_topic(
    qtbot: QtBot, fleet: Fleet, make_window: MakeWindow, staff_hash: str
) -> None:
    from kiosk.fleet.client import default_state_dir
    from kiosk.settings import Settings
    from tests.ui.helpers import to_topic

    state = default_state_dir()
    trust(state, (fleet.repo / "metadata" / "root.json").read_bytes())
    update(state, fleet.url)
    settings = Settings(staff_pin=staff_hash, update_from=fleet.url)
    window = make_window(kiosk=True, root=state / "current", settings=settings)
    assert window.fleet is not None
    to_topic(qtbot, window)
    assert not window.fleet.check_now()
    window.start_again()
    assert window.fleet.check_now()
    with qtbot.waitSignal(window.fleet.checked, timeout=10000):
        pass


def test_a_kiosk_with_no_content_yet_gets_it_from_the_fleet(
    qtbot: QtBot, fleet: Fleet, make_window: MakeWindow, staff_hash: str
) -> None:
    """A kiosk that starts with nothing installed shows "being updated", and the fleet
    check (which waits for a moment between visits) is allowed there: it is how the
    content comes. Before, checks ran only on the welcome screen, so it never came."""
    from kiosk.fleet.client import default_state_dir
    from kiosk.settings import Settings

    state = default_state_dir()
    trust(state, (fleet.repo / "metadata" / "root.json").read_bytes())
    settings = Settings(staff_pin=staff_hash, update_from=fleet.url)
    window = make_window(kiosk=True, root=state / "current", settings=settings)
    assert window.current == "updating"
    assert window.fleet is not None
    with qtbot.waitSignal(window.fleet.installed, timeout=10000):
        assert window.fleet.check_now()
    assert window.content.bundle is not None
    assert window.current == "welcome"
