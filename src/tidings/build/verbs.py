"""Compile the PETRARCH-2 CAMEO verb dictionary into tidings' verb-pattern table.

The source is ``CAMEO.2.0.txt`` of the Phoenix/PETRARCH-2 dictionaries (Open Event Data
Alliance, MIT licence). Its format:

* ``&NAME`` starts a synonym set whose members follow as ``+WORD`` lines (``_`` joins the
  words of a multi-word member; a trailing ``_`` only stops PETRARCH's stemming).
* ``---  HEAD   [code]  ---`` starts a verb block; ``[code]`` is the block's default code.
* Verb lines follow: ``VERB {IRREGULAR FORMS} [code]``; ``+WORD_WORD`` is a multi-word verb
  (the first word is the verb, the rest must follow it: ``+ASK_FOR``).
* Pattern lines ``- <pre-verb words> * <post-verb words> [code] # origin`` are shared by every
  verb of the block: ``*`` is the verb; bare words after it name the object (the last word is
  its head, the others its modifiers); ``{A B}`` is a multi-word noun phrase; ``(PREP WORDS)``
  a prepositional phrase (``TO/FOR``: either preposition); ``&SET`` any member of a synonym
  set; ``$``, ``+``, ``^`` and ``%`` mark source, target, skipped and compound actors.
* Codes: ``[042:043]`` is the code of the event from source to target and of the reverse
  event from target to source (TABARI's paired codes); ``[:173]`` has only the reverse
  event; ``[---]`` is no event.

What is not compiled (counted in :class:`VerbStats`): the TRANSFORMATIONS section (rules that
re-code an event embedded under "say"/"want"), prepositional phrases before the verb,
multi-word verbs that start with a form of *be*, patterns naming an unknown synonym set.

Run ``python -m tidings.build.verbs CAMEO.2.0.txt [--out FILE]``.
"""

from __future__ import annotations

import argparse
import logging
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

#: Columns of the compiled table, in order.
COLUMNS: tuple[str, ...] = (
    "kind",
    "block",
    "id",
    "verb",
    "forms",
    "pre",
    "object",
    "particles",
    "preps",
    "cameo",
    "reverse",
    "plover_type",
    "plover_mode",
)

#: Bare words after the verb that are particles of a phrasal verb ("set OFF", "put DOWN").
PARTICLES = frozenset(
    {"ahead", "apart", "aside", "away", "back", "down", "forward", "off", "out", "together", "up"}
)
#: Bare words after the verb that open a prepositional phrase (TABARI-style, no parentheses).
PREPOSITIONS = frozenset(
    {
        "about", "across", "against", "along", "alongside", "among", "around", "as", "at",
        "before", "behind", "between", "by", "for", "from", "in", "into", "of", "on", "onto",
        "over", "through", "to", "toward", "towards", "under", "until", "with", "within",
        "without",
    }
)  # fmt: skip
_COPULA = frozenset({"is", "was", "were", "are", "am", "be", "been", "being"})
_MARKERS = frozenset({"$", "+", "^", "%"})
_ITEM = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")
_VERB_LINE = re.compile(r"^(\+?[A-Za-z][\w'.\-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*-*\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")

HEADER = """\
# CAMEO verb patterns for tidings, compiled by `python -m tidings.build.verbs` from
# CAMEO.2.0.txt, the PETRARCH-2 CAMEO verb dictionary of the Phoenix dictionaries:
# Copyright (c) 2015 Open Event Data Alliance, MIT licence (see NOTICE).
# plover_type/plover_mode come from the CAMEO->PLOVER crosswalk in cameo.csv.
# Rows: kind S = a synonym set (block: its &name; object: its members, | between them).
# kind V = a verb of a block (forms: irregular forms the dictionary lists, | between them;
#   cameo: the verb's or else the block's default code).
# kind P = a pattern of a block (id: its number in the block). pre/object: noun phrases
#   before/after the verb, alternatives separated by |, the last word of each is its head,
#   &name stands for any member of a set. particles: words the verb needs. preps:
#   prepositional phrases separated by ;, each PREP[/PREP]=alternatives. cameo: code of the
#   event source->target ("" = no event); reverse: code of the event target->source.
"""


