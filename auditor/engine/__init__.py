"""Rules x canonical tables -> outcomes, column-wise over pandas frames.

The engine never reads a file: it gets frames from `auditor.ingest` (through the api)
and validated rules from `auditor.packs`.
"""
