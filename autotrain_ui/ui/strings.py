"""Every label and message of the page, in English and Korean.

Labels built once with the page (`t(key)`) are shown by the browser in its language (Gradio i18n). Text built on
the server for one visitor (job messages, the Runs view, the hardware estimate, the chat notes) is rendered with
`text(key, lang)` or `table(lang)`, where `lang = lang_of(request)` follows the request's Accept-Language.

The English of the modules that also speak to the CLI and the API (coach, jobs, access, checkpoints, publish,
hardware) lives in their MESSAGES dicts and is taken in here; the form's help texts come from params.py (the one
English source of the schema). Every key has a Korean entry (tests/test_i18n_page.py fails when one has none).

This module is long because it is data: the two tables (English, Korean) of every string on the page, kept in one
file so a key and its translation are found together; the code that merges and reads them is the last 60 lines.
"""

from __future__ import annotations

import gradio as gr

from autotrain_ui import access, chat, coach, fit, job_errors
from autotrain_ui.core import checkpoints, i18n
from autotrain_ui.hub import deploy, publish
from autotrain_ui.core.models import picker_models
from autotrain_ui.core.params import LLMParams

LANGS = ("en", "ko")

PAGE_EN = {
    "title": "AutoTrain UI: fine-tune an LLM on your own file",
    "intro": "Upload a CSV or JSONL file, check it, pick a trainer and press Train. Jobs keep running when you "
             "close or reload this page.",
    "tab_data": "1. Data", "tab_train": "2. Model and training", "tab_runs": "3. Runs",
    "upload": "Data file (CSV, JSONL, JSON or Parquet)",
    "hub_id": "Or a dataset from the Hub: its id (OWNER/NAME) or its address", "hub_load": "Load from the Hub",
    "hub_config": "Config (subset)", "hub_split": "Split",
    "preview": "First rows (shown as text)",
    "learn": "What the model will learn: the first rows as it sees them",
    "report": "Data check",
    "map_text": "Text column (chosen answer for reward/DPO/ORPO, the answer for KTO)",
    "map_rejected": "Rejected answer column",
    "map_prompt": "Prompt column",
    "map_label": "Good/bad label column (KTO)",
    "model": "Model (Hub id, local folder or .gguf)",
    "trainer": "Trainer",
    "advanced": "Advanced: every other parameter",
    "command": "The same run from the command line",
    "export": "Download settings", "import": "Load settings from a file",
    "train_button": "Train", "submitted": "Job {id} queued as project {name}.",
    "no_file": "Upload a data file first (tab 1).",
    "cannot_train": "Cannot start this job:",
    "jobs": "Jobs", "job": "Job", "refresh": "Refresh", "cancel": "Cancel", "resume": "Resume",
    "status": "Status", "loss_plot": "Loss", "lr_plot": "Learning rate",
    "tab_chat": "4. Chat", "chat_job": "Finished job", "chat_tuned": "Your fine-tuned model",
    "chat_base": "The base model, same prompt", "chat_message": "Message", "send": "Send", "clear": "Clear",
    "compare": "Also ask the base model", "temperature": "Temperature (0: always the likeliest answer)",
    "max_new_tokens": "Longest reply (tokens)",
    "retry": "Retry with this change", "push": "Push to the Hub", "deploy": "Deploy a chat Space",
    "deploy_not_pushed": "Push this job to the Hub first: the chat Space loads the model from its repo.",
    "checkpoint": "Checkpoint the project keeps (the best one unless you choose another)",
    "use_checkpoint": "Keep this checkpoint",
    "held_out": "**{percent}% of the rows are held out** to measure the model before and after training (the report "
                "in Runs). Set Held-out rows (%) to 0 under Advanced to train on every row.",
    "rewards_menu": "Reward menu (GRPO)",
    "rewards_menu_help": "GRPO: the model writes several answers to each prompt, the rewards ticked here score each "
                         "from 0 to 1, and it learns to give the better-scored ones. Tick the checks you can state, "
                         "give each a weight; the Rewards field above shows what will be used.",
    "reward_kind_match": "Matches the reference answer (match)",
    "reward_kind_number": "The number equals the reference's (number)",
    "reward_kind_format": "Follows a format: tags or a regular expression (format)",
    "reward_kind_json": "Valid JSON, with these keys (json)", "reward_kind_length": "Length in words (length)",
    "reward_kind_contains": "Contains these words (contains)", "reward_kind_avoids": "Avoids these words (avoids)",
    "reward_kind_language": "In the prompt's language (language)",
    "reward_options": "Options", "reward_weight": "Weight",
    "series_reward": "reward", "series_reward_std": "reward spread",
    "samples_title": "**Sampled answers at step {step}** (their mean length: {length} tokens), each with its reward "
                     "(0 to 1) and each reward's score:",
    "samples_prompt": "Prompt: {prompt}", "samples_empty": "(empty answer)",
    "trainer_help": "default: continue pre-training on plain text. sft: teach answers to prompts or "
                    "conversations. reward: learn to score a chosen answer above a rejected one. dpo / orpo: "
                    "prefer the chosen answer over the rejected one. kto: give more answers like those marked good, "
                    "fewer like those marked bad. grpo: the model writes several answers to each prompt, the rewards "
                    "you choose score them, and it learns to give the better-scored ones; choose it over SFT or DPO "
                    "when you can check an answer (a number, JSON, a length, a language) but have no good answers "
                    "to copy or pairs to compare.",
    "hw_title": "Hardware: does this job fit, how long, what it costs",
    "hw_flavour": "Hardware (Space flavour: GPU memory, price)",
    "hw_rows": "Rows in your data (from the uploaded file)",
    "hw_drop": "Drop back to CPU basic when the queue is empty",
    "retry_with": "Retry with {change}", "try_with": "Try again with {change}",
    "verdict_title": "Did it learn?",
    # ---- the training form: one label per field (ui/form.py); the help text (help_*) comes from params.py below
    "field_model": "Model (pick one, or type a Hub id, local folder or .gguf)", "field_project_name": "Project name",
    "model_label": "{label} ({size}, gated: {gated})", "model_gated_yes": "yes", "model_gated_no": "no",
    "field_valid_split": "Validation split", "field_valid_percent": "Held-out rows (%)", "field_trainer": "Trainer",
    "field_peft": "LoRA", "field_chat_template": "Chat template", "field_train_on_inputs": "Train on prompts too",
    "field_epochs": "Epochs", "field_max_steps": "Max steps", "field_sample_rows": "Sample rows", "field_batch_size": "Batch size",
    "field_lr": "Learning rate", "field_gradient_accumulation": "Gradient accumulation",
    "field_warmup_ratio": "Warm-up share", "field_optimizer": "Optimizer", "field_scheduler": "Learning-rate schedule",
    "field_weight_decay": "Weight decay", "field_max_grad_norm": "Gradient clipping", "field_seed": "Random seed",
    "field_block_size": "Block size (tokens)", "field_model_max_length": "Max model length (tokens)",
    "field_max_prompt_length": "Max prompt length (tokens)", "field_max_completion_length": "Max answer length (tokens)",
    "field_add_eos_token": "Add an end-of-text token", "field_padding": "Padding side", "field_lora_r": "LoRA rank",
    "field_lora_alpha": "LoRA alpha", "field_lora_dropout": "LoRA dropout", "field_target_modules": "LoRA target modules",
    "field_merge_adapter": "Merge LoRA into the model", "field_quantization": "Quantization (QLoRA)",
    "field_model_ref": "Reference model (DPO, KTO)", "field_dpo_beta": "Beta (DPO, KTO)", "field_rewards": "Rewards (GRPO)",
    "field_num_generations": "Answers per prompt (GRPO)", "field_grpo_beta": "KL beta (GRPO)",
    "field_generation_temperature": "Sampling temperature (GRPO)", "field_label_threshold": "Good from rating (KTO)", "field_mixed_precision": "Precision",
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
    "command_hub": "# --data-path is the Hub dataset: the run downloads its split at the commit --data-revision names.",
    "command_no_file": "# No data file uploaded yet: this command reads ./data/train.csv (or .jsonl, .json, "
                       ".parquet). Put your file there, or add --data-path YOUR_FILE.",
    "settings_invalid": "These settings cannot be saved yet: {error}",
    # ---- the form's choices a person reads (the value stays what the CLI takes)
    "not_set": "not set", "choice_auto": "auto", "choice_None": "None", "choice_none": "none",
    "choice_tokenizer": "tokenizer",
    "choice_epoch": "epoch", "choice_steps": "steps", "choice_no": "no", "choice_left": "left",
    "choice_right": "right",
    # ---- job messages (app.py)
    "settings_not_loaded": "Those settings could not be loaded: {error}",
    "no_job": "There is no job {id}.",
    "pick_job_checkpoint": "Pick a job and a checkpoint first.",
    "no_retry_change": "Job {id} has no suggested change to retry with.",
    # ---- the Runs tab: the jobs table, one job's view, the before/after report, trackers
    "col_id": "id", "col_name": "name", "col_status": "status", "col_trainer": "trainer", "col_model": "model",
    "col_started": "started", "col_duration": "duration", "col_step": "step",
    "col_final_loss": "final loss",
    "job_line": "**{name}** - status: **{status}** - step {step}",
    "fact_loss": "loss {loss:.4f}", "fact_eval_loss": "eval loss {loss:.4f}", "fact_elapsed": "elapsed {time}",
    "fact_eta": "ETA {time}",
    "job_failed": "**Failed: {message}**",
    "log_step": "Step {step}", "log_step_of": "Step {step}/{total}", "log_epoch": "epoch {epoch:.2f}",
    "log_loss": "loss {loss:.4f}", "log_eval_loss": "held-out loss {loss:.4f}", "log_lr": "learning rate {lr:.2e}",
    "log_reward": "reward {reward:.3f}", "log_accuracy": "chosen ranked first on {share:.0%} of pairs",
    "log_left": "about {time} left", "log_done": "Training finished in {time}, average loss {loss:.4f}",
    "log_done_plain": "Training finished in {time}", "log_none": "No step logged yet.",
    "log_readable": "Training, step by step", "log_full": "Full log (as the training process wrote it)",
    "plot_step": "step", "plot_loss": "loss", "plot_series": "curve", "plot_lr": "learning rate",
    "series_loss": "training loss", "series_eval_loss": "held-out loss",
    "report_col_base": "base model", "report_col_tuned": "fine-tuned",
    "report_row_loss": "held-out loss (lower is better)", "report_row_preference": "chosen scored above rejected",
    "report_row_margin": "good minus bad answers (log-probability per token, higher is better)",
    "report_prompt": "Prompt:", "report_expected": "expected", "report_rejected": "rejected",
    "report_broken": "(breaks down: repeats itself or is empty)",
    "tracker_tensorboard": "TensorBoard logs: `{runs}`; see them with `tensorboard --logdir {runs}`, or on the "
                           "model's Hub page (Training metrics) once pushed.",
    "tracker_trackio": "Trackio dashboard: `TRACKIO_DIR={folder} trackio show --project {project}`",
    "tracker_wandb": "Weights & Biases run files: `{folder}` (synced to wandb.ai when WANDB_API_KEY is set).",
    # ---- numbers for people (ui/fmt.py)
    "count_row_one": "{n:,} row", "count_row": "{n:,} rows",
    "count_training_row_one": "{n:,} row", "count_training_row": "{n:,} rows",
    "count_held_out_row_one": "{n:,} held-out row", "count_held_out_row": "{n:,} held-out rows",
    "dur_s": "{s} s", "dur_min_s": "{m} min {s} s", "dur_min": "{m} min", "dur_h_min": "{h} h {m} min",
    "dur_h": "{h} h", "dur_days": "{days:.1f} days", "speed_tokens": "{n:,.0f} tokens/s",
    # ---- the hardware panel (ui/hardware_panel.py); the estimate's own words are fit.MESSAGES
    "hw_choose_model": "Choose a model to see whether it fits.",
    "hw_no_estimate": "No estimate: {error}",
    "hw_this_machine": "this machine",
    "hw_where_gpu": "one {gpu} has {memory}", "hw_where_ram": "it has {memory} RAM",
    "method_full": "full fine-tune", "method_lora": "LoRA", "method_qlora": "QLoRA (int4)",
    "method_qlora8": "QLoRA (int8)",
    "hw_fits": "**Fits on {name}** ({how}): about {need} needed, {where}.",
    "hw_no_fit": "**Does not fit on {name}** ({how}): about {need} needed, {where}.",
    "hw_free": "free", "hw_cost": "about ${cost:.2f} at ${price:.2f}/hour",
    "hw_time": "**Roughly {time}** ({cost}).",
    "hw_checkpointing": "Gradient checkpointing {why}; the run decides the same way when it starts, from the memory "
                        "free then (train.log says what it chose).",
    "hw_cheapest": "Cheapest hardware it fits on: **{label}** ({details}, roughly {time}).",
    "hw_fits_nowhere": "It fits on none of the Space flavours like this (each GPU holds a whole copy of the model).",
    "hw_try_lora": "Turning on LoRA, with int4 quantization on a GPU, needs far less memory.",
    "hw_try_smaller": "A smaller batch size or block size also needs less memory.",
    "hw_rows_assumed": "_No data file yet: {rows} assumed._",
    "hw_limit_hours": "Longest run you want (hours)",
    "hw_cost_limit": "Most you want a run to cost (USD; 0 or empty: no limit)",
    "limit_over": "**This run would take about {time}, more than your limit of {limit}.** Pick one to bring it down:",
    "limit_offer_steps": "Stop after {steps} steps (about {time})",
    "limit_offer_sample": "Train on a random sample of {rows} rows (about {time})",
    "limit_offer_flavour": "Use {label} (about {time}, about ${cost:.2f})",
    "limit_no_offer": "Nothing here brings it under the limit: raise the limit, or choose a smaller model.",
    "limit_steps": "Cap the steps", "limit_sample": "Sample the rows", "limit_flavour": "Bigger hardware",
    "hw_unknown_model": "_{model} is not one of the models this tool knows (the list in the model box): its size is "
                        "read from its name or assumed, and its layers and vocabulary are guessed, so this estimate "
                        "is rougher._",
    "hw_assumptions": "<small>Assumptions: {text}</small>",
    "fl_label": "{label} - {memory} - {price}{current}", "fl_current": " (current)",
    "fl_gpu": "{memory:g} GB GPU", "fl_gpus": "{gpus}x {memory:g} GB GPU", "fl_cpu": "no GPU, {ram:g} GB RAM",
    "fl_free": "free", "fl_price": "about ${price:.2f}/hour",
    "fl_local": "This machine - {gpu} - {cpus} CPU cores (current)", "fl_local_gpu": "{gpus}x {gpu} {memory:.0f} GB",
    "fl_no_gpu": "no GPU",
    "hw_move_to": "Move this Space to {label}", "hw_move": "Move this Space",
    "hw_owner_only": "Only the owner of this Space ({owner}), signed in, may change its hardware: it is billed to "
                     "their account. Here {who}.",
    "hw_signed_in_as": "you are signed in as {user}", "hw_not_signed_in": "you are not signed in",
    "hw_its_owner": "its owner",
    "hw_not_space": "This app is not running on a Space: it trains on this machine's own hardware.",
    "hw_choose": "Choose the hardware to move to.",
    "hw_busy": "Job {name} is running: moving restarts the Space and would interrupt it. Wait until it ends, or "
               "cancel it first (Resume continues an interrupted job from its last checkpoint).",
    "hw_already": "**{space} is already on {label}.**",
    "hw_not_moved": "**Not moved.** {error}",
    "hw_price_billed": "about ${price:.2f}/hour, billed to {owner} while it runs there",
    "hw_moving": "**Moving {space} to {label}** ({price}). The Space restarts now: this page loses its connection "
                 "for a few minutes, then reload it.",
    "hw_queued_start": "The {n} queued job(s) start by themselves when it is back.",
    "hw_jobs_start": "Jobs you queue, and jobs sent with `--backend spaces-...`, start by themselves when it is back.",
    "hw_billing_goes_on": "Billing goes on until you move it back: tick \"{drop}\" to have that done for you.",
    "hw_no_storage": "**Warning:** this Space has no persistent storage (/data): queued jobs and finished projects are "
                     "lost in the restart. Push results to the Hub first, or add storage in the Space settings.",
    "hw_drop_not_space": "Dropping back to CPU basic only applies on a Space; this machine's hardware stays as it is.",
    "hw_drop_on": "When no job is queued or running for a few minutes, this Space moves back to CPU basic (free) and "
                  "the GPU's billing stops. The Space restarts when it does.",
    "hw_drop_off": "The Space stays on its hardware when the queue is empty (billing goes on until you move it).",
    # ---- the Runs view's Export panel (ui/export_panel.py)
    "export_title": "Export: run it on your computer (GGUF, Ollama, merged weights)",
    "export_intro": "GGUF files run in llama.cpp, LM Studio and Ollama; the Ollama zip holds a Modelfile with the chat "
                    "format and its GGUF file (`ollama create NAME -f Modelfile`); merged weights are a normal "
                    "transformers folder. Exporting takes from seconds to many minutes, by the model's size.",
    "export_format": "Format", "export_fmt_gguf": "GGUF (llama.cpp, LM Studio)",
    "export_fmt_ollama": "Ollama (Modelfile + GGUF)", "export_fmt_merged": "Merged weights (safetensors)",
    "export_quant": "GGUF quantisations (f16: exact; q8_0: half the size, nearly the same answers)",
    "export_push": "Also push the GGUF files to the model repo (gguf/ folder)",
    "export_button": "Export", "export_files": "Downloads",
    "export_running": "**Exporting ...** {step} ({seconds} s)",
    "export_failed": "**Export failed:** {reason}",
    "export_done": "**Export finished:** {n} file(s) below.",
    "export_pushed": "**Pushed to the model repo:** [{url}]({url}) (gguf/ folder, and the model card says how to run it).",
    "export_push_failed": "**Push of the GGUF files failed:** {reason}",
    "export_pick_job": "Pick a job that finished successfully first.",
    "export_already": "This job is already being exported: its progress is shown below.",
    # ---- the chat tab's notes (ui/chat_tab.py)
    "chat_pick_job": "Pick a finished job first (train one in tabs 1-2).",
    "chat_loading": "Loading the model (the first message to a job takes a few seconds) ...",
    "chat_cannot_load": "The model cannot be loaded: {error}",
    "chat_side_failed": "The {side} model could not answer: {error}",
    "chat_side_base": "base", "chat_side_tuned": "fine-tuned",
    # ---- Gradio's own words that its Korean locale lacks (shown by its status tracker and chatbot); the English
    # is Gradio's
    "common.complete": "Complete", "common.cancel": "Cancel", "common.copy_message": "Copy message",
    "common.copied_message": "Copied message", "common.like": "Like", "common.dislike": "Dislike",
    "common.retry": "Retry",
    # the announcement of a visitor's place in the queue (a heavy handler: upload check, chat, export)
    "status.queue_position": "In queue: {position} of {size}",
}

