"""Each bundled rule pack seen at work on fixtures in real input formats."""
