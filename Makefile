# France Tiers-Lieux: `make run` serves the demo site, `make test` checks everything.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SITE_URL := http://$(HOST):$(PORT)
# What makemessages must not scan: only our own apps and templates are translated here.
MESSAGES_IGNORE := --ignore=$(VENV) --ignore=var --ignore=node_modules --ignore=bench --ignore=tests
export DJANGO_SETTINGS_MODULE ?= tierslieux.settings.dev

.DEFAULT_GOAL := help
.PHONY: help run test test-fast install install-dev install-node migrate demo lint format check messages clean search-start search-stop search-status search-bench cache-start cache-stop cache-status

help: ## List the targets, one line each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed ## Create .venv and install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Install the test and tool requirements too

# Node tools (stylelint), pinned by package-lock.json; npm ci runs again only when they change.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install-node: node_modules/.installed ## Install the Node tools (stylelint) into node_modules

migrate: install ## Apply database migrations
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo content (safe to run again)
	$(PY) manage.py load_demo_content --site-url $(SITE_URL)

run: demo ## Install, migrate, load the demo, then run the Procfile (web on $(HOST):$(PORT), worker, scheduler)
	@$(PY) manage.py ensure_demo_admin --site-url $(SITE_URL)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" HOST=$(HOST) $(VENV)/bin/honcho start -f Procfile -p $(PORT)

lint: install-dev install-node ## Run ruff, the import contracts (lint-imports) and stylelint on the CSS
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	node_modules/.bin/stylelint --max-warnings 0 "static/**/*.css"

format: install-dev ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install-dev ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=tierslieux.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=tierslieux.settings.test $(PY) manage.py makemigrations --check --dry-run

messages: install ## Update the English .po from the code and compile the .mo (needs GNU gettext)
	$(PY) manage.py makemessages -l en $(MESSAGES_IGNORE) --no-obsolete
	$(PY) manage.py compilemessages -l en --ignore=$(VENV)

test: lint check ## Install dev requirements, run ruff and the whole test suite
	DJANGO_SETTINGS_MODULE=tierslieux.settings.test $(VENV)/bin/pytest --create-db

test-fast: install-dev ## Quick loop: the tests not marked slow, on the kept test database
	DJANGO_SETTINGS_MODULE=tierslieux.settings.test $(VENV)/bin/pytest -m "not slow" --reuse-db

search-start: ## Start a local OpenSearch node (fetched with mvn) and print its settings
	scripts/search-engine start

search-stop: ## Stop the local OpenSearch node
	scripts/search-engine stop

search-status: ## Health of the local OpenSearch node
	scripts/search-engine status

cache-start: ## Start a local Redis (the shared cache) and print its CACHE_URL
	scripts/cache-server start

cache-stop: ## Stop the local Redis
	scripts/cache-server stop

cache-status: ## Whether the local Redis answers PING
	scripts/cache-server status

search-bench: install ## Index 10,000 articles and time 1,000 queries on the engine and the database
	DJANGO_SETTINGS_MODULE=tierslieux.settings.test $(PY) bench/search_benchmark.py

clean: ## Remove the virtualenv, the local database, media and the Node tools
	rm -rf $(VENV) var static_collected node_modules
