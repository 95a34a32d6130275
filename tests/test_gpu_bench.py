"""bench/gpu.sh made ready for a GPU machine with no package index, checked where a CPU can check it: the script's
syntax, its refusal without CUDA, the commands it would run (GPU_DRY_RUN) and its time budget, the wheels it
would be brought (bench/gpu_wheels.py) against what the trainer and the bench import, and the report of issue
#17's figures it writes."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from tests.code_imports import CUDA_ONLY, REPO, distributions_of, imports_by_module, reachable_files

GPU_SH = REPO / "bench" / "gpu.sh"


def bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gpu_sh(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(GPU_SH), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHON": sys.executable, **env})


def test_gpu_sh_is_valid_bash():
    done = subprocess.run(["bash", "-n", str(GPU_SH)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_gpu_sh_refuses_without_cuda_and_says_what_to_run_instead():
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU: the refusal cannot be seen here")
    done = gpu_sh({})
    assert done.returncode == 2
    assert "needs a CUDA GPU" in done.stderr and "bench/bench_train.py" in done.stderr
    assert "Traceback" not in done.stderr


def dry_commands(env: dict | None = None, *args: str) -> tuple[list[list[str]], str]:
    """The commands gpu.sh would run, without its package check (GPU_DRY_RUN=plan: seconds, and no time of the budget
    spent on it); test_the_dry_run_makes_every_import_the_runs_make runs the check."""
    done = gpu_sh({"GPU_DRY_RUN": "plan", **(env or {})}, *args)
    commands = [shlex.split(line)[1:] for line in done.stdout.splitlines() if line.startswith("bench_train.py ")]
    return commands, done.stderr


def test_every_command_gpu_sh_runs_is_one_bench_train_accepts_fp16_included():
    bench = bench_module("bench_train")
    commands, _ = dry_commands()
    assert len(commands) == 3, "135m (with its fp16 run), 360m and qlora"
    parsed = [bench.parse_args(argv) for argv in commands]
    lora, full, qlora = parsed
    assert [v["params"] for v in lora.also] == [{"mixed_precision": "fp16"}], "the fp16 run is compared with bf16"
    assert full.full and not full.also and qlora.quantization == "int4"
    assert [v["params"] for v in qlora.also][0] == {"quantization": "int8"}, "QLoRA int4 is compared with int8 too"
    assert all(p.deadline is not None and p.batch_size == 32 for p in parsed)
    assert len({p.deadline for p in parsed}) == 1, "one time budget for the whole script"
    assert {str(p.json) for p in parsed} == {"bench/results/gpu-135m-lora.json", "bench/results/gpu-360m-full.json",
                                              "bench/results/gpu-360m-qlora.json"}


def gpu_sh_defaults() -> tuple[int, dict[str, int], int]:
    """bench/gpu.sh's default time budget, its estimate per comparison, and the QLoRA switch's run's."""
    import re

    text = GPU_SH.read_text()
    budget = int(re.search(r"GPU_BUDGET_S:-(\d+)", text).group(1))
    est = {m.group(1): int(m.group(2)) for m in re.finditer(r"\[([\w-]+)\]=\$\{GPU_EST_\w+:-(\d+)\}", text)}
    return budget, est, int(re.search(r"GPU_EST_VARIANT:-(\d+)", text).group(1))


def test_the_default_budget_holds_every_comparison_of_the_targets_within_8_minutes():
    """One command for every figure of the issue: the three comparisons' estimates fit the budget, which leaves the
    summary room inside 8 minutes, so it can run twice in 15 minutes of GPU time."""
    budget, est, _ = gpu_sh_defaults()
    assert set(est) == {"135m-lora", "360m-full", "360m-qlora"}
    assert sum(est.values()) <= budget <= 8 * 60 - 20


def test_gpu_sh_runs_only_what_the_time_budget_still_holds_and_says_how_to_run_the_rest():
    _, est, variant = gpu_sh_defaults()
    commands, err = dry_commands({"GPU_BUDGET_S": str(est["360m-qlora"] - 1)})
    assert [argv[argv.index("--json") + 1] for argv in commands] == ["bench/results/gpu-135m-lora.json",
                                                                     "bench/results/gpu-360m-full.json"]
    assert f"skipping the 360m-qlora comparison: it takes ~{est['360m-qlora']} s and" in err
    assert "GPU_SUITES=qlora bash" in err
    commands, err = dry_commands({"GPU_BUDGET_S": str(est["360m-qlora"] + variant - 1), "GPU_SUITES": "qlora"})
    assert len(commands) == 1 and "lean:AUTOTRAIN_KBIT_PREP=lean" not in commands[0], \
        "the QLoRA switch's run is the first thing left out"
    assert "int8:quantization=int8" in commands[0] and "runs without its AUTOTRAIN_KBIT_PREP=lean run" in err
    commands, err = dry_commands({"GPU_BUDGET_S": str(min(est.values()) - 1)})
    assert commands == [] and "GPU_SUITES=135m bash" in err and "GPU_SUITES=360m bash" in err


