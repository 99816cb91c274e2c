#!/usr/bin/env python3
"""Build a hostile dump: broken, huge, mislabeled and malicious files, each with the row the pipeline must give it.

Nothing here is committed as data: the dump is built at test time into a temporary folder, in a few seconds
(the 5,000-page PDF is written object by object, the bombs are compressed zeros, the oversized file is sparse).

    .venv/bin/python corpus/tools/generate_hostile.py OUT_DIR     # writes OUT_DIR/dump and OUT_DIR/hostile.toml

:func:`build` returns the expectations: for each path inside the dump (archive members as
``archive.zip!member``, names that are not UTF-8 as ``\\xNN`` escapes), the status its ``documents`` row must
have and a fragment its message must contain (None: no message). They hold under the limits of
:data:`SETTINGS_TOML`, which is tighter than the defaults so the limits are reached by small files.
"""

from __future__ import annotations

import io
import os
import random
import stat
import struct
import sys
import zipfile
from pathlib import Path

__all__ = ["SETTINGS_TOML", "build"]

SETTINGS_TOML = """\
[run]
executor = "process"
workers = 2

[limits]
max_file_mb = 20
max_pages = 1000
timeout_s = 120
max_memory_mb = 3072

[archive]
max_depth = 3
max_members = 50
max_member_mb = 8
max_total_mb = 4
max_ratio = 100
"""

RU = "Более 20 тыс. военнослужащих самовольно оставили части в 2024 году, сообщает 'Медиазона'.\n"
EN = "More than 20,000 soldiers deserted from 2022 to July 2025, according to Mediazona.\n"
SCRIPT_MARKER = "SCRIPT-TEXT-MUST-NOT-APPEAR"
Expected = dict[str, tuple[str, str | None]]


