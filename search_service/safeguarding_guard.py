"""A narrow guard for ordinary look-alikes of a mark: eczema scratches, a diagnosed bruising condition,
bumps from play on shins and knees, long sleeves for sensory comfort, weight loss on a dietitian's plan.

It answers only the GUARDABLE patterns (search_service.safeguarding_patterns) and the classifier, and
only when the description says what ordinary thing explains the mark and carries no red flag. It never
answers a disclosure, fear, neglect, exploitation or any other pattern. The trust policy's rule holds:
for a pupil with SEND, a mark or a change in behaviour is never explained away as part of the need, so
"because he is autistic" or "it is part of her condition" is not an explanation here.
"""

from __future__ import annotations

import re

from search_service.safeguarding_patterns import (
    ARMS_COVERED,
    BRUISE,
    MARKS_ON_ARMS,
    NO_CHANGING,
    SCRATCHES_ON,
    SLEEVES_WHEN_HOT,
    WEIGHT_LOSS,
)

_SKIN = r"eczema|psoriasis|dermatitis|chicken ?pox|rash|insect bites?|midge bites|mosquito bites|hives"
_BIRTHMARK = r"mongolian (blue )?spots?|birthmarks?|dermal melanocytosis"
_BRUISING_CONDITION = (
    r"ehlers[- ]danlos|\beds\b|osteogenesis imperfecta|\boi\b|brittle bones?|haemophilia|hemophilia|von willebrand|\bitp\b|bleeding (disorder|condition)|"
    r"blood thinners?|warfarin|(condition|medication|medicine) (that|which) (makes|means) (him|her|them) bruise|"
    r"bruises? easily (because of|due to|from) (his|her|their) (condition|medication|medicine|diagnosis)"
)
_PLAY = (
    r"\b(shins?|knees?|elbows?|forehead)\b.*\b(falls?|fell|falling|trips?|tripped|play|playing|football|pe|"
    r"trampoline|bumps? into|bumped)\b|\b(falls?|fell|falling|trips?|tripped|play|playing|football|pe|trampoline|"
    r"bumps? into|bumped)\b.*\b(shins?|knees?|elbows?|forehead)\b"
)
# An accident an adult saw happen, or one recorded and explained in the usual way.
_WITNESSED = (
    r"(i|we|staff|the ta|the teacher|a teacher) saw (it|him|her|them) (happen|fall|trip)|happened in front of|"
    r"first aid(er)?|accident (book|form|slip)|(cold|ice) pack|(ran|bumped|banged|crashed) into|"
    r"(fell|tripped) (off|over|on)|hit by (a|the) (ball|bat|door)|hospital letter"
)
_SENSORY = r"sensory|texture|fabric|the feel of|seams|labels|scratchy|itchy (jumper|uniform)|deep pressure|comfort"
_FAITH = r"religious|modesty|faith|cultural"
_DIET = r"dietitian|dietician|diabetes|diabetic|coeliac|crohn'?s|(doctor|consultant|paediatrician)'?s? (plan|advice)"

# What explains each kind of guardable pattern.
EXPLANATIONS: dict[str, re.Pattern[str]] = {
    BRUISE: re.compile(f"{_BIRTHMARK}|{_BRUISING_CONDITION}|{_PLAY}|{_WITNESSED}"),
    MARKS_ON_ARMS: re.compile(f"{_SKIN}|{_BIRTHMARK}"),
    SCRATCHES_ON: re.compile(f"{_SKIN}"),
    ARMS_COVERED: re.compile(f"{_SENSORY}|{_SKIN}|{_FAITH}"),
    SLEEVES_WHEN_HOT: re.compile(f"{_SENSORY}|{_SKIN}|{_FAITH}"),
    NO_CHANGING: re.compile(f"{_SENSORY}|{_FAITH}"),
    WEIGHT_LOSS: re.compile(_DIET),
}
ANY_EXPLANATION = re.compile("|".join(f"(?:{p.pattern})" for p in EXPLANATIONS.values()))

# Never guarded: unusual places, patterned marks, stories that do not fit, a baby or a non-mobile child,
# secrecy or fear, and the need offered as the explanation.
RED_FLAGS = re.compile(
    r"\b(his|her|their|the|on|upper) (face|cheeks?|ears?|neck|throat|back|bottom|buttocks|genitals?|chest|"
    r"stomach|tummy|upper arms?|inner (arms?|thighs?)|thighs?|eyes?|mouth|lips?|head)\b|"
    r"finger|fingertip|hand[- ]?(shaped|print)|grip|belt|buckle|bite marks?|cigarette|loop|pattern|"
    r"(won't|can't|cannot|doesn't|does not|didn't|refuses to) (say|explain|tell)|"
    r"(story|explanation|reason)s? (doesn't|does not|didn't|don't) (fit|match|add up|make sense)|"
    r"different (story|stories|explanations?)|unexplained|"
    r"\b(baby|babies|infant|non-mobile|not (yet )?(walking|crawling|mobile)|can't walk|non-verbal|nonverbal)\b|"
    r"secret|scared|afraid|frightened|flinch|mum's boyfriend|step-?dad|blood|\bcuts?\b|cutting|"
    r"self[- ]harm|hurting (him|her|them)sel|on purpose|"
    r"(because|as) (he's|she's|they're|he is|she is|they are) (autistic|adhd|dyspraxic|clumsy)|"
    r"(his|her|their) (autism|adhd|sen|send|need|needs|disability|behaviour)\b|part of (his|her|their)"
)


def explained_by_lookalike(normalised: str, guardable_matched: set[str]) -> bool:
    """True when every guardable pattern found is explained by an ordinary look-alike and nothing
    in the description is a red flag. guardable_matched may be empty (the classifier alone fired)."""
    if RED_FLAGS.search(normalised):
        return False
    if not guardable_matched:
        return bool(ANY_EXPLANATION.search(normalised))
    return all(EXPLANATIONS[pattern].search(normalised) for pattern in guardable_matched)
