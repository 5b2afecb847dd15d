"""Grammatical frames of triggers and the modality they give.

A trigger governed by another ("threatened to cut ties") is embedded in its frame; the frame
decides the event's type and mode (``modality.yaml``: "will meet" is an offer, "X said Y must
..." a demand). Also: the depth of each trigger in the tree, which noun triggers are the
objects of a verb trigger, and whether a noun trigger's verb is an act.

Its helpers keep their leading underscore: they are private to the coding package and
used only by :mod:`tidings.coding.coder` and its sibling stage modules.
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.coding.arguments import is_passive
from tidings.coding.ontology import Ontology
from tidings.coding.ranking import _COOPERATIVE, _rank_key
from tidings.coding.triggers import Trigger

#: Dependencies that open a clause of its own: a trigger below one is not inside a frame.
_BARRIER_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "advcl", "relcl", "parataxis", "conj"}
)

_SOURCE_MODIFIERS = frozenset({"poss", "compound", "amod", "nmod"})


def _adjust_depths(triggers: list[Trigger]) -> None:
    """Rank by clause: a noun event object of a plain verb ("staged demonstrations") ranks
    with that verb; purpose and adverbial clauses ("... to demand reforms") rank below the
    clause they modify."""
    heads = {t.head.i for t in triggers}
    for trig in triggers:
        head = trig.head
        if not trig.is_verbal:
            verb = _governing_verb(head)
            if verb is not None and verb.i not in heads:
                trig.depth = _token_depth(verb) + 0.25
        elif head.dep_ == "advcl" or (
            head.dep_ == "xcomp"
            and head.head.i not in heads
            and head.head.pos_ == "VERB"
            and any(c.dep_ == "dobj" for c in head.head.children)
        ):
            trig.depth += 1.0


def _token_depth(tok: Token) -> int:
    depth = 0
    while tok.head != tok and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _governs(frame: Token, tok: Token) -> bool:
    """Whether ``tok`` sits inside the complement of ``frame`` (no clause barrier between)."""
    cur = tok
    for _ in range(40):
        if cur == frame:
            return True
        if cur.head == cur:
            return False
        if cur.dep_ in _BARRIER_DEPS and cur.dep_ != "advcl" and cur.head != frame:
            return False
        if cur.dep_ in ("nsubj", "nsubjpass", "csubj", "relcl") and cur.head == frame:
            return False
        if cur.dep_ == "advcl" and cur.head == frame:
            # "vowed to fight" is the frame's complement; "... until they win" is not
            return any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        cur = cur.head
    return False


def _link_frames(triggers: list[Trigger], ontology: Ontology) -> None:
    """Mark triggers inside the complement of a frame trigger (demand, threaten, refuse...)."""
    frame_types = ontology.words("frame_types")
    frames = [t for t in triggers if t.type in frame_types]
    for trig in triggers:
        best: Trigger | None = None
        for frame in frames:
            if frame is trig or frame.head == trig.head:
                continue
            anchor = frame.head.head if frame.entry.pos == "AUX" else frame.head
            if _governs(anchor, trig.head) and (best is None or frame.depth > best.depth):
                if (
                    frame.entry.pos == "AUX"
                    and trig.head != anchor
                    and not _governs(anchor, trig.head)
                ):
                    continue
                best = frame
        if best is not None and best.depth <= trig.depth:
            trig.embedded_in = best


def _has_own_source(head: Token) -> bool:
    return any(
        c.dep_ in ("poss",)
        or (c.dep_ in _SOURCE_MODIFIERS and c.ent_type_ in ("NORP", "GPE"))
        or (c.dep_ == "prep" and c.lower_ == "by")
        for c in head.children
    )


def _merge_objects(triggers: list[Trigger]) -> None:
    """A noun trigger that is the object of a verb trigger ("signed an agreement") is part
    of the verb's event; a more specific noun lends the verb its mode and CAMEO code."""
    by_head = {t.head.i: t for t in triggers}
    for trig in triggers:
        if trig.is_verbal or trig.embedded_in is not None:
            continue
        head = trig.head
        verb = _governing_verb(head)
        if verb is None or verb.i not in by_head or verb == head:
            continue
        owner = by_head[verb.i]
        if not owner.is_verbal or _has_own_source(head):
            continue
        trig.merged_into = owner
        if owner.type == trig.type and trig.entry.weight > owner.entry.weight:
            owner.mode = trig.mode or owner.mode
            owner.cameo = trig.cameo or owner.cameo
            owner.rule += f"+{trig.entry.text}"
        elif owner.entry.weight < 0.75 and trig.entry.weight > owner.entry.weight:
            # a generic verb ("provide", "give", "hold") takes the noun's event
            owner.type, owner.mode, owner.cameo = trig.type, trig.mode, trig.cameo
            owner.rule += f"+{trig.entry.text}"


