"""Warm starts: a CPU run forked from a process that has already loaded the training libraries (trainers/warm.py),
rather than a new interpreter importing torch, transformers, peft and TRL again for each run (about 4.5 CPU-s and
as many seconds on 2 cores: bench/bench_launch.py).

One warm process per app (or CLI) process, started with the first run and kept for the next ones while the
environment stays the same; another environment gets a new one (the old one ends once its runs have). A run forked
from it is what runner.launch would start otherwise: its own process group, the same cwd, log, stdin and
environment (tests/test_warm_start.py compares the two). runner.launch asks here only for one process on a machine
with no GPU (a process that has touched CUDA cannot be forked); where a warm start cannot be had, start() returns
None and the runner starts the process itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PER_RUN = {"HF_TOKEN"}   # may differ from run to run: read when used, never while the libraries load
READY_TIMEOUT_S = 600    # the first load on a busy 2-core machine


class WarmRun:
    """A run forked by the warm process: the part of subprocess.Popen the app and the CLI use."""

    def __init__(self, starter: "Starter", pid: int):
        self.pid, self.returncode, self._starter = pid, None, starter

    def poll(self) -> int | None:
        if self.returncode is None:
            self._starter.drain(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(["trainers.warm", str(self.pid)], timeout)
            self._starter.drain(0.2)
        return self.returncode


class Starter:
    """One warm process and the runs it forked."""

    def __init__(self, env: dict[str, str], alive):
        self.env, self.alive, self.runs, self.gone, self.retired = env, alive, {}, False, False
        self._lock, self._pending = threading.RLock(), b""
        ours, theirs = socket.socketpair()
        self.proc = subprocess.Popen([sys.executable, "-m", "trainers.warm", str(theirs.fileno())],
                                     pass_fds=(theirs.fileno(),), cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL)
        theirs.close()
        self.sock = ours
        said = self._next("ready", "unfit", timeout=READY_TIMEOUT_S)
        self.unfit = None if said and "ready" in said else (said or {}).get("unfit", "it did not start")
        if self.unfit is not None:
            print(f"warm start: off ({self.unfit}); each run starts its own process", flush=True)
            self.close()

    def start(self, args: list[str], cwd: Path, log: Path, env: dict[str, str]) -> WarmRun | None:
        with self._lock:
            if self.gone:
                return None
            try:
                self.sock.sendall((json.dumps({"args": args, "cwd": str(cwd), "log": str(log), "env": env})
                                   + "\n").encode())
            except OSError:
                self.close()
                return None
            said = self._next("started", timeout=60)
            if not said:
                return None
            run = self.runs[said["started"]] = WarmRun(self, said["started"])
            return run

    def drain(self, timeout: float) -> None:
        """Take in what the warm process said: the runs that ended, with their exit codes."""
        with self._lock:
            self._next(timeout=timeout)

    def _next(self, *kinds: str, timeout: float) -> dict | None:
        """Read messages (exit codes are recorded as they come) until one of `kinds` or the timeout (with no kinds:
        what is there by then). None when the process has gone or said nothing of those kinds in time."""
        deadline = time.monotonic() + timeout
        while not self.gone:
            while b"\n" in self._pending:
                line, self._pending = self._pending.split(b"\n", 1)
                said = json.loads(line)
                if "exit" in said and said["exit"] in self.runs:
                    self.runs.pop(said["exit"]).returncode = said["code"]
                elif any(kind in said for kind in kinds):
                    return said
            if self.retired and not self.runs:
                self.close()
                return None
            left = deadline - time.monotonic()
            if not select.select([self.sock], [], [], max(left, 0))[0]:
                if left <= 0:
                    return None
                continue
            data = self.sock.recv(1 << 16)
            if not data:
                self._lost()
                return None
            self._pending += data
        return None

    def _lost(self) -> None:
        """The warm process ended (killed): its runs go on, orphaned, and their exit codes are lost with it. Each is
        given -1 once its process group is gone (its status.json says how it ended)."""
        self.close()
        for pid in [pid for pid in self.runs if not self.alive(pid)]:
            self.runs.pop(pid).returncode = -1
        if self.runs:
            threading.Thread(target=self._watch_orphans, daemon=True).start()

    def _watch_orphans(self) -> None:
        while self.runs:
            time.sleep(0.5)
            for pid in [pid for pid in self.runs if not self.alive(pid)]:
                self.runs.pop(pid).returncode = -1

    def retire(self) -> None:
        """Start no more runs; end the warm process once its runs have ended."""
        with self._lock:
            self.retired = True
            if not self.runs:
                self.close()

    def close(self) -> None:
        self.gone = True
        with contextlib.suppress(OSError):
            self.sock.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)  # it ends as soon as it reads the end of the socket


_lock = threading.Lock()
_current: Starter | None = None


def start(args: list[str], cwd: Path, log: Path, env: dict[str, str], alive) -> WarmRun | None:
    """The run `python -m trainers ARGS`, forked by this process's warm process, or None where there can be none.
    `alive(pid)`: whether a run's process group still lives (runner.group_alive), asked only if the warm process
    is killed and its runs' exit codes are lost with it."""
    global _current
    if not hasattr(os, "fork") or not Path("/proc/self/task").is_dir():
        return None
    shared = {k: v for k, v in env.items() if k not in PER_RUN}
    with _lock:
        if _current is not None and (_current.env != shared or (_current.gone and _current.unfit is None)):
            _current.retire()  # another environment, or the process was killed: a new one
            _current = None
        if _current is None:
            _current = Starter(shared, alive)
        return _current.start(args, cwd, log, env)
