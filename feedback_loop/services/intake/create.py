"""The one way feedback comes in from outside the desk form: API, messaging webhook, portal,
web form, inbound e-mail and survey answers all end here, and the record's own controller then
validates, triages, starts the SLA and acknowledges it, whatever the channel.

An outside system's message id makes a request idempotent: sending it again, even twice at the
same moment, returns the record the first request created.
"""

from dataclasses import dataclass

import frappe
from frappe.model.document import Document
from frappe.utils import escape_html

from feedback_loop.core.intake.payload import Problem, idempotency_key, parse_moment
from feedback_loop.core.intake.rules import subject_from_description
from feedback_loop.integrations.frappe.prepared_statements import param, run_prepared
from feedback_loop.services.intake.errors import NOT_FOUND, InvalidFeedback, refuse, refuse_with_message
from feedback_loop.services.intake.party_matching import (
	contact_by_email,
	contact_by_phone,
	customer_of_contact,
)
from feedback_loop.services.privacy.consent import record_consent
from feedback_loop.services.sla.system_time import to_aware, to_system

#: Fields naming another record, checked before insert so the caller hears which one is wrong.
LINKS = {
	"customer": "Customer",
	"category": "Feedback Category",
	"sales_order": "Sales Order",
	"item": "Item",
}

#: Of `LINKS`, the submittable ones.
SUBMITTED_LINKS = ("sales_order",)

#: Taken over as given; everything else is derived or set by the channel.
COPIED = (
	"feedback_type",
	"topic",
	"aspects",
	"category",
	"expected_solution",
	"sales_order",
	"item",
	"occurred_on",
	"contact_email",
	"contact_phone",
	"sender",
	"sender_name",
	"external_sender",
	"messaging_source",
	"anonymous",
	"survey_callback",
	"survey_scores",
)


@dataclass(frozen=True)
class IntakeResult:
	name: str
	created: bool
	#: The record, when this request created it: the caller answers from it without reading it again.
	record: Document | None = None


def existing_for(channel: str, external_id: str | None, latest: bool = False) -> str | None:
	"""`latest`: a locking read, which sees rows committed after this transaction began."""
	if not external_id:
		return None
	key = idempotency_key(channel, external_id)
	found = run_prepared(("record of key", latest), lambda: _record_of_key(latest), {"key": key})
	return found[0][0] if found else None


def _record_of_key(latest: bool):
	fr = frappe.qb.DocType("Feedback Record")
	query = frappe.qb.from_(fr).select(fr.name).where(fr.idempotency_key == param("key"))
	return query.for_update() if latest else query


def plain_text_to_html(text: str) -> str:
	"""Text from outside is text: escaped, its line breaks kept for the Text Editor."""
	return "<br>".join(escape_html(line) for line in text.splitlines())


