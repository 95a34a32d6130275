"""The hardware panel: pick a Space flavour, see whether the form's job fits on it and roughly how long it takes,
move this Space to it (the owner only), and choose to drop back to CPU basic when the queue is empty.

The text comes from pure functions (`flavour_choices`, `fit_markdown`, `move_space`, `set_drop`), so it is
tested without a browser; `build()` makes the components and `wire()` connects them to the training form.
"""

import os
from pathlib import Path
from typing import Callable, Mapping

import gradio as gr

from autotrain_ui import access, hardware
from autotrain_ui.ui import fmt
from autotrain_ui.ui.strings import t

LOCAL = "local"              # the picker's value for "this machine" outside a Space
DEFAULT_ROWS = 1000          # assumed when no data file is uploaded yet
ESTIMATE_FIELDS = ("model", "peft", "quantization", "block_size", "batch_size", "epochs", "trainer",
                   "model_max_length", "disable_gradient_checkpointing")


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def flavour_label(f: hardware.Flavour, current: bool = False) -> str:
    """"Nvidia A10G large - 24 GB GPU - about $1.50/hour (current)"."""
    if f.is_gpu:
        memory = f"{f.gpus}x {f.gpu_memory_gb:g} GB GPU" if f.gpus > 1 else f"{f.gpu_memory_gb:g} GB GPU"
    else:
        memory = f"no GPU, {f.ram_gb:g} GB RAM"
    price = "free" if f.price_per_hour == 0 else f"about ${f.price_per_hour:.2f}/hour"
    return f"{f.label} - {memory} - {price}" + (" (current)" if current else "")


def flavour_choices(current: str | None, local: hardware.Flavour | None = None) -> list[tuple[str, str]]:
    """(label, flavour name) for the dropdown: every Space flavour, the current one marked "(current)". Outside a
    Space pass `local` (hardware.local_flavour()): "This machine" comes first and is the current one."""
    choices = []
    if local is not None:
        gpu = f"{local.gpus}x {local.gpu} {local.gpu_memory_gb:.0f} GB" if local.is_gpu else "no GPU"
        choices.append((f"This machine - {gpu} - {local.vcpus} CPU cores (current)", LOCAL))
    return choices + [(flavour_label(f, f.name == current), f.name) for f in hardware.FLAVOURS]


def _int(value, default: int) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def fit_markdown(model: str, flavour_name: str | hardware.Flavour, *, peft: bool = False,
                 quantization: str | None = None, block_size=-1, batch_size=2, rows=None, epochs=1,
                 trainer: str = "default", model_max_length=1024, disable_gradient_checkpointing: bool = False,
                 short: bool = False) -> str:
    """Whether the form's job fits on a flavour, how long it takes and what it costs, with the assumptions.
    short: the first two sentences only (fits, time and cost), for the line next to the Train button."""
    if not model:
        return "Choose a model to see whether it fits."
    quantization = None if quantization in (None, "", "None") else quantization
    method = hardware.method_for(bool(peft), quantization)
    block = _int(block_size, -1)
    seq_len = min(_int(model_max_length, 1024), 1024) if block in (-1, 0) else block
    n_rows = _int(rows, 0)
    kw = dict(trainer=trainer or "default", disable_gradient_checkpointing=bool(disable_gradient_checkpointing))
    args = (model, method, seq_len, max(_int(batch_size, 2), 1), n_rows or DEFAULT_ROWS, max(_int(epochs, 1), 1))
    target = flavour_name if isinstance(flavour_name, hardware.Flavour) else hardware.flavour(flavour_name)
    est = hardware.estimate(*args, target, **kw)
    name = target.label if target.name != LOCAL else "this machine"
    where = (f"one {target.gpu} has {fmt.gb(target.gpu_memory_gb)}" if target.is_gpu else
             f"it has {fmt.gb(target.ram_gb)} RAM")
    how = {"full": "full fine-tune", "lora": "LoRA", "qlora": "QLoRA (int4)", "qlora8": "QLoRA (int8)"}[method]
    if est["fits"]:
        head = f"**Fits on {name}** ({how}): about {fmt.gb(est['memory_gb'])} needed, {where}."
    else:
        head = f"**Does not fit on {name}** ({how}): about {fmt.gb(est['memory_gb'])} needed, {where}."
        if est["reasons"]:
            head += " " + "; ".join(r[0].upper() + r[1:] for r in est["reasons"]) + "."
    cost = ("free" if target.price_per_hour == 0 else
            f"about ${est['cost_usd']:.2f} at ${target.price_per_hour:.2f}/hour")
    lines = [head, f"**Roughly {_duration(est['minutes'])}** ({cost})."]
    if short:
        return " ".join(lines)
    lines.append(f"Gradient checkpointing {est['checkpointing_reason']}; the run decides the same way when it "
                 "starts, from the memory free then (train.log says what it chose).")
    if not est["fits"]:
        fitting = [e for e in hardware.estimate_all(*args, **kw) if e["fits"]]
        if fitting:
            best = min(fitting, key=lambda e: (hardware.BY_NAME[e["flavour"]].price_per_hour, e["minutes"]))
            f = hardware.BY_NAME[best["flavour"]]
            lines.append(f"Cheapest hardware it fits on: **{f.label}** ({flavour_label(f).split(' - ', 1)[1]}, "
                         f"roughly {_duration(best['minutes'])}).")
        else:
            lines.append("It fits on none of the Space flavours like this (each GPU holds a whole copy of the model).")
        if method == "full":
            lines.append("Turning on LoRA, with int4 quantization on a GPU, needs far less memory.")
        elif _int(batch_size, 2) > 1:
            lines.append("A smaller batch size or block size also needs less memory.")
    if not n_rows:
        lines.append(f"_No data file yet: {fmt.count(DEFAULT_ROWS, 'row')} assumed._")
    lines.append(f"<small>Assumptions: {est['assumptions']}</small>")
    return "\n\n".join(lines)


