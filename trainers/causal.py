"""The fast path shared by the default and SFT trainers: padding-free packing and a chunked loss.

Packing: the rows of a mini-batch are laid end to end in one sequence with position ids that restart at 0
for each row and no attention mask; transformers then builds a block-diagonal causal mask from the
position ids, so no row attends across a boundary and no compute is spent on padding.

Chunked loss: the language-model head is applied only to the positions that carry a label, a chunk at a
time, with each chunk's gradients computed right away (fused: no logits kept or recomputed for backward), so
the full-vocabulary float32 logits of every token are never held in memory at once. The result is the same
mean token cross-entropy the model computes itself.

Attention runs per packed row on a CPU (`trainers.speed.packed_rows`).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from transformers import Trainer

from trainers.speed import packed_rows

LOSS_CHUNK = 1024  # tokens per chunk of logits: 1024 x 49k vocab x 4 bytes = 200 MB at most


class PackedCollator:
    """Rows {"input_ids", "labels"} -> packed rows of at most `max_tokens` tokens each (first-fit, longest rows
    first), with position_ids restarting at every original row, shift_labels (the label of the next token, -100
    where the next token belongs to another row) and real_tokens (how many are not padding). Packing into rows
    of the block size, not one row for the whole batch, keeps attention quadratic in the block, not the batch."""

    def __init__(self, max_tokens: int, pad_id: int = 0):
        self.max_tokens, self.pad_id = max_tokens, pad_id

    def __call__(self, rows: list[dict]) -> dict:
        bins: list[list[dict]] = []
        for row in sorted(rows, key=lambda r: len(r["input_ids"]), reverse=True):
            n = len(row["input_ids"])
            target = next((b for b in bins if sum(len(r["input_ids"]) for r in b) + n <= self.max_tokens), None)
            if target is None:
                bins.append([row])
            else:
                target.append(row)
        width = max(sum(len(r["input_ids"]) for r in b) for b in bins)
        input_ids, position_ids, shift_labels = [], [], []
        for b in bins:
            ids, pos, labels = [], [], []
            for row in b:
                ids += row["input_ids"]
                pos += range(len(row["input_ids"]))
                labels += list(row["labels"][1:]) + [-100]
            pad = width - len(ids)
            input_ids.append(ids + [self.pad_id] * pad)
            position_ids.append(pos + list(range(pad)))  # padding is a sequence of its own, after every real token
            shift_labels.append(labels + [-100] * pad)
        return {"input_ids": torch.tensor(input_ids), "position_ids": torch.tensor(position_ids),
                "shift_labels": torch.tensor(shift_labels),
                "real_tokens": torch.tensor(sum(len(r["input_ids"]) for r in rows))}


def _ce_chunk(hidden: torch.Tensor, weight: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    logits = (hidden @ weight.t().to(hidden.dtype)).float()
    return F.cross_entropy(logits, labels, reduction="sum")


class _FusedCrossEntropy(torch.autograd.Function):
    """Summed cross-entropy whose gradients are computed in the forward pass, a chunk of logits at a time: the
    softmax of a chunk is already at hand there, so nothing is saved for backward but the two gradients, and
    the logits are never recomputed (a checkpointed chunk costs one more head matmul and softmax)."""

    @staticmethod
    def forward(ctx, hidden, weight, labels):
        w = weight.to(hidden.dtype)
        # float16 (T4 class) gradients stay float32 here: they are not loss-scaled until backward
        grad_dtype = torch.float32 if hidden.dtype == torch.float16 else hidden.dtype
        grad_hidden = torch.empty(hidden.shape, dtype=grad_dtype, device=hidden.device)
        grad_weight = torch.zeros(weight.shape, dtype=torch.float32, device=weight.device) \
            if ctx.needs_input_grad[1] else None
        total = torch.zeros((), dtype=torch.float32, device=hidden.device)
        for start in range(0, hidden.shape[0], LOSS_CHUNK):
            h, y = hidden[start:start + LOSS_CHUNK], labels[start:start + LOSS_CHUNK]
            log_probs = torch.log_softmax((h @ w.t()).float(), dim=-1)
            total -= log_probs.gather(1, y[:, None]).sum()
            grad_logits = log_probs.exp_()                                  # the softmax, in place
            grad_logits[torch.arange(len(y), device=y.device), y] -= 1.0
            grad_logits = grad_logits.to(grad_dtype)
            grad_hidden[start:start + LOSS_CHUNK] = grad_logits @ w.to(grad_dtype)
            if grad_weight is not None:
                grad_weight += (grad_logits.t() @ h.to(grad_dtype)).float()
        ctx.save_for_backward(grad_hidden, grad_weight)
        ctx.weight_dtype, ctx.hidden_dtype = weight.dtype, hidden.dtype
        return total

    @staticmethod
    def backward(ctx, grad_total):
        grad_hidden, grad_weight = ctx.saved_tensors
        gh = (grad_hidden * grad_total).to(ctx.hidden_dtype) if ctx.needs_input_grad[0] else None
        gw = (grad_weight * grad_total).to(ctx.weight_dtype) if grad_weight is not None else None
        return gh, gw, None


def chunked_cross_entropy(hidden: torch.Tensor, weight: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Summed cross-entropy of `labels` under logits hidden @ weight.T, a chunk at a time."""
    if torch.is_grad_enabled() and (hidden.requires_grad or weight.requires_grad):
        return _FusedCrossEntropy.apply(hidden, weight, labels)
    total = hidden.new_zeros((), dtype=torch.float32)
    for start in range(0, hidden.shape[0], LOSS_CHUNK):
        total = total + _ce_chunk(hidden[start:start + LOSS_CHUNK], weight, labels[start:start + LOSS_CHUNK])
    return total


