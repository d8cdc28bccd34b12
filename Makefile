# The two commands of the README: `make demo` (set up, run the seed) and `make test` (set up, check, test).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := sqlite:///demo.db

.PHONY: setup demo test check lint typecheck eval train lock po clean

$(BIN)/crosscheck: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

setup: $(BIN)/crosscheck

demo: setup
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/crosscheck ingest --db $(DEMO_DB) --source RT --published 2024-01-31T15:28:00Z \
		seeds/rt-pow-exchange-2024-01-31.txt
	$(BIN)/crosscheck relations --db $(DEMO_DB)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

check: lint typecheck

test: check
	$(BIN)/pytest -q

eval: setup
	python3 ../shared/eval/score.py --cli $(BIN)/crosscheck --langs en ../shared/eval/cases
	python3 ../shared/eval/score.py --cli $(BIN)/crosscheck ../shared/eval/cases
	python3 ../shared/eval/score.py --cli $(BIN)/crosscheck ../shared/eval/validation
	$(BIN)/python -m bot.learning crossval seeds/cases

# Fit the pair model on the project's own cases and write it into the package (bot/pipeline/data/).
train: setup
	$(BIN)/python -m bot.learning fit seeds/cases

# Rewrite the lock (pip-tools is in the dev extra: run after `make setup`). It names no index or find-links:
# pip finds the packages through its own configuration (pip.conf, PIP_* variables).
lock:
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --extra dev --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# After adding or changing a text in bot/replies.py: its msgid goes into each .po (empty, to translate there);
# tests/test_i18n.py fails until every one has its ru and uk translation.
po: setup
	$(BIN)/pybabel -q extract --no-location --omit-header -k N_ -o $(VENV)/crosscheck.pot \
		$$($(BIN)/python -c 'from bot.i18n import SOURCES; print(*SOURCES)')
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --width 110 \
		-i $(VENV)/crosscheck.pot -d bot/locale -D crosscheck

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
