"""Every training flag reaches what the libraries receive: for each one, a trainer is built on the tiny model with the
flag at a non-default value and at its default, and what transformers, TRL and peft were handed (the
TrainingArguments / DPOConfig / ORPOConfig / RewardConfig, the from_pretrained keyword arguments, the LoraConfig, the
tokenizer, the first training rows, the callbacks) must differ. Nothing is compared against a mirror of our own
settings: the objects are captured where the libraries take them, and the run stops before the first step."""

from __future__ import annotations

import json

import pytest

from autotrain_ui.core import trainers_catalog
from autotrain_ui.core.params import LLMParams
from tests.conftest import make_project

TABLE = {"default": "sft", "sft": "sft", "reward": "reward", "dpo": "dpo", "orpo": "dpo", "kto": "feedback",
         "grpo": "sft"}  # grpo: the spec's SFT rows as prompts
# Not how the model trains (what to do, where results go, the token): tested where they act.
NOT_TRAINING = {"train", "deploy", "inference", "prompt", "compare", "max_new_tokens", "temperature", "backend",
                "project_name", "push_to_hub", "username", "token"}
# Which file and columns are read: tests/test_data.py and tests/test_first_run.py check the rows they give
# (--label-column: tests/test_feedback.py; a Hub dataset's --data-config and --data-revision: tests/test_hub_data.py).
DATA = {"data_path", "train_split", "valid_split", "text_column", "rejected_text_column", "prompt_text_column",
        "label_column", "label_threshold", "data_config", "data_revision"}
# Act only on a CUDA GPU or after training; checked at the boundary they cross on this machine (below).
ELSEWHERE = {"quantization", "use_flash_attention_2", "distributed_backend", "merge_adapter"}
# Where the processes run: they reach `accelerate launch`, not the libraries (below; tests/faults/test_engines.py runs
# them for real: two processes under FSDP, two launchers as two machines).
LAUNCHER = {"num_processes", "num_machines", "machine_rank", "main_process_ip", "main_process_port"}
ALT = {"trainer": "default", "chat_template": "chatml", "optimizer": "sgd", "scheduler": "cosine",
       "target_modules": "q_proj,v_proj", "model_ref": None, "padding": "left", "evaluation_strategy": "steps",
       "save_strategy": "steps", "log": "tensorboard", "block_size": 96, "max_prompt_length": 24,
       "max_completion_length": 4, "logging_steps": 7, "model_max_length": 512, "epochs": 3, "batch_size": 1,
       "max_steps": 3, "sample_rows": 2, "gradient_accumulation": 2, "lr": 0.0123, "warmup_ratio": 0.3,
       "weight_decay": 0.05,
       "max_grad_norm": 0.5, "seed": 7, "valid_percent": 25.0, "lora_r": 4, "lora_alpha": 8, "lora_dropout": 0.2,
       "dpo_beta": 0.3, "save_steps": 3, "checkpoint_minutes": 3.0, "save_total_limit": 3,
       "rewards": "length:max=5@2", "num_generations": 2, "grpo_beta": 0.04, "generation_temperature": 0.7}
# what a value needs beside it to act (--lora-r needs --peft, --save-steps needs --save-strategy steps, ...)
COMPANIONS = {"lora_r": {"peft": True}, "lora_alpha": {"peft": True}, "lora_dropout": {"peft": True},
              "target_modules": {"peft": True}, "save_steps": {"save_strategy": "steps"},
              "evaluation_strategy": {"valid_percent": 25.0}, "max_prompt_length": {"trainer": "dpo"},
              "max_completion_length": {"trainer": "dpo"}, "dpo_beta": {"trainer": "dpo"},
              "model_ref": {"trainer": "dpo"}, "add_eos_token": {"trainer": "default"},
              "disable_gradient_checkpointing": {"_little_memory": True},
              **{name: {"trainer": "grpo", "rewards": "length:max=5"}
                 for name in ("rewards", "num_generations", "grpo_beta", "generation_temperature")}}


class Stop(Exception):
    """Raised where training would start: everything the libraries need has been handed to them by then."""


def capture(tmp_path, tiny_model, **values) -> dict:
    """Build the run's trainer for these settings and return what the libraries received (the patches that watch
    them are undone before it returns, so one capture never sees another's)."""
    with pytest.MonkeyPatch.context() as patch:
        return _capture(patch, tmp_path, tiny_model, **values)


