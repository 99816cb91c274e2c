"""The unit-number gazetteer: pairs stated in the text, the seeded table, resolved ids and growing the table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.grammars.unit_gazetteer import (
    GazetteerEntry,
    Observation,
    gazetteer,
    grow,
    lookup,
    read_gazetteer,
    write_gazetteer,
)
from extract.grammars.unit_links import find_unit_links, resolve_short_ids
from extract.grammars.units import find_units

CASES = Path(__file__).parent / "cases"


def _cases(name: str) -> list[list[str]]:
    out = []
    for line in (CASES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


@pytest.mark.parametrize(("lang", "text", "expected"), _cases("unit_links.tsv"))
def test_unit_link_cases(lang: str, text: str, expected: str) -> None:
    text = text.replace("\\n", "\n").replace("\\t", "\t")
    units = find_units(text, lang)
    got = [
        [units[link.number_index].military_unit_number, units[link.designation_index].id, link.rule]
        for link in find_unit_links(text, units)
    ]
    assert got == json.loads(expected)


def test_short_ids_resolve_only_to_one_full_id() -> None:
    ids = ["155-brigade-naval_infantry", "155-brigade", "4-division", "4-division-tank", "4-division-motor_rifle"]
    assert resolve_short_ids(ids) == {"155-brigade": "155-brigade-naval_infantry"}
    assert resolve_short_ids(["vch-12345", "storm-z", "1-army"]) == {}


def test_every_gazetteer_row_is_read_by_the_unit_grammar_to_its_id() -> None:
    rows = gazetteer()
    assert len(rows) >= 24, "the seeded gazetteer holds a few dozen attested pairs"
    for entry in rows.values():
        assert entry.military_unit_number.isdigit() and len(entry.military_unit_number) == 5, entry
        found = find_units(entry.designation, "ru")
        assert [u.id for u in found] == [entry.id], (entry.designation, [u.id for u in found])
        assert entry.source.startswith(("http", "corpus: ", "single source: ")), entry
        assert entry.origin in ("seed", "corpus")


def test_lookup_folds_the_written_forms() -> None:
    some = next(iter(gazetteer().values()))
    assert lookup(some.military_unit_number) == some
    assert lookup("99999") is None


def _obs(number: str, id_: str, sha: str) -> Observation:
    return Observation(number, id_, f"designation of {id_}", sha, f"dump/{sha}.txt", f"в/ч {number}")


def test_grow_adds_a_pair_only_from_enough_distinct_documents() -> None:
    seeded = [GazetteerEntry("30926", "155-brigade-naval_infantry", "155-я …", "https://example.org/a")]
    observations = [
        _obs("11111", "1-army-tank", "a"),
        _obs("11111", "1-army-tank", "a"),  # the same document twice is one witness
        _obs("22222", "4-division-tank", "a"),
        _obs("22222", "4-division-tank", "b"),
        _obs("30926", "155-brigade-naval_infantry", "c"),  # agrees with the seed: nothing to do
        _obs("30926", "810-brigade-naval_infantry", "d"),  # disagrees: a conflict, never an overwrite
    ]
    growth = grow(seeded, observations, min_documents=2)
    assert [(e.military_unit_number, e.id, e.documents, e.origin) for e in growth.added] == [
        ("22222", "4-division-tank", 2, "corpus")
    ]
    assert growth.pending == [("11111", "1-army-tank", 1)]
    assert growth.conflicts == [("30926", "155-brigade-naval_infantry", "810-brigade-naval_infantry", 1)]
    assert [e.id for e in growth.entries if e.military_unit_number == "30926"] == ["155-brigade-naval_infantry"]


def test_grow_refreshes_counts_and_reports_two_designations_for_one_number() -> None:
    grown = [GazetteerEntry("22222", "4-division-tank", "4-я …", "corpus: x", 2, "corpus")]
    observations = [_obs("22222", "4-division-tank", s) for s in "abc"]
    observations += [_obs("33333", "1-army-tank", s) for s in "ab"] + [_obs("33333", "2-army", s) for s in "cd"]
    growth = grow(grown, observations, min_documents=2)
    assert [(e.military_unit_number, e.documents) for e in growth.updated] == [("22222", 3)]
    assert not growth.added
    assert sorted(c[2] for c in growth.conflicts) == ["1-army-tank", "2-army"]


def test_gazetteer_file_round_trips(tmp_path: Path) -> None:
    entries = [
        GazetteerEntry("30926", "155-brigade-naval_infantry", "155-я бригада", "https://example.org/a"),
        GazetteerEntry("22222", "4-division-tank", "4-я дивизия", "corpus: a.txt", 3, "corpus"),
    ]
    path = tmp_path / "g.tsv"
    write_gazetteer(path, entries)
    assert sorted(read_gazetteer(path), key=lambda e: e.military_unit_number) == sorted(
        entries, key=lambda e: e.military_unit_number
    )


def test_a_known_number_resolves_to_its_designation_and_counts_link_to_it() -> None:
    from extract.nlp.analyze import analyze_text
    from extract.settings import load_settings

    text = "Из в/ч 30926 с начала года бежали 40 военнослужащих. В/ч 99999 в газеттире нет."
    result = analyze_text(text, load_settings().nlp, lang="ru")
    units = result.records["units"]
    assert [(u.military_unit_number, u.resolved_id) for u in units] == [
        ("30926", "155-brigade-naval_infantry"),
        ("99999", "vch-99999"),
    ]
    (count,) = result.records["counts"]
    assert count.value == 40 and count.unit == 0


def test_the_gazetteer_command_grows_the_table_from_documents(tmp_path: Path) -> None:
    import subprocess
    import sys

    dump = tmp_path / "dump"
    dump.mkdir()
    for i in range(2):
        (dump / f"n{i}.txt").write_text(
            f"Сообщение {i}. Военнослужащие в/ч 77777 (81-й гвардейский мотострелковый полк) жалуются на командование.",
            encoding="utf-8",
        )
    (dump / "other.txt").write_text("В/ч 66666 (3-я мотострелковая дивизия) упомянута однажды.", encoding="utf-8")
    db, table = tmp_path / "s.sqlite", tmp_path / "gazetteer.tsv"
    write_gazetteer(table, [GazetteerEntry("30926", "155-brigade-naval_infantry", "155-я бригада", "https://x")])

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "extract.cli", "-q", *args], capture_output=True, text=True, timeout=300, check=True
        )

    cli("run", str(dump), "--db", str(db))
    report = cli("gazetteer", "--db", str(db), "--gazetteer", str(table))
    assert "would add\t77777\t81-regiment-motor_rifle\t2 documents" in report.stdout
    assert "pending\t66666\t3-division-motor_rifle\t1 of 2 documents" in report.stdout
    assert [e.military_unit_number for e in read_gazetteer(table)] == ["30926"]  # only reported
    cli("gazetteer", "--db", str(db), "--gazetteer", str(table), "--write")
    grown = {e.military_unit_number: e for e in read_gazetteer(table)}
    assert grown["77777"].id == "81-regiment-motor_rifle" and grown["77777"].documents == 2
    assert grown["77777"].origin == "corpus" and grown["77777"].source.startswith("corpus: ")
    assert "66666" not in grown
