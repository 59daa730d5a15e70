"""The clinic kiosk for real: deploy/systemd/kiosk.service, run by a real systemd user
manager (systemd 252, tests/deploy/user_systemd.sh) as an ordinary user (`nobody`), starts
cage on its headless backend with deploy/kiosk-session and the app in kiosk mode. Then:

- the app says READY (Type=notify) and grim takes a frame: the app fills the screen;
- the app killed with SIGKILL comes back (Restart=always), full screen again;
- the app hung (SIGSTOP: its Qt event loop sends no more watchdog pings) is killed by
  systemd's watchdog and comes back.

What differs from a clinic, in a drop-in (kiosk.service.d/test.conf made below): the seat
(console.conf: User=kiosk, PAMName=login, tty1 are for the system manager), the paths (the
checkout instead of /opt/kiosk), PrivateTmp (a user manager has no mount namespaces to
give), shorter times (WatchdogSec=5), cage's headless backend, and `cage -r -r` (the screen
turned 180 degrees): cage 0.1.4 with wlroots 0.15 tries direct scan-out of a full-screen
window, which the headless backend refuses, and then stops drawing. A turned output never
tries scan-out; grim turns the frame back, so it is still 1280x720 and upright.

Needs root (to become `nobody` and to give systemd a cgroup) and the Debian packages of
deploy/debian/test.txt (make test installs them).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

USER = 65534  # nobody
SEEN = Path("/run/kiosk-test")  # where nobody sees the checkout and the venv's packages
NEEDED = ("cage", "grim", "unshare", "setpriv", "dbus-daemon", "systemctl")
pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the kiosk as nobody"),
    pytest.mark.skipif(
        any(shutil.which(tool) is None for tool in NEEDED)
        or not Path("/lib/systemd/systemd").exists(),
        reason="make test installs deploy/debian/test.txt (cage, grim, systemd)",
    ),
]


def _readable_python() -> str:
    """A Python of this one's version that `nobody` can run (this venv's may live under
    /root, which nobody can enter): the system's."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    python = Path(f"/usr/bin/python{version}")
    if not python.exists():
        pytest.fail(f"no /usr/bin/python{version} (Debian: python3, in deploy/debian/test.txt)")
    return str(python)


