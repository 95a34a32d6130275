"""What a job looks like to a page, a script or the CLI (the registry's read model): its events and log followed
incrementally (Follow), the summary a list of jobs shows, the status a page polls (cached until one of its files
changes), the verdict and the estimate beside the finished run, and the short words for a job's state. The state
machine that changes jobs is jobs.Registry, which inherits these reads."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from autotrain_ui import coach, runner
from autotrain_ui.core import estimate as run_model
from autotrain_ui.core.events import Tail
from autotrain_ui.core.jsonfile import read_json

ACTIVE = ("queued", "starting", "running")
FINAL = ("succeeded", "failed", "cancelled", "interrupted")


_SETTINGS: dict = {}   # config.json path -> ((mtime, size), settings): a poll reads it again only when it changed


@dataclass
class Follow:
    """What has been read of one job's files so far (only new bytes are read on each poll)."""
    events: list = field(default_factory=list)
    log: deque = field(default_factory=lambda: deque(maxlen=300))
    events_tail: Tail | None = None
    log_tail: Tail | None = None
    advice: list = field(default_factory=list)
    advice_at: int = -1         # len(events) when the advice was computed
    verdict: dict | None = None
    verdict_at: tuple = ()      # (len(events), job status) when the verdict was computed
    estimate: dict | None = None  # the estimate beside the finished run (estimate.against)
    estimate_at: tuple = ()     # (job status, finished) when it was read


class JobStatus:
    """The reads of jobs.Registry (it provides get(), project(), and the _follow, _status and _status_lock caches)."""

    def settings(self, job: dict) -> dict:
        """The job's settings: its PROJECT/config.json, the one copy (the run writes its own choices into it, such as
        the chat template it picked). The registry's row only indexes the job; a row written by an older version
        that kept the settings in it is read from there when the folder's copy cannot be."""
        path = self.project(job) / "config.json"
        try:
            st = path.stat()
            key = (st.st_mtime_ns, st.st_size)
            cached = _SETTINGS.get(path)
            if cached is None or cached[0] != key:
                _SETTINGS[path] = cached = (key, json.loads(path.read_text(encoding="utf-8")))
            return dict(cached[1])
        except (OSError, ValueError):
            try:
                return json.loads(job["params"] or "{}")
            except (KeyError, IndexError, TypeError, ValueError):
                return {}

    def follow(self, job_id: str) -> Follow:
        """The job's events and log lines so far, reading only what was appended since the last call."""
        job = self.get(job_id)
        f = self._follow.setdefault(job_id, Follow())
        if job is None:
            return f
        project = self.project(job)
        if f.events_tail is None:
            f.events_tail, f.log_tail = Tail(project / "events.jsonl"), Tail(project / "train.log")
        new = f.events_tail.read_events()
        if f.events_tail.restarted:  # rewritten (a resume keeps the steps up to its checkpoint): read again
            f.events, f.advice_at, f.verdict_at = [], -1, ()
        if new and f.events and new[0].get("step", 0) < f.events[-1].get("step", 0):
            f.events = [e for e in f.events if e.get("step", 0) < new[0].get("step", 0)]  # resumed: curve continues
        f.events.extend(new)
        f.log.extend(f.log_tail.read_lines())
        return f

    def summary(self, job_id: str, job: dict | None = None) -> dict:
        """What a list of jobs shows (cheap: what was appended since the last poll is all that is read)."""
        job = job or self.get(job_id)
        if job is None:
            return {"id": job_id, "status": "unknown", "error": {"message": f"There is no job {job_id}."}}
        f = self.follow(job_id)
        last = next((e for e in reversed(f.events) if "loss" in e), {})
        total = next((e.get("total_steps") for e in reversed(f.events) if e.get("total_steps")), None)
        eval_loss = next((e["eval_loss"] for e in reversed(f.events) if "eval_loss" in e), None)
        params = self.settings(job)
        verdict = self._verdict(job, f)
        return {
            "id": job_id, "name": job["name"], "status": job["status"], "owner": job["owner"],
            "trainer": params.get("trainer"), "model": params.get("model"),
            "created": job["created"], "started": job["started"], "finished": job["finished"],
            "progress": {"step": last.get("step", 0), "total_steps": total},
            "metrics": {k: last.get(k) for k in ("loss", "learning_rate", "grad_norm", "tokens_per_second",
                                                 "elapsed_s", "eta_s", "epoch") if last.get(k) is not None}
            | ({"eval_loss": eval_loss} if eval_loss is not None else {}),
            "error": json.loads(job["error"]) if job["error"] else None,
            # did it learn: True (the loss fell), False (rose, flat, broke down), None (cannot tell, or not yet)
            "verdict": verdict, "learned": verdict["learned"] if verdict else None,
            "estimate": self._estimate(job, f, last.get("step")),
        }

    def _estimate(self, job: dict, f: Follow, steps: int | None) -> dict | None:
        """The estimate made when the job was queued beside what the finished run took, read once per ending."""
        if job["status"] in ACTIVE:
            return None
        if f.estimate_at != (job["status"], job["finished"]):
            project = self.project(job)
            f.estimate = run_model.against(read_json(project / run_model.ESTIMATE_FILE),
                                           run_model.actual(job, read_json(project / "status.json"), steps))
            f.estimate_at = (job["status"], job["finished"])
        return f.estimate

    def _verdict(self, job: dict, f: Follow) -> dict | None:
        """The coach's verdict (did the loss fall?), computed again only when new events came or the job ended."""
        if f.verdict_at != (len(f.events), job["status"]):
            finished = job["status"] == "succeeded"  # a run that ended on its own; others get "up to step N"
            report = read_json(self.project(job) / "report.json") if finished else None
            found = coach.verdict(f.events, self.settings(job), report, finished=finished)
            f.verdict = dataclasses.asdict(found) if found else None
            f.verdict_at = (len(f.events), job["status"])
        return f.verdict

    def status(self, job_id: str) -> dict:
        """summary() plus the before/after report, the push state and the training coach's advice. Computed again
        only when the job's row or one of the files it is made of changed: fifty pages polling one job cost one
        computation, a few stats and a query per poll (and one poll at a time follows the job's files)."""
        job = self.get(job_id)
        if job is None:
            return self.summary(job_id, job)
        project = self.project(job)
        key = (tuple(job.values()), *(runner.stamp(project / n) for n in ("events.jsonl", "report.json")))
        from autotrain_ui.hub import publish

        with self._status_lock:
            cached = self._status.get(job_id)
            if not cached or cached[0] != key:
                out = self.summary(job_id, job)
                f = self._follow[job_id]
                if f.advice_at != len(f.events):  # the coach reads every event: only when new ones came
                    f.advice = [dataclasses.asdict(a) for a in coach.advise(f.events, self.settings(job))]
                    f.advice_at = len(f.events)
                cached = self._status[job_id] = (key, out | {"report": read_json(project / "report.json"),
                                                             "advice": f.advice})
            # the push state is read each time: a push running in this process is in memory, not in a file
            return copy.deepcopy(cached[1]) | {"push": publish.state(project)}


