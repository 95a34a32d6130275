"""The app yields the CPU to training: a job's pace matters more than how fast a page's heavy request finishes.

Linux's nice (elsewhere nothing changes). A heavy handler (`heavy`: the data check on upload and its learn preview,
loading a model to chat, a reply being written) runs in a thread of its own at HEAVY_NICE, so the trainer (nice 0)
comes before it, and so do the app's quick answers (a status poll, a page load). A thread's nice cannot be lowered
again without privileges, hence a fresh thread for each heavy call rather than a pool thread.

The trainer runs in the app's session, in a process group of its own (runner.launch). Where the kernel shares the
CPU between sessions first (autogroups), that is what makes the nice count: a trainer in a session of its own got
an equal share with the app's whole session, so the app's heavy threads took half the machine from it whatever
their nice (bench/RESULTS.md, the load sections: two busy processes at nice 10 took a third of the CPU from a
trainer in its own session, a tenth from one in the same session).
"""

from __future__ import annotations

import os
import threading

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
