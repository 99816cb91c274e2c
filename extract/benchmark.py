"""``make bench``: throughput of our stages, measured side by side with what bounds them.

Section ``nlp``: words per second of the bare spaCy pipeline (en_core_web_sm for English, the blank Russian
pipeline with a sentencizer) and of the same pipeline with our extractor components, on the gold corpus texts
repeated to a fixed size; medians of repeated runs, and the overhead of our components as a ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import spacy

from extract.evaluation.gold import load_gold
from extract.nlp.pipeline import EXTRACTORS, get_pipeline
from extract.settings import load_settings

__all__ = ["main"]


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
    rows.append(f"{'lang':<5} {'bare spaCy':>12} {'with ours':>12} {'overhead':>9}  components")
    for lang in ("en", "ru"):
        texts = _texts(lang, words)
        n_words = sum(len(t.split()) for t in texts)
        if lang == "en":
            bare = spacy.load(settings.en_model)
        else:
            bare = spacy.blank("ru")
            bare.add_pipe("sentencizer")
        ours = get_pipeline(lang, settings)
        for nlp in (bare, ours):  # warm up: lazy tables, caches
            list(nlp.pipe(texts[:5]))
        t_bare, t_ours = (
            _median_seconds(lambda nlp=nlp, texts=texts: list(nlp.pipe(texts, batch_size=settings.batch_size)), repeats)
            for nlp in (bare, ours)
        )
        rows.append(
            f"{lang:<5} {n_words / t_bare:>12,.0f} {n_words / t_ours:>12,.0f} {t_ours / t_bare - 1:>8.1%}"
            f"  {', '.join(EXTRACTORS)}"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract.benchmark", description=__doc__)
    parser.add_argument("--words", type=int, default=30000, help="words of text per language (default 30000)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement (default 5)")
    args = parser.parse_args(argv)
    for line in bench_nlp(args.words, args.repeats):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
