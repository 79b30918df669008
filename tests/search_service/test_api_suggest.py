"""Integration: the real model, the real content and index, through the HTTP API."""

import pytest


def suggest(client, description: str, **extra) -> dict:
    response = client.post("/api/suggest", json={"description": description, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def test_listening_ranks_attention_and_listening_first(client) -> None:
    data = suggest(client, "struggles with listening in class")
    assert data["needs"][0]["slug"] == "attention-and-listening"
    assert data["safeguarding"] is False


def test_deaf_pupil_ranks_hearing_impairment_first(client) -> None:
    data = suggest(client, "deaf pupil with hearing aids in a noisy classroom")
    assert data["needs"][0]["slug"] == "hearing-impairment"


def test_response_follows_the_contract(client) -> None:
    data = suggest(client, "struggles with listening in class", limit=3)
    assert len(data["needs"]) == 3
    need = data["needs"][0]
    assert {"slug", "title", "area", "url", "score", "strategies"} <= set(need)
    assert need["url"] == "/needs/communication-interaction/attention-and-listening/"
    for wave in ("wave1", "wave2", "wave3"):
        assert need["strategies"][wave], wave
        for item in need["strategies"][wave]:
            assert item["text"] and item["url"].startswith(need["url"] + "#")
    assert need["strategies"]["wave1"][0]["text"].startswith("Say the pupil's name")
    scores = [n["score"] for n in data["needs"]]
    assert scores == sorted(scores, reverse=True)
    assert data["training"] and all({"id", "title", "url"} <= set(t) for t in data["training"])
    assert data["services"] and all({"title", "url"} <= set(s) for s in data["services"])


def test_phase_puts_that_phases_notes_first(client) -> None:
    data = suggest(client, "struggles with listening in class", phase="early-years")
    first = data["needs"][0]["strategies"]["wave1"][0]
    assert first["phase"] == "early-years"
    assert first["url"].endswith("#early-years")


@pytest.mark.parametrize(
    "description",
    [
        "she has cuts on her arms and said she did it herself",
        "told me his dad hits him when he is drunk",
        "said he wants to die and that nobody would miss him",
        "always hungry, same dirty clothes all week, nobody picks him up",
        "noticed marks on her forearms she keeps covered with her sleeves",
    ],
)
def test_risk_of_harm_puts_safeguarding_first(client, description) -> None:
    data = suggest(client, description)
    assert data["safeguarding"] is True
    assert data["needs"][0]["slug"] == "safeguarding-concerns"
    assert data["services"][0]["id"] == "designated-safeguarding-lead"


@pytest.mark.parametrize(
    "description",
    [
        "struggles with cutting with scissors",  # flagged until session 3's n-gram classifier
        "gets cross and bangs the desk",
        "reads slowly",
    ],
)
def test_ordinary_descriptions_do_not_raise_safeguarding(client, description) -> None:
    assert suggest(client, description)["safeguarding"] is False


def test_training_lists_modules_for_a_role(client) -> None:
    response = client.get("/api/training", params={"role": "teaching-assistant"})
    assert response.status_code == 200
    ids = {m["id"] for m in response.json()["modules"]}
    assert "role-teaching-assistants" in ids
    assert "role-leaders-governors" not in ids


def test_training_filters_by_category_and_need(client) -> None:
    core = client.get("/api/training", params={"category": "core"}).json()["modules"]
    assert len(core) == 4 and all(m["category"] == "core" for m in core)
    autism = client.get("/api/training", params={"need": "social-communication"}).json()["modules"]
    assert "cond-autism" in {m["id"] for m in autism}
