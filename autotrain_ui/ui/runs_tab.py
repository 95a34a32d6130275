"""Tab 3: every job with its status; one job's progress, loss curve, log and error, followed live. The buttons that
act on the chosen job are wired in ui/runs_actions.py."""

from __future__ import annotations

import html
import time

import gradio as gr
import pandas as pd

from autotrain_ui import access, coach, job_status
from autotrain_ui.core import checkpoints, i18n, trainers_catalog
from autotrain_ui.hub import deploy, publish
from autotrain_ui.job_status import trained_full_model
from autotrain_ui.jobs import RESUMABLE
from autotrain_ui.job_status import ACTIVE, FINAL
from autotrain_ui.ui import export_panel, fmt, live, log_view
from autotrain_ui.ui.actions import job_choices, job_for
from autotrain_ui.core.i18n import has, render_all, text
from autotrain_ui.core.events import shown
from autotrain_ui.ui.strings import lang_of, t

COLUMN_KEYS = ["page.col_id", "page.col_name", "page.col_status", "page.col_trainer", "page.col_model",
               "page.col_started", "page.col_duration", "page.col_step", "page.col_final_loss"]
TRAINING = ("starting", "running")  # a job whose row in the table moves (duration, step, loss) while it is open
COLUMNS = [text(k) for k in COLUMN_KEYS]


def columns(lang: str = "en") -> list[str]:
    """The jobs table's headers in the visitor's language (a Dataframe's headers are not translated by the
    browser, so the server sends them)."""
    return [text(k, lang) for k in COLUMN_KEYS]

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


def jobs_table(registry, user: str | None = None, lang: str = "en") -> pd.DataFrame:
    """The jobs this visitor may see (on a Space: their own; the owner sees all), in the visitor's language."""
    rows = []
    for job in access.visible_jobs(registry.list_jobs(), user):
        status = registry.summary(job["id"], job)
        start, end = job["started"], job["finished"] or (time.time() if job["status"] == "running" else None)
        step, total = status["progress"]["step"], status["progress"]["total_steps"]
        rows.append([job["id"], job["name"], status_label(status, lang), status["trainer"], status["model"],
                     time.strftime("%Y-%m-%d %H:%M", time.localtime(start)) if start else "",
                     fmt.duration(end - start, lang=lang) if start and end else "",
                     (f"{step}/{total}" if total else str(step)) if step else "",
                     f"{shown(status['metrics']['loss']):.4f}" if status["metrics"].get("loss") is not None else ""])
    return pd.DataFrame(rows, columns=columns(lang))


def status_label(status: dict, lang: str = "en") -> str:
    """A job's state for the page (job_status.status_label: "succeeded - loss rose"), in the page's language."""
    return job_status.status_label(status, lang)


def verdict_markdown(verdict: dict | None, lang: str = "en") -> str:
    """The coach's verdict: did the loss fall, the numbers, the one change to try."""
    if not verdict:
        return ""
    return f"### {text('page.verdict_title', lang)}\n\n{html.escape(render_all(verdict['parts'], lang))}"


def report_markdown(report: dict | None, lang: str = "en") -> str:
    """The before/after report of a finished job: held-out loss, preference accuracy, answers side by side, in the
    visitor's language (a report written before it had parts keeps its English verdict)."""
    if not report:
        return ""
    held = report.get("held_out_rows")
    rows_said = fmt.count(held, "held-out row", lang=lang) if held is not None else text("coach.report_rows_unknown", lang)
    title = text("coach.report_title", lang, rows=rows_said)
    if report.get("measured_on") == "training":  # kto with no held-out rows: its own rows measured (evaluate.py)
        title = text("coach.report_title_seen", lang, rows=fmt.count(report.get("training_rows") or 0, "training row",
                                                               lang=lang))
    verdict = (render_all(report["verdict_parts"], lang) if report.get("verdict_parts") else
               report.get("verdict", ""))
    lines = [f"### {title}", verdict]
    before, after = report.get("before") or {}, report.get("after") or {}
    rows = [(text(label, lang), key, pattern)
            for label, key, pattern in (("page.report_row_loss", "eval_loss", "{:.4f}"),
                                        ("page.report_row_preference", "preference_accuracy", "{:.0%}"),
                                        ("page.report_row_margin", "margin", "{:+.2f}"))
            if before.get(key) is not None and after.get(key) is not None]
    base, tuned = text("page.report_col_base", lang), text("page.report_col_tuned", lang)
    if not before and not after and not report.get("answers") and report.get("measured_on") == "training":
        return ""   # nothing was measured (a default run's prose has no answers to ask for): no empty section
    if rows:
        lines.append(f"| | {base} | {tuned} |\n|---|---|---|")
        lines[-1] += "".join(f"\n| {label} | {pattern.format(before[key])} | {pattern.format(after[key])} |"
                             for label, key, pattern in rows)
    for a in report.get("answers") or []:
        lines.append(answer_markdown(a, base, tuned, lang))
    return "\n\n".join(line for line in lines if line)


