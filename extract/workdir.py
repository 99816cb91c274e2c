"""The temporary folder of one run (archive members are extracted into it), and cleaning up after killed runs.

A run holds an exclusive ``flock`` on a lock file inside its folder for as long as it lives. The kernel drops the
lock when the process dies, however it dies, so the next run can tell the folders of killed runs (lock free) from
those of runs still going (lock held) and remove only the former.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PREFIX", "remove_stale", "run_workdir"]

log = logging.getLogger(__name__)

PREFIX = "extract-"
_LOCK = ".lock"


def remove_stale(base: Path) -> int:
    """Remove the temporary folders that killed runs left in ``base``; returns how many were removed."""
    removed = 0
    for folder in base.glob(f"{PREFIX}*"):
        lock = folder / _LOCK
        if folder.is_symlink() or not folder.is_dir() or not lock.is_file():
            continue
        try:
            with lock.open("rb") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # locked: a live run owns it
        removed += 1
    if removed:
        log.info("removed %d temporary folder(s) left by interrupted runs", removed)
    return removed


@contextlib.contextmanager
def run_workdir() -> Iterator[Path]:
    """A fresh locked temporary folder for one run, removed when the run ends."""
    base = Path(tempfile.gettempdir())
    remove_stale(base)
    # Locked under a name remove_stale ignores, then renamed: no other run can see it unlocked.
    staging = Path(tempfile.mkdtemp(prefix=f".{PREFIX}new-", dir=base))
    lock = (staging / _LOCK).open("wb")
    folder = staging
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        folder = staging.with_name(PREFIX + staging.name.removeprefix(f".{PREFIX}new-"))
        staging.rename(folder)
        yield folder
    finally:
        lock.close()
        shutil.rmtree(folder, ignore_errors=True)