def _duration(minutes: float) -> str:
    return fmt.duration(minutes * 60, rough=True)


def count_rows(path) -> int | None:
    """About how many rows a data file has (lines for CSV/JSONL, Parquet's own count), for the estimate only."""
    if not path:
        return None
    path = Path(path if isinstance(path, (str, os.PathLike)) else getattr(path, "name", path))
    try:
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if suffix == ".json":
            import json

            data = json.loads(path.read_text(encoding="utf-8-sig"))
            return len(data) if isinstance(data, list) else None
        with open(path, "rb") as fh:
            lines = sum(1 for line in fh if line.strip())
        return max(lines - (1 if suffix in (".csv", ".tsv", ".txt") else 0), 0)
    except (OSError, ValueError, ImportError):
        return None


# ---------------------------------------------------------------- actions (gated)

def _allowed(user: str | None, env) -> str:
    """Empty when this user may change the Space's hardware; else why not."""
    owner = access.space_owner(env) or "its owner"
    if access.can_train(user, env) and access.is_owner(user, env):
        return ""
    who = f"you are signed in as {user}" if user else "you are not signed in"
    return (f"Only the owner of this Space ({owner}), signed in, may change its hardware: it is billed to their "
            f"account. Here {who}.")


def _persistent(registry) -> bool:
    root = Path(registry.root).resolve()
    return root == Path("/data") or Path("/data") in root.parents


def move_space(user: str | None, flavour_name: str, token: str | None, registry,
               env: Mapping[str, str] | None = None) -> str:
    """Ask the Hub to move this Space to a flavour (the owner only); the message says what happens next."""
    env = _env(env)
    space_id = env.get("SPACE_ID")
    if not space_id:
        return "This app is not running on a Space: it trains on this machine's own hardware."
    refusal = _allowed(user, env)
    if refusal:
        return refusal
    if not flavour_name or flavour_name == LOCAL:
        return "Choose the hardware to move to."
    target = hardware.flavour(flavour_name)
    busy = [j for j in registry.list_jobs() if j["status"] in ("starting", "running")]
    if busy:
        return (f"Job {busy[0]['name']} is running: moving restarts the Space and would interrupt it. Wait until it "
                "ends, or cancel it first (Resume continues an interrupted job from its last checkpoint).")
    try:
        runtime = hardware.space_runtime(space_id, token) if token else {}
    except hardware.HardwareError:
        runtime = {}
    if runtime.get("current") == target.name and runtime.get("requested") in (None, target.name):
        return f"**{space_id} is already on {target.label}.**"
    try:
        hardware.request_hardware(space_id, target.name, token)
    except hardware.HardwareError as exc:
        return f"**Not moved.** {exc}"
    queued = sum(1 for j in registry.list_jobs() if j["status"] == "queued")
    owner = space_id.split("/")[0]
    price = ("free" if target.price_per_hour == 0 else
             f"about ${target.price_per_hour:.2f}/hour, billed to {owner} while it runs there")
    lines = [f"**Moving {space_id} to {target.label}** ({price}). The Space restarts now: this page loses its "
             "connection for a few minutes, then reload it.",
             (f"The {queued} queued job(s) start by themselves when it is back." if queued else
              "Jobs you queue, and jobs sent with `--backend spaces-...`, start by themselves when it is back.")]
    if target.price_per_hour and not hardware.drop_when_idle(registry.root):
        lines.append("Billing goes on until you move it back: tick \"Drop back to CPU basic when the queue is empty\" "
                     "to have that done for you.")
    if not _persistent(registry):
        lines.append("**Warning:** this Space has no persistent storage (/data): queued jobs and finished projects "
                     "are lost in the restart. Push results to the Hub first, or add storage in the Space settings.")
    return "\n\n".join(lines)


