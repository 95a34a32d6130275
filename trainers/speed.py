"""Three CPU-time savings that change no result, installed on a model before training on a CPU (`install`):

- LoRA dropout by drawing only the dropped positions. torch's dropout draws one random number per input
  element (~2 ns each on a CPU, 18% of a LoRA step on 2 cores). The positions of a Bernoulli(p) process are
  the running sums of Geometric(p) gaps, so drawing ~p*n gaps gives exactly the same distribution of masks
  from about p times as many random numbers (`SparseDropout`).
- LoRA input kept in the compute dtype. peft casts a LoRA layer's input to the adapter's float32 before the
  dropout, and autocast casts it straight back to bfloat16 for the matmul: two full copies per layer, for
  nothing. Under autocast the cast is now skipped, so the dropout runs on the bfloat16 input the matmul uses.
- Attention per packed row on a CPU. A packed block of 512 tokens holds several rows; SDPA with the
  block-diagonal mask computes every 512 x 512 score and masks most of them away. Inside `packed_rows()`,
  attention runs on each row's own span instead (causal, with the layer's sliding window when it has one): the
  same result with a fraction of the work when rows are short (on a GPU the per-row loop would cost more in kernel
  launches than it saves). Attention this does not compute (softcapped scores, attention sinks, bidirectional
  layers) goes to transformers' own; autotrain_ui/core/families.py decides which runs enter `packed_rows()` at all.

Measured on 2 cores, SmolLM2-135M LoRA, one 512-token block of five rows, forward and backward: 331 tokens/s
before, 615 after (with the fused loss of trainers/causal.py).
"""

from __future__ import annotations

import contextlib
import math

import torch
from torch import nn

# ------------------------------------------------------------------ dropout


def dropout_mask(numel: int, p: float, dtype: torch.dtype, device) -> torch.Tensor:
    """A flat mask: 0 with probability p, else 1/(1-p), independently per element, from geometric gaps."""
    mask = torch.full((numel,), 1.0 / (1.0 - p), dtype=dtype, device=device)
    log_keep = math.log1p(-p)
    start = 0
    while start < numel:
        expected = (numel - start) * p
        draws = int(expected + 6 * math.sqrt(expected + 1) + 16)   # enough to pass the end almost always
        u = torch.rand(draws, dtype=torch.float64, device=device)
        gaps = torch.floor(torch.log1p(-u) / log_keep).long() + 1   # Geometric(p) on 1, 2, ...
        positions = start - 1 + torch.cumsum(gaps, 0)
        mask[positions[positions < numel]] = 0
        start = int(positions[-1]) + 1
    return mask


class SparseDropout(nn.Module):
    """nn.Dropout(p) with the same distribution, drawing only the dropped positions (see the module doc)."""

    def __init__(self, p: float):
        super().__init__()
        self.p = float(p)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x
        if self.p >= 1.0:
            return x * 0
        return x * dropout_mask(x.numel(), self.p, x.dtype, x.device).view_as(x)

    def extra_repr(self) -> str:
        return f"p={self.p}"


class _CastUnlessAutocast:
    """peft reads a LoRA layer's `cast_input_dtype_enabled` as a truth value before casting the input to the
    adapter's dtype: under autocast the cast is wasted (autocast picks the matmul dtype), anywhere else it is
    needed (a bfloat16 input and a float32 adapter cannot be multiplied)."""

    def __bool__(self) -> bool:
        return not torch.is_autocast_enabled("cpu")


def _speed_up_lora(model) -> None:
    """Swap each LoRA layer's dropout for SparseDropout and skip its input cast under autocast."""
    for module in model.modules():
        dropouts = getattr(module, "lora_dropout", None)
        if not isinstance(dropouts, nn.ModuleDict):
            continue
        for name, drop in list(dropouts.items()):
            if isinstance(drop, nn.Dropout):
                dropouts[name] = SparseDropout(drop.p).train(drop.training)
        module.cast_input_dtype_enabled = _CastUnlessAutocast()


# ------------------------------------------------------------------ attention per packed row

_packed = [0]  # depth of packed_rows() blocks; a plain counter, as backward may run in autograd's own thread
_spans_cache: dict = {}


@contextlib.contextmanager
def packed_rows():
    """Within this block, attention with position ids that restart at 0 treats each run of positions as a row of
    its own (the caller passes no padding mask: padding-free packing)."""
    _packed[0] += 1
    try:
        yield
    finally:
        _packed[0] -= 1
        _spans_cache.clear()


def row_spans(position_ids: torch.Tensor) -> list[list[tuple[int, int]]]:
    """For each batch row, the (start, end) of every run of consecutive positions."""
    key = (position_ids.data_ptr(), tuple(position_ids.shape), position_ids._version)
    cached = _spans_cache.get(key)
    if cached is not None:
        return cached
    spans = []
    for row in position_ids.tolist():
        starts = [0] + [i for i in range(1, len(row)) if row[i] != row[i - 1] + 1]
        spans.append(list(zip(starts, starts[1:] + [len(row)])))
    _spans_cache.clear()
    _spans_cache[key] = spans
    return spans


