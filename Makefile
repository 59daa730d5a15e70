# Two commands: `make run` and `make test`. Both set everything up first (`make install`).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The UI's translations: each kiosk/ui/translations/*.ts compiled to a .qm (not in git).
TS     := $(wildcard kiosk/ui/translations/*.ts)
QM     := $(TS:.ts=.qm)

.PHONY: bytecode translations install run test lint typecheck imports unit validate bench screenshots clean

install: $(STAMP) translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)
	$(MAKE) --no-print-directory bytecode

translations: $(QM)

kiosk/ui/translations/%.qm: kiosk/ui/translations/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Compiled bytecode, as any installed app has (this machine may set PYTHONDONTWRITEBYTECODE,
# which would make every start compile the sources again).
bytecode:
	$(BIN)/python -m compileall -q kiosk

run: install bytecode
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

bench: install bytecode
	$(BIN)/python bench/bundle_load.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/search.py

screenshots: install
	rm -rf build/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk screenshot --out build/screenshots
	mkdir -p docs/screenshots
	cp build/screenshots/01-welcome-patient-en.png docs/screenshots/01-welcome.png
	cp build/screenshots/02-audience-patient-en.png docs/screenshots/02-audience.png
	cp build/screenshots/03-topic-patient-en.png docs/screenshots/03-topic-patient.png
	cp build/screenshots/04-section-05-mechanisms-clinician-en.png docs/screenshots/04-section-clinician.png
	cp build/screenshots/05-reference-patient-en.png docs/screenshots/05-reference.png
	cp build/screenshots/07-topic-largest-text-patient-en.png docs/screenshots/07-topic-largest-text.png
	cp build/screenshots/08-idle-countdown-patient-en.png docs/screenshots/08-idle-countdown.png
	cp build/screenshots/09-staff-pin-patient-en.png docs/screenshots/09-staff-pin.png
	cp build/screenshots/07-section-high-contrast-patient-en.png docs/screenshots/07-section-high-contrast.png
	cp build/screenshots/03-topic-patient-es.png docs/screenshots/03-topic-spanish.png
	cp build/screenshots/15-selfcheck-question-patient-en.png docs/screenshots/15-selfcheck-question.png
	cp build/screenshots/17-selfcheck-results-patient-en.png docs/screenshots/17-selfcheck-results.png
	cp build/screenshots/18-topic-applies-to-you-patient-en.png docs/screenshots/18-topic-applies-to-you.png
	cp build/screenshots/19-handout-page1-patient-en.png docs/screenshots/19-handout-page1.png
	cp build/screenshots/20-ask-keyboard-patient-es.png docs/screenshots/20-ask-keyboard-spanish.png
	cp build/screenshots/21-ask-answers-patient-en.png docs/screenshots/21-ask-answers.png
	cp build/screenshots/22-ask-no-answer-patient-en.png docs/screenshots/22-ask-no-answer.png
	cp build/screenshots/30-largest-high-contrast-06-results-patient-es.png docs/screenshots/30-results-largest-high-contrast-spanish.png

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	rm -f $(QM)
