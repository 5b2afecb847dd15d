"""Finding actor mentions in a tokenised article.

:func:`find_actors` works on the light pipeline's ``Doc`` (tokenizer and sentencizer only),
so it relies on token text and capitalisation: a case-sensitive phrase matcher finds every
surface form of the knowledge base, then a left-to-right pass joins adjacent pieces into
compound mentions ("South Korean Defense Minister Shin Won-sik", "North Korea's foreign
ministry", "Kremlin spokesman Dmitry Peskov") and resolves short forms ("Kim", "Mr. Shin",
"the North") to earlier full mentions.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from tidings.records import Actor
from tidings.resolve.kb import ActorKB, Entry, Person, Words

logger = logging.getLogger(__name__)

_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_ANCHOR_KINDS = ("igo", "media", "metonym", "country", "demonym")


@dataclass(slots=True)
class _Item:
    """A knowledge-base match over tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]
    kind: str = ""

    def first(self, *kinds: str) -> Entry | None:
        for entry in self.entries:
            if entry.kind in kinds:
                return entry
        return None


@dataclass(slots=True)
class _Matchers:
    """Matchers of one vocabulary."""

    vocab: Vocab
    phrases: PhraseMatcher


@dataclass(slots=True)
class _Context:
    """State of one pass over a document."""

    doc: Doc
    kb: ActorKB
    as_of: dt.date | None
    strict: bool = True
    short_forms: dict[str, Actor] = field(default_factory=dict)


# -- matchers ----------------------------------------------------------------------------


def _matchers(kb: ActorKB, vocab: Vocab) -> _Matchers:
    """The phrase matcher of ``kb`` for ``vocab``, built once and cached on the KB."""
    cache: dict[int, _Matchers] = kb._cache.setdefault("matchers", {})
    found = cache.get(id(vocab))
    if found is not None and found.vocab is vocab:
        return found
    tokenizer: Tokenizer = English(vocab=vocab).tokenizer
    matcher = PhraseMatcher(vocab, attr="ORTH")
    surfaces = list(kb.aliases)
    for surface, doc in zip(surfaces, tokenizer.pipe(surfaces), strict=True):
        matcher.add(surface, [doc])
    built = _Matchers(vocab=vocab, phrases=matcher)
    cache[id(vocab)] = built
    logger.debug("built actor matcher for %d surface forms", len(surfaces))
    return built


def text_doc(kb: ActorKB, text: str) -> Doc:
    """Tokenise ``text`` with a tokenizer kept on the KB (for :func:`resolve_mention`)."""
    nlp = kb._cache.get("tokenizer")
    if nlp is None:
        nlp = English()
        nlp.add_pipe("sentencizer")
        kb._cache["tokenizer"] = nlp
    doc: Doc = nlp(text)
    return doc


def _items(doc: Doc, kb: ActorKB) -> list[_Item]:
    """Longest non-overlapping KB matches, in text order."""
    matchers = _matchers(kb, doc.vocab)
    strings = doc.vocab.strings
    raw = matchers.phrases(doc)
    items = [
        _Item(start, end, strings[match_id], kb.aliases.get(strings[match_id], ()))
        for match_id, start, end in raw
    ]
    items.sort(key=lambda it: (-(it.end - it.start), it.start))
    used = bytearray(len(doc))
    chosen: list[_Item] = []
    for item in items:
        if any(used[item.start : item.end]):
            continue
        for i in range(item.start, item.end):
            used[i] = 1
        item.kind = _kind(item)
        chosen.append(item)
    chosen.sort(key=lambda it: it.start)
    return chosen


def _kind(item: _Item) -> str:
    kinds = {e.kind for e in item.entries}
    for kind in ("person", "igo", "media", "metonym", "country", "demonym", "role"):
        if kind in kinds:
            return kind
    return ""


# -- token tests -------------------------------------------------------------------------


def _is_name_token(token: Token, words: Words) -> bool:
    text = token.text
    return (
        len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and text.replace("-", "").replace(".", "").replace("'", "").isalpha()
        and text not in words.calendar
    )


