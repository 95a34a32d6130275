#!/usr/bin/env bash
# The training benchmark on one CUDA GPU (sized for an H100/H200: about 8 minutes in all).
#
#   bash bench/gpu.sh            # three comparisons, results appended to bench/RESULTS.md naming the card
#
# Each comparison is bench/bench_train.py (our trainer at its defaults vs a plain TRL SFTTrainer script,
# same data, model, batch and token budget), with the model-FLOPs utilisation of each run against the
# card's bf16 matmul peak measured in the same run:
#   1. SmolLM2-135M, LoRA r16 (the CPU comparison, on the GPU)
#   2. a 360M model of SmolLM2's architecture, random weights, full fine-tune in bf16 (target: >= 40% MFU)
#   3. the same 360M model, QLoRA: int4 base (bitsandbytes) + LoRA r16
# Speed does not depend on the weights, so models with no hub at hand get random weights of the published
# architecture; the tokenizer comes from BENCH_MODEL (the default model, a folder, or a .gguf file).
#
# Settings (environment): BENCH_MODEL (default HuggingFaceTB/SmolLM2-135M-Instruct), GPU_BATCH (32),
# GPU_TOKENS_135M (120000), GPU_TOKENS_360M (120000), GPU_TOKENS_QLORA (60000), GPU_EVAL_TOKENS (3000),
# GPU_SUITES ("135m 360m qlora"), PYTHON (python3). Extra arguments go to every bench_train.py call.
# Sizing: on an H200 (2026-11-28) each comparison spent ~75 s on fixed costs (imports, data, peak, model,
# evaluation) plus ~60 s of process start-up for the two runs, so the budgets above leave ~10-20 s of
# timed training per run and about 7-8 minutes in all. Raise them for steadier numbers when time allows.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

if ! "$PY" - <<'EOF'
import sys
try:
    import torch
except ImportError:
    sys.exit("torch is not installed")
if not torch.cuda.is_available():
    sys.exit(f"torch {torch.__version__} sees no CUDA GPU")
EOF
then
    echo "bench/gpu.sh: refusing to run: it needs a CUDA GPU (an H100/H200 class card), and there is none here." >&2
    echo "On a CPU machine run the CPU benchmark instead: python bench/bench_train.py (or make bench)." >&2
    exit 2
fi

CARD=$("$PY" -c "import torch; print(torch.cuda.get_device_name(0))")
MODEL=${BENCH_MODEL:-HuggingFaceTB/SmolLM2-135M-Instruct}
BATCH=${GPU_BATCH:-32}
EVAL=${GPU_EVAL_TOKENS:-3000}
SUITES=${GPU_SUITES:-"135m 360m qlora"}
CACHE=$(mktemp -d)  # the matmul peak and the random 360M model, made once for all comparisons
trap 'rm -rf "$CACHE"' EXIT
echo "bench/gpu.sh on $CARD: suites [$SUITES], batch $BATCH"

# SmolLM2-135M: its real weights when the model resolves to weights here, else random ones of its architecture.
if "$PY" -c "
import sys; sys.path.insert(0, '.')
from pathlib import Path
from trainers.models import resolve_model
s = resolve_model('$MODEL')
sys.exit(0 if s.kind != 'folder' or any(Path(s.path).glob('*.safetensors')) or any(Path(s.path).glob('*.bin')) else 1)
" 2>/dev/null; then
    M135=(--model "$MODEL")
else
    M135=(--model "$MODEL" --random-init smollm2-135m)
fi

HAS_BNB=$("$PY" -c "import bitsandbytes" 2>/dev/null && echo 1 || echo 0)
status=0
run() {  # name, then bench_train.py arguments
    local name=$1; shift
    echo; echo "=== $name ==="
    if ! "$PY" bench/bench_train.py "$@" --batch-size "$BATCH" --eval-tokens "$EVAL" \
            --cache-dir "$CACHE" --json "bench/results/gpu-$name.json" "${EXTRA[@]}"; then
        echo "bench/gpu.sh: the $name comparison failed (see above)" >&2
        status=1
    fi
}
EXTRA=("$@")
for suite in $SUITES; do
    case $suite in
        135m)  run 135m-lora "${M135[@]}" --tokens "${GPU_TOKENS_135M:-120000}" \
                   --label "$CARD: SmolLM2-135M, LoRA r16, bf16" ;;
        360m)  run 360m-full --model "$MODEL" --random-init smollm2-360m --full --tokens "${GPU_TOKENS_360M:-120000}" \
                   --label "$CARD: 360M (SmolLM2-360M architecture, random weights), full fine-tune, bf16" ;;
        qlora) if [ "$HAS_BNB" = 1 ]; then
                   run 360m-qlora --model "$MODEL" --random-init smollm2-360m --quantization int4 \
                       --tokens "${GPU_TOKENS_QLORA:-60000}" \
                       --label "$CARD: 360M (SmolLM2-360M architecture, random weights), QLoRA int4 + LoRA r16"
               else
                   echo "bench/gpu.sh: skipping the QLoRA comparison: bitsandbytes is not installed (pip install bitsandbytes)" >&2
                   status=1
               fi ;;
        *) echo "bench/gpu.sh: unknown suite '$suite' (135m, 360m, qlora)" >&2; status=1 ;;
    esac
done
echo; echo "bench/gpu.sh: done; sections for $CARD are in bench/RESULTS.md, JSON in bench/results/gpu-*.json"
exit $status
