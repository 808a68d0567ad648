"""Whitelisted SLA endpoints for the desk."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from feedback_loop.api.unsaved_documents import unsaved_doc
from feedback_loop.core.sla.targets import due_moment
from feedback_loop.services.sla.calendar_source import build_calendar, has_unfinished_rows
from feedback_loop.services.sla.system_time import to_aware, to_system


@frappe.whitelist()
def preview_due_moments(policy: str, start: str | None = None) -> list[dict]:
	"""Due moments per priority for feedback recorded at ``start``, from the policy as edited (unsaved)."""
	frappe.has_permission("Feedback SLA Policy", "read", throw=True)
	doc = unsaved_doc("Feedback SLA Policy", policy)
	if has_unfinished_rows(doc):
		return []
	try:
		calendar = build_calendar(doc)
	except ValueError:
		frappe.throw(_("Fix the working hours first: the calendar is not valid."))
	begin = to_aware(get_datetime(start) if start else now_datetime())
	return [
		{
			"priority": row.priority,
			"first_response_due": to_system(
				due_moment(calendar, begin, row.response_time, row.response_unit)
			),
			"resolution_due": to_system(
				due_moment(calendar, begin, row.resolution_time, row.resolution_unit)
			),
		}
		for row in doc.targets
		if row.response_time and row.resolution_time
	]
