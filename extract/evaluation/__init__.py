"""Measuring the pipeline: the gold corpus (``make eval``) and the peers' test suites (``make eval-peers``)."""
