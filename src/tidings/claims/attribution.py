"""Finding attributions (source, cue, content) in a parsed text.

An attribution is an act of saying, reporting, believing, denying or confirming:
"NHK reported, citing unidentified diplomatic sources, that ...". It is read off the
dependency parse: a cue verb from the lexicon with its subject (the source) and its
clausal complement (the content), plus the fixed phrase "according to X".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tidings.claims.lexicon import CueLexicon, load_lexicon

#: Dependency labels of a clause or predicate that a cue can govern.
CONTENT_DEPS: frozenset[str] = frozenset({"ccomp", "xcomp", "csubj", "parataxis"})
#: Punctuation and quote marks trimmed off span edges.
_EDGE_PUNCT: frozenset[str] = frozenset(
    {",", ".", ";", ":", '"', "'", "“", "”", "‘", "’", "``", "''", "-", "—", "–", "(", ")"}
)
_SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "csubj"})
_PRONOUNS: frozenset[str] = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "which", "that"}
)


@dataclass(slots=True)
class AttributionRelation:
    """One attribution found in a parsed text.

    Attributes:
        cue: The cue words ("said", "has learned", "according to").
        cue_class: ``statement``, ``report``, ``allegation``, ``denial``, ``confirmation``
            or ``belief`` (see :data:`tidings.claims.lexicon.CUE_CLASSES`).
        source: The whole source phrase, or ``None`` ("it was reported that ...").
        sources: The individual sources: conjuncts of the subject ("the U.S., South Korea
            and their allies") and further sources ("..., as did a Russian newspaper").
        cited: Sources the speaker cites ("citing unidentified diplomatic sources").
        content: The attributed content, as one or more spans.
        content_head: The head token of the content (the event the cue governs).
        negated: The cue itself is negated ("did not say").
        rule: Which pattern matched.
        how: How the content was found: ``clause`` (a complement clause), ``inverted``
            ("..., he said"), ``quote`` (a quotation next to the cue), ``object`` (a noun
            phrase: "denied the report", "praised the deal"), ``phrase`` ("according to",
            a colon).
    """

    cue: Span
    cue_class: str
    source: Span | None
    sources: list[Span] = field(default_factory=list)
    cited: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)
    content_head: Token | None = None
    negated: bool = False
    rule: str = ""
    how: str = "phrase"

    @property
    def is_claim(self) -> bool:
        """Whether the relation states something about an event (not "praised the deal")."""
        return self.how != "object" or self.cue_class in _OBJECT_CLASSES


def trim(doc: Doc, start: int, end: int) -> Span | None:
    """The span ``doc[start:end]`` without edge punctuation and quotes, or ``None``.

    Example:
        >>> import spacy
        >>> d = spacy.blank("en")('"Yes," he said.')
        >>> trim(d, 0, 4).text
        'Yes'
    """
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space):
        if doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start : end - 1]):
            break  # "the Korean Central News Agency (KCNA)" keeps its closing bracket
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def subtree_span(token: Token, exclude: set[int] | None = None) -> Span | None:
    """The contiguous span of ``token``'s subtree, trimmed, cut at excluded tokens.

    ``exclude`` holds token indices (e.g. the cue and its source) that must not fall inside:
    the span is shrunk to the side of ``token`` that does not contain them.
    """
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    if exclude:
        before = [i for i in exclude if start <= i < token.i]
        after = [i for i in exclude if token.i < i < end]
        if before:
            start = max(before) + 1
        if after:
            end = min(after)
    return trim(doc, start, end)


_CLAUSE_MODIFIERS: frozenset[str] = frozenset({"relcl", "acl", "appos", "advcl", "parataxis"})


def core_span(token: Token, exclude: set[int] | None = None) -> Span | None:
    """Like :func:`subtree_span`, but cut before a trailing relative clause or apposition.

    "U.S. Central Command, which oversees operations" gives "U.S. Central Command".
    """
    span = subtree_span(token, exclude)
    if span is None:
        return None
    cut = span.end
    for child in token.rights:
        if child.dep_ in _CLAUSE_MODIFIERS and span.start <= child.left_edge.i < cut:
            cut = child.left_edge.i
    if cut == span.end:
        return span
    return trim(token.doc, span.start, cut) or span


def conjunct_spans(token: Token) -> list[Span]:
    """Split a coordinated noun phrase into its members ("the U.S., South Korea and allies").

    Each member is the token's subtree without its ``conj``/``cc`` branches and appositions.
    """
    members: list[Token] = [token]
    frontier = [token]
    while frontier:
        tok = frontier.pop()
        for child in tok.children:
            if child.pos_ in {"NOUN", "PROPN", "PRON", "ADJ"} and (
                child.dep_ == "conj" or _listed_appos(child)
            ):
                members.append(child)
                frontier.append(child)
    if len(members) == 1:
        span = core_span(token)
        if span is not None and token.pos_ == "PROPN":
            span = _strip_quantifier(span)
        return [span] if span is not None else []
    spans: list[Span] = []
    for member in sorted(members, key=lambda t: t.i):
        dropped: set[int] = set()
        for child in member.children:
            if child.dep_ in {"conj", "cc", "appos", "punct", "preconj"} or (
                child.dep_ == "prep" and child.i > member.i and member is token
            ):
                dropped.update(t.i for t in child.subtree)
        idx = sorted(t.i for t in member.subtree if t.i not in dropped)
        if not idx:
            continue
        # keep the contiguous run that holds the member itself
        lo = hi = member.i
        while lo - 1 in idx:
            lo -= 1
        while hi + 1 in idx:
            hi += 1
        span = trim(token.doc, lo, hi + 1)
        if span is not None:
            spans.append(_strip_quantifier(span))
    return spans


#: Words before a list of sources that are no part of any of them ("both Moscow and ...").
_QUANTIFIERS: frozenset[str] = frozenset({"both", "all", "either", "neither", "each"})


def _strip_quantifier(span: Span) -> Span:
    """``span`` without a leading "both"/"all"/"either" ("Both Moscow" gives "Moscow")."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in _QUANTIFIERS:
        start += 1
    return span.doc[start : span.end]


def _listed_appos(tok: Token) -> bool:
    """An apposition that opens a coordination: "The U.S., South Korea and their allies"."""
    return tok.dep_ == "appos" and any(
        c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN", "PRON"} for c in tok.children
    )


def _cue_span(verb: Token) -> Span:
    """The verb with its auxiliaries and negation directly before it ("has learned")."""
    start = verb.i
    for child in verb.lefts:
        if child.dep_ in {"aux", "auxpass", "neg"} and child.i >= start - 3:
            start = min(start, child.i)
    return verb.doc[start : verb.i + 1]


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The source token of a cue verb and whether it comes from a passive ``by`` agent."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj, True
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child, False
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None, False  # "Putin is expected to ...": its own subject, named by nobody
    # "He said X and added Y", "was quoted as saying": borrow the governing verb's subject
    cur = verb
    for _ in range(3):
        if cur.dep_ not in {"conj", "xcomp", "advcl"} or cur.head.i == cur.i:
            break
        head = cur.head
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i < verb.i:
                return child, False
        cur = head
    return None, False


def _is_passive_impersonal(verb: Token) -> bool:
    """ "it was reported that ...", "X is expected to ..." (no agent)."""
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


_QUOTE_MARKS: frozenset[str] = frozenset({'"', "“", "”", "``", "''"})
#: Nominal objects that carry what was said in these claim classes ("denied the report").
_OBJECT_CLASSES: frozenset[str] = frozenset({"denial", "confirmation", "allegation", "report"})


def _quoted_near(verb: Token, exclude: set[int]) -> Span | None:
    """A quotation right before or after the cue clause ("'...,' he said" across sentences)."""
    doc = verb.doc
    left = min(exclude | {verb.i})
    right = max(exclude | {verb.i})
    # closing quote just before the clause: find its opening quote
    j = left - 1
    while j >= 0 and doc[j].is_punct and doc[j].text not in _QUOTE_MARKS and left - j <= 3:
        j -= 1
    if j >= 0 and doc[j].text in _QUOTE_MARKS and left - j <= 3:
        k = j - 1
        while k >= 0 and doc[k].text not in _QUOTE_MARKS:
            k -= 1
        if k >= 0 and j - k > 1:
            return trim(doc, k + 1, j)
    # opening quote just after the clause ("he said: '...'")
    j = right + 1
    while j < len(doc) and doc[j].is_punct and doc[j].text not in _QUOTE_MARKS and j - right <= 2:
        j += 1
    if j < len(doc) and doc[j].text in _QUOTE_MARKS:
        k = j + 1
        while k < len(doc) and doc[k].text not in _QUOTE_MARKS:
            k += 1
        if k - j > 1:
            return trim(doc, j + 1, k)
    return None


def _trailing_cue(verb: Token, lex: CueLexicon) -> bool:
    """A cue closing its sentence after a comma, with its own subject.

    "Lee praised the treaty, the agency reported.": "reported" hangs under "praised" in the
    parse, yet it is the outer attribution and "Lee praised the treaty" its content.
    """
    if verb.pos_ not in {"VERB", "AUX"} or verb.head.i >= verb.i:
        return False
    if lex.cue_class(verb.lemma_, include_belief=False) not in {"statement", "report"}:
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i for c in verb.children):
        return False
    if any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in verb.children):
        return False
    doc, sent = verb.doc, verb.sent
    if not _after_punct(verb) or verb.left_edge.i <= sent.start:
        return False
    return all(t.is_punct for t in doc[verb.right_edge.i + 1 : sent.end])


