"""What the registry refuses, and why (jobs.Registry raises these; the API, the CLI and the page say them)."""

from __future__ import annotations

from autotrain_ui.core.i18n import text


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


class JobStateError(Exception):
    """The job is in a state where this action cannot act (cancel a finished job, resume a succeeded one); the
    message says so and what to do instead. The API and `autotrain jobs` show it as it is; the page says
    `key` (a catalog key) with `values` in the visitor's language."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(text(key, **values))
