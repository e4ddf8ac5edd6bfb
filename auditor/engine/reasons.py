"""Reason codes a check puts in `evidence.reason`.

Evidence keeps the code (stable for machines, plans of action and history); a message
words it at the edge, in the report's language, from the catalogue's `why_<code>` text
(auditor.outputs.i18n) filled from the finding's values.
"""

from __future__ import annotations

#: Reasons a value was not searched: its finding is unknown, though the field is filled.
UNSEARCHED_REASONS = frozenset({"too_long", "pattern_budget"})