def _is_sentence_opener(token: Token) -> bool:
    return bool(token.is_sent_start) or token.i == 0 or token.nbor(-1).text in {'"', "\u201c", "("}


def _headline_context(doc: Doc, start: int, end: int) -> bool:
    """Whether the words around a match are in capitals (a headline or a shout)."""
    around = [t for t in doc[max(0, start - 3) : min(len(doc), end + 3)] if t.is_alpha]
    outside = [t for t in around if not (start <= t.i < end)]
    return len(outside) >= 2 and all(t.text.isupper() for t in outside)


def _ambiguous_reject(ctx: _Context, item: _Item, covered: list[_Item | None]) -> bool:
    """Whether a single-word place or country name is more likely part of another name.

    "Michael Jordan", "Jordan Peterson", "Georgia Tech", "Denzel Washington" and "Mr. Chad"
    are rejected; "Jordan", "Jordan's king" and "Georgia and Armenia" are kept.
    """
    doc = ctx.doc
    text = item.surface
    if item.kind not in ("country", "metonym", "demonym"):
        return False
    if text.isupper() and len(text) <= 4:
        return len(text) <= 3 and _headline_context(doc, item.start, item.end)
    if item.end - item.start != 1 or not ctx.strict:
        return False
    if item.start > 0:
        prev = doc[item.start - 1]
        if prev.text in ctx.kb.words.honorifics:
            return True
        if (
            item.kind != "demonym"
            and covered[prev.i] is None
            and _is_name_token(prev, ctx.kb.words)
            and (not _is_sentence_opener(prev) or prev.text.lower() not in ctx.kb.words.openers)
        ):
            return True
    if item.end < len(doc):
        nxt = doc[item.end]
        if covered[nxt.i] is None and _is_name_token(nxt, ctx.kb.words) and not nxt.is_sent_start:
            return True
    return False


# -- building actors ---------------------------------------------------------------------


def _actor(doc: Doc, start: int, end: int, **fields: object) -> Actor:
    span = doc[start:end]
    actor = Actor(text=span.text, start=span.start_char, end=span.end_char)
    for key, value in fields.items():
        setattr(actor, key, value)
    return actor


def _anchor_fields(entry: Entry) -> dict[str, object]:
    return {
        "name": entry.name,
        "country": entry.country,
        "sector": entry.sector,
        "role": entry.role,
        "kb_id": entry.kb_id,
    }


def _person_fields(ctx: _Context, person: Person) -> dict[str, object]:
    term = ctx.kb.term_on(person.kb_id, ctx.as_of)
    return {
        "name": person.name,
        "country": term.country if term else person.country,
        "sector": term.sector if term else None,
        "role": term.role if term else None,
        "kb_id": person.kb_id,
    }


def _name_after(ctx: _Context, start: int, covered: list[_Item | None]) -> int:
    """End token of a capitalised personal name starting at ``start`` (``start`` if none)."""
    doc = ctx.doc
    i = start
    words = 0
    while i < len(doc) and words < 5:
        token = doc[i]
        if covered[i] is not None:
            break
        if _is_name_token(token, ctx.kb.words) and token.text not in ctx.kb.words.honorifics:
            i += 1
            words += 1
            continue
        if (
            token.text == "-"
            and words
            and i + 1 < len(doc)
            and doc[i + 1].is_alpha
            and not doc[i - 1].whitespace_
            and not token.whitespace_
        ):
            i += 2
            continue
        if (
            token.text.lower() in ctx.kb.words.name_particles
            and words
            and i + 1 < len(doc)
            and (_is_name_token(doc[i + 1], ctx.kb.words) or doc[i + 1].text == "-")
        ):
            i += 1
            continue
        if len(token.text) == 2 and token.text[1] == "." and token.text[0].isupper() and words:
            i += 1  # middle initial
            continue
        break
    # a lone capitalised word right before a sentence end is still a name ("Minister Doe.")
    return i if words else start


