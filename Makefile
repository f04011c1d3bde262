# The two commands of the README (`make demo`, `make test`) build their own virtual environment
# from a fresh clone with nothing but Python 3 and pip.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test test-fast bench venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# compiled once here: where PYTHONDONTWRITEBYTECODE is set, every grader, zygote and
	@# notebook checker would otherwise compile the kit again when it starts
	$(BIN)/python -m compileall -q autograder solutions
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m autograder demo

# The suite runs in TEST_WORKERS processes, a test file at a time in each (so a module's
# expensive fixture is built once); tests/conftest.py starts the longest files first.
TEST_WORKERS ?= 2

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/bench_reference.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis out

.PHONY: student-kit
student-kit: $(STAMP)
	$(BIN)/python -m autograder student-kit dist

.PHONY: bench-grade
bench-grade: $(STAMP)
	$(BIN)/python bench/bench_grade.py

.PHONY: bench-notebook
bench-notebook: $(STAMP)
	$(BIN)/python bench/bench_notebook.py
