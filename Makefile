# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install run test lint format check seed clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# `make run` is for trying newsreader locally: development settings, SQLite by default.
seed run: export DJANGO_DEBUG ?= 1

seed: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py ingest fixtures/seeds

# The site, and the background worker that ingests admin uploads, stopped together.
run: seed
	trap 'kill 0' EXIT; $(PY) manage.py db_worker & $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: lint test

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
