"""Desk methods refuse guests and portal users before they read any argument."""

import frappe
from frappe import _


def desk_users_only() -> None:
	user = frappe.session.user
	if user == "Guest" or frappe.get_cached_value("User", user, "user_type") != "System User":
		frappe.throw(_("Not permitted"), frappe.PermissionError)
