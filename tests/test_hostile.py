"""The hostile dump (corpus/tools/generate_hostile.py) through the real command line and the process executor:
every file gets its row, no exception escapes, nothing is written outside the output folder, no network."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract.parsers import parse
from extract.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("generate_hostile", ROOT / "corpus" / "tools" / "generate_hostile.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

#: imported by every Python process of the run (PYTHONPATH): logs each network-ish audit event to a file
SITECUSTOMIZE = """
import os, socket, sys
_log = os.environ["EXTRACT_AUDIT_LOG"]
_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto", "socket.sendmsg",
           "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect"}

def _hook(event, args):
    if event not in _EVENTS:
        return
    if event == "socket.connect" and getattr(args[0], "family", None) == socket.AF_UNIX:
        return  # local inter-process communication
    with open(_log, "a") as fh:
        fh.write(f"{os.getpid()} {event} {args[1:]!r}\\n")

sys.addaudithook(_hook)
"""


def _listing(folder: Path, skip: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every entry under ``folder`` (links not followed) with its size and modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            if skip is not None and (path == skip or skip in path.parents):
                continue
            info = path.lstat()
            out[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return out


class Sandbox:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.parent = base / "sentinel"  # holds the dump; nothing in it may change but the output folder
        self.dump = self.parent / "dump"
        self.out = self.parent / "out"
        self.home, self.tmp, self.hooks = base / "home", base / "tmp", base / "hooks"
        self.audit = base / "audit.log"
        for folder in (self.out, self.home, self.tmp, self.hooks):
            folder.mkdir(parents=True)
        (self.hooks / "sitecustomize.py").write_text(SITECUSTOMIZE)
        self.config = base / "hostile.toml"
        self.config.write_text(hostile.SETTINGS_TOML)

    def extract(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "HOME": str(self.home),
            "TMPDIR": str(self.tmp),
            "PYTHONPATH": os.pathsep.join([str(self.hooks), str(ROOT)]),
            "EXTRACT_AUDIT_LOG": str(self.audit),
        }
        command = [sys.executable, "-m", "extract.cli", "--config", str(self.config), *args]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=timeout, text=True)

    def audit_events(self) -> list[str]:
        return self.audit.read_text().splitlines() if self.audit.exists() else []


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory):
    box = Sandbox(tmp_path_factory.mktemp("hostile"))
    expected = hostile.build(box.dump)
    before = _listing(box.parent, skip=box.out)
    db = box.out / "store.sqlite"
    done = box.extract("run", str(box.dump), "--db", str(db))
    exported = box.extract("export", "--db", str(db), "--format", "jsonl", "--out", str(box.out / "export"))
    rows = [json.loads(line) for line in (box.out / "export" / "documents.jsonl").read_text().splitlines()]
    return box, expected, before, done, exported, rows


def test_the_run_finishes_without_a_traceback(hostile_run) -> None:
    _, _, _, done, exported, _ = hostile_run
    assert done.returncode == 0, done.stderr[-3000:]
    assert exported.returncode == 0, exported.stderr[-3000:]
    assert "Traceback" not in done.stderr + exported.stderr
    assert "finished" in done.stdout


def test_every_file_has_its_row_status_and_message(hostile_run) -> None:
    box, expected, _, _, _, rows = hostile_run
    prefix = f"{box.dump}/"
    got = {row["path"].removeprefix(prefix): row for row in rows}
    assert sorted(got) == sorted(expected)
    wrong = {}
    for path, (status, fragment) in expected.items():
        row = got[path]
        message_ok = row["error"] is None if fragment is None else fragment in (row["error"] or "")
        if row["status"] != status or not message_ok:
            wrong[path] = (row["status"], row["error"], "expected", status, fragment)
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)
    assert got["ru-koi8r.txt"]["lang"] == got["ru-utf16le-no-bom.txt"]["lang"] == "ru"


def test_nothing_is_written_outside_the_output_folder(hostile_run) -> None:
    box, _, before, _, _, _ = hostile_run
    assert _listing(box.parent, skip=box.out) == before
    assert not list(box.tmp.iterdir())  # the run's temporary folder is gone
    assert not [p for p in box.base.rglob("*escape*")]
    assert {p.name for p in box.out.iterdir()} <= {"export", "store.sqlite", "store.sqlite-shm", "store.sqlite-wal"}


def test_no_network_connection_is_attempted(hostile_run) -> None:
    box, *_ = hostile_run
    assert box.audit_events() == []
    # The hook does see an attempt (so the empty log above means something).
    probe = "import socket\ns = socket.socket()\ns.settimeout(0.2)\ntry: s.connect(('127.0.0.1', 9))\nexcept OSError: 0"
    env = {**os.environ, "PYTHONPATH": str(box.hooks), "EXTRACT_AUDIT_LOG": str(box.base / "probe.log")}
    subprocess.run([sys.executable, "-c", probe], env=env, check=True, timeout=60)
    assert "socket.connect" in (box.base / "probe.log").read_text()


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        ("scripts.html", "More than 20,000 soldiers", hostile.SCRIPT_MARKER),
        ("xxe.docx", "More than 20,000 soldiers", "root:"),
        ("external-refs.docx", "More than 20,000 soldiers", "127.0.0.1"),
        ("mixed-encodings.txt", "Более 20 тыс. военнослужащих", "п╬"),
    ],
)
def test_hostile_content_does_not_leak_into_the_text(
    hostile_run, settings: Settings, name: str, present: str, absent: str
) -> None:
    box, *_ = hostile_run
    text = parse(box.dump / name, settings).text
    assert present in text and absent not in text
    if name == "mixed-encodings.txt":
        assert text.count("Более 20 тыс. военнослужащих") == 3  # the UTF-8, cp1251 and KOI8-R lines


def test_the_page_limit_is_checked_without_reading_the_pages(hostile_run, settings: Settings) -> None:
    import dataclasses
    import time

    from extract.document import DocumentError

    box, *_ = hostile_run
    capped = dataclasses.replace(settings, limits=dataclasses.replace(settings.limits, max_pages=1000))
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="5000 pages") as err:
        parse(box.dump / "pages-5000.pdf", capped)
    assert err.value.status == "skipped"
    assert time.perf_counter() - started < 2
