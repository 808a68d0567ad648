"""Records from before the assignee, department and working-hour columns: fill them once."""

import frappe

from feedback_loop.services.sla.clocks import set_elapsed_working_hours
from feedback_loop.services.sla.policy import clock_policy
from feedback_loop.services.triage.assignee import sync_assignee


def execute():
	for name in frappe.get_all("Feedback Record", filters={"_assign": ("like", '["%')}, pluck="name"):
		sync_assignee(name)
	records = frappe.get_all(
		"Feedback Record",
		filters={"sla_policy": ("is", "set"), "first_responded_on": ("is", "set")},
		pluck="name",
	)
	for name in records:
		doc = frappe.get_doc("Feedback Record", name)
		set_elapsed_working_hours(doc, clock_policy(doc.sla_policy))
		doc.db_set(
			{
				"response_working_hours": doc.response_working_hours,
				"resolution_working_hours": doc.resolution_working_hours,
			},
			update_modified=False,
		)
