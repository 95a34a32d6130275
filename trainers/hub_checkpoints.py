"""On a Space with --push-to-hub: each checkpoint also goes to the run's (private) model repo, under
checkpoints/latest/, so a Space rebuilt without persistent storage continues the run from there instead of
starting over. The final push (autotrain_ui.hub.push) removes checkpoints/ from the repo.

Only the same run continues: the uploaded checkpoint carries a fingerprint of the run's settings and data
(autotrain_run.json), and a project without a checkpoint of its own resumes from the Hub's only when it matches.
Uploads run in a background thread (training does not wait for the network); when one is still going at the next
save, that save is uploaded after it. The token comes from the environment (HF_TOKEN), as for the final push.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

from transformers import TrainerCallback

from autotrain_ui.core.hub_client import resolve_token
from autotrain_ui.core.params import LLMParams
from trainers.dist import is_main_process

FOLDER = "checkpoints/latest"
MARKER = "autotrain_run.json"
NOT_THE_RUN = {"project_name", "data_path", "push_to_hub", "username", "logging_steps", "save_total_limit",
               "checkpoint_minutes", "save_steps", "log"}  # settings that do not change what is trained


def enabled(params: LLMParams) -> bool:
    return bool(os.environ.get("SPACE_ID") and params.push_to_hub and params.username and resolve_token())


def repo_id(params: LLMParams) -> str:
    return f"{params.username}/{params.project_name}"


def fingerprint(params: LLMParams, project_dir: Path) -> str:
    digest = hashlib.sha256()
    settings = {k: v for k, v in params.to_dict().items() if k not in NOT_THE_RUN}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for path in sorted((Path(project_dir) / "data").glob("*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _api():
    from autotrain_ui.core.hub_client import client

    return client(resolve_token())


class HubCheckpoints(TrainerCallback):
    """Uploads the newest checkpoint after each save (rank 0); waits for the last upload when training ends."""

    def __init__(self, params: LLMParams, project_dir: Path):
        self.params, self.project_dir = params, Path(project_dir)
        self._thread: threading.Thread | None = None
        self._pending: Path | None = None
        self._lock = threading.Lock()
        self._fingerprint = fingerprint(params, project_dir)

    def on_save(self, args, state, control, **kwargs):
        folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
        if not is_main_process() or not folder.is_dir():
            return
        staged = self.project_dir / ".hub-checkpoint" / folder.name  # hard links: rotation may delete the original
        shutil.rmtree(staged, ignore_errors=True)
        try:
            shutil.copytree(folder, staged, copy_function=os.link)
        except OSError:
            shutil.rmtree(staged, ignore_errors=True)
            shutil.copytree(folder, staged)
        with self._lock:
            if self._pending is not None:
                shutil.rmtree(self._pending, ignore_errors=True)  # superseded before it was sent
            self._pending = staged
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._drain, name="hub-checkpoints", daemon=True)
                self._thread.start()

    def on_train_end(self, args, state, control, **kwargs):
        self.wait()

    def wait(self, timeout: float = 600) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _drain(self) -> None:
        while True:
            with self._lock:
                folder, self._pending = self._pending, None
            if folder is None:
                return
            self._upload(folder)
            shutil.rmtree(folder, ignore_errors=True)

    def _upload(self, folder: Path) -> None:
        step = int(folder.name.rsplit("-", 1)[-1])
        try:
            (folder / MARKER).write_text(json.dumps({"fingerprint": self._fingerprint, "step": step}) + "\n")
            api = _api()
            api.create_repo(repo_id(self.params), private=True, exist_ok=True)
            api.upload_folder(repo_id=repo_id(self.params), folder_path=str(folder), path_in_repo=FOLDER,
                              delete_patterns=["*"], commit_message=f"Checkpoint at step {step} (AutoTrain UI)")
            print(f"checkpoint {step} saved to the Hub ({repo_id(self.params)}/{FOLDER})", flush=True)
        except Exception as exc:  # training goes on; the local checkpoint is still there
            from autotrain_ui.core.hub_client import describe_hub_error

            print(f"checkpoint {step} could not be saved to the Hub: {describe_hub_error(exc, resolve_token())}",
                  flush=True)


def fetch(params: LLMParams, project_dir: Path) -> str | None:
    """The run's checkpoint from the Hub, into PROJECT/checkpoints/checkpoint-N; None when there is none for this run."""
    try:
        api = _api()
        files = [f for f in api.list_repo_files(repo_id(params)) if f.startswith(FOLDER + "/")]
        if f"{FOLDER}/{MARKER}" not in files:
            return None
        marker = json.loads(Path(api.hf_hub_download(repo_id(params), f"{FOLDER}/{MARKER}")).read_text())
    except Exception as exc:  # no repo yet, no network: a fresh start, said plainly
        print(f"no checkpoint on the Hub to continue from ({type(exc).__name__})", flush=True)
        return None
    if marker.get("fingerprint") != fingerprint(params, project_dir):
        print("the checkpoint on the Hub belongs to another run (other settings or data): starting afresh", flush=True)
        return None
    target = Path(project_dir) / "checkpoints" / f"checkpoint-{marker['step']}"
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    for name in files:
        local = api.hf_hub_download(repo_id(params), name)
        dest = partial / name[len(FOLDER) + 1:]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(local, dest)
    os.replace(partial, target)
    return str(target)
