"""Settings for a batch run's processes (the CLI only, never the library): memory that is
reused from chunk to chunk.

A batch run allocates and frees the same few hundred megabytes for every chunk. By default
both allocators hand that memory back to the system between chunks (Arrow's mimalloc purges
freed pages, glibc unmaps every block over 128 KB), so each chunk pays again for fresh
zeroed pages: about a third of a worker's CPU time went to the kernel. Here Arrow allocates
through glibc's malloc, which is told to keep big blocks in its heap and reuse them: the
same peak, a fraction of the page faults. Forked workers inherit both settings.
"""

from __future__ import annotations

import ctypes
import sys

_M_TRIM_THRESHOLD = -1  # glibc mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
KEEP_BYTES = 256 << 20  # blocks up to this size come from the heap, and it keeps this much

_done = False
_kept = False


def keep_freed_memory() -> bool:
    """glibc's malloc told to keep big blocks in its heap and reuse them (once; no Arrow, so
    the full-result path can use it without importing pyarrow). False where it does not
    apply (not glibc)."""
    global _kept
    if _kept:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # another C library (musl): leave its defaults
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    _kept = bool(mallopt(_M_MMAP_THRESHOLD, KEEP_BYTES) and mallopt(_M_TRIM_THRESHOLD, KEEP_BYTES))
    return _kept


def reuse_memory() -> bool:
    """Tune this process for a batch run (once); False where it does not apply (not glibc)."""
    global _done
    if _done:
        return True
    if not keep_freed_memory():
        return False
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    _done = True
    return True


def prepare() -> None:
    """Before a batch run reads anything (its workers inherit the settings). The objects made
    so far (the knowledge base, modules) live as long as the run: frozen, the garbage collector
    stops walking them on every full pass, in this process and in forked workers, where each
    walk would also copy the pages it touches."""
    import gc

    reuse_memory()
    gc.freeze()  # no collection first: it would cost more start-up than the garbage it frees
