"""Phrases that suggest a pupil may be at risk of harm, grouped by indicator category.

The categories follow Keeping children safe in education (Part one and Annex B), Working together to
safeguard children 2023, NICE CG89 (when to suspect child maltreatment) and the NSPCC's signs pages.
Every pattern runs on `handbook.text.normalise(text)`: lower case, plain quotes and dashes, common
misspellings corrected. So write patterns in lower case with plain apostrophes.

This is one signal of the detector; the learned classifier is the other. A pattern that matches is
enough on its own, except the GUARDABLE ones (a mark, a covered body, weight), which a narrow
look-alike guard may answer (see `search_service.safeguarding_guard`).
"""

from __future__ import annotations

import re

_SELF = r"(him|her|them|my|your|our)sel(f|ves)"
_ADULT = (
    r"(dad|daddy|mum|mummy|mom|father|mother|step[- ]?(dad|mum|father|mother)|parents?|carers?|uncle|aunt|auntie|"
    r"cousin|grandad|grandpa|nan|grandma|boyfriend|girlfriend|partner|someone|somebody|a man|a woman|an adult)"
)
_CHILD = r"(him|her|them|me)"
_HOT = r"(hot|warm|summer|heat|heatwave|sunny)"

# Patterns about a mark, a covered body or weight that an ordinary look-alike may explain (eczema, a
# diagnosed bruising condition, play bumps, sensory comfort, a dietitian's plan). Only these can be
# answered by the look-alike guard (search_service.safeguarding_guard); every other pattern never is.
BRUISE = r"\bbruis"
MARKS_ON_ARMS = r"marks (on|up) (his|her|their) (fore)?arms?"
SCRATCHES_ON = (
    r"\b(scratches|scars|cuts|plasters|scabs) (on|up|down|all over) (his|her|their) (arms?|wrists?|legs?|thighs?)"
)
ARMS_COVERED = (
    r"(keeps|keep|always has|always keeps|won't roll up|never rolls up) (his|her|their) (arms|wrists|sleeves) "
    r"(covered|down|hidden)|(his|her|their) (hands and )?(arms|wrists) (are |is )?(always )?(covered|hidden)"
)
SLEEVES_WHEN_HOT = (
    r"(take|takes|taking|took) (her|his|their) (hoodie|jumper|coat|cardigan|sweatshirt) off (even )?(in|when it's|"
    r"when it is|during) (the )?(a )?" + _HOT + "|"
    r"(long sleeves|long[- ]sleeved (top|shirt|jumper|t-shirt)|hoodie|jumper|sweatshirt|cardigan|coat|wristbands?|sweatbands?|bracelets?) "
    r"(on |all the time |every day )?(in|even in|when it's|when it is|during) (the )?(a )?" + _HOT
)
NO_CHANGING = r"(won't|refuses to|will not|stopped|doesn't want to) (get )?chang(e|ing) for (pe|swimming)"
WEIGHT_LOSS = r"lost (a lot of |so much |loads of )?weight|(much |a lot |getting |got )thinner|\bunderweight\b"
BALD_PATCH = r"bald (patch|patches|spots?)|patch of hair missing"
# Skin hurt until it bleeds, and bands kept on: eczema and sensory comfort are their ordinary look-alikes.
HURT_UNTIL_RAW = (
    r"\b(bit(es|ing)?|pinch(es|ing)?|scratch(es|ing)?|pick(s|ing)?|hit(s|ting)?|punch(es|ing)?|claw(s|ing)?) "
    r"(at )?(his|her|their) (own )?(arms?|hands?|skin|legs?|face|wrists?)[\w', ]{0,25}\b(until|till|so) "
    r"(it|they|it's|they're|they are|it is) (bleeds?|bled|bleeding|raw)"
)
BANDS_KEPT_ON = (
    r"(bracelets|wristbands|sweatbands|bands)[\w', ]{0,40}(won't|wont|will not|refuses? to|never|doesn't) "
    r"take (them|it) off|(wristbands|sweatbands) (on )?every day"
)
GUARDABLE = frozenset(
    {
        BRUISE,
        MARKS_ON_ARMS,
        SCRATCHES_ON,
        ARMS_COVERED,
        SLEEVES_WHEN_HOT,
        NO_CHANGING,
        WEIGHT_LOSS,
        BALD_PATCH,
        HURT_UNTIL_RAW,
        BANDS_KEPT_ON,
    }
)
# A mark on a pupil who cannot say what happened (non-verbal, non-speaking): never explained away by the need.
_MARK = (
    r"(bruis\w*|marks?|swollen|swelling|cuts?|burns?|black eyes?|lumps?|bumps|scratches|grazes|scrapes|injur(y|ies))"
)
_CANNOT_SAY = (
    r"(non[- ]?verbal|non[- ]?speaking|can't (tell|say|speak|explain)|cannot (tell|say|speak|explain)|"
    r"unable to (tell|say|speak|explain)|can't talk|doesn't speak|does not speak|no words)"
)

