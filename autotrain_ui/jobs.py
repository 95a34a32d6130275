"""The job registry: SQLite in the projects folder. It, not the browser, owns every job.

The Registry is one state machine (queued, starting, running, and the four ends) whose every transition takes the
same lock and the same SQLite table; what a job looks like to a page or a script is job_status.py.

A job is queued by `submit()`, started by the scheduler when no other job runs (one job at a time on the
hardware), followed through its process group and its project folder, and ends as succeeded, failed,
cancelled or interrupted. The outcome comes from PROJECT/status.json (written by the trainer itself), so an
app that restarted, and is no longer the trainer's parent, still learns how the run ended. A job whose
process group is gone without a status.json was interrupted (killed, or the machine restarted).

Tokens live in memory only (job id -> token) and reach the trainer through its environment.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import time
import uuid
from pathlib import Path

from autotrain_ui import coach, jobs_store, runner
from autotrain_ui import fit
from autotrain_ui.core.i18n import message
from autotrain_ui.core.jsonfile import read_json
from autotrain_ui.job_errors import JobStateError, LaunchRefused, RegistryError, SubmitError
from autotrain_ui.job_status import FINAL, Follow, JobStatus, trained_full_model
from autotrain_ui.core.params import LLMParams



RESUMABLE = ("failed", "cancelled", "interrupted")


def projects_root() -> Path:
    if os.environ.get("AUTOTRAIN_HOME"):
        return Path(os.environ["AUTOTRAIN_HOME"])
    if Path("/data").is_dir() and os.access("/data", os.W_OK):
        return Path("/data/autotrain")
    return Path.cwd() / "autotrain_projects"


class Registry(JobStatus):
    """The jobs and their state machine; what a job looks like to a page or a script is job_status.JobStatus."""

    def __init__(self, root: str | Path | None = None, grace: float = 30.0):
        self.root = Path(root or projects_root())
        self.grace = grace
        self._lock = threading.RLock()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._db, rebuilt = jobs_store.open_db(self.root)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise RegistryError(message("registry.unusable", root=str(self.root), reason=reason)) from exc
        self.notices = [rebuilt] if rebuilt else []  # what a person should know about this folder (i18n Messages)
        if rebuilt:
            print(rebuilt, flush=True)
        self._folder_lock = jobs_store.FolderLock(self.root)
        self._procs: dict[str, object] = {}     # job id -> Popen, for the jobs this process started
        self._tokens: dict[str, str] = {}       # job id -> Hub token, memory only
        self._follow: dict[str, Follow] = {}
        self._status: dict[str, tuple] = {}     # job id -> (what it was computed from, status()), see status()
        self._status_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # called (no arguments) just before a job's process starts: what shares the machine lets go of the GPU
        self.before_launch: list = []

    # ------------------------------------------------------------------ queries
    def _rows(self, sql: str, args=()) -> list[dict]:
        with self._lock:
            return [dict(r) for r in self._db.execute(sql, args).fetchall()]

    def get(self, job_id: str) -> dict | None:
        rows = self._rows("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return rows[0] if rows else None

    def list_jobs(self, owner: str | None = None) -> list[dict]:
        if owner is None:
            return self._rows("SELECT * FROM jobs ORDER BY created DESC")
        return self._rows("SELECT * FROM jobs WHERE owner = ? ORDER BY created DESC", (owner,))

    def project(self, job: dict) -> Path:
        return self.root / job["name"]

    def training_here(self) -> dict | None:
        """The job starting or running on this machine, or None. Every job this registry starts runs here, on the
        machine's GPU when it has one (the runner gives a job all of them)."""
        rows = self._rows("SELECT * FROM jobs WHERE status IN ('starting', 'running') ORDER BY seq LIMIT 1")
        return rows[0] if rows else None

    # ------------------------------------------------------------------ submit
    def submit(self, params: LLMParams, data_file: str | Path | None = None, owner: str | None = None,
               token: str | None = None, check_model: bool = True, warnings: list | None = None) -> str:
        """Queue a job; SubmitError with every reason when it cannot train. Nothing is written when refused.
        `warnings`, when given, receives what the checks warned of (the job trains all the same)."""
        from autotrain_ui.preflight import preflight

        if data_file is not None:
            params = LLMParams.from_dict({**params.to_dict(), "data_path": str(data_file), "train_split": "train"})
        params.token = None
        check = preflight(params, check_model=check_model, token=token)
        if warnings is not None:
            warnings.extend([*check.warnings, *check.notes])  # notes: GRPO's rewards scored on the first rows
        if not check.ok:
            raise SubmitError("\n".join(check.errors), check.errors)
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise SubmitError(message("registry.unwritable", path=str(self.root / "jobs.sqlite"), error=str(exc))) from exc
            folder = None
            try:
                name = self._free_name(params.project_name)
                params = LLMParams.from_dict({**params.to_dict(), "project_name": name})
                folder = runner.create_project(self.root, params, check.data_files)
                job_id = uuid.uuid4().hex[:10]
                seq, created = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs").fetchone()[0], time.time()
                jobs_store.record(folder, job_id, owner, created, seq)
                self._db.execute("INSERT INTO jobs (id, name, owner, params, status, created, seq) "
                                 "VALUES (?, ?, ?, ?, 'queued', ?, ?)",
                                 (job_id, name, owner, "{}", created, seq))   # settings: config.json
                self._db.execute("COMMIT")
            except BaseException as exc:
                self._db.execute("ROLLBACK")
                if folder is not None:
                    runner.remove_project(folder)  # made in this call, its row never written: no orphan folder
                if isinstance(exc, runner.ProjectError):
                    raise SubmitError(str(exc), [exc.args[0]]) from exc
                if isinstance(exc, (OSError, sqlite3.Error)):
                    raise SubmitError(message("registry.not_recorded", root=str(self.root), error=str(exc))) from exc
                raise
        if token:
            self._tokens[job_id] = token
        fit.record(folder, params)
        self.tick()
        return job_id

    def _free_name(self, name: str) -> str:
        taken = {r["name"] for r in self._rows("SELECT name FROM jobs")}
        candidate, n = name, 1
        while candidate in taken or (self.root / candidate).exists():
            n += 1
            candidate = f"{name}-{n}"
        return candidate

    # ------------------------------------------------------------------ scheduling
    def tick(self, start: bool = True) -> None:
        """Follow running jobs to their end; start the oldest queued job when none runs (unless start=False, or
        another app holds this folder). A job that cannot start ends failed with the reason, and the next one starts."""
        while self._start_next(start):
            pass

    def _start_next(self, start: bool) -> bool:
        """One scheduling step; True when a job failed to start (so the next one gets its turn at once)."""
        with self._lock:
            for job in self._rows("SELECT * FROM jobs WHERE status IN ('starting', 'running')"):
                self._check_running(job)
            if not start or not self._may_start() or \
                    self._rows("SELECT id FROM jobs WHERE status IN ('starting', 'running')"):
                return False
            queued = self._rows("SELECT * FROM jobs WHERE status = 'queued' ORDER BY seq LIMIT 1")
            if not queued:
                return False
            job = queued[0]
            # claim it: with two registries on one folder, only one wins
            claimed = self._db.execute("UPDATE jobs SET status = 'starting' WHERE id = ? AND status = 'queued'",
                                       (job["id"],)).rowcount
            if not claimed:
                return False
        project = self.project(job)
        for hook in self.before_launch:
            try:
                hook()
            except Exception as exc:  # a neighbour failing to let go must not keep the job from starting
                print(f"before launch: {type(exc).__name__}: {exc}", flush=True)
        try:
            problem = jobs_store.launch_problem(project)
            if problem is not None:
                raise LaunchRefused(problem)
            proc = runner.launch(project, token=self._tokens.get(job["id"]), resume=(project / "RESUME").exists())
            (project / "RESUME").unlink(missing_ok=True)
        except Exception as exc:  # noqa: BLE001 - whatever stops one launch must not stop the queue
            said = exc.said if isinstance(exc, LaunchRefused) else message(
                "queue.launch_failed", name=job["name"], reason=f"{type(exc).__name__}: {exc}")
            print(f"scheduler: {said}", flush=True)
            self._finish(job["id"], "failed", None, jobs_store.launch_error("launch", said))
            return True
        self._procs[job["id"]] = proc
        with self._lock:
            self._db.execute("UPDATE jobs SET status = 'running', pid = ?, pgid = ?, pstart = ?, started = ? "
                             "WHERE id = ?",
                             (proc.pid, proc.pid, runner.process_start(proc.pid), time.time(), job["id"]))
        return False

    def _may_start(self) -> bool:
        """Only the app that holds the projects folder's lock starts jobs; another one says so, once."""
        held = self._folder_lock.held
        if self._folder_lock.acquire():
            if not held:  # just took the folder over: a job an app that died left 'starting', unlaunched, waits again
                self._db.execute("UPDATE jobs SET status = 'queued' WHERE status = 'starting' AND pgid IS NULL")
            self.notices = [n for n in self.notices if getattr(n, "key", None) != "registry.other_app"]
            return True
        said = message("registry.other_app", pid=self._folder_lock.holder, root=str(self.root))
        if not any(getattr(n, "key", None) == said.key for n in self.notices):
            self.notices.append(said)
            print(said, flush=True)
        return False

    def _check_running(self, job: dict) -> None:
        proc = self._procs.get(job["id"])
        if proc is not None:
            proc.poll()
        if self._alive(job, proc):
            return
        if job["status"] == "starting":
            return
        project = self.project(job)
        status = read_json(project / "status.json")
        code = proc.returncode if proc is not None else (status or {}).get("exit_code")
        if status:
            outcome = status["status"]
        elif job["cancel_requested"]:
            outcome = "cancelled"
        elif proc is not None and code not in (0, None):
            outcome = "failed"
        else:
            outcome = "interrupted"
        error = runner.read_error(project)
        self._finish(job["id"], outcome, code, json.dumps(error) if error else None)

    @staticmethod
    def _alive(job: dict, proc) -> bool:
        """Whether the job's processes still run: the launcher this app started, or its process group (ranks may
        outlive the launcher). A group id stored by another app (before a restart) counts only with the start time
        stored with it: a number the kernel gave to someone else since is not this job's."""
        if not job["pgid"]:
            return False
        if proc is not None and proc.returncode is None:
            return True
        if proc is None and job["pstart"] is None and runner.CAN_IDENTIFY:
            return False  # stored without its start time (an older version): it cannot be told from a reused number
        return runner.group_alive(job["pgid"], job["pstart"])

    def _finish(self, job_id: str, status: str, code, error: str | None) -> None:
        with self._lock:
            done = self._db.execute("UPDATE jobs SET status = ?, exit_code = ?, error = ?, finished = ? WHERE id = ? "
                                    "AND status IN ('queued', 'starting', 'running')",
                                    (status, code, error, time.time(), job_id)).rowcount
        self._procs.pop(job_id, None)
        token = self._tokens.pop(job_id, None)
        job = self.get(job_id)
        if done and status == "succeeded" and self.settings(job).get("push_to_hub"):
            # the run asked to be published: the token given at submit, else the Space's secret (after a restart);
            # a run that did not learn waits for a person to press Push (the Runs view says why)
            from autotrain_ui import hub
            from autotrain_ui.hub import publish

            if coach.holds_push(self.summary(job_id, job)["learned"]):
                publish.hold(self.project(job))
            else:
                publish.push_in_background(self.project(job), hub.resolve_token(token))

    def reconcile(self) -> None:
        """At start-up: a job whose process is gone is marked by its status.json, else interrupted; a job whose
        trainer survived the app's restart stays running and is followed again."""
        with self._lock:
            self._db.execute("UPDATE jobs SET status = 'queued' WHERE status = 'starting' AND pgid IS NULL")
        self.tick()

    def start(self, interval: float = 1.0) -> None:
        """Run tick() in a background thread, every `interval` seconds. A second app on the same folder says at once
        that it starts no job (and takes over when the first one stops)."""
        self._may_start()
        self.reconcile()

        def loop():
            while not self._stop.wait(interval):
                try:
                    self.tick()
                except Exception as exc:  # the scheduler must survive anything one job does
                    print(f"scheduler: {type(exc).__name__}: {exc}", flush=True)

        self._thread = threading.Thread(target=loop, name="autotrain-scheduler", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        self._folder_lock.release()

    # ------------------------------------------------------------------ cancel / resume
    def cancel(self, job_id: str) -> str:
        """'cancelled' (it was queued) or 'cancelling' (it stops at its next step and saves); JobStateError when
        the job already ended."""
        job = self.get(job_id)
        if job is None:
            raise KeyError(f"no job {job_id}")
        if job["status"] == "queued":
            with self._lock:
                self._db.execute("UPDATE jobs SET status = 'cancelled', finished = ? WHERE id = ? AND status = 'queued'",
                                 (time.time(), job_id))
            return "cancelled"
        if job["status"] not in ("starting", "running"):
            raise JobStateError("jobs.refused_cancel_ended", id=job_id, status=job["status"])
        with self._lock:
            self._db.execute("UPDATE jobs SET cancel_requested = 1 WHERE id = ?", (job_id,))
        (self.project(job) / "CANCEL").touch()
        proc = self._procs.get(job_id)
        target, start = (proc, None) if proc is not None else (job["pgid"], job["pstart"])
        if target:
            threading.Thread(target=self._stop_and_tick, args=(target, start), daemon=True).start()
        return "cancelling"

    def _stop_and_tick(self, target, start) -> None:
        runner.stop(target, grace=self.grace, start=start)
        self.tick()

    def resume(self, job_id: str, token: str | None = None) -> str:
        """Put an interrupted (or failed/cancelled) job back in the queue; it continues from its last checkpoint.
        JobStateError for a job that is active or succeeded: resuming a finished run would train it again and
        overwrite its model (Train again makes a new job from its settings instead)."""
        job = self.get(job_id)
        if job is None:
            raise KeyError(f"no job {job_id}")
        if job["status"] == "succeeded":
            raise JobStateError("jobs.refused_resume_succeeded", id=job_id)
        if job["status"] not in RESUMABLE:
            raise JobStateError("jobs.refused_resume_state", id=job_id, status=job["status"])
        project = self.project(job)
        for stale in ("status.json", "error.json", "CANCEL"):
            (project / stale).unlink(missing_ok=True)
        (project / "RESUME").touch()  # before the row is queued: the scheduler must launch it with --resume
        with self._lock:
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs").fetchone()[0]
            placeholders = ", ".join("?" * len(RESUMABLE))
            queued = self._db.execute(
                "UPDATE jobs SET status = 'queued', pid = NULL, pgid = NULL, pstart = NULL, error = NULL, "
                f"exit_code = NULL, finished = NULL, cancel_requested = 0, seq = ? WHERE id = ? AND status IN "
                f"({placeholders})",
                (seq, job_id, *RESUMABLE)).rowcount
        if not queued:  # another process resumed it (or it changed) in the meantime
            raise JobStateError("jobs.refused_resume_state", id=job_id, status=self.get(job_id)["status"])
        if token:
            self._tokens[job_id] = token
        self._follow.pop(job_id, None)  # the live view starts again: the resumed run rewrites events.jsonl
        self.tick()
        return "queued"

    def retry(self, job_id: str, change: dict, token: str | None = None) -> str:
        """A new job: the same data and settings as job_id with `change` applied (the fix a failure suggested)."""
        job = self.get(job_id)
        if job is None:
            raise KeyError(f"no job {job_id}")
        from autotrain_ui.core.data.hub import is_dataset_id

        settings = {**self.settings(job), **change}
        if not is_dataset_id(settings.get("data_path")):   # a Hub dataset is read again at the commit recorded
            settings["data_path"] = str(self.project(job) / "data")
        return self.submit(LLMParams.from_dict(settings, dropped=[]), owner=job["owner"], token=token)

    def again(self, job_id: str, from_model: bool = False) -> tuple[LLMParams, Path]:
        """The settings and data for "Train again": a finished job's settings under a project name no job has, and
        its data copy (PROJECT/data). with from_model the new job starts from the job's trained weights, which only a
        full (or merged) fine-tune leaves as a model of its own. Nothing is submitted: the user changes what they
        like first, and the new job never writes into this job's folder."""
        job = self.get(job_id)
        if job is None:
            raise KeyError(f"no job {job_id}")
        if job["status"] not in FINAL:
            raise JobStateError("jobs.refused_again_active", id=job_id, status=job["status"])
        project = self.project(job)
        settings = self.settings(job)
        data = sorted((project / "data").glob(f"{settings.get('train_split') or 'train'}.*"))
        if not data:
            raise JobStateError("jobs.refused_again_no_data", id=job_id, folder=str(project / "data"))
        base = re.sub(r"-\d+$", "", job["name"])  # my-bot-3 again is my-bot-4, not my-bot-3-2
        settings.update(project_name=self._free_name(base), data_path=str(data[0]))
        if from_model:
            if job["status"] != "succeeded" or not trained_full_model(project):
                raise JobStateError("jobs.refused_again_no_model", id=job_id)
            settings.update(model=str(project / "model"))
        return LLMParams.from_dict(settings, dropped=[]), data[0]

    # ------------------------------------------------------------------ what a page shows