def build(out: Path, seed: int = 10) -> Expected:
    """Write the hostile dump into ``out`` (created) and return the expected status and message per path."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    expected: Expected = {}

    def put(name: str, data: bytes, status: str, message: str | None = None) -> None:
        (out / name).write_bytes(data)
        expected[name] = (status, message)

    # -- empty, junk and mislabeled ------------------------------------------------------------------------
    put("empty.txt", b"", "error", "empty file")
    junk = bytes(rng.randrange(256) for _ in range(8192))
    put("junk.pdf", junk, "error", "not a PDF")
    put("junk.docx", junk, "error", "not a DOCX")
    put("junk.txt", junk, "error", "binary content")
    put("image.txt", b"\x89PNG\r\n\x1a\n" + junk[:512], "skipped", "image")
    put("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024, "skipped", "legacy MS Office")
    put("report.txt.pdf", b"A mislabeled report. " + EN.encode(), "error", "not a PDF")  # an extension that lies

    # -- PDFs ----------------------------------------------------------------------------------------------
    whole = _text_pdf(EN)
    put("ok.pdf", whole, "ok")
    put("truncated.pdf", whole[: len(whole) // 2], "error", "corrupt PDF")
    put("corrupt.pdf", b"%PDF-1.7\n" + junk, "error", "corrupt PDF")
    put("encrypted.pdf", _text_pdf(EN, user_password="secret"), "error", "needs a password")
    put("encrypted-empty-password.pdf", _text_pdf(EN, user_password=""), "ok")
    put("pages-5000.pdf", _many_pages_pdf(5000), "skipped", "5000 pages, over the limit of 1000 (limits.max_pages)")

    # -- text encodings --------------------------------------------------------------------------------------
    put("ru-cp1251.txt", RU.encode("cp1251"), "ok")
    put("ru-koi8r.txt", RU.encode("koi8-r"), "ok")
    put("ru-utf16-bom.txt", RU.encode("utf-16"), "ok")
    put("ru-utf16le-no-bom.txt", RU.encode("utf-16-le"), "ok")
    put("ru-utf16be-no-bom.txt", RU.encode("utf-16-be"), "ok")
    put("mixed-encodings.txt", (EN + RU).encode() + RU.encode("cp1251") + RU.encode("koi8-r"), "ok")
    put("bad-utf16-bom.txt", b"\xff\xfe" + b"\x00\xd8" * 3, "error", "byte-order mark")
    oversized = out / "oversized.txt"
    with oversized.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: no disk used
    expected["oversized.txt"] = ("skipped", "limits.max_file_mb=20")

    # -- HTML ------------------------------------------------------------------------------------------------
    blob = "A" * (3 * 1024 * 1024)
    html = (
        f"<html><head><title>Report</title><script>var secret = '{SCRIPT_MARKER}';</script></head><body>"
        f"<script>var data = '{blob}';</script><img src=\"data:image/png;base64,{blob}\"><p>{EN}<div><p>{RU}"
        "<table><tr><td>unclosed<style>body{x:1}</style><iframe src='http://127.0.0.1:9/'></iframe><p><b><i>tags</b>"
        f"</i><!-- comment {SCRIPT_MARKER} --><![CDATA[ {SCRIPT_MARKER} ]]>\x00\x01 &bogus; &#xD800; </html"
    )
    put("scripts.html", html.encode(), "ok")
    # An unclosed <title> is raw text to the end of the file: the page has no visible text at all.
    put("unclosed-title.html", f"<html><head><title>{blob}<body><p>{EN}</p>".encode(), "ok")

    # -- Office files with entities and external references ---------------------------------------------------
    put("xxe.docx", _docx(_XXE_DOCTYPE), "ok")
    put("billion-laughs.docx", _docx(_LAUGHS_DOCTYPE), "error", "entity amplification")
    put("external-refs.docx", _docx("", external=True), "ok")
    put("xxe.xlsx", _xlsx(), "error", "corrupt XLSX")

    # -- names that are not UTF-8, links, special files --------------------------------------------------------
    cp1251_name = "отчёт.txt".encode("cp1251")
    (out / os.fsdecode(cp1251_name)).write_bytes(RU.encode("cp1251"))
    expected[cp1251_name.decode("utf-8", "backslashreplace")] = ("ok", None)
    (out / "passwd-link.txt").symlink_to("/etc/passwd")
    expected["passwd-link.txt"] = ("skipped", "symbolic link")
    (out / "outside-folder").symlink_to("/etc", target_is_directory=True)
    expected["outside-folder"] = ("skipped", "symbolic link")
    if hasattr(os, "mkfifo"):
        os.mkfifo(out / "pipe.txt")
        expected["pipe.txt"] = ("skipped", "named pipe")

    # -- archives --------------------------------------------------------------------------------------------
    expected.update(_evil_zip(out / "evil.zip"))
    expected.update(_bombs_zip(out / "bombs.zip", rng))
    put("corrupt.zip", b"PK\x03\x04" + junk, "error", "corrupt zip")
    put("future.zip", _future_version_zip(), "error", "zip file version 6.4")  # zipfile: NotImplementedError
    return expected


# -- PDF ----------------------------------------------------------------------------------------------------


def _text_pdf(text: str, user_password: str | None = None) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    encrypt = None
    if user_password is not None:
        encrypt = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner", canCopy=0)
    pdf = canvas.Canvas(buffer, invariant=1, encrypt=encrypt)
    pdf.drawString(72, 700, text.strip())
    pdf.save()
    return buffer.getvalue()


def _many_pages_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` empty pages, written object by object (about 60 bytes a page)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects.append(b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids))
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# -- DOCX / XLSX ----------------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XXE_DOCTYPE = (
    '<!DOCTYPE w:document [<!ENTITY file SYSTEM "file:///etc/passwd">'
    '<!ENTITY net SYSTEM "http://127.0.0.1:9/xxe"><!ENTITY % remote SYSTEM "http://127.0.0.1:9/dtd"> %remote;]>'
)
_LAUGHS_DOCTYPE = (
    "<!DOCTYPE w:document [<!ENTITY l0 'ha'>"
    + "".join(f"<!ENTITY l{i} '{f'&l{i - 1};' * 10}'>" for i in range(1, 10))
    + "]>"
)


def _docx(doctype: str, *, external: bool = False) -> bytes:
    body = f"<w:p><w:r><w:t>{EN.strip()}</w:t></w:r></w:p>"
    if "file" in doctype:
        body += "<w:p><w:r><w:t>&file;&net;</w:t></w:r></w:p>"
    if "l9" in doctype:
        body += "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>"
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document xmlns:w="{_W}"><w:body>{body}</w:body>'
        "</w:document>"
    )
    rels = ""
    if external:
        rels = (
            f'<Relationship Id="rId9" Type="{_R}/attachedTemplate" Target="http://127.0.0.1:9/template.dotm" '
            'TargetMode="External"/>'
            f'<Relationship Id="rId10" Type="{_R}/image" Target="\\\\127.0.0.1\\share\\x.png" TargetMode="External"/>'
        )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships">{rels}</Relationships>'
        ),
        "word/document.xml": document,
    }
    return _zip(parts)


def _xlsx() -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(["Итого", "20 тыс."])
    workbook.save(buffer)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name).decode()
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "?>", '?><!DOCTYPE worksheet [<!ENTITY file SYSTEM "file:///etc/passwd">]>', 1
    ).replace("</sheetData>", '<row r="5"><c r="A5" t="inlineStr"><is><t>&file;</t></is></c></row></sheetData>')
    parts["docProps/core.xml"] = (
        parts["docProps/core.xml"]
        .replace("?>", '?><!DOCTYPE x [<!ENTITY net SYSTEM "http://127.0.0.1:9/core">]>', 1)
        .replace("</dc:creator>", "&net;</dc:creator>")
    )
    return _zip(parts)


def _zip(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


# -- archives -------------------------------------------------------------------------------------------------


def _evil_zip(path: Path) -> Expected:
    nested = _zip({"deep.txt": EN})
    for _ in range(3):
        nested = _zip({"nested.zip": nested})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("../../escape.txt", EN)
        zf.writestr("/etc/cron.d/absolute", EN)
        zf.writestr("C:\\Windows\\drive.txt", EN)
        link = zipfile.ZipInfo("link-to-passwd")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("locked.txt", EN)
        zf.writestr("nested.zip", nested)
        zf.writestr("fine/report.txt", EN)
        zf.writestr("QQQQQQQQ.txt", RU.encode("cp1251"))
    data = bytearray(buffer.getvalue())
    _set_flag(data, b"locked.txt", 0x1)  # the "encrypted" bit, as a password-protected member has
    data = bytes(data).replace(b"QQQQQQQQ.txt", "отчёт-01.txt".encode("cp866"))  # Windows archiver, no UTF-8 flag
    path.write_bytes(data)
    name = path.name
    return {
        name: ("ok", None),
        f"{name}!../../escape.txt": ("error", "escapes the archive"),
        f"{name}!/etc/cron.d/absolute": ("error", "absolute path"),
        f"{name}!C:\\Windows\\drive.txt": ("error", "absolute path"),
        f"{name}!link-to-passwd": ("skipped", "symbolic link"),
        f"{name}!locked.txt": ("error", "encrypted"),
        f"{name}!fine/report.txt": ("ok", None),
        f"{name}!отчёт-01.txt": ("ok", None),
        f"{name}!nested.zip": ("ok", None),
        f"{name}!nested.zip!nested.zip": ("ok", None),
        f"{name}!nested.zip!nested.zip!nested.zip": ("skipped", "deeper than 3 levels (archive.max_depth)"),
    }


def _future_version_zip() -> bytes:
    """A zip whose central directory asks for a newer zip version than Python reads (6.4)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("report.txt", RU.encode())
    data = bytearray(buffer.getvalue())
    data[data.find(b"PK\x01\x02") + 6] = 64  # "version needed to extract"
    return bytes(data)


