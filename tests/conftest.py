"""Shared fixtures: where the test data lives (tests/data), a tiny random Llama with SmolLM2's tokenizer, the real
SmolLM2-135M-Instruct (offline copy), and a helper that runs a trainer the way the subprocess does; and how the
suite runs in parallel (`make test`: pytest-xdist, `-n 3 --dist loadgroup`, units and order below)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from pathlib import Path

import pytest

import autotrain_ui  # noqa: F401  (sets OMP_WAIT_POLICY before torch is first imported in this process: see its docstring)

REPO = Path(__file__).resolve().parents[1]


def data_root() -> Path:
    """tests/data: every file a test reads lives inside the repository (AUTOTRAIN_TESTDATA points elsewhere)."""
    override = os.environ.get("AUTOTRAIN_TESTDATA")
    return Path(override) if override else REPO / "tests" / "data"


@pytest.fixture(scope="session")
def testdata() -> Path:
    path = data_root()
    assert path.is_dir(), f"test data not found at {path} (set AUTOTRAIN_TESTDATA)"
    return path


@pytest.fixture(scope="session")
def smollm_path() -> str:
    """The real SmolLM2-135M-Instruct as a normal model folder (converted once from the offline GGUF)."""
    from autotrain_ui.core.models import DEFAULT_HUB_ID, materialize, resolve_model

    return materialize(resolve_model(DEFAULT_HUB_ID))


def _tiny_llama(tokenizer, folder: Path) -> str:
    """A 2-layer, hidden-64 random Llama for `tokenizer`, saved with it in `folder`."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=2048,
                         tie_word_embeddings=True, bos_token_id=tokenizer.bos_token_id,
                         eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


@pytest.fixture(scope="session")
def tiny_model(smollm_path, tmp_path_factory) -> str:
    """A 2-layer, hidden-64 random Llama with SmolLM2's tokenizer cut to its first 2,048 tokens (its special tokens,
    the bytes and the earliest merges: tests/zoo/models.small_tokenizer): a causal LM whose runs take seconds. With
    the whole 49k-token vocabulary its head was most of each step, answer and loss (three of the modules that run it
    most: 152 CPU-s against 67)."""
    from tests.zoo.models import small_tokenizer

    folder = tmp_path_factory.mktemp("tiny-llama")
    return _tiny_llama(small_tokenizer(smollm_path, folder), folder)


@pytest.fixture(scope="session")
def tiny_model_whole_vocab(smollm_path, tmp_path_factory) -> str:
    """The same model with SmolLM2's whole tokenizer: 13 MB of weights, for the tests about size (a push's large
    files, a disk too small for a checkpoint)."""
    from transformers import AutoTokenizer

    folder = tmp_path_factory.mktemp("tiny-llama-whole-vocab")
    return _tiny_llama(AutoTokenizer.from_pretrained(smollm_path), folder)


def make_project(root: Path, data_file: Path, **values) -> Path:
    """A project folder as runner.create_project makes it, for the given data file and parameters."""
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.runner import create_project

    params = LLMParams(data_path=str(data_file), **values)
    return create_project(root, params, {params.train_split: Path(data_file)})


def run_in_process(project: Path) -> int:
    """Run the trainer entry point in this process (what `python -m trainers` runs)."""
    from trainers.__main__ import main

    return main(["--config", str(project / "config.json")])


@pytest.fixture
def no_report_answers(monkeypatch):
    """The run's report without the greedy answers of the base and tuned models (8 prompts of 48 tokens each, half of
    a short SmolLM2 run's time here), for tests that measure the learning or the export themselves; the answers of a
    real run are checked where they are asserted (tests/test_learning.py's Mary test, tests/test_answer_check.py)."""
    monkeypatch.setattr("trainers.evaluate._answers", lambda *args, **kwargs: {})


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


# ---------------------------------------------------------------- running in parallel (pytest-xdist)

