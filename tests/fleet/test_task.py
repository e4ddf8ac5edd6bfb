"""What a worker keeps between a store's audit and its render, and for how long."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.fleet import task


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The worker's store of kept reports, empty for the test."""
    store: dict[str, Any] = {}
    monkeypatch.setattr(task, "KEPT", store)
    return store


def test_a_report_whose_render_never_came_is_let_go_of_after_an_hour(kept: dict[str, Any]) -> None:
    kept["acme-us-1"] = (0.0, "the report of a client that died")
    kept["bolt-us-2"] = (3000.0, "a report whose render is on its way")

    task._let_go_of_stale(now=3700.0)

    assert list(kept) == ["bolt-us-2"]


def test_a_render_of_a_report_the_worker_no_longer_holds_fails_that_store(
    kept: dict[str, Any],
) -> None:
    outcome = task.render_kept("acme-us-1", None, with_report=False)

    assert isinstance(outcome, task.Failed)
    assert outcome.error == "the worker that audited the store no longer holds its report"
