"""`autotrain jobs list | show | cancel | resume` on the app's registry, from another process than the one that
started the job (as a user in a terminal next to the app would)."""

from __future__ import annotations

import re
import subprocess
import sys
import threading

from autotrain_ui.jobs import Registry
from autotrain_ui.core.params import LLMParams
from autotrain_ui.runner import group_alive
from tests.test_restart import wait_step


def jobs(home, *argv, timeout=180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autotrain_ui.cli", "jobs", "--projects", str(home), *argv],
                          capture_output=True, text=True, timeout=timeout)


def test_list_show_cancel_resume(tiny_model, testdata, tmp_path):
    home = tmp_path / "projects"
    registry = Registry(home)
    params = LLMParams(project_name="cli-run", model=tiny_model, trainer="sft", epochs=2000, max_steps=30,
                       logging_steps=1, block_size=64)
    job = registry.submit(params, testdata / "seed" / "sft.csv")
    # this test process is the trainer's parent (not an app): it reaps the trainer when it ends, as the app would
    threading.Thread(target=registry._procs[job].wait, daemon=True).start()
    wait_step(registry, job, 6)
    row = registry.get(job)
    pgid, start = row["pgid"], row["pstart"]
    registry.close()

    listed = jobs(home, "list")
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.splitlines()[:2]
    assert header.split()[:3] == ["ID", "NAME", "STATUS"] and row.split()[:3] == [job, "cli-run", "running"]

    cancelled = jobs(home, "cancel", job)
    assert cancelled.returncode == 0 and cancelled.stdout.strip() == f"{job}: cancelled", cancelled
    # none of the run's processes is left: its leader may be, for a moment, a zombie this test's thread has not reaped
    # yet (it holds the group's number, not a process), which the rule with the start time counts as gone
    assert not group_alive(pgid, start)
    shown = jobs(home, "show", job)
    assert shown.stdout.startswith(f"{job}  cli-run: cancelled, step ") and "/30" in shown.stdout
    stopped_at = int(shown.stdout.split("step ")[1].split("/")[0])
    assert 6 <= stopped_at < 30

    resumed = jobs(home, "resume", job, "--follow")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert resumed.stdout.startswith(f"{job}: queued")
    # the tiny random model hardly learns in 30 steps: the coach's verdict marks it ("succeeded - loss flat")
    assert re.search(rf"{job}  cli-run: succeeded( - [a-z ]+)?, step 30/30", resumed.stdout), resumed.stdout
    assert "resume: continuing from" in resumed.stdout  # the log says where it continued
    # the estimate made when the job was queued, beside what the (resumed) run took: its time ratio is shown
    estimate = re.search(r"estimate: ([\d.]+) min here, took ([\d.]+) min \(([\d.]+)x\).* 30 steps, ran 30",
                         resumed.stdout)
    assert estimate, resumed.stdout
    assert float(estimate.group(3)) > 0 and (home / "cli-run" / "estimate.json").exists()

    unknown = jobs(home, "show", "nope")
    assert unknown.returncode == 2 and "there is no job nope" in unknown.stderr
