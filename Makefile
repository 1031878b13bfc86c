# Sociale kaart — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

.PHONY: install run test lint format bench soak clean-db referentie-bijwerken systeempakketten chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.geinstalleerd: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

.env:
	cp .env.example .env

install: $(VENV)/.geinstalleerd .env systeempakketten

# Debian packages: pango and fonts for the PDF guide (WeasyPrint), Chromium for the browser tests.
systeempakketten:
	@missend=""; \
	 ldconfig -p | grep -q 'libpangoft2-1.0' || missend="$$missend libpango-1.0-0 libpangoft2-1.0-0"; \
	 [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missend="$$missend fonts-dejavu-core"; \
	 if [ -n "$$missend" ]; then $(APT) update -qq && $(APT) install -y -qq $$missend; fi

chromium:
	@command -v chromium >/dev/null 2>&1 || ($(APT) update -qq && $(APT) install -y -qq chromium)

run: install
	HOST=$(HOST) PORT=$(PORT) exec $(BIN)/python manage.py serveer

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Debian's PostgreSQL, when installed, is started for the tests marked extern_postgres (else skipped).
test: install chromium lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	# Known vulnerabilities with a fix fail the build; offline it only warns (docs/security.md).
	$(BIN)/python tests/pip_audit_controle.py
	TEST_EXTERN_DATABASE_URL="$$(tests/debian_postgres.sh)" $(BIN)/pytest

$(VENV)/.bench-geinstalleerd: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

# Latency, database floor, throughput and export speed at 1k/10k/100k generated aanbod under gunicorn
# (tests/bench/run.py; the first run generates .data/bench-*, later runs reuse them); writes
# docs/benchmarks.md and docs/img/bench-latentie.png, fails on a missed budget.
bench: install $(VENV)/.bench-geinstalleerd
	SNELHEID=1 $(BIN)/pytest -q -s -p no:cacheprovider tests/aanbod/test_hsds_export_snelheid.py
	$(BIN)/python tests/bench/run.py

# The load test of `make test` for 10 minutes (0 errors, bounded memory per gunicorn worker).
SOAK_SECONDEN ?= 600
soak: install
	BELASTING_SECONDEN=$(SOAK_SECONDEN) $(BIN)/pytest -q -s -p no:cacheprovider tests/bedrijf/test_belasting.py

# Throw away the embedded database (it is rebuilt by the next `make run`).
clean-db:
	rm -rf .data/postgres

# Copy the reference CSVs again from ../shared/data (maintainers only; the app never reads ../shared).
referentie-bijwerken:
	cp ../shared/data/be_municipalities_2025.csv ../shared/data/be_postal_places.csv \
	   ../shared/data/be_municipal_mergers_2025.csv ../shared/data/elz_zones.csv \
	   ../shared/data/elz_municipalities_2025.csv ../shared/data/elz_antwerpen_postcodes.csv \
	   ../shared/data/demo_kempen_elz_municipalities.csv ../shared/data/SOURCES.md fixtures/referentie/
