"""How an open page learns that the Runs view has something new, at almost no cost to a running job.

Every open tab asks `GET /autotrain/changes?page=ID` (a visible tab only): a plain route outside Gradio's queue
that answers one short token, the same for every tab for a second at a time (`ChangesToken`), and when to ask
next. Only when the token differs from the last one the tab saw does it press the Runs view's hidden refresh
button, a Gradio event that redraws the view. A Gradio event costs the app ~5 ms of CPU even when it sends
nothing (~6-10 ms through the queue); twenty tabs each polling through Gradio every 2 s took that straight from
training on a small machine. The token costs ~0.4 ms, and a tab redraws only when a job has news.

How often: every 2 s while few pages are open. The app counts the pages that asked in the last 10 s and spaces
their asks so that all of them together redraw at most REDRAWS_PER_S times a second: with 20 open pages each
asks every 5 s. The app's cost stays bounded however many tabs are open, and one watcher sees every step.

If the route cannot be reached (an app started some other way), the page falls back to redrawing every 2 s.

The token moves with the jobs the asking visitor may see (access.visible_jobs, the visitor from the request's
session): on a Space, another user's job starting or ending tells a page nothing.
"""

from __future__ import annotations

import hashlib
import threading
import time

from starlette.requests import Request

from autotrain_ui import access

CHANGES_PATH = "/autotrain/changes"
REFRESH_ID = "runs-refresh"
INTERVAL_S = 2.0          # between two asks of one page, at least
REDRAWS_PER_S = 4.0       # all pages together, at most (a redraw costs the app ~5 ms of CPU)
PAGE_TTL_S = 10.0         # a page that has not asked for this long is no longer counted
CACHE_S = 1.0
FILES = ("events.jsonl", "train.log", "report.json", "push.json", "error.json", "deploy.json")  # events first: the plots' data

# Runs once per page load (gr.Blocks.launch(js=...)).
POLL_JS = """
() => {
  let seen = null;
  const page = Math.random().toString(36).slice(2);
  const here = window.location.origin + window.location.pathname.replace(/[^/]*$/, "");
  const url = new URL("%(path)s".slice(1), here);
  url.searchParams.set("page", page);
  const tick = async () => {
    let wait = %(ms)d;
    if (!document.hidden) {
      let token = null;
      try {
        const reply = await fetch(url, {cache: "no-store"});
        if (reply.ok) { const body = await reply.json(); token = body.token; wait = body.next_ms || wait; }
      } catch (err) { token = null; }
      if (token === null || token !== seen) {
        const button = document.getElementById("%(button)s");
        if (button) { button.click(); seen = token; }
      }
    }
    setTimeout(tick, wait);
  };
  setTimeout(tick, %(ms)d);
}
""" % {"path": CHANGES_PATH, "button": REFRESH_ID, "ms": int(INTERVAL_S * 1000)}


def stamp(path) -> tuple:
    try:
        st = path.stat()
        return st.st_size, st.st_mtime_ns
    except OSError:
        return ()


def jobs_token(registry, user: str | None = None) -> str:
    """Changes whenever the state of a job this user may see, or any of its files the Runs view shows, changes."""
    parts = []
    for job in access.visible_jobs(registry.list_jobs(), user):
        project = registry.project(job)
        parts.append((job["id"], job["status"], job["finished"], tuple(stamp(project / n) for n in FILES)))
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:16]


class ChangesToken:
    """jobs_token, computed at most once per CACHE_S for each user however many of their tabs ask, and the wait
    before the next ask."""

    def __init__(self, registry):
        self.registry, self.lock = registry, threading.Lock()
        self.values: dict[str | None, tuple[str, float]] = {}   # user -> (token, when computed)
        self.pages: dict[str, float] = {}

    def __call__(self, page: str | None = None, user: str | None = None) -> tuple[str, int]:
        with self.lock:
            now = time.monotonic()
            value, at = self.values.get(user, ("", float("-inf")))
            if now - at >= CACHE_S:
                if len(self.values) > 10_000:  # a flood of users: start again
                    self.values.clear()
                value = jobs_token(self.registry, user)
                self.values[user] = (value, now)
                self.pages = {p: t for p, t in self.pages.items() if now - t < PAGE_TTL_S}
            if page:
                if len(self.pages) > 10_000:  # a flood of page ids: start counting again
                    self.pages.clear()
                self.pages[page[:64]] = now
            return value, next_wait_ms(len(self.pages))


def next_wait_ms(pages: int) -> int:
    return int(1000 * max(INTERVAL_S, pages / REDRAWS_PER_S))


def add_route(app, registry) -> None:
    """Serve the token on the app's own server (FastAPI), outside Gradio's queue."""
    from fastapi.responses import JSONResponse

    token = ChangesToken(registry)

    async def changes(request: Request, page: str | None = None):  # no thread hop: a cached token, a few stats
        value, wait = token(page, access.user_from_request(request))
        return JSONResponse({"token": value, "next_ms": wait}, headers={"Cache-Control": "no-store"})

    app.add_api_route(CHANGES_PATH, changes, methods=["GET"], include_in_schema=False)
