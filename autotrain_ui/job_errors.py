"""What the registry refuses, and why (jobs.Registry raises these; the API, the CLI and the page say them)."""

from __future__ import annotations


class LaunchRefused(Exception):
    """A queued job's project cannot launch (jobs_store.launch_problem); `said`: the Message saying why."""

    def __init__(self, said):
        super().__init__(str(said))
        self.said = said


class RegistryError(Exception):
    """The projects folder cannot hold the registry; the message names it and says what to do."""


class SubmitError(Exception):
    """The job cannot start; the message lists what to change (one line each). `lines`: those sentences (i18n
    Messages where they have a key, so the page can say them in the visitor's language)."""

    def __init__(self, message: str, lines: list | None = None):
        super().__init__(message)
        self.lines = list(lines) if lines else str(message).splitlines()


# What a refused action says, by key (the page shows them in the visitor's language: ui/strings.py), and the
# words for a job's states.
MESSAGES = {
    "refused_cancel_ended": "Job {id} already ended ({status}): there is nothing to cancel.",
    "refused_resume_succeeded": "Job {id} already finished successfully; resuming would retrain and overwrite its "
                                "model. Use Train again to start a new job from its settings.",
    "refused_resume_state": "Job {id} is {status}: there is nothing to resume.",
    "refused_again_active": "Job {id} is still {status}: Train again is for a finished job.",
    "refused_again_no_data": "Job {id} has no data copy in {folder}: upload the data again.",
    "refused_again_no_model": "Job {id} left no full model to start from (a LoRA adapter needs its base model): "
                              "train again from the base model, or turn on Merge LoRA.",
    "state_queued": "queued", "state_starting": "starting", "state_running": "running",
    "state_succeeded": "succeeded", "state_failed": "failed", "state_cancelled": "cancelled",
    "state_interrupted": "interrupted",
}


class JobStateError(Exception):
    """The job is in a state where this action cannot act (cancel a finished job, resume a succeeded one); the
    message says so and what to do instead. The API and `autotrain jobs` show it as it is; the page says
    `key` (a MESSAGES key) with `values` in the visitor's language."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(MESSAGES[key].format(**values))
