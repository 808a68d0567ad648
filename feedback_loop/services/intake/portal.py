"""What a customer sees of their feedback on the portal: only records of the customers their
portal user is a contact of, with the e-mail thread, never internal comments or analysis."""

import os

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.html_utils import sanitize_html

from feedback_loop.core.intake.payload import (
	MAX_ATTACHMENTS,
	PORTAL_FIELDS,
	WEB_FIELDS,
	FieldProblem,
	Problem,
	check_attachments,
	check_payload,
)
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.intake.create import create_feedback
from feedback_loop.services.intake.errors import refuse, refuse_with_messages
from feedback_loop.services.intake.limits import max_attachment_bytes
from feedback_loop.services.intake.party_matching import contact_of_user, customers_of_user
from feedback_loop.services.intake.topics import apply_topic, topic_message
from feedback_loop.services.messages.acknowledgement import promised_reply_moment

#: Left empty by people; robots that fill every field give themselves away.
HONEYPOT = "website"
#: Where the form was opened from, not data: "paper" when the QR code of a printed questionnaire led here.
SOURCE = "source"
TRANSPORT_KEYS = frozenset({"cmd", HONEYPOT, SOURCE})

LIST_FIELDS = [
	"name",
	"subject",
	"status",
	"feedback_type",
	"received_on",
	"first_response_due",
	"resolution_due",
]
PAGE_SIZE = 20

#: Statuses in which no reply is owed to the customer any more.
CLOSED_FOR_CUSTOMER = ("Resolved", "Closed", "Invalid", "Duplicate")


def require_login(path: str) -> None:
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to={path}"
		# 302: a login redirect must not be cached by the browser as permanent.
		raise frappe.Redirect(302)


def my_feedback(user: str, start: int = 0) -> list[dict]:
	customers = customers_of_user(user)
	if not customers:
		return []
	rows = frappe.get_all(
		"Feedback Record",
		filters={"customer": ("in", customers)},
		fields=LIST_FIELDS,
		# The order of the dates the list shows: when the feedback was given, not typed in.
		order_by="received_on desc, creation desc",
		start=start,
		limit=PAGE_SIZE,
	)
	for row in rows:
		row.status_label = _(row.status, context="Feedback Record")
		row.type_label = _(row.feedback_type, context="Feedback Record")
	return rows


def my_feedback_record(user: str, name: str) -> dict:
	"""The record and its thread; a record of another customer does not exist for this user."""
	customers = customers_of_user(user)
	record = frappe.db.get_value(
		"Feedback Record",
		{"name": name, "customer": ("in", customers or [""])},
		[
			*LIST_FIELDS,
			"description",
			"expected_solution",
			"category",
			"resolution_summary",
			"sla_policy",
			"duplicate_of",
			"first_responded_on",
		],
		as_dict=True,
	)
	if not record:
		# Frappe's own "page not found", as for any unknown address: a DoesNotExistError would
		# render its error page, "Uncaught Server Exception", with a button showing the trace.
		raise frappe.PageDoesNotExistError(_("Feedback {0} not found").format(name))
	record.status_label = _(record.status, context="Feedback Record")
	record.type_label = _(record.feedback_type, context="Feedback Record")
	record.description = sanitize_html(record.description or "")
	record.resolution_summary = sanitize_html(record.resolution_summary or "")
	# A promise only while a reply is still owed: not once answered, closed or merged.
	owed = record.status not in CLOSED_FOR_CUSTOMER and not record.first_responded_on
	record.reply_by = promised_reply_moment(record) if owed else None
	# A merged record is followed up in the original, which the customer may open too.
	record.merged_into = (
		record.duplicate_of
		if record.status == "Duplicate"
		and frappe.db.exists("Feedback Record", {"name": record.duplicate_of, "customer": ("in", customers)})
		else None
	)
	record.messages = thread_of(name)
	return record


def thread_of(name: str) -> list[dict]:
	messages = frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": "Feedback Record",
			"reference_name": name,
			# What the customer and we wrote, whatever the channel; never an internal comment.
			"communication_type": ("in", ("Communication", "Automated Message")),
			"communication_medium": ("in", ("Email", "SMS", "Chat")),
		},
		fields=["sent_or_received", "communication_date", "subject", "content"],
		order_by="communication_date asc",
	)
	for message in messages:
		message.content = sanitize_html(message.content or "")
		message.from_us = message.sent_or_received == "Sent"
	return messages