def _after_punct(verb: Token) -> bool:
    """Whether the clause of ``verb`` follows a comma or dash (which it may hold itself)."""
    doc = verb.doc
    left = verb.left_edge.i
    if doc[left].text in {",", "—", "–", ";"}:
        return True
    return left > 0 and doc[left - 1].text in _EDGE_PUNCT


def _content_of(
    verb: Token, lex: CueLexicon, cue_class: str
) -> tuple[list[Span], Token | None, str]:
    """The content spans, their head and how they were found (``clause``, ``inverted``,
    ``quote``, ``object`` or ``""`` when there is none)."""
    exclude = {t.i for t in _cue_span(verb)}
    subj, _ = _subject(verb)
    if subj is not None:
        exclude.update(t.i for t in subj.subtree)
    for child in verb.children:
        if child.dep_ in {"ccomp", "csubj", "xcomp"} and not _trailing_cue(child, lex):
            span = subtree_span(child, exclude)
            if span is not None:
                return [span], child, "clause"
    # "..., officials said" parsed with the cue as a parataxis/ccomp of the content clause
    if (
        verb.dep_ in {"parataxis", "ccomp", "advcl"}
        and verb.head.i < verb.i
        and verb.left_edge.i > 0
        and _after_punct(verb)
        and (lex.cue_class(verb.head.lemma_) is None or _trailing_cue(verb, lex))
    ):
        head = verb.head
        drop = {t.i for t in verb.subtree}
        span = trim(verb.doc, head.left_edge.i, min(drop))
        if span is not None:
            return [span], head, "inverted"
    # "told reporters: ..." or a quote after the cue
    for child in verb.children:
        if child.dep_ == "parataxis":
            span = subtree_span(child, exclude)
            if span is not None:
                return [span], child, "clause"
    quoted = (
        None
        if _inside_quote(verb)
        else _quoted_near(verb, exclude | {t.i for t in verb.subtree if t.dep_ != "dobj"})
    )
    if quoted is not None and verb.lemma_ != "quote":
        return [quoted], quoted.root, "quote"
    # "accused Tehran of arming the militia": the charge, not the accused
    if cue_class == "allegation":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "over"} and child.i > verb.i:
                obj = next((c for c in child.children if c.dep_ in {"pcomp", "pobj"}), None)
                span = subtree_span(obj) if obj is not None else None
                if obj is not None and span is not None:
                    return [span], obj, "clause" if obj.dep_ == "pcomp" else "object"
    # "denied the allegations", "called it a hoax": a nominal object
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"} and not (verb.lemma_ == "tell" and child.dep_ == "dobj"):
            span = subtree_span(child)
            if span is not None:
                return [span], child, "object"
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "to", "about", "on", "of"}:
            obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None and not _is_time_word(obj):
                span = subtree_span(obj)
                if span is not None:
                    return [span], obj, "object"
    return [], None, ""


