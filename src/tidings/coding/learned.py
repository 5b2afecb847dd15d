"""A learned layer over the rules' choice of source and target actors.

The rules of :mod:`tidings.coding.sides` pick the source and target of each trigger from the
dependency tree. Where they keep failing on unseen news (a venue taken for a target, the
speaker of a report taken for the source of the reported act), a small logistic regression
re-scores every candidate actor of the sentence against the trigger, from features the
pipeline already has: the candidate's dependency relation and path to the trigger, the
preposition that governs it, its side and distance, passive voice, the trigger's part of speech
and PLOVER type, the actor's kind, and whether the rules chose it.

The model is two one-vs-rest logistic regressions (``P(source)`` and ``P(target)``), fitted by
:mod:`tidings.coding.train_sides` with scikit-learn and shipped as a JSON file of coefficients
(``data/plover/sides_model.json``), so prediction needs neither scikit-learn nor numpy: a dot
product and a sigmoid. scikit-learn was chosen because it is already a locked dependency of the
project (the factuality model uses it), its ``LogisticRegression`` is deterministic with the
``liblinear`` solver, and it gives cross-validated regularisation and class weights out of the
box; a linear model keeps the shipped file small and each weight readable.

Decision (:func:`revise_sides`): a side becomes the candidates whose probability reaches the
model's threshold; when none does, the rules' choice stands, minus the actors the model gives
less than the drop threshold. The layer runs only when ``Config.learned_sides`` is on.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from tidings.context import SentenceContext
from tidings.records import Actor, Event

logger = logging.getLogger(__name__)

DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "data" / "plover" / "sides_model.json"

#: Dependency relations kept as features; others read ``other``.
DEPS = frozenset(
    {
        "nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "amod", "appos", "conj",
        "attr", "dative", "npadvmod", "agent", "ROOT", "ccomp", "xcomp", "advcl", "relcl",
        "acl", "nmod", "prep",
    }
)  # fmt: skip

#: Prepositions kept as features; others read ``other``.
PREPS = frozenset(
    {
        "by", "with", "for", "in", "at", "during", "to", "against", "on", "from", "between",
        "of", "into", "over", "toward", "towards", "after", "about", "among", "across",
    }
)  # fmt: skip

#: Prepositions that head venues and purposes rather than participants.
VENUE_PREPS = frozenset({"for", "in", "at", "during"})

#: Verbs of saying: the subject of "X said (that) Y attacked Z" is a claimant.
SAY_LEMMAS = frozenset({"say", "tell", "announce", "state", "report", "claim", "add", "warn"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An actor of the sentence, considered as source or target of one trigger.

    Attributes:
        actor: The actor mention (article offsets).
        root: The syntactic head of its mention in the sentence parse.
    """

    actor: Actor
    root: Token


def actor_kind(actor: Actor) -> str:
    """The kind of an actor: ``igo``, ``person``, ``country``, ``org`` (group) or ``other``.

    Example:
        >>> actor_kind(Actor("NATO", country="IGO", sector="igo", kb_id="igo:nato"))
        'igo'
        >>> actor_kind(Actor("Ms. Lee", country="KOR", kb_id="person:lee"))
        'person'
        >>> actor_kind(Actor("Chile", country="CHL", kb_id="country:CHL"))
        'country'
    """
    kb = actor.kb_id or ""
    if actor.sector == "igo" or actor.country == "IGO" or kb.startswith("igo:"):
        return "igo"
    if kb.startswith("person:") or actor.rule.endswith("person"):
        return "person"
    if kb.startswith(("country:", "capital:")) and not actor.role:
        return "country"
    if actor.role or actor.sector:
        return "org"
    return "other"


def _span(ctx: SentenceContext, start: int, end: int) -> Span | None:
    return ctx.doc.char_span(start - ctx.offset, end - ctx.offset, alignment_mode="expand")


def trigger_head(ctx: SentenceContext, event: Event) -> Token | None:
    """The head token of an event's trigger in ``ctx.doc`` (``None`` when it has no trigger)."""
    trig = event.evidence.trigger
    if trig is None:
        return None
    span = _span(ctx, trig.start, trig.end)
    return span.root if span is not None and len(span) else None


def _path(a: Token, b: Token) -> tuple[int, int]:
    """Steps up from ``a`` and down to ``b`` through their lowest common ancestor."""
    up = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up)}
    down = 0
    for t in [b, *b.ancestors]:
        if t.i in index:
            return index[t.i], down
        down += 1
    return len(up), down


