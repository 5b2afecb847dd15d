"""Joining adjacent knowledge-base matches into compound actor mentions.

"South Korean Defense Minister Shin Won-sik", "North Korea's foreign ministry", "Kremlin
spokesman Dmitry Peskov", "president of Armenia", "President Bush": a nationality, country,
metonym or organisation, then role words, then a personal name, in any useful subset.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.records import Actor
from tidings.resolve._base import (
    ANCHOR_KINDS,
    POSSESSIVE,
    Context,
    Item,
    actor_at,
    is_name_token,
    is_sentence_opener,
    remember,
)
from tidings.resolve.kb import Entry, Person, Words


def _headline_context(doc: Doc, start: int, end: int) -> bool:
    """Whether the words around a match are in capitals (a headline or a shout)."""
    around = [t for t in doc[max(0, start - 3) : min(len(doc), end + 3)] if t.is_alpha]
    outside = [t for t in around if not (start <= t.i < end)]
    return len(outside) >= 2 and all(t.text.isupper() for t in outside)


def _ambiguous_reject(ctx: Context, item: Item, covered: list[Item | None]) -> bool:
    """Whether a single-word place or country name is more likely part of another name.

    "Michael Jordan", "Jordan Peterson", "Georgia Tech", "Denzel Washington" and "Mr. Chad"
    are rejected; "Jordan", "Jordan's king", "Georgia and Armenia" and "southern Lebanon"
    are kept; a demonym before a group noun stays ("Iraqi Kurds") but not before another name
    ("Indian Ocean", "Chinese New Year").
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
            and is_name_token(prev, ctx.kb.words)
            and prev.text.lower() not in ctx.kb.words.directions
            and (not is_sentence_opener(prev) or prev.text.lower() not in ctx.kb.words.openers)
        ):
            return True
    if item.end < len(doc):
        nxt = doc[item.end]
        if (
            covered[nxt.i] is None
            and is_name_token(nxt, ctx.kb.words)
            and not nxt.is_sent_start
            and not (item.kind == "demonym" and nxt.text.lower() in ctx.kb.words.group_nouns)
        ):
            return True
    return False


def _anchor_fields(entry: Entry) -> dict[str, object]:
    return {
        "name": entry.name,
        "country": entry.country,
        "sector": entry.sector,
        "role": entry.role,
        "kb_id": entry.kb_id,
    }


def _person_fields(ctx: Context, person: Person) -> dict[str, object]:
    term = ctx.kb.term_on(person.kb_id, ctx.as_of)
    return {
        "name": person.name,
        "country": term.country if term else person.country,
        "sector": term.sector if term else None,
        "role": term.role if term else None,
        "kb_id": person.kb_id,
    }


def _name_after(ctx: Context, start: int, covered: list[Item | None]) -> int:
    """End token of a capitalised personal name starting at ``start`` (``start`` if none)."""
    doc = ctx.doc
    i = start
    words = 0
    while i < len(doc) and words < 5:
        token = doc[i]
        if covered[i] is not None:
            break
        if is_name_token(token, ctx.kb.words) and token.text not in ctx.kb.words.honorifics:
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
            and (is_name_token(doc[i + 1], ctx.kb.words) or doc[i + 1].text == "-")
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
    ctx: Context, items: list[Item], j: int, tok: int
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


def _adjectival(ctx: Context, items: list[Item], j: int) -> bool:
    """Whether a role word is used as an adjective: "official media", "official KCNA"."""
    item = items[j]
    if item.surface.lower() not in ctx.kb.words.adjectival_roles:
        return False
    if item.end >= len(ctx.doc):
        return False
    nxt = ctx.doc[item.end]
    followed_by_item = j + 1 < len(items) and items[j + 1].start == item.end
    return followed_by_item or (is_name_token(nxt, ctx.kb.words) and not nxt.is_sent_start)


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


def compose(
    ctx: Context, items: list[Item], i: int, covered: list[Item | None]
) -> tuple[Actor | None, int]:
    """The actor starting at item ``i`` and the index of the next unused item."""
    doc = ctx.doc
    item = items[i]
    if item.kind == "person":
        entry = item.first("person")
        assert entry is not None
        person = ctx.kb.people[entry.kb_id]
        actor = actor_at(doc, item.start, item.end, rule="kb:person", **_person_fields(ctx, person))
        remember(ctx, actor, person.short)
        return actor, i + 1
    if item.kind == "role":
        return _compose_role_first(ctx, items, i, covered)
    anchor = item.first(*ANCHOR_KINDS)
    if anchor is None:
        return None, i + 1
    if _ambiguous_reject(ctx, item, covered):
        return None, i + 1
    tok = item.end
    possessive = tok < len(doc) and doc[tok].text in POSSESSIVE
    if possessive:
        tok += 1
    j, after, roles, mods = _roles_run(ctx, items, i + 1, tok)
    if not roles:
        rule = "kb:demonym" if item.kind == "demonym" else f"kb:{_rule_kind(item.kind)}"
        return actor_at(doc, item.start, item.end, rule=rule, **_anchor_fields(anchor)), i + 1
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
        actor = actor_at(doc, item.start, end, rule=rule + "+person", **fields)
        remember(ctx, actor, person.short)
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
                actor = actor_at(doc, item.start, name_end, rule=rule + "+person", **fields)
                remember(ctx, actor, known.short)
            else:
                fields.update(name=name, kb_id=None)
                actor = actor_at(doc, item.start, name_end, rule="title+nationality", **fields)
                remember(ctx, actor, _short_forms(name))
            return actor, j
        if office and anchor.kind in ("country", "demonym", "metonym"):
            country = str(fields["country"])
            holder = ctx.kb.holder(country, role, ctx.as_of)
            if holder is not None:
                fields.update(name=holder.name, kb_id=holder.kb_id)
                rule += "+date"
    return actor_at(doc, item.start, end, rule=rule, **fields), j


def _rule_kind(kind: str) -> str:
    return "alias" if kind in ("country", "igo", "media") else kind


def _compose_role_first(
    ctx: Context, items: list[Item], i: int, covered: list[Item | None]
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
            return actor_at(doc, item.start, items[j].end, rule=rule, **fields), j + 1
    if j < len(items) and items[j].start == after and items[j].kind == "person":
        entry = items[j].first("person")
        assert entry is not None
        person = ctx.kb.people[entry.kb_id]
        fields = _person_fields(ctx, person)
        if fields["role"] is None or _has_held(ctx, person, role):
            fields["role"] = role
        fields["sector"] = fields["sector"] or sector
        actor = actor_at(doc, item.start, items[j].end, rule="kb:role+person", **fields)
        remember(ctx, actor, person.short)
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
            actor = actor_at(doc, item.start, name_end, rule="kb:role+surname", **fields)
            remember(ctx, actor, known.short)
            return actor, j
    return None, j if j > i else i + 1


def _has_held(ctx: Context, person: Person, role: str) -> bool:
    return any(t.role == role for t in ctx.kb.person_terms(person.kb_id))


def _join_name(doc: Doc, start: int, end: int) -> str:
    span = doc[start:end]
    return span.text


def _known_person(
    ctx: Context, name: str, country: object, role: str | None = None
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