def _roles_run(
    ctx: _Context, items: list[_Item], j: int, tok: int
) -> tuple[int, int, list[Entry], set[str]]:
    """Consume modifiers and adjacent role items from token ``tok`` / item ``j``.

    Returns the next item index, the next token, the roles and the modifiers seen.
    """
    doc = ctx.doc
    roles: list[Entry] = []
    mods: set[str] = set()
    while True:
        if j < len(items) and items[j].start == tok and items[j].kind == "role":
            entry = items[j].first("role")
            assert entry is not None
            if _adjectival(ctx, items, j):
                break
            roles.append(entry)
            tok = items[j].end
            j += 1
            continue
        if (
            tok < len(doc)
            and doc[tok].text.lower() in ctx.kb.words.modifiers
            and not (j < len(items) and items[j].start == tok)
        ):
            # a modifier only counts when a role follows it
            k = tok
            found: set[str] = set()
            while (
                k < len(doc)
                and doc[k].text.lower() in ctx.kb.words.modifiers
                and not (j < len(items) and items[j].start == k)
            ):
                found.add(doc[k].text.lower())
                k += 1
            if j < len(items) and items[j].start == k and items[j].kind == "role":
                mods |= found
                tok = k
                continue
        break
    return j, tok, roles, mods


def _adjectival(ctx: _Context, items: list[_Item], j: int) -> bool:
    """Whether a role word is used as an adjective: "official media", "official KCNA"."""
    item = items[j]
    if item.surface.lower() not in ctx.kb.words.adjectival_roles:
        return False
    if item.end >= len(ctx.doc):
        return False
    nxt = ctx.doc[item.end]
    followed_by_item = j + 1 < len(items) and items[j + 1].start == item.end
    return followed_by_item or (_is_name_token(nxt, ctx.kb.words) and not nxt.is_sent_start)


def _combine_roles(
    roles: list[Entry], mods: set[str], words: Words
) -> tuple[str, str | None, bool]:
    """Role label, sector and whether it is a single office, for a run of role words."""
    last = roles[-1]
    role = last.role or last.name
    sector = last.sector
    for entry in roles:
        if entry.sector not in (None, "government"):
            sector = entry.sector
            break
    office = last.office and not (mods & words.former)
    if mods & words.deputy and last.office and not role.startswith("deputy"):
        role = f"deputy {role}"
        office = False
    return role, sector, office


def _is_plural_role(surface: str, words: Words) -> bool:
    word = surface.split()[-1].lower()
    return (word.endswith("s") and not word.endswith("ss")) or word in words.plural_roles


