"""Train the learned heads at index build time: the safeguarding classifier and the need ranker.

Both are logistic regressions over the query embedding (all-MiniLM-L6-v2, 384 numbers); the safeguarding
classifier also reads the text's hashed n-grams and, from session 5, is multinomial over fine classes (one per
risk category and look-alike kind, handbook.risk_classes). They are trained on
- the pages themselves: each need page's title, description, aliases and "What you might notice" signs;
- the real-world descriptions in data/: the need ranker on the train split (the tune split calibrates
  it); the safeguarding classifier on train and tune together, its threshold chosen on pooled
  out-of-fold predictions over both (every real positive counts, docs/evaluation.md).
The locked test split is never read here (handbook.datasets refuses it).

Every text is prepared exactly as a query is at serve time (handbook.query.prepare), so the vectors
the heads learn from are the vectors they are applied to. scikit-learn is imported only here, at build
time; the service applies the stored weights with numpy (handbook.linear). Training is deterministic:
the lbfgs solver has no randomness, examples are in a fixed order and folds are fixed by site.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from handbook.datasets import load_split
from handbook.index_records import Catalogue
from handbook.linear import LinearHead, TrainedHead
from handbook.ngrams import NGRAM_BUCKETS, ngram_matrix
from handbook.query import PreparedQuery, prepare
from handbook.risk_classes import RISK_PREFIX, UNRELATED, fine_class, is_lookalike, risk_share
from handbook.schema import SAFEGUARDING_SLUG
from handbook.vocabulary import Vocabulary

RISK_LABEL = "risk"
PAGE_GROUP = "handbook-pages"  # the group of examples taken from the handbook's own pages
# The embedding's weight beside the n-grams in the safeguarding classifier (both have unit length), chosen
# with evaluation/tune_safeguarding.py in session 3 (docs/evaluation.md).
EMBEDDING_SCALE = 0.5
# Session 5: the classifier is multinomial over the fine classes (handbook.risk_classes), weighted by
# CLASS_WEIGHTING, stopped at MULTINOMIAL_TOLERANCE, chosen out of fold (docs/evaluation.md).
CLASS_WEIGHTING = "sides"
MULTINOMIAL_REGULARISATION = 4.0
# Session 7: within the ordinary side, each look-alike class (handbook.risk_classes.is_lookalike) weighs
# LOOKALIKE_CLASS_WEIGHT times a need or page class; and the project's own unrelated sentences
# (data/unrelated/train.yaml, text not about a pupil) train an "ordinary:unrelated" class when
# UNRELATED_TEXT. Chosen out of fold with evaluation/tune_safeguarding.py (docs/evaluation.md, session 7).
LOOKALIKE_CLASS_WEIGHT = 1.0
UNRELATED_TEXT = True
UNRELATED_CLASS_WEIGHT = 0.5  # the "ordinary:unrelated" class's weight within the ordinary side, likewise
MULTINOMIAL_TOLERANCE = 1e-3
RANKER_REGULARISATION = 8.0
# The need ranker also reads the hashed word and letter n-grams (handbook.ngrams) beside the embedding,
# weighted by RANKER_EMBEDDING_SCALE against them; chosen by site-grouped CV over train + tune with
# seeded typos (evaluation/evaluate.py --split tune, docs/evaluation.md).
RANKER_NGRAMS = True
RANKER_EMBEDDING_SCALE = 1.0
# Recall first, decided before the test split was scored (docs/evaluation.md): the classifier's threshold
# is the highest at which the whole detector keeps SAFEGUARDING_RECALL of all risks and CATEGORY_RECALL
# of the risks in every category with at least CATEGORY_MIN_POSITIVES, out of fold over train + tune
# (site-grouped). The floor on unseen sites is 0.98 and 0.95; the rest is the margin.
SAFEGUARDING_RECALL = 0.99
CATEGORY_RECALL = 0.97
CATEGORY_MIN_POSITIVES = 5
# ... and the classifier alone must keep CLASSIFIER_RECALL of the risks out of fold. The patterns were
# written from these same descriptions, so out of fold they look better than they will on new sites;
# this floor keeps the threshold from leaning on them (session 3's test recall fell for that reason).
CLASSIFIER_RECALL = 0.95
NEEDS_CATEGORY = "needs"  # the category of a need description labelled safeguarding-concerns
FOLDS = 5

# Risk statements in everyday words, by the categories of Keeping children safe in education, written
# by the project. With the safeguarding page's signs they seed the classifier's risk side.
RISK_STATEMENTS = [
    "the pupil has been hurting themselves on purpose",
    "she has been cutting or scratching her arms",
    "he has taken an overdose of tablets",
    "the child says they want to die or end their life",
    "the child talks about not wanting to be alive any more",
    "she says everyone would be better off if she was not here",
    "he wrote a goodbye note to his friends",
    "she hides her arms and will not get changed in front of others",
    "the pupil has marks or injuries that nobody can explain",
    "he came in with a black eye and a story that does not add up",
    "the child flinches and is frightened when an adult comes close",
    "the child told me that an adult at home hurts them",
    "she says her dad hits her mum and she is scared at home",
    "the pupil is scared to go home at the end of the day",
    "the child is locked in their room or punished harshly at home",
    "the child is often hungry, dirty and not cared for at home",
    "the pupil takes food from bins or from other children",
    "nobody looks after him at home and he is left alone",
    "she is losing weight and has no food or warm clothes",
    "the child has to look after younger siblings or a parent on their own",
    "the family home has no heating, no beds and no food",
    "the pupil shows sexual behaviour or knowledge that is not normal for their age",
    "a young child talks about adult sexual acts",
    "someone touched the child in a private place",
    "she has been sent or asked for nude pictures",
    "the child is being exploited or groomed by older people",
    "older men pick her up in cars and give her presents",
    "he has money and new clothes he cannot explain and goes missing",
    "he is made to carry drugs or parcels for older boys",
    "the pupil keeps going missing from home or school",
    "she talks to a secret adult online who asks her to keep it quiet",
    "he is being drawn into an extremist group that hates other people",
    "she is going abroad for a special cutting ceremony",
    "the girl may be forced to marry",
    "a pupil has disclosed abuse to a member of staff",
    "the child said someone told them to keep a secret about what they do to them",
    "he says he will be hurt if he tells anyone",
    "the child may be at risk of harm at home",
]

Encoder = Callable[[list[str]], np.ndarray]


@dataclass
class Examples:
    texts: list[str]
    labels: list[str]  # a need slug, or "risk" / "ordinary"
    groups: list[str]  # the source site: folds never split a site
    sources: list[str] = field(default_factory=list)  # the dataset: "safeguarding", "needs" or "pages"
    categories: list[str] = field(default_factory=list)  # the safeguarding category ("needs", "pages")
    areas: list[str] = field(default_factory=list)  # a need description's or need page's area of need, or ""
    topics: list[str] = field(default_factory=list)  # a need description's first topic or a page sign's need, or ""

    def __len__(self) -> int:
        return len(self.texts)

    def add(
        self,
        text: str,
        label: str,
        group: str,
        source: str = "pages",
        category: str = "pages",
        area: str = "",
        topic: str = "",
    ) -> None:
        if text.strip():
            self.texts.append(text)
            self.labels.append(label)
            self.groups.append(group)
            self.sources.append(source)
            self.categories.append(category)
            self.areas.append(area)
            self.topics.append(topic)

    def extend(self, other: Examples) -> Examples:
        return Examples(
            self.texts + other.texts,
            self.labels + other.labels,
            self.groups + other.groups,
            self.sources + other.sources,
            self.categories + other.categories,
            self.areas + other.areas,
            self.topics + other.topics,
        )


def embed(texts: list[str], vocabulary: Vocabulary, encode: Encoder) -> np.ndarray:
    """Vectors of the texts prepared exactly as queries are."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return encode([prepare(text, vocabulary).expanded for text in texts])


