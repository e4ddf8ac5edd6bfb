"""One module per family of check kinds; importing them fills the registry."""

from auditor.engine.checks import (
    composite,
    dates,
    fields,
    identifiers,
    measures,
    product_types,
    registers,
    relative,
    series,
    text,
    windows,
)

__all__ = [
    "composite",
    "dates",
    "fields",
    "identifiers",
    "measures",
    "product_types",
    "registers",
    "relative",
    "series",
    "text",
    "windows",
]
