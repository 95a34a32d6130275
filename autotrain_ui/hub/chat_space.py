"""The chat Space's app.py: a small Gradio chat with one fine-tuned model. `autotrain llm --deploy` and the Runs
view's Deploy button (autotrain_ui/hub/deploy.py) upload this file as the Space's app.py, with MODEL_ID below set to
the model repo; the app itself imports nothing of this project.

The model repo carries its tokenizer, and with it the chat template the model was trained with, so a conversation
is rendered here exactly as in training (a model trained on plain text gets the turns as plain lines). A LoRA
adapter repo is loaded on its base model (peft reads the base from adapter_config.json). The model repo is private
by default: the Space reads it with its HF_TOKEN secret.
"""

import os
import threading

import gradio as gr
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, TextIteratorStreamer

from autotrain_ui.core.gpu import half_dtype  # hub/deploy.py writes that function's own source here: the app stands alone

MODEL_ID = os.environ.get("MODEL_ID") or "HuggingFaceTB/SmolLM2-135M-Instruct"  # deploy.py writes the repo id here
TITLE = os.environ.get("TITLE") or MODEL_ID
MAX_NEW_TOKENS = int(os.environ.get("MAX_NEW_TOKENS") or 256)


def _is_adapter(model_id: str, token) -> bool:
    if os.path.isdir(model_id):
        return os.path.exists(os.path.join(model_id, "adapter_config.json"))
    from huggingface_hub import file_exists

    return file_exists(model_id, "adapter_config.json", token=token)


class Chat:
    """The model and its tokenizer, loaded once; reply() answers a conversation."""

    def __init__(self, model_id: str = MODEL_ID, token=None):
        token = token or os.environ.get("HF_TOKEN") or None
        self.tokenizer = AutoTokenizer.from_pretrained(model_id, token=token)
        dtype = half_dtype()  # bfloat16 from compute capability 8.0 on, float16 on a T4 (no native bfloat16)
        if _is_adapter(model_id, token):
            from peft import AutoPeftModelForCausalLM  # resizes the base's embeddings to the adapter's tokenizer

            model = AutoPeftModelForCausalLM.from_pretrained(model_id, token=token, dtype=dtype)
        else:
            model = AutoModelForCausalLM.from_pretrained(model_id, token=token, dtype=dtype)
        self.model = model.to("cuda" if torch.cuda.is_available() else "cpu").eval()
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

    def inputs(self, message: str, history: list) -> dict:
        """The conversation so far and the new message as the model's input ids."""
        turns = [{"role": m["role"], "content": _text(m["content"])} for m in history or []
                 if m.get("role") in ("user", "assistant", "system")]
        turns.append({"role": "user", "content": _text(message)})
        if getattr(self.tokenizer, "chat_template", None):
            ids = self.tokenizer.apply_chat_template(turns, add_generation_prompt=True, return_tensors="pt",
                                                     return_dict=True)
        else:  # trained on plain text: the turns as lines of text
            ids = self.tokenizer("\n".join(t["content"] for t in turns) + "\n", return_tensors="pt")
        return {k: v.to(self.model.device) for k, v in ids.items()}

    def stream(self, message: str, history: list, max_new_tokens: int = MAX_NEW_TOKENS):
        """The answer as it is written, piece by piece (greedy: the same question gets the same answer)."""
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        kwargs = dict(**self.inputs(message, history), streamer=streamer, max_new_tokens=max_new_tokens,
                      do_sample=False, pad_token_id=self.tokenizer.pad_token_id)
        writer = threading.Thread(target=self.model.generate, kwargs=kwargs, daemon=True)
        writer.start()
        answer = ""
        for piece in streamer:
            answer += piece
            yield answer
        writer.join()   # generate ends right after its last piece: a process that exits now must not abort in it

    def reply(self, message: str, history: list, max_new_tokens: int = MAX_NEW_TOKENS) -> str:
        answer = ""
        for answer in self.stream(message, history, max_new_tokens):
            pass
        return answer.strip()


def _text(content) -> str:
    """A message's text, whether Gradio hands it as a string or as content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, (list, tuple)):
        return "".join(_text(part) for part in content)
    return "" if content is None else str(content)


def build(chat: Chat) -> gr.ChatInterface:
    return gr.ChatInterface(chat.stream, title=TITLE, description=f"A chat with [{MODEL_ID}]"
                            f"(https://huggingface.co/{MODEL_ID}), fine-tuned with AutoTrain UI.")


if __name__ == "__main__":
    build(Chat()).launch()
