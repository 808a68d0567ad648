"""The link search of our forms' links to ERPNext doctypes (set by public/js/link_queries.bundle.js).

A user whom ERPNext's rules let read the doctype gets Frappe's own search (with
ERPNext's standard query where it has one, e.g. customers). A user who may pick it only through
one of our roles (integrations/frappe/link_rights.py) gets the names and search fields of the
enabled documents that match, within their User Permissions. Anyone else is refused.
"""

import json

import frappe
from frappe.desk.search import search_widget
from frappe.utils import cint
from frappe.utils.data import make_filter_tuple

from feedback_loop.integrations.frappe.desk_users import desk_users_only
from feedback_loop.integrations.frappe.link_rights import frappe_answers, may_see, user_permission_filters


@frappe.whitelist()
def search(
	doctype: str,
	txt: str,
	searchfield: str | None = None,
	start: int = 0,
	page_len: int = 10,
	filters: dict | list | str | None = None,
	as_dict: bool = False,
	**_search_args,
) -> list:
	desk_users_only()
	if frappe_answers(doctype):
		# Frappe's answer, refusals included.
		return search_widget(
			doctype, txt, searchfield=searchfield, start=start, page_length=page_len, filters=filters
		)
	meta = frappe.get_meta(doctype)
	fields = ["name", *_shown_fields(meta)]
	conditions = [*as_filter_list(doctype, filters), *user_permission_filters(doctype)]
	for flag, unwanted in (("enabled", 0), ("disabled", 1)):
		if meta.has_field(flag):
			conditions.append([flag, "!=", unwanted])
	if meta.is_submittable:
		conditions.append(["docstatus", "!=", 2])
	# A typed "%" stands for one character, itself included (Frappe's LIKE filter keeps no
	# escaped "%"): a name with "%" in it is found by its whole name, and "%" is no wildcard.
	words = (txt or "").replace("%", "_").strip()
	or_filters = [[field, "like", f"%{words}%"] for field in fields] if words else None
	rows = frappe.get_all(
		doctype,
		filters=conditions,
		or_filters=or_filters,
		fields=fields,
		order_by="idx desc, modified desc",
		limit=cint(page_len) or 10,
		# Frappe 16 reads "start" as a deprecated name: given only when it says something.
		**({"start": cint(start)} if cint(start) else {}),
		as_list=not as_dict,
	)
	return rows


def _shown_fields(meta) -> list[str]:
	"""The title and search fields a user would see in Frappe's own search of the doctype."""
	fields = [meta.title_field] if meta.title_field else []
	fields += [f.strip() for f in (meta.search_fields or "").split(",") if f.strip()]
	return [f for f in dict.fromkeys(fields) if f != "name" and meta.has_field(f)]


def as_filter_list(doctype: str, filters) -> list:
	"""A search's filters (JSON text, a dict or a list) as a list of filters."""
	if isinstance(filters, str):
		filters = json.loads(filters) if filters else None
	if not filters:
		return []
	if isinstance(filters, dict):
		return [make_filter_tuple(doctype, key, value) for key, value in filters.items()]
	return list(filters)


@frappe.whitelist()
def search_messaging_sources(
	doctype: str,
	txt: str,
	searchfield: str | None = None,
	start: int = 0,
	page_len: int = 10,
	filters: dict | list | str | None = None,
	as_dict: bool = False,
	**_search_args,
) -> list:
	"""The search behind every link to Feedback Messaging Source (hooks.standard_queries): the
	enabled sources by name, for anyone who may select them. Frappe 16's own search refuses a
	role holding only select, as Feedback Agent does, the `enabled` filter it adds."""
	desk_users_only()
	if not may_see(doctype):
		raise frappe.PermissionError
	words = (txt or "").replace("%", "").strip()
	return frappe.get_all(
		"Feedback Messaging Source",
		filters=[["enabled", "=", 1], *as_filter_list("Feedback Messaging Source", filters)],
		or_filters=[["name", "like", f"%{words}%"], ["source_name", "like", f"%{words}%"]] if words else None,
		fields=["name", "channel"],
		order_by="name",
		limit=cint(page_len) or 10,
		**({"start": cint(start)} if cint(start) else {}),
		as_list=not as_dict,
	)
