"""The hardware panel (picker text, fit/time estimate, moving the Space, the drop-to-CPU choice), dropping back to
CPU basic when the queue is empty, and adopting the jobs the CLI uploaded to the Space: against the Hub stand-in,
with a Space simulated by env vars. No trainer is started (the scheduler's tick is stubbed)."""

from __future__ import annotations


import pytest

from autotrain_ui import fit, hardware
from autotrain_ui.hub import space_hardware
from autotrain_ui.hub import space_jobs
from autotrain_ui.hub import spaces as spaces_backend
from autotrain_ui.jobs import Registry
from autotrain_ui.core.params import LLMParams
from autotrain_ui.ui import hardware_panel
from tests.hub_standin import HubStandin

TOKEN = "hf_alice_owner_token_panel_0123"
SPACE = "alice/autotrain-ui"
ON_SPACE = {"SPACE_ID": SPACE, "SPACE_AUTHOR_NAME": "alice"}


@pytest.fixture
def hub(monkeypatch):
    with HubStandin() as standin:
        standin.add_user("alice", TOKEN)
        standin.add_user("bob", "hf_bob_token_panel")
        standin.add_repo(SPACE, "space", sdk="docker", private=True, hardware="cpu-basic")
        monkeypatch.setenv("HF_ENDPOINT", standin.url)
        yield standin


@pytest.fixture
def registry(tmp_path, monkeypatch):
    monkeypatch.setattr(Registry, "tick", lambda self, start=True: None)   # jobs stay queued: no trainer starts
    reg = Registry(tmp_path / "projects")
    yield reg
    reg.close()


def _hardware_posts(hub) -> int:
    return sum(1 for r in hub.requests if r.method == "POST" and r.path.endswith("/hardware"))


# ---------------------------------------------------------------- text

def test_picker_shows_memory_and_price_and_marks_the_current_flavour():
    choices = dict((value, label) for label, value in hardware_panel.flavour_choices("a10g-large"))
    assert set(choices) == set(hardware.BY_NAME)
    assert choices["a10g-large"].endswith("(current)") and "24 GB GPU" in choices["a10g-large"]
    assert "$1.50/hour" in choices["a10g-large"] and "free" in choices["cpu-basic"]
    assert "4x 24 GB GPU" in choices["l4x4"] and "(current)" not in choices["t4-small"]
    local = hardware.local_flavour(hardware.CurrentHardware(False, None, [], 8, 32))
    first = hardware_panel.flavour_choices(None, local)[0]
    assert first[1] == hardware_panel.LOCAL and "This machine" in first[0] and "(current)" in first[0]


def test_fit_text_says_fits_time_cost_and_assumptions():
    text = hardware_panel.fit_markdown("HuggingFaceTB/SmolLM2-135M-Instruct", "t4-small", peft=True, block_size=512,
                                       batch_size=2, rows=2000, epochs=3, trainer="sft")
    assert "**Fits on Nvidia T4 small** (LoRA)" in text and "Roughly" in text and "$0.40/hour" in text
    assert "6,000 rows trained over 3,000 steps" in text and "Assumptions:" in text and "rows assumed" not in text


def test_too_big_job_names_the_cheapest_hardware_it_fits_on_and_what_to_change():
    text = hardware_panel.fit_markdown("Qwen/Qwen2.5-1.5B", "a10g-large", peft=False, block_size=1024,
                                       batch_size=2, rows=None, epochs=1)
    assert "**Does not fit on Nvidia A10G large** (full fine-tune)" in text
    assert "Cheapest hardware it fits on: **Nvidia" in text and "Turning on LoRA" in text and "peft" not in text
    assert "1,000 rows assumed" in text
    huge = hardware_panel.fit_markdown("mistralai/Mistral-7B-v0.1", "a10g-large", peft=False)
    assert "fits on none of the Space flavours" in huge


