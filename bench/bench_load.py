"""Load benchmark: 50 visitors on the app while a job trains. Does the app stay quick, and does training keep its pace?

    python bench/bench_load.py                    # ~6 min on 2 cores
    python bench/bench_load.py --duration 60 --alone 30   # a shorter look

One run does, in order (loopback only, 127.0.0.1; every request has a timeout, every visitor stops at the end):
  1. starts the real app (`python app.py --port P`, AUTOTRAIN_HOME=a temporary folder) in its own process group;
  2. trains a 1-step job through `/submit` (SmolLM2-135M-Instruct, the offline default model, LoRA SFT) so that the
     chats have a finished model to talk to;
  3. submits the measured job: the same SFT on tests/data/seed/sft.csv repeated, enough steps to outlast the
     measurement, logging every --logging-steps steps; waits for its first logged steps (the warm-up);
  4. (a) alone: --alone seconds (default 60) with nobody on the app;
  5. (b) load: for --duration seconds (default 120) --visitors threads (default 50), each a visitor: `GET /` at
     its arrival (arrivals spread evenly over the first --page-every s, default 30) and every --page-every s after,
     `/status` of the job every 2 s (plain HTTP: `GET /autotrain/status?job=ID`, the app's plain route, where
     there is one; else one POST to `/gradio_api/run/status` where /status runs outside the queue; else Gradio's
     two-request call protocol; --status-via picks one);
     and, spread over the window, --uploads (5) uploads of a 20 MB CSV (`/gradio_api/upload`, then the data tab's
     check on upload, the event the page fires, joined through the queue as a browser does) and --chats (5) chats
     (`/chat`, 32 new tokens, with the finished job of step 2);
  6. (a') alone again, --alone seconds;
  7. cancels the job, stops the app, and prints per endpoint the count, p50, p95 and max latency, the errors, and
     the job's tokens/s: the median `tokens_per_second` of the steps logged during (b) against those logged
     during (a) and (a') (events.jsonl, the same job, so nothing but the load differs).

The visitors are threads of this process at nice 19 (from step 4 on): they stand in for browsers on other machines,
so their own CPU should not be charged to the app. Each window prints the CPU the app took (its process group: the
app and its data-check worker), the trainer's, and the share of the cores everything else took (/proc/stat less the
app's and the trainer's: other work on the machine, and these visitors), with the load averages.

Targets (issue #22): 0 errors; `/status` p95 <= 500 ms; page load p95 <= 2 s; training slowed by <= 15%.
Results: bench/results/load.json and a section of bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_polling import call, cpu_seconds, free_port, record, start_app, stop_app_and_jobs  # noqa: E402

TARGETS = {"errors": 0, "status_p95_s": 0.5, "page_p95_s": 2.0, "slowdown": 0.15}
TIMEOUT = 60.0          # seconds any one request may take before it counts as an error
PROMPT = "Hello, who are you?"


# ------------------------------------------------------------------------------------------- data
def repeated_csv(path: Path, min_bytes: int, min_rows: int = 0) -> Path:
    """tests/data/seed/sft.csv's rows repeated until the file holds min_bytes and min_rows."""
    lines = (ROOT / "tests" / "data" / "seed" / "sft.csv").read_text().splitlines()
    header, rows = lines[0], [r for r in lines[1:] if r.strip()]
    block = "\n".join(rows) + "\n"
    copies = max(min_rows // len(rows) + 1, min_bytes // len(block.encode()) + 1)
    path.write_text(header + "\n" + block * copies)
    return path


# ------------------------------------------------------------------------------------------- HTTP
def get_page(url: str) -> int:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as reply:
        reply.read()
        return reply.status


def status_plain(url: str, job_id: str) -> dict:
    """The app's plain status route: one GET, /status's answer under the same guard, outside Gradio."""
    with urllib.request.urlopen(f"{url}/autotrain/status?job={job_id}", timeout=TIMEOUT) as reply:
        return json.loads(reply.read())


def status_direct(url: str, job_id: str) -> dict:
    """`/status` outside the queue: one POST, the answer in the reply (404 when the endpoint is queued)."""
    body = json.dumps({"data": [job_id]}).encode()
    request = urllib.request.Request(f"{url}/gradio_api/run/status", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:
        return json.loads(reply.read())["data"][0]


def status_queued(url: str, job_id: str) -> str:
    return call(url, "status", job_id, timeout=TIMEOUT)


STATUS_VIA = {"plain": (status_plain, "GET /autotrain/status (the app's plain route, outside Gradio)"),
              "run": (status_direct, "POST /gradio_api/run/status (Gradio, outside its queue)"),
              "call": (status_queued, "Gradio's call protocol (through the queue)")}


def status_via(url: str, job_id: str, wanted: str) -> str:
    """The cheapest way to poll /status this app offers (or `wanted`): plain, else run, else call."""
    for way in ([wanted] if wanted != "auto" else ["plain", "run", "call"]):
        try:
            STATUS_VIA[way][0](url, job_id)
            return way
        except urllib.error.HTTPError:
            continue
    raise SystemExit(f"/status cannot be polled via {wanted}")


def multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{path.name}\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode()
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload_check(url: str, path: Path, fn_index: int, trigger: int, others: list) -> None:
    """What the page does when a file is dropped on the data tab: upload it, then join the queue for the check on
    upload (with the file and the values of the event's other inputs, as the page sends them) and read the
    session's event stream until that event completes."""
    body, ctype = multipart(path)
    request = urllib.request.Request(f"{url}/gradio_api/upload?upload_id={uuid.uuid4().hex[:11]}", data=body,
                                     headers={"Content-Type": ctype})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:
        server_path = json.loads(reply.read())[0]
    session = uuid.uuid4().hex[:11]
    filedata = {"path": server_path, "orig_name": path.name, "size": path.stat().st_size, "mime_type": "text/csv",
                "meta": {"_type": "gradio.FileData"}}
    join = json.dumps({"data": [filedata, *others], "fn_index": fn_index, "trigger_id": trigger, "session_hash": session,
                       "event_data": None}).encode()
    request = urllib.request.Request(f"{url}/gradio_api/queue/join", data=join,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:
        event_id = json.loads(reply.read())["event_id"]
    with urllib.request.urlopen(f"{url}/gradio_api/queue/data?session_hash={session}", timeout=TIMEOUT) as stream:
        for raw in stream:
            line = raw.decode(errors="replace").strip()
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            if msg.get("event_id") == event_id and msg.get("msg") == "process_completed":
                if not msg.get("success"):
                    raise RuntimeError(f"the check failed: {str(msg.get('output'))[:200]}")
                return
    raise RuntimeError("the event stream ended before the check completed")


def upload_event(url: str) -> tuple[int, int, list]:
    """(fn_index, trigger id, the values of its inputs after the file: the page's defaults, as a fresh page sends
    them) of the data tab's check on upload, from the page's config."""
    with urllib.request.urlopen(f"{url}/config", timeout=TIMEOUT) as reply:
        config = json.loads(reply.read())
    value = {c["id"]: c.get("props", {}).get("value") for c in config["components"]}
    file_id = next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "data-file")
    for i, dep in enumerate(config["dependencies"]):
        if [file_id, "upload"] in [list(t) for t in dep.get("targets", [])]:
            return dep.get("id", i), file_id, [value.get(c) for c in dep.get("inputs", [])[1:]]
    raise SystemExit("the data tab's upload event was not found in /config")


# ------------------------------------------------------------------------------------------- visitors
class Visitors:
    """--visitors page threads (page loads and /status polls) and one thread per upload and per chat, all ending
    when the window does."""

    def __init__(self, url: str, job_id: str, chat_job: str, big: Path, args, way: str):
        self.url, self.job_id, self.chat_job, self.big, self.args = url, job_id, chat_job, big, args
        self.status, self.way = STATUS_VIA[way][0], way
        self.latency: dict[str, list[float]] = {"page": [], "status": [], "upload": [], "chat": []}
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.start_at = self.end_at = 0.0

    def timed(self, name: str, fn, *args) -> None:
        t = time.time()
        try:
            fn(*args)
        except Exception as exc:  # counted, never fatal: a failed request is a result too
            with self.lock:
                self.errors.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
            return
        with self.lock:
            self.latency[name].append(time.time() - t)

    def sleep_until(self, when: float) -> bool:
        while time.time() < when:
            if time.time() >= self.end_at:
                return False
            time.sleep(min(0.2, when - time.time()))
        return time.time() < self.end_at

    def visitor(self, k: int) -> None:
        offset = self.args.page_every * k / self.args.visitors  # arrivals spread over one page interval: steady
        next_page, next_status = self.start_at + offset, self.start_at + offset
        while True:
            when = min(next_page, next_status)
            if not self.sleep_until(when):
                return
            if when == next_page:
                self.timed("page", get_page, self.url + "/")
                next_page += self.args.page_every
            else:
                self.timed("status", self.status, self.url, self.job_id)
                next_status = max(next_status + 2.0, time.time())  # a slow answer delays the next ask, as a page's

    def once(self, name: str, when: float, fn, *args) -> None:
        if self.sleep_until(when):
            self.timed(name, fn, *args)

    def run(self, duration: float) -> dict:
        self.start_at = time.time() + 0.5
        self.end_at = self.start_at + duration
        fn_index, trigger, others = upload_event(self.url)
        jobs = [(self.visitor, (k,)) for k in range(self.args.visitors)]
        for i in range(self.args.uploads):  # spread over the window, chats between uploads
            jobs.append((self.once, ("upload", self.start_at + duration * (i + 0.1) / self.args.uploads, upload_check,
                                     self.url, self.big, fn_index, trigger, others)))
        for i in range(self.args.chats):
            jobs.append((self.once, ("chat", self.start_at + duration * (i + 0.5) / self.args.chats, call, self.url,
                                     "chat", self.chat_job, PROMPT, False, 32, 0.0)))
        for target, args in jobs:
            th = threading.Thread(target=target, args=args, daemon=True, name=str(args[0]))
            th.start()
            self.threads.append(th)
        time.sleep(max(0.0, self.end_at - time.time()))
        grace = self.end_at + TIMEOUT  # an upload or chat still going may finish; one that does not is an error
        for th in self.threads:
            th.join(timeout=max(0.0, grace - time.time()))
        with self.lock:
            self.errors += [f"{th.name}: unanswered {TIMEOUT:.0f} s after the window ended"
                            for th in self.threads if th.is_alive()]
        return {name: stats(xs) for name, xs in self.latency.items()} | {
            "errors": len(self.errors), "first_errors": self.errors[:8],
            "status_via": STATUS_VIA[self.way][1]}


def stats(xs: list[float]) -> dict | None:
    if not xs:
        return None
    xs = sorted(xs)
    pick = lambda q: xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]  # noqa: E731
    return {"count": len(xs), "p50_s": round(pick(0.50), 4), "p95_s": round(pick(0.95), 4), "max_s": round(xs[-1], 4)}


# ------------------------------------------------------------------------------------------- the job
class EventWatch:
    """Tails the job's events.jsonl every 0.25 s and notes when each logged step arrived (wall clock)."""

    def __init__(self, path: Path):
        from autotrain_ui.core.events import Tail

        self.tail, self.events, self.stop = Tail(path), [], threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self) -> None:
        while not self.stop.wait(0.25):
            now = time.time()
            self.events += [e | {"_at": now} for e in self.tail.read_events() if e.get("tokens_per_second")]

    def rates(self, t0: float, t1: float) -> list[float]:
        return [e["tokens_per_second"] for e in list(self.events) if t0 <= e["_at"] < t1]


