"""The report in a real browser: Debian's headless Chromium, driven by selenium through
``/usr/bin/chromedriver`` (nothing is downloaded).  What a person sees: the timeline with
one row per body, the search box and a filter hiding rows, a decision's link to its
document, hostile text shown as text; and that the page makes no network request and
logs no error."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from emg_parse.archive import open_archive
from emg_parse.register import archive_register

from .converted import converted_once, invoke
from .test_report import HOSTILE

#: Flags that let Chromium run headless as root, offline, with nothing but the page.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the converted sample archive with one more document, listed in its
    manifest, whose first decision is hostile text."""
    converted = converted_once(tmp_path_factory)
    copy = tmp_path_factory.mktemp("browser") / "converted"
    shutil.copytree(converted, copy)
    data = json.loads((copy / "EMGSOM.26_3a.txt.json").read_text(encoding="utf-8"))
    data["document"]["meeting"]["number"] = 30
    data["sections"][0]["decisions"][0]["text"] = HOSTILE
    (copy / "hostile.txt.json").write_text(json.dumps(data), encoding="utf-8")
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    row = dict(manifest["documents"][0], path="hostile.txt", output="hostile.txt.json")
    manifest["documents"].append(row)
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def page(browser: WebDriver, folder: Path) -> Path:
    """The report, written inside the folder and opened; the logs of the load are kept
    for the checks below."""
    report = folder / "report.html"
    code, _, err = invoke("report", str(folder), "-o", str(report))
    assert code == 0, err
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(report.as_uri())
    return report


def visible_rows(browser: WebDriver) -> list[WebElement]:
    rows = browser.find_elements(By.CSS_SELECTOR, "#decision-table tbody tr")
    return [row for row in rows if row.is_displayed()]


def test_the_timeline_shows_one_row_per_body(browser: WebDriver, page: Path, folder: Path) -> None:
    timeline = browser.find_element(By.ID, "timeline")
    assert timeline.is_displayed()
    assert timeline.size["height"] > 300
    rows = timeline.find_elements(By.CSS_SELECTOR, "g.body-row")
    bodies = archive_register(open_archive(folder)).bodies
    assert [row.get_attribute("data-body") for row in rows] == [body.name for body in bodies]
    assert all(row.is_displayed() for row in rows)
    marks = timeline.find_elements(By.CSS_SELECTOR, "g.mark")
    assert len(marks) == sum(len(body.events) for body in bodies)


def test_typing_in_the_search_box_hides_the_other_rows(browser: WebDriver, page: Path) -> None:
    everything = len(visible_rows(browser))
    search = browser.find_element(By.ID, "search")
    search.send_keys("marine litter")
    shown = visible_rows(browser)
    assert 0 < len(shown) < everything
    for row in shown:
        assert "marine" in row.text.lower() and "litter" in row.text.lower()
    hidden = browser.find_elements(By.CSS_SELECTOR, "#decision-table tbody tr[hidden]")
    assert len(hidden) == everything - len(shown)
    assert browser.find_element(By.ID, "shown").text == f"{len(shown)} of {everything} decisions"
    search.clear()
    search.send_keys(" ")  # an input event with nothing to look for: all rows again
    assert len(visible_rows(browser)) == everything


def test_a_filter_shows_one_meeting(browser: WebDriver, page: Path) -> None:
    Select(browser.find_element(By.ID, "filter-meeting")).select_by_value("SOM24")
    shown = visible_rows(browser)
    assert len(shown) == 17  # 9 decisions of the summary, 8 proposed in the table
    assert {row.find_element(By.TAG_NAME, "td").text for row in shown} == {"SOM24"}
    Select(browser.find_element(By.ID, "filter-action")).select_by_value("extend")
    assert 0 < len(visible_rows(browser)) < 17
    for select in ("filter-meeting", "filter-action"):
        Select(browser.find_element(By.ID, select)).select_by_value("")


def test_a_decision_links_to_its_document(browser: WebDriver, page: Path, folder: Path) -> None:
    row = browser.find_element(By.ID, "decision-table").find_element(
        By.XPATH, ".//tr[td[2][starts-with(., 'SOM16-I-a')]]"
    )
    link = row.find_element(By.CSS_SELECTOR, "td:last-child a")
    archive = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["archive"]
    expected = (Path(archive) / "layouts" / "SOM16_decisions.docx").resolve()
    assert link.get_attribute("href") == expected.as_uri()
    assert link.text == "layouts/SOM16_decisions.docx"
    assert row.find_element(By.CSS_SELECTOR, "td:last-child .where").text.startswith("¶ ")


def test_hostile_text_is_shown_as_text(browser: WebDriver, page: Path) -> None:
    rows = [row for row in visible_rows(browser) if HOSTILE in row.text]
    assert len(rows) == 1
    assert browser.execute_script("return document.images.length") == 0
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check


def test_no_network_request_and_no_console_error(browser: WebDriver, page: Path) -> None:
    # (the browser's own pages, chrome://, may load their resources meanwhile)
    requested = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            params = message["params"]
            requested.append((params.get("documentURL"), params["request"]["url"]))
    assert [url for document, url in requested if document == page.as_uri()] == [page.as_uri()]
    # (data: addresses never leave the machine; the browser's own pages use them)
    local = ("chrome:", "file:", "data:")
    assert [url for _, url in requested if not url.startswith(local)] == []
    resources = browser.execute_script("return performance.getEntriesByType('resource').length")
    assert resources == 0
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
