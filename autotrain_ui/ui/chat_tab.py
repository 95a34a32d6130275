"""Tab 4: chat with a finished job's model, and the base model answering the same prompt beside it."""

from __future__ import annotations

import gradio as gr

from autotrain_ui import access, chat
from autotrain_ui.core import trainers_catalog
from autotrain_ui.ui.actions import job_for
from autotrain_ui.core.i18n import text
from autotrain_ui.ui.strings import lang_of, t


def chat_choices(registry) -> list[tuple[str, str]]:
    """Finished jobs whose model can chat (a reward model scores, it does not write)."""
    done = [(j, registry.settings(j).get("trainer")) for j in registry.list_jobs() if j["status"] == "succeeded"]
    return [(f"{j['name']} ({trainer})", j["id"]) for j, trainer in done if trainers_catalog.chats(trainer)]


def job_picker(registry, user: str | None, current: str | None = None, newest_before: str | None = None):
    """-> (the picker: the finished jobs `user` may see, and the one picked; the newest of them). The newest finished
    job is picked when nothing is, or when it finished since the picker was last filled (`newest_before`): a job
    that just finished is the one a visitor comes to chat with. Otherwise the visitor's own pick stays."""
    finished = {j["id"]: j["finished"] or 0 for j in access.visible_jobs(registry.list_jobs(), user)}
    choices = [c for c in chat_choices(registry) if c[1] in finished]
    newest = max((c[1] for c in choices), key=finished.get, default=None)
    keep = any(c[1] == current for c in choices) and newest == newest_before
    return gr.update(choices=choices, value=current if keep else newest), newest


def _content(message) -> str:
    content = message["content"] if isinstance(message, dict) else message
    if isinstance(content, list):  # the browser may send content as parts
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return str(content or "")


def _conversation(history: list) -> list[dict]:
    return [{"role": m["role"], "content": _content(m)} for m in history if m.get("role") in ("user", "assistant")]


def respond(registry, job_id, message, tuned, base, compare, temperature, max_new_tokens, lang: str = "en"):
    """Stream the tuned model's reply, then (when asked) the base model's, into their chat windows; the notes in
    the visitor's language (a model's own error stays as the library said it)."""
    tuned, base = list(tuned or []), list(base or [])
    if not job_id:
        yield tuned, base, message, text("page.chat_pick_job", lang)
        return
    if not (message or "").strip():
        yield tuned, base, message, ""
        return
    job = registry.get(job_id)
    where = chat.placement(registry).message(lang)  # the CPU while a job trains on this machine's GPU
    try:
        yield tuned, base, "", f"{text('page.chat_loading', lang)}\n\n{where}"
        loaded, placed = chat.load_for(registry, registry.project(job))
        where = placed.message(lang)
    except chat.ChatError as exc:
        yield tuned, base, message, text("page.chat_cannot_load", lang, error=exc)
        return
    sides = [(tuned, False)] + ([(base, True)] if compare else [])
    problems = []
    for history, as_base in sides:
        history.append({"role": "user", "content": message})
        conversation = _conversation(history)
        history.append({"role": "assistant", "content": ""})
        try:
            for reply in chat.stream(loaded, conversation, base=as_base, max_new_tokens=int(max_new_tokens),
                                    temperature=float(temperature)):
                history[-1] = {"role": "assistant", "content": reply}
                yield tuned, base, "", where
        except Exception as exc:  # one side failing must not take the other side's answer with it
            history.pop()
            problems.append(text("page.chat_side_failed", lang, side=text("page.chat_side_base" if as_base else "page.chat_side_tuned",
                                                                      lang), error=f"{type(exc).__name__}: {exc}"))
            print(f"chat: {problems[-1]}", flush=True)
    yield tuned, base, "", "\n\n".join([*problems, where])


def build() -> dict:
    c = {}
    with gr.Row():
        c["job"] = gr.Dropdown(label=t("page.chat_job"), info=t("page.chat_job_info"), choices=[], elem_id="chat-job",
                               scale=3)
        c["compare"] = gr.Checkbox(label=t("page.compare"), value=True, elem_id="chat-compare")
        c["temperature"] = gr.Slider(0.0, 1.5, value=0.0, step=0.05, label=t("page.temperature"))
        c["max_new_tokens"] = gr.Slider(16, 1024, value=200, step=16, label=t("page.max_new_tokens"))
    with gr.Row():
        c["tuned"] = gr.Chatbot(label=t("page.chat_tuned"), elem_id="chat-tuned", height=380)
        c["base"] = gr.Chatbot(label=t("page.chat_base"), elem_id="chat-base", height=380)
    # one line that grows: Enter sends, as in any chat (a box of two lines or more takes Enter as a new line)
    c["message"] = gr.Textbox(label=t("page.chat_message"), elem_id="chat-message", lines=1, max_lines=6)
    with gr.Row():
        c["send"] = gr.Button(t("page.send"), variant="primary", elem_id="chat-send")
        c["clear"] = gr.Button(t("page.clear"))
    c["note"] = gr.Markdown(elem_id="chat-note")
    return c


def wire(c: dict, registry, tab=None) -> None:
    """Send (or Enter) streams the replies, Clear and picking another job empty both chats; showing `tab` (this
    tab's gr.Tab) fills the job picker with the finished jobs the visitor may see."""
    inputs = [c["job"], c["message"], c["tuned"], c["base"], c["compare"], c["temperature"], c["max_new_tokens"]]
    outputs = [c["tuned"], c["base"], c["message"], c["note"]]

    def on_send(profile: gr.OAuthProfile | None, request: gr.Request, job_id, message, tuned, base, *values):
        lang = lang_of(request)
        refused = job_for(registry, profile, job_id, lang=lang)[1] if job_id else ""
        if refused:  # not this visitor's job: answered as no job at all
            yield tuned, base, message, refused
            return
        yield from respond(registry, job_id, message, tuned, base, *values, lang=lang)

    for trigger in (c["send"].click, c["message"].submit):
        trigger(on_send, inputs, outputs, api_visibility="private", concurrency_limit=1,
                concurrency_id="chat", show_progress="full")  # one model at work; the others see their place
    c["clear"].click(lambda: ([], [], ""), None, [c["tuned"], c["base"], c["note"]], api_visibility="private")
    c["job"].change(lambda: ([], [], ""), None, [c["tuned"], c["base"], c["note"]], api_visibility="private")

    seen = gr.State(None)  # the newest finished job when the picker was last filled

    def chat_jobs(profile: gr.OAuthProfile | None, current, newest_before):
        return job_picker(registry, access.username_of(profile), current, newest_before)

    if tab is not None:
        tab.select(chat_jobs, [c["job"], seen], [c["job"], seen], api_visibility="private")