def machine_window(sides):
    """A function that, called at the end of a window, gives the CPU seconds of the app's and the trainer's
    processes (`sides()`: pid -> "app" or "trainer", asked at the start and at the end, so a process started
    during the window counts too) and the share of the cores everything else took."""
    from bench_train import _machine_busy

    hz = os.sysconf("SC_CLK_TCK")
    seen = dict(sides())
    mine0 = {p: _cpu(p) for p in seen}
    busy0, t0 = _machine_busy(), time.time()

    def end() -> dict:
        seen.update(sides())
        ours = {p: max(0.0, _cpu(p) - mine0.get(p, 0.0)) for p in seen}
        total = (_machine_busy() - busy0) / hz
        wall = time.time() - t0
        return {"wall_s": round(wall, 1),
                "cpu_s": {side: round(sum(v for p, v in ours.items() if seen[p] == side), 1)
                          for side in ("app", "trainer")},
                "others_share": round(max(0.0, total - sum(ours.values())) / wall / (os.cpu_count() or 1), 3),
                "loadavg": [round(x, 2) for x in os.getloadavg()]}

    return end


def _cpu(pid: int) -> float:
    value = cpu_seconds(pid)
    return 0.0 if value != value else value   # gone: nothing more counted (its start was counted)


def app_sides(app_pid: int) -> dict[int, str]:
    """The app's processes (its group: the app and its data-check worker) and the trainer's (its own group)."""
    from bench_train import process_tree

    out = {}
    for pid in process_tree(app_pid):
        try:
            out[pid] = "app" if os.getpgid(pid) == app_pid else "trainer"
        except ProcessLookupError:
            continue
    return out


