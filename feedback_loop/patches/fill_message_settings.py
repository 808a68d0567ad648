"""Sites installed before the channel settings: their defaults (channel order, SMS segments and
opt-out texts), which a migrate leaves empty on an existing single."""

import frappe

from feedback_loop.setup.install import MESSAGE_SETTINGS, fill_defaults


def execute():
	settings = frappe.get_single("Feedback Settings")
	fill_defaults(settings, MESSAGE_SETTINGS)
	settings.flags.ignore_permissions = True
	settings.save()
