"""The onboarding call's script in Chinese, and the complaint's verification no longer sent when the
agent decided the customer is not told of the resolution (sites installed before both)."""

import frappe

from feedback_loop.setup.default_surveys import ONBOARDING_SCRIPT_ZH, VERIFICATION_CONDITION

VERIFICATION = "Feedback resolved: verification revisit"
ONBOARDING = "New customer onboarding call"


def execute():
	if frappe.db.exists("Feedback Trigger", ONBOARDING) and not frappe.db.get_value(
		"Feedback Trigger", ONBOARDING, "call_script_zh"
	):
		frappe.db.set_value("Feedback Trigger", ONBOARDING, "call_script_zh", ONBOARDING_SCRIPT_ZH)
	if (
		frappe.db.get_value("Feedback Trigger", VERIFICATION, "condition")
		== 'doc.feedback_type == "Complaint"'
	):
		frappe.db.set_value("Feedback Trigger", VERIFICATION, "condition", VERIFICATION_CONDITION)
