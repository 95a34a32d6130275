"""Project folders and the training subprocess: the one launch both the CLI and the app use.

A project folder holds config.json (never a token), the data as files under data/, and, once the run
starts, train.log (the subprocess's stdout+stderr), events.jsonl, error.json on failure, and model/.
The subprocess runs `accelerate launch ... -m trainers --config PROJECT/config.json` in its own process
group, so a cancel reaches every rank and nothing is left behind. One process on one machine starts
`python -m trainers` itself, with the environment accelerate's launcher would give it (one_process_env).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from autotrain_ui.core import gpu
from autotrain_ui.core.i18n import message
from autotrain_ui.core.jsonfile import read_json
from autotrain_ui.core.params import LLMParams

REPO_ROOT = Path(__file__).resolve().parents[1]


class ProjectError(Exception):
    """The project folder cannot be made; the message says why and what to do."""


def project_folder(root: str | Path, name: str) -> Path:
    """ROOT/name, refusing anything that would land outside ROOT."""
    root = Path(root).resolve()
    folder = (root / name).resolve()
    if folder.parent != root:
        raise ProjectError(message("project.outside", name=name, root=str(root)))
    return folder


def create_project(root: str | Path, params: LLMParams, data_files: dict[str, Path]) -> Path:
    """Make ROOT/<project_name>/ with config.json and a copy of the data (split name -> file)."""
    folder = project_folder(root, params.project_name)
    if folder.exists() and any(folder.iterdir()):
        raise ProjectError(message("project.exists", folder=str(folder)))
    made = not folder.exists()
    try:
        (folder / "data").mkdir(parents=True, exist_ok=True)
        for split, src in data_files.items():
            shutil.copyfile(src, folder / "data" / f"{split}{Path(src).suffix.lower()}")
        # a Hub dataset stays where it is: the run loads its split at the commit config.json records
        config = LLMParams.from_dict({**params.to_dict(), "data_path": "data"}) if data_files else params
        config.save(folder / "config.json")
    except OSError as exc:
        remove_project(folder, made)  # no half-made project is left behind
        raise ProjectError(_write_failure(folder, exc, data_files)) from exc
    return folder


def remove_project(folder: Path, made: bool = True) -> None:
    """Undo create_project: the folder if it made it, else what it put in the (empty) folder it found."""
    if made:
        shutil.rmtree(folder, ignore_errors=True)
        return
    shutil.rmtree(folder / "data", ignore_errors=True)
    (folder / "config.json").unlink(missing_ok=True)


def _write_failure(folder: Path, exc: OSError, data_files: dict[str, Path]):
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        size = sum(Path(p).stat().st_size for p in data_files.values() if Path(p).exists())
        return message("project.disk_full", root=str(folder.parent), name=folder.name, mb=f"{size / 2**20:.1f}")
    return message("project.unwritable", root=str(folder.parent), name=folder.name,
                   reason=exc.strerror or type(exc).__name__)


DISTRIBUTED_FLAGS = {
    # the model split across GPUs, whole transformer blocks at a time; checkpoints gathered into one file
    "fsdp": ["--use_fsdp", "--fsdp_version", "2", "--fsdp_auto_wrap_policy", "TRANSFORMER_BASED_WRAP",
             "--fsdp_reshard_after_forward", "true", "--fsdp_state_dict_type", "FULL_STATE_DICT",
             "--fsdp_cpu_ram_efficient_loading", "true"],
    "deepspeed": ["--use_deepspeed", "--zero_stage", "3", "--zero3_init_flag", "true",
                  "--offload_optimizer_device", "none"],
}


def distributed_flags(backend: str | None, processes: int) -> list[str]:
    if processes <= 1:
        return []
    return DISTRIBUTED_FLAGS.get(backend or "ddp", ["--multi_gpu"])


@dataclass(frozen=True)
class Machines:
    """Where one run's processes are: `count` machines, this one numbered `rank`, machine 0 at ip:port. Each machine
    runs the same command with its own rank (README: Several machines)."""
    count: int = 1
    rank: int = 0
    ip: str | None = None
    port: int | None = None

    @classmethod
    def of(cls, params: LLMParams) -> "Machines":
        return cls(params.num_machines, params.machine_rank, params.main_process_ip, params.main_process_port)

    def flags(self) -> list[str]:
        flags = ["--num_machines", str(self.count)]
        if self.count > 1:
            flags += ["--machine_rank", str(self.rank), "--main_process_ip", str(self.ip),
                      "--main_process_port", str(self.port or 29500)]
        return flags


def accelerate_config_file(environ=os.environ) -> Path | None:
    """The default config `accelerate config` writes, where there is one (accelerate's commands/config/config_args.py
    looks in the same places): `accelerate launch` reads it, except with --cpu."""
    home = Path(os.path.expanduser(environ.get("HF_HOME", os.path.join(environ.get("XDG_CACHE_HOME", "~/.cache"),
                                                                       "huggingface"))))
    return next((f for f in (home / "accelerate" / "default_config.yaml", home / "accelerate" / "default_config.json")
                 if f.is_file()), None)


def _env_int(environ, names: tuple[str, ...], default: int) -> int:
    """accelerate's get_int_from_env: the first of `names` set to a number >= 0, else `default`."""
    for name in names:
        with contextlib.suppress(ValueError):
            if (value := int(environ.get(name, -1))) >= 0:
                return value
    return default