@dataclass(frozen=True, slots=True)
class VerbRow:
    """A verb of a block: lower-case words, the forms the dictionary gives, default code."""

    block: str
    verb: str
    forms: tuple[str, ...]
    cameo: str


@dataclass(frozen=True, slots=True)
class PatternRow:
    """A compiled pattern: what must surround the verb, and the codes it gives."""

    block: str
    id: int
    pre: tuple[str, ...]
    object: tuple[str, ...]
    particles: tuple[str, ...]
    preps: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    cameo: str
    reverse: str

    def key(self) -> tuple[Hashable, ...]:
        """The pattern's elements without its codes (two rows with one key are duplicates)."""
        return (self.pre, self.object, self.particles, self.preps)


@dataclass(slots=True)
class VerbStats:
    """Counts of a compilation, for the build log and the report.

    Attributes:
        blocks: Verb blocks read.
        verbs: Verb rows written (one per verb of a block, multi-word verbs included).
        patterns: Pattern rows written.
        synonym_sets: Synonym sets read.
        skipped: Reason -> number of source lines not compiled.
    """

    blocks: int = 0
    verbs: int = 0
    patterns: int = 0
    synonym_sets: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def _word(text: str) -> str:
    """A dictionary word in lower case, ``_`` read as a space ("PRIME_MINISTER")."""
    return " ".join(w for w in text.strip().strip("+").lower().split("_") if w)


def parse_code(text: str) -> tuple[str, str]:
    """The (source->target, target->source) codes of a ``[...]`` field.

    Example:
        >>> parse_code("042:043"), parse_code(":173"), parse_code("---"), parse_code("080!")
        (('042', '043'), ('', '173'), ('', ''), ('080', ''))
    """
    text = text.strip().rstrip("!")
    first, _, second = text.partition(":")
    first = "" if first.strip() in ("", "---") else first.strip()
    second = "" if second.strip() in ("", "---") else second.strip()
    return first, second


def _strip_comment(line: str) -> str:
    for mark in ("#", ";"):
        cut = line.find(mark)
        if cut >= 0:
            line = line[:cut]
    return line.rstrip()


class _Skip(Exception):
    """A pattern that cannot be compiled, with the reason."""


def _expand(items: Sequence[str], synonyms: dict[str, list[str]]) -> tuple[str, ...]:
    """A noun phrase given as words, ``&SET`` names and ``{...}`` groups, as one space-joined
    phrase; a synonym set stays a ``&name`` word (its members are ``S`` rows of the table)."""
    words: list[str] = []
    for item in items:
        inner = item[1:-1].split() if item.startswith("{") else [item]
        for word in inner:
            if word.startswith("&"):
                if word[1:] not in synonyms:
                    raise _Skip("unknown synonym set")
                words.append("&" + word[1:].lower())
            elif word not in _MARKERS:
                w = _word(word)
                if w:
                    words.append(w)
    return (" ".join(words),) if words else ()


