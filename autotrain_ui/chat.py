"""Talk to a finished project: the tuned model, and the base model it started from, on the same prompt.

An adapter is applied on the base without merging, so one copy of the weights answers both ways: the base
reply is the same model with the adapter switched off. A full (or merged) fine-tune loads the base beside it,
only when a comparison is asked for. One project is loaded at a time; loading another frees the previous one.

One GPU, shared on purpose: while a training job is starting or running on this machine (the registry says so), the
chat loads on the CPU, slower, and takes none of the job's GPU memory; a model the chat holds on the GPU is let go
before a job launches (`leave_gpu`, the registry's before-launch hook). `placement()` decides and says which.

The prompt is built the way the run saw its data: the tokenizer's chat template when the run used one, else the
turn markers of the training rows ("human: ... \\n bot: ..." gives "human: PROMPT \\n bot:"), else the text as is.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from autotrain_ui.core import trainers_catalog
from autotrain_ui.core.i18n import message, part, render
from autotrain_ui.core.params import LLMParams

TURNS = re.compile(r"^\s*(\w[\w ]{0,20}?):\s*.+?(\s*(?:\\n|\n)\s*)(\w[\w ]{0,20}?):\s*\S", re.S)


class ChatError(Exception):
    """This project cannot chat (yet); the message says why."""


@dataclass
class Placement:
    """Where the chat runs now, and the sentence that says so (a messages part)."""
    device: str
    note: dict

    def message(self, lang: str = "en") -> str:
        return render(self.note, lang)


def placement(registry=None) -> Placement:
    """The GPU when this machine has one and no job of `registry` is starting or running on it; else the CPU."""
    if _device() != "cuda":
        return Placement("cpu", part("chat.device_cpu"))
    job = registry.training_here() if registry is not None else None
    if job is not None:
        return Placement("cpu", part("chat.device_shared", name=job["name"]))
    return Placement("cuda", part("chat.device_gpu"))


@dataclass
class Loaded:
    project: Path
    params: LLMParams
    tokenizer: object
    model: object                 # the tuned model (a PeftModel when the run trained an adapter)
    device: str = "cpu"           # where its weights are ("cuda" or "cpu")
    yield_cpu: bool = False       # write replies in a thread below the app's quick answers and training (the app)
    training: object = None       # () -> whether a job trains on this machine now (the app: one CPU thread then)
    base: object | None = None    # the base model, for a full fine-tune, loaded when first compared
    turns: tuple[str, str, str] | None = None   # (user marker, separator, bot marker) for runs without a template

    @property
    def is_adapter(self) -> bool:
        return hasattr(self.model, "disable_adapter")


_lock = threading.RLock()       # loading and freeing models
_generating = threading.Lock()  # one generation at a time (the adapter switch is shared state). A plain Lock: a
                                # streaming generator may be resumed, and finish, in another thread than it began in
_current: Loaded | None = None


def _device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _load_causal(path: str, tokenizer, device: str):
    import torch
    from transformers import AutoModelForCausalLM

    from autotrain_ui.core.gpu import half_dtype

    dtype = half_dtype() if device == "cuda" else torch.float32  # bf16 from compute capability 8.0, else fp16
    model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype)
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer))  # tokens the run added for its chat template
    return model.to(device).eval()


def turn_markers(project: Path, params: LLMParams) -> tuple[str, str, str] | None:
    """The 'user: ... <sep> bot:' pattern of the first training row, when the rows are written that way."""
    from autotrain_ui.core.data import prepare

    files = sorted((project / "data").glob(f"{params.train_split}.*"))
    if not files:
        return None
    try:
        rows, _ = prepare(files[0], params.trainer, text_column=params.text_column)
    except Exception:  # unreadable now: chat without markers rather than not at all
        return None
    first = next((r.get("text") for r in rows[:20] if isinstance(r.get("text"), str)), None)
    match = TURNS.match(first or "")
    return (match.group(1), match.group(2), match.group(3)) if match else None


def load_for(registry, project: str | Path) -> tuple[Loaded, Placement]:
    """The app's load: where `placement` says, in a low-priority thread (priority.heavy), its replies likewise."""
    from autotrain_ui import priority

    placed = placement(registry)
    loaded = priority.heavy(load, project, device=placed.device)
    loaded.yield_cpu = True
    loaded.training = lambda: registry.training_here() is not None
    return loaded, placed


def load(project: str | Path, device: str | None = None) -> Loaded:
    """The project's model on `device` (default: the GPU when there is one), loaded once; loading another project,
    or the same one on another device, frees this one."""
    global _current
    project = Path(project).resolve()
    device = device or _device()
    with _lock:
        if _current is not None and _current.project == project and _current.device == device:
            return _current
        release()
        config, model_dir = project / "config.json", project / "model"
        if not config.exists():
            raise ChatError(message("chat.not_a_project", project=str(project)))
        params = LLMParams.load(config)
        if not trainers_catalog.chats(params.trainer):
            raise ChatError(message("chat.reward_model", chatting=trainers_catalog.chatting()))
        if not (model_dir / "config.json").exists() and not (model_dir / "adapter_config.json").exists():
            raise ChatError(message("chat.not_trained", name=project.name))
        from transformers import AutoTokenizer

        from autotrain_ui.core.models import model_path

        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        if (model_dir / "adapter_config.json").exists():
            from peft import PeftModel

            base = _load_causal(model_path(params.model), tokenizer, device)
            model = PeftModel.from_pretrained(base, model_dir).eval()
        else:
            model = _load_causal(str(model_dir), tokenizer, device)
        turns = None if params.template != "none" else turn_markers(project, params)
        _current = Loaded(project, params, tokenizer, model, device=device, turns=turns)
        return _current


