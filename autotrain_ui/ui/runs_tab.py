"""Tab 3: every job with its status; one job's progress, loss curve, log and error, followed live."""

from __future__ import annotations

import html
import time

import gradio as gr
import pandas as pd

from autotrain_ui import access, checkpoints, coach, jobs, publish
from autotrain_ui.jobs import ACTIVE, FINAL, RESUMABLE, trained_full_model
from autotrain_ui.ui import fmt, live
from autotrain_ui.ui.strings import EN, KO, t, text

COLUMNS = ["id", "name", "status", "trainer", "model", "started", "duration", "final loss"]

# The log box shows its newest lines: Gradio's own autoscroll follows only the first update (Gradio 6.x), and a box
# filled while its tab was hidden opens at its top. These run in the browser after each redraw (no server call):
# OPEN when a job is opened (to the bottom), FOLLOW after a live update or on showing the tab (to the bottom unless
# the reader scrolled up to read something).
_LOG_BOX = "document.querySelector('#job-log textarea')"
OPEN_LOG_JS = """() => { setTimeout(() => { const box = %s;
  if (box) { box.scrollTop = box.scrollHeight; box.dataset.pinned = "1"; } }, 150); }""" % _LOG_BOX
FOLLOW_LOG_JS = """() => { setTimeout(() => { const box = %s; if (!box) { return; }
  if (!box.dataset.watched) {
    box.dataset.watched = "1";
    box.addEventListener("scroll", () => {
      box.dataset.pinned = box.scrollTop + box.clientHeight >= box.scrollHeight - 30 ? "1" : "0"; });
  }
  if (box.dataset.pinned !== "0") { box.scrollTop = box.scrollHeight; } }, 150); }""" % _LOG_BOX


def jobs_table(registry, user: str | None = None) -> pd.DataFrame:
    """The jobs this visitor may see (on a Space: their own; the owner sees all)."""
    rows = []
    for job in access.visible_jobs(registry.list_jobs(), user):
        status = registry.summary(job["id"], job)
        start, end = job["started"], job["finished"] or (time.time() if job["status"] == "running" else None)
        rows.append([job["id"], job["name"], status_label(status), status["trainer"], status["model"],
                     time.strftime("%Y-%m-%d %H:%M", time.localtime(start)) if start else "",
                     fmt.duration(end - start) if start and end else "",
                     f"{status['metrics']['loss']:.4f}" if status["metrics"].get("loss") is not None else ""])
    return pd.DataFrame(rows, columns=COLUMNS)


def status_label(status: dict, lang: str = "en") -> str:
    """A job's state for the page (jobs.status_label: "succeeded - loss rose"), in the page's language."""
    return jobs.status_label(status, _table(lang))


def verdict_markdown(verdict: dict | None, lang: str = "en") -> str:
    """The coach's verdict: did the loss fall, the numbers, the one change to try."""
    if not verdict:
        return ""
    return f"### {text('verdict_title', lang)}\n\n{html.escape(coach.render(verdict['parts'], _table(lang)))}"


def _table(lang: str) -> dict:
    return KO if lang.startswith("ko") else EN


def report_markdown(report: dict | None) -> str:
    """The before/after report of a finished job: held-out loss, preference accuracy, answers side by side."""
    if not report:
        return ""
    held = report.get("held_out_rows")
    lines = [f"### Before and after, on {fmt.count(held, 'held-out row') if held is not None else '? held-out rows'}",
             report.get("verdict", "")]
    before, after = report.get("before") or {}, report.get("after") or {}
    rows = [(label, key, pattern) for label, key, pattern in (("held-out loss (lower is better)", "eval_loss", "{:.4f}"),
                                                               ("chosen scored above rejected", "preference_accuracy",
                                                                "{:.0%}"))
            if before.get(key) is not None and after.get(key) is not None]
    if rows:
        lines.append("| | base model | fine-tuned |\n|---|---|---|")
        lines[-1] += "".join(f"\n| {label} | {pattern.format(before[key])} | {pattern.format(after[key])} |"
                             for label, key, pattern in rows)
    for a in report.get("answers") or []:
        lines.append(f"**Prompt:** {html.escape(a['prompt'][-300:])}\n\n- expected: {html.escape(a['expected'])}\n"
                     f"- base model: {html.escape(a['base'])}\n- fine-tuned: {html.escape(a['tuned'])}")
    return "\n\n".join(line for line in lines if line)


