"""The records pages and the planner in headless Chromium, against the real service in its own process.

A SENCO signs in, imports staff, assigns the core modules to all teaching assistants from the planner,
records an INSET, and sees who is due a Team Teach refresher; a teaching assistant sees only their own list.
The tests run in order and share one server and one SQLite database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.harness import Service
from handbook.settings import Settings
from search_service.records.accounts import create_account
from search_service.records.dates import add_months
from search_service.records.store import RecordsStore
from tests.conftest import serve_an_empty_search_index

pytestmark = pytest.mark.browser
SENCO = ("senco@school.example", "a long enough pass phrase")
TA = ("erin@school.example", "my own long pass phrase")
TODAY = dt.date.today()
TEAM_TEACH_DONE = add_months(TODAY, -24) + dt.timedelta(days=10)  # the refresher falls due in 10 days
CSV = (
    "First name,Surname,Job title,E-mail,Start date\n"
    f"Erin,Evans,TA,{TA[0]},{(TODAY - dt.timedelta(days=20)).strftime('%d/%m/%Y')}\n"
    "Finn,Ford,Teaching assistant,finn@school.example,01/09/2021\n"
    "Gail,Green,Teacher,gail@school.example,01/09/2018\n"
)


class RecordsServer(Service):
    """The real service with a fresh SQLite records database and no search index (search is not needed)."""

    def __init__(self, site_dir: Path, folder: Path) -> None:
        self.database_url = f"sqlite:///{folder / 'records.sqlite3'}"
        env = {
            "SEND_HANDBOOK_DATABASE_URL": self.database_url,
            "SEND_HANDBOOK_SITE_DIR": str(site_dir),
            "SEND_HANDBOOK_INDEX_DIR": str(folder / "no-index"),
        }
        super().__init__(env=env, ready_path="/api/records/session")

    def add_account(self, email: str, role: str, password: str) -> None:
        store = RecordsStore(Settings(database_url=self.database_url))
        with store.session() as db:
            create_account(db, email, role, password)
            db.commit()
        store.close()


@pytest.fixture(scope="module")
def server(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RecordsServer]:
    running = RecordsServer(built_site, tmp_path_factory.mktemp("records-browser")).start()
    running.add_account(*SENCO[:1], "senco", SENCO[1])
    yield running
    running.stop()


def new_page(browser: Any, server: RecordsServer, width: int = 1280, **options: Any) -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, base_url=server.url, accept_downloads=True, **options
    )
    serve_an_empty_search_index(context)  # no test here searches the site
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def sign_in(page: Any, email: str, password: str, path: str = "/records/") -> None:
    page.goto(path)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {email}").wait_for()


def test_sign_in_with_the_keyboard_and_a_wrong_password_first(
    browser: Any, server: RecordsServer, artifacts: Path
) -> None:
    page = new_page(browser, server)
    page.goto("/records/")
    page.get_by_label("E-mail address").focus()
    page.keyboard.type(SENCO[0])
    page.keyboard.press("Tab")
    page.keyboard.type("not my password")
    page.keyboard.press("Enter")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "not right" in alert.inner_text()
    page.get_by_label("Password").fill(SENCO[1])
    page.keyboard.press("Enter")
    page.locator("#records-summary").wait_for()
    assert "0 staff" in page.locator("#records-summary").inner_text()
    page.screenshot(path=str(artifacts / "records-overview.jpg"), full_page=True)
    assert [e for e in page.errors if "status of 401" not in e] == []  # the wrong password's answer is a 401
    page.context.close()


def test_import_staff_from_a_csv_file(browser: Any, server: RecordsServer, tmp_path: Path, artifacts: Path) -> None:
    page = new_page(browser, server)
    sign_in(page, *SENCO, path="/records/staff/")
    upload = tmp_path / "staff.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.get_by_label("CSV file").set_input_files(str(upload))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Imported 3 people.").wait_for()
    table = page.locator("#records-staff-list table").inner_text()
    assert "Erin Evans" in table and "Teaching assistant" in table and "Gail Green" in table
    page.screenshot(path=str(artifacts / "records-staff.jpg"), full_page=True)
    assert page.errors == []
    page.context.close()


def test_assign_the_required_modules_to_all_teaching_assistants_from_the_planner(
    browser: Any, server: RecordsServer
) -> None:
    page = new_page(browser, server)
    sign_in(page, *SENCO)
    page.goto("/training/planner/")
    page.get_by_label("Teaching assistant").check()
    page.get_by_role("link", name="Assign the required modules to these staff in the training records").click()
    page.locator("#records-assign").wait_for()
    assert page.get_by_label("Teaching assistant").is_checked()
    assert not page.get_by_label("Teacher", exact=True).is_checked()
    preview = page.locator("#records-assign-preview").inner_text()
    assert "Autism" in preview and "SEND refresher" in preview
    page.get_by_label("Complete by (optional)").fill((TODAY + dt.timedelta(days=45)).isoformat())
    page.get_by_role("button", name="Assign to everyone in these roles").click()
    success = page.locator(".records-success")
    success.wait_for()
    assert success.inner_text().startswith("Assigned ")
    assert "0 were already assigned" in success.inner_text()
    assert page.errors == []
    page.context.close()


def test_record_an_inset_for_everyone_and_a_team_teach_course(browser: Any, server: RecordsServer) -> None:
    page = new_page(browser, server)
    sign_in(page, *SENCO, path="/records/completions/")
    page.get_by_label("Module", exact=True).select_option("core-send-refresher")
    inset = dt.date(TODAY.year if dt.date(TODAY.year, 9, 1) <= TODAY else TODAY.year - 1, 9, 1)
    page.get_by_label("Date of the session").fill(inset.isoformat())
    page.get_by_label("Everyone on the staff list").check()
    page.get_by_role("button", name="Record completions").click()
    page.get_by_text("Recorded 3 completions").wait_for()
    assert f"Refresher due 1 September {inset.year + 1}" in page.locator(".records-message").inner_text()

    page.get_by_label("Module", exact=True).select_option("team-teach")
    page.get_by_label("Date of the session").fill(TEAM_TEACH_DONE.isoformat())
    page.get_by_label("The people I choose").check()
    page.get_by_label("Finn Ford").check()
    page.get_by_role("button", name="Record completions").click()
    page.get_by_text("Recorded 1 completions of Team Teach").wait_for()
    assert page.errors == []
    page.context.close()


def test_the_due_list_shows_the_team_teach_refresher_and_works_on_a_phone(
    browser: Any, server: RecordsServer, artifacts: Path
) -> None:
    page = new_page(browser, server, width=390)
    sign_in(page, *SENCO, path="/records/due/")
    rows = page.locator("#records-due-list tbody tr")
    rows.first.wait_for()
    team_teach = rows.filter(has_text="Team Teach")
    assert team_teach.count() == 1 and "Finn Ford" in team_teach.inner_text() and "Due" in team_teach.inner_text()
    due_day = add_months(TEAM_TEACH_DONE, 24)
    assert f"{due_day.day} {due_day:%B %Y}" in team_teach.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Show", exact=True).select_option("90")
    rows.filter(has_text="Erin Evans").first.wait_for()  # the TA assignments due in 45 days
    page.screenshot(path=str(artifacts / "records-due-phone.jpg"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the whole log as a CSV file").click()
    assert "Finn Ford" in Path(download.value.path()).read_text(encoding="utf-8")
    assert page.errors == []
    page.context.close()


def test_a_teaching_assistant_sees_only_their_own_list_and_ticks_their_checklist(
    browser: Any, server: RecordsServer, artifacts: Path
) -> None:
    server.add_account(TA[0], "staff", TA[1])
    page = new_page(browser, server)
    sign_in(page, *TA)
    page.get_by_role("heading", name="My training").wait_for()
    page.locator(".records-view").get_by_text("SEND refresher").first.wait_for()  # the list loads after the heading
    text = page.locator(".records-view").inner_text()
    assert "Autism" in text and "SEND refresher" in text
    assert "Finn Ford" not in text and "Gail Green" not in text and "Team Teach" not in text
    first = page.locator("#records-checklist input[type=checkbox]").first
    first.check()
    page.get_by_text("Ticked:").wait_for()
    page.reload()
    page.locator("#records-checklist input[type=checkbox]").first.wait_for()
    assert page.locator("#records-checklist input[type=checkbox]").first.is_checked()
    page.screenshot(path=str(artifacts / "records-my-training.jpg"), full_page=True)
    page.goto("/records/staff/")
    page.get_by_text("This page is for SENCO accounts.").wait_for()
    assert page.locator("#records-staff-list").count() == 0
    assert page.errors == []
    page.context.close()

    senco = new_page(browser, server)
    sign_in(senco, *SENCO, path="/records/induction/")
    erin = senco.locator("table tbody tr").filter(has_text="Erin Evans")
    assert "1 of" in erin.inner_text()
    senco.context.close()


def test_the_planner_fixes(browser: Any, server: RecordsServer, artifacts: Path) -> None:
    page = new_page(browser, server, timezone_id="Europe/London")
    page.goto("/training/planner/")
    page.locator("#planner-needs option").first.wait_for(state="attached")
    # Dates in British Summer Time are not a day early any more; short months clamp.
    results = page.evaluate(
        """async () => {
            const { monthsLater } = await import(new URL("../../assets/planner.js", location.href));
            return [monthsLater("2024-06-30", 24), monthsLater("2025-08-31", 6), monthsLater("2023-08-31", 6),
                    monthsLater("2026-07-01", 12), monthsLater("2026-03-29", 1)];
        }"""
    )
    assert results == ["2026-06-30", "2026-02-28", "2024-02-29", "2027-07-01", "2026-04-29"]
    # Nothing chosen: a warning, not an empty file.
    page.get_by_role("button", name="Download as CSV").click()
    assert "nothing to download" in page.get_by_role("alert").inner_text()
    # Required and recommended per role, in words.
    page.get_by_label("Teacher", exact=True).check()
    page.get_by_label("Teaching assistant").check()
    autism = page.locator(".planner-table tbody tr").filter(has_text="Autism")
    assert "Required for Teaching assistant. Recommended for Teacher." in autism.inner_text()
    assert autism.locator("td").nth(1).inner_text() == "Required"
    # Conditions such as autism can be chosen, alongside the need pages.
    labels = page.locator("#planner-needs optgroup").evaluate_all("groups => groups.map(g => g.label)")
    assert labels == ["Conditions", "Needs"]
    page.get_by_label("Teacher", exact=True).uncheck()
    page.get_by_label("Teaching assistant").uncheck()
    page.get_by_label("Needs (hold Ctrl or Cmd to choose more than one)").select_option("module:cond-adhd")
    row = page.locator(".planner-table tbody tr").filter(has_text="ADHD")
    assert "For the needs chosen" in row.inner_text() and "Covers ADHD." in row.inner_text()
    page.screenshot(path=str(artifacts / "planner-fixed.jpg"), full_page=True)
    assert page.errors == []
    page.context.close()
