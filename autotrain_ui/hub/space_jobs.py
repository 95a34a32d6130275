"""On the Space: the jobs `autotrain llm --backend spaces-...` committed to this Space's repo (hub/spaces.py writes
them as jobs/<job-id>/), adopted into the registry at start-up and by a watcher thread, each once even across
restarts (the projects folder's space_jobs.json remembers them); and the drop back to CPU basic when the queue has
been idle (hub/space_hardware.py)."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from autotrain_ui import hardware
from autotrain_ui.hub import space_hardware
from autotrain_ui.core.hub_client import resolve_token
from autotrain_ui.hub.spaces import JOBS_DIR, REPO_ROOT
from autotrain_ui.core.jsonfile import read_json_dict, write_json
from autotrain_ui.core.params import LLMParams

log = logging.getLogger(__name__)


@dataclass
class PendingJob:
    job_id: str
    folder: Path
    params: LLMParams
    data_files: dict[str, Path]
    meta: dict = field(default_factory=dict)

    @property
    def flavour(self) -> str | None:
        return self.meta.get("flavour")

    @property
    def drop_to_cpu_after(self) -> bool:
        return bool(self.meta.get("drop_to_cpu_after"))

    @property
    def submitted_by(self) -> str | None:
        return self.meta.get("submitted_by")


def pending_jobs(app_root: str | Path = REPO_ROOT, known_ids: set[str] | frozenset = frozenset()) -> list[PendingJob]:
    """Jobs committed to this Space's repo (jobs/<id>/) that the registry has not seen: for the app's start-up.
    Oldest first. A malformed folder is skipped (and left alone)."""
    root = Path(app_root) / JOBS_DIR
    out = []
    for job_file in sorted(root.glob("*/job.json")) if root.is_dir() else []:
        folder = job_file.parent
        try:
            meta = json.loads(job_file.read_text(encoding="utf-8"))
            job_id = meta.get("job_id") or folder.name
            if job_id in known_ids:
                continue
            params = LLMParams.load(folder / "config.json")
        except (OSError, ValueError, TypeError) as exc:  # unreadable job.json or config.json (ParamError included)
            log.warning("skipping the uploaded job in %s: %s", folder, exc)
            continue
        data = {}
        for split in (params.train_split, params.valid_split):
            if split:
                files = sorted((folder / "data").glob(f"{split}.*"))
                if files:
                    data[split] = files[0]
        if params.train_split not in data:
            continue
        out.append(PendingJob(job_id, folder, params, data, meta))
    return sorted(out, key=lambda j: (j.meta.get("submitted_at") or 0, j.job_id))


ADOPTED_FILE = "space_jobs.json"   # in the projects folder: CLI job id -> {registry_id | error}, survives restarts
_ADOPT_LOCK = threading.Lock()


def _adopted(root: Path) -> dict:
    return read_json_dict(root / ADOPTED_FILE)


def _record(root: Path, job_id: str, entry: dict) -> None:
    write_json(root / ADOPTED_FILE, {**_adopted(root), job_id: entry}, indent=1)


def registry_id(registry, job_id: str) -> str:
    """The registry's id for a job the CLI knows by its Space job id (`autotrain jobs show --space ... ID`); any
    other id comes back unchanged, so the app's `status` endpoint can take both."""
    entry = _adopted(registry.root).get(job_id) or {}
    if entry.get("registry_id"):
        return entry["registry_id"]
    named = [j for j in registry.list_jobs() if j["name"] == job_id]
    return named[0]["id"] if named else job_id


def adopt_pending(registry, app_root: str | Path = REPO_ROOT, *, check_model: bool = True,
                  runtime: dict | None = None) -> list[dict]:
    """Submit every job under app_root/jobs/ that this registry has not adopted yet, oldest first, and return one
    {job_id, registry_id, error, waiting} per job looked at. Each job is adopted once, even across restarts: its
    CLI job id becomes the project name, and the projects folder's space_jobs.json remembers it (a refused job
    too, with the reason, so it is not retried on every start). The Space secret HF_TOKEN is the job's token when
    it pushes. With `runtime` ({current, requested} from hardware.space_runtime) a job whose hardware the Space
    is still moving to waits (waiting=True, not recorded): the app is about to restart on it."""
    from autotrain_ui.job_errors import SubmitError

    root = Path(registry.root)
    with _ADOPT_LOCK:
        known = set(_adopted(root)) | {j["name"] for j in registry.list_jobs()}
        out = []
        for job in pending_jobs(app_root, known):
            if runtime and job.flavour and runtime.get("requested") == job.flavour != runtime.get("current"):
                out.append({"job_id": job.job_id, "registry_id": None, "error": None, "waiting": True})
                continue
            name = job.job_id if len(job.job_id) <= 96 else job.params.project_name
            params = LLMParams.from_dict({**job.params.to_dict(), "project_name": name, "backend": "local-cli",
                                          "data_path": str(job.folder / "data")})
            token = resolve_token() if params.push_to_hub else None
            entry = {"adopted_at": time.time(), "submitted_by": job.submitted_by, "flavour": job.flavour}
            try:
                entry["registry_id"] = registry.submit(params, owner=job.submitted_by, token=token,
                                                       check_model=check_model)
            except (SubmitError, ValueError) as exc:
                entry["error"] = str(exc)
            _record(root, job.job_id, entry)
            if job.drop_to_cpu_after and entry.get("registry_id"):
                space_hardware.set_drop_when_idle(root, True)
            out.append({"job_id": job.job_id, "registry_id": entry.get("registry_id"), "error": entry.get("error"),
                        "waiting": False})
        return out



def watch_space(registry, app_root: str | Path = REPO_ROOT, *, interval: float = 60.0, min_idle_s: float = 300.0,
                env: dict | None = None):
    """On a Space: a daemon thread that adopts uploaded jobs and, when the owner chose it (space_hardware.drop_when_idle),
    moves the Space back to CPU basic once the queue has been empty for min_idle_s. Returns the thread (None when
    not on a Space). Uses the Space secret HF_TOKEN, the owner's token."""
    env = os.environ if env is None else env
    space_id = env.get("SPACE_ID")
    if not space_id:
        return None
    started = time.time()

    def one_round():
        token = env.get("HF_TOKEN") or None
        try:
            runtime = hardware.space_runtime(space_id, token) if token else None
        except hardware.HardwareError:
            runtime = None
        for job in adopt_pending(registry, app_root, runtime=runtime):
            if job["error"]:
                print(f"space job {job['job_id']} refused: {job['error']}", flush=True)
        result = space_hardware.maybe_drop_to_cpu(registry, space_id, token, space_hardware.drop_when_idle(registry.root),
                                            idle_since=started, min_idle_s=min_idle_s)
        if result["dropped"]:
            print(result["reason"], flush=True)

    def loop():
        while True:
            try:
                one_round()
            except Exception as exc:  # the watcher must survive anything the Hub or one job does
                print(f"space watch: {type(exc).__name__}: {exc}", flush=True)
            time.sleep(interval)

    thread = threading.Thread(target=loop, name="autotrain-space-watch", daemon=True)
    thread.start()
    return thread
