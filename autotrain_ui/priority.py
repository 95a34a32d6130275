"""The app yields the CPU to training: a job's pace matters more than how fast a page's heavy request finishes.

Two levels, both Linux's nice (elsewhere nothing changes):

- The app against the trainer (`yield_to_training`, once at start-up, when AUTOTRAIN_APP_NICE is set). Where the
  kernel groups processes by session (autogroups: /proc/self/autogroup exists and the process is in the root CPU
  cgroup), CPU time is shared between sessions first, and a thread's nice counts only inside its session. The
  trainer runs in a session of its own (runner.launch), so the app lowers its own session's weight (APP_NICE), and
  the trainer keeps the default. Without autogroups the app's nice would be inherited by every trainer it starts,
  so it is left alone there.
- A heavy handler against the app's quick answers (`heavy`: the data check on upload, loading a model to chat, a
  reply being written). It runs in a thread of its own at HEAVY_NICE, so a status poll or a page load is answered
  first, and the trainer (nice 0) comes before it too where there are no autogroups. A thread's nice cannot be
  lowered again without privileges, hence a fresh thread for each heavy call rather than a pool thread.
"""

from __future__ import annotations

import contextvars
import os
import threading
from pathlib import Path

# The app's session against a trainer's: AUTOTRAIN_APP_NICE=5 gives the app ~1/3 of a trainer's weight while both
# want the CPU. Off (0) by default: measured on a shared 2-core machine (load average ~20, bench/RESULTS.md), nice 5
# made /status p50 13 s against 55 ms at 0, since every other session there outweighed the app too. Worth setting
# only where the trainer is the app's one neighbour (a Space) and training pace matters more than the page's.
APP_NICE = int(os.environ.get("AUTOTRAIN_APP_NICE", "0") or 0)
HEAVY_NICE = 10  # a heavy handler's thread against the app's other threads


def autogroups() -> bool:
    """Whether the scheduler shares the CPU between sessions here (Linux autogroups, root CPU cgroup)."""
    try:
        if Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() != "1":
            return False
        cgroups = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return False
    cpu = [line.split(":", 2)[2] for line in cgroups if line.split(":")[1] in ("cpu", "cpu,cpuacct", "")]
    return Path("/proc/self/autogroup").exists() and all(path in ("/", "") for path in cpu)


def yield_to_training(nice: int = APP_NICE) -> bool:
    """Lower the app's session below the trainers' (see above); False where nothing was changed."""
    if nice <= 0 or not autogroups():
        return False
    try:
        Path("/proc/self/autogroup").write_text(str(nice))
        return True
    except OSError:
        return False


def lower_this_thread(nice: int = HEAVY_NICE) -> None:
    """The calling thread (only it: on Linux nice is per thread) runs at `nice` or lower, for the rest of its life."""
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, max(nice, os.getpriority(os.PRIO_PROCESS, tid)))
    except (AttributeError, OSError):
        pass


def heavy(fn, *args, **kwargs):
    """fn(*args, **kwargs) in a fresh thread at HEAVY_NICE; its result, or its exception, here. It runs in a copy of
    the caller's context (a new thread starts with an empty one), so what Gradio keeps there for the event, such as
    where a gr.Progress reports, is the caller's."""
    out: dict = {}
    context = contextvars.copy_context()

    def run():
        lower_this_thread()
        try:
            out["value"] = context.run(fn, *args, **kwargs)
        except BaseException as exc:  # raised again in the caller's thread
            out["error"] = exc

    worker = threading.Thread(target=run, name="autotrain-heavy", daemon=True)
    worker.start()
    worker.join()
    if "error" in out:
        raise out["error"]
    return out["value"]
