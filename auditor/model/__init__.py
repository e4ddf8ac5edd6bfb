"""The ground floor: pydantic declarations only (rules, canonical tables, findings, config).

Nothing here executes a rule or reads a file; every other layer imports from here,
and the published JSON Schemas are generated from these models.
"""
