"""The CAMEO verb dictionary, matched on the dependency parse.

The table ``tidings/data/plover/cameo_verbs.tsv`` is compiled by :mod:`tidings.build.verbs`
from the PETRARCH-2 CAMEO verb dictionary (Open Event Data Alliance, MIT). Each verb belongs
to a block whose patterns say what must surround it: an object ("rush AID"), a phrasal
particle ("set OFF"), prepositional phrases ("rush (TO BORDER)"), a subject ("&MILITARY *").
:meth:`VerbDictionary.match` reads those off a verb token's dependents:

* object: the head of a ``dobj``/``attr``/``oprd``/``acomp``/``xcomp``/``nsubjpass``/``dative``
  child, its modifiers among the words left of it ("humanitarian aid");
* prepositions: ``prep``/``agent``/``dative`` children of the verb and of its object, with
  the ``pobj`` of each;
* particles: ``prt``/``advmod``/``prep`` children of the verb, or the next word;
* subject: the ``nsubj`` of the verb (or of the verb it is coordinated with).

Every element of a pattern must be present; the pattern with the highest score wins (2 per
noun-phrase head, 1 per modifier, preposition or particle), the first in the dictionary on a
tie, so "rushed aid to X" is AID by its object before a visit by a bare "(TO)". A verb none
of whose patterns match gets its default code.
"""

from __future__ import annotations

import csv
import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from tidings.errors import ConfigError

logger = logging.getLogger(__name__)

#: Dependents of a verb that hold its object.
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "acomp", "xcomp", "nsubjpass", "dative"})
#: Dependents that hold a prepositional phrase.
PREP_DEPS = frozenset({"prep", "agent", "dative"})
#: Dependents that hold a phrasal particle.
PARTICLE_DEPS = frozenset({"prt", "advmod", "prep"})
#: Largest number of word sequences a noun phrase is expanded to.
MAX_ALTERNATIVES = 5000