def one_process_env(cpu: bool, environ=os.environ) -> dict[str, str]:
    """What `accelerate launch --num_machines 1 --mixed_precision no --dynamo_backend no [--cpu] --num_processes 1`
    adds to the environment of the one process it starts (accelerate's prepare_simple_launcher_cmd_env, with its
    rule for the thread count). Started with these, the trainer runs as it would under the launcher, without the
    launcher's own interpreter, which imports torch only to start it and wait (2.3 CPU-s and 2.2 s of start-up a
    run: bench/bench_launch.py). tests/test_launch.py compares the two environments."""
    threads = _env_int(environ, ("OMP_NUM_THREADS",), 1)
    if cpu and _env_int(environ, ("OMP_NUM_THREADS",), 0) == 0:
        import psutil

        local = _env_int(environ, ("MPI_LOCALNRANKS", "OMPI_COMM_WORLD_LOCAL_SIZE", "MV2_COMM_WORLD_LOCAL_SIZE"), 1)
        per_process = int((psutil.cpu_count(logical=False) or 1) / local)
        threads = per_process if per_process > 1 else threads
    env = {"ACCELERATE_USE_CPU": str(cpu), "ACCELERATE_MIXED_PRECISION": "no", "ACCELERATE_DYNAMO_BACKEND": "NO",
           "ACCELERATE_DYNAMO_MODE": "default", "ACCELERATE_DYNAMO_USE_FULLGRAPH": "False",
           "ACCELERATE_DYNAMO_USE_REGIONAL_COMPILATION": "False", "OMP_NUM_THREADS": str(threads)}
    if cpu:
        env.update(KMP_AFFINITY="granularity=fine,compact,1,0", KMP_BLOCKTIME="1")
    return env


def launch_plan(project_dir: Path, num_processes: int | None = None, resume: bool = False,
                gpus: int | None = None, machines: Machines = Machines(),
                environ=os.environ) -> tuple[list[str], dict[str, str]]:
    """The command that starts the run, and what it adds to the environment.

    `num_processes` counts every machine's processes (accelerate's meaning); by default there is one per GPU of
    every machine, or one per machine with no GPU. Several processes go through `accelerate launch` and use the
    run's engine (DDP, FSDP or DeepSpeed, as its config says); with no GPU they talk through gloo. One process on one
    machine starts `python -m trainers` itself with one_process_env, unless an accelerate config file would change
    what the launcher does on a GPU (accelerate ignores it with --cpu): then it goes through the launcher too."""
    gpus = gpu.gpu_count() if gpus is None else gpus
    n = num_processes or max(gpus, 1) * machines.count
    run = ["-m", "trainers", "--config", str(Path(project_dir) / "config.json")] + (["--resume"] if resume else [])
    if n == 1 and machines.count == 1 and (gpus <= 0 or accelerate_config_file(environ) is None):
        return [sys.executable, *run], one_process_env(gpus <= 0, environ)
    backend = LLMParams.load(Path(project_dir) / "config.json").distributed_backend if n > 1 else None
    return accelerate_launch(n, gpus, machines, backend) + run, {}


def accelerate_launch(n: int, gpus: int, machines: Machines = Machines(), backend: str | None = None) -> list[str]:
    """`accelerate launch` and its flags for `n` processes in all, up to the program it starts."""
    cmd = [sys.executable, "-m", "accelerate.commands.launch", *machines.flags(), "--mixed_precision", "no",
           "--dynamo_backend", "no"]
    if n == 1:
        return cmd + (["--cpu"] if gpus <= 0 else []) + ["--num_processes", "1"]
    # one machine: its processes meet on a port accelerate finds free (0), not its fixed 29500, which a second run
    # on the machine (a CLI run beside the app's, two at once in the tests) held a moment after the check: EADDRINUSE
    port = ["--main_process_port", "0"] if machines.count == 1 else []
    return cmd + port + ["--num_processes", str(n), *distributed_flags(backend, n)]


