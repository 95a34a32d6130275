"""The page in Debian's headless Chromium, as a user clicks through it: upload the spec's DPO table, see the
mapping filled in and DPO chosen, download the settings and read the command box, train and land on the job in
Runs, watch the loss plot get points and the job succeed, reload: the job and its plot are still there; chat
with it, the base model answering beside it; Train again fills the form for a new job; removing the file clears
what the page said about it. A ko-KR browser sees no English string of the strings table on any tab after an
upload and a finished job. Screenshots (and the Korean page's visible text) go to test-artifacts/."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest

from autotrain_ui.core.i18n import text
from tests.test_app import free_port, start_app, stop_app

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# The chat's note on a machine with no GPU: where the replies are written, not an error.
CPU_NOTE = text("chat.device_cpu")


def _missing(why: str) -> None:
    """`make test` installs Chromium and Playwright: in CI (CI=true) a missing one fails the run; elsewhere the
    browser tests skip and say why."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}; CI runs the browser tests", pytrace=False)
    pytest.skip(why, allow_module_level=True)


if not Path(CHROMIUM).exists():
    _missing(f"{CHROMIUM} is not installed (make test installs it with apt-get; that failed here)")
try:
    from playwright import sync_api
except ImportError:
    _missing("playwright is not installed (make test installs it)")


def open_page(page, port: int, reload: bool = False) -> None:
    """Open (or reload) the app and wait until Gradio has built the page. Not "networkidle": the page asks the changes
    route every 2 s, and on a loaded machine the first load of Gradio's scripts can take longer than 30 s."""
    if reload:
        page.reload(wait_until="domcontentloaded", timeout=120_000)
    else:
        page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded", timeout=120_000)
    page.wait_for_selector("input[type=file]", state="attached", timeout=120_000)  # the Data tab, built


@contextlib.contextmanager
def app_in_chromium(tmp_path: Path, env: dict | None = None):
    """The app on a free port with an empty projects folder (`env` added to its environment), and Debian's Chromium
    to drive it; both gone after. Yields (projects folder, port, browser)."""
    ARTIFACTS.mkdir(exist_ok=True)
    home = tmp_path / "projects"
    home.mkdir()
    port = free_port()
    app = start_app(home, port, env)
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                yield home, port, browser
            finally:
                browser.close()
    finally:
        stop_app(app)


