# Two commands on a fresh machine: `make preview` and `make test`.
# Everything is installed into .venv from the pinned versions in requirements.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
SITE ?= site
# Material prints an end-of-life banner on every mkdocs run; staff logs stay about their data.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup check build preview test export bench bench-city lighthouse docs screenshots clean templates documents document-tools

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-build-isolation --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# Official notices are also issued as Word and PDF files: LibreOffice converts the .docx,
# with free CJK fonts embedded (site_config/fonts.conf maps the government fonts onto
# them); pdftoppm renders a page for the screenshots. Installed only when missing.
DOCUMENT_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming
document-tools:
	@missing=""; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	fc-list 2>/dev/null | grep -q "Noto Serif CJK" || missing="$$missing fonts-noto-cjk"; \
	fc-list 2>/dev/null | grep -q "AR PL UKai" || missing="$$missing fonts-arphic-ukai"; \
	fc-list 2>/dev/null | grep -q "AR PL UMing" || missing="$$missing fonts-arphic-uming"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing for the Word/PDF documents"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

check: setup
	$(BIN)/python -m generator check

# The build validates the data itself (same located messages as `check`) and audits
# the result; `check` first would only read everything twice.
build: setup document-tools
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

# The web editor at /admin/ saves into this folder through its local backend (port 8081).
preview: check document-tools
	$(BIN)/python -m generator cms --serve & trap 'kill $$!' EXIT; \
	$(BIN)/mkdocs serve --dirty --strict --dev-addr 127.0.0.1:$(PORT)

test: setup document-tools
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

# Build ratio, check, preview latency and search index at city scale; rewrites the
# README table (about 30 minutes on 2 cores).
bench-city: setup document-tools
	$(BIN)/python benchmarks/city_scale.py

screenshots: build
	$(BIN)/python scripts/screenshots.py site screenshots

# NAME.docx and NAME.pdf of every published notice of an official category.
documents: setup document-tools
	$(BIN)/python -m generator document --out build/documents

clean:
	rm -rf site build screenshots templates .pytest_cache
