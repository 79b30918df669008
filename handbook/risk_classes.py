"""The safeguarding classifier's fine classes, shared by the build (handbook.training) and the service
(search_service.safeguarding).

The classifier is a multinomial logistic regression with one class per safeguarding risk category
("risk:neglect", "risk:online-harm", ...) and one per kind of ordinary look-alike ("ordinary:medical",
"ordinary:age-appropriate", ...). Its probability of risk is the sum over the "risk:" classes. Separate
classes let it draw a different boundary around each kind of risk and each kind of look-alike, which one
binary boundary for all fourteen categories at once cannot (docs/evaluation.md, session 5).
A one-row head (the binary classifier of earlier builds) is read as it was: its one probability.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

RISK_PREFIX = "risk:"
ORDINARY_PREFIX = "ordinary:"
# The project's own sentences that are not about a pupil: their class kind ("ordinary:unrelated") and their
# dataset (data/unrelated/), source and category in handbook.training.
UNRELATED = "unrelated"


def fine_class(risk: bool, category: str) -> str:
    """The class of a labelled description: its risk category or its look-alike kind, with the side's prefix."""
    return f"{RISK_PREFIX if risk else ORDINARY_PREFIX}{category}"


def is_lookalike(name: str) -> bool:
    """Whether a class is a kind of safeguarding look-alike ("ordinary:medical"): not a risk, not a need
    description's or page sign's area ("ordinary:needs:semh"), not the unrelated text ("ordinary:unrelated")."""
    if not name.startswith(ORDINARY_PREFIX):
        return False
    kind = name[len(ORDINARY_PREFIX) :]
    return ":" not in kind and kind != UNRELATED


def risk_share(probabilities: np.ndarray, labels: Sequence[str]) -> np.ndarray:
    """The probability of risk for each row of a head's probabilities: the one column of a binary head
    ((n,) values), or the sum of the "risk:" columns of a multinomial head ((n, classes) values)."""
    values = np.asarray(probabilities)
    if values.ndim == 1:
        return values
    columns = [i for i, label in enumerate(labels) if str(label).startswith(RISK_PREFIX)]
    if not columns:
        raise ValueError("a multinomial safeguarding head needs at least one 'risk:' class")
    return np.asarray(values[:, columns].sum(axis=1))
