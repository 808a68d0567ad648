"""Retention: personal data of feedback and revisits older than the retention period is removed
for good, while what analysis needs (category, sentiment, scores, dates, customer) stays.

Removed for good means: the personal fields are emptied, e-mail addresses, phone numbers and the
person's names are cut out of the texts (and of the messages, e-mails and comments on the record), and the
record's change history is deleted, since it would hold the old values. An anonymised record
refuses personal data afterwards.
"""

import time

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime

from feedback_loop.core.privacy.masking import REDACTED, scrub_names, scrub_text
from feedback_loop.core.write_batches import size_bounded
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
MESSAGE_PERSONAL = ("email", "mobile_no", "wechat_openid")
MESSAGE_TEXTS = ("subject", "email_message", "text", "sms_text")
BATCH = 200
#: Largest UPDATE written at once: well below MariaDB's default 16 MB `max_allowed_packet`.
MAX_STATEMENT_BYTES = 4 * 1024 * 1024
#: The daily job stops after this long and goes on the next day.
DAILY_BUDGET_SECONDS = 20 * 60


class AnonymisedRecord(frappe.ValidationError):
	pass


def refuse_personal_data_after_anonymisation(doc, personal_fields: tuple[str, ...]) -> None:
	if not doc.anonymised_on or doc.is_new():
		return
	if any(doc.get(field) for field in personal_fields):
		frappe.throw(
			_("This record was anonymised; personal data cannot be added to it again."), AnonymisedRecord
		)


