"""The schema is the CLI: every flag of the spec (every spelling) is accepted into its field. That each one then reaches
what transformers, TRL and peft receive is tests/test_flags_reach_the_run.py."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from autotrain_ui.cli.llm import parse_llm_args
from autotrain_ui.core.params import LLMParams, ParamError, coerce

BASE = ["--train", "--project-name", "p1"]
ALT = {  # a valid non-default value for each field, by type
    "model": "some/other-model", "data_path": "elsewhere", "train_split": "mytrain", "valid_split": "myvalid",
    "text_column": "body", "rejected_text_column": "bad", "prompt_text_column": "question", "trainer": "dpo",
    "label_column": "thumbs",
    "chat_template": "chatml", "optimizer": "sgd", "scheduler": "cosine", "target_modules": "q_proj,v_proj",
    "quantization": "int4", "model_ref": "ref/model", "mixed_precision": "bf16", "padding": "left",
    "evaluation_strategy": "steps", "save_strategy": "steps", "log": "tensorboard", "project_name": "p2",
    "backend": "spaces-a10g-large", "username": "someone", "token": "hf_not_a_real_token",
    "distributed_backend": "fsdp", "block_size": 256, "max_prompt_length": 64, "max_completion_length": 100, "logging_steps": 7,
    "prompt": "Hello there", "rewards": "length:max=5", "main_process_ip": "10.0.0.1", "num_machines": 2, "machine_rank": 1,
    "data_config": "plain", "data_revision": "v1.0",
}


def _alt_value(f):
    if f.name in ALT:
        return ALT[f.name]
    if str(f.type) == "bool":
        return True
    if "float" in str(f.type):
        return 0.0123
    if "int" in str(f.type):
        return 3
    raise AssertionError(f"no test value for {f.name}")


FIELDS = LLMParams.schema()
CASES = [(f, flag) for f in FIELDS for flag in f.metadata["flags"]]


@pytest.mark.parametrize("field,flag", CASES, ids=[flag for _, flag in CASES])
def test_every_flag_is_accepted(field, flag):
    value = _alt_value(field)
    # companions some values need to be valid together (int4 needs --peft, etc.)
    extra = ["--peft"] if field.name in ("quantization", "merge_adapter", "lora_r", "lora_alpha", "lora_dropout",
                                         "target_modules") else []
    extra += ["--trainer", "dpo"] if field.name in ("max_prompt_length", "max_completion_length", "dpo_beta") else []
    extra += ["--save-strategy", "steps"] if field.name == "save_steps" else []
    argv = BASE + extra + ([flag] if value is True else [flag, str(value)])
    params = parse_llm_args([a for a in argv if not (field.name == "train" and a == "--train")] +
                            (["--train"] if field.name == "train" else []))
    assert getattr(params, field.name) == value


def test_spec_defaults():
    p = parse_llm_args(BASE)
    assert (p.warmup_ratio, p.optimizer, p.scheduler, p.weight_decay, p.max_grad_norm) == (0.1, "adamw_torch", "linear", 0.0, 1.0)
    assert (p.block_size, p.lora_r, p.lora_alpha, p.lora_dropout, p.target_modules) == (-1, 16, 32, 0.05, "all-linear")
    assert (p.model_max_length, p.evaluation_strategy, p.save_total_limit) == (1024, "epoch", 1)
    assert p.model == "HuggingFaceTB/SmolLM2-135M-Instruct"
    from pathlib import Path

    from trainers.arguments import training_kwargs

    settings = training_kwargs(p, Path("PROJECT"), n_train=100, has_eval=False)
    assert settings["warmup_steps"] == 0.1 and settings["activation_checkpointing"] is True  # no model to size: on


def test_none_spelling_is_accepted():
    p = parse_llm_args(BASE + ["--chat-template", "None", "--mixed-precision", "None", "--quantization", "None"])
    assert p.mixed_precision is None and p.quantization is None
    assert p.chat_template == "none"  # None asks for no template; not giving the flag (None) chooses from the data
    assert parse_llm_args(BASE).chat_template is None
    assert parse_llm_args(BASE + ["--chat-template", "auto"]).chat_template is None


@pytest.mark.parametrize("argv,needle", [
    (["--quantization", "int4"], "--peft"),
    (["--quantization", "int8"], "--peft"),
    (["--merge-adapter"], "--peft"),
    (["--block-size", "4096"], "--model-max-length"),
    (["--project-name", "../escape"], "project-name"),
    (["--project-name", "has space"], "project-name"),
    (["--project-name", ".."], "project-name"),
    (["--project-name", "../../x"], "project-name"),
    (["--project-name", "모델 프로젝트"], "project-name"),
    (["--project-name", "a/b"], "project-name"),
    (["--push-to-hub"], "--username"),
])
def test_invalid_combinations_are_refused_with_what_to_change(argv, needle):
    params = parse_llm_args(["--train", "--project-name", "ok"] + argv)
    errors = params.validate()
    assert errors and any(needle in e for e in errors), errors


def test_unknown_trainer_is_refused():
    with pytest.raises(ParamError, match="default, sft, reward, dpo, orpo"):
        parse_llm_args(BASE + ["--trainer", "magic"])


def test_config_never_holds_the_token(tmp_path):
    p = parse_llm_args(BASE + ["--token", "hf_secret_value_123"])
    p.save(tmp_path / "config.json")
    text = (tmp_path / "config.json").read_text()
    assert "hf_secret_value_123" not in text and "token" not in json.loads(text)
    assert LLMParams.load(tmp_path / "config.json").project_name == "p1"


def test_config_with_unknown_key_is_refused():
    with pytest.raises(ParamError, match="frobnicate"):
        LLMParams.from_dict({"frobnicate": 1})


def test_one_catalog_of_trainers_is_what_the_schema_the_data_check_and_the_dispatch_read():
    """--trainer's choices, the data check's and `autotrain data check --trainer`'s are the catalog's names, and each
    names a recipe module in trainers/ with a run() (trainers/__main__.py imports it by that name)."""
    import importlib.util
    from dataclasses import fields

    from autotrain_ui.core import data, trainers_catalog
    from autotrain_ui.core.params import LLMParams

    trainer_field = next(f for f in fields(LLMParams) if f.name == "trainer")
    assert tuple(trainer_field.metadata["choices"]) == trainers_catalog.NAMES == data.TRAINERS
    for spec in trainers_catalog.CATALOG:
        assert importlib.util.find_spec(f"trainers.{spec.recipe}") is not None, spec
        source = (Path(__file__).resolve().parents[1] / "trainers" / f"{spec.recipe}.py").read_text()
        assert "\ndef run(params, project_dir, resume=False):" in source, spec.recipe
    assert [t.name for t in trainers_catalog.CATALOG if t.reference_model] == ["dpo", "kto"]
    assert not trainers_catalog.chats("reward") and trainers_catalog.chats("kto")


@pytest.mark.parametrize("flag, value, says", [("peft", "ture", "is not yes or no"), ("epochs", "2.9", "is not a whole number"),
                                               ("lr", "fast", "is not a number"), ("batch_size", "", "is not a whole number")])
def test_a_mistyped_value_is_refused_with_its_flag_not_guessed(flag, value, says):
    """'ture' used to become False and '2.9' epochs became 2: a typo must be said, never read as something else."""
    field = {f.name: f for f in dataclasses.fields(LLMParams)}[flag]
    with pytest.raises(ParamError) as refused:
        coerce(field, value)
    assert says in str(refused.value) and f"--{flag.replace('_', '-')}" in str(refused.value), refused.value


@pytest.mark.parametrize("flag, value, expected", [("peft", "yes", True), ("peft", "False", False), ("peft", 0, False),
                                                   ("epochs", "3.0", 3), ("epochs", 4, 4), ("lr", "2e-4", 2e-4)])
def test_what_a_form_or_file_writes_still_reads(flag, value, expected):
    field = {f.name: f for f in dataclasses.fields(LLMParams)}[flag]
    assert coerce(field, value) == expected


@pytest.mark.parametrize("argv, peft", [
    (["--trainer", "grpo"], True),                          # grpo trains a LoRA adapter unless told otherwise
    (["--trainer", "grpo", "--peft", "false"], False),      # ... and now can be told
    (["--trainer", "grpo", "--no-peft"], False),
    (["--trainer", "grpo", "--use_peft", "no"], False),
    (["--trainer", "grpo", "--use-peft=0"], False),
    (["--trainer", "grpo", "--peft", "--lr", "1e-4"], True),  # AutoTrain's bare switch, another flag after it
    (["--peft"], True), ([], False), (["--trainer", "sft", "--peft", "yes"], True),
])
def test_a_yes_no_flag_takes_a_value_so_grpo_can_train_every_weight(argv, peft):
    assert parse_llm_args(BASE + argv).peft is peft


def test_a_yes_no_flag_with_a_typo_is_refused_in_words():
    from autotrain_ui.core.i18n import render

    with pytest.raises(ParamError) as refused:
        parse_llm_args(BASE + ["--trainer", "grpo", "--peft", "ture"])
    assert "--peft 'ture' is not yes or no: write true or false." in str(refused.value)
    assert "예/아니오" in render(refused.value.args[0], "ko")
    assert parse_llm_args(BASE + ["--no-merge-adapter"]).merge_adapter is False  # every setting has its --no-


def test_a_small_block_size_fits_the_default_prompt_length_and_an_explicit_one_is_kept(capsys):
    """`--trainer dpo --block-size 128`: the default prompt length (128) would leave no room for the answer; the
    command line gives the prompt half the block and says so. A prompt length the user gave is theirs: refused when
    it does not fit, never changed."""
    dpo = BASE + ["--trainer", "dpo", "--block-size", "128"]
    fitted = parse_llm_args(dpo)
    assert fitted.max_prompt_length == 64 and fitted.validate() == []
    assert "--max-prompt-length is 64, half of the block size 128" in capsys.readouterr().err
    given = parse_llm_args(dpo + ["--max-prompt-length", "128"])
    assert given.max_prompt_length == 128 and any("smaller than the block size" in e for e in given.validate())
    assert parse_llm_args(BASE + ["--trainer", "sft", "--block-size", "64"]).max_prompt_length == 128   # unused
    assert parse_llm_args(BASE + ["--trainer", "dpo"]).max_prompt_length == 128   # the default fits the default block
