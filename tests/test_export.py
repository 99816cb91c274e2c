"""Export of records, and pseudonymization of persons."""

import json
from pathlib import Path

from extract.export import Pseudonymizer, export
from extract.store import Store
from extract.worker import DocumentResult


def _store_with_person(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "s.sqlite")
    run_id = store.start_run(
        pipeline_version="v", settings={}, settings_hash="h", sources=[], force=False, executor="serial", workers=1
    )
    result = DocumentResult(
        sha256="f00",
        format="text",
        parser_key="text/1:x",
        lang="ru",
        records={
            "persons": [
                {
                    "text": "рядовой Иванов Пётр Сергеевич",
                    "char_start": 0,
                    "char_end": 29,
                    "rule": "t",
                    "name": "Иванов Пётр Сергеевич",
                    "rank": "рядовой",
                    "page": None,
                }
            ]
        },
    )
    store.save_result(result, [("list.txt", 1)], run_id, "v")
    return store


def test_person_rows_are_exported_with_provenance(tmp_path: Path) -> None:
    store = _store_with_person(tmp_path)
    export(store, "jsonl", tmp_path / "out")
    (row,) = [json.loads(x) for x in (tmp_path / "out" / "persons.jsonl").read_text().splitlines()]
    assert row["name"] == "Иванов Пётр Сергеевич" and row["rank"] == "рядовой"
    assert row["doc_sha256"] == "f00" and row["page"] is None and row["char_end"] == 29


def test_pseudonymized_names_are_stable_per_key_and_hide_the_name(tmp_path: Path) -> None:
    store = _store_with_person(tmp_path)
    outputs = {}
    for label, key in (("a", b"first secret key"), ("b", b"first secret key"), ("c", b"other secret key")):
        export(store, "jsonl", tmp_path / label, pseudonymizer=Pseudonymizer(key))
        text = (tmp_path / label / "persons.jsonl").read_text()
        assert "Иванов" not in text and "secret" not in text
        outputs[label] = json.loads(text.splitlines()[0])
    assert outputs["a"]["name"] == outputs["b"]["name"] != outputs["c"]["name"]
    assert outputs["a"]["rank"] == "рядовой"
    # ё/е and case variants of one name share a pseudonym
    p = Pseudonymizer(b"first secret key")
    assert p.pseudonym("Иванов Пётр Сергеевич") == p.pseudonym("ИВАНОВ ПЕТР  СЕРГЕЕВИЧ") == outputs["a"]["name"]


def test_unit_ids_survive_the_store(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite")
    run_id = store.start_run(pipeline_version="v", settings={}, settings_hash="h", sources=[], force=False,
                             executor="serial", workers=1)  # fmt: skip
    unit = {"text": "155 обрмп", "char_start": 0, "char_end": 9, "rule": "abbreviation", "military_unit_number": None,
            "number": 155, "echelon": "brigade", "branch": "naval_infantry", "guards": False,
            "id": "155-brigade-naval_infantry", "page": None}  # fmt: skip
    store.save_result(DocumentResult(sha256="u1", format="text", parser_key="k", records={"units": [unit]}),
                      [("u.txt", 9)], run_id, "v")  # fmt: skip
    (row,) = store.iter_records("units")
    assert row["id"] == "155-brigade-naval_infantry" and row["guards"] is False and row["record_id"] == 1