def answer_markdown(a: dict, base: str, tuned: str, lang: str = "en") -> str:
    """One prompt of the report: what was expected (and rejected), what the base and tuned models answer, and which
    answers broke down (coach/answers.py)."""
    def item(words: str) -> str:  # an answer of several lines stays inside its list item (its lines indented)
        return html.escape(words).replace("\n", "\n  ")

    def said(side: str) -> str:
        broken = f" {text('page.report_broken', lang)}" if "broken" in (a.get(f"{side}_flags") or []) else ""
        return item(a[side]) + broken
    rejected = a.get("rejected") or []
    return (f"**{text('page.report_prompt', lang)}** {html.escape(a.get('question') or a['prompt'][-300:])}\n\n"
            f"- {text('page.report_expected', lang)}: {item(a['expected'])}\n"
            + (f"- {text('page.report_rejected', lang)}: {item(rejected[0])}\n" if rejected else "")
            + f"- {base}: {said('base')}\n- {tuned}: {said('tuned')}")


def tracker_markdown(project, status: dict, lang: str = "en") -> str:
    """Where the run's tracker dashboard is (--log tensorboard / wandb / trackio)."""
    import json

    try:
        log = json.loads((project / "config.json").read_text(encoding="utf-8")).get("log", "none")
    except (OSError, ValueError):
        return ""
    if log == "tensorboard":
        return text("page.tracker_tensorboard", lang, runs=project / "runs")
    if log == "trackio":
        return text("page.tracker_trackio", lang, folder=project / "trackio", project=project.name)
    if log == "wandb":
        return text("page.tracker_wandb", lang, folder=project / "wandb")
    return ""


def change_words(change: dict, lang: str = "en") -> str:
    """A settings change as a person reads it: "lr = 6.67e-05" in English (the setting's name, as the command box
    and config.json spell it), "학습률 = 6.67e-05" in Korean (the form's label)."""
    def name(k):
        return text(f"page.field_{k}", lang) if lang != "en" and has(f"page.field_{k}") else k.replace("_", " ")
    return ", ".join(f"{name(k)} = {v}" for k, v in change.items())


def retry_button(status: dict, lang: str = "en"):
    """The "retry with this change" button: shown for a failed job whose failure suggests one settings change, and
    for a succeeded job that did not learn, with the change its verdict suggests (both make a new job)."""
    change = job_status.retry_change(status)
    if not change:
        return gr.update(visible=False)
    return gr.update(visible=True, value=text("page.retry_with" if status["status"] == "failed" else "page.try_with", lang,
                                              change=change_words(change, lang)))


def view_signature(registry, job_id: str | None, user: str | None, lang: str = "en") -> tuple:
    """Changes whenever what the Runs view shows would: the visible jobs' states, and the chosen job's files (and
    the language it is shown in). A training job's files count too: its row's duration, step and loss move with
    them (the same stats the page's token takes, ui/live.py: no file is read here)."""
    jobs = tuple((j["id"], j["status"], j["finished"],
                  tuple(live.stamp(registry.project(j) / n) for n in live.FILES[:2]) if j["status"] in TRAINING else ())
                 for j in access.visible_jobs(registry.list_jobs(), user))
    job = registry.get(job_id) if job_id else None
    files = tuple(live.stamp(registry.project(job) / name) for name in live.FILES) if job else ()
    return jobs, job_id, files, lang


