# Urafiki: `make run` serves the site on http://127.0.0.1:8000, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres lint install data messages benchmark clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

data: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo_content

# The huey consumer (background jobs, the daily reminders) runs beside the web server and stops with it:
# Ctrl-C ends runserver, and the shell's exit trap ends the consumer.
run: data
	$(PY) manage.py run_huey & huey=$$!; \
	trap 'kill $$huey 2>/dev/null' EXIT; trap 'exit 130' INT TERM HUP; \
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

test: lint
	$(PY) -m pytest

# The same suite on PostgreSQL (CI runs both).
test-postgres: install
	DATABASE_URL=$(PG_URL) $(PY) -m pytest

# Rebuild the compiled catalogues after editing locale/*/LC_MESSAGES/django.po.
messages: install
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=benchmarks --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

benchmark: install
	$(PY) benchmarks/search_api.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
