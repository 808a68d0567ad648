"""Who wrote: the Contact (and through it the Customer) behind an address, a number or a portal user."""

import re

import frappe


def contact_by_email(email: str | None) -> str | None:
	if not email:
		return None
	return frappe.db.get_value(
		"Contact Email", {"email_id": email.strip(), "parenttype": "Contact"}, "parent"
	) or frappe.db.get_value("Contact", {"email_id": email.strip()}, "name")


def contact_by_phone(phone: str | None) -> str | None:
	"""Numbers are compared as typed and as bare digits (138 0013 8000 is 13800138000)."""
	if not phone:
		return None
	variants = list(dict.fromkeys([phone.strip(), re.sub(r"[^0-9+]", "", phone)]))
	return frappe.db.get_value(
		"Contact Phone", {"phone": ("in", variants), "parenttype": "Contact"}, "parent"
	) or frappe.db.get_value("Contact", {"mobile_no": ("in", variants)}, "name")


def customer_of_contact(contact: str | None) -> str | None:
	if not contact:
		return None
	return frappe.db.get_value(
		"Dynamic Link",
		{"parenttype": "Contact", "parent": contact, "link_doctype": "Customer"},
		"link_name",
		order_by="idx asc",
	)


def customers_of_user(user: str) -> list[str]:
	"""The customers a portal user speaks for: those linked to the Contacts the user is."""
	if not user or user == "Guest":
		return []
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	rows = (
		frappe.qb.from_(contact)
		.join(link)
		.on((link.parent == contact.name) & (link.parenttype == "Contact"))
		.select(link.link_name)
		.distinct()
		.where((contact.user == user) & (link.link_doctype == "Customer"))
		.run()
	)
	return [row[0] for row in rows]


def contact_of_user(user: str) -> str | None:
	return frappe.db.get_value("Contact", {"user": user}, "name") if user and user != "Guest" else None
