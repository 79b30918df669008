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
    r"(hurt|hurting|hurts|harm|harming|harms|burn|burning|burns|scratch|scratching|scratches|hit|hitting|hits) (him|her|them)sel(f|ves)",
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
    r"\bfgm\b",
    r"female genital",
    r"\bcutting ceremony\b",
    r"forced (marriage|to marry)",
    r"\bradicali[sz]",
    r"extremis",
    r"\btrafficked\b",
    r"carrying a (knife|weapon)",
]
_REGEX = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)

RISK_STATEMENTS = [
    "the pupil has been hurting themselves on purpose",
    "the child says they want to die or end their life",
    "the child talks about not wanting to be alive anymore",
    "the pupil has marks or injuries that nobody can explain",
    "the child told me that an adult at home hurts them",
    "the pupil is scared to go home",
    "the child is often hungry, dirty and not cared for at home",
    "the pupil shows sexual behaviour or knowledge that is not normal for their age",
    "the child is being exploited or groomed by older people",
    "a pupil has disclosed abuse to a member of staff",
    "the child may be at risk of harm at home",
]
SEMANTIC_THRESHOLD = 0.62


class SafeguardingDetector:
    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._statements = embedder.encode_documents(RISK_STATEMENTS)

    @staticmethod
    def phrase_match(text: str) -> bool:
        return _REGEX.search(" ".join(text.split())) is not None

    def semantic_score(self, query_vector: np.ndarray) -> float:
        return float(np.max(self._statements @ query_vector.reshape(-1)))

    def is_risk(self, text: str, query_vector: np.ndarray) -> bool:
        return self.phrase_match(text) or self.semantic_score(query_vector) >= SEMANTIC_THRESHOLD
