"""deploy/debian/ensure-packages: the step `make run`, `make test` and `.ci/run` share.

It runs on a PATH of stand-ins (dpkg-query, id, sudo, apt-get), so that each case (root,
`sudo -n`, neither, nothing missing, not Debian) is tried without installing anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "deploy" / "debian" / "ensure-packages"
REAL_TOOLS = ("sed", "tr", "sort", "env")


def _stand_ins(bin_dir: Path, log: Path, *, dpkg: bool = True) -> None:
    """Fake dpkg-query (a package is installed when listed in $INSTALLED), id ($UID_IS),
    sudo (works without a password when $SUDO_OK is 1) and apt-get (logs its arguments)."""
    bin_dir.mkdir()
    for tool in REAL_TOOLS:
        found = shutil.which(tool)
        assert found is not None, tool
        (bin_dir / tool).symlink_to(found)
    scripts = {
        "id": 'echo "$UID_IS"\n',
        "sudo": (
            'if [ "$1" = -n ] && [ "$SUDO_OK" = 1 ]; then shift; '
            f'echo "sudo $*" >>{log}; [ "$1" = true ] && exit 0; exec "$@"; fi\nexit 1\n'
        ),
        "apt-get": f'echo "apt-get $*" >>{log}\n',
    }
    if dpkg:
        scripts["dpkg-query"] = (
            'for p in $INSTALLED; do [ "$p" = "$3" ] && { printf installed; exit 0; }; done\n'
            "exit 1\n"
        )
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)


def _run(
    tmp_path: Path, *, installed: str, uid: int, sudo_ok: bool, dpkg: bool = True
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    log = tmp_path / "calls.log"
    bin_dir = tmp_path / "bin"
    _stand_ins(bin_dir, log, dpkg=dpkg)
    lists = tmp_path / "run.txt", tmp_path / "test.txt"
    lists[0].write_text("# Qt\nlibegl1\nlibpulse0  # speech\n\nespeak-ng\n")
    lists[1].write_text("cage\nespeak-ng\n")  # listed twice: asked for once
    env = {
        "PATH": str(bin_dir),
        "INSTALLED": installed,
        "UID_IS": str(uid),
        "SUDO_OK": "1" if sudo_ok else "0",
    }
    done = subprocess.run(
        ["/bin/sh", str(SCRIPT), *map(str, lists)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return done, calls


def test_nothing_missing_is_silent_and_installs_nothing(tmp_path: Path) -> None:
    done, calls = _run(
        tmp_path, installed="libegl1 libpulse0 espeak-ng cage", uid=1000, sudo_ok=False
    )
    assert (done.returncode, done.stdout, done.stderr, calls) == (0, "", "", [])


def test_as_root_it_installs_only_what_is_missing(tmp_path: Path) -> None:
    done, calls = _run(tmp_path, installed="libegl1 espeak-ng", uid=0, sudo_ok=False)
    assert done.returncode == 0, done.stderr
    assert "Installing missing Debian packages: cage libpulse0" in done.stderr
    assert calls[0] == "apt-get update -qq"
    assert calls[1].startswith("apt-get install -y --no-install-recommends cage libpulse0 ")


def test_not_root_it_goes_through_sudo_n(tmp_path: Path) -> None:
    done, calls = _run(tmp_path, installed="libegl1 espeak-ng cage", uid=1000, sudo_ok=True)
    assert done.returncode == 0, done.stderr
    assert "sudo apt-get update -qq" in calls
    assert any(c.startswith("apt-get install -y --no-install-recommends libpulse0") for c in calls)


def test_without_root_or_sudo_it_stops_at_once_with_the_line_to_run(tmp_path: Path) -> None:
    done, calls = _run(tmp_path, installed="libegl1", uid=1000, sudo_ok=False)
    assert done.returncode == 1
    assert calls == []  # apt-get never ran
    assert "Missing Debian packages: cage espeak-ng libpulse0" in done.stderr
    assert (
        "  sudo apt-get update && sudo apt-get install -y --no-install-recommends "
        "cage espeak-ng libpulse0\n" in done.stderr
    )


def test_not_debian_it_names_the_packages_and_goes_on(tmp_path: Path) -> None:
    done, calls = _run(tmp_path, installed="", uid=1000, sudo_ok=False, dpkg=False)
    assert done.returncode == 0
    assert "not a Debian/Ubuntu system" in done.stderr
    assert "libpulse0" in done.stderr
    assert calls == []


@pytest.mark.parametrize(
    ("target", "lists"),
    [
        ("packages", "deploy/debian/run.txt"),
        ("packages-test", "deploy/debian/run.txt deploy/debian/test.txt"),
    ],
)
def test_make_run_and_make_test_take_this_step_first(target: str, lists: str) -> None:
    """`make run` and `make test` (so `.ci/run`) begin with the packages, then the rest."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    shown = subprocess.run(
        ["make", "--no-print-directory", "-n", target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.stdout.strip() == f"deploy/debian/ensure-packages {lists}"
    rules = (ROOT / "Makefile").read_text().splitlines()
    assert any(line.startswith("run: packages ") for line in rules)
    assert any(line.startswith("test: packages-test ") for line in rules)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_a_fresh_machine_gets_what_the_screen_reader_walk_needs() -> None:
    """tests/a11y (in `make test`) runs a real AT-SPI client on Debian's python3 against
    the app under Xvfb in a private D-Bus session: its packages are in test.txt, which
    the fresh-machine step (`make test`'s first) installs."""
    listed = {
        word
        for line in (ROOT / "deploy" / "debian" / "test.txt").read_text().splitlines()
        for word in line.split("#")[0].split()
    }
    needed = {
        "xvfb",
        "dbus",
        "dbus-bin",
        "at-spi2-core",
        "python3-gi",
        "gir1.2-atspi-2.0",
        "python3",
        "libxcb-cursor0",
        "libxkbcommon-x11-0",
    }
    assert needed - listed == set()