MATH_MAX = 256  # rows up to this many tokens: explicit attention (measured 2-3x faster than CPU flash SDPA there)
_causal_bias: dict = {}


def _mask_bias(n: int, window: int | None, device) -> torch.Tensor:
    """Additive bias of a causal row of n tokens, with a sliding window when one applies: query i sees keys j with
    i - window < j <= i (transformers' sliding_window_overlay)."""
    key = (n, window, device)
    bias = _causal_bias.get(key)
    if bias is None:
        bias = torch.full((n, n), float("-inf"), device=device).triu(1)
        if window:
            bias = bias + torch.full((n, n), float("-inf"), device=device).tril(-window)
        _causal_bias[key] = bias
    return bias


def _row_attention(query, key, value, scaling: float, window: int | None = None) -> torch.Tensor:
    """Causal attention of one packed row: query [1, H, n, D], key/value [1, KV, n, D] -> [1, n, H, D], each query
    seeing at most `window` tokens (itself included) when the layer has a sliding window.
    Short rows: scores in one matmul per key/value head group, softmax in float32 (as eager attention does);
    longer rows: SDPA, whose blocked kernel wins once the scores no longer fit in cache."""
    _, heads, n, dim = query.shape
    groups = key.shape[1]
    if window is not None and window >= n:
        window = None  # the window holds the whole row: plain causal attention
    if n > MATH_MAX or n == 1:
        mask = None if window is None else _mask_bias(n, window, query.device).to(query.dtype)
        out = torch.nn.functional.scaled_dot_product_attention(query, key, value, attn_mask=mask,
                                                               is_causal=n > 1 and mask is None, scale=scaling,
                                                               enable_gqa=groups != heads)
        return out.transpose(1, 2)
    bias = _mask_bias(n, window, query.device)
    q = query[0].reshape(groups, heads // groups * n, dim)
    scores = torch.matmul(q, key[0].transpose(-1, -2)).float().view(groups, heads // groups, n, n) * scaling + bias
    probs = scores.softmax(-1).to(value.dtype).view(groups, heads // groups * n, n)
    return torch.matmul(probs, value[0]).view(1, heads, n, dim).transpose(1, 2)


# Attention arguments that change the result in ways the per-row path does not compute: hand those to transformers.
_NOT_PER_ROW = ("softcap", "s_aux", "sinks", "position_bias", "head_mask")


_sdpa = None


def _packed_sdpa(module, query, key, value, attention_mask, dropout=0.0, scaling=None, is_causal=None, **kwargs):
    position_ids = kwargs.get("position_ids")
    if (not _packed[0] or position_ids is None or query.device.type != "cpu" or dropout
            or query.shape[2] != key.shape[2] or position_ids.shape[-1] != query.shape[2]
            or query.shape[1] % key.shape[1] or is_causal is False or not getattr(module, "is_causal", True)
            or any(kwargs.get(name) is not None for name in _NOT_PER_ROW)):
        return _sdpa(module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, is_causal=is_causal,
                     **kwargs)
    scaling = scaling if scaling is not None else query.shape[-1] ** -0.5
    window = kwargs.get("sliding_window")
    rows = []
    for b, spans in enumerate(row_spans(position_ids.expand(query.shape[0], -1))):
        parts = [_row_attention(query[b:b + 1, :, s:e], key[b:b + 1, :, s:e], value[b:b + 1, :, s:e], scaling,
                                window) for s, e in spans]
        rows.append(torch.cat(parts, dim=1) if len(parts) > 1 else parts[0])
    return torch.cat(rows, dim=0).contiguous(), None


def _install_attention() -> None:
    global _sdpa
    if _sdpa is not None:
        return
    from transformers.modeling_utils import ALL_ATTENTION_FUNCTIONS

    _sdpa = ALL_ATTENTION_FUNCTIONS["sdpa"]
    ALL_ATTENTION_FUNCTIONS.register("sdpa", _packed_sdpa)  # this training process only; delegates outside packed_rows()


def uninstall() -> None:
    """transformers' own "sdpa" attention back in its registry (trainers/scope.py calls this when a run ends)."""
    global _sdpa
    if _sdpa is None:
        return
    from transformers.modeling_utils import ALL_ATTENTION_FUNCTIONS

    ALL_ATTENTION_FUNCTIONS.register("sdpa", _sdpa)
    _sdpa = None


def install(model) -> None:
    """Apply the savings above to a model about to be trained on a CPU. On a GPU nothing changes: its dropout
    draws random numbers in bulk already, and the rest was measured on CPUs only."""
    if torch.cuda.is_available():
        return
    _install_attention()
    _speed_up_lora(model)


def summary(model) -> dict:
    """What `install` changed, for run_info.json."""
    return {"lora_layers_with_sparse_dropout": sum(isinstance(m, SparseDropout) for m in model.modules()),
            "attention_per_packed_row": _sdpa is not None}  # install() leaves it off on a GPU
