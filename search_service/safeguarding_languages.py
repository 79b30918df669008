"""Risk words in the community languages most common in English schools, for text pasted from a parent
or a pupil that is not in English.

Where these lists come from: the project team wrote them from the English risk words the detector
looks for (hit, beat, hurt, touch, abuse, rape, afraid, kill myself, suicide, want to die, cut myself,
secret, hungry, bruise, violence, "I don't want to go home"), using standard dictionary forms of each
language. They have NOT yet been checked by a native speaker, so treat them as a starting point: each
list is short on purpose, so that a speaker can check it in a few minutes. Add a word by adding a line.

How they match: the description is normalised (handbook.text.normalise) and, for Latin-script
languages, accents are dropped on both sides (people often type without them). A single word matches
any word that begins with it (a stem: Polish "bij" finds "bije", "bił" is listed separately); a phrase
with a space must appear as written. For Arabic, the common joined prefixes (و, ف, ال) are stripped
from each word first. These lists are only used when the text does not look like English, so a
stem that happens to start an English word does no harm.
"""

from __future__ import annotations

import unicodedata

RISK_WORDS: dict[str, tuple[str, ...]] = {
    # Polish
    "pl": (
        "bije",  # beats
        "bil mnie",  # beat me (bił, accents dropped)
        "bila mnie",
        "uderz",  # hit (uderza, uderzył)
        "krzywdz",  # hurts (krzywdzi)
        "skrzywdz",  # hurt (skrzywdził)
        "dotyka",  # touches (dotyka, dotykał)
        "molest",  # molests
        "zgwalc",  # raped (zgwałcił)
        "gwalt",  # rape
        "przemoc",  # violence
        "boje sie",  # I am afraid (boję się)
        "boi sie",  # is afraid
        "zabic sie",  # kill oneself (zabić się)
        "zabije sie",  # I will kill myself
        "samoboj",  # suicide (samobójstwo)
        "samookalecz",  # self-harm (samookaleczenie)
        "tne sie",  # I cut myself (tnę się)
        "chce umrzec",  # I want to die (chcę umrzeć)
        "tajemnic",  # secret (tajemnica)
        "siniak",  # bruise
        "glodn",  # hungry (głodny, głodna)
        "nie chce wracac do domu",  # I don't want to go home
        # session 5, from the train split's misses (emotional abuse, neglect, bullying, marks)
        "wyzywa",  # calls (someone) names (wyzywa, wyzywał)
        "osmiesza",  # ridicules (ośmiesza)
        "do niczego",  # good for nothing
        "nic nie wart",  # worthless (nic nie wart, nic nie warta)
        "znecan",  # abuse, bullying (znęcanie)
        "zaniedban",  # neglected (zaniedbany, zaniedbanie)
        "nieleczon",  # untreated (nieleczony)
        "alkohol",  # alcohol (a drinking parent)
        "nie wpuszcza",  # won't let (him) in
        "przypalan",  # burn marks (przypalanie)
        "papieros",  # cigarette (burns)
        "slady zebow",  # teeth marks (ślady zębów)
        # session 7, from the train split's misses (neglect)
        "bez doroslych",  # without adults (bez dorosłych), left alone
        "brudn",  # dirty (brudny, brudna, brudne)
        "nie pasuj",  # don't fit (the explanation)
        "strach",  # fear (w strachu)
    ),
    # Romanian
    "ro": (
        "ma bate",  # beats me (mă bate)
        "m-a batut",  # beat me (m-a bătut)
        "loveste",  # hits (lovește)
        "lovit",  # hit
        "ma atinge",  # touches me
        "m-a atins",  # touched me
        "abuz",  # abuse
        "violat",  # raped
        "viol",  # rape
        "mi-e frica",  # I'm afraid (mi-e frică)
        "frica",  # fear
        "sinucid",  # suicide (sinucidere, să mă sinucid)
        "ma tai",  # I cut myself
        "vreau sa mor",  # I want to die (vreau să mor)
        "secret",
        "vanatai",  # bruises (vânătăi)
        "flamand",  # hungry (flămând)
        "nu vreau sa merg acasa",  # I don't want to go home
        # session 5, from the train split's misses
        "batut",  # beaten (l-a bătut)
        "bataie",  # a beating (bătaie)
        "sexual",  # sexual (termeni sexuali)
        "intoarca acasa",  # (won't) go back home (să se întoarcă acasă)
    ),
    # Portuguese
    "pt": (
        "bate",  # beats (bate, bateu, me bate)
        "machuc",  # hurts (machuca, machucou)
        "me toca",  # touches me
        "tocou em mim",  # touched me
        "abus",  # abuse (abuso, abusou)
        "estupr",  # rape (estupro, estuprou)
        "violou",  # raped
        "violencia",  # violence (violência)
        "tenho medo",  # I am afraid
        "medo",  # fear
        "suicid",  # suicide (suicídio)
        "me matar",  # kill myself
        "matar-me",
        "me corto",  # I cut myself
        "quero morrer",  # I want to die
        "segredo",  # secret
        "nodoa negra",  # bruise (nódoa negra, Portugal)
        "hematoma",  # bruise
        "fome",  # hunger
        "nao quero ir para casa",  # I don't want to go home (não quero...)
        # session 5, from the train split's misses (neglect, fear of adults)
        "nao quer ir para casa",  # doesn't want to go home (não quer...)
        "ninguem em casa",  # nobody at home (ninguém em casa)
        "se encolhe",  # flinches
        "rouba comida",  # steals food
        "sem comer",  # without eating
        "sem higiene",  # without hygiene, unwashed
        "andar ou sentar",  # (difficulty) walking or sitting
        # session 7, from the train split's misses (neglect)
        "sempre sujo",  # always dirty
        "sempre suja",
        "sem roupa",  # without (enough) clothes
        "nao tinha comido",  # had not eaten (não tinha comido)
        "odor corporal",  # body odour
    ),
    # Somali
    "so": (
        "garaac",  # hit, beat (i garaacay, wuu garaacaa)
        "i dilaa",  # kills me, beats me badly
        "i taabtay",  # touched me
        "taabto",  # touch
        "kufsi",  # rape (kufsi, kufsaday)
        "kufsa",
        "xadgudub",  # abuse, violation
        "ka baqaa",  # afraid of (waan ka baqaa)
        "baqdin",  # fear
        "cabsi",  # fear
        "isdil",  # suicide (is dil)
        "is dil",
        "dhaawac",  # injury
        "gaajo",  # hunger (gaajo, gaajaysan)
        "ma rabo inaan guriga",  # I don't want to (go) home
        "lacag iyo dhar",  # money and clothes (from someone unknown; session 7, exploitation)
    ),
    # Urdu (Arabic script). Whole words or their beginnings, never parts of words.
    "ur": (
        "مارتے",  # (they) hit
        "مارتا",  # (he) hits
        "مارتی",  # (she) hits
        "پیٹتے",  # beat
        "پیٹتا",
        "پیٹا",  # beaten
        "تشدد",  # violence
        "زیادتی",  # abuse, assault
        "چھوتا",  # touches
        "چھوا",  # touched
        "ڈرتا",  # is afraid (he)
        "ڈرتی",  # is afraid (she)
        "ڈر لگتا",  # I'm afraid
        "خودکشی",  # suicide
        "مرنا چاہتا",  # want to die (he)
        "مرنا چاہتی",  # want to die (she)
        "جنسی",  # sexual
        "بھوکا",  # hungry (he)
        "بھوکی",  # hungry (she)
        "زخم",  # wound
        "چوٹ",  # injury (session 5)
        "جلنے",  # burn (marks)
        "کاٹنے کا نشان",  # bite mark
    ),
    # Punjabi (Gurmukhi script)
    "pa": (
        "ਮਾਰਦੇ",  # (they) hit
        "ਮਾਰਦਾ",  # (he) hits
        "ਮਾਰਦੀ",  # (she) hits
        "ਮਾਰਿਆ",  # hit (past)
        "ਕੁੱਟ",  # beat
        "ਛੂਹ",  # touch
        "ਡਰ",  # fear
        "ਖੁਦਕੁਸ਼ੀ",  # suicide
        "ਮਰਨਾ",  # to die
        "ਭੁੱਖ",  # hunger
        "ਸੱਟ",  # injury
        "ਹਿੰਸਾ",  # violence
        "ਜਿਨਸੀ",  # sexual
    ),
    # Bengali
    "bn": (
        "মারে",  # hits
        "মারধর",  # beating
        "মেরেছে",  # has hit
        "ছোঁয়",  # touches
        "ছুঁয়েছে",  # has touched
        "ভয়",  # fear
        "আত্মহত্যা",  # suicide
        "মরতে চাই",  # I want to die
        "গোপন",  # secret
        "খিদে",  # hunger
        "ক্ষুধা",  # hunger
        "আঘাত",  # injury
        "নির্যাতন",  # abuse
        "যৌন",  # sexual
    ),
    # Arabic
    "ar": (
        "يضرب",  # hits
        "ضرب",  # hit
        "يؤذي",  # harms
        "يلمس",  # touches
        "لمس",  # touched
        "اعتداء",  # assault
        "تحرش",  # harassment
        "اغتصاب",  # rape
        "أخاف",  # I am afraid
        "خائف",  # afraid
        "خوف",  # fear
        "انتحار",  # suicide
        "أموت",  # (I) die, as in "I want to die"
        "عنف",  # violence
        "كدمات",  # bruises
        "جائع",  # hungry
        "جوع",  # hunger (الجوع; session 5)
        "جروح",  # wounds
        "ممزقة",  # torn (clothes)
        "لا يريد العودة",  # doesn't want to go back (home)
        "ليس عنده ملابس",  # has no clothes (session 7, neglect)
        "لا أحد يهتم",  # nobody looks after (him) (session 7, neglect)
    ),
}
_ARABIC_PREFIXES = ("وال", "فال", "بال", "ال", "و", "ف", "ب")
LATIN = frozenset({"pl", "ro", "pt", "so"})


