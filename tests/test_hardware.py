"""The hardware picker's catalog, detection (with a Space simulated), the fit/time estimate, and moving a Space
to other hardware through the Hub stand-in."""

from __future__ import annotations

import subprocess
import sys

import pytest

from autotrain_ui import fit, hardware
from autotrain_ui.hub import space_hardware
from autotrain_ui.core.params import SPACE_BACKENDS, LLMParams
from tests.conftest import REPO
from tests.hub_standin import HubStandin

TOKEN = "hf_owner_token_hardware"


def test_catalog_lists_the_space_flavours_with_memory_and_price():
    names = [row["name"] for row in hardware.catalog()]
    for name in ("cpu-basic", "cpu-upgrade", "t4-small", "t4-medium", "l4x1", "l4x4", "a10g-small", "a10g-large",
                 "a10g-largex2", "a10g-largex4", "a100-large", "l40sx1", "l40sx4"):
        assert name in names
    rows = {row["name"]: row for row in hardware.catalog()}
    assert rows["cpu-basic"]["price_per_hour"] == 0 and rows["cpu-basic"]["gpus"] == 0
    assert rows["a100-large"]["gpu_memory_gb"] == 80 and rows["l4x4"]["total_gpu_memory_gb"] == 96
    assert all(row["price_per_hour"] > 0 for row in rows.values() if row["gpus"])
    assert "$" in rows["t4-small"]["description"] and "16 GB" in rows["t4-small"]["description"]


@pytest.mark.parametrize("backend", SPACE_BACKENDS)
def test_every_spaces_backend_of_the_spec_names_a_flavour(backend):
    assert hardware.flavour_for_backend(backend).name in hardware.BY_NAME


def test_old_backend_spellings_map_to_the_same_hardware():
    assert hardware.flavour("spaces-a10gl").name == "a10g-large"
    assert hardware.flavour("spaces-t4s").name == "t4-small"
    assert hardware.flavour("spaces-cpuf").name == "cpu-basic"
    with pytest.raises(KeyError):
        hardware.flavour_for_backend("local-cli")


def test_small_model_fits_everywhere_with_lora_and_a_7b_full_finetune_does_not_fit_a_24gb_gpu():
    small = fit.estimate("HuggingFaceTB/SmolLM2-135M-Instruct", "lora", 1024, 2, 1000, 1, "t4-small")
    assert small["fits"] and small["memory_gb"] < 16 and small["minutes"] > 0
    big = fit.estimate("mistralai/Mistral-7B-v0.1", "full", 1024, 2, 1000, 1, "a10g-large")
    assert not big["fits"] and big["memory_gb"] > 100
    qlora = fit.estimate("mistralai/Mistral-7B-v0.1", "qlora", 1024, 2, 1000, 1, "t4-small")
    assert qlora["fits"], qlora
    assert "7242M parameters, vocabulary 32,000" in big["assumptions"] and "90% of one A10G" in big["assumptions"]


def test_qlora_is_refused_on_cpu_with_the_reason():
    est = fit.estimate(135e6, "qlora", 512, 1, 100, 1, "cpu-upgrade")
    assert not est["fits"] and "needs a CUDA GPU" in est["assumptions"]


def test_time_grows_with_data_and_shrinks_with_faster_hardware():
    base = dict(model="Qwen/Qwen2.5-1.5B", method="lora", seq_len=1024, batch=2, epochs=1)
    t_small = fit.estimate(rows=1000, flavour_name="a10g-large", **base)["minutes"]
    t_more = fit.estimate(rows=10000, flavour_name="a10g-large", **base)["minutes"]
    t_fast = fit.estimate(rows=10000, flavour_name="a100-large", **base)["minutes"]
    assert t_small < t_more and t_fast < t_more
    assert fit.estimate(rows=10000, flavour_name="cpu-basic", **base)["cost_usd"] == 0
    table = fit.estimate_all("HuggingFaceTB/SmolLM2-135M-Instruct")
    assert [row["flavour"] for row in table] == [f.name for f in hardware.FLAVOURS]


def test_model_size_from_a_folder_a_name_or_a_number(tiny_model):
    shape = fit.model_shape(tiny_model)
    assert shape.layers == 2 and shape.hidden == 64 and shape.vocab == 2048 and 1.5e5 < shape.params < 3e5
    assert abs(fit.model_shape("someone/llama-3b-chat").params - 3e9) < 1
    assert abs(fit.model_shape("someone/tiny-135M").params - 135e6) < 1
    assert "assumed" in fit.model_shape("someone/mystery").source
    assert fit.model_shape(7e9).params == 7e9


@pytest.mark.parametrize("memory_gb", [0.05, 0.15, 1.0, 16.0])
@pytest.mark.parametrize("peft", [False, True])
def test_the_estimate_and_the_run_agree_about_gradient_checkpointing(tiny_model, monkeypatch, memory_gb, peft):
    """The run (trainers/policy.py, on the loaded model and the memory free) and the page's estimate (from the
    model's config.json and the flavour's memory) turn gradient checkpointing on or off alike."""
    from trainers import policy
    from trainers.loading import apply_lora, load_model, load_tokenizer
    from autotrain_ui.core.models import model_path

    params = LLMParams(model=tiny_model, trainer="sft", peft=peft, block_size=256, batch_size=4)
    tokenizer, added = load_tokenizer(params, model_path(tiny_model))
    model = apply_lora(load_model(params, model_path(tiny_model), tokenizer), params, added_tokens=added)
    monkeypatch.setattr(policy, "available_memory_bytes", lambda: int(memory_gb * hardware.GB))
    run_on, run_why = policy.resolve_checkpointing(params, model)
    machine = hardware.Flavour("local", "This machine", None, 0, 0, 2, memory_gb, 0.0, 0.03)
    est = fit.estimate(tiny_model, fit.method_for(peft), 256, 4, 100, 1, machine, trainer="sft")
    assert est["gradient_checkpointing"] == run_on, (est["checkpointing_reason"], run_why)
    assert est["checkpointing_reason"].split(":")[0] == run_why.split(":")[0]  # "on" / "off" in the same words
    off = fit.estimate(tiny_model, "full", 256, 4, 100, 1, machine, disable_gradient_checkpointing=True)
    assert not off["gradient_checkpointing"] and "--disable-gradient-checkpointing" in off["checkpointing_reason"]


