"""GRPO's messages (the reward menu, its check before launch, its settings and verdicts), English and Korean side by
side."""

CATALOG = {
    # ------------------------------------------------------------------ the reward menu (autotrain_ui/core/rewards.py)
    "rewards.bad_json": (
        "--rewards looks like JSON but cannot be read ({error}): write a list such as [{{\"kind\": \"length\", "
        "\"max\": 50, \"weight\": 1}}], or the short form length:max=50@1.",
        "--rewards가 JSON처럼 보이지만 읽을 수 없습니다({error}): [{{\"kind\": \"length\", \"max\": 50, \"weight\": 1}}] 같은 목록이나 "
        "짧은 형식 length:max=50@1로 쓰세요."),
    "rewards.bad_entry": (
        "reward {entry} is not a kind with options: write e.g. length:max=50@1.",
        "보상 {entry}은(는) 종류와 옵션 형식이 아닙니다: 예) length:max=50@1."),
    "rewards.unknown_kind": (
        "reward '{kind}' is not on the menu; choose one of: {kinds}.",
        "보상 '{kind}'은(는) 메뉴에 없습니다. 다음 중에서 고르세요: {kinds}."),
    "rewards.bad_weight": (
        "reward {kind}: weight '{weight}' is not a number of 0 or more; write e.g. {kind}@0.5.",
        "보상 {kind}: 가중치 '{weight}'은(는) 0 이상의 숫자가 아닙니다. 예) {kind}@0.5."),
    "rewards.unknown_option": (
        "reward {kind} has no option '{option}'; its options are: {options}.",
        "보상 {kind}에는 '{option}' 옵션이 없습니다. 옵션: {options}."),
    "rewards.format_needs": (
        "reward {kind} needs tags (format:tags=answer) or a regular expression (format:regex=^\\d+$).",
        "보상 {kind}에는 태그(format:tags=answer)나 정규식(format:regex=^\\d+$)이 필요합니다."),
    "rewards.bad_regex": (
        "the regular expression '{regex}' cannot be read ({error}): correct it, or use format:tags=answer to ask for "
        "<answer>...</answer>.",
        "정규식 '{regex}'을(를) 읽을 수 없습니다({error}). 고치거나, <answer>...</answer>를 요구하려면 format:tags=answer를 쓰세요."),
    "rewards.bad_number": (
        "reward {kind}: {option}='{value}' must be a number of 0 or more.",
        "보상 {kind}: {option}='{value}'은(는) 0 이상의 숫자여야 합니다."),
    "rewards.min_over_max": (
        "reward length: min={min} is over max={max}; make min the smaller one.",
        "보상 length: min={min}이(가) max={max}보다 큽니다. min을 더 작게 하세요."),
    "rewards.needs_words": (
        "reward {kind} needs the words to look for: {kind}:words=first|second.",
        "보상 {kind}에는 찾을 단어가 필요합니다: {kind}:words=첫째|둘째."),
    "rewards.bad_lang": (
        "reward language: '{language}' is not a language it can tell; choose one of: {langs}.",
        "보상 language: '{language}'은(는) 구별할 수 있는 언어가 아닙니다. 다음 중에서 고르세요: {langs}."),
    "rewards.none": (
        "GRPO learns from rewards and none is chosen: pick at least one in the reward menu (--rewards on the command "
        "line, e.g. --rewards \"length:max=50\").",
        "GRPO는 보상으로 배우는데 고른 보상이 없습니다. 보상 메뉴에서 하나 이상 고르세요(명령줄에서는 --rewards, 예: --rewards \"length:max=50\")."),
    "rewards.all_zero": (
        "every reward has weight 0, so every answer would score the same and nothing would be learned: give at least "
        "one reward a weight above 0.",
        "모든 보상의 가중치가 0이라 모든 답의 점수가 같아 아무것도 배우지 않습니다. 하나 이상의 보상에 0보다 큰 가중치를 주세요."),
    "rewards.needs_reference": (
        "reward {kinds} compares each answer with the row's reference, but the data has no reference column "
        "({columns}): add one, map it as the text column, or choose rewards that need no reference (format, json, "
        "length, contains, avoids, language).",
        "보상 {kinds}은(는) 각 답을 행의 참조 답과 비교하지만 데이터에 참조 열({columns})이 없습니다. 열을 추가하거나 텍스트 열로 지정하거나, 참조가 필요 없는 보상(format, "
        "json, length, contains, avoids, language)을 고르세요."),
    "rewards.generations": (
        "--num-generations {value}: GRPO compares at least 2 answers per prompt; use 2 or more (4 to 8 is usual).",
        "--num-generations {value}: GRPO는 프롬프트마다 답을 2개 이상 비교합니다. 2 이상(보통 4~8)을 쓰세요."),
    "rewards.temperature": (
        "--generation-temperature {value}: the answers are sampled, so it must be above 0 (1.0 is usual).",
        "--generation-temperature {value}: 답을 샘플링하므로 0보다 커야 합니다(보통 1.0)."),
    "rewards.beta": (
        "--grpo-beta {value}: the KL weight cannot be negative; use 0 (none) or e.g. 0.04.",
        "--grpo-beta {value}: KL 가중치는 음수일 수 없습니다. 0(없음)이나 0.04 같은 값을 쓰세요."),
    "rewards.preview": (
        "reward check on the first rows (each reward: the reference answer's score / an empty answer's score): "
        "{lines}",
        "처음 몇 행의 보상 확인(각 보상: 참조 답의 점수 / 빈 답의 점수): {lines}"),
    "rewards.preview_row": ("row {row}: {scores}", "{row}번째 행: {scores}"),
    "rewards.preview_no_reference": (
        "reward check on the first rows: no reference answers, so only an empty answer's scores are shown: {lines}",
        "처음 몇 행의 보상 확인: 참조 답이 없어 빈 답의 점수만 보여 줍니다: {lines}"),
    "rewards.blind": (
        "reward {name} gives the reference answer and an empty answer the same score ({score:.2f}) on the first "
        "rows: it cannot tell a good answer from a bad one there; check its options.",
        "보상 {name}은(는) 처음 몇 행에서 참조 답과 빈 답에 같은 점수({score:.2f})를 줍니다. 좋은 답과 나쁜 답을 구별하지 못하니 옵션을 확인하세요."),
    "rewards.data_shape": (
        "GRPO rows: {n} prompts{reference}{conversational}; the model writes the answers itself and the rewards "
        "score them.",
        "GRPO 행: 프롬프트 {n}개{reference}{conversational}. 답은 모델이 직접 쓰고 보상이 채점합니다."),
    "rewards.data_shape.reference": (", reference answers from column '{column}'", ", 참조 답은 '{column}' 열"),
    "rewards.data_shape.conversational": (
        " (conversations: the model answers the last turn)",
        " (대화: 모델이 마지막 차례에 답합니다)"),
    "data.shape.prompts": ("prompts the model answers itself (GRPO)", "모델이 직접 답할 프롬프트(GRPO)"),
    "data.format.prompts": ("prompts (GRPO)", "프롬프트(GRPO)"),
    "data.format.conversation_prompts": ("conversation prompts (GRPO)", "대화 프롬프트(GRPO)"),
    "rewards.blank_prompts": (
        "{rows}: the prompt ('{column}') is empty; these rows are left out.",
        "{rows}: 프롬프트('{column}')가 비어 있어 이 행들은 제외합니다."),
    "rewards.no_prompt": (
        "no prompt column found; the file has: {listing}. GRPO needs a prompt per row (a column named prompt, "
        "question, query, instruction or messages); choose it as the prompt column ({flag} on the command line).",
        "프롬프트 열을 찾지 못했습니다. 파일의 열: {listing}. GRPO에는 행마다 프롬프트가 필요합니다(prompt, question, query, instruction, messages "
        "같은 이름의 열). 프롬프트 열로 지정하세요(명령줄에서는 {flag})."),
    # ------------------------------------------------------------------ settings fitted to the data (suggest.py)
    "suggest.grpo": (
        "GRPO: {generations} answers per prompt compared with each other, at most {completion} tokens each (the "
        "reference answers' length with room to spare), learning rate {lr:g} (small: each step follows sampled "
        "answers), beta {beta:g}{why_beta}",
        "GRPO: 프롬프트마다 답 {generations}개를 서로 비교, 답마다 최대 {completion} 토큰(참조 답 길이에 여유를 더함), 학습률 {lr:g}(작게: 각 단계가 샘플링한 답을 "
        "따름), beta {beta:g}{why_beta}"),
    "suggest.grpo_beta_zero": (
        " (no KL term: no reference model in memory, faster)",
        " (KL 항 없음: 참조 모델을 메모리에 두지 않아 더 빠름)"),
    # ------------------------------------------------------------------ the run's verdict (coach)
    "card.grpo_rewards": (
        "Trained with GRPO on these rewards (weight): {rewards}.",
        "다음 보상(가중치)으로 GRPO 학습: {rewards}."),
    "rewards.defaulted": (
        "No reward was chosen: the reference answers can be checked, so GRPO uses {rewards} (--rewards chooses "
        "others).",
        "고른 보상이 없습니다: 참조 답을 확인할 수 있어 GRPO가 {rewards}을(를) 씁니다(다른 보상은 --rewards로 고르세요)."),
    "suggest.grpo_rewards": (
        "GRPO's reward: {rewards} (it checks the reference answers' kind: see the data check)",
        "GRPO 보상: {rewards}(참조 답의 종류를 확인합니다: 데이터 검사를 보세요)"),
    "data.why.verifiable_number": (
        "a prompt and an answer that is a number ({share} of the first rows; a worked answer ending '#### 42' "
        "counts): GRPO scores the model's own answers with the reward {reward} (the number in the answer equals the "
        "reference's) instead of copying the references word for word; choose sft to teach the worked answers' "
        "wording instead",
        "프롬프트와 숫자인 답(처음 행들의 {share}, '#### 42'로 끝나는 풀이도 포함): GRPO가 참조 답을 글자 그대로 따라 하는 대신 모델이 직접 쓴 답을 보상 {reward}(답의 "
        "숫자가 참조 답의 숫자와 같음)로 채점합니다. 풀이의 문장을 가르치려면 sft를 고르세요"),
    "data.why.verifiable_json": (
        "a prompt and an answer that is a JSON object ({share} of the first rows): GRPO scores the model's own "
        "answers with the reward {reward} (valid JSON with the answers' keys) instead of copying the references "
        "character for character; choose sft to teach the exact values instead",
        "프롬프트와 JSON 객체인 답(처음 행들의 {share}): GRPO가 참조 답을 글자 그대로 따라 하는 대신 모델이 직접 쓴 답을 보상 {reward}(답의 키를 가진 올바른 JSON)로 "
        "채점합니다. 정확한 값을 가르치려면 sft를 고르세요"),
}
