"""A kiosk whose window is closed from outside exits, so its supervisor restarts it.

The real program in kiosk mode on X11 (Xvfb, no window manager), as systemd starts it:
NOTIFY_SOCKET and WATCHDOG_USEC set. It says READY=1 and pings; then `xdotool
windowclose` destroys its window (before, the process lived on behind a black screen);
it must exit with code 4 within seconds."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
    reason="make test installs deploy/debian/test.txt (xvfb, xdotool)",
)


@pytest.fixture
def display() -> Iterator[str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def _received(sock: socket.socket) -> list[str]:
    found = []
    sock.setblocking(False)
    try:
        while True:
            found.append(sock.recv(4096).decode())
    except BlockingIOError:
        return found


@pytest.mark.slow
def test_a_window_closed_from_outside_ends_the_kiosk_with_exit_4(
    display: str, tmp_path: Path, isolated_home: Path
) -> None:
    import kiosk.settings

    saved, kiosk.settings.SCRYPT_N = kiosk.settings.SCRYPT_N, 2**4
    try:
        kiosk.settings.write_pin(tmp_path / "settings.yaml", "246813")
    finally:
        kiosk.settings.SCRYPT_N = saved
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind(str(tmp_path / "notify"))
        env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            NOTIFY_SOCKET=str(tmp_path / "notify"),
            WATCHDOG_USEC="2000000",
        )
        env.pop("WAYLAND_DISPLAY", None)
        app = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--kiosk", "--config", str(tmp_path / "settings.yaml")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            windows: list[str] = []
            while not windows:
                assert app.poll() is None, app.communicate()[0]
                assert time.monotonic() < deadline, "no kiosk window appeared"
                time.sleep(0.2)
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--class", "kiosk"],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=10,
                )
                windows = found.stdout.split()
            time.sleep(3)  # a few watchdog pings (every second)
            assert app.poll() is None, "the kiosk ended before its window was closed"
            sent = _received(notify)
            assert sent[0] == "READY=1"
            assert sent.count("WATCHDOG=1") >= 2
            for window in windows:
                subprocess.run(["xdotool", "windowclose", window], env=env, timeout=10)
            output, _ = app.communicate(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait(timeout=10)
        assert app.returncode == 4, output
        assert "the kiosk window is gone" in output
        assert "STOPPING=1\nSTATUS=window lost" in _received(notify)