def _compose(
    ctx: _Context, items: list[_Item], i: int, covered: list[_Item | None]
) -> tuple[Actor | None, int]:
    """The actor starting at item ``i`` and the index of the next unused item."""
    doc = ctx.doc
    item = items[i]
    if item.kind == "person":
        entry = item.first("person")
        assert entry is not None
        person = ctx.kb.people[entry.kb_id]
        actor = _actor(doc, item.start, item.end, rule="kb:person", **_person_fields(ctx, person))
        _remember(ctx, actor, person.short)
        return actor, i + 1
    if item.kind == "role":
        return _compose_role_first(ctx, items, i, covered)
    anchor = item.first(*_ANCHOR_KINDS)
    if anchor is None:
        return None, i + 1
    if _ambiguous_reject(ctx, item, covered):
        return None, i + 1
    tok = item.end
    possessive = tok < len(doc) and doc[tok].text in _POSSESSIVE
    if possessive:
        tok += 1
    j, after, roles, mods = _roles_run(ctx, items, i + 1, tok)
    if not roles:
        rule = "kb:demonym" if item.kind == "demonym" else f"kb:{_rule_kind(item.kind)}"
        return _actor(doc, item.start, item.end, rule=rule, **_anchor_fields(anchor)), i + 1
    role, sector, office = _combine_roles(roles, mods, ctx.kb.words)
    fields = _anchor_fields(anchor)
    if anchor.kind in ("country", "demonym"):
        fields.update(sector=sector, role=role, name=None)
    elif anchor.kind == "igo":
        fields.update(
            sector=sector if sector in ("military", "police", "judiciary") else anchor.sector,
            role=role,
        )
        fields["name"] = anchor.name
    elif anchor.kind == "metonym":
        fields.update(role=role, sector=anchor.sector if sector == "government" else sector)
    else:  # media
        fields.update(role=role if roles[-1].sector != "media" else anchor.role)
    rule = f"kb:{_rule_kind(item.kind)}+role"
    end = after
    last_surface = doc[items[j - 1].start : items[j - 1].end].text
    plural = _is_plural_role(last_surface, ctx.kb.words)
    # a name after the title: a KB person, or a capitalised name
    if not plural and j < len(items) and items[j].start == after and items[j].kind == "person":
        entry = items[j].first("person")
        assert entry is not None
        person = ctx.kb.people[entry.kb_id]
        fields.update(name=person.name, kb_id=person.kb_id)
        if fields.get("country") in (None, "IGO") and anchor.kind != "igo":
            fields["country"] = person.country
        end = items[j].end
        actor = _actor(doc, item.start, end, rule=rule + "+person", **fields)
        _remember(ctx, actor, person.short)
        return actor, j + 1
    if not plural:
        name_end = _name_after(ctx, after, covered)
        name = _join_name(doc, after, name_end)
        known: Person | None = None
        if name_end > after:
            known = _known_person(ctx, name, fields.get("country"), role)
            if known is None and name_end - after < 2:
                name_end = after  # one unknown word is too weak to be a name
        if name_end > after:
            if known is not None:
                fields.update(name=known.name, kb_id=known.kb_id)
                actor = _actor(doc, item.start, name_end, rule=rule + "+person", **fields)
                _remember(ctx, actor, known.short)
            else:
                fields.update(name=name, kb_id=None)
                actor = _actor(doc, item.start, name_end, rule="title+nationality", **fields)
                _remember(ctx, actor, _short_forms(name))
            return actor, j
        if office and anchor.kind in ("country", "demonym", "metonym"):
            country = str(fields["country"])
            holder = ctx.kb.holder(country, role, ctx.as_of)
            if holder is not None:
                fields.update(name=holder.name, kb_id=holder.kb_id)
                rule += "+date"
    return _actor(doc, item.start, end, rule=rule, **fields), j


def _rule_kind(kind: str) -> str:
    return "alias" if kind in ("country", "igo", "media") else kind


def _compose_role_first(
    ctx: _Context, items: list[_Item], i: int, covered: list[_Item | None]
) -> tuple[Actor | None, int]:
    """A mention that opens with a role: "President Bill Clinton", "president of Armenia"."""
    doc = ctx.doc
    item = items[i]
    j, after, roles, mods = _roles_run(ctx, items, i, item.start)
    if not roles:
        return None, i + 1
    role, sector, office = _combine_roles(roles, mods, ctx.kb.words)
    # role of [the] COUNTRY
    tok = after
    if tok < len(doc) and doc[tok].lower_ == "of":
        tok += 1
        if tok < len(doc) and doc[tok].lower_ == "the":
            tok += 1
        if j < len(items) and items[j].start == tok and items[j].kind in ("country", "igo"):
            anchor = items[j].first("country", "igo")
            assert anchor is not None
            fields = _anchor_fields(anchor)
            fields.update(role=role, name=None if anchor.kind == "country" else anchor.name)
            fields["sector"] = sector if anchor.kind == "country" else anchor.sector
            rule = "kb:role+alias"
            if office and anchor.kind == "country" and anchor.country:
                holder = ctx.kb.holder(anchor.country, role, ctx.as_of)
                if holder is not None:
                    fields.update(name=holder.name, kb_id=holder.kb_id)
                    rule += "+date"
            return _actor(doc, item.start, items[j].end, rule=rule, **fields), j + 1
    if j < len(items) and items[j].start == after and items[j].kind == "person":
        entry = items[j].first("person")
        assert entry is not None
        person = ctx.kb.people[entry.kb_id]
        fields = _person_fields(ctx, person)
        if fields["role"] is None or _has_held(ctx, person, role):
            fields["role"] = role
        fields["sector"] = fields["sector"] or sector
        actor = _actor(doc, item.start, items[j].end, rule="kb:role+person", **fields)
        _remember(ctx, actor, person.short)
        return actor, j + 1
    last_surface = doc[items[j - 1].start : items[j - 1].end].text
    plural = _is_plural_role(last_surface, ctx.kb.words)
    name_end = after if plural else _name_after(ctx, after, covered)
    if name_end > after and doc[item.start].text[:1].isupper():
        name = _join_name(doc, after, name_end)
        known = _known_person(ctx, name, None, role)
        if known is not None:
            fields = _person_fields(ctx, known)
            fields["role"] = role if fields["role"] is None else fields["role"]
            fields["sector"] = fields["sector"] or sector
            actor = _actor(doc, item.start, name_end, rule="kb:role+surname", **fields)
            _remember(ctx, actor, known.short)
            return actor, j
    return None, j if j > i else i + 1


