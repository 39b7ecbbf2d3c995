# Gongjian — the two quick-start commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp

.PHONY: install run test lint format schema bench fuzz clean help

help:
	@echo "make run    - set up, initialise the embedded graph, load the demo district if empty, serve :8000"
	@echo "make test   - set up and run the whole suite (ruff, pytest incl. the Neo4j dialect lint)"
	@echo "make schema - regenerate api/schema.graphql from the code"
	@echo "make bench  - run the benchmarks in bench/"
	@echo "make fuzz   - fuzz the GraphQL API with schemathesis on the tiny demo (fails on 5xx or internal errors)"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24,<27"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/gongjian db init
	$(BIN)/gongjian demo load --scale district --if-empty
	$(BIN)/gongjian serve

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schema: $(STAMP)
	$(BIN)/python -c "from gongjian.api.schema import build_schema; print(build_schema().as_str())" > api/schema.graphql

bench: $(STAMP)
	$(BIN)/python -m bench.demo_load

fuzz: $(STAMP)
	$(BIN)/python -m tools.fuzz_graphql --examples 50

clean:
	rm -rf $(VENV) node_modules build *.egg-info .pytest_cache .ruff_cache
