"""The command line: `extract text` (one text and JSON Lines), bad input, `extract export`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.cli import main
from extract.records import RECORD_TYPES

CONTRACT_KEYS = {"schema_version", "lang", "published", *RECORD_TYPES}


def _extract(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], input=stdin, capture_output=True, timeout=120)


def test_text_prints_one_contract_object(tmp_path: Path, capsys) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Более 20 тыс. военнослужащих покинули части.", encoding="utf-8")
    assert main(["text", str(path), "--published", "2025-08-01"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == CONTRACT_KEYS
    assert result["schema_version"] == 1
    assert result["lang"] == "ru"
    assert result["published"] == "2025-08-01"


def test_text_lang_can_be_forced(tmp_path: Path, capsys) -> None:
    path = tmp_path / "report.txt"
    path.write_text("20 538", encoding="utf-8")
    assert main(["text", str(path), "--lang", "ru"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "ru"


def test_text_rejects_non_utf8_with_a_clear_message() -> None:
    done = _extract("text", "-", stdin="Более 20 тыс.".encode("cp1251"))
    assert done.returncode != 0
    assert b"not UTF-8" in done.stderr
    assert done.stdout == b""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["text", "--lang", "de"], b"invalid choice"),
        (["text", "--published", "August 2025"], b"YYYY-MM-DD"),
    ],
)
def test_text_rejects_bad_options(args: list[str], message: bytes) -> None:
    done = _extract(*args, stdin=b"text")
    assert done.returncode != 0
    assert message in done.stderr


def test_jsonl_streams_in_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "More than 20,000 soldiers.", "published": "2025-08-01"}),
        "{not json",
        json.dumps({"id": "c", "text": "Около 13,8 тыс. человек", "lang": "ru"}),
        json.dumps({"id": "d", "text": "x", "lang": "fr"}),
        json.dumps({"id": 5, "text": "Last one."}),
    ]
    done = _extract("text", "--jsonl", stdin=("\n".join(lines) + "\n").encode())
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "c", "d", 5]
    assert out[0]["published"] == "2025-08-01" and out[0]["lang"] == "en"
    assert "error" in out[1] and "line 2" in out[1]["error"]
    assert out[2]["lang"] == "ru" and set(out[2]) == CONTRACT_KEYS | {"id"}
    assert "unknown lang" in out[3]["error"]
    assert "error" not in out[4]
    assert done.returncode == 1  # some lines failed
    assert b"line 2" in done.stderr


def test_run_and_export_jsonl_has_a_row_per_file(tmp_path: Path, capsys) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "a.txt").write_text("Report one.")
    (dump / "b.html").write_text("<p>Report two.</p>")
    (dump / "c.txt").write_bytes(b"")
    db = tmp_path / "store.sqlite"
    assert main(["run", str(dump), "--db", str(db)]) == 0
    summary = capsys.readouterr().out
    assert "3 found" in summary and "2 ok" in summary and "1 error" in summary
    out = tmp_path / "export"
    assert main(["export", "--db", str(db), "--format", "jsonl", "--out", str(out)]) == 0
    rows = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert sorted(Path(r["path"]).name for r in rows) == ["a.txt", "b.html", "c.txt"]
    for row in rows:
        assert {"path", "sha256", "format", "lang", "pages", "status", "error"} <= set(row)
    for name in ("counts", "dates", "units", "sources", "persons"):
        assert (out / f"{name}.jsonl").exists()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_other_formats(tmp_path: Path, fmt: str) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "a.txt").write_text("Report one.")
    db = tmp_path / "store.sqlite"
    assert main(["-q", "run", str(dump), "--db", str(db)]) == 0
    assert main(["export", "--db", str(db), "--format", fmt, "--out", str(tmp_path / "x")]) == 0
    assert (tmp_path / "x" / f"documents.{fmt}").stat().st_size > 0
    assert (tmp_path / "x" / f"persons.{fmt}").exists()
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(tmp_path / "x" / "documents.parquet").num_rows == 1


def test_export_without_a_store_explains(tmp_path: Path, capsys) -> None:
    assert main(["export", "--db", str(tmp_path / "none.sqlite"), "--format", "jsonl", "--out", str(tmp_path)]) == 2
    assert "run `extract run" in capsys.readouterr().err


def test_pseudonymize_needs_a_key(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("EXTRACT_PSEUDONYM_KEY", raising=False)
    dump = tmp_path / "a.txt"
    dump.write_text("x y z")
    db = tmp_path / "s.sqlite"
    main(["-q", "run", str(dump), "--db", str(db)])
    code = main(["export", "--db", str(db), "--format", "jsonl", "--out", str(tmp_path / "o"), "--pseudonymize"])
    assert code == 2 and "EXTRACT_PSEUDONYM_KEY" in capsys.readouterr().err


def test_help_lists_every_command_with_an_example() -> None:
    done = _extract("--help")
    text = done.stdout.decode()
    for command in ("run", "text", "export"):
        assert f"extract {command} " in text
