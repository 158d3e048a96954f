"""The bureau's review: ranked by the largest discrepancy at any level, each discrepancy with its
kind, grouped by department, in every format (and the web page in a real browser)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scoring.batch import department_key
from scoring.report._text import width
from scoring.testing.inbox import write_review_inbox

from .conftest import cli, sheet_layout


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review") / "inbox"
    return folder, {p.name: p for p in write_review_inbox(folder)}


def _name(path: str) -> str:
    return Path(path).name


@pytest.fixture(scope="module")
def summary(inbox):
    folder, _ = inbox
    return json.loads(cli(folder, "-f", "json", code=0).output)


def test_every_planted_discrepancy_has_its_kind_and_total(inbox, summary):
    _, planted = inbox
    rows = {_name(s["path"]): s for s in summary["submissions"]}
    assert set(rows) == set(planted) and summary["unreadable"] == []
    for name, p in planted.items():
        row = rows[name]
        assert set(row["kinds"]) == p.kinds, name
        assert Decimal(row["score"]) == p.total, name
        assert Decimal(row["largest"]) == p.largest, name
        assert bool(row["duplicates"]) == p.duplicates, name
        for d in row["discrepancies"]:
            assert d["level"] in ("department", "project", "budget", "row") and d["kind"] and d["reason"], (name, d)


def test_the_worst_submission_comes_first_whatever_its_level(summary):
    names = [_name(s["path"]) for s in summary["submissions"]]
    largest = [Decimal(s["largest"]) for s in summary["submissions"]]
    assert largest == sorted(largest, reverse=True)
    # A project-only submission, 46.05 off at its total and 35 at a row, with no department claim at all.
    assert set(names[:2]) == {"甲局-道路养护.toml", "甲局-道路养护(重报).toml"}
    assert names.index("己局-片段.toml") < names.index("癸局-门户标识.xlsx")  # any discrepancy before none


def test_kinds_name_what_a_reviewer_does_next(summary):
    rows = {_name(s["path"]): s for s in summary["submissions"]}
    rounding = [d for d in rows["乙局-城区绿化.toml"]["discrepancies"] if d["level"] == "row"][0]
    assert rounding["kind"] == "rounding" and "整数" in rounding["reason"]  # 9 for 8.62
    marked = [d for d in rows["丙局-干部培训.toml"]["discrepancies"] if d["level"] == "row"][0]
    assert marked["kind"] == "marked-down" and "未说明原因" in marked["reason"]  # an achieved row given 14 of 20
    over = [d for d in rows["丁局-政策宣传.toml"]["discrepancies"] if d["level"] == "row"][0]
    assert over["kind"] == "overclaimed" and over["claimed"] == "20" and over["computed"] == "16.00"
    assert "arithmetic" in rows["戊局-信息化.toml"]["kinds"]
    fragment = rows["己局-片段.toml"]
    assert fragment["points"] == {"present": "10", "total": "100"} and fragment["complete"] is False
    assert summary["kinds"] == {"overclaimed": 4, "arithmetic": 1, "target-changed": 1, "incomplete": 1, "marked-down": 3, "rounding": 2}


def test_departments_are_grouped_by_their_folded_names(summary):
    deps = {d["department"]: d for d in summary["departments"]}
    assert deps["乙局"]["submissions"] == 2  # "主管部门：乙局" and "乙　局"
    assert deps["甲局"]["score"] == "53.95" and deps["甲局"]["kinds"] == {"overclaimed": 2}


def _order(rows) -> list[str]:
    return [_name(r) for r in rows]


def test_every_format_ranks_and_kinds_alike(inbox, summary, tmp_path):
    folder, _ = inbox
    expected = _order(s["path"] for s in summary["submissions"])
    kinds = {_name(s["path"]): ";".join(s["kinds"]) for s in summary["submissions"]}

    text = cli(folder, "-f", "csv", code=0).output
    assert text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(text[1:])))
    assert _order(r["path"] for r in table) == expected
    assert {_name(r["path"]): r["kinds"] for r in table} == kinds

    md = cli(folder, "-f", "markdown", code=0).output
    assert _order(re.findall(r"^\| ([^|]+?) \|", md, re.M)[1:]) == expected  # the header row first

    shown = cli(folder, code=0).output
    positions = [shown.index(name[-12:]) for name in expected]
    assert positions == sorted(positions)

    book = tmp_path / "复算汇总.xlsx"
    cli(folder, "-f", "xlsx", "-o", book, code=0)
    wb = load_workbook(book)
    ws = wb["汇总"]
    assert _order(ws.cell(r, 2).value for r in range(2, 2 + len(expected))) == expected
    assert ws.freeze_panes == "A2" and ws.page_setup.orientation == "landscape" and isinstance(ws.cell(2, 6).value, (int, float))
    details = wb["差异明细"]
    assert {details.cell(r, 9).value for r in range(2, details.max_row + 1)} == {"多报", "算术", "改目标", "不完整", "扣分", "取整"}
    assert len(wb.sheetnames) >= 3 + len(expected)  # summary, details, departments, then each submission's 自评表

    page = tmp_path / "复算报告.html"
    cli(folder, "-f", "html", "-o", page, code=0)
    html = page.read_text(encoding="utf-8")
    assert _order(re.findall(r'<td data-sort="([^"]+)"><a href="#s-', html)) == expected
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html  # nothing fetched


def test_kind_filter_and_department_grouping(inbox):
    folder, planted = inbox
    over = json.loads(cli(folder, "-f", "json", "--kind", "overclaimed", "--kind", "arithmetic", code=0).output)
    assert {_name(s["path"]) for s in over["submissions"]} == {n for n, p in planted.items() if p.kinds & {"overclaimed", "arithmetic"}}
    grouped = cli(folder, "--group-by", "department", "-f", "markdown", code=0).output
    rows = re.findall(r"^\| [^|]+? \| ([^|]+?) \|", grouped, re.M)[1:]
    keys = [department_key(r) for r in rows]
    runs = [k for i, k in enumerate(keys) if i == 0 or keys[i - 1] != k]
    assert len(runs) == len(set(keys)) and keys.count("乙局") == 2  # each department's rows together


def test_the_terminal_table_fits_120_columns_and_never_shows_a_plain_100_for_a_fragment(inbox):
    folder, _ = inbox
    out = cli(folder, code=0).output
    table = out.split("\n\n")[0].splitlines()
    assert max(width(line) for line in table) <= 120
    fragment = next(line for line in table if "己局" in line)
    assert "不完整" in fragment and "10/100" in fragment


# -- the web page, in a real browser -------------------------------------------------------

def _browser():
    """Headless Chromium from Debian's packages, through its chromedriver."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        if os.environ.get("SCORING_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromedriver are required (apt-get install chromium chromium-driver)")
        pytest.skip("no chromium here")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def test_the_page_works_in_a_browser(inbox, tmp_path):
    from selenium.webdriver.common.by import By

    folder, planted = inbox
    page = tmp_path / "复算报告.html"
    cli(folder, "-f", "html", "-o", page, code=0)
    browser = _browser()
    try:
        browser.get(page.as_uri())
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == []
        rows = browser.find_elements(By.CSS_SELECTOR, "#summary tbody tr")
        assert len(rows) == len(planted)

        def column(index: int) -> list[str]:
            return [r.find_elements(By.TAG_NAME, "td")[index].get_attribute("data-sort") for r in
                    browser.find_elements(By.CSS_SELECTOR, "#summary tbody tr")]

        header = browser.find_elements(By.CSS_SELECTOR, "#summary thead th")[5]  # 复算
        header.click()
        ascending = [Decimal(v) for v in column(5)]
        assert ascending == sorted(ascending) and header.get_attribute("aria-sort") == "ascending"
        header.click()
        assert [Decimal(v) for v in column(5)] == sorted(ascending, reverse=True)
        browser.find_elements(By.CSS_SELECTOR, "#summary thead th")[2].click()  # 部门: text, in the browser's collation
        names = column(2)
        assert names == browser.execute_script("return arguments[0].slice().sort((a, b) => a.localeCompare(b, 'zh-CN'));", names)

        charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
        assert len(charts) == 4
        for chart in charts:
            assert chart.size["width"] > 100 and chart.size["height"] > 50
            assert chart.find_elements(By.CSS_SELECTOR, "rect, circle")
        assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart circle")) == sum(1 for p in planted.values())
        browser.save_screenshot(str(tmp_path / "review.png"))
        assert (tmp_path / "review.png").stat().st_size > 10_000
    finally:
        browser.quit()