def _act_verb(head: Token, ontology: Ontology) -> bool:
    """Whether a noun event is made an act by the verb that governs it ("held talks",
    "launched an attack", "imposed sanctions"); a noun under any other verb or preposition
    ("under the sanctions", "the treaty ... commits") is a background mention."""
    verb = _governing_verb(head)
    if verb is None:
        return False
    verbs = ontology.words("act_verbs")
    if _verb_keys(verb, ontology) & verbs:
        return True
    # "began to impose sanctions", "agreed to hold talks": the open complement's verb counts
    return verb.dep_ == "xcomp" and bool(_verb_keys(verb.head, ontology) & verbs)


def _verb_keys(verb: Token, ontology: Ontology) -> set[str]:
    """Possible base forms of a verb: its lemma, the lexicon's form table, and the word
    without a regular ending (the small model lemmatises "staged" as "stag")."""
    low = verb.lower_
    keys = {verb.lemma_.lower(), low}
    form = ontology.forms.get(low)
    if form:
        keys.add(form)
    for suffix in ("ing", "ed", "es", "d", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            base = low[: -len(suffix)]
            keys |= {base, base + "e"}
    return keys


def _governing_verb(head: Token) -> Token | None:
    """The verb a noun event hangs from: its object ("launched an offensive"), the object of
    its preposition, or through a measure noun ("provide 25,000 tons of food aid")."""
    if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
        return _governing_verb(head.head)  # "received technology and economic aid"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        measure = head.head.head  # "tons of aid", "days of war games"
        if measure.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and measure.head.pos_ in (
            "VERB",
            "AUX",
        ):
            return measure.head
        return None
    if head.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
        gov = head.head
    elif head.dep_ == "pobj" and head.head.dep_ == "prep":
        gov = head.head.head
    else:
        return None
    return gov if gov.pos_ in ("VERB", "AUX") else None


def _withholds_speech(trig: Trigger, ontology: Ontology) -> bool:
    """Whether a refusal only withholds a statement: "declined to comment", "refused to
    confirm the report", "would not say when". Holding back words is no REJECT of anything.

    Example:
        >>> # "The ministry declined to comment." -> True; "Ruritania refused to sign." -> False
    """
    if trig.type != "REJECT" or not trig.is_verbal:
        return False
    speech = ontology.reporting | ontology.words("withheld_speech_verbs")
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in speech for c in trig.head.children)


