"""The Dask engine gives the same rows, in the same order, as the in-process map."""

from __future__ import annotations

import pytest

from ogi.build import iter_inputs, parse_chunk
from ogi.report import Settings
from tests.conftest import RAW

distributed = pytest.importorskip("distributed")

from ogi.dask_engine import dask_map  # noqa: E402  (after the skip: needs distributed)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=2,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def _args() -> list:
    settings = Settings()
    return [([item], settings, None) for item in iter_inputs(RAW)]  # one document per task


def test_dask_map_matches_map_in_order(client) -> None:
    args = _args()
    assert len(args) >= 8
    # window 3 < number of files: results must be reordered and topped up, not just collected
    got = list(dask_map(parse_chunk, args, client=client, window=3))
    assert [r["documents"]["id"][0].as_py() for r in got] == [a[0][0].id for a in args]
    assert got == list(map(parse_chunk, args))


def test_scheduler_address(client) -> None:
    args = _args()[:2]
    got = list(dask_map(parse_chunk, args, client.scheduler.address))
    assert got == list(map(parse_chunk, args))


def _boom(x: int) -> int:
    if x == 2:
        raise ValueError("bad input")
    return x * 10


def test_errors_surface_and_early_stop(client) -> None:
    results = dask_map(_boom, [0, 1, 2, 3], client=client, window=2)
    assert next(results) == 0
    assert next(results) == 10
    with pytest.raises(ValueError, match="bad input"):
        next(results)
    assert list(dask_map(_boom, [], client=client)) == []


def test_window_must_be_positive(client) -> None:
    with pytest.raises(ValueError, match="window"):
        list(dask_map(_boom, [1], client=client, window=0))


def test_build_on_dask_equals_local_build(client, tmp_path) -> None:
    import hashlib

    import pyarrow.parquet as pq

    from ogi.build import build

    def digest(folder):
        return {t: hashlib.sha256(pq.read_table(folder / f"{t}.parquet").to_pandas().to_csv().encode()).hexdigest()
                for t in ("documents", "cells", "checks", "sections")}

    build(RAW, tmp_path / "local")
    build(RAW, tmp_path / "dask", engine="dask", scheduler=client.scheduler.address)
    assert digest(tmp_path / "local") == digest(tmp_path / "dask")


def test_tasks_are_read_as_they_are_submitted(client) -> None:
    # a build hands over a generator: only the tasks in flight exist, not a list of all of them
    made: list[int] = []

    def tasks():
        for x in range(10):
            made.append(x)
            yield x

    results = dask_map(_boom, (x for x in tasks() if x != 2), client=client, window=2)
    assert next(results) == 0
    assert len(made) <= 4  # the window, plus the one skipped by the filter
    assert list(results) == [10, 30, 40, 50, 60, 70, 80, 90]
