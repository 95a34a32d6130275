"""The hardware panel: pick a Space flavour, see whether the form's job fits on it and roughly how long it takes,
move this Space to it (the owner only), and choose to drop back to CPU basic when the queue is empty.

The text comes from pure functions (`flavour_choices`, `fit_markdown`, `move_space`, `set_drop`), so it is
tested without a browser; `build()` makes the components and `wire()` connects them to the training form. Each
takes `lang` (the visitor's language, strings.lang_of(request)); the handlers pass the request's.
"""

import os
from pathlib import Path
from typing import Callable, Mapping

import gradio as gr

from autotrain_ui import access, fit, hardware
from autotrain_ui.core import estimate as run_model
from autotrain_ui.hub import space_hardware
from autotrain_ui.ui import fmt, limits
from autotrain_ui.ui.follow import follow
from autotrain_ui.core.i18n import render, text
from autotrain_ui.ui.strings import lang_of, t

LOCAL = "local"              # the picker's value for "this machine" outside a Space
DEFAULT_ROWS = 1000          # assumed when no data file is uploaded yet
ESTIMATE_FIELDS = ("model", "peft", "quantization", "block_size", "batch_size", "epochs", "trainer",
                   "model_max_length", "disable_gradient_checkpointing", "distributed_backend", "valid_percent",
                   "sample_rows", "max_steps", "gradient_accumulation")


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def _memory(f: hardware.Flavour, lang: str) -> str:
    if f.is_gpu:
        return text("page.fl_gpus", lang, gpus=f.gpus, memory=f.gpu_memory_gb) if f.gpus > 1 else \
            text("page.fl_gpu", lang, memory=f.gpu_memory_gb)
    return text("page.fl_cpu", lang, ram=f.ram_gb)


def flavour_label(f: hardware.Flavour, current: bool = False, lang: str = "en") -> str:
    """"Nvidia A10G large - 24 GB GPU - about $1.50/hour (current)"."""
    price = text("page.fl_free", lang) if f.price_per_hour == 0 else text("page.fl_price", lang, price=f.price_per_hour)
    return text("page.fl_label", lang, label=f.label, memory=_memory(f, lang), price=price,
                current=text("page.fl_current", lang) if current else "")


def flavour_choices(current: str | None, local: hardware.Flavour | None = None,
                    lang: str = "en") -> list[tuple[str, str]]:
    """(label, flavour name) for the dropdown: every Space flavour, the current one marked "(current)". Outside a
    Space pass `local` (hardware.local_flavour()): "This machine" comes first and is the current one."""
    choices = []
    if local is not None:
        gpu = text("page.fl_local_gpu", lang, gpus=local.gpus, gpu=local.gpu, memory=local.gpu_memory_gb) \
            if local.is_gpu else text("page.fl_no_gpu", lang)
        choices.append((text("page.fl_local", lang, gpu=gpu, cpus=local.vcpus), LOCAL))
    return choices + [(flavour_label(f, f.name == current, lang), f.name) for f in hardware.FLAVOURS]


def _int(value, default: int) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def form_args(model: str, *, peft: bool = False, quantization: str | None = None, block_size=-1, batch_size=2,
              rows=None, epochs=1, trainer: str = "default", model_max_length=1024,
              disable_gradient_checkpointing: bool = False, distributed_backend: str | None = None,
              tokens_per_row: float | None = None, valid_percent=0, sample_rows=0, max_steps=-1,
              gradient_accumulation=1) -> tuple[tuple, dict]:
    """The form's values (as its components hold them) as `fit.estimate()`'s arguments: (args without the
    flavour, keywords)."""
    quantization = None if quantization in (None, "", "None") else quantization
    block = _int(block_size, -1)
    seq_len = min(_int(model_max_length, 1024), 1024) if block in (-1, 0) else block
    kw = dict(trainer=trainer or "default", disable_gradient_checkpointing=bool(disable_gradient_checkpointing),
              distributed_backend=None if distributed_backend in (None, "", "None") else distributed_backend,
              tokens_per_row=tokens_per_row, valid_percent=_float(valid_percent), sample_rows=max(_int(sample_rows, 0), 0),
              max_steps=_int(max_steps, -1), accumulation=max(_int(gradient_accumulation, 1), 1))
    args = (model, fit.method_for(bool(peft), quantization), seq_len, max(_int(batch_size, 2), 1),
            _int(rows, 0) or DEFAULT_ROWS, max(_int(epochs, 1), 1))
    return args, kw


def _float(value) -> float:
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return 0.0


