"""Benchmark the content loader: how long the kiosk takes to load its topics.

What it measures, in one process, with ``time.perf_counter``:

- the one-time set-up: importing ``kiosk.content``, and the extra cost of the first
  load (it imports pydantic and builds the validators);
- the shipped bundle (``content/muscle-cramps``): cold (no cache: parse + validate)
  and warm (a cache hit), median of at least 15 runs each;
- generated libraries of 1, 10, 100 and 500 topics (copies of the shipped bundle with
  unique ids and slightly different text): cold and warm, median of 5 runs (3 for a
  slow cold 500), with the cost per topic and how linearly it grows;
- for context, the time PyYAML's C loader takes merely to parse the shipped files.

Every measured case runs once first as a warm-up (for a warm case, that run fills the
cache). Generated libraries and caches live in temporary folders only; the user's own
cache is never touched. It then checks the goals: the shipped bundle in 2 ms or less
(the warm figure is the app's, since the app always has its cache) and 500 topics in
500 ms or less (warm), on wall time; beside each goal, the CPU time this process took
(on a busy machine the wall time also counts other processes' turns on the CPU).

Run it with ``make bench`` or ``.venv/bin/python bench/bundle_load.py``.
Options: ``--quick`` (1, 10 and 100 topics, fewer runs: a CI smoke test) and ``--json``
(machine-readable output). The exit status is 0 unless a load fails (then 1).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content" / "muscle-cramps"

SIZES = (1, 10, 100, 500)
QUICK_SIZES = (1, 10, 100)
SHIPPED_GOAL_MS = 2.0
LIBRARY_GOAL_TOPICS = 500
LIBRARY_GOAL_MS = 500.0
LINEARITY_BASE = 10
SLOW_RUN_S = 1.0  # a cold library load slower than this is measured fewer times

_ID_LINE = re.compile(r"^(  id: )(\S+)[ \t]*$", re.MULTILINE)
# the first line of the English patient summary (one language: `patient: |`; several:
# `patient:` then `en: |`)
_SUMMARY_LINE = re.compile(
    r"^(  summary:\n    patient:(?: \|\n|\n      en: \|\n)\s+)(.+)$", re.MULTILINE
)


@dataclass(frozen=True)
class Runs:
    """How many timed runs each kind of measurement gets."""

    shipped: int
    library: int
    slow_library: int


FULL_RUNS = Runs(shipped=15, library=5, slow_library=3)
QUICK_RUNS = Runs(shipped=5, library=3, slow_library=3)


@dataclass(frozen=True)
class Timing:
    median_ms: float
    runs: int
    cpu_ms: float = 0.0
    """Median CPU time of this process in a run (``time.process_time``): on a busy
    machine, wall time also counts the time other processes had the CPU."""


@dataclass(frozen=True)
class LibraryResult:
    topics: int
    cold_ms: float
    warm_ms: float
    cold_runs: int
    warm_runs: int
    warm_cpu_ms: float = 0.0

    @property
    def cold_per_topic_ms(self) -> float:
        return self.cold_ms / self.topics

    @property
    def warm_per_topic_ms(self) -> float:
        return self.warm_ms / self.topics


@dataclass(frozen=True)
class Goal:
    name: str
    limit_ms: float
    measured_ms: float | None  # None: not measured in this run
    note: str = ""

    @property
    def status(self) -> str:
        if self.measured_ms is None:
            return "SKIP"
        return "PASS" if self.measured_ms <= self.limit_ms else "FAIL"


def fresh_start() -> None:
    """Untimed, before each run: forget the last good content the previous run left in
    memory, as a new process starts with none. Otherwise each run also paid for freeing
    the previous run's documents (some 0.4 ms a topic), which an app starting up never
    does."""
    from kiosk.content._cache import forget_remembered

    forget_remembered()


def measure(action: Callable[[], object], runs: int, *, slow_runs: int | None = None) -> Timing:
    """The median of ``runs`` timed calls of ``action``, after one untimed warm-up call.

    With ``slow_runs``, an action whose warm-up took over :data:`SLOW_RUN_S` is timed
    ``slow_runs`` times instead. Each run starts as a new process would
    (:func:`fresh_start`).
    """
    start = time.perf_counter()
    action()
    if slow_runs is not None and time.perf_counter() - start > SLOW_RUN_S:
        runs = slow_runs
    samples: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        fresh_start()
        gc.collect()  # no collection left over from the previous run
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return Timing(statistics.median(samples) * 1000, runs, statistics.median(cpu) * 1000)


def make_library(root: Path, topics: int) -> Path:
    """``topics`` copies of the shipped bundle under ``root``, each with its own id and text."""
    bundle_text = (SHIPPED / "bundle.yaml").read_text(encoding="utf-8")
    topic_text = (SHIPPED / "topic.yaml").read_text(encoding="utf-8")
    base_id = _ID_LINE.search(bundle_text)
    if base_id is None or not _SUMMARY_LINE.search(topic_text):
        raise RuntimeError(
            f"cannot find metadata.id in {SHIPPED / 'bundle.yaml'} or the patient summary "
            f"in {SHIPPED / 'topic.yaml'}; update the patterns in {Path(__file__).name}"
        )
    root.mkdir(parents=True, exist_ok=True)
    for index in range(topics):
        bundle_id = f"{base_id.group(2)}-{index:04d}"
        folder = root / bundle_id
        shutil.copytree(SHIPPED, folder)
        (folder / "bundle.yaml").write_text(
            _ID_LINE.sub(rf"\g<1>{bundle_id}", bundle_text, count=1), encoding="utf-8"
        )
        (folder / "topic.yaml").write_text(
            _SUMMARY_LINE.sub(rf"\g<1>\g<2> (Topic copy {index}.)", topic_text, count=1),
            encoding="utf-8",
        )
    return root


def bench_library(content: Any, topics: int, runs: Runs, scratch: Path) -> LibraryResult:
    """Cold and warm timings of ``load_library`` on a generated library of ``topics``."""
    root = make_library(scratch / f"library-{topics}", topics)
    cache_dir = scratch / f"cache-{topics}"
    no_cache = content.BundleCache(None)
    with_cache = content.BundleCache(cache_dir)

    def load(cache: Any) -> None:
        library = content.load_library(root, cache=cache)
        if library.errors or len(library.bundles) != topics:
            problems = "\n".join(str(e) for e in library.errors)
            raise RuntimeError(
                f"the {topics}-topic library loaded {len(library.bundles)} bundles\n{problems}"
            )

    cold = measure(lambda: load(no_cache), runs.library, slow_runs=runs.slow_library)
    warm = measure(lambda: load(with_cache), runs.library)  # the warm-up fills the cache
    cached = len(list(cache_dir.glob("*.cache")))
    if cached != topics:
        raise RuntimeError(f"the cache holds {cached} bundles, not {topics}: warm was not warm")
    return LibraryResult(topics, cold.median_ms, warm.median_ms, cold.runs, warm.runs, warm.cpu_ms)


def run(quick: bool) -> dict[str, Any]:
    """Every measurement, as a JSON-ready dict."""
    runs = QUICK_RUNS if quick else FULL_RUNS
    sizes = QUICK_SIZES if quick else SIZES

    start = time.perf_counter()
    content = importlib.import_module("kiosk.content")
    import_ms = (time.perf_counter() - start) * 1000

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as temporary:
        scratch = Path(temporary)
        no_cache = content.BundleCache(None)
        with_cache = content.BundleCache(scratch / "cache-shipped")

        start = time.perf_counter()
        content.load_bundle(SHIPPED, cache=no_cache)
        first_ms = (time.perf_counter() - start) * 1000

        cold = measure(lambda: content.load_bundle(SHIPPED, cache=no_cache), runs.shipped)
        warm = measure(lambda: content.load_bundle(SHIPPED, cache=with_cache), runs.shipped)

        import yaml  # already imported by kiosk.content

        texts = [path.read_text(encoding="utf-8") for path in sorted(SHIPPED.glob("*.yaml"))]
        parse = measure(
            lambda: [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts], runs.shipped
        )

        libraries = [bench_library(content, topics, runs, scratch) for topics in sizes]

    by_size = {result.topics: result for result in libraries}
    top = by_size[max(sizes)]
    base = by_size[LINEARITY_BASE]
    goal_library = by_size.get(LIBRARY_GOAL_TOPICS)
    goals = [
        Goal(
            f"shipped bundle <= {SHIPPED_GOAL_MS:g} ms (warm)",
            SHIPPED_GOAL_MS,
            warm.median_ms,
            note=f"CPU {warm.cpu_ms:.2f} ms; cold {cold.median_ms:.2f} ms",
        ),
        Goal(
            f"{LIBRARY_GOAL_TOPICS} topics <= {LIBRARY_GOAL_MS:g} ms (warm)",
            LIBRARY_GOAL_MS,
            goal_library.warm_ms if goal_library else None,
            note=f"CPU {goal_library.warm_cpu_ms:.1f} ms" if goal_library else "",
        ),
    ]
    return {
        "python": platform.python_version(),
        "quick": quick,
        "setup": {"import_ms": import_ms, "first_load_ms": first_ms},
        "shipped": {
            "files": len(texts),
            "bytes": sum(len(text.encode()) for text in texts),
            "cold_ms": cold.median_ms,
            "warm_ms": warm.median_ms,
            "warm_cpu_ms": warm.cpu_ms,
            "runs": runs.shipped,
        },
        "reference": {
            "csafeloader_parse_ms": parse.median_ms,
            "cold_over_parse": cold.median_ms / parse.median_ms,
        },
        "libraries": [
            asdict(result)
            | {
                "cold_per_topic_ms": result.cold_per_topic_ms,
                "warm_per_topic_ms": result.warm_per_topic_ms,
            }
            for result in libraries
        ],
        "linearity": {
            "from_topics": base.topics,
            "to_topics": top.topics,
            "cold": top.cold_per_topic_ms / base.cold_per_topic_ms,
            "warm": top.warm_per_topic_ms / base.warm_per_topic_ms,
        },
        "goals": [
            {
                "name": goal.name,
                "limit_ms": goal.limit_ms,
                "measured_ms": goal.measured_ms,
                "status": goal.status,
                "note": goal.note,
            }
            for goal in goals
        ],
    }


def report(results: dict[str, Any]) -> str:
    """The results as a human-readable table."""
    setup, shipped, reference = results["setup"], results["shipped"], results["reference"]
    linearity = results["linearity"]
    runs_text = f"median of {results['libraries'][0]['warm_runs']} runs"
    for row in results["libraries"]:
        if row["cold_runs"] != row["warm_runs"]:
            runs_text += f"; cold at {row['topics']} topics: {row['cold_runs']} (slow)"
    lines = [
        f"kiosk content loader benchmark (Python {results['python']}"
        f"{', --quick' if results['quick'] else ''})",
        "",
        f"one-time import of kiosk.content: {setup['import_ms']:.1f} ms",
        "one-time first load (imports pydantic, builds validators): "
        f"{setup['first_load_ms']:.1f} ms "
        f"({setup['first_load_ms'] - shipped['cold_ms']:.1f} ms over a normal cold load)",
        "",
        f"shipped bundle ({SHIPPED.relative_to(ROOT)}, {shipped['files']} files, "
        f"{shipped['bytes'] / 1024:.1f} KiB), median of {shipped['runs']} runs:",
        f"  cold (no cache: parse + validate) {shipped['cold_ms']:8.2f} ms",
        f"  warm (cache hit)                  {shipped['warm_ms']:8.2f} ms",
        f"  reference: yaml.CSafeLoader parse only {reference['csafeloader_parse_ms']:.2f} ms;"
        f" cold load / parse = {reference['cold_over_parse']:.1f}x",
        "",
        f"libraries (load_library), {runs_text}:",
        f"{'topics':>6} | {'cold ms':>9} | {'warm ms':>9} | {'cold ms/topic':>13} | "
        f"{'warm ms/topic':>13}",
        f"{'-' * 7}+{'-' * 11}+{'-' * 11}+{'-' * 15}+{'-' * 14}",
    ]
    lines += [
        f"{row['topics']:>6} | {row['cold_ms']:>9.1f} | {row['warm_ms']:>9.1f} | "
        f"{row['cold_per_topic_ms']:>13.3f} | {row['warm_per_topic_ms']:>13.3f}"
        for row in results["libraries"]
    ]
    lines += [
        "",
        f"linearity (ms/topic at {linearity['to_topics']} / ms/topic at "
        f"{linearity['from_topics']}; 1.0 = linear): cold {linearity['cold']:.2f}, "
        f"warm {linearity['warm']:.2f}",
        "",
        "goals:",
    ]
    for goal in results["goals"]:
        if goal["measured_ms"] is None:
            lines.append(f"  {goal['status']}  {goal['name']}: not measured with --quick")
            continue
        detail = f"{goal['measured_ms']:.2f} ms" + (f" ({goal['note']})" if goal["note"] else "")
        lines.append(f"  {goal['status']}  {goal['name']}: {detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--quick", action="store_true", help="1, 10 and 100 topics, fewer runs (CI smoke test)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    try:
        results = run(quick=args.quick)
    except Exception as exc:  # any failed load: show it, exit 1
        print(f"bundle_load: a load failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
