"""Choosing a model on the page: the model box offers the known small instruct models with their sizes (and still
takes any Hub id or folder), the one table of those models (autotrain_ui/core/models.py) holds what their published configs
say, the hardware estimate reads it (a 150k vocabulary costs memory a 49k one does not), the family checks know each
offered model's family without downloading a config, and a gated model the run's token cannot read is refused
before launch with where to accept its licence (against the Hub stand-in), or said to be unchecked with no network."""

from __future__ import annotations

import os
import subprocess
import sys

import gradio as gr
import pytest

from autotrain_ui import fit
from autotrain_ui.core import i18n
from autotrain_ui.core.models import KNOWN_MODELS, ModelSource, known_model, model_type, picker_models
from autotrain_ui.core.params import LLMParams
from autotrain_ui.preflight import preflight
from autotrain_ui.ui import form, hardware_panel
from autotrain_ui.ui.strings import EN, KO
from autotrain_ui.core import families
from tests.conftest import REPO
from tests.hub_standin import HubStandin

OFFERED = [  # issue #15: current small instruct models, the offline default first
    "HuggingFaceTB/SmolLM2-135M-Instruct", "HuggingFaceTB/SmolLM2-360M-Instruct", "HuggingFaceTB/SmolLM2-1.7B-Instruct",
    "Qwen/Qwen2.5-0.5B-Instruct", "Qwen/Qwen2.5-1.5B-Instruct", "Qwen/Qwen2.5-3B-Instruct", "Qwen/Qwen2.5-7B-Instruct",
    "Qwen/Qwen3-0.6B", "Qwen/Qwen3-1.7B", "Qwen/Qwen3-4B", "Qwen/Qwen3-8B",
    "meta-llama/Llama-3.2-1B-Instruct", "meta-llama/Llama-3.2-3B-Instruct", "meta-llama/Llama-3.1-8B-Instruct",
    "google/gemma-3-1b-it", "google/gemma-3-4b-it", "microsoft/Phi-3.5-mini-instruct",
    "mistralai/Mistral-7B-Instruct-v0.3", "HuggingFaceTB/SmolLM3-3B"]
LLAMA = "meta-llama/Llama-3.2-1B-Instruct"
ALICE, BOB = "hf_alice_models_token_0123456789", "hf_bob_models_token_0123456789"


# ---------------------------------------------------------------- the model box

def model_box():
    with gr.Blocks():
        return form.build_form()["model"]


def test_the_model_box_offers_the_known_models_with_their_sizes_and_takes_any_other():
    box = model_box()
    assert isinstance(box, gr.Dropdown) and box.allow_custom_value and box.value == OFFERED[0]
    values = [value for _, value in box.choices]
    assert values == OFFERED
    english = {value: EN[label.split('"key": "')[1].split('"')[0]] for label, value in box.choices}
    assert english["Qwen/Qwen2.5-1.5B-Instruct"] == "Qwen2.5 1.5B Instruct (1.5B, gated: no)"
    assert english["HuggingFaceTB/SmolLM2-135M-Instruct"] == "SmolLM2 135M Instruct (135M, gated: no)"
    assert english["meta-llama/Llama-3.1-8B-Instruct"] == "Llama 3.1 8B Instruct (8.0B, gated: yes)"
    assert english["google/gemma-3-1b-it"] == "Gemma 3 1B Instruct (1.0B, gated: yes)"
    assert english["Qwen/Qwen2.5-0.5B-Instruct"] == "Qwen2.5 0.5B Instruct (494M, gated: no)"   # the real count
    for label, value in box.choices:
        key = label.split('"key": "')[1].split('"')[0]
        assert KO[key].endswith("라이선스 동의 " + ("필요)" if known_model(value).gated else "불필요)")), KO[key]
    # anything typed in is the model, as before: a Hub id of another model, a folder
    assert form.to_params({"model": "someone/my-model"}).model == "someone/my-model"
    assert form.to_params({"model": "/models/tiny"}).model == "/models/tiny"


