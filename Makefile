# Two set-up commands on a fresh machine: `make corpus` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: corpus test lint bench lab clean

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check "uv>=0.4"
	$(VENV)/bin/uv pip install -q --python $(PY) -c constraints.txt -e '.[dev]'
	touch $(STAMP)

corpus: $(STAMP)
	$(VENV)/bin/ogi build corpus/raw --out corpus/build

test: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) benchmarks/bench_build.py
	$(PY) benchmarks/bench_tables.py

lab: $(STAMP)
	$(VENV)/bin/uv pip install -q --python $(PY) -c constraints.txt -e '.[dev,lab]'
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf corpus/build
