"""Compiling Phoenix-format actor dictionaries and loading them into the actor KB.

The dictionaries here are toy ones written for these tests (invented people and groups).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import spacy

from tidings.build.actors import (
    Code,
    compile_actors,
    display_name,
    is_noise,
    main,
    parse_actors,
    parse_agents,
    parse_code,
    parse_date,
)
from tidings.resolve import ActorKB, find_actors
from tidings.resolve.kb import DEFAULT_PATH, KnowledgeBaseError

COUNTRIES = """\
# toy country file
ELBONIA_ [FRA]
+ELBONIAN_

MARTA_VELLANOVA_  # a minister who moved on to a second country
+M._VELLANOVA_
	[FRAGOV 020101-071231]
	[ITAGOVMIL 20080101-20121231]
	[FRAELI]
ODO_KRANTZBERG_
	[DEUGOV 700101-851231]
GUSTAVO_PELLIGRANO_
	[BRAGOV >100301]
FRENCH_RIVER_GUARD_
+RIVER_GUARD_
	[FRAMIL]
"""

INTERNATIONAL = """\
ZEPHYR_RELIEF_NETWORK_ [NGOHLH]
+ZRN_
CONTINENTAL_COUNCIL_OF_TIDES_ [IGOEUR]
ACME_GLOBAL_HOLDINGS_ [MNCUSA]
HARBOUR_WATCH_SOCIETY_ [NGOFRAHRI]
QUORVEX_SEA_  [---]
LOWER_TIDE_ASSEMBLY_
	[FRAGOVLEG]
"""

NONSTATE = """\
NORTHERN_QUORVEX_FRONT_ [SYRREB] # invented
+QUORVEX_
+DAWN_
+NQF_
SILENT_BRIGADE_OF_THE_MARSH_ [IMGMUSREB]
DRIFTING_QUORVEX_FRONT_ [WEUREB]
QUORVEX_SKY_LEGION_ [IMGMUS]
"""

AGENTS = """\
!P! = MAN, MEN
BLIMP_PILOT [~MIL]
HARBOUR!P! [~COP]
TEA_TASTER [~AGR]
"""


def _write_source(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, encoding="utf-8")
    (folder / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (folder / "Phoenix.MilNonState.actors.txt").write_text(NONSTATE, encoding="utf-8")
    (folder / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the hand-written KB with the toy Phoenix files compiled into it."""
    root = tmp_path_factory.mktemp("phoenix")
    kb_dir = root / "kb"
    kb_dir.mkdir()
    for item in DEFAULT_PATH.iterdir():
        if item.is_file() and not item.name.startswith("phoenix_"):
            shutil.copy(item, kb_dir / item.name)
    compile_actors(_write_source(root / "src"), kb_dir, kb_path=kb_dir)
    return kb_dir


def test_dates_of_both_widths_and_the_century_pivot() -> None:
    assert parse_date("090120") == dt.date(2009, 1, 20)
    assert parse_date("650101") == dt.date(1965, 1, 1)
    assert parse_date("20090120") == dt.date(2009, 1, 20)
    with pytest.raises(ValueError, match="YYMMDD"):
        parse_date("2004017")


def test_codes_open_ranges_and_bad_dates() -> None:
    since = parse_code("USAGOV >090120")
    assert since is not None and since.start == dt.date(2009, 1, 20) and since.end is None
    until = parse_code("USAGOV <920305")
    assert until is not None and until.start is None and until.end == dt.date(1992, 3, 5)
    assert parse_code("KORGOV 2004017-20061201") is None
    assert parse_code("---") == Code("---")
    plain = parse_code("SYRREB")
    assert plain is not None and plain.country == "SYR" and plain.sectors == ("REB",)


def test_blocks_collect_names_aliases_and_codes() -> None:
    blocks = list(parse_actors(COUNTRIES.splitlines()))
    marta = next(b for b in blocks if b.names[0] == "MARTA_VELLANOVA_")
    assert marta.names == ["MARTA_VELLANOVA_", "M._VELLANOVA_"]
    assert [c.code for c in marta.codes] == ["FRAGOV", "ITAGOVMIL", "FRAELI"]
    assert [c.dated for c in marta.codes] == [True, True, False]


def test_agents_expand_macros() -> None:
    phrases = {a.phrase: a.code for a in parse_agents(AGENTS.splitlines())}
    assert phrases == {
        "BLIMP_PILOT": "MIL",
        "HARBOURMAN": "COP",
        "HARBOURMEN": "COP",
        "TEA_TASTER": "AGR",
    }


def test_display_names_keep_particles_acronyms_and_inner_capitals() -> None:
    assert display_name("HAZEL_O'TOOLE_") == "Hazel O'Toole"
    assert display_name("RUPERT_MCGLINN") == "Rupert McGlinn"
    assert display_name("NQF") == "NQF"
    assert display_name("FARID_AL-QURMAZI") == "Farid al-Qurmazi"
    assert display_name("US_HARBOUR_BOARD") == "US Harbour Board"
    assert display_name("XO_VELTRAN", person=True) == "Xo Veltran"


