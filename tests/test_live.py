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
