"""Progress of a batch run: a bar on a terminal, a plain log line every few seconds otherwise."""

from __future__ import annotations

import logging
import sys
import time

from extract.worker import DocumentResult

__all__ = ["Progress"]

log = logging.getLogger("extract.progress")


class Progress:
    """Counts files, pages and errors as results arrive."""

    def __init__(self, *, enabled: bool = True, interval: float = 10.0) -> None:
        self.enabled = enabled
        self.interval = interval
        self.total = self.done = self.pages = self.errors = 0
        self._bar = None
        self._started = self._last_log = 0.0

    def start(self, total: int, *, already: int = 0) -> None:
        self.total = total
        self._started = self._last_log = time.monotonic()
        if not self.enabled:
            return
        if already:
            log.info("%d file(s) already done with this pipeline version; %d to process", already, total)
        if sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)
        else:
            log.info("processing %d file(s)", total)

    def advance(self, result: DocumentResult) -> None:
        self.done += 1
        self.pages += result.page_count or 0
        self.errors += result.status == "error"
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self._started, 1e-9)
        if self._bar is not None:
            self._bar.set_postfix(pages_s=f"{self.pages / elapsed:.1f}", errors=self.errors, refresh=False)
            self._bar.update(1)
        elif time.monotonic() - self._last_log >= self.interval or self.done == self.total:
            self._last_log = time.monotonic()
            log.info("%d/%d files, %.1f pages/s, %d error(s)", self.done, self.total, self.pages / elapsed, self.errors)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
