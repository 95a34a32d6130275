"""What the app's operations say when they refuse or report, on the page, in the API and on the command line (the
chat, the projects folder and the registry, a push, a run on a Space, the Ollama template, the CLI's own lines), by
key: English and Korean side by side."""

CATALOG = {
    # ------------------------------------------------------------------------------ the chat (autotrain_ui/chat.py)
    "chat.not_a_project": (
        "{project} is not a project folder (it has no config.json).",
        "{project}은(는) 프로젝트 폴더가 아닙니다 (config.json이 없습니다)."),
    "chat.reward_model": (
        "This run trained a reward model: it scores answers, it does not write them. Use its scores (see the "
        "before/after report) or train with {chatting} to get a chat model.",
        "이 실행은 보상 모델을 학습했습니다: 답을 채점할 뿐, 답을 쓰지는 않습니다. 그 점수를 쓰거나(학습 전후 보고서 참고), 대화 "
        "모델을 얻으려면 {chatting}(으)로 학습하세요."),
    "chat.not_trained": (
        "{name} has no trained model yet: it is still training, or it stopped before saving. Resume it, or pick a "
        "finished run.",
        "{name}에는 아직 학습된 모델이 없습니다: 아직 학습 중이거나 저장하기 전에 멈췄습니다. 이어서 학습하거나 끝난 실행을 "
        "고르세요."),

    # ------------------------------------------------------- the projects folder and the registry (jobs, runner)
    "project.outside": (
        "--project-name {name!r} would write outside {root}: use a plain name.",
        "--project-name {name!r}은(는) {root} 바깥에 쓰게 됩니다: 평범한 이름을 쓰세요."),
    "project.exists": (
        "The folder {folder} already exists and is not empty: choose another --project-name, or move the old project "
        "away first (nothing is overwritten).",
        "폴더 {folder}이(가) 이미 있고 비어 있지 않습니다: 다른 --project-name을 고르거나, 먼저 옛 프로젝트를 옮기세요 "
        "(아무것도 덮어쓰지 않습니다)."),
    "project.disk_full": (
        "No space left on the disk of {root} for the project {name!r} (its data copy needs {mb} MB plus room for "
        "checkpoints): free some space there, or set AUTOTRAIN_HOME to a folder on a larger disk. Nothing was kept.",
        "{root}의 디스크에 프로젝트 {name!r}을(를) 위한 공간이 없습니다 (데이터 사본에 {mb} MB, 그리고 체크포인트를 둘 자리가 "
        "필요합니다): 그곳의 공간을 비우거나, AUTOTRAIN_HOME을 더 큰 디스크의 폴더로 정하세요. 아무것도 남기지 않았습니다."),
    "project.unwritable": (
        "Cannot write the project {name!r} in {root} ({reason}): make that folder writable, or set AUTOTRAIN_HOME to "
        "a folder you can write to. Nothing was kept.",
        "{root}에 프로젝트 {name!r}을(를) 쓸 수 없습니다 ({reason}): 그 폴더를 쓸 수 있게 하거나, AUTOTRAIN_HOME을 쓸 수 "
        "있는 폴더로 정하세요. 아무것도 남기지 않았습니다."),
    "registry.unusable": (
        "The projects folder {root} cannot be used ({reason}): make it a folder you can write to, or set "
        "AUTOTRAIN_HOME (or --projects) to another one.",
        "프로젝트 폴더 {root}을(를) 쓸 수 없습니다 ({reason}): 쓸 수 있는 폴더로 만들거나, AUTOTRAIN_HOME(또는 "
        "--projects)을 다른 폴더로 정하세요."),
    "registry.unwritable": (
        "The job registry {path} cannot be written ({error}): make the projects folder writable, or set "
        "AUTOTRAIN_HOME to another folder.",
        "작업 목록 {path}에 쓸 수 없습니다 ({error}): 프로젝트 폴더를 쓸 수 있게 하거나, AUTOTRAIN_HOME을 다른 폴더로 "
        "정하세요."),
    "registry.not_recorded": (
        "The job could not be recorded in {root} ({error}): check that the projects folder is writable and its disk "
        "is not full.",
        "작업을 {root}에 기록하지 못했습니다 ({error}): 프로젝트 폴더에 쓸 수 있는지, 디스크가 가득 차지 않았는지 "
        "확인하세요."),
    "jobs.no_retry_change": (
        "Job {id} has no suggested change to retry with.", "작업 {id}에는 다시 시도할 때 바꿀 제안이 없습니다."),

    # ------------------------------------------------------------------------------------ a push (hub/push.py)
    "push.no_model": (
        "There is no trained model in {folder} to push: the run has not finished successfully. Train first, then "
        "push.",
        "{folder}에 올릴 학습된 모델이 없습니다: 실행이 성공적으로 끝나지 않았습니다. 먼저 학습한 뒤 올리세요."),
    "push.needs_token": (
        "Pushing to the Hub needs a token with write access: pass --token, set HF_TOKEN, or sign in with the Hugging "
        "Face button in the app. {retry}",
        "Hub에 올리려면 쓰기 권한이 있는 토큰이 필요합니다: --token을 주거나, HF_TOKEN을 설정하거나, 앱에서 Hugging Face "
        "버튼으로 로그인하세요. {retry}"),
    "push.retry": (
        "Nothing was lost: the trained model is still in {folder}. To try again, run `{command}` (token from HF_TOKEN "
        "or `hf auth login`), or press Push on this run in the app's Runs view.",
        "잃은 것은 없습니다: 학습된 모델은 그대로 {folder}에 있습니다. 다시 시도하려면 `{command}`을(를) 실행하거나(토큰은 "
        "HF_TOKEN 또는 `hf auth login`), 앱의 실행 기록에서 이 실행의 Hub에 올리기를 누르세요."),
    "push.leak": (
        "Refusing to push: the token appears in {files}. Remove it from those files and revoke the token at "
        "https://huggingface.co/settings/tokens.",
        "올리지 않습니다: 토큰이 {files}에 들어 있습니다. 그 파일들에서 지우고, https://huggingface.co/settings/tokens 에서 "
        "토큰을 폐기하세요."),
    # the Hub's answer to a failed call (core/hub_client.describe_hub_error), quoted inside the step's message
    "hub.error.owner_not_found": (
        "the Hub answered 404 (not found): the user or organisation does not exist, or this token cannot see it.",
        "Hub의 응답은 404(찾을 수 없음)입니다: 그 사용자나 조직이 없거나, 이 토큰으로는 볼 수 없습니다."),
    "hub.error.status_401": (
        "the Hub refused the token (401 Unauthorized): it is wrong, expired or revoked.",
        "Hub가 토큰을 거부했습니다(401 Unauthorized): 토큰이 틀렸거나, 만료되었거나, 폐기되었습니다."),
    "hub.error.status_402": (
        "the Hub answered 402 (payment required): this hardware needs billing set up on your account.",
        "Hub의 응답은 402(결제 필요)입니다: 이 하드웨어를 쓰려면 계정에 결제 수단을 설정해야 합니다."),
    "hub.error.status_403": (
        "the Hub answered 403 (forbidden): the token is read-only or may not write to this namespace; use a token "
        "with write access.",
        "Hub의 응답은 403(금지됨)입니다: 토큰이 읽기 전용이거나 이 이름공간에 쓸 수 없습니다. 쓰기 권한이 있는 토큰을 "
        "쓰세요."),
    "hub.error.status_404": (
        "the Hub answered 404 (not found): the user, organisation or repo does not exist.",
        "Hub의 응답은 404(찾을 수 없음)입니다: 그 사용자, 조직 또는 저장소가 없습니다."),
    "hub.error.status": ("the Hub answered {status}: {detail}", "Hub의 응답은 {status}입니다: {detail}"),
    "hub.error.unreachable": ("the Hub could not be reached ({error}).", "Hub에 연결할 수 없습니다 ({error})."),
    "push.failed": (
        "Push of {target} to the Hub failed: {error} {retry}", "{target}을(를) Hub에 올리지 못했습니다: {error} {retry}"),
    "push.no_gguf": (
        "There is no GGUF export in {folder} to push: export the project first (`{command}`).",
        "{folder}에 올릴 GGUF 내보내기가 없습니다: 먼저 프로젝트를 내보내세요 (`{command}`)."),
    "push.gguf_needs_token": (
        "Pushing to the Hub needs a token with write access: set HF_TOKEN, or sign in with the Hugging Face button in "
        "the app.",
        "Hub에 올리려면 쓰기 권한이 있는 토큰이 필요합니다: HF_TOKEN을 설정하거나, 앱에서 Hugging Face 버튼으로 "
        "로그인하세요."),
    "push.gguf_leak": ("Refusing to push: the token appears in {files}.", "올리지 않습니다: 토큰이 {files}에 들어 있습니다."),
    "push.gguf_failed": (
        "Push of the GGUF export to {target} failed: {error} The export is still in {folder}.",
        "GGUF 내보내기를 {target}에 올리지 못했습니다: {error} 내보낸 파일은 그대로 {folder}에 있습니다."),

    # ------------------------------------------------------------- a run on a Space (hub/spaces.py, space_hardware)
    "spaces.needs_token": (
        "Training on a Space needs a Hub token with write access: pass --token or set HF_TOKEN. It becomes the Space's "
        "HF_TOKEN secret, so the Space can push the result.",
        "Space에서 학습하려면 쓰기 권한이 있는 Hub 토큰이 필요합니다: --token을 주거나 HF_TOKEN을 설정하세요. 이 토큰은 "
        "Space의 HF_TOKEN 비밀 값이 되어, Space가 결과를 올릴 수 있습니다."),
    "spaces.data_missing": ("Data file(s) not found: {files}.", "데이터 파일을 찾지 못했습니다: {files}."),
    "spaces.failed": (
        "Could not {step}: {error} Nothing was started; fix that and run the same command again.",
        "{step} 못했습니다: {error} 아무것도 시작하지 않았습니다. 고친 뒤 같은 명령을 다시 실행하세요."),
    "spaces.step.look_up": ("look up the Space {space}", "Space {space}을(를) 찾아보지"),
    "spaces.step.duplicate": ("duplicate {source} to {space}", "{source}을(를) {space}(으)로 복제하지"),
    "spaces.step.secret": ("set the HF_TOKEN secret of {space}", "{space}의 HF_TOKEN 비밀 값을 설정하지"),
    "spaces.step.read_hardware": ("read the hardware of {space}", "{space}의 하드웨어를 읽지"),
    "spaces.step.move_hardware": ("move {space} to {target}", "{space}을(를) {target}(으)로 옮기지"),
    "hardware.failed": ("Could not {step}: {error}", "{step} 못했습니다: {error}"),
    "spaces.step.upload": ("upload the job to {space}", "작업을 {space}에 올리지"),
    "spaces.hardware_needs_owner": (
        "Changing the Space's hardware needs the owner's token: set the HF_TOKEN secret of the Space (Settings -> "
        "Variables and secrets).",
        "Space의 하드웨어를 바꾸려면 소유자의 토큰이 필요합니다: Space의 HF_TOKEN 비밀 값을 설정하세요 (Settings -> "
        "Variables and secrets)."),

    # ---------------------------------------------------- why a Modelfile has no TEMPLATE line (autotrain_ui/ollama.py)
    "ollama.cannot_render": (
        "the chat template cannot render a plain conversation: {error}",
        "채팅 템플릿이 평범한 대화를 만들지 못합니다: {error}"),
    "ollama.texts_missing": (
        "the conversation's texts do not appear in the rendered prompt", "만들어진 프롬프트에 대화의 텍스트가 없습니다"),
    "ollama.user_end_varies": (
        "a user turn does not end the same way each time", "사용자 차례가 매번 같은 방식으로 끝나지 않습니다"),
    "ollama.system_missing": (
        "the system prompt does not appear in the rendered conversation", "만들어진 대화에 시스템 프롬프트가 없습니다"),
    "ollama.system_not_before_user": (
        "the system block is not followed by the user turn", "시스템 블록 다음에 사용자 차례가 오지 않습니다"),
    "ollama.pieces_differ": (
        "the turn pieces do not reproduce the chat template's own output",
        "차례 조각들을 이어도 채팅 템플릿 자체의 출력과 같아지지 않습니다"),
    "ollama.no_template": ("the tokenizer has no chat template", "토크나이저에 채팅 템플릿이 없습니다"),

    # ------------------------------------------------------------------------------ the settings (core/params.py)
    "params.not_a_choice": ("{flag} {value!r} is not one of: {choices}", "{flag} {value!r}은(는) 다음 중 하나가 아닙니다: {choices}"),
    "params.unknown_in_config": ("unknown parameter(s) in config: {names}", "설정 파일에 알 수 없는 매개변수: {names}"),
    "params.required": (
        "{flags} is required: it names the output folder and the Hub repo.",
        "{flags}은(는) 꼭 필요합니다: 출력 폴더와 Hub 저장소의 이름이 됩니다."),

    # ------------------------------------------------------------------ the command line's own lines (cli/)
    "cli.data_cannot_train": (
        "Problems:\n  ERROR   {error}\nResult:      cannot train", "문제:\n  오류    {error}\n결과:        학습할 수 없음"),
    "cli.data_internal_error": (
        "internal error while checking {file}: {error_type}: {error}. Please report it (set AUTOTRAIN_DEBUG=1 for "
        "details).",
        "{file}을(를) 검사하는 중 내부 오류: {error_type}: {error}. 알려 주세요 (자세한 내용은 AUTOTRAIN_DEBUG=1)."),
    "cli.export_push_needs_gguf": (
        "error: --push sends the GGUF files: add --format gguf or ollama.",
        "오류: --push는 GGUF 파일을 올립니다: --format gguf 또는 ollama를 더하세요."),
    "cli.no_such_job": (
        "error: there is no job {id} in {root} (see `autotrain jobs list`).",
        "오류: {root}에 작업 {id}이(가) 없습니다 (`autotrain jobs list` 참고)."),
    "cli.nothing_to_do": (
        "nothing to do: add --train to train a model (see `autotrain llm --help`).",
        "할 일이 없습니다: 모델을 학습하려면 --train을 더하세요 (`autotrain llm --help` 참고)."),
    "cli.training_exited": (
        "training exited with code {code}; see {log}", "학습이 코드 {code}(으)로 끝났습니다; {log}을(를) 보세요"),
    "cli.space_unreachable": (
        "Could not reach the Space {space}: {error}. It may still be starting (building the image and moving to its "
        "hardware takes minutes): try again shortly.",
        "Space {space}에 연결하지 못했습니다: {error}. 아직 시작하는 중일 수 있습니다(이미지를 빌드하고 하드웨어로 옮기는 데 "
        "몇 분 걸립니다): 잠시 뒤 다시 시도하세요."),
    "cli.space_no_answer": (
        "The Space did not answer for job {id}: {error}", "Space가 작업 {id}에 대해 답하지 않았습니다: {error}"),
    "cli.report_no_problems": ("Problems:    none", "문제:        없음"),
    "cli.report_can_train": ("Result:      can train", "결과:        학습할 수 있음"),
    "cli.report_can_train_warnings": (
        "Result:      can train ({n} warnings)", "결과:        학습할 수 있음 (경고 {n}개)"),
    "cli.report_can_train_warnings.one": (
        "Result:      can train (1 warning)", "결과:        학습할 수 있음 (경고 1개)"),
    "cli.report_cannot_train": (
        "Result:      cannot train: fix the {n} errors above", "결과:        학습할 수 없음: 위의 오류 {n}개를 고치세요"),
    "cli.report_cannot_train.one": (
        "Result:      cannot train: fix the 1 error above", "결과:        학습할 수 없음: 위의 오류 1개를 고치세요"),
    "cli.prompt_length_fitted": (
        "note: --max-prompt-length is {prompt}, half of the block size {block} (its default, 128, leaves no room for "
        "the answer); give --max-prompt-length to choose.",
        "참고: --max-prompt-length를 블록 크기 {block}의 절반인 {prompt}(으)로 정했습니다 (기본값 128로는 답이 들어갈 "
        "자리가 없습니다). 직접 정하려면 --max-prompt-length를 주세요."),
    "cli.no_jobs": ("No jobs in {root}.", "{root}에 작업이 없습니다."),
    "cli.deploying": ("Deploying a chat Space for {model} ...", "{model}의 채팅 Space를 배포하는 중 ..."),
    "cli.training": (
        "Training {trainer} on {model} -> {project}  (log: {log})", "{model}을(를) {trainer}(으)로 학습 -> {project}  (로그: {log})"),
    "cli.stopping": ("\nStopping: the run saves at the next step ...", "\n멈추는 중: 다음 스텝에서 저장합니다 ..."),
    "cli.pushing": ("Pushing to the Hub as {repo} (private) ...", "Hub에 {repo}(으)로 올리는 중 (비공개) ..."),
    "cli.space_no_push": (
        "note: without --push-to-hub the model stays on the Space (download it from the app's Runs view).",
        "참고: --push-to-hub 없이는 모델이 Space에 남습니다 (앱의 실행 기록에서 내려받으세요)."),
    "cli.space_sent": (
        "Job {id} sent to {which} Space {url}\n  hardware: {hardware}\n  It starts by itself once the Space is up on "
        "that hardware (building and moving take minutes), and the Space goes back to CPU basic when it is done.\n  "
        "Follow it: {follow}",
        "작업 {id}을(를) {which} Space {url}에 보냈습니다\n  하드웨어: {hardware}\n  Space가 그 하드웨어에서 뜨면 저절로 "
        "시작하고(빌드와 이동에 몇 분 걸립니다), 끝나면 Space는 CPU basic으로 돌아갑니다.\n  따라가기: {follow}"),
    "cli.space_new": ("a new", "새"),
    "cli.space_yours": ("your", "내"),
    "cli.done": ("Done. The model is in {folder}", "끝났습니다. 모델은 {folder}에 있습니다"),
    "cli.done_but": (
        "The model is in {folder} (saved as it is).\nFinished, but: {verdict}",
        "모델은 {folder}에 있습니다 (그대로 저장).\n끝났지만: {verdict}"),
}