_TIME_WORDS: frozenset[str] = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "weekend",
        "morning",
        "afternoon",
        "evening",
        "night",
        "day",
        "week",
        "month",
        "year",
    }
)


def _is_time_word(tok: Token) -> bool:
    """ "on Friday", "on the day": a time, not what was reported."""
    return tok.lower_ in _TIME_WORDS or tok.ent_type_ in {"DATE", "TIME"}


def _further_sources(verb: Token) -> tuple[list[Span], list[Span]]:
    """Sources added by "as did X" and sources cited by "citing Y" under a cue verb."""
    extra: list[Span] = []
    cited: list[Span] = []
    for tok in verb.subtree:
        if tok.i == verb.i:
            continue
        if tok.lemma_ == "cite" and tok.head.i == verb.i:
            for obj in tok.children:
                if obj.dep_ in {"dobj", "pobj"}:
                    cited.extend(conjunct_spans(obj))
        if (
            tok.dep_ == "conj"
            and tok.head.i == verb.i
            and tok.pos_ in {"VERB", "AUX"}
            and _repeats_report(tok)
        ):
            for subj in tok.children:
                if subj.dep_ == "nsubj":
                    extra.extend(conjunct_spans(subj))
        if (
            tok.lemma_ == "do"
            and tok.dep_ in {"advcl", "conj"}
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
            and (tok.head.i == verb.i or tok.head.head.i == verb.i)
        ):
            for subj in tok.children:
                if subj.dep_ == "nsubj":
                    extra.extend(conjunct_spans(subj))
    return extra, cited


