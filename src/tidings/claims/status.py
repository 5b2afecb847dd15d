"""Event status from the dependency parse.

:func:`read_facts` walks from an event's trigger token up through the clauses that govern
it and records what it meets: negation, modals, conditional and interrogative markers,
hedging adverbs, future time words, cue verbs (say, report, allege, deny, confirm, plan,
fail...). :func:`decide_status` turns those facts into one of
:data:`tidings.records.STATUSES`; the innermost marker wins, except that an allegation
inside a denial stays an allegation ("denied allegations of arms transfers").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from tidings.claims.lexicon import CueLexicon, load_lexicon

#: How far up the parse the walk goes (clauses above the trigger).
MAX_LEVELS = 4
#: Dependencies through which a governing word passes its force down to the trigger.
_GOVERNING_DEPS: frozenset[str] = frozenset(
    {
        "ccomp",
        "xcomp",
        "csubj",
        "advcl",
        "pcomp",
        "pobj",
        "dobj",
        "nsubjpass",
        "nsubj",
        "conj",
        "acl",
        "parataxis",
        "prep",
        "compound",
        "amod",
        "attr",
        "oprd",
        "dative",
    }
)
#: Nouns that "next"/"coming" must modify to point to the future ("next week").
_TIME_UNITS: frozenset[str] = frozenset(
    {
        "day",
        "days",
        "week",
        "weeks",
        "weekend",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "session",
        "round",
        "meeting",
        "summit",
        "quarter",
        "term",
        "season",
        "hours",
        "time",
    }
)
#: Adjectives governing an event that has not happened yet ("likely to", "ready to").
_READY_ADJ: frozenset[str] = frozenset(
    {
        "likely",
        "unlikely",
        "possible",
        "able",
        "ready",
        "eager",
        "willing",
        "poised",
        "set",
        "due",
        "expected",
        "scheduled",
        "keen",
        "prepared",
    }
)
_FUTURE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("in", "the", "pipeline"),
    ("as", "early", "as"),
    ("going", "to"),
    ("about", "to"),
    ("set", "to"),
    ("due", "to"),
    ("on", "the", "cards"),
    ("in", "the", "works"),
)


@dataclass(slots=True)
class Marker:
    """One thing met on the walk up from the trigger.

    Attributes:
        kind: What it signals: ``negated``, ``planned``, ``speculative``, ``hypothetical``,
            ``alleged``, ``denied``, ``confirmed``, ``reported``, ``said`` or ``factive``.
        level: 0 on the trigger itself, 1 on its governor, and so on.
        word: The word that signalled it.
        token: Index of that word in the doc.
    """

    kind: str
    level: int
    word: str
    token: int


@dataclass(slots=True)
class TokenFacts:
    """What the parse says about one event token.

    Attributes:
        token: The event token.
        markers: Markers met, innermost first.
        path_deps: Dependency labels from the token upwards.
        path_lemmas: Lemmas of the governors met.
        tag: Fine-grained tag of the token.
        perfect, progressive, passive, infinitive: Aspect and voice of the token.
        question: The sentence ends with a question mark.
        in_quote: The token sits between quote marks.
    """

    token: Token
    markers: list[Marker] = field(default_factory=list)
    path_deps: list[str] = field(default_factory=list)
    path_lemmas: list[str] = field(default_factory=list)
    tag: str = ""
    perfect: bool = False
    progressive: bool = False
    passive: bool = False
    infinitive: bool = False
    question: bool = False
    in_quote: bool = False

    def first(self, *kinds: str) -> Marker | None:
        """The innermost marker of one of ``kinds``."""
        return next((m for m in self.markers if m.kind in kinds), None)


def _local_markers(tok: Token, level: int, lex: CueLexicon, *, own: bool) -> list[Marker]:
    """Markers on one word of the path: its modals, negation, adverbs, modifiers.

    ``own`` is true for the event token itself (and its conjunct heads), whose
    noun modifiers and time words count; governors contribute only modality.
    """
    out: list[Marker] = []
    for child in tok.children:
        low = child.lower_
        dep = child.dep_
        if dep == "neg" or (
            dep in {"advmod", "det", "preconj"}
            and low in lex.adverbs.get("negation", frozenset())
            and low not in {"hardly", "barely", "scarcely"}
        ):
            out.append(Marker("negated", level, low, child.i))
        elif (dep == "aux" and child.tag_ == "MD") or (dep == "aux" and low in {"'ll", "wo"}):
            mclass = lex.modal_class(low)
            kind = {
                "future": "planned",
                "possible": "speculative",
                "conditional": "hypothetical",
                "obligation": "speculative",
            }.get(mclass or "", "")
            if kind:
                out.append(Marker(kind, level, low, child.i))
        elif dep == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in child.children
        ):
            out.append(Marker("hypothetical", level, "if-clause", child.i))
        elif dep in {"nsubj", "nsubjpass", "dobj"} and any(
            d.dep_ in {"det", "preconj"} and d.lower_ in {"no", "neither"} for d in child.children
        ):
            out.append(Marker("negated", level, "no", child.i))
        elif dep == "mark" and low in lex.conditional_marks:
            kind = "speculative" if low == "whether" else "hypothetical"
            out.append(Marker(kind, level, low, child.i))
        elif dep in {"advmod", "npadvmod"}:
            aclass = lex.adverb_class(low)
            if aclass in {"reported", "alleged", "speculative", "confirmed"}:
                out.append(Marker(aclass, level, low, child.i))
            elif own and low in lex.future_time and not _past_tense(tok):
                # "later", "soon", "eventually" on a past-tense verb ("later met") are past
                out.append(Marker("planned", level, low, child.i))
        elif own and (
            dep in {"amod", "compound", "nmod"} or (dep == "acl" and child.tag_ == "VBN")
        ):
            lemma = child.lemma_.lower()
            for kind, words in (
                ("planned", lex.adjectives.get("planned", frozenset())),
                ("speculative", lex.adjectives.get("speculative", frozenset())),
                ("negated", lex.adjectives.get("negated", frozenset())),
            ):
                if low in words or lemma in words:
                    if low in {"alleged", "suspected", "purported"}:
                        kind = "alleged"
                    elif low in {"reported"}:
                        kind = "reported"
                    out.append(Marker(kind, level, low, child.i))
                    break
    if own:
        out.extend(_future_time_markers(tok, level, lex))
    return out


def _past_tense(tok: Token) -> bool:
    """Whether a verb is in a past tense: "met", "has met", "had met" (not "will have met")."""
    if tok.tag_ == "VBD":
        return True
    aux = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.tag_ == "MD" for c in aux):
        return False
    return tok.tag_ == "VBN" and any(c.lemma_.lower() == "have" for c in aux)


def _future_time_markers(tok: Token, level: int, lex: CueLexicon) -> list[Marker]:
    """Future time words and phrases attached to the event's own clause (none on a verb in
    a past tense: "met later that day")."""
    out: list[Marker] = []
    if _past_tense(tok):
        return out
    clause = {t.i for t in tok.subtree}
    for child in tok.children:
        if child.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "conj", "csubj"}:
            clause -= {t.i for t in child.subtree}
    doc = tok.doc
    words = [doc[i].lower_ for i in sorted(clause)]
    idx = sorted(clause)
    for j, word in enumerate(words):
        nxt = words[j + 1] if j + 1 < len(words) else ""
        after = words[j + 2] if j + 2 < len(words) else ""
        if (
            word in {"tomorrow", "upcoming", "tonight"}
            or (word in {"next", "coming"} and (nxt in _TIME_UNITS or after in _TIME_UNITS))
            or (word == "later" and nxt in {"this", "today", "tonight", "next"})
            or (word == "soon" and not any(w in {"after", "as"} for w in words[j - 1 : j]))
        ):
            out.append(Marker("planned", level, word, idx[j]))
            break
    text = " ".join(words)
    for phrase in _FUTURE_PHRASES:
        if " ".join(phrase) in text and phrase[0] not in {"going", "about", "set", "due"}:
            out.append(Marker("planned", level, " ".join(phrase), tok.i))
    return out


def _governor_markers(
    gov: Token, dep: str, child: Token, level: int, lex: CueLexicon
) -> list[Marker]:
    """Markers from a governing word's own meaning (cue verbs, plan nouns...)."""
    lemma = gov.lemma_.lower()
    low = gov.lower_
    out: list[Marker] = []
    is_verb = gov.pos_ in {"VERB", "AUX"}
    if is_verb:
        cue = lex.cue_class(lemma)
        clausal = dep in {"ccomp", "xcomp", "dobj", "pcomp", "csubj", "parataxis", "advcl", "prep"}
        if dep == "advcl":
            # "..., as did X", purpose "to" clauses and conditionals are handled apart
            clausal = False
        if lemma in {"go", "be"} and dep == "xcomp" and child.tag_ == "VB":
            if lemma == "go" and gov.tag_ == "VBG":
                out.append(Marker("planned", level, "going to", gov.i))
            elif lemma == "be":
                out.append(Marker("planned", level, "be to", gov.i))
        elif clausal and cue == "denial":
            out.append(Marker("denied", level, lemma, gov.i))
        elif clausal and lemma in lex.negative_verbs and dep in {"xcomp", "dobj", "pcomp", "prep"}:
            out.append(Marker("negated", level, lemma, gov.i))
        elif (
            clausal
            and lemma in lex.plan_verbs
            and (dep in {"xcomp", "dobj", "pcomp"} or (dep == "ccomp" and _subjunctive(child)))
            and (dep != "dobj" or (child.pos_ == "NOUN" and not _naming(gov, child)))
        ):
            out.append(Marker("planned", level, lemma, gov.i))  # "demanded that he be freed"
        elif clausal and cue == "confirmation":
            out.append(Marker("confirmed", level, lemma, gov.i))
        elif clausal and cue == "allegation":
            out.append(Marker("alleged", level, lemma, gov.i))
        elif clausal and cue == "report":
            out.append(Marker("reported", level, lemma, gov.i))
        elif clausal and lemma in lex.uncertain_verbs:
            out.append(Marker("speculative", level, lemma, gov.i))
        elif clausal and lemma in lex.factive_verbs:
            out.append(Marker("factive", level, lemma, gov.i))
        elif clausal and cue == "statement" and dep == "xcomp":
            out.append(Marker("planned", level, lemma, gov.i))  # "told residents to leave"
        elif clausal and cue == "statement":
            out.append(Marker("said", level, lemma, gov.i))
        elif clausal and cue == "belief":
            kind = "planned" if lemma in lex.plan_verbs else "speculative"
            out.append(Marker(kind, level, lemma, gov.i))
        if (
            dep == "advcl"
            and child.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            out.append(Marker("planned", level, "to", child.i))
    elif gov.pos_ in {"NOUN", "PROPN"}:
        for kind, key in (
            ("planned", "plan"),
            ("alleged", "allegation"),
            ("denied", "denial"),
            ("speculative", "hypothetical"),
        ):
            if low in lex.nouns.get(key, frozenset()) or lemma in lex.nouns.get(key, frozenset()):
                if key == "allegation" and lemma == "report":
                    kind = "reported"
                out.append(Marker(kind, level, low, gov.i))
                break
    elif gov.pos_ == "ADP" and low == "without" and dep == "pcomp":
        out.append(Marker("negated", level, low, gov.i))  # "without giving a date"
    elif gov.pos_ == "ADJ" and dep in {"xcomp", "ccomp", "prep", "pcomp"} and low in _READY_ADJ:
        kind = "speculative" if low in {"likely", "unlikely", "possible"} else "planned"
        out.append(Marker(kind, level, low, gov.i))
    return out


def _naming(verb: Token, obj: Token) -> bool:
    """Whether the verb names or judges its object rather than plans it: "called the
    accusations part of a campaign", "calls the drills a provocation" (an object complement
    follows the object)."""
    return any(
        c.dep_ in {"oprd", "attr", "ccomp", "xcomp"}
        and c.i > obj.i
        and c.pos_ in {"NOUN", "PROPN", "ADJ"}
        for c in verb.children
    )


def _subjunctive(verb: Token) -> bool:
    """A bare-verb complement clause: "(demanded) that the boy be returned", "(urged) he go"."""
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    if verb.tag_ == "VB" and not any(c.dep_ == "aux" for c in verb.children):
        return True
    return any(c.dep_ == "auxpass" and c.lower_ == "be" for c in verb.children)


def _aspect(tok: Token) -> tuple[bool, bool, bool, bool]:
    """(perfect, progressive, passive, infinitive) of a verb token."""
    perfect = progressive = passive = infinitive = False
    for child in tok.children:
        if child.dep_ == "aux" and child.lemma_ == "have":
            perfect = True
        elif child.dep_ == "aux" and child.lemma_ == "be" and tok.tag_ == "VBG":
            progressive = True
        elif child.dep_ == "auxpass":
            passive = True
        elif child.dep_ == "aux" and child.lower_ == "to":
            infinitive = True
    return perfect, progressive, passive, infinitive


def _in_quote(tok: Token) -> bool:
    """Whether an odd number of quote marks precede the token in its sentence."""
    sent = tok.sent
    marks = sum(1 for t in sent if t.i < tok.i and t.text in {'"', "“", "”", "``", "''"})
    return marks % 2 == 1


def read_facts(tok: Token, lex: CueLexicon) -> TokenFacts:
    """Walk from ``tok`` up its governing clauses and collect status markers.

    Args:
        tok: The event token (verb, event noun or adjective) in a parsed doc.
        lex: The cue lexicon.

    Returns:
        The facts, markers innermost first.
    """
    perfect, progressive, passive, infinitive = _aspect(tok)
    sent = tok.sent
    facts = TokenFacts(
        token=tok,
        tag=tok.tag_,
        perfect=perfect,
        progressive=progressive,
        passive=passive,
        infinitive=infinitive,
        question=sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"),
        in_quote=_in_quote(tok),
    )
    facts.markers.extend(_local_markers(tok, 0, lex, own=True))
    cur = tok
    level = 0
    steps = 0
    while cur.head.i != cur.i and level < MAX_LEVELS and steps < 12:
        steps += 1
        dep = cur.dep_
        gov = cur.head
        facts.path_deps.append(dep)
        facts.path_lemmas.append(gov.lemma_.lower())
        if dep == "relcl" or dep not in _GOVERNING_DEPS:
            break
        if dep in {"conj", "prep", "compound", "amod"}:
            # a conjunct shares the modality of its head; a preposition passes through
            same = dep == "conj"
            facts.markers.extend(_local_markers(gov, level, lex, own=same))
            if dep in {"prep", "compound", "amod"}:
                found = _governor_markers(gov, dep, cur, level, lex)
                facts.markers.extend(found)
                if not found and gov.pos_ in {"NOUN", "PROPN", "PRON"}:
                    break  # "word of the strike": the noun's own clause says nothing of it
            cur = gov
            continue
        if dep in {"nsubj", "dobj"} and gov.pos_ in {"VERB", "AUX"}:
            # an event noun as argument: "the attack failed", "cancelled the visit"
            found = _governor_markers(gov, dep, cur, level + 1, lex) if dep == "dobj" else []
            facts.markers.extend(found)
            if dep == "nsubj":
                facts.markers.extend(_local_markers(gov, level + 1, lex, own=True))
                break
            if not found:
                break  # "shared word of the strike": only cue, plan or negative verbs count
            facts.markers.extend(_local_markers(gov, level + 1, lex, own=False))
            level += 1
            cur = gov
            continue
        level += 1
        facts.markers.extend(_governor_markers(gov, dep, cur, level, lex))
        facts.markers.extend(_local_markers(gov, level, lex, own=False))
        cur = gov
    return facts


#: Marker kinds that decide a status, with the status they give.
_DECISIVE: dict[str, str] = {
    "negated": "negated",
    "planned": "planned",
    "speculative": "speculative",
    "hypothetical": "hypothetical",
    "alleged": "alleged",
    "denied": "denied",
    "confirmed": "confirmed",
    "reported": "reported",
}


def decide_status(facts: TokenFacts) -> tuple[str, str]:
    """The status of the event and the rule that chose it.

    The innermost decisive marker wins. Exceptions: an allegation inside a denial keeps
    the event ``alleged``; a negation inside a denial or allegation keeps the outer reading;
    a ``would`` under a speech or report cue is a future in the past (``planned``); a
    question is ``speculative``.

    Returns:
        ``(status, rule)``, e.g. ``("planned", "marker:will@0")``.
    """
    decisive = [m for m in facts.markers if m.kind in _DECISIVE]
    # on one word, a negation outranks future and conditional modals ("won't allow")
    decisive.sort(
        key=lambda m: (
            m.level,
            0
            if m.kind == "negated"
            and not any(o.level == m.level and o.kind == "speculative" for o in decisive)
            else 1,
        )
    )
    if not decisive:
        if facts.question:
            return "speculative", "question"
        return "asserted", "plain"
    first = decisive[0]
    if first.kind == "hypothetical" and first.word in {"would", "'d"}:
        has_if = any(
            m.kind == "hypothetical" and m.word not in {"would", "'d"} for m in facts.markers
        )
        under_cue = any(
            m.kind in {"said", "reported", "alleged"} and m.level > first.level
            for m in facts.markers
        )
        if not has_if and under_cue:
            return "planned", f"marker:would-under-cue@{first.level}"
        if not has_if:
            return "speculative", f"marker:would@{first.level}"
    if first.kind == "alleged":
        return "alleged", f"marker:{first.word}@{first.level}"
    if first.kind == "negated":
        outer = next((m for m in decisive[1:] if m.level > first.level), None)
        if outer is not None and outer.kind == "denied":
            return "denied", f"marker:{outer.word}@{outer.level}"
        if any(
            m.kind == "confirmed"
            and m.level == first.level
            and load_lexicon().cue_class(m.word) == "confirmation"
            for m in decisive
        ):
            # "has not confirmed the visit": the confirmation is negated, not the visit
            return "reported", f"marker:unconfirmed@{first.level}"
    if first.kind == "confirmed":
        above = next((m for m in decisive[1:] if m.level > first.level), None)
        if above is not None and above.kind == "negated" and above.level == first.level + 1:
            # "declined to confirm the report": withheld, so still only reported
            return "reported", f"marker:unconfirmed@{above.level}"
    return _DECISIVE[first.kind], f"marker:{first.word}@{first.level}"