PAGE_KO = {
    "title": "AutoTrain UI: 내 파일로 LLM 미세조정하기",
    "intro": "CSV 또는 JSONL 파일을 올리고, 검사하고, 트레이너를 고른 뒤 학습을 누르세요. 페이지를 닫거나 새로 "
             "고쳐도 작업은 계속됩니다.",
    "tab_data": "1. 데이터", "tab_train": "2. 모델과 학습", "tab_runs": "3. 실행 기록",
    "upload": "데이터 파일 (CSV, JSONL, JSON, Parquet)",
    "hub_id": "또는 Hub의 데이터셋: ID (OWNER/NAME) 또는 주소", "hub_load": "Hub에서 불러오기",
    "hub_config": "구성 (부분 집합)", "hub_split": "분할",
    "preview": "처음 몇 행 (텍스트로 표시)",
    "learn": "모델이 배울 내용: 모델이 보는 그대로의 처음 몇 행",
    "report": "데이터 검사",
    "map_text": "텍스트 열 (보상/DPO/ORPO에서는 선택된 답, KTO에서는 답)",
    "map_rejected": "거절된 답 열",
    "map_prompt": "프롬프트 열",
    "map_label": "좋음/나쁨 라벨 열 (KTO)",
    "model": "모델 (Hub ID, 로컬 폴더 또는 .gguf)",
    "trainer": "트레이너",
    "advanced": "고급: 나머지 모든 설정",
    "command": "같은 실행을 명령줄로",
    "export": "설정 내려받기", "import": "파일에서 설정 불러오기",
    "train_button": "학습", "submitted": "작업 {id}이(가) 프로젝트 {name}(으)로 대기열에 들어갔습니다.",
    "no_file": "먼저 데이터 파일을 올리세요 (1번 탭).",
    "cannot_train": "이 작업을 시작할 수 없습니다:",
    # ---- 실행 기록의 내보내기 (ui/export_panel.py)
    "export_title": "내보내기: 내 컴퓨터에서 실행하기 (GGUF, Ollama, 병합된 가중치)",
    "export_intro": "GGUF 파일은 llama.cpp, LM Studio, Ollama에서 실행됩니다. Ollama zip에는 채팅 형식이 담긴 "
                    "Modelfile과 GGUF 파일이 들어 있습니다 (`ollama create NAME -f Modelfile`). 병합된 가중치는 보통의 "
                    "transformers 폴더입니다. 모델 크기에 따라 몇 초에서 몇 분까지 걸립니다.",
    "export_format": "형식", "export_fmt_gguf": "GGUF (llama.cpp, LM Studio)",
    "export_fmt_ollama": "Ollama (Modelfile + GGUF)", "export_fmt_merged": "병합된 가중치 (safetensors)",
    "export_quant": "GGUF 양자화 (f16: 그대로, q8_0: 절반 크기, 거의 같은 답)",
    "export_push": "GGUF 파일을 모델 저장소에도 올리기 (gguf/ 폴더)",
    "export_button": "내보내기", "export_files": "내려받기",
    "export_running": "**내보내는 중 ...** {step} ({seconds}초)",
    "export_failed": "**내보내기 실패:** {reason}",
    "export_done": "**내보내기 끝:** 아래에 파일 {n}개가 있습니다.",
    "export_pushed": "**모델 저장소에 올렸습니다:** [{url}]({url}) (gguf/ 폴더, 모델 카드에 실행 방법이 있습니다).",
    "export_push_failed": "**GGUF 파일 올리기 실패:** {reason}",
    "export_pick_job": "먼저 성공적으로 끝난 작업을 고르세요.",
    "export_already": "이 작업은 이미 내보내는 중입니다. 진행 상황은 아래에 있습니다.",
    "tab_chat": "4. 대화", "chat_job": "끝난 작업", "chat_tuned": "미세조정한 모델", "chat_base": "기본 모델 (같은 질문)",
    "chat_message": "메시지", "send": "보내기", "clear": "지우기", "compare": "기본 모델에게도 묻기",
    "temperature": "온도 (0: 항상 가장 그럴듯한 답)", "max_new_tokens": "최대 답변 길이 (토큰)",
    "retry": "이 설정으로 다시 학습", "push": "Hub에 올리기", "deploy": "채팅 Space 만들기",
    "deploy_not_pushed": "먼저 이 작업을 Hub에 올리세요: 채팅 Space는 모델을 그 저장소에서 불러옵니다.",
    "checkpoint": "프로젝트가 간직할 체크포인트 (따로 고르지 않으면 가장 좋은 것)", "use_checkpoint": "이 체크포인트 사용",
    "held_out": "**행의 {percent}%를 따로 떼어** 학습 전후의 모델을 비교합니다 (실행 기록의 보고서). 모든 행으로 "
                "학습하려면 고급 설정에서 따로 뗄 행 (%)을 0으로 두세요.",
    "jobs": "작업", "job": "작업", "refresh": "새로 고침", "cancel": "취소", "resume": "이어서 학습",
    "status": "상태", "loss_plot": "손실", "lr_plot": "학습률",
    "rewards_menu": "보상 메뉴 (GRPO)",
    "rewards_menu_help": "GRPO: 모델이 프롬프트마다 여러 답을 쓰고, 여기서 고른 보상이 각 답을 0~1로 채점하면, 점수가 "
                         "높은 답을 하도록 배웁니다. 확인할 수 있는 것을 고르고 가중치를 주세요. 위의 보상 칸에 쓰일 "
                         "값이 보입니다.",
    "reward_kind_match": "참조 답과 일치 (match)",
    "reward_kind_number": "숫자가 참조 답의 숫자와 같음 (number)",
    "reward_kind_format": "형식을 따름: 태그나 정규식 (format)",
    "reward_kind_json": "올바른 JSON, 이 키 포함 (json)", "reward_kind_length": "단어 수 범위 (length)",
    "reward_kind_contains": "이 단어를 포함 (contains)", "reward_kind_avoids": "이 단어를 피함 (avoids)",
    "reward_kind_language": "프롬프트와 같은 언어 (language)",
    "reward_options": "옵션", "reward_weight": "가중치",
    "series_reward": "보상", "series_reward_std": "보상 편차",
    "samples_title": "**{step} 스텝에서 샘플링한 답** (평균 길이: {length} 토큰), 각각의 보상(0~1)과 보상별 점수:",
    "samples_prompt": "프롬프트: {prompt}", "samples_empty": "(빈 답)",
    "trainer_help": "default: 일반 텍스트로 사전학습 계속. sft: 질문이나 대화에 대한 답 가르치기. reward: 선택된 "
                    "답을 거절된 답보다 높게 평가하도록 학습. dpo / orpo: 거절된 답보다 선택된 답을 선호하도록 학습. "
                    "kto: 좋음으로 표시된 답 같은 답은 더, 나쁨으로 표시된 답 같은 답은 덜 하도록 학습. grpo: 모델이 "
                    "프롬프트마다 여러 답을 쓰고, 고른 보상이 채점하면, 점수가 높은 답을 하도록 배웁니다. 답을 "
                    "확인할 수는 있지만(숫자, JSON, 길이, 언어) 베낄 좋은 답이나 비교할 답 쌍이 없을 때 SFT나 DPO "
                    "대신 고르세요.",
    "hw_title": "하드웨어: 이 작업이 들어가는지, 얼마나 걸리는지, 비용은 얼마인지",
    "hw_flavour": "하드웨어 (Space 사양: GPU 메모리, 가격)",
    "hw_rows": "데이터 행 수 (올린 파일에서)",
    "hw_drop": "대기열이 비면 CPU basic으로 되돌리기",
    # ---- 학습 양식의 항목 이름 (ui/form.py)
    "field_model": "모델 (목록에서 고르거나 Hub ID, 로컬 폴더, .gguf 입력)", "field_project_name": "프로젝트 이름",
    "model_label": "{label} ({size}, 라이선스 동의 {gated})", "model_gated_yes": "필요", "model_gated_no": "불필요",
    "field_valid_split": "검증 분할", "field_valid_percent": "따로 뗄 행 (%)", "field_trainer": "트레이너",
    "field_peft": "LoRA", "field_chat_template": "채팅 템플릿", "field_train_on_inputs": "프롬프트도 학습",
    "field_epochs": "에폭 수", "field_max_steps": "최대 스텝", "field_sample_rows": "표본 행 수", "field_batch_size": "배치 크기",
    "field_lr": "학습률", "field_gradient_accumulation": "그래디언트 누적",
    "field_warmup_ratio": "워밍업 비율", "field_optimizer": "옵티마이저", "field_scheduler": "학습률 스케줄",
    "field_weight_decay": "가중치 감쇠", "field_max_grad_norm": "그래디언트 클리핑", "field_seed": "난수 시드",
    "field_block_size": "블록 크기 (토큰)", "field_model_max_length": "모델 최대 길이 (토큰)",
    "field_max_prompt_length": "프롬프트 최대 길이 (토큰)", "field_max_completion_length": "답변 최대 길이 (토큰)",
    "field_add_eos_token": "텍스트 끝 토큰 추가", "field_padding": "패딩 방향", "field_lora_r": "LoRA 랭크",
    "field_lora_alpha": "LoRA 알파", "field_lora_dropout": "LoRA 드롭아웃", "field_target_modules": "LoRA 대상 모듈",
    "field_merge_adapter": "LoRA를 모델에 병합", "field_quantization": "양자화 (QLoRA)",
    "field_model_ref": "참조 모델 (DPO, KTO)", "field_dpo_beta": "베타 (DPO, KTO)", "field_rewards": "보상 (GRPO)",
    "field_num_generations": "프롬프트당 답 수 (GRPO)", "field_grpo_beta": "KL 베타 (GRPO)",
    "field_generation_temperature": "샘플링 온도 (GRPO)", "field_label_threshold": "좋음으로 볼 평점 (KTO)", "field_mixed_precision": "정밀도",
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
    "command_hub": "# --data-path는 Hub 데이터셋입니다: 실행이 --data-revision의 커밋에서 그 분할을 내려받습니다.",
    "command_no_file": "# 아직 데이터 파일이 없습니다: 이 명령은 ./data/train.csv (또는 .jsonl, .json, .parquet)를 "
                       "읽습니다. 파일을 그 자리에 두거나 --data-path 내_파일 을 붙이세요.",
    "settings_invalid": "이 설정은 아직 저장할 수 없습니다: {error}",
    "retry_with": "다시 학습: {change}", "try_with": "이렇게 바꿔 다시 해 보기: {change}",
    "verdict_title": "배웠을까요?",
    # ---- 양식의 선택지 (값은 명령줄이 받는 그대로)
    "not_set": "설정 안 함", "choice_auto": "자동 (auto)", "choice_None": "없음 (None)", "choice_none": "없음 (none)",
    "choice_tokenizer": "모델 자체 템플릿 (tokenizer)",
    "choice_epoch": "에폭마다 (epoch)", "choice_steps": "N 스텝마다 (steps)", "choice_no": "안 함 (no)",
    "choice_left": "왼쪽 (left)", "choice_right": "오른쪽 (right)",
    # ---- 작업 메시지 (app.py)
    "settings_not_loaded": "그 설정을 불러올 수 없습니다: {error}",
    "no_job": "작업 {id}이(가) 없습니다.",
    "pick_job_checkpoint": "먼저 작업과 체크포인트를 고르세요.",
    "no_retry_change": "작업 {id}에는 다시 학습할 때 바꿀 설정이 제안되지 않았습니다.",
    # ---- 실행 기록 탭
    "col_id": "ID", "col_name": "이름", "col_status": "상태", "col_trainer": "트레이너", "col_model": "모델",
    "col_started": "시작", "col_duration": "걸린 시간", "col_step": "스텝",
    "col_final_loss": "최종 손실",
    "job_line": "**{name}** - 상태: **{status}** - 스텝 {step}",
    "fact_loss": "손실 {loss:.4f}", "fact_eval_loss": "평가 손실 {loss:.4f}", "fact_elapsed": "경과 {time}",
    "fact_eta": "남은 시간 약 {time}",
    "job_failed": "**실패: {message}**",
    "log_step": "스텝 {step}", "log_step_of": "스텝 {step}/{total}", "log_epoch": "에포크 {epoch:.2f}",
    "log_loss": "손실 {loss:.4f}", "log_eval_loss": "따로 뗀 행의 손실 {loss:.4f}", "log_lr": "학습률 {lr:.2e}",
    "log_reward": "보상 {reward:.3f}", "log_accuracy": "쌍의 {share:.0%}에서 선택된 답을 먼저 꼽음",
    "log_left": "남은 시간 약 {time}", "log_done": "학습이 {time} 만에 끝났습니다, 평균 손실 {loss:.4f}",
    "log_done_plain": "학습이 {time} 만에 끝났습니다", "log_none": "아직 기록된 스텝이 없습니다.",
    "log_readable": "학습 진행, 스텝별", "log_full": "전체 로그 (학습 프로세스가 쓴 그대로)",
    "plot_step": "스텝", "plot_loss": "손실", "plot_series": "곡선", "plot_lr": "학습률",
    "series_loss": "학습 손실", "series_eval_loss": "따로 뗀 행의 손실",
    "report_col_base": "기본 모델", "report_col_tuned": "미세조정한 모델",
    "report_row_loss": "따로 뗀 행의 손실 (낮을수록 좋음)", "report_row_preference": "선택된 답을 거절된 답보다 높게 평가",
    "report_row_margin": "좋은 답 빼기 나쁜 답 (토큰당 로그 확률, 높을수록 좋음)",
    "report_prompt": "프롬프트:", "report_expected": "기대한 답", "report_rejected": "거절된 답",
    "report_broken": "(망가짐: 같은 말을 되풀이하거나 비어 있음)",
    "tracker_tensorboard": "TensorBoard 로그: `{runs}`. `tensorboard --logdir {runs}`(으)로 보거나, 올린 뒤 모델의 "
                           "Hub 페이지(\"Training metrics\")에서 보세요.",
    "tracker_trackio": "Trackio 대시보드: `TRACKIO_DIR={folder} trackio show --project {project}`",
    "tracker_wandb": "Weights & Biases 실행 파일: `{folder}` (WANDB_API_KEY가 설정되어 있으면 wandb.ai에 동기화됩니다).",
    # ---- 사람이 읽는 숫자 (ui/fmt.py)
    "count_row_one": "{n:,}행", "count_row": "{n:,}행",
    "count_training_row_one": "행 {n:,}개", "count_training_row": "행 {n:,}개",
    "count_held_out_row_one": "따로 뗀 행 {n:,}개", "count_held_out_row": "따로 뗀 행 {n:,}개",
    "dur_s": "{s}초", "dur_min_s": "{m}분 {s}초", "dur_min": "{m}분", "dur_h_min": "{h}시간 {m}분",
    "dur_h": "{h}시간", "dur_days": "{days:.1f}일", "speed_tokens": "초당 {n:,.0f}토큰",
    # ---- 하드웨어 패널
    "hw_choose_model": "모델을 고르면 들어가는지 알려 드립니다.",
    "hw_no_estimate": "예상할 수 없습니다: {error}",
    "hw_this_machine": "이 컴퓨터",
    "hw_where_gpu": "{gpu} 하나의 메모리는 {memory}", "hw_where_ram": "RAM은 {memory}",
    "assume_method_full": "전체 미세조정", "assume_method_lora": "LoRA", "assume_method_qlora": "QLoRA (int4)",
    "assume_method_qlora8": "QLoRA (int8)",
    "method_full": "전체 미세조정", "method_lora": "LoRA", "method_qlora": "QLoRA (int4)",
    "method_qlora8": "QLoRA (int8)",
    "hw_fits": "**{name}에 들어갑니다** ({how}): 약 {need} 필요, {where}.",
    "hw_no_fit": "**{name}에 들어가지 않습니다** ({how}): 약 {need} 필요, {where}.",
    "hw_free": "무료", "hw_cost": "시간당 ${price:.2f}(으)로 약 ${cost:.2f}",
    "hw_time": "**대략 {time}** ({cost}).",
    "hw_checkpointing": "그래디언트 체크포인팅 {why}. 실행이 시작될 때도 그때 남은 메모리로 같은 방식으로 정합니다 "
                        "(train.log에 무엇을 골랐는지 나옵니다).",
    "hw_cheapest": "이 작업이 들어가는 가장 싼 하드웨어: **{label}** ({details}, 대략 {time}).",
    "hw_fits_nowhere": "이대로는 어떤 Space 사양에도 들어가지 않습니다 (GPU마다 모델 전체 사본을 담습니다).",
    "hw_try_lora": "LoRA를 켜고 GPU에서 int4 양자화를 쓰면 메모리가 훨씬 적게 듭니다.",
    "hw_try_smaller": "배치 크기나 블록 크기를 줄여도 메모리가 적게 듭니다.",
    "hw_rows_assumed": "_아직 데이터 파일이 없어 {rows}(으)로 가정합니다._",
    "hw_limit_hours": "실행 시간 한도 (시간)",
    "hw_cost_limit": "실행 비용 한도 (USD; 0이거나 비워 두면 한도 없음)",
    "limit_over": "**이 실행은 약 {time} 걸려 한도인 {limit}을(를) 넘습니다.** 하나를 골라 줄이세요:",
    "limit_offer_steps": "{steps} 스텝에서 멈추기 (약 {time})",
    "limit_offer_sample": "무작위로 뽑은 {rows}개 행으로 학습 (약 {time})",
    "limit_offer_flavour": "{label} 사용 (약 {time}, 약 ${cost:.2f})",
    "limit_no_offer": "여기서는 한도 안으로 줄일 방법이 없습니다: 한도를 늘리거나 더 작은 모델을 고르세요.",
    "limit_steps": "스텝 제한", "limit_sample": "행 표본", "limit_flavour": "더 큰 하드웨어",
    "hw_unknown_model": "_{model}은(는) 이 도구가 아는 모델(모델 목록에 있는 모델)이 아닙니다. 크기는 이름에서 읽거나 "
                        "가정한 값이고 층 수와 어휘 크기는 추정치라서, 이 예상은 더 대략적입니다._",
    "hw_assumptions": "<small>가정: {text}</small>",
    "fl_label": "{label} - {memory} - {price}{current}", "fl_current": " (현재)",
    "fl_gpu": "GPU {memory:g} GB", "fl_gpus": "GPU {gpus}개 x {memory:g} GB", "fl_cpu": "GPU 없음, RAM {ram:g} GB",
    "fl_free": "무료", "fl_price": "시간당 약 ${price:.2f}",
    "fl_local": "이 컴퓨터 - {gpu} - CPU 코어 {cpus}개 (현재)", "fl_local_gpu": "{gpu} {gpus}개 {memory:.0f} GB",
    "fl_no_gpu": "GPU 없음",
    "hw_move_to": "이 Space를 {label}(으)로 옮기기", "hw_move": "이 Space 옮기기",
    "hw_owner_only": "이 Space의 소유자({owner})만 로그인한 상태에서 하드웨어를 바꿀 수 있습니다: 비용이 소유자 계정에 "
                     "청구되기 때문입니다. 지금은 {who}.",
    "hw_signed_in_as": "{user}(으)로 로그인되어 있습니다", "hw_not_signed_in": "로그인하지 않았습니다",
    "hw_its_owner": "소유자",
    "hw_not_space": "이 앱은 Space에서 실행되고 있지 않습니다: 이 컴퓨터의 하드웨어로 학습합니다.",
    "hw_choose": "옮겨 갈 하드웨어를 고르세요.",
    "hw_busy": "작업 {name}이(가) 학습 중입니다: 옮기면 Space가 다시 시작되어 작업이 중단됩니다. 끝날 때까지 "
               "기다리거나 먼저 취소하세요 (이어서 학습은 중단된 작업을 마지막 체크포인트에서 이어 갑니다).",
    "hw_already": "**{space}은(는) 이미 {label}에 있습니다.**",
    "hw_not_moved": "**옮기지 못했습니다.** {error}",
    "hw_price_billed": "시간당 약 ${price:.2f}, 그곳에서 실행되는 동안 {owner}에게 청구",
    "hw_moving": "**{space}을(를) {label}(으)로 옮기는 중** ({price}). Space가 지금 다시 시작됩니다: 이 페이지는 몇 분 "
                 "동안 연결이 끊기니, 그 뒤에 새로 고치세요.",
    "hw_queued_start": "대기 중인 작업 {n}개는 Space가 돌아오면 저절로 시작됩니다.",
    "hw_jobs_start": "대기열에 넣은 작업과 `--backend spaces-...`로 보낸 작업은 Space가 돌아오면 저절로 시작됩니다.",
    "hw_billing_goes_on": "되돌릴 때까지 비용이 계속 청구됩니다: \"{drop}\"을(를) 체크하면 자동으로 되돌립니다.",
    "hw_no_storage": "**주의:** 이 Space에는 영구 저장소(/data)가 없습니다: 다시 시작하면 대기 중인 작업과 끝난 "
                     "프로젝트가 사라집니다. 먼저 결과를 Hub에 올리거나, Space 설정에서 저장소를 추가하세요.",
    "hw_drop_not_space": "CPU basic으로 되돌리기는 Space에서만 쓸 수 있습니다. 이 컴퓨터의 하드웨어는 그대로입니다.",
    "hw_drop_on": "몇 분 동안 대기 중이거나 학습 중인 작업이 없으면 이 Space는 CPU basic(무료)으로 돌아가고 GPU 비용 "
                  "청구가 멈춥니다. 그때 Space가 다시 시작됩니다.",
    "hw_drop_off": "대기열이 비어도 Space는 지금 하드웨어에 머뭅니다 (옮길 때까지 비용이 계속 청구됩니다).",
    # ---- 대화 탭의 안내
    "chat_pick_job": "먼저 끝난 작업을 고르세요 (1-2번 탭에서 학습하세요).",
    "chat_loading": "모델을 불러오는 중입니다 (작업에 보내는 첫 메시지는 몇 초 걸립니다) ...",
    "chat_cannot_load": "모델을 불러올 수 없습니다: {error}",
    "chat_side_failed": "{side} 모델이 답하지 못했습니다: {error}",
    "chat_side_base": "기본", "chat_side_tuned": "미세조정한",
    # ---- Gradio의 한국어 번역에 없는 Gradio 자체 문구
    "common.complete": "완료", "common.cancel": "취소", "common.copy_message": "메시지 복사",
    "common.copied_message": "메시지를 복사했습니다", "common.like": "좋아요", "common.dislike": "별로예요",
    "common.retry": "다시 시도",
    "status.queue_position": "대기 순서: {size}명 중 {position}번째",
}

