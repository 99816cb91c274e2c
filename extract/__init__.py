"""extract: counts, dates, military units, sources and persons from OSINT source dumps (Russian and English)."""

__version__ = "0.1.0"
