"""The seeded routing rules wait for an imported record's first analysis before they assign it
(core/triage/routing.py AWAITING_FIRST_ANALYSIS). A rule whose condition an administrator changed
keeps it."""

import frappe

from feedback_loop.core.triage.routing import FINAL_STATUSES, assign_condition


def execute():
	before = f"status not in {FINAL_STATUSES!r}"
	for rule in frappe.get_all(
		"Assignment Rule",
		filters={"document_type": "Feedback Record", "feedback_routing": 1},
		fields=["name", "assign_condition", "feedback_category_group"],
	):
		group = rule.feedback_category_group
		seeded = f"category_group == {group!r} and {before}" if group else before
		if rule.assign_condition == seeded:
			frappe.db.set_value("Assignment Rule", rule.name, "assign_condition", assign_condition(group))
