"""Interface strings of the human formats, in English and Chinese.

Rule texts carry their own translations in the packs; these are the labels around
them. Chinese follows Seller Central's Chinese interface (账户状况, 订单缺陷率, ...).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import dates, numbers

from auditor.outputs.fill import render

CATALOGUE: dict[str, dict[str, str]] = {
    "title": {"en": "Amazon seller audit", "zh": "亚马逊卖家合规审计"},
    "as_of": {"en": "As of", "zh": "审计日期"},
    "run": {"en": "Run", "zh": "运行编号"},
    "score": {"en": "Score", "zh": "得分"},
    "status": {"en": "Status", "zh": "状态"},
    "area": {"en": "Area", "zh": "领域"},
    "coverage": {"en": "Coverage", "zh": "覆盖情况"},
    "evaluations": {"en": "evaluations", "zh": "项评估"},
    "decided": {"en": "decided", "zh": "已判定"},
    "findings": {"en": "Findings", "zh": "问题清单"},
    "no_findings": {
        "en": "No findings: every decided check passed.",
        "zh": "未发现问题：所有已判定的检查均通过。",
    },
    "inputs": {"en": "Inputs", "zh": "输入文件"},
    "rows": {"en": "rows read / used / rejected", "zh": "读取 / 使用 / 拒绝行数"},
    "skipped": {"en": "skipped", "zh": "已跳过"},
    "not_checked": {"en": "not checked", "zh": "未检查"},
    "config_applied": {"en": "Configuration", "zh": "配置文件"},
    "suppressions_applied": {"en": "Suppressions", "zh": "已接受问题清单"},
    "open_questions": {"en": "Not decided", "zh": "无法判定的检查"},
    "open_unknown": {
        "en": "Could not be decided (the fields or files that would decide them)",
        "zh": "无法判定（缺少的字段或文件）",
    },
    "open_not_checked": {
        "en": "Not checked: the input cannot carry the field",
        "zh": "未检查：输入文件不含该字段",
    },
    "open_skipped": {"en": "Files not read", "zh": "未读取的文件"},
    "not_checked_note": {
        "en": "{n} in scope from {input} not checked: no {fields} in that input",
        "zh": "{input} 中 {n} 个适用对象未检查：该文件没有 {fields}",
    },
    "not_checked_note_from": {
        "en": "{n} in scope from {input} not checked: no {fields} in that input (it comes from"
        " {sources})",
        "zh": "{input} 中 {n} 个适用对象未检查：该文件没有 {fields}（来源：{sources}）",
    },
    "not_checked_note_inputs": {
        "en": "{n} in scope not checked: no input holds their {fields} (it comes from {sources})",
        "zh": "{n} 个适用对象未检查：输入中没有它们的 {fields}（来源：{sources}）",
    },
    "unknown_count": {"en": "{n} unknown", "zh": "{n} 项无法判定"},
    "rejected_rows": {"en": "Rejected rows", "zh": "被拒绝的行"},
    "row": {"en": "row", "zh": "行"},
    "not_applicable": {"en": "Rules not applicable", "zh": "未适用的规则"},
    "gate_failed": {"en": "Gate: FAILED", "zh": "门禁：未通过"},
    "gate_passed": {"en": "Gate: passed", "zh": "门禁：通过"},
    "fail_on": {"en": "fail on", "zh": "失败阈值"},
    "severity": {"en": "Severity", "zh": "严重程度"},
    "rule": {"en": "Rule", "zh": "规则"},
    "entity": {"en": "Entity", "zh": "对象"},
    "message": {"en": "Message", "zh": "说明"},
    "observed": {"en": "observed", "zh": "实际值"},
    "limit": {"en": "limit", "zh": "限值"},
    "amazon_target": {"en": "Amazon's target", "zh": "亚马逊目标值"},
    "differs": {"en": "differs from our limit", "zh": "与本规则限值不同"},
    "and_more": {"en": "and {n} more", "zh": "另有 {n} 条"},
    "pass": {"en": "pass", "zh": "通过"},
    "fail": {"en": "fail", "zh": "不合格"},
    "warn": {"en": "warn", "zh": "预警"},
    "unknown": {"en": "unknown", "zh": "无法判定"},
    "critical": {"en": "critical", "zh": "严重"},
    "high": {"en": "high", "zh": "高"},
    "medium": {"en": "medium", "zh": "中"},
    "low": {"en": "low", "zh": "低"},
    "info": {"en": "info", "zh": "提示"},
    "healthy": {"en": "healthy", "zh": "健康"},
    "at_risk": {"en": "at risk", "zh": "有风险"},
    "not_assessed": {"en": "not assessed", "zh": "未评估"},
    "health": {"en": "Account health", "zh": "账户状况"},
    "listing": {"en": "Listings", "zh": "商品信息"},
    "compliance": {"en": "Compliance", "zh": "合规"},
    "inventory": {"en": "Inventory", "zh": "库存"},
    "advertising": {"en": "Advertising", "zh": "广告"},
    "sales": {"en": "Sales", "zh": "销售"},
    "customer": {"en": "Feedback and returns", "zh": "买家反馈与退货"},
    "pricing": {"en": "Pricing", "zh": "定价"},
    "account": {"en": "Account setup", "zh": "账户资料"},
    "poa": {"en": "Plan of action", "zh": "行动计划"},
    "why": {"en": "Why it matters", "zh": "为什么重要"},
    "fix": {"en": "How to fix", "zh": "整改建议"},
    "source": {"en": "Source", "zh": "来源"},
    "examples": {"en": "Examples", "zh": "示例"},
    "check": {"en": "Check", "zh": "检查方式"},
    "applies_to": {"en": "Applies to", "zh": "适用对象"},
    "when": {"en": "When", "zh": "适用条件"},
    "effective": {"en": "In effect", "zh": "生效期间"},
    "schedule": {"en": "Dated schedule", "zh": "分期生效的费率表"},
    "schedule_from": {"en": "From", "zh": "自"},
    # Columns of the csv and xlsx formats; English keeps the report's own field names,
    # so an English csv reads like the JSON contract.
    "col_sku": {"en": "sku", "zh": "SKU"},
    "col_asin": {"en": "asin", "zh": "ASIN"},
    "col_marketplace": {"en": "marketplace", "zh": "站点"},
    "col_title": {"en": "title", "zh": "商品名称"},
    "col_entity": {"en": "entity", "zh": "对象"},
    "col_area": {"en": "area", "zh": "领域"},
    "col_rule_id": {"en": "rule", "zh": "规则编号"},
    "col_rule_name": {"en": "rule_name", "zh": "规则名称"},
    "col_severity": {"en": "severity", "zh": "严重程度"},
    "col_outcome": {"en": "outcome", "zh": "结果"},
    "col_detail": {"en": "detail", "zh": "具体位置"},
    "col_observed": {"en": "observed", "zh": "实际值"},
    "col_limit": {"en": "limit", "zh": "限值"},
    "col_headroom": {"en": "headroom", "zh": "余量"},
    "col_missing": {"en": "missing", "zh": "缺失字段"},
    "col_score": {"en": "score", "zh": "得分"},
    "col_status": {"en": "status", "zh": "状态"},
    "col_deduction": {"en": "points_off", "zh": "扣分"},
    "col_fail": {"en": "fail", "zh": "不合格"},
    "col_warn": {"en": "warn", "zh": "预警"},
    "col_unknown": {"en": "unknown", "zh": "无法判定"},
    "col_rules": {"en": "rules", "zh": "涉及规则"},
    "skus": {"en": "SKUs", "zh": "SKU 得分"},
    "worst_skus": {"en": "Worst listings", "zh": "得分最低的商品"},
    "metric_headroom": {"en": "Rate metrics: headroom", "zh": "各项比率指标的余量"},
    # The terminal table's opening: what a person reads first.
    "top_risks": {"en": "Top risks", "zh": "主要风险"},
    "fix_short": {"en": "Fix", "zh": "整改"},
    "points_off": {"en": "{n} points", "zh": "扣 {n} 分"},
    "metrics_at_risk": {"en": "Account metrics at risk", "zh": "有风险的账户指标"},
    "metrics_passing": {"en": "Passing metrics: headroom", "zh": "达标指标的余量"},
    "minor_findings": {
        "en": "Low and info findings, by rule ({n}; --verbose lists each one)",
        "zh": "低级别与提示类问题，按规则汇总（{n} 条；--verbose 逐条列出）",
    },
    "consequence_account": {"en": "account", "zh": "账户"},
    "consequence_legal": {"en": "legal", "zh": "法律"},
    "consequence_listing": {"en": "listing", "zh": "商品"},
    "consequence_advice": {"en": "advice", "zh": "建议"},
    "how_to_fix": {"en": "Why it matters and how to fix it", "zh": "问题说明与整改建议"},
    "col_message": {"en": "message", "zh": "问题说明"},
    "col_why": {"en": "why", "zh": "为什么重要"},
    "col_fix": {"en": "fix", "zh": "修复建议"},
    "col_fingerprint": {"en": "fingerprint", "zh": "问题编号"},
    # Summary sheet and grouped listings
    "summary": {"en": "Summary", "zh": "概览"},
    "overall": {"en": "Overall", "zh": "总体"},
    "h_decided": {"en": "Decided", "zh": "已判定"},
    "h_evaluations": {"en": "Evaluations", "zh": "评估项数"},
    "deduction": {"en": "Points off", "zh": "扣分"},
    "deductions": {"en": "Points off, by rule", "zh": "各规则扣分"},
    "more_rules": {"en": "{n} more rule(s)", "zh": "另有 {n} 条规则"},
    "headroom": {"en": "Headroom", "zh": "余量"},
    "more_allowed": {"en": "more allowed", "zh": "还可承受"},
    "fewer_needed": {"en": "fewer needed", "zh": "需要减少"},
    "outcome": {"en": "Outcome", "zh": "结果"},
    "passed": {"en": "passed", "zh": "通过"},
    "total": {"en": "Total", "zh": "合计"},
    "value": {"en": "Value", "zh": "当前值"},
    "gate": {"en": "Gate", "zh": "门禁"},
    "strict": {"en": "strict", "zh": "严格模式"},
    "tool_version": {"en": "Tool version", "zh": "工具版本"},
    "file": {"en": "File", "zh": "文件"},
    "table": {"en": "Table", "zh": "数据表"},
    "reason": {"en": "Reason", "zh": "原因"},
    "findings_of": {"en": "{severity} ({n})", "zh": "{severity}（{n} 条）"},
    "missing_fields": {"en": "missing", "zh": "缺少字段"},
    "passes_of_rule": {
        "en": "{n} evaluation(s) passed",
        "zh": "{n} 项评估通过",
    },
    "not_applicable_case": {"en": "not applicable: {reason}", "zh": "未适用：{reason}"},
    "undecided": {"en": "undecided, missing: {fields}", "zh": "无法判定，缺少：{fields}"},
    # Suppressions (.auditor-suppressions.yaml): accepted findings, out of the score.
    "suppressed_findings": {"en": "Suppressed findings", "zh": "已豁免的问题"},
    "suppressions_note": {
        "en": "Accepted in {file}: not counted in the scores or the exit code.",
        "zh": "已在 {file} 中豁免：不计入得分，也不影响退出码。",
    },
    "suppression_reason": {"en": "Reason", "zh": "豁免原因"},
    "suppressed_by": {"en": "Accepted by", "zh": "批准人"},
    "suppression_expires": {"en": "Expires", "zh": "到期日"},
    "suppression_entry": {"en": "Entry", "zh": "条目位置"},
    "suppressions_expired": {
        "en": "Expired suppressions: their findings count again",
        "zh": "已过期的豁免：相关问题重新计入得分",
    },
    "suppressions_stale": {
        "en": "Stale suppressions: they match no finding (delete them)",
        "zh": "无效的豁免：未匹配到任何问题（请删除）",
    },
    "counts_again": {"en": "{n} finding(s) count again", "zh": "{n} 条问题重新计入"},
    "no_suppressed": {"en": "No finding is suppressed.", "zh": "没有被豁免的问题。"},
    "suppressed_case": {
        "en": "suppressed until {expires} (accepted by {by}): {reason}",
        "zh": "已豁免，有效期至 {expires}（批准人 {by}）：{reason}",
    },
    # The command line's own messages
    "cli_rules_valid": {
        "en": "{packs} pack(s), {rules} rule(s): valid",
        "zh": "{packs} 个规则包、{rules} 条规则：校验通过",
    },
    "cli_examples_result": {
        "en": "{passed} passed, {failed} failed",
        "zh": "{passed} 个示例通过，{failed} 个未通过",
    },
    "cli_example_failed": {"en": "FAIL", "zh": "未通过"},
    "cli_no_rule": {
        "en": "no rule '{rule}'; see `auditor rules list`",
        "zh": "没有规则“{rule}”；请查看 `auditor rules list`",
    },
    "cli_not_overwriting": {
        "en": "not overwriting existing files (use --force): {files}",
        "zh": "不会覆盖已有文件（如需覆盖请加 --force）：{files}",
    },
    "cli_wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "fleet_store_audited": {
        "en": "[{finished}/{total}] {name}: audited, score {score} ({seconds} s)",
        "zh": "[{finished}/{total}] {name}：已审计，得分 {score}（{seconds} 秒）",
    },
    "fleet_store_partial": {
        "en": "[{finished}/{total}] {name}: audited, score {score}, but {error} ({seconds} s)",
        "zh": "[{finished}/{total}] {name}：已审计，得分 {score}，但 {error}（{seconds} 秒）",
    },
    "fleet_store_failed": {
        "en": "[{finished}/{total}] {name}: FAILED: {error} ({seconds} s)",
        "zh": "[{finished}/{total}] {name}：审计失败：{error}（{seconds} 秒）",
    },
    "fleet_bar": {
        "en": "{finished}/{total} stores, {failed} failed, {elapsed} elapsed",
        "zh": "{finished}/{total} 个店铺，{failed} 个失败，已用 {elapsed}",
    },
    "fleet_done": {
        "en": "fleet: {stores} stores on {scheduler} ({workers} workers): {audited} audited, "
        "{partial} partial, {failed} failed, {gated} gated, in {seconds} s",
        "zh": "多店铺审计：{stores} 个店铺，{scheduler}（{workers} 个工作进程）：{audited} 个已审计，"
        "{partial} 个部分完成，{failed} 个失败，{gated} 个未通过门禁，用时 {seconds} 秒",
    },
    "fetch_done": {
        "en": "{name} {marketplace}: done ({file})",
        "zh": "{name} {marketplace}：已下载（{file}）",
    },
    "fetch_cancelled": {
        "en": "{name} {marketplace}: cancelled (Amazon has no data for the window)",
        "zh": "{name} {marketplace}：亚马逊在该时段没有数据，未生成报告",
    },
    "fetch_cancelled_why": {
        "en": "{name} {marketplace}: nothing to fetch ({error})",
        "zh": "{name} {marketplace}：没有需要下载的内容（{error}）",
    },
    "fetch_failed": {
        "en": "{name} {marketplace}: FAILED ({error})",
        "zh": "{name} {marketplace}：下载失败（{error}）",
    },
    "preview_marketplace": {
        "en": "preview {marketplace}: {answered} answered by Amazon ({statuses}), "
        "issues: {issues}; not previewed: {left}",
        "zh": "预览 {marketplace}：亚马逊答复 {answered} 条（{statuses}），问题 {issues} 个；"
        "未预览 {left} 条",
    },
    "preview_not_previewed": {
        "en": "  {sku} {marketplace}: not previewed: {why}",
        "zh": "  {sku} {marketplace}：未预览：{why}",
    },
    "preview_more": {
        "en": "  … and {n} more not previewed (the report lists each among the rejected rows)",
        "zh": "  ……另有 {n} 条未预览（报告的“被拒绝的行”逐条列出）",
    },
    "preview_over_limit": {
        "en": "{n} more listings could have been previewed: --limit {limit} sent the first {limit}",
        "zh": "另有 {n} 条商品可以预览：--limit {limit} 只发送了前 {limit} 条",
    },
    "cli_sku_not_found": {
        "en": "--sku names SKUs that no input holds: {skus}",
        "zh": "--sku 指定的 SKU 不在任何输入文件中：{skus}",
    },
    "cli_error": {"en": "error", "zh": "错误"},
    "cli_need_folder": {
        "en": "several --format values need -o FOLDER to write report.<ext> files into",
        "zh": "同时指定多个 --format 时，需要用 -o 指定一个文件夹，用于写入 report.<扩展名> 文件",
    },
    "cli_binary_needs_file": {
        "en": "{fmt} is a binary format: give -o FILE or redirect the output to a file",
        "zh": "{fmt} 是二进制格式：请用 -o 指定文件，或把输出重定向到文件",
    },
    # Account metrics (and fulfilment channels), in Seller Central's terms: the HTML
    # page, the diff, the trends and the review name them alike.
    "order_defect_rate": {"en": "Order defect rate", "zh": "订单缺陷率"},
    "negative_feedback_rate": {"en": "Negative feedback rate", "zh": "负面反馈率"},
    "a_to_z_claim_rate": {"en": "A-to-z Guarantee claim rate", "zh": "亚马逊商城交易保障索赔率"},
    "chargeback_rate": {"en": "Chargeback claim rate", "zh": "信用卡拒付索赔率"},
    "late_shipment_rate": {"en": "Late shipment rate", "zh": "迟发率"},
    "pre_fulfillment_cancel_rate": {"en": "Pre-fulfilment cancel rate", "zh": "配送前取消率"},
    "valid_tracking_rate": {"en": "Valid tracking rate", "zh": "有效追踪率"},
    "on_time_delivery_rate": {"en": "On-time delivery rate", "zh": "准时交货率"},
    "unit_on_time_delivery_rate": {"en": "Unit on-time delivery rate", "zh": "商品准时交货率"},
    "invoice_defect_rate": {"en": "Invoice defect rate", "zh": "发票缺陷率"},
    "missing_invoice_rate": {"en": "Missing invoice rate", "zh": "发票缺失率"},
    "late_invoice_rate": {"en": "Late invoice rate", "zh": "发票延迟上传率"},
    "contact_response_24h_share": {
        "en": "Buyer messages answered within 24 h",
        "zh": "24 小时内回复买家消息的比例",
    },
    "return_dissatisfaction_rate": {"en": "Return dissatisfaction rate", "zh": "退货不满意率"},
    "customer_service_dissatisfaction_rate": {
        "en": "Customer service dissatisfaction rate",
        "zh": "客户服务不满意率",
    },
    "account_health_rating": {"en": "Account Health Rating", "zh": "账户状况评级"},
    "account_health_rating_status": {
        "en": "Account Health Rating status",
        "zh": "账户状况评级状态",
    },
    "account_status": {"en": "Account status", "zh": "账户状态"},
    "warning_state": {"en": "Warning state", "zh": "警告状态"},
    "ip_complaints": {"en": "Intellectual property complaints", "zh": "知识产权投诉"},
    "authenticity_complaints": {"en": "Product authenticity complaints", "zh": "商品真实性投诉"},
    "listing_policy_violations": {"en": "Listing policy violations", "zh": "违反商品信息政策"},
    "restricted_product_violations": {
        "en": "Restricted product policy violations",
        "zh": "违反受限商品政策",
    },
    "product_safety_complaints": {"en": "Product safety complaints", "zh": "商品安全投诉"},
    "food_safety_issues": {"en": "Food and product safety issues", "zh": "食品和商品安全问题"},
    "product_condition_complaints": {"en": "Product condition complaints", "zh": "商品状况投诉"},
    "review_policy_violations": {
        "en": "Customer product reviews policy violations",
        "zh": "违反买家商品评论政策",
    },
    "suspected_ip_violations": {
        "en": "Suspected intellectual property violations",
        "zh": "涉嫌知识产权侵权",
    },
    "other_policy_violations": {"en": "Other policy violations", "zh": "违反其他政策"},
    "open_document_requests": {"en": "Open document requests", "zh": "待处理的文件请求"},
    "policy_warnings": {"en": "Policy warnings", "zh": "政策警告"},
    "inventory_performance_index": {"en": "Inventory Performance Index", "zh": "库存绩效指数"},
    "mfn": {"en": "seller-fulfilled", "zh": "卖家自配送"},
    "afn": {"en": "FBA", "zh": "亚马逊物流"},
    "all_channels": {"en": "all", "zh": "全部"},
    # History: diff, trends, weekly review, the report's "since the last run".
    "was": {"en": "was", "zh": "此前为"},
    "value_yes": {"en": "yes", "zh": "是"},
    "value_no": {"en": "no", "zh": "否"},
    "value_expired": {"en": "{date} (expired {days} days ago)", "zh": "{date}（已过期 {days} 天）"},
    "value_expires": {"en": "{date} (expires in {days} days)", "zh": "{date}（{days} 天后到期）"},
    "as_recorded": {"en": "text as recorded", "zh": "按记录时原文"},
    "acos": {"en": "ACoS (ad spend / ad sales)", "zh": "ACoS（广告花费 ÷ 广告销售额）"},
    "metrics_unchanged": {
        "en": "{count} other metric(s) unchanged.",
        "zh": "其余 {count} 项指标没有变化。",
    },
    "before": {"en": "Before", "zh": "之前"},
    "now": {"en": "Now", "zh": "现在"},
    "change": {"en": "Change", "zh": "变化"},
    "metric": {"en": "Metric", "zh": "指标"},
    "marketplace": {"en": "Marketplace", "zh": "站点"},
    "change_worse": {"en": "worse", "zh": "变差"},
    "change_better": {"en": "better", "zh": "改善"},
    "change_same": {"en": "unchanged", "zh": "不变"},
    "change_up": {"en": "up", "zh": "上升"},
    "change_down": {"en": "down", "zh": "下降"},
    "failing": {"en": "over the limit", "zh": "已超出限值"},
    "doc_expired": {"en": "Expired", "zh": "已过期"},
    "doc_expiring": {"en": "Expires in {days} days", "zh": "{days} 天后过期"},
    "no_documents_expiring": {
        "en": "No document expired since the last run or expires before {date}.",
        "zh": "自上次审计以来没有文件过期，{date}之前也没有文件到期。",
    },
    "compared_with": {
        "en": "Compared with the run of {before} ({run}); now {after}.",
        "zh": "与 {before} 的审计（{run}）相比；本次审计日期 {after}。",
    },
    "first_run": {
        "en": "The first run of store {store} in this history: nothing to compare with yet.",
        "zh": "这是店铺 {store} 在历史记录中的第一次审计，暂无可比较的数据。",
    },
    "scores": {"en": "Scores", "zh": "得分"},
    "findings_change": {
        "en": "{new} new, {resolved} resolved, {persisting} persisting ({changed} with another outcome).",
        "zh": "新增 {new} 个，已解决 {resolved} 个，仍存在 {persisting} 个（其中 {changed} 个结果有变化）。",
    },
    "new_findings": {"en": "New", "zh": "新增问题"},
    "more_findings": {
        "en": "… and {count} more (`--format json` lists them all).",
        "zh": "……另有 {count} 个（`--format json` 列出全部）。",
    },
    "changed_findings": {"en": "Outcome changed", "zh": "结果有变化"},
    "resolved_findings": {"en": "Resolved", "zh": "已解决"},
    "metrics": {"en": "Account metrics", "zh": "账户指标"},
    "documents": {"en": "Documents", "zh": "文件"},
    "diff_title": {"en": "What changed", "zh": "变化对比"},
    "since_last": {"en": "Since the last run", "zh": "与上次审计相比"},
    "review_title_week": {"en": "Weekly business review", "zh": "每周业务复盘"},
    "review_title_month": {"en": "Monthly business review", "zh": "每月业务复盘"},
    "review_period": {
        "en": "From {start} to {end}: {runs} run(s) in the period.",
        "zh": "{start} 至 {end}：本期共 {runs} 次审计。",
    },
    "got_worse": {"en": "What got worse", "zh": "变差的方面"},
    "nothing_worse": {"en": "Nothing got worse.", "zh": "没有变差的方面。"},
    "improved": {"en": "What improved", "zh": "改善的方面"},
    "nothing_improved": {"en": "Nothing improved.", "zh": "没有改善的方面。"},
    "open_critical": {"en": "Open critical items", "zh": "未解决的严重问题"},
    "signals": {"en": "Buyer and price signals", "zh": "买家与价格信号"},
    "signal_open": {"en": "{now} open", "zh": "当前 {now} 项"},
    "signal_before": {"en": "{before} at the start of the period", "zh": "周期开始时 {before} 项"},
    "no_signals": {
        "en": "Not audited: no feedback, returns or price history among the inputs.",
        "zh": "未检查：输入中没有买家反馈、退货或价格历史。",
    },
    "no_signals_open": {
        "en": "Nothing open in: {areas}.",
        "zh": "以下方面没有未解决的问题：{areas}。",
    },
    "no_open_critical": {
        "en": "No critical or high-severity check is failing.",
        "zh": "没有未通过的严重或高风险检查。",
    },
    "worst_listings": {"en": "Worst listings", "zh": "问题最多的商品"},
    "no_listing_findings": {"en": "No listing has a finding.", "zh": "所有商品均无问题。"},
    "trends": {"en": "Trends", "zh": "趋势"},
    "window_days": {"en": "{days} days", "zh": "{days} 天"},
    "limit_at": {"en": "limit {value}", "zh": "限值 {value}"},
    "no_data": {"en": "no data", "zh": "无数据"},
    "projection_crossed": {
        "en": "Already past its limit of {limit}.",
        "zh": "已超出 {limit} 的限值。",
    },
    "projection_crossing": {
        "en": "At its rate over the last {points} runs it reaches {limit} on {date}.",
        "zh": "按最近 {points} 次审计的变化速度，将于 {date} 达到 {limit}。",
    },
    "projection_away": {
        "en": "Not heading towards its limit of {limit}.",
        "zh": "目前没有接近 {limit} 限值的趋势。",
    },
    "projection_too_few": {
        "en": "One run so far: no rate to project.",
        "zh": "目前只有一次审计，无法预测趋势。",
    },
    # ---- The portfolio of a fleet (`auditor fleet`: auditor/outputs/portfolio.py) ----
    "portfolio_title": {"en": "Store portfolio", "zh": "店铺总览"},
    "portfolio_counts": {
        "en": "{stores} stores: {audited} audited, {partial} partial, {failed} failed;"
        " {gated} failed their gate",
        "zh": "共 {stores} 个店铺：{audited} 个已审计，{partial} 个部分完成，{failed} 个审计失败；"
        "{gated} 个未通过门禁",
    },
    "portfolio_order": {
        "en": "Worst first: stores that failed, then by score, lowest first.",
        "zh": "风险高的排在前面：先列审计失败的店铺，其余按得分从低到高排列。",
    },
    "store": {"en": "Store", "zh": "店铺"},
    "stores": {"en": "Stores", "zh": "店铺"},
    "store_audited": {"en": "audited", "zh": "已审计"},
    "store_partial": {"en": "partial", "zh": "部分完成"},
    "store_failed": {"en": "failed", "zh": "审计失败"},
    "store_gated": {"en": "gate failed", "zh": "未通过门禁"},
    "store_error": {"en": "Why", "zh": "原因"},
    "store_fails": {"en": "Failing", "zh": "不合格项"},
    "store_unknown": {"en": "Undecided", "zh": "无法判定"},
    "scheduler": {"en": "Scheduler", "zh": "调度器"},
    "scheduler_local": {"en": "a local cluster", "zh": "本机集群"},
    "workers_n": {"en": "{n} workers", "zh": "{n} 个工作进程"},
    "fleet_file": {"en": "Fleet", "zh": "店铺清单"},
    "top_findings": {"en": "Top findings", "zh": "主要问题"},
    "no_failing": {"en": "No failing finding.", "zh": "没有不合格的问题。"},
    "alerts": {"en": "Alerts", "zh": "提醒通知"},
    "alert_target": {"en": "Sent to", "zh": "通知渠道"},
    "alert_status_sent": {"en": "sent", "zh": "已发送"},
    "alert_status_failed": {"en": "not sent", "zh": "发送失败"},
    "alert_status_held": {"en": "held (quiet hours)", "zh": "免打扰时段，暂缓发送"},
    "alert_status_nothing_new": {"en": "nothing new", "zh": "没有新问题"},
    "alert_counts": {
        "en": "{findings} new failing finding(s), {documents} document(s) expiring",
        "zh": "{findings} 个新的不合格问题，{documents} 个文件即将到期",
    },
    "col_store": {"en": "store", "zh": "店铺"},
    "col_store_status": {"en": "status", "zh": "审计状态"},
    "col_score_status": {"en": "score_status", "zh": "得分状态"},
    "col_gated": {"en": "gated", "zh": "未通过门禁"},
    "col_listings": {"en": "listings", "zh": "商品数"},
    "col_error": {"en": "error", "zh": "失败原因"},
    "col_report": {"en": "report", "zh": "报告"},
    "col_alert_target": {"en": "target", "zh": "通知渠道"},
    "col_alert_status": {"en": "alert", "zh": "通知状态"},
    "col_alert_findings": {"en": "new_findings", "zh": "新问题数"},
    "col_alert_documents": {"en": "documents_expiring", "zh": "即将到期的文件数"},
    # ---- The HTML page ----
    "html_title": {"en": "Amazon seller audit report", "zh": "亚马逊卖家合规审计报告"},
    "overview": {"en": "Overview", "zh": "概览"},
    "areas": {"en": "Scores by area", "zh": "各领域得分"},
    "outcomes": {"en": "Outcomes", "zh": "判定结果"},
    "channel": {"en": "Channel", "zh": "配送渠道"},
    "window": {"en": "Window", "zh": "统计周期"},
    "limit_col": {"en": "Limit", "zh": "限值"},
    "observed_col": {"en": "Observed", "zh": "实际值"},
    "title_col": {"en": "Title", "zh": "商品名称"},
    "detail": {"en": "Detail", "zh": "细项"},
    "all": {"en": "All", "zh": "全部"},
    "search": {"en": "Search", "zh": "搜索"},
    "search_hint": {
        "en": "rule, SKU, ASIN, title, message…",
        "zh": "规则、SKU、ASIN、商品名称、说明……",
    },
    "shown": {"en": "{shown} of {total} findings", "zh": "共 {total} 条问题，显示 {shown} 条"},
    "page": {"en": "Page {page} of {pages}", "zh": "第 {page} / {pages} 页"},
    "previous": {"en": "Previous", "zh": "上一页"},
    "next": {"en": "Next", "zh": "下一页"},
    "sort_hint": {"en": "Click a column heading to sort.", "zh": "点击列标题可排序。"},
    "no_match": {"en": "No finding matches the filters.", "zh": "没有符合筛选条件的问题。"},
    "first_rows": {
        "en": "The {n} most severe findings are listed; turn on script to page through all {total}.",
        "zh": "此处列出最严重的 {n} 条问题；启用脚本后可翻页查看全部 {total} 条。",
    },
    "matrix": {"en": "SKUs by rule", "zh": "SKU × 规则矩阵"},
    "matrix_hint": {
        "en": "Listings with findings, worst first; each cell is the worst outcome of the rule for that SKU.",
        "zh": "仅列出有问题的商品，问题最严重的排在最前；每格为该规则对该 SKU 的最差判定结果。",
    },
    "sku_score": {"en": "SKU score", "zh": "SKU 得分"},
    "matrix_more": {
        "en": "and {n} more SKUs with findings (see the findings table)",
        "zh": "另有 {n} 个有问题的 SKU（见问题清单）",
    },
    "format": {"en": "Format", "zh": "格式"},
    "encoding": {"en": "Encoding", "zh": "编码"},
    "rows_read": {"en": "Rows read", "zh": "读取行数"},
    "rows_used": {"en": "Used", "zh": "使用"},
    "rows_rejected": {"en": "Rejected", "zh": "拒绝"},
    "column": {"en": "Column", "zh": "列"},
    "rejected_more": {"en": "and {n} more rejected rows", "zh": "另有 {n} 行被拒绝"},
    "missing_fields_heading": {
        "en": "Fields whose absence left checks undecided",
        "zh": "缺失导致无法判定的字段",
    },
    "missing": {"en": "missing", "zh": "缺失"},
    "rule_packs": {"en": "Rule packs", "zh": "规则包"},
    "generated": {
        "en": "Self-contained report: it loads nothing from the network.",
        "zh": "本报告为独立文件，不从网络加载任何内容。",
    },
    "days": {"en": "{n} days", "zh": "{n} 天"},
    "rate_count": {"en": "{num} of {den}", "zh": "{num} / {den}"},
    "reason_critical_health_rule_failed": {
        "en": "A critical account health rule failed ({rules}): Amazon acts on it whatever the score.",
        "zh": "账户状况中有严重级别规则未通过（{rules}）：无论得分多少，亚马逊都会据此采取措施。",
    },
    "reason_critical_rule_failed": {
        "en": "Critical rule failed: {rules}",
        "zh": "严重级别规则未通过：{rules}",
    },
    "reason_high_rule_failed": {
        "en": "High rule failed: {rules}",
        "zh": "高级别规则未通过：{rules}",
    },
    "reason_serious_rule_warned": {
        "en": "Critical or high rule warns: {rules}",
        "zh": "严重或高级别规则出现预警：{rules}",
    },
    "reason_serious_rule_unknown": {
        "en": "Critical or high rule undecided: {rules}",
        "zh": "严重或高级别规则无法判定：{rules}",
    },
    "reason_serious_rule_not_checked": {
        "en": "Critical or high rule not checked (the input lacks its field): {rules}",
        "zh": "严重或高级别规则未检查（输入文件缺少所需字段）：{rules}",
    },
    "reason_score_below": {"en": "Score under {limit}", "zh": "得分低于 {limit}"},
    "reason_area_status": {"en": "{area}: {status}", "zh": "{area}：{status}"},
    "reason_nothing_decided": {"en": "Nothing could be decided", "zh": "没有可判定的评估"},
    "sku_totals": {
        "en": "{listed} of {listings} listings have findings; {clean} are clean.",
        "zh": "{listings} 个商品中有 {listed} 个存在问题，{clean} 个没有问题。",
    },
    "weight": {"en": "Weight", "zh": "权重"},
    "weights": {"en": "Severity weights", "zh": "严重程度权重"},
    # Why a rule did not apply (summary.coverage.not_applicable[].code).
    "na_not_in_effect": {
        "en": "not in effect on {as_of} (in effect {effective_from} to {effective_until})",
        "zh": "审计日期 {as_of} 不在该规则的生效期内（生效期：{effective_from} 至 {effective_until}）",
    },
    "na_no_table": {"en": "no {table} in the inputs", "zh": "输入文件中没有 {table} 数据"},
    # The account's own tables, built from auditor.yaml's seller: section (ingest/account.py).
    "na_no_table_account": {
        "en": "no account facts: they come from the seller: section of auditor.yaml "
        "(legal_name, address, inform_certified_on, bank_account_holder ...)",
        "zh": "没有账户信息：账户信息来自 auditor.yaml 的 seller: 部分"
        "（legal_name、address、inform_certified_on、bank_account_holder 等）",
    },
    "na_no_table_vat_registrations": {
        "en": "no EU or UK country where FBA holds stock: it comes from the FBA inventory "
        "report, or seller.fba_countries in auditor.yaml",
        "zh": "没有 FBA 有库存的欧盟或英国国家：该信息来自 FBA 库存报告，"
        "或 auditor.yaml 中的 seller.fba_countries",
    },
    "na_no_matching_rows": {
        "en": "no {table} row matches the rule's condition",
        "zh": "{table} 中没有符合该规则适用条件的行",
    },
    # Why a finding failed or was undecided: the text of its evidence.reason code.
    "why_document_missing": {"en": "no document in the register", "zh": "文件登记表中没有该文件"},
    "why_prohibited": {
        "en": "no document makes this product allowed for this seller",
        "zh": "无论登记了什么文件，该卖家都不得销售此商品",
    },
    "why_document_not_valid": {
        "en": "the document is not valid on the audit date",
        "zh": "该文件在审计日期不在有效期内",
    },
    "why_identifier_format": {
        "en": "identifier {identifier} does not match the published format",
        "zh": "编号 {identifier} 与官方公布的格式不符",
    },
    "why_document_expiring": {"en": "expires on {expires_on}", "zh": "将于 {expires_on} 到期"},
    "why_identifier_unconfirmed_format": {
        "en": "identifier {identifier} does not match the format third parties describe"
        " (the official format is unconfirmed: check it in the registry)",
        "zh": "编号 {identifier} 与第三方描述的格式不符（官方格式未经确认，请到登记系统核实）",
    },
    "why_document_too_old": {
        "en": "issued on {issued_on}, before {oldest_allowed}, the oldest issue date accepted",
        "zh": "签发日期为 {issued_on}，早于可接受的最早签发日期 {oldest_allowed}",
    },
    "why_document_undated": {
        "en": "the register gives no issued_on date, so it cannot be shown to be issued"
        " on or after {oldest_allowed}",
        "zh": "登记表中没有签发日期（issued_on），无法证明其签发于 {oldest_allowed} 或之后",
    },
    "why_gtin_length": {
        "en": "it has {digits} digits; a UPC has 12, an EAN 13, a GTIN 8 or 14",
        "zh": "共 {digits} 位数字；UPC 为 12 位，EAN 为 13 位，GTIN 为 8 或 14 位",
    },
    "why_gtin_format": {
        "en": "it contains characters other than digits",
        "zh": "包含数字以外的字符",
    },
    "why_isbn_invalid": {
        "en": "it is not a valid ISBN-10 or ISBN-13",
        "zh": "不是有效的 ISBN-10 或 ISBN-13",
    },
    "why_gs1_prefix_foreign": {
        "en": "it does not start with your GS1 company prefixes ({gs1_prefixes}), though other"
        " GTINs of this brand do",
        "zh": "它不以贵公司的 GS1 厂商识别代码（{gs1_prefixes}）开头，而该品牌的其他 GTIN 是",
    },
    "why_gtin_check_digit": {
        "en": "the check digit is {check_digit}, GS1 mod-10 gives {expected_check_digit}",
        "zh": "校验位为 {check_digit}，按 GS1 模 10 算法应为 {expected_check_digit}",
    },
    # A value that is there but was not searched (engine.patterns): the finding is unknown.
    "why_too_long": {
        "en": "{field} has {length:,} characters; the rule's pattern is not in the first"
        " {max_length:,} (twice what Amazon accepts), and the rest was not searched"
        " (shorten it first)",
        "zh": "{field} 共 {length:,} 个字符；前 {max_length:,} 个字符（亚马逊上限的两倍）中未发现规则所查内容，"
        "其余部分未检查（请先缩短）",
    },
    "why_pattern_budget": {
        "en": "the rule's pattern ran over its time budget of {budget_ms} ms on {field}"
        " (a pattern that backtracks: check the rule's pattern)",
        "zh": "规则的匹配模式在 {field} 上超出 {budget_ms} 毫秒的时间预算（模式存在回溯问题，请检查规则的匹配模式）",
    },
    # A product's price history that says too little about today (engine.checks.series).
    "why_history_stale": {
        "en": "its latest price is from {latest_date}, {days_old} days before the audit date"
        " (a history must reach within {current_days} days of it: export it again)",
        "zh": "最新价格来自 {latest_date}，比审核日期早 {days_old} 天（价格历史须在审核日期前 {current_days} 天内：请重新导出）",
    },
    "why_history_short": {
        "en": "{points} earlier prices within {window_days} days of the audit date; {min_points}"
        " are needed to say what its price usually is",
        "zh": "审核日期前 {window_days} 天内只有 {points} 个较早的价格，至少需要 {min_points} 个才能判断其常规价格",
    },
    # A listing's attribute against its product type definition (engine.checks.product_types):
    # {detail} is where in the attributes, {value} what the listing has, {limit} the bound.
    "why_pt_required": {"en": "{detail} is required", "zh": "{detail} 为必填属性"},
    "why_pt_required_if": {
        "en": "{detail} is required for what the listing states (a conditional requirement)",
        "zh": "根据商品已填写的属性，{detail} 为必填属性（条件必填）",
    },
    "why_pt_max_bytes": {
        "en": "{detail} is {value:,} UTF-8 bytes, at most {limit:,}",
        "zh": "{detail} 为 {value:,} 个 UTF-8 字节，上限 {limit:,} 字节",
    },
    "why_pt_min_bytes": {
        "en": "{detail} is {value:,} UTF-8 bytes, at least {limit:,}",
        "zh": "{detail} 为 {value:,} 个 UTF-8 字节，至少需要 {limit:,} 字节",
    },
    "why_pt_max_length": {
        "en": "{detail} is {value:,} characters, at most {limit:,}",
        "zh": "{detail} 为 {value:,} 个字符，上限 {limit:,} 个字符",
    },
    "why_pt_min_length": {
        "en": "{detail} is {value:,} characters, at least {limit:,}",
        "zh": "{detail} 为 {value:,} 个字符，至少需要 {limit:,} 个字符",
    },
    "why_pt_max_items": {
        "en": "{detail} has {value} values, at most {limit}",
        "zh": "{detail} 填了 {value} 个值，最多 {limit} 个",
    },
    "why_pt_min_items": {
        "en": "{detail} has {value} values, at least {limit}",
        "zh": "{detail} 填了 {value} 个值，至少需要 {limit} 个",
    },
    "why_pt_max_unique": {
        "en": "{detail} has {value} values for {selector}, at most {limit}",
        "zh": "{detail} 在 {selector} 下有 {value} 个值，最多 {limit} 个",
    },
    "why_pt_min_unique": {
        "en": "{detail} has {value} values for {selector}, at least {limit}",
        "zh": "{detail} 在 {selector} 下有 {value} 个值，至少需要 {limit} 个",
    },
    "why_pt_enum": {
        "en": "{detail} is {value!r}; it must be one of: {allowed}",
        "zh": "{detail} 填的是 {value!r}，只能填以下之一：{allowed}",
    },
    "why_pt_type": {
        "en": "{detail} is {value!r}, not of type {limit}",
        "zh": "{detail} 填的是 {value!r}，类型应为 {limit}",
    },
    "why_pt_pattern": {
        "en": "{detail} is {value!r}, which does not match the pattern {limit}",
        "zh": "{detail} 填的是 {value!r}，不符合格式 {limit}",
    },
    "why_pt_maximum": {
        "en": "{detail} is {value}, at most {limit}",
        "zh": "{detail} 为 {value}，最大 {limit}",
    },
    "why_pt_minimum": {
        "en": "{detail} is {value}, at least {limit}",
        "zh": "{detail} 为 {value}，最小 {limit}",
    },
    "why_pt_additional": {
        "en": "{detail} holds a property the definition does not allow",
        "zh": "{detail} 含有定义不允许的属性",
    },
    "why_pt_other": {
        "en": "{detail} breaks the definition's {keyword} ({limit})",
        "zh": "{detail} 不符合定义中的 {keyword}（{limit}）",
    },
    "why_no_definition": {
        "en": "no product type definition for {product_type} in {marketplace} among the inputs"
        " (auditor fetch --reports product-types downloads it)",
        "zh": "输入中没有 {marketplace} 站点 {product_type} 的商品类型定义"
        "（可用 auditor fetch --reports product-types 下载）",
    },
    "cli_reading": {"en": "reading files", "zh": "正在读取文件"},
    "cli_evaluating": {"en": "evaluating rules", "zh": "正在评估规则"},
    "cli_rendering": {"en": "writing the report", "zh": "正在生成报告"},
    # Alerts (auditor/alerts): one message per store and target, and what came of it.
    "alert_title": {"en": "auditor: {store} — {news}", "zh": "auditor：{store} — {news}"},
    "alert_findings_one": {"en": "1 new failing finding", "zh": "1 个新问题"},
    "alert_findings": {"en": "{n} new failing findings", "zh": "{n} 个新问题"},
    "alert_documents_one": {"en": "1 document expiring", "zh": "1 份文件即将到期"},
    "alert_documents": {"en": "{n} documents expiring", "zh": "{n} 份文件即将到期"},
    "alert_join": {"en": ", ", "zh": "，"},
    "alert_failed_title": {
        "en": "auditor: {store} — the audit failed",
        "zh": "auditor：{store} — 审计失败",
    },
    "alert_failed_body": {
        "en": "The audit of {store} failed: {error}",
        "zh": "{store} 的审计失败：{error}",
    },
    "alert_new_findings": {
        "en": "New failing findings, worst first",
        "zh": "新发现的问题（按严重程度排序）",
    },
    "alert_more": {
        "en": "… and {n} more: see the report.",
        "zh": "……另有 {n} 个问题，详见报告。",
    },
    "alert_expiring": {
        "en": "Documents expiring before the next run ({date})",
        "zh": "下次审计（{date}）前到期的文件",
    },
    "alert_expires_on": {"en": "expires {date}", "zh": "{date} 到期"},
    "alert_fix": {"en": "Fix: {fix}", "zh": "整改：{fix}"},
    "alert_report": {"en": "Report: {path}", "zh": "报告：{path}"},
    "alert_account": {"en": "account", "zh": "账户"},
    "alert_sent": {
        "en": "alert to {target}: sent ({findings} findings, {documents} documents)",
        "zh": "通知 {target}：已发送（{findings} 个问题，{documents} 份文件）",
    },
    "alert_failed": {
        "en": "alert to {target}: not sent, retried next run: {error}",
        "zh": "通知 {target}：发送失败，下次运行时重发：{error}",
    },
    "alert_held": {
        "en": "alert to {target}: held (quiet hours; {findings} findings, {documents} documents"
        " wait for the next run)",
        "zh": "通知 {target}：免打扰时段，暂不发送（{findings} 个问题、{documents} 份文件留待下次运行）",
    },
    "cli_notify_needs_history": {
        "en": "`notify:` needs a history file, which remembers what each target was told: "
        "give --history PATH or set `history:` in auditor.yaml",
        "zh": "`notify:` 需要历史记录文件来记住已通知过的内容：请使用 --history PATH，"
        "或在 auditor.yaml 中设置 `history:`",
    },
    "cli_notify_no_targets": {
        "en": "--notify: auditor.yaml has no `notify:` targets to send to",
        "zh": "--notify：auditor.yaml 中没有设置 `notify:` 通知目标",
    },
    "alert_nothing_new": {
        "en": "alert to {target}: nothing new",
        "zh": "通知 {target}：没有新情况",
    },
}

#: The CLDR locale of each report language: Seller Central's US English and simplified
#: Chinese (which group digits alike: 1,234).
LOCALES = {"en": "en_US", "zh": "zh_CN"}


def locale_of(language: str) -> str:
    """The locale a report language is written in (and asks Amazon's answers in)."""
    return LOCALES.get(language, "en_US")


def translate(key: str, language: str) -> str:
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    return entry.get(language) or entry["en"]


def reason_text(code: str, language: str) -> str | None:
    """The text of a reason code (`evidence.reason`), itself a template; None for a code
    the catalogue does not know (the message then shows the code)."""
    entry = CATALOGUE.get("why_" + code)
    return None if entry is None else entry.get(language) or entry["en"]


def translate_with(key: str, language: str, **values: Any) -> str:
    """A label with its {placeholders} filled: `translate_with("cli_wrote", "zh", path=p)`."""
    return render(translate(key, language), values)


def format_date(value: Any, language: str) -> str:
    """A date as the language writes it: `Nov 27, 2026` (Seller Central's English), `2026年11月27日`."""
    if value is None or value == "":
        return "—"
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return dates.format_date(day, format="medium", locale=locale_of(language))


def format_number(value: Any, language: str) -> str:
    """A count with thousands separators, a score or rate to four significant digits.

    Seller Central's Chinese interface groups digits with commas as the English one
    does (1,234), so the two languages differ in dates and words, not in digits.
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate("pass" if value else "fail", language)
    locale = locale_of(language)
    if isinstance(value, int):
        return numbers.format_decimal(value, locale=locale)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return numbers.format_decimal(int(value), locale=locale)
        # a large amount to one decimal, anything else to four significant digits
        pattern = "#,##0.0" if abs(value) >= 1000 else "@###"
        return numbers.format_decimal(value, format=pattern, locale=locale)
    return str(value)


def format_percent(value: Any, language: str) -> str:
    """A rate as a percentage to three significant digits: 0.0125 -> 1.25%, 0.9583 -> 95.8%."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return format_value(value, language)
    return numbers.format_percent(value, format="@##%", locale=locale_of(language))


def format_value(value: Any, language: str) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={format_value(v, language)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(format_value(v, language) for v in value)
    return format_number(value, language)