def _governing_prep(root: Token, stop: Token) -> Token | None:
    """The preposition whose object the mention is (through conjuncts), below ``stop``."""
    tok = root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent") and tok.head.i != stop.i:
        return tok.head
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def features(
    trigger: Token,
    cand: Candidate,
    *,
    event_type: str,
    rule_source: bool,
    rule_target: bool,
    source_roots: frozenset[int] = frozenset(),
    target_roots: frozenset[int] = frozenset(),
) -> dict[str, float]:
    """Features of one candidate actor for one trigger (sparse: absent names are 0).

    Args:
        trigger: The trigger's head token.
        cand: The candidate actor and the head of its mention.
        event_type: The PLOVER type the rules gave the trigger.
        rule_source: Whether the rules chose this actor as source.
        rule_target: Whether the rules chose this actor as target.
        source_roots: Token indices of the heads of the rules' source mentions.
        target_roots: Token indices of the heads of the rules' target mentions.

    Example:
        >>> import spacy  # doctest: +SKIP
        >>> doc = spacy.load("en_core_web_sm")("Chile sanctioned Peru.")  # doctest: +SKIP
        >>> f = features(doc[1], Candidate(Actor("Peru"), doc[2]), event_type="SANCTION",
        ...              rule_source=False, rule_target=True)  # doctest: +SKIP
        >>> f["dep=dobj"], f["child"], f["right"]  # doctest: +SKIP
        (1.0, 1.0, 1.0)
    """
    root = cand.root
    f: dict[str, float] = {"bias": 1.0}
    dep = root.dep_ if root.dep_ in DEPS else "other"
    f[f"dep={dep}"] = 1.0
    up, down = _path(root, trigger)
    f["path_len"] = min(up + down, 8) / 8.0
    if down == 0 and up == 1:
        f["child"] = 1.0
        f[f"child_dep={dep}"] = 1.0
    if down == 0 and up == 2:
        f["grandchild"] = 1.0
        f[f"grandchild_via={root.head.dep_ if root.head.dep_ in DEPS else 'other'}"] = 1.0
    if up == 0:
        f["governs_trigger"] = 1.0
    if down == 0 and up > 0:
        f["below_trigger"] = 1.0
    prep = _governing_prep(root, trigger)
    if prep is not None:
        lemma = prep.lemma_.lower() if prep.lemma_.lower() in PREPS else "other"
        f[f"prep={lemma}"] = 1.0
        if prep.head.i == trigger.i:
            f[f"trigger_prep={lemma}"] = 1.0
    if any(a.dep_ == "prep" and a.lemma_.lower() in VENUE_PREPS for a in _between(root, trigger)):
        f["in_venue_pp"] = 1.0
    f["right" if root.i > trigger.i else "left"] = 1.0
    f["distance"] = min(abs(root.i - trigger.i), 20) / 20.0
    passive = _is_passive(trigger)
    if passive:
        f["passive"] = 1.0
        if prep is not None and prep.lemma_.lower() == "by":
            f["passive_by"] = 1.0
        if dep == "nsubjpass":
            f["passive_subject"] = 1.0
    f[f"trigger_pos={trigger.pos_ if trigger.pos_ in ('VERB', 'NOUN') else 'other'}"] = 1.0
    f[f"type={event_type}"] = 1.0
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in SAY_LEMMAS and root.head != trigger:
        f["say_subject"] = 1.0
    f[f"kind={actor_kind(cand.actor)}"] = 1.0
    if rule_source:
        f["rule_source"] = 1.0
    if rule_target:
        f["rule_target"] = 1.0
    if not rule_source and not rule_target:
        f["rule_none"] = 1.0
        # "Greece, Panama and South Korea supported": coordinated with a chosen actor
        linked = _coordinated(root)
        if linked & source_roots:
            f["coordinated_with_source"] = 1.0
        if linked & target_roots:
            f["coordinated_with_target"] = 1.0
    return f


def _coordinated(root: Token) -> frozenset[int]:
    """Indices of the tokens ``root`` is coordinated or in apposition with."""
    out: set[int] = set()
    tok = root
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
        out.add(tok.i)
    stack = list(tok.children)
    while stack:
        child = stack.pop()
        if child.dep_ in ("conj", "appos"):
            out.add(child.i)
            stack.extend(child.children)
    out.discard(root.i)
    return frozenset(out)


def _between(root: Token, trigger: Token) -> Iterable[Token]:
    """Ancestors of ``root`` below ``trigger`` (all of them when the trigger is no ancestor)."""
    for a in root.ancestors:
        if a.i == trigger.i:
            return
        yield a


def candidates(ctx: SentenceContext, event: Event) -> list[Candidate]:
    """Actors of the sentence with a country, plus the rules' choice, one per mention."""
    seen: set[tuple[int, int, str]] = set()
    out: list[Candidate] = []
    for actor in [*ctx.actors, *event.source, *event.target]:
        if not actor.country:
            continue
        key = (actor.start, actor.end, actor.country)
        if key in seen:
            continue
        span = _span(ctx, actor.start, actor.end)
        if span is None or not len(span):
            continue
        seen.add(key)
        out.append(Candidate(actor, span.root))
    return out