def test_the_table_holds_what_the_published_configs_build():
    """Each row's parameter count is what transformers builds from the row's own config (on the meta device, no
    weights), and its config says the same vocabulary, tying and family."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    assert [m.hub_id for m in picker_models()] == OFFERED
    for row in KNOWN_MODELS:
        values = row.config()
        config = AutoConfig.for_model(values.pop("model_type"), **values)
        with torch.device("meta"):
            model = AutoModelForCausalLM.from_config(config)
        assert sum(p.numel() for p in model.parameters()) == row.params, row.hub_id
        text = config.get_text_config()
        assert (text.vocab_size, text.hidden_size, text.num_hidden_layers) == (row.vocab, row.hidden, row.layers)
        assert model.config.tie_word_embeddings == row.tied, row.hub_id
        assert model.get_input_embeddings().weight.shape[0] == row.vocab


def test_every_offered_model_has_its_family_without_a_download():
    for row in picker_models():
        assert model_type(ModelSource("hub", row.hub_id, row.hub_id)) == row.model_type
    # the fast path's table knows each family but Gemma 3 4B's (an image-and-text model, built as
    # Gemma3ForConditionalGeneration), which trains through its own forward
    unchecked = {row.hub_id for row in picker_models() if families.family(row.model_type) is None}
    assert unchecked == {"google/gemma-3-4b-it"}
    assert model_type(ModelSource("gguf", "/x/SmolLM2-135M-Instruct.Q4_1.gguf", OFFERED[0])) == "llama"
    assert model_type(ModelSource("gguf", "/x/other.gguf", "other")) is None
    assert known_model("unsloth/Llama-3.2-1B-Instruct-bnb-4bit") is None                # exact for the family
    assert known_model("unsloth/Llama-3.2-1B-Instruct-bnb-4bit", exact=False).hub_id == LLAMA   # good for sizes
    assert known_model("meta-llama/Llama-3.2-11B-Vision-Instruct", exact=False) is None


# ---------------------------------------------------------------- the estimate

def test_a_150k_vocabulary_needs_more_memory_than_a_49k_one_of_a_similar_size():
    # rows that fill the 1024-token block (the estimate follows the rows' own length, 256 tokens when no data says),
    # for a trainer whose loss holds every token's logits (TRL's DPO; the default and SFT trainers' fused loss holds
    # at most fit.LOSS_CHUNK tokens' worth)
    qwen = fit.estimate("Qwen/Qwen2.5-1.5B-Instruct", "lora", 1024, 2, 1000, 1, "t4-small", tokens_per_row=1024,
                        trainer="dpo")
    smol = fit.estimate("HuggingFaceTB/SmolLM2-1.7B-Instruct", "lora", 1024, 2, 1000, 1, "t4-small", tokens_per_row=1024,
                        trainer="dpo")
    assert qwen["params"] == 1_543_714_304 < smol["params"] == 1_711_376_384
    assert (qwen["vocab"], smol["vocab"]) == (151936, 49152)
    # the logits of 2 rows x 2 answers x 1024 tokens over 152k words, their gradient and softmax: GBs more than over 49k
    assert qwen["memory_gb"] - smol["memory_gb"] > 1.5
    assert "vocabulary 151,936" in qwen["assumptions"] and "vocabulary 49,152" in smol["assumptions"]
    # before the table the name was all there was: 1.5B read from it and a 50k vocabulary assumed
    assert fit.estimate("someone/Qwen-ish-1.5B", "lora", 1024, 2, 1000, 1, "t4-small")["vocab"] == 50000


def test_untied_embeddings_are_memory_but_not_compute():
    """Qwen2.5-7B keeps a separate output head: all its weights take memory, but the input embedding is a lookup."""
    row = known_model("Qwen/Qwen2.5-7B-Instruct")
    shape = fit.model_shape(row.hub_id)
    assert not shape.tied and shape.params == row.params
    assert shape.compute_params == row.params - row.vocab * row.hidden
    tied = fit.model_shape("Qwen/Qwen2.5-3B-Instruct")
    assert tied.tied and tied.compute_params == tied.params
    assert "separate input and output embeddings" in fit.estimate(row.hub_id)["assumptions"]


def test_an_unknown_model_is_estimated_as_before_and_says_so():
    said = hardware_panel.fit_markdown("someone/mystery-3b", "a10g-large", peft=True)
    assert "is not one of the models this tool knows" in said and "3000M parameters read from the name" in said
    assert "not one of the models" not in hardware_panel.fit_markdown("Qwen/Qwen3-1.7B", "a10g-large", peft=True)
    korean = hardware_panel.fit_markdown("someone/mystery-3b", "a10g-large", peft=True, lang="ko")
    assert "이 도구가 아는 모델" in korean and "공개된 설정 파일" in hardware_panel.fit_markdown(
        "Qwen/Qwen3-1.7B", "a10g-large", peft=True, lang="ko")


# ---------------------------------------------------------------- gated models, before launch

@pytest.fixture
def hub(monkeypatch):
    with HubStandin() as standin:
        standin.add_user("alice", ALICE)
        standin.add_user("bob", BOB)
        config = b'{"model_type": "llama"}'
        standin.add_repo(LLAMA, private=False, gated="manual", files={"config.json": config})
        standin.add_repo("google/gemma-3-4b-it", private=False, gated="manual", files={"config.json": b"{}"})
        standin.add_repo("Qwen/Qwen3-0.6B", private=False, files={"config.json": b"{}"})
        standin.grant(LLAMA, "alice")
        standin.grant("google/gemma-3-4b-it", "alice")
        monkeypatch.setenv("HF_ENDPOINT", standin.url)
        monkeypatch.delenv("HF_TOKEN", raising=False)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        yield standin


def check(testdata, model: str, token: str | None = None, **values):
    data = testdata / "seed" / "sft.csv"
    return preflight(LLMParams(model=model, data_path=str(data.parent), train_split=data.stem, trainer="sft",
                               **values), gpus=0, token=token)


def test_a_gated_model_the_token_cannot_read_is_refused_with_where_to_accept_its_licence(hub, testdata):
    for token, why in ((None, "this run has no Hub token"), (BOB, "has not been granted access")):
        result = check(testdata, LLAMA, token)
        assert not result.ok
        [error] = [e for e in result.errors if "gated model" in e]
        assert why in error and "https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct" in error, error
        assert "accept the licence" in error and BOB not in error
        korean = i18n.render(error, "ko")
        assert "라이선스에 동의" in korean and "https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct" in korean
    assert check(testdata, LLAMA, ALICE).ok                          # alice accepted it
    assert check(testdata, "Qwen/Qwen3-0.6B").ok                     # not gated: no token needed
    missing = check(testdata, "Qwen/Qwen3-0.6B-Typo", ALICE)
    assert any("the Hub has no model of that id" in e for e in missing.errors), missing.errors


def test_the_token_the_run_gets_is_the_one_checked(hub, testdata, monkeypatch):
    """No token given: the run has this environment's HF_TOKEN (runner.child_env), and so does the check."""
    monkeypatch.setenv("HF_TOKEN", ALICE)
    assert check(testdata, LLAMA).ok
    monkeypatch.setenv("HF_TOKEN", BOB)
    assert not check(testdata, LLAMA).ok


