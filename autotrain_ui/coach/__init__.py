"""The training health coach: reads a run's events (PROJECT/events.jsonl, one dict per logging step) and says in
plain words what looks wrong, at which step, and the one setting to change.

    advice = advise(events, params)      # params: the run's config.json dict, or None
    text = advice_markdown(advice)       # "" when there is nothing to say
    v = verdict(events, params, report)  # every run: did the loss fall? (fell, flat, rose, too few steps ...)

Four things are looked for, in this order: divergence (the loss became NaN/inf or blew up), labels that are all
masked (the loss is 0 from the start), overfitting (held-out loss rising while training loss falls) and a flat loss
(learning rate too low). A healthy run gets at most one "info" line. The rules need several points before they
speak, so a noisy or short stream says nothing rather than something wrong.

The verdict speaks for every run, short ones too: it compares the averaged first and last losses and asks that
the losses went that way consistently (fell, flat, rose, or too few steps to tell), takes the rules' word where one
spoke (diverged, masked, overfitting, flat), reads the held-out loss when there is one, and names the one settings
change to try. Its sentences are keys of MESSAGES
with values, so the page can show them in the visitor's language.

Note: transformers' Trainer hides a NaN training loss (logging_nan_inf_filter): the step is logged as the average
of the window's earlier losses, which is 0.0 with --logging-steps 1, while grad_norm shows NaN. So a loss of
exactly 0 after real losses, or a grad_norm that stays NaN/inf, counts as "the loss became NaN" here.

The package: messages.py (the sentences, by key), rules.py (the four rules and the loss statistics they share with
the verdict), verdict.py (the verdict and the change it suggests), answers.py (what the base and tuned models answer,
scored: a run whose answers got worse or broke down is "answers_worse" whatever its loss did).
"""

from autotrain_ui.core.coach_messages import MESSAGES, label, render
from autotrain_ui.coach.rules import Advice, advice_markdown, advise
from autotrain_ui.coach.verdict import Verdict, holds_push, verdict

__all__ = ["MESSAGES", "label", "render", "Advice", "advice_markdown", "advise", "Verdict",
           "holds_push", "verdict"]
