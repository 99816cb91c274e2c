"""The Dask worker plugin of the dask executor (a module of its own: importing it imports ``distributed``)."""

from __future__ import annotations

import logging

from distributed import WorkerPlugin

from extract.settings import Settings
from extract.worker import init_worker, warm_up

__all__ = ["WorkerSetup"]

log = logging.getLogger(__name__)


class WorkerSetup(WorkerPlugin):
    """On every worker (restarted ones too): one BLAS thread, and the parsers and both pipelines loaded once."""

    name = "extract-setup"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: object) -> None:
        init_worker()
        warm_up(self.settings)
        log.debug("extract pipelines loaded on Dask worker %s", worker)
