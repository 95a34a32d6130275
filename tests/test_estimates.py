"""Estimates that match the run, and big data handled like a person would (issue #24, items 3 and 4): the estimate
reads the rows of the data on the form now; the panel gives one memory figure; a run past its limit gets three ways
down (a step cap, a sample, bigger hardware), each of which lands under the limit; the report's row counts add up;
and --sample-rows reaches the run. (The estimate beside the finished run: tests/test_jobs_cli.py; in Chromium:
tests/test_browser_limits.py; the ratios measured: bench/RESULTS.md.)"""

from __future__ import annotations

import re
from types import SimpleNamespace

from autotrain_ui.core import estimate as run_model
from autotrain_ui import fit, hardware, suggest
from autotrain_ui.ui import data_tab, hardware_panel, limits

SMOL = "HuggingFaceTB/SmolLM2-135M-Instruct"
FORM = {"model": SMOL, "peft": True, "batch_size": 2, "epochs": 1, "trainer": "sft"}


def table(path, rows: int):
    path.write_text("text\n" + "".join(f"row {i} says hello to the model\n" for i in range(rows)), encoding="utf-8")
    return path


def test_the_estimate_reads_the_rows_of_the_file_on_the_form_now(tmp_path):
    """The rows box may lag behind an upload (it is filled by another event): the estimate counts the file itself."""
    small, big = table(tmp_path / "small.csv", 6), table(tmp_path / "big.csv", 5000)
    said = hardware_panel.estimate_texts(FORM, "cpu-basic", 1000, str(small), "en")[0]
    assert "No data file yet" not in said and "6 rows trained over 3 steps" in said
    bigger = hardware_panel.estimate_texts(FORM, "cpu-basic", 6, str(big), "en")[0]
    assert "5,000 rows trained over 2,500 steps" in bigger
    assert "1,000 rows assumed" in hardware_panel.estimate_texts(FORM, "cpu-basic", None, None, "en")[0]


def test_one_panel_gives_one_memory_figure():
    """The issue saw "about 14.2 GB needed" and "the estimated 2.9 GB fits" in one panel: the checkpointing sentence
    now says on or off and why, with no figure of its own."""
    for model, peft in ((SMOL, True), ("Qwen/Qwen2.5-1.5B", False)):
        text = hardware_panel.fit_markdown(model, "t4-small", peft=peft, rows=500, trainer="sft")
        needed = re.findall(r"about ([\d.]+) GB needed", text)
        assert len(needed) == 1, text
        checkpointing = next(line for line in text.split("\n\n") if line.startswith("Gradient checkpointing"))
        assert "GB" not in checkpointing, checkpointing


def test_the_report_counts_read_held_out_and_will_train_so_they_add_up():
    report = SimpleNamespace(rows=200_000, rows_read=200_000)
    s = suggest.suggest(SimpleNamespace(columns=["text"], rows=200_000, trainer="sft", recommended_trainer="sft",
                                        mapping={"text": "text"}, recommendation_reason="", template_reason=""))
    said = data_tab.rows_sentence(report, "en", s.settings["valid_percent"])
    assert said == "200000 rows read: 20000 held out to measure the result, 180000 will train."
    assert "(20000) held out" in data_tab.chosen_markdown(s)    # the settings say the same number
    sampled = data_tab.rows_sentence(report, "en", 10, 5000)
    assert sampled == "200000 rows read, a random 5000 of them used: 500 held out to measure the result, 4500 will train."
    assert "20000개는" in data_tab.rows_sentence(report, "ko", 10)


def test_a_run_past_its_limit_gets_three_ways_down_each_under_the_limit():
    args, kw = hardware_panel.form_args(SMOL, peft=True, rows=200_000, trainer="sft", valid_percent=10,
                                        tokens_per_row=30)
    here = hardware.local_flavour(hardware.CurrentHardware(False, None, [], cpus=2, ram_gb=16))
    found = limits.offers(args, kw, here)
    assert found and found["estimate"]["seconds"] > run_model.HOURS_LIMIT * 3600
    steps, sample, bigger = found["steps"], found["sample"], found["flavour"]
    assert 0 < steps[0] < found["estimate"]["steps"] and steps[1]["seconds"] <= found["limit_s"]
    assert 0 < sample[0] < 200_000 and sample[1]["seconds"] <= found["limit_s"]
    flavour = hardware.BY_NAME[bigger[0]]
    assert flavour.is_gpu and bigger[1]["fits"] and bigger[1]["seconds"] <= run_model.HOURS_LIMIT * 3600
    notice, *buttons, state = limits.outputs(found)
    assert "more than your limit of" in notice["value"] and all(b["visible"] for b in buttons)
    assert state == {"max_steps": steps[0], "sample_rows": sample[0], "flavour": bigger[0]}
    assert f"Use {flavour.label} (about" in buttons[2]["value"] and "$" in buttons[2]["value"]
    # taken, the step cap brings the run under the limit: no notice any more
    assert limits.offers(args, {**kw, "max_steps": steps[0]}, here) is None
    # a cost cap on a paid flavour is a limit too; a small run keeps within both
    small_args, small_kw = hardware_panel.form_args(SMOL, peft=True, rows=50, trainer="sft")
    assert limits.offers(small_args, small_kw, here) is None
    t4 = hardware.BY_NAME["t4-small"]
    assert limits.limit_seconds(t4, 2, 0.2) == 0.2 / t4.price_per_hour * 3600
    assert "한도" in limits.outputs(found, "ko")[0]["value"]


