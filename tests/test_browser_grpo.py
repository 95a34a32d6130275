"""GRPO in Debian's headless Chromium, as a user clicks through it: upload prompts with their answers, choose grpo
and two rewards from the reward menu, Train, watch the sampled answers and the reward curve appear in Runs, and read
the verdict, which speaks of the reward. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

from tests.test_browser import ARTIFACTS, app_in_chromium, open_page

NUMBERS = Path(__file__).parent / "data" / "grpo" / "numbers.csv"


def test_choose_rewards_train_and_watch_them(tiny_model, tmp_path):
    with app_in_chromium(tmp_path) as (home, port, browser):
        page = browser.new_page(viewport={"width": 1400, "height": 2200})
        open_page(page, port)
        page.locator("input[type=file]").first.set_input_files(str(NUMBERS))
        page.wait_for_function("document.querySelector('#data-report')?.innerText.includes('can train')",
                               timeout=60_000)
        page.get_by_role("tab", name="2. Model and training").click()
        page.locator("#field-trainer input").click()
        page.get_by_role("option", name="grpo", exact=True).click()
        model = page.locator("#field-model input")
        model.fill(tiny_model)
        model.press("Tab")
        # three epochs, not the ten the page fits to three rows: still a reward logged at each of several steps (the
        # verdict speaks from three), a sample with its scores at each, in a third of the time
        epochs = page.locator("#field-epochs input")
        epochs.fill("3")
        epochs.press("Tab")
        page.locator("#rewards-menu").get_by_text("Reward menu (GRPO)").click()
        page.locator("#reward-number input[type=checkbox]").check()
        page.locator("#reward-length input[type=checkbox]").check()
        page.wait_for_function("(c => c.includes('number; length:max=50') && c.includes('--epochs 3'))"
                               "(document.querySelector('#command')?.innerText ?? '')", timeout=30_000)
        command = page.locator("#command").inner_text()
        assert "--trainer grpo" in command and "number; length:max=50" in command, command
        assert "--epochs 3" in command, command
        page.screenshot(path=str(ARTIFACTS / "grpo-1-rewards.png"), full_page=True)
        page.locator("#train-button").click()
        page.wait_for_function("document.querySelector('#job-status')?.innerText.includes('Sampled answers at step')",
                               timeout=300_000)
        page.wait_for_selector("#loss-plot canvas, #loss-plot svg", timeout=30_000)
        page.wait_for_function("document.querySelector('#job-status')?.innerText.includes('succeeded')",
                               timeout=300_000)
        status = page.locator("#job-status").inner_text()
        assert "number" in status and "length" in status, status        # each sampled answer's scores
        assert "The reward" in status, status                            # the verdict reads the reward
        page.screenshot(path=str(ARTIFACTS / "grpo-2-runs.png"), full_page=True)
