"""Big data in Chromium (issue #24): a 200,000-row upload shows, next to Train, that the run would pass its limit and
three one-click ways down; picking the step cap fills in Max steps and the estimate falls below the limit. The report
says read, held out and will train in numbers that add up, and the panel estimates from the file's rows."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import ARTIFACTS, app_in_chromium, open_page

ROWS = 200_000


@pytest.fixture(scope="module")
def page_on_app(tmp_path_factory):
    """One app and one browser page for this module."""
    tmp = tmp_path_factory.mktemp("limits")
    with app_in_chromium(tmp) as (_home, port, browser):
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        open_page(page, port)
        yield page, tmp


def _minutes(text: str) -> float:
    """The time in the line next to Train ("Roughly 1 h 36 min", "Roughly 12.7 days", "Roughly 40 min"), in minutes."""
    found = re.search(r"Roughly (.+?) \(", text)
    assert found, text
    said = found.group(1)
    days = re.search(r"([\d.]+) days?", said)
    hours = re.search(r"(\d+) h", said)
    minutes = re.search(r"(\d+) min", said)
    return (float(days.group(1)) * 1440 if days else 0) + (int(hours.group(1)) * 60 if hours else 0) + \
        (int(minutes.group(1)) if minutes else 0)


def test_a_200k_row_upload_gets_the_limit_notice_and_the_step_cap_brings_it_under(page_on_app):
    page, tmp = page_on_app
    big = tmp / "big.csv"
    big.write_text("text\n" + "".join(f"row {i} is a short line of text\n" for i in range(ROWS)), encoding="utf-8")
    page.locator("input[type=file]").first.set_input_files(str(big))
    page.wait_for_function("document.querySelector('#data-report')?.innerText.includes('will train')",
                           timeout=60_000)
    report = page.locator("#data-report").inner_text()
    assert "200000 rows read: 20000 held out to measure the result, 180000 will train." in report, report
    page.get_by_role("tab", name="2. Model and training").click()
    page.wait_for_selector("#limit-notice", state="visible", timeout=30_000)
    notice = page.locator("#limit-notice").inner_text()
    assert "more than your limit of 2 h" in notice, notice
    offers = {name: page.locator(f"#limit-offer-{name}") for name in ("steps", "sample", "flavour")}
    assert all(button.is_visible() for button in offers.values())
    assert "Stop after" in offers["steps"].inner_text() and "random sample of" in offers["sample"].inner_text()
    assert re.search(r"Use Nvidia .+ \(about .+, about \$[\d.]+\)", offers["flavour"].inner_text())
    # the first estimate after the upload counts every row; the one after the check's fitted settings (a tenth held
    # out) may land a moment later on a loaded machine
    page.wait_for_function("document.querySelector('#hardware-fit')?.innerText.includes('180,000 rows trained')",
                           timeout=30_000)
    panel = page.locator("#hardware-fit").inner_text()
    assert "No data file yet" not in panel and "180,000 rows trained" in panel and "GB fits" not in panel
    before = _minutes(page.locator("#fit-summary").inner_text())
    assert before > 120
    page.screenshot(path=str(ARTIFACTS / "limits-1-over.png"), full_page=True)

    offered = int(re.search(r"Stop after ([\d,]+) steps", offers["steps"].inner_text()).group(1).replace(",", ""))
    offers["steps"].click()
    page.wait_for_selector("#limit-notice", state="hidden", timeout=30_000)
    # the form holds the cap (the field sits in the closed advanced settings; the command box shows every setting)
    page.wait_for_function(f"document.querySelector('#command')?.innerText.includes('--max-steps {offered}')",
                           timeout=30_000)
    after = _minutes(page.locator("#fit-summary").inner_text())
    assert after < 120 and after < before, (before, after)
    page.screenshot(path=str(ARTIFACTS / "limits-2-capped.png"), full_page=True)
