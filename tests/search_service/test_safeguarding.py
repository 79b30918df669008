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


@pytest.mark.xfail(
    strict=True,
    reason="known trade-off: the classifier's threshold is chosen for recall first (session 4: 0.99 of all risks "
    "and 0.97 per category out of fold) and flags about one in three ordinary look-alikes (docs/evaluation.md)",
)
def test_ordinary_worries_rarely_raise_an_alarm(client) -> None:
    alarms = [d for d in ORDINARY if client.post("/api/suggest", json={"description": d}).json()["safeguarding"]]
    assert len(alarms) <= 1, alarms


# --- issue 12: normalised wording, other languages, the steps and the look-alikes ----------------

CURLY_CAPS_TYPOS = [
    "she doesn\u2019t want to go home",
    "SHE DOESN\u2019T WANT TO GO HOME",
    "she dosent want to go home",
    "Finger-shaped bruises on his upper arm, mum says it\u2019s just his autism",
    "always hungry, same jumper all week, often late and falls asleep in maths",
    "it hurts me wen he touchs me there",
    "wears wristbands and long sleeves even in the heat",
    "young carer for her mum, often late and tired",
]


@pytest.mark.parametrize("description", CURLY_CAPS_TYPOS)
def test_curly_quotes_capitals_and_typos_are_flagged(client, description) -> None:
    data = client.post("/api/suggest", json={"description": description}).json()
    assert data["safeguarding"] is True, description
    assert data["needs"][0]["slug"] == SAFEGUARDING_SLUG
    assert data["services"][0]["id"] == "designated-safeguarding-lead"


def test_a_polish_disclosure_is_flagged_with_a_notice_and_no_confidence(client) -> None:
    data = client.post("/api/suggest", json={"description": "Mój tata mnie bije i boję się wracać do domu"}).json()
    assert data["safeguarding"] is True
    assert data["confidence"] == "none"
    assert data["needs"][0]["slug"] == SAFEGUARDING_SLUG
    assert "English" in data["notice"] and "Polish" in data["notice"]
    assert "straight away" in data["notice"] and "before the pupil goes home" in data["notice"]
    assert data["safeguarding_steps"]


def test_other_language_words_are_read_before_the_english_spelling_correction(client) -> None:
    from handbook.query import prepare

    engine = client.app.state.holder.engine  # the engine that answers the request below
    # Written for the test: "my stepfather touches her at night and asked her not to tell"
    description = "o padrasto mexe nela de noite e pediu para nao contar"
    corrected = prepare(description, engine.vocabulary, engine.known_words).normalised
    assert "nela" not in corrected.split() or "contar" not in corrected.split()  # English would "correct" them
    data = client.post("/api/suggest", json={"description": description}).json()
    assert data["safeguarding"] is True and data["confidence"] == "none"
    assert data["needs"][0]["slug"] == SAFEGUARDING_SLUG and data["safeguarding_steps"]


@pytest.mark.parametrize(
    ("description", "risk"),
    [
        ("struggles with cutting with scissors", False),
        ("cutting up his food is hard", False),
        ("cant use a knife and fork to cut up her dinner", False),
        ("cutting herself with scissors", True),
        ("struggles with cutting with scissors and says she wants to die", True),
        ("cutting up his food is hard, he is always hungry and nobody collects him", True),
    ],
)
def test_cutting_as_a_skill_is_not_a_risk_but_a_risk_beside_it_still_is(client, description, risk) -> None:
    data = client.post("/api/suggest", json={"description": description}).json()
    assert data["safeguarding"] is risk and bool(data["safeguarding_steps"]) is risk
    if risk:
        assert data["needs"][0]["slug"] == SAFEGUARDING_SLUG


def test_ordinary_text_in_another_language_gets_no_needs_but_the_reminder(client) -> None:
    data = client.post("/api/suggest", json={"description": "Mój syn ma problemy z czytaniem w szkole"}).json()
    assert data["safeguarding"] is False
    assert data["confidence"] == "none"
    assert data["needs"] == []
    assert "designated safeguarding lead" in data["notice"]


def test_steps_come_from_the_page_in_order(client, pages) -> None:
    page = next(p for p in pages if p.stem == SAFEGUARDING_SLUG)
    data = client.post("/api/suggest", json={"description": "she told me her step-dad hits her"}).json()
    steps = data["safeguarding_steps"]
    assert steps == [" ".join(s.split()) for s in page.meta["steps"]]
    order = ["listen", "leading questions", "secret", "exact words", "straight away", "999", "FGM"]
    positions = [next(i for i, step in enumerate(steps) if word.lower() in step.lower()) for word in order]
    assert positions == sorted(positions), positions
    assert "before the pupil goes home" in steps[positions[4]]


def test_no_steps_without_a_risk(client) -> None:
    data = client.post("/api/suggest", json={"description": "struggles with listening in class"}).json()
    assert data["safeguarding"] is False
    assert data["safeguarding_steps"] == []


def test_the_page_renders_the_same_steps(built_site, pages) -> None:
    import html as html_lib
    import re

    page = next(p for p in pages if p.stem == SAFEGUARDING_SLUG)
    rendered = (built_site / "needs" / "semh" / "safeguarding-concerns" / "index.html").read_text(encoding="utf-8")
    box = rendered.split("Do this now", 1)[1].split("</ol>", 1)[0]
    items = [html_lib.unescape(re.sub(r"<[^>]+>", "", li)).strip() for li in re.findall(r"<li>(.*?)</li>", box, re.S)]
    assert items == [" ".join(s.split()) for s in page.meta["steps"]]


LOOK_ALIKES = [
    "scratches on her arms from her eczema flaring up",
    "bruises on his shins from falling over in the playground, he has dyspraxia",
    "bruises easily because he has haemophilia, the nurse knows",
    "will only wear long sleeves because of sensory issues with the feel of the air on her skin",
    "has a mongolian blue spot on his lower back that was in his red book from birth",
]


def test_look_alikes_are_not_flagged(client) -> None:
    flagged = [d for d in LOOK_ALIKES if client.post("/api/suggest", json={"description": d}).json()["safeguarding"]]
    assert flagged == []


@pytest.mark.parametrize(
    "description", ["😀😀😀", "asdfghjkl qwerty", "?!?! ...", "asdf qwer zxcv", "blah blah blah blah"]
)
def test_nonsense_gets_no_confidence_and_no_needs(client, description) -> None:
    data = client.post("/api/suggest", json={"description": description}).json()
    assert data["confidence"] == "none"
    assert data["needs"] == []
    assert data["notice"]
    assert data["safeguarding"] is False
