"""Wheels and the tokenizer for bench/gpu.sh on a GPU machine with no package index.

    python bench/gpu_wheels.py          # (make gpu-wheels) -> .gpu/wheels/*.whl, .gpu/tokenizer/, .gpu/MANIFEST.txt

Run it where pip reaches PyPI, with the project's own Python (.venv). The GPU machine this is sized for (the
`nvidia-h200` device: Python 3.12, x86_64, glibc 2.39, torch 2.11+cu130 and most of the stack installed, nothing
reachable) lacks some packages and has others at versions the tests here did not run on. This downloads, for its
Python and platform, every package in CARRY:

- at the version installed here, where it is installed here (the code was tested against that one);
- else at the newest version requirements-gpu.txt allows (bitsandbytes, liger-kernel: never installed on a CPU).

bitsandbytes' wheel holds one library per CUDA version (43 MB, most of the 64 MiB a device call may carry); the
copy made here keeps only those of the GPU machine's CUDA major (--cuda, default 13 for torch's cu130 build),
with its RECORD rewritten so pip installs it as usual. The tokenizer is SmolLM2-135M-Instruct's, without weights
(the default model's weights are 98 MB or more in any form): bench/gpu.sh then trains random weights of SmolLM2's
architecture, as the speed does not depend on the weights.

At the end it checks that .gpu plus the working tree that travels fits in the carry limit, and says how to run.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# What bench/gpu.sh needs on the GPU machine besides what its image has: PyPI name -> why it is carried.
CARRY = {
    "trl": "not on the device image (the DPO/ORPO/reward trainers and the TRL baseline)",
    "datasets": "not on the device image (TRL, the reward and preference trainers, the TRL baseline)",
    "dill": "a dependency of datasets, not on the device image",
    "multiprocess": "a dependency of datasets, not on the device image",
    "transformers": "on the device image at another version (5.17.0) than the tests here ran on",
    "peft": "on the device image at a version not recorded; the one the tests here ran on",
    "gguf": "not on the device image (only for a .gguf BENCH_MODEL)",
    # what the carried transformers, datasets and trl need newer than the device's own, or not there at all
    # (their Requires-Dist, checked against DEVICE_VERSIONS by requirement_problems below)
    "huggingface-hub": "on the device image at 1.33.0; the carried transformers needs >= 2.4",
    "httpx2": "huggingface_hub 2's HTTP client, not on the device image",
    "httpcore2": "a dependency of httpx2, not on the device image",
    "truststore": "a dependency of httpx2 and httpcore2, not on the device image",
    "hf-xet": "on the device image at a version not recorded; huggingface_hub 2 needs >= 1.6",
    "click": "on the device image at a version not recorded; huggingface_hub 2 needs >= 8.4.2",
    "kernels": "required by the carried transformers (>= 0.19.1), not on the device image",
    "tomlkit": "a dependency of kernels, not on the device image",
    "bitsandbytes": "requirements-gpu.txt: --quantization int4 (the QLoRA comparison)",
    "liger-kernel": "requirements-gpu.txt: Liger's kernels on CUDA",
    "orjson": "the data check's JSONL reader and row hashing (autotrain_ui/data), not on the device image",
}
# On the device image already (/work/.library/device/KINDS.md's package list, read there on 2026-11-17), used as
# they are: what the trainer and the bench import directly and CARRY does not bring.
DEVICE_HAS = ("torch", "triton", "accelerate", "tokenizers", "safetensors", "numpy", "pandas",
              "pyarrow", "matplotlib", "nvidia-ml-py", "httpx", "pyyaml", "jinja2", "psutil", "packaging", "regex",
              "tqdm", "filelock", "fsspec", "xxhash", "requests", "sentencepiece", "tensorboard")
# Imported by the trainer or the bench, but neither carried nor needed there: module -> why.
NOT_NEEDED = {
    "deepspeed": "only with --distributed-backend deepspeed, which the bench never asks for (refused where missing)",
    "flash_attn": "only with --use-flash-attention-2, which the bench never asks for (a source build needing nvcc)",
    "vllm": "GRPO's faster generation where it is installed (the model's own generate otherwise); the bench runs no GRPO",
}
# The device image's versions as a session read them there (/work/.library/device/KINDS.md, 2026-11): what a carried
# package's requirements are checked against. A package of DEVICE_HAS not named here has a version nobody recorded:
# the check lists it as assumed, and bench/gpu.sh's preflight checks it there (gpu_report.requirement_problems).
DEVICE_VERSIONS = {"accelerate": "1.15.0", "huggingface-hub": "1.33.0", "numpy": "2.5.2", "safetensors": "0.8.0",
                   "sentencepiece": "0.2.2", "tokenizers": "0.23.2", "torch": "2.11.0", "transformers": "5.17.0",
                   "triton": "3.6.0"}
# On the device image too (its package list), used only as what a carried package may need
DEVICE_ALSO = ("anyio", "annotated-doc", "certifi", "charset-normalizer", "filelock", "h11", "idna", "jinja2",
               "markupsafe", "mpmath", "networkx", "packaging", "pydantic", "pyyaml", "python-dateutil", "rich",
               "setuptools", "shellingham", "sympy", "typer", "typing-extensions", "tzdata", "urllib3")
DEVICE_MARKERS = {"python_version": "3.12", "python_full_version": "3.12.3",
                  "sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64",
                  "os_name": "posix", "implementation_name": "cpython", "platform_python_implementation": "CPython",
                  "extra": ""}

PYTHON_VERSION = "3.12"
PLATFORMS = ("manylinux_2_39_x86_64", "manylinux_2_35_x86_64", "manylinux_2_34_x86_64", "manylinux_2_31_x86_64",
             "manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_24_x86_64", "manylinux_2_17_x86_64",
             "manylinux2014_x86_64", "manylinux1_x86_64")
CARRY_LIMIT = 64 * 2 ** 20  # what one device call may carry: the working tree and the carried folders together
MARGIN = 4 * 2 ** 20        # room for the tree to grow before the next run
TOKENIZER_FILES = ("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
                   "special_tokens_map.json", "chat_template.jinja", "tokenizer.model")


def wheel_metadata(path: Path) -> tuple[str, str, list[str]]:
    """(name, version, Requires-Dist lines) of a wheel, read from its METADATA."""
    from email.parser import Parser

    with zipfile.ZipFile(path) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        parsed = Parser().parsestr(z.read(meta).decode("utf-8"))
    return parsed["Name"], parsed["Version"], parsed.get_all("Requires-Dist") or []


def requirement_problems(wheels: list[tuple[str, str, list[str]]]) -> tuple[list[str], list[str]]:
    """Each carried wheel's requirements (extras left out, markers for the device's Python and platform) against
    the carried versions, then the device's recorded ones: (problems, assumptions). A requirement on a device
    package whose version nobody recorded is an assumption, checked on the device by bench/gpu.sh."""
    from packaging.requirements import Requirement
    from packaging.version import Version

    carried = {canonical(name): version for name, version, _ in wheels}
    present = {canonical(n) for n in (*DEVICE_HAS, *DEVICE_ALSO)}
    problems, assumed = [], []
    for name, version, requires in wheels:
        for line in requires:
            req = Requirement(line)
            if req.marker is not None and not req.marker.evaluate(DEVICE_MARKERS):
                continue
            dep = canonical(req.name)
            have = carried.get(dep) or DEVICE_VERSIONS.get(dep)
            if have is None:
                (assumed if dep in present else problems).append(
                    f"{name} {version} needs {req}: " + ("on the device, version not recorded" if dep in present
                                                         else "neither carried nor on the device"))
            elif req.specifier and not req.specifier.contains(Version(have), prereleases=True):
                where = "carried" if dep in carried else "on the device"
                problems.append(f"{name} {version} needs {req}: {have} {where}")
    return problems, sorted(set(assumed))


def requirement_lines(path: Path) -> dict[str, str]:
    """name (canonical) -> the requirement as written, from a requirements file (comments dropped)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name = re.match(r"[A-Za-z0-9._-]+", line).group(0)
            out[canonical(name)] = line.replace(" ", "")
    return out


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def specs() -> list[str]:
    """One pip requirement per CARRY package: `name==version` where installed here, else requirements-gpu.txt's line."""
    gpu = requirement_lines(ROOT / "requirements-gpu.txt")
    out = []
    for name in CARRY:
        try:
            out.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            if canonical(name) not in gpu:
                raise SystemExit(f"gpu_wheels: {name} is neither installed here nor in requirements-gpu.txt: run "
                                 "`make setup` first, or add it to requirements-gpu.txt")
            out.append(gpu[canonical(name)])
    return out