def fit_markdown(model: str, flavour_name: str | hardware.Flavour, *, short: bool = False, lang: str = "en",
                 file_given: bool = False, **form) -> str:
    """Whether the form's job fits on a flavour, how long it takes and what it costs, with the assumptions, in
    `lang`. `form`: form_args()'s keywords (rows: the current data's, None when there is no file yet). short: the
    first two sentences only (fits, time and cost), for the line next to the Train button. file_given: a data file is
    there, though no rows could be counted in it (empty, or not a table)."""
    if not model:
        return text("page.hw_choose_model", lang)
    args, kw = form_args(model, **form)
    method, n_rows = args[1], _int(form.get("rows"), 0)
    target = flavour_name if isinstance(flavour_name, hardware.Flavour) else hardware.flavour(flavour_name)
    est = fit.estimate(*args, target, **kw)
    name = target.label if target.name != LOCAL else text("page.hw_this_machine", lang)
    where = (text("page.hw_where_gpu", lang, gpu=target.gpu, memory=fmt.gb(target.gpu_memory_gb)) if target.is_gpu else
             text("page.hw_where_ram", lang, memory=fmt.gb(target.ram_gb)))
    how = text(f"page.method_{method}", lang)
    head = text("page.hw_fits" if est["fits"] else "page.hw_no_fit", lang, name=name, how=how, need=fmt.gb(est["memory_gb"]),
                where=where)
    if not est["fits"] and est["reason_parts"]:
        reasons = [render(r, lang) for r in est["reason_parts"]]
        head += " " + "; ".join(r[0].upper() + r[1:] for r in reasons) + "."
    cost = (text("page.hw_free", lang) if target.price_per_hour == 0 else
            text("page.hw_cost", lang, cost=est["cost_usd"], price=target.price_per_hour))
    lines = [head, text("page.hw_time", lang, time=_duration(est["minutes"], lang), cost=cost)]
    if short:
        return " ".join(lines)
    lines.append(text("page.hw_checkpointing", lang, why=render(est["checkpointing_part"], lang)))
    if not est["fits"]:
        fitting = [e for e in fit.estimate_all(*args, **kw) if e["fits"]]
        if fitting:
            best = min(fitting, key=lambda e: (e["minutes"] > run_model.HOURS_LIMIT * 60,  # within the limit first
                                               hardware.BY_NAME[e["flavour"]].price_per_hour, e["minutes"]))
            f = hardware.BY_NAME[best["flavour"]]
            lines.append(text("page.hw_cheapest", lang, label=f.label,
                              details=flavour_label(f, lang=lang).split(" - ", 1)[1],
                              time=_duration(best["minutes"], lang)))
        else:
            lines.append(text("page.hw_fits_nowhere", lang))
        if method == "full":
            lines.append(text("page.hw_try_lora", lang))
        elif args[3] > 1:
            lines.append(text("page.hw_try_smaller", lang))
    if not n_rows:
        lines.append(text("page.hw_rows_unread" if file_given else "page.hw_rows_assumed", lang,
                          rows=fmt.count(DEFAULT_ROWS, "row", lang=lang)))
    if not est["shape_known"]:
        lines.append(text("page.hw_unknown_model", lang, model=model))
    lines.append(text("page.hw_assumptions", lang, text=fit.assumptions_text(est, lang)))
    return "\n\n".join(lines)


def _duration(minutes: float, lang: str = "en") -> str:
    return fmt.duration(minutes * 60, rough=True, lang=lang)


def count_rows(path) -> int | None:
    """About how many rows a data file has (lines for CSV/JSONL, Parquet's own count), for the estimate only."""
    return run_model.data_figures(path)[0]


# ---------------------------------------------------------------- actions (gated)

def _allowed(user: str | None, env, lang: str = "en") -> str:
    """Empty when this user may change the Space's hardware; else why not."""
    owner = access.space_owner(env) or text("page.hw_its_owner", lang)
    if access.can_train(user, env) and access.is_owner(user, env):
        return ""
    who = text("page.hw_signed_in_as", lang, user=user) if user else text("page.hw_not_signed_in", lang)
    return text("page.hw_owner_only", lang, owner=owner, who=who)


def _persistent(registry) -> bool:
    root = Path(registry.root).resolve()
    return root == Path("/data") or Path("/data") in root.parents


