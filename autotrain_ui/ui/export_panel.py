"""The Runs view's Export panel: a finished job -> merged weights, GGUF files, an Ollama Modelfile (autotrain_ui/
export.py), shown as progress while it runs and then as files to download; with "push" on, the GGUF files go to the
model repo's gguf/ folder (hub.push_export).

The export runs in a thread of the app, not of the page: PROJECT/export/state.json says where it stands (the last
step's words, or the files, or the reason it stopped), so a reload, a second tab or the next visit finds it. The
button's handler follows that file until the export ends.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import gradio as gr

from autotrain_ui import export, hub
from autotrain_ui.core import i18n
from autotrain_ui.core.hub_client import kept
from autotrain_ui.gguf_export import ExportError, available_quants
from autotrain_ui.ui import served
from autotrain_ui.ui.actions import job_for, may
from autotrain_ui.core.i18n import text
from autotrain_ui.ui.strings import t

STATE = "state.json"
_running: dict[str, threading.Thread] = {}   # project folder -> its export thread (one export per project)
_lock = threading.Lock()


def state(project: Path) -> dict | None:
    try:
        return json.loads((project / "export" / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(project: Path, value: dict) -> None:
    folder = project / "export"
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{STATE}.tmp"
    tmp.write_text(json.dumps(value, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, folder / STATE)


def _say(said, lang: str) -> str:
    """A message as state.json keeps it (hub_client.kept: a part, or plain text; {"plain": text} where an older
    version wrote the file), in `lang`."""
    if isinstance(said, dict) and "plain" in said:
        return said["plain"]
    return i18n.render(said, lang)


def _run(project: Path, formats: list[str], quants: list[str], push: bool, token: str | None,
         username: str | None) -> None:
    started = time.time()

    def progress(fraction, msg):
        _write(project, {"status": "exporting", "started": started, "fraction": fraction, "step": kept(msg, None)})

    try:
        result = export.export(project, formats, quants, progress)
        outcome = {"status": "done", "files": [str(p) for p in result.files],
                   "notes": [kept(n, None) for n in result.notes]}
        if push and result.gguf:
            progress(None, i18n.Message("export.step_push"))
            try:
                outcome["pushed"] = hub.push_export(project, token, username=username)
            except hub.PushError as exc:
                outcome["push_failed"] = kept(exc.args[0], token)
    except ExportError as exc:
        outcome = {"status": "failed", "reason": kept(exc.message, None)}
    except Exception as exc:  # the reason in words; the details in the app's log
        import traceback

        traceback.print_exc()
        outcome = {"status": "failed", "reason": f"{type(exc).__name__}: {exc}"}
    _write(project, {**outcome, "started": started, "finished": time.time()})


def start(project: Path, formats: list[str], quants: list[str], *, push: bool = False, token: str | None = None,
          username: str | None = None) -> bool:
    """Start exporting `project` in the background; False when an export of it is already running."""
    key = str(project.resolve())
    with _lock:
        if key in _running and _running[key].is_alive():
            return False
        _write(project, {"status": "exporting", "started": time.time(), "fraction": 0.0,
                         "step": kept(i18n.Message("export.step_start"), None)})
        thread = threading.Thread(target=_run, args=(project, formats, quants, push, token, username),
                                  name="autotrain-export", daemon=True)
        _running[key] = thread
        thread.start()
    return True


def running(project: Path) -> bool:
    thread = _running.get(str(project.resolve()))
    return bool(thread and thread.is_alive())


def markdown(value: dict | None, lang: str = "en") -> str:
    """Where the export stands, in the visitor's language."""
    if not value:
        return ""
    if value["status"] == "exporting":
        fraction = value.get("fraction")
        bar = f" ({100 * fraction:.0f}%)" if isinstance(fraction, (int, float)) and 0 < fraction < 1 else ""
        return text("page.export_running", lang, step=_say(value.get("step"), lang) + bar,
                    seconds=int(time.time() - value.get("started", time.time())))
    if value["status"] == "failed":
        return text("page.export_failed", lang, reason=_say(value.get("reason"), lang))
    lines = [text("page.export_done", lang, n=len(value.get("files") or []))]
    lines += [f"- {_say(n, lang)}" for n in value.get("notes") or []]
    if value.get("pushed"):
        lines.append(text("page.export_pushed", lang, url=value["pushed"]))
    if value.get("push_failed"):
        lines.append(text("page.export_push_failed", lang, reason=i18n.render(value["push_failed"], lang)))
    return "\n\n".join(lines)


