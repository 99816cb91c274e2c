"""``python -m extract.benchmark`` (``make bench``): see :mod:`extract.bench`."""

from __future__ import annotations

import sys

from extract.bench import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
