"""The training health coach on recorded metric streams, and on one real run made to diverge."""

from __future__ import annotations

import json

import pytest

from autotrain_ui.coach import Advice, advice_markdown, advise
from tests.conftest import make_project, read_events, run_in_process


def stream(losses, total=None, start=1, epochs_per_step=None, grad_norms=None) -> list[dict]:
    """Training events as MetricsCallback writes them, one per logged step."""
    total = total or len(losses)
    events = []
    for i, loss in enumerate(losses):
        step = start + i
        event = {"step": step, "epoch": round(step / total, 4), "loss": loss, "learning_rate": 1e-4,
                 "grad_norm": 0.8 if grad_norms is None else grad_norms[i], "tokens_per_second": 200.0,
                 "elapsed_s": step * 0.5, "eta_s": (total - step) * 0.5, "total_steps": total}
        if epochs_per_step:
            event["epoch"] = round(step * epochs_per_step, 4)
        events.append(event)
    return events


def kinds(advice: list[Advice]) -> list[str]:
    return [a.kind for a in advice]


def serious(advice: list[Advice]) -> list[Advice]:
    return [a for a in advice if a.severity != "info"]


HEALTHY = [2.412, 2.431, 2.276, 2.035, 1.987, 1.884, 1.85, 1.811, 1.581, 1.509, 1.653, 1.513, 1.553, 1.336, 1.413,
           1.453, 1.311, 1.462, 1.433, 1.208, 1.193, 1.304, 1.389, 1.245, 1.197, 1.238, 1.137, 1.178, 1.224, 1.234]


def test_healthy_noisy_stream_gets_no_warning():
    events = stream(HEALTHY)
    events += [{"step": 10, "epoch": 0.33, "eval_loss": 1.71}, {"step": 20, "epoch": 0.67, "eval_loss": 1.42},
               {"step": 30, "epoch": 1.0, "eval_loss": 1.43}]  # a 1% wobble at the end is not overfitting
    advice = advise(events, {"lr": 2e-4, "epochs": 1, "peft": True})
    assert serious(advice) == [], advice
    assert kinds(advice) == ["progress"] and "2.41" in advice[0].message and "1.23" in advice[0].message


def test_fast_drop_then_plateau_is_not_flat():
    losses = [3.1, 2.2, 1.5, 1.2] + [1.0, 1.01, 0.99, 1.0, 1.02, 0.98, 1.0, 1.01, 0.99, 1.0, 1.0, 0.99, 1.01, 1.0]
    assert serious(advise(stream(losses), {"lr": 2e-5})) == []


def test_overfitting_names_the_best_step_and_fewer_epochs():
    # 4 epochs of 10 steps; evaluation at each epoch end, on lines of their own
    train = stream([2.6, 2.4, 2.3, 2.1, 2.0, 1.9, 1.85, 1.8, 1.7, 1.65, 1.6, 1.5, 1.45, 1.4, 1.3, 1.25, 1.2, 1.1, 1.05,
                    1.0, 0.9, 0.85, 0.8, 0.7, 0.65, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3, 0.28, 0.25, 0.22, 0.2, 0.18, 0.15,
                    0.12, 0.1, 0.08], total=40, epochs_per_step=0.1)
    evals = [{"step": 10, "epoch": 1.0, "eval_loss": 1.9}, {"step": 20, "epoch": 2.0, "eval_loss": 1.62},
             {"step": 30, "epoch": 3.0, "eval_loss": 1.8}, {"step": 40, "epoch": 4.0, "eval_loss": 2.1}]
    events = sorted(train + evals, key=lambda e: (e["step"], "eval_loss" in e))
    advice = advise(events, {"lr": 2e-4, "epochs": 4})
    assert kinds(advice) == ["overfitting"], advice
    a = advice[0]
    assert a.severity == "warning" and a.step == 20 and a.change == {"epochs": 2}
    assert "lowest at step 20" in a.message and "best checkpoint (step 20)" in a.message