def submit(client, data: Path, settings: dict) -> str:
    from gradio_client import handle_file

    return client.predict(handle_file(str(data)), json.dumps(settings), api_name="/submit")


def wait_status(client, job_id: str, done, timeout: float) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = client.predict(job_id, api_name="/status")
        if done(status):
            return status
        time.sleep(1.0)
    raise SystemExit(f"job {job_id} did not get there within {timeout:.0f} s: {status}")


# ------------------------------------------------------------------------------------------- report
def section(res: dict) -> str:
    m, v = res["machine"], res["visitors"]
    w = res["windows"]
    lines = [f"## {res['label']}", "",
             f"Measured {res['date']} on **{m.get('cpu', '?')}, {m.get('cores')} cores** (nproc {res['nproc']}); "
             f"torch {m.get('torch')}, gradio {res['gradio']}.", "",
             f"One app (`python app.py`), one job training (SmolLM2-135M-Instruct, LoRA SFT on tests/data/seed/sft.csv "
             f"repeated, batch {res['settings']['batch_size']}, block {res['settings']['block_size']}, logging every "
             f"{res['settings']['logging_steps']} steps). (a) {res['alone_s']:g} s alone, (b) {res['duration_s']:g} s "
             f"with {res['args']['visitors']} visitors (each: `GET /` at arrival, arrivals spread over the first "
             f"{res['args']['page_every']:g} s, and every {res['args']['page_every']:g} s after; "
             f"`/status` every 2 s via {v['status_via']}; {res['args']['uploads']} uploads of a "
             f"{res['upload_mb']:.0f} MB CSV with the data check, {res['args']['chats']} chats of 32 tokens), "
             f"(a') {res['alone_s']:g} s alone again.", "",
             "| endpoint | requests | p50 | p95 | max | target |", "|---|---|---|---|---|---|"]
    goals = {"status": "p95 <= 500 ms", "page": "p95 <= 2 s"}
    for name in ("page", "status", "upload", "chat"):
        s = v.get(name)
        if s:
            lines.append(f"| {name} | {s['count']} | {s['p50_s'] * 1000:.0f} ms | {s['p95_s'] * 1000:.0f} ms | "
                         f"{s['max_s'] * 1000:.0f} ms | {goals.get(name, '')} |")
    t = res["training"]
    lines += ["", f"**Errors: {v['errors']}** (target 0)" + (f": {'; '.join(v['first_errors'][:3])}"
                                                             if v["errors"] else "."),
              "", (f"**Training: {t['load_tokens_per_second']:.1f} tokens/s under load vs "
                   f"{t['alone_tokens_per_second']:.1f} alone (median of the logged steps in each window): slowed by "
                   f"{t['slowdown']:.1%}** (target <= 15%; " if "slowdown" in t else "**Training: not compared** (")
              + f"steps logged: {t['alone_steps']} alone, {t['load_steps']} under load).", "",
              "| window | wall (s) | app CPU (s) | trainer CPU (s) | other work on the machine (share of all cores) | "
              "load average (1, 5, 15 min) at its end |", "|---|---|---|---|---|---|"]
    for key, label in (("alone_before", "(a) alone"), ("load", "(b) load"), ("alone_after", "(a') alone")):
        x = w[key]
        lines.append(f"| {label} | {x['wall_s']} | {x['app_cpu_s']} | {x['trainer_cpu_s']} | {x['others_share']:.0%} | "
                     f"{', '.join(str(a) for a in x['loadavg'])} |")
    met = res["met"]
    lines += ["", "Targets: " + ", ".join(f"{k} {'met' if ok else '**missed**'}" for k, ok in met.items()) + ".", ""]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- main
