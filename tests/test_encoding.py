"""Decoding text files: the encodings of Russian and English dumps, and binary junk."""

import os

import pytest

from extract.document import DocumentError
from extract.parsers.encoding import decode_bytes

RUSSIAN = "Более 20 тыс. военнослужащих самовольно оставили часть; в/ч 12345, с 1 по 15 марта 2024 г."
ENGLISH = "More than 20,538 cases of desertion were sent to court from 2022 to July 2025."


@pytest.mark.parametrize(
    ("text", "raw_encoding", "detected"),
    [
        (RUSSIAN, "utf-8", "utf-8"),
        (RUSSIAN, "utf-8-sig", "utf-8"),
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (RUSSIAN, "utf-16", "utf-16-le"),  # with BOM
        (RUSSIAN, "utf-16-le", "utf-16-le"),
        (RUSSIAN, "utf-16-be", "utf-16-be"),
        (ENGLISH, "utf-16-le", "utf-16-le"),
        (ENGLISH, "utf-16-be", "utf-16-be"),
        (ENGLISH, "ascii", "utf-8"),
        ("Café, naïve résumé: 20 cases", "cp1252", "cp1252"),
    ],
)
def test_decodes(text: str, raw_encoding: str, detected: str) -> None:
    decoded, encoding = decode_bytes(text.encode(raw_encoding))
    assert decoded == text
    assert encoding == detected


def test_short_cp1251_and_koi8r_words_are_told_apart() -> None:
    for word in ("Приказ", "дезертирство", "самовольное оставление части"):
        assert decode_bytes(word.encode("cp1251"))[0] == word
        assert decode_bytes(word.encode("koi8-r"))[0] == word


def test_binary_junk_is_rejected_with_a_clear_message() -> None:
    junk = bytes(range(256)) * 40 + os.urandom(2000)
    with pytest.raises(DocumentError, match="binary content"):
        decode_bytes(junk)