def _has_held(ctx: _Context, person: Person, role: str) -> bool:
    return any(t.role == role for t in ctx.kb.person_terms(person.kb_id))


def _join_name(doc: Doc, start: int, end: int) -> str:
    span = doc[start:end]
    return span.text


def _known_person(
    ctx: _Context, name: str, country: object, role: str | None = None
) -> Person | None:
    for entry in ctx.kb.aliases.get(name, ()):
        if entry.kind == "person" and (country is None or entry.country == country):
            return ctx.kb.people.get(entry.kb_id)
    code = country if isinstance(country, str) and country not in ("IGO", "NGO") else None
    if role is None or (code is None and role not in ctx.kb.words.titles_alone):
        return None
    return ctx.kb.titled_person(name, role, code, ctx.as_of)


def _short_forms(name: str) -> tuple[str, ...]:
    words = [w for w in name.replace("-", " - ").split() if w != "-"]
    forms = {name.split()[-1]}
    if len(name.split()) >= 2:
        first = name.split()[0]
        second = name.split()[1]
        # East Asian order ("Shin Won-sik", "Kim Jong Un"): the family name comes first
        if "-" in second or (len(words) >= 3 and len(first) <= 4):
            forms.add(first)
    return tuple(sorted(forms))


def _remember(ctx: _Context, actor: Actor, forms: tuple[str, ...]) -> None:
    for form in forms:
        ctx.short_forms[form] = actor


# -- coreference -------------------------------------------------------------------------


def _coref(
    ctx: _Context, covered: list[_Item | None], taken: bytearray, actors: list[Actor]
) -> None:
    """Resolve short forms ("Kim", "Mr. Shin", "the North") to earlier full mentions."""
    doc = ctx.doc
    if not actors:
        return
    ordered = sorted(actors, key=lambda a: a.start)
    extra: list[Actor] = []
    for token in doc:
        if taken[token.i]:
            continue
        text = token.text
        if text in ("North", "South") and token.i > 0 and doc[token.i - 1].lower_ == "the":
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and _is_name_token(nxt, ctx.kb.words) and not taken[nxt.i]:
                continue
            code = _north_south(ordered, token.idx, text, ctx.kb.words)
            if code:
                extra.append(
                    _actor(
                        doc,
                        token.i - 1,
                        token.i + 1,
                        name=ctx.kb.country_name(code),
                        country=code,
                        kb_id=f"country:{code}",
                        rule=f"coref:the-{text.lower()}",
                    )
                )
            continue
        if not text[:1].isupper() or text in ctx.kb.words.calendar:
            continue
        antecedent = _antecedent(ordered, ctx.short_forms, text, token.idx)
        if antecedent is None:
            continue
        start = token.i
        if start > 0 and doc[start - 1].text in ctx.kb.words.honorifics and not taken[start - 1]:
            start -= 1
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and _is_name_token(nxt, ctx.kb.words) and not taken[nxt.i]:
            continue  # "Kim Yo Jong" is someone else
        if start == token.i and token.i > 0:
            prev = doc[token.i - 1]
            if (
                _is_name_token(prev, ctx.kb.words)
                and not taken[prev.i]
                and not _is_sentence_opener(prev)
            ):
                continue
        actor = _actor(doc, start, token.i + 1, rule="coref:surname")
        for key in ("name", "country", "sector", "role", "kb_id"):
            setattr(actor, key, getattr(antecedent, key))
        extra.append(actor)
    actors.extend(extra)