def checkpoint_controls(registry, job_id: str | None, lang: str = "en"):
    """The checkpoint picker of a finished job: shown when more than one checkpoint is on disk."""
    job = registry.get(job_id) if job_id else None
    found = checkpoints.list_checkpoints(registry.project(job)) if job and job["status"] == "succeeded" else []
    if len(found) < 2:
        return gr.update(visible=False, choices=[], value=None), gr.update(visible=False)
    current = next((c["step"] for c in found if c["in_model"]), None)
    return (gr.update(visible=True, choices=[(checkpoints.label(c, lang), c["step"]) for c in found],
                      value=current), gr.update(visible=True))


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


def job_view(registry, job_id: str | None, lang: str = "en"):
    """-> status markdown (in the visitor's language), loss curve frame, learning-rate frame, log text, retry and
    push button updates. The training process's own error message and hint stay as it wrote them."""
    if not job_id:
        return "", None, None, "", gr.update(visible=False), gr.update(visible=False)
    status = registry.status(job_id)
    f = registry.follow(job_id)
    p, m = status["progress"], status["metrics"]
    total = p.get("total_steps") or 0
    bar = f"{p['step']}/{total}" if total else f"{p['step']}"
    lines = [text("page.job_line", lang, name=html.escape(status.get("name", job_id)), status=status_label(status, lang),
                  step=bar)]
    if total:
        done = int(20 * p["step"] / total)
        lines.append(f"`[{'#' * done}{'.' * (20 - done)}]` {100 * p['step'] / total:.0f}%")
    running = status["status"] in ACTIVE
    facts = [text("page.fact_loss", lang, loss=shown(m["loss"])) if m.get("loss") is not None else "",
             text("page.fact_eval_loss", lang, loss=shown(m["eval_loss"])) if m.get("eval_loss") is not None else "",
             fmt.speed(m.get("tokens_per_second"), lang) if running else "",  # a finished job has no speed to show
             text("page.fact_elapsed", lang, time=fmt.duration(m["elapsed_s"], lang=lang)) if m.get("elapsed_s") else "",
             text("page.fact_eta", lang, time=fmt.duration(m["eta_s"], lang=lang)) if running and m.get("eta_s") else ""]
    facts = [f for f in facts if f]
    if facts:
        lines.append(" · ".join(facts))
    if status["error"]:
        e = status["error"]
        said = text(e["key"], lang, **e.get("values", {})) if e.get("key") else e.get("message", "")
        hint = text(e["hint_key"], lang, **e.get("hint_values", {})) if e.get("hint_key") else e.get("hint", "")
        lines.append(f"\n{text('page.job_failed', lang, message=html.escape(said))}\n\n{html.escape(hint)}")
    verdict = status.get("verdict") or {}
    if verdict.get("kind") not in ("diverged", "masked"):  # those the coach's problem note says, in more detail
        lines.append(verdict_markdown(verdict, lang))
    # the verdict says how the loss went: the coach's "progress" note would say it twice
    advice = [coach.Advice(**a) for a in status.get("advice") or [] if not (verdict and a["kind"] == "progress")]
    if advice:
        lines.append(coach.advice_markdown(advice, lang))
    lines.append(report_markdown(status.get("report"), lang))
    lines.append(publish.markdown(status.get("push"), lang))
    job = registry.get(job_id)
    project = registry.project(job)
    lines.append(deploy.markdown(deploy.state(project), lang))
    lines.append(tracker_markdown(project, status, lang))
    points = loss_points(f.events, lang)
    job_params, scale = registry.settings(job), 1.0
    if job_params.get("trainer") == "grpo":  # the rewards' curves and the last sampled answers (ui/rewards_view.py)
        from autotrain_ui.coach.rewards import weight_sum
        from autotrain_ui.ui import rewards_view

        scale = weight_sum(job_params)   # the log, the curve and the verdict read the reward on one 0..1 scale
        points += rewards_view.curve_points(f.events, scale, lang)
        lines.insert(2, rewards_view.samples_markdown(project, f.events, lang))
    lr = [{"step": e["step"], "learning_rate": e["learning_rate"]} for e in f.events if "learning_rate" in e]
    loss_frame = pd.DataFrame(points, columns=["step", "value", "series"])
    lr_frame = pd.DataFrame(lr, columns=["step", "learning_rate"])
    return "\n\n".join(x for x in lines if x), loss_frame, lr_frame, log_view.readable(f.events, lang, scale), \
        retry_button(status, lang), \
            gr.update(visible=status["status"] == "succeeded" and (status.get("push") or {}).get("status") != "pushing")


