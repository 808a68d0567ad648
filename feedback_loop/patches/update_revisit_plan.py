"""Sites installed before the closed loop: the seeded triggers say what they send, the complaint's
verification is never held back and only follows complaints, and the onboarding call gets its
questions. Whether a trigger is on stays the administrator's choice."""

import frappe

from feedback_loop.setup.default_surveys import (
	LOOP_TRIGGERS,
	NOT_IN_PLAN,
	ONBOARDING_SCRIPT,
	PLAN,
	add_default_surveys,
)
from feedback_loop.setup.install import LOOP_SETTINGS, fill_defaults

VERIFICATION = "Feedback resolved: verification revisit"
ONBOARDING = "New customer onboarding call"


def execute():
	settings = frappe.get_single("Feedback Settings")
	fill_defaults(settings, LOOP_SETTINGS)
	settings.flags.ignore_permissions = True
	settings.save()
	add_default_surveys()
	for name, description in {**PLAN, **NOT_IN_PLAN}.items():
		if not frappe.db.exists("Feedback Trigger", name):
			continue
		trigger = frappe.get_doc("Feedback Trigger", name)
		trigger.description = trigger.description or description
		trigger.loop_revisit = 1 if name in LOOP_TRIGGERS else trigger.loop_revisit
		if name == VERIFICATION and not trigger.condition:
			trigger.condition = 'doc.feedback_type == "Complaint"'
		if name == ONBOARDING:
			trigger.survey_template = trigger.survey_template or "Onboarding call"
			if "note it in the CSAT answer" in (trigger.call_script or ""):
				trigger.call_script = ONBOARDING_SCRIPT
		trigger.flags.ignore_permissions = True
		trigger.save()
