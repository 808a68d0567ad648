"""The language a customer is answered in: their explicit choice, else their own words, else a
Customer language that is more than ERPNext's default, else the site's (core/language.py)."""

import frappe

from feedback_loop.core.language import reply_language
from feedback_loop.integrations.frappe.prepared_statements import param, run_prepared
from feedback_loop.services.plain_text import plain_text


def site_language() -> str | None:
	"""The site's default language (System Settings), which ERPNext gives every new Customer."""
	return frappe.db.get_default("lang") or frappe.db.get_single_value("System Settings", "language")


def explicit_language(contact: str | None) -> str | None:
	"""A choice the customer made: the Contact's reply language, else their portal User's language."""
	return recorded_languages(contact, None)[0]


def recorded_languages(contact: str | None, customer: str | None) -> tuple[str | None, str | None]:
	"""(the customer's explicit choice, the Customer's language), read in one statement: this
	runs on every new record."""
	if not (contact or customer):
		return None, None
	values = {"contact": contact or "", "customer": customer or ""}
	chosen, portal, of_customer = run_prepared("recorded languages", _languages_query, values)[0]
	return (chosen or portal or None), (of_customer or None)


def _languages_query():
	ct, user, cu = frappe.qb.DocType("Contact"), frappe.qb.DocType("User"), frappe.qb.DocType("Customer")
	return frappe.qb.select(
		frappe.qb.from_(ct).select(ct.feedback_language).where(ct.name == param("contact")),
		frappe.qb.from_(ct)
		.join(user)
		.on(user.name == ct.user)
		.select(user.language)
		.where(ct.name == param("contact")),
		frappe.qb.from_(cu).select(cu.language).where(cu.name == param("customer")),
	)


def language_for(*, contact=None, customer=None, text=None, explicit=None) -> str:
	"""zh or en for a customer: `explicit` (a caller's or the record's choice) or the contact's,
	then `text`, then the Customer's language when not the site default, then the site's."""
	chosen, of_customer = recorded_languages(None if explicit else contact, customer)
	return reply_language(
		explicit=explicit or chosen,
		text=text,
		customer_language=of_customer,
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
