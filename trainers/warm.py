"""`python -m trainers.warm FD`: a process that loads the training libraries once and forks one run per request, so
a CPU run starts without importing torch, transformers, peft and TRL again (autotrain_ui/warm_start.py starts it,
one per app or CLI process, and speaks to it over the socket FD).

The socket carries one JSON object per line. This process says {"ready": pid} once the libraries are loaded, or
{"unfit": why} and exits where forking could not give a run what a fresh process gets. For each {"args", "cwd",
"log", "env"} it forks; the child becomes what `python -m trainers ARGS` started by runner.launch would be (its own
process group, cwd, stdout and stderr appended to the log, stdin empty, exactly that environment) and exits through
the interpreter's usual end, as that process does. This process answers {"started": pid} and, when the run ends,
{"exit": pid, "code": exit code}. It ends when the other side closes the socket; runs it started go on.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys


def load() -> str | None:
    """Import what every run imports first; None, or why a fork of this process would not be a fresh run's equal."""
    import trainers.__main__  # noqa: F401
    import trainers.run  # noqa: F401  (torch, transformers, peft)
    import trl  # noqa: F401

    import torch

    if torch.cuda.is_initialized():
        return "CUDA was initialised while loading (a forked child cannot use it)"
    # torch's import leaves an idle native thread, pyarrow's allocator one more: both libraries are made to survive
    # a fork (the DataLoader's forked workers rely on it). A Python thread would hold the interpreter's locks.
    import threading

    if threading.active_count() != 1:
        return f"{threading.active_count()} Python threads are running"
    return None


def _send(sock: socket.socket, message: dict) -> None:
    sock.sendall((json.dumps(message) + "\n").encode())


def serve(sock: socket.socket) -> dict | None:
    """Fork a run per request. Returns the request in each forked child (which then becomes the run), None here once
    the other side has gone."""
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so the wake-up fd hears of each child's end
    signal.set_wakeup_fd(wake_w)
    pending = b""
    while True:
        readable, _, _ = select.select([sock, wake_r], [], [])
        if wake_r in readable:
            os.read(wake_r, 4096)
        _reap(sock)
        if sock not in readable:
            continue
        data = sock.recv(1 << 20)
        if not data:
            return None
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                for fd in (wake_r, wake_w):
                    os.close(fd)
                sock.close()
                return request
            try:
                os.setpgid(pid, pid)  # as the child does first: its group exists before the app hears its number
            except (PermissionError, ProcessLookupError):
                pass  # the child got there first, or has already ended
            _send(sock, {"started": pid})


def _reap(sock: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _send(sock, {"exit": pid, "code": os.waitstatus_to_exitcode(status)})


def become(request: dict, set_by_imports: dict[str, str]) -> list[str]:
    """In the forked child: the process runner.launch would have started (subprocess.Popen with process_group=0,
    cwd, stdout and stderr appended to train.log, stdin from /dev/null, env), with what the libraries' imports put
    in the environment of a fresh process. Returns the trainer's arguments."""
    os.setpgid(0, 0)
    log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    empty = os.open(os.devnull, os.O_RDONLY)
    os.dup2(empty, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.close(empty)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for name, value in set_by_imports.items():
        os.environ.setdefault(name, value)
    import trainers.__main__ as entry

    sys.argv = [entry.__file__, *request["args"]]
    return list(request["args"])


def describe(path: str) -> None:
    """What a run sees of its process, written to `path` as JSON (after loading what a run loads first): how
    tests/test_warm_start.py compares a forked run with a process started afresh."""
    load()
    fds = {str(fd): os.readlink(f"/proc/self/fd/{fd}") for fd in (0, 1, 2)}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"environ": dict(os.environ), "cwd": os.getcwd(), "argv": sys.argv[1:], "fds": fds,
                   "group_leader": os.getpgid(0) == os.getpid(), "session": os.getsid(0)}, fh)


if __name__ == "__main__":
    if sys.argv[1] == "--describe":  # started afresh, as the runner starts a run
        describe(sys.argv[2])
        sys.exit(0)
    channel = socket.socket(fileno=int(sys.argv[1]))
    environ = dict(os.environ)
    unfit = load()
    if unfit is not None:
        _send(channel, {"unfit": unfit})
        sys.exit(0)
    _send(channel, {"ready": os.getpid()})
    asked = serve(channel)
    if asked is None:
        sys.exit(0)
    args = become(asked, {k: v for k, v in os.environ.items() if environ.get(k) != v})
    if args[:1] == ["--describe"]:
        describe(args[1])
        sys.exit(0)
    from trainers.__main__ import main

    sys.exit(main(args, own_process=True))