def test_the_offered_family_is_checked_before_launch_on_a_space_backend(hub, testdata):
    """A Space downloads the model itself: the checks here know its family from the table, and ask the Hub."""
    result = check(testdata, "google/gemma-3-4b-it", ALICE, backend="spaces-a10g-large", peft=True)
    assert result.ok and any("has not been checked" in w for w in result.warnings), result.warnings
    refused = check(testdata, LLAMA, BOB, backend="spaces-a10g-large", peft=True)
    assert any("gated model" in e for e in refused.errors)


def test_with_no_network_the_check_says_it_was_skipped(hub, testdata, monkeypatch):
    hub.fail(drop=True, path="/auth-check")                  # the connection cut when the Hub is asked
    result = check(testdata, LLAMA, BOB)
    assert result.ok, result.errors                          # a warning, not a refusal
    [warning] = result.warnings
    assert "could not ask the Hub" in warning and "that check was skipped" in warning and LLAMA in warning
    assert "https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct" in warning and BOB not in warning
    hub.clear_failures()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")                # no Hub at all: a Space job is checked here first
    offline = check(testdata, LLAMA, BOB, backend="spaces-a10g-large", peft=True)
    assert offline.ok and any("could not ask the Hub" in w and "cannot be reached" in w for w in offline.warnings)
    korean = [i18n.render(w, "ko") for w in offline.warnings if "could not ask" in w]
    assert korean and "연결할 수 없습니다" in korean[0] and "건너뛰었습니다" in korean[0]
    # a model the table knows is not gated needs no such warning
    plain = check(testdata, "Qwen/Qwen3-0.6B", None, backend="spaces-a10g-large", peft=True)
    assert not any("could not ask" in w for w in plain.warnings)


def test_the_page_refuses_a_gated_model_and_passes_the_warnings_on(hub, testdata, tmp_path, monkeypatch):
    """The page's Train: submit_job with the signed-in user's token when the job pushes (else HF_TOKEN), as the run
    gets it; what is refused is listed, in the visitor's language; warnings reach the page (a toast)."""
    from autotrain_ui.ui.actions import submit_job
    from autotrain_ui.jobs import Registry
    from autotrain_ui.job_errors import SubmitError

    registry = Registry(tmp_path / "projects")
    settings = {"model": LLAMA, "trainer": "sft", "push_to_hub": True, "username": "bob"}
    with pytest.raises(SubmitError) as refused:
        submit_job(registry, str(testdata / "seed" / "sft.csv"), settings, owner="bob", oauth_token=BOB)
    [line] = [line for line in refused.value.lines if "gated model" in line]
    assert "라이선스에 동의" in i18n.render(line, "ko") and BOB not in str(refused.value)
    assert registry.list_jobs() == [] and not list((tmp_path / "projects").glob("my-*"))
    hub.fail(drop=True, path="/auth-check")
    warned: list = []
    with pytest.raises(SubmitError):     # refused for its epochs; the skipped check is still said
        submit_job(registry, str(testdata / "seed" / "sft.csv"), {**settings, "epochs": 0}, owner="bob",
                   oauth_token=BOB, warnings=warned)
    assert any("could not ask the Hub" in w for w in warned), warned


def test_the_cli_refuses_a_gated_model_before_anything_starts(hub, testdata, tmp_path):
    env = {**os.environ, **hub.env(), "PYTHONPATH": str(REPO), "HF_HOME": str(tmp_path / ".hf"), "HF_TOKEN": BOB}
    env.pop("HF_HUB_OFFLINE", None)
    out = subprocess.run([sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", "--model", LLAMA,
                          "--data-path", str(testdata / "seed"), "--train-split", "sft", "--trainer", "sft",
                          "--project-name", "gated"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode != 0 and "gated model" in out.stderr and "huggingface.co/" + LLAMA in out.stderr, out.stderr
    assert BOB not in out.stdout + out.stderr and not (tmp_path / "gated").exists()
