"""Which Contact a messaging platform's sender id stands for: linked once by an agent, used for
every later message from that sender."""

import frappe


def identity_key(source: str, external_id: str) -> str:
	return f"{source}:{external_id}"


def remember_from_feedback(doc) -> None:
	"""An agent linked the contact on a message's record: the next message finds it by itself."""
	if not (doc.messaging_source and doc.external_sender and doc.contact):
		return
	if not doc.has_value_changed("contact"):
		return
	key = identity_key(doc.messaging_source, doc.external_sender)
	name = frappe.db.get_value("Feedback Sender Identity", {"identity_key": key})
	if name:
		frappe.db.set_value(
			"Feedback Sender Identity", name, {"contact": doc.contact, "customer": doc.customer}
		)
		return
	frappe.get_doc(
		{
			"doctype": "Feedback Sender Identity",
			"source": doc.messaging_source,
			"external_id": doc.external_sender,
			"contact": doc.contact,
		}
	).insert(ignore_permissions=True)