def test_eval_rising_while_training_loss_also_rises_is_not_overfitting():
    train = stream([2.0, 1.9, 1.8, 1.8, 1.85, 1.9, 1.95, 2.0, 2.0, 2.05], total=10)
    evals = [{"step": 3, "eval_loss": 1.9}, {"step": 6, "eval_loss": 2.0}, {"step": 9, "eval_loss": 2.1},
             {"step": 10, "eval_loss": 2.2}]
    assert "overfitting" not in kinds(advise(train + evals, {"lr": 2e-4}))


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "null"])
def test_nan_loss_is_divergence_at_that_step(bad):
    lines = [f'{{"step": {s}, "epoch": {s / 10}, "loss": {v}, "learning_rate": 0.5, "total_steps": 10}}'
             for s, v in [(1, 2.3), (2, 2.1), (3, 2.4), (4, 3.0), (5, bad), (6, bad)]]
    events = [json.loads(line) for line in lines]  # JSON with NaN/Infinity, as json.dumps writes them
    advice = advise(events, {"lr": 0.5})
    assert kinds(advice) == ["divergence"], advice
    a = advice[0]
    assert a.severity == "problem" and a.step == 5 and a.change == {"lr": 0.05}
    assert "NaN at step 5" in a.message and "0.5" in a.message and "0.05" in a.message


def test_nan_hidden_by_the_trainer_as_zero_loss_is_divergence():
    # transformers logs a NaN step as loss 0.0 (logging_nan_inf_filter); grad_norm shows the NaN
    nan = float("nan")
    events = stream([10.84, 10.83, 10.80, 0.0, 0.0, 0.0, 0.0], grad_norms=[3.6, 4.0, nan, nan, nan, nan, nan])
    advice = advise(events, {"lr": 1e8})
    assert kinds(advice) == ["divergence"] and advice[0].step == 3 and advice[0].change == {"lr": 1e7}


def test_exploding_loss_is_divergence():
    advice = advise(stream([2.3, 2.2, 2.1, 3.5, 9.0, 40.0, 350.0]), {"lr": 0.01})
    assert kinds(advice) == ["divergence"], advice
    assert advice[0].step == 5 and advice[0].change == {"lr": 0.001} and "exploded at step 5" in advice[0].message


def test_repeated_big_rises_from_a_low_loss_are_divergence():
    # never above twice the first loss, but it tripled and more in three logged steps
    losses = [3.0, 2.0, 1.2, 0.8, 0.5, 0.3, 0.5, 0.8, 1.3, 2.1]
    advice = advise(stream(losses), {"lr": 1e-3})
    assert kinds(advice) == ["divergence"] and advice[0].step == 7, advice


def test_flat_loss_suggests_a_higher_learning_rate():
    losses = [2.518, 2.518, 2.482, 2.483, 2.513, 2.509, 2.507, 2.492, 2.504, 2.504, 2.503, 2.486, 2.497, 2.496, 2.509,
              2.52, 2.518, 2.502, 2.498, 2.491]
    advice = advise(stream(losses), {"lr": 1e-4, "peft": True})
    assert kinds(advice) == ["flat"], advice
    assert advice[0].severity == "warning" and advice[0].change == {"lr": 1e-3}
    assert "0.0001" in advice[0].message and "0.001" in advice[0].message
    # far below what suits the trainer (ten times more would still be too little): the fitted rate itself
    from autotrain_ui.suggest import fitted_lr

    for trainer, peft in (("sft", True), ("sft", False), ("dpo", True)):
        tiny = advise(stream(losses), {"lr": 1e-8, "peft": peft, "trainer": trainer})[0]
        assert tiny.change == {"lr": fitted_lr(trainer, peft)} and fitted_lr(trainer, peft) > 1e-6


