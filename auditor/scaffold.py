"""`auditor init`: a commented auditor.yaml and blank registers with one example row each."""

from __future__ import annotations

from pathlib import Path

CONFIG_TEMPLATE = """\
# auditor.yaml: configuration for `auditor audit` (schema: `auditor schema config`).
# Command-line flags win over this file.

# Marketplace for inputs that do not name one (Amazon country code: US, UK, DE, JP, ...).
default_marketplace: US

# Audit only these marketplaces (empty: all).
marketplaces: []

# Language of messages and reports: en or zh.
language: en

# Lowest severity whose failures make `auditor audit` exit 1 (critical, high, medium, low, info).
fail_on: high

# Let warn findings gate the exit code too.
strict: false

# Days from ordering stock to its being sellable at FBA: INV-005 (stockout-risk) fails a
# SKU with fewer days of supply, and warns within 14 days more.
replenishment_lead_time_days: 28

# Points a rule of each severity can take off its area's score (docs/scoring.md); the
# severities not named keep these defaults. A more severe level never weighs less.
severity_weights: {}
#  critical: 20
#  high: 10
#  medium: 5
#  low: 2
#  info: 0

# Record every audit in this SQLite file (relative to this file) for diffs, trends and
# the weekly review, and the seller account the audits belong to. `--no-history` skips one.
# history: history.db
# store: my-us-store

# Extra folders of rule packs (*.yaml), relative to this file.
rule_dirs: []

# Rule ids never evaluated, and (when not empty) the only ones that are; prefixes like LST- work.
disable: []
select: []

# Change a rule without copying it: severity, or any parameter of its check.
overrides: {}
#  HLT-001:
#    check:
#      warn: {gt: 0.007}
#  LST-003:
#    severity: medium
"""

REGISTERS = {
    "documents.csv": (
        "document_type,identifier,sku,asin,brand,marketplace,issued_on,expires_on,issuer,file,notes\n"
        "epr_de_packaging,DE1234567890123,,,,DE,2024-01-15,,Stiftung Zentrale Stelle Verpackungsregister,"
        "docs/lucid.pdf,LUCID registration as producer\n"
    ),
    "approvals.csv": (
        "category,marketplace,status,decided_on,brand,sku\n"
        "beauty-topicals,US,approved,2025-03-02,,\n"
    ),
    "products.csv": (
        "sku,product_type,category,gated_category,materials,country_of_origin,contains_batteries,"
        "battery_type,is_electrical,has_radio,for_children,minimum_age\n"
        "0001-BT-SPK,SPEAKERS,Electronics,,plastic;aluminium,CN,yes,lithium_ion,yes,yes,no,\n"
    ),
}


def write_scaffold(folder: Path, force: bool = False) -> list[Path]:
    """Write the files; refuse to overwrite any existing one unless `force`."""
    files = {"auditor.yaml": CONFIG_TEMPLATE, **REGISTERS}
    targets = {folder / name: text for name, text in files.items()}
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise FileExistsError(", ".join(str(p) for p in existing))
    folder.mkdir(parents=True, exist_ok=True)
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
    return list(targets)