def tracker_markdown(project, status: dict) -> str:
    """Where the run's tracker dashboard is (--log tensorboard / wandb)."""
    import json

    try:
        log = json.loads((project / "config.json").read_text(encoding="utf-8")).get("log", "none")
    except (OSError, ValueError):
        return ""
    if log == "tensorboard":
        return (f"TensorBoard logs: `{project / 'runs'}`; see them with `tensorboard --logdir {project / 'runs'}`, or "
                "on the model's Hub page (Training metrics) once pushed.")
    if log == "trackio":
        return (f"Trackio dashboard: `TRACKIO_DIR={project / 'trackio'} trackio show --project {project.name}`")
    if log == "wandb":
        return f"Weights & Biases run files: `{project / 'wandb'}` (synced to wandb.ai when WANDB_API_KEY is set)."
    return ""


def retry_button(status: dict):
    """The "retry with this change" button: shown for a failed job whose failure suggests one settings change, and
    for a succeeded job that did not learn, with the change its verdict suggests (both make a new job)."""
    change = jobs.retry_change(status)
    if not change:
        return gr.update(visible=False)
    words = ", ".join(f"{k.replace('_', ' ')} = {v}" for k, v in change.items())
    return gr.update(visible=True, value=text("retry_with" if status["status"] == "failed" else "try_with",
                                              change=words))


def view_signature(registry, job_id: str | None, user: str | None) -> tuple:
    """Changes whenever what the Runs view shows would: the visible jobs' states, and the chosen job's files."""
    jobs = tuple((j["id"], j["status"], j["finished"]) for j in access.visible_jobs(registry.list_jobs(), user))
    job = registry.get(job_id) if job_id else None
    files = tuple(live.stamp(registry.project(job) / name) for name in live.FILES) if job else ()
    return jobs, job_id, files


def checkpoint_controls(registry, job_id: str | None):
    """The checkpoint picker of a finished job: shown when more than one checkpoint is on disk."""
    job = registry.get(job_id) if job_id else None
    found = checkpoints.list_checkpoints(registry.project(job)) if job and job["status"] == "succeeded" else []
    if len(found) < 2:
        return gr.update(visible=False, choices=[], value=None), gr.update(visible=False)
    current = next((c["step"] for c in found if c["in_model"]), None)
    return (gr.update(visible=True, choices=[(checkpoints.label(c), c["step"]) for c in found], value=current),
            gr.update(visible=True))


def action_buttons(registry, job_id: str | None):
    """Cancel, Resume, Train again (and its "start from the trained model") shown only where they can act: Cancel
    for a queued or running job, Resume for a failed, cancelled or interrupted one (a succeeded job is never
    resumed: that would retrain it and overwrite its model), Train again for any finished job."""
    job = registry.get(job_id) if job_id else None
    state = job["status"] if job else None
    return (gr.update(visible=state in ACTIVE), gr.update(visible=state in RESUMABLE),
            gr.update(visible=state in FINAL), gr.update(visible=can_start_from(registry, job_id)))


def can_start_from(registry, job_id: str | None) -> bool:
    """Whether Train again may start from this job's trained weights: a succeeded full (or merged) fine-tune. A
    LoRA adapter is not a model of its own (it needs its base), so such a job trains again from the base model."""
    job = registry.get(job_id) if job_id else None
    return bool(job) and job["status"] == "succeeded" and trained_full_model(registry.project(job))


