"""Evaluation against PETRARCH validation records (sentence -> CAMEO code + actor codes).

The PETRARCH suites (Open Event Data Alliance, MIT) come in two shapes, both read here: XML
``<Sentence>`` records with ``<EventCoding sourcecode= targetcode= eventcode=>`` and a
``<Text>`` element, and the older TABARI-style records whose text simply follows the coding
line. Gold CAMEO codes are mapped to PLOVER types with the CAMEO->PLOVER crosswalk of the
ontology; codes without a PLOVER type (public statements, the suite's private 9xx codes) mean
"no PLOVER event".

The unit-test suites use fictional actors ("Arnor", "Gondor") coded by toy dictionaries. When
a file names its actor dictionary (``<Actorfile>``) and that file sits in a ``dictionaries``
folder beside it, actors are found with that dictionary; otherwise (real news sentences) the
normal pipeline and actor knowledge base are used.

Events the claims stage marks ``negated`` are left out, as PETRARCH codes negated events as no
event. Metrics: ``n``; ``event_type_accuracy`` (the main predicted event has the PLOVER type of one
of the gold codings; ``NONE`` when no event is expected or predicted); ``triple_accuracy``
(type, source and target agree with the gold codings, actors compared at the level of their
first three letters, the country/organisation code; see :func:`_triple_match`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport, confusions, per_class_scores
from tidings.evaluation.plover import NO_EVENT, main_event
from tidings.evaluation.splits import in_split
from tidings.records import Actor, Event

logger = logging.getLogger(__name__)

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ACTORFILE = re.compile(r'<Actorfile(?:\s+name="([^"]+)"[^>]*>|>\s*([^<\s]+)\s*</Actorfile>)')


@dataclass(slots=True)
class Coding:
    """One gold coding: CAMEO code and source/target actor codes."""

    cameo: str
    source: str
    target: str


@dataclass(slots=True)
class Record:
    """One validation sentence with its gold codings (empty: no event expected)."""

    id: str
    text: str
    date: dt.date | None
    codings: list[Coding] = field(default_factory=list)
    actor_file: Path | None = None


def _attrs(text: str) -> dict[str, str]:
    return {k.lower(): v for k, v in _ATTR.findall(text)}


def _date(value: str) -> dt.date | None:
    digits = re.sub(r"\D", "", value)
    try:
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            year = int(digits[:2])
            return dt.date(
                1900 + year if year > 30 else 2000 + year, int(digits[2:4]), int(digits[4:])
            )
    except ValueError:
        return None
    return None


def _plain_text(body: str) -> str:
    """Text of a TABARI-style record: what follows the last coding, up to the parse tree."""
    after = body
    codings = list(_CODING.finditer(body))
    if codings:
        after = body[codings[-1].end() :]
    after = re.sub(r"</EventCoding>", "", after)
    cut = min((i for i in (after.find("(ROOT"), after.find("<Parse>")) if i >= 0), default=-1)
    if cut >= 0:
        after = after[:cut]
    return " ".join(re.sub(r"<[^>]+>", " ", after).split())


def read_records(path: Path) -> Iterator[Record]:
    """Validation records of a file or of every ``.xml``/``.txt`` file in a folder.

    Records without gold codings (input samples) are skipped; a repeated sentence with the
    same codings is read once.

    Raises:
        EvalError: When a file cannot be read or holds no records.
    """
    files = (
        [path]
        if path.is_file()
        else sorted(p for p in path.iterdir() if p.suffix in (".xml", ".txt") and p.is_file())
    )
    seen: set[tuple[str, tuple[tuple[str, str, str], ...]]] = set()
    found = False
    for file in files:
        try:
            raw = file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise EvalError(f"cannot read PETRARCH records {file}: {exc}") from exc
        actor_file: Path | None = None
        match = _ACTORFILE.search(raw)
        if match:
            name = match.group(1) or match.group(2)
            for folder in (file.parent / "dictionaries", file.parent):
                if (folder / name).is_file():
                    actor_file = folder / name
                    break
        for attrs_text, body in _SENTENCE.findall(_COMMENT.sub("", raw)):
            attrs = _attrs(attrs_text)
            codings_raw = [_attrs(c) for c in _CODING.findall(body)]
            if not codings_raw:
                continue
            codings = [
                Coding(c.get("eventcode", ""), c.get("sourcecode", ""), c.get("targetcode", ""))
                for c in codings_raw
                if c.get("noevents", "").lower() != "true" and c.get("eventcode")
            ]
            text_match = _TEXT.search(body)
            text = " ".join(text_match.group(1).split()) if text_match else _plain_text(body)
            if not text:
                continue
            key = (text, tuple(sorted((c.cameo, c.source, c.target) for c in codings)))
            if key in seen:
                continue
            seen.add(key)
            found = True
            yield Record(
                id=attrs.get("id", ""),
                text=text,
                date=_date(attrs.get("date", "")),
                codings=codings,
                actor_file=actor_file,
            )
    if not found:
        raise EvalError(f"no PETRARCH validation records with gold codings in {path}")


@dataclass(slots=True)
class _Name:
    words: tuple[str, ...]
    exact_end: bool
    codes: list[tuple[str, dt.date | None, dt.date | None]]


class ToyActors:
    """Actor finder for the fictional actors of a PETRARCH validation dictionary.

    Phrases are matched case-insensitively on tokens; a phrase written without a trailing
    underscore also matches words that start with its last word ("ARGENTIN"), as in
    PETRARCH. Date-restricted codes are chosen by the record date.
    """

    def __init__(self, names: list[_Name]) -> None:
        self.names = sorted(names, key=lambda n: -len(n.words))

    @classmethod
    def load(cls, path: Path) -> ToyActors:
        """Read a PETRARCH actor dictionary.

        Raises:
            EvalError: When the file cannot be read.
        """
        try:
            lines = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            raise EvalError(f"cannot read actor dictionary {path}: {exc}") from exc
        names: list[_Name] = []
        group: list[_Name] = []
        for raw in lines.splitlines():
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip() or line.lstrip().startswith("<"):
                continue
            codes = _codes(line)
            head = re.sub(r"\[[^\]]*\]|\{[^}]*\}", "", line).strip()
            if raw[:1] in (" ", "\t") and not head:
                if group:
                    group[0].codes += codes  # synonyms share this list
                continue
            if head.startswith("+"):
                name = _name(head[1:], [])
                if group:
                    name.codes = group[0].codes  # the same list: later codes reach both
                group.append(name)
                names.append(name)
                continue
            if head:
                group = [_name(head, codes)]
                names.append(group[0])
        # synonyms share the code list of their group head
        return cls([n for n in names if n.words])

    def find(self, doc: Any, offset: int, day: dt.date | None) -> list[Actor]:
        """Actor mentions in a tokenised text (article offsets)."""
        out: list[Actor] = []
        i = 0
        tokens = list(doc)
        while i < len(tokens):
            hit: tuple[_Name, int] | None = None
            for name in self.names:
                n = len(name.words)
                if i + n > len(tokens):
                    continue
                if all(tokens[i + k].text.upper() == name.words[k] for k in range(n - 1)) and (
                    tokens[i + n - 1].text.upper() == name.words[-1]
                    or (
                        not name.exact_end
                        and tokens[i + n - 1].text.upper().startswith(name.words[-1])
                    )
                ):
                    hit = (name, n)
                    break
            if hit is None:
                i += 1
                continue
            name, n = hit
            code = _pick_code(name.codes, day)
            span = doc[i : i + n]
            if code:
                out.append(
                    Actor(
                        text=span.text,
                        name=" ".join(name.words).title(),
                        country=code,
                        start=offset + span.start_char,
                        end=offset + span.end_char,
                        rule="petrarch:toy-dictionary",
                    )
                )
            i += n
        return out


def _name(text: str, codes: list[tuple[str, dt.date | None, dt.date | None]]) -> _Name:
    text = text.strip()
    exact = text.endswith("_")
    words = tuple(w for w in re.split(r"[_\s]+", text.upper()) if w)
    return _Name(words=words, exact_end=exact, codes=list(codes))


def _codes(line: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
    out: list[tuple[str, dt.date | None, dt.date | None]] = []
    for block in re.findall(r"\[([^\]]*)\]", line):
        parts = block.split()
        if not parts:
            continue
        code, rest = parts[0], " ".join(parts[1:])
        lo: dt.date | None = None
        hi: dt.date | None = None
        if m := re.match(r"<\s*(\d+)", rest):
            hi = _date(m.group(1))
        elif m := re.match(r">\s*(\d+)", rest):
            lo = _date(m.group(1))
        elif m := re.match(r"(\d+)\s*-\s*(\d+)", rest):
            lo, hi = _date(m.group(1)), _date(m.group(2))
        for single in code.split("/"):
            out.append((single, lo, hi))
    return out


def _pick_code(
    codes: list[tuple[str, dt.date | None, dt.date | None]], day: dt.date | None
) -> str | None:
    default: str | None = None
    for code, lo, hi in codes:
        if lo is None and hi is None:
            default = default or code
            continue
        if day is not None and (lo is None or day >= lo) and (hi is None or day <= hi):
            return _clean(code)
    return _clean(default) if default else None


def _clean(code: str) -> str | None:
    code = code.strip().upper()
    if not code or code.startswith(("---", "+++", "###", "~")):
        return None
    return code


def country_level(code: str) -> str:
    """First three letters of a PETRARCH actor code; ``""`` for none or unknown (``---``)."""
    code = code.strip().upper()
    return "" if not code or code.startswith(("---", "+++")) else code[:3]


def _side(actors: list[Actor]) -> set[str]:
    return {a.country[:3].upper() for a in actors if a.country}


def _triple_match(
    gold: list[tuple[str, str, str, str]], pred_type: str, src: set[str], tgt: set[str]
) -> bool:
    """Whether the prediction agrees with the gold codings of its type.

    PETRARCH writes one coding per source/target pair of a compound actor, so a predicted
    side matches when it names no actor outside the gold codings of that type and some
    coding pairs one of its sources with one of its targets (an empty side matching an
    empty gold side).
    """
    same = [g for g in gold if g[0] == pred_type]
    if not same:
        return False
    if pred_type == NO_EVENT:
        return True
    gold_src = {g[1] for g in same if g[1]}
    gold_tgt = {g[2] for g in same if g[2]}
    if not src <= gold_src or not tgt <= gold_tgt:
        return False
    return any(
        ((g[1] in src) if g[1] else not src) and ((g[2] in tgt) if g[2] else not tgt) for g in same
    )


def _events_toy(record: Record, res: Any, toy: ToyActors) -> list[Event]:
    """The pipeline's events for a record, with the suite's toy actor dictionary."""
    from tidings.pipeline import analyze_articles, text_article

    published = record.date.isoformat() if record.date else None
    article = text_article(record.text, published=published, origin="<petrarch>")
    result = analyze_articles(
        [article], res, actor_finder=lambda doc, _kb, as_of: toy.find(doc, 0, as_of)
    )
    return result[0].events


def evaluate(path: Path, res: Any, *, limit: int | None = None, split: str = "all") -> EvalReport:
    """Score the pipeline on PETRARCH validation records.

    Args:
        path: A records file or a folder of them (with ``dictionaries/`` for toy actors).
        res: Loaded :class:`tidings.pipeline.Resources`.
        limit: Evaluate at most this many records (of the split).
        split: ``tune``, ``check`` or ``all`` (see :mod:`tidings.evaluation.splits`); records
            are split by their id.

    Example:
        >>> evaluate(Path("../shared/data/petrarch2-validation"), res).metrics  # doctest: +SKIP
        {'n': 300.0, 'event_type_accuracy': ..., 'triple_accuracy': ...}
    """
    from tidings.pipeline import analyze_text

    ontology = res.ontology
    toy_res = dataclasses.replace(res, ontology=dataclasses.replace(ontology, kb=None))
    real_res = res
    if getattr(ontology, "kb", None) is None and getattr(res, "kb", None) is not None:
        real_res = dataclasses.replace(res, ontology=ontology.with_kb(res.kb))
    toys: dict[Path, ToyActors] = {}
    gold_labels: list[str] = []
    pred_labels: list[str] = []
    type_ok = triple_ok = 0
    errors: list[dict[str, Any]] = []
    records = (r for r in read_records(path) if in_split("petrarch", r.id, split))
    for n, record in enumerate(records):
        if limit is not None and n >= limit:
            break
        if record.actor_file is not None:
            toy = toys.get(record.actor_file)
            if toy is None:
                toy = toys[record.actor_file] = ToyActors.load(record.actor_file)
            events = _events_toy(record, toy_res, toy)
        else:
            published = record.date.isoformat() if record.date else None
            events = analyze_text(record.text, real_res, published=published).events
        # PETRARCH codes negated events as no event (its 9xx codes)
        event = main_event([e for e in events if e.status != "negated"])
        pred_type = event.type if event else NO_EVENT
        pred_src = _side(event.source) if event else set()
        pred_tgt = _side(event.target) if event else set()
        gold = [
            (
                ontology.plover_of(c.cameo)[0] or NO_EVENT,
                country_level(c.source),
                country_level(c.target),
                c.cameo,
            )
            for c in record.codings
        ] or [(NO_EVENT, "", "", "")]
        if all(g[0] == NO_EVENT for g in gold):
            gold = [(NO_EVENT, "", "", gold[0][3])]
        type_hit = any(g[0] == pred_type for g in gold)
        triple_hit = _triple_match(gold, pred_type, pred_src, pred_tgt)
        type_ok += type_hit
        triple_ok += triple_hit
        best = next((g for g in gold if g[0] == pred_type), gold[0])
        gold_labels.append(best[0])
        pred_labels.append(pred_type)
        if not triple_hit:
            errors.append(
                {
                    "id": record.id,
                    "text": record.text,
                    "gold": [
                        {"type": g[0], "cameo": g[3], "source": g[1], "target": g[2]} for g in gold
                    ],
                    "predicted": {
                        "type": pred_type,
                        "cameo": event.cameo if event else None,
                        "source": sorted(pred_src),
                        "target": sorted(pred_tgt),
                        "trigger": event.evidence.trigger.text
                        if event and event.evidence.trigger
                        else None,
                        "rule": event.rule if event else None,
                    },
                }
            )
    total = len(gold_labels)
    if total == 0:
        raise EvalError(f"no PETRARCH records evaluated in {path}")
    return EvalReport(
        kind="petrarch",
        metrics={
            "n": float(total),
            "event_type_accuracy": type_ok / total,
            "triple_accuracy": triple_ok / total,
        },
        per_class=per_class_scores(gold_labels, pred_labels),
        confusion=confusions(gold_labels, pred_labels),
        errors=errors,
        path=str(path),
    )
