"""The fast path shared by the default and SFT trainers: padding-free packing and a chunked loss.

Packing: the rows of a mini-batch are laid end to end in one sequence with position ids that restart at 0
for each row and no attention mask; transformers then builds a block-diagonal causal mask from the
position ids, so no row attends across a boundary and no compute is spent on padding.

Chunked loss: the language-model head is applied only to the positions that carry a label, a chunk at a
time, with each chunk's gradients computed right away (fused: no logits kept or recomputed for backward), so
the full-vocabulary float32 logits of every token are never held in memory at once. The result is the same
mean token cross-entropy the model computes itself.

Attention runs per packed row on a CPU (`trainers.speed.packed_rows`).

All of this is for the families autotrain_ui/core/families.py has checked; its `plan()` says, for each model, whether the fast
path is used (and which logit transform its head needs) or the model's own forward on padded rows.
"""

from __future__ import annotations

import contextlib

import torch
import torch.nn.functional as F
from transformers import Trainer

from trainers.dist import cpu_fsdp_wanted, sharded_engine
from autotrain_ui.core.families import LogitTransform, Plan, plan as family_plan, step_aside
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


class PaddedCollator:
    """Rows {"input_ids", "labels"} -> one right-padded batch with an attention mask, for the model's own forward
    (families the fast path has not checked): labels as the model takes them (it shifts them itself), shift_labels
    only to count the tokens that carry the loss."""

    def __init__(self, pad_id: int = 0):
        self.pad_id = pad_id

    def __call__(self, rows: list[dict]) -> dict:
        width = max(len(r["input_ids"]) for r in rows)
        ids, mask, labels, shifted = [], [], [], []
        for r in rows:
            n = len(r["input_ids"])
            pad = width - n
            ids.append(list(r["input_ids"]) + [self.pad_id] * pad)
            mask.append([1] * n + [0] * pad)
            labels.append(list(r["labels"]) + [-100] * pad)
            shifted.append(list(r["labels"][1:]) + [-100] * (pad + 1))
        return {"input_ids": torch.tensor(ids), "attention_mask": torch.tensor(mask), "labels": torch.tensor(labels),
                "shift_labels": torch.tensor(shifted), "real_tokens": torch.tensor(sum(len(r["input_ids"]) for r in rows))}


def collator_for(plan: Plan, max_tokens: int, pad_id: int = 0):
    return PackedCollator(max_tokens, pad_id) if plan.fast else PaddedCollator(pad_id)


def _head(z: torch.Tensor, t: LogitTransform):
    """The family's head applied to float32 logits z, in the model's own order (x scale, / divide, softcap), and
    d(logits)/dz for the backward: None (identity), a number, or a tensor (softcapping)."""
    if not t:
        return z, None
    factor = 1.0
    if t.scale is not None:
        z, factor = z * t.scale, factor * t.scale
    if t.divide is not None:
        z, factor = z / t.divide, factor / t.divide
    if t.softcap is None:
        return z, factor
    s = torch.tanh(z / t.softcap)
    logits = s * t.softcap
    return logits, s.mul_(s).neg_().add_(1.0).mul_(factor)      # (1 - tanh^2) x the scale before it


def _ce_chunk(hidden: torch.Tensor, weight: torch.Tensor, labels: torch.Tensor,
              transform: LogitTransform = LogitTransform()) -> torch.Tensor:
    logits, _ = _head((hidden @ weight.t().to(hidden.dtype)).float(), transform)
    return F.cross_entropy(logits, labels, reduction="sum")


class _FusedCrossEntropy(torch.autograd.Function):
    """Summed cross-entropy whose gradients are computed in the forward pass, a chunk of logits at a time: the
    softmax of a chunk is already at hand there, so nothing is saved for backward but the two gradients, and
    the logits are never recomputed (a checkpointed chunk costs one more head matmul and softmax)."""

    @staticmethod
    def forward(ctx, hidden, weight, labels, transform):
        w = weight.to(hidden.dtype)
        # float16 (T4 class) gradients stay float32 here: they are not loss-scaled until backward
        grad_dtype = torch.float32 if hidden.dtype == torch.float16 else hidden.dtype
        grad_hidden = torch.empty(hidden.shape, dtype=grad_dtype, device=hidden.device)
        grad_weight = torch.zeros(weight.shape, dtype=torch.float32, device=weight.device) \
            if ctx.needs_input_grad[1] else None
        total = torch.zeros((), dtype=torch.float32, device=hidden.device)
        for start in range(0, hidden.shape[0], LOSS_CHUNK):
            h, y = hidden[start:start + LOSS_CHUNK], labels[start:start + LOSS_CHUNK]
            logits, dlogits = _head((h @ w.t()).float(), transform)
            log_probs = torch.log_softmax(logits, dim=-1)
            del logits
            total -= log_probs.gather(1, y[:, None]).sum()
            grad_logits = log_probs.exp_()                                  # the softmax, in place
            grad_logits[torch.arange(len(y), device=y.device), y] -= 1.0
            if dlogits is not None:                                         # through the family's head
                grad_logits.mul_(dlogits)
            del dlogits
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
        return gh, gw, None, None


