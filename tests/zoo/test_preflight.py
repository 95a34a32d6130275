"""What a family cannot do with some option is said before launch, with what to use instead (autotrain_ui/preflight.py
reading autotrain_ui/core/families.py): the reward trainer on a family without a reward head, LoRA on a mixture-of-experts
model's experts, int4 on a CPU; a family nobody has checked trains, with a note that it takes the slow, safe path."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from tests.zoo.conftest import families


def model_folder(tmp_path, model_type: str):
    """Enough of a model for the pre-launch checks: they read config.json and load no weights."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path)) / model_type
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": model_type}))
    return folder


def check(tmp_path, testdata, model_type, **values):
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.preflight import preflight

    data = testdata / "seed" / ("reward.csv" if values.get("trainer") == "reward" else "sft.csv")
    return preflight(LLMParams(model=str(model_folder(tmp_path, model_type)), data_path=str(data.parent),
                               train_split=data.stem, **values), gpus=0)


@pytest.mark.parametrize("family", families())
def test_the_reward_head_table_says_what_transformers_has(family):
    from transformers.models.auto.modeling_auto import MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING_NAMES

    from autotrain_ui.core.families import family as spec

    assert spec(family).reward_head == (family in MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING_NAMES)


@pytest.mark.parametrize("family", ["granite", "cohere", "cohere2"])
def test_reward_on_a_family_without_a_reward_head_is_refused_with_what_to_use(family, tmp_path, testdata):
    result = check(tmp_path, testdata, family, trainer="reward", peft=True)
    assert not result.ok
    assert any("sequence-classification head" in e and "--trainer dpo or orpo" in e for e in result.errors)


def test_lora_on_the_experts_says_what_it_needs(tmp_path, testdata):
    refused = check(tmp_path, testdata, "mixtral", peft=True, target_modules="w1,w2,w3")
    assert not refused.ok and any("--lora-dropout 0" in e for e in refused.errors), refused.errors
    accepted = check(tmp_path, testdata, "mixtral", peft=True, target_modules="w1,w2,w3", lora_dropout=0.0)
    assert accepted.ok, accepted.errors
    for targets in ("experts", "gate_up_proj,down_proj"):
        result = check(tmp_path, testdata, "gpt_oss", peft=True, target_modules=targets)
        assert not result.ok and any("--target-modules all-linear" in e for e in result.errors), result.errors


def test_all_linear_on_a_moe_with_dropout_says_the_experts_stay_as_they_are(tmp_path, testdata):
    result = check(tmp_path, testdata, "qwen3_moe", peft=True)
    assert result.ok and any("attention layers only" in w and "--lora-dropout 0" in w for w in result.warnings)


def test_the_run_refuses_the_same_before_training(zoo):
    """The same rule inside the run (a Hub model preflight could not read): a RunError, not a peft traceback."""
    from autotrain_ui.core.params import LLMParams
    from trainers import errors, loading

    with pytest.raises(errors.RunError, match="--lora-dropout 0"):
        loading.load(LLMParams(model=str(zoo.folder("mixtral")), peft=True, target_modules="w1,w2,w3",
                              chat_template="none"))
    with pytest.raises(errors.RunError, match="dpo or orpo"):
        loading.load(LLMParams(model=str(zoo.folder("granite")), trainer="reward", peft=True, chat_template="none"),
                    task="reward")


def test_int4_on_a_cpu_is_refused_with_what_to_use(tmp_path, testdata):
    result = check(tmp_path, testdata, "llama", peft=True, quantization="int4")
    assert not result.ok and any("CUDA GPU" in e and "Drop --quantization" in e for e in result.errors)


def test_a_family_nobody_checked_is_accepted_with_a_note(tmp_path, testdata):
    result = check(tmp_path, testdata, "stablelm", peft=True)
    assert result.ok and any("has not been checked" in w for w in result.warnings)
