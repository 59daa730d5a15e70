"""Benchmark fleet updates: publishing and updating a 50-topic library.

What it measures, in one process, with ``time.perf_counter`` (median of ``--runs``):

- the baseline: validating the 50 topics from scratch (no cache), the work that both
  publishing and updating must do anyway (``kiosk validate`` does the same);
- publishing the library into a new repository (keys, packing, signing);
- publishing again after one topic changed (one archive, new targets/snapshot/timestamp);
- a kiosk's first update over HTTP from a server on 127.0.0.1 (download all, verify,
  unpack, validate, swap), its update after one topic changed, and a check that finds
  nothing new;
- the size of the metadata: the repository's folder, and what one check downloads.

The times are also given as ratios to the baseline in the same run, so they hold on a
noisy machine. Run it with ``make bench`` or ``.venv/bin/python bench/fleet.py``.
Options: ``--topics N`` (50), ``--runs N`` (3), ``--json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.content import find_bundles, load_bundle  # noqa: E402
from kiosk.content.loader import BundleCache  # noqa: E402
from kiosk.fleet.client import trust, update  # noqa: E402
from kiosk.fleet.repository import Publisher  # noqa: E402


def _make_library(root: Path, topics: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from bundle_load import make_library  # the same generated topics as the load bench

    return Path(make_library(root, topics))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _bundles(content: Path) -> list[tuple[str, str, Path]]:
    found = []
    for folder in find_bundles(content):
        bundle = load_bundle(folder, cache=BundleCache(None))
        found.append((bundle.id, bundle.metadata.version, folder))
    return found


def _touch_one(content: Path, run: int) -> None:
    topic = sorted(content.iterdir())[0] / "topic.yaml"
    topic.write_text(topic.read_text() + f"\n# edit {run}\n")


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run(topics: int, runs: int) -> dict[str, Any]:
    samples: dict[str, list[float]] = {
        key: []
        for key in (
            "validate",
            "publish",
            "publish_one_changed",
            "update_first",
            "update_one_changed",
            "update_nothing_new",
        )
    }
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as warm:  # imports and validators built once, unmeasured
        _bundles(_make_library(Path(warm) / "content", 2))
    for index in range(runs):
        with tempfile.TemporaryDirectory() as scratch_name:
            scratch = Path(scratch_name)
            content = _make_library(scratch / "content", topics)
            samples["validate"].append(_timed(lambda: _bundles(content)))  # noqa: B023
            repo, keys, state = scratch / "repo", scratch / "keys", scratch / "kiosk"
            publisher = Publisher(repo, keys)

            def publish(publisher: Publisher = publisher, content: Path = content) -> None:
                if not publisher.initialised:
                    publisher.init()
                publisher.publish(_bundles(content), [])

            samples["publish"].append(_timed(publish))
            handler = partial(_Quiet, directory=str(repo))
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            url = f"http://127.0.0.1:{server.server_address[1]}"
            try:
                trust(state, (repo / "metadata" / "root.json").read_bytes())
                samples["update_first"].append(_timed(lambda: update(state, url)))  # noqa: B023
                samples["update_nothing_new"].append(
                    _timed(lambda: update(state, url))  # noqa: B023
                )
                _touch_one(content, index)
                samples["publish_one_changed"].append(_timed(publish))
                samples["update_one_changed"].append(
                    _timed(lambda: update(state, url))  # noqa: B023
                )
            finally:
                server.shutdown()
                server.server_close()
            metadata = repo / "metadata"
            sizes["repository_metadata_bytes"] = sum(p.stat().st_size for p in metadata.iterdir())
            sizes["one_check_bytes"] = sum(
                (metadata / name).stat().st_size
                for name in ("timestamp.json", *_newest(metadata, "snapshot", "targets"))
            )
            sizes["archives_bytes"] = sum(
                p.stat().st_size for p in (repo / "targets").rglob("*") if p.is_file()
            )
            shutil.rmtree(content)
    medians = {key: _median(values) for key, values in samples.items()}
    base = medians["validate"]
    return {
        "topics": topics,
        "runs": runs,
        "median_ms": medians,
        "ratio_to_validate": {
            key: round(value / base, 2) for key, value in medians.items() if key != "validate"
        },
        **sizes,
    }


def _newest(metadata: Path, *roles: str) -> list[str]:
    names = []
    for role in roles:
        versions = [p.name for p in metadata.glob(f"*.{role}.json")]
        names.append(max(versions, key=lambda name: int(name.split(".")[0])))
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.topics, args.runs)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"fleet: {result['topics']} topics, median of {result['runs']} runs")
    for key, value in result["median_ms"].items():
        ratio = result["ratio_to_validate"].get(key)
        extra = f"  ({ratio}x validating the library)" if ratio is not None else "  (baseline)"
        print(f"  {key:<22} {value:>9.1f} ms{extra}")
    print(f"  metadata in the repository: {result['repository_metadata_bytes'] / 1024:.1f} KiB")
    print(f"  metadata one check downloads: {result['one_check_bytes'] / 1024:.1f} KiB")
    print(f"  archives: {result['archives_bytes'] / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