def _site(item: dict[str, Any]) -> str:
    return str(item.get("site") or (item.get("source") or {}).get("url") or "unknown")


# --- safeguarding -------------------------------------------------------------------------------


def safeguarding_examples(
    catalogue: Catalogue, split: str, data_dir: Any = None, unrelated: bool = UNRELATED_TEXT
) -> Examples:
    """Risk and ordinary descriptions. train: the data's train split, the safeguarding page's signs and
    the risk statements (risk), every other need page's signs (ordinary) and, when unrelated, the project's
    own sentences that are not about a pupil (ordinary, in every fold like the pages). tune: the data's
    tune split."""
    kwargs = {"data_dir": data_dir} if data_dir is not None else {}
    examples = Examples([], [], [])
    for item in load_split("safeguarding", split, **kwargs):
        if item.get("language", "en") != "en":
            continue  # the classifier reads English; other languages have their own word lists
        label = RISK_LABEL if item.get("risk") else "ordinary"
        examples.add(str(item["text"]), label, _site(item), "safeguarding", str(item.get("category") or "other"))
    for item in load_split("needs", split, **kwargs):
        slugs = item.get("needs") or []
        label = RISK_LABEL if SAFEGUARDING_SLUG in slugs else "ordinary"
        area = catalogue.needs[slugs[0]].area if slugs and slugs[0] in catalogue.needs else ""
        topic = str(slugs[0]) if slugs else ""
        examples.add(str(item["text"]), label, _site(item), "needs", NEEDS_CATEGORY, area, topic)
    if split == "train":
        for slug, need in catalogue.needs.items():
            label = RISK_LABEL if slug == SAFEGUARDING_SLUG else "ordinary"
            for sign in need.signs:
                examples.add(sign, label, PAGE_GROUP, area=need.area, topic=slug)
        for statement in RISK_STATEMENTS:
            examples.add(statement, RISK_LABEL, PAGE_GROUP)
        if unrelated:
            for item in load_split(UNRELATED, "train", **kwargs):
                examples.add(str(item["text"]), "ordinary", PAGE_GROUP, UNRELATED, UNRELATED)
    return examples


