"""Polling benchmark: does a page full of watchers slow a running job down?

    python bench/bench_polling.py                 # ~6-7 minutes on 2 idle cores
    python bench/bench_polling.py --max-steps 40  # longer runs, steadier numbers

One run does, in order:
  1. starts the real app (`python app.py --port P`, AUTOTRAIN_HOME=a temporary folder) in its own process group;
  2. (a) baseline: submits a job through the API (`/submit`: SmolLM2-135M-Instruct, LoRA, a fixed number of
     steps) and waits for it to end without asking the app anything (it watches PROJECT/status.json);
  3. (b) open pages: submits the same job again and, from submission to the end, runs --clients threads
     (default 20), each doing over plain HTTP what an open page's script does (autotrain_ui/ui/live.py): ask
     `/autotrain/changes` as often as the app says (every 2 s for a few pages, every 5 s for 20) and, when its
     token changed, run the Runs view's refresh event in the page's
     own Gradio session (`/runs_refresh`, the event the page's hidden button fires). This is the target run.
  4. (c) API scripts: the same job again with --clients threads each polling `/status` every --interval s
     (default 1) and `/jobs` every second poll through Gradio's REST call protocol (skip with --no-api);
  5. repeats (a), (b), (c) --repeat times (default 2), so that drift over time falls on every kind alike;
  6. compares training throughput: the median `tokens_per_second` of each run's events.jsonl, after the first
     logged step (it carries the warm-up), averaged over the rounds, and prints (b)/(a) against the target
     (>= 0.90), and (c)/(a). It also records the app process's CPU time during each run and the poll latencies.

Results: bench/results/polling.json and a section of bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import urllib.request
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET = 0.90
KEYS = {"baseline": "(a)", "tabs": "(b)", "api": "(c)"}
WORDS = ("model data train loss step token batch learning rate adapter layer weight gradient epoch evaluation "
         "checkpoint optimizer schedule warmup sequence attention memory device throughput").split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_data(path: Path, rows: int, seed: int = 42) -> Path:
    """A CSV with a `text` column: plain sentences, ~60-140 words a row (seeded)."""
    import csv

    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text"])
        for i in range(rows):
            n = rng.randint(60, 140)
            w.writerow([f"Note {i}: " + " ".join(rng.choice(WORDS) for _ in range(n)) + "."])
    return path


def start_app(home: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, AUTOTRAIN_HOME=str(home), PYTHONPATH=str(ROOT), GRADIO_ANALYTICS_ENABLED="False")
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--port", str(port)], env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"the app exited at start-up:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
    raise SystemExit("the app did not start within 120 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (the app; the trainer is a process of its own)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def read_events(path: Path) -> list[dict]:
    from autotrain_ui.core.events import Tail

    return Tail(path).read_events()  # a line cut by a crash is skipped


def throughput(project: Path) -> dict:
    events = [e for e in read_events(project / "events.jsonl") if e.get("tokens_per_second") is not None]
    rates = [e["tokens_per_second"] for e in events[1:]]  # the first logged step carries the warm-up
    return {"logged_steps": len(events), "tokens_per_second_median": statistics.median(rates) if rates else None,
            "tokens_per_second_mean": statistics.fmean(rates) if rates else None,
            "tokens_per_second_all": [e["tokens_per_second"] for e in events]}


def wait_end(project: Path, timeout: float, quiet: bool = False) -> dict | None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            return json.loads((project / "status.json").read_text())
        except (OSError, ValueError):
            time.sleep(min(1.0, timeout))
    if quiet:
        return None
    raise SystemExit(f"the job in {project} did not end within {timeout:.0f} s:\n"
                     f"{(project / 'train.log').read_text(errors='replace')[-3000:]}")


def call(url: str, api: str, *args, session: str | None = None, timeout: float = 30.0):
    """One call of the app's API over plain HTTP (Gradio's REST protocol: POST the call, read its event stream):
    what a page's poll costs the app, without a Python client's own overhead on this machine's cores. With
    `session`, calls share one Gradio session as an open browser tab does (a new session per call costs the app
    ~3x more: it builds the page's state for every component each time)."""
    body = {"data": list(args), **({"session_hash": session} if session else {})}
    request = urllib.request.Request(f"{url}/gradio_api/call/{api}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    event_id = json.loads(urllib.request.urlopen(request, timeout=timeout).read())["event_id"]
    stream = urllib.request.urlopen(f"{url}/gradio_api/call/{api}/{event_id}", timeout=timeout).read().decode()
    if "event: complete" not in stream:
        raise RuntimeError(stream[-200:])
    return stream


def get_token(url: str, page: str, timeout: float = 30.0) -> tuple[str, float]:
    """What a page's script asks: the app's changes token and the seconds to wait before asking again
    (autotrain_ui/ui/live.py)."""
    from autotrain_ui.ui import live

    with urllib.request.urlopen(f"{url}{live.CHANGES_PATH}?page={page}", timeout=timeout) as reply:
        body = json.loads(reply.read())
    return body["token"], body["next_ms"] / 1000


def run(url: str, api: str, *args, session: str, timeout: float = 30.0):
    """One call of an event that runs outside Gradio's queue, as the page makes it: one POST, the answer in reply."""
    body = {"data": list(args), "session_hash": session}
    request = urllib.request.Request(f"{url}/gradio_api/run/{api}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as reply:
        return json.loads(reply.read())


class Pollers:
    """N threads polling the app during a run, in one of two ways:

    - "tabs": each an open page, doing what its script does (autotrain_ui/ui/live.py): GET /autotrain/changes every
      `interval` s (then as often as its reply says), and when the token differs from the last one seen, the Runs
      view's refresh event (`/runs_refresh`,
      in the tab's own session). Each first runs the page's load event (`/page_load`), as an opening page does.
    - "api": each a script on the API: /status of the job every `interval` s, and /jobs every second poll.
    """

    def __init__(self, url: str, n: int, interval: float, mode: str = "tabs"):
        self.url, self.n, self.mode = url.rstrip("/"), n, mode
        self.interval, self.stop = interval, threading.Event()
        self.latency: dict[str, list[float]] = {"load": [], "changes": [], "refresh": [], "status": [], "jobs": []}
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []

    def _timed(self, name: str, fn, *args, **kwargs):
        t = time.time()
        try:
            out = fn(*args, **kwargs)
        except Exception as exc:  # counted, never fatal: a failing poll is a result too
            with self.lock:
                self.errors.append(f"{name}: {type(exc).__name__}: {exc}"[:200])
            return None
        with self.lock:
            self.latency[name].append(time.time() - t)
        return out

    def _loop(self, job_id: str, offset: float) -> None:
        time.sleep(offset)  # spread the clients over the interval, as independent pages would be
        session, seen, i = f"page-{offset:.3f}", None, 0
        if self.mode == "tabs":  # a page opening: its load event fills the job list of its session
            self._timed("load", call, self.url, "page_load", session=session)
        while not self.stop.is_set():
            t0 = time.time()
            wait = self.interval
            if self.mode == "tabs":
                token, wait = self._timed("changes", get_token, self.url, session) or (None, self.interval)
                if token is None or token != seen:
                    if self._timed("refresh", run, self.url, "runs_refresh", job_id, session=session) is not None:
                        seen = token
            else:
                self._timed("status", call, self.url, "status", job_id, session=session)
                if i % 2:
                    self._timed("jobs", call, self.url, "jobs", session=session)
            i += 1
            self.stop.wait(max(0.0, wait - (time.time() - t0)))

    def start(self, job_id: str) -> None:
        for k in range(self.n):
            th = threading.Thread(target=self._loop, args=(job_id, self.interval * k / self.n), daemon=True)
            th.start()
            self.threads.append(th)

    def finish(self) -> dict:
        self.stop.set()
        for th in self.threads:
            th.join(timeout=30)

        def stats(xs):
            if not xs:
                return None
            xs = sorted(xs)
            return {"count": len(xs), "median_s": round(statistics.median(xs), 4),
                    "p95_s": round(xs[int(0.95 * (len(xs) - 1))], 4), "max_s": round(xs[-1], 4)}

        return {**{name: stats(xs) for name, xs in self.latency.items() if xs},
                "errors": len(self.errors), "first_errors": self.errors[:5]}


def run_job(client, home: Path, data: Path, settings: dict, app_pid: int, timeout: float,
            pollers: Pollers | None) -> dict:
    from gradio_client import handle_file

    from bench_train import _machine_busy, process_tree

    hz, cores = os.sysconf("SC_CLK_TCK"), os.cpu_count() or 1
    cpu0, t0, busy0, bench0 = cpu_seconds(app_pid), time.time(), _machine_busy(), cpu_seconds(os.getpid())
    tree_cpu: dict[int, float] = {}
    job_id = client.predict(handle_file(str(data)), json.dumps(settings), api_name="/submit")
    if pollers:
        pollers.start(job_id)
    name = client.predict(job_id, api_name="/status")["name"]
    project = home / name
    end = None
    while end is None:  # the app's process tree (the trainer included) is sampled to tell our CPU from others'
        for pid in process_tree(app_pid):
            if pid != app_pid:
                tree_cpu[pid] = max(tree_cpu.get(pid, 0.0), cpu_seconds(pid) or 0.0)
        end = wait_end(project, 1.0, quiet=True)
        if time.time() - t0 > timeout:
            raise SystemExit(f"the job in {project} did not end within {timeout:.0f} s")
    polls = pollers.finish() if pollers else None
    wall = time.time() - t0
    cpu = cpu_seconds(app_pid) - cpu0
    bench_cpu = cpu_seconds(os.getpid()) - bench0
    others = max(0.0, (_machine_busy() - busy0) / hz - cpu - bench_cpu - sum(tree_cpu.values()))
    out = {"job": job_id, "project": str(project), "status": end.get("status"), "wall_s": round(wall, 1),
           "app_cpu_s": round(cpu, 2), "app_cpu_share_of_one_core": round(cpu / wall, 3),
           "clients_cpu_s": round(bench_cpu, 2), "trainer_cpu_s": round(sum(tree_cpu.values()), 2),
           "cpu_taken_by_others": round(others / wall / cores, 3), **throughput(project)}
    if polls:
        out["polls"] = polls
    return out


def section(res: dict) -> str:
    m, s, runs = res["machine"], res["settings"], res["runs"]
    lines = [f"## {res['label']}", "",
             f"Measured {res['date']} on **{m.get('cpu', '?')}, {m.get('cores')} cores**; torch {m.get('torch')}, "
             f"transformers {m.get('transformers')}, gradio {res.get('gradio')}.", "",
             f"One app (`python app.py`), the same job submitted through `/submit` once per run: model "
             f"`{s['model_name']}`, LoRA, trainer {s['trainer']}, batch {s['batch_size']}, block size "
             f"{s['block_size']}, {s['max_steps']} steps, logging every step. (a) nobody polls; (b) {res['clients']} "
             f"open pages, each doing what the page's script does: `GET /autotrain/changes` every "
             f"{res['tab_interval']:g} s or as much longer as the app's reply says (with {res['clients']} pages: "
             f"{res['tab_wait_s']:g} s) and, when its token changed, the Runs view's refresh event in the page's "
             f"session; (c) {res['clients']} scripts on the API (Gradio's REST call protocol), each polling `/status` "
             f"every {res['interval']:g} s and `/jobs` every second poll.", "",
             f"Rounds of (a), (b), (c) one after the other, {res['repeat']} times; the ratios compare the means of "
             "the runs' median tokens/s.", "",
             "| run | median tokens/s (after 1st step) | vs mean of (a) | mean tokens/s | logged steps | wall (s) | "
             "app CPU (s) | app CPU / wall |", "|---|---|---|---|---|---|---|---|"]
    labels = {"baseline": "(a) nobody polling", "tabs": f"(b) {res['clients']} open pages",
              "api": f"(c) {res['clients']} API scripts"}
    base = res["mean_tokens_per_second"]["baseline"]
    for i in range(res["repeat"]):
        for key, label in labels.items():
            if key not in runs or i >= len(runs[key]):
                continue
            r = runs[key][i]
            lines.append(f"| {label}, round {i + 1} | {r['tokens_per_second_median']:.1f} | "
                         f"{r['tokens_per_second_median'] / base:.3f} | {r['tokens_per_second_mean']:.1f} | "
                         f"{r['logged_steps']} | {r['wall_s']:.1f} | {r['app_cpu_s']:.1f} | "
                         f"{r['app_cpu_share_of_one_core']:.0%} |")
    verdict = "meets" if res["ratio"] >= TARGET else "**misses**"
    lines += ["", f"**open pages: mean (b) / mean (a) = {res['ratio']:.3f}** (target >= {TARGET:.2f}: {verdict} it)"
              + (f"; API scripts: mean (c) / mean (a) = {res['ratio_api']:.3f}." if res.get("ratio_api") else "."),
              ""]
    for key in ("tabs", "api"):
        for i, r in enumerate(runs.get(key) or []):
            polls = r.get("polls") or {}
            calls = ", ".join(f"`/{api}` {st['count']} calls (median {st['median_s'] * 1000:.0f} ms, p95 "
                              f"{st['p95_s'] * 1000:.0f} ms)" for api, st in polls.items()
                              if isinstance(st, dict))
            lines.append(f"- {KEYS[key]} round {i + 1}: {calls}; failed {polls.get('errors', 0)}; the clients "
                         f"(threads of the bench process at nice {res['clients_nice']}, standing in for browsers "
                         f"elsewhere) used {r['clients_cpu_s']:.1f} s of CPU")
    lines.append("")
    lines.append("The trainer runs in its own process group; the app's CPU is what answering the polls cost, and "
                 "on 2 cores it competes with training directly.")
    busy = {f"{k} {i + 1}": r.get("cpu_taken_by_others") for k, rs in runs.items() for i, r in enumerate(rs)}
    if any((v or 0) > 0.10 for v in busy.values()):
        lines.append(f"\n**Warning: the machine was busy** (share of all CPU taken by other processes during the "
                     f"runs: {', '.join(f'{k} {v:.0%}' for k, v in busy.items())}); the ratio is unreliable.")
    lines.append("")
    return "\n".join(lines)


def stop_app_and_jobs(app, home: Path, settle: float = 0.0) -> None:
    """Kill the app and every job it started (a trainer still running, as after an interrupted bench, goes too),
    after `settle` seconds. Shared with bench_load.py."""
    import sqlite3

    with sqlite3.connect(home / "jobs.sqlite") as db:
        pgids = [r[0] for r in db.execute("SELECT pgid FROM jobs WHERE pgid IS NOT NULL")]
    time.sleep(settle)
    for pgid in [app.pid, *pgids]:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    app.wait()


def record(args, label: str, res: dict, text: str, workdir: Path) -> None:
    """Write the result (unless --no-write) as JSON and as its section of RESULTS.md, then drop a scratch workdir
    (one the command line did not name). Shared with bench_load.py."""
    from bench_train import update_markdown

    if not args.no_write:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=2) + "\n")
        update_markdown(args.markdown, label, text)
        print(f"wrote {args.json} and a section of {args.markdown}")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--interval", type=float, default=1.0, help="seconds between two polls of one API script (run c); "
                    "a page polls as its script does (autotrain_ui/ui/live.py)")
    ap.add_argument("--no-api", action="store_true", help="skip run (c), the API scripts")
    ap.add_argument("--repeat", type=int, default=2, help="rounds of (a), (b), (c); ratios compare the means of "
                    "the runs' median tokens/s (default 2)")
    ap.add_argument("--max-steps", type=int, default=20, help="steps per run (default 20: ~60-90 s on 2 cores)")
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--block-size", type=int, default=256)
    ap.add_argument("--rows", type=int, default=400)
    ap.add_argument("--model", help="model (default: the offline SmolLM2-135M-Instruct folder, as tests use)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds one run may take")
    ap.add_argument("--workdir", type=Path, help="keep the projects and the app log here")
    ap.add_argument("--label", help="section name in RESULTS.md")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "polling.json")
    ap.add_argument("--markdown", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--wait-idle", type=float, default=120, help="before each run, wait up to this many seconds "
                    "for other processes to leave the CPU (0: do not wait)")
    ap.add_argument("--clients-nice", type=int, default=19, help="niceness of the polling clients (this process, "
                    "from run b on): 19 keeps their own cost off the app and the trainer; 0 charges it to run b")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)

    from bench_train import machine, wait_idle

    if args.model:
        model = args.model
    else:
        from autotrain_ui.core.models import DEFAULT_HUB_ID, materialize, resolve_model

        model = materialize(resolve_model(DEFAULT_HUB_ID))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-polling-"))
    workdir.mkdir(parents=True, exist_ok=True)
    home = workdir / "projects"
    home.mkdir(exist_ok=True)
    data = write_data(workdir / "train.csv", args.rows)
    settings = {"project_name": "poll", "model": model, "trainer": "sft", "peft": True, "text_column": "text",
                "batch_size": args.batch_size, "block_size": args.block_size, "max_steps": args.max_steps,
                "epochs": 100, "logging_steps": 1, "save_strategy": "no"}
    try:
        from autotrain_ui.core.params import LLMParams

        LLMParams.from_dict(settings)
    except Exception:
        settings.pop("save_strategy")

    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"warning: load average {load:.2f} at the start: other work on the machine skews both runs", flush=True)
    port = free_port()
    app = start_app(home, port, workdir / "app.log")
    from gradio_client import Client

    url = f"http://127.0.0.1:{port}/"
    try:
        client = Client(url, verbose=False)
        print(f"app on {url}, projects in {home}", flush=True)
        from autotrain_ui.ui import live

        kinds = [("baseline", None, "nobody polling"), ("tabs", live.INTERVAL_S, "open pages"),
                 ("api", args.interval, "API scripts")][: 2 if args.no_api else 3]
        runs: dict[str, list[dict]] = {key: [] for key, _, _ in kinds}
        for rep in range(args.repeat):  # a, b, c, a, b, c ...: drift over time falls on every kind alike
            for key, interval, what in kinds:
                print(f"{KEYS[key]}{rep + 1} the job with {what}" + (f" ({args.clients}, every {interval:g} s)"
                                                                     if interval else "") + " ...", flush=True)
                if args.wait_idle:
                    wait_idle(args.wait_idle)
                pollers = Pollers(url, args.clients, interval, key) if interval else None
                r = run_job(client, home, data, settings, app.pid, args.timeout, pollers)
                runs[key].append(r)
                print(f"  {r['status']}: median {r['tokens_per_second_median']} tokens/s, {r['wall_s']} s, "
                      f"app CPU {r['app_cpu_s']} s", flush=True)
                if key == "baseline" and args.clients_nice and rep == 0:
                    # the clients stand in for browsers on other machines: on the same cores they should not take
                    # CPU from the app or the trainer (Linux: nice is per thread, inherited by threads made later)
                    os.nice(args.clients_nice)
    finally:
        stop_app_and_jobs(app, home)
    for r in (r for rs in runs.values() for r in rs):
        if r["status"] != "succeeded" or not r["tokens_per_second_median"]:
            raise SystemExit(f"a run did not succeed or logged no throughput: {r}")
        if (r.get("polls") or {}).get("errors"):  # a poll that failed cost the app less than one that worked
            raise SystemExit(f"polls failed, so the run does not measure what a page costs: {r['polls']}")
    means = {k: statistics.fmean(r["tokens_per_second_median"] for r in rs) for k, rs in runs.items()}
    ratios = {k: means[k] / means["baseline"] for k in runs}
    ratio = ratios["tabs"]
    import gradio

    mach = machine()
    where = mach["gpu"].split(",")[0] if mach.get("gpu") else f"CPU, {mach.get('cores')} cores"
    label = args.label or f"{where}: polling, {args.clients} clients"
    res = {"label": label, "date": time.strftime("%Y-%m-%d %H:%M"), "machine": mach, "gradio": gradio.__version__,
           "clients": args.clients, "interval": args.interval, "tab_interval": live.INTERVAL_S,
           "tab_wait_s": live.next_wait_ms(args.clients) / 1000,
           "clients_nice": args.clients_nice, "target": TARGET, "ratio": round(ratio, 4),
           "ratio_api": round(ratios["api"], 4) if "api" in ratios else None, "repeat": args.repeat,
           "mean_tokens_per_second": {k: round(v, 2) for k, v in means.items()},
           "settings": {**settings, "model_name": "SmolLM2-135M-Instruct" if not args.model else model},
           "runs": runs}
    print("\nmean of the runs' median tokens/s: " + ", ".join(f"{k} {means[k]:.1f}" for k in runs))
    print(f"open pages: mean (b) / mean (a) = {ratio:.3f}  (target >= {TARGET:.2f}: "
          f"{'OK' if ratio >= TARGET else 'MISSED'})" + (f"; API scripts: {ratios['api']:.3f}" if "api" in ratios else ""))
    record(args, label, res, section(res), workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