def test_flat_uses_the_default_learning_rate_when_lr_is_unset():
    advice = advise(stream([2.5] * 12), {"lr": None, "peft": False})
    assert kinds(advice) == ["flat"] and advice[0].change == {"lr": 2e-4}


def test_all_zero_loss_means_masked_labels():
    advice = advise(stream([0.0] * 10), {"lr": 2e-4})
    assert kinds(advice) == ["masked"] and advice[0].severity == "problem"
    assert "--chat-template" in advice[0].message


@pytest.mark.parametrize("events", [
    [],
    stream([2.3]),
    stream([2.3, 2.2]),
    stream([0.0, 0.0]),
    [{"step": 1, "eval_loss": 2.0}, {"step": 2, "eval_loss": 2.5}],
    [{"step": 1}, {"final": True, "train_loss": 2.0}, "not a dict"],
    stream([2.3, 2.2])[:1] + [{"step": 2, "loss": 2.2, "grad_norm": None}],
], ids=["empty", "one", "two", "two-zero", "evals-only", "odd", "null-grad"])
def test_short_streams_say_nothing(events):
    assert advise(events) == [] and advise(events, {"lr": 2e-4}) == []
    assert advice_markdown(advise(events)) == ""


def test_markdown_lists_the_advice():
    text = advice_markdown(advise(stream([2.3, 2.2, 2.1, 3.5, 9.0]), {"lr": 0.01}))
    assert text.startswith("### Training coach") and "**Problem:**" in text and "--lr" in text


def test_real_run_with_a_huge_learning_rate_is_diagnosed(tiny_model, testdata, tmp_path):
    # lr 1e8 turns the tiny model's weights to NaN at step 3 (lr 50 or 1e3 make the loss explode instead)
    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name="x", model=tiny_model,
                           trainer="sft", epochs=3, lr=1e8, logging_steps=1, block_size=64, peft=False, token=None)
    # (the form and CLI refuse an lr >= 1; the project is written directly to make the weights go NaN for real)
    assert run_in_process(project) == 1  # the trainer stops rather than save (and push) NaN weights
    error = json.loads((project / "error.json").read_text())
    assert error["kind"] == "diverged" and error["retry"] == {"lr": 1e7} and not (project / "model").exists()
    events = read_events(project)
    advice = advise(events, json.loads((project / "config.json").read_text()))
    assert kinds(advice) == ["divergence"], (advice, events)
    assert advice[0].severity == "problem" and advice[0].change == {"lr": 1e7} and "NaN" in advice[0].message
    assert advice[0].step in [e["step"] for e in events]


# ---------------------------------------------------------------- the verdict: did the run learn?

from autotrain_ui.coach import verdict  # noqa: E402
from autotrain_ui.core.i18n import has, render_all  # noqa: E402

ISSUE_14 = [4.10, 4.22, 4.05, 4.31, 4.38, 4.29, 4.47, 4.52, 4.61]  # 20 rows, LoRA, nothing changed: it got worse


def test_a_short_run_whose_loss_rose_is_told_so_with_a_lower_learning_rate():
    v = verdict(stream(ISSUE_14), {"lr": None, "peft": True, "epochs": 1})
    assert v.kind == "rose" and v.learned is False
    assert v.change == {"lr": 6.67e-05}  # a third of LoRA's default 2e-4
    assert "The loss rose from 4.16 to 4.56" in v.message and "9 steps" in v.message  # averaged ends, not 4.10/4.61
    assert "lower learning rate, 6.67e-05 instead of 0.0002" in v.message


def test_two_logged_steps_are_too_few_to_tell_and_ask_for_enough_epochs():
    v = verdict(stream([2.3, 2.2]), {"lr": 2e-4, "epochs": 1})
    assert v.kind == "too_few_steps" and v.learned is None
    assert v.change == {"epochs": 15} and "more epochs, 15 instead of 1" in v.message  # 2 steps -> about 30


