"""Run the per-document work on a Dask distributed cluster, results in input order.

Optional: ``pip install 'ogi-reports[dask]'``. Used by ``build(..., engine="dask")`` so that a corpus
too large for one machine is parsed by many, while the Parquet writing stays in this process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

INSTALL = "pip install 'ogi-reports[dask]'"
WINDOW = 32  # tasks (of up to 64 documents each) in flight: enough to keep workers busy, few enough that memory stays flat


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # an optional extra: say how to get it
        raise ImportError(f"the dask engine needs dask.distributed: {INSTALL}") from exc
    return distributed


def dask_map(func: Callable[[T], R], args: Iterable[T], scheduler: str | None = None, *,
             window: int = WINDOW, client: Any = None) -> Iterator[R]:
    """Yield ``func(a)`` for each ``a`` of ``args``, in input order, computed on a Dask cluster.
    ``args`` is read as tasks are submitted, so it may be a generator.

    ``scheduler`` is a scheduler address (``tcp://host:8786``); without one a local cluster of two
    worker processes is started and closed again. An existing ``client`` may be passed instead.
    At most ``window`` tasks are submitted ahead of the one being yielded.
    """
    if window < 1:
        raise ValueError(f"window value = {window} is invalid; value must be >= 1")
    distributed = _distributed()
    if client is not None:
        yield from _ordered(client, distributed, func, args, window)
        return
    if scheduler:
        with distributed.Client(scheduler) as own:
            yield from _ordered(own, distributed, func, args, window)
        return
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1) as cluster, \
            distributed.Client(cluster) as own:
        yield from _ordered(own, distributed, func, args, window)


def _ordered(client: Any, distributed: Any, func: Callable[[T], R], args: Iterable[T], window: int) -> Iterator[R]:
    # futures kept by index; results leave the cluster as soon as they are yielded
    futures: dict[int, Any] = {}
    ready: dict[int, R] = {}
    index_of: dict[Any, int] = {}
    pending = distributed.as_completed()
    source = iter(args)
    submitted = 0
    nxt = 0

    def submit_up_to(limit: int) -> None:
        nonlocal submitted
        batch_args = list(islice(source, max(0, limit - submitted)))
        if not batch_args:
            return
        # pure=False: two equal inputs are two tasks (no key clash, no shared result)
        batch = client.map(func, batch_args, pure=False)
        for i, fut in enumerate(batch, start=submitted):
            futures[i] = fut
            index_of[fut.key] = i
            pending.add(fut)
        submitted += len(batch_args)

    try:
        submit_up_to(window)
        while nxt < submitted:
            while nxt not in ready:
                fut = next(pending)
                i = index_of.pop(fut.key)
                ready[i] = fut.result()  # re-raises the task's exception here, in order of arrival
                futures.pop(i).release()
            yield ready.pop(nxt)
            nxt += 1
            submit_up_to(nxt + window)
    finally:
        for fut in futures.values():  # a consumer that stops early must not leave work behind
            fut.cancel()
