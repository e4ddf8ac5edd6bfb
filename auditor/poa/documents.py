"""The documents an Amazon notice asks for, and which rows of the documents register hold them.

A notice names documents in its own words ("a Certificate of Analysis (COA) from an ISO/IEC
17025 accredited laboratory", "invoices issued within the last 365 days"); `auditor.poa.notice`
reads them as one of these kinds, and `auditor.poa.attachments` looks each up in the seller's
documents register (`document_type`, see `auditor.model.vocab.DOCUMENT_TYPES`) per ASIN.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model.common import Text


@dataclass(frozen=True)
class Requestable:
    """One kind of document a notice can ask for."""

    #: What it is called in a plan and in the draft's notes.
    label: Text
    #: The register's document types that are this document, best first.
    document_types: tuple[str, ...]
    #: The oldest Amazon accepts, in days, when the notice does not say (None: no limit);
    #: where it comes from is said beside each entry.
    max_age_days: int | None = None
    #: How a plan names it (a regular expression, case-insensitive).
    words: str = ""


REQUESTABLE: dict[str, Requestable] = {
    "invoice": Requestable(
        Text(en="supplier invoices", zh="供应商发票"),
        ("supplier_invoice",),
        max_age_days=365,  # Amazon help 201623610: invoices from the last 365 days
        words=r"invoices?|发票",
    ),
    "coa": Requestable(
        Text(en="Certificate of Analysis (COA)", zh="检测分析证书（COA）"),
        ("certificate_of_analysis", "third_party_verification"),
        # Amazon's dietary supplement requirements: a COA issued within the past 12 months
        # (reference compliance.md, dietary supplements)
        max_age_days=365,
        words=r"certificates?\s+of\s+analysis|\bCOA\b|检测分析证书",
    ),
    "test_report": Requestable(
        Text(en="test report", zh="检测报告"),
        ("third_party_verification",),
        words=r"test(?:ing)?\s+reports?|lab(?:oratory)?\s+reports?|检测报告|测试报告",
    ),
    "label_images": Requestable(
        Text(en="images of the product label and packaging", zh="产品标签和包装图片"),
        ("product_label_images",),
        words=r"label|packaging\s+(?:images?|photos?)|标签|包装图",
    ),
    "loa": Requestable(
        Text(en="letter of authorisation from the brand owner", zh="品牌授权书"),
        ("brand_authorization",),
        words=r"letters?\s+of\s+authori[sz]ation|\bLOA\b|authori[sz]ation\s+letter|授权书",
    ),
    "trademark": Requestable(
        Text(en="trademark registration", zh="商标注册证"),
        ("trademark_registration",),
        words=r"trademark\s+registration|registration\s+certificate|商标注册",
    ),
    "sds": Requestable(
        Text(en="Safety Data Sheet (SDS)", zh="安全数据表（SDS）"),
        ("sds",),
        words=r"safety\s+data\s+sheets?|\bSDS\b|\bMSDS\b|安全数据表",
    ),
    "cpc": Requestable(
        Text(en="Children's Product Certificate (CPC)", zh="儿童产品证书（CPC）"),
        ("cpc",),
        words=r"children'?s\s+product\s+certificate|\bCPC\b",
    ),
    "gcc": Requestable(
        Text(en="General Certificate of Conformity (GCC)", zh="一般符合性证书（GCC）"),
        ("gcc",),
        words=r"general\s+certificate\s+of\s+conformity|\bGCC\b",
    ),
    "declaration_of_conformity": Requestable(
        Text(en="declaration of conformity", zh="符合性声明（DoC）"),
        ("eu_declaration_of_conformity", "ukca_declaration_of_conformity"),
        words=r"declaration\s+of\s+conformity|\bDoC\b|符合性声明",
    ),
    "gmp_certificate": Requestable(
        Text(en="Good Manufacturing Practice (GMP) certificate", zh="GMP 证书"),
        ("gmp_certificate",),
        words=r"\bGMP\b|good\s+manufacturing\s+practice",
    ),
    "ingredient_list": Requestable(
        Text(en="ingredient list", zh="成分表"),
        ("ingredient_list",),
        words=r"ingredients?(?:\s+list)?|成分表",
    ),
    "un38_3": Requestable(
        Text(en="UN 38.3 test summary", zh="UN38.3 测试摘要"),
        ("un38_3_summary",),
        words=r"UN\s?38\.3",
    ),
    "ul_certification": Requestable(
        Text(en="UL certification", zh="UL 认证"), ("ul_certification",), words=r"\bUL\b"
    ),
    "epa_registration": Requestable(
        Text(en="EPA registration", zh="EPA 注册"),
        ("epa_registration", "epa_establishment"),
        words=r"\bEPA\b",
    ),
    "fda_registration": Requestable(
        Text(en="FDA registration", zh="FDA 注册"), ("fda_registration",), words=r"\bFDA\b"
    ),
}