def parse_args(argv=None):
    from bench_train import output_arguments

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--visitors", type=int, default=50)
    ap.add_argument("--duration", type=float, default=120, help="seconds of load (b)")
    ap.add_argument("--alone", type=float, default=60, help="seconds alone, before (a) and after (a') the load")
    ap.add_argument("--page-every", type=float, default=30, help="seconds between two page loads of one visitor")
    ap.add_argument("--uploads", type=int, default=5)
    ap.add_argument("--upload-mb", type=float, default=20)
    ap.add_argument("--chats", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--block-size", type=int, default=128)
    ap.add_argument("--logging-steps", type=int, default=1)
    ap.add_argument("--status-via", choices=["auto", *STATUS_VIA], default="auto", help="how the visitors poll "
                    "/status: plain (GET /autotrain/status, outside Gradio), "
                    "run (POST /gradio_api/run/status, outside the queue), "
                    "call (Gradio's call protocol, through the queue, as gradio_client does); auto: the first the "
                    "app offers")
    ap.add_argument("--workdir", type=Path, help="keep the projects and the app log here")
    ap.add_argument("--label", help="section name in RESULTS.md")
    output_arguments(ap, "load")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    from gradio_client import Client

    from bench_train import machine

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-load-"))
    home = workdir / "projects"
    home.mkdir(parents=True, exist_ok=True)
    train = repeated_csv(workdir / "sft.csv", 0, min_rows=4000)
    big = repeated_csv(workdir / "upload.csv", int(args.upload_mb * 2 ** 20))
    base = {"trainer": "sft", "peft": True, "text_column": "text", "batch_size": args.batch_size,
            "block_size": args.block_size, "epochs": 1000, "save_strategy": "no", "valid_percent": 0}
    start_load = [round(x, 2) for x in os.getloadavg()]
    port = free_port()
    app = start_app(home, port, workdir / "app.log")
    url = f"http://127.0.0.1:{port}"
    print(f"app on {url}, projects in {home}; load average at the start {start_load}", flush=True)
    windows: dict[str, dict] = {}
    try:
        client = Client(url + "/", verbose=False)
        chat_job = submit(client, train, {**base, "project_name": "chatty", "max_steps": 1, "logging_steps": 1})
        wait_status(client, chat_job, lambda s: s["status"] not in ("queued", "starting", "running"), 900)
        job = submit(client, train, {**base, "project_name": "measured", "max_steps": 100000,
                                     "logging_steps": args.logging_steps})
        name = wait_status(client, job, lambda s: s["status"] == "running", 300)["name"]
        watch = EventWatch(home / name / "events.jsonl")
        deadline = time.time() + 600
        while len(watch.events) < 2 and time.time() < deadline:  # the warm-up's steps are not measured
            time.sleep(1)
        way = status_via(url, job, args.status_via)
        os.nice(19)  # the visitors stand in for browsers elsewhere (Linux: per thread, inherited by new threads)

        def window(key: str, seconds: float, visitors: Visitors | None = None):
            print(f"{key}: {seconds:.0f} s" + (f" with {args.visitors} visitors ..." if visitors else " ..."),
                  flush=True)
            end, t0 = machine_window(lambda: app_sides(app.pid)), time.time()
            out = visitors.run(seconds) if visitors else (time.sleep(seconds) or None)
            t1 = time.time()
            x = end()
            windows[key] = {**x, "t0": t0, "t1": t1, "app_cpu_s": x["cpu_s"]["app"],
                            "trainer_cpu_s": x["cpu_s"]["trainer"]}
            return out

        window("alone_before", args.alone)
        visitors = window("load", args.duration, Visitors(url, job, chat_job, big, args, way))
        window("alone_after", args.alone)
        watch.stop.set()
        try:
            call(url, "cancel", job, timeout=30)
        except Exception:
            pass
    finally:
        stop_app_and_jobs(app, home, settle=2)
    alone = (watch.rates(windows["alone_before"]["t0"], windows["alone_before"]["t1"])
             + watch.rates(windows["alone_after"]["t0"], windows["alone_after"]["t1"]))
    loaded = watch.rates(windows["load"]["t0"], windows["load"]["t1"])
    training = {"alone_steps": len(alone), "load_steps": len(loaded)}
    if alone and loaded:
        a, b = statistics.median(alone), statistics.median(loaded)
        training |= {"alone_tokens_per_second": round(a, 2), "load_tokens_per_second": round(b, 2),
                     "slowdown": round(1 - b / a, 4)}
    else:
        print(f"warning: no steps logged in a window (alone {len(alone)}, load {len(loaded)}): the machine is too "
              "busy or the windows too short to compare training", flush=True)
    met = {"0 errors": visitors["errors"] == 0,
           "/status p95 <= 500 ms": bool(visitors["status"]) and visitors["status"]["p95_s"] <= 0.5,
           "page p95 <= 2 s": bool(visitors["page"]) and visitors["page"]["p95_s"] <= 2.0,
           "training slowed <= 15%": training.get("slowdown", 1.0) <= 0.15}
    import gradio

    mach = machine()
    label = args.label or f"CPU, {mach.get('cores')} cores: load, {args.visitors} visitors"
    res = {"label": label, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": mach,
           "nproc": os.cpu_count(), "gradio": gradio.__version__, "args": vars(args) | {
               "workdir": str(args.workdir) if args.workdir else None, "json": None, "markdown": None},
           "settings": {**base, "logging_steps": args.logging_steps}, "alone_s": args.alone,
           "duration_s": args.duration, "upload_mb": big.stat().st_size / 2 ** 20, "loadavg_at_start": start_load,
           "visitors": visitors, "training": training, "windows": windows, "met": met}
    print(section(res))
    record(args, label, res, section(res), workdir)
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
