"""Every label and message of the page, in English and Korean. The page shows the browser's language
(Gradio i18n); a key missing in one language falls back to English."""

import gradio as gr

from autotrain_ui import coach

EN = {
    "title": "AutoTrain UI: fine-tune an LLM on your own file",
    "intro": "Upload a CSV or JSONL file, check it, pick a trainer and press Train. Jobs keep running when you "
             "close or reload this page.",
    "tab_data": "1. Data", "tab_train": "2. Model and training", "tab_runs": "3. Runs",
    "upload": "Data file (CSV, JSONL, JSON or Parquet)",
    "preview": "First rows (shown as text)",
    "learn": "What the model will learn: the first rows as it sees them",
    "report": "Data check",
    "map_text": "Text column (chosen answer for reward/DPO/ORPO)",
    "map_rejected": "Rejected answer column",
    "map_prompt": "Prompt column",
    "model": "Model (Hub id, local folder or .gguf)",
    "trainer": "Trainer",
    "advanced": "Advanced: every other parameter",
    "command": "The same run from the command line",
    "export": "Download settings", "import": "Load settings from a file",
    "train": "Train", "submitted": "Job {id} queued as project {name}.",
    "no_file": "Upload a data file first (tab 1).",
    "cannot_train": "Cannot start this job:",
    "jobs": "Jobs", "job": "Job", "refresh": "Refresh", "cancel": "Cancel", "resume": "Resume",
    "status": "Status", "log": "Log (last lines)", "loss_plot": "Loss", "lr_plot": "Learning rate",
    "tab_chat": "4. Chat", "chat_job": "Finished job", "chat_tuned": "Your fine-tuned model",
    "chat_base": "The base model, same prompt", "chat_message": "Message", "send": "Send", "clear": "Clear",
    "compare": "Also ask the base model", "temperature": "Temperature (0: always the likeliest answer)",
    "max_new_tokens": "Longest reply (tokens)",
    "retry": "Retry with this change", "push": "Push to the Hub",
    "checkpoint": "Checkpoint the project keeps (the best one unless you choose another)",
    "use_checkpoint": "Keep this checkpoint",
    "held_out": "**{percent}% of the rows are held out** to measure the model before and after training (the report "
                "in Runs). Set Held-out rows (%) to 0 under Advanced to train on every row.",
    "trainer_help": "default: continue pre-training on plain text. sft: teach answers to prompts or "
                    "conversations. reward: learn to score a chosen answer above a rejected one. dpo / orpo: "
                    "prefer the chosen answer over the rejected one.",
    "hw_title": "Hardware: does this job fit, how long, what it costs",
    "hw_flavour": "Hardware (Space flavour: GPU memory, price)",
    "hw_rows": "Rows in your data (from the uploaded file)",
    "hw_drop": "Drop back to CPU basic when the queue is empty",
    "retry_with": "Retry with {change}", "try_with": "Try again with {change}",
    "verdict_title": "Did it learn?",
    **coach.MESSAGES,  # the coach's verdict sentences (keys verdict_*, change_*): English there, for the CLI too
    # ---- the training form: one label per field (ui/form.py); the help text stays in params.py
    "field_model": "Model (Hub id, local folder or .gguf)", "field_project_name": "Project name",
    "field_valid_split": "Validation split", "field_valid_percent": "Held-out rows (%)", "field_trainer": "Trainer",
    "field_peft": "LoRA", "field_chat_template": "Chat template", "field_train_on_inputs": "Train on prompts too",
    "field_epochs": "Epochs", "field_max_steps": "Max steps", "field_batch_size": "Batch size",
    "field_lr": "Learning rate", "field_gradient_accumulation": "Gradient accumulation",
    "field_warmup_ratio": "Warm-up share", "field_optimizer": "Optimizer", "field_scheduler": "Learning-rate schedule",
    "field_weight_decay": "Weight decay", "field_max_grad_norm": "Gradient clipping", "field_seed": "Random seed",
    "field_block_size": "Block size (tokens)", "field_model_max_length": "Max model length (tokens)",
    "field_max_prompt_length": "Max prompt length (tokens)", "field_max_completion_length": "Max answer length (tokens)",
    "field_add_eos_token": "Add an end-of-text token", "field_padding": "Padding side", "field_lora_r": "LoRA rank",
    "field_lora_alpha": "LoRA alpha", "field_lora_dropout": "LoRA dropout", "field_target_modules": "LoRA target modules",
    "field_merge_adapter": "Merge LoRA into the model", "field_quantization": "Quantization (QLoRA)",
    "field_model_ref": "Reference model (DPO)", "field_dpo_beta": "DPO beta", "field_mixed_precision": "Precision",
    "field_use_flash_attention_2": "Flash attention 2",
    "field_disable_gradient_checkpointing": "Turn off gradient checkpointing",
    "field_distributed_backend": "Multi-GPU method", "field_auto_find_batch_size": "Find a batch size that fits",
    "field_logging_steps": "Log every N steps", "field_evaluation_strategy": "When to evaluate",
    "field_save_strategy": "When to save checkpoints", "field_save_steps": "Save every N steps",
    "field_checkpoint_minutes": "Checkpoint every N minutes", "field_save_total_limit": "Checkpoints to keep",
    "field_log": "Experiment tracking", "field_push_to_hub": "Push to the Hub",
    "field_username": "Hub user or organisation",
    # ---- actions that fit the job's state (Runs), the command box, the summary next to Train
    "train_again": "Train again", "again_from_model": "Start from its trained model",
    "again_filled": "The form holds the settings of job {id} and its data; the new job will be {name}. Change what "
                    "you like and press Train: job {id} and its model stay as they are.",
    "again_not_final": "Job {id} is still {status}: Train again is for a finished job.",
    "cancelling": "Job {id} stops at its next step and saves.", "cancelled_queued": "Job {id} was cancelled before it "
                  "started.",
    "resumed": "Job {id} is queued again: it continues from its last checkpoint.",
    "pick_job": "Pick a job first.",
    "command_uploaded": "# --data-path is the copy of your upload on this server; on another machine use your own "
                        "file's path.",
    "command_no_file": "# No data file uploaded yet: this command reads ./data/train.csv (or .jsonl, .json, "
                       ".parquet). Put your file there, or add --data-path YOUR_FILE.",
    "settings_invalid": "These settings cannot be saved yet: {error}",
}
KO = {
    "title": "AutoTrain UI: 내 파일로 LLM 미세조정하기",
    "intro": "CSV 또는 JSONL 파일을 올리고, 검사하고, 트레이너를 고른 뒤 학습을 누르세요. 페이지를 닫거나 새로 "
             "고쳐도 작업은 계속됩니다.",
    "tab_data": "1. 데이터", "tab_train": "2. 모델과 학습", "tab_runs": "3. 실행 기록",
    "upload": "데이터 파일 (CSV, JSONL, JSON, Parquet)",
    "preview": "처음 몇 행 (텍스트로 표시)",
    "learn": "모델이 배울 내용: 모델이 보는 그대로의 처음 몇 행",
    "report": "데이터 검사",
    "map_text": "텍스트 열 (보상/DPO/ORPO에서는 선택된 답)",
    "map_rejected": "거절된 답 열",
    "map_prompt": "프롬프트 열",
    "model": "모델 (Hub ID, 로컬 폴더 또는 .gguf)",
    "trainer": "트레이너",
    "advanced": "고급: 나머지 모든 설정",
    "command": "같은 실행을 명령줄로",
    "export": "설정 내려받기", "import": "파일에서 설정 불러오기",
    "train": "학습", "submitted": "작업 {id}이(가) 프로젝트 {name}(으)로 대기열에 들어갔습니다.",
    "no_file": "먼저 데이터 파일을 올리세요 (1번 탭).",
    "cannot_train": "이 작업을 시작할 수 없습니다:",
    "tab_chat": "4. 대화", "chat_job": "끝난 작업", "chat_tuned": "미세조정한 모델", "chat_base": "기본 모델 (같은 질문)",
    "chat_message": "메시지", "send": "보내기", "clear": "지우기", "compare": "기본 모델에게도 묻기",
    "temperature": "온도 (0: 항상 가장 그럴듯한 답)", "max_new_tokens": "최대 답변 길이 (토큰)",
    "retry": "이 설정으로 다시 학습", "push": "Hub에 올리기",
    "checkpoint": "프로젝트가 간직할 체크포인트 (따로 고르지 않으면 가장 좋은 것)", "use_checkpoint": "이 체크포인트 사용",
    "held_out": "**행의 {percent}%를 따로 떼어** 학습 전후의 모델을 비교합니다 (실행 기록의 보고서). 모든 행으로 "
                "학습하려면 고급 설정에서 따로 뗄 행 (%)을 0으로 두세요.",
    "jobs": "작업", "job": "작업", "refresh": "새로 고침", "cancel": "취소", "resume": "이어서 학습",
    "status": "상태", "log": "로그 (마지막 줄)", "loss_plot": "손실", "lr_plot": "학습률",
    "trainer_help": "default: 일반 텍스트로 사전학습 계속. sft: 질문이나 대화에 대한 답 가르치기. reward: 선택된 "
                    "답을 거절된 답보다 높게 평가하도록 학습. dpo / orpo: 거절된 답보다 선택된 답을 선호하도록 학습.",
    "hw_title": "하드웨어: 이 작업이 들어가는지, 얼마나 걸리는지, 비용은 얼마인지",
    "hw_flavour": "하드웨어 (Space 사양: GPU 메모리, 가격)",
    "hw_rows": "데이터 행 수 (올린 파일에서)",
    "hw_drop": "대기열이 비면 CPU basic으로 되돌리기",
    # ---- 학습 양식의 항목 이름 (ui/form.py)
    "field_model": "모델 (Hub ID, 로컬 폴더 또는 .gguf)", "field_project_name": "프로젝트 이름",
    "field_valid_split": "검증 분할", "field_valid_percent": "따로 뗄 행 (%)", "field_trainer": "트레이너",
    "field_peft": "LoRA", "field_chat_template": "채팅 템플릿", "field_train_on_inputs": "프롬프트도 학습",
    "field_epochs": "에폭 수", "field_max_steps": "최대 스텝", "field_batch_size": "배치 크기",
    "field_lr": "학습률", "field_gradient_accumulation": "그래디언트 누적",
    "field_warmup_ratio": "워밍업 비율", "field_optimizer": "옵티마이저", "field_scheduler": "학습률 스케줄",
    "field_weight_decay": "가중치 감쇠", "field_max_grad_norm": "그래디언트 클리핑", "field_seed": "난수 시드",
    "field_block_size": "블록 크기 (토큰)", "field_model_max_length": "모델 최대 길이 (토큰)",
    "field_max_prompt_length": "프롬프트 최대 길이 (토큰)", "field_max_completion_length": "답변 최대 길이 (토큰)",
    "field_add_eos_token": "텍스트 끝 토큰 추가", "field_padding": "패딩 방향", "field_lora_r": "LoRA 랭크",
    "field_lora_alpha": "LoRA 알파", "field_lora_dropout": "LoRA 드롭아웃", "field_target_modules": "LoRA 대상 모듈",
    "field_merge_adapter": "LoRA를 모델에 병합", "field_quantization": "양자화 (QLoRA)",
    "field_model_ref": "참조 모델 (DPO)", "field_dpo_beta": "DPO 베타", "field_mixed_precision": "정밀도",
    "field_use_flash_attention_2": "플래시 어텐션 2",
    "field_disable_gradient_checkpointing": "그래디언트 체크포인팅 끄기",
    "field_distributed_backend": "다중 GPU 방식", "field_auto_find_batch_size": "메모리에 맞는 배치 크기 찾기",
    "field_logging_steps": "N 스텝마다 기록", "field_evaluation_strategy": "평가 시점",
    "field_save_strategy": "체크포인트 저장 시점", "field_save_steps": "N 스텝마다 저장",
    "field_checkpoint_minutes": "N분마다 체크포인트", "field_save_total_limit": "보관할 체크포인트 수",
    "field_log": "실험 기록", "field_push_to_hub": "Hub에 올리기",
    "field_username": "Hub 사용자 또는 조직",
    # ---- 상태에 맞는 동작 (실행 기록), 명령줄 상자
    "train_again": "다시 학습", "again_from_model": "학습된 모델에서 시작",
    "again_filled": "양식에 작업 {id}의 설정과 데이터가 들어갔습니다. 새 작업은 {name}(으)로 만들어집니다. 원하는 대로 "
                    "바꾸고 학습을 누르세요. 작업 {id}와(과) 그 모델은 그대로 남습니다.",
    "again_not_final": "작업 {id}은(는) 아직 {status} 상태입니다. 다시 학습은 끝난 작업에만 쓸 수 있습니다.",
    "cancelling": "작업 {id}은(는) 다음 스텝에서 저장하고 멈춥니다.", "cancelled_queued": "작업 {id}은(는) 시작 전에 "
                  "취소되었습니다.",
    "resumed": "작업 {id}이(가) 다시 대기열에 들어갔습니다. 마지막 체크포인트에서 이어집니다.",
    "pick_job": "먼저 작업을 고르세요.",
    "command_uploaded": "# --data-path는 이 서버에 있는 업로드 사본입니다. 다른 컴퓨터에서는 내 파일의 경로를 쓰세요.",
    "command_no_file": "# 아직 데이터 파일이 없습니다: 이 명령은 ./data/train.csv (또는 .jsonl, .json, .parquet)를 "
                       "읽습니다. 파일을 그 자리에 두거나 --data-path 내_파일 을 붙이세요.",
    "settings_invalid": "이 설정은 아직 저장할 수 없습니다: {error}",
}
I18N = gr.I18n(en=EN, ko=KO)


def t(key: str):
    """A label that the browser shows in its language."""
    return I18N(key)


def text(key: str, lang: str = "en", **values) -> str:
    """A message built on the server (job ids, names): English or Korean by the lang code."""
    table = KO if lang.startswith("ko") else EN
    return table.get(key, EN[key]).format(**values)