def _capture(monkeypatch, tmp_path, tiny_model, **values) -> dict:
    import peft
    import transformers
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification

    from trainers import __main__ as entry

    got: dict = {"from_pretrained": []}
    for cls in (AutoModelForCausalLM, AutoModelForSequenceClassification):
        original = cls.from_pretrained

        def load(*args, _original=original, **kwargs):
            got["from_pretrained"].append({"path": str(args[-1]) if args else None,
                                           **{k: repr(v) for k, v in kwargs.items()}})
            return _original(*args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", load)
    wrap = peft.get_peft_model

    def get_peft_model(model, config, *args, **kwargs):
        got["lora"] = {k: repr(v) for k, v in config.to_dict().items()}
        return wrap(model, config, *args, **kwargs)

    monkeypatch.setattr(peft, "get_peft_model", get_peft_model)
    from trainers import loading

    load_tokenizer = loading.load_tokenizer

    def tokenizer_of_the_run(*args, **kwargs):
        tok, added = load_tokenizer(*args, **kwargs)
        got["tokenizer"] = {"padding_side": tok.padding_side, "model_max_length": tok.model_max_length,
                            "chat_template": tok.chat_template, "added": added}
        return tok, added

    monkeypatch.setattr(loading, "load_tokenizer", tokenizer_of_the_run)
    if values.pop("_little_memory", False):  # the run's own rule then turns gradient checkpointing on
        monkeypatch.setattr("trainers.policy.available_memory_bytes", lambda: 1)

    def train(self, *args, **kwargs):
        got["args"] = {k: repr(v) for k, v in self.args.to_dict().items() if "dir" not in k}
        collator = getattr(self.data_collator, "collator", self.data_collator)  # under callbacks.TokenCounter
        got["collator"] = {k: repr(v) for k, v in vars(collator).items()} if hasattr(collator, "__dict__") else {}
        got["rows"] = [repr(dict(row)) for row in self.train_dataset]  # every row: a cut may spare the first few
        got["eval_rows"] = len(self.eval_dataset) if self.eval_dataset is not None else 0
        got["callbacks"] = sorted(repr({k: v for k, v in vars(c).items() if k in ("checkpoint_every_s",)})
                                  for c in self.callback_handler.callbacks)
        raise Stop

    monkeypatch.setattr(transformers.Trainer, "train", train)
    # the base model's side of the report (its answers to the held-out prompts) comes just before training and
    # hands the libraries nothing: skipped, it saved a third of each capture (tests/test_trainers.py runs it)
    monkeypatch.setattr("trainers.evaluate.baseline", lambda *args, **kwargs: None)
    trainer = values.get("trainer", "sft")
    from tests.conftest import data_root

    table = data_root() / "seed" / f"{TABLE[trainer]}.csv"
    if trainer == "kto":  # the spec's DPO rows as a feedback log (each answer marked good or bad)
        from tests.test_trainers import feedback_table

        table = feedback_table(data_root(), tmp_path / "feedback", "csv")
    project = make_project(tmp_path, table,
                           **{"model": tiny_model, "trainer": trainer, "block_size": 128, "max_prompt_length": 64,
                              **values})
    params = LLMParams.load(project / "config.json")
    params = entry.resolve_chat_template(params, project / "config.json")
    module = __import__(f"trainers.{trainers_catalog.get(params.trainer).recipe}", fromlist=["run"])
    from trainers import scope

    with pytest.raises(Stop), scope.run_scope():  # as the entry point runs it: what a run installs is undone after
        module.run(params, project)
    return got


def _cases():
    for f in LLMParams.schema():
        if f.name in NOT_TRAINING | DATA | ELSEWHERE | LAUNCHER:
            continue
        value = ALT.get(f.name, True if str(f.type) == "bool" else None)
        if f.name == "mixed_precision":  # whichever this CPU does not choose by itself
            from trainers.policy import cpu_has_bf16

            value = "fp32" if cpu_has_bf16() else "bf16"
        if f.name in ("model", "model_ref"):
            continue  # a model folder: test_model_and_model_ref_are_what_is_loaded
        yield pytest.param(f.name, value, id=f.metadata["flags"][0])


@pytest.fixture(scope="module")
def defaults(tmp_path_factory, tiny_model):
    """What the libraries receive at the default settings (with a flag's companions), captured once per set of
    companions and shared by the flags that need it: 27 flags need none. Sound because a capture depends on its
    settings only, not on its folder or on what ran before it: test_a_capture_depends_on_its_settings_only."""
    found: dict = {}

    def get(**companions) -> dict:
        key = repr(sorted(companions.items()))
        if key not in found:
            found[key] = capture(tmp_path_factory.mktemp("default"), tiny_model, **companions)
        return found[key]

    return get


def test_a_capture_depends_on_its_settings_only(defaults, tmp_path, tiny_model):
    """The same settings captured again, in another folder and after other captures, give the same: a flag's capture
    differs from the shared default one because of the flag (and a path or a counter in what the libraries receive
    would make every flag look as if it acted)."""
    first = defaults()
    capture(tmp_path / "other", tiny_model, trainer="dpo")
    assert capture(tmp_path / "again", tiny_model) == first


@pytest.mark.parametrize("name,value", list(_cases()))
def test_every_training_flag_changes_what_the_libraries_receive(name, value, defaults, tmp_path, tiny_model):
    companions = dict(COMPANIONS.get(name, {}))
    before = defaults(**companions)
    after = capture(tmp_path / "changed", tiny_model, **{**companions, name: value})
    assert after != before, f"--{name.replace('_', '-')} {value} changed nothing transformers, TRL or peft received"


@pytest.mark.parametrize("name,value", [("dpo_beta", 0.3), ("max_prompt_length", 24), ("max_completion_length", 4)])
def test_the_preference_flags_reach_kto(name, value, defaults, tmp_path, tiny_model):
    """KTO reads the DPO flags it shares (beta, the prompt and answer lengths): each changes its KTOConfig or its rows."""
    before = defaults(trainer="kto")
    after = capture(tmp_path / "changed", tiny_model, trainer="kto", **{name: value})
    assert after != before, f"--{name.replace('_', '-')} {value} changed nothing KTO received"


def test_model_and_model_ref_are_what_is_loaded(tmp_path, tiny_model, tmp_path_factory):
    import shutil

    ref = tmp_path_factory.mktemp("ref") / "model"
    shutil.copytree(tiny_model, ref)
    got = capture(tmp_path, tiny_model, trainer="dpo", model_ref=str(ref))
    assert [c["path"] for c in got["from_pretrained"]] == [tiny_model, str(ref)]
    got = capture(tmp_path / "kto", tiny_model, trainer="kto", model_ref=str(ref))   # KTO's reference too
    assert [c["path"] for c in got["from_pretrained"]] == [tiny_model, str(ref)]


def test_flags_that_act_on_a_gpu_reach_the_loader_and_the_launcher():
    """On this CPU machine these are refused before launch (preflight) or act after training; what they hand to the
    libraries is checked at the function that hands it over."""
    from autotrain_ui.runner import distributed_flags
    from trainers.loading import model_kwargs

    quantized = model_kwargs(LLMParams(peft=True, quantization="int4"))["quantization_config"]
    assert quantized.load_in_4bit and not quantized.load_in_8bit
    assert model_kwargs(LLMParams(peft=True, quantization="int8"))["quantization_config"].load_in_8bit
    assert model_kwargs(LLMParams(use_flash_attention_2=True))["attn_implementation"] == "flash_attention_2"
    assert "--use_fsdp" in distributed_flags("fsdp", 2) and "--use_deepspeed" in distributed_flags("deepspeed", 2)


def test_the_launcher_flags_reach_accelerate_launch(tmp_path, tiny_model, testdata):
    from autotrain_ui.runner import Machines, create_project, launch_plan

    params = LLMParams(project_name="two", model=tiny_model, num_processes=4, num_machines=2, machine_rank=1,
                       main_process_ip="127.0.0.1", main_process_port=29511)
    project = create_project(tmp_path, params, {"train": testdata / "seed" / "sft.csv"})
    cmd = launch_plan(project, params.num_processes, gpus=0, machines=Machines.of(params))[0]
    after = dict(zip(cmd, cmd[1:]))
    assert (after["--num_processes"], after["--num_machines"], after["--machine_rank"]) == ("4", "2", "1")
    assert (after["--main_process_ip"], after["--main_process_port"]) == ("127.0.0.1", "29511")
    assert set(LAUNCHER) <= {f.name for f in LLMParams.schema()}


def test_merge_adapter_saves_a_whole_model(tmp_path, tiny_model, testdata):
    from tests.conftest import run_in_process

    project = make_project(tmp_path, testdata / "seed" / "sft.csv", model=tiny_model, trainer="sft", peft=True,
                           merge_adapter=True, max_steps=1, block_size=64)
    assert run_in_process(project) == 0
    assert (project / "model" / "model.safetensors").exists() and not (project / "model" / "adapter_config.json").exists()
    assert json.loads((project / "config.json").read_text())["merge_adapter"] is True
