"""Spot descriptions that suggest a pupil may be at risk of harm, independently of the search ranking.

Two signals, either of which is enough:
- phrases: patterns for self-harm, suicidal talk, injuries, disclosures, abuse, neglect, sexualised
  behaviour and exploitation, written to catch everyday wording and common misspellings;
- meaning: the description's embedding is close to one of a set of risk statements, which catches
  paraphrases the patterns miss.
A false alarm costs a teacher one extra conversation with the DSL; a miss can cost far more.
"""

from __future__ import annotations

import re

import numpy as np

from handbook.embedding import Embedder

_PATTERNS = [
    # self-harm
    r"self[\s-]?harm",
    r"\bcut(s|ting)? (him|her|them)sel(f|ves)",
    r"(has|have|had) been cutting\b",
    r"cutting (again|her arms|his arms|their arms|her wrists|his wrists)",
    r"cuts on (his|her|their) (arm|wrist|leg)s?",
    r"(hurt|hurting|hurts|harm|harming|harms|burn|burning|burns|scratch|scratching|scratches|hit|hitting|hits) (him|her|them)sel(f|ves)(?! (by )?(falling|fell|tripping|tripped|in pe|playing|running|on the))",
    r"\b(scratches|scars|burns) on (his|her|their) (arms?|wrists?|legs?|thighs?)",
    r"marks on (his|her|their) (fore)?arms?",
    r"(keeps|keep|always has) (his|her|their) (arms|wrists|sleeves) (covered|down)",
    r"long sleeves (even )?(in|when it is|when it's) (hot|summer|pe)",
    r"\bligature\b",
    r"\boverdos",
    r"took (too many|a lot of) (pills|tablets)",
    # suicidal talk
    r"suicid",
    r"(want|wants|wanted|wanting) to (die|be dead|kill (him|her|them|my)sel(f|ves))",
    r"kill (my|him|her|them)sel(f|ves)",
    r"end (it all|(his|her|their|my) life)",
    r"(better off|be better) (dead|without (me|him|her|them))",
    r"(not|no longer) (want to )?(be|being) (here|alive)",
    r"wish(es|ed)? (he|she|they|i) (was|were|had never been) (dead|born)",
    r"no (point|reason) (in )?(living|being alive)",
    # injuries
    r"\bbruis",
    r"black eye",
    r"unexplained (injur|mark|burn)",
    r"(injur(y|ies)|marks?) (he|she|they) (can't|cannot|won't|will not) explain",
    r"(finger|hand|belt|bite|cigarette)[\s-]?(mark|burn)s?",
    r"\bburn marks?\b",
    # disclosures and abuse
    r"\bdisclos",
    r"\babus(e|ed|ing|ive)\b",
    r"(dad|mum|father|mother|step[\s-]?(dad|mum|father|mother)|parent|carer|uncle|brother|boyfriend|someone|man|he|she) (hits|hurts|beats|slaps|kicks|punches|touches|touched|hit|hurt|beat|slapped|kicked|punched) (him|her|them|me)\b",
    r"(hit|hurt|beaten|slapped|kicked|punched|smacked|locked in|touched) at home",
    r"(scared|afraid|frightened|doesn'?t want|does not want|won'?t|refuses) to go home",
    r"touch(ed|es|ing)? (him|her|them|me) (inappropriately|down there|in private)",
    r"\bgroom(ed|ing)\b",
    r"told (me|a (teacher|ta|member of staff)|us) (a secret|something worrying)",
    r"keep (it|this) (a )?secret",
    r"domestic (abuse|violence)",
    r"(shouting|fighting|violence) at home",
    # neglect
    r"\bneglect",
    r"(always|often|constantly|very|really|so) hungry",
    r"(comes|coming|arrives) (to school )?hungry",
    r"steal(s|ing)? food",
    r"(no|without a) (coat|food|breakfast|lunch) (every|most|in winter)",
    r"\bunwashed\b",
    r"dirty clothes",
    r"same (clothes|uniform) (every day|for days|all week)",
    r"\bunkempt\b",
    r"(left|home) alone (at night|overnight|for days)",
    r"(no one|nobody) (picks|collects) (him|her|them) up",
    # sexualised behaviour and exploitation
    r"sexual(ised|ized|ly)? (behaviour|behavior|language|play|talk|knowledge|touching)",
    r"sexualised",
    r"sexualized",
    r"(explicit|sexual) (images|pictures|photos|messages|texts)",
    r"\bnudes?\b",
    r"\bsexting\b",
    r"inappropriate(ly)? touch",
    r"county lines",
    r"\bexploit",
    r"older (boyfriend|girlfriend|friends?) (with|giving|buying)",
    r"(expensive|new) (phone|trainers|clothes|gifts) (he|she|they) can'?t explain",
    r"missing from (home|care)",
    r"(no|n't see the|not see the|no) point in living",
    r"goodbye (note|letter|message)",
    r"\bsplit lip\b",
    r"\bflinch",
    r"locks? (him|her|them) in",
    r"(older|grown[- ]up|adult) (men|man|lads|boys)\b",
    r"(swallowed|taken|took) [\w' ]{0,25}(tablets|pills)",
    r"(scared|afraid|frightened|terrified) of (her |his )?(dad|mum|father|mother|step[\w-]*|uncle|boyfriend|him|someone|somebody|going home)",
    r"(hurts|hits|hurt|hit|beats) (mummy|mum|mom|his mum|her mum|their mum)",
    r"not allowed to (talk|tell|say)",
    r"(be|get) (hurt|killed|in trouble) if (he|she|they|i) (tells?|says?)",
    r"(wasn't|weren't|was not|were not) (around|alive)",
    r"not (to )?wake up",
    r"sleep (forever|and never)",
    r"(hides|hiding|takes|taking|steals|stealing) (food|leftovers)",
    r"food (from|out of) (the )?bins?",
    r"(acting out|simulating|pretending to have) sex",
    r"sexual (words|acts|language|comments)",
    r"explicit (pictures|drawings|images)",
    r"(special )?ceremony to become a woman",
    r"\byoung carer\b",
    r"nobody (is )?(at )?home",
    r"(no one|nobody) to look after",
    r"(looks?|looking) after (his|her|their) (little|younger|baby) (brother|sister|sibling)s?",
    r"(money|cash|phones?) (he|she|they) can'?t explain",
    r"turned up in (a different|another) (town|city)",
    r"(keeps|kept) going missing",
    r"missing (from|during) (school|the day|lessons) (and|with)",
    r"(should be|must be|deserve to be) (attacked|killed|hurt)",
    r"(radical|extremist|hate) (group|videos|views)",
    r"(hoodie|jumper|coat|long sleeves) (on )?(in|even in|when it'?s|when it is) (the )?(heat|hot|summer|warm)",
    r"blood (on|in) (tissues|his|her|their|the)",
    r"(tissues|sleeves|sheets|clothes|plasters) with blood",
    r"note [\w' ]{0,25}goodbye",
    r"(shoes|clothes|uniform) (have|has|with|full of) holes",
    r"lost (a lot of |so much )?weight",
    r"go back (home|to the flat|to the house|to (his|her|their) (house|flat|home))",
    r"(anxious|worried|upset|scared|frightened) (as|when|about) home ?time",
    r"walking differently",
    r"(difficulty|trouble|pain) (sitting|walking) (down )?after",
    r"won'?t (say|tell (me|us|anyone)) who (she|he|they)('s| is| are)? (talking|messaging|chatting|speaking) (to|with)",
    r"secretive (about|on) (her|his|their) (phone|online)",
    r"(talks|chats|speaks) to (online|on the internet) (and|but)",
    r"stay (at )?home to (keep an eye on|look after|care for|check on) (her |his |their )?(mum|dad|mother|father|parent)",
    r"\bfgm\b",
    r"female genital",
    r"\bcutting ceremony\b",
    r"forced (marriage|to marry)",
    r"\bradicali[sz]",
    r"extremis",
    r"\btrafficked\b",
    r"carrying a (knife|weapon)",
]
# Bony places where everyday knocks bruise children; bruises there alone are not a sign of harm.
_ACCIDENT_SITES = re.compile(r"\b(shins?|knees?|elbows?|forehead)\b", re.IGNORECASE)
_REGEX = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)

