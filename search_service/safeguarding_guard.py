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
    BALD_PATCH,
    BANDS_KEPT_ON,
    BRUISE,
    HURT_UNTIL_RAW,
    MARKS_ON_ARMS,
    NO_CHANGING,
    SCRATCHES_ON,
    SLEEVES_WHEN_HOT,
    WEIGHT_LOSS,
)

_SKIN = r"eczema|psoriasis|dermatitis|chicken ?pox|rash|insect bites?|midge bites|mosquito bites|hives"
_BIRTHMARK = r"mongolian (blue )?spots?|birthmarks?|dermal melanocytosis"
_BRUISING_CONDITION = (
    r"ehlers[- ]danlos|\bh?eds\b|hypermobil\w*|osteogenesis imperfecta|\boi\b|brittle bones?|haemophilia|hemophilia|"
    r"von willebrand|\bvwd\b|\bitp\b|glanzmann|platelets?|leuka?emia|chemo(therapy)?|haematolog\w*|"
    r"bleeding (disorder|condition)|"
    r"blood thinners?|warfarin|(condition|medication|medicine) (that|which) (makes|means) (him|her|them) bruise|"
    r"bruises? easily (because of|due to|from) (his|her|their) (condition|medication|medicine|diagnosis)"
)
_PLACES = r"shins?|knees?|elbows?|forehead|legs?|hips?"  # where play leaves bruises (NICE CG89: bony, at the front)
_ACTIVITIES = (
    r"(falls?|fell|falling)(?! asleep)|trips?|tripped|tumbles?|play|playing|playground|football|rugby|hockey|netball|tackles?|pe|"
    r"trampoline|bikes?|scooter|climb\w*|rough and tumble|bumps? into|bumped|(runs?|running|ran|walks?|walking|walked|"
    r"crash(es|ed|ing)?) into|furniture"
)
_PLAY = rf"\b({_PLACES})\b.*\b({_ACTIVITIES})\b|\b({_ACTIVITIES})\b.*\b({_PLACES})\b"
# An accident an adult saw happen, or one recorded and explained in the usual way.
_WITNESSED = (
    r"(i|we|staff|the ta|the teacher|a teacher) saw (it|him|her|them) (happen|fall|trip)|happened in front of|"
    r"first aid(er)?|accident (book|form|slip)|(cold|ice) pack|(ran|bumped|banged|crashed) into|"
    r"(fell|tripped) (off|over|on)|hit by (a|the) (ball|bat|door)|hospital letter"
)
_SENSORY = r"sensory|texture|fabric|the feel of|seams|labels|scratchy|itchy (jumper|uniform)|deep pressure|comfort"
_FAITH = r"religious|modesty|faith|cultural"
_DIET = r"dietitian|dietician|diabetes|diabetic|coeliac|crohn'?s|(doctor|consultant|paediatrician)'?s? (plan|advice)"
_HAIR_LOSS = r"alopecia|trichotillomania|hair pulling|pulls (out )?(her|his|their) (own )?hair|ringworm|tinea"

# What explains each kind of guardable pattern.
EXPLANATIONS: dict[str, re.Pattern[str]] = {
    BRUISE: re.compile(f"{_BIRTHMARK}|{_BRUISING_CONDITION}|{_PLAY}|{_WITNESSED}"),
    MARKS_ON_ARMS: re.compile(f"{_SKIN}|{_BIRTHMARK}"),
    SCRATCHES_ON: re.compile(f"{_SKIN}"),
    ARMS_COVERED: re.compile(f"{_SENSORY}|{_SKIN}|{_FAITH}"),
    SLEEVES_WHEN_HOT: re.compile(f"{_SENSORY}|{_SKIN}|{_FAITH}"),
    NO_CHANGING: re.compile(f"{_SENSORY}|{_FAITH}"),
    WEIGHT_LOSS: re.compile(_DIET),
    BALD_PATCH: re.compile(_HAIR_LOSS),
    HURT_UNTIL_RAW: re.compile(_SKIN),
    BANDS_KEPT_ON: re.compile(f"{_SENSORY}|{_FAITH}|{_SKIN}"),
}

