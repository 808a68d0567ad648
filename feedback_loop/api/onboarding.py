"""The setup panel asks the server which steps the site really has done (services/onboarding)."""

import frappe

from feedback_loop.services.onboarding.setup_state import ONBOARDING, refresh_onboarding


@frappe.whitelist(methods=["POST"])
def refresh_setup_steps() -> dict:
	"""Re-read every step from the site. `changed`: the panel on screen is out of date."""
	# Not frappe.only_for: it lets everyone through while tests run.
	if not {"System Manager", "Feedback Manager"} & set(frappe.get_roles()):
		frappe.throw(frappe._("Only administrators see the setup panel."), frappe.PermissionError)
	before = _state()
	refresh_onboarding()
	after = _state()
	finished_now = not before["complete"] and after["complete"]
	return {
		"changed": before != after,
		"finished_now": finished_now,
		"success_message": frappe._(frappe.db.get_value("Module Onboarding", ONBOARDING, "success_message"))
		if finished_now
		else None,
	}


def _state() -> dict:
	steps = frappe.get_all(
		"Onboarding Step Map", filters={"parent": ONBOARDING}, pluck="step", order_by="idx asc"
	)
	done = frappe.get_all(
		"Onboarding Step", filters={"name": ("in", steps or [""])}, fields=["name", "is_complete"]
	)
	return {
		"complete": bool(frappe.db.get_value("Module Onboarding", ONBOARDING, "is_complete")),
		"steps": sorted((row.name, row.is_complete) for row in done),
	}