# Risk statements in everyday words, by the categories of Keeping children safe in education. Together with
# the signs listed on the safeguarding page, they are the "risk" neighbours; the signs on every other need
# page are the "ordinary" neighbours. A description is a risk when it sits clearly nearer the risk side.
RISK_STATEMENTS = [
    # self-harm and suicidal talk
    "the pupil has been hurting themselves on purpose",
    "she has been cutting or scratching her arms",
    "he has taken an overdose of tablets",
    "the child says they want to die or end their life",
    "the child talks about not wanting to be alive any more",
    "she says everyone would be better off if she was not here",
    "he wrote a goodbye note to his friends",
    "she hides her arms and will not get changed in front of others",
    # physical abuse and injuries
    "the pupil has marks or injuries that nobody can explain",
    "he came in with a black eye and a story that does not add up",
    "the child flinches and is frightened when an adult comes close",
    "the child told me that an adult at home hurts them",
    "she says her dad hits her mum and she is scared at home",
    "the pupil is scared to go home at the end of the day",
    "the child is locked in their room or punished harshly at home",
    # neglect
    "the child is often hungry, dirty and not cared for at home",
    "the pupil takes food from bins or from other children",
    "nobody looks after him at home and he is left alone",
    "she is losing weight and has no food or warm clothes",
    "the child has to look after younger siblings or a parent on their own",
    "the family home has no heating, no beds and no food",
    # sexual abuse and harmful sexual behaviour
    "the pupil shows sexual behaviour or knowledge that is not normal for their age",
    "a young child talks about adult sexual acts",
    "someone touched the child in a private place",
    "she has been sent or asked for nude pictures",
    # exploitation, going missing, radicalisation, FGM
    "the child is being exploited or groomed by older people",
    "older men pick her up in cars and give her presents",
    "he has money and new clothes he cannot explain and goes missing",
    "he is made to carry drugs or parcels for older boys",
    "the pupil keeps going missing from home or school",
    "she talks to a secret adult online who asks her to keep it quiet",
    "he is being drawn into an extremist group that hates other people",
    "she is going abroad for a special cutting ceremony",
    "the girl may be forced to marry",
    # disclosures and fear
    "a pupil has disclosed abuse to a member of staff",
    "the child said someone told them to keep a secret about what they do to them",
    "he says he will be hurt if he tells anyone",
    "the child may be at risk of harm at home",
]
SEMANTIC_MARGIN = 0.06  # how much nearer the risk side than the ordinary side
SEMANTIC_FLOOR = 0.40  # and at least this similar to some risk example