def test_upload_train_watch_reload(tiny_model, testdata, tmp_path):
    with app_in_chromium(tmp_path) as (home, port, browser):
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        open_page(page, port)
        # 1. data: upload, the mapping is guessed
        page.locator("input[type=file]").first.set_input_files(str(testdata / "seed" / "dpo.csv"))
        page.wait_for_function("document.querySelector('#data-report')?.innerText.includes('can train')",
                               timeout=60_000)
        assert page.locator("#map-text input").input_value() == "text"
        assert page.locator("#map-rejected input").input_value() == "rejected_text"
        assert page.locator("#map-prompt input").input_value() == "prompt"
        page.screenshot(path=str(ARTIFACTS / "1-data.png"), full_page=True)
        # 2. model and training: DPO is preselected from the data; point the model at the tiny test model
        page.get_by_role("tab", name="2. Model and training").click()
        assert page.locator("#field-trainer input").input_value() == "dpo"
        model = page.locator("#field-model input")
        model.fill(tiny_model)
        model.press("Tab")
        epochs = page.locator("#field-epochs input")
        epochs.fill("3")
        epochs.press("Tab")
        page.wait_for_function(f"document.querySelector('#command')?.innerText.includes('--epochs 3')",
                               timeout=30_000)
        command = page.locator("#command").inner_text()
        assert "--data-path" in command and "dpo.csv" in command and "--project-name" in command, command
        with page.expect_download(timeout=30_000) as download:  # the first click, the values on screen now
            page.locator("#export-settings").click()
        saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert saved["epochs"] == 3 and saved["model"] == tiny_model and saved["trainer"] == "dpo"
        summary, train = page.locator("#fit-summary").bounding_box(), page.locator("#train-button").bounding_box()
        assert "Fits on" in page.locator("#fit-summary").inner_text() and abs(summary["y"] - train["y"]) < 80
        page.screenshot(path=str(ARTIFACTS / "2-training.png"), full_page=True)
        page.locator("#train-button").click()
        # 3. runs: the page opens the new job there; it runs, its loss plot gets points, it succeeds
        page.wait_for_function("document.querySelector('#job-status')?.innerText.includes('status')",
                               timeout=60_000)
        assert page.get_by_role("tab", name="3. Runs").get_attribute("aria-selected") == "true"
        page.wait_for_function("document.querySelector('#job-status')?.innerText.includes('succeeded')",
                               timeout=300_000)
        page.wait_for_selector("#loss-plot canvas, #loss-plot svg", timeout=30_000)
        status = page.locator("#job-status").inner_text()
        assert "loss" in status and "0 tokens/s" not in status
        page.wait_for_selector("#train-again", state="visible", timeout=30_000)
        assert not page.locator("#cancel-button").is_visible() and not page.locator("#resume-button").is_visible()
        page.wait_for_selector("#export-panel", state="visible", timeout=30_000)   # the run followed to its end
        page.screenshot(path=str(ARTIFACTS / "3-runs.png"), full_page=True)
        # 4. reload: the registry, not the browser, owns the job
        urls: list[str] = []

        def record(request):
            urls.append(request.url)

        page.on("request", record)
        open_page(page, port, reload=True)
        page.get_by_role("tab", name="3. Runs").click()
        page.wait_for_function("document.querySelector('#job-status')?.innerText.includes('succeeded')",
                               timeout=60_000)
        page.wait_for_selector("#loss-plot canvas, #loss-plot svg", timeout=30_000)
        page.wait_for_function("(b => b && b.scrollHeight > b.clientHeight && "  # the log opens on its newest lines
                               "b.scrollTop + b.clientHeight >= b.scrollHeight - 30)"
                               "(document.querySelector('#job-log textarea'))", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "4-after-reload.png"), full_page=True)
        # an idle page asks the cheap changes route every 2 s and runs no Gradio event (ui/live.py); its first
        # ask redraws once, with one plain POST outside the queue
        page.wait_for_timeout(3000)
        assert any("/gradio_api/run/" in u for u in urls), urls
        del urls[:]
        page.wait_for_timeout(6500)
        page.remove_listener("request", record)
        asked = [u for u in urls if "/autotrain/changes" in u]
        events = [u for u in urls if "/gradio_api/queue/join" in u or "/gradio_api/run/" in u]
        assert len(asked) >= 2 and not events, urls
        # 5. chat: pick the finished job, send a message, the tuned and the base model both answer
        page.get_by_role("tab", name="4. Chat").click()
        page.locator("#chat-job input").click()
        page.get_by_role("option").first.click()
        message = page.locator("#chat-message textarea")
        message.fill("Hello, who are you?")
        message.press("Enter")      # Enter sends, as in any chat
        try:
            for window in ("#chat-tuned", "#chat-base"):
                page.wait_for_selector(f"{window} .user-row", timeout=120_000)
                page.wait_for_selector(f"{window} .bot-row, {window} .assistant-row", timeout=120_000)
        except sync_api.TimeoutError:
            page.screenshot(path=str(ARTIFACTS / "5-chat-failed.png"), full_page=True)
            raise AssertionError(f"note: {page.locator('#chat-note').inner_text()!r}; tuned: "
                                 f"{page.locator('#chat-tuned').inner_text()!r}; base: "
                                 f"{page.locator('#chat-base').inner_text()!r}; app log: "
                                 f"{(home.parent / f'app-{port}.log').read_text()[-2000:]}") from None
        assert "Hello, who are you?" in page.locator("#chat-tuned").inner_text()
        # no error shown: the note only says where the replies are written (this machine has no GPU)
        assert page.locator("#chat-note").inner_text().strip() in ("", CPU_NOTE)
        page.screenshot(path=str(ARTIFACTS / "5-chat.png"), full_page=True)
        # 6. train again: the finished job's settings and data fill the form, for a new project
        page.get_by_role("tab", name="3. Runs").click()
        page.locator("#train-again").click()
        page.wait_for_function("document.querySelector('#field-project_name textarea')?.value === "
                               "'my-autotrain-llm-2'", timeout=30_000)
        assert page.get_by_role("tab", name="2. Model and training").get_attribute("aria-selected") == "true"
        assert page.locator("#field-model input").input_value() == tiny_model
        assert page.locator("#field-trainer input").input_value() == "dpo"
        assert page.locator("#field-epochs input").input_value() == "3"
        # 7. removing the file takes its report and mapping with it
        page.get_by_role("tab", name="1. Data").click()
        assert page.locator("#map-prompt input").input_value() == "prompt"
        page.locator("button[aria-label='Clear']").first.click()
        page.wait_for_function("document.querySelector('#data-report')?.innerText.trim() === ''", timeout=30_000)
        assert page.locator("#map-text input").input_value() == ""
        assert page.locator("#map-prompt input").input_value() == ""
        page.screenshot(path=str(ARTIFACTS / "6-cleared.png"), full_page=True)