def test_quantization_and_pair_trainers_change_the_estimate():
    int8 = hardware_panel.fit_markdown("Qwen/Qwen2.5-1.5B", "cpu-upgrade", peft=True, quantization="int8")
    assert "QLoRA (int8)" in int8 and "Does not fit" in int8 and "needs a CUDA GPU" in int8
    assert fit.method_for(True, "int4") == "qlora" and fit.method_for(False, "int4") == "full"
    sft = fit.estimate("Qwen/Qwen2.5-1.5B", "full", 1024, 2, 1000, 1, "a100-large", trainer="sft")
    dpo = fit.estimate("Qwen/Qwen2.5-1.5B", "full", 1024, 2, 1000, 1, "a100-large", trainer="dpo")
    assert dpo["memory_gb"] > sft["memory_gb"] and dpo["minutes"] > sft["minutes"]
    assert "reference model" in dpo["assumptions"]
    i4 = fit.estimate("Qwen/Qwen2.5-7B", "qlora", 1024, 2, 1000, 1, "t4-small")
    i8 = fit.estimate("Qwen/Qwen2.5-7B", "qlora8", 1024, 2, 1000, 1, "t4-small")
    assert i4["memory_gb"] < i8["memory_gb"] and i4["minutes"] < i8["minutes"]


def test_rows_are_counted_from_the_data_file(testdata, tmp_path):
    csv = testdata / "seed" / "sft.csv"
    lines = [line for line in csv.read_bytes().splitlines() if line.strip()]
    assert hardware_panel.count_rows(str(csv)) == len(lines) - 1
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n\n')
    assert hardware_panel.count_rows(tmp_path / "a.jsonl") == 2
    assert hardware_panel.count_rows(None) is None and hardware_panel.count_rows(tmp_path / "missing.csv") is None


def test_panel_builds_and_wires_to_the_form(registry):
    import gradio as gr

    from autotrain_ui.ui import form

    with gr.Blocks():
        fields = form.build_form()
        panel = hardware_panel.build({})
        hardware_panel.wire(panel, fields, registry, lambda oauth: None, data_file=gr.File())
    assert {"flavour", "rows", "fit", "move", "drop", "status"} <= set(panel)
    assert panel["move"].visible is False and panel["flavour"].value == hardware_panel.LOCAL
    with gr.Blocks():
        on_space = hardware_panel.build({**ON_SPACE, "AUTOTRAIN_SPACE_HARDWARE": "t4-small"})
    assert on_space["move"].visible is True and on_space["flavour"].value == "t4-small"
    assert on_space["move"].value == "Move this Space to Nvidia T4 small"


# ---------------------------------------------------------------- moving the Space

def test_only_the_signed_in_owner_moves_the_space_and_is_told_what_happens(hub, registry, testdata):
    assert "not running on a Space" in hardware_panel.move_space("alice", "t4-small", TOKEN, registry, {})
    for user in (None, "bob"):
        message = hardware_panel.move_space(user, "t4-small", TOKEN, registry, ON_SPACE)
        assert "Only the owner of this Space (alice)" in message
    assert _hardware_posts(hub) == 0
    registry.submit(LLMParams(project_name="waiting", trainer="sft"), testdata / "seed" / "sft.csv",
                    check_model=False)
    message = hardware_panel.move_space("Alice", "a10g-large", TOKEN, registry, ON_SPACE)
    assert hub.repo(SPACE, "space").requested_hardware == "a10g-large"
    assert "$1.50/hour" in message and "restarts" in message and "1 queued job(s) start by themselves" in message
    assert "no persistent storage" in message and "Drop back to CPU basic" in message
    assert "already on Nvidia A10G large" in hardware_panel.move_space("alice", "a10g-large", TOKEN, registry, ON_SPACE)
    refused = hardware_panel.move_space("alice", "t4-small", None, registry, ON_SPACE)
    assert "Not moved" in refused and "owner's token" in refused
    hub.fail(402, path="/hardware")   # no billing on the account: the Hub's refusal, said in the visitor's language
    english = hardware_panel.move_space("alice", "t4-small", TOKEN, registry, ON_SPACE)
    assert f"Could not move {SPACE} to t4-small: the Hub answered 402 (payment required)" in english, english
    korean = hardware_panel.move_space("alice", "t4-small", TOKEN, registry, ON_SPACE, lang="ko")
    assert f"{SPACE}을(를) t4-small(으)로 옮기지 못했습니다: Hub의 응답은 402(결제 필요)입니다" in korean, korean
    assert TOKEN not in english + korean and hub.repo(SPACE, "space").requested_hardware == "a10g-large"


