"""What our roles may see of ERPNext's doctypes, so that they can fill in the links of what they edit.

A Feedback Agent records feedback for a customer, about an order, a delivery, an invoice or an
issue; a Quality Analyst names the department that owns an action. Frappe's link search refuses
a doctype the user may neither select nor read, so with only our role an agent could not pick a
customer at all; and a form checks the links it fills in itself (a customer's group and
territory, the customer of a record added to an analysis). Fetching from the customer needs
read; everywhere else select is enough: the document's name and search fields, nothing more.

Frappe applies a doctype's Custom DocPerms instead of its standard rules once it has any, so
adding a rule first copies the standard ones (`frappe.permissions.add_permission`, as the Role
Permission Manager does). Rules are added on install and by a patch, never again on migrate: an
administrator who removes one keeps it removed. Uninstall removes our rules and, where the copies
are all that is left and still equal the standard rules, the copies too.
"""

import frappe
from frappe.permissions import add_permission

#: doctype → role → right.
GRANTS: dict[str, dict[str, str]] = {
	"Customer": {"Feedback Manager": "read", "Feedback Agent": "read", "Quality Analyst": "select"},
	"Sales Order": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Delivery Note": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Sales Invoice": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Issue": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Department": {"Feedback Manager": "select", "Feedback Agent": "select", "Quality Analyst": "select"},
	"Customer Group": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Territory": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Holiday List": {"Feedback Manager": "select"},
	"Role": {"Feedback Manager": "select"},
}

#: The rights a rule holds, compared when deciding whether copies still equal the standard rules.
RIGHTS = (
	"select",
	"read",
	"write",
	"create",
	"delete",
	"submit",
	"cancel",
	"amend",
	"report",
	"export",
	"import",
	"share",
	"print",
	"email",
)


def grant_link_rights() -> None:
	for doctype, roles in GRANTS.items():
		if not frappe.db.exists("DocType", doctype):
			continue
		for role, right in roles.items():
			if _has_rule(doctype, role):
				continue
			add_permission(doctype, role, 0, right)
		frappe.clear_cache(doctype=doctype)


def remove_link_rights(roles: list[str]) -> None:
	for doctype in GRANTS:
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", roles)})
		if _copies_equal_standard(doctype):
			frappe.db.delete("Custom DocPerm", {"parent": doctype})
		frappe.clear_cache(doctype=doctype)


def copied_rules_left() -> list[str]:
	"""Doctypes whose Custom DocPerms are only unchanged copies of their standard rules."""
	return [
		doctype
		for doctype in GRANTS
		if frappe.db.exists("Custom DocPerm", {"parent": doctype}) and _copies_equal_standard(doctype)
	]


def _has_rule(doctype: str, role: str) -> bool:
	rule = {"parent": doctype, "role": role, "permlevel": 0}
	return bool(frappe.db.exists("Custom DocPerm", rule) or frappe.db.exists("DocPerm", rule))


def _copies_equal_standard(doctype: str) -> bool:
	def rules(table: str) -> set[tuple]:
		fields = ["role", "permlevel", "if_owner", *RIGHTS]
		return {
			tuple(row[f] or 0 for f in fields)
			for row in frappe.get_all(table, filters={"parent": doctype}, fields=fields)
		}

	return rules("Custom DocPerm") == rules("DocPerm")
