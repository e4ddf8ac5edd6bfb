"""`fetch.json`: what `auditor fetch` wrote into a folder, read back by the audit.

Amazon's documents are kept as they came, so nothing in a report file says which store
or marketplace it was fetched for (an All Listings report names neither). The manifest
does: per file, the report type, the marketplace, Amazon's report id, the window, the
times and the file's SHA-256. An audit of the folder takes each file's marketplace from
it, so a fetched folder needs no `--marketplace`. It never holds a credential.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: The manifest's file name in a fetched folder.
MANIFEST_NAME = "fetch.json"
#: What the manifest says it is, so a JSON file of that name from elsewhere is not taken for one.
MANIFEST_KIND: Literal["auditor-fetch"] = "auditor-fetch"


class FetchedFile(BaseModel):
    """One report (or listings search) in one marketplace, and what came of it."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(description="The `--reports` name: performance, all-listings, ...")
    report_type: str = Field(
        description="Amazon's report type, or searchListingsItems, spSearchTerm."
    )
    marketplace: str | None = Field(description="Country code (DE), or null when unknown.")
    marketplace_id: str | None = None
    status: Literal["done", "cancelled", "failed"] = Field(
        description="done: `file` holds Amazon's document; cancelled: Amazon made no report "
        "(no data for the window); failed: `error` says why."
    )
    file: str | None = Field(None, description="The document's file name in this folder (done).")
    report_id: str | None = None
    sha256: str | None = None
    charset: str | None = Field(None, description="The document's encoding, as Amazon served it.")
    data_start: str | None = Field(None, description="The window asked for (ISO), if any.")
    data_end: str | None = None
    requested_at: str | None = None
    completed_at: str | None = None
    error: str | None = None


class Manifest(BaseModel):
    """The manifest of a fetched folder."""

    model_config = ConfigDict(extra="allow")

    kind: Literal["auditor-fetch"] = MANIFEST_KIND
    version: Literal[1] = 1
    store: str
    seller_id: str
    region: str
    marketplaces: list[str]
    files: list[FetchedFile] = Field(default_factory=list)

    def entry_of(self, file_name: str) -> FetchedFile | None:
        """The record of the file `file_name` of this folder (its marketplace, charset)."""
        for entry in self.files:
            if entry.file == file_name and entry.status == "done":
                return entry
        return None
