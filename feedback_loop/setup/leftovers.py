"""What of feedback_loop is still on a site: used to prove that uninstall leaves nothing behind.

Runs on a site where the app may no longer be installed, so it only reads Frappe's own tables
and the app's files.
"""

import frappe

from feedback_loop.core.onboarding.steps import STEPS
from feedback_loop.core.workflow import our_actions, our_states
from feedback_loop.setup.default_categories import ROOT, TREE
from feedback_loop.setup.link_rights import copied_rules_left
from feedback_loop.setup.roles import ROLES
from feedback_loop.setup.uninstall import (
	MODULE,
	ONBOARDING,
	REFERENCING_RECORDS,
	app_doctypes,
	app_workflows,
	app_workspaces,
	number_counters,
	trashed_copy_filters,
)
from feedback_loop.setup.workspace_blocks import REVISIT_PLAN


def find_leftovers() -> dict[str, list[str]]:
	"""Every trace of the app, by kind; an empty dict means the site is clean."""
	roles = list(ROLES)
	doctypes = app_doctypes()
	states = [state for spec in app_workflows() for state in our_states(spec)]
	actions = [action for spec in app_workflows() for action in our_actions(spec)]
	found = {
		"Role": frappe.get_all("Role", filters={"name": ("in", roles)}, pluck="name"),
		"Has Role": frappe.get_all("Has Role", filters={"role": ("in", roles)}, pluck="parent"),
		"DocPerm": frappe.get_all("DocPerm", filters={"role": ("in", roles)}, pluck="parent"),
		"Custom DocPerm": frappe.get_all("Custom DocPerm", filters={"role": ("in", roles)}, pluck="parent"),
		"Custom DocPerm copied to add ours": copied_rules_left(),
		"DocType": frappe.get_all("DocType", filters={"name": ("in", doctypes)}, pluck="name"),
		"Module Def": frappe.get_all("Module Def", filters={"name": MODULE}, pluck="name"),
		"Workspace": frappe.get_all("Workspace", filters={"name": ("in", app_workspaces())}, pluck="name"),
		"Workflow": frappe.get_all("Workflow", filters={"document_type": ("in", doctypes)}, pluck="name"),
		"Onboarding Step": frappe.get_all(
			"Onboarding Step", filters={"name": ("in", [step.value for step in STEPS])}, pluck="name"
		),
		"Module Onboarding": frappe.get_all("Module Onboarding", filters={"name": ONBOARDING}, pluck="name"),
		"Assignment Rule": frappe.get_all(
			"Assignment Rule", filters={"document_type": ("in", doctypes)}, pluck="name"
		),
		"Workflow State": frappe.get_all("Workflow State", filters={"name": ("in", states)}, pluck="name"),
		"Workflow Action Master": frappe.get_all(
			"Workflow Action Master", filters={"name": ("in", actions)}, pluck="name"
		),
		"Custom Field": frappe.get_all("Custom Field", filters={"module": MODULE}, pluck="name"),
		"Custom HTML Block": frappe.get_all(
			"Custom HTML Block", filters={"name": REVISIT_PLAN}, pluck="name"
		),
		"Property Setter": frappe.get_all("Property Setter", filters={"module": MODULE}, pluck="name"),
		"tables": [table for table in frappe.db.get_tables() if table[3:] in doctypes],
		"Singles": _singles_of(doctypes),
		"Series": number_counters(),
		"Translation": _category_translations(),
		"Deleted Document": [
			name
			for filters in trashed_copy_filters()
			for name in frappe.get_all("Deleted Document", filters=filters, pluck="name")
		],
	}
	for doctype, field in REFERENCING_RECORDS:
		found.setdefault(doctype, [])
		found[doctype] += frappe.get_all(doctype, filters={field: ("in", doctypes)}, pluck="name")
	return {kind: sorted(set(names)) for kind, names in found.items() if names}


def _category_translations() -> list[str]:
	"""The seeded categories' Chinese names, which install kept as Translations."""
	seeded = [ROOT, *((name, name_zh) for name, name_zh, *_rest in TREE)]
	seeded += [(child[0], child[1]) for *_rest, children in TREE for child in children]
	return [
		name
		for source, translated in seeded
		for name in frappe.get_all(
			"Translation",
			filters={"language": "zh", "source_text": source, "translated_text": translated},
			pluck="name",
		)
	]


def _singles_of(doctypes: list[str]) -> list[str]:
	# tabSingles is no doctype, so get_all cannot read it.
	singles = frappe.qb.DocType("Singles")
	return (
		frappe.qb.from_(singles).select(singles.doctype).distinct().where(singles.doctype.isin(doctypes))
	).run(pluck=True)
