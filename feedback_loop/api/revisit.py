"""Whitelisted endpoints for phone revisits in the desk: thin, typed, permission-checked."""

import json

import frappe
from frappe.utils import strip_html_tags

from feedback_loop.services.callbacks import phone


def _callback(name: str, ptype: str):
	# The doctype first: a caller without any right learns nothing about which names exist.
	frappe.has_permission("Feedback Callback", ptype, throw=True)
	frappe.has_permission("Feedback Callback", ptype, name, throw=True)
	return frappe.get_doc("Feedback Callback", name)


@frappe.whitelist()
def call_sheet(callback: str) -> dict:
	"""The script, the numbers and the questions, in the customer's language."""
	return phone.call_sheet(_callback(callback, "read"))


@frappe.whitelist(methods=["POST"])
def record_call(callback: str, answers: str | dict, notes: str | None = None) -> dict:
	"""The answers the customer gave on the phone, as {question key: value}."""
	doc = _callback(callback, "write")
	if isinstance(answers, str):
		try:
			answers = json.loads(answers or "{}")
		except ValueError:
			answers = None
	if not isinstance(answers, dict):
		frappe.throw(frappe._("The answers could not be read."))
	cleaned = {
		str(k)[:20]: strip_html_tags(str(v)) if v not in (None, "") else None for k, v in answers.items()
	}
	return phone.record_call(doc, cleaned, strip_html_tags(notes) if notes else None)


@frappe.whitelist(methods=["POST"])
def record_no_answer(callback: str, call_back_at: str | None = None) -> dict:
	return phone.record_no_answer(_callback(callback, "write"), call_back_at)


@frappe.whitelist()
def revisit_plan() -> dict:
	"""The workspace's revisit plan block: paused or not, and the triggers that are on."""
	frappe.has_permission("Feedback Trigger", "read", throw=True)
	return {
		"paused": bool(frappe.db.get_single_value("Feedback Settings", "revisits_paused")),
		"can_switch": frappe.has_permission("Feedback Settings", "write"),
		"triggers": frappe.get_all(
			"Feedback Trigger",
			filters={"enabled": 1},
			fields=["name", "description", "action"],
			order_by="trigger_name asc",
		),
	}


@frappe.whitelist(methods=["POST"])
def set_revisits_paused(paused: int) -> dict:
	"""One click on the workspace: every revisit paused (scheduled ones wait) or on again."""
	settings = frappe.get_single("Feedback Settings")
	settings.check_permission("write")
	settings.revisits_paused = 1 if int(paused) else 0
	settings.save()
	return revisit_plan()
