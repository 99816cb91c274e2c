"""The pipeline version: what decides whether a document already processed must be processed again.

It combines the package version, the parser versions, the settings that change records, the spaCy and model
versions and extractor list, and a hash of every file under ``models/``. Changing a rule file therefore
re-extracts the affected documents on the next run; ``--force`` redoes them regardless.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from extract import __version__
from extract.grammars.lexicon import models_dir
from extract.nlp.pipeline import pipeline_description
from extract.parsers import FORMATS, parser_version
from extract.settings import Settings

__all__ = ["parser_key", "pipeline_version"]


@cache
def _models_hash(root: Path) -> str:
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def parser_key(fmt: str, settings: Settings) -> str:
    """Parse-cache key part: the parser's version and the settings that change parsing."""
    data = settings.to_dict()
    parts = [data["pdf"], data["limits"]] + ([data["ocr"]] if fmt == "pdf" else [])  # OCR is part of a PDF's parse
    blob = json.dumps(parts, sort_keys=True).encode()
    return f"{parser_version(fmt)}:{hashlib.sha256(blob).hexdigest()[:8]}"


def pipeline_version(settings: Settings) -> str:
    parts = {
        "parsers": {fmt: parser_version(fmt) for fmt in FORMATS},
        "settings": settings.hash(),
        "nlp": pipeline_description(settings.nlp),
        "models": _models_hash(models_dir()),
    }
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]
    return f"{__version__}+{digest}"
