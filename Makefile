# Two commands matter: `make demo` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# PostgreSQL for the second test run; pytest-django creates and drops test_coproduce.
PG_URL ?= postgres://postgres@127.0.0.1:5432/coproduce
PYTEST_FLAGS ?= -q -p no:logging
# The two database runs are split over this many processes (pytest-xdist), each taking
# tests in the order pytest-django sets, flushing tests last (the schemathesis module stays on one
# worker, see its pytestmark); the browser run stays in one process.
TEST_WORKERS ?= 2
PARALLEL := -n $(TEST_WORKERS) --dist loadgroup

# Everything the checks and tests write (SQLite databases, uploads, keys, pytest's
# temporary folders) goes here, never into var/; `make test` removes it when it passes.
TEST_VAR := $(CURDIR)/build/test-var
TEST_ENV := COPRODUCE_VAR_DIR=$(TEST_VAR)/var
PYTEST := $(TEST_ENV) $(BIN)/pytest --basetemp=$(TEST_VAR)/pytest

STATIC := build/static
ASSETS := $(STATIC)/coproduce/coproduce.css $(STATIC)/govuk/govuk-frontend.min.js \
          $(STATIC)/vendor/htmx.min.js $(STATIC)/vendor/chart.umd.min.js $(STATIC)/pictures/.copied

.PHONY: help demo serve test lint lock nginx test-sqlite test-postgres test-e2e fuzz crawl audit assets messages chromium clean

help:
	@echo "make demo   install everything, load the demo data and serve http://127.0.0.1:8000"
	@echo "make test   install what the tests need and run every test (SQLite, PostgreSQL, browser)"

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exact versions with their hashes from the lock files (requirements/*.txt, made by
# `make lock` from pyproject.toml); Coproduce itself goes in without pulling anything else.
$(VENV)/.installed: pyproject.toml requirements/main.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements/main.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements/test.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

# After changing pyproject.toml's dependencies: pin them again, with hashes, for every
# supported Python (uv's universal resolution). The test lock keeps the main lock's pins.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
  --generate-hashes --no-header --quiet
lock: | $(BIN)/activate
	$(BIN)/pip install --quiet 'uv>=0.13,<0.14'
	$(UV_COMPILE) -o requirements/main.txt
	$(UV_COMPILE) --extra test -c requirements/main.txt -o requirements/test.txt

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STATIC)/coproduce/coproduce.css: node_modules/.installed $(wildcard assets/scss/*.scss)
	npx --no-install sass --no-source-map --quiet-deps --load-path=node_modules \
	  --style=compressed assets/scss/coproduce.scss $@

$(STATIC)/govuk/govuk-frontend.min.js: node_modules/.installed
	mkdir -p $(dir $@) && cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $@

$(STATIC)/vendor/htmx.min.js: node_modules/.installed
	mkdir -p $(dir $@) && cp node_modules/htmx.org/dist/htmx.min.js $@

$(STATIC)/vendor/chart.umd.min.js: node_modules/.installed
	mkdir -p $(dir $@) && cp node_modules/chart.js/dist/chart.umd.min.js $@

# Easy read's pictures: the OpenMoji files named in pictures.txt, under our own names.
$(STATIC)/pictures/.copied: node_modules/.installed src/coproduce/web/pictures.txt
	mkdir -p $(dir $@)
	grep -v '^#' src/coproduce/web/pictures.txt | while read -r name code; do \
	  [ -z "$$name" ] || cp node_modules/openmoji/color/svg/$$code.svg $(dir $@)$$name.svg; \
	done
	cp node_modules/openmoji/LICENSE.txt $(dir $@)LICENSE.txt
	touch $@

assets: $(ASSETS)

# Our own words for the account pages (and, later, Welsh): .po files compiled to .mo.
PO := $(wildcard src/coproduce/locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
$(MO): %.mo: %.po | $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "Installing gettext for the translations"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends gettext >/dev/null; }
	msgfmt --check -o $@ $<

messages: $(MO)

demo: $(VENV)/.installed assets messages
	$(BIN)/coproduce demo

serve: $(VENV)/.installed assets messages
	$(BIN)/coproduce serve

# Browser tests use Debian's Chromium; Playwright never downloads a browser.
chromium:
	@if ! command -v chromium >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends chromium fonts-liberation >/dev/null; \
	fi

# The deployment test (tests/operations/test_nginx.py) runs Debian's nginx in front of
# gunicorn with the configuration in deploy/nginx.
nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  echo "Installing Debian's nginx for the deployment test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends nginx >/dev/null; \
	fi

lint: $(VENV)/.installed-test
	@# Every dependency pyproject.toml names is installed at a version it accepts: the
	@# lock files are not behind it.
	$(BIN)/pip check
	$(BIN)/ruff format --check src tests
	$(BIN)/ruff check src tests
	$(TEST_ENV) $(BIN)/mypy
	$(BIN)/lint-imports
	@# No function above complexity grade C (radon cc: D is 21 or more paths).
	@too_complex="$$($(BIN)/radon cc -n D -s --exclude '*/migrations/*' src)"; \
	  if [ -n "$$too_complex" ]; then echo "Too complex (split them):"; echo "$$too_complex"; exit 1; fi
	@# No module over 500 lines outside migrations (STYLE.md 10: split by sub-domain).
	@too_long="$$(find src -name '*.py' -not -path '*/migrations/*' -exec wc -l {} + \
	  | awk '$$2 != "total" && $$1 > 500')"; \
	  if [ -n "$$too_long" ]; then echo "Over 500 lines (split them):"; echo "$$too_long"; exit 1; fi
	$(TEST_ENV) $(BIN)/coproduce manage makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/coproduce manage check --fail-level WARNING

test-sqlite: $(VENV)/.installed-test assets messages nginx
	$(PYTEST) $(PYTEST_FLAGS) $(PARALLEL) -m "not e2e"

test-postgres: $(VENV)/.installed-test assets messages nginx
	DATABASE_URL=$(PG_URL) $(PYTEST) $(PYTEST_FLAGS) $(PARALLEL) -m "not e2e" --create-db

test-e2e: $(VENV)/.installed-test assets messages chromium
	$(PYTEST) $(PYTEST_FLAGS) -m e2e

test: $(VENV)/.installed-test assets chromium lint test-sqlite test-postgres test-e2e
	rm -rf $(TEST_VAR)
	@echo "All tests passed: SQLite, PostgreSQL and the browser."

# Not part of `make test` (about half an hour): up to 1,000 generated cases for every API
# operation and 200 hostile submissions of every form, on SQLite.
fuzz: $(VENV)/.installed-test assets
	COPRODUCE_SCHEMATHESIS_EXAMPLES=1000 COPRODUCE_FUZZ_EXAMPLES=200 \
	  $(PYTEST) $(PYTEST_FLAGS) tests/api/test_schemathesis.py tests/core/test_form_fuzzing.py

# Not part of `make test`: every page reachable for each role, in English and Welsh, at
# 320 px and 1,280 px, with axe on each (`make test` crawls a slice of it).
crawl: $(VENV)/.installed-test assets messages chromium
	COPRODUCE_CRAWL_PAGES=1000 COPRODUCE_CRAWL_WIDTHS=320,1280 \
	  $(PYTEST) $(PYTEST_FLAGS) -s -m e2e tests/e2e/test_crawl.py

# Known vulnerabilities in the installed dependencies (needs PyPI's JSON API or OSV).
audit: $(VENV)/.installed-test
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit --progress-spinner off --skip-editable --strict

clean:
	rm -rf $(VENV) node_modules build var .mypy_cache .ruff_cache .hypothesis
