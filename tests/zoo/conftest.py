"""The zoo's fixtures: the tiny models (built once per session, each with its family's published chat template), the
family x trainer table printed at the end of `make test`, and each family's SFT run: the real `autotrain llm --train`
subprocess for the families in CLI_FAMILIES, started in the background as soon as the zoo begins so the in-process
tests run meanwhile (a subprocess that imports torch and transformers costs seconds), and the same settings through
the training entry point in this process for the others."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.zoo import table
from tests.zoo.chat_templates import text as template_text
from tests.zoo.models import BY_FAMILY, ZOO, build, shipped, small_tokenizer

REPO = Path(__file__).resolve().parents[2]
CLI_TEST = "test_real_cli_run_trains_on_the_models_own_loss"
# The families whose SFT run goes through the real command line (the CLI, accelerate launch, the training process):
# a plain one, a softcapped one with sliding windows, a mixture of experts, and the one off the fast path. The
# others run the same settings through `python -m trainers`' entry point in this process: what the test checks (the
# loss, its path, the merge) is the family's, and the launch is the same for every family.
CLI_FAMILIES = ("llama", "gemma2", "qwen3_moe", "gpt_oss")
SFT_SETTINGS = dict(trainer="sft", peft=True, merge_adapter=True, batch_size=4, epochs=1, logging_steps=1,
                    block_size=1024, mixed_precision="fp32")

ZOO_SFT = [  # conversations: a system message (folded where the template has no system role), several turns
    {"messages": [{"role": "system", "content": "You answer in one short sentence."},
                  {"role": "user", "content": "What is your name?"},
                  {"role": "assistant", "content": "My name is Mary."}]},
    {"messages": [{"role": "user", "content": "How are you?"}, {"role": "assistant", "content": "I am fine, thank you."}]},
    {"messages": [{"role": "user", "content": "Which is the best programming language?"},
                  {"role": "assistant", "content": "Python, for most people."},
                  {"role": "user", "content": "Why?"}, {"role": "assistant", "content": "It is easy to read."}]},
    {"messages": [{"role": "user", "content": "Say hello."}, {"role": "assistant", "content": "Hello!"}]},
]
ZOO_PAIRS = [  # preference pairs as conversations, one with a system message
    {"prompt": [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "hello"}],
     "chosen": [{"role": "assistant", "content": "hi nice to meet you"}],
     "rejected": [{"role": "assistant", "content": "leave me alone"}]},
    {"prompt": [{"role": "user", "content": "how are you"}], "chosen": [{"role": "assistant", "content": "I am fine"}],
     "rejected": [{"role": "assistant", "content": "I am not fine"}]},
    {"prompt": [{"role": "user", "content": "What is your name?"}],
     "chosen": [{"role": "assistant", "content": "My name is Mary"}],
     "rejected": [{"role": "assistant", "content": "I will not say"}]},
    {"prompt": [{"role": "user", "content": "Best language?"}], "chosen": [{"role": "assistant", "content": "Python"}],
     "rejected": [{"role": "assistant", "content": "None of them"}]},
]


def families() -> list[str]:
    return [z.family for z in ZOO]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


class ZooModels:
    """Each family's tiny model folder, built on first use (thread-safe: the background runs ask for them too)."""

    def __init__(self, root: Path, tokenizer_path: str):
        self.root, self.tokenizer_path = root, tokenizer_path
        self.lock = threading.Lock()
        self.folders: dict[str, Path] = {}
        self.tokenizer = None

    def folder(self, family: str) -> Path:
        zoo = BY_FAMILY[family]
        if not shipped(zoo):
            pytest.skip(f"the installed transformers has no {family} ({zoo.config_class})")
        with self.lock:
            if family not in self.folders:
                if self.tokenizer is None:
                    self.tokenizer = small_tokenizer(self.tokenizer_path, self.root / "tokenizer")
                # the family's published chat template on SmolLM2's (cut) tokenizer: what that family's tokenizer
                # carries
                self.folders[family] = build(zoo, self.tokenizer, self.root / family, template_text(family))
            return self.folders[family]


@pytest.fixture(scope="session")
def zoo(smollm_path, tmp_path_factory) -> ZooModels:
    return ZooModels(tmp_path_factory.mktemp("zoo-models"), smollm_path)


