"""bench/gpu.sh's two Python steps: the check before the runs, and the summary of issue #17's figures after them.

    python bench/gpu_report.py preflight MODEL OUT.json   # prints shell assignments for gpu.sh; exit 3 if unusable
    python bench/gpu_report.py summary --started T --preflight P.json --results gpu-a.json ... [--skipped ...]

The preflight finds out in seconds what would otherwise fail minutes into the runs: the packages and their
versions, whether bitsandbytes quantizes on this GPU, whether Liger's kernels compile and agree with torch (our
trainer uses them on CUDA whenever they are installed, so a broken Liger would fail every run of ours), and
whether MODEL has weights or only a tokenizer (then the 135M comparison uses random weights).

The summary puts every figure the issue asks for next to its target, in one section of bench/RESULTS.md, and
in bench/results/gpu-summary.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

ESSENTIAL = ("torch", "transformers", "trl", "peft", "accelerate", "datasets")
# What the runs import, down to the classes (transformers and trl load lazily: a version clash shows only there)
RUN_IMPORTS = (("transformers", "Trainer"), ("transformers", "AutoModelForCausalLM"), ("trl", "SFTTrainer"),
               ("trl", "SFTConfig"), ("peft", "LoraConfig"), ("datasets", "Dataset"), ("accelerate", "Accelerator"),
               ("trainers.sft", "run"), ("trainers.clm", "run"), ("trainers.causal", "build_trainer"),
               ("trainers.loading", "load"), ("trainers.run", "fit"), ("trainers.__main__", "main"),
               ("bench_train", "main"))
OPTIONAL = ("bitsandbytes", "liger_kernel", "triton", "pynvml")
BUDGET_S = 8 * 60  # issue #17: the whole script in at most 8 minutes on one H200


# --------------------------------------------------------------------------------------------- preflight
def _version(module: str) -> str | None:
    """The version of an importable module; None where it is not installed; 'unusable: ...' where it fails to import."""
    try:
        mod = __import__(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        return f"unusable: {type(exc).__name__}: {exc}"[:200]
    except Exception as exc:  # noqa: BLE001 - any failure to import is "not usable" here
        return f"unusable: {type(exc).__name__}: {exc}"[:200]
    import importlib.metadata

    version = getattr(mod, "__version__", None)
    if version is None:
        try:
            version = importlib.metadata.version(module.replace("_", "-"))
        except importlib.metadata.PackageNotFoundError:
            version = "?"
    return str(version)


def check_bitsandbytes() -> str:
    """'ok', or why an int4 layer does not run on this GPU."""
    try:
        import bitsandbytes as bnb
        import torch

        layer = bnb.nn.Linear4bit(64, 64, bias=False, compute_dtype=torch.bfloat16, quant_type="nf4").cuda()
        x = torch.randn(8, 64, device="cuda", dtype=torch.bfloat16)
        y = layer(x)
        torch.cuda.synchronize()
        return "ok" if bool(torch.isfinite(y).all()) else "int4 layer gave non-finite output"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"[:300]


def check_liger() -> str:
    """'ok', or why Liger's RMSNorm kernel does not compile or does not agree with the plain computation."""
    try:
        import torch
        from liger_kernel.transformers import LigerRMSNorm

        x = torch.randn(4, 64, 576, device="cuda", dtype=torch.bfloat16)
        norm = LigerRMSNorm(576, eps=1e-5).to("cuda", torch.bfloat16)
        want = (x.float() * torch.rsqrt(x.float().pow(2).mean(-1, keepdim=True) + 1e-5)).to(torch.bfloat16)
        got = norm(x)
        torch.cuda.synchronize()
        err = ((got.float() - want.float()).abs().max() / want.float().abs().max()).item()
        return "ok" if err < 0.02 else f"RMSNorm differs from torch by {err:.3g} of its largest value"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"[:300]


def has_weights(model: str) -> bool:
    from autotrain_ui.core.models import resolve_model

    try:
        source = resolve_model(model)
    except Exception:  # noqa: BLE001 - no model at all: the runs say so in their own words
        return False
    if source.kind != "folder":
        return True  # a hub id or a .gguf file holds weights
    return any(Path(source.path).glob("*.safetensors")) or any(Path(source.path).glob("*.bin"))


