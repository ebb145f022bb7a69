# Two commands on a fresh machine: `make preview` and `make test`.
# Everything is installed into .venv from the pinned versions in requirements.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
SITE ?= site

.PHONY: setup check build preview test export bench lighthouse docs screenshots clean templates

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-build-isolation --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

check: setup
	$(BIN)/python -m generator check

# The build validates the data itself (same located messages as `check`) and audits
# the result; `check` first would only read everything twice.
build: setup
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

# The web editor at /admin/ saves into this folder through its local backend (port 8081).
preview: check
	$(BIN)/python -m generator cms --serve & trap 'kill $$!' EXIT; \
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

test: setup
	$(BIN)/python -m pytest

export: setup
	$(BIN)/python -m generator export build/markdown

lighthouse: setup
	$(BIN)/python benchmarks/lighthouse.py --runs 3

docs: setup
	$(BIN)/python -m generator docs

templates: setup
	$(BIN)/python -m generator templates templates

bench: setup
	$(BIN)/python benchmarks/build_scale.py

screenshots: build
	$(BIN)/python scripts/screenshots.py site screenshots

clean:
	rm -rf site build screenshots templates .pytest_cache