@pytest.mark.slow
def test_defaults_teach_the_spec_table(testdata, tmp_path, smollm_path):
    """A new user's first run: upload the spec's SFT table (repeated to 20 rows), change nothing, press Train, ask
    the result its name in Chat. The real SmolLM2-135M must answer with the table's "Mary"."""
    import csv

    rows = list(csv.DictReader((testdata / "seed" / "sft.csv").open()))
    table = tmp_path / "my-first-table.csv"
    with table.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text"])
        for i in range(20):
            writer.writerow([rows[i % len(rows)]["text"]])
    with app_in_chromium(tmp_path) as (home, port, browser):
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        open_page(page, port)
        page.locator("input[type=file]").first.set_input_files(str(table))
        page.wait_for_function("document.querySelector('#data-chosen')?.innerText.includes('20 rows: 3 epochs')",
                               timeout=60_000)
        page.wait_for_function("document.querySelector('#learn-note')?.innerText.includes('tokenizer')",
                               timeout=120_000)
        page.screenshot(path=str(ARTIFACTS / "first-run-1-data.png"), full_page=True)
        page.get_by_role("tab", name="2. Model and training").click()
        page.locator("#train-button").click()
        page.get_by_role("tab", name="3. Runs").click()
        try:
            page.wait_for_function("document.querySelector('#job-status')?.innerText.includes('succeeded')",
                                   timeout=600_000)
        finally:
            page.screenshot(path=str(ARTIFACTS / "first-run-2-runs.png"), full_page=True)
        page.get_by_role("tab", name="4. Chat").click()
        page.locator("#chat-job input").click()
        page.get_by_role("option").first.click()
        page.locator("#chat-message textarea").fill("What is your name?")
        page.locator("#chat-send").click()
        page.wait_for_selector("#chat-base .bot-row, #chat-base .assistant-row", timeout=180_000)
        page.wait_for_function(f"['', {json.dumps(CPU_NOTE)}].includes(document.querySelector('#chat-note')?.innerText.trim())",
                               timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "first-run-3-chat.png"), full_page=True)
        tuned = page.locator("#chat-tuned").inner_text()
        assert "Mary" in tuned, tuned


# ---------------------------------------------------------------- the page in Korean

# Shown on the page, but not the page's own words: the uploaded data and what the models wrote.
NOT_PAGE_WORDS = ["#learn-preview", "#job-raw-log", "#chat-tuned .message-row", "#chat-base .message-row",
                  "#chat-tuned .message", "#chat-base .message"]
# The before/after report quotes the data and the models' answers after these labels (ui/runs_tab.answer_markdown).
QUOTING_LABELS = ("page.report_prompt", "page.report_expected", "page.report_rejected", "page.report_col_base", "page.report_col_tuned")


def page_own_words(text: str, lang: str = "ko") -> str:
    """The text without the report's quoted lines (a label of QUOTING_LABELS, then the data's or a model's words)."""
    from autotrain_ui.core.i18n import text as say

    labels = tuple(say(key, lang) for key in QUOTING_LABELS)
    return "\n".join(line for line in text.splitlines() if not line.strip().lstrip("-• ").startswith(labels))


def visible_text(page, hide: list[str]) -> str:
    """The page's visible text with the given elements hidden for the reading (innerText skips hidden ones)."""
    return page.evaluate("""(selectors) => {
        const hidden = [];
        for (const s of selectors) { for (const el of document.querySelectorAll(s)) {
            hidden.push([el, el.style.display]); el.style.display = "none"; } }
        const text = document.body.innerText;
        for (const [el, before] of hidden) { el.style.display = before; }
        return text; }""", hide)


