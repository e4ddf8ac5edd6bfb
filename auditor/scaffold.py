"""`auditor init`: a commented auditor.yaml, registers with their header row only, and
registers.md, the notes that say what each column means, with example rows.

No row written here counts in an audit: a register with an example row would make a
new store look compliant (an account-wide LUCID number, an approved category), so the
examples live in registers.md, which starts with the marker that tells the audit it is
not an input. `--lang zh` writes the headers as their Chinese labels (model/labels.py),
which the canonical reader accepts as it accepts the column names.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from auditor.errors import AuditorError
from auditor.ingest.files import NOT_AN_INPUT
from auditor.model.labels import zh_label
from auditor.model.tables import TABLES
from auditor.writing import write_atomically

#: The store profile `init` shows commented out, the same under either language's comment.
STORES_EXAMPLE = (
    "stores:",
    "  acme-eu:",
    "    seller_id: A1EXAMPLESELLER",
    "    marketplaces: [DE, FR, UK]",
    "    sp_api:",
    "      client_id: ${ACME_LWA_CLIENT_ID}",
    "      client_secret: ${ACME_LWA_CLIENT_SECRET}",
    "      refresh_token: ${ACME_REFRESH_TOKEN}",
    "    ads_api:",
    "      client_id: ${ACME_ADS_CLIENT_ID}",
    "      client_secret: ${ACME_ADS_CLIENT_SECRET}",
    "      refresh_token: ${ACME_ADS_REFRESH_TOKEN}",
    '      profile_id: "1234567890"',
    "      marketplace: DE  # the advertising profile's (a store of several names it)",
    "    seller:",
    "      country: CN",
)

#: The alert targets `init` shows commented out, the same under either language's comment.
NOTIFY_EXAMPLE = (
    "notify:",
    "  - url: mailtos://alerts:${SMTP_PASSWORD}@smtp.example.com:587?to=ops@example.com",
    "    min_severity: high",
    "  - url: dingtalk://${DINGTALK_TOKEN}/",
    "    quiet: 22:00-08:00 Asia/Shanghai",
)

#: auditor.yaml as `init` writes it: each setting with its comment in English and
#: Chinese (one list, so the two files cannot drift apart); `{language}` is filled in.
CONFIG_SETTINGS: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [
    (
        (
            "auditor.yaml: configuration for `auditor audit` (schema: `auditor schema config`).",
            "Command-line flags win over this file.",
        ),
        (
            "auditor.yaml：`auditor audit` 的配置文件（结构说明：`auditor schema config`）。",
            "命令行参数优先于本文件。",
        ),
        (),
    ),
    (
        (
            "Marketplace for inputs that do not name one (Amazon country code: US, UK, DE, JP, ...).",
        ),
        ("未注明站点的输入文件所属的站点（亚马逊国家代码：US、UK、DE、JP……）。",),
        ("default_marketplace: US",),
    ),
    (
        ("Audit only these marketplaces (empty: all).",),
        ("只审计这些站点（留空：全部）。",),
        ("marketplaces: []",),
    ),
    (
        ("Language of messages and reports: en or zh.",),
        ("消息和报告的语言：en 或 zh。",),
        ("language: {language}",),
    ),
    (
        (
            "Lowest severity whose failures make `auditor audit` exit 1 (critical, high, medium, low, info).",
        ),
        (
            "达到此严重级别及以上的不合格项会让 `auditor audit` 以 1 退出（critical、high、medium、low、info）。",
        ),
        ("fail_on: high",),
    ),
    (
        ("Let warn findings gate the exit code too.",),
        ("让 warn（预警）结果也影响退出码。",),
        ("strict: false",),
    ),
    (
        (
            "Lowest severity whose unknown findings (what could not be checked) exit 1 too:",
            "a pre-launch pipeline that refuses what it could not check. Unset: never.",
            "fail_on_unknown: high",
        ),
        (
            "达到此严重级别及以上的“无法判定”结果也以 1 退出：上架前的流水线可据此拒绝",
            "无法检查的商品。不设置：无法判定的结果不影响退出码。",
            "fail_on_unknown: high",
        ),
        (),
    ),
    (
        (
            "Days from ordering stock to its being sellable at FBA: INV-005 (stockout-risk) fails a",
            "SKU with fewer days of supply, and warns within 14 days more.",
        ),
        (
            "从下单备货到 FBA 可售的天数：可售天数低于此值的 SKU 在 INV-005（断货风险）不合格，",
            "再多 14 天以内则预警。",
        ),
        ("replenishment_lead_time_days: 28",),
    ),
    (
        (
            "Points a rule of each severity can take off its area's score (docs/scoring.md); the",
            "severities not named keep these defaults. A more severe level never weighs less.",
        ),
        (
            "各严重级别的规则最多从所属领域分数中扣除的分数（docs/scoring.md）；未列出的级别",
            "保持以下默认值。更严重的级别权重不会更低。",
        ),
        (
            "severity_weights: {}",
            "#  critical: 20",
            "#  high: 10",
            "#  medium: 5",
            "#  low: 2",
            "#  info: 0",
        ),
    ),
    (
        (
            "Record every audit in this SQLite file (relative to this file) for diffs, trends and",
            "the weekly review, and the seller account the audits belong to. `--no-history` skips one.",
            "history: history.db",
            "store: my-us-store",
        ),
        (
            "把每次审计记录到这个 SQLite 文件（相对本文件），用于对比、趋势和周报；以及这些审计",
            "所属的店铺（卖家账户）。`--no-history` 跳过一次记录。",
            "history: history.db",
            "store: my-us-store",
        ),
        (),
    ),
    (
        (
            "Alerts of new failing findings and of documents expiring before the next run, sent by",
            "`auditor run`, `auditor fleet` and `auditor audit --notify` (never by a plain audit;",
            "needs `history:` above): Apprise URLs (email, webhooks, Slack, DingTalk, Feishu, WeCom),",
            "or {url, min_severity, quiet}. Tokens and passwords are ${ENV_VAR} references only.",
            "Uncomment to use:",
            *NOTIFY_EXAMPLE,
        ),
        (
            "新问题和下次审计前到期文件的通知，由 `auditor run`、`auditor fleet` 和",
            "`auditor audit --notify` 发送（普通审计从不发送；需要上面的 `history:`）：Apprise URL",
            "（邮件、Webhook、Slack、钉钉、飞书、企业微信），或 {url, min_severity, quiet}。",
            "令牌和密码只能写成 ${环境变量} 引用。取消注释即可使用：",
            *NOTIFY_EXAMPLE,
        ),
        (),
    ),
    (
        (
            "Your business's own facts, which no Amazon file carries (schema: auditor schema config).",
            "Rules that depend on them are unknown until they are here: CMP-013 (a pesticide sold",
            "in the US by a business established elsewhere), LST-018 (a GTIN from another company's",
            "GS1 prefix). Countries are ISO codes.",
            "seller:",
            "  country: CN",
            "  legal_name: Shenzhen Example Trading Co., Ltd.",
            "  tax_residence: [CN]",
            "  ships_to_california: true",
            "  gs1_prefixes: ['0850012345']",
            "  # The account's own facts (rules/account.yaml): ACC-001 the yearly INFORM",
            "  # certification, ACC-003 a VAT number per EU/UK country where FBA holds stock",
            "  # (the inventory report, and fba_countries where none covers one), ACC-004 the",
            "  # names Amazon holds (auditor fetch --reports account), ACC-005 other stores",
            "  # sharing name, bank or address without their seller id in approved_accounts.",
            "  address: No. 1 Example Road, Nanshan District, Shenzhen 518000, CN",
            "  inform_certified_on: 2026-03-02",
            "  vat: {DE: DE123456789, UK: GB123456789}",
            "  bank_account_holder: Shenzhen Example Trading Co., Ltd.",
            "  approved_accounts: [A2OTHERSELLER]",
            "  fba_countries: [DE, UK]",
        ),
        (
            "你的企业自身信息（亚马逊文件中没有），schema 见 auditor schema config。依赖这些信息的规则",
            "在填写前为“无法判定”：CMP-013（非美国企业在美国站销售农药类产品）、LST-018（使用了",
            "其他公司 GS1 前缀的 GTIN）。国家用 ISO 代码。",
            "seller:",
            "  country: CN",
            "  legal_name: 深圳市示例贸易有限公司",
            "  tax_residence: [CN]",
            "  ships_to_california: true",
            "  gs1_prefixes: ['0850012345']",
            "  # 账户自身信息（rules/account.yaml）：ACC-001 每年一次的 INFORM 信息认证，ACC-003",
            "  # FBA 有库存的每个欧盟/英国国家都要有 VAT 税号（按库存报告判断，库存报告未覆盖的国家按",
            "  # fba_countries），ACC-004 与亚马逊登记的公司名称一致，ACC-005 共用公司名称、收款",
            "  # 账户或地址的店铺须互相列入 approved_accounts（关联账户）。",
            "  address: 深圳市南山区示例路 1 号 518000",
            "  inform_certified_on: 2026-03-02",
            "  vat: {DE: DE123456789, UK: GB123456789}",
            "  bank_account_holder: 深圳市示例贸易有限公司",
            "  approved_accounts: [A2OTHERSELLER]",
            "  fba_countries: [DE, UK]",
        ),
        (),
    ),
    (
        (
            "Store profiles for `auditor fetch --store NAME`, which pulls the store's reports",
            "through Amazon's Selling Partner API. A store's marketplaces lie in one region",
            "(North America, Europe or Far East); its name is also its name in history.",
            "Credentials are ${ENV_VAR} references only: set the variables in the environment,",
            "never the secrets here. endpoint and token_endpoint override the region's hosts;",
            "ads_api (the search term report) and seller (instead of the seller above) are optional.",
            "Uncomment to use:",
            *STORES_EXAMPLE,
        ),
        (
            "`auditor fetch --store 名称` 使用的店铺配置：通过亚马逊 Selling Partner API 拉取店铺报告。",
            "一个店铺的站点须属于同一区域（北美、欧洲或远东）；店铺名称也是历史记录中的名称。",
            "凭证只能写成 ${环境变量} 引用：在环境变量中设置密钥，切勿写在本文件里。",
            "endpoint 和 token_endpoint 可覆盖区域默认地址；ads_api（搜索词报告）和 seller",
            "（代替上面的 seller）可选。取消注释即可使用：",
            *STORES_EXAMPLE,
        ),
        (),
    ),
    (
        ("Extra folders of rule packs (*.yaml), relative to this file.",),
        ("额外的规则包文件夹（*.yaml），相对本文件。",),
        ("rule_dirs: []",),
    ),
    (
        (
            "Rule ids never evaluated, and (when not empty) the only ones that are; prefixes like LST- work.",
        ),
        ("永不评估的规则编号；以及（非空时）只评估的规则。可用前缀，如 LST-。",),
        (
            "disable: []",
            "select: []",
        ),
    ),
    (
        ("Change a rule without copying it: severity, or any parameter of its check.",),
        ("不复制规则即可修改：严重级别，或其检查的任何参数。",),
        (
            "overrides: {}",
            "#  HLT-001:",
            "#    check:",
            "#      warn: {gt: 0.007}",
            "#  LST-003:",
            "#    severity: medium",
        ),
    ),
]


def config_text(language: str) -> str:
    """The commented auditor.yaml in `language` (en or zh)."""
    blocks = []
    for english, chinese, settings in CONFIG_SETTINGS:
        comments = chinese if language == "zh" else english
        lines = [*(f"# {c}" if c else "#" for c in comments), *settings]
        blocks.append("\n".join(lines).replace("{language}", language))
    return "\n\n".join(blocks) + "\n"


REGISTERS = ("documents", "approvals", "products", "ad_campaigns")

#: What each register is for, and what each of its columns means, in each language.
PURPOSE = {
    "en": {
        "documents": "Documents, registrations and certificates you hold. A blank sku, asin, "
        "brand or marketplace widens the row's scope: a registration for every SKU, or "
        "every marketplace.",
        "approvals": "Category approvals (ungating) Amazon decided, one row per category "
        "and marketplace.",
        "products": "Facts about each SKU that no Amazon report carries; joined into the "
        "listings by SKU. A blank cell is never a pass: rules that need it report unknown.",
        "ad_campaigns": "Which category (or SKU) each advertising campaign promotes, so "
        "that ADS-001 applies that category's ACoS target.",
    },
    "zh": {
        "documents": "你持有的文件、注册号和证书。SKU、ASIN、品牌或站点留空表示范围更广："
        "适用于所有 SKU 或所有站点。",
        "approvals": "亚马逊已作出决定的类目审核（解除限制），每个类目和站点一行。",
        "products": "亚马逊报告中没有的 SKU 信息；按 SKU 合并到商品列表。空白不等于合格："
        "需要该信息的规则会报告“无法判断”。",
        "ad_campaigns": "每个广告活动推广的类目（或 SKU），以便 ADS-001 采用该类目的 ACoS 目标。",
    },
}

COLUMNS = {
    "en": {
        "document_type": "Kind of document, one of the ids `auditor schema documents` lists "
        "(e.g. epr_de_packaging, cpc, sds). Required.",
        "identifier": "Registration or certificate number, as text.",
        "sku": "Seller SKU, as text (leading zeros kept). Blank: every SKU.",
        "asin": "ASIN. Blank: every ASIN.",
        "brand": "Brand. Blank: every brand.",
        "marketplace": "Amazon country code (US, UK, DE, JP, ...). Blank: every marketplace.",
        "issued_on": "Date of issue, YYYY-MM-DD.",
        "expires_on": "Expiry date, YYYY-MM-DD; blank: does not expire.",
        "issuer": "Who issued it (authority, laboratory, registry).",
        "file": "Where you keep the document.",
        "notes": "Anything else; not read by any rule.",
        "category": "Free-text category, e.g. Electronics.",
        "status": "approved, pending or denied.",
        "decided_on": "Date of Amazon's decision, YYYY-MM-DD.",
        "product_type": "Amazon product type, e.g. SPEAKERS.",
        "gated_category": "Gated category id if the product is in one; blank: not gated.",
        "materials": "Materials, separated by ';', e.g. cotton;polyester.",
        "country_of_origin": "ISO code of the country of manufacture, e.g. CN.",
        "contains_batteries": "yes or no (true/false, 1/0).",
        "battery_type": "e.g. lithium_ion, lithium_metal, alkaline.",
        "is_electrical": "Electrical or electronic equipment (WEEE scope): yes or no.",
        "has_radio": "Emits radio frequency (FCC scope): yes or no.",
        "for_children": "Designed primarily for children 12 or younger: yes or no.",
        "minimum_age": "Manufacturer's minimum age in years.",
        "unit_cost": "Landed cost of one unit (goods, freight, duty) in the marketplace's "
        "currency: gives the break-even ACoS (ADS-001).",
        "campaign": "Campaign name, exactly as in the advertising console. Required.",
    },
    "zh": {
        "document_type": "文件类型，取 `auditor schema documents` 列出的编号之一"
        "（如 epr_de_packaging、cpc、sds）。必填。",
        "identifier": "注册号或证书编号，按文本填写。",
        "sku": "卖家 SKU，按文本填写（保留开头的 0）。留空：所有 SKU。",
        "asin": "ASIN。留空：所有 ASIN。",
        "brand": "品牌。留空：所有品牌。",
        "marketplace": "亚马逊国家代码（US、UK、DE、JP……）。留空：所有站点。",
        "issued_on": "签发日期，格式 YYYY-MM-DD。",
        "expires_on": "到期日期，格式 YYYY-MM-DD；留空：长期有效。",
        "issuer": "签发方（主管机构、实验室、注册机构）。",
        "file": "文件存放位置。",
        "notes": "其他说明；任何规则都不读取。",
        "category": "自由填写的类目，如 Electronics。",
        "status": "approved（已批准）、pending（审核中）或 denied（已拒绝）。",
        "decided_on": "亚马逊作出决定的日期，格式 YYYY-MM-DD。",
        "product_type": "亚马逊商品类型，如 SPEAKERS。",
        "gated_category": "商品所属的受限类目编号；留空：不受限。",
        "materials": "材质，用 ; 分隔，如 cotton;polyester。",
        "country_of_origin": "生产国的 ISO 代码，如 CN。",
        "contains_batteries": "填 yes 或 no（也可 true/false、1/0）。",
        "battery_type": "如 lithium_ion、lithium_metal、alkaline。",
        "is_electrical": "是否电子电气设备（WEEE 范围）：yes 或 no。",
        "has_radio": "是否发射无线电频率（FCC 范围）：yes 或 no。",
        "for_children": "是否主要为 12 岁及以下儿童设计：yes 或 no。",
        "minimum_age": "制造商标注的最低适用年龄（岁）。",
        "unit_cost": "单件到岸成本（货值、头程、关税），以销售站点的币种计：用于计算盈亏平衡 ACoS（ADS-001）。",
        "campaign": "广告活动名称，与广告后台完全一致。必填。",
    },
}
#: Columns that mean something of their own in one register.
OWN_COLUMNS = {
    "en": {
        "approvals": {
            "category": "Gated category id, one of those `auditor schema approvals` lists "
            "(e.g. beauty-topicals). Required.",
            "marketplace": "Amazon country code. Required; blank: the --marketplace flag or "
            "the config's default_marketplace.",
        },
        "ad_campaigns": {
            "marketplace": "Amazon country code; blank: the same campaign name in every "
            "marketplace.",
            "category": "Free-text category of what the campaign advertises, e.g. Electronics.",
            "sku": "Advertised SKU: its category in the products register when category is blank.",
        },
        "products": {"sku": "Seller SKU, as text (leading zeros kept). Required."},
        "documents": {
            "product_type": "Amazon product type the document covers, e.g. SPEAKERS. Blank: "
            "every type. A German WEEE number is per brand and type of equipment: one row each.",
        },
    },
    "zh": {
        "approvals": {
            "category": "受限类目编号，取 `auditor schema approvals` 列出的编号之一"
            "（如 beauty-topicals）。必填。",
            "marketplace": "亚马逊国家代码。必填；留空时取 --marketplace 参数或配置中的 "
            "default_marketplace。",
        },
        "ad_campaigns": {
            "marketplace": "亚马逊国家代码；留空：所有站点中同名的广告活动。",
            "category": "广告活动推广商品的类目（自由填写），如 Electronics。",
            "sku": "推广的 SKU：类目留空时，取商品登记表中该 SKU 的类目。",
        },
        "products": {"sku": "卖家 SKU，按文本填写（保留开头的 0）。必填。"},
        "documents": {
            "product_type": "该文件适用的亚马逊商品类型，如 SPEAKERS。留空：所有类型。"
            "德国 WEEE 注册号按“品牌 + 设备类型”发放：每个组合一行。",
        },
    },
}

#: Example rows (values by column), shown in registers.md and never written to a register.
EXAMPLES: dict[str, list[dict[str, str]]] = {
    "documents": [
        {
            "document_type": "epr_de_packaging",
            "identifier": "DE1234567890123",
            "marketplace": "DE",
            "issued_on": "2024-01-15",
            "issuer": "Stiftung Zentrale Stelle Verpackungsregister",
            "file": "docs/lucid.pdf",
            "notes": "LUCID registration as producer",
        },
        {
            "document_type": "sds",
            "sku": "0001-BT-SPK",
            "issued_on": "2025-06-01",
            "issuer": "SGS",
            "file": "docs/sds-speaker.pdf",
        },
    ],
    "approvals": [
        {
            "category": "beauty-topicals",
            "marketplace": "US",
            "status": "approved",
            "decided_on": "2025-03-02",
        }
    ],
    "products": [
        {
            "sku": "0001-BT-SPK",
            "product_type": "SPEAKERS",
            "category": "Electronics",
            "materials": "plastic;aluminium",
            "country_of_origin": "CN",
            "contains_batteries": "yes",
            "battery_type": "lithium_ion",
            "is_electrical": "yes",
            "has_radio": "yes",
            "for_children": "no",
        }
    ],
    "ad_campaigns": [
        {"campaign": "SP - Speakers - Exact", "marketplace": "US", "category": "Electronics"}
    ],
}

TEXT = {
    "en": {
        "title": "# The registers",
        "intro": "`auditor init` wrote these registers with their header row only: fill in one "
        "row per document, approval, product or campaign. Every row you add counts in an "
        "audit, so add only what is true of your store. This file is notes for people: "
        "the audit lists it as not an input and never reads it. Headers may be the column "
        "names or their Chinese labels (`auditor schema TABLE` lists both); a file may mix them.",
        "columns": "| Column | Chinese header | Meaning |",
        "example": "Example (not read: copy a row into {file} only if it is true of your store):",
    },
    "zh": {
        "title": "# 登记表说明",
        "intro": "`auditor init` 写入的登记表只有表头：每个文件、类目审核、商品或广告活动填一行。"
        "你添加的每一行都会计入审计，所以只填写店铺的真实情况。本文件只供人阅读：审计会把它"
        "列为“不是输入文件”，从不读取。表头可以用英文列名或中文标签（`auditor schema 表名` "
        "同时列出两者），同一文件中可以混用。",
        "columns": "| 中文表头 | 英文列名 | 含义 |",
        "example": "示例（不会被读取；只有符合店铺实际情况时，才把某行复制到 {file}）：",
    },
}


def register_header(table: str, language: str) -> str:
    """A register's header row, as a CSV line."""
    return ",".join(TABLES[table].headers(language)) + "\n"


