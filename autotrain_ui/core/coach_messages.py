"""The coach's sentences (advice, verdicts, the before/after report), by key: the English the CLI and the API
print, and the keys the page's strings table (ui/strings.py) translates. Numbers come as values, formatted by the
template, so a translation keeps them."""

from __future__ import annotations

from autotrain_ui.core import messages

MESSAGES = {
    "verdict_label_fell": "loss fell", "verdict_label_flat": "loss flat", "verdict_label_rose": "loss rose",
    "verdict_label_too_few_steps": "too few steps to tell", "verdict_label_diverged": "training broke down",
    "verdict_label_masked": "nothing learned", "verdict_label_overfitting": "memorising",
    "verdict_label_margin_flat": "good answers not ahead", "verdict_label_answers_worse": "the answers got worse",
    "verdict_status": "{status} - {label}",
    "verdict_partial": "Up to step {step}:",
    "verdict_fell": "The loss fell from {start:.3g} to {end:.3g} ({percent:.0f}% lower over {steps} steps): the "
                    "model learned from your data.",
    "verdict_rose": "The loss rose from {start:.3g} to {end:.3g} ({percent:.0f}% higher over {steps} steps): the "
                    "model did not learn from your data, it got worse at it.",
    "verdict_flat": "The loss stayed flat ({start:.3g} at the start, {end:.3g} at the end, over {steps} steps): the "
                    "model learned little or nothing.",
    "verdict_noisy": "The loss went from {start:.3g} to {end:.3g} over {steps} steps, but it jumped up and down "
                     "more than that from step to step: it did not clearly fall, and the model learned little or "
                     "nothing that shows.",
    "verdict_smoothed": "(Start and end are each the average of {edge} steps, so one noisy step does not decide.)",
    "verdict_too_few_steps": "Too few steps to tell whether the model learned: the loss was logged {points} "
                             "time(s) in {steps} step(s).",
    "verdict_too_early": "Too early to tell whether the model is learning: the loss was logged {points} time(s) so "
                         "far.",
    "verdict_diverged": "Training broke down at step {step} (the loss became NaN or exploded): nothing usable was "
                        "learned.",
    "verdict_masked": "Nothing was learned: the loss was 0 from the first step on, so no token of the answers "
                      "counted.",
    "verdict_overfitting": "The training loss fell from {start:.3g} to {end:.3g}, but the loss on the held-out rows "
                           "rose from {held_start:.3g} to {held_end:.3g}: the model memorises its training rows "
                           "instead of learning what carries over to new ones.",
    "verdict_best_kept": "The checkpoint with the lowest held-out loss (step {step}) is the one kept.",
    "verdict_held_out": "On the held-out rows the loss went from {held_start:.3g} to {held_end:.3g}.",
    "verdict_kto_loss_fell": "The loss fell from {start:.3g} to {end:.3g} ({percent:.0f}% lower over {steps} "
                             "steps).",
    "verdict_margin_grew_seen": "On the training rows (none were held out) the answers marked good gained on those "
                                "marked bad (margin {before:+.2f} before, {after:+.2f} after): the model learned the "
                                "difference from your rows. Hold out rows (--valid-percent) to see whether it carries "
                                "over to new prompts.",
    "verdict_margin_flat_seen": "Even on the rows it trained on, the answers marked good did not gain on those marked "
                                "bad (margin {before:+.2f} before, {after:+.2f} after): the model did not learn the "
                                "difference; the falling loss may only mean the bad answers got less likely. More "
                                "epochs or more rows marked good and bad help most.",
    "verdict_margin_grew": "On the held-out rows the answers marked good gained on those marked bad (margin "
                           "{before:+.2f} before, {after:+.2f} after): the model learned the difference.",
    "verdict_margin_flat": "On the held-out rows the answers marked good did not gain on those marked bad (margin "
                           "{before:+.2f} before, {after:+.2f} after): the falling loss may only mean the bad answers "
                           "got less likely. More rows marked good and bad help most.",
    # what the model now answers (report.json's answer_check: coach/answers.py)
    "verdict_loss_went": "The loss went from {start:.3g} to {end:.3g} over {steps} steps.",
    "answers_on_held_out": "Asked {prompts} held-out prompt(s), greedy, at most {cap} new tokens:",
    "answers_on_training": "Asked {prompts} training prompt(s) (measured on training prompts: none were held out), "
                           "greedy, at most {cap} new tokens:",
    "answers_pairs_on_held_out": "On {prompts} held-out pair(s):",
    "answers_pairs_on_training": "On {prompts} training pair(s) (measured on training pairs: none were held out):",
    "answers_broke": "the tuned model's answers broke down: {broken} of them repeat the same words over and over or "
                     "are empty ({at_cap} ran to the token cap; the base model's: {broken_base}). Asked "
                     "\"{prompt}\", it answers \"{answer}\". The run broke the model instead of teaching it your "
                     "answers.",
    "answers_likeness_better": "the answers got closer to the rows' answers (likeness {base:.2f} for the base model, "
                               "{tuned:.2f} tuned).",
    "answers_likeness_same": "the answers are about as like the rows' answers as the base model's (likeness "
                             "{base:.2f} base, {tuned:.2f} tuned).",
    "answers_likeness_worse": "the answers got worse: less like the rows' answers than the base model's (likeness "
                              "{base:.2f} base, {tuned:.2f} tuned).",
    "answers_preference_better": "the answers moved towards the chosen answers and away from the rejected ones "
                                 "(closer to chosen than to rejected for {prefers} of {prompts}; score {base:+.2f} "
                                 "for the base model, {tuned:+.2f} tuned).",
    "answers_preference_same": "the answers are about where the base model's were between the chosen and the "
                               "rejected answers (closer to chosen for {prefers} of {prompts}; score {base:+.2f} "
                               "base, {tuned:+.2f} tuned).",
    "answers_preference_worse": "the answers got worse: further from the chosen answers, or nearer the rejected "
                                "ones, than the base model's (score {base:+.2f} base, {tuned:+.2f} tuned).",
    "answers_pairs_better": "the chosen text is scored above the rejected one for {tuned:.0%} of the pairs (the base "
                            "model: {base:.0%}).",
    "answers_pairs_same": "the chosen text is scored above the rejected one for {tuned:.0%} of the pairs, about as "
                          "often as before training ({base:.0%}).",
    "answers_pairs_worse": "the scores got worse: the chosen text is scored above the rejected one for {tuned:.0%} "
                           "of the pairs, against {base:.0%} before training.",
    "change_answers_worse": "Try next: a lower learning rate, {new:g} instead of {old:g} (--lr): the run pushed the "
                            "model too far.",
    "change_lr_lower": "Try next: a lower learning rate, {new:g} instead of {old:g} (--lr).",
    "change_lr_higher": "Try next: a higher learning rate, {new:g} instead of {old:g} (--lr).",
    "change_epochs": "Try next: more epochs, {new} instead of {old} (--epochs), for about {target} steps instead of "
                     "{steps}.",
    "change_fewer_epochs": "Try next: fewer epochs, {new} instead of {old} (--epochs).",
    "change_max_steps": "Try next: more steps, {new} instead of {old} (--max-steps).",
    "change_logging_steps": "Try next: log the loss more often, every {new} step(s) instead of every {old} "
                            "(--logging-steps), so that the next run can be judged.",
    "change_masked": "Try next: check the chat template and that the prompt and answer columns are mapped right.",
    # the coach's notes while and after a run (Advice.parts)
    "coach_title": "Training coach", "severity_problem": "Problem", "severity_warning": "Warning",
    "severity_info": "Note",
    "advice_masked": "The loss was 0 from the first step on (step {step} and after): the labels are all masked and "
                     "nothing is learned. Check --chat-template and that the prompt and answer columns are mapped "
                     "right.",
    "advice_progress": "The loss fell from {first:.3g} (step {first_step}) to {last:.3g} (step {last_step}).",
    "advice_broke_nan": "Training broke down: the loss became NaN at step {step}.",
    "advice_broke_exploded": "Training broke down: the loss exploded at step {step} (to {at:.3g}).",
    "advice_broke_exploded_low": "Training broke down: the loss exploded at step {step} (to {at:.3g}, after a low "
                                 "of {low:.3g}).",
    "advice_lr_too_high": "The learning rate is too high: lower --lr (now {lr:g}) to {new:g} and train again.",
    "advice_lr_too_high_times": "The learning rate is too high: lower --lr {factor} times and train again.",
    "advice_overfitting": "The held-out loss was lowest at step {best_step} ({best_loss:.3g}) and has risen since (to "
                          "{last_loss:.3g} at step {last_step}) while the training loss kept falling: the model is "
                          "memorising. The best checkpoint (step {best_step}) is what is kept and pushed.",
    "advice_set_epochs": "Next time set --epochs to {need} (now {epochs}).",
    "advice_flat": "The loss barely moved from step {first_step} to step {last_step} (from {start:.3g} to "
                   "{end:.3g}): the model is hardly learning.",
    "advice_lr_too_low": "The learning rate is probably too low (now {lr:g}): try --lr {new:g}.",
    "advice_lr_too_low_times": "The learning rate is probably too low: try --lr {factor} times higher.",
    # the before/after report on the held-out rows (trainers/evaluate.py writes its parts)
    "report_title": "Before and after, on {rows}",
    "report_title_seen": "Before and after, on {rows} it trained on", "report_rows_unknown": "? held-out rows",
    "report_held_same": "Held-out loss stayed at {after:.3f}: training changed little on rows it never saw.",
    "report_held_better": "Held-out loss went from {before:.3f} to {after:.3f}: the tuned model is better on rows it "
                          "never saw.",
    "report_held_worse": "Held-out loss went from {before:.3f} to {after:.3f}: the tuned model is worse on rows it "
                         "never saw.",
    "report_preference": "It prefers the chosen answer {after:.0%} of the time (the base model: {before:.0%}).",
    "report_seen_rows": "No rows were held out (the table is small), so this is measured on {rows} of the rows it "
                        "trained on: it shows what the model learned from them, not how it does on new prompts.",
    "report_margin": "Answers marked good now score {after:+.2f} against answers marked bad (their average "
                     "log-probability per token, good minus bad; the base model: {before:+.2f}). Higher means the "
                     "model leans more towards the good answers.",
    "report_reward": "On the prompts measured, the mean reward went from {before:.2f} (base model) to {after:.2f} "
                     "(tuned), on a scale of 0 to 1.",
    # GRPO (coach/rewards.py): the reward, not the loss, says whether it learned
    "verdict_label_reward_rose": "reward rose", "verdict_label_reward_flat": "reward flat",
    "verdict_label_reward_fell": "reward fell",
    "verdict_reward_rose": "The reward rose from {start:.2f} to {end:.2f} (0 to 1, over {steps} steps): the model "
                           "gives the answers the rewards ask for more often.",
    "verdict_reward_flat": "The reward stayed near {end:.2f} (from {start:.2f}, 0 to 1, over {steps} steps): the "
                           "model learned little from the rewards.",
    "verdict_reward_fell": "The reward fell from {start:.2f} to {end:.2f} (0 to 1, over {steps} steps): the model "
                           "moved away from what the rewards ask.",
    "verdict_reward_too_few": "Too few steps to tell whether the reward rose: it was logged {points} time(s).",
    "change_generations": "Try next: more answers per prompt, {new} instead of {old} (--num-generations), so the "
                          "answers differ more and the model sees which are better.",
    "report_copies_all": "All {asked} held-out rows are copies of training rows, so they cannot show how the model "
                         "does on rows it never saw; they were put back into training and no before/after "
                         "comparison is made.",
    "report_copies_some": "{copies} of the {asked} held-out rows were copies of training rows and went back into "
                          "training; {valid} unseen rows are held out.",
}


def render(parts: list[dict], table: dict | None = None) -> str:
    """A verdict's (or advice's) parts as one text: English, or the given table's language (a key it lacks stays
    English)."""
    return messages.render_all(parts, MESSAGES, table)


def label(kind: str, table: dict | None = None) -> str:
    """A verdict in two or three words ("loss rose"), for a list of runs."""
    key = f"verdict_label_{kind}"
    return (table or {}).get(key, MESSAGES[key])
