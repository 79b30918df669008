"""Normalise a description before any check, and guess which language it is written in.

Every check (safeguarding patterns, word lists, the ranker) runs on `normalise(text)`, so that
typographic quotes from phones and word processors, capitals, stretched letters and common
misspellings do not switch a check off.

`detect_language` needs no model and no extra package: it reads the script of the letters
(Arabic, Bengali, Gurmukhi...) and, for Latin script, counts common function words of English and
of the Latin-script community languages most common in English schools (Polish, Romanian,
Portuguese, Somali). Short, typo-heavy English ("he dosent lisen in clas") counts as English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

# --- normalising ------------------------------------------------------------------------------

_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark (the apostrophe phones and Word type)
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u00b4": "'",  # acute accent typed as an apostrophe
        "`": "'",
        "\u02bc": "'",  # modifier letter apostrophe
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",
        "\u2212": "-",  # minus sign
        "\u00ad": "",  # soft hyphen
        "\u200b": "",  # zero-width space
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
    }
)

# Three or more of the same letter become two ("sooooo" -> "soo", "hurtsss" -> "hurtss").
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

# Common misspellings and text-speak in descriptions typed in a hurry, mapped to the usual word.
# Only words that are never correct English on their own (or almost never, in a description of a pupil).
MISSPELLINGS: dict[str, str] = {
    "touchs": "touches",
    "tuches": "touches",
    "tuched": "touched",
    "tuch": "touch",
    "toched": "touched",
    "wen": "when",
    "wenever": "whenever",
    "becuase": "because",
    "becasue": "because",
    "beacuse": "because",
    "becuz": "because",
    "becos": "because",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "dosent": "doesn't",
    "dosen't": "doesn't",
    "doesnt": "doesn't",
    "dosnt": "doesn't",
    "dont": "don't",
    "didnt": "didn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "arent": "aren't",
    "cannt": "can't",
    "cant": "can't",
    "wont": "won't",
    "carnt": "can't",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "im": "i'm",
    "ive": "i've",
    "thier": "their",
    "freind": "friend",
    "freinds": "friends",
    "frend": "friend",
    "frends": "friends",
    "alot": "a lot",
    "untill": "until",
    "wierd": "weird",
    "beleive": "believe",
    "agressive": "aggressive",
    "agression": "aggression",
    "behavior": "behaviour",
    "behaviors": "behaviours",
    "behavour": "behaviour",
    "behaviuor": "behaviour",
    "behaivour": "behaviour",
    "hurted": "hurt",
    "hitted": "hit",
    "bruse": "bruise",
    "bruses": "bruises",
    "brused": "bruised",
    "brusing": "bruising",
    "bruize": "bruise",
    "bruizes": "bruises",
    "brueses": "bruises",
    "skool": "school",
    "scool": "school",
    "shcool": "school",
    "teh": "the",
    "wiv": "with",
    "wit": "with",
    "sed": "said",
    "sez": "says",
    "sais": "says",
    "hurtin": "hurting",
    "hitin": "hitting",
    "hiting": "hitting",
    "nite": "night",
    "gonna": "going to",
    "gona": "going to",
    "wanna": "want to",
    "wana": "want to",
    "u": "you",
    "ur": "your",
    "lisen": "listen",
    "lissen": "listen",
    "listern": "listen",
    "clas": "class",
    "techer": "teacher",
    "teecher": "teacher",
    "sissors": "scissors",
    "ritin": "writing",
    "writting": "writing",
    "speling": "spelling",
    "reeding": "reading",
    "redding": "reading",
    "concentrait": "concentrate",
    "consentrate": "concentrate",
    "anxios": "anxious",
    "anxous": "anxious",
    "angery": "angry",
    "upsett": "upset",
    "hungery": "hungry",
    "tierd": "tired",
    "tird": "tired",
    "dirtey": "dirty",
    "smels": "smells",
    "smellz": "smells",
    "sucide": "suicide",
    "suicde": "suicide",
    "sucidal": "suicidal",
    "suicidel": "suicidal",
    "harmin": "harming",
    "cutts": "cuts",
    "selfharm": "self-harm",
    "selfharming": "self-harming",
    "safegaurding": "safeguarding",
    "safgaurding": "safeguarding",
    "abuce": "abuse",
    "neglet": "neglect",
    "negelct": "neglect",
    "privat": "private",
    "pryvate": "private",
    "secrit": "secret",
    "sekret": "secret",
    "scaird": "scared",
    "scard": "scared",
    "skared": "scared",
    "frightend": "frightened",
    "bleads": "bleeds",
    "bleding": "bleeding",
    "razer": "razor",
    "raizor": "razor",
    "blaid": "blade",
    "goodby": "goodbye",
    "braclets": "bracelets",
    "wristbans": "wristbands",
    "punnished": "punished",
    "punised": "punished",
    "desearved": "deserved",
    "somthing": "something",
    "terified": "terrified",
    "terrifed": "terrified",
    "privatly": "privately",
    "agian": "again",
    "mums": "mum's",
    "dads": "dad's",
}


def _fix_word(match: re.Match[str]) -> str:
    word = match.group(0)
    return MISSPELLINGS.get(word, word)


def normalise(text: str) -> str:
    """The text every check reads: NFKC, plain quotes and dashes, lower case, letters repeated at most
    twice, common misspellings corrected and whitespace collapsed. Line breaks become spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = text.lower()
    text = _REPEATS.sub(r"\1\1", text)
    text = _WORD.sub(_fix_word, text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The words of a text (already normalised or not), lower case, apostrophes kept inside words."""
    return [w.lower() for w in _WORD.findall(text)]


# --- language ---------------------------------------------------------------------------------

ENGLISH = "en"
UNKNOWN = "und"  # no readable words at all: emoji, punctuation, keyboard mashing

# Names in plain words, for the notice.
LANGUAGE_NAMES = {
    "en": "English",
    "pl": "Polish",
    "ro": "Romanian",
    "pt": "Portuguese",
    "so": "Somali",
    "ar": "Arabic",
    "ur": "Urdu",
    "bn": "Bengali",
    "pa": "Punjabi",
    "hi": "Hindi",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
    "it": "Italian",
    "lt": "Lithuanian",
    "tr": "Turkish",
    "cyrl": "a language in Cyrillic script",
    "other": "another language",
    "und": "no language we can read",
}

# Unicode blocks of the scripts staff are most likely to paste (ranges are inclusive).
_SCRIPTS: list[tuple[str, int, int]] = [
    ("arabic", 0x0600, 0x06FF),
    ("arabic", 0x0750, 0x077F),
    ("arabic", 0x08A0, 0x08FF),
    ("arabic", 0xFB50, 0xFDFF),
    ("arabic", 0xFE70, 0xFEFF),
    ("bn", 0x0980, 0x09FF),  # Bengali
    ("pa", 0x0A00, 0x0A7F),  # Gurmukhi: Punjabi
    ("hi", 0x0900, 0x097F),  # Devanagari
    ("cyrl", 0x0400, 0x04FF),
]
# Letters Urdu (and Punjabi in Shahmukhi) uses but standard Arabic does not.
_URDU_LETTERS = set("ٹڈڑںےۓھگکپچ")

# Diacritics that mark a Latin-script language on their own.
_POLISH_LETTERS = set("ąęłżźśćń")
_ROMANIAN_LETTERS = set("ășțşţ")
_PORTUGUESE_LETTERS = set("ãõ")


def _word_set(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Function words and very common words. A word here must not also be a common English word.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "pl": _word_set(
        "nie jest się że mnie mój moja moje mi mu jej jego ich ona ono oni jak ale czy tak już tylko bardzo "
        "tata mama ojciec matka brat siostra dom domu szkoły szkole dziecko syn córka bije bił biła boję boi "
        "powiedział powiedziała mówi chce chcę nikomu dotyka dotykał wujek kiedy gdy który która przez "
        "jestem był była mam są też tego przy dla"
    ),
    "ro": _word_set(
        "nu este sunt și că mă îmi ea ele lui tata tatăl mamei fratele sora acasă casa "
        "școală scoala copilul copil bate bătut lovește loveste frică frica mi-e spune spus vrea vreau "
        "nimănui atinge atins unchiul când cand pentru foarte dar sau mai într"
    ),
    "pt": _word_set(
        "não nao são está estou ele ela eles elas meu minha meus pai mãe mae irmão irmã escola "
        "criança filho filha bate bateu medo diz disse quer quero ninguém ninguem toca tocou tio quando "
        "que muito mais uma pelo pela também sem com sempre menina menino roupa comer comido casa aula"
    ),
    "so": _word_set(
        "waa wuu wuxuu waxay waxaa iyo aan ayaa ku uu aabbe aabbahay hooyo hooyaday walaal guriga "
        "dugsiga ilmaha wiilka gabadha garaacay garaaca garaacaa baqaa baqdin sheegay "
        "rabaa taabtay adeer markii laakiin sidoo kale aad"
    ),
    # Only words that are not also English words: "die", "no", "on", "will", "per" and "dice" are left out.
    "fr": _word_set(
        "ne pas est il elle les des une dans avec pour qui sur mon ma mes je tu nous vous ils elles mais "
        "très tres classe école ecole enfant parle veut peur maison frappe père pere mère mere oncle "
        "jamais rien personne mal fait dit"
    ),
    "es": _word_set(
        "el los las es está esta que del una con por para muy pero mi su ella él niño nino niña nina "
        "escuela casa miedo padre madre habla quiere tío tio nadie pega duele clase escucha"
    ),
    "de": _word_set(
        "nicht ist ich sie er es das der und mit von zu auf ein eine mein meine sein schule kind vater "
        "mutter angst hause spricht onkel niemand schlägt schlaegt tut weh sagt"
    ),
    "it": _word_set(
        "non è sono che il lo gli della con classe molto ma mio mia suo scuola bambino bambina casa paura "
        "padre madre parla vuole zio nessuno picchia"
    ),
    "lt": _word_set(
        "ne yra aš jis ji mano mokykla vaikas tėvas tevas namie namo bijo kalba nori dėdė niekam muša musa skauda sako"
    ),
    "tr": _word_set(
        "ve bir bu çok cok ama benim okul okulda çocuk cocuk baba anne ev evde korkuyor konuşmuyor "
        "istemiyor değil degil amcam kimseye vuruyor acıyor söyledi"
    ),
}

# The most common English words, plus everyday school words: enough to recognise short English.
_ENGLISH_WORDS = _word_set(
    """
    a about above after again against all almost also always am an and any anyone anything are around as
    at away back bad be because been before behind being best better between big both but by call called
    came can can't cannot come comes coming could couldn't day days did didn't do does doesn't doing done
    don't down during each even ever every everyone everything few find first for from get gets getting
    give gives go goes going gone good got had has hasn't have haven't having he he's her here hers herself
    him himself his home how however i i'm i've if in into is isn't it it's its just keep keeps kind know
    knows last later least less let like likes little long look looks lot lots made make makes many may me
    might more most much must my myself need needs never new next no not nothing now of off often old on
    once one only or other others our out over own part put quite rather really right said same say says
    see seems seen she she's should shouldn't since so some someone something sometimes soon still such
    sure take takes talk talks tell tells than that that's the their them themselves then there these they
    they're thing things think this those though through time times to today told too took try tries
    trying two under until up upon us use used very want wants was wasn't way we well went were weren't
    what when whenever where which while who whole why will with without won't word words work would
    wouldn't year years yes yet you your yours
    pupil pupils child children kid kids boy boys girl girls son daughter student students class classes
    classroom lesson lessons school teacher teachers ta senco staff mum mom dad parent parents carer
    brother sister friend friends family baby toddler reception nursery year
    listen listens listening hear hears hearing read reads reading write writes writing spell spelling
    maths math number numbers speak speaks speaking speech talk talking word understand understands
    struggle struggles struggling finds hard difficult difficulty trouble problem problems help support
    behaviour behaviours angry upset cry cries crying scream screams screaming shout shouts hit hits
    kick kicks bite bites run runs away hide hides sit sits still quiet loud noise noisy sad happy worried
    anxious scared afraid tired hungry sleep sleeps eat eats food lunch play plays playground game games
    focus attention concentrate concentrating forget forgets remember instructions task tasks work
    change changes routine new meltdown meltdowns tantrum tantrums calm sensory touch touches touched hurt
    hurts pain arm arms leg legs hand hands face eye eyes ear ears head body walk walks clothes uniform
    coat hot cold late absent attendance alone lonely friendship bullied bullying online phone always
    often never sometimes keeps won't doesn't can't again class carpet group peers adult adults
    poor good working memory short sight vision deaf blind autism autistic asd adhd add dyslexia dyslexic
    dyspraxia dyspraxic dyscalculia send sen ehcp ehc plan review annual needs assessment phonics mutism
    selective anxiety depression self harm harm safe safeguarding concern concerns worry worries
    stammer stutter tics tourette's epilepsy diabetes wheelchair medical condition diagnosis diagnosed
    """
)
_MIN_ENGLISH_SHARE = 0.25  # of the words; typo-heavy English stays well above this
_MIN_ENGLISH_SHARE_BESIDE_FOREIGN = 0.5  # the same, when some word is another language's function word
_MIN_SCRIPT_SHARE = 0.3  # of the letters, for a non-Latin script to decide the language


def _script_counts(text: str) -> tuple[dict[str, int], int]:
    """Letters per non-Latin script, and all letters."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        code = ord(ch)
        for script, low, high in _SCRIPTS:
            if low <= code <= high:
                counts[script] = counts.get(script, 0) + 1
                break
        else:
            if not (code < 0x0250 or 0x1E00 <= code <= 0x1EFF):  # not Latin
                counts["other"] = counts.get("other", 0) + 1
    return counts, letters


def _near_english(word: str) -> bool:
    """True when the word, or the word with one letter dropped, is a common English word: it catches
    the dropped and doubled letters of quick typing ("lisen", "teecher")."""
    if word in _ENGLISH_WORDS:
        return True
    if len(word) < 4:
        return False
    for i in range(len(word)):
        if word[:i] + word[i + 1 :] in _ENGLISH_WORDS:
            return True
    return any(word[:i] + ch + word[i:] in _ENGLISH_WORDS for i in range(len(word) + 1) for ch in "aeioulnrst")


def detect_language(text: str, known_words: frozenset[str] = frozenset(), normalised: bool = False) -> str:
    """A language code for the text: "en", "pl", "ro", "pt", "so", "ar", "ur", "bn", "pa", "hi", "cyrl",
    "other", or "und" when it has no readable words (emoji, punctuation, random letters).

    known_words: extra English words to count, for example every word of the handbook's own pages,
    so that a bare term such as "dyscalculia" or "EHCP" counts as English. normalised: the text has
    already been through normalise() (it is idempotent, so this only saves time)."""
    text = text if normalised else normalise(text)
    counts, letters = _script_counts(text)
    if letters == 0:
        return UNKNOWN
    if counts:
        script, number = max(counts.items(), key=lambda item: item[1])
        if number / letters >= _MIN_SCRIPT_SHARE:
            if script == "arabic":
                return "ur" if any(ch in _URDU_LETTERS for ch in text) else "ar"
            return script
    tokens = words(text)
    if not tokens:
        return UNKNOWN
    chars = set(text)
    foreign = {lang: sum(t in vocab for t in tokens) for lang, vocab in _FUNCTION_WORDS.items()}
    foreign["pl"] += 2 * bool(chars & _POLISH_LETTERS)
    foreign["ro"] += 2 * bool(chars & _ROMANIAN_LETTERS)
    foreign["pt"] += 2 * bool(chars & _PORTUGUESE_LETTERS)
    english = sum(t in known_words or _near_english(t) for t in tokens)
    best, best_count = max(foreign.items(), key=lambda item: item[1])
    if best_count >= 2 and best_count > english:
        return best
    share = english / len(tokens)
    # With a word of another language in it, a few English-looking words ("a", "and" for "anda") are not enough.
    if share >= (_MIN_ENGLISH_SHARE if best_count == 0 else _MIN_ENGLISH_SHARE_BESIDE_FOREIGN):
        return ENGLISH
    if best_count >= 1:
        return best
    return UNKNOWN


def looks_like_english(text: str, known_words: frozenset[str] = frozenset()) -> bool:
    return detect_language(text, known_words) == ENGLISH


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_CORRECT_LENGTH = 5  # shorter words have too many neighbours to correct safely ...
MIN_SWAP_LENGTH = 4  # ... except for two swapped letters


def _edits(word: str) -> list[str]:
    """Every word one quick-typing slip away: a letter dropped, doubled, swapped with the next or changed."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return deletes + swaps + replaces + inserts


_VOWELS = frozenset("aeiou")
MIN_BASE_LENGTH = 4


def _doubled_base(stem: str) -> str | None:
    """ "stimm" -> "stim", "stopp" -> "stop": the base of a doubled final consonant, when English would
    double it (one vowel before one consonant, as in "stop"/"stopping"; never for "read"/"readding")."""
    if len(stem) < 4 or stem[-1] != stem[-2] or stem[-1] in _VOWELS or stem[-1] in "wxy":
        return None
    base = stem[:-1]
    if base[-2] in _VOWELS and (len(base) < 3 or base[-3] not in _VOWELS):
        return base
    return None


def base_forms(word: str) -> list[str]:
    """The words this one may be an inflection of: "worries" -> "worry", "poked" -> "poke",
    "stimming" -> "stim", "teary" -> "tear", "scaly" -> "scale". Candidates only: a caller checks them."""
    forms: list[str] = []
    for suffix in ("ies", "ied", "ier", "iest", "ily"):
        if word.endswith(suffix):
            forms.append(word[: -len(suffix)] + "y")
    for suffix in ("s", "es", "ed", "ing", "er", "ers", "est", "ly", "y"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            forms += [stem, stem + "e"]
            doubled = _doubled_base(stem)
            if doubled:
                forms.append(doubled)
    # A base of three letters or fewer ("goo", "doe", "ned") would let slips such as "gooing" or "doees" pass.
    return [form for form in forms if len(form) >= MIN_BASE_LENGTH]


def is_ordinary(word: str, ordinary: frozenset[str]) -> bool:
    """Whether a word is an ordinary English word: in the list, or an inflection of a word in it."""
    return word in ordinary or any(base in ordinary for base in base_forms(word))


@lru_cache(maxsize=8)
def _word_sets(known_words: frozenset[str], ordinary: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(the words a slip may be corrected into, the words never corrected), built once per word lists:
    a frozenset keeps its hash, so the lookup costs nothing after the first call."""
    known = known_words | _ENGLISH_WORDS
    return known, ordinary | known


def _swaps(word: str) -> list[str]:
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


def correct_spelling(
    normalised: str,
    known_words: frozenset[str],
    ordinary: frozenset[str] | None = None,
    ranks: Mapping[str, int] | None = None,
) -> str:
    """Replace each unknown word of five letters or more by the known word one slip away, when there is
    exactly one (deterministic; nothing is guessed when two known words are equally near). When no known
    word is one slip away, use the most common ordinary English word one slip away (ranks, default:
    handbook.wordlist.ordinary_word_ranks()), as in "barrely" -> "barely". A four-letter word is only
    corrected for two swapped letters, the slip a short word can have without a dozen neighbours
    ("wrok" -> "work").

    A word is never corrected when it is known (the handbook's words), a common English word, or an
    ordinary English word (ordinary, default: handbook.wordlist.ordinary_words(), or an inflection of
    one of these): "lovely" is not a slip for "lonely", nor "dying" for "doing". Only plain ASCII words
    are corrected. The misspelling table of normalise() ("wen", "cant", "touchs") runs before this."""
    from handbook.wordlist import ordinary_word_ranks, ordinary_words

    if ordinary is None:
        ordinary = ordinary_words()
    if ranks is None:
        ranks = ordinary_word_ranks()
    known, protected = _word_sets(known_words, ordinary)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < MIN_SWAP_LENGTH or word in known or not (word.isascii() and word.isalpha()):
            return word
        if is_ordinary(word, protected):
            return word
        edits = _edits(word) if len(word) >= MIN_CORRECT_LENGTH else _swaps(word)
        candidates = sorted({edit for edit in edits if edit in known})
        if candidates:
            return candidates[0] if len(candidates) == 1 else word
        common = [edit for edit in edits if edit in ranks]
        return min(common, key=lambda edit: (ranks[edit], edit)) if common else word

    return _WORD.sub(fix, normalised)


# --- is it about a pupil? -----------------------------------------------------------------------

# The people and places of a pupil's day. A description of a pupil nearly always names one of them
# ("he", "my son", "in class", "year 4"); text that names none must earn its match some other way
# (search_service.confidence.UNRELATED_DENSE). Short staff notes such as "cant sit still" name none.
_PUPIL_WORDS = _word_set(
    """
    he him his himself she her hers herself they them their theirs themselves he'd he'll she'd she'll
    they'd they'll they're they've child children childs kid kids kiddo pupil pupils student students
    learner learners son sons daughter daughters boy boys girl girls lad lass baby babies toddler toddlers
    infant teen teens teenager teenagers youngster youngsters sibling siblings brother sister twin twins
    class classes classroom classmate classmates school schools nursery preschool playground playtime
    lunchtime breaktime assembly lesson lessons homework teacher teachers ta tas lsa senco sendco tutor
    reception eyfs ks1 ks2 ks3 ks4 ks5 sen send ehcp iep peers friends friend year yr
    mum mums mummy mom dad dads daddy mother father parent parents family carer carers foster fostered
    adopted stepdad stepmum step-dad step-mum grandparents nan gran grandma grandad mine pe
    """
)
_YEAR_GROUP = re.compile(r"^(?:y|yr|p)\d{1,2}$")


def names_a_pupil(text: str) -> bool:
    """Whether the text names a pupil or a part of school life: a pronoun, a child, a year group, a
    lesson. Read on normalised text; a possessive ("child's", "son's") counts as its word."""
    for word in words(text):
        bare = word[:-2] if word.endswith("'s") else word
        if bare in _PUPIL_WORDS or _YEAR_GROUP.match(bare):
            return True
    return False
