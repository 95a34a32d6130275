"""Every label and sentence of the page (autotrain_ui/ui/), by key: English and Korean side by side. The labels
reach the browser through gr.I18n (ui/strings.py); the text a handler builds for one visitor is text(key, lang).
The `common.*` and `status.*` keys are Gradio's own, said in Korean here.

Long because it is data: one entry per string."""

CATALOG = {
    "page.title": ("AutoTrain UI: fine-tune an LLM on your own file", "AutoTrain UI: 내 파일로 LLM 미세조정하기"),
    "page.intro": (
        "Upload a CSV or JSONL file, check it, pick a trainer and press Train. Jobs keep running when you close or "
        "reload this page.",
        "CSV 또는 JSONL 파일을 올리고, 검사하고, 트레이너를 고른 뒤 학습을 누르세요. 페이지를 닫거나 새로 고쳐도 작업은 계속됩니다."),
    "page.tab_data": ("1. Data", "1. 데이터"),
    "page.tab_train": ("2. Model and training", "2. 모델과 학습"),
    "page.tab_runs": ("3. Runs", "3. 실행 기록"),
    "page.upload": ("Data file (CSV, JSONL, JSON or Parquet)", "데이터 파일 (CSV, JSONL, JSON, Parquet)"),
    "page.hub_id": (
        "Or a dataset from the Hub: its id (OWNER/NAME) or its address",
        "또는 Hub의 데이터셋: ID (OWNER/NAME) 또는 주소"),
    "page.hub_load": ("Load from the Hub", "Hub에서 불러오기"),
    "page.hub_config": ("Config (subset)", "구성 (부분 집합)"),
    "page.hub_split": ("Split", "분할"),
    "page.preview": ("First rows (shown as text)", "처음 몇 행 (텍스트로 표시)"),
    "page.learn": ("What the model will learn: the first rows as it sees them", "모델이 배울 내용: 모델이 보는 그대로의 처음 몇 행"),
    "page.report": ("Data check", "데이터 검사"),
    "page.map_text": (
        "Text column (chosen answer for reward/DPO/ORPO, the answer for KTO)",
        "텍스트 열 (보상/DPO/ORPO에서는 선택된 답, KTO에서는 답)"),
    "page.map_rejected": ("Rejected answer column", "거절된 답 열"),
    "page.map_prompt": ("Prompt column", "프롬프트 열"),
    "page.map_label": ("Good/bad label column (KTO)", "좋음/나쁨 라벨 열 (KTO)"),
    "page.model": ("Model (Hub id, local folder or .gguf)", "모델 (Hub ID, 로컬 폴더 또는 .gguf)"),
    "page.trainer": ("Trainer", "트레이너"),
    "page.advanced": ("Advanced: every other parameter", "고급: 나머지 모든 설정"),
    "page.command": ("The same run from the command line", "같은 실행을 명령줄로"),
    "page.export": ("Download settings", "설정 내려받기"),
    "page.import": ("Load settings from a file", "파일에서 설정 불러오기"),
    "page.train_button": ("Train", "학습"),
    "page.submitted": ("Job {id} queued as project {name}.", "작업 {id}이(가) 프로젝트 {name}(으)로 대기열에 들어갔습니다."),
    "page.no_file": ("Upload a data file first (tab 1).", "먼저 데이터 파일을 올리세요 (1번 탭)."),
    "page.cannot_train": ("Cannot start this job:", "이 작업을 시작할 수 없습니다:"),
    "page.jobs": ("Jobs", "작업"),
    "page.job": ("Job", "작업"),
    "page.refresh": ("Refresh", "새로 고침"),
    "page.cancel": ("Cancel", "취소"),
    "page.resume": ("Resume", "이어서 학습"),
    "page.status": ("Status", "상태"),
    "page.log_step": ("Step {step}", "스텝 {step}"),
    "page.log_step_of": ("Step {step}/{total}", "스텝 {step}/{total}"),
    "page.log_epoch": ("epoch {epoch:.2f}", "에포크 {epoch:.2f}"),
    "page.log_loss": ("loss {loss:.4f}", "손실 {loss:.4f}"),
    "page.log_eval_loss": ("held-out loss {loss:.4f}", "따로 뗀 행의 손실 {loss:.4f}"),
    "page.log_lr": ("learning rate {lr:.2e}", "학습률 {lr:.2e}"),
    "page.log_reward": ("reward {reward:.3f}", "보상 {reward:.3f}"),
    "page.log_accuracy": (
        "chosen ranked first on {share:.0%} of this step's pairs", "이 스텝의 쌍 {share:.0%}에서 선택된 답을 먼저 꼽음"),
    "page.log_left": ("about {time} left", "남은 시간 약 {time}"),
    "page.log_done": (
        "Training finished in {time}, average loss {loss:.4f}",
        "학습이 {time} 만에 끝났습니다, 평균 손실 {loss:.4f}"),
    "page.log_done_plain": ("Training finished in {time}", "학습이 {time} 만에 끝났습니다"),
    "page.log_none": ("No step logged yet.", "아직 기록된 스텝이 없습니다."),
    "page.log_readable": ("Training, step by step", "학습 진행, 스텝별"),
    "page.log_full": ("Full log (as the training process wrote it)", "전체 로그 (학습 프로세스가 쓴 그대로)"),
    "page.loss_plot": ("Loss", "손실"),
    "page.lr_plot": ("Learning rate", "학습률"),
    "page.tab_chat": ("4. Chat", "4. 대화"),
    "page.chat_job": ("Finished job", "끝난 작업"),
    "page.chat_job_info": (
        "Jobs whose model writes answers. A reward model scores answers instead: its scores are in its report on the "
        "Runs tab.",
        "답을 쓰는 모델의 작업입니다. 보상 모델은 답을 쓰지 않고 채점합니다: 그 점수는 실행 탭의 보고서에 있습니다."),
    "page.chat_tuned": ("Your fine-tuned model", "미세조정한 모델"),
    "page.chat_base": ("The base model, same prompt", "기본 모델 (같은 질문)"),
    "page.chat_message": ("Message", "메시지"),
    "page.send": ("Send", "보내기"),
    "page.clear": ("Clear", "지우기"),
    "page.compare": ("Also ask the base model", "기본 모델에게도 묻기"),
    "page.temperature": ("Temperature (0: always the likeliest answer)", "온도 (0: 항상 가장 그럴듯한 답)"),
    "page.max_new_tokens": ("Longest reply (tokens)", "최대 답변 길이 (토큰)"),
    "page.retry": ("Retry with this change", "이 설정으로 다시 학습"),
    "page.push": ("Push to the Hub", "Hub에 올리기"),
    "page.deploy": ("Deploy a chat Space", "채팅 Space 만들기"),
    "page.deploy_not_pushed": (
        "Push this job to the Hub first: the chat Space loads the model from its repo.",
        "먼저 이 작업을 Hub에 올리세요: 채팅 Space는 모델을 그 저장소에서 불러옵니다."),
    "page.checkpoint": (
        "Checkpoint the project keeps (the best one unless you choose another)",
        "프로젝트가 간직할 체크포인트 (따로 고르지 않으면 가장 좋은 것)"),
    "page.use_checkpoint": ("Keep this checkpoint", "이 체크포인트 사용"),
    "page.held_out": (
        "**{percent}% of the rows are held out** to measure the model before and after training (the report in "
        "Runs). Set Held-out rows (%) to 0 under Advanced to train on every row.",
        "**행의 {percent}%를 따로 떼어** 학습 전후의 모델을 비교합니다 (실행 기록의 보고서). 모든 행으로 학습하려면 고급 설정에서 따로 뗄 행 (%)을 0으로 두세요."),
    "page.rewards_menu": ("Reward menu (GRPO)", "보상 메뉴 (GRPO)"),
    "page.rewards_menu_help": (
        "GRPO: the model writes several answers to each prompt, the rewards ticked here score each from 0 to 1, and "
        "it learns to give the better-scored ones. Tick the checks you can state, give each a weight; the Rewards "
        "field above shows what will be used.",
        "GRPO: 모델이 프롬프트마다 여러 답을 쓰고, 여기서 고른 보상이 각 답을 0~1로 채점하면, 점수가 높은 답을 하도록 배웁니다. 확인할 수 있는 것을 고르고 가중치를 주세요. 위의 보상 "
        "칸에 쓰일 값이 보입니다."),
    "page.reward_kind_match": ("Matches the reference answer (match)", "참조 답과 일치 (match)"),
    "page.reward_kind_number": ("The number equals the reference's (number)", "숫자가 참조 답의 숫자와 같음 (number)"),
    "page.reward_kind_format": (
        "Follows a format: tags or a regular expression (format)",
        "형식을 따름: 태그나 정규식 (format)"),
    "page.reward_kind_json": ("Valid JSON, with these keys (json)", "올바른 JSON, 이 키 포함 (json)"),
    "page.reward_kind_length": ("Length in words (length)", "단어 수 범위 (length)"),
    "page.reward_kind_contains": ("Contains these words (contains)", "이 단어를 포함 (contains)"),
    "page.reward_kind_avoids": ("Avoids these words (avoids)", "이 단어를 피함 (avoids)"),
    "page.reward_kind_language": ("In the prompt's language (language)", "프롬프트와 같은 언어 (language)"),
    "page.reward_options": ("Options", "옵션"),
    "page.reward_weight": ("Weight", "가중치"),
    "page.series_reward": ("reward", "보상"),
    "page.series_reward_std": ("reward spread", "보상 편차"),
    "page.samples_title": (
        "**Sampled answers at step {step}** (their mean length: {length} tokens), each with its reward (0 to 1) and "
        "each reward's score:",
        "**{step} 스텝에서 샘플링한 답** (평균 길이: {length} 토큰), 각각의 보상(0~1)과 보상별 점수:"),
    "page.samples_prompt": ("Prompt: {prompt}", "프롬프트: {prompt}"),
    "page.samples_empty": ("(empty answer)", "(빈 답)"),
    "page.trainer_help": (
        "default: continue pre-training on plain text. sft: teach answers to prompts or conversations. reward: learn "
        "to score a chosen answer above a rejected one. dpo / orpo: prefer the chosen answer over the rejected one. "
        "kto: give more answers like those marked good, fewer like those marked bad. grpo: the model writes several "
        "answers to each prompt, the rewards you choose score them, and it learns to give the better-scored ones; "
        "choose it over SFT or DPO when you can check an answer (a number, JSON, a length, a language) but have no "
        "good answers to copy or pairs to compare.",
        "default: 일반 텍스트로 사전학습 계속. sft: 질문이나 대화에 대한 답 가르치기. reward: 선택된 답을 거절된 답보다 높게 평가하도록 학습. dpo / orpo: 거절된 답보다 "
        "선택된 답을 선호하도록 학습. kto: 좋음으로 표시된 답 같은 답은 더, 나쁨으로 표시된 답 같은 답은 덜 하도록 학습. grpo: 모델이 프롬프트마다 여러 답을 쓰고, 고른 보상이 "
        "채점하면, 점수가 높은 답을 하도록 배웁니다. 답을 확인할 수는 있지만(숫자, JSON, 길이, 언어) 베낄 좋은 답이나 비교할 답 쌍이 없을 때 SFT나 DPO 대신 고르세요."),
    "page.hw_title": (
        "Hardware: does this job fit, how long, what it costs",
        "하드웨어: 이 작업이 들어가는지, 얼마나 걸리는지, 비용은 얼마인지"),
    "page.hw_flavour": ("Hardware (Space flavour: GPU memory, price)", "하드웨어 (Space 사양: GPU 메모리, 가격)"),
    "page.hw_rows": ("Rows in your data (from the uploaded file)", "데이터 행 수 (올린 파일에서)"),
    "page.hw_drop": ("Drop back to CPU basic when the queue is empty", "대기열이 비면 CPU basic으로 되돌리기"),
    "page.retry_with": ("Retry with {change}", "다시 학습: {change}"),
    "page.try_with": ("Try again with {change}", "이렇게 바꿔 다시 해 보기: {change}"),
    "page.verdict_title": ("Did it learn?", "배웠을까요?"),
    # ---- the training form: one label per field (ui/form.py); the help text (help_*) comes from params.py below
    "page.field_model": (
        "Model (pick one, or type a Hub id, local folder or .gguf)",
        "모델 (목록에서 고르거나 Hub ID, 로컬 폴더, .gguf 입력)"),
    "page.field_project_name": ("Project name", "프로젝트 이름"),
    "page.model_label": ("{label} ({size}, gated: {gated})", "{label} ({size}, 라이선스 동의 {gated})"),
    "page.model_gated_yes": ("yes", "필요"),
    "page.model_gated_no": ("no", "불필요"),
    "page.field_valid_split": ("Validation split", "검증 분할"),
    "page.field_valid_percent": ("Held-out rows (%)", "따로 뗄 행 (%)"),
    "page.field_trainer": ("Trainer", "트레이너"),
    "page.field_peft": ("LoRA", "LoRA"),
    "page.field_chat_template": ("Chat template", "채팅 템플릿"),
    "page.field_train_on_inputs": ("Train on prompts too", "프롬프트도 학습"),
    "page.field_epochs": ("Epochs", "에폭 수"),
    "page.field_max_steps": ("Max steps", "최대 스텝"),
    "page.field_sample_rows": ("Sample rows", "표본 행 수"),
    "page.field_batch_size": ("Batch size", "배치 크기"),
    "page.field_lr": ("Learning rate", "학습률"),
    "page.field_gradient_accumulation": ("Gradient accumulation", "그래디언트 누적"),
    "page.field_warmup_ratio": ("Warm-up share", "워밍업 비율"),
    "page.field_optimizer": ("Optimizer", "옵티마이저"),
    "page.field_scheduler": ("Learning-rate schedule", "학습률 스케줄"),
    "page.field_weight_decay": ("Weight decay", "가중치 감쇠"),
    "page.field_max_grad_norm": ("Gradient clipping", "그래디언트 클리핑"),
    "page.field_seed": ("Random seed", "난수 시드"),
    "page.field_block_size": ("Block size (tokens)", "블록 크기 (토큰)"),
    "page.field_model_max_length": ("Max model length (tokens)", "모델 최대 길이 (토큰)"),
    "page.field_max_prompt_length": ("Max prompt length (tokens)", "프롬프트 최대 길이 (토큰)"),
    "page.field_max_completion_length": ("Max answer length (tokens)", "답변 최대 길이 (토큰)"),
    "page.field_add_eos_token": ("Add an end-of-text token", "텍스트 끝 토큰 추가"),
    "page.field_padding": ("Padding side", "패딩 방향"),
    "page.field_lora_r": ("LoRA rank", "LoRA 랭크"),
    "page.field_lora_alpha": ("LoRA alpha", "LoRA 알파"),
    "page.field_lora_dropout": ("LoRA dropout", "LoRA 드롭아웃"),
    "page.field_target_modules": ("LoRA target modules", "LoRA 대상 모듈"),
    "page.field_merge_adapter": ("Merge LoRA into the model", "LoRA를 모델에 병합"),
    "page.field_quantization": ("Quantization (QLoRA)", "양자화 (QLoRA)"),
    "page.field_model_ref": ("Reference model (DPO, KTO)", "참조 모델 (DPO, KTO)"),
    "page.field_dpo_beta": ("Beta (DPO, KTO)", "베타 (DPO, KTO)"),
    "page.field_rewards": ("Rewards (GRPO)", "보상 (GRPO)"),
    "page.field_num_generations": ("Answers per prompt (GRPO)", "프롬프트당 답 수 (GRPO)"),
    "page.field_grpo_beta": ("KL beta (GRPO)", "KL 베타 (GRPO)"),
    "page.field_generation_temperature": ("Sampling temperature (GRPO)", "샘플링 온도 (GRPO)"),
    "page.field_label_threshold": ("Good from rating (KTO)", "좋음으로 볼 평점 (KTO)"),
    "page.field_mixed_precision": ("Precision", "정밀도"),
    "page.field_use_flash_attention_2": ("Flash attention 2", "플래시 어텐션 2"),
    "page.field_disable_gradient_checkpointing": ("Turn off gradient checkpointing", "그래디언트 체크포인팅 끄기"),
    "page.field_distributed_backend": ("Multi-GPU method", "다중 GPU 방식"),
    "page.field_auto_find_batch_size": ("Find a batch size that fits", "메모리에 맞는 배치 크기 찾기"),
    "page.field_logging_steps": ("Log every N steps", "N 스텝마다 기록"),
    "page.field_evaluation_strategy": ("When to evaluate", "평가 시점"),
    "page.field_save_strategy": ("When to save checkpoints", "체크포인트 저장 시점"),
    "page.field_save_steps": ("Save every N steps", "N 스텝마다 저장"),
    "page.field_checkpoint_minutes": ("Checkpoint every N minutes", "N분마다 체크포인트"),
    "page.field_save_total_limit": ("Checkpoints to keep", "보관할 체크포인트 수"),
    "page.field_log": ("Experiment tracking", "실험 기록"),
    "page.field_push_to_hub": ("Push to the Hub", "Hub에 올리기"),
    "page.field_username": ("Hub user or organisation", "Hub 사용자 또는 조직"),
    # ---- actions that fit the job's state (Runs), the command box, the summary next to Train
    "page.train_again": ("Train again", "다시 학습"),
    "page.again_from_model": ("Start from its trained model", "학습된 모델에서 시작"),
    "page.again_filled": (
        "The form holds the settings of job {id} and its data; the new job will be {name}. Change what you like and "
        "press Train: job {id} and its model stay as they are.",
        "양식에 작업 {id}의 설정과 데이터가 들어갔습니다. 새 작업은 {name}(으)로 만들어집니다. 원하는 대로 바꾸고 학습을 누르세요. 작업 {id}와(과) 그 모델은 그대로 남습니다."),
    "page.again_not_final": (
        "Job {id} is still {status}: Train again is for a finished job.",
        "작업 {id}은(는) 아직 {status} 상태입니다. 다시 학습은 끝난 작업에만 쓸 수 있습니다."),
    "page.cancelling": ("Job {id} stops at its next step and saves.", "작업 {id}은(는) 다음 스텝에서 저장하고 멈춥니다."),
    "page.cancelled_queued": ("Job {id} was cancelled before it started.", "작업 {id}은(는) 시작 전에 취소되었습니다."),
    "page.resumed": (
        "Job {id} is queued again: it continues from its last checkpoint.",
        "작업 {id}이(가) 다시 대기열에 들어갔습니다. 마지막 체크포인트에서 이어집니다."),
    "page.pick_job": ("Pick a job first.", "먼저 작업을 고르세요."),
    "page.command_uploaded": (
        "# --data-path is the copy of your upload on this server; on another machine use your own file's path.",
        "# --data-path는 이 서버에 있는 업로드 사본입니다. 다른 컴퓨터에서는 내 파일의 경로를 쓰세요."),
    "page.command_hub": (
        "# --data-path is the Hub dataset: the run downloads its split at the commit --data-revision names.",
        "# --data-path는 Hub 데이터셋입니다: 실행이 --data-revision의 커밋에서 그 분할을 내려받습니다."),
    "page.command_no_file": (
        "# No data file uploaded yet: this command reads ./data/train.csv (or .jsonl, .json, .parquet). Put your "
        "file there, or add --data-path YOUR_FILE.",
        "# 아직 데이터 파일이 없습니다: 이 명령은 ./data/train.csv (또는 .jsonl, .json, .parquet)를 읽습니다. 파일을 그 자리에 두거나 --data-path "
        "내_파일 을 붙이세요."),
    "page.settings_invalid": ("These settings cannot be saved yet: {error}", "이 설정은 아직 저장할 수 없습니다: {error}"),
    # ---- the form's choices a person reads (the value stays what the CLI takes)
    "page.not_set": ("not set", "설정 안 함"),
    "page.choice_auto": ("auto", "자동 (auto)"),
    "page.choice_None": ("None", "없음 (None)"),
    "page.choice_none": ("none", "없음 (none)"),
    "page.choice_tokenizer": ("tokenizer", "모델 자체 템플릿 (tokenizer)"),
    "page.choice_epoch": ("epoch", "에폭마다 (epoch)"),
    "page.choice_steps": ("steps", "N 스텝마다 (steps)"),
    "page.choice_no": ("no", "안 함 (no)"),
    "page.choice_left": ("left", "왼쪽 (left)"),
    "page.choice_right": ("right", "오른쪽 (right)"),
    # ---- job messages (app.py)
    "page.settings_not_loaded": ("Those settings could not be loaded: {error}", "그 설정을 불러올 수 없습니다: {error}"),
    "page.no_job": ("There is no job {id}.", "작업 {id}이(가) 없습니다."),
    "page.pick_job_checkpoint": ("Pick a job and a checkpoint first.", "먼저 작업과 체크포인트를 고르세요."),
    "page.no_retry_change": (
        "Job {id} has no suggested change to retry with.",
        "작업 {id}에는 다시 학습할 때 바꿀 설정이 제안되지 않았습니다."),
    # ---- the Runs tab: the jobs table, one job's view, the before/after report, trackers
    "page.col_id": ("id", "ID"),
    "page.col_name": ("name", "이름"),
    "page.col_status": ("status", "상태"),
    "page.col_trainer": ("trainer", "트레이너"),
    "page.col_model": ("model", "모델"),
    "page.col_started": ("started", "시작"),
    "page.col_duration": ("duration", "걸린 시간"),
    "page.col_step": ("step", "스텝"),
    "page.col_final_loss": ("final loss", "최종 손실"),
    "page.job_line": ("**{name}** - status: **{status}** - step {step}", "**{name}** - 상태: **{status}** - 스텝 {step}"),
    "page.fact_loss": ("loss {loss:.4f}", "손실 {loss:.4f}"),
    "page.fact_eval_loss": ("eval loss {loss:.4f}", "평가 손실 {loss:.4f}"),
    "page.fact_elapsed": ("elapsed {time}", "경과 {time}"),
    "page.fact_eta": ("ETA {time}", "남은 시간 약 {time}"),
    "page.job_failed": ("**Failed: {message}**", "**실패: {message}**"),
    "page.plot_step": ("step", "스텝"),
    "page.plot_loss": ("loss", "손실"),
    "page.plot_lr": ("learning rate", "학습률"),
    "page.series_loss": ("training loss", "학습 손실"),
    "page.series_eval_loss": ("held-out loss", "따로 뗀 행의 손실"),
    "page.report_col_base": ("base model", "기본 모델"),
    "page.report_col_tuned": ("fine-tuned", "미세조정한 모델"),
    "page.report_row_loss": ("held-out loss (lower is better)", "따로 뗀 행의 손실 (낮을수록 좋음)"),
    "page.report_row_preference": ("chosen scored above rejected", "선택된 답을 거절된 답보다 높게 평가"),
    "page.report_row_margin": (
        "good minus bad answers (log-probability per token, higher is better)",
        "좋은 답 빼기 나쁜 답 (토큰당 로그 확률, 높을수록 좋음)"),
    "page.report_prompt": ("Prompt:", "프롬프트:"),
    "page.report_expected": ("expected", "기대한 답"),
    "page.report_rejected": ("rejected", "거절된 답"),
    "page.report_broken": ("(breaks down: repeats itself or is empty)", "(망가짐: 같은 말을 되풀이하거나 비어 있음)"),
    "page.tracker_tensorboard": (
        "TensorBoard logs: `{runs}`; see them with `tensorboard --logdir {runs}`, or on the model's Hub page "
        "(Training metrics) once pushed.",
        "TensorBoard 로그: `{runs}`. `tensorboard --logdir {runs}`(으)로 보거나, 올린 뒤 모델의 Hub 페이지(\"Training metrics\")에서 "
        "보세요."),
    "page.tracker_trackio": (
        "Trackio dashboard: `TRACKIO_DIR={folder} trackio show --project {project}`",
        "Trackio 대시보드: `TRACKIO_DIR={folder} trackio show --project {project}`"),
    "page.tracker_wandb": (
        "Weights & Biases run files: `{folder}` (synced to wandb.ai when WANDB_API_KEY is set).",
        "Weights & Biases 실행 파일: `{folder}` (WANDB_API_KEY가 설정되어 있으면 wandb.ai에 동기화됩니다)."),
    # ---- numbers for people (ui/fmt.py)
    "page.count_row.one": ("{n:,} row", "{n:,}행"),
    "page.count_row": ("{n:,} rows", "{n:,}행"),
    "page.count_training_row.one": ("{n:,} row", "행 {n:,}개"),
    "page.count_training_row": ("{n:,} rows", "행 {n:,}개"),
    "page.count_held_out_row.one": ("{n:,} held-out row", "따로 뗀 행 {n:,}개"),
    "page.count_held_out_row": ("{n:,} held-out rows", "따로 뗀 행 {n:,}개"),
    "page.dur_s": ("{s} s", "{s}초"),
    "page.dur_min_s": ("{m} min {s} s", "{m}분 {s}초"),
    "page.dur_min": ("{m} min", "{m}분"),
    "page.dur_h_min": ("{h} h {m} min", "{h}시간 {m}분"),
    "page.dur_h": ("{h} h", "{h}시간"),
    "page.dur_days": ("{days:.1f} days", "{days:.1f}일"),
    "page.speed_tokens": ("{n:,.0f} tokens/s", "초당 {n:,.0f}토큰"),
    # ---- the hardware panel (ui/hardware_panel.py); the estimate's own words are the fit.* keys (modules.py)
    "page.hw_choose_model": ("Choose a model to see whether it fits.", "모델을 고르면 들어가는지 알려 드립니다."),
    "page.hw_no_estimate": ("No estimate: {error}", "예상할 수 없습니다: {error}"),
    "page.hw_this_machine": ("this machine", "이 컴퓨터"),
    "page.hw_where_gpu": ("one {gpu} has {memory}", "{gpu} 하나의 메모리는 {memory}"),
    "page.hw_where_ram": ("it has {memory} RAM", "RAM은 {memory}"),
    "page.method_full": ("full fine-tune", "전체 미세조정"),
    "page.method_lora": ("LoRA", "LoRA"),
    "page.method_qlora": ("QLoRA (int4)", "QLoRA (int4)"),
    "page.method_qlora8": ("QLoRA (int8)", "QLoRA (int8)"),
    "page.hw_fits": (
        "**Fits on {name}** ({how}): about {need} needed, {where}.",
        "**{name}에 들어갑니다** ({how}): 약 {need} 필요, {where}."),
    "page.hw_no_fit": (
        "**Does not fit on {name}** ({how}): about {need} needed, {where}.",
        "**{name}에 들어가지 않습니다** ({how}): 약 {need} 필요, {where}."),
    "page.hw_free": ("free", "무료"),
    "page.hw_cost": ("about ${cost:.2f} at ${price:.2f}/hour", "시간당 ${price:.2f}(으)로 약 ${cost:.2f}"),
    "page.hw_time": ("**Roughly {time}** ({cost}).", "**대략 {time}** ({cost})."),
    "page.hw_checkpointing": (
        "Gradient checkpointing {why}; the run decides the same way when it starts, from the memory free then "
        "(train.log says what it chose).",
        "그래디언트 체크포인팅 {why}. 실행이 시작될 때도 그때 남은 메모리로 같은 방식으로 정합니다 (train.log에 무엇을 골랐는지 나옵니다)."),
    "page.hw_cheapest": (
        "Cheapest hardware it fits on: **{label}** ({details}, roughly {time}).",
        "이 작업이 들어가는 가장 싼 하드웨어: **{label}** ({details}, 대략 {time})."),
    "page.hw_fits_nowhere": (
        "It fits on none of the Space flavours like this (each GPU holds a whole copy of the model).",
        "이대로는 어떤 Space 사양에도 들어가지 않습니다 (GPU마다 모델 전체 사본을 담습니다)."),
    "page.hw_try_lora": (
        "Turning on LoRA, with int4 quantization on a GPU, needs far less memory.",
        "LoRA를 켜고 GPU에서 int4 양자화를 쓰면 메모리가 훨씬 적게 듭니다."),
    "page.hw_try_smaller": (
        "A smaller batch size or block size also needs less memory.",
        "배치 크기나 블록 크기를 줄여도 메모리가 적게 듭니다."),
    "page.hw_rows_unread": (
        "_No rows could be counted in the data file (the Data tab says why): {rows} assumed, and nothing can train "
        "until the file is fixed._",
        "_데이터 파일에서 행을 셀 수 없어 {rows}(으)로 가정합니다 (이유는 데이터 탭에 있습니다). 파일을 고치기 전에는 학습할 수 "
        "없습니다._"),
    "page.hw_rows_assumed": ("_No data file yet: {rows} assumed._", "_아직 데이터 파일이 없어 {rows}(으)로 가정합니다._"),
    "page.hw_limit_hours": ("Longest run you want (hours)", "실행 시간 한도 (시간)"),
    "page.hw_cost_limit": (
        "Most you want a run to cost (USD; 0 or empty: no limit)",
        "실행 비용 한도 (USD; 0이거나 비워 두면 한도 없음)"),
    "page.limit_over": (
        "**This run would take about {time}, more than your limit of {limit}.** Pick one to bring it down:",
        "**이 실행은 약 {time} 걸려 한도인 {limit}을(를) 넘습니다.** 하나를 골라 줄이세요:"),
    "page.limit_offer_steps": ("Stop after {steps} steps (about {time})", "{steps} 스텝에서 멈추기 (약 {time})"),
    "page.limit_offer_sample": (
        "Train on a random sample of {rows} rows (about {time})",
        "무작위로 뽑은 {rows}개 행으로 학습 (약 {time})"),
    "page.limit_offer_flavour": (
        "Use {label} (about {time}, about ${cost:.2f})",
        "{label} 사용 (약 {time}, 약 ${cost:.2f})"),
    "page.limit_no_offer": (
        "Nothing here brings it under the limit: raise the limit, or choose a smaller model.",
        "여기서는 한도 안으로 줄일 방법이 없습니다: 한도를 늘리거나 더 작은 모델을 고르세요."),
    "page.limit_steps": ("Cap the steps", "스텝 제한"),
    "page.limit_sample": ("Sample the rows", "행 표본"),
    "page.limit_flavour": ("Bigger hardware", "더 큰 하드웨어"),
    "page.hw_unknown_model": (
        "_{model} is not one of the models this tool knows (the list in the model box): its size is read from its "
        "name or assumed, and its layers and vocabulary are guessed, so this estimate is rougher._",
        "_{model}은(는) 이 도구가 아는 모델(모델 목록에 있는 모델)이 아닙니다. 크기는 이름에서 읽거나 가정한 값이고 층 수와 어휘 크기는 추정치라서, 이 예상은 더 대략적입니다._"),
    "page.hw_assumptions": ("<small>Assumptions: {text}</small>", "<small>가정: {text}</small>"),
    "page.fl_label": ("{label} - {memory} - {price}{current}", "{label} - {memory} - {price}{current}"),
    "page.fl_current": (" (current)", " (현재)"),
    "page.fl_gpu": ("{memory:g} GB GPU", "GPU {memory:g} GB"),
    "page.fl_gpus": ("{gpus}x {memory:g} GB GPU", "GPU {gpus}개 x {memory:g} GB"),
    "page.fl_cpu": ("no GPU, {ram:g} GB RAM", "GPU 없음, RAM {ram:g} GB"),
    "page.fl_free": ("free", "무료"),
    "page.fl_price": ("about ${price:.2f}/hour", "시간당 약 ${price:.2f}"),
    "page.fl_local": ("This machine - {gpu} - {cpus} CPU cores (current)", "이 컴퓨터 - {gpu} - CPU 코어 {cpus}개 (현재)"),
    "page.fl_local_gpu": ("{gpus}x {gpu} {memory:.0f} GB", "{gpu} {gpus}개 {memory:.0f} GB"),
    "page.fl_no_gpu": ("no GPU", "GPU 없음"),
    "page.hw_move_to": ("Move this Space to {label}", "이 Space를 {label}(으)로 옮기기"),
    "page.hw_move": ("Move this Space", "이 Space 옮기기"),
    "page.hw_owner_only": (
        "Only the owner of this Space ({owner}), signed in, may change its hardware: it is billed to their account. "
        "Here {who}.",
        "이 Space의 소유자({owner})만 로그인한 상태에서 하드웨어를 바꿀 수 있습니다: 비용이 소유자 계정에 청구되기 때문입니다. 지금은 {who}."),
    "page.hw_signed_in_as": ("you are signed in as {user}", "{user}(으)로 로그인되어 있습니다"),
    "page.hw_not_signed_in": ("you are not signed in", "로그인하지 않았습니다"),
    "page.hw_its_owner": ("its owner", "소유자"),
    "page.hw_not_space": (
        "This app is not running on a Space: it trains on this machine's own hardware.",
        "이 앱은 Space에서 실행되고 있지 않습니다: 이 컴퓨터의 하드웨어로 학습합니다."),
    "page.hw_choose": ("Choose the hardware to move to.", "옮겨 갈 하드웨어를 고르세요."),
    "page.hw_busy": (
        "Job {name} is running: moving restarts the Space and would interrupt it. Wait until it ends, or cancel it "
        "first (Resume continues an interrupted job from its last checkpoint).",
        "작업 {name}이(가) 학습 중입니다: 옮기면 Space가 다시 시작되어 작업이 중단됩니다. 끝날 때까지 기다리거나 먼저 취소하세요 (이어서 학습은 중단된 작업을 마지막 체크포인트에서 이어 "
        "갑니다)."),
    "page.hw_already": ("**{space} is already on {label}.**", "**{space}은(는) 이미 {label}에 있습니다.**"),
    "page.hw_not_moved": ("**Not moved.** {error}", "**옮기지 못했습니다.** {error}"),
    "page.hw_price_billed": (
        "about ${price:.2f}/hour, billed to {owner} while it runs there",
        "시간당 약 ${price:.2f}, 그곳에서 실행되는 동안 {owner}에게 청구"),
    "page.hw_moving": (
        "**Moving {space} to {label}** ({price}). The Space restarts now: this page loses its connection for a few "
        "minutes, then reload it.",
        "**{space}을(를) {label}(으)로 옮기는 중** ({price}). Space가 지금 다시 시작됩니다: 이 페이지는 몇 분 동안 연결이 끊기니, 그 뒤에 새로 고치세요."),
    "page.hw_queued_start": (
        "The {n} queued job(s) start by themselves when it is back.",
        "대기 중인 작업 {n}개는 Space가 돌아오면 저절로 시작됩니다."),
    "page.hw_jobs_start": (
        "Jobs you queue, and jobs sent with `--backend spaces-...`, start by themselves when it is back.",
        "대기열에 넣은 작업과 `--backend spaces-...`로 보낸 작업은 Space가 돌아오면 저절로 시작됩니다."),
    "page.hw_billing_goes_on": (
        "Billing goes on until you move it back: tick \"{drop}\" to have that done for you.",
        "되돌릴 때까지 비용이 계속 청구됩니다: \"{drop}\"을(를) 체크하면 자동으로 되돌립니다."),
    "page.hw_no_storage": (
        "**Warning:** this Space has no persistent storage (/data): queued jobs and finished projects are lost in "
        "the restart. Push results to the Hub first, or add storage in the Space settings.",
        "**주의:** 이 Space에는 영구 저장소(/data)가 없습니다: 다시 시작하면 대기 중인 작업과 끝난 프로젝트가 사라집니다. 먼저 결과를 Hub에 올리거나, Space 설정에서 저장소를 "
        "추가하세요."),
    "page.hw_drop_not_space": (
        "Dropping back to CPU basic only applies on a Space; this machine's hardware stays as it is.",
        "CPU basic으로 되돌리기는 Space에서만 쓸 수 있습니다. 이 컴퓨터의 하드웨어는 그대로입니다."),
    "page.hw_drop_on": (
        "When no job is queued or running for a few minutes, this Space moves back to CPU basic (free) and the GPU's "
        "billing stops. The Space restarts when it does.",
        "몇 분 동안 대기 중이거나 학습 중인 작업이 없으면 이 Space는 CPU basic(무료)으로 돌아가고 GPU 비용 청구가 멈춥니다. 그때 Space가 다시 시작됩니다."),
    "page.hw_drop_off": (
        "The Space stays on its hardware when the queue is empty (billing goes on until you move it).",
        "대기열이 비어도 Space는 지금 하드웨어에 머뭅니다 (옮길 때까지 비용이 계속 청구됩니다)."),
    # ---- the Runs view's Export panel (ui/export_panel.py)
    "page.export_title": (
        "Export: run it on your computer (GGUF, Ollama, merged weights)",
        "내보내기: 내 컴퓨터에서 실행하기 (GGUF, Ollama, 병합된 가중치)"),
    "page.export_intro": (
        "GGUF files run in llama.cpp, LM Studio and Ollama; the Ollama zip holds a Modelfile with the chat format "
        "and its GGUF file (`ollama create NAME -f Modelfile`); merged weights are a normal transformers folder. "
        "Exporting takes from seconds to many minutes, by the model's size.",
        "GGUF 파일은 llama.cpp, LM Studio, Ollama에서 실행됩니다. Ollama zip에는 채팅 형식이 담긴 Modelfile과 GGUF 파일이 들어 있습니다 (`ollama "
        "create NAME -f Modelfile`). 병합된 가중치는 보통의 transformers 폴더입니다. 모델 크기에 따라 몇 초에서 몇 분까지 걸립니다."),
    "page.export_format": ("Format", "형식"),
    "page.export_fmt_gguf": ("GGUF (llama.cpp, LM Studio)", "GGUF (llama.cpp, LM Studio)"),
    "page.export_fmt_ollama": ("Ollama (Modelfile + GGUF)", "Ollama (Modelfile + GGUF)"),
    "page.export_fmt_merged": ("Merged weights (safetensors)", "병합된 가중치 (safetensors)"),
    "page.export_quant": (
        "GGUF quantisations (f16: exact; q8_0: half the size, nearly the same answers)",
        "GGUF 양자화 (f16: 그대로, q8_0: 절반 크기, 거의 같은 답)"),
    "page.export_push": (
        "Also push the GGUF files to the model repo (gguf/ folder)",
        "GGUF 파일을 모델 저장소에도 올리기 (gguf/ 폴더)"),
    "page.export_button": ("Export", "내보내기"),
    "page.export_files": ("Downloads", "내려받기"),
    "page.export_running": ("**Exporting ...** {step} ({seconds} s)", "**내보내는 중 ...** {step} ({seconds}초)"),
    "page.export_failed": ("**Export failed:** {reason}", "**내보내기 실패:** {reason}"),
    "page.export_done": ("**Export finished:** {n} file(s) below.", "**내보내기 끝:** 아래에 파일 {n}개가 있습니다."),
    "page.export_pushed": (
        "**Pushed to the model repo:** [{url}]({url}) (gguf/ folder, and the model card says how to run it).",
        "**모델 저장소에 올렸습니다:** [{url}]({url}) (gguf/ 폴더, 모델 카드에 실행 방법이 있습니다)."),
    "page.export_push_failed": ("**Push of the GGUF files failed:** {reason}", "**GGUF 파일 올리기 실패:** {reason}"),
    "page.export_pick_job": ("Pick a job that finished successfully first.", "먼저 성공적으로 끝난 작업을 고르세요."),
    "page.export_already": (
        "This job is already being exported: its progress is shown below.",
        "이 작업은 이미 내보내는 중입니다. 진행 상황은 아래에 있습니다."),
    # ---- the chat tab's notes (ui/chat_tab.py)
    "page.chat_pick_job": ("Pick a finished job first (train one in tabs 1-2).", "먼저 끝난 작업을 고르세요 (1-2번 탭에서 학습하세요)."),
    "page.chat_loading": (
        "Loading the model (the first message to a job takes a few seconds) ...",
        "모델을 불러오는 중입니다 (작업에 보내는 첫 메시지는 몇 초 걸립니다) ..."),
    "page.chat_cannot_load": ("The model cannot be loaded: {error}", "모델을 불러올 수 없습니다: {error}"),
    "page.chat_side_failed": ("The {side} model could not answer: {error}", "{side} 모델이 답하지 못했습니다: {error}"),
    "page.chat_side_base": ("base", "기본"),
    "page.chat_side_tuned": ("fine-tuned", "미세조정한"),
    # ---- Gradio's own words that its Korean locale lacks (shown by its status tracker and chatbot); the English
    # is Gradio's
    "common.complete": ("Complete", "완료"),
    "common.cancel": ("Cancel", "취소"),
    "common.copy_message": ("Copy message", "메시지 복사"),
    "common.copied_message": ("Copied message", "메시지를 복사했습니다"),
    "common.like": ("Like", "좋아요"),
    "common.dislike": ("Dislike", "별로예요"),
    "common.retry": ("Retry", "다시 시도"),
    # the announcement of a visitor's place in the queue (a heavy handler: upload check, chat, export)
    "status.queue_position": ("In queue: {position} of {size}", "대기 순서: {size}명 중 {position}번째"),
}
