"""Where the bundled rule packs and report templates are.

In a wheel they sit inside the package (`auditor/_bundled/`, see pyproject's
force-include); in a checkout or an editable install they are the repository's
top-level `rules/` and `reports/templates/`, which authors edit.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled resources not found in {', '.join(map(str, candidates))}")


def rules_dir() -> Path:
    return _first_existing(_PACKAGE / "_bundled" / "rules", _PACKAGE.parent / "rules")


def templates_dir() -> Path:
    return _first_existing(
        _PACKAGE / "_bundled" / "templates", _PACKAGE.parent / "reports" / "templates"
    )
