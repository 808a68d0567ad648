"""The routing seeded on install: one Assignment Rule per top-level category and its department
(core/triage/routing.py DEFAULT_DEPARTMENTS), and a catch-all rule for everything else. Each is an
ordinary Assignment Rule, edited and switched off in Assignment Rule like any other; the app
only keeps its users (services/triage/routing.py)."""

import frappe
from frappe import _

from feedback_loop.core.triage.routing import (
	DEFAULT_DEPARTMENTS,
	ROUND_ROBIN,
	assign_condition,
	close_condition,
	unassign_condition,
)
from feedback_loop.services.triage.priority import forget_safety_categories
from feedback_loop.services.triage.routing import find_department, sync_all_rules
from feedback_loop.setup.default_categories import SAFETY_CATEGORIES

RECORD = "Feedback Record"
CATCH_ALL = "Feedback: Everything Else"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def rule_name(group: str) -> str:
	return f"Feedback: {group}"


def add_routing_rules() -> None:
	"""Idempotent: a rule that exists (perhaps edited or switched off) is left as it is."""
	for group, department_name in DEFAULT_DEPARTMENTS.items():
		if not frappe.db.exists("Feedback Category", group):
			continue
		_add_rule(
			rule_name(group),
			group=group,
			department=find_department(department_name),
			priority=10,
			description=_("Feedback about {0}: {1}").format(_(group), "{{ subject }}"),
		)
	_add_rule(
		CATCH_ALL,
		group=None,
		department=None,
		priority=0,
		description=_("Feedback: {0}").format("{{ subject }}"),
		routed=[g for g in DEFAULT_DEPARTMENTS if frappe.db.exists("Feedback Category", g)],
	)
	for group in DEFAULT_DEPARTMENTS:
		if frappe.db.exists("Assignment Rule", rule_name(group)):
			frappe.db.set_value("Feedback Category", group, "assignment_rule", rule_name(group))
	sync_all_rules()


def _add_rule(name, group, department, priority, description, routed=()) -> None:
	if frappe.db.exists("Assignment Rule", name):
		return
	rule = frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"name": name,
			"__newname": name,
			"document_type": RECORD,
			"priority": priority,
			"description": description,
			"assign_condition": assign_condition(group),
			"unassign_condition": unassign_condition(group, routed),
			"close_condition": close_condition(),
			"rule": ROUND_ROBIN,
			"feedback_routing": 1,
			"feedback_department": department,
			"feedback_category_group": group,
			"assignment_days": [{"day": day} for day in DAYS],
		}
	)
	rule.flags.ignore_permissions = True
	rule.insert(set_name=name)


def mark_safety_categories() -> None:
	for name in SAFETY_CATEGORIES:
		if frappe.db.exists("Feedback Category", name):
			frappe.db.set_value("Feedback Category", name, "is_safety", 1)
	forget_safety_categories()


def remove_routing_rules(doctypes: list[str]) -> None:
	for name in frappe.get_all("Assignment Rule", filters={"document_type": ("in", doctypes)}, pluck="name"):
		frappe.delete_doc(
			"Assignment Rule", name, force=True, ignore_permissions=True, delete_permanently=True
		)
