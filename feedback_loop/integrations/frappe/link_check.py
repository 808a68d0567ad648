"""Frappe's link check, answered for our roles on the ERPNext doctypes they may pick
(link_rights.py): Frappe 15's `frappe.client.validate_link`, Frappe 16's
`frappe.client.validate_link_and_fetch` (hook `override_whitelisted_methods`).

Anyone whom ERPNext's rules let read the doctype, or whom our roles give nothing on it, gets
Frappe's own answer. Otherwise the name is confirmed when the document exists and the
user's User Permissions allow it, and with **read** the fields our forms copy from it come too.
"""

import frappe
from frappe import client

from feedback_loop.integrations.frappe.desk_users import desk_users_only
from feedback_loop.integrations.frappe.link_rights import (
	fetchable_fields,
	frappe_answers,
	granted,
	user_permission_filters,
)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	desk_users_only()
	if not isinstance(doctype, str) or frappe_answers(doctype):
		return client.validate_link(doctype, docname, fields)
	return _answer(doctype, docname, frappe.parse_json(fields))


@frappe.whitelist(methods=["GET", "POST"])
def validate_link_and_fetch(
	doctype: str,
	docname: str,
	fields_to_fetch: list[str] | str | None = None,
	query: str | None = None,
	filters: dict | list | str | None = None,
	**search_args,
):
	desk_users_only()
	if frappe_answers(doctype):
		return client.validate_link_and_fetch(
			doctype, docname, fields_to_fetch, query=query, filters=filters, **search_args
		)
	if not docname:
		frappe.throw(frappe._("Document Name must not be empty"))
	return _answer(doctype, docname, frappe.parse_json(fields_to_fetch))


def _answer(doctype: str, docname: str, fields) -> dict:
	found = frappe.get_all(
		doctype, filters=[["name", "=", docname], *user_permission_filters(doctype)], pluck="name", limit=1
	)
	if not found:
		return {}
	values = frappe._dict(name=found[0])
	wanted = (
		[f for f in (fields or []) if f in fetchable_fields(doctype)] if granted(doctype) == "read" else []
	)
	if wanted:
		values.update(frappe.db.get_value(doctype, found[0], wanted, as_dict=True) or {})
	return values
