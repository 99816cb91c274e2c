"""One measurement in a fresh process, so its peak memory is its own: ``python -m extract.bench.child MODE PDF``.

``parse``: parse the PDF only (pypdfium2, pdfplumber on table pages). ``worker``: what a worker does: load both
pipelines, then parse and analyse the file (:func:`extract.worker.process`). Writes one JSON line to stdout:
pages, seconds per stage, the peak resident memory of this process (``ru_maxrss``) and that after start-up.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

__all__ = ["main", "peak_rss_mb"]


def peak_rss_mb() -> float:
    """The peak resident set size of this process so far, in MB.

    Read from ``VmHWM`` in /proc/self/status: ``ru_maxrss`` survives ``execve``, so a child forked from a
    process holding the models would report the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    from extract.settings import load_settings

    mode, path = (argv if argv is not None else sys.argv[1:])[:2]
    settings = load_settings()
    started_mb = peak_rss_mb()
    out: dict[str, object] = {}
    if mode == "parse":
        from extract.parsers import parse

        parse_started = time.perf_counter()
        doc = parse(Path(path), settings, "pdf")
        out |= {"pages": doc.page_count, "parse": time.perf_counter() - parse_started}
    elif mode == "worker":
        from extract.worker import WorkItem, init_worker, process, warm_up

        init_worker()
        warm_up(settings)
        started_mb = peak_rss_mb()
        item = WorkItem(sha256="-", path=path, display_path=path, format="pdf", parser_key="-")
        result = process(item, settings)
        out |= {"pages": result.page_count, "status": result.status, "error": result.error, **result.timings}
    else:
        raise SystemExit(f"unknown mode {mode!r}: parse or worker")
    out |= {"startup_mb": started_mb, "peak_mb": peak_rss_mb()}
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