PATTERNS: dict[str, list[str]] = {
    "self-harm-suicide": [
        HURT_UNTIL_RAW,
        BANDS_KEPT_ON,
        r"(razor|blade|sharpener|scissors)[\w', ]{0,40}\bblood|\bblood[\w', ]{0,40}(razor|blade|sharpener)",
        r"(won't|wont|will not) be (a problem|a burden|around|here|in your way) (for you |for anyone |for long )?"
        r"(much longer|for long|soon|next (week|term|year))",
        r"(posted|wrote|sent|left|said) (something like |what looked like )?(a )?goodbye",
        r"(started|begun|began|more|worse|again|since)[\w', ]{0,40}(head[- ]?bang\w*|bang\w* (his|her|their) head)|"
        r"(head[- ]?bang\w*|bang\w* (his|her|their) head)[\w', ]{0,40}\b(again|more|since|worse)\b",
        r"(scratch\w*|cut\w*|carv\w*) (at )?(her|his|their|my) (arms?|wrists?|legs?|skin) with (a |the |her |his )?(compass|blade|razor|pin|scissors|glass|sharpener)",
        r"self[ -]?harm",
        r"\bcut(s|ting)? " + _SELF,
        r"(has|have|had|been|is|was|started|keeps) (been )?cutting\b",
        r"cutting (again|(her|his|their) (arms?|wrists?|legs?|thighs?))",
        r"\bcuts (on|to|across) (his|her|their) (arms?|wrists?|legs?|thighs?|stomach|tummy)",
        r"(hurt|hurting|hurts|harm|harming|harms|burn|burning|burns|scratch|scratching|scratches|hit|hitting|hits"
        r"|punch|punching|punches|bite|biting|bites|starve|starving|starves) " + _SELF + r"(?! (by )?(falling|fell|"
        r"tripping|tripped|in pe|playing|running|on the))",
        SCRATCHES_ON,
        r"\bburns (on|up|down) (his|her|their) (arms?|wrists?|legs?|thighs?)",
        MARKS_ON_ARMS,
        ARMS_COVERED,
        SLEEVES_WHEN_HOT,
        NO_CHANGING,
        r"\bligature",
        r"\boverdos",
        r"(took|taken|swallowed|has taken|had taken) [\w' ]{0,25}(tablets|pills|paracetamol)",
        r"\bsuicid",
        r"(want|wants|wanted|wanting) to (die|be dead|kill " + _SELF + r"|disappear forever)",
        r"kill (my|him|her|them)sel(f|ves)",
        r"end (it all|(his|her|their|my) (own )?life)",
        r"(going to|gonna|want to|wants to|will) end it\b",
        r"(better off|be better|easier for everyone) (dead|without (me|him|her|them)|if (i|he|she|they) (was|were)"
        r" (not|n't) (here|around))",
        r"(not|no longer|n't) (want to )?(be|being) (here|alive|around)( any ?more)?",
        r"(wasn't|weren't|was not|were not) (here|around|alive)",
        r"wish(es|ed)? (he|she|they|i) (was|were|had never been) (dead|born)",
        r"no (point|reason) (in )?(living|being alive|going on)",
        r"(don't|doesn't|can't|cannot) see the point (in|of) (living|life|going on)",
        r"not (to )?wake up",
        r"(sleep|go to sleep) (forever|and never)",
        r"goodbye (note|letter|message)",
        r"note [\w' ]{0,25}goodbye",
        r"(giving|gave|gives) (away )?(all )?(his|her|their) (things|belongings|stuff) away",
        r"blood (on|in) (tissues|his|her|their|the)",
        r"(tissues|sleeves|sheets|clothes|plasters) (with|covered in) blood",
    ],
    "physical-injury": [
        _MARK + r"[\w', ]{0,80}" + _CANNOT_SAY,
        _CANNOT_SAY + r"[\w', ]{0,80}" + _MARK,
        r"(stories|answers|explanations|excuses|accounts)[\w', ]{0,20}(don't|dont|do not|never) (add up|match|fit)",
        r"(every|each) (answer|story|explanation) (about it )?(was|is) different|(keeps|kept) (giving )?different "
        r"(stories|answers|explanations)",
        r"(deserved|deserves|deserve) (to be )?(punished|hit|smacked|it|a beating)",
        r"(soreness|bleeding|bruis\w*|injur(y|ies)|marks?|burns?|fractures?) (that )?(nobody|no one|no-one) can explain",
        r"(story|explanation|account)s? (keeps|kept|keep) changing",
        r"(can't|cannot|doesn't|does not) walk[\w', ]{0,30}(broken|fractured) (arm|leg|wrist|rib|bone)",
        BRUISE,
        r"black eyes?",
        r"\bsplit lip",
        r"unexplained (injur|marks?|burns?|bruis|cuts?|fractures?|broken)",
        r"(injur(y|ies)|marks?|bruises?|burns?|cuts?) (he|she|they) (can't|cannot|won't|will not|doesn't|don't)"
        r" explain",
        r"(finger|fingertip|hand|hand-shaped|belt|buckle|bite|cigarette|rope|strap|slap|grip)[ -]?(shaped )?"
        r"(marks?|burns?|bruises?|prints?)",
        r"\bburn marks?",
        r"(round|small round|circular) (burns?|marks?)",
        r"((?<!birth)(?<!strawberry )marks?|bruises?|injur(y|ies)) (on|to|around) (his|her|their) (face|ears?|neck|back|bottom|buttocks|"
        r"cheeks?|throat|upper arms?|inner (thighs?|arms?)|stomach|tummy|chest|genitals?)",
        r"(explanation|story|reason) (doesn't|does not|didn't|did not|don't) (fit|match|add up|make sense)",
        r"(different|changing|conflicting|vague) (stories|explanations|accounts) (about|for|of)",
        r"(broken|fractured) (arm|leg|wrist|rib|bone)s? [\w' ]{0,30}(baby|non-mobile|can't walk|not walking|"
        r"not mobile|doesn't walk|wheelchair)",
        r"\bflinch(?!(es|ed|ing)? (at|from) (sudden |loud |unexpected )?(noises?|sounds?|bangs?|light touch))",
        r"(handled|grabbed|shaken|thrown|dragged|pinned) (roughly|hard|by (his|her|their) (arm|hair|neck))",
        r"(hit|hurt|beaten|slapped|kicked|punched|smacked|whipped|belted|burnt|burned|strangled|choked|abused) at home",
        r"(scalds?|scalded) (on|to)",
        BALD_PATCH,
        r"hair (was |were |got |been |being )?(pulled|ripped|torn) out|(pulled|ripped|yanked|dragged) (him|her|them|me) "
        r"by (the|his|her|their|my) hair|(pulled|ripped|yanked) (out )?(his|her|their) hair",
    ],
    "neglect": [
        r"(same|dirty|unwashed) (school )?(uniform|clothes|shirt|top|jumper)[\w' ]{0,20}(all week|every day|for weeks|in weeks)|"
        r"(not|hasn't|hadn't|haven't) (been )?washed (in|for) (weeks|a month|months)|nobody (had |has )?(washed|replaced|bought)",
        r"shoes (with holes|that are (far |much |way )?too small)|holes in (his|her|their) shoes|squashed into (shoes|trainers)|"
        r"share (one|a) pair of shoes|trousers halfway up",
        r"(infected|infection|sore|rash|toothache|rotting|rotten|abscess)[\w' ]{0,40}(left for weeks|never (been )?treated|"
        r"nobody treats|nothing has been done|not been treated|no one treats)",
        r"(left|are left|is left|gets left) (on (his|her|their) own|alone)[\w' ]{0,20}(a lot|for hours|all (day|night)|at night|"
        r"overnight|often)|wandering[\w' ]{0,20}on (his|her|their) own|left waiting[\w' ]{0,25}(for hours|most days)",
        r"(smelt|smells|smelled|stank|stinks) of (alcohol|drink|booze|weed|cannabis)|(slurring|drunk|high)[\w' ]{0,10}at "
        r"(pick ?up|drop ?off|the (school )?gate|home time)|needle on the sofa|(mum's|dad's|parents') drugs",
        r"(eating|ate|eats) (the )?(pencil shavings|from (the )?bins?|scraps|other (kids|children)'s leftovers)|"
        r"(slipping|stuffing|stuffs|fills?|filling) (food|bread)[\w' ]{0,12}(into )?(her|his|their) pockets|"
        r"(fill|fills|filling) (their|his|her) pockets with food|not eaten (for|in) (two|three|four|\d+) days|"
        r"(cries|crying)[\w' ]{0,30}\bso hungry",
        r"\bhomeless\b|sleeping (on the streets|rough|in (a|the) car)|(threw|kicked|thrown|kicks) (him|her|them) out",
        r"never (had|been for|been to) (an? )?(eye test|sight test|dental check|check-?up|dentist|optician)",
        r"no (packed lunch|lunch|breakfast|food) (most|many|every|some) (days|mornings)",
        r"asks? (the )?(other (children|kids|pupils)|others|friends) for (their )?(food|crisps|snacks|lunch|sandwiches)",
        r"(won't|will not|don't|do not|wont) sit (next to|near|by) (him|her|them) because of (the|his|her|their) smell",
        r"(goes|going|runs|go) to the (toilet|loo|bathroom) (straight|right|as soon as|just) after (lunch|eating|meals|food)",
        r"(?<!after )(?<!because of )\bneglect",
        r"(always|often|constantly|usually|permanently|regularly|every day|every morning) (so |really |very )?"
        r"(hungry|starving|famished)",
        r"(hungry|starving) (all the time|every day|every morning|most days)",
        r"(comes|coming|arrives|turns up) (in(to)? )?(school )?(hungry|starving|without (breakfast|food|lunch))",
        r"(steal(s|ing)?|takes?|taking|hides?|hiding|hoard(s|ing)?) (other (children's|kids'|pupils') )?"
        r"(food|snacks|lunches|leftovers)",
        r"food (from|out of) (the )?bins?",
        r"(never has|never brings|rarely has|often has no|often without|always without|always has no|hardly ever has)"
        r" (a |any )?(coat|food|breakfast|lunch|packed lunch|warm clothes|socks|snack|pe kit)",
        r"(no|without a) (coat|warm clothes|jumper) (in|even in) (winter|the cold|the snow|the rain)",
        r"\bunwashed",
        r"(dirty|smelly|filthy|stained|soiled|unwashed|too small|ill-fitting) (clothes|uniform|hair|nappy|shoes)",
        r"same (clothes|uniform|jumper|top|trousers|shirt|socks) (every day|for days|all week|day after day|"
        r"for a week)",
        r"\b(smells?|smelt|smelling) (of (urine|wee|smoke)|really bad|badly|strongly|unwashed)",
        r"\b(unkempt|dishevelled|disheveled|scruffy and (smelly|dirty))",
        r"(head lice|nits) (all the time|that never|never treated|untreated|for months)",
        r"(untreated|rotten|decayed|rotting) (teeth|tooth|infection|injury|wound|condition)",
        r"(toothache|teeth|glasses|hearing aids?|medication|medicine|inhaler|appointments?) [\w' ]{0,30}"
        r"(never|not) (been )?(fixed|treated|replaced|collected|taken|given|brought|attended|followed up)",
        r"(missed|misses|keeps missing) (all )?(his|her|their) (medical|hospital|dental|health|clinic) appointments",
        r"(left|home|stays) alone (at night|overnight|for days|all weekend|all night)",
        r"(no one|nobody) (picks|collects|comes for|looks after) (him|her|them)",
        r"(nobody|no one) (is )?(at )?home",
        r"(no one|nobody) to look after",
        r"(no|without) (heating|electricity|beds?|food) (at|in the) (home|house|flat)",
        r"sleeps? on (a mattress|the floor|the sofa)",
        WEIGHT_LOSS,
        r"(hungry|starving|dirty|smelly|smells|unwashed|not clean|same clothes|no breakfast)(?! or\b)[\w', ]{0,60}"
        r"(late(?! in the (evening|afternoon|day))|tired|exhausted|falls asleep|asleep)",
        r"(late|tired|exhausted|falls asleep|asleep)(?! or\b)[\w', ]{0,60}(hungry|starving|dirty|smelly|smells|"
        r"unwashed|not clean|same clothes|no breakfast)",
    ],
    "sexual-abuse": [
        r"(won't|doesn't want to|does not want to|refuses to|scared to|terrified of|frightened of|won't go near)"
        r"[\w' ]{0,25}(uncle|neighbour|coach|babysitter|step-?dad|mum's (new )?boyfriend|grandad|family friend)",
        r"(always|keeps) offering to (babysit|do (the )?bath ?time|bath (him|her|them)|do bedtime|have (him|her) "
        r"(over|stay))",
        r"\b(1[0-5]|[0-9]) ?(year old|yr old|yo)[\w' ]{0,40}(dating|going out with|boyfriend|girlfriend|glued to|"
        r"seeing)[\w' ]{0,12}\b(1[89]|[2-5][0-9]) ?(year old|yr old|yo)",
        r"(member of staff|teacher|coach|tutor|ta|teaching assistant)[\w' ]{0,25}messag\w* (him|her|them|my \w+) "
        r"(privately|late at night|at night|on (snapchat|instagram|whatsapp|social media))",
        r"sexually (provocative|knowing)|plays sexually|(acts?|acting) out sex(ual)?|\bsex acts?\b|simulat\w* sex",
        r"new words for ((his|her|their) )?(private parts|privates|bits)",
        r"grinding (against|on) (a|another|the other|a younger) (boy|girl|child)",
        r"(like |as if )?it hurts (her |him |them )?to sit( down)?\b",
        r"\btouch(es|ed|ing)? me (there|down there)\b",  # issue 12: "it hurts me wen he touchs me there"
        r"hurts? me when (he|she|they|someone|somebody|\w+) touch(es|ed)? me",
        r"sexual(ised|ized|ly)? (behaviour|behavior|language|play|talk|knowledge|touching|words|acts|comments|"
        r"drawings|games)",
        r"\bsexuali[sz]ed",
        r"(acting out|simulating|pretending to have|humping|re-?enacting) (sex|sexual)",
        r"(explicit|sexual|rude|adult) (pictures|drawings|images|knowledge|words)",
        r"knows? (too much |far too much |a lot )?about (sex|adult things|private parts)",
        r"touch(ed|es|ing)? (him|her|them|me|other (children|kids|pupils)) (inappropriately|down there|in private|"
        r"(on|in) (the|their|his|her|my) (private|privates|bottom|genitals|vagina|penis))",
        r"inappropriate(ly)? touch",
        r"(sore|soreness|bleeding|itching|pain|hurts|discharge|infection)[\w' ]{0,25}(bottom|genitals?|private"
        r" parts?|privates|down below|down there|vagina|penis)",
        r"(pain|hurts?|sore|soreness) (when )?(sitting down|weeing|peeing|going to the toilet|going for a wee)",
        r"(difficulty|trouble|pain) (sitting|walking) (down )?(after|since)",
        r"walking (differently|strangely (since|after))",
        r"(she is|she's|she may be|she might be|she thinks she is|she thinks she's|girl is|pupil is) pregnant",
        r"(sexually transmitted|\bsti\b|\bstd\b)",
        r"(?<!personal )\bgroom(ed|ing)\b(?! (his|her|their|the) (hair|dog|pony|horse))",
        r"\brape|\braped\b",
        r"secret (game|cuddles|touching)",
        r"special (cuddles|touching)",
    ],
    "emotional-abuse": [
        _ADULT + r"[\w' ]{0,15}(says|tells|told|calls|called) (him|her|them|me)?[\w' ]{0,12}\b(a mistake|evil|lazy and "
        r"useless|useless|worthless|a liar|not wanted|unwanted|a bad person)\b",
        r"wish(es|ed)? (she|he|they|i) (had )?never (had|been) (him|her|them|born)",
        r"silent treatment|withhold\w* (all )?(affection|love)|(won't|will not|refuses to) hug (her|him|them)",
        r"(sworn at|called names|shouted at) by (an adult|a grown up|(his|her|their) (mum|dad|parents?|stepdad|step-dad|carer))",
        r"(terrified|scared|frightened|petrified) of (displeasing|upsetting|disappointing|angering) (his|her|their) (dad|mum|"
        r"parents?|father|mother)",
        r"holding a sign|(publicly )?humiliat\w* (him|her|them)",
        r"never (calls|uses|says) (him|her|them) (by )?(his|her|their) name",
        r"\bcall (him|her|them|me) (stupid|useless|worthless|fat|ugly|a waste)",
        r"(calls|called|calling) (him|her|them|me) (stupid|useless|worthless|fat|ugly|names|a waste)",
        r"(says|said|told) (he|she|they|i) (is|are|was|were|am) (worthless|useless|unloved|a mistake|not wanted|"
        r"nothing|rubbish|bad)",
        r"(nobody|no one) (loves|wants|cares about) (him|her|them|me)",
        r"(parent|mum|dad|mother|father|carer)s? [\w' ]{0,20}(humiliat|belittl|scream(s|ed|ing)? at|shout(s|ed|ing)? "
        r"at|threaten|ignore(s|d)? (him|her|them) completely|never (praise|speak to|talk to))",
        r"(scared|afraid|frightened|terrified|petrified) (of|about) (her |his |their |my )?(dad|mum|father|mother|"
        r"step[\w-]*|uncle|boyfriend|him|someone|somebody|going home|home|getting it wrong at home|what (dad|mum)"
        r" will do)",
        r"(scared|afraid|frightened|doesn't want|does not want|won't|refuses|begs not|terrified|dreads?) (to )?"
        r"(go|going) (back )?home",
        r"(doesn't|does not|won't|don't|refuses to|begs not to|scared to|afraid to) (want to )?go back (home|to the"
        r" flat|to the house|to (his|her|their) (house|flat|home))",
        r"(anxious|worried|upset|scared|frightened|panics?|distressed) (as|when|about|at) home ?time",
        r"(punished|punishment) (harshly|severely|by not eating|for wetting|with no food)",
        r"(locks?|locked|shut) (him|her|them|me) (in|out)",
        r"locked in (his|her|their|a) (room|cupboard|bedroom)",
        r"(overly|hyper-?) ?(compliant|watchful|vigilant)",
        r"frozen watchfulness",
    ],
    "exploitation": [
        r"(owes?|owed|owing) (them|him|people|someone|some people|older \w+) (money|hundreds|thousands|£)",
        r"(obsessed with|talks about|beef (with|over)|beefs? over) (other )?postcodes?",
        r"county lines",
        r"\bexploit",
        r"\btrafficked|\btrafficking",
        r"older (boyfriend|girlfriend)",
        r"older (friends?|lads|boys|men|man|guys|people) (with|giving|buying|who (give|buy|pick)|in cars|outside"
        r" school|picking|he met|she met)",
        r"(older|grown[- ]up|adult) (men|man|lads|boys|guys)\b",
        r"(expensive|new|designer|lots of) (phones?|trainers|clothes|gifts|jewellery|presents|stuff)"
        r"[\w', ]{0,30}(can't|cannot|won't|doesn't|unexplained|no idea|explain|from (someone|nowhere))",
        r"(money|cash|phones?|gifts|presents|clothes) (he|she|they) (can't|cannot|won't|doesn't|don't) explain",
        r"(unexplained|lots of|large amounts of|rolls? of) (money|cash|gifts)",
        r"(picked up|collected|dropped off) (from school )?(in|by) (cars?|a car|different cars|taxis)",
        r"(gets|getting|got) into (cars|a car|taxis) (with|driven by)",
        r"missing (from|during) (home|care|school|lessons|the day)",
        r"(going|gone|went|go|goes|been|reported) missing",
        r"turned up in (a different|another) (town|city)",
        r"(carrying|carries|carry|made to carry|hold|holding|look after) (a |the )?(knife|knives|weapon|drugs|"
        r"parcels?|packages?|bags?) (for|from)",
        r"carrying (a )?(knife|knives|weapon)",
        r"(drugs|weed|cannabis) (for|from) (older|someone)",
        r"(two|2|several|multiple|extra|second) phones",
        r"(hanging|hangs) around (after school|after lessons|the school gates|in the park late|with older)",
        r"\bgangs?\b(?! up)",
        r"(debt|owes money) (to|with) (older|someone|a gang)",
        r"(he'd|she'd|they'd|he would|she would|they would) get hurt if (he|she|they) lost",
    ],
    "domestic-abuse": [
        r"(saw|seen|sees|witnessed|watched|heard|hears) [\w' ]{0,25}(dad|father|step-?dad|boyfriend|partner|ex) "
        r"[\w' ]{0,15}(attack|hit|hurt|beat|punch|kick|strangl|chok|shouting and throwing|throwing things)",
        r"(seen|witnessed|sees|saw|heard) (a lot of |so much |lots of )?(violence|fighting|domestic)",
        r"(fight|row|argument|trouble)[\w' ,]{0,30}(police came|police were called|called the police)|"
        r"police (came|were called|come) (to|round to|round) (her|his|their|the) (house|home|flat)",
        r"protect (his|her|their) (mum|mother|mam|mummy|sister|brother|little (brother|sister))",
        r"safer (here|at school) than (there|at home|home)|home is (just )?(shouting|scary|horrible|frightening)",
        r"(panicky|panics|scared|anxious|frightened) (if|when) (she|he|they) (doesn't|does not|don't|can't) (text|reply|answer|message)",
        r"domestic (abuse|violence)",
        r"(shouting|fighting|violence|screaming|arguing|police) (at home|in the house|at the house)",
        r"police (are |were |have been )?(called|round|at the house|at home)",
        r"(hurts|hits|hurt|hit|beats|beat|kicks|punches|pushes|strangled|chokes) (mummy|mum|mom|his mum|her mum|"
        r"their mum|my mum|mother|nanny|dad|daddy)",
        r"(dad|daddy|mum's boyfriend|step-?dad|stepfather) [\w' ]{0,20}(hurts|hits|hit|beats|shouts at|threatens) "
        r"(mum|mummy|her mum|his mum|my mum)",
        r"operation encompass",
        r"(acts?|acting|plays?|playing|re-?enacts?|re-?enacting) out (fighting|violence|hitting|shouting|adults fighting"
        r"|(mum|dad|mummy|daddy) (fighting|hitting|shouting))",
        r"(mum|mummy|his mum|her mum) (has|had) (a )?(bruises|black eye|injuries|marks)",
        r"(worried|scared|anxious) (about|for) (his|her|their|my) (mum|mummy|mother)'?s? safety",
        r"(stay|stays|staying) (at )?home to (protect|keep (her|his) mum safe|look after (her|his) mum)",
    ],
    "fgm": [
        r"\bsunna\b|\bcut like (her|a|my|the)\b|(her|my) turn to be cut|(lady|woman) who (does|did) (the )?cutting|"
        r"something (sharp|painful) (to|on) (her|my) private|make (her|me) (clean|pure)|become a (proper |real )?woman",
        r"(special|secret) procedure|(older |big )?sister (was|had been|has been|got) cut",
        r"(hurts|pain|painful|stings|sore)[\w' ]{0,20}(wee|pee|urinate|between her legs)[\w' ,]{0,60}(since|after) "
        r"(the |her |a )?(summer|holiday|holidays|trip|long absence)|(since|after) (the |her |a )?(summer|holiday|holidays|"
        r"long absence)[\w' ,]{0,60}(hurts to (wee|pee)|pain between her legs|ages in the (toilet|loo))",
        r"(cultural thing|our culture|it's (our|their) culture)[\w' ,]{0,60}(pain|holiday|hurt|sores|infection|off school)|"
        r"(pain|sores|infection)[\w' ,]{0,60}(cultural thing|our culture)",
        r"(iron\w*|press\w*|flatten\w*|massag\w*) (her|my) (chest|breasts?)|(chest|breasts?) (is |are )?(tightly )?"
        r"(bound|ironed|flattened)|breast[- ]ironing",
        r"(can't|cannot|won't|doesn't) cross (her|their) legs[\w', ]{0,40}(since|after) (the )?(summer|holiday|holidays|trip)",
        r"(water|urine|urinary|bladder) infections?[\w', ]{0,40}(since|after) (the )?(summer|holiday|holidays|trip)",
        r"\bfgm\b",
        r"female genital",
        r"\bcutting ceremony",
        r"(special )?(ceremony|procedure|party) to become a (woman|lady|grown-up)",
        r"(going|taken|travelling|sent) (abroad|overseas|back home|to the family'?s country) [\w' ]{0,30}"
        r"(ceremony|procedure|be cut|become a woman|special occasion)",
        r"(long|lengthy|frequent) (trips|visits|time) (to|in) the (toilet|bathroom) [\w' ]{0,30}(after|since)"
        r" (the )?(holiday|trip|summer)",
        r"(ages|a long time|long periods|a long time) in the (toilet|bathroom)[\w' ]{0,30}(since|after) (the )?(holiday|trip|summer)",
        r"(circumcis|\bcut\b down there)",
        r"forced (marriage|to marry)",
        r"(marry|married|engaged) (off|abroad|to an older|to a man|when (she|he) (turns|is))",
        r"honour[- ]based",
    ],
    "radicalisation": [
        r"\b(incels?|red pill|manosphere|neo[- ]?nazis?|white supremac\w*|holocaust denial|hitler was right|daesh|isis|"
        r"jihad\w*|beheading|mass shoot\w*|school (massacre|shooting)s?|massacre (websites?|videos?)|bomb[- ]?making)\b",
        r"\bus and them\b|(sounds?|sounding) (really |very )?scripted|(reading|reads) from a script",
        r"(hates?|hate|hating) (all )?(christians|muslims|jews|immigrants|women|gay people|non[- ]believers)|"
        r"(anti-?muslim|anti-?semitic|antisemitic|racist|misogynistic|homophobic) (memes|jokes|stickers|videos|posts)",
        r"(online group|group (he|she|they) (met|talks? to) online)[\w' ,]{0,40}(real family|do anything|secretive|"
        r"democracy|non[- ]believers)|(real family|do anything for them)[\w' ,]{0,20}online",
        r"(women|girls) (should be owned|owe (him|them|us)|are (objects|property))|(calls|call|calling) women objects",
        r"far[- ]right (talking points|ideas|views|speech|memes|rhetoric)",
        r"(travel|go|going|get|move) to syria",
        r"hateful (words|things|comments|views|names) about (people of )?(other|another|different) (faiths?|religions?|races?)",
        r"\bradicali[sz]",
        r"\bextremis",
        r"\bprevent (referral|duty|team|lead)",
        r"(radical|extremist|hate|terrorist|far[- ]right|jihad\w*|nazi|neo-nazi) (group|groups|videos|views|"
        r"material|content|websites?|propaganda|symbols|ideas|forums?)",
        r"(should be|must be|deserve to be|wants to) (attacked|killed|hurt|wiped out|bombed)",
        r"(people|those) of other (religions|races|faiths) should",
        r"(joining|join|joined) (a|the) group that (says|hates|wants)",
        r"(swastika|terror attack|martyr|race war)",
        r"(hates|hatred of) (all )?(muslims|jews|immigrants|foreigners|black people|white people|gay people)",
    ],
    "young-carer": [
        r"(looks after|looked after|looking after|cares for|caring for|(main|only) carer for|does (all|most) of) "
        r"(his|her|their) (own )?(mum|dad|mother|father|parents?|mam|nan|gran|grandma|grandad)\b",
        r"\b(mum|dad|mother|father|parents?|mam|nan|gran|grandma|grandad)(’s|'s) [\w' ]{0,20}(meds|medication|medicine|tablets|insulin)\b",
        r"(lift|lifting|lifts|help\w* (to )?lift|bath\w*|dress\w*|toilet\w*) (her|his|their) (mum|dad|mother|father|parents?|mam|nan|gran|grandma|grandad|disabled)",
        r"(does|do|doing) (all|most) (of )?the (parenting|lifting|caring|care)",
        r"(check|checking|checks) on (his|her|their) (mum|dad|mother|father|parents?|mam|nan|gran|grandma|grandad)|(in case|when) (her|his|their) (mum|dad|mother|father|parents?|mam|nan|gran|grandma|grandad)[\w' ]{0,25}needs (her|him|them)",
        r"(had|has|have) to (do the shopping|look after|care for|get the (little ones|younger ones|kids))",
        r"(does|doing|has to do) all (of )?the (cooking|shopping|cleaning|washing|laundry|housework)",
        r"(checks|check|checking|gives|give|giving|sorts|sorting) (his|her|their|my) (mum|dad|mother|father|parent)'s (\w+ )?(meds|medication|medicine|tablets)",
        r"(checks|check|checking) (his|her|their|my) (\w+ )?(mum|dad|mother|father|parent) (is )?(ok|okay|alright|safe|has)",
        r"\byoung carer",
        r"(looks?|looking|look) after (his|her|their|the) (little |younger |baby |disabled |poorly )?(brother|"
        r"sister|sibling|siblings|mum|dad|mother|father|parent|nan|gran)s?",
        r"(cares|caring) for (his|her|their) (mum|dad|mother|father|parent|brother|sister|nan|gran)",
        r"stay (at )?home to (keep an eye on|look after|care for|check on|help) (her |his |their )?(mum|dad|mother|"
        r"father|parent)",
        r"(does|doing|has to do) (all )?(the )?(cooking|shopping|cleaning|washing|medication) (for|at home)",
        r"(mum|dad|mother|father|parent) (is|has been) (ill|disabled|poorly|unwell|drinking|in bed)[\w' ]{0,40}"
        r"(looks after|does everything|cooks|cleans|gets (the )?(little ones|siblings|brother|sister))",
        r"(gets|getting) (his|her|their) (brothers?|sisters?|siblings) (up|ready|to school|dressed)",
    ],
    "missing-education": [
        r"(never|didn't|did not|hasn't|has not|haven't|not) (came|come) back (on|after|from|by)|(past|beyond|after) (his|her|"
        r"their) (leave|return date)|no return date",
        r"(phone|number|mobile)[\w' ]{0,20}(switched off|goes (straight )?to voicemail|disconnected|not working)|"
        r"nobody (opened|opens|answered|answers) the door|no answer at (the )?(door|house|home)|curtains (shut|closed|drawn)",
        r"(married|marry|marriage)[\w' ]{0,30}(abroad|(her|his) cousin|out of school|stops? coming)|"
        r"(abroad|sent away|out of school)[\w' ]{0,30}(married|marry|marriage)|(she's|he's|is) getting married",
        r"unregistered school|(home educat\w*|home school\w*)[\w' ]{0,40}(no one|nobody|no professional) (has )?(seen|sees)",
        r"(told|asked) (informally )?to (stay|keep (him|her|them)) (at )?home (in|for) the (afternoons?|mornings?)",
        r"(absent|off school|off since|not (been )?in)[\w' ,]{0,30}(no contact|no call|no word|nobody has heard)",
        r"(not|hasn't|has not|haven't) (been )?(seen|in school|at school|attended) (for|since) \w+ (weeks|months)",
        r"(no one|nobody|no-one) (answers|answered|is answering) (the )?(door|phone|home visits?|calls)",
        r"(never|didn't|did not) (started|start|arrived|arrive|turned up|turn up) (at )?(the |her |his |their )?(new )?school",
        r"(don't|do not|doesn't|does not) know where (she|he|they|the family) (is|are|has gone|have gone)",
        r"(mum|dad|parents?|carers?) (gives?|giving|gave) different (reasons|excuses|stories)",
        r"(missing|missed|gone) (from )?(education|school) (for|since)",
        r"(not|hasn't|has not|haven't) (been )?(seen|in school|at school|attended) (for|since) (weeks|months|"
        r"a month|half term|the holidays)",
        r"(removed|taken|pulled) (out )?(of|from) (school|the roll) (suddenly|without)",
        r"(family|they) (moved|left) (away )?(and|without) (nobody|no one|telling)",
        r"off (the )?(school )?roll",
        r"(elective home education|home educat\w*) (suddenly|after|because)",
        r"(long|unexplained|repeated|frequent) (absences?|holidays) (abroad|with no|without|term time)",
        r"(can't|cannot|couldn't) (contact|reach|get hold of) (the )?(family|parents|mum|dad)",
        r"(part[- ]time timetable|reduced timetable) (for months|for a year|for ages|indefinitely)",
    ],
    "peer-on-peer": [
        r"(touch\w*|grab\w*|pull\w* (down|up|at))[\w' ]{0,30}(breasts?|private parts|privates|bottoms?|skirts?|trousers|"
        r"pants)[\w' ,]{0,40}(even after|told (him|her|them) to stop|against (her|his|their) will|keeps|again)|"
        r"(keeps|keep|kept) (trying to )?(touch\w*|pull\w* down|pull\w* at|grab\w*)[\w' ]{0,30}(other children's|other "
        r"kids'|girls'|boys'|the girls'|younger children's) (private parts|privates|breasts?|bottoms?|trousers|skirts?)",
        r"(photos?|pictures?|pics?|videos?) up (her|a girl's|girls'|their|the girls'|a teacher's) skirts?|"
        r"(take|taking|took) (photos?|pictures?|pics?) up (them|their skirts)|upskirt\w*",
        r"(filming|filmed|film) (it|them|him|her|fights?)[\w' ]{0,20}(to share|and shar\w*|on (their|his|her) phones?)|"
        r"(slap\w*|punch\w*|kick\w*|push\w* around|pushed around)[\w' ]{0,40}(and )?film\w*",
        r"(pinned|pin|pins|holding|held) (him|her|them) down[\w' ]{0,30}(touch\w*|and)|stamp\w* on (his|her|their) head|"
        r"(bribing|bribes|bribed)[\w' ]{0,30}to show",
        r"sexual (threats|comments|remarks) (against|to|at|towards)",
        r"(grab|grabs|grabbing|grabbed|slap|slaps|slapping|touch|touches|touching) (girls'?|boys'?|other (pupils|children|girls|boys)'?) (bottoms|bums|breasts|chests)",
        r"(snap|snaps|snapping|ping|pings|pinging|twang) (their |her |girls' )?bra straps?",
        r"(older|other|a group of) (pupils?|boys|girls|children|kids|students) [\w' ]{0,30}(touched|touching|"
        r"assaulted|forced|filmed|pinned|held (him|her) down|beat (him|her) up|attacked|threatened)",
        r"(upskirt|upskirting)",
        r"(sexual|sexually) (harass|assault|bully)",
        r"(harmful|problematic) sexual behaviou?r",
        r"(beaten|beat) up (by|after)",
        r"(bullied|bullying) [\w' ]{0,30}(hit|kicked|punched|hurt|injured|threatened with a knife|violent|"
        r"every day|for months|badly)",
        r"(threatened|threatens) (him|her|them|me) with (a )?(knife|weapon)",
        r"(initiation|hazing)",
        r"(forced|pressured) (him|her|them|me) (in)?to (perform|send|strip|undress|kiss|touch)",
        r"made (him|her|them|me) (strip|undress|kiss|touch)",
    ],
    "online-harm": [
        r"(threaten\w*|demand\w*)[\w' ]{0,30}(share|send|post|spread|show) (his|her|their|the|my|your)? ?(photos?|pics?|"
        r"pictures?|images?|videos?)|(photos?|pics?|pictures?|images?)[\w' ]{0,30}\b(unless|or (they|he|she)('ll| will)?)\b",
        r"(money|pounds|cash|£\d+|\d+ pounds?)[\w' ]{0,20}\bor (they|he|she|it)('ll| will)? (send|share|post|show)",
        r"(asks?|asking|asked) (\w+ ){0,3}for (a |more |nude |naked |sexy )?(photos?|pics?|pictures?)|(pictures?|photos?) "
        r"of (her|his|their) body",
        r"(gifts?|parcels?|presents?)[\w' ]{0,40}(met|from) (online|on (roblox|fortnite|snapchat|a game|discord|xbox)|playing)",
        r"(sexual|explicit|naked|nude|dick) (pictures?|pics?|photos?|images?|videos?)",
        r"grown man|(man|adult|someone) (he|she|they) (only )?knows? from (the|a|his|her) game|"
        r"(an adult|a man) (he|she|they) met online",
        r"bullied (on|over|through|via) (tiktok|snapchat|instagram|whatsapp|facebook|discord|roblox|social media|the internet|online|messages|texts)",
        r"\bnudes?\b",
        r"\bsexting",
        r"sextortion",
        r"(explicit|sexual|naked|indecent|rude) (images|pictures|photos|messages|texts|videos|selfies)",
        r"(asked|asking|pressured|made|forced|told)( him| her| them| me)? (to )?send (him |her |them )?(pictures|"
        r"photos|images|videos|pics) of (herself|himself|themselves)",
        r"won't (say|tell (me|us|anyone)) who (she|he|they)('s| is| are)? (talking|messaging|chatting|speaking)"
        r" (to|with)",
        r"secretive (about|on|with) (her|his|their) (phone|online|laptop|tablet|messages)",
        r"(talks|chats|speaks|messages|messaging|talking|chatting) (to|with) (an adult|a man|a stranger|someone|"
        r"people|an older) (online|on (the internet|snapchat|tiktok|instagram|discord|roblox|fortnite|xbox|a game))",
        r"(online|internet) (friend|boyfriend|girlfriend|stranger)",
        r"(met|meeting|meet) (up )?(with )?(someone|a man|a boy|a girl|a person) (from|(he|she|they) met) online",
        r"(shared|posted|leaked|sent round|spread) (a |her |his |their )?(photo|picture|video|image)s? "
        r"(of (him|her|them)|online|around school)",
        r"(cyber ?bull|online bull|trolled|blackmail)",
        r"(pornography|\bporn\b)",
        r"(self-harm|suicide|pro-ana|eating disorder) (videos|sites|content|forums|challenges)",
    ],
    "disclosure": [
        r"(never told anyone|(thinks|says|said) it's (her|his|my) fault)[\w' ,]{0,40}(uncle|dad|man|what (he|she|they) "
        r"(does|did))|(what|the things) (her|his|my|the) (uncle|dad|stepdad|man|cousin|brother) (does|did) to (her|him|me)",
        r"(can never|must never|mustn't|must not|can't ever) tell|(won't|will not) love (her|him|me) (any ?more|again) if "
        r"(she|he|i) tells?",
        r"(family member|relative|someone at home) (has been|is|keeps) (hurting|touching) (her|him|them|me)",
        r"(being touched|touching (her|him|me))[\w' ,]{0,30}(didn't|did not|won't|wouldn't) believe",
        r"(happened|happens) to (her|him|me) when (she|he|i) was (little|small|younger)",
        r"promise (not to|you won't|you will not|you wont) tell",
        r"\bdisclos",
        r"(?<!verbally )(?<!verbal )\babus(e|ed|ing|ive|er)\b(?! (to|towards) (staff|teachers|other|peers|adults|me))",
        r"told (me|a (teacher|ta|member of staff|friend)|us|her (friend|teacher)|his (friend|teacher)) "
        r"(a secret|something (worrying|bad|upsetting|happened))",
        r"(keep|keeping) (it|this|a) (a )?secret",
        r"not allowed to (talk|tell|say)",
        r"(be|get) (hurt|killed|in trouble|taken away|sent away) if (he|she|they|i) (tells?|says?|told|said)",
        r"(he'll|she'll|they'll|he will|she will|they will|i'll|i will) be (killed|hurt) if",
        _ADULT + r" (hits|hurts|beats|slaps|kicks|punches|touches|touched|hit|hurt|beat|slapped|kicked|punched|"
        r"burns|burnt|strangles|chokes|smacks|smacked) " + _CHILD + r"\b(?! (in|at) (the )?(playground|pe|class|"
        r"football|a game))",
        r"(says|said|told (me|us)) [\w' ]{0,20}(hurts|hit|hits|touched|touches) (him|her|them|me)",
        r"(it|this) (happens|happened) at (home|his house|her house|(his|her|their) (uncle|dad|mum)'s)",
        r"\bchild protection\b",
        r"(at risk of|risk of) (harm|abuse|significant harm)",
        r"(what happens|what happened|what goes on) at (home|his uncle's|her uncle's|(his|her|their) \w+'s)",
    ],
}

CATEGORIES = tuple(PATTERNS)
_COMPILED = [
    (category, pattern, re.compile(pattern)) for category, patterns in PATTERNS.items() for pattern in patterns
]


def pattern_matches(normalised: str) -> list[tuple[str, str]]:
    """(category, pattern) for every pattern found in the normalised text."""
    return [(category, pattern) for category, pattern, regex in _COMPILED if regex.search(normalised)]
