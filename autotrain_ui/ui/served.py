"""The files the app serves, and who may fetch them.

Gradio serves a file at `/gradio_api/file=PATH` when PATH lies in its upload folder (GRADIO_TEMP_DIR): what a
visitor uploaded, and what a handler returned (Gradio copies a returned file there). Whoever has the URL gets the
file. So a job's files (an export's downloads, the data copy Train again puts back in the form) leave the projects
folder only through `hand_out`: linked into a folder of their own in the upload folder, with the job owner's name
beside them. `FileGuard`, the app's middleware, answers a request for such a file as Gradio answers one for a file it
does not serve, unless the visitor may see that job (access.can_see_job, the one rule for jobs). What a visitor
uploads stays at a URL only they were given, as Gradio makes it.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from autotrain_ui import access

FILE_ROUTE = "/gradio_api/file="
CLAIM = ".autotrain-owner"   # beside a handed-out file: the name of the job's owner


def upload_folder() -> Path:
    """Where Gradio keeps the files it serves (its GRADIO_TEMP_DIR)."""
    from gradio import utils

    return Path(utils.get_upload_folder())


def hand_out(source: str | Path, owner: str | None) -> str:
    """A job's file, put where the page may serve it and marked as `owner`'s: the path to give a gr.File (already
    in Gradio's folder, so Gradio serves it as it is, with no copy of its own). Linked when it can be (an export's
    GGUF file costs no copy), else copied."""
    folder = upload_folder() / f"autotrain-{secrets.token_hex(16)}"
    folder.mkdir(parents=True)
    (folder / CLAIM).write_text(owner or "", encoding="utf-8")
    target = folder / Path(source).name
    try:
        os.link(source, target)
    except OSError:   # another file system
        shutil.copyfile(source, target)
    return str(target)


def may_fetch(requested: str, user: str | None, env=None) -> bool:
    """Whether this visitor may fetch the file at this path: a handed-out file only when they may see its job."""
    if not access.on_space(env):
        return True
    path = Path(os.path.abspath(requested))
    if path.name == CLAIM:
        return False
    try:
        owner = (path.parent / CLAIM).read_text(encoding="utf-8").strip()
    except OSError:
        return True   # not a job's file: Gradio's own rules decide
    return access.can_see_job(user, owner or None, env)


class FileGuard:
    """ASGI middleware, given to the app when it launches (inside Gradio's session middleware, which puts the
    signed-in visitor in the scope): a refused file gets the 403 Gradio gives a file it does not serve."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope.get("type") == "http" else ""
        if FILE_ROUTE in path:
            requested = path.split(FILE_ROUTE, 1)[1]
            if not may_fetch(requested, access.user_from_request(scope)):
                from starlette.responses import JSONResponse

                response = JSONResponse({"detail": f"File not allowed: {requested}."}, status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