def _set_flag(data: bytearray, name: bytes, bit: int) -> None:
    """Set a general-purpose flag bit of member ``name`` in its local header and its central directory entry."""
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            if bytes(data[at + name_at : at + name_at + length]) == name:
                flags = struct.unpack_from("<H", data, at + flag_at)[0]
                struct.pack_into("<H", data, at + flag_at, flags | bit)
            at = data.find(signature, at + 4)


def _bombs_zip(path: Path, rng: random.Random) -> Expected:
    """Compression bombs: a high ratio, an oversized member, a header that lies, and more than the total."""
    junk = rng.randbytes(1536 * 1024)  # incompressible: a ratio of 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("ratio.txt", b"\x00" * (2 * 1024 * 1024))
        zf.writestr("huge.txt", b"\x00" * (40 * 1024 * 1024))
        zf.writestr("liar.txt", b" " * (2 * 1024 * 1024))
        for i in range(3):
            zf.writestr(f"part{i}.bin", junk)
    data = bytearray(buffer.getvalue())
    _set_size(data, b"liar.txt", 100)  # declares 100 bytes, inflates to 2 MB
    path.write_bytes(bytes(data))
    name = path.name
    return {
        name: ("ok", None),
        f"{name}!ratio.txt": ("skipped", "zip bomb"),
        f"{name}!huge.txt": ("skipped", "archive.max_member_mb=8"),
        f"{name}!liar.txt": ("error", "cannot extract archive member"),
        f"{name}!part0.bin": ("error", "binary content"),
        f"{name}!part1.bin": ("error", "binary content"),
        f"{name}!part2.bin": ("skipped", "archive.max_total_mb=4"),
    }


def _set_size(data: bytearray, name: bytes, size: int) -> None:
    for signature, size_at, len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + len_at)[0]
            if bytes(data[at + name_at : at + name_at + length]) == name:
                struct.pack_into("<I", data, at + size_at, size)
            at = data.find(signature, at + 4)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    expected = build(out / "dump")
    (out / "hostile.toml").write_text(SETTINGS_TOML, encoding="utf-8")
    print(f"{len(expected)} paths in {out / 'dump'}; settings in {out / 'hostile.toml'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
