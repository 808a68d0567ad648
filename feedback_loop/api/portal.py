"""Feedback from the website: a logged-in customer (portal user linked through a Contact) or,
where Feedback Settings allow it, an anonymous visitor. Form post to
`/api/method/feedback_loop.api.portal.submit_feedback` (multipart, with attachments)."""

import os

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate

from feedback_loop.core.intake_payload import PORTAL_FIELDS, WEB_FIELDS, FieldProblem, Problem, check_payload
from feedback_loop.services.acknowledgement import promised_reply_moment
from feedback_loop.services.feedback_intake import create_feedback
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.intake_errors import refuse
from feedback_loop.services.intake_limits import max_attachment_bytes, web_submissions_per_hour
from feedback_loop.services.party_matching import contact_of_user, customers_of_user

MAX_ATTACHMENTS = 3
ATTACHMENT_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf", ".txt"})
#: Left empty by people; robots that fill every field give themselves away.
HONEYPOT = "website"
TRANSPORT_KEYS = frozenset({"cmd", HONEYPOT})


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
	guest = frappe.session.user == "Guest"
	if guest and not get_feedback_settings().allow_anonymous_web_feedback:
		raise frappe.PermissionError(_("Please log in to send feedback."))
	if website:
		refuse([Problem(HONEYPOT, FieldProblem.NOT_ALLOWED, "")])
	fields = WEB_FIELDS if guest else PORTAL_FIELDS
	values, problems = check_payload(
		dict(frappe.form_dict), fields, today=getdate(), ignore=TRANSPORT_KEYS | _unused(fields)
	)
	files, file_problems = uploaded_files()
	refuse(problems + file_problems)

	if guest:
		values["anonymous"] = 1
		channel = "Web"
	else:
		customers = customers_of_user(frappe.session.user)
		if not customers:
			raise frappe.PermissionError(_("Your account is not linked to a customer. Please contact us."))
		values["customer"] = customers[0]
		values["contact"] = contact_of_user(frappe.session.user)
		channel = "Portal"
	result = create_feedback(values, channel=channel, attachments=files)
	doc = frappe.get_doc("Feedback Record", result.name)
	return {
		"name": doc.name,
		"reply_by": promised_reply_moment(doc),
		"reply_within_working_days": get_feedback_settings().reply_within_working_days or None,
	}


def _unused(fields: dict) -> frozenset[str]:
	"""The web form's fields a logged-in customer's form posts empty (and the other way round)."""
	every = set(PORTAL_FIELDS) | set(WEB_FIELDS)
	return frozenset(name for name in every - set(fields) if not frappe.form_dict.get(name))


def uploaded_files() -> tuple[list[tuple[str, bytes]], list[Problem]]:
	request_files = frappe.request.files.getlist("attachments") if frappe.request else []
	request_files = [f for f in request_files if f and f.filename]
	if len(request_files) > MAX_ATTACHMENTS:
		return [], [Problem("attachments", FieldProblem.TOO_LONG, str(MAX_ATTACHMENTS))]
	files, problems = [], []
	limit = max_attachment_bytes()
	for upload in request_files:
		name = os.path.basename(upload.filename)[:120]
		if os.path.splitext(name)[1].lower() not in ATTACHMENT_EXTENSIONS:
			problems.append(
				Problem("attachments", FieldProblem.NOT_ALLOWED, ", ".join(sorted(ATTACHMENT_EXTENSIONS)))
			)
			continue
		content = upload.stream.read(limit + 1)
		if len(content) > limit:
			problems.append(
				Problem("attachments", FieldProblem.TOO_LONG, _("{0} MB").format(limit // 1048576))
			)
			continue
		files.append((name, content))
	return files, problems