def test_with_max_steps_set_too_few_steps_asks_for_more_steps():
    v = verdict(stream([2.3, 2.2, 2.25]), {"lr": 2e-4, "epochs": 3, "max_steps": 3})
    assert v.kind == "too_few_steps" and v.change == {"max_steps": 30}


def test_few_points_from_a_long_run_ask_to_log_more_often():
    events = stream([2.3, 2.2], total=100, start=50)  # logged at steps 50 and 51 of 100: --logging-steps 50
    v = verdict(events, {"lr": 2e-4, "epochs": 1, "logging_steps": 50})
    assert v.kind == "too_few_steps" and v.change == {"logging_steps": 4} and "100 step(s)" in v.message


def test_a_healthy_run_fell_and_needs_no_change():
    v = verdict(stream(HEALTHY), {"lr": 2e-4, "epochs": 1})
    assert v.kind == "fell" and v.learned is True and v.change == {}
    assert "The loss fell from 2.12 to 1.21" in v.message and "30 steps" in v.message


def test_one_noisy_last_step_does_not_turn_a_falling_run_into_a_rise():
    losses = [3.0, 2.9, 2.6, 2.4, 2.2, 2.0, 1.9, 1.8, 1.7, 3.2]  # the last batch happened to be hard
    assert verdict(stream(losses), {"lr": 2e-4}).kind == "fell"


def test_batch_losses_that_jump_are_not_called_a_fall():
    # SmolLM2-135M, LoRA, 4 rows, 3 epochs (the spec's command): each batch holds other rows, so the loss jumps;
    # the ends' averages differ by 9% while the losses go up about as often as down
    losses = [4.5051, 5.9171, 5.8069, 4.3419, 4.812, 4.6675]
    v = verdict(stream(losses), {"lr": None, "peft": True, "epochs": 3})
    assert v.kind == "flat" and v.learned is False and "did not clearly fall" in v.message
    assert v.change == {"epochs": 15}  # 6 steps -> about 30
    assert verdict(stream([4.1, 4.3, 4.5, 4.7]), {"lr": 2e-4}).kind == "rose"  # four, each above the last: a rise


def test_a_short_flat_run_asks_for_more_epochs_first():
    v = verdict(stream([2.5, 2.52, 2.48, 2.51, 2.49, 2.5]), {"lr": 2e-4, "epochs": 1})
    assert v.kind == "flat" and v.learned is False
    assert v.change == {"epochs": 5} and "about 30 steps instead of 6" in v.message
    # the coach says no "the loss fell" for a last point 0.4% under the first: it agrees with the verdict
    assert advise(stream([2.5, 2.52, 2.48, 2.51, 2.49, 2.5]), {"lr": 2e-4}) == []


def test_a_long_flat_run_agrees_with_the_flat_rule():
    losses = [2.518, 2.518, 2.482, 2.483, 2.513, 2.509, 2.507, 2.492, 2.504, 2.504, 2.503, 2.486, 2.497, 2.496, 2.509,
              2.52, 2.518, 2.502, 2.498, 2.491]
    params = {"lr": 1e-4, "peft": True, "epochs": 1}
    v = verdict(stream(losses), params)
    assert v.kind == "flat" and v.change == advise(stream(losses), params)[0].change == {"lr": 1e-3}
    assert "higher learning rate, 0.001 instead of 0.0001" in v.message
    params = {"lr": 1e-8, "peft": True, "epochs": 1}
    assert verdict(stream(losses), params).change == advise(stream(losses), params)[0].change == {"lr": 5e-4}


def test_a_diverged_run_is_diverged_with_the_rules_change():
    v = verdict(stream([2.3, 2.2, 2.1, 3.5, 9.0, 40.0, 350.0]), {"lr": 0.01})
    assert v.kind == "diverged" and v.learned is False and v.change == {"lr": 0.001} and "step 5" in v.message