@dataclass
class FittedLogistic:
    classes: np.ndarray
    coef: np.ndarray  # (classes, columns of x), float64; columns no training row uses are 0
    intercept: np.ndarray


def fit_logistic(
    x: Any, y: np.ndarray, c: float, tol: float = 1e-4, max_iter: int = 2000, sample_weight: np.ndarray | None = None
) -> FittedLogistic:
    """A multinomial (L2, lbfgs) logistic regression on one BLAS thread: on a shared machine many threads
    fighting over two cores make a one-second fit take half a minute. It fits in single precision and only
    on the columns some row uses (with L2 an unused column's optimal weight is exactly 0): together about
    40% faster, with the same decisions (benchmarks/training_fit.py, docs/benchmarks.md)."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    matrix = sparse.csr_matrix(x, dtype=np.float32)
    used = np.unique(matrix.indices)
    model = LogisticRegression(C=c, max_iter=max_iter, tol=tol)
    with threadpool_limits(limits=1):
        model.fit(matrix[:, used], y, sample_weight=sample_weight)
    coef = np.zeros((len(model.classes_), matrix.shape[1]), dtype=np.float64)
    coef[:, used] = model.coef_
    return FittedLogistic(model.classes_, coef, np.asarray(model.intercept_, dtype=np.float64))


def out_of_fold(
    vectors: Any,
    labels: np.ndarray,
    groups: list[str],
    fit: Callable[..., Any],
    always: str | None = None,
) -> np.ndarray:
    """Predicted probabilities for every training example from a model that never saw its site.
    always: a group that is in every fold's training part and is never predicted (its rows stay 0)."""
    from sklearn.model_selection import GroupKFold

    group_array = np.array(groups)
    kept = np.flatnonzero(group_array != always) if always is not None else np.arange(len(groups))
    fixed = np.flatnonzero(group_array == always) if always is not None else np.zeros(0, dtype=int)
    folds = min(FOLDS, len(set(group_array[kept].tolist())))
    classes = np.unique(labels)
    result = np.zeros((len(labels), len(classes)), dtype=np.float64)
    if folds < 2:
        return result
    for train_part, test_part in GroupKFold(n_splits=folds).split(kept, labels[kept], group_array[kept]):
        train_index = np.concatenate([kept[train_part], fixed])
        test_index = kept[test_part]
        model = fit(vectors[train_index], labels[train_index])
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            probabilities = model.predict_proba(vectors[test_index])
        for column, label in enumerate(model.classes_):
            result[test_index, int(np.searchsorted(classes, label))] = probabilities[:, column]
    return result


def recall_threshold(probabilities: np.ndarray, positive: np.ndarray, recall: float) -> float:
    """The highest threshold at which at least `recall` of the positives score at or above it."""
    scores = np.sort(probabilities[positive])
    if len(scores) == 0:
        return 0.5
    allowed_misses = int(np.floor((1.0 - recall) * len(scores)))
    return float(scores[allowed_misses])


