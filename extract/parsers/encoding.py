"""Decoding the bytes of text files from Russian and English dumps.

Order of evidence: a byte-order mark; strict UTF-8; UTF-16 without a BOM (every other byte NUL); a file pasted
together from UTF-8 and single-byte parts (decoded line by line); then the two Cyrillic single-byte encodings
common in Russian dumps, cp1251 and KOI8-R. Those two map the same bytes to
different letters; real Russian text is mostly lower case, and cp1251 lower case is KOI8-R upper case, so the
share of lower-case Cyrillic letters tells them apart reliably.
"""

from __future__ import annotations

import codecs
import re

from extract.document import DocumentError

__all__ = ["decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raises DocumentError for binary content that is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"text starts with a {enc} byte-order mark but does not decode as {enc}: {exc.reason}"
                ) from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_binary(text)
        return text, "utf-8"
    if _binary_bytes(data):
        raise DocumentError("binary content, not text (control bytes throughout the file)")
    if _utf8_share(data) >= 0.3:
        return _decode_mixed(data)
    best = max(("cp1251", "koi8-r"), key=lambda enc: _russian_score(data.decode(enc, errors="replace")))
    text = data.decode(best, errors="replace")
    if _russian_score(text) <= 0 or _mixed_script_share(text) > 0.5:
        # No Cyrillic, or Cyrillic letters only inside Latin words ("cafй"): a Western single-byte file.
        text = data.decode("cp1252", errors="replace")
        return text, "cp1252"
    return text, best


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf8_share(data: bytes) -> float:
    """Share of the non-ASCII bytes that form valid UTF-8 sequences (rare by chance in cp1251 or KOI8-R text)."""
    sample = data[:262144]
    high = sum(1 for b in sample if b >= 0x80)
    covered = sum(len(m) for m in _UTF8_SEQUENCE.findall(sample))
    return covered / high if high else 0.0


def _decode_mixed(data: bytes) -> tuple[str, str]:
    """A file pasted together from UTF-8 and single-byte parts: each line decoded on its own."""
    used: dict[str, None] = {}
    lines = []
    for raw in data.splitlines(keepends=True):
        try:
            line, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            enc = max(("cp1251", "koi8-r"), key=lambda e: _russian_score(raw.decode(e, errors="replace")))
            line = raw.decode(enc, errors="replace")
        used[enc] = None
        lines.append(line)
    return "".join(lines), "mixed:" + "+".join(used)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]

    def high_share(side: bytes) -> float:
        # Latin text has a high byte of 0x00, Russian text 0x04 (U+0400-U+04FF).
        return (side.count(0) + side.count(4)) / len(side)

    def nul_share(side: bytes) -> float:
        return side.count(0) / len(side)

    for enc, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high_share(high) > 0.6 and nul_share(high) > 0.1 and nul_share(low) < 0.05 and high_share(low) < 0.2:
            try:
                return data[: len(data) // 2 * 2].decode(enc), enc
            except UnicodeDecodeError:
                return None
    return None


def _binary_bytes(data: bytes) -> bool:
    sample = data[:65536]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / max(len(sample), 1) > 0.05


def _reject_binary(text: str) -> None:
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\x0c\r\x1b")
    if control / max(len(sample), 1) > 0.05:
        raise DocumentError("binary content, not text (control bytes throughout the file)")


def _russian_score(text: str) -> float:
    lower = upper = 0
    for ch in text:
        if "а" <= ch <= "я" or ch == "ё":
            lower += 1
        elif "А" <= ch <= "Я" or ch == "Ё":
            upper += 1
    total = lower + upper
    return 0.0 if total == 0 else lower / total + total / max(len(text), 1) * 0.01


_WORD = re.compile(r"[^\W\d_]+")


def _mixed_script_share(text: str) -> float:
    """Share of Cyrillic-bearing words that also hold Latin letters."""
    cyr_words = mixed = 0
    for word in _WORD.findall(text[:65536]):
        has_cyr = any("\u0400" <= ch <= "\u04ff" for ch in word)
        if has_cyr:
            cyr_words += 1
            if any("a" <= ch.lower() <= "z" for ch in word):
                mixed += 1
    return mixed / cyr_words if cyr_words else 0.0