# Work units that take longest, longest first (seconds on CI's 2-core machine under -n 2: the last full run's 30 slowest;
# ~ an older full run's, scaled to it): under xdist each is handed out in this order as a worker frees up (longest
# processing time first), so the long ones run side by side from the start and the many short modules (the rest, in
# their collected order) fill in at the end
SLOW_FIRST = [
    "tests/zoo",                                                                     # ~130
    "tests/test_trainers.py",                                                        # ~110
    "tests/test_export.py",                                                          # 110, SmolLM2's apart
    "tests/test_browser.py::test_upload_train_watch_reload",                         # 86
    "tests/test_grpo_learning.py",                                                   # 75
    "tests/test_flags_reach_the_run.py",                                             # ~70
    "tests/test_browser.py::test_defaults_teach_the_spec_table",                     # 60
    "tests/test_export.py::test_smollm2_after_sft_with_lora_round_trips",            # 60
    "tests/test_app.py",                                                             # ~60
    "tests/test_browser.py::test_a_korean_browser_sees_no_english_string_on_any_tab",  # 57
    "tests/test_answer_check.py::test_the_spec_dpo_table_with_its_fitted_settings_learns_and_prefers_the_chosen",
    "tests/test_browser_grpo.py",                                                    # ~55 (83 at ten epochs)
    "tests/test_cli.py",                                                             # ~50
    "tests/test_hub.py",                                                             # ~50
    "tests/faults/test_kill_resume.py",                                              # ~45
    "tests/test_first_run.py",                                                       # ~40
    "tests/test_learning.py::test_kto_grows_the_margin_between_good_and_bad_answers",  # 37
    "tests/faults/test_processes.py",                                                # ~36
    "tests/faults/test_engines.py",                                                  # ~36
    "tests/test_learning.py::test_reward_model_scores_chosen_above_rejected",        # 33
    "tests/test_browser_hub.py",                                                     # 30
    "tests/test_browser.py",                                                         # 30 (the two short ones)
    "tests/test_answer_check.py::test_a_run_pushed_too_far_gets_answers_got_worse_never_learned",  # 28
    "tests/test_learning.py::test_sft_teaches_the_name_mary",                        # 2 x 26, each its own unit
    "tests/faults/test_app_killed.py",                                               # ~24
    "tests/faults/test_hub_resume.py",                                               # 23
    "tests/test_restart.py",                                                         # 20
    "tests/test_jobs_cli.py",                                                        # 19
]
# Long tests that share no module-scoped fixture with the rest of their module: each is a unit of its own (each
# parameter too), so two of them can run side by side instead of one after another on one worker
SOLO = {unit for unit in SLOW_FIRST if "::" in unit}


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to under xdist: its module (module fixtures are built once), the whole zoo
    (its background CLI runs and its table live in one process), or the test itself where it is in SOLO."""
    path = nodeid.split("::", 1)[0]
    if path.startswith("tests/zoo/"):
        return "tests/zoo"
    return nodeid if nodeid.split("[", 1)[0] in SOLO else path


def _rank(item) -> int:
    unit = work_unit(item.nodeid)
    unit = unit.split("[", 1)[0]
    return SLOW_FIRST.index(unit) if unit in SLOW_FIRST else len(SLOW_FIRST)


def pytest_collection_modifyitems(config, items):
    items.sort(key=_rank)  # stable: within a rank, the collected order


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` here means: the work units above, handed out in the collected order (slowest first). xdist's
    own loadgroup reads xdist_group marks through a node attribute this pytest no longer has, so the units are told
    apart by their test ids instead. A worker gets its next unit only when it is down to its last test (xdist's
    own waits until the last two, so a worker starting a long test could hold a unit the other, idle one needs)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

        def _reschedule(self, node) -> None:
            # a worker runs a test once it knows the next one (or is told to stop), so with one test left it waits:
            # that is the moment to give it more, and not before
            if not node.shutting_down and self.workqueue and self._pending_of(self.assigned_work[node]) > 1:
                return
            super()._reschedule(node)

    config.option.loadscopereorder = False
    return ByWorkUnit(config, log)


@pytest.fixture(scope="session", autouse=True)
def _threads_per_worker():
    """Under xdist, each worker's torch takes its share of the cores (two workers each spinning two OpenMP threads
    on two cores wait on each other); restored at the end."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers <= 1:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(max(1, (os.cpu_count() or 1) // workers))
    yield
    torch.set_num_threads(before)


@pytest.fixture(autouse=True)
def _only_the_tests_objects_are_collected():
    """During a test, what its process held before it (the libraries, 550k objects; module fixtures; what earlier
    tests left) is out of the garbage collector's sight (gc.freeze, undone after the test, so nothing stays frozen):
    each full collection, automatic or the one the Trainer runs as training starts, scanned all of it, 0.25-0.35 s
    a time. A trainer process freezes its libraries the same way (trainers/__main__.py)."""
    import gc

    gc.freeze()
    yield
    gc.unfreeze()


def _process_state() -> dict:
    """What a test module must leave as it found it in this process: torch's thread count and transformers'
    attention registry (the packed-rows attention a run installs), read only where those libraries are loaded."""
    import sys

    state = {}
    if "torch" in sys.modules:
        state["torch threads"] = sys.modules["torch"].get_num_threads()
    if "transformers.modeling_utils" in sys.modules:
        state["sdpa attention"] = sys.modules["transformers.modeling_utils"].ALL_ATTENTION_FUNCTIONS.get("sdpa")
    return state


@pytest.fixture(scope="module", autouse=True)
def _module_leaves_process_state():
    before = _process_state()
    yield
    after = _process_state()
    changed = {k: (before[k], after[k]) for k in before if k in after and before[k] != after[k]}
    assert not changed, f"this test module changed process state and did not restore it: {changed}"


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """xdist's controller: a worker's zoo cells join the table printed at the end."""
    from tests.zoo import table

    table.merge(getattr(node, "workeroutput", {}).get("zoo_table"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    from tests.zoo import table

    lines = table.render()
    if lines:
        terminalreporter.write_sep("=", "model zoo: family x trainer (tests/zoo)")
        for line in lines:
            terminalreporter.write_line(line)