def release() -> None:
    """Free the loaded project's weights (CPU and GPU memory)."""
    global _current
    with _lock:
        _current = None
        gc.collect()
        try:
            import torch

            if torch.cuda.is_available():
                torch.cuda.empty_cache()
        except ImportError:
            pass


def leave_gpu() -> None:
    """Free the chat's model when it is on the GPU (a job is about to start there); a reply being written finishes
    first, since it holds its own reference."""
    with _lock:
        if _current is not None and _current.device == "cuda":
            release()


def render_prompt(loaded: Loaded, messages: list[dict]) -> tuple[str, bool]:
    """(prompt text, whether it already holds the special tokens) for a conversation ending with the user."""
    tok = loaded.tokenizer
    if loaded.params.template != "none" and getattr(tok, "chat_template", None):
        from autotrain_ui.core.templates import fit_roles  # a template without a system role (Gemma): folded, as in training

        return tok.apply_chat_template(fit_roles(tok, messages), tokenize=False, add_generation_prompt=True), True
    if loaded.turns:
        user, sep, bot = loaded.turns
        parts = [f"{user if m['role'] == 'user' else bot}: {m['content']}" for m in messages if m["role"] != "system"]
        return sep.join(parts) + f"{sep}{bot}:", False
    return "\n".join(m["content"] for m in messages), False


def _model_for(loaded: Loaded, base: bool):
    if not base or loaded.is_adapter:
        return loaded.model
    if loaded.base is None:
        from autotrain_ui.core.models import model_path

        loaded.base = _load_causal(model_path(loaded.params.model), loaded.tokenizer, loaded.device)
    return loaded.base


def stream(loaded: Loaded, messages: list[dict], *, base: bool = False, max_new_tokens: int = 128,
           temperature: float = 0.0) -> Iterator[str]:
    """The reply, growing: yields the text so far after each new piece. base=True answers as the base model."""
    import torch
    from transformers import TextIteratorStreamer

    prompt, templated = render_prompt(loaded, messages)
    tok = loaded.tokenizer
    inputs = tok(prompt, return_tensors="pt", add_special_tokens=not templated).to(loaded.device)
    streamer = TextIteratorStreamer(tok, skip_prompt=True, skip_special_tokens=True)
    sampling = {"do_sample": True, "temperature": float(temperature)} if temperature > 0 else {"do_sample": False}
    stops = [t for t in {tok.eos_token_id, tok.convert_tokens_to_ids("<|im_end|>")} if isinstance(t, int) and t >= 0]
    failure: list[BaseException] = []

    def generate():
        if loaded.yield_cpu:
            from autotrain_ui import priority

            priority.lower_this_thread()  # and torch's threads, which this thread starts
        model = _model_for(loaded, base)
        switch = model.disable_adapter() if base and loaded.is_adapter else contextlib.nullcontext()
        try:
            with switch, torch.no_grad():
                model.generate(**inputs, streamer=streamer, max_new_tokens=int(max_new_tokens), eos_token_id=stops,
                               pad_token_id=tok.pad_token_id if tok.pad_token_id is not None else stops[0], **sampling)
        except BaseException as exc:  # surfaced to the caller below, after the streamer is closed
            failure.append(exc)
            streamer.end()

    with _generating, _cpu_share(loaded):
        worker = threading.Thread(target=generate, daemon=True)
        worker.start()
        text = ""
        try:
            for piece in streamer:
                text += piece
                yield _cut_turn(loaded, text)
        finally:  # also when the page goes away mid-reply: the next generation starts after this one ended
            worker.join()
    if failure:
        raise failure[0]


@contextlib.contextmanager
def _cpu_share(loaded: Loaded):
    """On the CPU, a reply is written with half the cores (at least one), and with one while a job trains on this
    machine: the trainer keeps the rest, and the one thread is the reply's own, at its low priority (torch's worker
    threads would not be). torch's thread count is the process's; it is put back when the reply is done."""
    import torch

    if loaded.device != "cpu":
        yield
        return
    before = torch.get_num_threads()
    training = loaded.training() if callable(loaded.training) else False
    torch.set_num_threads(1 if training else max(1, (os.cpu_count() or 2) // 2))
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _cut_turn(loaded: Loaded, text: str) -> str:
    """Without a chat template a model may write the next user turn itself: keep its own turn only."""
    if loaded.turns:
        user, sep, _ = loaded.turns
        for marker in (f"{sep}{user}:", f"{sep.strip()} {user}:", f"\n{user}:"):
            if marker.strip() and marker in text:
                text = text.split(marker)[0]
    return text.strip()


def reply(project: str | Path, prompt: str, *, base: bool = False, **kwargs) -> str:
    text = ""
    for text in stream(load(project), [{"role": "user", "content": prompt}], base=base, **kwargs):
        pass
    return text


def inference_main(params: LLMParams, out=None) -> int:
    """`autotrain llm --inference --project-name DIR --prompt "..." [--compare]`: print the reply (and the base's)."""
    import sys

    out = out or sys.stdout
    if not params.prompt:
        print('error: --inference needs --prompt "your message".', file=sys.stderr)
        return 2
    try:
        loaded = load(Path(params.project_name))
    except ChatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    messages = [{"role": "user", "content": params.prompt}]
    for label, base in [("tuned", False)] + ([("base", True)] if params.compare else []):
        text = ""
        for text in stream(loaded, messages, base=base, max_new_tokens=params.max_new_tokens,
                           temperature=params.temperature):
            pass
        if params.compare:
            print(f"--- {label} model ({loaded.params.model if base else loaded.project.name}):", file=out)
        print(text, file=out, flush=True)
    return 0
