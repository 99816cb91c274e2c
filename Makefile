# extract: see README.md. Every target that runs the tool depends on `setup`, which is idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS := corpus/sample
DB := out/extract.sqlite
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
REPORT := out/report.html
.PHONY: help setup extract reextract export report test lint format clean eval eval-peers eval-validate eval-record eval-leaks bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install the project into it (idempotent)

extract: setup ## run the sample corpus into out/extract.sqlite and print a summary
	$(BIN)/extract run $(CORPUS) --db $(DB)
	@if [ -f $(REPORT) ]; then echo "report: $(REPORT) (rebuild it with: make report)"; \
	else echo "report: not built yet; make report writes $(REPORT)"; fi

reextract: setup ## redo every sample document with the current pipeline (replaces records, no duplicates)
	$(BIN)/extract run $(CORPUS) --db $(DB) --force

export: setup ## export the store to out/export/*.jsonl
	$(BIN)/extract export --db $(DB) --format jsonl --out out/export

report: setup ## write the HTML report of out/extract.sqlite to out/report.html (self-contained, opens offline)
	$(BIN)/extract report --db $(DB) --out $(REPORT)

test: setup ## run the test suite
	$(BIN)/python -m pytest -q

eval: setup ## score the gold corpus (P/R/F1 per type and language, diffs in out/eval/); fails below the floors
	$(BIN)/python -m extract.evaluation gold

eval-peers: setup ## score the peers' number and date cases (../shared/peers) per file; fails below the floors
	$(BIN)/python -m extract.evaluation peers

eval-leaks: setup ## score lists of servicemen (corpus/leaks + sample): row recall, field accuracy, pages/s; fails below the bars
	$(BIN)/python -m extract.evaluation leaks

eval-validate: setup ## check the gold annotations and print the corpus size
	$(BIN)/python -m extract.evaluation validate

eval-record: setup ## record today's eval figures as the floors CI must not fall below (tests/eval_floors.json)
	$(BIN)/python -m extract.evaluation gold --record
	$(BIN)/python -m extract.evaluation peers --record

bench: setup ## throughput checklist (medians, PASS/MISS per target; ~6 min): stages, workers, reextract, PDF, NLP
	$(BIN)/python -m extract.benchmark

lint: setup ## ruff lint and format check
	$(BIN)/ruff check extract tests corpus/tools
	$(BIN)/ruff format --check extract tests corpus/tools

format: setup ## apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix extract tests corpus/tools
	$(BIN)/ruff format extract tests corpus/tools

clean: ## remove out/ (the store and exports); keeps .venv
	rm -rf out
