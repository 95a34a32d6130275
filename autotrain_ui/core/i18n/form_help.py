"""The Korean of each form field's help, by field name. The English is the field's help in the schema
(autotrain_ui/core/params.py), the one text that the form and `autotrain llm --help` share; ui/strings.py puts both
into the page's table as `help.<field>`, the field's flag appended to each (tests/test_catalog.py checks that
every field with a help has its Korean here)."""

KO = {
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
    "peft": (
        "모든 가중치 대신 LoRA 어댑터를 학습합니다 (메모리가 훨씬 적게 듭니다). grpo에서는 기본으로 켜집니다: `--peft false`(또는 `--no-peft`)이면 "
        "모든 가중치를 학습합니다."
    ),
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
