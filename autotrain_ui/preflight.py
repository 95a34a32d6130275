"""Everything we can refuse before a job starts: settings, data, model, hardware.

The CLI and the app both call `preflight()`; what it accepts trains, what it refuses never starts a job.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

from autotrain_ui.core.i18n import Message, message
from autotrain_ui.core.params import LLMParams


@dataclass
class Preflight:
    errors: list[str] = field(default_factory=list)     # English text that keeps its catalog key (i18n.Message)
    warnings: list[str] = field(default_factory=list)
    data_files: dict[str, Path] = field(default_factory=dict)   # split name -> file
    reports: dict = field(default_factory=dict)                 # split name -> DataReport
    notes: list = field(default_factory=list)   # what to know before paying for a run (GRPO: the rewards' scores)

    @property
    def ok(self) -> bool:
        return not self.errors


def preflight(params: LLMParams, *, check_model: bool = True, gpus: int | None = None,
              token: str | None = None) -> Preflight:
    """`token`: the Hub token the run will be given (None: the run has HF_TOKEN of this environment, if any), used
    only to ask the Hub whether it may download the model and read a Hub dataset; never stored or said. A Hub
    dataset (--data-path OWNER/NAME) is checked on its first rows, and `params.data_revision` is set to the commit
    read, so config.json records it and the run trains on what was checked."""
    from autotrain_ui.core import refusals
    from autotrain_ui.core import data
    from autotrain_ui.core import trainers_catalog
    from autotrain_ui.core.gpu import gpu_count

    result = Preflight(errors=params.validate())
    check_access = check_model   # a Space backend skips the local model checks, not whether the token may read it
    if params.deploy:  # after training: the chat Space loads the pushed model (autotrain_ui/hub/deploy.py)
        if params.trainer == "reward":
            result.errors.append(message("preflight.deploy_reward", chatting=trainers_catalog.chatting()))
        elif params.backend != "local-cli":
            result.errors.append(message("preflight.deploy_space_backend", backend=params.backend,
                                         project=params.project_name, username=params.username or "USER"))
        elif not params.push_to_hub:
            result.errors.append(message("preflight.deploy_needs_push"))
    if params.backend != "local-cli":
        # a Space backend: the hardware checks below are about the Space's flavour, not this machine, and the Space
        # downloads the model itself, so it must be a Hub id (a local folder or .gguf file does not travel)
        from autotrain_ui.hardware import flavour_for_backend
        from autotrain_ui.hub.card import is_hub_id

        gpus = flavour_for_backend(params.backend).gpus if gpus is None else gpus
        check_model = False
        for flag, name in (("--model", params.model), ("--model-ref", params.model_ref)):
            if name and not is_hub_id(name):
                result.errors.append(message("preflight.not_hub_id", flag=flag, name=name, backend=params.backend))
    if gpus is None and params.backend == "local-cli":
        blind = _torch_blind_to_gpus()
        if blind:
            result.errors.append(blind)
            gpus = 0   # what the run would really get: said above, so the checks below speak of a CPU run
    gpus = gpu_count() if gpus is None else gpus
    result.errors += refusals.hardware_refusals(params, gpus, packages_here=params.backend == "local-cli",
                                                capability=_capability(params, gpus))
    if params.log != "none" and params.backend == "local-cli" and importlib.util.find_spec(params.log) is None:
        result.errors.append(message("preflight.tracker_missing", log=params.log))
    if check_model:
        from autotrain_ui.core.models import ModelNotFound, resolve_model

        for flag, name in (("--model", params.model), ("--model-ref", params.model_ref)):
            if name:
                try:
                    source = resolve_model(name)
                except ModelNotFound as exc:
                    result.errors.append(message("preflight.flag_error", flag=flag, error=str(exc)))
                    continue
                if flag == "--model":
                    _family_checks(params, source, result)
                if source.kind == "hub":        # to be downloaded by the run: may its token?
                    _access_check(flag, name, token, result)
    elif check_access:
        from autotrain_ui.core.models import ModelSource

        for flag, name in (("--model", params.model), ("--model-ref", params.model_ref)):
            if name:
                if flag == "--model":   # the Space downloads it; its family is known here from the table of models
                    _family_checks(params, ModelSource("hub", name, name), result)
                _access_check(flag, name, token, result)
    if params.valid_split and Path(params.data_path).is_file():
        # one file holds one split: "the validation split" would be the training rows again, and the report would
        # call rows the model trained on unseen
        result.errors.append(message("preflight.valid_split_one_file", split=params.valid_split,
                                     file=Path(params.data_path).name))
    from autotrain_ui.core.data import hub as hub_data
    from autotrain_ui.hub import resolve_token

    on_hub = hub_data.is_dataset_id(params.data_path)
    for split in (params.train_split, params.valid_split):
        if split is None:
            continue
        try:
            if on_hub:   # its first rows checked here; the run loads the whole split, at the commit read now
                path, read = hub_data.head_file(hub_data.ref_of(params, split), resolve_token(token))
                params.data_revision = read.revision
            else:
                path = data.resolve_data_file(params.data_path, split)
            _, report = data.prepare(path, params.trainer, text_column=params.text_column,
                                     rejected_text_column=params.rejected_text_column,
                                     prompt_text_column=params.prompt_text_column, label_column=params.label_column,
                                     chat_template=params.chat_template)
        except data.DataError as exc:
            error = Message(exc.key, exc.values) if exc.key else str(exc)
            result.errors.append(message("preflight.split_error", split=split, error=error))
            continue
        if not on_hub:
            result.data_files[split] = path
        result.reports[split] = report
        for problem in report.problems:
            said = Message(problem.key, problem.values) if problem.key else problem.message
            (result.errors if problem.level == "error" else result.warnings).append(
                message("preflight.file_problem", file=path.name, problem=said))
    if params.trainer == "grpo" and params.train_split in result.data_files:  # the rewards on the first rows
        from autotrain_ui.core.data.prompts import check_rewards

        check_rewards(params, result)
    return result


def _capability(params: LLMParams, gpus: int) -> tuple[int, int] | None:
    """The compute capability of the GPUs the run will have: the Space flavour's GPU, else nvidia-smi's answer."""
    from autotrain_ui.core import gpu

    if params.backend != "local-cli":
        from autotrain_ui.hardware import flavour_for_backend

        return gpu.capability_of(flavour_for_backend(params.backend).gpu)
    return gpu.smi_capability() if gpus else None


def _torch_blind_to_gpus() -> Message | None:
    """nvidia-smi lists GPUs but the installed torch sees none (a torch built for a newer CUDA than the driver runs,
    or a CPU build): the run would train on the CPU without saying so. Asked only where nvidia-smi lists GPUs."""
    from autotrain_ui.core import gpu

    listed = gpu.nvidia_smi("index")
    if not listed:
        return None
    seen = gpu.torch_view()
    if seen["gpus"] != 0:
        return None
    return message("preflight.torch_sees_no_gpu", gpus=len(listed), torch=seen["torch"],
                   cuda=seen["cuda"] or "none (a CPU build)", driver=gpu.driver_version(),
                   pin=gpu.torch_pin())


def _family_checks(params: LLMParams, source, result: Preflight) -> None:
    """What this model's family cannot do with these settings (autotrain_ui/core/families.py), said before launch with what
    to use instead; and a note when the family has not been checked against the fast path."""
    from autotrain_ui.core import families
    from autotrain_ui.core.models import model_type

    kind = model_type(source)
    if kind is None:
        return
    spec = families.family(kind)
    if params.trainer == "reward" and not _has_reward_head(kind, spec):
        result.errors.append(families.no_reward_head_message(kind))
    if params.peft:
        problem = families.lora_problem(kind, params.target_modules, params.lora_dropout)
        if problem:
            result.errors.append(problem)
        elif params.target_modules.strip() in ("", "all-linear"):
            note = families.all_linear_note(kind, params.lora_dropout)
            if note:
                result.warnings.append(note)
    if spec is None:
        result.warnings.append(message("preflight.unchecked_family", kind=repr(kind)))


def _access_check(flag: str, name: str, token: str | None, result: Preflight) -> None:
    """Ask the Hub whether the run's token may download this model. A gated model (Llama, Gemma) whose licence the
    token's account has not accepted, or an id the Hub does not know, is refused with what to do; when the Hub cannot
    be asked the check is skipped, said as a warning (unless the table knows the model is not gated)."""
    from autotrain_ui.hub import hub_endpoint, resolve_token, scrub
    from autotrain_ui.hub.card import is_hub_id
    from autotrain_ui.core.models import hub_reachable, known_model

    if not is_hub_id(name):
        return
    token = resolve_token(token)     # what runner.child_env gives the run
    known = known_model(name)
    url = known.url if known else f"https://huggingface.co/{name}"

    def skipped(reason) -> None:
        if known is None or known.gated:
            result.warnings.append(message("preflight.access_skipped", flag=flag, model=name, reason=reason, url=url))

    if not hub_reachable():
        return skipped(message("preflight.access_no_network", endpoint=hub_endpoint()))
    from huggingface_hub import HfApi
    from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

    try:
        HfApi(endpoint=hub_endpoint(), token=token or False).auth_check(name)
    except GatedRepoError:
        why = message("preflight.gated_denied" if token else "preflight.gated_no_token")
        result.errors.append(message("preflight.gated", flag=flag, model=name, why=why, url=url))
    except RepositoryNotFoundError:
        result.errors.append(message("preflight.model_not_on_hub", flag=flag, model=name))
    except Exception as exc:  # a 5xx, or the transport's own errors (httpx): the Hub could not be asked
        first = str(exc).splitlines()[0] if str(exc) else ""
        skipped(scrub(f"{type(exc).__name__}: {first}" if first else type(exc).__name__, token))


def _has_reward_head(kind: str, spec) -> bool:
    if spec is not None:
        return spec.reward_head
    # a family the table does not know: ask transformers (imports torch, once, and only for the reward trainer)
    from transformers.models.auto.modeling_auto import MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING_NAMES

    return kind in MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING_NAMES
