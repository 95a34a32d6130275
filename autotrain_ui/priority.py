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
import contextvars
import itertools
import os
import threading

_pool = None                      # apart's worker process (one, started on first use, kept for the next call)
_pool_lock = threading.Lock()
_calls = itertools.count()
_listeners: dict = {}             # apart's progress: call id -> (the caller's listener, its context)
_worker_queue = None              # in the worker: where a Teller puts (call id, fraction, key) for the app to hear

HEAVY_NICE = 10  # a heavy handler's thread against the trainer and the app's other threads


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


def _start_worker(queue) -> None:
    global _worker_queue
    lower_this_thread()   # the worker's main thread, which runs every call (and starts any thread it uses)
    _worker_queue = queue


class Teller:
    """A progress callback that crosses into the app: `apart(fn, ..., progress=listener)` hands fn one in place of
    the listener (it pickles), and what fn tells it reaches the listener in the caller's context."""

    def __init__(self, call: int):
        self.call = call

    def __call__(self, fraction: float, key: str) -> None:
        if _worker_queue is not None:
            _worker_queue.put((self.call, fraction, key))


def _run_telling(call: int, fn, *args, **kwargs):
    """In the worker: fn, then word that it ended, so the app has heard all it told before the call returns."""
    try:
        return fn(*args, **kwargs)
    finally:
        _worker_queue.put((call, None, None))


def _hear(queue) -> None:
    """The app's side: what a Teller said, to its call's listener, in that caller's context."""
    while True:
        call, fraction, key = queue.get()
        listener = _listeners.get(call)
        if listener is not None and fraction is None:
            listener[2].set()       # the call ended: everything it told came before this
        elif listener is not None:
            try:
                listener[1].run(listener[0], fraction, key)
            except Exception:  # a page that went away: progress is not worth failing the call for
                pass


def _close() -> None:
    """At exit, while the modules it needs are still there: the worker is told to stop, nobody waits for it."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def apart(fn, *args, listener=None, **kwargs):
    """fn(*args, **kwargs) in a worker process at HEAVY_NICE (one process, kept; calls take turns): its result, or
    its exception, here. fn is a module-level function, and its arguments and result pickle. `listener`: a progress
    callback (fraction, key) found among args or kwargs, which fn calls as it goes: fn gets a Teller in its place,
    and the listener hears it in the caller's context (a gr.Progress). If the worker cannot be started or dies, this
    call runs in a heavy thread instead (with the listener itself) and the next call starts a new worker."""
    global _pool
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with _pool_lock:
        if _pool is None:
            context = multiprocessing.get_context("spawn")
            queue = context.Queue()
            _pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker, initargs=(queue,))
            threading.Thread(target=_hear, args=(queue,), name="autotrain-heard", daemon=True).start()
            atexit.register(_close)
        pool = _pool
    call = next(_calls)

    def swap(value):
        return Teller(call) if listener is not None and value is listener else value

    if listener is not None:
        _listeners[call] = (listener, contextvars.copy_context(), threading.Event())
    try:
        if listener is None:
            return pool.submit(fn, *args, **kwargs).result()
        result = pool.submit(_run_telling, call, fn, *map(swap, args), **{k: swap(v) for k, v in kwargs.items()})
        value = result.result()
        _listeners[call][2].wait(5)
        return value
    except (BrokenProcessPool, OSError):
        with _pool_lock:
            if _pool is pool:
                _pool = None
        pool.shutdown(wait=False, cancel_futures=True)
        return heavy(fn, *args, **kwargs)
    finally:
        _listeners.pop(call, None)
