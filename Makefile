# gongkai — the README's commands. Everything installs into .venv; nothing global but Debian packages.
VENV   := .venv
PY     := $(VENV)/bin/python
GK     := $(VENV)/bin/gongkai
STAMP  := $(VENV)/.installed
PYTHON ?= python3

.PHONY: install run test lint format bench system-deps clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

var/secret-key:
	mkdir -p var
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret-key

run: install var/secret-key
	$(GK) migrate --noinput
	$(GK) collectstatic --noinput -v 0
	test -f var/.demo-loaded || ($(GK) demo && touch var/.demo-loaded)
	$(GK) serve

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The whole suite on SQLite and on PostgreSQL side by side (a throwaway server on loopback,
# or the one GONGKAI_TEST_POSTGRES_URL names).
test: install system-deps lint
	PYTEST=$(VENV)/bin/pytest scripts/test-both-databases

system-deps:
	scripts/system-deps

bench: install
	for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var
