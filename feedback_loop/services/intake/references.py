"""Every document a feedback refers to must belong to the feedback's customer."""

import frappe
from frappe import _

from feedback_loop.integrations.frappe.prepared_statements import param, run_prepared

#: Feedback field → the transaction it links to; each of these has a `customer` field.
CUSTOMER_DOCUMENTS = {
	"sales_order": "Sales Order",
	"delivery_note": "Delivery Note",
	"sales_invoice": "Sales Invoice",
	"issue": "Issue",
}

#: Transactions whose item table tells which items the customer actually received.
ITEM_TABLES = {
	"sales_order": "Sales Order Item",
	"delivery_note": "Delivery Note Item",
	"sales_invoice": "Sales Invoice Item",
}


def validate_references(doc) -> None:
	messages = _customer_mismatches(doc) + _contact_mismatch(doc) + _item_mismatch(doc)
	if messages:
		frappe.throw("<br>".join(messages), title=_("References do not match the customer"))


def _customer_mismatches(doc) -> list[str]:
	messages = []
	for fieldname, doctype in CUSTOMER_DOCUMENTS.items():
		name = doc.get(fieldname)
		if not name:
			continue
		values = frappe.db.get_value(doctype, name, ["customer", "docstatus"], as_dict=True)
		if not values:
			continue  # Frappe's link validation reports a missing document itself.
		if values.docstatus == 2:
			messages.append(_("{0} {1} is cancelled.").format(_(doctype), frappe.bold(name)))
		elif not doc.customer:
			messages.append(
				_("{0} {1} can only be referenced by feedback of its customer.").format(
					_(doctype), frappe.bold(name)
				)
			)
		elif values.customer != doc.customer:
			messages.append(
				_("{0} {1} belongs to customer {2}, not to {3}.").format(
					_(doctype),
					frappe.bold(name),
					frappe.bold(values.customer or _("(none)")),
					frappe.bold(doc.customer),
				)
			)
	return messages


def _contact_mismatch(doc) -> list[str]:
	if not (doc.contact and doc.customer):
		return []
	values = {"contact": doc.contact, "customer": doc.customer}
	if run_prepared("contact of customer", _contact_link_query, values):
		return []
	return [
		_("Contact {0} is not a contact of customer {1}.").format(
			frappe.bold(doc.contact), frappe.bold(doc.customer)
		)
	]


def _contact_link_query():
	link = frappe.qb.DocType("Dynamic Link")
	return (
		frappe.qb.from_(link)
		.select(link.name)
		.where(link.parenttype == "Contact")
		.where(link.parent == param("contact"))
		.where(link.link_doctype == "Customer")
		.where(link.link_name == param("customer"))
		.limit(1)
	)


def _item_mismatch(doc) -> list[str]:
	"""An item named together with transactions must appear on at least one of them."""
	transactions = {field: doc.get(field) for field in ITEM_TABLES if doc.get(field)}
	if not (doc.item and transactions):
		return []
	for fieldname, name in transactions.items():
		if frappe.db.exists(ITEM_TABLES[fieldname], {"parent": name, "item_code": doc.item}):
			return []
	names = ", ".join(
		f"{_(CUSTOMER_DOCUMENTS[field])} {frappe.bold(name)}" for field, name in transactions.items()
	)
	return [_("Item {0} is not on {1}.").format(frappe.bold(doc.item), names)]