def safeguarding_design(
    vectors: np.ndarray, normalised: list[str], ngrams: bool = True, scale: float = EMBEDDING_SCALE
) -> Any:
    """The classifier's inputs: the embedding (times scale), and (when ngrams) the text's hashed n-grams
    beside it, as one sparse matrix (rows: texts; columns: dimension [+ NGRAM_BUCKETS])."""
    from scipy import sparse

    dense = sparse.csr_matrix(np.asarray(vectors, dtype=np.float64) * scale)
    if not ngrams:
        return dense
    data, indices, indptr = ngram_matrix(normalised)
    grams = sparse.csr_matrix((data.astype(np.float64), indices, indptr), shape=(len(normalised), NGRAM_BUCKETS))
    return sparse.hstack([dense, grams], format="csr")


def safeguarding_classes(examples: Examples) -> np.ndarray:
    """Each example's fine class for the multinomial classifier (handbook.risk_classes): a risk's safeguarding
    category ("needs" or "pages" for those sources); a look-alike's kind; an ordinary need description's or
    need page sign's source and area of need ("needs:semh", "pages:cognition-learning"), since one class for
    all 43 need topics would be one boundary around very different descriptions."""
    classes = []
    for label, category, source, area in zip(
        examples.labels, examples.categories, examples.sources, examples.areas, strict=True
    ):
        risk = label == RISK_LABEL
        fine = f"{source}:{area or 'other'}" if not risk and source in ("needs", "pages") else category
        classes.append(fine_class(risk, fine))
    return np.array(classes)


def class_weights(
    classes: np.ndarray,
    scheme: str = CLASS_WEIGHTING,
    lookalike: float = LOOKALIKE_CLASS_WEIGHT,
    unrelated: float = UNRELATED_CLASS_WEIGHT,
) -> np.ndarray:
    """Each example's weight in the multinomial fit. "balanced": every class weighs the same in total;
    "sides": the risk side and the ordinary side weigh half each, and within a side every class the same,
    except that on the ordinary side a look-alike class weighs `lookalike` times a need or page class and
    the unrelated class `unrelated` times."""
    counts = Counter(classes.tolist())
    if scheme == "balanced":
        share = {name: len(classes) / (len(counts) * count) for name, count in counts.items()}
    elif scheme == "sides":
        unrelated_class = fine_class(False, UNRELATED)
        factor = {
            name: lookalike if is_lookalike(name) else unrelated if name == unrelated_class else 1.0 for name in counts
        }
        sides = {True: 0.0, False: 0.0}  # the sum of the class factors on each side
        for name in counts:
            sides[name.startswith(RISK_PREFIX)] += factor[name]
        share = {
            name: len(classes) * factor[name] / (2 * sides[name.startswith(RISK_PREFIX)] * count)
            for name, count in counts.items()
        }
    else:
        raise ValueError(f"unknown class weighting {scheme!r}: 'balanced' or 'sides'")
    return np.array([share[name] for name in classes.tolist()], dtype=np.float64)


class _Multinomial:
    """A multinomial logistic regression over the fine classes, fitted on one BLAS thread, weighted by
    class_weights (fit_logistic). It stops within tol 1e-3, which keeps the build's six fits to a few seconds
    each without changing a decision out of fold (docs/evaluation.md, session 5)."""

    def __init__(
        self,
        c: float,
        scheme: str = CLASS_WEIGHTING,
        lookalike: float = LOOKALIKE_CLASS_WEIGHT,
        unrelated: float = UNRELATED_CLASS_WEIGHT,
    ) -> None:
        self.c, self.scheme, self.lookalike, self.unrelated = c, scheme, lookalike, unrelated
        self.classes_ = np.zeros(0, dtype=str)
        self.coef_ = np.zeros((0, 0))
        self.intercept_ = np.zeros(0)

    def fit(self, x: Any, classes: np.ndarray) -> _Multinomial:
        weights = class_weights(classes, self.scheme, self.lookalike, self.unrelated)
        fitted = fit_logistic(x, classes, self.c, MULTINOMIAL_TOLERANCE, 1000, weights)
        self.classes_, self.coef_, self.intercept_ = fitted.classes, fitted.coef, fitted.intercept
        return self

    def predict_proba(self, x: Any) -> np.ndarray:
        scores = np.asarray(x @ self.coef_.T) + self.intercept_
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))