# The Korean of the modules' MESSAGES (the English is theirs)
MODULES_KO = {
    # chat.py: where the replies are written
    "chat_device_gpu": "답은 GPU에서 씁니다.",
    "chat_device_cpu": "답은 CPU에서 씁니다 (이 컴퓨터에는 GPU가 없습니다).",
    "chat_device_shared": "작업 {name}이(가) 이 컴퓨터의 GPU에서 학습 중이라 답은 CPU에서 씁니다: 더 느리지만, 작업은 "
                          "GPU 메모리를 모두 그대로 씁니다. 학습 중인 작업이 없으면 대화는 다시 GPU를 씁니다.",
    # coach.py: the verdict
    "verdict_label_fell": "손실 감소", "verdict_label_flat": "손실 제자리", "verdict_label_rose": "손실 증가",
    "verdict_label_too_few_steps": "판단하기엔 스텝이 너무 적음", "verdict_label_diverged": "학습이 무너짐",
    "verdict_label_masked": "배운 것 없음", "verdict_label_overfitting": "외우는 중",
    "verdict_label_margin_flat": "좋은 답이 앞서지 못함", "verdict_label_answers_worse": "답이 나빠짐",
    "verdict_status": "{status} - {label}",
    "verdict_partial": "스텝 {step}까지:",
    "verdict_fell": "손실이 {start:.3g}에서 {end:.3g}(으)로 줄었습니다 ({steps} 스텝 동안 {percent:.0f}% 감소): 모델이 "
                    "데이터에서 배웠습니다.",
    "verdict_rose": "손실이 {start:.3g}에서 {end:.3g}(으)로 늘었습니다 ({steps} 스텝 동안 {percent:.0f}% 증가): 모델이 "
                    "데이터에서 배우지 못하고 오히려 더 나빠졌습니다.",
    "verdict_flat": "손실이 거의 그대로였습니다 (시작 {start:.3g}, 끝 {end:.3g}, {steps} 스텝): 모델이 거의 또는 전혀 "
                    "배우지 못했습니다.",
    "verdict_noisy": "손실이 {steps} 스텝 동안 {start:.3g}에서 {end:.3g}(으)로 바뀌었지만, 스텝마다 그보다 더 크게 "
                     "오르내렸습니다: 뚜렷하게 줄지 않았고, 모델이 배운 것이 거의 드러나지 않습니다.",
    "verdict_smoothed": "(시작과 끝은 각각 {edge} 스텝의 평균이라, 잡음이 낀 스텝 하나로 결정되지 않습니다.)",
    "verdict_too_few_steps": "모델이 배웠는지 판단하기엔 스텝이 너무 적습니다: {steps} 스텝 동안 손실이 {points}번 "
                             "기록되었습니다.",
    "verdict_too_early": "모델이 배우고 있는지 판단하기엔 아직 이릅니다: 지금까지 손실이 {points}번 기록되었습니다.",
    "verdict_diverged": "스텝 {step}에서 학습이 무너졌습니다 (손실이 NaN이 되었거나 폭증했습니다): 쓸 만한 것을 배우지 "
                        "못했습니다.",
    "verdict_masked": "배운 것이 없습니다: 첫 스텝부터 손실이 0이었으므로 답의 어떤 토큰도 학습에 반영되지 않았습니다.",
    "verdict_overfitting": "학습 손실은 {start:.3g}에서 {end:.3g}(으)로 줄었지만, 따로 뗀 행의 손실은 {held_start:.3g}에서 "
                           "{held_end:.3g}(으)로 늘었습니다: 모델이 새 행에도 통하는 것을 배우는 대신 학습 행을 외우고 "
                           "있습니다.",
    "verdict_best_kept": "따로 뗀 행의 손실이 가장 낮은 체크포인트(스텝 {step})를 간직합니다.",
    "verdict_held_out": "따로 뗀 행에서 손실은 {held_start:.3g}에서 {held_end:.3g}(으)로 바뀌었습니다.",
    "verdict_kto_loss_fell": "손실이 {start:.3g}에서 {end:.3g}(으)로 줄었습니다 ({steps} 스텝 동안 {percent:.0f}% 감소).",
    "verdict_margin_grew_seen": "학습 행에서(따로 뗀 행 없음) 좋음으로 표시된 답이 나쁨으로 표시된 답보다 앞서게 되었습니다 "
                                "(차이: 전 {before:+.2f}, 후 {after:+.2f}): 모델이 이 행들에서 둘의 차이를 배웠습니다. 새 "
                                "프롬프트에서도 통하는지 보려면 행을 따로 떼어 두세요 (--valid-percent).",
    "verdict_margin_flat_seen": "학습한 행에서조차 좋음으로 표시된 답이 나쁨으로 표시된 답보다 앞서지 못했습니다 (차이: 전 "
                                "{before:+.2f}, 후 {after:+.2f}): 모델이 둘의 차이를 배우지 못했습니다. 손실이 줄어든 것은 "
                                "나쁜 답의 확률만 낮아졌다는 뜻일 수 있습니다. 에포크를 늘리거나 좋음과 나쁨으로 표시된 행을 "
                                "더 모으는 것이 가장 도움이 됩니다.",
    "verdict_margin_grew": "따로 뗀 행에서 좋음으로 표시된 답이 나쁨으로 표시된 답보다 앞서게 되었습니다 (차이: 전 "
                           "{before:+.2f}, 후 {after:+.2f}): 모델이 둘의 차이를 배웠습니다.",
    "verdict_margin_flat": "따로 뗀 행에서 좋음으로 표시된 답이 나쁨으로 표시된 답보다 앞서지 못했습니다 (차이: 전 "
                           "{before:+.2f}, 후 {after:+.2f}): 손실이 줄어든 것은 나쁜 답의 확률만 낮아졌다는 뜻일 수 "
                           "있습니다. 좋음과 나쁨으로 표시된 행이 더 많을수록 가장 도움이 됩니다.",
    "verdict_loss_went": "손실은 {steps} 스텝 동안 {start:.3g}에서 {end:.3g}(으)로 바뀌었습니다.",
    "answers_on_held_out": "따로 뗀 프롬프트 {prompts}개에 물었습니다 (그리디, 새 토큰 최대 {cap}개):",
    "answers_on_training": "학습한 프롬프트 {prompts}개에 물었습니다 (따로 뗀 행이 없어 학습 프롬프트에서 잼; 그리디, "
                           "새 토큰 최대 {cap}개):",
    "answers_pairs_on_held_out": "따로 뗀 쌍 {prompts}개에서:",
    "answers_pairs_on_training": "학습한 쌍 {prompts}개에서 (따로 뗀 행이 없어 학습 쌍에서 잼):",
    "answers_broke": "미세조정한 모델의 답이 망가졌습니다: {broken}개가 같은 말을 되풀이하거나 비어 있습니다 ({at_cap}개는 "
                     "토큰 한도까지 이어졌습니다; 기본 모델은 {broken_base}개). \"{prompt}\"에 \"{answer}\"(이)라고 "
                     "답합니다. 학습이 데이터의 답을 가르치는 대신 모델을 망가뜨렸습니다.",
    "answers_likeness_better": "답이 데이터의 답에 더 가까워졌습니다 (유사도: 기본 모델 {base:.2f}, 미세조정 {tuned:.2f}).",
    "answers_likeness_same": "답이 데이터의 답에 기본 모델만큼 가깝습니다 (유사도: 기본 {base:.2f}, 미세조정 {tuned:.2f}).",
    "answers_likeness_worse": "답이 나빠졌습니다: 기본 모델보다 데이터의 답과 덜 닮았습니다 (유사도: 기본 {base:.2f}, "
                              "미세조정 {tuned:.2f}).",
    "answers_preference_better": "답이 선택된 답 쪽으로 움직이고 거절된 답에서 멀어졌습니다 ({prompts}개 중 {prefers}개가 "
                                 "거절된 답보다 선택된 답에 더 가까움; 점수: 기본 모델 {base:+.2f}, 미세조정 {tuned:+.2f}).",
    "answers_preference_same": "답이 선택된 답과 거절된 답 사이에서 기본 모델과 거의 같은 자리에 있습니다 ({prompts}개 중 "
                               "{prefers}개가 선택된 답에 더 가까움; 점수: 기본 {base:+.2f}, 미세조정 {tuned:+.2f}).",
    "answers_preference_worse": "답이 나빠졌습니다: 기본 모델보다 선택된 답에서 멀어졌거나 거절된 답에 가까워졌습니다 "
                                "(점수: 기본 {base:+.2f}, 미세조정 {tuned:+.2f}).",
    "answers_pairs_better": "쌍의 {tuned:.0%}에서 선택된 글이 거절된 글보다 높은 점수를 받습니다 (기본 모델: {base:.0%}).",
    "answers_pairs_same": "쌍의 {tuned:.0%}에서 선택된 글이 거절된 글보다 높은 점수를 받습니다. 학습 전({base:.0%})과 "
                          "거의 같습니다.",
    "answers_pairs_worse": "점수가 나빠졌습니다: 선택된 글이 거절된 글보다 높은 점수를 받는 쌍이 학습 전 {base:.0%}에서 "
                           "{tuned:.0%}(으)로 줄었습니다.",
    "change_answers_worse": "다음에 해 볼 것: 학습률을 {old:g} 대신 더 낮은 {new:g}(으)로 (--lr). 학습이 모델을 너무 멀리 "
                            "밀어냈습니다.",
    "change_lr_lower": "다음에 해 볼 것: 학습률을 {old:g} 대신 더 낮은 {new:g}(으)로 (--lr).",
    "change_lr_higher": "다음에 해 볼 것: 학습률을 {old:g} 대신 더 높은 {new:g}(으)로 (--lr).",
    "change_epochs": "다음에 해 볼 것: 에폭 수를 {old} 대신 {new}(으)로 늘려 (--epochs) {steps} 스텝 대신 약 {target} "
                     "스텝.",
    "change_fewer_epochs": "다음에 해 볼 것: 에폭 수를 {old} 대신 {new}(으)로 줄이기 (--epochs).",
    "change_max_steps": "다음에 해 볼 것: 스텝을 {old} 대신 {new}(으)로 늘리기 (--max-steps).",
    "change_logging_steps": "다음에 해 볼 것: 손실을 {old} 스텝 대신 {new} 스텝마다 더 자주 기록하기 (--logging-steps). "
                            "그래야 다음 실행을 판단할 수 있습니다.",
    "change_masked": "다음에 해 볼 것: 채팅 템플릿과, 프롬프트 열과 답 열이 제대로 연결되었는지 확인하세요.",
    # coach.py: the coach's notes
    "coach_title": "학습 코치", "severity_problem": "문제", "severity_warning": "주의", "severity_info": "참고",
    "advice_masked": "첫 스텝부터 손실이 0이었습니다 (스텝 {step}부터): 레이블이 모두 가려져 아무것도 배우지 않습니다. "
                     "--chat-template과, 프롬프트 열과 답 열이 제대로 연결되었는지 확인하세요.",
    "advice_progress": "손실이 {first:.3g} (스텝 {first_step})에서 {last:.3g} (스텝 {last_step})(으)로 줄었습니다.",
    "advice_broke_nan": "학습이 무너졌습니다: 스텝 {step}에서 손실이 NaN이 되었습니다.",
    "advice_broke_exploded": "학습이 무너졌습니다: 스텝 {step}에서 손실이 {at:.3g}까지 폭증했습니다.",
    "advice_broke_exploded_low": "학습이 무너졌습니다: 스텝 {step}에서 손실이 최저 {low:.3g}을(를) 찍은 뒤 {at:.3g}까지 "
                                 "폭증했습니다.",
    "advice_lr_too_high": "학습률이 너무 높습니다: --lr을(를) (지금 {lr:g}) {new:g}(으)로 낮추고 다시 학습하세요.",
    "advice_lr_too_high_times": "학습률이 너무 높습니다: --lr을(를) {factor}분의 1로 낮추고 다시 학습하세요.",
    "advice_overfitting": "따로 뗀 행의 손실은 스텝 {best_step}에서 가장 낮았고 ({best_loss:.3g}) 그 뒤로 늘었습니다 "
                          "(스텝 {last_step}에서 {last_loss:.3g}). 그동안 학습 손실은 계속 줄었습니다: 모델이 외우고 "
                          "있습니다. 가장 좋은 체크포인트(스텝 {best_step})를 간직하고 올립니다.",
    "advice_set_epochs": "다음에는 --epochs를 {need}(으)로 두세요 (지금 {epochs}).",
    "advice_flat": "손실이 스텝 {first_step}부터 스텝 {last_step}까지 거의 움직이지 않았습니다 ({start:.3g}에서 "
                   "{end:.3g}): 모델이 거의 배우지 못하고 있습니다.",
    "advice_lr_too_low": "학습률이 너무 낮은 것 같습니다 (지금 {lr:g}): --lr {new:g}을(를) 써 보세요.",
    "advice_lr_too_low_times": "학습률이 너무 낮은 것 같습니다: --lr을(를) {factor}배로 높여 보세요.",
    # coach.py: the before/after report
    "report_title": "학습 전후 비교: {rows}",
    "report_title_seen": "학습 전후 비교: 학습한 {rows}", "report_rows_unknown": "따로 뗀 행 ?개",
    "report_held_same": "따로 뗀 행의 손실이 {after:.3f}에 머물렀습니다: 본 적 없는 행에서는 학습으로 달라진 것이 거의 "
                        "없습니다.",
    "report_held_better": "따로 뗀 행의 손실이 {before:.3f}에서 {after:.3f}(으)로 바뀌었습니다: 미세조정한 모델이 본 적 "
                          "없는 행에서 더 낫습니다.",
    "report_held_worse": "따로 뗀 행의 손실이 {before:.3f}에서 {after:.3f}(으)로 바뀌었습니다: 미세조정한 모델이 본 적 "
                         "없는 행에서 더 나쁩니다.",
    "verdict_label_reward_rose": "보상 증가", "verdict_label_reward_flat": "보상 제자리",
    "verdict_label_reward_fell": "보상 감소",
    "verdict_reward_rose": "보상이 {start:.2f}에서 {end:.2f}(으)로 올랐습니다(0~1, {steps} 스텝 동안): 모델이 보상이 "
                           "원하는 답을 더 자주 씁니다.",
    "verdict_reward_flat": "보상이 {end:.2f} 근처에 머물렀습니다({start:.2f}에서 시작, 0~1, {steps} 스텝 동안): 모델이 "
                           "보상에서 배운 것이 거의 없습니다.",
    "verdict_reward_fell": "보상이 {start:.2f}에서 {end:.2f}(으)로 떨어졌습니다(0~1, {steps} 스텝 동안): 모델이 보상이 "
                           "원하는 것에서 멀어졌습니다.",
    "verdict_reward_too_few": "보상이 올랐는지 판단하기엔 스텝이 너무 적습니다: {points}번 기록되었습니다.",
    "change_generations": "다음 시도: 프롬프트당 답을 {old}개 대신 {new}개로(--num-generations) 늘려, 답이 더 다양해지고 "
                          "어느 답이 나은지 모델이 보게 하세요.",
    "report_reward": "측정한 프롬프트에서 평균 보상이 {before:.2f}(기본 모델)에서 {after:.2f}(학습한 모델)(으)로 "
                     "바뀌었습니다(0~1 척도).",
    "report_preference": "선택된 답을 {after:.0%}의 경우에 더 좋게 봅니다 (기본 모델: {before:.0%}).",
    "report_seen_rows": "표가 작아 따로 뗀 행이 없으므로, 학습한 행 중 {rows}개에서 잰 값입니다: 모델이 이 행들에서 배운 "
                        "것을 보여 줄 뿐, 새 프롬프트에서 어떤지는 보여 주지 않습니다.",
    "report_margin": "좋음으로 표시된 답이 이제 나쁨으로 표시된 답보다 {after:+.2f} 높게 나옵니다 (토큰당 평균 로그 확률, "
                     "좋음 빼기 나쁨; 기본 모델: {before:+.2f}). 높을수록 모델이 좋은 답 쪽으로 더 기웁니다.",
    "report_copies_all": "따로 뗀 행 {asked}개가 모두 학습 행의 복사본이라, 본 적 없는 행에서 모델이 어떤지 보여 줄 수 "
                         "없습니다. 이 행들은 학습으로 되돌아갔고 학습 전후 비교는 하지 않습니다.",
    "report_copies_some": "따로 뗀 행 {asked}개 중 {copies}개가 학습 행의 복사본이라 학습으로 되돌아갔습니다. 본 적 없는 "
                          "행 {valid}개를 따로 둡니다.",
    # jobs.py: refused actions, a job's states
    "refused_cancel_ended": "작업 {id}은(는) 이미 끝났습니다 ({status}): 취소할 것이 없습니다.",
    "refused_resume_succeeded": "작업 {id}은(는) 이미 성공적으로 끝났습니다. 이어서 학습하면 다시 학습하며 모델을 "
                                "덮어쓰게 됩니다. 그 설정으로 새 작업을 시작하려면 다시 학습을 누르세요.",
    "refused_resume_state": "작업 {id}은(는) {status} 상태입니다: 이어서 학습할 것이 없습니다.",
    "refused_again_active": "작업 {id}은(는) 아직 {status} 상태입니다. 다시 학습은 끝난 작업에만 쓸 수 있습니다.",
    "refused_again_no_data": "작업 {id}의 데이터 사본이 {folder}에 없습니다: 데이터를 다시 올리세요.",
    "refused_again_no_model": "작업 {id}은(는) 시작점으로 쓸 전체 모델을 남기지 않았습니다 (LoRA 어댑터는 기본 모델이 "
                              "있어야 합니다): 기본 모델에서 다시 학습하거나, LoRA를 모델에 병합을 켜세요.",
    "state_queued": "대기 중", "state_starting": "시작 중", "state_running": "학습 중", "state_succeeded": "성공",
    "state_failed": "실패", "state_cancelled": "취소됨", "state_interrupted": "중단됨",
    # access.py
    "access_copy": "내 모델을 학습하려면 나만의 사본을 만드세요: [이 Space 복제하기]({link}) 후 하드웨어를 고르고 "
                   "HF_TOKEN 비밀 값을 설정하세요 (README의 \"Run it as your own Space\" 참고).",
    "access_signed_out": "로그인하기 전까지 이 Space는 읽기 전용입니다: 소유자가 허용한 사용자만 여기서 학습할 수 "
                         "있습니다. 그런 사용자라면 Hugging Face 버튼으로 로그인하세요.",
    "access_not_allowed": "{user}(으)로 로그인했지만, 이 Space는 소유자가 고른 사용자만 학습할 수 있습니다 "
                          "(AUTOTRAIN_ALLOWED_USERS). 둘러볼 수는 있지만 시작, 취소, 올리기는 꺼져 있습니다.",
    "access_not_your_job": "이 작업을 시작한 사람(또는 소유자)만 바꿀 수 있습니다.",
    # checkpoints.py
    "ckpt_step": "스텝 {step}", "ckpt_loss": ", 따로 뗀 행 손실 {loss:.4f}", "ckpt_best": "가장 좋음",
    "ckpt_in_model": "지금 모델에 들어 있음",
    "ckpt_used": "이제 PROJECT/model에 스텝 {step}의 체크포인트가 들어 있습니다: 대화와 올리기에 이것을 씁니다.",
    "ckpt_gone": "스텝 {step}의 체크포인트가 더 이상 없습니다 (--save-total-limit 개수만큼만 보관합니다).",
    "ckpt_other_kind": "이 실행의 모델은 체크포인트와 다르게 병합되었거나 저장되었습니다 (예: --merge-adapter): 여기서는 "
                       "체크포인트로 바꿀 수 없습니다. 그 지점에서 멈추는 설정(더 적은 에폭)으로 다시 학습하세요.",
    # publish.py
    "push_pushing": "**Hub에 올리는 중 ...**",
    "push_pushed": "**Hub에 올렸습니다:** [{url}]({url}) (공개로 바꾸지 않았다면 비공개입니다).",
    "push_failed": "**올리기 실패:** {message}",
    "push_held": "**Hub에 저절로 올리지 않았습니다:** 이 학습은 배우지 못했습니다 (손실이 어떻게 변했는지는 위의 판정에 "
                 "있습니다). 그래도 올리려면 'Hub에 올리기'를 누르세요.",
    "deploy_deploying": "**채팅 Space를 만드는 중 ...**",
    "deploy_deployed": "**채팅 Space:** [{url}]({url}) ({hardware}; 공개로 바꾸지 않았다면 비공개입니다). 처음에는 빌드에 "
                       "몇 분 걸립니다.",
    "deploy_failed": "**배포 실패:** {message}",
    # fit.py: the estimate
    "gc_disabled": "--disable-gradient-checkpointing으로 꺼짐",
    "gc_off": "꺼짐: 예상 {need:.1f} GB가 사용 가능한 {have:.1f} GB 안에 들어갑니다",
    "gc_on": "켜짐: 예상 {need:.1f} GB는 {have:.1f} GB에 여유 있게 들어가지 않습니다 (계산이 약 30% 늘지만 메모리를 "
             "아낍니다)",
    "gc_quantized": "켜짐: 양자화된 모델은 LoRA용으로 준비할 때 이것을 켭니다 (--disable-gradient-checkpointing으로 끕니다)",
    "gc_asked_on": "켜짐 (요청대로)", "gc_asked_off": "꺼짐 (요청대로)", "gc_word_on": "켜짐", "gc_word_off": "꺼짐",
    "assume_method_full": "전체 미세조정", "assume_method_lora": "LoRA", "assume_method_qlora": "QLoRA (int4)",
    "assume_method_qlora8": "QLoRA (int8)",
    "hw_reason_quant_gpu": "{bits} 양자화(QLoRA)에는 CUDA GPU가 필요합니다",
    "shape_config": "{folder}/config.json",
    "shape_given": "주어진 매개변수 {millions:.0f}M개",
    "shape_known": "{name}: 매개변수 {millions:.0f}M개, 어휘 {vocab:,}개, {tied} (공개된 설정 파일 기준)",
    "shape_tied": "입력과 출력 임베딩 공유", "shape_untied": "입력과 출력 임베딩이 따로 있음",
    "shape_from_name": "{name}: 이름에서 읽은 매개변수 {millions:.0f}M개",
    "shape_unknown": "{name}: 크기를 알 수 없어 매개변수 1B개로 가정",
    "shape_guessed": "{source} (층 {layers}개, 은닉 크기 {hidden}, 어휘 50k로 가정)",
    "assume_pairs": "{trainer}: 행마다 선택된 답과 거절된 답 텍스트 (x2); ",
    "assume_pairs_reference": "{trainer}: 행마다 선택된 답과 거절된 답 텍스트 (x2), 고정된 참조 모델 추가; ",
    "assume_kto": "{trainer}: 행마다 그 행의 답과 KL 항을 위한 다른 행의 답 (x2); ",
    "assume_grpo": "{trainer}: 프롬프트마다 답 {generations}개 샘플링 (x{generations}), 답마다 최대 {completion} 토큰: "
                   "한 번에 한 토큰씩 최대 {generated:,} 토큰 샘플링, 약 {sampling:,}초; ",
    "assume_kto_reference": "{trainer}: 행마다 그 행의 답과 KL 항을 위한 다른 행의 답 (x2), 고정된 참조 모델 추가; ",
    "assume_where_gpu": "{gpu} 하나 ({memory:.0f} GB)", "assume_where_ram": "RAM ({memory:.0f} GB)",
    "assume_speed_gpu": "GPU {gpus}개 x {tflops:g} TFLOPS x {mfu:.0%} (bf16/fp16; float32는 약 2배 느림)",
    "assume_speed_cpu": "CPU에서 약 {tflops:g} TFLOPS",
    "assume_sharded": "{engine}가 가중치, 그래디언트, 옵티마이저 상태를 GPU {gpus}개에 나눠 담음; ",
    "assume_line": "{source}; {method}; 장치마다 스텝당 약 {tokens_each} 토큰(최대 {seq_len})짜리 행 {batch}개; "
                   "{pairs}{rows:,}행을 {steps:,} 스텝에 걸쳐 학습 x 행당 약 {tokens_each} 토큰{x2} = {tokens:,} 토큰; "
                   "{sharded}메모리 = 가중치 {weights:.1f} GB + 옵티마이저/그래디언트 {states:.1f} GB + 활성값 "
                   "{activations:.1f} GB (그래디언트 체크포인팅 {gc}) + 10% + 1 GB, {where}의 90%와 비교; 속도 = {speed}, "
                   "+ 행마다 {per_row:g}초, 스텝마다 {per_step:g}초, + 시작 {startup:g}초, 답변 확인과 저장 {finish:g}초 "
                   "(실제 실행에서 잰 값). 대략적인 안내일 뿐 약속이 아닙니다.",
    "gc_page_off": "꺼짐 (체크포인팅 없이도 메모리에 들어갑니다)",
    "gc_page_on": "켜짐 (계산이 약 30% 늘지만 메모리를 아낍니다)",
}