_STATEMENT_VECTORS: dict[str, np.ndarray] = {}


def risk_statement_vectors(embedder: Embedder) -> np.ndarray:
    """Embedded once per process and model, so reloading an index does no model work."""
    if embedder.fingerprint not in _STATEMENT_VECTORS:
        _STATEMENT_VECTORS[embedder.fingerprint] = embedder.encode_documents(RISK_STATEMENTS)
    return _STATEMENT_VECTORS[embedder.fingerprint]


class SafeguardingDetector:
    def __init__(self, embedder: Embedder, risk_vectors: np.ndarray, ordinary_vectors: np.ndarray) -> None:
        """risk_vectors and ordinary_vectors: the signs on the safeguarding page and on every other need
        page, embedded by the index build. Only the short list of risk statements is embedded here."""
        self._risk = np.vstack([risk_statement_vectors(embedder), risk_vectors])
        self._ordinary = ordinary_vectors if len(ordinary_vectors) else self._risk[:0]

    @staticmethod
    def phrase_match(text: str) -> bool:
        text = " ".join(text.split())
        matches = [m.group(0).lower() for m in _REGEX.finditer(text)]
        if matches and all(m.startswith("bruis") for m in matches) and _ACCIDENT_SITES.search(text):
            return False  # bruised shins and knees from play are expected; bruises elsewhere are not
        return bool(matches)

    def semantic_scores(self, query_vector: np.ndarray) -> tuple[float, float]:
        """(margin, best risk similarity): the mean of the three nearest risk examples minus the mean of
        the three nearest ordinary ones, and the single nearest risk example."""
        vector = query_vector.reshape(-1)
        risk = np.sort(self._risk @ vector)[-3:]
        ordinary = np.sort(self._ordinary @ vector)[-3:]
        return float(risk.mean() - ordinary.mean()), float(risk[-1])

    def is_risk(self, text: str, query_vector: np.ndarray) -> bool:
        if self.phrase_match(text):
            return True
        margin, best = self.semantic_scores(query_vector)
        return margin >= SEMANTIC_MARGIN and best >= SEMANTIC_FLOOR
