"""The web app: assembles the page from the tabs in ui/ (each builds its components, then wires them to the job
registry), adds the API scripts drive with gradio_client (ui/api.py), and `main()` launches it."""

from __future__ import annotations

import argparse
import os
import sys

import gradio as gr
from starlette.middleware import Middleware

from autotrain_ui import access, chat, hub
from autotrain_ui.hub import space_jobs
from autotrain_ui.jobs import Registry
from autotrain_ui.job_errors import RegistryError
from autotrain_ui.ui import api, chat_tab, data_tab, hardware_panel, live, runs_actions, runs_tab, served, train_tab
from autotrain_ui.ui.strings import I18N, t


def build(registry: Registry) -> gr.Blocks:
    """The page: the tabs built in order, then wired (the wiring of one tab may fill another's components)."""
    with gr.Blocks(title="AutoTrain UI") as demo:
        gr.Markdown(t("title"))
        gr.Markdown(t("intro"))
        if access.on_space():
            gr.LoginButton()
        banner = gr.Markdown(elem_id="access-banner")
        with gr.Tabs() as tabs:
            with gr.Tab(t("tab_data"), id="data"):
                d = data_tab.build()
            with gr.Tab(t("tab_train"), id="train"):
                tr, hw = train_tab.build(hardware_panel.build)
            with gr.Tab(t("tab_runs"), id="runs") as runs_tab_item:
                r = runs_tab.build()
            with gr.Tab(t("tab_chat"), id="chat") as chat_tab_item:
                ch = chat_tab.build()
        fields = tr["fields"]
        hardware_panel.wire(hw, fields, registry, lambda oauth: hub.resolve_token(None, oauth), data_file=d["file"],
                            summary=tr["fit_summary"], near_train=tr["limits"])
        # data: inspect on upload, fill the mapping and the settings fitted to the file, show what is learned;
        # removing the file (its x) takes its report, preview and mapping with it
        refresh_data = data_tab.wire(d, fields)
        # train: the command line and settings export/import kept current with every input; Train opens the job
        # in Runs
        train_tab.wire(tr, d, registry, job_picker=r["job"], tabs=tabs)
        # runs: a live view that re-attaches on every load, and the buttons that act on the chosen job
        runs_tab.wire(r, registry, tab=runs_tab_item, banner=banner)
        runs_actions.wire(r, registry)
        runs_actions.wire_again(r, registry, train=tr, data=d, tabs=tabs, refresh_data=refresh_data)
        # chat with a finished job
        chat_tab.wire(ch, registry, tab=chat_tab_item)
        # the API for scripts (gradio_client)
        api.wire(registry)
    return demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autotrain app", description="Start the web app.")
    parser.add_argument("--host", default=None, help="default 127.0.0.1 (0.0.0.0 on a Space)")
    parser.add_argument("--port", type=int, default=None,
                        help="default $GRADIO_SERVER_PORT, else $PORT, else 7860 (the one port, not the next free one)")
    parser.add_argument("--projects", default=None, help="projects folder (default: $AUTOTRAIN_HOME, /data/autotrain "
                                                         "or ./autotrain_projects)")
    parser.add_argument("--max-upload", default=os.environ.get("AUTOTRAIN_MAX_UPLOAD", "2gb"),
                        help="largest data file the page accepts, such as 500mb or 2gb (default: $AUTOTRAIN_MAX_UPLOAD "
                             "or 2gb); a bigger upload is refused with a message saying the limit")
    args = parser.parse_args(argv)
    try:
        port = args.port if args.port is not None else access.server_port()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        registry = Registry(args.projects)
    except RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    registry.before_launch.append(chat.leave_gpu)  # a job never starts beside the chat's model on the GPU
    registry.start()
    space_jobs.adopt_pending(registry)      # jobs sent by `autotrain llm --backend spaces-*`
    space_jobs.watch_space(registry)        # on a Space: adopt late arrivals, drop to CPU when idle (if chosen)
    demo = build(registry)
    host = args.host or access.server_name()
    # served.FileGuard: a job's files only for those who may see the job (inside the session middleware a Space's
    # Sign-in adds, so it knows the visitor)
    app, _, _ = demo.queue(default_concurrency_limit=8).launch(
        server_name=host, server_port=port, i18n=I18N, show_error=True, max_file_size=args.max_upload,
        js=live.POLL_JS, prevent_thread_lock=True, app_kwargs={"middleware": [Middleware(served.FileGuard)]})
    live.add_route(app, registry)
    api.add_status_route(app, registry)   # /status as plain JSON, same guard: cheap to poll
    demo.block_thread()
    return 0