def test_all_zero_loss_is_nothing_learned():
    v = verdict(stream([0.0] * 10), {"lr": 2e-4})
    assert v.kind == "masked" and v.learned is False and "chat template" in v.message


def test_overfitting_rule_and_verdict_agree():
    train = stream([2.6 - 0.06 * i for i in range(40)], total=40, epochs_per_step=0.1)
    evals = [{"step": 10, "epoch": 1.0, "eval_loss": 1.9}, {"step": 20, "epoch": 2.0, "eval_loss": 1.62},
             {"step": 30, "epoch": 3.0, "eval_loss": 1.8}, {"step": 40, "epoch": 4.0, "eval_loss": 2.1}]
    events = sorted(train + evals, key=lambda e: (e["step"], "eval_loss" in e))
    v = verdict(events, {"lr": 2e-4, "epochs": 4})
    assert v.kind == "overfitting" and v.change == {"epochs": 2} and "step 20" in v.message


def test_training_loss_fell_but_held_out_loss_rose_from_the_base_model_is_memorising():
    report = {"before": {"eval_loss": 2.0}, "after": {"eval_loss": 2.4}}  # report.json: base model, tuned model
    v = verdict(stream([2.3, 2.2, 2.0, 1.9, 1.8, 1.7]), {"lr": 2e-4, "epochs": 3}, report)
    assert v.kind == "overfitting" and v.change == {"epochs": 1}
    assert "held-out rows rose from 2 to 2.4" in v.message
    better = {"before": {"eval_loss": 2.0}, "after": {"eval_loss": 1.8}}
    v = verdict(stream([2.3, 2.2, 2.0, 1.9, 1.8, 1.7]), {"lr": 2e-4, "epochs": 3}, better)
    assert v.kind == "fell" and "held-out rows the loss went from 2 to 1.8" in v.message


def test_a_run_so_far_gets_words_but_no_change():
    assert verdict([], {}, finished=False) is None
    early = verdict(stream(ISSUE_14[:3], total=9), {"lr": 2e-4}, finished=False)
    assert early.kind == "too_few_steps" and early.change == {} and "Too early to tell" in early.message
    so_far = verdict(stream(ISSUE_14[:8], total=9), {"lr": 2e-4}, finished=False)
    assert so_far.kind == "rose" and so_far.change == {} and so_far.message.startswith("Up to step 8:")


@pytest.mark.parametrize("losses", [ISSUE_14, [2.3, 2.2], HEALTHY, [2.5] * 12, [0.0] * 5, [2.3, 2.2, 9.0, 40.0]])
def test_verdict_parts_are_strings_table_keys_that_render_the_message(losses):
    v = verdict(stream(losses), {"lr": 2e-4, "epochs": 1})
    assert v.parts and all(has(p["key"]) for p in v.parts)
    assert render_all(v.parts) == v.message
    json.dumps(v.parts)  # the API sends them as they are


AGREE = {"divergence": "diverged", "masked": "masked", "overfitting": "overfitting", "flat": "flat", "progress": "fell"}


@pytest.mark.parametrize("losses", [HEALTHY, ISSUE_14, [2.5] * 12, [0.0] * 10, [2.3, 2.2, 2.1, 3.5, 9.0, 40.0],
                                    [3.0, 2.0, 1.2, 0.8, 0.5, 0.3, 0.5, 0.8, 1.3, 2.1], [2.3, float("nan"), 2.0],
                                    [3.1, 2.2, 1.5, 1.2] + [1.0, 1.01, 0.99, 1.0, 1.02, 0.98, 1.0, 1.01, 0.99]])
def test_the_verdict_agrees_with_the_coachs_rules(losses):
    events = stream(losses)
    for params in ({"lr": 2e-4, "epochs": 1}, {"lr": 1e-6}):
        said = {AGREE[a.kind] for a in advise(events, params)}
        assert said <= {verdict(events, params).kind}, (said, verdict(events, params))
