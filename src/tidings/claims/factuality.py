"""Factuality of an event on the [-3, 3] scale (3: certainly happened, -3: certainly not).

The value starts from the event's status (:func:`tidings.claims.status.decide_status`)
and is refined by a small gradient-boosted tree ensemble over parse features (modals,
negation, cue verbs on the head path, tense and aspect, hedges, lexicon hits) and the
identity of the most frequent governing words and event words of the training data. The model
is plain JSON in ``tidings/data/claims/factuality_model.json``, trained by
``python -m tidings.claims.train``; without it, the status value alone is returned.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from tidings.claims.lexicon import CueLexicon, load_lexicon
from tidings.claims.status import TokenFacts, decide_status, read_facts
from tidings.errors import TidingsError
from tidings.records import STATUSES

logger = logging.getLogger(__name__)

MODEL_RESOURCE = "data/claims/factuality_model.json"

#: Value of each status on the factuality scale, used when no model is available.
STATUS_VALUES: dict[str, float] = {
    "confirmed": 3.0,
    "asserted": 2.8,
    "reported": 2.4,
    "alleged": 1.5,
    "denied": -2.0,
    "planned": 0.6,
    "speculative": 0.6,
    "hypothetical": 0.2,
    "negated": -2.4,
}

_MARKER_KINDS: tuple[str, ...] = (
    "negated",
    "planned",
    "speculative",
    "hypothetical",
    "alleged",
    "denied",
    "confirmed",
    "reported",
    "said",
    "factive",
)
_TAGS: tuple[str, ...] = ("VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "NN", "NNS", "JJ", "NNP")
_DEPS: tuple[str, ...] = (
    "ROOT",
    "ccomp",
    "xcomp",
    "advcl",
    "relcl",
    "conj",
    "pobj",
    "dobj",
    "nsubj",
    "nsubjpass",
    "pcomp",
    "acl",
    "amod",
    "compound",
    "attr",
    "parataxis",
)


#: Modal words read on the event's own auxiliaries.
_MODALS: tuple[str, ...] = ("will", "would", "could", "can", "may", "might", "should", "must")
#: What the event's immediate governor is, by the cue lexicon.
_GOVERNOR_CLASSES: tuple[str, ...] = (
    "statement",
    "report",
    "allegation",
    "denial",
    "confirmation",
    "belief",
    "plan",
    "negative",
    "uncertain",
    "factive",
)


def _governor_class(tok: Token, lex: CueLexicon) -> str | None:
    """The lexicon class of the word governing ``tok`` (cue class first, then verb lists)."""
    gov = tok.head
    if gov.i == tok.i:
        return None
    lemma = gov.lemma_.lower()
    cue = lex.cue_class(lemma)
    if cue is not None:
        return cue
    for name, words in (
        ("plan", lex.plan_verbs),
        ("negative", lex.negative_verbs),
        ("uncertain", lex.uncertain_verbs),
        ("factive", lex.factive_verbs),
    ):
        if lemma in words:
            return name
    return None


#: Prefixes of the word-identity features (the governing word, the event word).
GOV_LEMMA = "gov_lemma="
OWN_LEMMA = "lemma="


def feature_names() -> list[str]:
    """Names of the fixed features, in order (a model adds word-identity features after)."""
    names = [f"status={s}" for s in STATUSES]
    for kind in _MARKER_KINDS:
        names += [f"m0:{kind}", f"m1:{kind}", f"mdeep:{kind}"]
    names += [f"tag={t}" for t in _TAGS] + ["tag=other"]
    names += [f"dep={d}" for d in _DEPS] + ["dep=other"]
    names += [f"gdep={d}" for d in _DEPS] + ["gdep=other"]
    names += [
        "perfect",
        "progressive",
        "passive",
        "infinitive",
        "question",
        "in_quote",
        "depth",
        "n_markers",
        "first_level",
        "is_verb",
        "is_noun",
        "gov_past",
        "gov_present",
        "gov_is_verb",
        "has_subject",
        "has_object",
        "sent_len",
        "position",
    ]
    names += [f"modal={m}" for m in _MODALS]
    names += [f"gov={c}" for c in _GOVERNOR_CLASSES]
    return names


def token_features(
    facts: TokenFacts,
    lexicon: CueLexicon | None = None,
    names: tuple[str, ...] | list[str] | None = None,
) -> list[float]:
    """The feature vector of one event token.

    Args:
        facts: What the parse says about the token (:func:`read_facts`).
        lexicon: Cue lexicon; the packaged one when ``None``.
        names: The features wanted, in order: a model's ``features`` (the fixed
            :func:`feature_names` followed by its word-identity features). Defaults to
            :func:`feature_names`.
    """
    tok = facts.token
    status, _rule = decide_status(facts)
    vec: dict[str, float] = {f"status={status}": 1.0}
    for m in facts.markers:
        slot = "m0" if m.level == 0 else "m1" if m.level == 1 else "mdeep"
        vec[f"{slot}:{m.kind}"] = 1.0
    vec[f"tag={tok.tag_}" if tok.tag_ in _TAGS else "tag=other"] = 1.0
    vec[f"dep={tok.dep_}" if tok.dep_ in _DEPS else "dep=other"] = 1.0
    gov = tok.head
    gdep = gov.dep_ if gov.i != tok.i else "ROOT"
    vec[f"gdep={gdep}" if gdep in _DEPS else "gdep=other"] = 1.0
    vec["perfect"] = float(facts.perfect)
    vec["progressive"] = float(facts.progressive)
    vec["passive"] = float(facts.passive)
    vec["infinitive"] = float(facts.infinitive)
    vec["question"] = float(facts.question)
    vec["in_quote"] = float(facts.in_quote)
    vec["depth"] = float(len(facts.path_deps))
    vec["n_markers"] = float(len(facts.markers))
    vec["first_level"] = float(facts.markers[0].level) if facts.markers else -1.0
    vec["is_verb"] = float(tok.pos_ in {"VERB", "AUX"})
    vec["is_noun"] = float(tok.pos_ in {"NOUN", "PROPN"})
    vec["gov_past"] = float(gov.tag_ in {"VBD", "VBN"} and gov.i != tok.i)
    vec["gov_present"] = float(gov.tag_ in {"VBZ", "VBP"} and gov.i != tok.i)
    vec["gov_is_verb"] = float(gov.pos_ in {"VERB", "AUX"} and gov.i != tok.i)
    vec["has_subject"] = float(any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children))
    vec["has_object"] = float(any(c.dep_ in {"dobj", "pobj"} for c in tok.children))
    sent = tok.sent
    vec["sent_len"] = float(len(sent))
    vec["position"] = (tok.i - sent.start) / max(1, len(sent))
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in _MODALS:
            vec[f"modal={child.lower_}"] = 1.0
    gclass = _governor_class(tok, lexicon or load_lexicon())
    if gclass is not None:
        vec[f"gov={gclass}"] = 1.0
    gov_lemma = gov.lemma_.lower() if gov.i != tok.i else ""
    if gov_lemma:
        vec[f"{GOV_LEMMA}{gov_lemma}"] = 1.0
    vec[f"{OWN_LEMMA}{tok.lemma_.lower()}"] = 1.0
    return [vec.get(name, 0.0) for name in names or feature_names()]


def lemma_features(gov_lemmas: list[str], own_lemmas: list[str]) -> list[str]:
    """Names of the word-identity features of a model: ``gov_lemma=...``, ``lemma=...``.

    The training run picks the most frequent governing words and event words of the
    training data; the names are stored in the model file after :func:`feature_names`.
    """
    return [f"{GOV_LEMMA}{w}" for w in gov_lemmas] + [f"{OWN_LEMMA}{w}" for w in own_lemmas]


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """A gradient-boosted regression tree ensemble read from JSON.

    Attributes:
        features: Feature names the trees index into.
        init: Initial prediction.
        learning_rate: Shrinkage applied to every tree's output.
        trees: Per tree: ``feature``, ``threshold``, ``left``, ``right``, ``value`` arrays
            (scikit-learn's layout; a leaf has ``left == -1``).
    """

    features: tuple[str, ...]
    init: float
    learning_rate: float
    trees: tuple[dict[str, tuple[float, ...]], ...]

    def predict(self, x: list[float]) -> float:
        """The ensemble's prediction for one feature vector."""
        total = self.init
        for tree in self.trees:
            node = 0
            left, right = tree["left"], tree["right"]
            feature, threshold = tree["feature"], tree["threshold"]
            while left[node] != -1:
                node = int(left[node] if x[int(feature[node])] <= threshold[node] else right[node])
            total += self.learning_rate * tree["value"][node]
        return total

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeEnsemble:
        """Build from the JSON mapping written by :mod:`tidings.claims.train`.

        Raises:
            TidingsError: When the mapping lacks a field or its features differ from
                :func:`feature_names` (retrain with ``python -m tidings.claims.train``).
        """
        try:
            features = tuple(data["features"])
            trees = tuple(
                {k: tuple(t[k]) for k in ("feature", "threshold", "left", "right", "value")}
                for t in data["trees"]
            )
            model = cls(features, float(data["init"]), float(data["learning_rate"]), trees)
        except (KeyError, TypeError, ValueError) as exc:
            raise TidingsError(
                f"factuality model is malformed ({exc}); retrain it with "
                "`python -m tidings.claims.train --data PATH`"
            ) from exc
        base = feature_names()
        extra = features[len(base) :]
        if list(features[: len(base)]) != base or not all(
            f.startswith((GOV_LEMMA, OWN_LEMMA)) for f in extra
        ):
            raise TidingsError(
                "factuality model was trained on other features; retrain it with "
                "`python -m tidings.claims.train --data PATH`"
            )
        return model


@functools.lru_cache(maxsize=1)
def load_factuality_model() -> TreeEnsemble | None:
    """The packaged factuality model, or ``None`` when it is not shipped.

    Raises:
        TidingsError: When the file exists but cannot be used.
    """
    ref = resources.files("tidings").joinpath(MODEL_RESOURCE)
    if not ref.is_file():
        logger.info("no factuality model at %s; using status values only", MODEL_RESOURCE)
        return None
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TidingsError(f"cannot read {MODEL_RESOURCE}: {exc}; reinstall tidings") from exc
    return TreeEnsemble.from_json(data)


def predict_factuality(
    doc: Doc,
    token_index: int,
    *,
    lexicon: CueLexicon | None = None,
    model: TreeEnsemble | None = None,
    use_model: bool = True,
) -> float:
    """How certainly the event at ``doc[token_index]`` happened, on the [-3, 3] scale.

    Args:
        doc: A parsed doc (tagger and parser are needed).
        token_index: Index of the event token.
        lexicon: Cue lexicon; the packaged one when ``None``.
        model: Tree ensemble; the packaged one when ``None`` and ``use_model``.
        use_model: Use only the status value when false.

    Returns:
        The value, clipped to [-3, 3].

    Example:
        >>> import spacy  # doctest: +SKIP
        >>> doc = spacy.load("en_core_web_sm")("The army did not shell the town.")  # doctest: +SKIP
        >>> predict_factuality(doc, 4) < -1  # doctest: +SKIP
        True
    """
    lex = lexicon or load_lexicon()
    facts = read_facts(doc[token_index], lex)
    if use_model:
        model = model or load_factuality_model()
    if model is None or not use_model:
        status, _rule = decide_status(facts)
        return STATUS_VALUES[status]
    value = model.predict(token_features(facts, lex, model.features))
    return max(-3.0, min(3.0, value))