def _meaning(table: str, column: str, language: str) -> str:
    return OWN_COLUMNS[language].get(table, {}).get(column) or COLUMNS[language][column]


def register_notes(language: str) -> str:
    """registers.md: per register, what each column means and example rows, marked as
    examples; its first line tells the audit it is not an input."""
    text = TEXT[language]
    lines = [NOT_AN_INPUT, "", text["title"], "", text["intro"], ""]
    for table in REGISTERS:
        spec, file = TABLES[table], f"{table}.csv"
        lines += [f"## {file}", "", PURPOSE[language][table], "", text["columns"], "|---|---|---|"]
        for column in spec.columns:
            label = zh_label(column) or column
            first, second = (column, label) if language == "en" else (label, column)
            lines.append(f"| `{first}` | `{second}` | {_meaning(table, column, language)} |")
        headers = spec.headers(language)
        rows = [
            ",".join(_csv_cell(example.get(c, "")) for c in spec.columns)
            for example in EXAMPLES[table]
        ]
        lines += ["", text["example"].format(file=file), "", "```csv", ",".join(headers), *rows]
        lines += ["```", ""]
    return "\n".join(lines)


def _csv_cell(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ',"\n') else value


def scaffold_files(language: str = "en") -> dict[str, str]:
    """The files `auditor init` writes, by name: config, registers and their notes."""
    config = config_text(language)
    files = {"auditor.yaml": config}
    files |= {f"{table}.csv": register_header(table, language) for table in REGISTERS}
    files["registers.md"] = register_notes(language)
    return files


def write_scaffold(folder: Path, force: bool = False, language: str = "en") -> list[Path]:
    """Write the files; refuse to overwrite any existing one unless `force`.

    Registers in Chinese are written with a byte order mark, so that Excel opens them
    as UTF-8; the reader skips it. Each file is written whole or not at all; when one
    cannot be written (a full disk), the files this call created are removed again, so
    a half-made scaffold never looks like a finished one (AuditorError says why).
    """
    targets = {folder / name: text for name, text in scaffold_files(language).items()}
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise FileExistsError(", ".join(str(p) for p in existing))
    created: list[Path] = []
    try:
        for path, text in targets.items():
            bom = language == "zh" and path.suffix == ".csv"
            new = not path.exists()
            write_atomically(path, text.encode("utf-8-sig" if bom else "utf-8"))
            if new:
                created.append(path)
    except AuditorError:
        for path in created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return list(targets)
