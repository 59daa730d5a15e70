"""Thin entry point: ``python main.py`` is the same as the ``kiosk`` command."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
