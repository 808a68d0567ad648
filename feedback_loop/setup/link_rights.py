"""Rules earlier versions of the app added on ERPNext's doctypes, taken away again.

Up to December 2026 install gave our roles select or read on ten ERPNext doctypes through
`frappe.permissions.add_permission`, which first copies a doctype's standard rules into Custom
DocPerms: from then on Frappe read the copies instead of ERPNext's own rules, and ERPNext's later
permission changes never reached the site. Our roles now pick those documents without any rule
(integrations/frappe/link_rights.py). The patch `give_back_erpnext_permissions` and uninstall
remove our rules and, where the copies are all that is left and still equal the standard rules,
the copies too; a doctype an administrator customised keeps its customisation.
"""

import frappe

#: The doctypes earlier versions added rules on.
EARLIER_GRANTS = (
	"Customer",
	"Sales Order",
	"Delivery Note",
	"Sales Invoice",
	"Issue",
	"Department",
	"Customer Group",
	"Territory",
	"Holiday List",
	"Role",
)

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


def remove_link_rights(roles: list[str]) -> None:
	for doctype in EARLIER_GRANTS:
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", roles)})
		if _copies_equal_standard(doctype):
			frappe.db.delete("Custom DocPerm", {"parent": doctype})
		frappe.clear_cache(doctype=doctype)


def copied_rules_left() -> list[str]:
	"""Doctypes whose Custom DocPerms are only unchanged copies of their standard rules."""
	return [
		doctype
		for doctype in EARLIER_GRANTS
		if frappe.db.exists("Custom DocPerm", {"parent": doctype}) and _copies_equal_standard(doctype)
	]


def _copies_equal_standard(doctype: str) -> bool:
	def rules(table: str) -> set[tuple]:
		fields = ["role", "permlevel", "if_owner", *RIGHTS]
		return {
			tuple(row[f] or 0 for f in fields)
			for row in frappe.get_all(table, filters={"parent": doctype}, fields=fields)
		}

	return rules("Custom DocPerm") == rules("DocPerm")
