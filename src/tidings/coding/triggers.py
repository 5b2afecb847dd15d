"""Finding trigger words and phrases in a sentence.

Two passes use the lexicon: :func:`is_candidate` on the light pipeline (raw lower-cased
token text against the inflected head forms) decides which sentences get a full parse, and
:func:`find_triggers` on the parsed sentence matches lemmas, parts of speech and phrases.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tidings.coding.lexicon import TriggerEntry
from tidings.coding.ontology import Ontology
from tidings.coding.verbdict import OBJECT_DEPS, PREP_DEPS
from tidings.records import Actor

#: Companion words of a phrase must follow the previous word within this many tokens.
PHRASE_WINDOW = 4
#: The second word of a phrase may also sit this far away inside the head's objects.
OBJECT_WINDOW = 10
_VERB_TAGS = ("VERB", "AUX")
#: Weight of a trigger from a CAMEO dictionary pattern the lexicon lacks ("rushed troops").
DICTIONARY_WEIGHT = 0.9
#: Weight of a trigger from a dictionary verb's bare default code.
DEFAULT_WEIGHT = 0.6
#: Least score of a dictionary pattern that decides a reading: a noun it names must match
#: ("rushed AID"); a bare preposition ("rushed (TO)") also meets "on Monday".
MIN_PATTERN_SCORE = 2
_NOUN_TAGS = ("NOUN", "PROPN")


@dataclass(slots=True)
class Trigger:
    """A lexicon match in a parsed sentence, with what the coder decides about it.

    Attributes:
        entry: The lexicon entry that fired.
        head: The head token of the match.
        tokens: All matched tokens (head first).
        type, mode, cameo: Coded values (start as the entry's, frames may change them).
        rule: How the coding was reached, for ``Event.rule``.
        depth: Distance of the head from the root of the parse.
        embedded_in: The frame trigger ("demanded", "threatened to") this one belongs to.
        merged_into: The verb trigger this noun trigger is the object of.
        source, target: Actors, filled by the coder.
        own_arguments: Whether a noun trigger's own dependents name an actor ("X's visit",
            "talks between X and Y"), set by the coder.
    """

    entry: TriggerEntry
    head: Token
    tokens: list[Token]
    type: str
    mode: str
    cameo: str
    rule: str
    depth: float
    embedded_in: Trigger | None = None
    merged_into: Trigger | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    source_tokens: list[Token] = field(default_factory=list)
    own_arguments: bool = False

    @property
    def start(self) -> int:
        """Sentence offset of the first matched character."""
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        """Sentence offset after the last matched character."""
        return max(t.idx + len(t.text) for t in self.tokens)

    @property
    def is_verbal(self) -> bool:
        """Whether the head is used as a verb."""
        return self.head.pos_ in _VERB_TAGS or (
            self.head.pos_ not in _NOUN_TAGS and self.entry.pos == "VERB"
        )


#: Companion words of a phrase must follow its head within this many tokens in the cheap
#: candidate test (as far as :func:`find_triggers` looks inside the head's objects).
CANDIDATE_WINDOW = OBJECT_WINDOW
#: Capitalised head forms that are calendar words ("in March").
_CALENDAR_HEADS = frozenset({"March"})


def _follows(sentence: Span, i: int, companions: tuple[frozenset[str], ...]) -> bool:
    """Whether the companion words follow token ``i`` in order, each within the window."""
    pos = i
    end = len(sentence)
    for forms in companions:
        for j in range(pos + 1, min(pos + 1 + CANDIDATE_WINDOW, end)):
            if sentence[j].lower_ in forms:
                pos = j
                break
        else:
            return False
    return True


def has_trigger(sentence: Span, ontology: Ontology) -> bool:
    """Whether some token of the sentence may start a trigger (cheap, on raw token text).

    A head that is a trigger on its own ("shelled", "talks") is enough; a head that only
    starts phrases ("military", "take", "go") needs its companion words after it ("military
    aid", "take ... hostage", "go on strike"); "must"/"should" need a reporting verb.
    """
    modals = ontology.words("request_aux")
    alone, phrases = ontology.alone_heads, ontology.phrase_heads
    verb_heads = ontology.verb_heads
    modal = False
    for i, tok in enumerate(sentence):
        low = tok.lower_
        nouns = verb_heads.get(low)
        if nouns is not None:
            # a dictionary verb the lexicon lacks, followed by a noun one of its patterns names
            if not nouns:
                return True
            end = min(i + 1 + CANDIDATE_WINDOW, len(sentence))
            if any(sentence[j].lower_ in nouns for j in range(i + 1, end)):
                return True
        if low in alone:
            if tok.text not in _CALENDAR_HEADS:
                return True
        elif low in modals:
            modal = True
        companions = phrases.get(low)
        if companions and any(_follows(sentence, i, c) for c in companions):
            return True
    # "X said Y must ...": a modal is a demand only under a reporting verb
    return modal and any(t.lower_ in ontology.reporting_forms for t in sentence)


def _name_word(tok: Token) -> bool:
    text = tok.text
    return text[:1].isupper() and (tok.is_alpha or (len(text) > 1 and text[-1] == "."))


def has_name(sentence: Span) -> bool:
    """Whether the sentence holds a capitalised name of two or more words ("Zembla Liberation
    Front"), which may be an actor the knowledge base does not know."""
    for k in range(len(sentence) - 1):
        tok, nxt = sentence[k], sentence[k + 1]
        if k == 0 and tok.is_stop:
            continue
        if _name_word(tok) and _name_word(nxt):
            return True
    return False


def is_candidate(sentence: Span, actors: list[Actor], ontology: Ontology) -> bool:
    """Cheap test of whether a sentence may hold an event worth a full parse.

    Works on the light pipeline (no tags, no lemmas): some lower-cased token starts a
    trigger (:func:`has_trigger`), and the event can have a side: the sentence holds an
    actor of the knowledge base, or a capitalised name of several words.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> onto = Ontology.load()
        >>> is_candidate(nlp("The Ruritanian Army shelled the border town.")[:], [], onto)
        True
        >>> is_candidate(nlp("The national team went home.")[:], [], onto)
        False
    """
    if not has_trigger(sentence, ontology):
        return False
    return bool(actors) or has_name(sentence) or _has_place(sentence, ontology)


def _has_place(sentence: Span, ontology: Ontology) -> bool:
    """Whether a capitalised word names a place of the knowledge base: its country may be
    the side of the event ("the government of <province>")."""
    places = getattr(ontology.kb, "places", None)
    if not places:
        return False
    return any(
        tok.text[:1].isupper() and tok.is_alpha and tok.lower_ in places for tok in sentence[1:]
    )


def _lemma(tok: Token, ontology: Ontology) -> list[str]:
    keys = [tok.lemma_.lower(), tok.lower_]
    form = ontology.forms.get(tok.lower_)
    if form:
        keys.append(form)
    return list(dict.fromkeys(keys))


def _word_matches(tok: Token, alternatives: frozenset[str], ontology: Ontology) -> bool:
    return any(k in alternatives for k in _lemma(tok, ontology))


def _pos_ok(entry: TriggerEntry, tok: Token) -> bool:
    if entry.pos == "ANY":
        return True
    if entry.pos == "VERB":
        return tok.pos_ in _VERB_TAGS or tok.tag_.startswith("VB")
    return tok.pos_ in _NOUN_TAGS or tok.tag_.startswith("NN")


def _object_tokens(tok: Token) -> list[Token]:
    """Tokens inside the objects of ``tok`` (direct objects, particles, prepositional
    objects), where the rest of a phrase may sit far from its head ("shortened by one hour
    the nightly curfew", "holding refugees as human shields")."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("dobj", "prt", "dative", "attr", "oprd", "prep", "compound"):
            out += list(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _match_entry(entry: TriggerEntry, tok: Token, ontology: Ontology) -> list[Token] | None:
    if not _pos_ok(entry, tok):
        return None
    matched = [tok]
    doc = tok.doc
    pos = tok.i
    sent_end = tok.sent.end if doc.has_annotation("SENT_START") else len(doc)
    objects: list[Token] | None = None
    for alternatives in entry.words[1:]:
        found = None
        for j in range(pos + 1, min(pos + 1 + PHRASE_WINDOW, sent_end)):
            if doc[j].is_punct and doc[j].text not in ("-",):
                break
            if _word_matches(doc[j], alternatives, ontology):
                found = doc[j]
                break
        if found is None and len(matched) == 1:
            if objects is None:
                objects = _object_tokens(tok)
            found = next(
                (
                    t
                    for t in objects
                    if pos < t.i <= pos + OBJECT_WINDOW
                    and t.pos_ in ("NOUN", "PROPN", "ADJ")
                    and _word_matches(t, alternatives, ontology)
                ),
                None,
            )
        if found is None and len(matched) == 1:
            found = _linear_companion(tok, alternatives, ontology, sent_end)
        if found is None:
            return None
        matched.append(found)
        pos = found.i
    return matched


def _linear_companion(
    tok: Token, alternatives: frozenset[str], ontology: Ontology, sent_end: int
) -> Token | None:
    """The companion noun within :data:`OBJECT_WINDOW` tokens after ``tok`` with no verb or
    punctuation between, for parses that lose a fronted adverbial ("shortened by one hour
    the nightly curfew")."""
    doc = tok.doc
    for j in range(tok.i + 1, min(tok.i + 1 + OBJECT_WINDOW, sent_end)):
        cand = doc[j]
        if cand.is_punct or cand.pos_ in _VERB_TAGS:
            return None
        if cand.pos_ in _NOUN_TAGS and _word_matches(cand, alternatives, ontology):
            return cand
    return None


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head != tok and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def find_triggers(doc: Doc, ontology: Ontology) -> list[Trigger]:
    """Every lexicon match in a parsed sentence, one per head token.

    Longer phrases win over single words; words used up by a phrase ("talks" in "held
    talks") do not fire again; reporting verbs never fire; a noun that only modifies another
    noun ("aid workers") and a participle used as an adjective ("the proposed plan") do not
    fire on their own; a reporting verb fires only as part of a phrase ("recalled its
    ambassador").
    """
    found: list[Trigger] = []
    light_nouns = ontology.words("light_nouns")
    for tok in doc:
        if tok.is_punct or tok.like_num:
            continue
        keys = _lemma(tok, ontology)
        reporting = keys[0] in ontology.reporting
        entries: list[TriggerEntry] = []
        for key in keys:
            entries += [
                e for e in ontology.triggers.get(key, []) if not reporting or len(e.words) > 1
            ]
        entries.sort(key=lambda e: (-len(e.words), -e.weight))
        for entry in entries:
            matched = _match_entry(entry, tok, ontology)
            if matched is None:
                continue
            if len(entry.words) == 1:
                if (
                    entry.pos == "NOUN"
                    and tok.dep_ in ("compound", "amod", "nmod")
                    and tok.head.lemma_.lower() not in light_nouns
                ):
                    continue
                if entry.pos == "VERB" and tok.dep_ == "amod":
                    continue
            head = tok
            if (
                entry.pos != "VERB"
                and tok.dep_ in ("compound", "amod", "nmod")
                and (tok.head in matched or tok.head.lemma_.lower() in light_nouns)
                and (tok.dep_ == "compound" or tok.head in matched)
            ):
                # "war games", "mediation effort", "economic aid": the noun of the phrase
                head = tok.head
            found.append(
                Trigger(
                    entry=entry,
                    head=head,
                    tokens=matched,
                    type=entry.type,
                    mode=entry.mode,
                    cameo=entry.cameo,
                    rule=f"lexicon:{entry.text}/{entry.pos.lower()}",
                    depth=_depth(head),
                )
            )
            break
    used = {t.i for trig in found if len(trig.tokens) > 1 for t in trig.tokens}
    found = [t for t in found if len(t.tokens) > 1 or all(tok.i not in used for tok in t.tokens)]
    heads: set[int] = set()
    unique: list[Trigger] = []
    for trig in sorted(found, key=lambda t: (-len(t.tokens), -t.entry.weight)):
        if trig.head.i not in heads:
            heads.add(trig.head.i)
            unique.append(trig)
    found = sorted(unique, key=lambda t: t.head.i)
    if ontology.verbs is not None:
        found = _verb_dictionary(doc, ontology, found)
    found += _request_modals(doc, ontology, found)
    return found


def _verb_objects(tok: Token) -> list[Token]:
    """The objects of a verb and the objects of its prepositions."""
    out = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    for c in tok.children:
        if c.dep_ in PREP_DEPS:
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _verb_dictionary(doc: Doc, ontology: Ontology, found: list[Trigger]) -> list[Trigger]:
    """Apply the CAMEO verb dictionary (:mod:`tidings.coding.verbdict`) by its switches.

    ``context``: a lexicon verb matched on its own ("rushed") takes the reading of a
    dictionary pattern its object or prepositional phrase matches ("rushed troops to the
    border": MOBILIZE). ``breadth``: a verb the lexicon lacks becomes a trigger when a pattern
    with a PLOVER type matches it; ``defaults``: also on its default code.
    """
    verbs = ontology.verbs
    if verbs is None:
        return found
    switches = ontology.verb_switches
    if "context" in switches:
        for trig in found:
            if len(trig.tokens) != 1 or trig.entry.pos == "NOUN" or not trig.is_verbal:
                continue
            m = verbs.match(trig.head, defaults=False)
            if m is not None and m.specific and m.score >= MIN_PATTERN_SCORE and m.type:
                trig.type, trig.mode, trig.cameo = m.type, m.mode, m.cameo
                trig.rule += f"+{m.rule}"
    if not switches & {"breadth", "defaults"}:
        return found
    taken = {t.i for trig in found for t in trig.tokens}
    heads = {trig.head.i for trig in found}
    added: list[Trigger] = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "VERB" or tok.dep_ == "amod":
            continue
        if any(o.i in heads for o in _verb_objects(tok)):
            continue  # "launched a mediation effort": the lexicon's noun event decides
        keys = _lemma(tok, ontology)
        if keys[0] in ontology.reporting or any(k in ontology.lexicon_verbs for k in keys):
            continue
        m = verbs.match(tok, defaults="defaults" in switches)
        if m is None or not m.type:
            continue
        if m.specific and ("breadth" not in switches or m.score < MIN_PATTERN_SCORE):
            continue
        entry = TriggerEntry(
            words=(frozenset({keys[0]}),),
            pos="VERB",
            type=m.type,
            mode=m.mode,
            cameo=m.cameo,
            weight=DICTIONARY_WEIGHT if m.specific else DEFAULT_WEIGHT,
            text=keys[0],
        )
        added.append(
            Trigger(
                entry=entry,
                head=tok,
                tokens=[tok],
                type=m.type,
                mode=m.mode,
                cameo=m.cameo,
                rule=m.rule,
                depth=_depth(tok),
            )
        )
    return sorted(found + added, key=lambda t: t.head.i) if added else found


def _request_modals(doc: Doc, ontology: Ontology, found: list[Trigger]) -> list[Trigger]:
    """ "X said Y must/should ..." is a demand by X on Y (PLOVER REQUEST)."""
    modals = ontology.words("request_aux")
    out: list[Trigger] = []
    for tok in doc:
        if tok.lower_ not in modals or tok.dep_ != "aux":
            continue
        verb = tok.head
        if verb.dep_ not in ("ccomp", "xcomp") or verb.head.lemma_.lower() not in (
            ontology.reporting | {"demand", "urge", "insist"}
        ):
            continue
        if verb.head.lemma_.lower() in ("demand", "urge", "insist"):
            continue  # the governing verb is itself the demand
        entry = TriggerEntry(
            words=(frozenset({tok.lower_}),),
            pos="AUX",
            type="REQUEST",
            mode="",
            cameo="100",
            weight=1.2,
            text=tok.lower_,
        )
        out.append(
            Trigger(
                entry=entry,
                head=tok,
                tokens=[tok],
                type="REQUEST",
                mode="",
                cameo="100",
                rule=f"modal:{tok.lower_}+reported",
                depth=_depth(verb) - 0.5,
            )
        )
    return out
