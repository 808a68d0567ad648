"""The desk form's timeline (e-mails, versions) masked like the form's fields.

Frappe's form load sends a record's e-mails and change history with it, whatever the reader's
field-level rights; for a role without the contact-details level (permission level 1) of a
Feedback Record or Feedback Callback that would show the addresses the form itself masks. These
overrides of `getdoc` and `get_communications` (hook `override_whitelisted_methods`) run
Frappe's own and then mask what they return.
"""

import json

import frappe
from frappe.desk.form import load

from feedback_loop.core.privacy.masking import mask_email, scrub_text
from feedback_loop.integrations.frappe.desk_users import desk_users_only
from feedback_loop.services.privacy.contact_masking import MASKED_FIELDS

CONTACT_LEVEL = 1


@frappe.whitelist()
def getdoc(doctype: str, name: str):
	desk_users_only()
	result = load.getdoc(doctype, name)
	docinfo = frappe.response.get("docinfo")
	if docinfo and must_mask(doctype):
		mask_free_text(doctype, name)
		for key in ("communications", "automated_messages"):
			docinfo[key] = [mask_communication(c) for c in docinfo.get(key) or []]
		docinfo["versions"] = [mask_version(v, doctype) for v in docinfo.get("versions") or []]
		docinfo["user_info"] = {
			user: info
			for user, info in (docinfo.get("user_info") or {}).items()
			if "@" not in user or is_user(user)
		}
	return result


@frappe.whitelist()
def get_communications(doctype: str, name: str, start: int = 0, limit: int = 20):
	desk_users_only()
	communications = load.get_communications(doctype, name, start, limit)
	if must_mask(doctype):
		communications = [mask_communication(c) for c in communications]
	return communications


#: Customers' own words, which often hold a number or an address ("请打 138… 联系我").
FREE_TEXT = ("subject", "description", "expected_solution")


def mask_free_text(doctype: str, name: str) -> None:
	"""Only for readers who cannot edit the record: a masked text saved back would lose the words."""
	if doctype != "Feedback Record" or frappe.has_permission(doctype, "write", name):
		return
	for doc in frappe.response.get("docs") or []:
		for field in FREE_TEXT:
			if doc.get(field):
				doc.set(field, scrub_text(doc.get(field)))


def must_mask(doctype: str) -> bool:
	return doctype in MASKED_FIELDS and CONTACT_LEVEL not in frappe.get_meta(doctype).get_permlevel_access(
		"read"
	)


def is_user(address: str) -> bool:
	return bool(frappe.db.exists("User", {"name": address, "user_type": "System User"}))


def mask_communication(communication: dict) -> dict:
	masked = dict(communication)
	for field in ("sender", "recipients", "cc", "bcc"):
		if masked.get(field):
			masked[field] = ", ".join(mask_email(part.strip()) for part in str(masked[field]).split(","))
	if "@" in (masked.get("sender_full_name") or ""):
		# Frappe falls back to the address when a mail carries no display name.
		masked["sender_full_name"] = mask_email(masked["sender_full_name"])
	masked["content"] = scrub_text(masked.get("content"))
	masked["subject"] = scrub_text(masked.get("subject"))
	return masked


def mask_version(version: dict, doctype: str) -> dict:
	restricted = {df.fieldname for df in frappe.get_meta(doctype).fields if df.permlevel == CONTACT_LEVEL}
	try:
		data = json.loads(version.get("data") or "{}")
	except ValueError:
		return version
	data["changed"] = [row for row in data.get("changed") or [] if row and row[0] not in restricted]
	return {**version, "data": json.dumps(data)}
