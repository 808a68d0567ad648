"""A node of a Frappe tree (Customer Group, Territory, Feedback Category) with its ancestors,
nearest first and the root last, cached per site: an SLA policy's conditions, routing by category
group and the safety flag read them on every save.

A node's lineage changes only when it or an ancestor moves, is renamed or deleted, which are
that doctype's on_update, after_rename and on_trash: any of them forgets the whole tree.
"""

import frappe
from frappe.utils.nestedset import get_ancestors_of

from feedback_loop.integrations.frappe.site_cache import forget

TREES = ("Customer Group", "Territory", "Feedback Category")


def _key(doctype: str) -> str:
	return f"feedback_loop:lineage:{doctype}"


def lineage(doctype: str, name: str | None) -> tuple[str, ...]:
	"""(name, parent, …, root); () for no node or one that does not exist."""
	if not name:
		return ()
	return tuple(frappe.cache.hget(_key(doctype), name, lambda: _read(doctype, name)))


def _read(doctype: str, name: str) -> list[str]:
	if not frappe.db.exists(doctype, name):
		return []
	return [name, *get_ancestors_of(doctype, name)]


def root_of(doctype: str) -> str | None:
	"""The tree's single root (Frappe's trees here have one: All Customer Groups, …)."""
	parent_field = frappe.get_meta(doctype).nsm_parent_field or f"parent_{frappe.scrub(doctype)}"
	return (
		frappe.cache.hget(
			_key(doctype),
			"\0root",
			lambda: frappe.db.get_value(doctype, {parent_field: ("is", "not set")}) or "",
		)
		or None
	)


def forget_tree(doc, method=None) -> None:
	if doc.doctype in TREES:
		forget(_key(doc.doctype))