def move_space(user: str | None, flavour_name: str, token: str | None, registry,
               env: Mapping[str, str] | None = None, lang: str = "en") -> str:
    """Ask the Hub to move this Space to a flavour (the owner only); the message says what happens next, or why the
    Hub refused, in `lang`."""
    env = _env(env)
    space_id = env.get("SPACE_ID")
    if not space_id:
        return text("page.hw_not_space", lang)
    refusal = _allowed(user, env, lang)
    if refusal:
        return refusal
    if not flavour_name or flavour_name == LOCAL:
        return text("page.hw_choose", lang)
    target = hardware.flavour(flavour_name)
    busy = [j for j in registry.list_jobs() if j["status"] in ("starting", "running")]
    if busy:
        return text("page.hw_busy", lang, name=busy[0]["name"])
    try:
        runtime = hardware.space_runtime(space_id, token) if token else {}
    except hardware.HardwareError:
        runtime = {}
    if runtime.get("current") == target.name and runtime.get("requested") in (None, target.name):
        return text("page.hw_already", lang, space=space_id, label=target.label)
    try:
        space_hardware.request_hardware(space_id, target.name, token)
    except hardware.HardwareError as exc:
        return text("page.hw_not_moved", lang, error=exc.args[0])
    queued = sum(1 for j in registry.list_jobs() if j["status"] == "queued")
    owner = space_id.split("/")[0]
    price = (text("page.hw_free", lang) if target.price_per_hour == 0 else
             text("page.hw_price_billed", lang, price=target.price_per_hour, owner=owner))
    lines = [text("page.hw_moving", lang, space=space_id, label=target.label, price=price),
             text("page.hw_queued_start", lang, n=queued) if queued else text("page.hw_jobs_start", lang)]
    if target.price_per_hour and not space_hardware.drop_when_idle(registry.root):
        lines.append(text("page.hw_billing_goes_on", lang, drop=text("page.hw_drop", lang)))
    if not _persistent(registry):
        lines.append(text("page.hw_no_storage", lang))
    return "\n\n".join(lines)


def set_drop(user: str | None, on: bool, registry, env: Mapping[str, str] | None = None, lang: str = "en") -> str:
    """Save the owner's "drop back to CPU basic when the queue is empty" choice; the message says what it does."""
    env = _env(env)
    if not access.on_space(env):
        return text("page.hw_drop_not_space", lang)
    refusal = _allowed(user, env, lang)
    if refusal:
        return refusal
    space_hardware.set_drop_when_idle(registry.root, bool(on))
    return text("page.hw_drop_on" if on else "page.hw_drop_off", lang)


# ---------------------------------------------------------------- components

def build(env: Mapping[str, str] | None = None) -> dict:
    env = _env(env)
    c = {}
    on_space = access.on_space(env)
    hw = hardware.current_hardware(env, token=env.get("HF_TOKEN") or None)
    current = hw.flavour if on_space else LOCAL
    local = None if on_space else hardware.local_flavour(hw)
    choices = flavour_choices(hw.flavour, local)
    c["choices_of"] = (hw.flavour, local)  # not a component: what the picker's labels are made from, per language
    with gr.Accordion(t("page.hw_title"), open=True, elem_id="hardware-panel"):
        with gr.Row():
            c["flavour"] = gr.Dropdown(label=t("page.hw_flavour"), choices=choices, elem_id="hardware-flavour",
                                       value=current if current in [v for _, v in choices] else "cpu-basic")
            c["rows"] = gr.Number(label=t("page.hw_rows"), value=None, precision=0, minimum=0, elem_id="hardware-rows")
            c["limit_hours"] = gr.Number(label=t("page.hw_limit_hours"), value=run_model.HOURS_LIMIT, minimum=0,
                                         elem_id="hardware-limit-hours")
            c["cost_limit"] = gr.Number(label=t("page.hw_cost_limit"), value=None, minimum=0, elem_id="hardware-cost-limit")
        c["fit"] = gr.Markdown(elem_id="hardware-fit")
        with gr.Row():
            c["move"] = gr.Button(_move_label(current), visible=on_space, elem_id="hardware-move")
            c["drop"] = gr.Checkbox(label=t("page.hw_drop"), value=False, visible=on_space, elem_id="hardware-drop")
        c["status"] = gr.Markdown(elem_id="hardware-status")
    return c


def _move_label(flavour_name: str | None, lang: str = "en") -> str:
    f = hardware.BY_NAME.get(flavour_name or "")
    return text("page.hw_move_to", lang, label=f.label) if f else text("page.hw_move", lang)


def _user(profile, request) -> str | None:
    user = access.username_of(profile)
    if user is None and request is not None and hasattr(access, "user_from_request"):
        user = access.user_from_request(request)
    return user


