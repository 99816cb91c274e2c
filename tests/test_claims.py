"""Claims: restated figures grouped once with every citation, conflicting figures kept apart and flagged."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from extract.claims import filter_claims, group_claims, mention_interval, period_key, rounding_step, sentence_around
from extract.claims_output import write_claims
from extract.cli import main
from extract.export import Pseudonymizer, export
from extract.store import Store

THROUGH_JULY = {"start": "2022-09-01", "end": "2025-07-31"}
BY_JULY = {"start": None, "end": "2025-07-31"}
H1_2025 = {"start": "2025-01-01", "end": "2025-06-30"}


def mention(text: str, value: float, qualifier: str = "exact", *, doc: str = "d1", at: int = 0, **kw) -> dict:
    low = kw.pop("low", value if qualifier in ("exact", "over", "at_least", "range") else None)
    high = kw.pop("high", value if qualifier == "exact" else None)
    return {
        "value": value,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "kind": kw.pop("kind", "count"),
        "category": kw.pop("category", "prosecution"),
        "counted": None,
        "projection": kw.pop("projection", False),
        "period": kw.pop("period", THROUGH_JULY),
        "unit": kw.pop("unit", None),
        "source": kw.pop("source", None),
        "record_id": at,
        "doc_sha256": doc,
        "path": f"{doc}.txt",
        "page": None,
        "char_start": at,
        "char_end": at + len(text),
        "text": text,
        "sentence": text,
        **kw,
    }


# -- the rule's parts, as tables --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "step"), [(20538, 1), (13800, 100), (20000, 10000), (1_000_000, 1_000_000), (0.15, 0.01), (0, 1)]
)
def test_rounding_step_is_the_place_of_the_last_nonzero_digit(value: float, step: float) -> None:
    assert rounding_step(value) == pytest.approx(step)


@pytest.mark.parametrize(
    ("args", "interval"),
    [
        ((20538, 20538, 20538, "exact"), (20537.5, 20538.5)),
        ((13800, 13800, 13800, "exact"), (13750, 13850)),
        ((20000, 20000, None, "over"), (20000, 30000)),
        ((5600, None, None, "approx"), (5320, 5880)),
        ((70000, None, 70000, "at_most"), (60000, 70000)),
        ((20000, 20000, 25000, "range"), (20000, 25000)),
        ((1000, 1000, None, "vague"), (1000, 10000)),
    ],
)
def test_mention_intervals(args: tuple, interval: tuple) -> None:
    assert mention_interval(*args) == pytest.approx(interval)


def test_an_unknown_qualifier_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown count qualifier 'roughly'"):
        mention_interval(5, None, None, "roughly")


@pytest.mark.parametrize(
    ("period", "key"),
    [
        (None, ("none",)),
        ({"start": "2024-01-01", "end": "2024-12-31"}, ("span", "2024-01-01", "2024-12-31")),
        ({"start": "2024-12-01", "end": "2024-12-31"}, ("span", "2024-12-01", "2024-12-31")),
        (THROUGH_JULY, ("through", "2025-07-31")),
        (BY_JULY, ("through", "2025-07-31")),
        ({"start": "2022-09-01", "end": None}, ("from", "2022-09-01")),
    ],
)
def test_period_keys(period: dict | None, key: tuple) -> None:
    assert period_key(period) == key


# -- grouping -------------------------------------------------------------------------------------------------


def restated_and_conflicting() -> list[dict]:
    """One Mediazona figure restated in English and Russian, and a Verstka figure for the same thing."""
    return [
        mention("20,538", 20538, source="Mediazona", doc="en1"),
        mention("more than 20,000", 20000, "over", source="Mediazona", doc="en2", period=BY_JULY),
        mention("20 538", 20538, doc="ru1"),  # no source named: joins the one source it agrees with
        mention("более 20 тыс.", 20000, "over", source="Mediazona", doc="ru2"),
        mention("около 20,5 тыс.", 20500, "approx", source="Mediazona", doc="ru3", at=40),
        mention("18 700", 18700, source="Verstka", doc="ru3"),
        mention("18,700", 18700, source="Verstka", doc="en3"),
    ]


def test_restated_figures_in_both_languages_are_one_claim_with_every_citation() -> None:
    claims = group_claims(restated_and_conflicting())
    assert len(claims) == 2
    mediazona = next(c for c in claims if c["source"] == "Mediazona")
    assert mediazona["value"] == 20538 and mediazona["qualifier"] == "exact"
    assert sorted(c["text"] for c in mediazona["citations"]) == sorted(
        ["20,538", "more than 20,000", "20 538", "более 20 тыс.", "около 20,5 тыс."]
    )
    assert mediazona["n_citations"] == 5 and mediazona["n_documents"] == 5
    citation = next(c for c in mediazona["citations"] if c["text"] == "около 20,5 тыс.")
    assert (citation["path"], citation["char_start"], citation["char_end"]) == ("ru3.txt", 40, 55)


def test_different_sources_with_different_values_conflict_both_ways() -> None:
    claims = {c["source"]: c for c in group_claims(restated_and_conflicting())}
    assert claims["Verstka"]["n_citations"] == 2
    assert claims["Mediazona"]["conflict"] and claims["Verstka"]["conflict"]
    assert claims["Mediazona"]["conflicts_with"] == [claims["Verstka"]["claim_id"]]
    assert claims["Verstka"]["conflicts_with"] == [claims["Mediazona"]["claim_id"]]


def test_agreeing_sources_are_two_claims_without_conflict() -> None:
    claims = group_claims(
        [mention("20,538", 20538, source="Mediazona"), mention("20 538", 20538, source="Verstka", doc="d2")]
    )
    assert len(claims) == 2 and not any(c["conflict"] for c in claims)


def test_claim_ids_do_not_depend_on_input_order() -> None:
    items = restated_and_conflicting()
    first = group_claims(items)
    random.Random(7).shuffle(items)
    again = group_claims(items)
    assert [c["claim_id"] for c in first] == [c["claim_id"] for c in again]
    assert [c["citations"] for c in first] == [c["citations"] for c in again]


@pytest.mark.parametrize(
    "other",
    [
        mention("35 000", 35000, "over", source="Mediazona", doc="d2", low=35000),  # a different figure
        mention("more than 30,000", 30000, "over", source="Mediazona", doc="d2"),  # beyond one step of 20,000
        mention("20,538", 20538, source="Mediazona", doc="d2", projection=True),  # a forecast
        mention("20,538", 20538, source="Mediazona", doc="d2", category="awol"),  # another category
        mention("20,538", 20538, source="Mediazona", doc="d2", unit="155-obrmp"),  # about one unit
        mention("20,538", 20538, source="Mediazona", doc="d2", period=H1_2025),  # another period
        mention("20,538", 20538, source="Mediazona", doc="d2", kind="share"),  # another kind
    ],
)
def test_what_does_not_restate_20538(other: dict) -> None:
    claims = group_claims([mention("20,538", 20538, source="Mediazona"), other])
    assert len(claims) == 2


def test_a_year_and_its_last_month_are_not_the_same_period() -> None:
    claims = group_claims(
        [
            mention("6 318", 6318, period={"start": "2024-01-01", "end": "2024-12-31"}, doc="a"),
            mention("641", 641, period={"start": "2024-12-01", "end": "2024-12-31"}, doc="b"),
        ]
    )
    assert len(claims) == 2 and not any(c["conflict"] for c in claims)


def test_an_unsourced_figure_fitting_two_sources_stays_apart() -> None:
    claims = group_claims(
        [
            mention("20,538", 20538, source="Mediazona", doc="a"),
            mention("20,540", 20540, source="Verstka", doc="b"),
            mention("more than 20,000", 20000, "over", doc="c"),
        ]
    )
    unsourced = [c for c in claims if c["source"] is None]
    assert len(claims) == 3 and unsourced[0]["citations"][0]["text"] == "more than 20,000"


def test_undated_figures_merge_only_when_equal_and_never_conflict() -> None:
    claims = group_claims(
        [
            mention("300", 300, period=None, doc="a"),
            mention("259", 259, period=None, doc="b"),
            mention("259", 259, period=None, doc="c"),
        ]
    )
    assert sorted(c["n_citations"] for c in claims) == [1, 2]
    assert not any(c["conflict"] for c in claims)


def test_unsourced_figures_of_one_document_are_a_breakdown_not_a_conflict() -> None:
    items = [mention("403", 403, period=H1_2025, at=0), mention("6 318", 6318, period=H1_2025, at=10)]
    assert not any(c["conflict"] for c in group_claims(items))
    items[1] = {**items[1], "doc_sha256": "other"}
    assert all(c["conflict"] for c in group_claims(items))


def test_sentence_around_quotes_the_sentence_of_the_figure() -> None:
    text = "Intro line.\n\nBy July 2025 there were 20,538 cases, per Mediazona. The next sentence."
    start = text.index("20,538")
    assert sentence_around(text, start, start + 6) == "By July 2025 there were 20,538 cases, per Mediazona."


def test_filters() -> None:
    claims = group_claims(restated_and_conflicting())
    assert [c["source"] for c in filter_claims(claims, source="verstka")] == ["Verstka"]
    assert filter_claims(claims, category="awol") == []
    assert len(filter_claims(claims, since="2025-07-01", until="2025-12-31")) == 2
    assert filter_claims(claims, since="2025-08-01") == []
    assert filter_claims(claims, unit="155-obrmp") == []


def test_table_output_lists_every_claim() -> None:
    out = io.StringIO()
    assert write_claims(group_claims(restated_and_conflicting()), "table", out) == 2
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("claim") and any("Verstka" in line and "yes (1)" in line for line in lines)
    with pytest.raises(ValueError, match="unknown output format"):
        write_claims([], "xml", out)


# -- store, export and command line ---------------------------------------------------------------------------


def store_with_claims(tmp_path: Path) -> Path:
    db = tmp_path / "claims.sqlite"
    store = Store.open(db)
    store.replace_claims(group_claims(restated_and_conflicting()))
    store.close()
    return db


def test_claims_round_trip_through_the_store_and_export(tmp_path: Path) -> None:
    db = store_with_claims(tmp_path)
    store = Store.open(db)
    stored = {c["claim_id"]: c for c in store.iter_claims()}
    assert stored == {c["claim_id"]: c for c in group_claims(restated_and_conflicting())}
    export(store, "jsonl", tmp_path / "out")
    rows = [json.loads(x) for x in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()]
    assert {r["source"]: r["n_citations"] for r in rows} == {"Mediazona": 5, "Verstka": 2}
    export(store, "jsonl", tmp_path / "pseudo", pseudonymizer=Pseudonymizer(b"a long enough key"))
    rows = [json.loads(x) for x in (tmp_path / "pseudo" / "claims.jsonl").read_text().splitlines()]
    assert all(c["sentence"] == c["text"] for r in rows for c in r["citations"])
    store.close()


def test_cli_claims_filters_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(store_with_claims(tmp_path))
    assert main(["claims", "--db", db, "--source", "Verstka"]) == 0
    (row,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert row["source"] == "Verstka" and row["conflict"]
    assert main(["claims", "--db", db, "--format", "csv", "--conflicts"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3  # header + two conflicting claims
    assert main(["claims", "--db", db, "--since", "2026-01-01", "--until", "2025-01-01"]) == 2
    assert "is after" in capsys.readouterr().err


def test_cli_claims_on_a_store_without_claims_says_what_to_do(tmp_path: Path, capsys) -> None:
    Store.open(tmp_path / "old.sqlite").close()
    assert main(["claims", "--db", str(tmp_path / "old.sqlite")]) == 2
    assert "run `extract run`" in capsys.readouterr().err


# -- the sample corpus, end to end -----------------------------------------------------------------------------


def test_sample_corpus_restated_and_conflicting_figures(sample_store: Path) -> None:
    store = Store.open(sample_store)
    claims = list(store.iter_claims())
    store.close()
    by_text = {}
    for claim in claims:
        for citation in claim["citations"]:
            by_text.setdefault((citation["text"], Path(citation["path"]).name), claim)
    # Mediazona's 20,538 prosecutions through July 2025: restated in English and Russian, rounded too
    mediazona = by_text[("20 538", "analiticheskaya-zapiska.pdf")]
    assert mediazona["source"] == "Mediazona" and mediazona["value"] == 20538
    quoted = {(c["text"], Path(c["path"]).name) for c in mediazona["citations"]}
    assert {("20,538", "osint-analysis-leaked-lists.txt"), ("more than 20,000", "desertion-explainer.docx")} <= quoted
    assert ("более 20 тыс.", "obzor-soch-cp1251.txt") in quoted
    assert all(" ".join(c["text"].split()) in c["sentence"] for c in mediazona["citations"])
    assert any("Mediazona" in c["sentence"] or "Медиазон" in c["sentence"] for c in mediazona["citations"])
    # Frontelligence's 13.8 thousand AWOL cases, in English and Russian: one claim, in conflict with Mediazona's
    frontelligence = by_text[("13,8 тыс.", "obzor-soch-cp1251.txt")]
    assert frontelligence["source"] == "Frontelligence Insight"
    assert ("13.8 thousand", "intelligence-update.pdf") in {
        (c["text"], Path(c["path"]).name) for c in frontelligence["citations"]
    }
    assert frontelligence["category"] == "awol" and frontelligence["claim_id"] != mediazona["claim_id"]
    # the explainer's 20,538 counts cases "under the four main military articles": several offences, so
    # prosecution (gold clarification 7), Mediazona's figure again, not a rival of the AWOL count
    assert ("20,538", "desertion-explainer.docx") in quoted and mediazona["category"] == "prosecution"
    # two sources' estimates of the dead over one period that do not meet: a conflict, both ways
    counted = by_text[("more than 124,000", "intelligence-update.pdf")]
    estimate = by_text[("150,000–190,000", "intelligence-update.pdf")]
    assert (counted["source"], estimate["source"]) == ("Mediazona", "UK Defence Intelligence")
    assert counted["category"] == estimate["category"] == "killed"
    assert estimate["claim_id"] in counted["conflicts_with"] and counted["claim_id"] in estimate["conflicts_with"]
    assert len({c["claim_id"] for c in claims}) == len(claims)


def test_cli_claims_into_a_closed_pipe_ends_quietly(sample_store: Path) -> None:
    """``extract claims | head -1``: the reader leaves early; no 'Broken pipe' error, exit status 0."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "extract.cli", "-q", "claims", "--db", str(sample_store), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())["claim_id"]
    proc.stdout.close()
    error = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "Broken pipe" not in error and "Traceback" not in error


def test_a_part_of_a_whole_is_not_a_rival_figure_for_it() -> None:
    whole = mention("9,400", 9400, category="other", doc="d1", source="I Want to Live")
    part = mention("2,100", 2100, category="other", doc="d2", at=50, source="Get Lost", relation="part")
    rival = mention("5,000", 5000, category="other", doc="d3", at=9, source="Get Lost")
    rows = group_claims([whole, part, rival])
    by_value = {r["value"]: r for r in rows}
    assert not by_value[2100]["conflict"]
    assert by_value[9400]["conflict"] and by_value[5000]["conflict"]  # two whole figures that disagree still do