def test_noise_rule_drops_ordinary_words_and_keeps_specific_names() -> None:
    ordinary = frozenset({"dawn", "silent", "brigade", "marsh", "front", "northern"})
    assert is_noise("Dawn", ordinary, frozenset())
    assert is_noise("Silent Brigade of the Marsh", ordinary, frozenset())
    assert not is_noise("Northern Quorvex Front", ordinary, frozenset())
    assert not is_noise("Northern Front", ordinary, frozenset({"Northern"}))
    assert is_noise("QX", ordinary, frozenset())


def test_compiled_files_name_source_and_licence(compiled: Path) -> None:
    for name in ("people", "terms", "groups", "agents"):
        head = (compiled / f"phoenix_{name}.csv").read_text(encoding="utf-8").splitlines()[:2]
        assert "Open Event Data Alliance, MIT licence" in head[1]


def test_compiler_leaves_out_old_people_companies_and_region_groups(compiled: Path) -> None:
    people = (compiled / "phoenix_people.csv").read_text(encoding="utf-8")
    assert "Marta Vellanova" in people
    assert "Krantzberg" not in people  # every role ended before 1990
    groups = (compiled / "phoenix_groups.csv").read_text(encoding="utf-8")
    assert "Acme" not in groups  # a company
    assert "Drifting Quorvex Front,,,rebel,WEUREB" in groups  # a region: no country
    assert "Quorvex Sky Legion,,IMG,rebel,IMGMUS" in groups


def test_cli_writes_into_the_out_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = _write_source(tmp_path / "src")
    assert main([str(source), "--out", str(out)]) == 0
    assert (out / "phoenix_people.csv").is_file()


def test_kb_loads_phoenix_person_with_dated_countries(compiled: Path) -> None:
    kb = ActorKB.load(compiled)
    (entry,) = kb.lookup("Marta Vellanova")
    assert entry.kind == "person"
    early = kb.term_on(entry.kb_id, dt.date(2005, 6, 1))
    late = kb.term_on(entry.kb_id, dt.date(2010, 6, 1))
    assert early is not None and early.country == "FRA"
    assert late is not None and (late.country, late.sector) == ("ITA", "government")
    assert kb.term_on(entry.kb_id, dt.date(2015, 6, 1)) is None
    assert kb.people[entry.kb_id].country == "FRA"


def test_person_resolves_to_the_country_of_the_role_on_the_article_date(compiled: Path) -> None:
    kb = ActorKB.load(compiled)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Marta Vellanova signed the accord on Tuesday.")
    (in_2005,) = find_actors(doc, kb, dt.date(2005, 6, 1))
    (in_2010,) = find_actors(doc, kb, dt.date(2010, 6, 1))
    assert in_2005.country == "FRA"
    assert in_2010.country == "ITA"


def test_non_state_group_is_coded_by_its_country(compiled: Path) -> None:
    kb = ActorKB.load(compiled)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Fighters of the Northern Quorvex Front shelled a village.")
    found = [a for a in find_actors(doc, kb, dt.date(2020, 1, 1)) if "Quorvex" in a.text]
    assert [(a.country, a.sector) for a in found] == [("SYR", "rebel")]
    assert kb.lookup("NQF")[0].country == "SYR"
    assert not kb.lookup("Dawn")  # an ordinary word is not an alias
    assert not kb.lookup("Drifting Quorvex Front")  # a region's group: no country to code it by
    assert not kb.lookup("Quorvex Sky Legion")  # a transnational group: no country either
    assert kb.lookup("Zephyr Relief Network")[0].country == "NGO"
    assert kb.lookup("Continental Council of Tides")[0].country == "IGO"
    assert kb.lookup("Harbour Watch Society")[0].country == "FRA"  # an NGO of one country
    assert not kb.lookup("Quorvex Sea")  # an explicitly uncoded name
    assert kb.lookup("Lower Tide Assembly")[0].country == "FRA"


def test_hand_entries_win_and_parts_switch_off(compiled: Path) -> None:
    kb = ActorKB.load(compiled, phoenix=["people", "groups", "agents"])
    assert all(e.country == "FRA" for e in kb.lookup("France"))
    assert kb.lookup("blimp pilots")[0].sector == "military"
    assert not ActorKB.load(compiled).lookup("blimp pilots")  # agents are loaded on request
    bare = ActorKB.load(compiled, phoenix=())
    assert not bare.lookup("Marta Vellanova") and not bare.lookup("NQF")
    only_groups = ActorKB.load(compiled, phoenix=["groups"])
    assert only_groups.lookup("NQF") and not only_groups.lookup("Marta Vellanova")
    with pytest.raises(KnowledgeBaseError, match="unknown Phoenix part"):
        ActorKB.load(compiled, phoenix=["companies"])