def job_view(registry, job_id: str | None):
    """-> status markdown, loss curve frame, learning-rate frame, log text, retry button update."""
    if not job_id:
        return "", None, None, "", gr.update(visible=False), gr.update(visible=False)
    status = registry.status(job_id)
    f = registry.follow(job_id)
    p, m = status["progress"], status["metrics"]
    total = p.get("total_steps") or 0
    bar = f"{p['step']}/{total}" if total else f"{p['step']}"
    lines = [f"**{html.escape(status.get('name', job_id))}** - status: **{status_label(status)}** - step {bar}"]
    if total:
        done = int(20 * p["step"] / total)
        lines.append(f"`[{'#' * done}{'.' * (20 - done)}]` {100 * p['step'] / total:.0f}%")
    running = status["status"] in ACTIVE
    facts = [f"loss {m['loss']:.4f}" if m.get("loss") is not None else "",
             f"eval loss {m['eval_loss']:.4f}" if m.get("eval_loss") is not None else "",
             fmt.speed(m.get("tokens_per_second")) if running else "",  # a finished job has no speed to show
             f"elapsed {fmt.duration(m['elapsed_s'])}" if m.get("elapsed_s") else "",
             f"ETA {fmt.duration(m['eta_s'])}" if running and m.get("eta_s") else ""]
    facts = [f for f in facts if f]
    if facts:
        lines.append(" · ".join(facts))
    if status["error"]:
        e = status["error"]
        lines.append(f"\n**Failed: {html.escape(e.get('message', ''))}**\n\n{html.escape(e.get('hint', ''))}")
    verdict = status.get("verdict") or {}
    if verdict.get("kind") not in ("diverged", "masked"):  # those the coach's problem note says, in more detail
        lines.append(verdict_markdown(verdict))
    # the verdict says how the loss went: the coach's "progress" note would say it twice
    advice = [coach.Advice(**a) for a in status.get("advice") or [] if not (verdict and a["kind"] == "progress")]
    if advice:
        lines.append(coach.advice_markdown(advice))
    lines.append(report_markdown(status.get("report")))
    lines.append(publish.markdown(status.get("push")))
    lines.append(tracker_markdown(registry.project(registry.get(job_id)), status))
    points = [{"step": e["step"], "value": e[k], "series": k} for e in f.events for k in ("loss", "eval_loss") if k in e]
    lr = [{"step": e["step"], "learning_rate": e["learning_rate"]} for e in f.events if "learning_rate" in e]
    loss_frame = pd.DataFrame(points, columns=["step", "value", "series"])
    lr_frame = pd.DataFrame(lr, columns=["step", "learning_rate"])
    return "\n\n".join(x for x in lines if x), loss_frame, lr_frame, "\n".join(f.log), retry_button(status), \
        gr.update(visible=status["status"] == "succeeded" and (status.get("push") or {}).get("status") != "pushing")


def build() -> dict:
    c = {}
    c["table"] = gr.Dataframe(label=t("jobs"), interactive=False, headers=COLUMNS, elem_id="jobs-table")
    with gr.Row():
        c["job"] = gr.Dropdown(label=t("job"), choices=[], elem_id="job-select")
        c["cancel"] = gr.Button(t("cancel"), variant="stop", visible=False, elem_id="cancel-button")
        c["resume"] = gr.Button(t("resume"), visible=False, elem_id="resume-button")
        c["again"] = gr.Button(t("train_again"), visible=False, elem_id="train-again")
        c["again_from_model"] = gr.Checkbox(label=t("again_from_model"), value=False, visible=False,
                                            elem_id="again-from-model")
        c["retry"] = gr.Button(t("retry"), visible=False, variant="primary", elem_id="retry")
        c["push"] = gr.Button(t("push"), visible=False, elem_id="push-button")
    with gr.Row():
        c["checkpoint"] = gr.Dropdown(label=t("checkpoint"), choices=[], visible=False, elem_id="checkpoint-select")
        c["use_checkpoint"] = gr.Button(t("use_checkpoint"), visible=False, elem_id="use-checkpoint")
    c["status"] = gr.Markdown(elem_id="job-status")
    with gr.Row():
        c["loss"] = gr.LinePlot(x="step", y="value", color="series", label=t("loss_plot"), elem_id="loss-plot")
        c["lr"] = gr.LinePlot(x="step", y="learning_rate", label=t("lr_plot"))
    c["log"] = gr.Textbox(label=t("log"), lines=12, max_lines=12, autoscroll=True, elem_id="job-log")
    # pressed by the page's script when /autotrain/changes says something changed (ui/live.py)
    c["refresh"] = gr.Button("refresh", visible="hidden", elem_id=live.REFRESH_ID)
    return c
