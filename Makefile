# Two commands: `make run` and `make test`. Both set everything up first (`make install`).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint typecheck imports unit validate bench screenshots clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/kiosk $(ARGS)

test: lint typecheck imports unit validate

lint: install
	$(BIN)/ruff check kiosk tests bench main.py
	$(BIN)/ruff format --check kiosk tests bench main.py

typecheck: install
	$(BIN)/mypy

imports: install
	$(BIN)/lint-imports

unit: export QT_QPA_PLATFORM = offscreen
unit: install
	$(BIN)/pytest

validate: install
	$(BIN)/kiosk validate --lint

bench: install
	$(BIN)/python bench/bundle_load.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
