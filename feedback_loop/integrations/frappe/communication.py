"""Communication (Frappe): an e-mail sent from a Feedback Record is its first response."""

from feedback_loop.services.sla import record_first_response


def after_insert(doc, method=None) -> None:
	# Every communication of the site passes here: decide on the two fields before anything else.
	if doc.reference_doctype == "Feedback Record" and doc.sent_or_received == "Sent" and doc.reference_name:
		record_first_response(doc.reference_name, doc.communication_date or doc.creation)