def set_drop(user: str | None, on: bool, registry, env: Mapping[str, str] | None = None) -> str:
    """Save the owner's "drop back to CPU basic when the queue is empty" choice; the message says what it does."""
    env = _env(env)
    if not access.on_space(env):
        return "Dropping back to CPU basic only applies on a Space; this machine's hardware stays as it is."
    refusal = _allowed(user, env)
    if refusal:
        return refusal
    hardware.set_drop_when_idle(registry.root, bool(on))
    if on:
        return ("When no job is queued or running for a few minutes, this Space moves back to CPU basic (free) "
                "and the GPU's billing stops. The Space restarts when it does.")
    return "The Space stays on its hardware when the queue is empty (billing goes on until you move it)."


# ---------------------------------------------------------------- components

def build(env: Mapping[str, str] | None = None) -> dict:
    env = _env(env)
    c = {}
    on_space = access.on_space(env)
    hw = hardware.current_hardware(env, token=env.get("HF_TOKEN") or None)
    current = hw.flavour if on_space else LOCAL
    choices = flavour_choices(hw.flavour, None if on_space else hardware.local_flavour(hw))
    with gr.Accordion(t("hw_title"), open=True, elem_id="hardware-panel"):
        with gr.Row():
            c["flavour"] = gr.Dropdown(label=t("hw_flavour"), choices=choices, elem_id="hardware-flavour",
                                       value=current if current in [v for _, v in choices] else "cpu-basic")
            c["rows"] = gr.Number(label=t("hw_rows"), value=None, precision=0, minimum=0, elem_id="hardware-rows")
        c["fit"] = gr.Markdown(elem_id="hardware-fit")
        with gr.Row():
            c["move"] = gr.Button(_move_label(current), visible=on_space, elem_id="hardware-move")
            c["drop"] = gr.Checkbox(label=t("hw_drop"), value=False, visible=on_space, elem_id="hardware-drop")
        c["status"] = gr.Markdown(elem_id="hardware-status")
    return c


def _move_label(flavour_name: str | None) -> str:
    f = hardware.BY_NAME.get(flavour_name or "")
    return f"Move this Space to {f.label}" if f else "Move this Space"


def _user(profile, request) -> str | None:
    user = access.username_of(profile)
    if user is None and request is not None and hasattr(access, "user_from_request"):
        user = access.user_from_request(request)
    return user


def wire(c: dict, fields: dict, registry, get_token: Callable, data_file=None, summary=None) -> None:
    """Connect the panel to the training form (`fields`: LLMParams field name -> component) and, when given,
    to the data file component (its rows feed the estimate) and to `summary`, the short fit/time/cost line next
    to the Train button. get_token(oauth_token_or_request) -> token|None."""
    names = [n for n in ESTIMATE_FIELDS if n in fields]
    outputs = [c["fit"]] + ([summary] if summary is not None else [])

    def estimate(flavour_name, rows, *values):
        v = dict(zip(names, values))
        target = hardware.local_flavour() if flavour_name in (None, LOCAL) else flavour_name
        kw = dict(peft=v.get("peft", False), quantization=v.get("quantization"), block_size=v.get("block_size", -1),
                  batch_size=v.get("batch_size", 2), rows=rows, epochs=v.get("epochs", 1),
                  trainer=v.get("trainer", "default"), model_max_length=v.get("model_max_length", 1024),
                  disable_gradient_checkpointing=bool(v.get("disable_gradient_checkpointing")))
        try:
            texts = [fit_markdown(v.get("model"), target, **kw)]
            if summary is not None:
                texts.append(fit_markdown(v.get("model"), target, short=True, **kw))
        except (KeyError, ValueError) as exc:
            texts = [f"No estimate: {exc}"] * len(outputs)
        return texts if summary is not None else texts[0]

    inputs = [c["flavour"], c["rows"], *[fields[n] for n in names]]
    for comp in inputs:
        comp.change(estimate, inputs, outputs, api_visibility="private", show_progress="hidden")
    c["flavour"].change(lambda f: gr.update(value=_move_label(f)), c["flavour"], c["move"], api_visibility="private")
    if data_file is not None:
        data_file.change(count_rows, data_file, c["rows"], api_visibility="private")

    def on_move(flavour_name, profile: gr.OAuthProfile | None, oauth: gr.OAuthToken | None,
                request: gr.Request = None):
        token = get_token(oauth if oauth is not None else request)
        return move_space(_user(profile, request), flavour_name, token, registry)

    c["move"].click(on_move, c["flavour"], c["status"], api_visibility="private")

    def on_drop(on, profile: gr.OAuthProfile | None, request: gr.Request = None):
        message = set_drop(_user(profile, request), on, registry)
        return message, gr.update(value=hardware.drop_when_idle(registry.root))

    c["drop"].input(on_drop, c["drop"], [c["status"], c["drop"]], api_visibility="private")

    def on_load(flavour_name, rows, *values):
        texts = estimate(flavour_name, rows, *values)
        return [*(texts if summary is not None else [texts]), gr.update(value=hardware.drop_when_idle(registry.root))]

    root = gr.context.Context.root_block
    if root is not None:
        root.load(on_load, inputs, [*outputs, c["drop"]], api_visibility="private")
