"""Loads the native module so that its private Arrow C++ stays its own.

Python opens extension modules RTLD_LOCAL, which keeps another Arrow (pyarrow's) out of the
module's sight, unless something loaded that Arrow RTLD_GLOBAL: then the module's Arrow calls
would bind to it, a different version, and crash. RTLD_DEEPBIND makes the module and its private
libraries look in their own scope first. Sanitizer runtimes refuse RTLD_DEEPBIND, so sanitized
processes load the module the default way."""

from __future__ import annotations

import ctypes
import os
import sys


def _sanitized() -> bool:
    process = ctypes.CDLL(None)
    return any(hasattr(process, name) for name in ("__asan_init", "__tsan_init", "__msan_init"))


def load_core() -> None:
    deepbind = getattr(os, "RTLD_DEEPBIND", 0)
    if not deepbind or _sanitized():
        from . import _core  # noqa: F401
        return
    flags = sys.getdlopenflags()
    sys.setdlopenflags(flags | deepbind)
    try:
        from . import _core  # noqa: F401
    finally:
        sys.setdlopenflags(flags)
