"""What the app's modules say to the page, the API and the CLI alike (where the chat runs, a refused job action, a
job's state, access, checkpoints, the push and deploy states, the estimate's words), by key: English and Korean
side by side. Numbers come as values, formatted by the template, so a translation keeps them.

Long because it is data: one entry per sentence."""

CATALOG = {
    # chat
    "chat.device_gpu": ("The replies are written on the GPU.", "답은 GPU에서 씁니다."),
    "chat.device_cpu": (
        "The replies are written on the CPU (this machine has no GPU).",
        "답은 CPU에서 씁니다 (이 컴퓨터에는 GPU가 없습니다)."),
    "chat.device_shared": (
        "Job {name} is training on this machine's GPU, so the replies are written on the CPU: slower, and the job "
        "keeps all of its GPU memory. The chat uses the GPU again once no job is training.",
        "작업 {name}이(가) 이 컴퓨터의 GPU에서 학습 중이라 답은 CPU에서 씁니다: 더 느리지만, 작업은 GPU 메모리를 모두 그대로 씁니다. 학습 중인 작업이 없으면 대화는 다시 GPU를 "
        "씁니다."),

    # jobs
    "jobs.refused_cancel_ended": (
        "Job {id} already ended ({status}): there is nothing to cancel.",
        "작업 {id}은(는) 이미 끝났습니다 ({status}): 취소할 것이 없습니다."),
    "jobs.refused_resume_succeeded": (
        "Job {id} already finished successfully; resuming would retrain and overwrite its model. Use Train again to "
        "start a new job from its settings.",
        "작업 {id}은(는) 이미 성공적으로 끝났습니다. 이어서 학습하면 다시 학습하며 모델을 덮어쓰게 됩니다. 그 설정으로 새 작업을 시작하려면 다시 학습을 누르세요."),
    "jobs.refused_resume_state": (
        "Job {id} is {status}: there is nothing to resume.",
        "작업 {id}은(는) {status} 상태입니다: 이어서 학습할 것이 없습니다."),
    "jobs.refused_again_active": (
        "Job {id} is still {status}: Train again is for a finished job.",
        "작업 {id}은(는) 아직 {status} 상태입니다. 다시 학습은 끝난 작업에만 쓸 수 있습니다."),
    "jobs.refused_again_no_data": (
        "Job {id} has no data copy in {folder}: upload the data again.",
        "작업 {id}의 데이터 사본이 {folder}에 없습니다: 데이터를 다시 올리세요."),
    "jobs.refused_again_no_model": (
        "Job {id} left no full model to start from (a LoRA adapter needs its base model): train again from the base "
        "model, or turn on Merge LoRA.",
        "작업 {id}은(는) 시작점으로 쓸 전체 모델을 남기지 않았습니다 (LoRA 어댑터는 기본 모델이 있어야 합니다): 기본 모델에서 다시 학습하거나, LoRA를 모델에 병합을 켜세요."),
    "jobs.state_queued": ("queued", "대기 중"),
    "jobs.state_starting": ("starting", "시작 중"),
    "jobs.state_running": ("running", "학습 중"),
    "jobs.state_succeeded": ("succeeded", "성공"),
    "jobs.state_failed": ("failed", "실패"),
    "jobs.state_cancelled": ("cancelled", "취소됨"),
    "jobs.state_interrupted": ("interrupted", "중단됨"),

    # access
    "access.copy": (
        "To train your own models, make your own copy: [Duplicate this Space]({link}), choose its hardware, and set "
        "the HF_TOKEN secret (see the README's \"Run it as your own Space\").",
        "내 모델을 학습하려면 나만의 사본을 만드세요: [이 Space 복제하기]({link}) 후 하드웨어를 고르고 HF_TOKEN 비밀 값을 설정하세요 (README의 \"Run it as your "
        "own Space\" 참고)."),
    "access.signed_out": (
        "This Space is read-only until you sign in: only the users its owner allows may train here. Sign in with the "
        "Hugging Face button if you are one of them.",
        "로그인하기 전까지 이 Space는 읽기 전용입니다: 소유자가 허용한 사용자만 여기서 학습할 수 있습니다. 그런 사용자라면 Hugging Face 버튼으로 로그인하세요."),
    "access.not_allowed": (
        "You are signed in as {user}, but this Space only lets its owner's chosen users train "
        "(AUTOTRAIN_ALLOWED_USERS). You can look around; starting, cancelling and pushing are off.",
        "{user}(으)로 로그인했지만, 이 Space는 소유자가 고른 사용자만 학습할 수 있습니다 (AUTOTRAIN_ALLOWED_USERS). 둘러볼 수는 있지만 시작, 취소, 올리기는 꺼져 "
        "있습니다."),
    "access.not_your_job": (
        "Only the person who started this job (or the owner) may change it.",
        "이 작업을 시작한 사람(또는 소유자)만 바꿀 수 있습니다."),

    # checkpoints
    "checkpoint.step": ("step {step}", "스텝 {step}"),
    "checkpoint.loss": (", held-out loss {loss:.4f}", ", 따로 뗀 행 손실 {loss:.4f}"),
    "checkpoint.best": ("best", "가장 좋음"),
    "checkpoint.in_model": ("in the model now", "지금 모델에 들어 있음"),
    "checkpoint.used": (
        "PROJECT/model now holds the checkpoint of step {step}: chat and push use it.",
        "이제 PROJECT/model에 스텝 {step}의 체크포인트가 들어 있습니다: 대화와 올리기에 이것을 씁니다."),
    "checkpoint.gone": (
        "There is no checkpoint at step {step} any more (only --save-total-limit are kept).",
        "스텝 {step}의 체크포인트가 더 이상 없습니다 (--save-total-limit 개수만큼만 보관합니다)."),
    "checkpoint.other_kind": (
        "This run's model was merged or saved differently from its checkpoints (for example with --merge-adapter): a "
        "checkpoint cannot replace it here. Train again with the settings that stop at that point (fewer epochs).",
        "이 실행의 모델은 체크포인트와 다르게 병합되었거나 저장되었습니다 (예: --merge-adapter): 여기서는 체크포인트로 바꿀 수 없습니다. 그 지점에서 멈추는 설정(더 적은 에폭)으로 "
        "다시 학습하세요."),

    # publish
    "push.state.pushing": ("**Pushing to the Hub ...**", "**Hub에 올리는 중 ...**"),
    "push.state.pushed": (
        "**Pushed to the Hub:** [{url}]({url}) (private unless you made it public).",
        "**Hub에 올렸습니다:** [{url}]({url}) (공개로 바꾸지 않았다면 비공개입니다)."),
    "push.state.failed": ("**Push failed:** {message}", "**올리기 실패:** {message}"),
    "push.state.held": (
        "**Not pushed to the Hub on its own:** this run did not learn (the verdict above says how its loss went). "
        "Press Push to the Hub to send it anyway.",
        "**Hub에 저절로 올리지 않았습니다:** 이 학습은 배우지 못했습니다 (손실이 어떻게 변했는지는 위의 판정에 있습니다). 그래도 올리려면 'Hub에 올리기'를 누르세요."),

    # deploy
    "deploy.state.deploying": ("**Making the chat Space ...**", "**채팅 Space를 만드는 중 ...**"),
    "deploy.state.deployed": (
        "**Chat Space:** [{url}]({url}) ({hardware}; private unless you made it public). It takes a few minutes to "
        "build the first time.",
        "**채팅 Space:** [{url}]({url}) ({hardware}; 공개로 바꾸지 않았다면 비공개입니다). 처음에는 빌드에 몇 분 걸립니다."),
    "deploy.state.failed": ("**Deploy failed:** {message}", "**배포 실패:** {message}"),

    # fit
    "fit.gc_disabled": ("turned off with --disable-gradient-checkpointing", "--disable-gradient-checkpointing으로 꺼짐"),
    "fit.gc_off": (
        "off: the estimated {need:.1f} GB fits in the {have:.1f} GB available",
        "꺼짐: 예상 {need:.1f} GB가 사용 가능한 {have:.1f} GB 안에 들어갑니다"),
    "fit.gc_on": (
        "on: the estimated {need:.1f} GB would not fit comfortably in {have:.1f} GB (it saves memory at about 30% "
        "more compute)",
        "켜짐: 예상 {need:.1f} GB는 {have:.1f} GB에 여유 있게 들어가지 않습니다 (계산이 약 30% 늘지만 메모리를 아낍니다)"),
    "fit.gc_asked_on": ("on, as asked", "켜짐 (요청대로)"),
    "fit.gc_asked_off": ("off, as asked", "꺼짐 (요청대로)"),
    "fit.gc_quantized": (
        "on: a quantized model is prepared for LoRA with it (--disable-gradient-checkpointing turns it off)",
        "켜짐: 양자화된 모델은 LoRA용으로 준비할 때 이것을 켭니다 (--disable-gradient-checkpointing으로 끕니다)"),
    "fit.gc_word_on": ("on", "켜짐"),
    "fit.gc_word_off": ("off", "꺼짐"),
    "fit.assume_method_full": ("full", "전체 미세조정"),
    "fit.assume_method_lora": ("lora", "LoRA"),
    "fit.assume_method_qlora": ("qlora", "QLoRA (int4)"),
    "fit.assume_method_qlora8": ("qlora8", "QLoRA (int8)"),
    "fit.hw_reason_quant_gpu": (
        "{bits} quantization (QLoRA) needs a CUDA GPU",
        "{bits} 양자화(QLoRA)에는 CUDA GPU가 필요합니다"),
    "fit.shape_config": ("{folder}/config.json", "{folder}/config.json"),
    "fit.shape_given": ("{millions:.0f}M parameters as given", "주어진 매개변수 {millions:.0f}M개"),
    "fit.shape_known": (
        "{name}: {millions:.0f}M parameters, vocabulary {vocab:,}, {tied} (its published config)",
        "{name}: 매개변수 {millions:.0f}M개, 어휘 {vocab:,}개, {tied} (공개된 설정 파일 기준)"),
    "fit.shape_tied": ("input and output embeddings shared", "입력과 출력 임베딩 공유"),
    "fit.shape_untied": ("separate input and output embeddings", "입력과 출력 임베딩이 따로 있음"),
    "fit.shape_from_name": (
        "{name}: {millions:.0f}M parameters read from the name",
        "{name}: 이름에서 읽은 매개변수 {millions:.0f}M개"),
    "fit.shape_unknown": ("{name}: size unknown, 1B parameters assumed", "{name}: 크기를 알 수 없어 매개변수 1B개로 가정"),
    "fit.shape_guessed": (
        "{source} (assumed {layers} layers, hidden {hidden}, vocab 50k)",
        "{source} (층 {layers}개, 은닉 크기 {hidden}, 어휘 50k로 가정)"),
    "fit.assume_pairs": (
        "{trainer}: chosen + rejected text per row (x2); ",
        "{trainer}: 행마다 선택된 답과 거절된 답 텍스트 (x2); "),
    "fit.assume_pairs_reference": (
        "{trainer}: chosen + rejected text per row (x2), plus a frozen reference model; ",
        "{trainer}: 행마다 선택된 답과 거절된 답 텍스트 (x2), 고정된 참조 모델 추가; "),
    "fit.assume_kto": (
        "{trainer}: each row's answer + a mismatched one for the KL term (x2); ",
        "{trainer}: 행마다 그 행의 답과 KL 항을 위한 다른 행의 답 (x2); "),
    "fit.assume_grpo": (
        "{trainer}: {generations} answers sampled per prompt (x{generations}), at most {completion} tokens each: up "
        "to {generated:,} tokens sampled one at a time, ~{sampling:,} s; ",
        "{trainer}: 프롬프트마다 답 {generations}개 샘플링 (x{generations}), 답마다 최대 {completion} 토큰: 한 번에 한 토큰씩 최대 "
        "{generated:,} 토큰 샘플링, 약 {sampling:,}초; "),
    "fit.assume_kto_reference": (
        "{trainer}: each row's answer + a mismatched one for the KL term (x2), plus a frozen reference model; ",
        "{trainer}: 행마다 그 행의 답과 KL 항을 위한 다른 행의 답 (x2), 고정된 참조 모델 추가; "),
    "fit.assume_where_gpu": ("one {gpu} ({memory:.0f} GB)", "{gpu} 하나 ({memory:.0f} GB)"),
    "fit.assume_where_ram": ("the RAM ({memory:.0f} GB)", "RAM ({memory:.0f} GB)"),
    "fit.assume_speed_gpu": (
        "{gpus} GPU(s) x {tflops:g} TFLOPS x {mfu:.0%} (bf16/fp16; float32 is ~2x slower)",
        "GPU {gpus}개 x {tflops:g} TFLOPS x {mfu:.0%} (bf16/fp16; float32는 약 2배 느림)"),
    "fit.assume_speed_cpu": ("~{tflops:g} TFLOPS on CPU", "CPU에서 약 {tflops:g} TFLOPS"),
    "fit.assume_sharded": (
        "{engine} splits the weights, gradients and optimizer state across the {gpus} GPUs; ",
        "{engine}가 가중치, 그래디언트, 옵티마이저 상태를 GPU {gpus}개에 나눠 담음; "),
    "fit.assume_line": (
        "{source}; {method}; batch {batch} rows of ~{tokens_each} tokens (at most {seq_len}) per step on each "
        "device; {pairs}{rows:,} rows trained over {steps:,} steps x ~{tokens_each} tokens per row{x2} = {tokens:,} "
        "tokens; {sharded}memory = weights {weights:.1f} GB + optimizer/gradients {states:.1f} GB + activations "
        "{activations:.1f} GB (gradient checkpointing {gc}) + 10% + 1 GB, compared with 90% of {where}; speed = "
        "{speed}, + {per_row:g} s per row and {per_step:g} s per step, + {startup:g} s to start and {finish:g} s to "
        "check the answers and save (measured on runs). A rough guide, not a promise.",
        "{source}; {method}; 장치마다 스텝당 약 {tokens_each} 토큰(최대 {seq_len})짜리 행 {batch}개; {pairs}{rows:,}행을 {steps:,} 스텝에 "
        "걸쳐 학습 x 행당 약 {tokens_each} 토큰{x2} = {tokens:,} 토큰; {sharded}메모리 = 가중치 {weights:.1f} GB + 옵티마이저/그래디언트 "
        "{states:.1f} GB + 활성값 {activations:.1f} GB (그래디언트 체크포인팅 {gc}) + 10% + 1 GB, {where}의 90%와 비교; 속도 = {speed}, "
        "+ 행마다 {per_row:g}초, 스텝마다 {per_step:g}초, + 시작 {startup:g}초, 답변 확인과 저장 {finish:g}초 (실제 실행에서 잰 값). 대략적인 안내일 뿐 "
        "약속이 아닙니다."),
    "fit.gc_page_off": ("off (the run fits in memory without it)", "꺼짐 (체크포인팅 없이도 메모리에 들어갑니다)"),
    "fit.gc_page_on": ("on (it saves memory at about 30% more compute)", "켜짐 (계산이 약 30% 늘지만 메모리를 아낍니다)"),
}
