"""The Improvement Recommendations report: the recommendations section of the seeds' analysis
report, drawn from the validated root cause analyses of a period and the plans made from them
(core/reports/recommendations.py). The reader sees the analyses and plans they may read."""

import frappe
from frappe import _
from frappe.utils import add_days, escape_html, getdate

from feedback_loop.core.rca.lifecycle import VALIDATED
from feedback_loop.core.reports.recommendations import Plan, Recommendation, Solution, recommendations
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all


def report(filters: dict) -> tuple:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	conditions = [
		["workflow_state", "=", VALIDATED],
		["validated_on", ">=", start],
		["validated_on", "<", add_days(end, 1)],
	]
	if filters.get("category"):
		conditions.append(["category", "descendants of (inclusive)", filters["category"]])
	analyses = frappe.get_list(
		"Root Cause Analysis",
		filters=conditions,
		fields=["name", "title", "category", "validated_on", "root_cause_summary"],
		order_by="validated_on desc",
	)
	names = [a.name for a in analyses]
	# Child rows of analyses the reader may read (the list above), nothing more.
	rows = (
		frappe.get_all(
			"Root Cause Analysis Solution",
			filters={"parenttype": "Root Cause Analysis", "parent": ["in", names]},
			fields=["parent", "solution", "chosen", "recommended"],
			order_by="parent, idx",
		)
		if names
		else []
	)
	feedback = (
		{
			r.parent: r.count
			for r in aggregate_list(
				"Root Cause Analysis Feedback",
				["parent as parent", count_all()],
				filters={"parenttype": "Root Cause Analysis", "parent": ["in", names]},
				group_by=("parent",),
				ignore_permissions=True,
			)
		}
		if names
		else {}
	)
	plans = (
		frappe.get_list(
			"Improvement Plan",
			filters={"source_analysis": ["in", names]},
			fields=["name", "source_analysis", "workflow_state", "change_percent"],
			order_by="creation",
		)
		if names
		else []
	)
	found = recommendations(
		names,
		(Solution(r.parent, r.solution, bool(r.chosen), bool(r.recommended)) for r in rows),
		(Plan(p.source_analysis, p.name, p.workflow_state, p.change_percent) for p in plans),
	)
	data = [_row(a, r, feedback.get(a.name, 0)) for a, r in zip(analyses, found, strict=True)]
	return columns(), data, message(), None, summary(found)


def columns() -> list[dict]:
	return [
		{
			"fieldname": "analysis",
			"label": _("Root Cause Analysis"),
			"fieldtype": "Link",
			"options": "Root Cause Analysis",
			"width": 130,
		},
		{"fieldname": "title", "label": _("Title"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "category",
			"label": _("Category"),
			"fieldtype": "Link",
			"options": "Feedback Category",
			"width": 140,
		},
		{"fieldname": "feedback", "label": _("Feedback"), "fieldtype": "Int", "width": 90},
		{"fieldname": "root_cause", "label": _("Root Cause"), "fieldtype": "Data", "width": 260},
		{"fieldname": "recommended", "label": _("Recommended Actions"), "fieldtype": "Data", "width": 320},
		{"fieldname": "plans", "label": _("Improvement Plans"), "fieldtype": "Data", "width": 260},
		{"fieldname": "validated_on", "label": _("Validated On"), "fieldtype": "Date", "width": 110},
	]


def _row(analysis, found: Recommendation, feedback: int) -> dict:
	actions = "; ".join(escape_html(text) for text in found.solutions)
	if actions and not found.chosen:
		actions = _("Best return, not chosen yet: {0}").format(actions)
	return {
		"analysis": analysis.name,
		"title": escape_html(analysis.title or ""),
		"category": analysis.category,
		"feedback": feedback,
		"root_cause": escape_html(analysis.root_cause_summary or ""),
		"recommended": actions,
		"plans": ", ".join(_plan_label(plan) for plan in found.plans),
		"validated_on": getdate(analysis.validated_on),
	}


def _plan_label(plan: Plan) -> str:
	name = escape_html(plan.name)
	label = f'<a href="/app/improvement-plan/{name}">{name}</a> ({escape_html(_(plan.state))}'
	if plan.change_percent is not None and plan.state in ("Verified Effective", "Not Effective"):
		label += f", {plan.change_percent:+.1f} %"
	return label + ")"


def summary(found: list[Recommendation]) -> list[dict]:
	return [
		{"value": len(found), "label": _("Validated Analyses"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": sum(1 for r in found if not r.solutions),
			"label": _("Without a Recommended Action"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": sum(1 for r in found if r.solutions and not r.plans),
			"label": _("Recommended, No Plan Yet"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"value": sum(1 for r in found for p in r.plans if p.state == "Verified Effective"),
			"label": _("Plans Verified Effective"),
			"datatype": "Int",
			"indicator": "Green",
		},
	]


def message() -> str:
	return _(
		"The recommendations of the root cause analyses validated in the period: the candidate "
		"solutions the analysts chose, or, where none is chosen yet, the best return of each cause; "
		"and the improvement plans made from each analysis, with their state and, once verified, the "
		"change they measured."
	)