def fold(text: str) -> str:
    """Drop accents (ł and ø are letters of their own, so map them by hand)."""
    text = text.replace("ł", "l").replace("Ł", "l").replace("ø", "o")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


_PUNCTUATION = "\"'.,;:!?()[]{}«»،؛؟।…-"


def _tokens(text: str, language: str) -> list[str]:
    """Words split at spaces, punctuation trimmed (regex word classes break Indic vowel signs apart)."""
    tokens = [token.strip(_PUNCTUATION) for token in text.split()]
    tokens = [token for token in tokens if token]
    if language != "ar":
        return tokens
    stripped = []
    for token in tokens:
        stripped.append(token)
        for prefix in _ARABIC_PREFIXES:
            if token.startswith(prefix) and len(token) - len(prefix) >= 3:
                stripped.append(token[len(prefix) :])
                break
    return stripped


def risk_words_found(normalised: str) -> list[tuple[str, str]]:
    """(language, word) for every listed risk word in a normalised, non-English description."""
    found: list[tuple[str, str]] = []
    folded = fold(normalised)
    for language, entries in RISK_WORDS.items():
        text = folded if language in LATIN else normalised
        tokens = _tokens(text, language)
        spaced = " " + " ".join(tokens) + " "
        for entry in entries:
            if " " in entry:
                if " " + entry in spaced:
                    found.append((language, entry))
            elif any(token.startswith(entry) for token in tokens):
                found.append((language, entry))
    return found
