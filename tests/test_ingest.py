"""Finding files: folders, zip archives and the archive dangers that must never escape the temporary folder."""

import stat
import zipfile
from pathlib import Path

from extract.ingest import find_files
from extract.settings import ArchiveSettings

LIMITS = ArchiveSettings(max_depth=2, max_members=100, max_member_mb=5, max_total_mb=20, max_ratio=100)


def _found(tmp_path: Path, *sources: Path):
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return {
        f.display_path.split("/")[-1] if "!" not in f.display_path else f.display_path.split("!", 1)[1]: f
        for f in find_files([str(s) for s in sources], LIMITS, work)
    }, work


def test_folder_is_walked_recursively(tmp_path: Path) -> None:
    root = tmp_path / "dump"
    (root / "a" / "b").mkdir(parents=True)
    (root / "top.txt").write_text("x")
    (root / "a" / "b" / "deep.html").write_text("<p>y</p>")
    found, _ = _found(tmp_path, root)
    assert set(found) == {"top.txt", "deep.html"}
    assert all(f.status is None for f in found.values())


def test_missing_source_and_symlink_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "dump"
    root.mkdir()
    (root / "real.txt").write_text("x")
    (root / "link.txt").symlink_to(tmp_path / "outside.txt")
    found, _ = _found(tmp_path, root, tmp_path / "nope")
    assert found["link.txt"].status == "skipped" and "symbolic link" in found["link.txt"].error
    assert found["nope"].status == "error" and "no such file" in found["nope"].error


def test_zip_members_are_files_with_bang_paths(tmp_path: Path) -> None:
    archive = tmp_path / "dump.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("reports/en.txt", "English report")
        zf.writestr("reports/", "")
    found, work = _found(tmp_path, archive)
    assert found["dump.zip"].is_archive
    member = found["reports/en.txt"]
    assert member.display_path.endswith("dump.zip!reports/en.txt")
    assert member.path.read_text() == "English report"
    assert member.path.parent == work


def test_dangerous_members_are_not_extracted(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("../escape.txt", "x")
        zf.writestr("/etc/absolute.txt", "x")
        zf.writestr("C:\\windows.txt", "x")
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("bomb.txt", b"0" * (3 * 1024 * 1024))  # ratio ~1000:1
        zf.writestr("ok.txt", "fine")
    found, work = _found(tmp_path, archive)
    by_name = {k.split("/")[-1]: v for k, v in found.items()}
    assert "escapes" in by_name["escape.txt"].error
    assert "absolute" in by_name["absolute.txt"].error
    assert "absolute" in by_name["C:\\windows.txt"].error
    assert "symbolic link" in by_name["link.txt"].error
    assert "zip bomb" in by_name["bomb.txt"].error and by_name["bomb.txt"].status == "skipped"
    assert by_name["ok.txt"].status is None
    assert not (tmp_path / "escape.txt").exists()
    assert sorted(p.name for p in work.iterdir()) == [by_name["ok.txt"].path.name]


def test_nested_archives_stop_at_the_depth_limit(tmp_path: Path) -> None:
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("deep.txt", "deep")
    middle = tmp_path / "middle.zip"
    with zipfile.ZipFile(middle, "w") as zf:
        zf.write(inner, "inner.zip")
        zf.writestr("mid.txt", "mid")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(middle, "middle.zip")
    found, _ = _found(tmp_path, outer)
    paths = {f.display_path.split("/")[-1]: f for f in found.values()}
    assert paths["outer.zip!middle.zip!mid.txt"].status is None
    nested = paths["outer.zip!middle.zip!inner.zip"]
    assert nested.status == "skipped" and "deeper than 2" in nested.error


def test_cp866_member_names_are_recovered(tmp_path: Path) -> None:
    archive = tmp_path / "ru.zip"
    name = "Список СОЧ.txt"
    raw = name.encode("cp866")
    placeholder = "Q" * (len(raw) - 4) + ".txt"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(placeholder, "x")
    # Windows archivers write cp866 names without the UTF-8 flag; zipfile cannot, so patch the bytes.
    archive.write_bytes(archive.read_bytes().replace(placeholder.encode(), raw))
    found, _ = _found(tmp_path, archive)
    assert name in found


def test_too_many_members(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(105):
            zf.writestr(f"f{i}.txt", "x")
    found, _ = _found(tmp_path, archive)
    skipped = [f for f in found.values() if f.status == "skipped"]
    assert len(skipped) == 5 and "max_members" in skipped[0].error
