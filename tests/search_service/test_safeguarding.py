"""The safeguarding detector, on paraphrases written for this test (not taken from the evaluation set).

It must flag risk of harm whatever the ranking says, and stay quiet on ordinary classroom worries.
"""

import pytest

from search_service.engine import SAFEGUARDING_SLUG

RISK = [
    "she said she has been scratching her arms with a compass",
    "he told me he doesn't see the point in living any more",
    "found a note in her planner saying goodbye to everyone",
    "turned up with a split lip and won't say what happened",
    "flinches whenever I lift my arm to point at the board",
    "says his mum's boyfriend locks him in his room at night",
    "never has a packed lunch, shoes have holes and she's lost a lot of weight",
    "keeps getting into cars with older men after school",
    "she says she sleeps on a mattress in the kitchen and there's no heating",
    "a year 2 child drew explicit pictures and described adult sexual acts",
    "an older boy made him look after a parcel and said he'd get hurt if he lost it",
    "told her friend she had swallowed a load of her mum's tablets",
    "begs to stay at school tonight because she doesn't want to go back to the flat",
    "talking about joining a group that says people of other religions should be attacked",
    "says he'll be killed if he tells anyone what happens at his uncle's",
]

ORDINARY = [
    "falls over a lot in the playground and grazes his knees",
    "scared of the hand dryers in the toilets",
    "hungry for praise, always wants me to look at his work",
    "cuts paper really messily with scissors",
    "bangs the table with his fists when he loses a game",
    "gets upset when mum drops her off in the morning",
    "says her tummy hurts before spelling tests",
    "doesn't want to go home because she loves after-school club",
    "is killing it in maths but can't write neatly",
    "hates the feel of the PE kit and takes ages to get changed",
]


@pytest.mark.parametrize("description", RISK)
def test_risk_paraphrases_are_flagged_and_put_first(client, description) -> None:
    data = client.post("/api/suggest", json={"description": description}).json()
    assert data["safeguarding"] is True
    assert data["needs"][0]["slug"] == SAFEGUARDING_SLUG


def test_ordinary_worries_rarely_raise_an_alarm(client) -> None:
    alarms = [d for d in ORDINARY if client.post("/api/suggest", json={"description": d}).json()["safeguarding"]]
    assert len(alarms) <= 1, alarms