@dataclass
class Kiosk:
    state: Path
    env: dict[str, str]

    def systemctl(self, *args: str, timeout: float = 30) -> str:
        done = subprocess.run(
            [
                "setpriv",
                f"--reuid={USER}",
                f"--regid={USER}",
                "--clear-groups",
                "systemctl",
                "--user",
                *args,
            ],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        log = self.state / "service.log"
        assert done.returncode == 0, f"systemctl {' '.join(args)}: {done.stderr}\n" + (
            log.read_text()[-3000:] if log.exists() else "(no output)"
        )
        return done.stdout

    def show(self) -> dict[str, str]:
        out = self.systemctl(
            "show", "kiosk.service", "-p", "ActiveState,SubState,Result,NRestarts,MainPID"
        )
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def app_pid(self) -> int:
        """The app: the child of cage (the main process) that runs the kiosk."""
        cage = int(self.show()["MainPID"])
        children = Path(f"/proc/{cage}/task/{cage}/children").read_text().split()
        for pid in map(int, children):
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if b"kiosk" in command and b"--kiosk" in command:
                return pid
        raise AssertionError(f"no kiosk app among cage's children {children}")

    def frame(self, name: str) -> Path:
        out = self.state / name
        done = subprocess.run(
            ["setpriv", f"--reuid={USER}", f"--regid={USER}", "--clear-groups", "grim", str(out)],
            env=dict(self.env, WAYLAND_DISPLAY="wayland-0"),
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.returncode == 0, done.stderr
        return out

    def wait(self, what: str, check: object, seconds: float = 60) -> dict[str, str]:
        deadline = time.monotonic() + seconds
        while True:
            status = self.show()
            if callable(check) and check(status):
                return status
            assert time.monotonic() < deadline, f"{what}: still {status} after {seconds} s"
            time.sleep(0.2)


def _write_units(state: Path, app: Path) -> None:
    units = state / "home" / ".config" / "systemd" / "user"
    (units / "kiosk.service.d").mkdir(parents=True)
    shutil.copy(ROOT / "deploy" / "systemd" / "kiosk.service", units / "kiosk.service")
    (units / "kiosk.service.d" / "test.conf").write_text(
        "[Service]\n"
        "ExecStart=\n"
        f"ExecStart=/usr/bin/cage -d -r -r -- {SEEN / 'src' / 'deploy' / 'kiosk-session'}\n"
        f"Environment=KIOSK_APP={app} KIOSK_CONFIG={state / 'settings.yaml'}\n"
        f"Environment=KIOSK_SPEECHD_CONFIG={SEEN / 'src' / 'deploy' / 'speech-dispatcher'}\n"
        "Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman\n"
        "PrivateTmp=no\n"
        "WatchdogSec=5\n"
        "TimeoutStopSec=3\n"
        "RestartSec=0.5\n"
        f"StandardOutput=append:{state / 'service.log'}\n"  # no journal here
        f"StandardError=append:{state / 'service.log'}\n"
    )


@pytest.fixture(scope="module")
def kiosk() -> Iterator[Kiosk]:
    import kiosk.settings

    state = Path(tempfile.mkdtemp(prefix="kiosk-service-", dir="/tmp"))
    state.chmod(0o755)
    (state / "run").mkdir(mode=0o700)
    (state / "home").mkdir()
    saved, kiosk.settings.SCRYPT_N = kiosk.settings.SCRYPT_N, 2**4  # a quick hash
    try:
        kiosk.settings.write_pin(state / "settings.yaml", "246813")
    finally:
        kiosk.settings.SCRYPT_N = saved
    app = state / "app"
    site = sysconfig.get_paths()["purelib"]
    # the checkout and this venv's packages, as the user sees them (user_systemd.sh)
    app.write_text(
        "#!/bin/sh\n"
        f"export PYTHONPATH={SEEN / 'src'}:{SEEN / 'site'}\n"
        f'exec {_readable_python()} -m kiosk --content {SEEN / "src" / "content"} "$@"\n'
    )
    app.chmod(0o755)
    _write_units(state, app)
    subprocess.run(["chown", "-R", f"{USER}:{USER}", str(state)], check=True)

    cgroup = f"kiosk-test-{os.getpid()}"
    manager = subprocess.Popen(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            str(ROOT / "tests" / "deploy" / "user_systemd.sh"),
            str(state),
            str(USER),
            cgroup,
            str(ROOT),
            "src",
            site,
            "site",
        ],
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(state / "home"),
        "XDG_RUNTIME_DIR": str(state / "run"),
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={state / 'run' / 'bus'}",
    }
    handle = Kiosk(state, env)
    try:
        deadline = time.monotonic() + 30
        while subprocess.run(
            [
                "setpriv",
                f"--reuid={USER}",
                f"--regid={USER}",
                "--clear-groups",
                "systemctl",
                "--user",
                "show",
                "-p",
                "Version",
            ],
            env=env,
            capture_output=True,
            timeout=30,
        ).returncode:
            assert manager.poll() is None, (state / "systemd.log").read_text()
            assert time.monotonic() < deadline, "the user manager did not start"
            time.sleep(0.1)
        yield handle
    finally:
        subprocess.run(
            [
                "setpriv",
                f"--reuid={USER}",
                f"--regid={USER}",
                "--clear-groups",
                "systemctl",
                "--user",
                "exit",
            ],
            env=env,
            capture_output=True,
            timeout=30,
        )
        try:
            manager.wait(timeout=30)
        except subprocess.TimeoutExpired:
            manager.kill()
            manager.wait(timeout=10)
        _remove_cgroup(cgroup)
        shutil.rmtree(state, ignore_errors=True)


def _remove_cgroup(name: str) -> None:
    """End whatever is left in the test's cgroup (the session bus...), then remove it."""
    unified = Path("/sys/fs/cgroup/unified") / name
    if (unified / "cgroup.kill").exists():
        (unified / "cgroup.kill").write_text("1")
    for tree in ("unified", "systemd"):
        root = Path("/sys/fs/cgroup") / tree / name
        folders = sorted(root.glob("**/"), key=lambda p: len(p.parts), reverse=True)
        for folder in folders:
            for _ in range(50):  # the killed processes leave their cgroup a moment later
                try:
                    folder.rmdir()
                    break
                except OSError:
                    time.sleep(0.1)


def _assert_full_screen(frame: Path) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(frame))
    assert (image.width(), image.height()) == (1280, 720)
    # cage paints black where no window is: every corner is the app's light background
    width, height = image.width(), image.height()
    for x, y in ((2, 2), (width - 3, 2), (2, height - 3), (width - 3, height - 3)):
        assert image.pixelColor(x, y).lightness() > 100, (x, y, image.pixelColor(x, y).name())
    black = sum(
        1
        for x in range(0, width, 16)
        for y in range(0, height, 16)
        if image.pixelColor(x, y).lightness() < 10
    )
    assert black < 0.05 * (width // 16) * (height // 16), f"{black} black samples"


@pytest.mark.slow
def test_the_service_starts_the_app_full_screen(kiosk: Kiosk) -> None:
    kiosk.systemctl("start", "kiosk.service", timeout=120)  # Type=notify: waits for READY
    status = kiosk.show()
    assert (status["ActiveState"], status["SubState"]) == ("active", "running"), status
    kiosk.app_pid()
    time.sleep(6)  # longer than WatchdogSec=5: only the app's pings keep it running
    status = kiosk.show()
    assert (status["SubState"], status["NRestarts"]) == ("running", "0"), status
    _assert_full_screen(kiosk.frame("started.png"))


@pytest.mark.slow
def test_a_killed_app_comes_back(kiosk: Kiosk) -> None:
    before = int(kiosk.show()["NRestarts"])
    killed = kiosk.app_pid()
    os.kill(killed, signal.SIGKILL)
    kiosk.wait(
        "restart after SIGKILL",
        lambda s: int(s["NRestarts"]) > before and s["SubState"] == "running",
    )
    assert kiosk.app_pid() != killed
    time.sleep(1)
    _assert_full_screen(kiosk.frame("after-kill.png"))


@pytest.mark.slow
def test_a_hung_app_is_restarted_by_the_watchdog(kiosk: Kiosk) -> None:
    before = int(kiosk.show()["NRestarts"])
    hung = kiosk.app_pid()
    os.kill(hung, signal.SIGSTOP)  # alive, but its event loop sends no more pings
    results: set[str] = set()

    def restarted(status: dict[str, str]) -> bool:
        results.add(status["Result"])
        return int(status["NRestarts"]) > before and status["SubState"] == "running"

    kiosk.wait("restart after a hang", restarted)
    assert "watchdog" in results, results
    assert kiosk.app_pid() != hung
    assert not Path(f"/proc/{hung}").exists()