def trained_full_model(project: Path) -> bool:
    """Whether a run left full weights in PROJECT/model (a model a new run can start from), not a LoRA adapter."""
    model = Path(project) / "model"
    return (model / "config.json").exists() and not (model / "adapter_config.json").exists()


def retry_change(status: dict) -> dict:
    """The one settings change a new run should try: a failed job's (error.json's `retry`), else, for a job that
    succeeded without learning (its loss rose or stayed flat, too few steps), its verdict's. {} when none."""
    if status.get("status") == "failed":
        return (status.get("error") or {}).get("retry") or {}
    verdict = status.get("verdict") or {}
    if status.get("status") == "succeeded" and verdict.get("learned") is not True:
        return verdict.get("change") or {}
    return {}


def status_label(status: dict, table: dict | None = None) -> str:
    """A job's state as a list of jobs shows it: a run that succeeded without clearly learning says so ("succeeded
    - loss rose"); only a run whose loss fell is a plain "succeeded". `table`: a strings table (default English)."""
    verdict = status.get("verdict") or {}
    state = status.get("status", "")
    word = (table or {}).get(f"state_{state}", state)  # the state in the table's words (no table: as stored)
    if state != "succeeded" or not verdict or verdict.get("kind") == "fell":
        return word
    template = (table or {}).get("verdict_status", coach.MESSAGES["verdict_status"])
    return template.format(status=word, label=coach.label(verdict["kind"], table))