def test_a_running_job_is_not_interrupted_by_a_move(hub, registry, testdata):
    job = registry.submit(LLMParams(project_name="busy", trainer="sft"), testdata / "seed" / "sft.csv",
                          check_model=False)
    registry._db.execute("UPDATE jobs SET status = 'running' WHERE id = ?", (job,))
    assert "busy is running" in hardware_panel.move_space("alice", "t4-small", TOKEN, registry, ON_SPACE)
    assert _hardware_posts(hub) == 0


def test_drop_choice_is_the_owners_and_is_remembered(registry):
    assert "only applies on a Space" in hardware_panel.set_drop("x", True, registry, {})
    assert "Only the owner" in hardware_panel.set_drop("bob", True, registry, ON_SPACE)
    assert not space_hardware.drop_when_idle(registry.root)
    assert "moves back to CPU basic" in hardware_panel.set_drop("alice", True, registry, ON_SPACE)
    assert space_hardware.drop_when_idle(Registry(registry.root).root)
    hardware_panel.set_drop("alice", False, registry, ON_SPACE)
    assert not space_hardware.drop_when_idle(registry.root)


# ---------------------------------------------------------------- back to CPU when the queue is empty

def test_space_drops_to_cpu_only_when_enabled_and_the_queue_is_empty(hub, registry, testdata):
    space_hardware.request_hardware(SPACE, "a10g-large", TOKEN)
    job = registry.submit(LLMParams(project_name="q", trainer="sft"), testdata / "seed" / "sft.csv", check_model=False)
    assert space_hardware.maybe_drop_to_cpu(registry, SPACE, TOKEN, False)["reason"] == "off"
    assert space_hardware.maybe_drop_to_cpu(registry, None, TOKEN, True)["reason"] == "not on a Space"
    busy = space_hardware.maybe_drop_to_cpu(registry, SPACE, TOKEN, True)
    assert not busy["dropped"] and "queued or running" in busy["reason"]
    assert hub.repo(SPACE, "space").hardware == "a10g-large"
    registry.cancel(job)
    finished = registry.get(job)["finished"]
    early = space_hardware.maybe_drop_to_cpu(registry, SPACE, TOKEN, True, min_idle_s=300, now=finished + 10)
    assert not early["dropped"] and hub.repo(SPACE, "space").hardware == "a10g-large"
    done = space_hardware.maybe_drop_to_cpu(registry, SPACE, TOKEN, True, min_idle_s=300, now=finished + 301)
    assert done["dropped"] and hub.repo(SPACE, "space").hardware == "cpu-basic"
    posts = _hardware_posts(hub)
    assert space_hardware.maybe_drop_to_cpu(registry, SPACE, TOKEN, True)["reason"] == "already on cpu-basic"
    assert _hardware_posts(hub) == posts, "no second request (each one restarts the Space)"


def test_no_drop_while_the_space_is_moving_or_when_the_hub_refuses(hub, registry):
    hub.hardware_applies = False
    space_hardware.request_hardware(SPACE, "t4-small", TOKEN)
    assert "moving to t4-small" in space_hardware.maybe_drop_to_cpu(registry, SPACE, TOKEN, True)["reason"]
    hub.hardware_applies = True
    space_hardware.request_hardware(SPACE, "t4-small", TOKEN)
    refused = space_hardware.maybe_drop_to_cpu(registry, SPACE, "hf_bob_token_panel", True)
    assert not refused["dropped"] and "Could not" in refused["reason"] and hub.repo(SPACE, "space").hardware == "t4-small"


# ---------------------------------------------------------------- jobs the CLI uploaded to the Space

def _upload(checkout, testdata, job_id, **kw):
    params = LLMParams(project_name="space-bot", trainer="sft", backend="spaces-a10g-large", push_to_hub=True,
                       username="alice", **kw)
    meta = {"submitted_by": "alice", "submitted_at": 1.0, "flavour": "a10g-large", "drop_to_cpu_after": True}
    for rel, src in spaces_backend.job_files(params, {"train": testdata / "seed" / "sft.csv"}, job_id, meta):
        (checkout / rel).parent.mkdir(parents=True, exist_ok=True)
        (checkout / rel).write_bytes(src if isinstance(src, bytes) else src.read_bytes())


