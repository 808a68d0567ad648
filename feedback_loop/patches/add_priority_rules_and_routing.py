"""Sites installed before the priority rules and routing: the rules' defaults, the safety
category, the seeded Assignment Rules, and each record's top-level category."""

import frappe
from frappe.utils.nestedset import get_descendants_of

from feedback_loop.setup.custom_fields import add_custom_fields
from feedback_loop.setup.install import PRIORITY_RULE_SETTINGS, fill_defaults
from feedback_loop.setup.routing import add_routing_rules, mark_safety_categories


def execute():
	# The rules carry custom fields that after_migrate would only add after the patches.
	add_custom_fields()
	settings = frappe.get_single("Feedback Settings")
	fill_defaults(settings, PRIORITY_RULE_SETTINGS)
	settings.flags.ignore_permissions = True
	settings.save()
	mark_safety_categories()
	fill_category_groups()
	add_routing_rules()


def fill_category_groups() -> None:
	root = frappe.db.get_value("Feedback Category", {"parent_feedback_category": ("is", "not set")})
	if not root:
		return
	fr = frappe.qb.DocType("Feedback Record")
	for group in frappe.get_all(
		"Feedback Category", filters={"parent_feedback_category": root}, pluck="name"
	):
		members = [group, *get_descendants_of("Feedback Category", group)]
		frappe.qb.update(fr).set(fr.category_group, group).where(fr.category.isin(members)).run()