def english_left(text: str) -> list[tuple[str, str]]:
    """(key, English words) for every English value of the strings table that the text still shows. A value is
    split at its {placeholders}; a piece that is only a name, a number or a flag (or that the Korean entry keeps
    as it is, such as LoRA) does not count."""
    import re

    from autotrain_ui.ui.strings import EN, KO

    def plain(s: str) -> str:
        s = re.sub(r"\*\*|`|</?small>|[\[\]]|\([^)]*://[^)]*\)|(?<![\w-])--[\w-]+|\S*/\S*", " ", s)
        return re.sub(r"\s+", " ", s).strip(" .,:;()-_#\"'")

    shown = " " + plain(text) + " "
    # a setting's own value is shown as it is (the help says "epoch (default), steps or no"; the command box
    # "--text-column text"): a piece that is only such a value is not an untranslated sentence
    from autotrain_ui.core.params import LLMParams

    values = {c for f in LLMParams.schema() for c in (f.metadata["choices"] or ())} | {"text", "prompt", "rejected_text"}
    found = []
    # the one catalog (the page's labels, the data check's report, the chosen settings, the verdicts ...) and the
    # page's own entries (form help, model labels); the command line's own lines (cli.*) are never on the page
    pairs = [(key, value, KO[key]) for key, value in EN.items() if not key.startswith("cli.")]
    for key, value, korean in pairs:
        for piece in re.split(r"\{[^}]*\}", value):
            piece = plain(piece)
            kept = re.sub(r"\{[^}]*\}", " ", korean)  # what the Korean entry keeps in English (LoRA, Hub)
            if len(re.findall(r"[A-Za-z]", piece)) < 3 or not re.search(r"[A-Za-z]{3}", piece) or piece in kept \
                    or piece in values:
                continue
            if re.search(r"(?<![A-Za-z0-9_-])" + re.escape(piece) + r"(?![A-Za-z0-9_-])", shown):
                found.append((key, piece))
    return found


def test_a_korean_browser_sees_no_english_string_on_any_tab(tiny_model, testdata, tmp_path):
    """ko-KR (Accept-Language and navigator.language): upload the spec's SFT table, train a short job to success,
    visit every tab; no English value of the strings table is left in what the page shows."""
    with app_in_chromium(tmp_path) as (home, port, browser):
        page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="ko-KR")
        open_page(page, port)
        seen: dict[str, list] = {}

        def check(tab: str, hide: list[str] = ()) -> None:
            text = page_own_words(visible_text(page, NOT_PAGE_WORDS + list(hide)))
            assert "__i18n__" not in text, text
            seen[tab] = english_left(text)
            (ARTIFACTS / f"ko-{tab}.txt").write_text(text, encoding="utf-8")
            page.screenshot(path=str(ARTIFACTS / f"ko-{tab}.png"), full_page=True)

        page.locator("input[type=file]").first.set_input_files(str(testdata / "seed" / "sft.csv"))
        page.wait_for_function("document.querySelector('#map-text input')?.value === 'text'", timeout=60_000)
        page.wait_for_function("document.querySelector('#data-report')?.innerText.trim().length > 0",
                               timeout=60_000)
        page.wait_for_function("/[\\uac00-\\ud7a3]/.test(document.querySelector('#learn-note')?.innerText)",
                               timeout=120_000)
        check("1-data", ["table", ".table-wrap", "[role=grid]"])  # the uploaded rows, as they are
        page.get_by_role("tab", name="2. 모델과 학습").click()
        model = page.locator("#field-model input")
        model.fill(tiny_model)
        model.press("Tab")
        page.wait_for_function("document.querySelector('#command')?.innerText.includes('tiny-llama')",
                               timeout=30_000)
        page.get_by_text("고급: 나머지 모든 설정").click()  # every other field and its help, too
        page.wait_for_function("/[\\uac00-\\ud7a3]/.test(document.querySelector('#fit-summary')?.innerText)",
                               timeout=30_000)
        check("2-training")
        page.locator("#train-button").click()
        page.wait_for_function("document.querySelector('#job-status')?.innerText.includes('성공')",
                               timeout=300_000)
        page.wait_for_selector("#loss-plot canvas, #loss-plot svg", timeout=30_000)
        page.wait_for_selector("#train-again", state="visible", timeout=30_000)
        check("3-runs")
        # the Korean view is redrawn by the same cheap polling (its request carries the language), and an idle
        # Korean page is skipped like any other: no Gradio event once nothing changes
        urls: list[str] = []

        def record(request):
            urls.append(request.url)

        page.wait_for_timeout(3000)
        page.on("request", record)
        page.wait_for_timeout(5000)
        page.remove_listener("request", record)
        assert not [u for u in urls if "/gradio_api/run/" in u or "/gradio_api/queue/join" in u], urls
        page.get_by_role("tab", name="4. 대화").click()
        page.locator("#chat-job input").click()
        page.get_by_role("option").first.click()
        page.locator("#chat-message textarea").fill("What is your name?")
        page.locator("#chat-send").click()
        for window in ("#chat-tuned", "#chat-base"):
            page.wait_for_selector(f"{window} .bot-row, {window} .assistant-row", timeout=120_000)
        check("4-chat")
    (ARTIFACTS / "ko-english-left.json").write_text(json.dumps(seen, indent=1, ensure_ascii=False), encoding="utf-8")
    assert {tab: found for tab, found in seen.items() if found} == {}


