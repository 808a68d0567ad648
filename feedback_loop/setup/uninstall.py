"""Uninstall: the mirror image of install — nothing of ours stays behind.

Frappe drops our doctypes and everything owned by our module; it does not remove records
that merely point at our documents (comments, versions, e-mails, ...), our roles, our number
counters, or the Deleted Document copies that its own deletions leave in the trash.
"""

import json
import pathlib
import re

import frappe

from feedback_loop.core.onboarding.steps import STEPS
from feedback_loop.core.plans.lifecycle import DEFAULT_APPROVER, DEFAULT_HIGH_APPROVER, plan_workflow_spec
from feedback_loop.core.rca.lifecycle import rca_workflow_spec
from feedback_loop.services.triage.category_translations import remove_all as remove_category_translations
from feedback_loop.setup.custom_fields import remove_custom_fields
from feedback_loop.setup.link_rights import remove_link_rights
from feedback_loop.setup.roles import ROLES
from feedback_loop.setup.routing import remove_routing_rules
from feedback_loop.setup.workflows import remove_workflows
from feedback_loop.setup.workspace_blocks import remove_workspace_blocks

MODULE = "Feedback Loop"
ONBOARDING = "Feedback Loop Setup"
_MODULE_PATH = pathlib.Path(__file__).resolve().parents[1] / "feedback_loop"

#: The counters behind our document numbers (tabSeries rows such as "FB20261124", "RCA-2026-",
#: "IP-2026-").
NUMBER_COUNTER = re.compile(r"^(FB\d{8}|RCA-\d{4}-|IP-\d{4}-)$")

#: (doctype, field that names the referenced doctype) for records attached to our documents.
REFERENCING_RECORDS = [
	("Comment", "reference_doctype"),
	("Version", "ref_doctype"),
	("Communication", "reference_doctype"),
	("Communication Link", "link_doctype"),
	("Email Queue", "reference_doctype"),
	("ToDo", "reference_type"),
	("File", "attached_to_doctype"),
	("DocShare", "share_doctype"),
	("Tag Link", "document_type"),
	("Activity Log", "reference_doctype"),
	("View Log", "reference_doctype"),
	("Document Follow", "ref_doctype"),
	("Notification Log", "document_type"),
	("Email Unsubscribe", "reference_doctype"),
	("User Permission", "allow"),
	("Deleted Document", "deleted_doctype"),
]


def app_doctypes() -> list[str]:
	"""Our doctypes, read from the app's files: still known after Frappe has dropped them."""
	return sorted(_names_in(_MODULE_PATH.glob("doctype/*/*.json")))


def app_workspaces() -> list[str]:
	return sorted(_names_in(_MODULE_PATH.glob("workspace/*/*.json")))


def app_reports() -> list[str]:
	return sorted(_names_in(_MODULE_PATH.glob("report/*/*.json")))


def app_workflows():
	"""Our workflows' names, states and actions (who may take a transition does not matter here)."""
	return [rca_workflow_spec(), plan_workflow_spec((DEFAULT_APPROVER, DEFAULT_HIGH_APPROVER))]


def before_uninstall():
	remove_workflows(app_workflows())
	# Before the custom fields they carry; Frappe would keep rules naming a doctype that is gone.
	remove_routing_rules(app_doctypes())
	remove_custom_fields()
	remove_workspace_blocks()
	# Frappe removes the module's Module Onboarding, not the steps (they name no module).
	remove_onboarding_steps()
	# The categories' Chinese names live in Frappe's Translation table.
	remove_category_translations()
	# Report e-mails (the seeded digests and any made since) would point at reports that are gone.
	frappe.db.delete("Auto Email Report", {"report": ("in", app_reports())})
	delete_referencing_records(app_doctypes())
	delete_number_counters()
	delete_roles()


def after_uninstall():
	delete_trashed_copies()
	# Frappe has committed the uninstall before calling this hook and commits nothing after it.
	frappe.db.commit()  # nosemgrep


def remove_onboarding_steps() -> None:
	for step in STEPS:
		if frappe.db.exists("Onboarding Step", step.value):
			frappe.delete_doc(
				"Onboarding Step", step.value, force=True, ignore_permissions=True, delete_permanently=True
			)


def delete_referencing_records(doctypes: list[str]) -> None:
	for doctype, field in REFERENCING_RECORDS:
		frappe.db.delete(doctype, {field: ("in", doctypes)})
	for route in {frappe.scrub(d).replace("_", "-") for d in doctypes}:
		frappe.db.delete("Route History", {"route": ("like", f"app/{route}%")})
	# Singles keep their values outside their own table.
	frappe.db.delete("Singles", {"doctype": ("in", doctypes)})
	frappe.db.delete("DefaultValue", {"parent": ("in", doctypes)})


def delete_number_counters() -> None:
	counters = number_counters()
	if counters:
		series = frappe.qb.DocType("Series")
		frappe.qb.from_(series).delete().where(series.name.isin(counters)).run()


def number_counters() -> list[str]:
	series = frappe.qb.DocType("Series")
	names = (
		frappe.qb.from_(series)
		.select(series.name)
		.where(series.name.like("FB%") | series.name.like("RCA-%") | series.name.like("IP-%"))
		.run(pluck=True)
	)
	return [name for name in names if NUMBER_COUNTER.match(name)]


def delete_roles() -> None:
	roles = list(ROLES)
	# Our rules on ERPNext's doctypes, and the copies of their standard rules made to add them.
	remove_link_rights(roles)
	for doctype in ("Has Role", "Custom DocPerm", "DocPerm"):
		frappe.db.delete(doctype, {"role": ("in", roles)})
	for role in roles:
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.clear_cache()


def delete_trashed_copies() -> None:
	"""Frappe keeps a Deleted Document of every doctype, workspace and setting it dropped."""
	for filters in trashed_copy_filters():
		frappe.db.delete("Deleted Document", filters)


def trashed_copy_filters() -> list[dict]:
	return [
		{"deleted_doctype": ("in", app_doctypes())},
		{"deleted_doctype": "DocType", "deleted_name": ("in", app_doctypes())},
		{"deleted_doctype": "Workspace", "deleted_name": ("in", app_workspaces())},
		{"deleted_doctype": "Module Onboarding", "deleted_name": ONBOARDING},
		{"deleted_doctype": "Module Def", "deleted_name": MODULE},
		{"deleted_doctype": "Role", "deleted_name": ("in", list(ROLES))},
	]


def _names_in(paths) -> set[str]:
	return {json.loads(path.read_text(encoding="utf-8"))["name"] for path in paths}
