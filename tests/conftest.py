"""Shared fixtures: where the test data lives (tests/data), a tiny random Llama with SmolLM2's tokenizer, the real
SmolLM2-135M-Instruct (offline copy), and a helper that runs a trainer the way the subprocess does."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def testdata_dir() -> Path:
    """tests/data: every file a test reads lives inside the repository (AUTOTRAIN_TESTDATA points elsewhere)."""
    override = os.environ.get("AUTOTRAIN_TESTDATA")
    return Path(override) if override else REPO / "tests" / "data"


@pytest.fixture(scope="session")
def testdata() -> Path:
    path = testdata_dir()
    assert path.is_dir(), f"test data not found at {path} (set AUTOTRAIN_TESTDATA)"
    return path


@pytest.fixture(scope="session")
def smollm_path() -> str:
    """The real SmolLM2-135M-Instruct as a normal model folder (converted once from the offline GGUF)."""
    from autotrain_ui.models import DEFAULT_HUB_ID, materialize, resolve_model

    return materialize(resolve_model(DEFAULT_HUB_ID))


@pytest.fixture(scope="session")
def tiny_model(smollm_path, tmp_path_factory) -> str:
    """A 2-layer, hidden-64 random Llama sharing SmolLM2's tokenizer: a causal LM in seconds."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(smollm_path)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=2048,
                         tie_word_embeddings=True, bos_token_id=tokenizer.bos_token_id,
                         eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
    folder = tmp_path_factory.mktemp("tiny-llama")
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


def make_project(root: Path, data_file: Path, **values) -> Path:
    """A project folder as runner.create_project makes it, for the given data file and parameters."""
    from autotrain_ui.params import LLMParams
    from autotrain_ui.runner import create_project

    params = LLMParams(data_path=str(data_file), **values)
    return create_project(root, params, {params.train_split: Path(data_file)})


def run_in_process(project: Path) -> int:
    """Run the trainer entry point in this process (what `accelerate launch -m trainers` runs)."""
    from trainers.__main__ import main

    return main(["--config", str(project / "config.json")])


def read_events(project: Path) -> list[dict]:
    path = project / "events.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@contextlib.contextmanager
def small_tmpfs(folder: Path, megabytes: int):
    """A tmpfs of the given size mounted on `folder`, to fill a disk for real; skips when mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a {megabytes} MB tmpfs here to fill the disk: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
