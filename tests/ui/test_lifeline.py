"""The app's line to systemd (kiosk.ui.lifeline): notifications over a real datagram
socket, watchdog pings from the Qt event loop, and exit 4 when the window is gone.
(Under a real systemd user manager: tests/deploy/test_kiosk_service.py.)"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.lifeline import EXIT_WINDOW_LOST, Lifeline, notify, watchdog_interval_ms
from tests.ui.conftest import MakeWindow


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(5)
    yield sock
    sock.close()


def _messages(sock: socket.socket) -> list[str]:
    sock.setblocking(False)
    found = []
    try:
        while True:
            found.append(sock.recv(4096).decode())
    except BlockingIOError:
        pass
    sock.settimeout(5)
    return found


def test_notify_sends_one_datagram_to_the_socket(listener: socket.socket) -> None:
    assert notify("READY=1", {"NOTIFY_SOCKET": listener.getsockname()})
    assert listener.recv(4096) == b"READY=1"


def test_notify_reaches_an_abstract_socket() -> None:
    name = f"kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        assert notify("WATCHDOG=1", {"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(4096) == b"WATCHDOG=1"


def test_without_a_supervisor_nothing_is_sent(tmp_path: Path) -> None:
    assert not notify("READY=1", {})
    assert not notify("READY=1", {"NOTIFY_SOCKET": "relative/path"})
    assert not notify("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "nobody-listens")})


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({"WATCHDOG_USEC": "30000000"}, 15_000),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 15_000),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getppid())}, 15_000),  # cage
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),  # another process's
        ({"WATCHDOG_USEC": "10"}, 100),
    ],
)
def test_watchdog_interval_is_half_of_systemds(
    environ: dict[str, str], expected: int | None
) -> None:
    assert watchdog_interval_ms(environ) == expected


def test_pings_come_from_the_event_loop_while_the_window_is_shown(
    qtbot: QtBot, make_window: MakeWindow, listener: socket.socket
) -> None:
    window = make_window(kiosk=True)
    address = listener.getsockname()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lifeline = Lifeline(
        app,
        window,
        check_window=True,
        interval_ms=50,
        send=lambda state: notify(state, {"NOTIFY_SOCKET": address}),
    )
    lifeline.start()
    qtbot.waitUntil(lambda: lifeline.beats >= 3, timeout=3000)
    lifeline.timer.stop()
    sent = _messages(listener)
    assert sent[0] == "READY=1"
    assert sent.count("WATCHDOG=1") >= 3
    assert lifeline.exit_code is None


def test_a_lost_window_ends_the_app_with_exit_4(
    qtbot: QtBot, make_window: MakeWindow, listener: socket.socket
) -> None:
    window = make_window(kiosk=True)
    address = listener.getsockname()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    left: list[int] = []
    lifeline = Lifeline(
        app,
        window,
        check_window=True,
        interval_ms=50,
        leave=left.append,
        send=lambda state: notify(state, {"NOTIFY_SOCKET": address}),
    )
    lifeline.start()
    qtbot.waitUntil(lambda: lifeline.beats >= 1, timeout=3000)
    window.hide()  # as when something outside the app unmaps or destroys the window
    qtbot.waitUntil(lambda: lifeline.exit_code == EXIT_WINDOW_LOST, timeout=3000)
    assert left == [EXIT_WINDOW_LOST]  # app.exit(4) in the app
    assert not lifeline.timer.isActive()
    assert "STOPPING=1\nSTATUS=window lost" in _messages(listener)


def test_laptop_mode_without_systemd_only_says_ready(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    window = make_window()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sent: list[str] = []
    lifeline = Lifeline(
        app,
        window,
        check_window=False,
        interval_ms=None,
        send=lambda state: sent.append(state) is None,
    )
    lifeline.start()
    assert sent == ["READY=1"]
    assert not lifeline.timer.isActive()
