# tidings — two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck eval bench clean install

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb demo.duckdb.wal demo.duckdb.lock demo.duckdb.intent
	@# exit code 3 means "finished, some inputs rejected": the corpus holds two bad files on purpose
	$(BIN)/tidings run --db demo.duckdb src/tidings/demo/corpus || test $$? -eq 3
	$(BIN)/tidings summary --db demo.duckdb

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

eval: $(STAMP)
	$(BIN)/python -m pytest -m eval -v

bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline_speed.py
	$(BIN)/python benchmarks/cluster_speed.py

clean:
	rm -rf $(VENV) build *.egg-info demo.duckdb demo.duckdb.wal demo.duckdb.lock demo.duckdb.intent
