"""Values for a new Feedback Record opened from another document's page."""

import frappe

from feedback_loop.services.messages.language import explicit_language

#: The documents a "New Feedback" button sits on, and the feedback field each one fills.
SOURCES = {
	"Customer": None,
	"Sales Order": "sales_order",
	"Delivery Note": "delivery_note",
	"Sales Invoice": "sales_invoice",
	"Issue": "issue",
}
_CONTACT_FIELD = {
	"Customer": "customer_primary_contact",
	"Sales Order": "contact_person",
	"Delivery Note": "contact_person",
	"Sales Invoice": "contact_person",
	"Issue": "contact",
}


def feedback_values_from(doctype: str, name: str) -> dict:
	"""Feedback fields prefilled from ``doctype`` ``name`` and the items the customer may pick from.

	Returns ``{"values": {...}, "items": [{"item_code", "item_name"}, ...]}``; with exactly one
	item on the document, the item is prefilled too.
	"""
	if doctype not in SOURCES:
		raise ValueError(doctype)
	source = frappe.get_doc(doctype, name)
	customer = source.name if doctype == "Customer" else source.get("customer")
	values = {
		"customer": customer,
		"contact": source.get(_CONTACT_FIELD[doctype]),
		"channel": "Desk",
	}
	if SOURCES[doctype]:
		values[SOURCES[doctype]] = source.name
	if customer:
		# An order without a contact person is still the customer's: reply to their main contact.
		values["contact"] = values["contact"] or frappe.db.get_value(
			"Customer", customer, "customer_primary_contact"
		)
	# Only the contact's own choice is a reply language yet; otherwise the record decides on save
	# from the customer's words (ERPNext's default Customer language is no choice of theirs).
	values["reply_language"] = explicit_language(values["contact"])

	items = _distinct_items(source)
	if len(items) == 1:
		values["item"] = items[0]["item_code"]
	return {"values": {k: v for k, v in values.items() if v}, "items": items}


def _distinct_items(source) -> list[dict]:
	seen: dict[str, dict] = {}
	for row in source.get("items") or []:
		if row.get("item_code") and row.item_code not in seen:
			seen[row.item_code] = {"item_code": row.item_code, "item_name": row.get("item_name")}
	return list(seen.values())
