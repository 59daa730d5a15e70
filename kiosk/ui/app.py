"""Start the Qt application (filled in by the kiosk-app issue)."""

from __future__ import annotations

import argparse
import sys


def run_app(args: argparse.Namespace) -> int:
    print("kiosk: the app is not built yet; try 'kiosk validate'", file=sys.stderr)
    return 2
