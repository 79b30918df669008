"""The "Find strategies" page in a real browser: results, safeguarding, fallback, privacy, accessibility."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def find(page, description: str, phase: str = "") -> None:
    page.goto("/find/")
    page.get_by_label("Describe what you notice about the pupil").fill(description)
    if phase:
        page.get_by_label("Phase (optional)").select_option(phase)
    page.get_by_role("button", name="Find strategies").click()


def test_listening_shows_attention_and_listening_first_with_wave1(page, artifacts: Path) -> None:
    find(page, "struggles with listening in class")
    first = page.locator(".find-need").first
    first.get_by_role("heading", level=2).wait_for()
    assert first.get_by_role("heading", level=2).inner_text() == "Attention and listening"
    wave1 = first.locator("h3", has_text="Wave 1")
    assert wave1.is_visible()
    items = first.locator("ul.find-strategies").first.locator("li")
    assert items.count() >= 5
    assert "Say the pupil's name" in items.first.inner_text()
    assert "Top match: Attention and listening" in page.locator("#find-status").inner_text()
    assert page.evaluate("document.activeElement.id") == "find-results-heading"
    page.screenshot(path=str(artifacts / "find-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts / "find-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []


def test_safeguarding_banner_comes_before_everything(page) -> None:
    find(page, "she has cuts on her arms and said she did it herself")
    banner = page.locator(".find-safeguarding")
    banner.wait_for()
    assert "Tell your designated safeguarding lead today" in banner.inner_text()
    order = page.evaluate(
        "[...document.querySelectorAll('#find-results > *')].map(e => e.className || e.id).filter(Boolean)"
    )
    assert order.index("find-safeguarding") < order.index("find-results-heading")
    assert page.locator(".find-need h2").first.inner_text() == "Safeguarding concerns"


@pytest.mark.parametrize("failure", ["network", "503"])
def test_service_down_shows_the_fallback(page, failure: str) -> None:
    if failure == "network":
        page.route("**/api/suggest", lambda route: route.abort())
    else:
        page.route(
            "**/api/suggest", lambda route: route.fulfill(status=503, json={"detail": "Search is not available"})
        )
    find(page, "struggles with listening in class")
    fallback = page.locator(".find-fallback")
    fallback.wait_for()
    assert "not available" in fallback.inner_text()
    link = page.locator("#find-fallback-search")
    assert "q=struggles%20with%20listening%20in%20class" in link.get_attribute("href")
    assert page.get_by_role("button", name="Find strategies").is_enabled()


def test_slow_service_never_hangs_the_page(page) -> None:
    page.route("**/api/suggest", lambda route: None)  # the request is never answered
    page.goto("/find/")
    page.evaluate("document.getElementById('find-form').dataset.timeoutMs = '1500'")  # the page waits 10 s
    page.get_by_label("Describe what you notice about the pupil").fill("struggles with listening in class")
    page.get_by_role("button", name="Find strategies").click()
    fallback = page.locator(".find-fallback")
    fallback.wait_for(timeout=10_000)
    assert "taking too long" in fallback.inner_text()


def test_empty_description_gets_a_clear_error_without_a_request(page) -> None:
    requests: list[str] = []
    page.on("request", lambda r: "/api/" in r.url and requests.append(r.url))
    page.goto("/find/")
    page.get_by_role("button", name="Find strategies").click()
    error = page.locator("#find-error")
    assert error.is_visible() and "at least 3 characters" in error.inner_text()
    assert requests == []


def test_home_form_leads_to_results_and_keeps_words_out_of_the_address_bar(page) -> None:
    page.goto("/")
    page.get_by_label("Describe what you notice about the pupil").fill(
        "deaf pupil with hearing aids in a noisy classroom"
    )
    page.get_by_role("button", name="Find strategies").click()
    page.locator(".find-need h2").first.wait_for()
    assert page.locator(".find-need h2").first.inner_text() == "Hearing impairment"
    assert "q=" not in page.url


def test_keyboard_only(page) -> None:
    page.goto("/find/")
    page.locator("#find-description").focus()
    page.keyboard.type("reads slowly and guesses words")
    page.keyboard.press("Tab")  # phase
    page.keyboard.press("Tab")  # the button
    assert page.evaluate("document.activeElement.id") == "find-submit"
    page.keyboard.press("Enter")
    page.locator(".find-need").first.wait_for()
    assert page.evaluate("document.activeElement.id") == "find-results-heading"


def test_no_request_leaves_the_site_and_the_pupil_name_is_never_sent(page, live_server) -> None:
    seen: list[str] = []
    bodies: list[str] = []
    page.on("request", lambda r: (seen.append(r.url), bodies.append(r.post_data or "")))
    page.goto("/")
    page.goto("/needs/communication-interaction/attention-and-listening/")
    find(page, "struggles with listening in class", phase="primary")
    page.locator(".find-need").first.wait_for()
    page.get_by_label(re.compile("Pupil's initials")).fill("Zebedee Quint")
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print strategy sheet").click()
    assert "Zebedee Quint" in page.locator("#find-print-header").inner_text()
    page.goto("/training/planner/")
    outside = [u for u in seen if not u.startswith(live_server.url) and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert not any("Zebedee" in body for body in bodies)


PAGES = [
    "/",
    "/find/",
    "/needs/communication-interaction/attention-and-listening/",
    "/provision/communication-interaction/",
    "/training/planner/",
    "/glossary/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(path)
    if path == "/find/":
        find(page, "struggles with listening in class")
        page.locator(".find-need").first.wait_for()
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_pages_run_under_the_content_security_policy(page) -> None:
    for path in PAGES:
        page.goto(path)
    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == []
