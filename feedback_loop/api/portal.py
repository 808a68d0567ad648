"""Feedback from the website: a logged-in customer (portal user linked through a Contact) or,
where Feedback Settings allow it, an anonymous visitor. Form post to
`/api/method/feedback_loop.api.portal.submit_feedback` (multipart, with attachments)."""

import frappe
from frappe.rate_limiter import rate_limit

from feedback_loop.services.deadlock_retry import retry_on_deadlock
from feedback_loop.services.intake.limits import web_submissions_per_hour
from feedback_loop.services.intake.portal import submit_from_website


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=web_submissions_per_hour, seconds=60 * 60)
def submit_feedback(
	feedback_type: str | None = None,
	description: str | None = None,
	category: str | None = None,
	subject: str | None = None,
	expected_solution: str | None = None,
	sales_order: str | None = None,
	sender_name: str | None = None,
	sender: str | None = None,
	consent: str | None = None,
	website: str | None = None,
) -> dict:
	"""Create the feedback and return its number and the promised reply time."""
	uploads = frappe.request.files.getlist("attachments") if frappe.request else []
	form = dict(frappe.form_dict)
	return retry_on_deadlock(lambda: submit_from_website(form, uploads, frappe.session.user))
