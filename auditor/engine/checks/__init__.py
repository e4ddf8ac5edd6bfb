"""One module per family of check kinds; importing them fills the registry."""

from auditor.engine.checks import dates, fields, identifiers, measures, registers, text

__all__ = ["dates", "fields", "identifiers", "measures", "registers", "text"]