# The help under each form field (params.py's "help" is the English), the flag appended as in English
HELP_KO = {
    "model": "미세조정할 모델: Hub ID, 로컬 폴더 또는 .gguf 파일. 기본값인 SmolLM2-135M-Instruct는 네트워크 없이도 "
             "됩니다.",
    "project_name": "프로젝트 이름: 출력 폴더(현재 폴더 안에 만들어짐)이자 Hub 저장소 이름. 영문자, 숫자, '-', '_', "
                    "'.'만 쓸 수 있습니다.",
    "data_path": "<split>.csv / <split>.jsonl이 든 폴더, 데이터 파일 자체, 또는 Hub 데이터셋 (OWNER/NAME; 분할은 "
                 "--train-split).",
    "data_config": "--data-path가 Hub 데이터셋일 때: 그 구성(부분 집합). 기본값: 저장소가 나열하는 첫 번째 구성.",
    "data_revision": "--data-path가 Hub 데이터셋일 때: 읽을 브랜치, 태그 또는 커밋. 실행은 읽은 커밋을 여기에 "
                     "기록합니다.",
    "train_split": "학습 분할의 이름 (확장자를 뺀 파일 이름).",
    "valid_split": "검증 분할의 이름. 이것을 주었을 때만 평가합니다.",
    "valid_percent": "--valid-split이 없을 때 학습 행의 이만큼(%)을 평가용으로 따로 뗍니다 (행이 50개 이상이면 앱이 "
                     "10을 권합니다). 0: 따로 떼지 않음.",
    "text_column": "텍스트가 든 열 (reward/DPO/ORPO에서는 선택된 텍스트, KTO에서는 답변). 기본값: 'text', 또는 데이터 "
                   "모양이 가리키는 열 (messages, conversations, ...).",
    "rejected_text_column": "거절된 텍스트가 든 열 (reward/DPO/ORPO). 기본값: 'rejected_text'.",
    "prompt_text_column": "프롬프트가 든 열 (DPO/ORPO/KTO/GRPO). 기본값: 'prompt'.",
    "label_column": "답변마다 좋은지 나쁜지 적힌 열 (KTO): true/false, 1/0, yes/no, good/bad 또는 좋아요/싫어요(👍/👎). "
                    "기본값: \"label\" 열 (또는 \"feedback\", \"thumbs\" 같은 이름의 열).",
    "label_threshold": "평점 열이 있는 KTO (별 1-5개, 0-10점): 이 점수 이상인 답변은 좋음, 나머지는 나쁨으로 봅니다. "
                       "기본값: 데이터에 있는 평점 범위의 중간보다 높은 답변.",
    "trainer": "트레이너: default (일반 텍스트로 언어 모델 학습), sft (지도 미세조정), reward (보상 모델), dpo 또는 orpo "
               "(선호 학습), kto (좋음 또는 나쁨으로 표시된 답변), grpo (--rewards가 채점하는 답변).",
    "peft": "모든 가중치 대신 LoRA 어댑터를 학습합니다 (메모리가 훨씬 적게 듭니다). grpo에서는 기본으로 켜집니다: "
            "`--peft false`(또는 `--no-peft`)이면 모든 가중치를 학습합니다.",
    "chat_template": "채팅 템플릿: tokenizer (모델 자체 템플릿), chatml, zephyr, 또는 None (텍스트를 그대로 학습). 주지 "
                     "않으면 자동: 대화를 담은 행(role/content 메시지, ShareGPT 대화, 'human: ... \\n bot: ...' "
                     "텍스트)이나 프롬프트와 답(질문/답변 열, Alpaca, 선호 쌍)은 모델 자체 템플릿(없으면 ChatML)으로 "
                     "바꾸고, 일반 텍스트는 그대로 둡니다.",
    "train_on_inputs": "채팅 템플릿을 쓰는 SFT는 손실을 어시스턴트 차례에만 둡니다. 이것을 켜면 모든 토큰(프롬프트 "
                       "포함)에 둡니다.",
    "epochs": "학습 에폭 수.",
    "max_steps": "옵티마이저 스텝이 이만큼 되면 멈춥니다 (-1: 모든 에폭을 다 돕니다).",
    "sample_rows": "데이터에서 무작위로 뽑은 이만큼의 행으로만 학습합니다. 검증용 행을 떼기 전에 --seed로 뽑습니다 "
                   "(0: 모든 행).",
    "batch_size": "장치당 학습 배치 크기.",
    "lr": "학습률. 기본값(설정 안 함): --peft이면 2e-4, 전체 미세조정이면 2e-5.",
    "gradient_accumulation": "그래디언트 누적 스텝 수 (기본값 1).",
    "warmup_ratio": "학습률을 서서히 올리는 데 쓰는 학습 구간의 비율. 기본값은 0.1.",
    "optimizer": "옵티마이저 (transformers가 받는 이름이면 무엇이든). 기본값은 adamw_torch.",
    "scheduler": "학습률 스케줄러: linear (기본값), cosine, constant, ...",
    "weight_decay": "가중치 감쇠. 기본값은 0.0.",
    "max_grad_norm": "그래디언트 클리핑 노름. 기본값은 1.0.",
    "seed": "재현을 위한 난수 시드.",
    "block_size": "학습 시퀀스 하나의 최대 토큰 수 (default 트레이너: 텍스트를 자르는 블록의 길이). -1이면 자동으로 "
                  "고릅니다 (model_max_length, 최대 1024).",
    "model_max_length": "모델이 처리하는 최대 길이. 기본값은 1024.",
    "max_prompt_length": "DPO/ORPO/KTO의 최대 프롬프트 토큰 수 (기본값 128).",
    "max_completion_length": "DPO/ORPO의 최대 답변 토큰 수 (기본값: 블록 크기에서 프롬프트 길이를 뺀 값). GRPO: 샘플링하는 "
                             "답의 최대 길이 (기본값 128).",
    "add_eos_token": "텍스트마다 끝에 문장 끝 토큰을 붙입니다 (default 트레이너).",
    "padding": "패딩 방향: left 또는 right (기본값 right). 보상, DPO, ORPO 배치에서 씁니다. default와 SFT는 행을 이어 붙여 "
               "패딩 없이 학습합니다.",
    "lora_r": "LoRA 랭크 r. 기본값은 16.",
    "lora_alpha": "LoRA 알파. 기본값은 32.",
    "lora_dropout": "LoRA 드롭아웃. 기본값은 0.05.",
    "target_modules": "LoRA가 적응시킬 모듈: 쉼표로 구분한 이름, 또는 all-linear (기본값).",
    "merge_adapter": "학습이 끝나면 LoRA 어댑터를 모델에 병합합니다 (전체 모델을 저장합니다).",
    "quantization": "기본 모델을 int4 또는 int8로 불러옵니다 (bitsandbytes, CUDA GPU 필요). --peft가 필요합니다.",
    "model_ref": "--peft를 쓰지 않을 때 DPO와 KTO의 참조 모델 (기본값: --model의 사본).",
    "dpo_beta": "DPO와 KTO의 베타 (ORPO에서는 람다). 기본값은 0.1.",
    "rewards": "GRPO: ';'로 구분한 보상, 각각 종류[:옵션=값,...][@가중치], 예: \"number@2; length:max=50\" (종류: "
               "match, number, format, json, length, contains, avoids, language; README: GRPO).",
    "num_generations": "GRPO: 프롬프트마다 샘플링해 서로 비교하는 답의 수 (2 이상).",
    "grpo_beta": "GRPO: 모델을 기본 모델 가까이 두는 KL 항의 가중치 (0: 없음, 참조 모델을 메모리에 두지 않음).",
    "generation_temperature": "GRPO: 답을 샘플링하는 온도 (높을수록 다양함).",
    "mixed_precision": "정밀도: fp16, bf16 또는 fp32. 설정 안 함(None): 하드웨어를 따릅니다 - GPU나 CPU가 지원하면 "
                       "bf16, T4급 GPU에서는 fp16, 그 밖에는 fp32.",
    "use_flash_attention_2": "플래시 어텐션 2를 씁니다 (CUDA GPU와 flash-attn 패키지가 필요합니다).",
    "disable_gradient_checkpointing": "그래디언트 체크포인팅을 끕니다. 기본적으로는 모델과 배치가 메모리에 여유 있게 "
                                      "들어가지 않을 때만 켭니다.",
    "distributed_backend": "GPU가 여러 개일 때: ddp (GPU마다 모델 사본 하나, 기본값), fsdp 또는 deepspeed (ZeRO-3: "
                           "모델을 여러 GPU에 나눠 담습니다. 모델이 GPU 하나에 들어가지 않을 때 고르세요).",
    "auto_find_batch_size": "메모리에 들어갈 때까지 배치 크기를 반으로 줄입니다.",
    "logging_steps": "N 스텝마다 기록합니다. -1이면 자동으로 고릅니다 (실행마다 약 25개 지점).",
    "evaluation_strategy": "검증 분할로 평가하는 시점: epoch (기본값), steps 또는 no.",
    "save_strategy": "체크포인트를 저장하는 시점: epoch (기본값) 또는 steps.",
    "save_steps": "--save-strategy steps일 때 N 스텝마다 체크포인트를 저장합니다 (-1: 기록할 때마다).",
    "checkpoint_minutes": "지난 체크포인트 뒤로 이만큼(분) 지날 때마다 체크포인트를 저장합니다. 멈추거나 다시 시작해도 "
                          "잃는 작업은 최대 그만큼입니다 (0: 끔).",
    "save_total_limit": "보관할 체크포인트 수. 기본값 1: 가장 최근 것만.",
    "log": "실험 기록: none, tensorboard, wandb (WANDB_API_KEY가 없으면 오프라인) 또는 trackio (로컬, PROJECT/trackio). "
           "손실 곡선은 어느 쪽이든 events.jsonl과 앱에 있습니다.",
    "push_to_hub": "결과를 Hub에 <username>/<project-name>(으)로 올립니다.",
    "username": "올릴 Hub 사용자 이름 또는 조직.",
}


