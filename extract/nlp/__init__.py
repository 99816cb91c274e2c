"""The NLP stage: spaCy pipelines per language and the analysis of a document's text into records."""

from extract.nlp.analyze import analyze_document, analyze_text
from extract.nlp.pipeline import get_pipeline, pipeline_description

__all__ = ["analyze_document", "analyze_text", "get_pipeline", "pipeline_description"]