#: A noun phrase: head word -> the modifier words each alternative needs.
Phrase = dict[str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One compiled pattern of a verb block.

    Attributes:
        block: The block's head verb (upper case, as in the dictionary).
        id: Number of the pattern in its block.
        pre, object: Noun phrases before/after the verb (``None``: not required).
        particles: Words the verb needs as particles.
        preps: (prepositions, object phrase or ``None``) per prepositional phrase.
        cameo: CAMEO code of the event source->target (``""``: no event).
        reverse: CAMEO code of the reverse event target->source.
        type, mode: PLOVER type and mode of ``cameo`` by the crosswalk.
    """

    block: str
    id: int
    pre: Phrase | None
    object: Phrase | None
    particles: tuple[str, ...]
    preps: tuple[tuple[frozenset[str], Phrase | None], ...]
    cameo: str
    reverse: str
    type: str
    mode: str


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """A verb of a block: its first word indexes it, the other words must follow it."""

    block: str
    words: tuple[str, ...]
    cameo: str
    type: str
    mode: str


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """What the dictionary says about a verb token.

    Attributes:
        cameo, type, mode: The coded values (type ``""``: no PLOVER event).
        reverse: CAMEO code of the reverse event, if the pattern has one.
        rule: ``cameo:<BLOCK>:<pattern id>``, or ``cameo:<BLOCK>:default``.
        specific: Whether a pattern (not the bare verb's default) decided.
        score: Number of matched words of the pattern (0 for a default).
    """

    cameo: str
    type: str
    mode: str
    reverse: str
    rule: str
    specific: bool
    score: int


def singular(word: str) -> str:
    """A naive singular of a dictionary word, so that "sanctions" meets the lemma "sanction".

    Example:
        >>> singular("rallies"), singular("troops"), singular("talks"), singular("press")
        ('rally', 'troop', 'talk', 'press')
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _phrase(text: str, synonyms: dict[str, list[str]]) -> Phrase | None:
    """A noun phrase of the table (``a b|c``, ``&set`` words) as head -> modifiers."""
    if not text:
        return None
    out: dict[str, list[tuple[str, ...]]] = {}
    for alternative in text.split("|"):
        positions = [
            synonyms.get(w[1:], []) if w.startswith("&") else [w] for w in alternative.split()
        ]
        size = 1
        for p in positions:
            size *= max(len(p), 1)
        if size > MAX_ALTERNATIVES:
            logger.debug("noun phrase %r has %d alternatives; cut", alternative, size)
        for words in itertools.islice(itertools.product(*positions), MAX_ALTERNATIVES):
            seq = " ".join(words).split()
            if not seq:
                continue
            mods = tuple(seq[:-1])
            for head in {seq[-1], singular(seq[-1])}:
                out.setdefault(head, [])
                if mods not in out[head]:
                    out[head].append(mods)
    return {k: tuple(v) for k, v in out.items()} or None


def _keys(tok: Token) -> tuple[str, ...]:
    low = tok.lower_
    lemma = tok.lemma_.lower()
    return (lemma, low) if lemma != low else (low,)


def _phrase_score(phrase: Phrase, tok: Token) -> int:
    """Score of ``phrase`` headed by ``tok``: 2 for the head, 1 per modifier (0: no match)."""
    best = 0
    mods_here: set[str] | None = None
    for key in _keys(tok):
        for mods in phrase.get(key, ()):
            if mods:
                if mods_here is None:
                    mods_here = {k for left in tok.lefts for t in left.subtree for k in _keys(t)}
                    mods_here |= {singular(k) for k in mods_here}
                if not all(m in mods_here or singular(m) in mods_here for m in mods):
                    continue
            best = max(best, 2 + len(mods))
    return best


def _with_conjuncts(tok: Token) -> Iterator[Token]:
    yield tok
    yield from tok.conjuncts


@dataclass(slots=True)
class _Context:
    """The dependents of one verb token, read once for all of its patterns."""

    objects: list[Token]
    preps: list[tuple[str, list[Token]]]
    particles: set[str]
    subjects: list[Token]

    @classmethod
    def of(cls, verb: Token) -> _Context:
        objects = [o for c in verb.children if c.dep_ in OBJECT_DEPS for o in _with_conjuncts(c)]
        preps: list[tuple[str, list[Token]]] = []
        for holder in [verb, *objects]:
            for c in holder.children:
                if c.dep_ in PREP_DEPS:
                    pobj = [o for g in c.children if g.dep_ == "pobj" for o in _with_conjuncts(g)]
                    preps.append((c.lower_, pobj))
        particles = {c.lower_ for c in verb.children if c.dep_ in PARTICLE_DEPS}
        doc = verb.doc
        if verb.i + 1 < len(doc):
            particles.add(doc[verb.i + 1].lower_)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ in ("conj", "xcomp"):
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        return cls(objects, preps, particles, [s for t in subjects for s in _with_conjuncts(t)])


def _score(pattern: VerbPattern, ctx: _Context) -> int:
    """Matched words of ``pattern`` around the verb, or 0 when an element is missing."""
    score = 0
    for particle in pattern.particles:
        if particle not in ctx.particles:
            return 0
        score += 1
    if pattern.object is not None:
        phrase = pattern.object
        best = max((_phrase_score(phrase, o) for o in ctx.objects), default=0)
        if not best:
            return 0
        score += best
    for preps, obj in pattern.preps:
        best = 0
        for prep, pobjs in ctx.preps:
            if prep not in preps:
                continue
            if obj is None:
                best = max(best, 1)
            else:
                got = max((_phrase_score(obj, p) for p in pobjs), default=0)
                if got:
                    best = max(best, 1 + got)
        if not best:
            return 0
        score += best
    if pattern.pre is not None:
        phrase = pattern.pre
        best = max((_phrase_score(phrase, s) for s in ctx.subjects), default=0)
        if not best:
            return 0
        score += best
    return score


@dataclass(slots=True)
class VerbDictionary:
    """The compiled CAMEO verb dictionary, indexed by verb.

    Build it with :meth:`load`; read-only afterwards.

    Attributes:
        verbs: Verb word (first word of a multi-word verb, or a listed form) -> entries.
        patterns: Block -> its patterns in dictionary order.
        forms: Every listed or derived surface form of a verb -> the verb word.
    """

    verbs: dict[str, list[VerbEntry]] = field(default_factory=dict)
    patterns: dict[str, list[VerbPattern]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls, path: Path, irregular: dict[str, tuple[str, ...]] | None = None
    ) -> VerbDictionary:
        """Read the compiled table at ``path``.

        Args:
            path: A ``cameo_verbs.tsv`` written by :func:`tidings.build.verbs.compile_verbs`.
            irregular: Irregular verb table (base -> forms) used to inflect the verbs.

        Raises:
            ConfigError: When the file is missing or malformed.

        Example:
            >>> from tidings.coding.ontology import data_dir
            >>> verbs = VerbDictionary.load(data_dir() / "cameo_verbs.tsv")
            >>> "rush" in verbs.verbs
            True
        """
        from tidings.coding.lexicon import skip_comments, verb_forms

        try:
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(
                    csv.DictReader(skip_comments(fh), delimiter="\t", quoting=csv.QUOTE_NONE)
                )
        except OSError as exc:
            raise ConfigError(f"cannot read the CAMEO verb table {path}: {exc}") from exc
        out = cls()
        synonyms: dict[str, list[str]] = {}
        try:
            for row in rows:
                kind = row["kind"]
                if kind == "S":
                    synonyms[row["block"][1:]] = row["object"].split("|")
                elif kind == "V":
                    words = tuple(row["verb"].split())
                    entry = VerbEntry(
                        row["block"], words, row["cameo"], row["plover_type"], row["plover_mode"]
                    )
                    out.verbs.setdefault(words[0], []).append(entry)
                    listed = [f.split() for f in row["forms"].split("|") if f.strip()]
                    for form in [*verb_forms(words[0], irregular), *(f[0] for f in listed)]:
                        out.forms.setdefault(form, words[0])
                    for first in {f[0] for f in listed} - {words[0]}:
                        out.verbs.setdefault(first, []).append(entry)
                elif kind == "P":
                    preps: list[tuple[frozenset[str], Phrase | None]] = []
                    for part in filter(None, row["preps"].split(";")):
                        head, _, obj = part.partition("=")
                        preps.append((frozenset(head.split("/")), _phrase(obj, synonyms)))
                    out.patterns.setdefault(row["block"], []).append(
                        VerbPattern(
                            block=row["block"],
                            id=int(row["id"]),
                            pre=_phrase(row["pre"], synonyms),
                            object=_phrase(row["object"], synonyms),
                            particles=tuple(row["particles"].split()),
                            preps=tuple(preps),
                            cameo=row["cameo"],
                            reverse=row["reverse"],
                            type=row["plover_type"],
                            mode=row["plover_mode"],
                        )
                    )
        except (KeyError, ValueError, AttributeError) as exc:
            raise ConfigError(f"malformed CAMEO verb table {path}: {exc}") from exc
        logger.debug(
            "loaded %d CAMEO verbs, %d blocks of patterns", len(out.verbs), len(out.patterns)
        )
        return out

    def entries(self, tok: Token) -> list[VerbEntry]:
        """The dictionary verbs a token may be (by lemma or by surface form)."""
        found: list[VerbEntry] = []
        for key in _keys(tok):
            found += self.verbs.get(key, ())
        return found

    def match(self, verb: Token, *, defaults: bool = True) -> VerbMatch | None:
        """The best reading of ``verb`` by the dictionary, or ``None``.

        Args:
            verb: A verb token of a parsed sentence.
            defaults: Fall back to the bare verb's default code when no pattern matches.

        Example:
            >>> import spacy  # doctest: +SKIP
            >>> verbs.match(nlp("They rushed food to the city.")[1]).cameo  # doctest: +SKIP
            '073'
        """
        entries = self.entries(verb)
        if not entries:
            return None
        ctx: _Context | None = None
        best: tuple[int, VerbPattern] | None = None
        default: VerbEntry | None = None
        seen: set[str] = set()
        for entry in entries:
            if len(entry.words) > 1:
                if ctx is None:
                    ctx = _Context.of(verb)
                if not all(w in ctx.particles for w in entry.words[1:]):
                    continue
            if default is None and entry.cameo:
                default = entry
            if entry.block in seen:
                continue
            seen.add(entry.block)
            for pattern in self.patterns.get(entry.block, ()):
                if ctx is None:
                    ctx = _Context.of(verb)
                score = _score(pattern, ctx)
                if score and (best is None or score > best[0]):
                    best = (score, pattern)
        if best is not None:
            p = best[1]
            return VerbMatch(
                p.cameo, p.type, p.mode, p.reverse, f"cameo:{p.block}:{p.id}", True, best[0]
            )
        if defaults and default is not None:
            return VerbMatch(
                default.cameo,
                default.type,
                default.mode,
                "",
                f"cameo:{default.block}:default",
                False,
                0,
            )
        return None

    def pattern_nouns(self, verb: str) -> set[str]:
        """Head words (as in the table, and their naive singulars) of the noun phrases after
        the verb (objects, objects of prepositions) that the patterns of ``verb`` with a
        PLOVER type name: the cheap candidate test wants one after the verb.

        Example:
            >>> from tidings.coding.ontology import data_dir
            >>> verbs = VerbDictionary.load(data_dir() / "cameo_verbs.tsv")
            >>> "troops" in verbs.pattern_nouns("rush")
            True
        """
        out: set[str] = set()
        for entry in self.verbs.get(verb, ()):
            for p in self.patterns.get(entry.block, ()):
                if not p.type:
                    continue
                for phrase in (p.object, *(obj for _, obj in p.preps)):
                    if phrase:
                        out.update(phrase)
        return out

    def may_code(self, verb: str, *, defaults: bool) -> bool:
        """Whether ``verb`` can give a PLOVER event: one of its patterns (or, with
        ``defaults``, its default code) has a PLOVER type.

        Example:
            >>> from tidings.coding.ontology import data_dir
            >>> VerbDictionary.load(data_dir() / "cameo_verbs.tsv").may_code("rush", defaults=False)
            True
        """
        for entry in self.verbs.get(verb, ()):
            if defaults and entry.type:
                return True
            if any(p.type for p in self.patterns.get(entry.block, ())):
                return True
        return False