def create_feedback(
	values: dict,
	*,
	channel: str,
	external_id: str | None = None,
	description_is_html: bool = False,
	attachments: list[tuple[str, bytes]] | None = None,
	triage_after_commit: bool = False,
) -> IntakeResult:
	"""Create (or, for a repeated external id, find) the feedback; the caller checked who may.

	`triage_after_commit`: stored at once, triaged by a job right after (services/triage/arrival.py)."""
	existing, problems = known_before_insert(values, channel, external_id)
	if existing:
		return IntakeResult(existing, created=False)

	refuse(problems)
	description = values.get("description") or ""
	if not description_is_html:
		description = plain_text_to_html(description)
	# The doctype's defaults are set by the insert (Frappe's `_set_defaults`); a `new_doc` here
	# would compute them twice.
	doc = frappe.get_doc({"doctype": "Feedback Record"})
	doc.update({field: values[field] for field in COPIED if values.get(field)})
	doc.update(
		{
			"channel": channel,
			"description": description,
			"subject": values.get("subject") or subject_from_description(values.get("description") or ""),
			"impact": values.get("impact") or "One Customer",
			"urgency": values.get("urgency") or "Medium",
			"reply_language": values.get("language") or values.get("reply_language"),
			"external_id": external_id,
			"idempotency_key": idempotency_key(channel, external_id) if external_id else None,
			"received_on": received_moment(values.get("received_on")),
		}
	)
	set_party(doc, values)
	record_consent(doc, values.get("consent") == "1")
	doc.flags.ignore_permissions = True
	# A channel that answers in the same request (a messaging gateway's relayed reply) acknowledges
	# by itself: no second acknowledgement.
	doc.flags.acknowledged_by_caller = bool(values.get("acknowledged_by_caller"))
	doc.flags.survey_words = values.get("survey_words")
	if triage_after_commit:
		doc.flags.triage_after_commit = True
		# Every record it names was looked up above (`known_before_insert`), the contact by its
		# address or number; Frappe's own look-ups, and the values they fetch from the customer,
		# come with the triage's save.
		doc.flags.ignore_links = True
	savepoint = "feedback_intake"
	frappe.db.savepoint(savepoint)
	try:
		doc.insert()
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		# Two requests with one id at the same moment: the other one's record is the answer.
		frappe.db.rollback(save_point=savepoint)
		return IntakeResult(existing_for(channel, external_id, latest=True), created=False)
	except InvalidFeedback:
		raise
	except frappe.ValidationError as refused:
		# The record's own rules (a customer or a way to reply, the text limits): the same 422
		# as a field problem, with the rule's message, so callers see one kind of refusal.
		frappe.db.rollback(save_point=savepoint)
		refuse_with_message(str(refused))
	for file_name, content in attachments or ():
		attach(doc, file_name, content)
	return IntakeResult(doc.name, created=True, record=doc)


def received_moment(value) -> object:
	"""A moment a caller sent, in the site's time; one without an offset is taken as site time."""
	if not value:
		return None
	if not isinstance(value, str):
		return value
	moment = parse_moment(value)
	return to_system(to_aware(moment)) if moment else None


def known_before_insert(
	values: dict, channel: str, external_id: str | None
) -> tuple[str | None, list[Problem]]:
	"""The record a repeated external id already made, and the named records (`LINKS`) that do
	not exist: one statement, which every API request runs."""
	given = tuple(field for field in LINKS if values.get(field))
	key = idempotency_key(channel, external_id) if external_id else None
	if not (key or given):
		return None, []
	row = run_prepared(
		("known before insert", bool(key), given),
		lambda: _known_query(bool(key), given),
		{"key": key, **{field: values[field] for field in given}},
	)[0]
	existing, found = (row[0], row[1:]) if key else (None, row)
	missing = [
		Problem(field, NOT_FOUND, values[field]) for field, name in zip(given, found, strict=True) if not name
	]
	return existing, missing


def _known_query(with_key: bool, fields: tuple[str, ...]):
	"""One column per look-up, each a subquery on a unique name or key (NULL: none)."""
	columns = [_record_of_key(latest=False)] if with_key else []
	for field in fields:
		table = frappe.qb.DocType(LINKS[field])
		found = frappe.qb.from_(table).select(table.name).where(table.name == param(field))
		if field in SUBMITTED_LINKS:
			# A cancelled order cannot be linked (Frappe refuses it on a save).
			found = found.where(table.docstatus < 2)
		columns.append(found)
	return frappe.qb.select(*columns)


def set_party(doc, values: dict) -> None:
	"""The customer given, else the one behind the contact the address or number belongs to."""
	contact = values.get("contact") or contact_by_email(values.get("contact_email") or values.get("sender"))
	contact = contact or contact_by_phone(values.get("contact_phone"))
	doc.contact = contact
	doc.customer = values.get("customer") or customer_of_contact(contact)
	if doc.sales_order and doc.customer:
		# A customer's portal or integration cannot file feedback against somebody else's order.
		if frappe.db.get_value("Sales Order", doc.sales_order, "customer") != doc.customer:
			refuse([Problem("sales_order", NOT_FOUND, doc.sales_order)])


def attach(doc, file_name: str, content: bytes) -> None:
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"content": content,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