def test_the_dry_run_makes_every_import_the_runs_make(tmp_path):
    """GPU_DRY_RUN=1 goes through the real runs' package check: a trl whose SFTTrainer does not import stops it,
    named, before any command (as it would stop a GPU machine's run in seconds, not minutes in)."""
    done = gpu_sh({"GPU_DRY_RUN": "1"})
    assert done.returncode == 0 and "every import the runs make works" in done.stderr
    assert done.stdout.count("bench_train.py ") == 3
    broken = tmp_path / "trl"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise ImportError('huggingface_hub>=2.4 is required, 1.33.0 is installed')\n")
    done = gpu_sh({"GPU_DRY_RUN": "1", "PYTHONPATH": f"{tmp_path}:{os.environ.get('PYTHONPATH', '')}"})
    assert done.returncode == 3 and "bench_train.py " not in done.stdout
    assert "trl.SFTTrainer: ImportError: huggingface_hub>=2.4 is required" in done.stderr


def test_the_wheels_carry_every_requirement_the_gpu_machine_does_not_meet():
    """The carried packages' own requirements (their metadata, as installed here) against the GPU machine's recorded
    versions: transformers needs a newer huggingface_hub than the machine's 1.33, which needs httpx2 ... all carried.
    Leave huggingface_hub out and the check names it."""
    import importlib.metadata

    wheels = bench_module("gpu_wheels")
    here = []
    for name in wheels.CARRY:
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue   # bitsandbytes, liger-kernel: CUDA only, never installed on a CPU machine
        here.append((dist.metadata["Name"], dist.version, dist.requires or []))
    problems, assumed = wheels.requirement_problems(here)
    assert problems == [], problems
    assert any("pyarrow" in a for a in assumed), "a device package of unrecorded version is listed as assumed"
    without = [w for w in here if canonicalize_name(w[0]) != "huggingface-hub"]
    problems, _ = wheels.requirement_problems(without)
    assert any(p.startswith("transformers") and "huggingface-hub" in p and "1.33.0 on the device" in p
               for p in problems), problems


def test_the_preflight_names_a_carried_package_whose_requirement_the_machine_does_not_meet(tmp_path):
    report = bench_module("gpu_report")
    info = tmp_path / "site" / "newpkg-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newpkg\nVersion: 1.0\n"
                                   "Requires-Dist: packaging>=999\nRequires-Dist: no-such-dist-here\n")
    problems = report.requirement_problems(tmp_path / "site")
    assert any("newpkg 1.0 needs packaging>=999" in p for p in problems)
    assert any("no-such-dist-here: not installed" in p for p in problems)


def test_the_wheels_bring_what_the_trainer_and_the_bench_import_that_the_gpu_machine_lacks():
    wheels = bench_module("gpu_wheels")
    carried = {canonicalize_name(n) for n in wheels.CARRY}
    present = {canonicalize_name(n) for n in wheels.DEVICE_HAS}
    files = reachable_files([*REPO.glob("trainers/*.py"), REPO / "bench" / "bench_train.py",
                             REPO / "bench" / "gpu_report.py"])
    known = {**CUDA_ONLY, "pynvml": "nvidia-ml-py"}  # nvidia-ml-py is on the GPU machine, not here
    problems = []
    for module, where in sorted(imports_by_module(files).items()):
        if module in wheels.NOT_NEEDED or (REPO / "bench" / f"{module}.py").is_file():  # bench's own modules
            continue
        names = {canonicalize_name(n) for n in distributions_of(module) or [known.get(module, module)]}
        if not names & (carried | present):
            problems.append(f"{module} (imported by {where[0]}): add its package to bench/gpu_wheels.py's CARRY, "
                            "or to DEVICE_HAS if the GPU machine's image has it")
    assert not problems, "\n".join(problems)
    gpu = wheels.requirement_lines(REPO / "requirements-gpu.txt")
    assert set(gpu) <= carried, "every CUDA-only package of the image is brought to the GPU machine too"
    assert not carried & present, "a package both carried and used as the GPU machine has it"


