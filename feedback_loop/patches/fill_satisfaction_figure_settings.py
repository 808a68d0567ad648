"""Sites installed before the CSAT and NPS thresholds of the workspace's cards: their defaults,
which a migrate leaves empty (read as 0) on an existing single."""

import frappe

from feedback_loop.setup.install import SATISFACTION_FIGURE_SETTINGS, fill_defaults


def execute():
	settings = frappe.get_single("Feedback Settings")
	fill_defaults(settings, SATISFACTION_FIGURE_SETTINGS)
	settings.flags.ignore_permissions = True
	settings.save()