def test_sample_rows_reaches_the_run(tmp_path, testdata):
    """--sample-rows: the run trains on that many rows, drawn before any are held out (as estimate.plan counts)."""
    from autotrain_ui.core.params import LLMParams
    from trainers.examples import load_examples

    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    (project / "data" / "train.csv").write_bytes((testdata / "seed" / "dpo.csv").read_bytes())
    params = LLMParams(trainer="dpo", data_path="data", sample_rows=4, valid_percent=25)
    train, valid = load_examples(params, project)
    plan = run_model.plan(7, valid_percent=25, sample_rows=4)
    assert (len(train), len(valid or [])) == (plan.train_rows, plan.held_out) == (3, 1)


def test_the_time_model_follows_steps_rows_and_hardware():
    base = dict(model=SMOL, method="lora", seq_len=1024, batch=2, epochs=1, tokens_per_row=40, trainer="sft")
    few = fit.estimate(rows=20, flavour_name="a10g-large", **base)
    many = fit.estimate(rows=20_000, flavour_name="a10g-large", **base)
    capped = fit.estimate(rows=20_000, flavour_name="a10g-large", max_steps=10, **base)
    assert few["seconds"] < many["seconds"] and capped["steps"] == 10 and capped["seconds"] < many["seconds"] / 10
    assert few["time_parts"]["start"] > 0 and few["time_parts"]["finish"] > 0   # a tiny run still starts and ends
    # the estimate beside the run: a ratio of estimate to actual
    compared = run_model.against({"seconds": 90, "memory_gb": 2, "steps": 20}, {"wall_s": 60, "steps": 20,
                                                                               "peak_memory_gb": 1.6})
    assert compared["time_ratio"] == 1.5 and compared["memory_ratio"] == 1.25
    assert run_model.against(None, {"wall_s": 3}) is None


def test_a_grpo_estimate_counts_the_answers_it_samples():
    """GRPO samples --num-generations answers of up to --max-completion-length tokens per prompt before each step, one
    token at a time: the estimate grows with both, and on a CPU the sampling is most of a step's time."""
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.ui.strings import KO

    def grpo(generations, length, where="cpu-upgrade"):
        params = LLMParams(model=SMOL, trainer="grpo", peft=True, batch_size=2, max_steps=20,
                           num_generations=generations, max_completion_length=length)
        return fit.estimate_params(params, where, rows=200, tokens_per_row=60)

    base, more, longer = grpo(4, 32), grpo(8, 32), grpo(4, 128)
    assert more["seconds"] > base["seconds"] and longer["seconds"] > base["seconds"]
    assert longer["time_parts"]["sampling"] > 3.5 * base["time_parts"]["sampling"]  # 4x the tokens, one at a time
    assert base["time_parts"]["sampling"] > base["time_parts"]["compute"]  # on a CPU sampling dominates
    assert more["memory_gb"] > base["memory_gb"]  # each sampled answer is trained on: 8 of them hold more tokens
    sft = fit.estimate_params(LLMParams(model=SMOL, trainer="sft", peft=True, batch_size=2, max_steps=20),
                              "cpu-upgrade", rows=200, tokens_per_row=60)
    assert sft["time_parts"]["sampling"] == 0 and sft["seconds"] < base["seconds"]
    said = base["assumptions"]
    assert "grpo: 4 answers sampled per prompt (x4), at most 32 tokens each: up to 5,120 tokens sampled" in said
    ko = fit.assumptions_text(base, KO)
    assert "프롬프트마다 답 4개 샘플링" in ko and "5,120 토큰 샘플링" in ko
    # the run's default answer length (no --max-completion-length) is the one estimated
    unset = grpo(4, None)
    assert unset["time_parts"]["sampling"] == grpo(4, 128)["time_parts"]["sampling"]
