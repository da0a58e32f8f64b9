from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis draws the same examples on every run: CI must not pass or fail by luck. A failure it
# finds once becomes an explicit regression test.
settings.register_profile("ogi", derandomize=True, deadline=None)
settings.load_profile("ogi")

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "corpus" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
GOLD_PATH = FIXTURES / "gold" / "gold.jsonl"


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return load_gold()


def raw_path(name: str) -> Path:
    return RAW / name
