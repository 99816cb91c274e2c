"""Old binary and password-protected Microsoft Office files.

Both are OLE compound files (not zip packages): an encrypted DOCX/XLSX holds an ``EncryptedPackage`` stream,
a legacy .doc/.xls does not. Telling them apart gives the user the right message instead of "corrupt".
"""

from __future__ import annotations

from pathlib import Path

from extract.document import DocumentError

__all__ = ["OLE_MAGIC", "reject_ole"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def reject_ole(path: Path, kind: str | None = None) -> None:
    """Raise DocumentError if ``path`` is an OLE compound file; ``kind`` (DOCX, XLSX) names it in the message."""
    try:
        with path.open("rb") as fh:
            if fh.read(8) != OLE_MAGIC:
                return
            data = fh.read()
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror or exc}") from exc
    label = kind or {".docx": "DOCX", ".xlsx": "XLSX", ".docm": "DOCX", ".xlsm": "XLSX"}.get(
        path.suffix.lower(), "Office document"
    )
    if _ENCRYPTED_STREAM in data:
        raise DocumentError(f"{label} is encrypted and needs a password")
    raise DocumentError(
        "unsupported format: legacy MS Office binary (.doc/.xls); convert it to DOCX/XLSX", status="skipped"
    )