def estimate_texts(v: dict, flavour_name, rows, path, lang: str, hours=None, cost_cap=None, limits_on: bool = False):
    """[the panel's text, the line next to Train, (with limits_on) the over-limit notice's outputs] for the form's
    values `v`. Rows and tokens per row come from the current data file whenever there is one (the rows box shows
    them; it is read only without a file), so the estimate never lags behind an upload."""
    target = hardware.local_flavour() if flavour_name in (None, LOCAL) else hardware.flavour(flavour_name)
    file_rows, per_row = run_model.data_figures(path)
    kw = {n: v[n] for n in ESTIMATE_FIELDS if n in v and n != "model"}
    kw.update(rows=file_rows if path else rows, tokens_per_row=per_row)
    try:
        texts = [fit_markdown(v.get("model"), target, lang=lang, file_given=bool(path), **kw),
                 fit_markdown(v.get("model"), target, short=True, lang=lang, **kw)]
        found = limits.offers(*form_args(v.get("model"), **kw), target, hours, cost_cap) if limits_on and v.get("model") \
            else None
    except (KeyError, ValueError) as exc:
        texts, found = [text("page.hw_no_estimate", lang, error=exc)] * 2, None
    return texts + (limits.outputs(found, lang) if limits_on else [])


def wire(c: dict, fields: dict, registry, get_token: Callable, data_file=None, summary=None,
         near_train: dict | None = None) -> None:
    """Connect the panel to the training form (`fields`: LLMParams field name -> component) and, when given,
    to the data file component (its rows and length feed the estimate), to `summary`, the short fit/time/cost line
    next to the Train button, and to `near_train` (limits.build(): the over-limit notice and its offers).
    get_token(oauth_token_or_request) -> token|None."""
    names = [n for n in ESTIMATE_FIELDS if n in fields]
    extra = [data_file] if data_file is not None else []
    limit_outputs = [near_train[k] for k in ("notice", "steps", "sample", "flavour", "state")] if near_train else []
    outputs = [c["fit"]] + ([summary] if summary is not None else []) + limit_outputs

    def estimate(request: gr.Request, flavour_name, rows, hours, cost_cap, *values):
        path = values[0] if extra else None
        texts = estimate_texts(dict(zip(names, values[len(extra):])), flavour_name, rows, path, lang_of(request),
                               hours, cost_cap, limits_on=bool(near_train))
        return [texts[0]] + ([texts[1]] if summary is not None else []) + texts[2:] if len(outputs) > 1 else texts[0]

    inputs = [c["flavour"], c["rows"], c["limit_hours"], c["cost_limit"], *extra, *[fields[n] for n in names]]
    follow(estimate, inputs, outputs, on_load=True, show_progress="hidden")  # in the visitor's language from the start
    if near_train:
        limits.wire(near_train, fields, c["flavour"])
    def on_flavour(request: gr.Request, flavour_name):
        return gr.update(value=_move_label(flavour_name, lang_of(request)))

    c["flavour"].change(on_flavour, c["flavour"], c["move"], api_visibility="private")
    if data_file is not None:
        data_file.change(count_rows, data_file, c["rows"], api_visibility="private")

    def on_move(flavour_name, profile: gr.OAuthProfile | None, oauth: gr.OAuthToken | None,
                request: gr.Request = None):
        token = get_token(oauth if oauth is not None else request)
        return move_space(_user(profile, request), flavour_name, token, registry, lang=lang_of(request))

    c["move"].click(on_move, c["flavour"], c["status"], api_visibility="private")

    def on_drop(on, profile: gr.OAuthProfile | None, request: gr.Request = None):
        message = set_drop(_user(profile, request), on, registry, lang=lang_of(request))
        return message, gr.update(value=space_hardware.drop_when_idle(registry.root))

    c["drop"].input(on_drop, c["drop"], [c["status"], c["drop"]], api_visibility="private")

    current, local = c.get("choices_of", (None, None))

    def on_load(request: gr.Request, flavour_name):
        """The picker's labels and the move button in the visitor's language (they are built once, in English, and
        the browser translates only keyed labels)."""
        lang = lang_of(request)
        return [gr.update(value=space_hardware.drop_when_idle(registry.root)),
                gr.update(choices=flavour_choices(current, local, lang)),
                gr.update(value=_move_label(flavour_name, lang))]

    gr.context.Context.root_block.load(on_load, c["flavour"], [c["drop"], c["flavour"], c["move"]],
                                       api_visibility="private")
