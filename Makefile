# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
# The browser and HTML tests' tools (axe-core, the Nu Html Checker), when npm is there.
NPM_TOOLS := $(if $(shell command -v npm),node_modules/.installed)

.PHONY: demo test lint check venv messages clean bench load audit

venv: $(STAMP)

$(STAMP): pyproject.toml
	@./scripts/system-packages
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv failed; installing Debian's python3-venv"; \
	  apt-get install -y -q python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

demo: venv
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving the demo on http://127.0.0.1:8000 (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# --ignore-scripts: vnu-jar's install script would download a Java; the machine's Java runs it.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: venv $(NPM_TOOLS)
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS)

# Benchmark at national scale (utsyn/bench/, docs/performance.md): generates the data sets
# under var/bench and in PostgreSQL's utsyn_bench* databases (reused while unchanged), times
# the main pages and the reports, writes var/bench/results.json and records the run in
# docs/performance.md (BENCH_FLAGS= records nothing).
BENCH_FLAGS ?= --record
bench: venv
	$(BIN)/python manage.py run_bench $(BENCH_FLAGS)

# Load test: gunicorn on loopback driven by locust, on SQLite and on PostgreSQL
# (utsyn/loadtest/); targets: no errors, p99 < 1 s. Databases: LOAD_DATABASES=sqlite,postgres;
# more options for run.py in LOAD_OPTIONS (e.g. "--users 100 --spawn-rate 5 --duration 120s").
LOAD_STAMP := $(VENV)/.installed-load-$(shell sha1sum pyproject.toml | cut -c1-12)
LOAD_DATABASES ?= sqlite,postgres
LOAD_OPTIONS ?=

$(LOAD_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[dev,load]'
	touch $@

load: $(LOAD_STAMP)
	$(BIN)/python -m utsyn.loadtest.run --databases $(LOAD_DATABASES) $(LOAD_OPTIONS)

# ruff; the layers of the apps (import-linter, [tool.importlinter] in pyproject.toml); the types
# of core, organisations and audit (mypy with django-stubs, [tool.mypy]).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Known vulnerabilities in every installed package except the project itself (pip-audit, PyPI's
# advisory data). A package the service could not look up is a warning, or a failure with
# UTSYN_REQUIRE_AUDIT=1 (scripts/audit.py says why).
audit: venv
	$(BIN)/python scripts/audit.py

# For developers: refresh the translation catalogues after changing strings.
messages: venv
	cd utsyn && ../$(BIN)/django-admin makemessages -l nb -l nn -l sv -l en --no-obsolete
	cd utsyn && ../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) var/static
