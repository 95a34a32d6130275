"""What open pages poll (autotrain_ui/ui/live.py): a token that moves with the jobs, asked less often as more
pages are open, so that all of them together redraw a bounded number of times a second."""

from __future__ import annotations

import pytest

from autotrain_ui.ui import live


class FakeRegistry:
    def __init__(self, root):
        self.root, self.jobs = root, [{"id": "a1", "name": "one", "status": "running", "finished": None}]

    def list_jobs(self):
        return [dict(j) for j in self.jobs]

    def project(self, job):
        return self.root / job["name"]


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: now[0])
    return now


def test_token_moves_when_a_job_or_its_files_change(tmp_path, clock):
    registry = FakeRegistry(tmp_path)
    (tmp_path / "one").mkdir()
    token = live.ChangesToken(registry)
    first, _ = token("p1")
    (tmp_path / "one" / "events.jsonl").write_text('{"step": 1}\n')
    assert token("p1")[0] == first                     # cached for CACHE_S: many pages, one computation
    clock[0] += live.CACHE_S
    second, _ = token("p1")
    assert second != first                             # a logged step
    registry.jobs[0].update(status="succeeded", finished=5.0)
    clock[0] += live.CACHE_S
    third, _ = token("p1")
    assert third != second                             # the job ended
    clock[0] += live.CACHE_S
    assert token("p1")[0] == third                     # nothing new


def test_more_open_pages_ask_less_often(tmp_path, clock):
    token = live.ChangesToken(FakeRegistry(tmp_path))
    assert token("p0")[1] == 2000                      # one page: every 2 s
    for i in range(20):
        _, wait = token(f"p{i}")
    assert wait == 5000                                # 20 pages: every 5 s, 4 redraws a second in all
    assert 20 / (wait / 1000) <= live.REDRAWS_PER_S
    clock[0] += live.PAGE_TTL_S + live.CACHE_S         # the pages closed
    assert token("p0")[1] == 2000


def test_the_page_script_asks_the_route_and_presses_the_refresh_button():
    assert live.CHANGES_PATH.lstrip("/") in live.POLL_JS and live.REFRESH_ID in live.POLL_JS
    assert "next_ms" in live.POLL_JS and "document.hidden" in live.POLL_JS


def test_the_runs_table_follows_a_training_job_between_status_changes(tmp_path, monkeypatch):
    """The table's duration, step and loss move while the job runs (it once showed "1 s" beside a 4 min 49 s
    detail): a new logged step changes what the view shows, so the page's refresh redraws the table."""
    import json
    import time

    from autotrain_ui.jobs import Registry
    from autotrain_ui.ui import runs_tab

    monkeypatch.delenv("SPACE_ID", raising=False)
    registry = Registry(tmp_path / "projects")
    registry._db.execute("INSERT INTO jobs (id, name, owner, params, status, created, started, seq) VALUES "
                         "('r1', 'live-run', NULL, ?, 'running', 0, ?, 1)",
                         (json.dumps({"trainer": "sft", "model": "m"}), time.time() - 289))
    events = registry.project(registry.get("r1")) / "events.jsonl"
    events.parent.mkdir(parents=True, exist_ok=True)
    events.write_text(json.dumps({"step": 3, "total_steps": 30, "loss": 2.5}) + "\n")
    row = runs_tab.jobs_table(registry).set_index("name").loc["live-run"]
    assert row["duration"] in ("4 min 49 s", "4 min 50 s") and row["step"] == "3/30" and row["final loss"] == "2.5000"
    before = runs_tab.view_signature(registry, None, None)              # no job opened: only the table shows it
    with events.open("a") as f:
        f.write(json.dumps({"step": 4, "total_steps": 30, "loss": 2.25}) + "\n")
    assert runs_tab.view_signature(registry, None, None)[0] != before[0]  # the table is drawn again ...
    row = runs_tab.jobs_table(registry).set_index("name").loc["live-run"]
    assert row["step"] == "4/30" and row["final loss"] == "2.2500"       # ... with the new step and loss
    registry.close()
