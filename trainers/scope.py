"""Everything one training run changes in its process, in one place, and undone when the run ends.

A run (trainers/__main__.py) is `with run_scope() as run: ...`. Inside it: a SIGTERM handler that asks the run to
stop at its next step, the run's own state (`run.cancelled`, `run.timeline`), the environment variables the
trackers read (training_kwargs sets them for this run's project folder), and, on a CPU, transformers' "sdpa"
attention function swapped for the per-packed-row one (trainers/speed.py). When the block ends, however it ends,
the handler, the environment and the attention registry are as they were before, so a second run in the same
process (the tests run many) starts from a clean slate and a test process is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Run:
    cancelled: bool = False                                     # SIGTERM, or PROJECT/CANCEL seen at a step's end
    timeline: dict[str, float] = field(default_factory=dict)    # stage -> time.time(), for run_info.json


_current = Run()  # outside any run_scope (a trainer a test builds by hand): one Run for the process


def current() -> Run:
    """The run in progress."""
    return _current


def mark(stage: str, when: float | None = None) -> None:
    """When a stage of the run's start was reached (the first time only)."""
    _current.timeline.setdefault(stage, time.time() if when is None else when)


@contextlib.contextmanager
def run_scope():
    global _current
    env = dict(os.environ)
    main_thread = threading.current_thread() is threading.main_thread()  # signals can only be set from there
    handler = signal.getsignal(signal.SIGTERM) if main_thread else None
    run, previous = Run(), _current
    _current = run

    def on_sigterm(*_):
        run.cancelled = True  # the metrics callback stops and saves at the next step end

    if main_thread:
        signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield run
    finally:
        from trainers import speed

        speed.uninstall()
        if main_thread:
            signal.signal(signal.SIGTERM, handler)
        os.environ.clear()
        os.environ.update(env)
        _current = previous
