"""The Runs tab's log in words (ui/log_view.py): one line per logging step of events.jsonl, in the visitor's
language, with what each trainer adds; the raw train.log stays behind the "Full log" toggle."""

from __future__ import annotations

import re

from autotrain_ui.ui import log_view

# events.jsonl as trainers/callbacks.py writes it (an SFT run, then its last line; a GRPO step; a DPO step with its
# held-out evaluation)
SFT = [{"step": 3, "epoch": 0.3, "loss": 4.473853588104248, "learning_rate": 0.0003333333333333333,
        "grad_norm": 9.27, "tokens_per_second": 115.26, "elapsed_s": 5.17, "eta_s": 46.55, "total_steps": 30,
        "memory_mb": 1270.2},
       {"step": 30, "epoch": 3.0, "train_runtime": 41.2, "train_loss": 1.2345, "elapsed_s": 41.3, "total_steps": 30,
        "memory_mb": 1270.2, "final": True}]
GRPO = {"step": 4, "epoch": 0.5, "loss": 0.0123, "reward": 0.625, "reward_std": 0.2, "learning_rate": 1e-05,
        "elapsed_s": 80.0, "eta_s": 20.0, "total_steps": 5}
DPO_EVAL = {"step": 10, "epoch": 1.0, "eval_loss": 0.5312, "rewards/accuracies": 0.75, "elapsed_s": 12.0,
            "total_steps": 20}
DPO = {"step": 10, "epoch": 1.0, "loss": 0.61, "rewards/accuracies": 0.75, "learning_rate": 5e-06,
       "elapsed_s": 12.0, "eta_s": 12.0, "total_steps": 20}


def test_each_logging_step_reads_as_one_line_in_english():
    lines = log_view.readable(SFT).splitlines()
    assert lines == ["Step 3/30 · epoch 0.30 · loss 4.4739 · learning rate 3.33e-04 · 115 tokens/s · about 47 s left",
                     "Training finished in 41 s, average loss 1.2345"]
    assert "{" not in log_view.readable([GRPO, DPO, DPO_EVAL])   # no raw dict, whatever the trainer logs
    assert "reward 0.625" in log_view.line(GRPO)
    assert "reward 0.312" in log_view.line(GRPO, reward_scale=2.0)   # weights 1 + 1: on the curve's 0..1 scale
    assert "chosen ranked first on 75% of this step's pairs" in log_view.line(DPO)
    assert "held-out loss 0.5312" in log_view.line(DPO_EVAL)
    assert "left" not in log_view.line({**SFT[0], "eta_s": 0.4})
    assert "loss 0.0000" in log_view.line({**GRPO, "loss": -1e-06})
    assert log_view.line({**SFT[1], "train_loss": -2e-06}).endswith("average loss 0.0000")   # GRPO's loss near zero is not "-0.0000"   # the last steps say no "about 0 s left"


def test_the_korean_page_reads_the_log_in_korean():
    text = log_view.readable([*SFT, GRPO, DPO, DPO_EVAL], "ko")
    assert "스텝 3/30" in text and "손실 4.4739" in text and "보상 0.625" in text and "학습이" in text
    words = set(re.findall(r"[A-Za-z]{3,}", text))
    assert not words, words   # every word Korean (numbers like 3.33e-04 aside)


def test_a_run_with_no_step_yet_says_so_and_a_long_run_shows_its_newest_lines():
    assert log_view.readable([]) == "No step logged yet." and log_view.readable([], "ko") == "아직 기록된 스텝이 없습니다."
    many = [{**SFT[0], "step": i, "total_steps": 1000} for i in range(1, 1001)]
    lines = log_view.readable(many).splitlines()
    assert len(lines) == log_view.LINES and lines[-1].startswith("Step 1000/1000")


def test_a_loss_just_below_zero_reads_0_0000_wherever_it_is_shown(capsys):
    """GRPO's loss and a memorised row's are tiny and may be negative: the Space's status line and the CLI's step
    lines say 0.0000 like the readable log, never "-0.0000" (one rule: core.events.shown)."""
    from autotrain_ui.cli.llm import _print_events
    from autotrain_ui.core.events import shown
    from autotrain_ui.hub.spaces import _status_line

    assert shown(-1e-6) == 0.0 and shown(-0.0123) == -0.0123
    assert "loss 0.0000" in _status_line({"status": "running", "metrics": {"loss": -2e-6}})
    _print_events([{"step": 3, "total_steps": 9, "loss": -3e-6, "eval_loss": 0.25}])
    out = capsys.readouterr().out
    assert "loss 0.0000" in out and "-0.0000" not in out and "eval_loss 0.2500" in out


def test_the_loss_plot_keeps_the_training_loss_first_and_draws_no_two_point_held_out_line():
    """The plot colours its series in the order they appear: the training loss comes first whatever the events'
    order, so its colour never changes when a held-out loss joins. A held-out loss measured only before and after is
    not drawn (a straight line between them would look like steady progress); measured along the run, it is."""
    from autotrain_ui.ui.runs_tab import loss_points, plot_titles

    two = [{"step": 0, "eval_loss": 2.0}] + [{"step": s, "loss": 2.0 - s / 10} for s in range(1, 6)] + \
        [{"step": 5, "eval_loss": 0.1}]
    points = loss_points(two)
    assert [p["series"] for p in points] == ["training loss"] * 5
    along = two[:-1] + [{"step": 3, "eval_loss": 1.0}, {"step": 5, "eval_loss": 0.9}]
    series = [p["series"] for p in loss_points(along)]
    assert series[0] == "training loss" and series.count("held-out loss") == 3
    assert series == sorted(series, key=lambda s: s != "training loss")
    assert {p["series"] for p in loss_points(along, "ko")} == {"학습 손실", "따로 뗀 행의 손실"}
    assert plot_titles()[0]["color_title"] == " "          # no internal word above the legend
