"""`autotrain jobs list | show ID | cancel ID | resume ID`: the app's job registry from a terminal.

They work on the same projects folder as the app (--projects, else $AUTOTRAIN_HOME, /data/autotrain or
./autotrain_projects), so a job started in the browser can be followed, cancelled or resumed here and the other
way round. Looking never starts a queued job; `resume` does (when nothing else runs), and the trainer keeps
running after this command returns unless --follow is given.
"""

from __future__ import annotations

import argparse
import sys
import time

from autotrain_ui.core.i18n import text
from autotrain_ui.job_status import ACTIVE, status_label
from autotrain_ui.jobs import Registry
from autotrain_ui.job_errors import JobStateError, RegistryError
from autotrain_ui.core.events import Tail, shown


def _registry(args) -> Registry:
    registry = Registry(args.projects)
    registry.tick(start=False)  # learn how jobs ended since anyone last looked
    return registry


def _when(ts) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else ""


def _progress(status: dict) -> str:
    p = status["progress"]
    return f"{p['step']}/{p['total_steps']}" if p.get("total_steps") else str(p["step"])


def list_jobs(registry: Registry) -> str:
    rows = [("ID", "NAME", "STATUS", "STEP", "LOSS", "TRAINER", "CREATED")]
    for job in registry.list_jobs():
        s = registry.status(job["id"])
        loss = s["metrics"].get("loss")
        rows.append((job["id"], job["name"], status_label(s), _progress(s), f"{shown(loss):.4f}" if loss is not None else "",
                     s["trainer"] or "", _when(job["created"])))
    if len(rows) == 1:
        return text("cli.no_jobs", root=str(registry.root))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows)


def show(registry: Registry, job_id: str) -> str:
    s = registry.status(job_id)
    if s["status"] == "unknown":
        raise KeyError(job_id)
    lines = [f"{s['id']}  {s['name']}: {status_label(s)}, step {_progress(s)}",
             f"  {s['trainer']} on {s['model']}; folder {registry.project(registry.get(job_id))}"]
    metrics = ", ".join(f"{k} {v:.4g}" for k, v in s["metrics"].items())
    if metrics:
        lines.append(f"  last: {metrics}")
    if s["error"]:
        lines.append(f"  {s['error'].get('message', '')} {s['error'].get('hint', '')}".rstrip())
    report = s.get("report") or {}
    if report.get("verdict"):
        lines.append(f"  before/after: {report['verdict']}")
    if s.get("verdict"):
        lines.append(f"  verdict: {s['verdict']['message']}")
    if s.get("estimate"):
        lines.append(f"  {estimate_line(s['estimate'])}")
    for advice in s.get("advice") or []:
        if not (s.get("verdict") and advice["kind"] == "progress"):  # the verdict says how the loss went
            lines.append(f"  {advice['severity']}: {advice['message']}")
    return "\n".join(lines)


def estimate_line(e: dict, lang: str = "en") -> str:
    """The estimate made when the job was queued beside what the run took, and their ratio (estimate / actual)."""
    def secs(value):
        return f"{value / 60:.1f} min" if value is not None else text("jobs.unknown", lang)

    def gb(value):
        return f"{value:.2f} GB" if value is not None else text("jobs.unknown", lang)

    memory_ratio = text("jobs.estimate_ratio", lang, ratio=e["memory_ratio"]) if e.get("memory_ratio") else ""
    return text("jobs.estimate", lang, estimated=secs(e["estimated_s"]), actual=secs(e["actual_s"]),
                time_ratio=e["time_ratio"], memory=gb(e.get("estimated_memory_gb")), peak=gb(e.get("peak_memory_gb")),
                memory_ratio=memory_ratio, estimated_steps=e.get("estimated_steps"), steps=e.get("steps")) + \
        (text("jobs.estimate_load", lang, load=e["load_average"]) if e.get("load_average") is not None else "")


def follow(registry: Registry, job_id: str, interval: float = 2.0) -> int:
    """Print new log lines until the job ends; exit 0 when it succeeded."""
    log = Tail(registry.project(registry.get(job_id)) / "train.log")
    log.offset = log.path.stat().st_size if log.path.exists() else 0  # `show` printed the state so far
    while True:
        registry.tick(start=False)
        for line in log.read_lines():
            print(line, flush=True)
        job = registry.get(job_id)
        if job["status"] not in ACTIVE:
            print(show(registry, job_id), flush=True)
            return 0 if job["status"] == "succeeded" else 1
        time.sleep(interval)


def jobs_show_main(argv: list[str]) -> int:
    """`autotrain jobs show --space USER/SPACE ID`: follow a job on a Space through the app's API."""
    parser = argparse.ArgumentParser(prog="autotrain jobs show", description="Follow a job running on a Space "
                                     "(token from HF_TOKEN for a private Space).")
    parser.add_argument("--space", required=True, help="the Space running the job, USER/SPACE")
    parser.add_argument("job_id", help="the job id printed when the job was sent")
    parser.add_argument("--once", action="store_true", help="print the status once instead of following it")
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between polls (default 10)")
    args = parser.parse_args(argv)
    from autotrain_ui.core.hub_client import resolve_token
    from autotrain_ui.hub.spaces import follow

    return follow(args.space, args.job_id, resolve_token(), interval=args.interval, once=args.once)


def main(argv: list[str]) -> int:
    if argv[:1] == ["show"] and any(a == "--space" or a.startswith("--space=") for a in argv):
        return jobs_show_main(argv[1:])
    parser = argparse.ArgumentParser(prog="autotrain jobs", description="The jobs of the app's projects folder.")
    parser.add_argument("--projects", default=None, help="projects folder (default: $AUTOTRAIN_HOME, /data/autotrain "
                                                         "or ./autotrain_projects), as for `autotrain app`")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="every job, newest first")
    for name, says in (("show", "one job's state, last metrics, error and before/after report"),
                       ("cancel", "stop a job at its next step (it saves); waits until its processes are gone"),
                       ("resume", "continue an interrupted, failed or cancelled job from its last checkpoint (a succeeded job "
                                  "is never resumed: its model stays as it is)")):
        p = sub.add_parser(name, help=says)
        p.add_argument("job_id")
        if name in ("show", "resume"):
            p.add_argument("--follow", action="store_true", help="print the log until the job ends")
    args = parser.parse_args(argv)
    try:
        registry = _registry(args)
    except RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "list":
            print(list_jobs(registry))
            return 0
        if args.command == "show":
            print(show(registry, args.job_id), flush=True)
            return follow(registry, args.job_id) if args.follow else 0
        if args.command == "cancel":
            outcome = registry.cancel(args.job_id)
            deadline = time.time() + registry.grace + 15
            while registry.get(args.job_id)["status"] in ACTIVE and time.time() < deadline:
                time.sleep(0.5)
                registry.tick(start=False)
            print(f"{args.job_id}: {registry.get(args.job_id)['status'] if outcome == 'cancelling' else outcome}")
            return 0
        outcome = registry.resume(args.job_id)
        print(f"{args.job_id}: {outcome}", flush=True)
        return follow(registry, args.job_id) if args.follow else 0
    except KeyError:
        print(text("cli.no_such_job", id=args.job_id, root=str(registry.root)), file=sys.stderr)
        return 2
    except JobStateError as exc:  # cancel a finished job, resume a succeeded or active one: refused, nothing changed
        print(f"error: {exc}", file=sys.stderr)
        return 1
