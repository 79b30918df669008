"""The training planner and the provision tables in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import serve_an_empty_search_index

pytestmark = pytest.mark.browser


def test_planner_lists_modules_for_a_role_and_downloads_csv(page, artifacts: Path) -> None:
    page.goto("/training/planner/")
    page.get_by_label("Teaching assistant").check()
    table = page.locator(".planner-table")
    table.wait_for()
    text = table.inner_text()
    assert "Teaching assistants: effective support" in text
    assert "Required" in text
    assert "Leaders and governors" not in text
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as CSV").click()
    download = download_info.value
    csv_path = artifacts / "training-plan.csv"
    download.save_as(str(csv_path))
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Module,Status,For,Minutes,Refresher due,Link"
    assert any(line.startswith("Teaching assistants: effective support,Required") for line in lines)
    assert len(lines) - 1 == table.locator("tbody tr").count()


def test_planner_adds_modules_for_a_chosen_need(page) -> None:
    page.goto("/training/planner/")
    page.get_by_label("Needs (hold Ctrl or Cmd to choose more than one)").select_option("hearing-impairment")
    page.locator(".planner-table").wait_for()
    assert "Hearing, vision and multi-sensory impairment" in page.locator(".planner-table").inner_text()


@pytest.mark.parametrize(
    "area", ["general", "communication-interaction", "cognition-learning", "semh", "sensory-physical"]
)
def test_provision_tables_are_legible_on_a_phone(browser, live_server, artifacts: Path, area: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    serve_an_empty_search_index(context)
    page = context.new_page()
    page.goto(f"/provision/{area}/")
    table = page.locator(".provision-table table")
    table.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cell = page.locator(".provision-table td").first
    assert cell.bounding_box()["width"] > 300  # stacked: each cell uses the full width
    page.screenshot(path=str(artifacts / f"provision-{area}-phone.jpg"), full_page=False)
    context.close()
