"""Sentence bounds for the rules: abbreviations do not end a sentence, except a magnitude or "year" after a number
followed by a word in title case."""

import pytest

from extract.grammars.sentences import Sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Наберётся больше 12 тыс. Консультации бесплатные.", ["Наберётся больше 12 тыс.", "Консультации бесплатные."]),
        ("В 2024 г. Суды получили больше дел.", ["В 2024 г.", "Суды получили больше дел."]),
        ("Около 20 тыс. СЗЧ числятся в розыске.", ["Около 20 тыс. СЗЧ числятся в розыске."]),
        ("Суд в г. Москва принял решение.", ["Суд в г. Москва принял решение."]),
        (
            "Около 2 тыс. человек ушли. По ст. 337 УК РФ возбуждено 40 дел.",
            ["Около 2 тыс. человек ушли.", "По ст. 337 УК РФ возбуждено 40 дел."],
        ),
        ("Art. 337 covers AWOL. Art. 338 covers desertion.", ["Art. 337 covers AWOL.", "Art. 338 covers desertion."]),
    ],
)
def test_sentence_bounds(text: str, expected: list[str]) -> None:
    got = [text[a:b].strip() for a, b in Sentences(text).spans() if text[a:b].strip()]
    assert got == expected