def download(requirements: list[str], dest: Path) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--python-version",
           PYTHON_VERSION, "--implementation", "cp", "--disable-pip-version-check", "-q", "-d", str(dest)]
    for platform in PLATFORMS:
        cmd += ["--platform", platform]
    cmd += ["--platform", "any", *requirements]
    print("gpu_wheels: pip download " + " ".join(requirements), flush=True)
    subprocess.run(cmd, check=True)


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def slim_wheel(path: Path, drop) -> list[str]:
    """Rewrite a wheel without the members for which drop(name) is true, with a RECORD that lists what is left
    (pip checks nothing else). -> the names dropped."""
    dropped, kept = [], []
    with zipfile.ZipFile(path) as src:
        infos = src.infolist()
        record = next(i.filename for i in infos if i.filename.endswith(".dist-info/RECORD"))
        for info in infos:
            if info.filename == record:
                continue
            (dropped if drop(info.filename) else kept).append(info)
        if not dropped:
            return []
        tmp = path.with_suffix(".tmp")
        lines = []
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for info in kept:
                data = src.read(info)
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                lines.append(f"{info.filename},{_record_hash(data)},{len(data)}")
            lines.append(f"{record},,")
            out.writestr(record, "\n".join(lines) + "\n")
    os.replace(tmp, path)
    return [i.filename for i in dropped]


