"""One settings object, read once from TOML and passed explicitly.

Defaults live in ``extract/settings.toml`` (shipped with the package); ``./extract.toml`` or ``--config FILE``
overrides any key; command-line flags override both. The hash of the effective settings goes into every run
record.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "ArchiveSettings",
    "LimitSettings",
    "NlpSettings",
    "OcrSettings",
    "PdfSettings",
    "RunSettings",
    "Settings",
    "load_settings",
]


@dataclass(frozen=True)
class RunSettings:
    db: str
    executor: str
    workers: int
    recycle_after: int


@dataclass(frozen=True)
class LimitSettings:
    max_file_mb: float
    max_pages: int
    max_text_chars: int
    timeout_s: float  # enforced by the process executor, which stops and replaces a worker over it
    max_memory_mb: float  # RLIMIT_AS of each process-executor worker


@dataclass(frozen=True)
class ArchiveSettings:
    max_depth: int
    max_members: int
    max_member_mb: float
    max_total_mb: float
    max_ratio: float


@dataclass(frozen=True)
class PdfSettings:
    min_page_chars: int
    table_min_lines: int


@dataclass(frozen=True)
class NlpSettings:
    en_model: str
    batch_size: int
    segment_chars: int
    gate_model: bool = True  # run the English model only on sentences with a count or a possible name
    parse_counts: bool = False  # with the gate: also parse the sentences with counts (the counted noun by parse)


@dataclass(frozen=True)
class OcrSettings:
    enabled: bool
    tesseract: str
    languages: str
    dpi: int
    psm: int
    deskew: bool
    max_skew: float
    timeout: float


@dataclass(frozen=True)
class Settings:
    run: RunSettings
    limits: LimitSettings
    archive: ArchiveSettings
    pdf: PdfSettings
    nlp: NlpSettings
    ocr: OcrSettings

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def hash(self) -> str:
        """A short stable hash of everything that can change the extracted records (not where they go)."""
        data = self.to_dict()
        data.pop("run")
        blob = json.dumps(data, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def with_run(self, **changes: Any) -> Settings:
        changes = {k: v for k, v in changes.items() if v is not None}
        return replace(self, run=replace(self.run, **changes)) if changes else self


_CLASSES = {
    "run": RunSettings,
    "limits": LimitSettings,
    "archive": ArchiveSettings,
    "pdf": PdfSettings,
    "nlp": NlpSettings,
    "ocr": OcrSettings,
}


def _merge(base: dict[str, dict[str, Any]], override: dict[str, Any], origin: str) -> None:
    for section, values in override.items():
        if section not in base or not isinstance(values, dict):
            raise ValueError(f"{origin}: unknown settings section [{section}]")
        for key, value in values.items():
            if key not in base[section]:
                raise ValueError(f"{origin}: unknown setting {section}.{key}")
            base[section][key] = value


def load_settings(config: str | Path | None = None) -> Settings:
    """Defaults, then ``./extract.toml`` if present (or ``config`` if given)."""
    raw = tomllib.loads(resources.files("extract").joinpath("settings.toml").read_text(encoding="utf-8"))
    path = Path(config) if config else Path("extract.toml")
    if config and not path.is_file():
        raise ValueError(f"settings file not found: {path}")
    if path.is_file():
        try:
            override = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML: {exc}") from exc
        _merge(raw, override, str(path))
    sections = {}
    for name, cls in _CLASSES.items():
        try:
            sections[name] = cls(**raw[name])
        except TypeError as exc:
            raise ValueError(f"settings section [{name}]: {exc}") from exc
    return Settings(**sections)