def chunked_cross_entropy(hidden: torch.Tensor, weight: torch.Tensor, labels: torch.Tensor,
                          transform: LogitTransform = LogitTransform()) -> torch.Tensor:
    """Summed cross-entropy of `labels` under logits head(hidden @ weight.T), a chunk at a time, where head is the
    family's own transform (autotrain_ui/core/families.py: softcapping, logit scaling)."""
    if torch.is_grad_enabled() and (hidden.requires_grad or weight.requires_grad):
        return _FusedCrossEntropy.apply(hidden, weight, labels, transform)
    total = hidden.new_zeros((), dtype=torch.float32)
    for start in range(0, hidden.shape[0], LOSS_CHUNK):
        total = total + _ce_chunk(hidden[start:start + LOSS_CHUNK], weight, labels[start:start + LOSS_CHUNK],
                                  transform)
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
    loss over the token count of the whole (accumulated) batch.

    `plan` (autotrain_ui/core/families.py) says whether this model may take that path; when it may not, the same row loop
    runs the model's own forward and loss on padded rows."""

    loss_is_scaled_for_ga = True  # compute_loss below divides by the token count of the whole accumulated batch

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan or family_plan(self.model, self.args.device.type)

    def create_accelerator_and_postprocess(self):
        """accelerate runs FSDP on accelerators only: asked for on a CPU (several gloo processes), it would run them
        as DDP. Made FSDP here (torch's FSDP2 runs on gloo), so a CPU machine checks what the GPUs will run."""
        super().create_accelerator_and_postprocess()
        if cpu_fsdp_wanted(self.accelerator):
            from accelerate import PartialState
            from accelerate.utils import DistributedType, FullyShardedDataParallelPlugin

            state = self.accelerator.state
            state.fsdp_plugin = FullyShardedDataParallelPlugin()   # from the launcher's FSDP_* variables
            state.distributed_type = PartialState().distributed_type = DistributedType.FSDP
            self.is_fsdp_enabled = True

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

    def _attention(self):
        return packed_rows() if self.plan.per_row_attention else contextlib.nullcontext()

    def training_step(self, model, inputs, num_items_in_batch=None):
        with self._attention():
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
        keys = [k for k in ("input_ids", "position_ids", "attention_mask", "labels", "shift_labels") if k in inputs]
        for i in range(rows):
            row = {key: inputs[key][i:i + 1] for key in keys}
            if not (row["shift_labels"] != -100).any():
                continue
            if "attention_mask" in row:  # a padded row: its own tokens only (right padding, so nothing moves)
                n = int(row["attention_mask"].sum())
                row = {key: value[:, :n] for key, value in row.items()}
            with self.compute_loss_context_manager():
                loss = self.compute_loss(model, row, num_items_in_batch=num_items_in_batch)
            self.accelerator.backward(loss)
            total += loss.detach()
        return total

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs.pop("shift_labels")
        inputs.pop("real_tokens", None)
        if not self.plan.fast:  # the model's own forward and loss (a token mean), back to a sum of token losses
            count_here = (labels != -100).sum()
            with self.accelerator.autocast():  # as accelerate's wrapper of model.forward would (a no-op inside it)
                out = model(**inputs, use_cache=False)
            loss = out.loss * count_here if count_here else out.logits.sum() * 0.0
        else:
            decoder, head = _decoder_and_head(model)
            loss = self._fast_loss(model, decoder, head, inputs, labels)
        count = num_items_in_batch if num_items_in_batch is not None else (labels != -100).sum()
        loss = loss / count
        if self.args.average_tokens_across_devices and num_items_in_batch is not None:
            loss = loss * self.accelerator.num_processes
        return (loss, None) if return_outputs else loss

    def _fast_loss(self, model, decoder, head, inputs, labels):
        if decoder is None:  # under DDP: through the wrapper's forward (the family's own head), logits only where a label is
            flat = labels.reshape(-1)
            keep = (flat != -100).nonzero().squeeze(-1)
            rows, width = labels.shape
            logits = model(**inputs, use_cache=False).logits.reshape(rows * width, -1)[keep]
            return F.cross_entropy(logits.float(), flat[keep], reduction="sum")
        # calling the decoder directly bypasses accelerate's autocast wrapper on model.forward: enter it here
        with self.accelerator.autocast():
            hidden = decoder(**inputs, use_cache=False).last_hidden_state
            keep = labels != -100
            return chunked_cross_entropy(hidden[keep], head.weight, labels[keep], self.plan.transform)

    def prediction_step(self, model, inputs, prediction_loss_only, ignore_keys=None):
        inputs = self._prepare_inputs(inputs)
        with torch.no_grad(), self._attention(), self.compute_loss_context_manager():
            labels = inputs["shift_labels"]
            loss = self.compute_loss(model, dict(inputs), num_items_in_batch=(labels != -100).sum())
        return loss.detach(), None, None


def build_trainer(model, args, train_ds, eval_ds, block_size: int, pad_id: int) -> CausalLMTrainer:
    """The default and SFT trainers' Trainer: the family's plan decides the collator (packed or padded rows). Under
    an engine that shards the weights (FSDP, ZeRO-3) the fast path steps aside: it runs the decoder and the head
    apart, outside the wrapper that gathers their shards, and was not proven there."""
    device = "cuda" if torch.cuda.is_available() and not args.use_cpu else "cpu"
    engine = sharded_engine()
    plan = family_plan(model, device) if engine is None else step_aside(
        f"{engine} shards the weights across processes: the fast path (decoder and head run apart, outside the "
        "engine's wrapper) was not proven there, so the model's own forward and loss run, on padded rows", model)
    return CausalLMTrainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                           data_collator=collator_for(plan, block_size, pad_id), plan=plan)