def bnb_drop(cuda_major: str):
    """bitsandbytes' native libraries for other CUDA majors, ROCm and XPU (the CPU one stays: it is its fallback)."""
    keep = re.compile(rf"libbitsandbytes_(cpu|cuda{cuda_major}\d+)\.so$")
    return lambda name: bool(re.search(r"libbitsandbytes_\w+\.so$", name)) and not keep.search(name)


def copy_tokenizer(dest: Path) -> str:
    """SmolLM2-135M-Instruct's tokenizer and config (no weights) into dest: what bench/gpu.sh's BENCH_MODEL needs."""
    from autotrain_ui.core.models import DEFAULT_HUB_ID, materialize, resolve_model

    folder = Path(materialize(resolve_model(DEFAULT_HUB_ID)))
    dest.mkdir(parents=True, exist_ok=True)
    for name in TOKENIZER_FILES:
        if (folder / name).is_file():
            shutil.copy2(folder / name, dest / name)
    return str(folder)


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def tree_bytes() -> int:
    """The working tree that a device call sends: tracked files and untracked ones git does not ignore."""
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         capture_output=True, check=True).stdout
    return sum((ROOT / name).stat().st_size for name in out.decode().split("\0") if name and (ROOT / name).is_file())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / ".gpu", help="where (default .gpu, which git ignores)")
    ap.add_argument("--cuda", default="13", help="the GPU machine's CUDA major (its torch's build: cu130 -> 13)")
    args = ap.parse_args(argv)

    wheels = args.out / "wheels"
    shutil.rmtree(wheels, ignore_errors=True)
    wheels.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        download(specs(), Path(tmp))
        for whl in sorted(Path(tmp).glob("*.whl")):
            shutil.move(str(whl), wheels / whl.name)
    notes = {}
    for whl in wheels.glob("bitsandbytes-*.whl"):
        dropped = slim_wheel(whl, bnb_drop(args.cuda))
        notes[whl.name] = f"trimmed to the CUDA {args.cuda}.x libraries ({len(dropped)} others left out)"
    source = copy_tokenizer(args.out / "tokenizer")
    problems, assumed = requirement_problems([wheel_metadata(w) for w in sorted(wheels.glob("*.whl"))])

    lines = [f"# made by bench/gpu_wheels.py for Python {PYTHON_VERSION} x86_64, CUDA {args.cuda}.x", ""]
    for whl in sorted(wheels.glob("*.whl")):
        lines.append(f"{whl.name}  {whl.stat().st_size / 2 ** 20:.1f} MiB  {notes.get(whl.name, '')}".rstrip())
    lines.append(f"tokenizer/  {folder_bytes(args.out / 'tokenizer') / 2 ** 20:.1f} MiB  from {source}")
    lines += ["", "requirements assumed met by the device (checked there by bench/gpu.sh's preflight):",
              *[f"  {a}" for a in assumed]]
    carried, tree = folder_bytes(args.out), tree_bytes()
    lines += ["", f"total {carried / 2 ** 20:.1f} MiB carried + {tree / 2 ** 20:.1f} MiB working tree = "
                  f"{(carried + tree) / 2 ** 20:.1f} MiB of the {CARRY_LIMIT / 2 ** 20:.0f} MiB a device call carries"]
    (args.out / "MANIFEST.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    if problems:
        print("gpu_wheels: the carried packages need what the GPU machine does not have:\n  " + "\n  ".join(problems)
              + "\nadd those packages to CARRY (or correct DEVICE_VERSIONS)", file=sys.stderr)
        return 1
    if carried + tree + MARGIN > CARRY_LIMIT:
        print(f"gpu_wheels: too large to carry (limit {CARRY_LIMIT / 2 ** 20:.0f} MiB with "
              f"{MARGIN / 2 ** 20:.0f} MiB to spare): leave a package out of CARRY or trim it", file=sys.stderr)
        return 1
    print(f"\nready: on the GPU machine, from the repository root, with {args.out.name} carried:\n"
          f"    set -o pipefail; GPU_OUT=$OUT bash bench/gpu.sh 2>&1 | tee $OUT/gpu.log")
    return 0


if __name__ == "__main__":
    sys.exit(main())
