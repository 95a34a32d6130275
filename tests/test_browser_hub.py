"""A Hub dataset in the page, in Debian's headless Chromium: its address pasted into "From the Hub", its configs and
splits offered from what the repo has, a split chosen and its first rows shown and checked, Train with the defaults
(the tiny model, one epoch), and the job, which loads the whole split itself, succeeds; config.json and the model card name the
dataset and the commit it was read at. The Hub is the stand-in (tests/hub_datasets.py); nothing reaches a network."""

from __future__ import annotations

import json

import pytest

from tests.hub_datasets import PUBLIC, add_datasets
from tests.hub_standin import HubStandin
from tests.test_app import free_port, start_app, stop_app
from tests.test_browser import ARTIFACTS, CHROMIUM, open_page, sync_api


@pytest.fixture(scope="module")
def hub():
    with HubStandin() as standin:
        add_datasets(standin)
        yield standin


def _text_has(page, selector: str, words: str, timeout: int = 60_000) -> None:
    page.wait_for_function(f"document.querySelector({json.dumps(selector)})?.innerText.includes({json.dumps(words)})",
                           timeout=timeout)


def test_a_hub_split_chosen_previewed_and_trained_on(hub, tiny_model, tmp_path):
    home = tmp_path / "projects"
    home.mkdir()
    port = free_port()
    env = {**hub.env(), "HF_HOME": str(tmp_path / "hf"), "HF_TOKEN": ""}
    app = start_app(home, port, env=env)
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            open_page(page, port)
            # the address as copied from the browser's bar: the first config and its train split are read
            page.locator("#hub-id textarea, #hub-id input").first.fill(f"https://huggingface.co/datasets/{PUBLIC}")
            page.locator("#hub-load").click()
            _text_has(page, "#hub-note", "split train")
            _text_has(page, "#data-report", "can train")
            # the splits offered are the repo's: choose test; its rows are shown
            page.locator("#hub-split input").click()
            offered = [o.split("\n")[-1] for o in page.get_by_role("option").all_inner_texts()]  # after the ✓ of the one chosen
            assert sorted(offered) == ["test", "train"]     # as the repo names them
            page.get_by_role("option", name="test").click()
            _text_has(page, "#hub-note", "split test")
            _text_has(page, "#data-preview", "box 107")
            _text_has(page, "#data-report", "8 rows")
            page.screenshot(path=str(ARTIFACTS / "hub-1-data.png"), full_page=True)
            # Train with the defaults, on the tiny model for one epoch (seconds)
            page.get_by_role("tab", name="2. Model and training").click()
            for field, value in (("model", tiny_model), ("epochs", "1")):
                box = page.locator(f"#field-{field} input")
                box.fill(value)
                box.press("Tab")
            _text_has(page, "#command", f"--data-path {PUBLIC}")
            page.locator("#train-button").click()
            page.wait_for_function("/succeeded|failed/.test(document.querySelector('#job-status')?.innerText)",
                                   timeout=240_000)
            assert "succeeded" in page.locator("#job-status").inner_text()
            page.screenshot(path=str(ARTIFACTS / "hub-2-runs.png"), full_page=True)
            browser.close()
    finally:
        stop_app(app)
    [project] = [p for p in home.iterdir() if (p / "config.json").exists()]
    config = json.loads((project / "config.json").read_text())
    sha = hub.repo(PUBLIC, "dataset").sha
    assert (config["data_path"], config["data_config"], config["train_split"], config["data_revision"]) == \
        (PUBLIC, "chat", "test", sha)
    assert json.loads((project / "data_source.json").read_text())["rows"] == {"test": 8}   # the whole split
    from autotrain_ui.hub.card import model_card
    from autotrain_ui.core.params import LLMParams

    card = model_card(project, LLMParams.load(project / "config.json"))
    assert f"https://huggingface.co/datasets/{PUBLIC}" in card and sha in card and "datasets:\n- " + PUBLIC in card