def loss_points(events: list[dict], lang: str = "en") -> list[dict]:
    """The loss plot's points: the training loss first, so it keeps the plot's first colour when a held-out loss
    joins it (the plot colours its series in the order they appear), then the held-out loss where it was measured
    three times or more: two measures (before and after) drawn as one straight line would look like steady progress
    the run never showed; the report says them."""
    points = []
    for key in ("loss", "eval_loss"):
        name = text(f"page.series_{key}", lang)
        found = [{"step": e["step"], "value": e[key], "series": name} for e in events if e.get(key) is not None]
        points += found if key == "loss" or len(found) >= 3 else []
    return points


def deployable_repo(project) -> str | None:
    """The model repo a Deploy can make a chat Space for: the job pushed it, and it writes answers (not a reward
    model); None otherwise."""
    import json

    try:
        trainer = json.loads((project / "config.json").read_text(encoding="utf-8")).get("trainer")
    except (OSError, ValueError):
        return None
    return deploy.pushed_repo(publish.state(project)) if trainers_catalog.chats(trainer) else None


def deploy_button(registry, job_id: str | None):
    """Deploy: shown for a pushed job whose chat Space is not being made right now."""
    job = registry.get(job_id) if job_id else None
    project = registry.project(job) if job else None
    busy = bool(project) and (deploy.state(project) or {}).get("status") == "deploying"
    return gr.update(visible=bool(project) and not busy and deployable_repo(project) is not None)


def plot_titles(lang: str = "en") -> tuple[dict, dict]:
    """The plots' axis and legend titles (the browser does not translate them: the page sends them on load)."""
    return ({"x_title": text("page.plot_step", lang), "y_title": text("page.plot_loss", lang),
             "color_title": " "},   # no title over the legend ("" is taken for none and the field's name shows)
            {"x_title": text("page.plot_step", lang), "y_title": text("page.plot_lr", lang)})


def build() -> dict:
    c = {}
    # every column on the page: widths that add up to it, and a long model path wrapped onto more lines
    c["table"] = gr.Dataframe(label=t("page.jobs"), interactive=False, headers=COLUMNS, elem_id="jobs-table", wrap=True,
                              column_widths=["9%", "13%", "16%", "7%", "20%", "12%", "8%", "6%", "9%"])
    with gr.Row():
        c["job"] = gr.Dropdown(label=t("page.job"), choices=[], elem_id="job-select")
        c["cancel"] = gr.Button(t("page.cancel"), variant="stop", visible=False, elem_id="cancel-button")
        c["resume"] = gr.Button(t("page.resume"), visible=False, elem_id="resume-button")
        c["again"] = gr.Button(t("page.train_again"), visible=False, elem_id="train-again")
        c["again_from_model"] = gr.Checkbox(label=t("page.again_from_model"), value=False, visible=False,
                                            elem_id="again-from-model")
        c["retry"] = gr.Button(t("page.retry"), visible=False, variant="primary", elem_id="retry")
        c["push"] = gr.Button(t("page.push"), visible=False, elem_id="push-button")
        c["deploy"] = gr.Button(t("page.deploy"), visible=False, elem_id="deploy-button")
    with gr.Row():
        c["checkpoint"] = gr.Dropdown(label=t("page.checkpoint"), choices=[], visible=False, elem_id="checkpoint-select")
        c["use_checkpoint"] = gr.Button(t("page.use_checkpoint"), visible=False, elem_id="use-checkpoint")
    c["status"] = gr.Markdown(elem_id="job-status")
    with gr.Row():
        c["loss"] = gr.LinePlot(x="step", y="value", color="series", label=t("page.loss_plot"), elem_id="loss-plot",
                                **plot_titles()[0])
        c["lr"] = gr.LinePlot(x="step", y="learning_rate", label=t("page.lr_plot"), elem_id="lr-plot", **plot_titles()[1])
    c["log"] = gr.Textbox(label=t("page.log_readable"), lines=12, max_lines=12, autoscroll=True, elem_id="job-log")
    with gr.Accordion(t("page.log_full"), open=False, elem_id="job-full-log"):
        c["raw_log"] = gr.Textbox(show_label=False, lines=12, max_lines=12, autoscroll=True, elem_id="job-raw-log")
    c["export"] = export_panel.build()
    # pressed by the page's script when /autotrain/changes says something changed (ui/live.py)
    c["refresh"] = gr.Button("refresh", visible="hidden", elem_id=live.REFRESH_ID)
    return c