class CliRuns:
    """Each family's SFT run (LoRA, merged at the end): the real `autotrain llm --train` for CLI_FAMILIES, one at a
    time in a background thread, in the order the tests will ask for them; the others in this process, when asked."""

    def __init__(self, zoo: ZooModels, root: Path, order: list[str]):
        self.zoo, self.root = zoo, root
        order = [f for f in order if f in CLI_FAMILIES]
        for family in order:  # built here, in the main thread: the background thread then runs only subprocesses
            if shipped(BY_FAMILY[family]):
                zoo.folder(family)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zoo-cli")
        self.futures: dict[str, Future] = {f: self.pool.submit(self._run, f) for f in order}

    def _run(self, family: str):
        folder = self.zoo.folders[family]
        cwd = self.root / family
        write_jsonl(cwd / "data" / "train.jsonl", ZOO_SFT)
        env = dict(os.environ, PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1",
                   TOKENIZERS_PARALLELISM="false")
        flags = [f"--{k.replace('_', '-')}" if v is True else f"--{k.replace('_', '-')}={v}"
                 for k, v in SFT_SETTINGS.items()]
        cmd = [sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", "--project-name", "run", "--model",
               str(folder), "--data-path", "data", *flags]
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
        return proc, cwd / "run"

    def _in_process(self, family: str):
        """The same run through the training entry point in this process; what it printed stands for train.log."""
        import contextlib
        import io

        from tests.conftest import make_project, run_in_process

        data = write_jsonl(self.root / family / "data" / "train.jsonl", ZOO_SFT)
        project = make_project(self.root / family, data, project_name="run", model=str(self.zoo.folder(family)),
                               **SFT_SETTINGS)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = run_in_process(project)
        error = project / "error.json"
        return subprocess.CompletedProcess(["python", "-m", "trainers"], code, printed.getvalue(),
                                           error.read_text() if error.exists() else ""), project

    def result(self, family: str):
        if family not in CLI_FAMILIES:
            return self._in_process(family)
        if family not in self.futures:  # not selected at collection: run it now
            self.zoo.folder(family)
            self.futures[family] = self.pool.submit(self._run, family)
        return self.futures[family].result()


def pytest_collection_modifyitems(session, config, items):
    """The real-CLI tests go last, so the in-process zoo tests run while their subprocesses work."""
    cli = [i for i in items if getattr(i, "originalname", "") == CLI_TEST]
    if cli:
        rest = [i for i in items if getattr(i, "originalname", "") != CLI_TEST]
        items[:] = rest + cli
    config.stash[_CLI_ORDER] = [i.callspec.params["family"] for i in cli if hasattr(i, "callspec")]


_CLI_ORDER = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def cli_runs(request, zoo, tmp_path_factory):
    runs = CliRuns(zoo, tmp_path_factory.mktemp("zoo-cli"), request.config.stash.get(_CLI_ORDER, []))
    yield runs
    runs.pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session", autouse=True)
def _one_thread():
    """Tiny models: one thread computes them faster than two (no OpenMP hand-offs, which on a busy 2-core machine
    cost more than the matmuls), and leaves the other core to the background CLI run (OMP_NUM_THREADS=1 there)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(autouse=True)
def _start_cli_runs_early(request):
    """The first zoo test starts the background CLI runs (only when some are selected)."""
    if request.config.stash.get(_CLI_ORDER, []):
        request.getfixturevalue("cli_runs")


# ---------------------------------------------------------------- the table

@pytest.fixture
def cell(request):
    """cell(family, column) -> a Cell to fill; a test that fails or errors marks its cells FAIL (see the hook)."""
    claimed = []

    def claim(family: str, column: str):
        c = table.claim(family, column)
        claimed.append(c)
        return c

    request.node._zoo_cells = claimed
    return claim


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" or report.failed or report.skipped:
        for c in getattr(item, "_zoo_cells", []):
            if report.failed:
                c.fail(str(report.longrepr).strip().splitlines()[-1][:60] if report.longrepr else "failed")
            elif report.skipped and not c.done:
                c.skip(str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else "skipped")
    return report


def pytest_sessionfinish(session):
    """An xdist worker hands its cells to the controller, which prints the table (tests/conftest.py)."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["zoo_table"] = table.export()


@pytest.fixture(autouse=True)
def _attention_back():
    """The objective tests build trainers by hand (trainers/loading.py installs the packed-rows attention), outside
    a run's scope: put transformers' own back after each, as a run's scope does."""
    yield
    from trainers import speed

    speed.uninstall()