def downloads(value: dict | None, owner: str | None) -> list[str]:
    """The finished export's files, handed out as the job owner's (ui/served.py): the page may only serve files
    from Gradio's folder (the projects folder holds every user's data and is not served), and only those who may see
    the job may fetch them."""
    if not value or value.get("status") != "done":
        return []
    return [served.hand_out(name, owner) for name in value.get("files") or [] if Path(name).exists()]


# ---------------------------------------------------------------- the panel

def build() -> dict:
    c = {}
    with gr.Accordion(t("page.export_title"), open=False, visible=False, elem_id="export-panel") as c["panel"]:
        gr.Markdown(t("page.export_intro"))
        with gr.Row():
            c["format"] = gr.Radio([(t("page.export_fmt_gguf"), "gguf"), (t("page.export_fmt_ollama"), "ollama"),
                                    (t("page.export_fmt_merged"), "merged")], value="gguf", label=t("page.export_format"),
                                   elem_id="export-format")
            c["quant"] = gr.CheckboxGroup(list(available_quants()), value=["f16", "q8_0"], label=t("page.export_quant"),
                                          elem_id="export-quant")
            c["push"] = gr.Checkbox(label=t("page.export_push"), value=False, elem_id="export-push")
        c["go"] = gr.Button(t("page.export_button"), variant="primary", elem_id="export-button")
        c["status"] = gr.Markdown(elem_id="export-status")
        c["files"] = gr.File(label=t("page.export_files"), file_count="multiple", interactive=False, elem_id="export-files")
    return c


def push_default(project: Path) -> bool:
    """Whether "also push" starts ticked for this job: when its model went to the Hub (pushed after the run, or from
    the Runs view), the GGUF files belong beside it."""
    from autotrain_ui.hub import publish
    from autotrain_ui.core.params import LLMParams

    if (publish.state(project) or {}).get("status") == "pushed":
        return True
    try:
        return bool(LLMParams.load(Path(project) / "config.json").push_to_hub)
    except (OSError, ValueError):
        return False


def finished_project(registry, profile, job_id) -> tuple[Path | None, str | None]:
    """A succeeded job's folder when this visitor may see the job (ui/actions.job_for), with its owner: the panel
    shows for it (the Runs view's live refresh asks too, so it appears when a followed run ends)."""
    row = job_for(registry, profile, job_id)[0] if job_id else None
    return (registry.project(row), row["owner"]) if row and row["status"] == "succeeded" else (None, None)


def wire(c: dict, registry, job) -> None:
    """`job`: the Runs view's job dropdown. Every handler asks ui/actions.py whether the visitor may see (show) or
    act on (export) the job."""
    from autotrain_ui import access
    from autotrain_ui.ui.strings import lang_of

    def show(profile: gr.OAuthProfile | None, request: gr.Request, job_id):
        project, owner = finished_project(registry, profile, job_id)
        value = state(project) if project else None
        if value and value["status"] == "exporting" and not running(project):
            value = None  # the app stopped during that export: nothing is running now
        return (gr.update(visible=project is not None), markdown(value, lang_of(request)),
                downloads(value, owner) or None, bool(project) and push_default(project))

    job.change(show, job, [c["panel"], c["status"], c["files"], c["push"]], api_visibility="private")

    def go(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, request: gr.Request, job_id,
           fmt, quants, push):
        lang = lang_of(request)
        project, owner = finished_project(registry, profile, job_id)
        refused = (may(profile, registry=registry, job_id=job_id, lang=lang) if project else
                   text("page.export_pick_job", lang))
        if refused:
            gr.Warning(refused)
            yield gr.skip(), gr.skip()
            return
        formats = ["merged"] if fmt == "merged" else [fmt]
        user = access.username_of(profile)
        token = hub.resolve_token(None, oauth_token) if push else None
        username = registry.settings(registry.get(job_id)).get("username") or (
            user if user and user != access.LOCAL_USER else None)
        if not start(project, formats, list(quants or []) or ["f16", "q8_0"], push=bool(push), token=token,
                     username=username):
            gr.Info(text("page.export_already", lang))
        yield markdown(state(project), lang), None
        while running(project):     # the export's steps, once a second, until it ends
            time.sleep(1.0)
            yield markdown(state(project), lang), gr.skip()
        value = state(project)
        yield markdown(value, lang), downloads(value, owner) or None

    c["go"].click(go, [job, c["format"], c["quant"], c["push"]], [c["status"], c["files"]],
                  api_visibility="private", concurrency_limit=1, concurrency_id="export",
                  show_progress="full")  # one conversion at a time; the others wait, shown their place
