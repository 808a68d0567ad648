"""Uninstall: the mirror image of install — nothing of ours stays behind.

Frappe drops our doctypes and everything owned by our module; it does not remove records
that merely point at our documents (comments, versions, e-mails, ...), nor our roles.
"""

import frappe

from feedback_loop.setup.roles import ROLES

#: (doctype, field that names the referenced doctype) for records attached to our documents.
REFERENCING_RECORDS = [
	("Comment", "reference_doctype"),
	("Version", "ref_doctype"),
	("Communication", "reference_doctype"),
	("Communication Link", "link_doctype"),
	("Email Queue", "reference_doctype"),
	("ToDo", "reference_type"),
	("File", "attached_to_doctype"),
	("DocShare", "share_doctype"),
	("Tag Link", "document_type"),
	("Activity Log", "reference_doctype"),
	("View Log", "reference_doctype"),
	("Document Follow", "ref_doctype"),
	("Notification Log", "document_type"),
	("Email Unsubscribe", "reference_doctype"),
	("User Permission", "allow"),
	("Deleted Document", "deleted_doctype"),
]


def before_uninstall():
	doctypes = our_doctypes()
	delete_referencing_records(doctypes)
	delete_roles()


def our_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": "feedback_loop"}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name")


def delete_referencing_records(doctypes: list[str]) -> None:
	if not doctypes:
		return
	for doctype, field in REFERENCING_RECORDS:
		frappe.db.delete(doctype, {field: ("in", doctypes)})
	for route in {frappe.scrub(d).replace("_", "-") for d in doctypes}:
		frappe.db.delete("Route History", {"route": ("like", f"app/{route}%")})
	# Singles keep their values outside their own table.
	frappe.db.delete("Singles", {"doctype": ("in", doctypes)})
	frappe.db.delete("DefaultValue", {"parent": ("in", doctypes)})


def delete_roles() -> None:
	roles = list(ROLES)
	for doctype in ("Has Role", "Custom DocPerm", "DocPerm"):
		frappe.db.delete(doctype, {"role": ("in", roles)})
	for role in roles:
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, force=True, ignore_permissions=True)
	frappe.clear_cache()