def _intent_markers(head: Token, ontology: Ontology) -> tuple[bool, bool, bool]:
    """(intent, negated, conditional) for the clause of ``head``."""
    intent_aux = ontology.words("intent_aux")
    intent_heads = ontology.words("intent_heads")
    negations = ontology.words("negations")
    verb = head
    if head.pos_ not in ("VERB", "AUX"):
        gov = _governing_verb(head)
        if gov is None:
            return False, False, False
        verb = gov
    kids = list(verb.children)
    intent = any(c.dep_ == "aux" and c.lower_ in intent_aux for c in kids)
    negated = any(c.dep_ == "neg" or (c.lower_ in negations and c.dep_ == "neg") for c in kids)
    if (
        verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in intent_heads
        and not is_passive(verb.head)  # "is expected to travel": others expect, no intent
    ):
        intent = True
        negated = negated or any(c.dep_ == "neg" for c in verb.head.children)
    if (
        verb.dep_ == "xcomp"
        and verb.head.dep_ == "acomp"
        and (verb.head.lemma_.lower() in intent_heads)
    ):
        intent = True
    for c in verb.head.children if verb.dep_ == "xcomp" else ():
        if c.dep_ == "aux" and c.lower_ in intent_aux:
            intent = True
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in kids
    )
    return intent, negated, conditional


def _apply_modality(trig: Trigger, ontology: Ontology) -> None:
    """Refusals to cooperate become REJECT and stated intent to act against someone THREATEN.

    Intent to cooperate ("will visit", "ready to help") keeps its act: the event is the visit
    or the aid, with CAMEO's intent code for it (036 "express intent to meet", 033 "... to
    provide aid"), and the status stage marks it ``planned``. The act and whether it happened
    stay apart; the PLOVER gold standards' habit of coding such intent as AGREE is applied
    only when comparing with them (:func:`tidings.evaluation.plover.legacy_label`).
    """
    if trig.entry.pos == "AUX":
        return
    intent, negated, conditional = _intent_markers(trig.head, ontology)
    if not intent:
        return
    table = ontology.modality["refusal" if negated else "intent"]
    if conditional and not negated:
        new = ["THREATEN", "", "130"]
    elif trig.type in table:
        new = table[trig.type]
    else:
        return
    if not negated and not conditional and new[0] == "AGREE":
        # the act stays; its CAMEO code becomes the intent code (036 "express intent to meet")
        trig.rule += "+intent"
        trig.cameo = new[2]
        return
    if new[0] == trig.type:
        return
    trig.rule += f"+{'refusal' if negated else 'intent'}"
    trig.type, trig.mode, trig.cameo = new[0], new[1], new[2]


def _resolve_frames(triggers: list[Trigger], ontology: Ontology) -> None:
    """Frames take their mode from the act they are about and borrow its target."""
    mod = ontology.modality
    for frame in triggers:
        inner = [t for t in triggers if t.embedded_in is frame]
        if not inner:
            continue
        act = min(inner, key=_rank_key)
        commands = set(mod.get("command_verbs", ()))
        if (
            frame.type == "REQUEST"
            and frame.head.lemma_.lower() in commands
            and ontology.type_quad_class(act.type) == 4
        ):
            frame.type, frame.mode, frame.cameo = act.type, act.mode, act.cameo
            frame.rule += f"+command:{act.entry.text}"
            if not frame.target:
                frame.target = act.target or act.source
            continue
        if frame.type == "AGREE" and act.type not in _COOPERATIVE and act.type in mod["intent"]:
            frame.type, frame.mode, frame.cameo = mod["intent"][act.type]
            frame.rule += f"+{act.type.lower()}"
        elif frame.type == "AGREE" and act.type in mod["intent"]:
            frame.cameo = mod["intent"][act.type][2]
        else:
            table = {
                "REQUEST": "request_modes",
                "REJECT": "reject_modes",
                "THREATEN": "threaten_modes",
            }.get(frame.type)
            if table is not None:
                modes = mod[table]
                mode, cameo = modes.get(act.type, modes["_default"])
                if frame.entry.cameo[:2] != "02" or frame.type != "REQUEST":
                    frame.cameo = cameo
                frame.mode = mode or frame.mode
        if not frame.target:
            src = {(a.start, a.end) for a in frame.source}
            for cand in (act.target, act.source):
                picked = [a for a in cand if (a.start, a.end) not in src]
                if picked:
                    frame.target = picked
                    break