#: Nouns of a report that a second source "carried" or "published".
_REPORT_NOUNS: frozenset[str] = frozenset(
    {"report", "story", "account", "claim", "statement", "article", "allegation", "version"}
)
#: Verbs by which a second source repeats a report ("carried a similar report").
_CARRY_VERBS: frozenset[str] = frozenset(
    {
        "carry",
        "run",
        "publish",
        "air",
        "print",
        "file",
        "issue",
        "give",
        "make",
        "have",
        "broadcast",
    }
)


def _repeats_report(verb: Token) -> bool:
    """Whether ``verb`` repeats the report of the clause it is joined to.

    "..., and a Russian newspaper carried a similar report" (or "the same story").
    """
    if verb.lemma_ not in _CARRY_VERBS:
        return False
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in _REPORT_NOUNS:
            continue
        mods = {c.lower_ for c in obj.children if c.dep_ in {"amod", "det", "advmod"}}
        if mods & {"similar", "same", "identical", "comparable", "such"}:
            return True
    return False


def _according_to(tok: Token) -> AttributionRelation | None:
    """ "according to X" with the clause it is attached to as content."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    doc = tok.doc
    cue = doc[tok.i : to.i + 1]
    source = subtree_span(pobj)
    head = tok.head
    while head.dep_ not in {"ROOT", "ccomp", "conj", "advcl", "relcl"} and head.head.i != head.i:
        head = head.head
    drop = {t.i for t in tok.subtree}
    content = subtree_span(head, drop)
    return AttributionRelation(
        cue=cue,
        cue_class="report",
        source=source,
        sources=conjunct_spans(pobj),
        content=[content] if content is not None else [],
        content_head=head,
        rule="according-to",
    )


def _quote_governor(tok: Token) -> Token | None:
    """The verb "quote" of "X was quoted as saying", when ``tok`` is its "saying"."""
    head = tok.head
    for _ in range(2):
        if head.lemma_ == "quote" and head.i != tok.i:
            return head
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _orphan_source(tok: Token) -> tuple[Span, int] | None:
    """The noun phrase just before a subjectless closing cue, and the comma before it.

    "..., the state-run news agency (KCNA) reported on Wednesday." is often parsed with the
    agency as an apposition of the clause before; its cue then has no subject.
    """
    doc = tok.doc
    if any(c.dep_ in _SUBJECT_DEPS | {"agent", "expl"} for c in tok.children):
        return None
    if any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in tok.children):
        return None
    sent = tok.sent
    after = [t for t in doc[tok.right_edge.i + 1 : sent.end] if not t.is_punct]
    if after:
        return None
    k = tok.i - 1
    depth = 0
    while k > sent.start:
        text = doc[k].text
        if text == ")":
            depth += 1
        elif text == "(":
            depth -= 1
        elif depth == 0 and text in {",", ";", ":", "—", "–"}:
            break
        k -= 1
    if k <= sent.start or doc[k].text not in {",", ";", ":", "—", "–"}:
        return None
    words = doc[k + 1 : tok.i]
    if not 1 <= len(words) <= 14 or not any(t.pos_ in {"NOUN", "PROPN"} for t in words):
        return None
    for t in words:
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound", "npadvmod"}:
            return None
        if t.pos_ == "SCONJ" or t.lower_ in {"that", "which", "who"}:
            return None
    span = trim(doc, k + 1, tok.i)
    if span is None:
        return None
    return span, k


def _orphan_relation(tok: Token, cue_class: str) -> AttributionRelation | None:
    """ "<content>, <source> <cue>." when the parser left the cue without a subject."""
    if cue_class not in {"statement", "report"}:
        return None
    found = _orphan_source(tok)
    if found is None:
        return None
    span, comma = found
    content = trim(tok.doc, tok.sent.start, comma)
    if content is None or not any(t.pos_ in {"VERB", "AUX"} for t in content):
        return None
    root = span.root
    members = [m for m in conjunct_spans(root) if m.start >= span.start and m.end <= span.end] or [
        span
    ]
    return AttributionRelation(
        cue=_cue_span(tok),
        cue_class=cue_class,
        source=span,
        sources=members,
        content=[content],
        content_head=content.root,
        rule=f"verb:{tok.lemma_}:trailing",
        how="inverted",
    )


def _repeat_relation(tok: Token, lex: CueLexicon) -> AttributionRelation | None:
    """ "A Russian newspaper carried a similar report.": a report pointing back.

    Joined to a cue verb ("NHK reported ..., and a newspaper carried a similar report"), the
    newspaper is a further source of that cue instead (see :func:`_further_sources`).
    """
    if tok.pos_ not in {"VERB", "AUX"} or not _repeats_report(tok):
        return None
    if tok.dep_ == "conj" and lex.cue_class(tok.head.lemma_) is not None:
        return None
    subj, _agent = _subject(tok)
    obj = next(c for c in tok.children if c.dep_ == "dobj")
    content = subtree_span(obj)
    if subj is None or content is None:
        return None
    return AttributionRelation(
        cue=_cue_span(tok),
        cue_class="report",
        source=subtree_span(subj),
        sources=conjunct_spans(subj),
        content=[content],
        content_head=obj,
        rule=f"verb:{tok.lemma_}:similar",
        how="object",
    )


def _verb_relation(tok: Token, lex: CueLexicon) -> AttributionRelation | None:
    """A relation for a cue verb, or ``None`` when ``tok`` is no cue in this parse."""
    if tok.pos_ not in {"VERB", "AUX"} or tok.tag_ == "MD":
        return None
    cue_class = lex.cue_class(tok.lemma_)
    if cue_class is None:
        return _repeat_relation(tok, lex)
    if tok.lemma_ == "cite" and tok.dep_ in {"advcl", "xcomp"}:
        return None  # "citing Y" is part of the governing cue
    orphan = _orphan_relation(tok, cue_class)
    if orphan is not None:
        return orphan
    content, head, how = _content_of(tok, lex, cue_class)
    if not content:
        return None
    subj, _agent = _subject(tok)
    if subj is not None and subj.lower_ in {"that", "which", "who"}:
        # a relative clause: the source is the noun it modifies ("people who say")
        clause = subj.head
        subj = clause.head if clause.dep_ == "relcl" and clause.head.i != clause.i else None
    # "X was quoted as saying": the source is the passive subject of "quote"
    quote = _quote_governor(tok)
    if quote is not None:
        subj = next((c for c in quote.children if c.dep_ == "nsubjpass"), subj)
        cue_class = "report"
        cue = tok.doc[quote.i : tok.i + 1]
    else:
        cue = _cue_span(tok)
    if subj is None and not _is_passive_impersonal(tok) and tok.dep_ not in {"ROOT", "ccomp"}:
        return None
    if subj is not None and subj.dep_ == "nsubjpass" and quote is None:
        subj = None  # "Putin is expected to visit": passive belief or plan, no source
    if subj is None and cue_class == "belief" and not _is_passive_impersonal(tok):
        return None
    source = subtree_span(subj, {t.i for t in cue}) if subj is not None else None
    sources = conjunct_spans(subj) if subj is not None else []
    extra, cited = _further_sources(tok)
    sources.extend(extra)
    negated = cue_negated(tok)
    return AttributionRelation(
        cue=cue,
        cue_class=cue_class,
        source=source,
        sources=sources,
        cited=cited,
        content=content,
        content_head=head,
        negated=negated,
        rule=f"verb:{tok.lemma_}",
        how=how,
    )


#: Verbs that hold a statement back: "declined to confirm", "refused to comment".
WITHHOLDING_VERBS: frozenset[str] = frozenset({"decline", "refuse", "fail", "avoid"})
#: Words that negate a subject: "no official", "neither X nor Y", "nobody".
_NEGATING_SUBJECTS: frozenset[str] = frozenset({"nobody", "none", "neither", "nothing"})


def cue_negated(tok: Token) -> bool:
    """Whether a cue verb says that its speaker did *not* say, confirm or deny something.

    Covers a negation on the verb ("has not confirmed"), a negated subject ("neither Moscow
    nor Pyongyang have confirmed", "no official confirmed", "nobody has confirmed") and a
    withholding verb above it ("declined to confirm", "refused to say").

    Example:
        >>> import spacy
        >>> nlp = spacy.load("en_core_web_sm")  # doctest: +SKIP
        >>> doc = nlp("Neither Rome nor Paris have confirmed the report.")  # doctest: +SKIP
        >>> cue_negated(doc[5])  # doctest: +SKIP
        True
    """
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    for subj in (c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if subj.lower_ in _NEGATING_SUBJECTS:
            return True
        if any(
            c.dep_ in {"det", "preconj"} and c.lower_ in {"no", "neither"} for c in subj.children
        ):
            return True
    head = tok.head
    return tok.dep_ == "xcomp" and head.i != tok.i and head.lemma_.lower() in WITHHOLDING_VERBS


def _colon_relation(tok: Token) -> AttributionRelation | None:
    """ "Trump: 'I will win'": a short name, a colon (or a dash before a quotation), then
    what was said ("Ana Ruiz ― “We are tired.”")."""
    if tok.i == 0 or tok.text not in {":", "―", "—", "–"}:
        return None
    doc = tok.doc
    if tok.text != ":" and (tok.i + 1 >= len(doc) or doc[tok.i + 1].text not in _QUOTE_MARKS):
        return None
    sent = tok.sent
    before = doc[sent.start : tok.i]
    if not 1 <= len(before) <= 6 or not any(t.pos_ == "PROPN" for t in before):
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in before):
        return None
    after_end = sent.end
    content = trim(doc, tok.i + 1, after_end)
    source = trim(doc, before.start, before.end)
    if content is None or source is None:
        return None
    return AttributionRelation(
        cue=doc[tok.i : tok.i + 1],
        cue_class="statement",
        source=source,
        sources=[source],
        content=[content],
        content_head=content.root,
        rule="colon",
    )


def outermost(relations: list[AttributionRelation]) -> list[AttributionRelation]:
    """Only the relations whose cue is not inside another relation's content.

    Cues inside quotation marks count as nested in the quotation's own attribution.
    Annotation schemes where every token belongs to at most one attribution (PolNeAR)
    count only these; :func:`assess` keeps the nested ones for attribution chains.
    """
    return [
        rel
        for rel in relations
        if not _inside_quote(rel.cue[0])
        and not any(
            other is not rel
            and any(span.start <= rel.cue.start < span.end for span in other.content)
            for other in relations
        )
    ]


def _inside_quote(tok: Token) -> bool:
    """Whether an odd number of quotation marks precede ``tok`` in its doc."""
    doc = tok.doc
    marks = sum(1 for t in doc[: tok.i] if t.text in _QUOTE_MARKS)
    return marks % 2 == 1


def find_attributions(
    doc: Doc | Span, lexicon: CueLexicon | None = None
) -> list[AttributionRelation]:
    """Find every attribution (source, cue, content) in a parsed doc or sentence.

    Args:
        doc: A ``Doc`` (or sentence ``Span``) parsed by a spaCy pipeline with a parser.
        lexicon: Cue lexicon; the packaged one when ``None``.

    Returns:
        Relations in text order of their cues.

    Example:
        >>> import spacy  # doctest: +SKIP
        >>> nlp = spacy.load("en_core_web_sm")  # doctest: +SKIP
        >>> [r.source.text for r in find_attributions(nlp("Peace is near, Lee said."))]
        ... # doctest: +SKIP
        ['Lee']
    """
    lex = lexicon or load_lexicon()
    found: list[AttributionRelation] = []
    for tok in doc:
        rel = _according_to(tok) or _verb_relation(tok, lex) or _colon_relation(tok)
        if rel is not None:
            found.append(rel)
    return _cut_at_trailing_sources(_drop_nested(found))


def _cut_at_trailing_sources(found: list[AttributionRelation]) -> list[AttributionRelation]:
    """End each content before the source of a cue that follows it.

    In "Kim praised the ties, the news agency reported." the parser may hang the agency
    under "ties"; the content of "praised" then stops before "the news agency".
    """
    for rel in found:
        cut: list[Span] = []
        for span in rel.content:
            end = span.end
            for other in found:
                src = other.source
                if (
                    other is rel
                    or src is None
                    or not span.start < src.start < end
                    or span.start <= other.cue.start < span.end
                ):
                    continue
                end = src.start
            if end == span.end:
                cut.append(span)
                continue
            trimmed = trim(span.doc, span.start, end)
            if trimmed is not None:
                cut.append(trimmed)
        rel.content = cut
    return found


def _drop_nested(found: list[AttributionRelation]) -> list[AttributionRelation]:
    """Drop a relation whose cue lies inside the source of another ("he said ... said")."""
    out: list[AttributionRelation] = []
    for rel in found:
        inside = any(
            other is not rel
            and other.source is not None
            and other.source.start <= rel.cue.start < other.source.end
            for other in found
        )
        if not inside:
            out.append(rel)
    return out


def is_pronoun(span: Span | None) -> bool:
    """Whether a source span is a bare pronoun ("he", "they")."""
    return span is not None and len(span) == 1 and span[0].lower_ in _PRONOUNS