def child_env(token: str | None = None) -> dict:
    """The subprocess environment: the token travels here and nowhere else (never argv, never a file)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    if token:
        env["HF_TOKEN"] = token
    return env


def launch(project_dir: Path, token: str | None = None, num_processes: int | None = None,
           resume: bool = False, machines: Machines = Machines()) -> subprocess.Popen:
    """Start the run in its own process group, stdout+stderr into PROJECT/train.log (never an undrained pipe).

    The group is its own (cancel signals all of it and nothing else; it outlives the app, which only waits on it),
    but the session is the app's: where Linux shares the CPU between sessions first (autogroups), a trainer in a
    session of its own would get no more than an equal share with the app's, whatever the app's threads' nice. In
    the app's session the app's heavy handlers (data check, chat, at priority.HEAVY_NICE) yield to it."""
    project_dir = Path(project_dir)
    env = child_env(token)
    cmd, added = launch_plan(project_dir, num_processes, resume, machines=machines, environ=env)
    log = open(project_dir / "train.log", "ab")
    try:
        return subprocess.Popen(cmd, cwd=project_dir, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env | added, process_group=0)
    finally:
        log.close()


CAN_IDENTIFY = Path("/proc/self/stat").exists()   # where a process's start time can be read (Linux)


def _stat(pid: int) -> tuple[str, int, str] | None:
    """(state, process group, start time) of a process, from /proc/<pid>/stat; None when there is none."""
    try:
        stat = Path(f"/proc/{int(pid)}/stat").read_text()
    except (OSError, ValueError):
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return fields[0], int(fields[2]), fields[19]


def _boot() -> str:
    return Path("/proc/sys/kernel/random/boot_id").read_text().strip()


def process_start(pid: int) -> str | None:
    """Which process holds this number now: the boot it runs in and its start time (clock ticks after boot,
    /proc/<pid>/stat field 22). A number the kernel handed out again gives another value. None when no process has
    the number, or where there is no /proc."""
    found = _stat(pid) if CAN_IDENTIFY else None
    return f"{_boot()}:{found[2]}" if found else None


def _members(pgid: int) -> list[int]:
    """The processes of the group that are more than zombies (exited, and nobody reaped them yet)."""
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()
            and (found := _stat(entry.name)) and found[1] == pgid and found[0] != "Z"]


def _members_alive(pgid: int) -> bool:
    return bool(_members(pgid))


def group_alive(pgid: int, start: str | None = None) -> bool:
    """Whether the process group `pgid` still has a process. With `start` (process_start() of the group's leader when
    it was launched, as the registry stores it) only that very group counts: a number reused after a restart (another
    program's group) is not ours. While the leader lives its start time must match; once it is gone (or a zombie
    nobody reaps, as after the app that launched it died), the group lives while any member does: the kernel gives
    its number to no one while processes of its group remain."""
    if start is not None and CAN_IDENTIFY:
        leader = _stat(pgid)
        if leader is not None and f"{_boot()}:{leader[2]}" != start:
            return False
        if leader is not None and leader[0] != "Z":
            return True
        return _boot() == start.split(":")[0] and _members_alive(pgid)
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _signal(pgid: int, sig: int, start: str | None) -> bool:
    """Signal the group, only while it is still the one that was launched; False when it is gone."""
    if start is not None and not group_alive(pgid, start):
        return False
    try:
        os.killpg(pgid, sig)
        return True
    except ProcessLookupError:
        return False


def _ask_the_ranks(pgid: int, start: str | None) -> bool:
    """SIGTERM to the group's processes other than an `accelerate launch` launcher at its head, so the ranks stop
    at their next step and finish saving: the launcher, signalled itself, kills its children 5 s later whatever they
    are doing (a cancelled run then lost its status.json mid-save). The launcher exits once they have. A trainer
    started directly (one process) heads its group itself, and the whole group is signalled, as it is where /proc
    cannot list the group. False when the group is gone."""
    if start is not None and not group_alive(pgid, start):
        return False
    ranks = [pid for pid in _members(pgid) if pid != pgid] if CAN_IDENTIFY and _is_launcher(pgid) else []
    if not ranks:
        return _signal(pgid, signal.SIGTERM, start)
    for pid in ranks:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    return True


def _is_launcher(pid: int) -> bool:
    try:
        return b"accelerate.commands.launch" in Path(f"/proc/{int(pid)}/cmdline").read_bytes()
    except OSError:
        return False


def stop(proc_or_pgid, grace: float = 30.0, start: str | None = None) -> None:
    """Ask every process of the run to stop at the next step and save (SIGTERM to the group); whatever is still
    there after `grace` seconds is killed (SIGKILL). Returns when the whole group is gone. A stored group id comes
    with `start` (see group_alive): a number now held by someone else's processes is never signalled."""
    pgid = proc_or_pgid.pid if hasattr(proc_or_pgid, "pid") else int(proc_or_pgid)

    def alive():
        return group_alive(pgid, start)

    if not _ask_the_ranks(pgid, start):
        return
    deadline = time.time() + grace
    while time.time() < deadline and alive():
        if hasattr(proc_or_pgid, "poll"):
            proc_or_pgid.poll()  # reap the launcher as soon as it exits (no zombie)
        time.sleep(0.2)
    _signal(pgid, signal.SIGKILL, start)
    while alive() and time.time() < deadline + 10:
        if hasattr(proc_or_pgid, "poll"):
            proc_or_pgid.poll()
        time.sleep(0.1)


def stamp(path) -> tuple:
    """(size, mtime in ns) of a file, () when it is not there: a cheap 'has it changed' for a file."""
    try:
        st = Path(path).stat()
        return st.st_size, st.st_mtime_ns
    except OSError:
        return ()


def read_error(project_dir: Path) -> dict | None:
    return read_json(Path(project_dir) / "error.json")