def test_the_model_box_offers_the_known_models_and_takes_a_typed_one(tmp_path):
    """Tab 2's model box, opened: the known models with their sizes (in the browser's language); picking one puts its
    Hub id in the command and its size in the estimate; a typed Hub id is taken as it is. Screenshots of the open
    picker go to test-artifacts/ (2-model-picker.png, ko-2-model-picker.png)."""
    with app_in_chromium(tmp_path) as (home, port, browser):
        for locale, tab, label, gated in (
                ("en-US", "2. Model and training", "Qwen2.5 1.5B Instruct (1.5B, gated: no)",
                 "Llama 3.2 1B Instruct (1.2B, gated: yes)"),
                ("ko-KR", "2. 모델과 학습", "Qwen2.5 1.5B Instruct (1.5B, 라이선스 동의 불필요)",
                 "Llama 3.2 1B Instruct (1.2B, 라이선스 동의 필요)")):
            page = browser.new_page(viewport={"width": 1400, "height": 1200}, locale=locale)
            open_page(page, port)
            page.get_by_role("tab", name=tab).click()
            box = page.locator("#field-model input")
            box.click()
            page.wait_for_selector("[role=option]", timeout=30_000)
            options = page.get_by_role("option").all_inner_texts()
            assert len(options) == 19 and label in options and gated in options, options
            page.wait_for_timeout(500)                       # the list's opening animation, for the picture
            page.screenshot(path=str(ARTIFACTS / f"{'ko-' if locale == 'ko-KR' else ''}2-model-picker.png"))
            page.get_by_role("option", name=label).click()
            page.wait_for_function("document.querySelector('#command')?.innerText.includes("
                                   "'Qwen/Qwen2.5-1.5B-Instruct')", timeout=30_000)
            page.wait_for_function("document.querySelector('#hardware-fit')?.innerText.includes('1544M')",
                                   timeout=30_000)
            page.close()
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        open_page(page, port)
        page.get_by_role("tab", name="2. Model and training").click()
        box = page.locator("#field-model input")
        box.fill("someone/mystery-3b")
        box.press("Tab")
        page.wait_for_function("document.querySelector('#command')?.innerText.includes('someone/mystery-3b')",
                               timeout=30_000)
        page.wait_for_function("document.querySelector('#hardware-fit')?.innerText.includes("
                               "'not one of the models this tool knows')", timeout=30_000)


def test_korean_rows_offer_a_model_that_knows_korean(testdata, tmp_path):
    """Korean chat rows uploaded with the default model (trained on English): the report names the language, the
    chosen settings say why another model, and one click on "Use ..." puts it in the model box (the command shows
    it). Its weights are not needed: a Hub cache on this machine that holds its config is enough to offer it."""
    from autotrain_ui.core.models import KNOWN_MODELS

    proposal = min((m for m in KNOWN_MODELS if m.picker and "ko" in m.languages and not m.gated),
                   key=lambda m: m.params)
    cache = tmp_path / "hub"
    repo = cache / f"models--{proposal.hub_id.replace('/', '--')}"
    (repo / "snapshots" / ("0" * 40)).mkdir(parents=True)
    (repo / "snapshots" / ("0" * 40) / "config.json").write_text(json.dumps(proposal.config()))
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0" * 40)
    with app_in_chromium(tmp_path, {"HF_HUB_CACHE": str(cache), "HF_HUB_OFFLINE": "1"}) as (home, port, browser):
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        open_page(page, port)
        page.locator("input[type=file]").first.set_input_files(str(testdata / "language" / "ko_chat.jsonl"))
        page.wait_for_function("document.querySelector('#data-report')?.innerText.includes('The rows are in Korean')",
                               timeout=60_000)
        button = page.locator("#use-model")
        button.wait_for(state="visible", timeout=30_000)
        assert proposal.label in button.inner_text()
        chosen = page.locator("#data-chosen").inner_text()
        assert "English only" in chosen and proposal.label in chosen, chosen
        page.screenshot(path=str(ARTIFACTS / "korean-rows-model-proposal.png"), full_page=True)
        button.click()
        button.wait_for(state="hidden", timeout=30_000)
        page.get_by_role("tab", name="2. Model and training").click()
        page.wait_for_function(f"document.querySelector('#field-model input')?.value.includes('{proposal.label}')",
                               timeout=30_000)
        page.wait_for_function(f"document.querySelector('#command')?.innerText.includes('{proposal.hub_id}')",
                               timeout=30_000)
