"""The compiler of the PETRARCH-2 CAMEO verb dictionary, on a toy dictionary in its format."""

from __future__ import annotations

import csv
from pathlib import Path

from tidings.build.verbs import compile_verbs, parse_code, parse_dictionary, parse_pattern
from tidings.coding.lexicon import skip_comments

TOY = """\
# A toy verb dictionary in the PETRARCH-2 format.
# The MIT License (MIT)

####### SYNONYM SETS #######

&GRAIN
+WHEAT
+BARLEY
+RICE_
+MAIZE_FLOUR

&SOLDIERS
+TROOPS
+SOLDIERS

####### VERB PATTERNS #######

---  HURL   [---]  ---
HURL
FLING {FLUNG FLINGING FLINGS}
+THROW_IN {+THREW_IN +THROWN_IN}  [036]
- * &GRAIN                                        [073]         # HURL
- * STONES (AT &SOLDIERS)                         [145]         # FLING
- * (TO)                                          [042:043]     # HURL
- &SOLDIERS * {SMOKE GRENADES}                    [175]         # HURL
- * OFF CARGO                                     [---]         # FLING
- * &GRAIN                                        [074]         # HURL
- * INSULTS (AT ^) TOWARD +                       [:112]        # HURL

---  BEFRIEND   [051]  ---
BEFRIEND
- * &UNKNOWNSET                                   [050]         # BEFRIEND

######## TRANSFORMATIONS ##########
~ a (a b HURL) SAY = a b 015
"""


def test_parse_code_reads_pairs_reverse_and_no_event() -> None:
    assert parse_code("145") == ("145", "")
    assert parse_code("042:043") == ("042", "043")
    assert parse_code(":112") == ("", "112")
    assert parse_code("---") == ("", "")


def test_pattern_elements() -> None:
    p = parse_pattern(" * STONES (AT &SOLDIERS) [145]", "HURL", 2, {"SOLDIERS": ["troops"]})
    assert p.object == ("stones",)
    assert p.preps == ((("at",), ("&soldiers",)),)
    assert p.cameo == "145"
    bare = parse_pattern(" * INSULTS (AT ^) TOWARD + [:112]", "HURL", 7, {})
    assert bare.preps == ((("at",), ()), (("toward",), ()))
    assert (bare.cameo, bare.reverse) == ("", "112")
    particle = parse_pattern(" * OFF CARGO [---]", "HURL", 5, {})
    assert particle.particles == ("off",) and particle.object == ("cargo",)


def test_dictionary_blocks_verbs_and_skips() -> None:
    verbs, patterns, synonyms = parse_dictionary(TOY.splitlines())
    assert synonyms["GRAIN"] == ["wheat", "barley", "rice", "maize flour"]
    by_verb = {v.verb: v for v in verbs}
    assert by_verb["fling"].forms == ("flung", "flinging", "flings")
    assert by_verb["throw in"].cameo == "036"  # the verb's own code
    assert by_verb["befriend"].cameo == "051"  # the block's code
    assert by_verb["hurl"].cameo == ""
    # the repeated &GRAIN pattern and the unknown set are dropped; the transformation ignored
    assert [p.id for p in patterns] == [1, 2, 3, 4, 5, 7]
    assert patterns[3].pre == ("&soldiers",) and patterns[3].object == ("smoke grenades",)


def test_compile_writes_table_with_header_and_plover_types(tmp_path: Path) -> None:
    source = tmp_path / "toy.txt"
    source.write_text(TOY, encoding="utf-8")
    out = tmp_path / "verbs.tsv"
    stats = compile_verbs(source, out)
    assert (stats.blocks, stats.verbs, stats.patterns, stats.synonym_sets) == (2, 4, 6, 2)
    assert stats.skipped["unknown synonym set"] == 1
    text = out.read_text(encoding="utf-8")
    assert "Open Event Data Alliance" in text and "MIT" in text
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(skip_comments(fh), delimiter="\t", quoting=csv.QUOTE_NONE))
    grain = next(r for r in rows if r["kind"] == "S" and r["block"] == "&grain")
    assert grain["object"] == "wheat|barley|rice|maize flour"
    aid = next(r for r in rows if r["kind"] == "P" and r["id"] == "1")
    assert (aid["cameo"], aid["plover_type"]) == ("073", "AID")
    stones = next(r for r in rows if r["kind"] == "P" and r["id"] == "2")
    assert stones["preps"] == "at=&soldiers" and stones["plover_type"] == "PROTEST"
    # deterministic: a second run writes the same bytes
    again = tmp_path / "again.tsv"
    compile_verbs(source, again)
    assert again.read_bytes() == out.read_bytes()