def parse_pattern(text: str, block: str, number: int, synonyms: dict[str, list[str]]) -> PatternRow:
    """Parse the body of a pattern line (without the leading ``-`` and the comment).

    Raises:
        ValueError: When the line has no ``*`` or no code, or cannot be compiled (the
            message is the reason).

    Example:
        >>> p = parse_pattern("* {FOOD AID} (TO BORDER) [073]", "SEND", 1, {})
        >>> p.object, p.preps, p.cameo
        (('food aid',), ((('to',), ('border',)),), '073')
    """
    m = _CODE.search(text)
    if m is None:
        raise ValueError("pattern without a code")
    cameo, reverse = parse_code(m.group(1))
    body = text[: m.start()]
    if "*" not in body:
        raise ValueError("pattern without a verb position")
    before, _, after = body.partition("*")
    try:
        pre_items = [i for i in _ITEM.findall(before) if i not in _MARKERS]
        if any(i.startswith("(") for i in pre_items):
            raise _Skip("prepositional phrase before the verb")
        pre = _expand(pre_items, synonyms)
        obj_items: list[str] = []
        particles: list[str] = []
        preps: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        open_prep: tuple[str, ...] | None = None
        open_items: list[str] = []

        def close() -> None:
            nonlocal open_prep, open_items
            if open_prep is not None:
                preps.append((open_prep, _expand(open_items, synonyms)))
            open_prep, open_items = None, []

        for item in _ITEM.findall(after):
            if item.startswith("("):
                close()
                words = _ITEM.findall(item[1:-1])
                if not words:
                    continue
                head = tuple(_word(p) for p in words[0].split("/") if _word(p))
                preps.append((head, _expand(words[1:], synonyms)))
            elif item in _MARKERS:
                close()
            elif item.lower() in PREPOSITIONS:
                close()
                open_prep = (item.lower(),)
            elif open_prep is not None:
                open_items.append(item)
            elif item.lower() in PARTICLES and not obj_items:
                particles.append(item.lower())
            else:
                obj_items.append(item)
        close()
        obj = _expand(obj_items, synonyms)
    except _Skip as exc:
        raise ValueError(str(exc)) from exc
    return PatternRow(
        block=block,
        id=number,
        pre=pre,
        object=obj,
        particles=tuple(particles),
        preps=tuple(preps),
        cameo=cameo,
        reverse=reverse,
    )


def parse_dictionary(
    lines: Iterable[str], stats: VerbStats | None = None
) -> tuple[list[VerbRow], list[PatternRow], dict[str, list[str]]]:
    """Read the verbs and patterns of a PETRARCH-2 verb dictionary.

    A pattern whose elements repeat an earlier pattern of the same block is dropped (the
    first one wins, as it would in a coder that tries patterns in file order).

    Example:
        >>> text = ["&ARMS", "+RIFLE", "+TANK", "", "####### VERB PATTERNS #######",
        ...         "---  SEND   [---]  ---", "SEND {SENT}", "- * &ARMS  [072]  # SEND"]
        >>> verbs, patterns, synonyms = parse_dictionary(text)
        >>> verbs[0].forms, patterns[0].object, patterns[0].cameo, synonyms["ARMS"]
        (('sent',), ('&arms',), '072', ['rifle', 'tank'])
    """
    stats = stats if stats is not None else VerbStats()
    synonyms: dict[str, list[str]] = {}
    current_set: str | None = None
    in_verbs = False
    block = ""
    block_code = ""
    number = 0
    seen: set[tuple[Hashable, ...]] = set()
    verbs: list[VerbRow] = []
    patterns: list[PatternRow] = []
    for raw in lines:
        stripped = raw.strip()
        if stripped.startswith("#"):
            if "TRANSFORMATIONS" in stripped:
                break
            if "VERB PATTERNS" in stripped:
                in_verbs = True
            continue
        line = _strip_comment(raw).strip()
        if not line:
            current_set = None
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = line[1:].split()[0]
                synonyms[current_set] = []
                stats.synonym_sets += 1
            elif line.startswith("+") and current_set is not None:
                member = _word(line.split()[0])
                if member and member not in synonyms[current_set]:
                    synonyms[current_set].append(member)
            continue
        m = _BLOCK.match(line)
        if m:
            block = m.group(1)
            block_code = parse_code(m.group(2))[0]
            number = 0
            seen = set()
            stats.blocks += 1
            continue
        if line.startswith("-"):
            number += 1
            try:
                pattern = parse_pattern(line[1:], block, number, synonyms)
            except ValueError as exc:
                stats.skipped[str(exc)] += 1
                continue
            if pattern.key() in seen:
                stats.skipped["repeats an earlier pattern of the block"] += 1
                continue
            seen.add(pattern.key())
            patterns.append(pattern)
            continue
        vm = _VERB_LINE.match(line)
        if vm is None or not block:
            stats.skipped["unreadable verb line"] += 1
            continue
        verb = _word(vm.group(1))
        if verb.split()[0] in _COPULA:
            stats.skipped["multi-word verb starting with a form of be"] += 1
            continue
        forms: tuple[str, ...] = ()
        if vm.group(2):
            forms = tuple(
                dict.fromkeys(_word(f) for f in re.split(r"[\s,]+", vm.group(2)[1:-1]) if _word(f))
            )
        code = parse_code(vm.group(3)[1:-1])[0] if vm.group(3) else block_code
        verbs.append(VerbRow(block=block, verb=verb, forms=forms, cameo=code))
    verbs = list({(v.block, v.verb): v for v in verbs}.values())
    stats.verbs, stats.patterns = len(verbs), len(patterns)
    return verbs, patterns, synonyms


