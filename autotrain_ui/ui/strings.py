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
                "in Runs). Set Valid percent to 0 under Advanced to train on every row.",
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
                "학습하려면 고급 설정에서 Valid percent를 0으로 두세요.",
    "jobs": "작업", "job": "작업", "refresh": "새로 고침", "cancel": "취소", "resume": "이어서 학습",
    "status": "상태", "log": "로그 (마지막 줄)", "loss_plot": "손실", "lr_plot": "학습률",
    "trainer_help": "default: 일반 텍스트로 사전학습 계속. sft: 질문이나 대화에 대한 답 가르치기. reward: 선택된 "
                    "답을 거절된 답보다 높게 평가하도록 학습. dpo / orpo: 거절된 답보다 선택된 답을 선호하도록 학습.",
    "hw_title": "하드웨어: 이 작업이 들어가는지, 얼마나 걸리는지, 비용은 얼마인지",
    "hw_flavour": "하드웨어 (Space 사양: GPU 메모리, 가격)",
    "hw_rows": "데이터 행 수 (올린 파일에서)",
    "hw_drop": "대기열이 비면 CPU basic으로 되돌리기",
}
I18N = gr.I18n(en=EN, ko=KO)


def t(key: str):
    """A label that the browser shows in its language."""
    return I18N(key)


def text(key: str, lang: str = "en", **values) -> str:
    """A message built on the server (job ids, names): English or Korean by the lang code."""
    table = KO if lang.startswith("ko") else EN
    return table.get(key, EN[key]).format(**values)
