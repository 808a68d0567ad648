"""Documents sent from a form before they are saved (for previews), rebuilt safely."""

import json

import frappe
from frappe import _


def unsaved_doc(doctype: str, values: str | dict):
	"""The form's values as a document of `doctype`, and of no other doctype.

	A preview endpoint may only build what its caller is allowed to edit; without this check a
	crafted request could make it construct (and run the hooks of) any doctype.
	"""
	try:
		values = json.loads(values) if isinstance(values, str) else values
	except ValueError:
		frappe.throw(_("The form's values could not be read."))
	if not isinstance(values, dict) or values.get("doctype") != doctype:
		frappe.throw(_("Expected a {0}.").format(_(doctype)), frappe.PermissionError)
	return frappe.get_doc(values)