def multinomial_out_of_fold(
    x: Any,
    classes: np.ndarray,
    examples: Examples,
    c: float = MULTINOMIAL_REGULARISATION,
    scheme: str = CLASS_WEIGHTING,
    lookalike: float = LOOKALIKE_CLASS_WEIGHT,
    unrelated: float = UNRELATED_CLASS_WEIGHT,
) -> np.ndarray:
    """Each example's probability of risk (handbook.risk_classes.risk_share) from a multinomial classifier
    over the fine classes that never saw its site (5 site-grouped folds; the handbook's own pages are in every
    fold's training part and are not predicted, their rows stay 0)."""
    fit = _Multinomial(c, scheme, lookalike, unrelated).fit
    probabilities = out_of_fold(x, classes, examples.groups, fit, always=PAGE_GROUP)
    return risk_share(probabilities, np.unique(classes).tolist())


def read_raw_vectors(weights: np.ndarray, scale: float) -> np.ndarray:
    """A head's weights fitted on a design matrix whose embedding columns were multiplied by `scale`,
    rescaled in place so the head reads the raw embedding (the n-gram columns, if any, are left alone)."""
    width = weights.shape[1]
    weights[:, : width - (NGRAM_BUCKETS if width > NGRAM_BUCKETS else 0)] *= scale
    return weights


def fit_multinomial(
    x: Any,
    classes: np.ndarray,
    c: float = MULTINOMIAL_REGULARISATION,
    scale: float = EMBEDDING_SCALE,
    scheme: str = CLASS_WEIGHTING,
    lookalike: float = LOOKALIKE_CLASS_WEIGHT,
    unrelated: float = UNRELATED_CLASS_WEIGHT,
) -> LinearHead:
    """The multinomial classifier on safeguarding_design's matrix (built with the same scale) as a head with
    one row per fine class, over the raw vector and n-grams (the embedding's weights are scaled back)."""
    model = _Multinomial(c, scheme, lookalike, unrelated).fit(x, classes)
    weights = read_raw_vectors(np.asarray(model.coef_, dtype=np.float64).copy(), scale)
    labels = tuple(str(name) for name in model.classes_)
    return LinearHead(labels, weights.astype(np.float32), np.asarray(model.intercept_, dtype=np.float32))


def detector_threshold(
    probabilities: np.ndarray, positive: np.ndarray, flagged: np.ndarray, blocked: np.ndarray, recall: float
) -> float:
    """The highest classifier threshold at which the whole detector keeps `recall` of the positives.

    flagged: the rules flag the text whatever the classifier says (a pattern the guard cannot answer,
    or a mark pattern no look-alike explains); blocked: the look-alike guard answers the text, so the
    classifier cannot flag it either. The classifier decides every other text."""
    positives = int(positive.sum())
    if positives == 0:
        return 0.5
    lost = int((positive & blocked & ~flagged).sum())
    allowed_misses = int(np.floor((1.0 - recall) * positives + 1e-9)) - lost
    scores = np.sort(probabilities[positive & ~flagged & ~blocked])
    if len(scores) == 0:
        return 1.0
    return float(scores[max(allowed_misses, 0)]) if allowed_misses < len(scores) else 1.0


def recall_first_threshold(
    probabilities: np.ndarray,
    positive: np.ndarray,
    flagged: np.ndarray,
    blocked: np.ndarray,
    categories: np.ndarray,
    recall: float = SAFEGUARDING_RECALL,
    category_recall: float = CATEGORY_RECALL,
    min_positives: int = CATEGORY_MIN_POSITIVES,
    classifier_recall: float | None = CLASSIFIER_RECALL,
) -> float:
    """The highest classifier threshold at which the whole detector keeps `recall` of all positives and
    `category_recall` of the positives of every category that has at least `min_positives` of them,
    and the classifier alone keeps `classifier_recall` of all positives (None: no such floor)."""
    thresholds = [detector_threshold(probabilities, positive, flagged, blocked, recall)]
    if classifier_recall is not None:
        thresholds.append(recall_threshold(probabilities, positive, classifier_recall))
    for category in sorted(set(categories[positive].tolist())):
        mask = categories == category
        if int((positive & mask).sum()) >= min_positives:
            part = (probabilities[mask], positive[mask], flagged[mask], blocked[mask])
            thresholds.append(detector_threshold(*part, category_recall))
    return min(thresholds)