def test_the_batch_workbook_holds_each_submission_as_its_own_workbook_does(inbox, tmp_path):
    """The bureau's workbook is written as it goes (one submission's tables in memory at a time): each
    submission's 自评表 sheets read exactly as `score FILE -f xlsx` lays them out, and the summary links to them."""
    folder, planted = inbox
    book = tmp_path / "复算汇总.xlsx"
    cli(folder, "-f", "xlsx", "-o", book, code=0)
    wb = load_workbook(book)
    ws = wb["汇总"]
    linked = {Path(ws.cell(r, 2).value).name: ws.cell(r, 19) for r in range(2, 2 + len(planted))}
    assert set(linked) == set(planted)
    for name, cell in linked.items():
        assert cell.hyperlink.target == "#'{}'!A1".format(cell.value.replace("'", "''"))
        single = tmp_path / f"{name}.xlsx"
        cli(next(folder.rglob(name)), "-f", "xlsx", "-o", single, code=(0, 1))
        own = load_workbook(single).worksheets[1:]  # after its summary, one sheet per table
        first = wb.sheetnames.index(cell.value)
        for k, mine in enumerate(own):
            theirs = wb.worksheets[first + k]
            assert sheet_layout(theirs, mine.max_row) == sheet_layout(mine, mine.max_row), (name, k)
            assert name in theirs.cell(mine.max_row + 2, 1).value  # and below, which file it is