def test_wheel_versions_are_the_ones_tested_here_or_the_gpu_files_ranges():
    wheels = bench_module("gpu_wheels")
    import transformers

    specs = wheels.specs()
    assert f"transformers=={transformers.__version__}" in specs, "the GPU machine runs the transformers tested here"
    gpu = wheels.requirement_lines(REPO / "requirements-gpu.txt")
    bnb = next(s for s in specs if s.startswith("bitsandbytes"))
    assert bnb == gpu["bitsandbytes"] or bnb.startswith("bitsandbytes=="), bnb


def _wheel(path: Path, files: dict[str, bytes]) -> Path:
    record = "pkg-1.0.dist-info/RECORD"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
        z.writestr(record, "stale\n")
    return path


def test_a_trimmed_wheel_keeps_the_rest_and_a_record_that_matches_it(tmp_path):
    wheels = bench_module("gpu_wheels")
    files = {"pkg/__init__.py": b"x = 1\n", "pkg/libbitsandbytes_cpu.so": b"cpu", "pkg/libbitsandbytes_cuda118.so":
             b"old" * 100, "pkg/libbitsandbytes_cuda130.so": b"new", "pkg/libbitsandbytes_rocm72.so": b"amd",
             "pkg-1.0.dist-info/METADATA": b"Name: pkg\n"}
    whl = _wheel(tmp_path / "pkg-1.0-py3-none-any.whl", files)
    dropped = wheels.slim_wheel(whl, wheels.bnb_drop("13"))
    assert sorted(dropped) == ["pkg/libbitsandbytes_cuda118.so", "pkg/libbitsandbytes_rocm72.so"]
    with zipfile.ZipFile(whl) as z:
        names = set(z.namelist())
        record = z.read("pkg-1.0.dist-info/RECORD").decode().splitlines()
        assert names == set(files) - set(dropped) | {"pkg-1.0.dist-info/RECORD"}
        for line in record:
            name, digest, size = line.rsplit(",", 2)
            if name.endswith("RECORD"):
                continue
            data = z.read(name)
            want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == want and int(size) == len(data), name
        assert len(record) == len(names)


def _run(tokens_per_s, memory_gb, first, wall=60.0, mfu=0.1, error=None, variant=None):
    if error:
        return {"error": error, "variant": variant}
    return {"tokens_per_s": tokens_per_s, "peak_gpu_bytes": memory_gb * 2 ** 30, "first_step_s": first,
            "wall_s": wall, "mfu_bf16": mfu, "variant": variant}


def _result(runs: dict, heldout: dict) -> dict:
    bench = bench_module("bench_train")
    res = {"runs": runs, "heldout": heldout, "device": "cuda", "data": {"heldout": {"rows": 3}}}
    bench.summarize(res)
    return res


def test_a_variant_is_compared_with_our_default_run_and_judged_within_noise():
    res = _result({"ours": _run(1000, 4.0, 10), "trl": _run(400, 5.0, 30),
                   "ours-fp16": _run(900, 6.0, 11, variant="mixed_precision=fp16")},
                  {"base": {"loss": 9.0, "tokens": 30}, "ours": {"loss": 3.0, "row_losses": [2.9, 3.0, 3.1]},
                   "trl": {"loss": 3.1, "row_losses": [3.0, 3.1, 3.2]},
                   "ours-fp16": {"loss": 3.004, "row_losses": [2.905, 3.003, 3.104]}})
    fp16 = res["variant_ratios"]["ours-fp16"]
    assert fp16["tokens_per_s"] == 0.9 and fp16["peak_memory"] == 1.5
    assert fp16["heldout_loss_diff"] == pytest.approx(0.004, abs=1e-4) and fp16["within_noise"]
    table = bench_module("bench_train").table(res)
    assert "(c) ours, mixed_precision=fp16" in table and "within noise" in table

    res["heldout"]["ours-fp16"] = {"loss": 3.5, "row_losses": [3.4, 3.5, 3.6]}
    bench_module("bench_train").summarize(res)
    assert res["variant_ratios"]["ours-fp16"]["within_noise"] is False


