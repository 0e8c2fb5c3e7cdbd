# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# `make run PORT=8080` (and HOST=0.0.0.0 to be reached from other machines).
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: install install-site run test test-all lint format check seed clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# What the site needs to run: trying it out does not install the test tools.
$(VENV)/.site: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

# The site and the development tools (pytest, Playwright, ruff...).
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.site $@

install-site: $(VENV)/.site
install: $(VENV)/.installed

# `make run` is for trying newsreader locally: development settings, SQLite by default.
seed run: export DJANGO_DEBUG ?= 1

seed: install-site
	$(PY) manage.py migrate --noinput
	$(PY) manage.py ingest fixtures/seeds

# The site, and the background worker that ingests admin uploads, stopped together.
run: seed
	trap 'kill 0' EXIT; $(PY) manage.py db_worker --queue-name '*' & $(PY) manage.py runserver $(HOST):$(PORT)

# The tier to run every few minutes: everything but the thorough tier (tests/conftest.py),
# on every core (pytest-xdist).
# One worker more than the machine has cores: a browser test spends much of its time
# waiting on Chromium and the live server (2 cores: 159 s with 3 workers, 182 s with 2).
test: install
	$(PY) -m pytest -m "not thorough" -n $$(( $$(nproc) + 1 ))

# Everything, as CI runs it: adds the load drills, fault injection, fuzzers, schemathesis,
# pip-audit, Varnish and concurrent ingests.
test-all: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: lint test

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
