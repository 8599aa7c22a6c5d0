# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# From the npm registry: the NL Design System CSS, copied where Django's static files finder
# sees it, and Spectral, which lints the API against the NLGov API Design Rules in the tests.
NLDS := website/static/vendor/nl-design-system
# `PORT=8001 make run` serves on another port.
PORT ?= 8000

.PHONY: install css run test bench bench-national load screenshots

install: $(VENV)/.installed css

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@

css: $(NLDS)/.built

$(NLDS)/.built: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(NLDS)
	cp node_modules/@utrecht/design-tokens/dist/theme.css $(NLDS)/design-tokens.css
	cp node_modules/@utrecht/component-library-css/dist/index.css $(NLDS)/components.css
	cp node_modules/@utrecht/component-library-css/dist/html.css $(NLDS)/html.css
	touch $@

# Set up the SQLite database with the CBS register and the demo content, then serve the site.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_municipalities
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py search_index
	$(BIN)/python manage.py publish_open_data
	PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Lint, template indentation, the layer contracts (docs/ARCHITECTURE.md), Django's checks,
# migration drift, and the test suite on two processes with coverage (DATABASE_URL selects
# PostgreSQL). The browser tests share one worker and one server (tests/conftest.py).
# PYTEST_ARGS narrows the run (CI leaves the browser tests out of one of its three passes).
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

# Performance figures (printed, not asserted); DATABASE_URL selects PostgreSQL. The search
# benchmark also measures Elasticsearch, on a node of its own; everything else searches the
# database as before.
BENCH_ELASTICSEARCH := ELASTICSEARCH_NODE_DIR=/tmp/labregister-elasticsearch-bench scripts/elasticsearch-node/run
bench: install
	$(BENCH_ELASTICSEARCH) start 9252
	SEARCH_BACKEND=database ELASTICSEARCH_URL=http://127.0.0.1:9252 \
		$(BIN)/pytest tests/benchmarks -m "benchmark and not national" -s -q; \
		status=$$?; $(BENCH_ELASTICSEARCH) stop; exit $$status

# The national scale (docs/SCALING.md): ~1,000 organisations × 3,000 initiatives in a
# PostgreSQL database of its own, generated on the first run (about 10 minutes) and kept.
NATIONAL_DATABASE_URL ?= postgres://labregister:labregister@127.0.0.1:5432/labregister_national
# Elasticsearch runs for the search benchmark only: its start-up (JIT, merges) would share the
# two cores with the page benchmarks. The import comes last: the 500,000 rows it writes and
# rolls back keep PostgreSQL's autovacuum busy on the same cores for minutes afterwards.
bench-national: install
	DATABASE_URL=$(NATIONAL_DATABASE_URL) SEARCH_BACKEND=database \
		$(BIN)/pytest tests/benchmarks/national/test_national_benchmark.py \
		tests/benchmarks/national/test_national_forecast.py -m national -s -q
	$(BENCH_ELASTICSEARCH) start 9252
	DATABASE_URL=$(NATIONAL_DATABASE_URL) SEARCH_BACKEND=database \
		ELASTICSEARCH_URL=http://127.0.0.1:9252 \
		$(BIN)/pytest tests/benchmarks/national/test_national_search.py -m national -s -q; \
		status=$$?; $(BENCH_ELASTICSEARCH) stop; exit $$status
	DATABASE_URL=$(NATIONAL_DATABASE_URL) SEARCH_BACKEND=database \
		$(BIN)/pytest tests/benchmarks/national/test_national_import.py \
		tests/benchmarks/national/test_national_open_data.py -m national -s -q

# Concurrent load on the national data set: gunicorn with production settings on loopback,
# locust at 1, 10 and 50 visitors while two systems write through the API (scripts/load).
load: install
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test,load]"
	NATIONAL_DATABASE_URL=$(NATIONAL_DATABASE_URL) $(BIN)/python scripts/load/run.py

# The README's screenshots, made by the browser tests' helper in Debian's chromium.
screenshots: install
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest tests/browser/test_screenshots.py -q
