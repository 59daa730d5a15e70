"""The kiosk's per-user folders (config, cache, state).

Its own module, imported by both the loader and the bundle cache: kept in the loader, it
made an import circle (the loader imports the cache, whose default folder needed the
loader).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

__all__ = ["user_dir"]

_XDG_BASES = {
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
    "state": ("XDG_STATE_HOME", "~/.local/state"),
}


def user_dir(kind: Literal["config", "cache", "state"]) -> Path:
    """The kiosk's per-user config or cache folder, as platformdirs names it.

    On Linux with an absolute ``XDG_CONFIG_HOME`` / ``XDG_CACHE_HOME``, or without one
    and with an absolute HOME, the folder is the XDG one, worked out here: importing
    platformdirs takes longer than loading a cached bundle. Anything else (another
    system, a relative folder) is left to platformdirs.
    """
    variable, default = _XDG_BASES[kind]
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        base = os.environ.get(variable, "")
        if os.path.isabs(base):
            return Path(base, "kiosk")
        if not base.strip() and os.path.isabs(os.environ.get("HOME", "")):
            return Path(os.path.expanduser(default), "kiosk")
    import platformdirs

    found = {
        "config": platformdirs.user_config_dir,
        "cache": platformdirs.user_cache_dir,
        "state": platformdirs.user_state_dir,
    }[kind]
    return Path(found("kiosk", appauthor=False))