def wire(c: dict, registry, tab, banner) -> None:
    """The live view: redrawn when the chosen job changes and when the page's script presses the hidden refresh
    button (ui/live.py), the log kept at its newest lines; on every page load the job picker, `banner` (who may
    train here) and the table and plots in the visitor's language; the Export panel (ui/export_panel.py). `tab`: this
    tab's gr.Tab."""
    shown: dict[str, tuple] = {}  # page session -> what its Runs view last showed (see view_signature)
    export_panel.wire(c["export"], registry, c["job"])

    def refresh(profile: gr.OAuthProfile | None, request: gr.Request, job_id, tick: bool = False):
        user = access.username_of(profile)
        if job_id and job_for(registry, profile, job_id)[0] is None:
            job_id = None  # not this visitor's to see: shown as no job at all
        session = getattr(request, "session_hash", None) or ""
        lang = lang_of(request)  # the hidden refresh button's POST (queue=False) carries the browser's too
        signature = view_signature(registry, job_id, user, lang)
        before = shown.get(session) if tick else None
        if before == signature:
            return [gr.skip()] * len(outs)  # nothing new: the page keeps what it shows, nothing is sent
        if len(shown) > 10_000:  # one entry per page ever opened: forget them all now and then
            shown.clear()
        shown[session] = signature
        status, loss, lr, log, retry, push = job_view(registry, job_id, lang)
        raw = "\n".join(registry.follow(job_id).log) if job_id else ""   # its newest 300 lines (job_status.Follow)
        same_jobs = before is not None and before[0] == signature[0]
        if before is not None and before[1] == job_id and before[2][:1] == signature[2][:1]:
            loss = lr = gr.skip()  # events.jsonl (live.FILES[0]) unchanged: no new point, the plots stay
        export = gr.update(visible=export_panel.finished_project(registry, profile, job_id)[0] is not None)
        return ((gr.skip() if same_jobs else jobs_table(registry, user, lang)), status, loss, lr, log, raw,
                retry, push,
                *action_buttons(registry, job_id), deploy_button(registry, job_id), export)

    def on_tick(profile: gr.OAuthProfile | None, request: gr.Request, job_id):
        return refresh(profile, request, job_id, tick=True)

    outs = [c["table"], c["status"], c["loss"], c["lr"], c["log"], c["raw_log"], c["retry"], c["push"], c["cancel"],
            c["resume"], c["again"], c["again_from_model"], c["deploy"], c["export"]["panel"]]
    # the page's script presses this when /autotrain/changes has news (ui/live.py); callable as /runs_refresh so
    # bench/bench_polling.py can do exactly what a tab does. Outside the queue: one plain POST per redraw.
    c["refresh"].click(on_tick, c["job"], outs, api_name="runs_refresh", api_visibility="undocumented",
                       show_progress="hidden", queue=False).then(None, js=FOLLOW_LOG_JS)
    c["job"].change(refresh, c["job"], outs, api_visibility="private").then(None, js=OPEN_LOG_JS)
    tab.select(None, js=FOLLOW_LOG_JS)

    def on_load(profile: gr.OAuthProfile | None, request: gr.Request):
        lang = lang_of(request)
        choices = job_choices(registry, profile)
        ids = {c[1] for c in choices}
        running = [j["id"] for j in registry.list_jobs() if j["status"] in ("running", "starting", "queued")
                   and j["id"] in ids]
        latest = running[0] if running else (choices[0][1] if choices else None)
        notes = [access.access_for(profile, lang=lang).message,  # who may train; what the app found
                 *(i18n.render(n, lang) for n in registry.notices)]
        # the jobs table and the plots' titles too: the browser does not translate a Dataframe's headers or a
        # plot's axes, so the server sends them in the visitor's language
        loss_titles, lr_titles = plot_titles(lang)
        return (gr.update(choices=choices, value=latest), "\n\n".join(f"**{html.escape(n)}**" for n in notes if n),
                jobs_table(registry, access.username_of(profile), lang), gr.update(**loss_titles),
                gr.update(**lr_titles))

    gr.context.Context.root_block.load(on_load, None, [c["job"], banner, c["table"], c["loss"], c["lr"]],
                                       api_name="page_load", api_visibility="undocumented")