def test_detection_outside_a_space_and_on_a_simulated_space():
    local = hardware.current_hardware({}, gpus=[])
    assert not local.on_space and local.flavour is None and "this machine" in local.label
    named = hardware.current_hardware({"SPACE_ID": "alice/x", "AUTOTRAIN_SPACE_HARDWARE": "spaces-a10gl"}, gpus=[])
    assert named.on_space and named.flavour == "a10g-large" and named.source == "env"
    guessed = hardware.current_hardware({"SPACE_ID": "alice/x", "CPU_CORES": "12"}, gpus=[("NVIDIA A10G", 22.5)])
    assert guessed.flavour == "a10g-large" and guessed.source == "gpu-guess"
    assert hardware.guess_flavour([("NVIDIA A10G", 22.5)], 4) == "a10g-small"
    assert hardware.guess_flavour([("NVIDIA L4", 22)] * 4, 48) == "l4x4"
    assert hardware.guess_flavour([], 2) == "cpu-basic"
    f = hardware.local_flavour(hardware.CurrentHardware(False, None, [("NVIDIA H100 80GB HBM3", 79.6)], 16, 200))
    assert f.gpus == 1 and f.tflops == 989 and fit.estimate(135e6, "full", 512, 2, 100, 1, f)["fits"]


def test_detection_does_not_import_torch():
    code = "import sys; from autotrain_ui import hardware; hardware.current_hardware(); assert 'torch' not in sys.modules"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


@pytest.fixture
def hub(monkeypatch):
    with HubStandin() as standin:
        standin.add_user("alice", TOKEN)
        standin.add_user("bob", "hf_bob_token")
        standin.add_repo("alice/autotrain-ui", "space", sdk="docker", private=False)
        monkeypatch.setenv("HF_ENDPOINT", standin.url)
        yield standin


def test_request_hardware_moves_the_space_and_drop_to_cpu_moves_it_back(hub):
    rt = space_hardware.request_hardware("alice/autotrain-ui", "a10g-large", TOKEN)
    assert rt["requested"] == "a10g-large" and hub.repo("alice/autotrain-ui", "space").requested_hardware == "a10g-large"
    env = {"SPACE_ID": "alice/autotrain-ui"}
    assert hardware.current_hardware(env, token=TOKEN, gpus=[]).flavour == "a10g-large"
    assert space_hardware.drop_to_cpu("alice/autotrain-ui", TOKEN)["requested"] == "cpu-basic"
    assert hub.repo("alice/autotrain-ui", "space").hardware == "cpu-basic"


def test_a_waiting_space_reports_its_requested_hardware(hub):
    hub.hardware_applies = False
    rt = space_hardware.request_hardware("alice/autotrain-ui", "spaces-t4m", TOKEN)
    assert rt["current"] == "cpu-basic" and rt["requested"] == "t4-medium"


def test_hardware_changes_fail_with_a_clear_message(hub):
    with pytest.raises(hardware.HardwareError, match="owner's token"):
        space_hardware.request_hardware("alice/autotrain-ui", "t4-small", None)
    with pytest.raises(hardware.HardwareError, match="403"):
        space_hardware.request_hardware("alice/autotrain-ui", "t4-small", "hf_bob_token")
    hub.fail(401)
    with pytest.raises(hardware.HardwareError, match="401") as info:
        space_hardware.drop_to_cpu("alice/autotrain-ui", TOKEN)
    assert TOKEN not in str(info.value)


def test_the_4_and_8_gpu_a100_flavours_are_offered():
    rows = {r["name"]: r for r in hardware.catalog()}
    assert rows["a100x4"]["gpus"] == 4 and rows["a100x8"]["total_gpu_memory_gb"] == 640
    assert hardware.flavour("spaces-a100x8").name == "a100x8" and hardware.flavour("spaces-l40sx8").gpus == 8


def test_fsdp_and_zero3_split_the_model_across_the_gpus_in_the_estimate():
    """A 7B full fine-tune does not fit one 80 GB A100 (a whole copy per GPU under DDP), and fits when FSDP or ZeRO-3
    split its weights, gradients and optimizer state over eight."""
    base = dict(model=7e9, method="full", seq_len=512, batch=1, flavour_name="a100x8", gradient_checkpointing=True)
    ddp = fit.estimate(**base)
    for backend, engine in (("fsdp", "FSDP"), ("deepspeed", "DeepSpeed ZeRO-3")):
        sharded = fit.estimate(**base, distributed_backend=backend)
        assert not ddp["fits"] and sharded["fits"], (ddp["memory_gb"], sharded["memory_gb"])
        assert sharded["memory_gb"] < ddp["memory_gb"] / 6
        assert f"{engine} splits the weights, gradients and optimizer state across the 8 GPUs" in sharded["assumptions"]
    one_gpu = fit.estimate(**{**base, "flavour_name": "a100-large"}, distributed_backend="fsdp")
    assert one_gpu["memory_gb"] == fit.estimate(**{**base, "flavour_name": "a100-large"})["memory_gb"]
