"""`auditor preview --store NAME PATH...`: Amazon's own verdict on listings, as an audit.

Reads PATH... as an audit reads it (auditor.api.read), prepares each listing's
putListingsItem body (put_request.py), sends them to Amazon's preview (preview.py)
with the store profile's credentials, writes Amazon's answers and a manifest into a
folder, then audits PATH... together with that folder: the issues Amazon raised are
LST-023 findings in the audit's formats, beside every other rule's, with the audit's
exit code; or 3 when some listing that was due got no answer (the rest are written and
the failures named). Nothing is created on Amazon: every call is a VALIDATION_PREVIEW.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from auditor import api
from auditor.errors import AuditorError
from auditor.fetch.access import redact
from auditor.fetch.command import EXIT_PARTIAL, default_folder
from auditor.fetch.manifest import write_manifest
from auditor.fetch.patience import Patience
from auditor.fetch.preview import NAME, Outcome, Preview, preview_listings
from auditor.fetch.profiles import StoreProfile, sp_api_access, store_profile
from auditor.fetch.put_request import prepare
from auditor.ingest.manifests import read_manifest
from auditor.model.manifest import MANIFEST_NAME
from auditor.model.preview import DEFAULT_LIMIT
from auditor.outputs.i18n import locale_of


@dataclass(frozen=True)
class PreviewRun:
    """What one `auditor preview` did: the listings' outcomes, the folder of Amazon's
    answers, and the audit of the inputs with them."""

    profile: StoreProfile
    folder: Path
    preview: Preview
    audit: api.AuditResult

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.preview.outcomes if o.failed]

    @property
    def exit_code(self) -> int:
        """The audit's, or 3 when a listing due for the preview got no answer."""
        return EXIT_PARTIAL if self.failed else self.audit.exit_code


def default_preview_folder(store: str, today: dt.date) -> Path:
    """Where Amazon's answers go without `-o`: beside a fetch of the same day."""
    return default_folder(store, today) / NAME


def preview_store(
    paths: list[Path],
    options: api.Options,
    store: str,
    *,
    limit: int = DEFAULT_LIMIT,
    folder: Path | None = None,
    environ: Mapping[str, str] | None = None,
    patience: Patience | None = None,
    now: dt.datetime | None = None,
) -> PreviewRun:
    """Preview the listings of `paths` with store `store`'s access, then audit them with
    Amazon's answers (see the module's docstring). `options` are the audit's; its
    language chooses the `issueLocale` Amazon words its issues in."""
    profile = store_profile(options.config, store)
    access = sp_api_access(profile, environ)  # a missing variable stops before any work
    tables, files = api.read(paths, options)
    scoped = api.in_scope(tables, options)
    if "listings" not in scoped or scoped["listings"].frame.empty:
        raise AuditorError(
            "no listing to preview: the inputs hold no listings (a Listings Items API "
            "response, a Category Listing Report or an inventory flat file has them)"
        )
    definitions = scoped.get("product_type_definitions")
    prepared = prepare(
        scoped["listings"].frame,
        definitions.frame if definitions is not None else None,
        {f.path: f.format for f in files},
        profile.name,
        profile.marketplaces,
    )
    moment = now or dt.datetime.now(dt.UTC)
    target = folder or default_preview_folder(profile.name, moment.date())
    client = None
    if any(p.body is not None for p in prepared):  # else no token is asked for either
        from auditor.fetch.sp_api import SpApi  # the SDK is an optional extra: loaded when used

        client = SpApi(access, patience)
    _clear_earlier(target)
    preview = preview_listings(
        client,
        profile.seller_id,
        prepared,
        target,
        limit=limit,
        # The `issueLocale` Amazon words its issues in: the report's own language.
        issue_locale=locale_of(options.language.value),
        now=lambda: now or dt.datetime.now(dt.UTC),
    )
    secrets = access.secrets()
    records = [
        r.model_copy(update={"error": redact(r.error, secrets)}) if r.error else r
        for r in preview.records
    ]
    write_manifest(target, profile, records, replaced=frozenset({NAME}))
    audited = [*paths] if _within(target, paths) else [*paths, target]
    return PreviewRun(profile, target, preview, api.audit(audited, options))


def _within(folder: Path, paths: list[Path]) -> bool:
    """Whether `folder` is read anyway as part of one of the folders in `paths`."""
    inside = folder.resolve()
    return any(p.is_dir() and inside.is_relative_to(p.resolve()) for p in paths)


def _clear_earlier(folder: Path) -> None:
    """Remove the documents an earlier preview wrote into `folder` (its manifest names
    them), so that the audit reads this run's answers only. Nothing else is touched."""
    earlier = read_manifest(folder / MANIFEST_NAME)
    if earlier is None:
        return
    for entry in earlier.files:
        if entry.name == NAME and entry.file and Path(entry.file).name == entry.file:
            path = folder / entry.file
            if path.is_file() and not path.is_symlink():
                path.unlink()
