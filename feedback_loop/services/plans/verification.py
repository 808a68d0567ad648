"""Verify a completed plan once its measurement window has passed: figures, verdict, next state."""

import frappe
from frappe import _
from frappe.utils import flt, get_datetime, getdate, now_datetime, today
from frappe.utils.nestedset import get_descendants_of

from feedback_loop.core.feedback_status import Status
from feedback_loop.core.plans.effect import (
	Figures,
	Problem,
	TargetType,
	Window,
	evaluate,
	rate_per_30_days,
	windows,
)
from feedback_loop.core.plans.lifecycle import AWAITING_VERIFICATION, COMPLETED, VERIFYING

_NOT_COUNTED = (Status.DUPLICATE.value, Status.INVALID.value)


def verify_due_plans() -> list[str]:
	names = frappe.get_all(
		"Improvement Plan",
		filters={"workflow_state": ("in", AWAITING_VERIFICATION), "verification_due": ("<=", today())},
		pluck="name",
	)
	for name in names:
		verify_plan(name)
		if not frappe.flags.in_test:
			frappe.db.commit()
	return names


def verify_plan(name: str) -> str | None:
	"""Record the figures and the verdict; a plan without data stays Verifying, with the reason."""
	plan = frappe.get_doc("Improvement Plan", name)
	plan.flags.ignore_permissions = True
	if plan.workflow_state == COMPLETED:
		plan.workflow_state = VERIFYING
		plan.save()
	figures = measure(plan)
	result = evaluate(plan.target_type, flt(plan.target_value), figures)
	plan.update(
		{
			"baseline_count": figures.baseline_count,
			"baseline_rate": figures.baseline_rate,
			"after_count": figures.after_count,
			"after_rate": figures.after_rate,
			"after_csat": figures.after_csat,
			"after_breach_rate": figures.after_breach_rate,
			"change_percent": result.change_percent,
		}
	)
	if result.verdict is None:
		plan.verification_note = _problem_note(result.problem)
		plan.save()
		return None
	plan.verification_result = result.verdict.value
	plan.verified_on = now_datetime()
	plan.verification_note = _verdict_note(plan, figures, result)
	plan.workflow_state = result.verdict.value
	plan.save()
	return result.verdict.value


def measure(plan) -> Figures:
	baseline, after = windows(
		getdate(plan.started_on or plan.approved_on),
		getdate(plan.completed_on),
		plan.baseline_days,
		plan.measurement_days,
	)
	first = frappe.db.get_value("Feedback Record", {}, "received_on", order_by="received_on asc")
	baseline = baseline.clipped_to(getdate(first) if first else None)
	baseline_count = _count(plan, baseline)
	after_count = _count(plan, after)
	figures = {
		"baseline_count": baseline_count,
		"baseline_rate": rate_per_30_days(baseline_count, baseline),
		"after_count": after_count,
		"after_rate": rate_per_30_days(after_count, after),
	}
	if plan.target_type == TargetType.LIMIT_BREACH_RATE.value:
		finished, breached = _finished_and_breached(plan, after)
		figures["finished_records"] = finished
		figures["after_breach_rate"] = round(breached * 100 / finished, 1) if finished else None
	if plan.target_type == TargetType.REACH_CSAT.value:
		figures["after_csat"], figures["csat_answers"] = _csat(plan, after)
	return Figures(**figures)


def _scope_filters(plan, window: Window, moment_field: str = "received_on") -> list:
	filters = [
		[moment_field, ">=", get_datetime(window.start)],
		[moment_field, "<", get_datetime(window.end)],
		["status", "not in", _NOT_COUNTED],
	]
	if plan.category:
		categories = [plan.category, *get_descendants_of("Feedback Category", plan.category)]
		filters.append(["category", "in", categories])
	if plan.item:
		filters.append(["item", "=", plan.item])
	return filters


def _count(plan, window: Window) -> int:
	if window.days <= 0:
		return 0
	return frappe.db.count("Feedback Record", filters=_scope_filters(plan, window))


def _finished_and_breached(plan, window: Window) -> tuple[int, int]:
	filters = _scope_filters(plan, window, "resolved_on")
	finished = frappe.db.count("Feedback Record", filters=filters)
	breached = frappe.db.count(
		"Feedback Record", filters=[*filters, ["resolution_sla_status", "=", "Breached"]]
	)
	return finished, breached


def _csat(plan, window: Window) -> tuple[float | None, int]:
	"""CSAT of the verification revisits, once revisits exist on this site (the callbacks feature)."""
	if not frappe.db.table_exists("Feedback Callback"):
		return None, 0
	feedback = [row.feedback_record for row in plan.feedback_records]
	rows = frappe.get_all(
		"Feedback Callback",
		filters=[
			["feedback_record", "in", feedback or [""]],
			["responded_on", ">=", get_datetime(window.start)],
			["responded_on", "<", get_datetime(window.end)],
			["csat", ">", 0],
		],
		fields=["csat"],
		ignore_permissions=True,
	)
	if not rows:
		return None, 0
	return round(sum(flt(r.csat) for r in rows) / len(rows), 2), len(rows)


def _problem_note(problem: Problem | None) -> str:
	if problem == Problem.NO_BASELINE:
		return _(
			"Not judged: there was no feedback in the baseline window, so a reduction cannot be measured."
		)
	return _("Not judged yet: the measurement window holds no data for this target.")


def _verdict_note(plan, figures: Figures, result) -> str:
	if plan.target_type == TargetType.REDUCE_VOLUME.value:
		return _("Feedback per 30 days: {0} before, {1} after ({2}%); target: −{3}%.").format(
			round(figures.baseline_rate or 0, 2),
			round(figures.after_rate or 0, 2),
			result.change_percent,
			plan.target_value,
		)
	if plan.target_type == TargetType.REACH_CSAT.value:
		return _("CSAT of {0} verification revisits: {1}; target: {2}.").format(
			figures.csat_answers, figures.after_csat, plan.target_value
		)
	return _("SLA breaches: {0}% of {1} finished records; target: at most {2}%.").format(
		figures.after_breach_rate, figures.finished_records, plan.target_value
	)
