"""Fuzzing the parsers' entry points (hypothesis, a bounded number of examples): any bytes, and valid files with
bytes flipped, cut or spliced, give a ParsedDocument or a DocumentError, never another exception.

EXTRACT_FUZZ_EXAMPLES raises the number of examples per test (default 100) for a longer run.
"""

from __future__ import annotations

import importlib.util
import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as fuzz_settings
from hypothesis import strategies as st

from extract.document import DocumentError, ParsedDocument
from extract.parsers import detect_format, parse
from extract.parsers.encoding import decode_bytes
from extract.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("generate_hostile", ROOT / "corpus" / "tools" / "generate_hostile.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

SETTINGS = load_settings()
FUZZ = fuzz_settings(
    max_examples=int(os.environ.get("EXTRACT_FUZZ_EXAMPLES", "100")),
    deadline=None,
    database=None,  # no .hypothesis folder written into the repository
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _seeds() -> dict[str, bytes]:
    html = f"<html><head><title>t</title></head><body><article><p>{hostile.EN}</p><table><tr><td>1</td></tr></table>"
    csv = "name;unit;date\nИванов;в/ч 12345;2024-01-02\nPetrov;56th;2025-07-01\n".encode("cp1251")
    return {
        "pdf": hostile._text_pdf(hostile.EN),
        "docx": hostile._docx(""),
        "xlsx": _xlsx(),
        "html": html.encode(),
        "csv": csv,
        "text": hostile.RU.encode("koi8-r") + hostile.EN.encode("utf-16"),
    }


def _xlsx() -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(["Итого", 20000, "2025-07-01"])
    workbook.save(buffer)
    return buffer.getvalue()


SEEDS = _seeds()


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with a few bytes overwritten, a stretch cut out, or random bytes spliced in."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "splice", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 512))]
        elif kind == "splice":
            data[at:at] = draw(st.binary(min_size=1, max_size=256))
        else:
            del data[at:]
    return bytes(data)


def _check(data: bytes, suffix: str, fmt: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            detected = detect_format(path)
            doc = parse(path, SETTINGS, fmt or detected) if (fmt or detected) != "zip" else None
        except DocumentError as exc:
            assert str(exc) and exc.status in {"error", "skipped"}
            return
        if doc is not None:
            assert isinstance(doc, ParsedDocument)
            assert all(0 <= b.char_start <= b.char_end <= len(doc.text) for b in doc.blocks)


@FUZZ
@given(st.binary(max_size=4096))
def test_decode_bytes_returns_text_or_a_document_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except DocumentError as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and encoding


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["", ".txt", ".pdf", ".docx", ".xlsx", ".csv", ".html", ".zip"]))
def test_any_bytes_under_any_name(data: bytes, suffix: str) -> None:
    _check(data, suffix, None)


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_mutated_files(fmt: str) -> None:
    suffix = {"text": ".txt"}.get(fmt, f".{fmt}")

    @FUZZ
    @given(mutated(SEEDS[fmt]))
    def run(data: bytes) -> None:
        _check(data, suffix, fmt)

    run()
