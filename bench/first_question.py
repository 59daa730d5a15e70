"""Benchmark the first question after start-up, with and without the background build.

The question box's index is built the first time it is needed in a process: a few
tenths of a second for the shipped topic, seconds for a library of hundreds. The app
builds it in a background thread soon after start-up (``kiosk.search.prepare``,
``WindowOptions.prepare_search_ms``), so the first visitor's first question takes a
copy of it instead of waiting. This measures, on a generated library of ``--topics``
topics (copies of the shipped topic, see ``tests/library.py``), each case in a
fresh process (no word lists, index or bytecode of another case kept):

- ``cold``: the kiosk window with the background build off; the time from
  ``AskScreen.ask()`` to its return for the first question (the real screen: the index
  built, the question answered, the answers laid out);
- ``prepared``: the same window with the background build on; the time the build took
  in its thread; then the same first question, timed the same way;
- while the background build runs, how late a 10 ms ``QTimer`` fires (the event loop's
  responsiveness: touches and repaints wait as long), against the same timer with
  nothing running, for as long, in the same process before the build. Figures are the
  median, 95th percentile and largest lateness.

Ratios: the first question's wait, prepared / cold (goal: the prepared question within
a warm per-visit build's time, and far below cold); lateness during the build / idle.
The load average is printed: on a machine shared with others, read figures with it.

    .venv/bin/python bench/first_question.py              # 500 topics
    .venv/bin/python bench/first_question.py --topics 100 --json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "do water pills cause cramps"
TICK_MS = 10


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _lateness(ticks: list[float]) -> dict[str, float]:
    late = [max(0.0, (b - a) * 1000 - TICK_MS) for a, b in itertools.pairwise(ticks)]
    if not late:
        return {"median_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0, "ticks": 0}
    return {
        "median_ms": statistics.median(late),
        "p95_ms": _percentile(late, 0.95),
        "max_ms": max(late),
        "ticks": len(late),
    }


def child(case: str, root: Path) -> dict[str, Any]:
    """One case, in this (fresh) process; returns its figures."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer

    from kiosk.settings import Settings
    from kiosk.ui.app import build_window, load_kiosk_content, make_application
    from kiosk.ui.ask_screen import AskScreen

    app = make_application()
    settings = Settings()
    content = load_kiosk_content(root, settings, kiosk=True)
    window = build_window(
        settings,
        content,
        kiosk=True,
        root=root,
        speech_engine="mock",
        prepare_search_ms=None,  # started by hand below, once the idle baseline is taken
    )
    window.resize(1280, 800)
    window.show()
    for _ in range(5):
        app.processEvents()
    result: dict[str, Any] = {"case": case, "topics": len(window.context.topics)}

    def tick_while(busy: Any, seconds: float | None = None) -> list[float]:
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        end = time.perf_counter() + seconds if seconds is not None else None
        while (end is not None and time.perf_counter() < end) or (end is None and busy()):
            app.processEvents()
            time.sleep(0.0005)
        timer.stop()
        return ticks

    if case == "prepared":
        started = time.perf_counter()
        thread = window.context.prepare_search()
        assert thread is not None
        busy_ticks = tick_while(thread.is_alive)
        thread.join()
        result["build_ms"] = (time.perf_counter() - started) * 1000
        result["during_build"] = _lateness(busy_ticks)
        result["idle"] = _lateness(tick_while(None, seconds=min(result["build_ms"] / 1000, 5)))
    window.go("topic")
    window.ask_question()
    screen = window.screens["ask"]
    assert isinstance(screen, AskScreen)
    screen.edit.setText(QUESTION)
    started = time.perf_counter()
    screen.ask()
    result["first_question_ms"] = (time.perf_counter() - started) * 1000
    found = screen.results
    result["answered"] = bool(found is not None and found.answered)
    # a later question (the index ready either way), for context
    screen.edit.setText("what is a cramp")
    started = time.perf_counter()
    screen.ask()
    result["second_question_ms"] = (time.perf_counter() - started) * 1000
    window.allow_close = True
    window.close()
    app.processEvents()
    return result


def run(topics: int) -> dict[str, Any]:
    from tests.library import SHIPPED_TOPIC, make_library

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as temp:
        root = make_library(Path(temp) / "content", topics, source=SHIPPED_TOPIC)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for name in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            env[name] = temp
        # fill the content cache, so that both cases load the library warm
        subprocess.run(
            [sys.executable, "-m", "kiosk", "validate", "--content", str(root)],
            env=env,
            capture_output=True,
            check=False,
        )
        cases = {}
        for case in ("cold", "prepared"):
            done = subprocess.run(
                [sys.executable, __file__, "--child", case, "--root", str(root)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise SystemExit(f"{case} failed:\n{done.stderr}")
            cases[case] = json.loads(done.stdout.strip().splitlines()[-1])
    return {"topics": topics, "load": os.getloadavg(), **cases}


def report(results: dict[str, Any]) -> str:
    cold, prepared = results["cold"], results["prepared"]
    busy, idle = prepared["during_build"], prepared["idle"]
    ratio = prepared["first_question_ms"] / cold["first_question_ms"]
    lines = [
        f"first question after start-up, {results['topics']} topics "
        f"(load {results['load'][0]:.2f})",
        f"  cold (no background build):  {cold['first_question_ms']:8.1f} ms"
        f"   (a second question: {cold['second_question_ms']:.1f} ms)",
        f"  prepared in the background:  {prepared['first_question_ms']:8.1f} ms"
        f"   (a second question: {prepared['second_question_ms']:.1f} ms)",
        f"  prepared / cold: {ratio:.3f}x; the background build took {prepared['build_ms']:.0f} ms",
        f"  event loop lateness of a {TICK_MS} ms timer, median / p95 / max:",
        f"    during the build: {busy['median_ms']:.1f} / {busy['p95_ms']:.1f} / "
        f"{busy['max_ms']:.1f} ms ({busy['ticks']} ticks)",
        f"    idle:             {idle['median_ms']:.1f} / {idle['p95_ms']:.1f} / "
        f"{idle['max_ms']:.1f} ms ({idle['ticks']} ticks)",
        f"  answered: cold {cold['answered']}, prepared {prepared['answered']}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.root)))
        return 0
    sys.path.insert(0, str(ROOT))
    results = run(args.topics)
    print(json.dumps(results, indent=2) if args.json else report(results))
    ok = results["cold"]["answered"] and results["prepared"]["answered"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