def import_problems() -> list[str]:
    """Every module and class the runs use, imported here: what cannot be, and why."""
    import importlib

    problems = []
    for module, name in RUN_IMPORTS:
        try:
            getattr(importlib.import_module(module), name)
        except Exception as exc:  # noqa: BLE001 - any failure to import is what this check is for
            problems.append(f"{module}.{name}: {type(exc).__name__}: {exc}"[:300])
    return problems


def requirement_problems(site: Path | None) -> list[str]:
    """The requirements of each package installed into `site` (the carried wheels) that this Python does not meet:
    a carried package newer than the machine's own needs more than the machine has."""
    import importlib.metadata

    from packaging.requirements import Requirement
    from packaging.version import Version

    if site is None or not Path(site).is_dir():
        return []
    problems = []
    for dist in importlib.metadata.distributions(path=[str(site)]):
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            try:
                have = importlib.metadata.version(req.name)
            except importlib.metadata.PackageNotFoundError:
                problems.append(f"{dist.metadata['Name']} {dist.version} needs {req}: not installed")
                continue
            if req.specifier and not req.specifier.contains(Version(have), prereleases=True):
                problems.append(f"{dist.metadata['Name']} {dist.version} needs {req}: {have} is installed")
    return problems


def preflight(model: str, out: Path, dry_run: bool = False, site: Path | None = None) -> int:
    """The packages (each carried one's requirements, then every import the runs make), then, unless a dry run,
    bitsandbytes and Liger on this GPU and whether MODEL has weights."""
    info: dict = {"python": sys.version.split()[0], "model": model}
    info["requirements"] = requirement_problems(site)
    info["imports"] = import_problems()
    for problem in info["requirements"] + info["imports"]:
        print(f"  {problem}", file=sys.stderr)
    if info["requirements"] or info["imports"]:
        print("bench/gpu.sh: cannot run: the packages above do not import or do not fit together here. Make the "
              "wheels again with `python bench/gpu_wheels.py` (its CARRY and DEVICE_VERSIONS) where pip works.",
              file=sys.stderr)
        return 3
    info["versions"] = {m: _version(m) for m in ESSENTIAL + OPTIONAL}
    if dry_run:
        print("  dry run: every import the runs make works; the GPU checks are left out", file=sys.stderr)
        print("HAS_BNB=1\nLIGER_OK=1\nMODEL_HAS_WEIGHTS=0")
        return 0
    import torch

    info["cuda"] = torch.version.cuda
    info["gpu"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    missing = [m for m in ESSENTIAL if info["versions"][m] is None or info["versions"][m].startswith("unusable")]
    installed = {m: info["versions"][m] and not info["versions"][m].startswith("unusable") for m in OPTIONAL}
    info["bitsandbytes"] = check_bitsandbytes() if installed["bitsandbytes"] else "not installed"
    info["liger"] = check_liger() if installed["liger_kernel"] else "not installed"
    info["model_has_weights"] = has_weights(model)
    out.write_text(json.dumps(info, indent=2) + "\n")
    for key in ("python", "cuda", "gpu"):
        print(f"  {key}: {info[key]}", file=sys.stderr)
    for name, version in info["versions"].items():
        print(f"  {name}: {version}", file=sys.stderr)
    print(f"  bitsandbytes int4 on this GPU: {info['bitsandbytes']}; Liger kernels: {info['liger']}; "
          f"{model}: {'weights' if info['model_has_weights'] else 'no weights (random weights of its architecture)'}",
          file=sys.stderr)
    if missing:
        print(f"bench/gpu.sh: cannot run: {', '.join(missing)} missing or broken here. pip install -r "
              "requirements.txt, or, on a machine with no package index, run `python bench/gpu_wheels.py` where pip "
              "works and bring its .gpu folder along.", file=sys.stderr)
        return 3
    print(f"HAS_BNB={1 if info['bitsandbytes'] == 'ok' else 0}")
    print(f"LIGER_OK={1 if info['liger'] == 'ok' else 0}")
    print(f"MODEL_HAS_WEIGHTS={1 if info['model_has_weights'] else 0}")
    return 0


# ----------------------------------------------------------------------------------------------- summary
def _run(res: dict | None, key: str) -> dict:
    return ((res or {}).get("runs") or {}).get(key) or {}


def _fmt(value, spec: str) -> str:
    return spec.format(value) if isinstance(value, (int, float)) else "-"


def _met(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "**not met**")


def targets(results: dict[str, dict], total_s: float | None) -> list[dict]:
    """Issue #17's targets, each with the figure measured (None where its run did not happen or failed)."""
    lora, full, qlora = results.get("135m-lora"), results.get("360m-full"), results.get("360m-qlora")
    ratio = lambda res, key: ((res or {}).get("ratios") or {}).get(key)  # noqa: E731
    mfu = _run(full, "ours").get("mfu_bf16")
    fp16 = ((lora or {}).get("variant_ratios") or {}).get("ours-fp16") or {}
    first = _run(lora, "ours").get("first_step_s")
    int8 = ((qlora or {}).get("variant_ratios") or {}).get("ours-int8") or {}
    rows = [
        {"figure": "360M full fine-tune, bf16: MFU of the measured bf16 peak", "target": ">= 25% (goal 40%)",
         "value": mfu, "shown": _fmt(mfu, "{:.1%}"), "met": None if mfu is None else mfu >= 0.25},
        {"figure": "135M LoRA: tokens/s vs TRL", "target": ">= 3x", "value": ratio(lora, "tokens_per_s"),
         "shown": _fmt(ratio(lora, "tokens_per_s"), "{:.2f}x")},
        {"figure": "135M LoRA: GPU memory vs TRL", "target": "<= 1.0x", "value": ratio(lora, "peak_memory"),
         "shown": _fmt(ratio(lora, "peak_memory"), "{:.2f}x")},
        {"figure": "360M QLoRA int4: tokens/s vs TRL", "target": ">= 2x", "value": ratio(qlora, "tokens_per_s"),
         "shown": _fmt(ratio(qlora, "tokens_per_s"), "{:.2f}x")},
        {"figure": "360M QLoRA: int8 base vs int4 (ours): tokens/s", "target": "measured", "value": int8.get(
            "tokens_per_s"), "shown": _fmt(int8.get("tokens_per_s"), "{:.2f}x"), "met": None},
        {"figure": "135M LoRA: launch to first step (ours)", "target": "<= 12 s", "value": first,
         "shown": _fmt(first, "{:.1f} s")},
        {"figure": "135M LoRA, --mixed-precision fp16 vs bf16: held-out loss", "target": "equal within noise",
         "value": fp16.get("heldout_loss_diff"),
         "shown": (f"{fp16['heldout_loss_diff']:+.4f} (+/- {fp16['heldout_loss_diff_se']:.4f} s.e.)"
                   if fp16.get("heldout_loss_diff") is not None else "-"),
         "met": fp16.get("within_noise")},
        {"figure": "bench/gpu.sh, all of it", "target": "<= 8 min", "value": total_s,
         "shown": "-" if total_s is None else f"{total_s:.0f} s ({total_s / 60:.1f} min)",
         "met": None if total_s is None else total_s <= BUDGET_S},
    ]
    limits = {"135M LoRA: tokens/s vs TRL": (3.0, True), "135M LoRA: GPU memory vs TRL": (1.0, False),
              "360M QLoRA int4: tokens/s vs TRL": (2.0, True), "135M LoRA: launch to first step (ours)": (12.0, False)}
    for row in rows:
        if row["figure"] in limits:
            limit, higher = limits[row["figure"]]
            row["met"] = None if row["value"] is None else (row["value"] >= limit if higher else row["value"] <= limit)
    return rows


RUN_NAMES = {"ours": "ours", "trl": "TRL"}


def figures(name: str, res: dict) -> list[str]:
    """Every run of one comparison as table rows: tokens/s, MFU, memory, launch to first step, wall."""
    out = []
    for key, run in res.get("runs", {}).items():
        who = RUN_NAMES.get(key) or f"ours, {run.get('variant') or key}"
        if run.get("error"):
            last = [x for x in run["error"].splitlines() if x.strip()][-1].strip()
            out.append(f"| {name} | {who} | failed: {last[:90]} | | | | |")
            continue
        memory = run["peak_gpu_bytes"] / 2 ** 30 if run.get("peak_gpu_bytes") else None
        out.append(f"| {name} | {who} | {_fmt(run.get('tokens_per_s'), '{:.0f}')} | "
                   f"{_fmt(run.get('mfu_bf16'), '{:.1%}')} | {_fmt(memory, '{:.2f}')} | "
                   f"{_fmt(run.get('first_step_s'), '{:.1f}')} | "
                   f"{_fmt(run.get('wall_s'), '{:.1f}')} |")
    return out


def startup_lines(results: dict[str, dict]) -> list[str]:
    """Where our runs' launch to first step went: seconds from the launch to each stage (bench_train's startup_s)."""
    out = []
    for name, res in results.items():
        for key, run in res.get("runs", {}).items():
            stages = run.get("startup_s") or {}
            if key.startswith("ours") and len(stages) > 1:
                who = "ours" if key == "ours" else f"ours, {run.get('variant') or key}"
                out.append(f"- {name}, {who}: " + ", ".join(f"{stage.replace('_', ' ')} {_fmt(t, '{:.1f}')} s"
                                                            for stage, t in stages.items()))
    return out


def summary_section(pre: dict, results: dict[str, dict], total_s: float | None, install_s: float | None,
                    skipped: list[str], label: str) -> str:
    versions = pre.get("versions", {})
    lines = [f"## {label}", "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `bash bench/gpu.sh` on **{pre.get('gpu')}** (CUDA "
             f"{pre.get('cuda')}), Python {pre.get('python')}; "
             + ", ".join(f"{k} {v}" for k, v in versions.items() if v) + ".", "",
             f"bitsandbytes int4 check: {pre.get('bitsandbytes')}; Liger kernels: {pre.get('liger')}"
             + (f"; carried wheels installed in {install_s:.0f} s" if install_s is not None else "") + ".", "",
             "| target (issue #17) | wanted | measured | |", "|---|---|---|---|"]
    for row in targets(results, total_s):
        lines.append(f"| {row['figure']} | {row['target']} | {row['shown']} | {_met(row['met'])} |")
    lines += ["", "| comparison | run | real tokens/s | MFU vs bf16 peak | peak GPU mem (GB) | "
                  "launch to 1st step (s) | wall (s) |", "|---|---|---|---|---|---|---|"]
    for name, res in results.items():
        lines += figures(name, res)
    startup = startup_lines(results)
    if startup:
        lines += ["", "Launch to first step, seconds from the launch to each stage of our runs' start:", "", *startup]
    if skipped:
        lines += ["", f"Not run: {', '.join(skipped)} (the time budget was spent, or its package is missing; see "
                      "the script's output)."]
    lines += ["", "Each comparison's own section below has the held-out losses, the settings each run chose and the "
                  "data; the JSON is in bench/results/.", ""]
    return "\n".join(lines)


def summary(args) -> int:
    from bench_train import update_markdown

    pre = json.loads(Path(args.preflight).read_text()) if args.preflight and Path(args.preflight).exists() else {}
    results = {}
    since = (args.since if args.since is not None else args.started) - 60  # "date" is to the minute
    for path in args.results:
        path = Path(path)
        if not path.exists():
            continue
        res = json.loads(path.read_text())
        try:
            when = time.mktime(time.strptime(res.get("date", ""), "%Y-%m-%d %H:%M"))
        except ValueError:
            continue
        if when >= since:  # this run's (or, with --since, a recent run's on this machine), not a stale file's
            results[path.stem.removeprefix("gpu-")] = res
    total = time.time() - args.started
    card = (pre.get("gpu") or "GPU").split(",")[0]
    label = f"{card}: issue #17 targets"
    section = summary_section(pre, results, total, args.install_s, args.skipped, label)
    update_markdown(Path(args.markdown), label, section)
    out = {"label": label, "total_s": round(total, 1), "install_s": args.install_s, "skipped": args.skipped,
           "preflight": pre, "targets": targets(results, total)}
    Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    print(section)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("preflight")
    p.add_argument("model")
    p.add_argument("out", type=Path)
    p.add_argument("--dry-run", action="store_true", help="the package checks only (no GPU needed)")
    p.add_argument("--site", type=Path, help="where gpu.sh installed the carried wheels")
    s = sub.add_parser("summary")
    s.add_argument("--started", type=float, required=True, help="when gpu.sh started (unix time)")
    s.add_argument("--since", type=float, help="use comparisons measured since this unix time (default --started): "
                   "a second run of one suite then joins the first run's figures")
    s.add_argument("--install-s", type=float)
    s.add_argument("--preflight")
    s.add_argument("--results", nargs="*", default=[])
    s.add_argument("--skipped", nargs="*", default=[])
    s.add_argument("--markdown", default=str(ROOT / "bench" / "RESULTS.md"))
    s.add_argument("--json", default=str(ROOT / "bench" / "results" / "gpu-summary.json"))
    args = ap.parse_args(argv)
    if args.cmd == "preflight":
        return preflight(args.model, args.out, args.dry_run, args.site)
    return summary(args)


if __name__ == "__main__":
    sys.exit(main())
