"""Text sections of ``make bench``: the NLP pipelines against bare spaCy, and our dates against dateparser.

Section ``nlp``: words per second of the bare spaCy pipeline (en_core_web_sm for English, the blank Russian
pipeline with a sentencizer) and of the same pipeline with our extractor components, on the gold corpus texts
repeated to a fixed size; medians of repeated runs, and the overhead of our components as a ratio.

Section ``dates``: our date rules against ``dateparser.search.search_dates`` on the same gold paragraphs, side by
side: time and dates F1 for both.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import spacy

from extract.evaluation.gold import load_gold
from extract.nlp.pipeline import EXTRACTORS, get_pipeline
from extract.settings import load_settings

__all__ = ["bench_dates", "bench_nlp"]


def _texts(lang: str, words: int) -> list[str]:
    docs = [d.text for d in load_gold() if d.lang == lang]
    out, total = [], 0
    while total < words:
        for text in docs:
            out.append(text)
            total += len(text.split())
            if total >= words:
                break
    return out


def _median_seconds(run: Callable[[], None], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_nlp(words: int, repeats: int) -> list[str]:
    settings = load_settings().nlp
    rows = [f"nlp: words/s, median of {repeats} runs over ~{words:,} words of gold-corpus text per language"]
    rows.append(f"{'lang':<5} {'bare spaCy':>12} {'+ counts':>12} {'overhead':>9} {'all ours':>12} {'overhead':>9}")
    for lang in ("en", "ru"):
        texts = _texts(lang, words)
        n_words = sum(len(t.split()) for t in texts)
        bare, counts_only = (_bare(lang, settings.en_model) for _ in range(2))
        counts_only.add_pipe("extract_counts")
        ours = get_pipeline(lang, settings)
        for nlp in (bare, counts_only, ours):  # warm up: lazy tables, caches, models loaded on first use
            list(nlp.pipe(texts[:5]))
        t_bare, t_counts, t_ours = (
            _median_seconds(lambda nlp=nlp, texts=texts: list(nlp.pipe(texts, batch_size=settings.batch_size)), repeats)
            for nlp in (bare, counts_only, ours)
        )
        rows.append(
            f"{lang:<5} {n_words / t_bare:>12,.0f} {n_words / t_counts:>12,.0f} {t_counts / t_bare - 1:>8.1%}"
            f" {n_words / t_ours:>12,.0f} {t_ours / t_bare - 1:>8.1%}"
        )
    rows.append(f"all ours: {', '.join(EXTRACTORS)}")
    return rows


def _bare(lang: str, en_model: str) -> spacy.language.Language:
    if lang == "en":
        return spacy.load(en_model)
    nlp = spacy.blank("ru")
    nlp.add_pipe("sentencizer")
    return nlp


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for block in text.split("\n\n"):
        if block.strip():
            out.append((pos, block))
        pos += len(block) + 2
    return out


def bench_dates(repeats: int) -> list[str]:
    """Our date rules against ``dateparser.search.search_dates`` (languages given) on the gold paragraphs."""
    import warnings
    from datetime import date, datetime

    from dateparser.search import search_dates

    from extract.evaluation.score import TypeScore, match_mentions
    from extract.grammars.dates import find_dates

    warnings.filterwarnings("ignore", module="dateparser")
    docs = load_gold()

    def ours(doc: Any) -> list[dict]:
        published = date.fromisoformat(doc.published) if doc.published else None
        found = []
        for offset, text in _paragraphs(doc.text):
            for m in find_dates(text, doc.lang, published):
                start, end = (d.isoformat() if d else None for d in (m.start_date, m.end_date))
                found.append({"char_start": offset + m.start, "char_end": offset + m.end, "start": start, "end": end})
        return found

    def theirs(doc: Any) -> list[dict]:
        settings: dict[str, Any] = {"DATE_ORDER": "DMY" if doc.lang == "ru" else "MDY"}
        if doc.published:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(doc.published)
        found = []
        for offset, text in _paragraphs(doc.text):
            pos = 0
            for surface, when in search_dates(text, languages=[doc.lang], settings=settings) or []:
                i = text.find(surface, pos)
                if i >= 0:
                    pos = i + len(surface)
                    day = when.date().isoformat()
                    found.append({"char_start": offset + i, "char_end": pos, "start": day, "end": day})
        return found

    rows = [f"dates: {len(docs)} gold documents, ours against dateparser.search_dates (languages given), "
            f"median of {repeats} runs"]  # fmt: skip
    timings = {}
    for name, fn in (("ours", ours), ("search_dates", theirs)):
        for doc in docs[:3]:
            fn(doc)  # warm up: compiled patterns, dateparser's language data
        timings[name] = _median_seconds(lambda fn=fn: [fn(d) for d in docs], repeats)
        score = TypeScore()
        for doc in docs:
            gold = [{"char_start": m.char_start, "char_end": m.char_end, **m.fields} for m in doc.mentions["dates"]]
            score.add(match_mentions("dates", gold, fn(doc))[0])
        rows.append(f"  {name:<13} {timings[name] * 1000:9.0f} ms   dates F1 {score.f1:.3f}")
    rows.append(f"  ours is {timings['search_dates'] / timings['ours']:.0f}x faster")
    return rows
