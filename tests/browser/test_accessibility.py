"""axe-core on every page template, at laptop and phone widths: no serious or critical violations."""

from __future__ import annotations

import json

import pytest

from tests.browser.test_find_page import DISCLOSURE, LISTENING, find, low_confidence

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 900}}


def offline(page) -> None:
    page.route("**/api/suggest", lambda route: route.fulfill(status=503, json={"detail": "not ready"}))
    page.goto("/find/")
    page.get_by_label("Describe what you notice about the pupil").fill(LISTENING)
    page.get_by_role("button", name="Find strategies").click()
    page.locator(".find-fallback").wait_for()


def unsure(page) -> None:
    page.route("**/api/suggest", low_confidence)
    find(page, "reads slowly and guesses words")
    page.locator(".find-clarify").wait_for()


TEMPLATES = {
    "home": lambda page: page.goto("/"),
    "find-results": lambda page: find(page, LISTENING),
    "find-safeguarding": lambda page: find(page, DISCLOSURE),
    "find-unsure": unsure,
    "find-none": lambda page: find(page, "asdf qwer zxcv"),
    "find-offline": offline,
    "need-page": lambda page: page.goto("/needs/communication-interaction/attention-and-listening/"),
    "provision-table": lambda page: page.goto("/provision/semh/"),
    "provision-checklist": lambda page: page.goto("/provision/checklists/semh/"),
    "timescales": lambda page: page.goto("/statutory/timescales/"),
    "training-module": lambda page: page.goto("/training/cond-autism/"),
    "induction": lambda page: page.goto("/training/induction/"),
    "planner": lambda page: page.goto("/training/planner/"),
    "services-index": lambda page: page.goto("/services/"),
    "glossary": lambda page: page.goto("/glossary/"),
}


# Colour contrast is the slowest rule (about three quarters of a run). The site's colours are the
# same at every width (handbook.css changes only sizes and layout below 44em), so the phone run
# checks every other rule on the same page, resized.
PHONE_OPTIONS = {"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": False}}}


def serious(response: dict) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical") or v["id"] in ("aria-hidden-focus", "landmark-unique")
    ]


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_serious_accessibility_violations(page, template: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.set_viewport_size(WIDTHS["laptop"])
    TEMPLATES[template](page)
    problems = {"laptop": serious(axe.run(page).response)}
    page.set_viewport_size(WIDTHS["phone"])
    page.evaluate(
        "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )  # media queries settle
    problems["phone"] = serious(axe.run(page, options=PHONE_OPTIONS).response)
    assert problems == {"laptop": [], "phone": []}, json.dumps(problems, indent=1)


@pytest.mark.parametrize("path", ["/statutory/timescales/", "/training/pathways/", "/provision/checklists/semh/"])
def test_tables_fit_a_phone_without_sideways_scrolling(page, path: str) -> None:
    page.set_viewport_size(WIDTHS["phone"])
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wide = page.evaluate(
        "[...document.querySelectorAll('.md-typeset table')].filter(t => t.getBoundingClientRect().right > 392).length"
    )
    assert wide == 0
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset td')).fontSize)")
    assert size >= 13.5


def test_checklists_can_be_ticked_on_screen_and_print_legibly(page, artifacts) -> None:
    page.goto("/provision/checklists/semh/")
    boxes = page.get_by_role("checkbox")
    assert boxes.count() > 10
    storage = "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    before = page.evaluate(storage)
    boxes.first.check()
    assert boxes.first.is_checked()
    assert page.evaluate(storage) == before  # kept in the page only
    pdf = page.pdf(format="A4")
    (artifacts / "semh-checklist.pdf").write_bytes(pdf)
    from tests.browser.test_find_page import pdf_pages

    assert pdf_pages(pdf) <= 8


def test_the_pages_run_under_the_content_security_policy(page) -> None:
    for template in ("home", "find-results", "planner", "need-page"):
        TEMPLATES[template](page)
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
