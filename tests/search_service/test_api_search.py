def search(client, q: str, k: int = 10) -> list[dict]:
    response = client.get("/api/search", params={"q": q, "k": k})
    assert response.status_code == 200, response.text
    return response.json()["results"]


def test_results_follow_the_contract(client) -> None:
    results = search(client, "struggles with listening in class", k=5)
    assert len(results) == 5
    for result in results:
        assert {"title", "url", "section", "text", "score", "area", "need"} <= set(result)
    assert results[0]["need"] == "attention-and-listening"
    assert any("#" in r["url"] for r in results), "section results link to their anchor"


def test_deaf_pupil_finds_the_sensory_team(client) -> None:
    results = search(client, "who do I ask about a deaf pupil", k=5)
    assert any(r["url"].startswith("/services/sensory-team/") for r in results)


def test_acronyms_find_their_meaning(client) -> None:
    results = search(client, "EHCNA", k=10)
    assert any("needs assessment" in (r["title"] + r["text"]).lower() for r in results)


def test_non_need_pages_have_null_need(client) -> None:
    results = search(client, "annual review timescales", k=10)
    assert any(r["need"] is None for r in results)
