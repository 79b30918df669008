"""Integration: text that is not about a pupil gets `confidence: none`; short staff notes do not.

Every example was written for this test; none is taken from evaluation/evaluate.py's nonsense set or
from evaluation/tune_nonsense.py's development sentences.
"""

import pytest


def suggest(client, description: str) -> dict:
    response = client.post("/api/suggest", json={"description": description})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    "description",
    [
        "the kettle in the kitchen is broken",
        "cheapest flights to lisbon in may",
        "How do I get to the station?",
        "WHAT TIME DOES THE SHOP SHUT",
        "the council tax bill went up",
        "jkhg wpoe zmxn",
        "🙈🙉🙊",
        "Ma fille ne parle pas à l’école",
        # Ordinary words that a corrector knowing only the handbook's words turned into its words
        # ("burning", "cutting", "scream", "lonely", "pain"), after which the safeguarding classifier fired.
        "putting up shelves in the garage",
        "a cream tea in devon",
        "killing time at the airport",
        # Known gaps (docs/evaluation.md, session 5): strict, so each fails once it is fixed.
        pytest.param(
            "turning the heating down saves money",
            marks=pytest.mark.xfail(strict=True, reason="a chunk is 0.44 similar (UNRELATED_DENSE is 0.40)"),
        ),
        "our lovely neighbours have moved to spain",  # flagged by session 4's classifier; not by session 5's
    ],
)
def test_text_not_about_a_pupil_gets_no_needs(client, description: str) -> None:
    data = suggest(client, description)
    assert data["confidence"] == "none", data["confidence"]
    assert data["needs"] == []
    assert data["notice"]


@pytest.mark.parametrize(
    "description",
    [
        "cant sit still",
        "wont talk",
        "reading age 6",
        "always fidgeting",
        "poor handwriting",
        "meltdowns at home time",
        "no eye contact",
        "struggles w/ listening",
    ],
)
def test_short_staff_notes_still_get_an_answer(client, description: str) -> None:
    data = suggest(client, description)
    assert data["confidence"] != "none", data.get("notice")
    assert data["needs"]


def test_text_in_the_handbooks_words_that_names_nobody_is_asked_who_it_is_about(client) -> None:
    """English that shares words with the handbook but names no pupil, person or part of school life (often a
    real description with its subject left out): the notice asks who it is about (search_service.engine.NO_PUPIL)."""
    data = suggest(client, "the kettle in the kitchen is broken")
    assert data["confidence"] == "none" and data["needs"] == []
    assert data["notice"].startswith("The handbook only matches descriptions of a pupil. Say who this is about")


def test_keyboard_mashing_is_told_nothing_matches(client) -> None:
    data = suggest(client, "jkhg wpoe zmxn")
    assert data["confidence"] == "none"
    assert data["notice"].startswith("Nothing in the handbook matches this")
