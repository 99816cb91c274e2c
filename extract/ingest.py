"""Finding the files of a dump: folders recursively, and zip archives opened safely into a temporary folder.

Archive members become files of their own, shown as ``archive.zip!member/path``. Nothing is ever written
outside the temporary folder: member names are never used as paths (each member is copied to a numbered file),
and unsafe members (absolute or ``..`` paths, symbolic links, encrypted, oversized, bomb-like compression
ratios, too deep nesting) are reported, not extracted.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extract.document import ZIP_ERRORS
from extract.settings import ArchiveSettings

__all__ = ["FoundFile", "display_path", "find_files"]

_MB = 1024 * 1024
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A file found in the input; ``status``/``error`` are set when it was rejected before parsing."""

    display_path: str
    path: Path | None
    size: int | None
    status: str | None = None
    error: str | None = None
    is_archive: bool = False


def display_path(path: Path) -> str:
    """The path as shown to users: relative to the working folder when inside it, else absolute.

    Bytes of a file name that are not UTF-8 (a cp1251 name copied from Windows) are shown as ``\\xNN`` escapes:
    the result is always storable text, and two different names never show the same.
    """
    absolute = path.absolute()
    try:
        shown = str(absolute.relative_to(Path.cwd()))
    except ValueError:
        shown = str(absolute)
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_files(sources: list[str], archive: ArchiveSettings, tmpdir: Path) -> Iterator[FoundFile]:
    """Every file under the sources, archives expanded (members extracted into ``tmpdir``)."""
    for source in sources:
        root = Path(source)
        if root.is_symlink() and not root.exists():
            yield FoundFile(display_path(root), None, None, "error", "broken symbolic link")
        elif root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                for name in [d for d in dirnames if Path(dirpath, d).is_symlink()]:
                    dirnames.remove(name)  # os.walk lists links to folders as folders; they are files to report
                    filenames.append(name)
                for name in sorted(filenames):
                    yield from _file(Path(dirpath) / name, archive, tmpdir)
        elif root.exists():
            yield from _file(root, archive, tmpdir)
        else:
            yield FoundFile(display_path(root), None, None, "error", "no such file or folder")


def _file(path: Path, archive: ArchiveSettings, tmpdir: Path) -> Iterator[FoundFile]:
    shown = display_path(path)
    if path.is_symlink():
        yield FoundFile(shown, None, None, "skipped", "symbolic link, not followed")
        return
    try:
        info = path.stat()
    except OSError as exc:
        yield FoundFile(shown, None, None, "error", f"cannot read file: {exc.strerror}")
        return
    if not stat.S_ISREG(info.st_mode):  # opening a named pipe or a device would block or never end
        yield FoundFile(shown, None, None, "skipped", f"not a regular file ({_file_kind(info.st_mode)}), not read")
        return
    size = info.st_size
    if _is_zip(path):
        yield FoundFile(shown, path, size, is_archive=True)
        yield from _members(path, shown, archive, tmpdir, depth=1)
    else:
        yield FoundFile(shown, path, size)


def _file_kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "named pipe", stat.S_ISSOCK: "socket", stat.S_ISCHR: "device", stat.S_ISBLK: "device"}
    return next((name for test, name in kinds.items() if test(mode)), "special file")


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    if not head.startswith(_ZIP_MAGIC):
        return False
    # Office files are zips too; they are documents, not archives.
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except ZIP_ERRORS:
        return path.suffix.lower() == ".zip"
    return not ({"word/document.xml", "xl/workbook.xml", "[Content_Types].xml", "mimetype"} & names)


def _member_name(info: zipfile.ZipInfo) -> str:
    """Names without the UTF-8 flag were decoded as cp437; Russian Windows archives are really cp866."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            recoded = name.encode("cp437").decode("cp866")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return name
        if any("\u0400" <= ch <= "\u04ff" for ch in recoded):
            return recoded
    return name


def _unsafe(name: str) -> str | None:
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "absolute path in archive, not extracted"
    if ".." in posix.parts:
        return "path escapes the archive ('..'), not extracted"
    return None


def _members(archive_path: Path, shown: str, limits: ArchiveSettings, tmpdir: Path, depth: int) -> Iterator[FoundFile]:
    try:
        zf = zipfile.ZipFile(archive_path)
    except ZIP_ERRORS:
        return  # the archive's own row reports it as corrupt
    with zf:
        total = 0
        for index, info in enumerate(zf.infolist()):
            if info.is_dir():
                continue
            name = _member_name(info)
            member_shown = f"{shown}!{name}"
            if index >= limits.max_members:
                yield FoundFile(
                    member_shown,
                    None,
                    info.file_size,
                    "skipped",
                    f"archive has more than {limits.max_members} members (archive.max_members)",
                )
                continue
            reason = _unsafe(name)
            if reason:
                yield FoundFile(member_shown, None, info.file_size, "error", reason)
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                yield FoundFile(member_shown, None, info.file_size, "skipped", "symbolic link in archive, not followed")
                continue
            if info.flag_bits & 0x1:
                yield FoundFile(
                    member_shown, None, info.file_size, "error", "encrypted archive member (password needed)"
                )
                continue
            problem = _size_problem(info, total, limits)
            if problem:
                yield FoundFile(member_shown, None, info.file_size, "skipped", problem)
                continue
            total += info.file_size
            target = tmpdir / f"{depth}-{index:06d}{PurePosixPath(name).suffix.lower()[:12]}"
            while target.exists():
                target = target.with_name("x" + target.name)
            try:
                _copy_member(zf, info, target, limits)
            except ZIP_ERRORS as exc:
                target.unlink(missing_ok=True)
                yield FoundFile(member_shown, None, info.file_size, "error", f"cannot extract archive member: {exc}")
                continue
            if _is_zip(target):
                if depth >= limits.max_depth:
                    yield FoundFile(
                        member_shown,
                        None,
                        info.file_size,
                        "skipped",
                        f"archive nested deeper than {limits.max_depth} levels (archive.max_depth)",
                    )
                    continue
                yield FoundFile(member_shown, target, info.file_size, is_archive=True)
                yield from _members(target, member_shown, limits, tmpdir, depth + 1)
            else:
                yield FoundFile(member_shown, target, info.file_size)


def _size_problem(info: zipfile.ZipInfo, total: int, limits: ArchiveSettings) -> str | None:
    if info.file_size > limits.max_member_mb * _MB:
        return f"member is {info.file_size / _MB:.0f} MB unpacked, over archive.max_member_mb={limits.max_member_mb}"
    if total + info.file_size > limits.max_total_mb * _MB:
        return f"archive unpacks to more than archive.max_total_mb={limits.max_total_mb} MB"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _MB and ratio > limits.max_ratio:
        return f"compression ratio {ratio:.0f}:1 looks like a zip bomb (archive.max_ratio={limits.max_ratio})"
    return None


def _copy_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limits: ArchiveSettings) -> None:
    """Copy one member, refusing to write more than it declared (a lying header is a bomb too)."""
    budget = min(info.file_size, int(limits.max_member_mb * _MB))
    with zf.open(info) as src, target.open("wb") as dst:
        written = 0
        while chunk := src.read(1 << 20):
            written += len(chunk)
            if written > budget:
                raise ValueError("member unpacks to more than its declared size")
            dst.write(chunk)
