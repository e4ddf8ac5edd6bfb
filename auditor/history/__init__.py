"""Periodic audits remembered: an embedded SQLite history of runs, per store.

What changed since the last run (diff), how metrics moved (trends and projections)
and the weekly review are read from it. The package sits beside packs, outputs and
score: it knows the report's plain data and the models, never the engine or a reader.
"""
