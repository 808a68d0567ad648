"""The search behind every link to Feedback Category (hooks.standard_queries).

Frappe's own search shows a translated doctype's search fields under each match, translated too.
For a category that put its Chinese name under the Chinese name a Chinese user already reads
(账单与退款 / 账单与退款), and its English name twice for everyone else. Here each match says
what the reader does not already see: its Chinese name for a reader in another language, and for
a Chinese reader only a Chinese name that differs from the one shown (a name Frappe itself
translates, such as Price → 价格, keeps that translation).
"""

import frappe
from frappe import _
from frappe.utils import cint
from frappe.utils.data import make_filter_tuple

from feedback_loop.services.category_translations import LANGUAGE


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
	chinese_reader = (frappe.local.lang or "").split("-")[0] == LANGUAGE
	needle = (txt or "").strip().casefold()
	matches = []
	for category in frappe.get_list(
		"Feedback Category",
		filters=_enabled_only(filters),
		fields=["name", "category_name_zh"],
		order_by="lft asc",
	):
		shown = _(category.name)
		chinese = category.category_name_zh or ""
		names = (category.name.casefold(), shown.casefold(), chinese.casefold())
		if needle and not any(needle in name for name in names):
			continue
		hint = chinese if chinese != shown or not chinese_reader else ""
		starts = any(name.startswith(needle) for name in names)
		matches.append((not starts, category.name, hint))
	# Names that start with what was typed first; otherwise the tree's order.
	matches.sort(key=lambda match: match[0])
	page = matches[start : start + page_len]
	if as_dict:
		return [frappe._dict(name=name, description=hint) for _starts, name, hint in page]
	return [(name, hint) for _starts, name, hint in page]


def _enabled_only(filters: dict | list | None) -> list:
	# As Frappe's own search does for a doctype with an Enabled check.
	if isinstance(filters, dict):
		filters = [make_filter_tuple("Feedback Category", key, value) for key, value in filters.items()]
	return [*(filters or []), ["Feedback Category", "enabled", "=", 1]]
