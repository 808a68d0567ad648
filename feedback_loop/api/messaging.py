"""Inbound messages from messaging platforms (WeChat official account, SMS gateways):
`POST /api/method/feedback_loop.api.messaging.receive_message?source=<Feedback Messaging Source>`.

The gateway signs every request (headers X-Feedback-Timestamp, X-Feedback-Nonce,
X-Feedback-Signature = hex HMAC-SHA256 of "timestamp.nonce.body" with the source's secret);
an unsigned, stale or replayed request is refused before anything is read from it.
"""

import frappe
from frappe.rate_limiter import rate_limit

from feedback_loop.services.deadlock_retry import retry_on_deadlock
from feedback_loop.services.intake.limits import api_requests_per_minute
from feedback_loop.services.intake.messaging import receive


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=api_requests_per_minute, seconds=60)
def receive_message(
	source: str | None = None, **message: str | int | float | bool | list | dict | None
) -> dict:
	"""Create feedback from one message and return the reply for the sender, with its number."""
	request = frappe.request
	# With a JSON body Frappe reads only the body into the arguments; the source is in the URL.
	source = source or request.args.get("source") or ""
	# A retry starts again from the signature: the refused attempt's nonce was rolled back.
	return retry_on_deadlock(
		lambda: receive(
			source,
			body=request.get_data(cache=True) or b"",
			timestamp=request.headers.get("X-Feedback-Timestamp"),
			nonce=request.headers.get("X-Feedback-Nonce"),
			given_signature=request.headers.get("X-Feedback-Signature"),
			payload=message,
		)
	)
