"""A kiosk killed mid-update, or a disk that fills, keeps its last good content.

These run the real update in a child process: ``kill -9`` (SIGKILL) at the worst
moments, and a real full file system (a small tmpfs in a private mount namespace).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.content import load_library
from kiosk.content.loader import BundleCache
from kiosk.fleet.client import trust, update
from tests.conftest import ROOT
from tests.fleet_fixtures import Fleet

_KILLERS = {
    # just before ``current`` is pointed at the new library
    "before-swap": """
        real = os.replace
        def replace(src, dst, *args, **kwargs):
            if Path(dst).name == "current":
                os.kill(os.getpid(), signal.SIGKILL)
            return real(src, dst, *args, **kwargs)
        os.replace = replace
    """,
    # the new library is in place beside the old one, ``current`` not yet moved
    "after-unpack": """
        real = Path.rename
        def rename(self, target):
            result = real(self, target)
            if Path(target).name.startswith("r-"):
                os.kill(os.getpid(), signal.SIGKILL)
            return result
        Path.rename = rename
    """,
    # half-way through unpacking
    "mid-unpack": """
        from kiosk.fleet import client
        real = client.unpack_bundle
        def unpack(data, target):
            real(data, target)
            if target.name != "library":
                os.kill(os.getpid(), signal.SIGKILL)
        client.unpack_bundle = unpack
    """,
}


def _run_update_killed(state: Path, url: str, killer: str) -> int:
    script = "import os, signal, sys\nfrom pathlib import Path\n"
    script += textwrap.dedent(_KILLERS[killer])
    script += "\nfrom kiosk.fleet.client import update\nupdate(Path(sys.argv[1]), sys.argv[2])\n"
    done = subprocess.run(
        [sys.executable, "-c", script, str(state), url], cwd=ROOT, timeout=120, check=False
    )
    return done.returncode


def _version(state: Path) -> str:
    library = load_library(state / "current", cache=BundleCache(None))
    assert not library.errors
    return library.bundles[0].metadata.version


@pytest.mark.parametrize("killer", sorted(_KILLERS))
def test_kill_9_during_an_update_keeps_the_last_good_content(fleet: Fleet, killer: str) -> None:
    trust(fleet.state, (fleet.repo / "metadata" / "root.json").read_bytes())
    update(fleet.state, fleet.url)
    fleet.set_version("1.0.1")
    fleet.publish()

    assert _run_update_killed(fleet.state, fleet.url, killer) == -signal.SIGKILL
    assert _version(fleet.state) == "1.0.0", "current still shows the last good library"

    update(fleet.state, fleet.url)  # the next check finishes the job and tidies up
    assert _version(fleet.state) == "1.0.1"
    assert not list((fleet.state / "releases").glob(".staging-*"))
    assert not list(fleet.state.glob(".current.*"))


_FULL_DISK = """
import json, shutil, sys
from pathlib import Path
from kiosk.content import load_library
from kiosk.content.loader import BundleCache
from kiosk.fleet.client import UpdateError, read_status, update

state, url = Path(sys.argv[1]), sys.argv[2]
outcome = {}
try:
    update(state, url)
    outcome["error"] = None
except UpdateError as exc:
    outcome["error"] = str(exc)
library = load_library(state / "current", cache=BundleCache(None))
outcome["version"] = library.bundles[0].metadata.version if library.bundles else None
outcome["downloads"] = sorted(p.name for p in (state / "downloads").iterdir())
print(json.dumps(outcome))
"""


def test_a_full_disk_during_the_download_keeps_the_last_good_content(
    fleet: Fleet, tmp_path: Path
) -> None:
    if shutil.which("unshare") is None:
        pytest.fail("util-linux's unshare is needed (installed with the system packages)")
    trust(fleet.state, (fleet.repo / "metadata" / "root.json").read_bytes())
    update(fleet.state, fleet.url)
    fleet.set_version("1.0.1")
    fleet.publish()
    used = sum(p.stat().st_size for p in fleet.state.rglob("*") if p.is_file())
    size = used + 48 * 1024  # room for the metadata, not for the new 90 KB archive
    disk = tmp_path / "disk"
    disk.mkdir()
    as_root = [] if os.geteuid() == 0 else ["--map-root-user"]
    command = (
        f"mount -t tmpfs -o size={size} tmpfs {disk} && cp -a {fleet.state}/. {disk}/ && "
        f"exec {sys.executable} -c '{_FULL_DISK}' {disk} {fleet.url}"
    )
    done = subprocess.run(
        ["unshare", "--mount", *as_root, "sh", "-c", command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["error"] is not None
    assert "disk space" in outcome["error"]
    assert outcome["version"] == "1.0.0"
    assert not any("1.0.1" in name for name in outcome["downloads"])
