"""The app yields the CPU to training: a job's pace matters more than how fast a page's heavy request finishes.

Linux's nice (elsewhere nothing changes). A heavy handler (`heavy`: the data check on upload and its learn preview,
loading a model to chat, a reply being written) runs in a thread of its own at HEAVY_NICE, so the trainer (nice 0)
comes before it, and so do the app's quick answers (a status poll, a page load). A thread's nice cannot be lowered
again without privileges, hence a fresh thread for each heavy call rather than a pool thread.

Heavy work that is pure Python (the data check) goes further: `apart` runs it in a process of its own at
HEAVY_NICE. A low-priority thread that the kernel preempts while it holds the interpreter's lock (the GIL) stalls
every other thread of the app until it runs again: with the trainer in front of it, a status poll then waited
seconds (bench/RESULTS.md, the load sections: /status p95 5.8 s while a check ran in a thread).

The trainer runs in the app's session, in a process group of its own (runner.launch). Where the kernel shares the
CPU between sessions first (autogroups), that is what makes the nice count: a trainer in a session of its own got
an equal share with the app's whole session, so the app's heavy threads took half the machine from it whatever
their nice (bench/RESULTS.md, the load sections: two busy processes at nice 10 took a third of the CPU from a
trainer in its own session, a tenth from one in the same session).
"""

from __future__ import annotations

import atexit
import os
import threading

_pool = None                      # apart's worker process (one, started on first use, kept for the next call)
_pool_lock = threading.Lock()

HEAVY_NICE = 10  # a heavy handler's thread against the trainer and the app's other threads


def lower_this_thread(nice: int = HEAVY_NICE) -> None:
    """The calling thread (only it: on Linux nice is per thread) runs at `nice` or lower, for the rest of its life."""
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, max(nice, os.getpriority(os.PRIO_PROCESS, tid)))
    except (AttributeError, OSError):
        pass


def heavy(fn, *args, **kwargs):
    """fn(*args, **kwargs) in a fresh thread at HEAVY_NICE; its result, or its exception, here."""
    out: dict = {}

    def run():
        lower_this_thread()
        try:
            out["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # raised again in the caller's thread
            out["error"] = exc

    worker = threading.Thread(target=run, name="autotrain-heavy", daemon=True)
    worker.start()
    worker.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def _lower_process() -> None:
    lower_this_thread()   # the worker's main thread, which runs every call (and starts any thread it uses)


def _close() -> None:
    """At exit, while the modules it needs are still there: the worker is told to stop, nobody waits for it."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def apart(fn, *args, **kwargs):
    """fn(*args, **kwargs) in a worker process at HEAVY_NICE (one process, kept; calls take turns): its result, or
    its exception, here. fn is a module-level function, and its arguments and result pickle. If the worker cannot
    be started or dies, this call runs in a heavy thread instead and the next one starts a new worker."""
    global _pool
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_lower_process)
            atexit.register(_close)
        pool = _pool
    try:
        return pool.submit(fn, *args, **kwargs).result()
    except (BrokenProcessPool, OSError):
        with _pool_lock:
            if _pool is pool:
                _pool = None
        pool.shutdown(wait=False, cancel_futures=True)
        return heavy(fn, *args, **kwargs)