def _keys(actors: list[Actor]) -> set[tuple[int, int]]:
    return {(a.start, a.end) for a in actors}


def event_examples(ctx: SentenceContext, event: Event) -> list[tuple[Candidate, dict[str, float]]]:
    """Every candidate of an event with its features (empty when the trigger is not found)."""
    head = trigger_head(ctx, event)
    if head is None:
        return []
    src, tgt = _keys(event.source), _keys(event.target)
    cands = candidates(ctx, event)
    src_roots = frozenset(c.root.i for c in cands if (c.actor.start, c.actor.end) in src)
    tgt_roots = frozenset(c.root.i for c in cands if (c.actor.start, c.actor.end) in tgt)
    return [
        (
            c,
            features(
                head,
                c,
                event_type=event.type,
                rule_source=(c.actor.start, c.actor.end) in src,
                rule_target=(c.actor.start, c.actor.end) in tgt,
                source_roots=src_roots,
                target_roots=tgt_roots,
            ),
        )
        for c in cands
    ]


@dataclass(frozen=True, slots=True)
class SidesModel:
    """Two logistic regressions over named features, read from JSON.

    Attributes:
        source: Feature name -> weight for ``P(source)`` (``bias`` is the intercept).
        target: The same for ``P(target)``.
        threshold: Probability from which a candidate takes a side.
        drop: Probability below which a rules' choice is dropped when no candidate qualifies.
    """

    source: dict[str, float]
    target: dict[str, float]
    threshold: float = 0.5
    drop: float = 0.0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SidesModel:
        """Build the model from its JSON description."""
        return cls(
            source={k: float(v) for k, v in data["source"].items()},
            target={k: float(v) for k, v in data["target"].items()},
            threshold=float(data.get("threshold", 0.5)),
            drop=float(data.get("drop", 0.0)),
        )

    def probability(self, side: str, feats: dict[str, float]) -> float:
        """``P(side)`` of one candidate (``side`` is ``source`` or ``target``).

        Example:
            >>> m = SidesModel({"bias": 0.0, "x": 2.0}, {"bias": -1.0})
            >>> round(m.probability("source", {"bias": 1.0, "x": 1.0}), 3)
            0.881
        """
        weights = self.source if side == "source" else self.target
        z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(path: Path = DEFAULT_MODEL) -> SidesModel:
    """Load (once) the sides model shipped with tidings or another JSON file.

    Example:
        >>> load_model().threshold > 0
        True
    """
    return SidesModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def _decide(
    scored: list[tuple[Candidate, float]], rules: list[Actor], model: SidesModel
) -> list[Actor]:
    chosen = [c.actor for c, p in scored if p >= model.threshold]
    if chosen:
        return chosen
    low = {(c.actor.start, c.actor.end) for c, p in scored if p < model.drop}
    return [a for a in rules if (a.start, a.end) not in low]


def revise_sides(
    ctx: SentenceContext, events: list[Event], model: SidesModel | None = None
) -> list[Event]:
    """Re-choose the source and target of each event with the learned model.

    Args:
        ctx: The sentence the events were coded from.
        events: Events from :func:`tidings.coding.code_sentence`.
        model: The model; the shipped one when ``None``.

    Returns:
        The events, with source and target replaced where the model decides otherwise.

    Example:
        >>> revise_sides(ctx, code_sentence(ctx, ontology))  # doctest: +SKIP
    """
    model = model or load_model()
    out: list[Event] = []
    for event in events:
        examples = event_examples(ctx, event)
        if not examples:
            out.append(event)
            continue
        p_src = [(c, model.probability("source", f)) for c, f in examples]
        p_tgt = [(c, model.probability("target", f)) for c, f in examples]
        source = _decide(p_src, event.source, model)
        target = _decide(p_tgt, event.target, model)
        # one mention takes one side: the one it is likelier to be on
        ps = {(c.actor.start, c.actor.end): p for c, p in p_src}
        pt = {(c.actor.start, c.actor.end): p for c, p in p_tgt}
        both = _keys(source) & _keys(target)
        if both:
            source = [a for a in source if (a.start, a.end) not in both or _wins(a, ps, pt)]
            target = [a for a in target if (a.start, a.end) not in both or not _wins(a, ps, pt)]
        if source != event.source or target != event.target:
            event = replace(event, source=source, target=target, rule=event.rule + "+learned")
        out.append(event)
    return out


def _wins(actor: Actor, ps: dict[tuple[int, int], float], pt: dict[tuple[int, int], float]) -> bool:
    key = (actor.start, actor.end)
    return ps.get(key, 0.0) >= pt.get(key, 0.0)
