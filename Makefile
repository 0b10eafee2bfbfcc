# Rygrad – the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
WORKERS ?= auto
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint messages install clean ci

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make demo [PORT=8123] – build the demo initiative on SQLite under var/ and serve it
demo: $(STAMP)
	mkdir -p var
	$(BIN)/rygrad demo --port $(PORT)

## make test [WORKERS=auto] – the whole suite on every core (set DATABASE_URL to run it on PostgreSQL)
test: $(STAMP)
	$(BIN)/pytest -n $(WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

## make ci – what CI runs: lint, the suite on SQLite and on PostgreSQL, demo and deploy checks
ci:
	bash .ci/run

## make messages – refresh the translation catalogues after changing UI strings
# Each app keeps its own catalogue in <app>/locale; the shared templates and settings
# keep theirs in src/rygrad/locale.
# Every folder of src/rygrad with an apps.py is an app with its own catalogue.
# The shared run ignores `<app>/*.*` (files inside the app folders), not `<app>/*`:
# makemessages would turn the latter into "any folder named <app>" and also skip the
# shared templates in templates/core/ and templates/initiatives/.
APPS := $(patsubst src/rygrad/%/apps.py,%,$(wildcard src/rygrad/*/apps.py))
messages: $(STAMP)
	for app in $(APPS); do (cd src/rygrad/$$app && mkdir -p locale && \
	  $(abspath $(BIN))/rygrad makemessages -l da -l en --no-obsolete --ignore 'tests/*') || exit 1; done
	cd src/rygrad && $(abspath $(BIN))/rygrad makemessages -l da -l en --no-obsolete \
	  $(foreach app,$(APPS),--ignore '$(app)/*.*')
	cd src/rygrad && $(abspath $(BIN))/rygrad compilemessages

clean:
	rm -rf $(VENV) var
