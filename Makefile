# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: demo test lint check venv messages clean bench

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

test: venv
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# Benchmarks on the demo data, in a database of their own under var/bench.
bench: venv
	mkdir -p var/bench
	UTSYN_VAR_DIR=var/bench $(BIN)/python manage.py migrate --noinput -v0
	UTSYN_VAR_DIR=var/bench $(BIN)/python manage.py load_demo >/dev/null
	UTSYN_VAR_DIR=var/bench $(BIN)/python scripts/bench_reports.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# For developers: refresh the translation catalogues after changing strings.
messages: venv
	cd utsyn && ../$(BIN)/django-admin makemessages -l nb -l nn -l sv -l en --no-obsolete
	cd utsyn && ../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) var/static
