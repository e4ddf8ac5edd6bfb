"""The Dask cluster a fleet runs on: one started here, or one already running.

Without an address, a `LocalCluster` of N worker processes of one thread each: pandas
holds the GIL through much of an audit, so processes, not threads, give one store a
core each. With `--scheduler tcp://HOST:PORT`, the cluster an operator runs (`dask
scheduler` and `dask worker`, Kubernetes, a job queue); its workers read the stores'
files at the absolute paths the client resolved, so they must share its file system.
Either way the cluster is released before the command exits.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError

if TYPE_CHECKING:
    from distributed import Client

#: How long the client waits for an existing scheduler to answer, in seconds.
CONNECT_TIMEOUT_S = 30
#: What `pip install` brings the fleet's engine.
EXTRA = "pip install 'amazon-seller-auditor[fleet]'"


@dataclass(frozen=True)
class Cluster:
    client: Client
    #: `local`, or the scheduler's address as given.
    scheduler: str
    workers: int


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def require_dask() -> None:
    """Dask is installed, or a usage error naming the extra (said before any work)."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise AuditorError(f"auditor fleet runs on Dask, which is not installed: {EXTRA}") from None


@contextmanager
def cluster(scheduler: str | None, workers: int | None) -> Iterator[Cluster]:
    """A client on a new LocalCluster of `workers` processes, or on `scheduler`."""
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler is None:
        count = workers or default_workers()
        with (
            LocalCluster(
                n_workers=count,
                threads_per_worker=1,
                processes=True,
                # No dashboard. The scheduler keeps a small HTTP server (health, metrics)
                # whatever is asked: on a free port of 127.0.0.1, never a fixed one that
                # another cluster of the machine may hold.
                dashboard_address=None,
                scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                host="127.0.0.1",
            ) as local,
            Client(local) as client,
        ):
            yield Cluster(client, "local", count)
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as error:
        raise AuditorError(f"cannot reach the Dask scheduler {scheduler}: {error}") from None
    with client:
        try:  # a scheduler without workers would leave every store waiting
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        except TimeoutError:
            raise AuditorError(
                f"the Dask scheduler {scheduler} has no worker (start one: dask worker {scheduler})"
            ) from None
        yield Cluster(client, scheduler, _worker_count(client))


def _worker_count(client: Any) -> int:
    return len(client.scheduler_info().get("workers", {}))
