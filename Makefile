# Two commands for a newcomer: `make run` serves the dashboard, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DB ?= data/jobs.duckdb

.PHONY: run test bench lint sample-db

run: $(DB)
	JOBS_DB=$(DB) $(BIN)/streamlit run app.py --server.headless true

test: $(INSTALLED)
	$(BIN)/python -m pytest

bench: $(INSTALLED)
	$(BIN)/python -m benchmarks

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Built only when missing, so listings loaded later are never thrown away. It is built under a
# temporary name, so an interrupted build leaves no half-made database behind.
$(DB): | $(INSTALLED)
	$(MAKE) sample-db

sample-db: $(INSTALLED)
	rm -f $(DB).building
	$(BIN)/python -m pipelines ingest data/sample/glassdoor_jobs.csv --name glassdoor-2020 \
		--posted-date 2020 --db $(DB).building
	$(BIN)/python -m pipelines ingest data/sample/data_scientist_us_2025.csv \
		--name jsearch-ds-2025 --db $(DB).building
	$(BIN)/python -m pipelines ingest data/sample/hn_whoishiring.csv --name hn-whoishiring \
		--db $(DB).building
	mv $(DB).building $(DB)