def _helped(f) -> bool:
    """The fields that have a help a person reads on the page (the form and the data tab's mapping)."""
    return f.metadata["group"] != "action" and not f.metadata["secret"]


def _with_flag(help_text: str, f) -> str:
    return f"{help_text} ({f.metadata['flags'][0]})"


def model_choice_key(hub_id: str) -> str:
    """The strings key of one model's label in the model box (a dropdown choice is translated by its whole key)."""
    return "model_choice_" + "".join(c if c.isalnum() else "_" for c in hub_id)


def _model_choices(page: dict) -> dict:
    """Each offered model's label, "Qwen2.5 1.5B Instruct (1.5B, gated: no)", in the page table's language."""
    return {model_choice_key(m.hub_id): page["model_label"].format(
        label=m.label, size=m.size, gated=page["model_gated_yes" if m.gated else "model_gated_no"])
        for m in picker_models()}


HELP_EN = {f"help_{f.name}": _with_flag(f.metadata["help"], f) for f in LLMParams.schema() if _helped(f)}
MODULES_EN = {**chat.MESSAGES, **coach.MESSAGES, **job_errors.MESSAGES, **access.MESSAGES, **checkpoints.MESSAGES,
              **publish.MESSAGES, **fit.MESSAGES, **deploy.MESSAGES}
EN = {**PAGE_EN, **_model_choices(PAGE_EN), **MODULES_EN, **HELP_EN}
KO = {**PAGE_KO, **_model_choices(PAGE_KO), **MODULES_KO,
      **{f"help_{f.name}": _with_flag(HELP_KO[f.name], f) for f in LLMParams.schema() if f.name in HELP_KO}}
I18N = gr.I18n(en=EN, ko=KO)


def t(key: str):
    """A label that the browser shows in its language."""
    return I18N(key)


def language(accept_language: str | None) -> str:
    """The page's language for an Accept-Language header (autotrain_ui.core.i18n.lang_of: the browser's first choice)."""
    return i18n.lang_of(accept_language)


def lang_of(request) -> str:
    """The visitor's language from the request Gradio hands a handler (gr.Request; None outside a page: English)."""
    return i18n.lang_of(request)


def table(lang: str = "en") -> dict:
    """The strings table of a language (for the modules' render functions, which take a table)."""
    return KO if (lang or "").startswith("ko") else EN


def text(key: str, lang: str = "en", **values) -> str:
    """A message built on the server (job ids, names): English or Korean by the lang code."""
    return table(lang).get(key, EN[key]).format(**values)
