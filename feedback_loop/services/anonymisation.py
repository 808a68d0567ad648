"""Retention: personal data of feedback and revisits older than the retention period is removed
for good, while what analysis needs (category, sentiment, scores, dates, customer) stays.

Removed for good means: the personal fields are emptied, e-mail addresses, phone numbers and the
person's names are cut out of the texts (and of the e-mails and comments on the record), and the
record's change history is deleted, since it would hold the old values. An anonymised record
refuses personal data afterwards.
"""

import time

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime

from feedback_loop.core.masking import REDACTED, scrub_names, scrub_text
from feedback_loop.services.feedback_settings import get_feedback_settings

FEEDBACK_PERSONAL = (
	"contact",
	"contact_email",
	"contact_phone",
	"contact_email_masked",
	"contact_phone_masked",
	"sender",
	"sender_masked",
	"external_sender",
)
FEEDBACK_TEXTS = (
	"keywords",
	"subject",
	"description",
	"expected_solution",
	"resolution_summary",
	"status_reason",
	"comparison_text",
)
CALLBACK_PERSONAL = ("contact", "contact_email", "contact_email_masked")
CALLBACK_TEXTS = ("notes", "call_script")
BATCH = 200


class AnonymisedRecord(frappe.ValidationError):
	pass


def refuse_personal_data_after_anonymisation(doc, personal_fields: tuple[str, ...]) -> None:
	if not doc.anonymised_on or doc.is_new():
		return
	if any(doc.get(field) for field in personal_fields):
		frappe.throw(
			_("This record was anonymised; personal data cannot be added to it again."), AnonymisedRecord
		)


def anonymise_expired(time_budget_seconds: float = 20 * 60) -> int:
	"""Daily job: every record past the retention period, in committed batches."""
	days = get_feedback_settings().retention_days or 0
	if days <= 0:
		return 0
	cutoff = add_days(now_datetime(), -days)
	started, done = time.monotonic(), 0
	for doctype, anonymise in (
		("Feedback Record", anonymise_feedback),
		("Feedback Callback", anonymise_callback),
	):
		while time.monotonic() - started < time_budget_seconds:
			names = frappe.get_all(
				doctype,
				filters={"creation": ("<", cutoff), "anonymised_on": ("is", "not set")},
				pluck="name",
				limit=BATCH,
			)
			if not names:
				break
			for name in names:
				anonymise(name)
			done += len(names)
			if not frappe.flags.in_test:
				frappe.db.commit()
	return done


def anonymise_feedback(name: str) -> None:
	doc = frappe.db.get_value(
		"Feedback Record",
		name,
		["name", "contact", "sender_name", *FEEDBACK_PERSONAL, *FEEDBACK_TEXTS],
		as_dict=True,
	)
	names = _names_of(doc.contact, doc.sender_name)
	values = {field: None for field in FEEDBACK_PERSONAL}
	values.update({field: _scrub(doc.get(field), names) for field in FEEDBACK_TEXTS})
	values["subject"] = values["subject"] or REDACTED
	values["sender_name"] = REDACTED if doc.sender_name else None
	values["anonymised_on"] = now_datetime()
	frappe.db.set_value("Feedback Record", name, values, update_modified=False)
	_scrub_attached_texts("Feedback Record", name, names)


def anonymise_callback(name: str) -> None:
	doc = frappe.db.get_value(
		"Feedback Callback", name, ["name", *CALLBACK_PERSONAL, *CALLBACK_TEXTS], as_dict=True
	)
	names = _names_of(doc.contact)
	values = {field: None for field in CALLBACK_PERSONAL}
	values.update({field: _scrub(doc.get(field), names) for field in CALLBACK_TEXTS})
	values["anonymised_on"] = now_datetime()
	frappe.db.set_value("Feedback Callback", name, values, update_modified=False)
	for row in frappe.get_all(
		"Feedback Callback Answer",
		filters={"parent": name, "parenttype": "Feedback Callback"},
		fields=["name", "answer"],
	):
		frappe.db.set_value(
			"Feedback Callback Answer",
			row.name,
			{"answer": _scrub(row.answer, names), "respondent_email": None},
		)
	_scrub_attached_texts("Feedback Callback", name, names)


def _names_of(contact: str | None, *others: str | None) -> list[str]:
	names = [other for other in others if other]
	if contact:
		person = frappe.db.get_value(
			"Contact", contact, ["first_name", "last_name", "full_name"], as_dict=True
		)
		if person:
			names += [person.first_name, person.last_name, person.full_name]
	return [name for name in names if name]


def _scrub(text: str | None, names: list[str]) -> str | None:
	return scrub_names(scrub_text(text), names) if text else text


def _scrub_attached_texts(doctype: str, name: str, names: list[str]) -> None:
	"""The record's e-mails and comments, and its change history, which holds the old values."""
	for mail in frappe.get_all(
		"Communication",
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=["name", "content", "subject"],
	):
		frappe.db.set_value(
			"Communication",
			mail.name,
			{
				"content": _scrub(mail.content, names),
				"subject": _scrub(mail.subject, names),
				"sender": None,
				"sender_full_name": None,
				"recipients": None,
				"cc": None,
				"bcc": None,
				"phone_no": None,
			},
			update_modified=False,
		)
	for comment in frappe.get_all(
		"Comment", filters={"reference_doctype": doctype, "reference_name": name}, fields=["name", "content"]
	):
		frappe.db.set_value(
			"Comment", comment.name, "content", _scrub(comment.content, names), update_modified=False
		)
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
