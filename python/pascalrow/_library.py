"""Where the C library shipped inside this package lives (for FFI callers)."""
import os
import sys

# The name meson gives a shared_library('pascalrow') on each platform.
_NAMES = {"win32": "pascalrow.dll", "cygwin": "cygpascalrow.dll", "darwin": "libpascalrow.dylib"}


def library_path() -> str:
    """Path of libpascalrow, the C library, as shipped inside this package.

    Load it with ctypes or cffi to call the C API of include/pascalrow.h
    without a compiler, e.g. ``ctypes.CDLL(pascalrow.library_path())``.
    Every function writes into buffers the caller allocates (sizes are
    reported first where they depend on the value), so nothing returned by
    the library needs freeing. Raises FileNotFoundError if the file is
    missing (a build that did not install it).
    """
    name = _NAMES.get(sys.platform, "libpascalrow.so")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"libpascalrow is not installed in this package: {path} is missing")
    return path