def pooled_safeguarding_examples(
    catalogue: Catalogue, data_dir: Any = None, unrelated: bool = UNRELATED_TEXT
) -> Examples:
    """The train split (with the pages' signs, the risk statements and, when unrelated, the unrelated
    sentences) and the tune split together."""
    train = safeguarding_examples(catalogue, "train", data_dir, unrelated)
    return train.extend(safeguarding_examples(catalogue, "tune", data_dir))


def normalised_texts(texts: list[str], vocabulary: Vocabulary) -> list[str]:
    """The texts as the detector reads them (handbook.query.prepare)."""
    return [prepare(text, vocabulary).normalised for text in texts]


def rule_signals(normalised: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(flagged, blocked) for each text from the patterns and the look-alike guard
    (search_service.safeguarding.rules): what the classifier cannot change."""
    from search_service.safeguarding import rules

    results = [rules(text) for text in normalised]
    return np.array([r.flagged for r in results], dtype=bool), np.array([r.blocked for r in results], dtype=bool)


def train_safeguarding(catalogue: Catalogue, vocabulary: Vocabulary, encode: Encoder) -> TrainedHead:
    examples = pooled_safeguarding_examples(catalogue)
    texts = normalised_texts(examples.texts, vocabulary)
    x = safeguarding_design(embed(examples.texts, vocabulary, encode), texts)
    y = np.array([label == RISK_LABEL for label in examples.labels])
    classes = safeguarding_classes(examples)
    head = fit_multinomial(x, classes)
    # Recall first: the threshold comes from out-of-fold predictions over every real-world site of the
    # train and tune splits pooled, so that every real positive counts (recall_first_threshold).
    real = np.array([group != PAGE_GROUP for group in examples.groups])
    threshold = 0.5
    if real.sum() and len(set(np.array(examples.groups)[real].tolist())) >= 2:
        oof = multinomial_out_of_fold(x, classes, examples)[real]
        flagged, blocked = rule_signals([text for text, keep in zip(texts, real, strict=True) if keep])
        categories = np.array(examples.categories)[real]
        threshold = recall_first_threshold(oof, y[real], flagged, blocked, categories)
    head = LinearHead(head.labels, head.weights, head.bias, 1.0, threshold)
    record = {
        "train_risk": float(y.sum()),
        "train_ordinary": float((~y).sum()),
        "real_examples": float(real.sum()),
        "threshold_recall_target": SAFEGUARDING_RECALL,
        "threshold_category_recall_target": CATEGORY_RECALL,
        "threshold_classifier_recall_target": CLASSIFIER_RECALL,
        "regularisation_c": MULTINOMIAL_REGULARISATION,
        "ngram_buckets": float(NGRAM_BUCKETS),
        "multinomial_classes": float(len(head.labels)),
        "lookalike_class_weight": LOOKALIKE_CLASS_WEIGHT,
        "unrelated_class_weight": UNRELATED_CLASS_WEIGHT,
        "unrelated_examples": float(sum(source == UNRELATED for source in examples.sources)),
    }
    return TrainedHead(head, record)


# --- need ranker --------------------------------------------------------------------------------


def need_examples(catalogue: Catalogue, split: str, data_dir: Any = None) -> Examples:
    """One example per (text, need). train: every need page's title, description, aliases and signs,
    and the needs train split; tune: the needs tune split."""
    kwargs = {"data_dir": data_dir} if data_dir is not None else {}
    examples = Examples([], [], [])
    known = set(catalogue.needs)
    if split == "train":
        for slug, need in catalogue.needs.items():
            for text in [need.title, need.description, *need.aliases, *need.signs]:
                examples.add(str(text), slug, PAGE_GROUP)
    for item in load_split("needs", split, **kwargs):
        for slug in item.get("needs") or []:
            if slug in known:
                examples.add(str(item["text"]), slug, _site(item), "needs")
    return examples


def fit_temperature(logits: np.ndarray, truth: np.ndarray) -> float:
    """The softmax temperature that minimises the negative log-likelihood of the true classes."""
    best, best_loss = 1.0, float("inf")
    for temperature in np.exp(np.linspace(np.log(0.2), np.log(5.0), 41)):
        scaled = logits / temperature
        scaled = scaled - scaled.max(axis=1, keepdims=True)
        log_probs = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        loss = -float(log_probs[np.arange(len(truth)), truth].mean())
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best


def ranker_design(vectors: np.ndarray, normalised: list[str] | None, scale: float = RANKER_EMBEDDING_SCALE) -> Any:
    """The need ranker's inputs: the embedding (times scale) and, when normalised texts are given, their
    hashed word and letter n-grams beside it, built as the classifier's (safeguarding_design). The letter
    pieces are shared by a word and its slips ("lisening", "listening"), which the embedding tells apart."""
    if normalised is None:
        return np.asarray(vectors, dtype=np.float64) * scale
    return safeguarding_design(vectors, normalised, scale=scale)


def fit_ranker(
    labels: tuple[str, ...],
    x: Any,
    targets: list[str],
    c: float = RANKER_REGULARISATION,
    scale: float = RANKER_EMBEDDING_SCALE,
) -> LinearHead:
    """A multinomial logistic regression over ranker_design's matrix (built with the same scale), one row
    per need in `labels` (uncalibrated), as a head over the raw vector (and n-grams when x has them)."""
    y = np.array([labels.index(label) for label in targets])
    model = fit_logistic(x, y, c)
    weights = np.zeros((len(labels), int(x.shape[1])), dtype=np.float32)
    bias = np.full(len(labels), -1e3, dtype=np.float32)  # a need with no example is never ranked by the head
    for row, cls in enumerate(model.classes):
        weights[int(cls)] = model.coef[row]
        bias[int(cls)] = model.intercept[row]
    return LinearHead(labels, read_raw_vectors(weights, scale), bias)


def ranker_queries(texts: list[str], vocabulary: Vocabulary, known_words: frozenset[str] | None) -> list[PreparedQuery]:
    """The texts prepared exactly as the service prepares a query (with its spelling correction)."""
    return [prepare(text, vocabulary, known_words) for text in texts]


def correction_words(catalogue: Catalogue) -> frozenset[str]:
    """The words the service's spelling correction knows (search_service.engine.SearchEngine.known_words)."""
    from search_service.engine import catalogue_words, safeguarding_words

    return catalogue_words(catalogue) | safeguarding_words()


def train_ranker(catalogue: Catalogue, vocabulary: Vocabulary, encode: Encoder) -> TrainedHead:
    """The need ranker, trained on the texts exactly as the service reads a query: normalised, spelling
    corrected with the service's words, vocabulary expanded, embedded (and their n-grams)."""
    known_words = correction_words(catalogue)
    train = need_examples(catalogue, "train")
    tune = need_examples(catalogue, "tune")
    labels = tuple(sorted(catalogue.needs))
    train_queries = ranker_queries(train.texts, vocabulary, known_words)
    grams = [q.normalised for q in train_queries] if RANKER_NGRAMS else None
    x = ranker_design(encode([q.expanded for q in train_queries]), grams)
    head = fit_ranker(labels, x, train.labels)
    # Calibration on the tune split, or (while it is empty) on out-of-fold logits over real-world sites.
    if len(tune):
        tune_queries = ranker_queries(tune.texts, vocabulary, known_words)
        logits = head.logits(encode([q.expanded for q in tune_queries]), [q.normalised for q in tune_queries])
        truth = np.array([labels.index(label) for label in tune.labels])
        source = "tune"
    else:
        logits, truth, source = np.zeros((0, len(labels))), np.zeros(0, dtype=int), "none"
    temperature = fit_temperature(logits, truth) if len(truth) else 1.0
    record = {
        "train_examples": float(len(train)),
        "train_page_examples": float(sum(group == PAGE_GROUP for group in train.groups)),
        "tune_examples": float(len(tune)),
        "calibrated_on_tune": float(source == "tune"),
        "regularisation_c": RANKER_REGULARISATION,
        "ngram_buckets": float(NGRAM_BUCKETS if RANKER_NGRAMS else 0),
        "embedding_scale": RANKER_EMBEDDING_SCALE,
    }
    return TrainedHead(LinearHead(labels, head.weights, head.bias, temperature), record)
