"""How a plan of action states a figure: a rate as a percentage, a fulfilment channel by
the name sellers and Amazon's notices use. One place for the letter, its notes and the
lint's comparison with the notice, so the three never word the same figure apart."""

from __future__ import annotations

from typing import Any

#: A fulfilment channel as a plan names it.
CHANNEL_NAMES = {"mfn": "seller-fulfilled", "afn": "FBA"}


def percent(value: Any) -> str:
    """A fraction as a percentage with at most two decimals: 0.0125 -> 1.25%, 0.04 -> 4%."""
    if value is None:
        return "—"
    text = f"{float(value) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"