def portal_categories() -> list[dict]:
	"""Enabled categories, named in the reader's language, groups first (type → subcategory)."""
	rows = frappe.get_all(
		"Feedback Category",
		filters={"enabled": 1},
		fields=["name", "category_name", "category_name_zh", "parent_feedback_category", "is_group", "lft"],
		order_by="lft asc",
	)
	chinese = (frappe.local.lang or "").startswith("zh")
	for row in rows:
		row.label = (row.category_name_zh if chinese else None) or row.category_name or row.name
	return rows


def submit_from_website(form: dict, uploads: list, user: str) -> dict:
	"""The website form's feedback: a portal customer's, or (where allowed) a visitor's.

	`uploads`: the request's files (name and stream). Returns the number and the promised reply.
	"""
	guest = user == "Guest"
	if guest and not get_feedback_settings().allow_anonymous_web_feedback:
		raise frappe.PermissionError(_("Please log in to send feedback."))
	if form.get(HONEYPOT):
		refuse([Problem(HONEYPOT, FieldProblem.NOT_ALLOWED, "")])
	fields = WEB_FIELDS if guest else PORTAL_FIELDS
	# The other form's fields, which this one posts empty, are neither data nor an error.
	unused = frozenset(
		name for name in (set(PORTAL_FIELDS) | set(WEB_FIELDS)) - set(fields) if not form.get(name)
	)
	values, problems = check_payload(form, fields, today=getdate(), ignore=TRANSPORT_KEYS | unused)
	files = read_uploads(uploads)
	refuse(
		problems
		+ check_attachments([(name, len(content)) for name, content in files], max_attachment_bytes())
	)
	# The pickers the form showed: nothing to pick is no reason to refuse the feedback.
	orders, items = orders_and_items(user) if values.get("topic") and not guest else ([], [])
	refused = apply_topic(values, orders_offered=bool(orders), products_offered=bool(items))
	refuse_with_messages({field: topic_message(problem) for field, problem in refused})

	if guest:
		values["anonymous"] = 1
		channel = "Web"
	else:
		customers = customers_of_user(user)
		if not customers:
			raise frappe.PermissionError(_("Your account is not linked to a customer. Please contact us."))
		values["customer"] = customers[0]
		values["contact"] = contact_of_user(user)
		channel = "Portal"
	if form.get(SOURCE) == "paper":
		# Counted with the paper questionnaires it came from (Channel Health).
		channel = "Paper Form"
	result = create_feedback(values, channel=channel, attachments=files)
	doc = frappe.get_doc("Feedback Record", result.name)
	return {
		"name": doc.name,
		"reply_by": promised_reply_moment(doc),
		"reply_within_working_days": get_feedback_settings().reply_within_working_days or None,
	}


def read_uploads(uploads: list) -> list[tuple[str, bytes]]:
	"""Names and contents, read no further than one byte past the size limit (and no more files
	than one past the count limit), so an oversized upload is refused without being held whole."""
	limit = max_attachment_bytes()
	return [
		(os.path.basename(upload.filename)[:120], _from_start(upload.stream).read(limit + 1))
		for upload in [u for u in uploads if u and u.filename][: MAX_ATTACHMENTS + 1]
	]


def _from_start(stream):
	"""The upload from its first byte: a request retried after a deadlock reads it again."""
	if stream.seekable():
		stream.seek(0)
	return stream


#: The portal form offers the customer's latest submitted orders and what they bought in them.
PORTAL_ORDERS = 20


def orders_and_items(user: str) -> tuple[list, list]:
	"""The logged-in customer's latest submitted orders, and the products in them: the form's
	pickers, so that the key facts come with the feedback instead of in the text."""
	customers = customers_of_user(user)
	if not customers:
		return [], []
	orders = frappe.get_all(
		"Sales Order",
		filters={"customer": customers[0], "docstatus": 1},
		fields=["name", "transaction_date"],
		order_by="transaction_date desc, creation desc",
		limit=PORTAL_ORDERS,
	)
	if not orders:
		return [], []
	rows = frappe.get_all(
		"Sales Order Item",
		filters={"parenttype": "Sales Order", "parent": ["in", [o.name for o in orders]]},
		fields=["parent", "item_code", "item_name"],
		order_by="idx",
	)
	items: dict[str, dict] = {}
	for row in rows:
		entry = items.setdefault(
			row.item_code, {"item_code": row.item_code, "item_name": row.item_name, "orders": []}
		)
		entry["orders"].append(row.parent)
	return orders, list(items.values())