def anonymise_expired(time_budget_seconds: float = DAILY_BUDGET_SECONDS) -> int:
	"""Daily job: every record past the retention period, in committed batches."""
	days = get_feedback_settings().retention_days or 0
	if days <= 0:
		return 0
	cutoff = add_days(now_datetime(), -days)
	started, done = time.monotonic(), 0
	for doctype, anonymise in (
		("Feedback Record", anonymise_feedback),
		("Feedback Callback", anonymise_callbacks),
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
			anonymise(names)
			done += len(names)
			if not frappe.flags.in_test:
				frappe.db.commit()
	return done


# A batch is read, scrubbed in Python and written back with a few statements, not a few per
# record: at a million expired records the first run otherwise takes weeks of daily budgets.


def anonymise_feedback(names: list[str]) -> None:
	rows = _rows("Feedback Record", names, ["contact", "sender_name", *FEEDBACK_PERSONAL, *FEEDBACK_TEXTS])
	people = _people(row.contact for row in rows)
	now = now_datetime()
	updates, names_in = {}, {}
	for row in rows:
		names_in[row.name] = [*people.get(row.contact, []), *([row.sender_name] if row.sender_name else [])]
		values = {field: None for field in FEEDBACK_PERSONAL}
		values.update({field: _scrub(row.get(field), names_in[row.name]) for field in FEEDBACK_TEXTS})
		values["subject"] = values["subject"] or REDACTED
		values["sender_name"] = REDACTED if row.sender_name else None
		values["anonymised_on"] = now
		updates[row.name] = values
	_write("Feedback Record", updates)
	# Frappe's global search keeps its own copy of the subject, which held the old values; a
	# direct write does not refresh it.
	frappe.db.delete("__global_search", {"doctype": "Feedback Record", "name": ("in", list(updates))})
	_scrub_attached_texts("Feedback Record", names_in)


def anonymise_callbacks(names: list[str]) -> None:
	rows = _rows("Feedback Callback", names, ["contact", *CALLBACK_PERSONAL, *CALLBACK_TEXTS])
	people = _people(row.contact for row in rows)
	now = now_datetime()
	updates, names_in = {}, {}
	for row in rows:
		names_in[row.name] = people.get(row.contact, [])
		values = {field: None for field in CALLBACK_PERSONAL}
		values.update({field: _scrub(row.get(field), names_in[row.name]) for field in CALLBACK_TEXTS})
		values["anonymised_on"] = now
		updates[row.name] = values
	_write("Feedback Callback", updates)
	answers = frappe.db.get_values(
		"Feedback Callback Answer",
		{"parenttype": "Feedback Callback", "parent": ("in", list(names_in))},
		["name", "parent", "answer"],
		as_dict=True,
	)
	_write(
		"Feedback Callback Answer",
		{
			row.name: {"answer": _scrub(row.answer, names_in[row.parent]), "respondent_email": None}
			for row in answers
		},
	)
	_scrub_attached_texts("Feedback Callback", names_in)


def _rows(doctype: str, names: list[str], fields: list[str]) -> list[frappe._dict]:
	return frappe.db.get_values(doctype, {"name": ("in", names)}, ["name", *fields], as_dict=True)


def _people(contacts) -> dict[str, list[str]]:
	"""The names each contact goes by, to be cut out of the texts."""
	contacts = {contact for contact in contacts if contact}
	if not contacts:
		return {}
	return {
		person.name: [name for name in (person.first_name, person.last_name, person.full_name) if name]
		for person in frappe.db.get_values(
			"Contact",
			{"name": ("in", list(contacts))},
			["name", "first_name", "last_name", "full_name"],
			as_dict=True,
		)
	}


def _scrub(text: str | None, names: list[str]) -> str | None:
	return scrub_names(scrub_text(text), names) if text else text


def _scrub_attached_texts(doctype: str, names_in: dict[str, list[str]]) -> None:
	"""The records' e-mails and comments, and their change history, which holds the old values."""
	records = list(names_in)
	mails = frappe.db.get_values(
		"Communication",
		{"reference_doctype": doctype, "reference_name": ("in", records)},
		["name", "reference_name", "content", "subject"],
		as_dict=True,
	)
	_write(
		"Communication",
		{
			mail.name: {
				"content": _scrub(mail.content, names_in[mail.reference_name]),
				"subject": _scrub(mail.subject, names_in[mail.reference_name]),
				"sender": None,
				"sender_full_name": None,
				"recipients": None,
				"cc": None,
				"bcc": None,
				"phone_no": None,
			}
			for mail in mails
		},
	)
	comments = frappe.db.get_values(
		"Comment",
		{"reference_doctype": doctype, "reference_name": ("in", records)},
		["name", "reference_name", "content"],
		as_dict=True,
	)
	_write(
		"Comment",
		{
			comment.name: {"content": _scrub(comment.content, names_in[comment.reference_name])}
			for comment in comments
		},
	)
	_scrub_messages(doctype, names_in)
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", records)})


def _scrub_messages(doctype: str, names_in: dict[str, list[str]]) -> None:
	"""What we sent the customer about these records: addresses gone, texts scrubbed."""
	messages = frappe.db.get_values(
		"Feedback Message",
		{"reference_doctype": doctype, "reference_name": ("in", list(names_in))},
		["name", "reference_name", *MESSAGE_TEXTS],
		as_dict=True,
	)
	_write(
		"Feedback Message",
		{
			message.name: {
				**dict.fromkeys(MESSAGE_PERSONAL),
				**{
					field: _scrub(message.get(field), names_in[message.reference_name])
					for field in MESSAGE_TEXTS
				},
			}
			for message in messages
		},
	)
	attempts = frappe.db.get_values(
		"Feedback Message Attempt",
		{"parenttype": "Feedback Message", "parent": ("in", [m.name for m in messages])},
		["name", "detail"],
		as_dict=True,
	)
	_write("Feedback Message Attempt", {row.name: {"detail": _scrub(row.detail, [])} for row in attempts})


def _write(doctype: str, updates: dict[str, dict]) -> None:
	"""Each group one UPDATE; the modified time stays, since nobody edited the record."""
	for group in size_bounded(updates, MAX_STATEMENT_BYTES, BATCH):
		frappe.db.bulk_update(doctype, group, chunk_size=len(group), update_modified=False)
