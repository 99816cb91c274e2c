"""Headings: short lines standing alone; a title with its subtitle or dateline is one heading."""

from extract.grammars.headings import heading_above, headings


def test_lone_short_lines_are_headings_and_lines_with_a_final_stop_are_not() -> None:
    text = "Первое полугодие 2025\n\nСуды получили 1 240 дел.\n\nЭто всё.\n\nТретий квартал\n\nЕщё 310 дел.\n"
    assert [text[a:b] for a, b in headings(text)] == ["Первое полугодие 2025", "Третий квартал"]


def test_a_title_and_its_subtitle_make_one_heading() -> None:
    text = "AWOL cases in the first half of 2025\n\nA court-watch digest\n\nCourts received 1,240 cases.\n"
    assert [text[a:b] for a, b in headings(text)] == ["AWOL cases in the first half of 2025\n\nA court-watch digest"]


def test_the_heading_above_is_the_nearest_one_that_ends_before() -> None:
    spans = [(0, 10), (30, 40)]
    assert heading_above(spans, 5) is None
    assert heading_above(spans, 10) == (0, 10)
    assert heading_above(spans, 35) == (0, 10)
    assert heading_above(spans, 41) == (30, 40)
