# DreamCanvas × Printora. The two commands that matter: `make run` and `make test`.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Exported so that settings see them: APP_URL follows HOST and PORT unless it is set.
export HOST PORT

.DEFAULT_GOAL := help
.PHONY: help run test lint format serve migrate lock clean

help:
	@echo "make run     set up .venv, migrate and serve on http://$(HOST):$(PORT)/ (development)"
	@echo "make test    install the test extras and run the whole suite"
	@echo "make lint    ruff, the import contract (import-linter) and the type checker (mypy)"
	@echo "make format  apply ruff's fixes and formatting"
	@echo "make serve   collectstatic and run gunicorn (production-like)"
	@echo "make lock    regenerate requirements.txt (runtime, with hashes) from pyproject.toml"

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
		echo "Could not create $(VENV). On Debian/Ubuntu: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp files make a second `make run` skip pip when pyproject.toml is unchanged.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# A development .env, written once: every documented command (manage.py createsuperuser,
# printora_trigger, ...) then works in any shell, not only under `make run`.
.env:
	@$(PYTHON) -c "import secrets; print('# Written by the first make run for local development; see .env.example.\nDEBUG=true\nSECRET_KEY=' + secrets.token_urlsafe(50))" > $@
	@echo "Created .env for development: DEBUG=true and a generated SECRET_KEY (edit or delete it as you like)."

run: $(VENV)/.installed .env
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --noinput
	@# The demo creators and merch, made in the sandbox (with a real key it only says what it would do).
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py seed_demo
	@echo ""
	@echo "  DreamCanvas is running at http://$(HOST):$(PORT)/"
	@echo "  Sandbox mode unless PRINTORA_API_KEY is set; operator panel at /sandbox/."
	@echo "  Dashboard sign-in (when DASHBOARD_PUBLIC=false): $(BIN)/python manage.py createsuperuser"
	@echo "  The Partner API from another shell: $(BIN)/python manage.py printora --help"
	@echo ""
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve: $(VENV)/.installed
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	@echo "  DreamCanvas (gunicorn) at http://$(HOST):$(PORT)/"
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py dreamcanvas.wsgi

migrate: $(VENV)/.installed .env
	$(BIN)/python manage.py migrate --noinput

# Runtime dependencies only (what a PaaS installs), pinned with hashes.
lock: $(VENV)/.installed-dev
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --no-emit-index-url \
		--no-emit-find-links --output-file requirements.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-artifacts
