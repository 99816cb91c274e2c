"""Lists of servicemen: column headers, list lines, tables of every format, totals, tallies, OCR."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extract.aggregates import person_tallies
from extract.document import ParsedDocument
from extract.evaluation.leaks import LEAKS, _pair, read_file
from extract.parsers.builder import TextBuilder
from extract.rosters import find_roster
from extract.rosters.columns import column_of_header
from extract.settings import load_settings

CASES = Path(__file__).parent / "cases"


def _table(name: str) -> list[list[str]]:
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _doc(text: str) -> ParsedDocument:
    builder = TextBuilder()
    builder.add_block(text)
    return ParsedDocument(text=builder.text(), format="text", parser="test", parser_version="0", blocks=builder.blocks)


@pytest.mark.parametrize(("header", "field"), _table("roster_columns.tsv"))
def test_column_headers(header: str, field: str) -> None:
    assert column_of_header(header) == (None if field == "-" else field)


@pytest.mark.parametrize(("line", "name", "rank", "birth", "event_date", "unit", "article"), _table("roster_lines.tsv"))
def test_list_lines(line: str, name: str, rank: str, birth: str, event_date: str, unit: str, article: str) -> None:
    persons = find_roster(_doc(line)).persons
    if name == "-":
        assert persons == []
        return
    assert len(persons) == 1
    p = persons[0]
    got = (p.name, p.rank, p.birth_date, p.event_date, p.military_unit_number, p.article)
    assert got == tuple(None if v == "-" else v for v in (name, rank, birth, event_date, unit, article))


def test_document_unit_wording_and_total_mismatch() -> None:
    text = (
        "Список военнослужащих войсковой части 40404, самовольно оставивших часть\n"
        "1. рядовой Полевой Глеб Ильич, 02.03.1991 г.р., убыл 04.05.2024;\n"
        "2. ефрейтор Луговой Клим Осипович, 03.04.1992 г.р., убыл 05.06.2024.\n"
        "Всего: 3 военнослужащих"
    )
    roster = find_roster(_doc(text))
    assert [p.military_unit_number for p in roster.persons] == ["40404", "40404"]
    assert [p.event for p in roster.persons] == ["awol", "awol"]
    assert roster.persons[0].key == "полевой глеб ильич|1991-03-02"
    assert roster.warnings == ["list total: the document states 3, 2 person rows were found"]


def _truth(name: str) -> list[dict]:
    rows = [json.loads(line) for line in (LEAKS / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["file"] == name]


@pytest.mark.parametrize(
    "name",
    [
        "spisok-ruled.pdf",
        "spisok-unruled-67890.pdf",
        "svedeniya-szch.docx",
        "spisok-szch-titled.xlsx",
        "vygruzka-soch.csv",
        "bez-zagolovka.csv",
        "prikaz-spisok-63630.txt",
    ],
)
def test_generated_lists(name: str) -> None:
    read = read_file(LEAKS / name, load_settings())
    truth = _truth(name)
    pairs = _pair(truth, read.rows)
    fields = ("name", "rank", "birth_date", "military_unit_number", "event", "event_date", "article")
    right = sum(f is not None and all(f[k] == t[k] for k in fields) for t, f in pairs)
    assert len(read.rows) == len(truth)
    assert right / len(truth) >= 0.99
    assert not read.warnings


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_scan_ocr() -> None:
    name = "scan-spisok-74740.pdf"
    read = read_file(LEAKS / name, load_settings())
    pairs = _pair(_truth(name), read.rows)
    assert sum(f is not None and f["name"] == t["name"] for t, f in pairs) / len(pairs) >= 0.9
    assert all(r["ocr_confidence"] and r["ocr_confidence"] > 50 for r in read.rows)


def test_person_tallies() -> None:
    rows = [
        {"key": "a|1990-01-01", "military_unit_number": "12345", "event": "awol", "event_date": "2024-03-05"},
        {"key": "a|1990-01-01", "military_unit_number": "12345", "event": "awol", "event_date": "2024-03-09"},
        {"key": "b|1991-01-01", "military_unit_number": "12345", "event": "awol", "event_date": "2024-03-20"},
        {"key": "c|1992-01-01", "military_unit_number": "12345", "event": "desertion", "event_date": "2024-04-01"},
        {"key": "d", "name": "Петров", "military_unit_number": None, "event": None, "event_date": None},
    ]
    assert person_tallies(rows) == [
        {"military_unit_number": "12345", "month": "2024-03", "event": "awol", "persons": 2},
        {"military_unit_number": "12345", "month": "2024-04", "event": "desertion", "persons": 1},
    ]