def _antecedent(ordered: list[Actor], forms: dict[str, Actor], text: str, at: int) -> Actor | None:
    actor = forms.get(text)
    if actor is None or actor.start >= at:
        return None
    return actor


def _north_south(ordered: list[Actor], at: int, word: str, words: Words) -> str | None:
    seen = [a.country for a in ordered if a.start < at and a.country]
    for pair, mapping in words.north_south:
        if any(c in pair for c in seen):
            return mapping[word]
    return None


# -- prefixes ("U.S.-led", "Russian-backed") --------------------------------------------


def _prefix_actors(ctx: _Context, taken: bytearray) -> list[Actor]:
    doc = ctx.doc
    out: list[Actor] = []
    for token in doc:
        if taken[token.i] or "-" not in token.text[1:]:
            continue
        head = token.text.split("-", 1)[0]
        if not head[:1].isupper():
            continue
        for entry in ctx.kb.aliases.get(head, ()):
            if entry.kind in ("country", "demonym") and entry.country:
                out.append(
                    Actor(
                        text=head,
                        name=entry.name,
                        country=entry.country,
                        kb_id=entry.kb_id,
                        start=token.idx,
                        end=token.idx + len(head),
                        rule="kb:prefix",
                    )
                )
                break
    return out


# -- entry points ------------------------------------------------------------------------


def find_actors(doc: Doc, kb: ActorKB, as_of: dt.date | None) -> list[Actor]:
    """Find and resolve the actor mentions of a tokenised article.

    Args:
        doc: The whole article, tokenised by the light pipeline (no tagger or parser needed).
        kb: The actor knowledge base (its matcher for ``doc.vocab`` is built once and cached).
        as_of: The article's date; roles ("the South Korean president") resolve to the
            person in office on that day. ``None`` leaves such roles unresolved.

    Returns:
        Non-overlapping actors in text order, with offsets into ``doc.text``.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
        >>> kb = ActorKB.load()
        >>> found = find_actors(nlp("Russian troops left."), kb, None)
        >>> [(a.text, a.country, a.sector) for a in found]
        [('Russian troops', 'RUS', 'military')]
    """
    return _find(doc, kb, as_of, strict=True)


def _find(doc: Doc, kb: ActorKB, as_of: dt.date | None, *, strict: bool) -> list[Actor]:
    if len(doc) == 0:
        return []
    ctx = _Context(doc=doc, kb=kb, as_of=as_of, strict=strict)
    items = _items(doc, kb)
    covered: list[_Item | None] = [None] * len(doc)
    for item in items:
        for t in range(item.start, item.end):
            covered[t] = item
    actors: list[Actor] = []
    taken = bytearray(len(doc))
    i = 0
    while i < len(items):
        actor, nxt = _compose(ctx, items, i, covered)
        if actor is not None:
            actors.append(actor)
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is not None:
                for t in range(span.start, span.end):
                    taken[t] = 1
        i = max(nxt, i + 1)
    _coref(ctx, covered, taken, actors)
    actors.extend(_prefix_actors(ctx, taken))
    actors.sort(key=lambda a: a.start)
    return actors


def role_entries(doc: Doc, kb: ActorKB) -> list[tuple[int, int, Entry]]:
    """Role words of ``doc`` as (start char, end char, entry), in text order."""
    out = []
    for item in _items(doc, kb):
        if item.kind == "role":
            entry = item.first("role")
            if entry is not None:
                span = doc[item.start : item.end]
                out.append((span.start_char, span.end_char, entry))
    return out