def test_the_summary_puts_every_figure_next_to_its_target(tmp_path):
    report = bench_module("gpu_report")
    ours = {**_run(3500, 3.0, 9.5), "startup_s": {"process_started": 2.0, "model_loaded": 6.5, "first_step": 9.5}}
    lora = _result({"ours": ours, "trl": _run(1000, 4.0, 30),
                    "ours-fp16": _run(3400, 3.2, 10, variant="mixed_precision=fp16")},
                   {"ours": {"loss": 3.0, "row_losses": [3.0] * 3}, "trl": {"loss": 3.0, "row_losses": [3.0] * 3},
                    "ours-fp16": {"loss": 3.001, "row_losses": [3.001] * 3}})
    full = _result({"ours": _run(7000, 30, 20, mfu=0.31), "trl": _run(10000, 10, 30)}, {})
    qlora = _result({"ours": _run(3000, 3, 20), "ours-x": _run(1, 1, 1, error="exit 1: boom", variant="X=1"),
                     "trl": _run(2000, 6, 30, error="timed out after 100 s")}, {})
    rows = {r["figure"]: r for r in report.targets({"135m-lora": lora, "360m-full": full, "360m-qlora": qlora}, 470)}
    assert rows["135M LoRA: tokens/s vs TRL"]["met"] is True and rows["135M LoRA: GPU memory vs TRL"]["met"] is True
    assert rows["360M full fine-tune, bf16: MFU of the measured bf16 peak"]["shown"] == "31.0%"
    assert rows["360M QLoRA int4: tokens/s vs TRL"]["met"] is None, "a failed TRL run leaves the ratio unmeasured"
    assert rows["135M LoRA: launch to first step (ours)"]["met"] is True
    assert rows["135M LoRA, --mixed-precision fp16 vs bf16: held-out loss"]["met"] is True
    assert rows["bench/gpu.sh, all of it"]["met"] is True

    import time

    results = {}
    now = time.strftime("%Y-%m-%d %H:%M")
    for name, res in (("135m-lora", lora), ("360m-full", full), ("360m-qlora", qlora)):
        path = tmp_path / f"gpu-{name}.json"
        path.write_text(json.dumps({**res, "date": now if name != "360m-full" else "2026-11-28 18:59"}))
        results[name] = path
    pre = tmp_path / "pre.json"
    pre.write_text(json.dumps({"gpu": "NVIDIA H200", "cuda": "13.0", "python": "3.12.3", "bitsandbytes": "ok",
                               "liger": "ok", "versions": {"torch": "2.11.0", "trl": "1.16.0"}}))
    markdown, out = tmp_path / "RESULTS.md", tmp_path / "summary.json"
    assert report.main(["summary", "--started", str(time.time()), "--preflight", str(pre), "--markdown",
                        str(markdown), "--json", str(out), "--results", *map(str, results.values()),
                        "--skipped", "360m-full (time budget)"]) == 0
    text = markdown.read_text()
    assert "| 360m-full |" not in text, "a comparison measured before this run is not this run's figure"
    assert "Not run: 360m-full (time budget)" in text
    assert "<!-- bench:NVIDIA H200: issue #17 targets -->" in text
    for figure in ("MFU of the measured bf16 peak", "tokens/s vs TRL", "GPU memory vs TRL", "launch to first step",
                   "fp16 vs bf16", "all of it"):
        assert figure in text
    assert "| 360m-qlora | TRL | failed: timed out after 100 s |" in text
    assert "| 135m-lora | ours, mixed_precision=fp16 | 3400 |" in text
    assert "- 135m-lora, ours: process started 2.0 s, model loaded 6.5 s, first step 9.5 s" in text
    assert json.loads(out.read_text())["targets"]


def test_a_run_says_when_it_reached_each_stage_of_its_start(tiny_model, testdata, tmp_path):
    """run_info.json's timeline, which the bench turns into where launch to first step went."""
    import time

    from tests.conftest import make_project, run_in_process

    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name="t", model=tiny_model, trainer="sft",
                           epochs=1, block_size=64, logging_steps=1, mixed_precision="fp32")
    before = time.time()
    assert run_in_process(project) == 0
    timeline = json.loads((project / "run_info.json").read_text())["timeline"]
    stages = ["process_started", "libraries_imported", "template_chosen", "model_loaded", "trainer_built"]
    assert list(timeline) == stages
    times = [timeline[s] for s in stages]
    assert before <= times[0] and times == sorted(times) and times[-1] <= time.time()


def test_the_preflight_says_what_gpu_sh_may_run_and_stops_on_a_missing_package(tiny_model, tmp_path, capsys,
                                                                               monkeypatch):
    report = bench_module("gpu_report")
    out = tmp_path / "pre.json"
    assert report.preflight(tiny_model, out) == 0
    assigned = dict(line.split("=") for line in capsys.readouterr().out.splitlines())
    assert assigned["MODEL_HAS_WEIGHTS"] == "1"
    info = json.loads(out.read_text())
    assert info["versions"]["trl"] and info["versions"]["transformers"]
    if info["versions"]["bitsandbytes"] is None:
        assert assigned["HAS_BNB"] == "0" and info["bitsandbytes"] == "not installed"

    monkeypatch.setattr(report, "ESSENTIAL", (*report.ESSENTIAL, "no_such_package_here"))
    assert report.preflight(tiny_model, out) == 3
    captured = capsys.readouterr()
    assert captured.out == "" and "no_such_package_here missing" in captured.err and "gpu_wheels.py" in captured.err
