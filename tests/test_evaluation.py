"""The measuring tools: gold validation, matching and scores, peer interval conversion, floors."""

import json
from pathlib import Path

import pytest

from extract.evaluation.floors import check_floors, record_floors
from extract.evaluation.gold import GoldError, load_gold, load_negatives
from extract.evaluation.peers import case_passes, expected_interval
from extract.evaluation.score import match_mentions


def test_the_gold_corpus_validates() -> None:
    docs = load_gold()
    assert docs, "corpus/gold/docs is empty"
    assert {d.lang for d in docs} <= {"en", "ru"}
    for doc in docs:
        for mentions in doc.mentions.values():
            for m in mentions:
                assert doc.text[m.char_start : m.char_end] == m.text
    load_negatives()


def _write(tmp_path: Path, text: str, ann: dict) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "en-x-001.txt").write_text(text, encoding="utf-8")
    base = {"id": "en-x-001", "lang": "en", "published": None, "split": "dev", "genre": "news",
            "counts": [], "dates": [], "units": [], "sources": [], "persons": []}  # fmt: skip
    (docs / "en-x-001.json").write_text(json.dumps({**base, **ann}), encoding="utf-8")
    return tmp_path


COUNT = {"value": 20000, "low": 20000, "high": None, "qualifier": "over", "kind": "count", "category": "awol",
         "projection": False, "period": None}  # fmt: skip


def test_occurrence_picks_the_nth_surface(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        "over 20,000 and later over 20,000 again",
        {"counts": [{"text": "over 20,000", **COUNT}, {"text": "over 20,000", "occurrence": 2, **COUNT}]},
    )
    (doc,) = load_gold(root)
    assert [m.char_start for m in doc.mentions["counts"]] == [0, 22]


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ({"counts": [{"text": "over 20,000", **COUNT, "low": None}]}, "needs low=20000"),
        ({"counts": [{"text": "over 20,000", **COUNT, "category": "deserters"}]}, "category"),
        ({"counts": [{"text": "over 30,000", **COUNT}]}, "not in the text"),
        ({"counts": [{"text": "over 20,000", **COUNT, "period": {"start": "2025-13-01", "end": None}}]}, "ISO"),
        (
            {
                "dates": [
                    {
                        "text": "over",
                        "start": "2025-02-01",
                        "end": "2025-01-01",
                        "precision": "range",
                        "relative": False,
                    }
                ]
            },
            "start after end",
        ),
        (
            {
                "units": [
                    {
                        "text": "over",
                        "military_unit_number": "123",
                        "number": None,
                        "echelon": None,
                        "branch": None,
                        "guards": None,
                        "id": "vch-123",
                    }
                ]
            },
            "4-5 digits",
        ),
        ({"persons": None}, "must be a list"),
    ],
)
def test_bad_annotations_fail_loudly(tmp_path: Path, ann: dict, message: str) -> None:
    root = _write(tmp_path, "over 20,000 soldiers", ann)
    with pytest.raises(GoldError, match=message):
        load_gold(root)


def _m(s: int, e: int, **fields) -> dict:
    return {"text": "x" * (e - s), "char_start": s, "char_end": e, **fields}


def test_matching_needs_overlap_and_equal_key() -> None:
    gold = [_m(0, 10, value=20000, qualifier="over"), _m(20, 25, value=5, qualifier="exact"),
            _m(40, 45, value=7, qualifier="exact")]  # fmt: skip
    pred = [_m(5, 12, value=20000, qualifier="exact"), _m(20, 25, value=6, qualifier="exact"),
            _m(60, 62, value=1, qualifier="exact")]  # fmt: skip
    score, matches = match_mentions("counts", gold, pred)
    assert (score.gold, score.pred, score.tp) == (3, 3, 1)
    assert [m.status for m in matches] == ["tp", "wrong", "missed", "spurious"]
    assert score.accuracy("qualifier") == 0.0
    assert round(score.f1, 4) == round(1 / 3, 4)


def test_dates_match_on_both_ends() -> None:
    gold = [_m(0, 9, start="2025-01-01", end="2025-06-30", precision="half", relative=False)]
    assert match_mentions("dates", gold, [_m(0, 9, start="2025-01-01", end="2025-06-30")])[0].tp == 1
    assert match_mentions("dates", gold, [_m(0, 9, start="2025-01-01", end=None)])[0].tp == 0


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2025-07", ("2025-07-01", "2025-07-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2014/2018", ("2014-01-01", "2018-12-31")),
        ("2015/2018-02", ("2015-01-01", "2018-02-28")),
        ("--07-13/--07-15", ("--07-13", "--07-15")),
        ("--02", ("--02-01", "--02-28")),
        ("2013-02-12", ("2013-02-12", "2013-02-12")),
    ],
)
def test_expected_intervals(value: str, interval: tuple[str, str]) -> None:
    assert expected_interval(value) == interval


def test_peer_cases_compare_values_in_order() -> None:
    count = {"value": 20, "low": 20, "high": 30, "qualifier": "range"}
    assert case_passes({"kind": "number", "expected": [20, 30]}, {"counts": [count], "dates": []})
    assert not case_passes({"kind": "number", "expected": [20]}, {"counts": [count], "dates": []})
    assert case_passes({"kind": "number", "expected": []}, {"counts": [], "dates": []})
    may = {"start": "2012-05-10", "end": "2012-05-10"}
    assert case_passes({"kind": "date", "expected": ["--05-10"]}, {"counts": [], "dates": [may]})
    assert not case_passes({"kind": "date", "expected": ["--05-11"]}, {"counts": [], "dates": [may]})


def test_floors_catch_a_drop(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    record_floors("gold", {"f1": {"test/counts/en": 0.9567}}, path)
    assert json.loads(path.read_text())["gold"]["f1"]["test/counts/en"] == 0.956
    assert check_floors("gold", {"f1": {"test/counts/en": 0.96}}, path) == []
    assert "below the floor" in check_floors("gold", {"f1": {"test/counts/en": 0.95}}, path)[0]
    assert "no longer measured" in check_floors("gold", {"f1": {}}, path)[0]
