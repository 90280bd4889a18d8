# Two commands do all set-up on a fresh machine:
#   make run   — venv, install, migrate, demo data, server at http://127.0.0.1:8000 (SQLite)
#   make test  — dev requirements, then the whole suite (SQLite, or DATABASE_URL when set),
#                with a coverage table, the ten slowest tests and the wall time at the end
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev lint format clean bench messages cluster

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python -m pytest --cov --cov-report=term --durations=10 $(PYTEST_ARGS)

# ruff, migrations, types (mypy with django-stubs), the direction of imports between apps, and
# translations complete and compiled.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_import_direction.py
	$(BIN)/python manage.py messages --check

# The interface's translations (core/i18n_catalogue.py): the strings marked in the code merged into
# locale/<lang>/LC_MESSAGES/django.po (new ones untranslated, changed ones fuzzy), and its .mo
# compiled (committed). Pure Python: no GNU gettext. Then translate, and run it again.
messages: install-dev
	$(BIN)/python manage.py messages

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Load benchmark (docs/performance.md): needs PostgreSQL on 127.0.0.1 and wrk (apt-get install wrk).
# Options in BENCH_ARGS (bench/run.py --help), e.g. BENCH_ARGS="--pages product --modes off,ours-0.1".
# BENCH_ARGS=--at-size: the shop at two sizes side by side instead (docs/performance.md "At size";
# databases filled by `manage.py seed_scale`). BENCH_ARGS="--sdk3 /tmp/venv3/bin/python": the
# stock Sentry set-up on sentry-sdk 2.x and 3.x in the same run (docs/performance.md says how
# to make that venv).
bench: install-dev
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Scale-out proof (docs/deploy.md): two gunicorn instances of the production settings behind
# HAProxy (apt-get install haproxy), a rolling restart under load, SIGTERM with Sentry hanging.
# Needs PostgreSQL and Redis on 127.0.0.1, like CI; prints what it measured.
cluster: install-dev
	$(BIN)/python scripts/cluster.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .coverage
