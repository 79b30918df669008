"""The "Find strategies" page in a real browser: the answer first on a phone, safeguarding steps first,
unsure and empty answers, the service down, the one-page sheet, and the description never in an address."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

LISTENING = "struggles with listening in class"
DISCLOSURE = "a child has told me her uncle hurts her"
PHONE = {"width": 390, "height": 844}


def find(page, description: str, phase: str = "") -> None:
    page.goto("/find/")
    page.get_by_label("Describe what you notice about the pupil").fill(description)
    if phase:
        page.get_by_label("Phase (optional)").select_option(phase)
    page.get_by_role("button", name="Find strategies", exact=True).click()
    page.locator("#find-results-heading").wait_for()


def fully_in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def hrefs(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))")


def test_listening_shows_attention_and_listening_first_with_wave1(page, artifacts: Path) -> None:
    find(page, LISTENING)
    top = page.locator(".find-top")
    assert top.locator(".find-need-title").inner_text() == "Attention and listening"
    assert top.locator("h4", has_text="Wave 1").is_visible()
    first_three = top.locator(".find-wave1 > ol.find-strategies > li")
    assert first_three.count() == 3
    assert "Say the pupil's name" in first_three.first.inner_text()
    assert top.locator("h4", has_text="Wave 2").count() == 1 and top.locator("h4", has_text="Wave 3").count() == 1
    assert page.evaluate("document.activeElement.id") == "find-results-heading"
    more = top.locator(".find-more summary")
    total = int(re.search(r"Show all (\d+)", more.inner_text()).group(1))
    more.click()
    assert top.locator(".find-wave1 li").count() == total  # nothing is cut without saying so
    assert "Top match: Attention and listening" in page.locator("#find-status").inner_text()
    page.screenshot(path=str(artifacts / "find-desktop.jpg"), full_page=True)
    assert page.console_errors == []


def test_on_a_phone_the_first_actions_are_visible_without_scrolling(page, artifacts: Path) -> None:
    page.set_viewport_size(PHONE)
    find(page, LISTENING)
    top = page.locator(".find-top")
    assert fully_in_view(page, top.locator(".find-need-title"))
    actions = top.locator(".find-wave1 > ol.find-strategies > li")
    for index in range(3):
        assert fully_in_view(page, actions.nth(index)), f"Wave 1 action {index + 1} is below the fold"
    page.screenshot(path=str(artifacts / "find-phone.jpg"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_why_this_matched_ends_at_a_word(page) -> None:
    find(page, LISTENING)
    for text in page.locator(".find-matched").all_inner_texts():
        if text.endswith("…"):
            assert text[-2] != " " and not text[:-1].endswith(("-", ",")), text


def test_the_phase_choice_reorders_the_answer(page) -> None:
    find(page, LISTENING)
    first_before = page.locator(".find-wave1 li").first.inner_text()
    with page.expect_response("**/api/suggest"):
        page.get_by_label("Phase (optional)").select_option("early-years")
    page.locator(".find-phase-note").wait_for()
    first_after = page.locator(".find-wave1 li").first.inner_text()
    assert first_after.lower().startswith("early years") and first_after != first_before


def test_a_disclosure_puts_the_steps_before_any_strategy(page, artifacts: Path) -> None:
    page.set_viewport_size(PHONE)
    find(page, DISCLOSURE)
    steps = page.locator(".find-safeguarding .find-steps li")
    steps.first.wait_for()
    text = page.locator(".find-safeguarding").inner_text()
    assert "999" in text
    assert re.search(r"never promise to keep (it )?a secret", text, re.IGNORECASE)
    assert page.locator(".find-safeguarding a[href*='designated-safeguarding-lead']").count() == 1
    order = page.evaluate(
        "[...document.querySelectorAll('.find-steps li, .find-strategies li')].map(e => e.closest('.find-steps') ? 's' : 'c')"
    )
    assert order[0] == "s" and "".join(order).rstrip("c").count("c") == 0  # every step before any strategy
    assert "after you have told the DSL" in page.locator(".find-after-dsl h3").first.inner_text()
    assert page.locator(".find-after-dsl details.find-need").count() >= 1
    assert not page.locator(".find-after-dsl details[open]").count()  # other needs come folded
    assert page.get_by_role("button", name="Print strategy sheet").count() == 0
    assert fully_in_view(page, steps.first)
    page.screenshot(path=str(artifacts / "find-safeguarding-phone.jpg"), full_page=True)


def test_the_page_always_carries_a_dsl_reminder(page) -> None:
    page.route("**/api/**", lambda route: route.abort())
    page.goto("/find/")
    line = page.locator(".find-dsl-line").first
    assert line.is_visible() and "straight away" in line.inner_text()


def low_confidence(route) -> None:
    response = route.fetch()
    data = response.json()
    data["confidence"] = "low"
    data["clarify"] = [
        {"slug": n["slug"], "title": n["title"], "question": f"Is it mostly about {n['title'].lower()}?"}
        for n in data["needs"][:3]
    ]
    route.fulfill(response=response, body=json.dumps(data), headers={"content-type": "application/json"})


def test_an_unsure_answer_asks_which_is_closest_and_one_tap_refines_it(page, artifacts: Path) -> None:
    page.route("**/api/suggest", low_confidence)
    find(page, "reads slowly and guesses words")
    panel = page.locator(".find-clarify")
    assert panel.get_by_role("heading", name="Which is closest?").is_visible()
    options = panel.get_by_role("button")
    assert 2 <= options.count() <= 4
    second_title = options.nth(1).locator(".find-clarify-title").inner_text()
    page.screenshot(path=str(artifacts / "find-unsure.jpg"), full_page=True)
    options.nth(1).click()
    assert page.locator(".find-top .find-need-title").inner_text() == second_title
    assert page.locator(".find-clarify").count() == 0


@pytest.mark.parametrize("words", ["asdf qwer zxcv", "🙂🙂🙂🙂🙂"])
def test_nonsense_gets_a_plain_message_with_areas_and_the_dsl(page, words: str, artifacts: Path) -> None:
    find(page, words)
    box = page.locator(".find-none")
    box.wait_for()
    assert "could not match" in box.inner_text()
    assert box.inner_text().count("Describe") == 1  # the service's notice or the page's advice, never both
    assert box.get_by_role("link", name="Cognition and learning").count() == 1
    assert "DSL" in page.locator("#find-results").inner_text()
    assert page.locator(".find-top").count() == 0
    page.screenshot(path=str(artifacts / "find-none.jpg"), full_page=True)


@pytest.mark.site_search
@pytest.mark.parametrize("failure", ["network", "503"])
def test_service_down_offers_the_site_search_without_an_address(page, failure: str, artifacts: Path) -> None:
    if failure == "network":
        page.route("**/api/suggest", lambda route: route.abort())
    else:
        page.route(
            "**/api/suggest", lambda route: route.fulfill(status=503, json={"detail": "Search is not available"})
        )
    words = "Zebedee struggles with listening in class"
    page.goto("/find/")
    page.get_by_label("Describe what you notice about the pupil").fill(words)
    page.get_by_role("button", name="Find strategies", exact=True).click()
    fallback = page.locator(".find-fallback")
    fallback.wait_for()
    assert "not available" in fallback.inner_text() and "DSL" in fallback.inner_text()
    assert not any("Zebedee" in (h or "") for h in hrefs(page))
    page.get_by_role("button", name="Search the handbook for the same words").click()
    assert page.locator(".md-search__input").input_value() == words
    assert "Zebedee" not in page.url
    page.screenshot(path=str(artifacts / f"find-offline-{failure}.jpg"))
    assert page.get_by_role("button", name="Find strategies", exact=True).is_enabled()


def test_slow_service_never_hangs_the_page(page) -> None:
    page.route("**/api/suggest", lambda route: None)  # the request is never answered
    page.goto("/find/")
    page.evaluate("document.getElementById('find-form').dataset.timeoutMs = '1500'")  # the page waits 10 s
    page.get_by_label("Describe what you notice about the pupil").fill(LISTENING)
    page.get_by_role("button", name="Find strategies", exact=True).click()
    fallback = page.locator(".find-fallback")
    fallback.wait_for(timeout=10_000)
    assert "taking too long" in fallback.inner_text()


def test_empty_description_gets_a_clear_error_without_a_request(page) -> None:
    requests: list[str] = []
    page.on("request", lambda r: "/api/" in r.url and requests.append(r.url))
    page.goto("/find/")
    page.get_by_role("button", name="Find strategies", exact=True).click()
    error = page.locator("#find-error")
    assert error.is_visible() and "at least 3 characters" in error.inner_text()
    assert requests == []


def test_home_form_hands_over_without_an_address_and_results_survive_back(page) -> None:
    words = "deaf pupil with hearing aids in a noisy classroom"
    page.goto("/")
    page.get_by_label("Describe what you notice about the pupil").fill(words)
    page.get_by_role("button", name="Find strategies", exact=True).click()
    page.locator(".find-top").wait_for()
    assert page.locator(".find-top .find-need-title").inner_text() == "Hearing impairment"
    assert page.url.endswith("/find/")
    assert page.locator(".md-search__input").input_value() == ""  # the theme's search did not open
    page.locator(".find-top .find-need-title a").click()
    page.wait_for_url("**/hearing-impairment/")
    page.go_back()
    page.locator(".find-top").wait_for()
    assert page.locator(".find-top .find-need-title").inner_text() == "Hearing impairment"
    history = page.evaluate("history.length")
    assert history >= 2 and words.split()[0] not in page.url
    stored = page.evaluate("JSON.stringify(Object.entries(localStorage))")
    assert "noisy classroom" not in stored  # only this tab's sessionStorage holds the words


@pytest.mark.site_search
def test_a_long_header_search_offers_find_strategies(page) -> None:
    page.goto("/needs/semh/anxiety/")
    box = page.locator(".md-search__input")
    box.click()
    box.fill("he gets very worried before tests and cannot sleep")
    # The theme reads the box on a key going up (or when its index is ready), not on `input`: a key
    # press, as a person's typing ends, so the test does not depend on how fast the index loads.
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()  # the site's own search answers too
    hint = page.locator("#find-handoff")
    hint.wait_for()
    hint.get_by_role("button").click()
    page.locator(".find-top").wait_for()
    assert page.url.endswith("/find/")
    assert page.locator("#find-description").input_value().startswith("he gets very worried")


def test_keyboard_only(page) -> None:
    page.goto("/find/")
    page.locator("#find-description").focus()
    page.keyboard.type("reads slowly and guesses words")
    page.keyboard.press("Tab")  # phase
    page.keyboard.press("Tab")  # the button
    assert page.evaluate("document.activeElement.id") == "find-submit"
    page.keyboard.press("Enter")
    page.locator(".find-top").wait_for()
    assert page.evaluate("document.activeElement.id") == "find-results-heading"


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_strategy_sheet_is_one_a4_page_with_no_site_furniture(page, artifacts: Path) -> None:
    find(page, LISTENING)
    page.get_by_label(re.compile("Pupil's initials")).fill("ZQ")
    page.get_by_label("Print what I typed on the sheet").check()
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print strategy sheet").click()
    sheet = page.locator("#find-sheet")
    text = sheet.inner_text()
    assert "ZQ" in text and LISTENING in text and "Review by" in text
    assert "http://127.0.0.1:8000/needs/communication-interaction/attention-and-listening/" in text
    assert "Wave 2" in text and "Wave 3" in text
    pdf = page.pdf(format="A4")
    (artifacts / "strategy-sheet.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == 1
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator("#find-form").is_hidden()
    page.screenshot(path=str(artifacts / "strategy-sheet.jpg"), full_page=True)


def test_no_request_leaves_the_site_and_the_words_and_initials_are_never_in_an_address(page, live_server) -> None:
    seen: list[str] = []
    bodies: list[str] = []
    page.on("request", lambda r: (seen.append(r.url), bodies.append(r.post_data or "")))
    page.goto("/")
    page.goto("/needs/communication-interaction/attention-and-listening/")
    find(page, "Zebedee struggles with listening in class", phase="primary")
    page.get_by_label(re.compile("Pupil's initials")).fill("ZQ")
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print strategy sheet").click()
    assert not any("Zebedee" in u for u in seen) and "Zebedee" not in page.url
    assert not any("Zebedee" in (h or "") for h in hrefs(page))
    assert not any("ZQ" in body for body in bodies)
    page.goto("/training/planner/")
    outside = [u for u in seen if not u.startswith(live_server.url) and not u.startswith(("data:", "blob:"))]
    assert outside == []
