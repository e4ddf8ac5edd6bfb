"""What only the seller knows, for a plan of action: `FACTS.yaml`.

The audit knows the numbers (orders, defects, ASINs, dates of the windows); it cannot
know what the seller did about them, from whom they buy, or who checks what. Those
facts come from this file. A draft never invents one: each fact missing here becomes
a marked placeholder in the letter and a line of its "complete before sending" list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from auditor.model.common import Strict, Text
from auditor.packs.schema import model_schema
from auditor.packs.yaml_source import load_model
from auditor.poa.violations import VIOLATIONS

#: The ways back a seller chooses between, per violation (`path:` in the facts file). A
#: restricted product is not only deleted: Amazon accepts certificates or an SDS where the
#: product is allowed with them (reference amazon-policies.md §4.2), and category approval
#: or corrected content answer other causes; an IP complaint can be invalid or covered by
#: authorisation (a retraction is the fastest route, APEX for patents, §4.2), not only
#: admitted. A draft without a path asks for one rather than assume deletion.
PATHS: dict[str, dict[str, Text]] = {
    "restricted-product-violations": {
        "documents": Text(
            en="reinstate the listings with test results and documents (for example a "
            "Certificate of Analysis from an ISO/IEC 17025 accredited laboratory, label images)",
            zh="提供检测结果和文件申诉恢复商品（例如 ISO/IEC 17025 认可实验室出具的 COA、标签图片）",
        ),
        "approval": Text(
            en="apply for category approval and relist once approved",
            zh="申请类目审核，通过后重新上架",
        ),
        "relist_corrected": Text(
            en="correct the listing content (claims, keywords, images) and relist",
            zh="修改商品信息（宣称、关键词、图片）后重新上架",
        ),
        "delete": Text(
            en="delete the listings for good (only if you choose to stop selling them)",
            zh="永久删除商品（仅在你决定不再销售时选择）",
        ),
    },
    "ip-complaints": {
        "invalid_complaint": Text(
            en="the complaint is not valid: ask the rights owner for a retraction (for a "
            "patent, Amazon's APEX neutral evaluation is another route)",
            zh="投诉不成立：请权利人撤诉（专利投诉还可申请亚马逊 APEX 中立评估）",
        ),
        "authorised": Text(
            en="the listings are covered by a letter of authorisation or a licence",
            zh="商品有品牌授权书或许可协议",
        ),
        "retraction": Text(
            en="the rights owner has retracted the complaint",
            zh="权利人已撤回投诉",
        ),
        "admit": Text(
            en="the complaint is right: remove the infringing listings and fix the cause",
            zh="投诉属实：删除侵权商品并消除原因",
        ),
    },
}


class RootCause(Strict):
    """A cause the data cannot show, tied to the defect it explains.

    A plan answers every root cause apart (Amazon help 201623610): with `defect`, the draft
    puts the cause under the defect it explains (an order defect rate's A-to-z claims, its
    negative feedback) instead of asking for it there.
    """

    cause: str = Field(min_length=1, description="The cause, in one factual sentence.")
    defect: str | None = Field(
        None,
        description="The defect it explains: a metric such as negative_feedback_rate, "
        "a_to_z_claim_rate, chargeback_rate, late_shipment_rate, or a key of your own.",
    )
    asins: list[str] = Field(default_factory=list, description="The ASINs it concerns.")


class Action(Strict):
    """A corrective action already taken."""

    what: str = Field(min_length=1, description="What was done, in one factual sentence.")
    date: dt.date | None = Field(None, description="When it was done (YYYY-MM-DD).")
    evidence: str | None = Field(
        None, description="The attachment that proves it (a file name, a case id)."
    )
    cause: int | str | None = Field(
        None,
        description="The root cause it answers: its number in root_causes (from 1) or its "
        "defect key (a_to_z_claim_rate).",
    )


class Measure(Strict):
    """A preventive measure: an ongoing process, who runs it and how often."""

    what: str = Field(min_length=1, description="The process, in one factual sentence.")
    owner: str | None = Field(None, description="Who is responsible (a role or a name).")
    frequency: str | None = Field(None, description="How often: daily, per shipment, weekly.")
    since: dt.date | None = Field(None, description="When it started.")


class Invoice(Strict):
    number: str = Field(min_length=1)
    date: dt.date
    units: int | None = Field(None, ge=0, description="Units the invoice covers.")
    asins: list[str] = Field(default_factory=list, description="ASINs the invoice covers.")


class Supplier(Strict):
    """A supplier whose invoices back the units sold (authenticity, IP, restricted)."""

    name: str = Field(min_length=1)
    address: str | None = None
    website: str | None = None
    phone: str | None = None
    email: str | None = None
    authorized_by_brand: bool | None = Field(
        None, description="Whether the brand lists the supplier as an authorised distributor."
    )
    verified_on: dt.date | None = Field(
        None, description="When you checked it against the brand's authorised distributors."
    )
    ended_on: dt.date | None = Field(None, description="When you stopped buying from it.")
    invoices: list[Invoice] = Field(default_factory=list)


class StockAction(Strict):
    """What was done with units still held (FBA or your warehouse) after an authenticity or
    safety complaint: Amazon asks what happened to the stock, not only to the listing."""

    asin: str | None = Field(None, pattern=r"^[A-Z0-9]{10}$")
    action: Literal["inspected", "removal_order", "disposed"] = Field(
        description="inspected (say what was found in `note`), removal_order or disposed."
    )
    units: int | None = Field(None, ge=0, description="How many units.")
    date: dt.date | None = None
    note: str | None = Field(
        None, description="What the inspection found, or the removal order id."
    )


class Safety(Strict):
    """The steps of a product safety plan: stop the sale, tell the buyers, check recalls,
    report to the authority where the law requires it."""

    stopped_sale_on: dt.date | None = Field(None, description="When sales were stopped.")
    buyers_notified_on: dt.date | None = Field(
        None, description="When the buyers who bought the product were told."
    )
    buyers_notified: int | None = Field(None, ge=0, description="How many buyers were told.")
    recall_checked_on: dt.date | None = Field(
        None, description="When you searched the recall lists (CPSC recalls, EU Safety Gate)."
    )
    recall_check: str | None = Field(
        None, description="What the search found, e.g. no recall listed for the product."
    )
    authority_required: bool | None = Field(
        None, description="Whether the law requires a report to an authority for this hazard."
    )
    authority: str | None = Field(
        None,
        description="The authority reported to: CPSC (Section 15(b)), the EU Safety "
        "Business Gateway, a national market surveillance authority.",
    )
    authority_reported_on: dt.date | None = None


class Person(Strict):
    role: str = Field(min_length=1, description="The role, e.g. listing compliance officer.")
    name: str | None = None
    responsibility: str | None = Field(None, description="What the person checks or approves.")


class ListingAction(Strict):
    """What happened to one listing named in the notice or found by the audit."""

    asin: str = Field(pattern=r"^[A-Z0-9]{10}$")
    sku: str | None = None
    action: Literal["deleted", "closed", "edited", "removal_order", "kept"] = Field(
        description="deleted or closed (restricted products need deleted), edited, "
        "removal_order, or kept (with proof that it complies)."
    )
    date: dt.date | None = None
    note: str | None = None


class RightsOwner(Strict):
    """The complainant of an IP complaint."""

    name: str = Field(min_length=1)
    complaint_ids: list[str] = Field(default_factory=list)
    contacted_on: dt.date | None = None
    retraction_received_on: dt.date | None = Field(
        None, description="When the rights owner's retraction arrived (the fastest route)."
    )
    authorization: str | None = Field(
        None, description="A letter of authorisation or licence held, if any."
    )
    complaint_type: Literal["trademark", "copyright", "patent"] | None = Field(
        None, description="What the complaint claims: trademark, copyright or patent."
    )
    apex_requested_on: dt.date | None = Field(
        None,
        description="For a utility patent: when you asked for Amazon's neutral patent "
        "evaluation (APEX).",
    )


class LinkedAccount(Strict):
    """The other account in a related-accounts deactivation."""

    name: str = Field(min_length=1, description="The other account's store or legal name.")
    owned: bool = Field(description="Whether the seller owns or controls it.")
    status: str | None = Field(None, description="Its status: active, deactivated, closed.")
    reactivated_on: dt.date | None = Field(
        None, description="When it was reactivated (Amazon asks for that first)."
    )
    business_reason: str | None = Field(
        None, description="Why a second account is needed, if Amazon approved one."
    )


class Facts(Strict):
    """Everything the seller adds to the audit's evidence; every field is optional."""

    violation: str | None = Field(
        None,
        description="The violation the facts are for.",
        json_schema_extra={"enum": list(VIOLATIONS)},
    )
    path: str | None = Field(
        None,
        description="The way back you choose (restricted products: documents, approval, "
        "relist_corrected, delete; IP complaints: invalid_complaint, authorised, retraction, "
        "admit). Unset: the draft asks.",
        json_schema_extra={"enum": [p for paths in PATHS.values() for p in paths]},
    )
    root_causes: list[str | RootCause] = Field(
        default_factory=list,
        description="Causes the data cannot show (a carrier's depot, a mislabelled batch): a "
        "sentence, or {cause, defect, asins} to say which defect it explains.",
    )
    corrective_actions: list[Action] = Field(default_factory=list)
    preventive_measures: list[Measure] = Field(default_factory=list)
    listings: list[ListingAction] = Field(default_factory=list)
    stock: list[StockAction] = Field(default_factory=list)
    suppliers: list[Supplier] = Field(default_factory=list)
    safety: Safety | None = None
    people: list[Person] = Field(default_factory=list)
    rights_owner: RightsOwner | None = None
    linked_account: LinkedAccount | None = None

    @field_validator("violation")
    @classmethod
    def _known_violation(cls, value: str | None) -> str | None:
        if value is not None and value not in VIOLATIONS:
            raise ValueError(f"unknown violation {value!r}; one of: {', '.join(VIOLATIONS)}")
        return value

    @model_validator(mode="after")
    def _path_and_causes_exist(self) -> Facts:
        if self.path is not None:
            allowed = PATHS.get(self.violation or "") if self.violation else _ALL_PATHS
            if not allowed or self.path not in allowed:
                where = f"for {self.violation}" if self.violation else "for any violation"
                choices = ", ".join(allowed) if allowed else "none (leave path out)"
                raise ValueError(f"path {self.path!r} is not one {where}; one of: {choices}")
        for action in self.corrective_actions:
            if isinstance(action.cause, int) and not 1 <= action.cause <= len(self.root_causes):
                raise ValueError(
                    f"corrective action {action.what[:40]!r} answers root cause "
                    f"{action.cause}, but root_causes has {len(self.root_causes)}"
                )
        return self

    @property
    def causes(self) -> list[RootCause]:
        """Every root cause in the one form, a plain sentence having no defect."""
        return [RootCause(cause=c) if isinstance(c, str) else c for c in self.root_causes]

    def answers(self, keys: Sequence[str]) -> Answers:
        """The plan's causes for the defects `keys` (in order) and the actions answering each.

        Each defect gets the causes the facts tie to it (a plain sentence belongs to the
        only defect when there is one), then each other cause is a line of its own. An
        action goes to the line whose cause or defect it names; actions that name none
        answer, in order, the lines no action names (old facts files), and the rest are
        listed after. A line with no cause or no action is asked for in the draft.
        """
        causes = list(enumerate(self.causes, start=1))
        lines: list[CauseLine] = []
        for key in keys:
            mine = [
                (i, c) for i, c in causes if c.defect == key or (len(keys) == 1 and not c.defect)
            ]
            lines.append(CauseLine(key, tuple(c for _, c in mine), [i for i, _ in mine]))
        taken = {i for line in lines for i in line.numbers}
        lines += [CauseLine(c.defect, (c,), [i]) for i, c in causes if i not in taken]
        loose: list[Action] = []  # name no cause: they answer the lines left, in order
        unknown: list[Action] = []  # name a cause the plan does not have: listed after
        for action in self.corrective_actions:
            line = _answered(lines, action.cause)
            if line is not None:
                line.actions.append(action)
            else:
                (loose if action.cause is None else unknown).append(action)
        for line in lines:
            if not line.actions and loose:
                line.actions.append(loose.pop(0))
        return Answers(lines, loose + unknown)


_ALL_PATHS = tuple(p for paths in PATHS.values() for p in paths)


@dataclass
class CauseLine:
    """One root cause of a plan: the defect it explains, the seller's causes for it (none:
    the draft asks) and the corrective actions that answer it (none: the draft asks)."""

    key: str | None
    causes: tuple[RootCause, ...]
    numbers: list[int]
    actions: list[Action] = field(default_factory=list)


@dataclass
class Answers:
    """A plan's root causes in the order the letter gives them, each with its actions."""

    lines: list[CauseLine]
    #: Actions left once every cause has one, or naming a cause the plan does not have.
    unmatched: list[Action]


def _answered(lines: list[CauseLine], cause: int | str | None) -> CauseLine | None:
    """The line an action's `cause` names: a root cause's number, or a defect key."""
    for line in lines:
        if isinstance(cause, int):
            if cause in line.numbers:
                return line
        elif cause is not None and (
            cause == line.key or any(c.defect == cause for c in line.causes)
        ):
            return line
    return None


def load_facts(path: Path | None) -> Facts:
    return Facts() if path is None else load_model(path, Facts, "facts file")


def facts_schema() -> dict[str, Any]:
    return model_schema(Facts, "auditor plan-of-action facts file")
