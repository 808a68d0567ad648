"""The Improvement Effectiveness report: per improvement plan its target, the baseline and the
figures after it (as the verification job stored them), the change and the verdict.

A row per plan through `frappe.get_list` (the reader's permissions apply); the summary counts the
verdicts with one GROUP BY.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from feedback_loop.core.plans.effect import Verdict
from feedback_loop.core.reports.figures import percent, pooled_change
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.link_columns import link_column
from feedback_loop.services.reports.queries import period_conditions

PENDING = "Pending"

FIELDS = (
	"name",
	"title",
	"category",
	"item",
	"target_type",
	"target_value",
	"baseline_rate",
	"after_rate",
	"change_percent",
	"after_csat",
	"after_breach_rate",
	"verification_result",
	"verified_on",
	"workflow_state",
)


def plan_filters(filters: dict) -> list:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	conditions = period_conditions("creation", start, end)
	for field in ("item", "target_type", "workflow_state"):
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	if filters.get("category"):
		conditions.append(["category", "descendants of (inclusive)", filters["category"]])
	if filters.get("verdict") == PENDING:
		conditions.append(["verification_result", "is", "not set"])
	elif filters.get("verdict"):
		conditions.append(["verification_result", "=", filters["verdict"]])
	return conditions


def plans(filters: dict) -> list[dict]:
	rows = frappe.get_list(
		"Improvement Plan", filters=plan_filters(filters), fields=list(FIELDS), order_by="creation desc"
	)
	for row in rows:
		row["verdict"] = row.pop("verification_result") or PENDING
		# The verification job measures once, for the plan's kind of target: before that, and for
		# the other kinds, a stored 0 means "not measured", not "none".
		if row.verdict == PENDING:
			row["change_percent"] = None
		if row.target_type != "Reduce Feedback Volume" or row.verdict == PENDING:
			row["baseline_rate"] = row["after_rate"] = None
		if row.target_type != "Reach CSAT" or row.verdict == PENDING:
			row["after_csat"] = None
		if row.target_type != "Limit SLA Breach Rate" or row.verdict == PENDING:
			row["after_breach_rate"] = None
	return rows


def verdict_counts(filters: dict) -> dict[str, int]:
	rows = aggregate_list(
		"Improvement Plan",
		["verification_result as verdict", count_all()],
		filters=plan_filters(filters),
		group_by=("verdict",),
		order_by=("verdict",),
	)
	return {(row.verdict or PENDING): row.count for row in rows}


def columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Plan"),
			"fieldtype": "Link",
			"options": "Improvement Plan",
			"width": 140,
		},
		{"fieldname": "title", "label": _("Title"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "category",
			"label": _("Category"),
			"fieldtype": "Link",
			"options": "Feedback Category",
			"width": 140,
		},
		link_column("item", _("Item"), "Item", 120),
		{"fieldname": "target_type", "label": _("Target"), "fieldtype": "Data", "width": 170},
		{
			"fieldname": "target_value",
			"label": _("Target Value"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{
			"fieldname": "baseline_rate",
			"label": _("Baseline (per 30 Days)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 160,
		},
		{
			"fieldname": "after_rate",
			"label": _("After (per 30 Days)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 150,
		},
		{
			"fieldname": "change_percent",
			"label": _("Change (%)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 100,
		},
		{
			"fieldname": "after_csat",
			"label": _("CSAT After"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "after_breach_rate",
			"label": _("SLA Breached After (%)"),
			"fieldtype": "Percent",
			"width": 170,
		},
		{"fieldname": "verdict", "label": _("Verdict"), "fieldtype": "Data", "width": 150},
		{"fieldname": "verified_on", "label": _("Verified On"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "workflow_state", "label": _("State"), "fieldtype": "Data", "width": 120},
	]


def chart(rows: list[dict]) -> dict | None:
	measured = [r for r in rows if r["baseline_rate"] is not None and r["after_rate"] is not None][:15]
	if not measured:
		return None
	return series_chart(
		[r["name"] for r in measured],
		{
			_("Baseline (per 30 Days)"): [round(r["baseline_rate"], 1) for r in measured],
			_("After (per 30 Days)"): [round(r["after_rate"], 1) for r in measured],
		},
		"bar",
		translate=False,
	)


def summary(counts: dict[str, int], rows: list[dict]) -> list[dict]:
	effective = counts.get(Verdict.EFFECTIVE.value, 0)
	judged = effective + counts.get(Verdict.NOT_EFFECTIVE.value, 0)
	# The change of the measured plans' volumes together, not an average of their changes: the
	# sums of the bars of the chart.
	measured = [(r["baseline_rate"], r["after_rate"]) for r in rows if r["baseline_rate"] is not None]
	return [
		{"value": sum(counts.values()), "label": _("Plans"), "datatype": "Int", "indicator": "Blue"},
		{"value": effective, "label": _("Verified Effective"), "datatype": "Int", "indicator": "Green"},
		{
			"value": counts.get(Verdict.NOT_EFFECTIVE.value, 0),
			"label": _("Not Effective"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"value": counts.get(PENDING, 0),
			"label": _("Pending Verification"),
			"datatype": "Int",
			"indicator": "Grey",
		},
		figure_card(percent(effective, judged), _("Effective (%)"), "Green"),
		figure_card(pooled_change(measured), _("Volume Change, Measured Plans (%)"), "Blue"),
	]


def message() -> str:
	return _(
		"Effective (%) = plans verified effective in per cent of the plans judged (effective or not). "
		"Volume Change = the feedback per 30 days after all measured volume plans together against "
		"their baselines together, not an average of each plan's change. Figures are what the "
		"verification job measured; a plan not yet verified shows none."
	)
