"""The search behind every link to Feedback Category (hooks.standard_queries); what it shows is
decided in core/triage/category_search.py."""

import frappe
from frappe import _
from frappe.utils import cint

from feedback_loop.api.link_search import as_filter_list
from feedback_loop.core.triage.category_search import CategoryNames, matching_categories
from feedback_loop.services.triage.category_translations import LANGUAGE


@frappe.whitelist()
def search_categories(
	doctype: str,
	txt: str,
	searchfield: str,
	start: int,
	page_len: int,
	filters: dict | list | None = None,
	as_dict: bool = False,
) -> list[tuple[str, str]] | list[dict]:
	# Before any argument is read. The text is only compared in Python, never put in a query.
	# As Frappe's own link search: a role may hold only select, or only read.
	ptype = "select" if frappe.only_has_select_perm("Feedback Category") else "read"
	frappe.has_permission("Feedback Category", ptype, throw=True)
	start, page_len = cint(start), cint(page_len)
	categories = (
		CategoryNames(c.name, _(c.name), c.category_name_zh or "")
		for c in frappe.get_list(
			"Feedback Category",
			filters=_enabled_only(filters),
			fields=["name", "category_name_zh"],
			order_by="lft asc",
		)
	)
	chinese_reader = (frappe.local.lang or "").split("-")[0] == LANGUAGE
	page = matching_categories(categories, txt, chinese_reader)[start : start + page_len]
	if as_dict:
		return [frappe._dict(name=name, description=hint) for name, hint in page]
	return page


def _enabled_only(filters: dict | list | None) -> list:
	# As Frappe's own search does for a doctype with an Enabled check.
	return [*as_filter_list("Feedback Category", filters), ["Feedback Category", "enabled", "=", 1]]
