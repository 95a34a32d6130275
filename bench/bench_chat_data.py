"""The chat JSONL half of bench/bench_data.py (issue #23, "Big files"): see that file's docstring.

    python bench/bench_data.py [--sizes 200000,1000000] [--baseline REV] [--steps check,page,tokens] [--no-write]

Each step runs in a fresh child process (`--chat-child STEP TREE FILE`), with the tree's own code on sys.path.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "b7aad3c"      # main before issue #23's items 5 and 6: the code whose figures the issue quotes
OLD_TOKEN_ROWS = 20_000   # rows the baseline's token count is timed on (every row rendered), then scaled
WORDS = ("the model learns what we show it and nothing else so every row counts when a user brings data from a "
         "spreadsheet with commas, quotes \"like this\" and sometimes a line break inside a cell").split()


def generate(path: Path, rows: int, seed: int = 0) -> None:
    """Chat rows, ~420 bytes each: a user turn of 8-30 words and an answer of 25-62."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        chunk = []
        for _ in range(rows):
            q = " ".join(rng.choices(WORDS, k=rng.randint(8, 30)))
            a = " ".join(rng.choices(WORDS, k=rng.randint(25, 62)))
            chunk.append(json.dumps({"messages": [{"role": "user", "content": q},
                                                  {"role": "assistant", "content": a}]}) + "\n")
            if len(chunk) == 5000:
                fh.write("".join(chunk))
                chunk = []
        fh.write("".join(chunk))


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _watched(work) -> tuple[object, dict]:
    """work() in a thread while this thread wakes every 50 ms: how late it wakes is what a request would wait."""
    out: dict = {}
    worker = threading.Thread(target=lambda: out.update(value=work()), daemon=True)
    late = []
    worker.start()
    while worker.is_alive():
        t = time.perf_counter()
        time.sleep(0.05)
        late.append(time.perf_counter() - t - 0.05)
    late.sort()
    return out.get("value"), {"wake_p50_ms": round(1000 * late[len(late) // 2], 1) if late else 0.0,
                              "wake_max_ms": round(1000 * late[-1], 1) if late else 0.0}


def child(step: str, tree: str, path: str) -> dict:
    sys.path.insert(0, tree)
    baseline = Path(tree).resolve() != ROOT
    from autotrain_ui.core import data
    from autotrain_ui.core.params import LLMParams

    out: dict = {"step": step, "tree": "baseline" if baseline else "this"}
    if step == "page":
        import gradio  # noqa: F401 - the app has it loaded: its memory counts
        from autotrain_ui import suggest
        from autotrain_ui.ui import data_tab
        heard: list[float] = []
    start_rss, start, cpu = _peak_mb(), time.perf_counter(), _cpu()
    if step == "check":
        _, report = data.prepare(path, None)
    elif step == "page":
        def work():
            if baseline:
                return data_tab.inspect(path, None)
            return data_tab.inspect(path, None, lambda f, k: heard.append(time.perf_counter() - start))
        (_, _, report), out["responsiveness"] = _watched(work)
        advice = suggest.suggest(report, model=LLMParams().model) if not baseline else suggest.suggest(report)
        out["progress_updates"] = len(heard)
        out["first_progress_s"] = round(heard[0], 2) if heard else None
        out["advice"] = getattr(advice, "model", None) and str(advice.model.get("reason"))
    elif step == "tokens":
        from autotrain_ui.cli.data import _load_tokenizer

        examples, report = data.prepare(path, None)
        out["check_s"] = round(time.perf_counter() - start, 2)
        t = time.perf_counter()
        tokenizer, render, _ = _load_tokenizer(SimpleNamespace(model=LLMParams().model, chat_template=None), report)
        out["load_s"] = round(time.perf_counter() - t, 2)
        counted = examples[:OLD_TOKEN_ROWS] if baseline else examples
        t, c = time.perf_counter(), _cpu()
        data.add_token_stats(report, counted, tokenizer, render, None)
        out["tokens_s"], out["tokens_cpu_s"] = round(time.perf_counter() - t, 2), round(_cpu() - c, 2)
        out["counted_rows"], out["rows"] = len(counted), len(examples)
        if baseline:
            out["tokens_s_scaled"] = round(out["tokens_s"] * len(examples) / len(counted), 1)
        out["token_stats"] = {k: v for k, v in (report.token_stats or {}).items() if k != "over_block_rows"}
    out.update(seconds=round(time.perf_counter() - start, 2), cpu_s=round(_cpu() - cpu, 2),
               peak_mb=round(_peak_mb()), growth_mb=round(_peak_mb() - start_rss), rows=report.rows, ok=report.ok,
               language=getattr(report, "language", None))
    return out


def run_child(step: str, tree: Path, path: Path, timeout: float = 1800) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    proc = subprocess.run([sys.executable, __file__, "--chat-child", step, str(tree), str(path)], cwd=str(tree),
                          capture_output=True, text=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        return {"step": step, "error": proc.stderr[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def baseline_tree(rev: str, folder: Path) -> Path:
    """The code at `rev` (autotrain_ui and trainers), unpacked into folder/baseline."""
    target = folder / "baseline"
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "autotrain_ui", "trainers"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _row(name: str, r: dict) -> str:
    if "error" in r:
        return f"| {name} | failed: {r['error'].strip().splitlines()[-1][:120]} | | | | |"
    extra = ""
    if "responsiveness" in r:
        extra = (f"main thread woke {r['responsiveness']['wake_p50_ms']} ms late (p50), "
                 f"{r['responsiveness']['wake_max_ms']} ms (max); progress updates: {r.get('progress_updates')}")
    if "tokens_s" in r:
        ts = r["token_stats"]
        counted = ts.get("sampled", r["counted_rows"])
        extra = (f"tokens {r['tokens_s']} s ({r.get('tokens_cpu_s', '?')} s CPU) on {counted:,} of {r['rows']:,} rows"
                 + (" (a random sample)" if "sampled" in ts else "")
                 + (f" (scaled to the file: {r['tokens_s_scaled']} s)" if "tokens_s_scaled" in r else "")
                 + f"; mean {ts.get('mean')}" + (f" +/- {ts['mean_error']}" if "mean_error" in ts else "")
                 + f", p95 {ts.get('p95')}, max {ts.get('max')}")
    return f"| {name} | {r['seconds']} | {r['cpu_s']} | {r['peak_mb']} | {r['growth_mb']} | {extra} |"


def chat_main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="bench_data.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="200000,1000000", help="rows of each chat JSONL file (comma-separated)")
    ap.add_argument("--baseline", default=BASELINE, help=f"git revision measured beside this tree (default "
                    f"{BASELINE}); 'none' to skip")
    ap.add_argument("--steps", default="check,page,tokens")
    ap.add_argument("--csv-mb", type=float, default=20, help="also check and upload bench_load.py's CSV of this "
                    "many MB (the spec's SFT rows repeated; 0: not)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md and results/ alone")
    ap.add_argument("--chat-child", nargs=3, metavar=("STEP", "TREE", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.chat_child:
        print(json.dumps(child(*args.chat_child)))
        return 0
    folder = Path(tempfile.mkdtemp(prefix="bench_chat_"))
    trees = [("this tree", ROOT)]
    if args.baseline != "none":
        trees.append((f"baseline {args.baseline}", baseline_tree(args.baseline, folder)))
    load = os.getloadavg()
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M')} UTC on {os.cpu_count()} cores (shared: load average "
             f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the start)."]
    results: dict = {}
    files = []
    for rows in [int(n) for n in args.sizes.split(",") if n]:
        files.append((f"{rows:,} chat rows", rows, folder / f"chat{rows}.jsonl", args.steps.split(",")))
    if args.csv_mb:
        files.append(("bench_load.py's upload CSV", 0, folder / "upload.csv", ["check", "page"]))
    for title, rows, path, steps in files:
        if rows:
            generate(path, rows)
        else:
            sys.path.insert(0, str(ROOT / "bench"))
            from bench_load import repeated_csv

            repeated_csv(path, int(args.csv_mb * 2 ** 20))
        size = path.stat().st_size
        print(f"{title}, {size / 1e6:.0f} MB: {path}", flush=True)
        lines += ["", f"**{title}, {size / 1e6:.0f} MB**", "",
                  "| step | seconds | CPU s | peak RSS MB | RSS growth MB | notes |", "|---|---|---|---|---|---|"]
        for step in steps:
            for name, tree in trees:
                r = run_child(step, tree, path)
                results[f"{path.name}/{step}/{name}"] = r
                lines.append(_row(f"{step}, {name}", r))
                print(lines[-1], flush=True)
            if len(trees) == 2 and all("error" not in results[f"{path.name}/{step}/{n}"] for n, _ in trees):
                new, old = (results[f"{path.name}/{step}/{n}"] for n, _ in trees)
                if step == "tokens":
                    ratio = f"tokens: {old['tokens_s_scaled'] / max(new['tokens_s'], 0.01):.1f}x faster"
                    if "tokens_cpu_s" in new and "tokens_cpu_s" in old:
                        scaled = old["tokens_cpu_s"] * old["rows"] / old["counted_rows"]
                        ratio += f", {scaled / max(new['tokens_cpu_s'], 0.01):.1f}x less CPU"
                else:
                    ratio = (f"{old['seconds'] / max(new['seconds'], 0.01):.2f}x faster, "
                             f"{old['cpu_s'] / max(new['cpu_s'], 0.01):.2f}x less CPU, "
                             f"{old['peak_mb'] / max(new['peak_mb'], 1):.2f}x less peak memory")
                lines.append(f"| **{step}: old / new** | {ratio} | | | | |")
                print(lines[-1], flush=True)
        path.unlink()
    load = os.getloadavg()
    lines.append(f"\nLoad average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}.")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_train import update_markdown

        out = ROOT / "bench" / "results" / "data_chat.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2) + "\n")
        update_markdown(ROOT / "bench" / "RESULTS.md", "data check: big chat JSONL (issue #23)",
                        "## The data check on big chat JSONL files (issue #23)\n\n`python bench/bench_data.py`\n\n"
                        + text)
    subprocess.run(["rm", "-rf", str(folder)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(chat_main(sys.argv[1:]))
