"""Communication (Frappe): an e-mail a person sent from a Feedback Record is its first response;
one received for it completes a record created from mail, or wakes one waiting on the customer.
What the app sends by itself (an Automated Message: acknowledgements, surveys, notices) is not a
person's response."""

from feedback_loop.services.intake.inbound_email import on_received_mail
from feedback_loop.services.messages.conversation import AUTOMATED
from feedback_loop.services.sla.clocks import record_first_response


def after_insert(doc, method=None) -> None:
	# Every communication of the site passes here: decide on the two fields before anything else.
	if doc.reference_doctype != "Feedback Record" or not doc.reference_name:
		return
	if doc.sent_or_received == "Sent":
		if doc.communication_type != AUTOMATED:
			record_first_response(doc.reference_name, doc.communication_date or doc.creation)
	elif doc.communication_type == "Communication" and doc.communication_medium == "Email":
		on_received_mail(doc)
