"""``tidings compile-dictionaries``: one command rebuilds every compiled dictionary file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tidings.cli import main

# Toy dictionaries in the Phoenix/PETRARCH-2 formats, with invented names.
VERBS = """\
# toy verb dictionary
####### SYNONYM SETS #######

&PARCELS
+PARCELS
+CRATES

####### VERB PATTERNS #######

---  TOSS   [---]  ---
TOSS
- * &PARCELS                                      [073]         # TOSS
- * STONES (AT)                                   [145]         # TOSS
"""
COUNTRIES = """\
QUILLAN_ORBE_
\t[FRAGOV 150101-191231]
"""
INTERNATIONAL = """\
BLUE_LANTERN_TRUST_ [NGOHLH]
"""
NONSTATE = """\
SOUTHERN_MARSH_FRONT_ [SYRREB]
"""
AGENTS = """\
DOCK_WARDEN [~COP]
"""


def _write_source(folder: Path, *, verbs: bool = True) -> Path:
    folder.mkdir(parents=True)
    (folder / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, encoding="utf-8")
    (folder / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (folder / "Phoenix.MilNonState.actors.txt").write_text(NONSTATE, encoding="utf-8")
    (folder / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    if verbs:
        (folder / "CAMEO.2.0.txt").write_text(VERBS, encoding="utf-8")
    return folder


def _source(tmp_path: Path) -> Path:
    return _write_source(tmp_path / "phoenix")


def test_compile_dictionaries_writes_verbs_and_actors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["compile-dictionaries", str(_source(tmp_path)), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "verbs:" in result.output and "actors:" in result.output
    table = (out / "cameo_verbs.tsv").read_text(encoding="utf-8")
    assert "toss" in table.lower() and "073" in table
    names = sorted(p.name for p in out.glob("phoenix_*.csv"))
    assert names == [
        "phoenix_agents.csv",
        "phoenix_groups.csv",
        "phoenix_people.csv",
        "phoenix_terms.csv",
    ]


def test_compile_dictionaries_is_reproducible(tmp_path: Path) -> None:
    source = _source(tmp_path)
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = CliRunner().invoke(main, ["compile-dictionaries", str(source), "--out", str(out)])
        assert result.exit_code == 0, result.output
    for made in first.iterdir():
        assert made.read_bytes() == (second / made.name).read_bytes(), made.name


def test_compile_dictionaries_names_the_missing_verb_file(tmp_path: Path) -> None:
    folder = _write_source(tmp_path / "phoenix", verbs=False)
    result = CliRunner().invoke(
        main, ["compile-dictionaries", str(folder), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "CAMEO.2.0.txt" in result.output