# When only the classifier fired, a look-alike must name both what it explains (a mark, a covered body,
# weight, hair) and the ordinary reason for it. An explanation word alone ("faith", "rash", "legs ... PE")
# does not answer a description about something else, such as hateful talk or a rash nobody treats.
_SKIN_CONDITION = r"eczema|psoriasis|dermatitis|chicken ?pox|insect bites?|midge bites|mosquito bites|hives"
_MARK = r"\b(bruis\w*|scratch\w*|marks?|spots?|scabs?|grazes?|grazed|bites?|bitten|birthmarks?)\b"
_COVER = r"\b(sleeves?|hoodie|jumper|coat|covered|covers?|cover up|shorts|changing|get changed|pe kit)\b"
_WEIGHT = r"\b(weight|thin|skinny|not eating)\b"
_HAIR = r"\b(bald|hair)\b"
CLASSIFIER_LOOKALIKES: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (re.compile(_MARK), re.compile(f"{_SKIN_CONDITION}|{_BIRTHMARK}|{_BRUISING_CONDITION}|{_PLAY}|{_WITNESSED}")),
    (re.compile(_COVER), re.compile(f"{_SENSORY}|{_SKIN_CONDITION}|{_FAITH}")),
    (re.compile(_WEIGHT), re.compile(_DIET)),
    (re.compile(_HAIR), re.compile(_HAIR_LOSS)),
]

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
        return any(what.search(normalised) and why.search(normalised) for what, why in CLASSIFIER_LOOKALIKES)
    return all(EXPLANATIONS[pattern].search(normalised) for pattern in guardable_matched)


# Cutting as a skill, not a wound: cutting with scissors, cutting out shapes, cutting up food, a knife and
# fork. The classifier learned "cutting" from self-harm, so a fine-motor need description can score as a
# risk on that word alone. The engine then reads the description again without these phrases
# (SearchEngine.check_risk): only if the rest is not a risk either is the flag withdrawn.
_CUT = r"(cut|cuts|cutting)"
CRAFT_CUTTING = re.compile(
    rf"\b{_CUT} (with|using) (the |a |his |her |their |child |safety |special |left[- ]handed )?scissors\b|"
    rf"\b{_CUT} (out|along|round|around) (the |some |his |her |their )?"
    r"(shapes?|pictures?|paper|card|letters|words|pieces|lines|circles?|squares?)\b|"
    rf"\b{_CUT} (up )?(his|her|their|the|my) (own )?(food|dinner|lunch|meat|sandwich|toast|pizza|sausages?)\b|"
    rf"\b{_CUT} (food|paper|card|shapes|pictures)\b|"
    r"\b(the )?cutting (and|or) (sticking|gluing|arty|craft)\w*|"
    r"\bkni(fe|ves) and forks?\b"
)
# Left after those phrases are taken out, any of these keeps the flag: another cut, a blade, blood, a body part
# or the pupil's own self.
_STILL_WOUNDING = re.compile(
    r"\bcut\w*|scissors? (on|into|to|at) |blades?|razors?|\bknife|\bknives|sharpeners?|glass|blood|bleed\w*|"
    r"plasters?|scars?|\b(him|her|them|my|your|our)sel(f|ves)\b|\b(arms?|wrists?|thighs?|legs?|skin|tummy|stomach)\b"
)


def without_craft_cutting(normalised: str) -> str | None:
    """The description with its craft and mealtime cutting phrases taken out, or None when it has none, or
    when what is left still speaks of cutting, a blade, blood or the body (then the flag always stands)."""
    if not CRAFT_CUTTING.search(normalised):
        return None
    rest = " ".join(CRAFT_CUTTING.sub(" ", normalised).split())
    return None if _STILL_WOUNDING.search(rest) else rest
