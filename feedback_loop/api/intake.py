"""The feedback REST API: `POST /api/method/feedback_loop.api.intake.submit_feedback`.

Called with an integration user's API key and secret (`Authorization: token key:secret`); the
user needs the right to create Feedback Records. README "Submitting feedback through the API"
describes every field.
"""

import frappe
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate

from feedback_loop.core.intake.payload import API_FIELDS, check_payload
from feedback_loop.services.deadlock_retry import retry_on_deadlock
from feedback_loop.services.intake.create import IntakeResult, create_feedback
from feedback_loop.services.intake.errors import refuse
from feedback_loop.services.intake.limits import api_requests_per_minute

#: Any JSON value: the type of each field is checked by the app, so that every wrong field is
#: reported in one answer with the same status, instead of Frappe stopping at the first.
JSONValue = str | int | float | bool | list | dict | None

#: Keys Frappe's transport adds to the arguments; never data.
TRANSPORT_KEYS = frozenset({"cmd"})


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=api_requests_per_minute, seconds=60)
def submit_feedback(
	external_id: JSONValue = None,
	feedback_type: JSONValue = None,
	description: JSONValue = None,
	channel: JSONValue = None,
	subject: JSONValue = None,
	expected_solution: JSONValue = None,
	customer: JSONValue = None,
	contact_email: JSONValue = None,
	contact_phone: JSONValue = None,
	sender_name: JSONValue = None,
	category: JSONValue = None,
	sales_order: JSONValue = None,
	item: JSONValue = None,
	occurred_on: JSONValue = None,
	received_on: JSONValue = None,
	impact: JSONValue = None,
	urgency: JSONValue = None,
	language: JSONValue = None,
	consent: JSONValue = None,
	wait_for_triage: JSONValue = None,
	**unknown: JSONValue,
) -> dict:
	"""Create a Feedback Record; the same external_id and channel again returns the same record."""
	frappe.has_permission("Feedback Record", "create", throw=True)
	payload = {key: value for key, value in locals().items() if key in API_FIELDS}
	payload.update(unknown)
	values, problems = check_payload(payload, API_FIELDS, today=getdate(), ignore=TRANSPORT_KEYS)
	refuse(problems)
	channel_name = values.get("channel") or "API"

	def record_and_answer() -> tuple[bool, dict]:
		# The answer is read in the same retried work: a repeat's locking read of the record
		# another request has just committed is one of the reads MariaDB 11.8 may refuse.
		result = create_feedback(
			values,
			channel=channel_name,
			external_id=values["external_id"],
			# The integration is answered once the record is stored; its triage follows at once.
			triage_after_commit=values.get("wait_for_triage") != "1",
		)
		return result.created, receipt(result)

	created, answer = retry_on_deadlock(record_and_answer)
	frappe.local.response.http_status_code = 201 if created else 200
	return answer


RECEIPT_FIELDS = (
	"name",
	"status",
	"priority",
	"category",
	"customer",
	"first_response_due",
	"resolution_due",
)
#: Decided by the triage: none of them yet while it is still to come.
TRIAGED_FIELDS = ("priority", "first_response_due", "resolution_due")


def receipt(result: IntakeResult) -> dict:
	if result.record is not None:
		values = {field: result.record.get(field) for field in (*RECEIPT_FIELDS, "triage_due")}
	else:
		values = frappe.db.get_value(
			"Feedback Record",
			result.name,
			[*RECEIPT_FIELDS, "triage_due"],
			as_dict=True,
			# A locking read: a record another request committed a moment ago is visible to it.
			for_update=True,
		)
	triaged = not values.pop("triage_due")
	if not triaged:
		values.update(dict.fromkeys(TRIAGED_FIELDS))
	return {**values, "triaged": triaged, "created": result.created}
