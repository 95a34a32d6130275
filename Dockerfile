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
    GRADIO_SERVER_NAME=0.0.0.0 \
    GRADIO_SERVER_PORT=7860

RUN python3 -m venv /opt/venv && pip install --upgrade pip

WORKDIR /home/user/app
# requirements first, so a code change does not reinstall torch (the CUDA build from PyPI)
COPY --chown=user:user requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=user:user . .
RUN pip install --no-deps -e .

EXPOSE 7860
CMD ["python", "app.py"]