def _decoder_and_head(model):
    """The decoder stack and the LM head, to run separately; (None, None) under DDP (its gradient hooks need the
    wrapper's own forward) or when the model cannot be split that way."""
    if isinstance(model, torch.nn.parallel.DistributedDataParallel):
        return None, None
    inner = model
    if hasattr(inner, "get_base_model"):                          # PEFT: LoRA layers live inside the base modules
        inner = inner.get_base_model()
    get_decoder = getattr(inner, "get_decoder", None)
    decoder = get_decoder() if get_decoder else None
    head = inner.get_output_embeddings()
    if decoder is None or decoder is inner or head is None or getattr(head, "bias", None) is not None:
        return None, None
    return decoder, head


class CausalLMTrainer(Trainer):
    """A Trainer whose loss is computed by chunked_cross_entropy over the labelled positions only, on a CPU one
    packed row at a time: each row's backward runs before the next row's forward, so activations are held for one
    block of tokens, never for the whole batch. The gradients are the same: each row's loss is its summed token
    loss over the token count of the whole (accumulated) batch."""

    loss_is_scaled_for_ga = True  # compute_loss below divides by the token count of the whole accumulated batch

    def get_batch_samples(self, epoch_iterator, num_batches, device):
        """The micro-batches of one optimizer step and their labelled-token count, summed over the accumulated
        micro-batches and over every process. Trainer counts only batches that carry "labels", and ours carry
        shift_labels: without this, each micro-batch (and each process) would divide by its own count, so gradient
        accumulation would multiply the gradient and processes would weigh their rows unequally."""
        batches, count = super().get_batch_samples(epoch_iterator, num_batches, device)
        if count is None and batches and "shift_labels" in batches[0]:
            count = sum((b["shift_labels"] != -100).sum() for b in batches).to(device)
            if self.args.average_tokens_across_devices and self.args.world_size > 1:
                count = self.accelerator.gather(count).sum()
        return batches, count

    def training_step(self, model, inputs, num_items_in_batch=None):
        with packed_rows():
            return self._training_step(model, inputs, num_items_in_batch)

    def _training_step(self, model, inputs, num_items_in_batch=None):
        rows = inputs["input_ids"].shape[0]
        # On a GPU the whole batch goes through in one pass: one 512-token row at a time leaves it waiting on
        # kernel launches. The row loop is for CPU memory.
        if rows == 1 or self.args.device.type == "cuda" or self.is_deepspeed_enabled or self.is_fsdp_enabled \
                or isinstance(model, torch.nn.parallel.DistributedDataParallel):
            return super().training_step(model, inputs, num_items_in_batch)
        model.train()
        inputs = self._prepare_inputs(inputs)
        if num_items_in_batch is None:
            num_items_in_batch = (inputs["shift_labels"] != -100).sum()
        total = torch.zeros((), device=inputs["input_ids"].device)
        for i in range(rows):
            row = {key: inputs[key][i:i + 1] for key in ("input_ids", "position_ids", "shift_labels")}
            if not (row["shift_labels"] != -100).any():
                continue
            with self.compute_loss_context_manager():
                loss = self.compute_loss(model, row, num_items_in_batch=num_items_in_batch)
            self.accelerator.backward(loss)
            total += loss.detach()
        return total

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        decoder, head = _decoder_and_head(model)
        labels = inputs.pop("shift_labels")
        inputs.pop("real_tokens", None)
        if decoder is None:  # through the model's own forward, logits only where a label is
            flat = labels.reshape(-1)
            keep = (flat != -100).nonzero().squeeze(-1)
            rows, width = labels.shape
            logits = model(**inputs, use_cache=False).logits.reshape(rows * width, -1)[keep]
            loss = F.cross_entropy(logits.float(), flat[keep], reduction="sum")
        else:  # calling the decoder directly bypasses accelerate's autocast wrapper on model.forward: enter it here
            with self.accelerator.autocast():
                hidden = decoder(**inputs, use_cache=False).last_hidden_state
                keep = labels != -100
                loss = chunked_cross_entropy(hidden[keep], head.weight, labels[keep])
        count = num_items_in_batch if num_items_in_batch is not None else (labels != -100).sum()
        loss = loss / count
        if self.args.average_tokens_across_devices and num_items_in_batch is not None:
            loss = loss * self.accelerator.num_processes
        return (loss, None) if return_outputs else loss

    def prediction_step(self, model, inputs, prediction_loss_only, ignore_keys=None):
        inputs = self._prepare_inputs(inputs)
        with torch.no_grad(), packed_rows(), self.compute_loss_context_manager():
            labels = inputs["shift_labels"]
            loss = self.compute_loss(model, dict(inputs), num_items_in_batch=(labels != -100).sum())
        return loss.detach(), None, None
