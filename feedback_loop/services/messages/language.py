"""The language a customer is answered in: their explicit choice, else their own words, else a
Customer language that is more than ERPNext's default, else the site's (core/language.py)."""

import frappe

from feedback_loop.core.language import reply_language
from feedback_loop.services.plain_text import plain_text


def site_language() -> str | None:
	"""The site's default language (System Settings), which ERPNext gives every new Customer."""
	return frappe.db.get_default("lang") or frappe.db.get_single_value("System Settings", "language")


def explicit_language(contact: str | None) -> str | None:
	"""A choice the customer made: the Contact's reply language, else their portal User's language."""
	if not contact:
		return None
	chosen, user = frappe.db.get_value("Contact", contact, ["feedback_language", "user"]) or (None, None)
	if chosen:
		return chosen
	return frappe.db.get_value("User", user, "language") if user else None


def customer_language(customer: str | None) -> str | None:
	return frappe.db.get_value("Customer", customer, "language") if customer else None


def language_for(*, contact=None, customer=None, text=None, explicit=None) -> str:
	"""zh or en for a customer: `explicit` (a caller's or the record's choice) or the contact's,
	then `text`, then the Customer's language when not the site default, then the site's."""
	return reply_language(
		explicit=explicit or explicit_language(contact),
		text=text,
		customer_language=customer_language(customer),
		site_default=site_language(),
	)


def reply_language_of(doc) -> str:
	"""A Feedback Record's reply language: the one it holds, else decided from its contact, its
	words and its customer."""
	return language_for(
		explicit=doc.reply_language,
		contact=doc.contact,
		customer=doc.customer,
		text=f"{doc.subject or ''} {plain_text(doc.description)}",
	)