def _preps_text(preps: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]) -> str:
    return ";".join("/".join(p) + "=" + "|".join(o) for p, o in preps)


def compile_verbs(source: Path, out: Path) -> VerbStats:
    """Compile the CAMEO verb dictionary at ``source`` into the table at ``out``.

    Each pattern and each verb gets the PLOVER type and mode of its CAMEO code by the
    crosswalk of :class:`tidings.coding.ontology.Ontology`. The output is deterministic
    (source order) and tab-separated, under a header naming the source and its licence.

    Example:
        >>> stats = compile_verbs(Path("CAMEO.2.0.txt"), Path("cameo_verbs.tsv"))  # doctest: +SKIP
        >>> stats.patterns  # doctest: +SKIP
        4600
    """
    from tidings.coding.ontology import Ontology

    onto = Ontology.load()
    stats = VerbStats()
    with source.open(encoding="utf-8", errors="replace") as fh:
        verbs, patterns, synonyms = parse_dictionary(fh, stats)
    used = {
        w[1:]
        for p in patterns
        for phrase in (*p.pre, *p.object, *(o for _, prep in p.preps for o in prep))
        for w in phrase.split()
        if w.startswith("&")
    }
    rows: list[list[str]] = []
    for name, members in synonyms.items():
        if name.lower() in used:
            rows.append(["S", "&" + name.lower(), "", "", "", "", "|".join(members)] + [""] * 6)
    by_block: dict[str, list[PatternRow]] = {}
    for p in patterns:
        by_block.setdefault(p.block, []).append(p)
    blocks = list(dict.fromkeys([v.block for v in verbs] + [p.block for p in patterns]))
    for block in blocks:
        for v in (v for v in verbs if v.block == block):
            ptype, pmode = onto.plover_of(v.cameo) if v.cameo else ("", "")
            rows.append(
                ["V", block, "", v.verb, "|".join(v.forms), "", "", "", "", v.cameo, "",
                 ptype, pmode]
            )  # fmt: skip
        for p in by_block.get(block, []):
            ptype, pmode = onto.plover_of(p.cameo) if p.cameo else ("", "")
            rows.append(
                ["P", block, str(p.id), "", "", "|".join(p.pre), "|".join(p.object),
                 " ".join(p.particles), _preps_text(p.preps), p.cameo, p.reverse, ptype, pmode]
            )  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER)
        fh.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    logger.info(
        "compiled %d verbs and %d patterns of %d blocks (%d synonym sets) into %s; skipped: %s",
        stats.verbs,
        stats.patterns,
        stats.blocks,
        stats.synonym_sets,
        out,
        dict(stats.skipped),
    )
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m tidings.build.verbs SOURCE [--out FILE]``."""
    from tidings.coding.ontology import data_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="CAMEO.2.0.txt (PETRARCH-2 verb dictionary)")
    parser.add_argument(
        "--out", type=Path, default=data_dir() / "cameo_verbs.tsv", help="table to write"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    compile_verbs(args.source, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