def test_uploaded_jobs_are_adopted_once_even_across_restarts(registry, testdata, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    checkout = tmp_path / "app"
    _upload(checkout, testdata, "space-bot-20250101-120000-ab12")
    first = space_jobs.adopt_pending(registry, checkout, check_model=False)
    assert [(j["job_id"], j["error"]) for j in first] == [("space-bot-20250101-120000-ab12", None)]
    rid = first[0]["registry_id"]
    job = registry.get(rid)
    assert job["name"] == "space-bot-20250101-120000-ab12" and job["owner"] == "alice" and job["status"] == "queued"
    config = registry.settings(job)
    assert config["push_to_hub"] and "token" not in config
    copied = registry.project(job) / "data" / "train.csv"
    assert copied.read_bytes() == (testdata / "seed" / "sft.csv").read_bytes()
    assert registry._tokens[rid] == TOKEN, "the Space secret pushes the result"
    assert space_hardware.drop_when_idle(registry.root), "the CLI asked to drop back to CPU afterwards"
    assert space_jobs.adopt_pending(registry, checkout, check_model=False) == []
    registry.cancel(rid)
    restarted = Registry(registry.root)             # the app restarts: same projects folder, new process
    assert space_jobs.adopt_pending(restarted, checkout, check_model=False) == []
    assert len(restarted.list_jobs()) == 1
    assert space_jobs.registry_id(restarted, "space-bot-20250101-120000-ab12") == rid
    assert space_jobs.registry_id(restarted, rid) == rid
    restarted.close()


def test_a_refused_job_is_recorded_once_and_a_job_waits_for_its_hardware(registry, testdata, tmp_path):
    checkout = tmp_path / "app"
    _upload(checkout, testdata, "bad-1", text_column="no_such_column")
    _upload(checkout, testdata, "good-2")
    moving = {"current": "cpu-basic", "requested": "a10g-large"}
    waiting = space_jobs.adopt_pending(registry, checkout, check_model=False, runtime=moving)
    assert all(j["waiting"] for j in waiting) and registry.list_jobs() == []
    here = {"current": "a10g-large", "requested": "a10g-large"}
    adopted = {j["job_id"]: j for j in space_jobs.adopt_pending(registry, checkout, check_model=False, runtime=here)}
    assert "no_such_column" in adopted["bad-1"]["error"] and adopted["bad-1"]["registry_id"] is None
    assert adopted["good-2"]["registry_id"] and [j["name"] for j in registry.list_jobs()] == ["good-2"]
    assert space_jobs.adopt_pending(registry, checkout, check_model=False, runtime=here) == []


def test_an_unreadable_data_file_is_not_taken_for_no_file(tmp_path):
    """An uploaded file with no rows to count (empty, only a header) is named as such beside the estimate, not
    "No data file yet"; with no file the usual assumption stands."""
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    values = {"model": "HuggingFaceTB/SmolLM2-135M-Instruct", "trainer": "sft", "peft": True}
    with_file = hardware_panel.estimate_texts(values, "t4-small", None, str(empty), "en")[0]
    assert "No rows could be counted in the data file" in with_file and "No data file yet" not in with_file
    assert "데이터 파일에서 행을 셀 수 없어" in hardware_panel.estimate_texts(values, "t4-small", None, str(empty), "ko")[0]
    without = hardware_panel.estimate_texts(values, "t4-small", None, None, "en")[0]
    assert "No data file yet" in without and "No rows could be counted" not in without


def test_rows_are_counted_in_every_json_shape_the_data_check_reads(tmp_path):
    import json

    for name, value in (("list.json", [{"q": "a"}] * 3), ("data.json", {"data": [{"q": "a"}] * 3}),
                        ("split.json", {"train": [{"q": "a"}] * 3}), ("columns.json", {"q": ["a"] * 3, "a": ["b"] * 3})):
        (tmp_path / name).write_text(json.dumps(value))
        assert hardware_panel.count_rows(tmp_path / name) == 3, name
