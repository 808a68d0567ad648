"""Routing with Frappe's own Assignment Rule: one rule per top-level category naming the
department that takes it, and a catch-all for feedback no department takes (yet).

Frappe applies the rules on every save of every record, whatever channel created it, and shows
and edits them in Assignment Rule. What Frappe does not know is who of a department can take
feedback today: `sync_rule_users` keeps each rule's users to the department's active Feedback
Agents with an enabled user who are not on leave (HRMS, when installed), run when a rule is
saved, when an Employee or User changes, and daily.

Custom fields on Assignment Rule (setup/custom_fields.py): ``feedback_routing`` (the app keeps
this rule's users), ``feedback_category_group`` (the top-level category it routes; empty: the
catch-all) and ``feedback_department`` (whose agents it assigns to; empty: every agent).
"""

import frappe
from frappe.desk.form import assign_to
from frappe.utils import getdate, nowdate
from frappe.utils.nestedset import get_descendants_of

from feedback_loop.core.triage.routing import (
	DEFAULT_DEPARTMENTS,
	candidates,
	next_user,
	unassign_condition,
)
from feedback_loop.integrations.frappe.tree_lineage import lineage

RECORD = "Feedback Record"
AGENT_ROLE = "Feedback Agent"
MANAGER_ROLE = "Feedback Manager"


def category_group(category: str | None) -> str | None:
	"""The top-level category (a child of the tree's root) that `category` belongs to."""
	nodes = lineage("Feedback Category", category)
	# (category, …, group, root): the root itself and unknown names have no group.
	return nodes[-2] if len(nodes) >= 2 else None


def set_category_group(doc) -> None:
	if doc.is_new() or doc.has_value_changed("category") or (doc.category and not doc.category_group):
		doc.category_group = category_group(doc.category)


def feedback_rules(enabled_only: bool = False) -> list[str]:
	filters = {"document_type": RECORD}
	if enabled_only:
		filters["disabled"] = 0
	return frappe.get_all("Assignment Rule", filters=filters, pluck="name", order_by="priority desc")


def users_with_role(role: str) -> list[str]:
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where((has_role.role == role) & (has_role.parenttype == "User"))
		.where((user.enabled == 1) & (user.user_type == "System User"))
		.where(user.name.notin(["Administrator", "Guest"]))
	).run(pluck=True)


def department_users(department: str | None) -> list[str] | None:
	"""Users of the department's (and its sub-departments') active employees; None: no department."""
	if not department or not frappe.db.exists("Department", department):
		return None
	departments = [department, *get_descendants_of("Department", department)]
	return frappe.get_all(
		"Employee",
		filters={"department": ("in", departments), "status": "Active", "user_id": ("is", "set")},
		pluck="user_id",
	)


def users_away(on_date=None) -> set[str]:
	"""Users who cannot take feedback today though their user is enabled: their employee record
	is not active (left, suspended), or they are on approved leave where HRMS keeps leave."""
	away = set(
		frappe.get_all(
			"Employee", filters={"status": ("!=", "Active"), "user_id": ("is", "set")}, pluck="user_id"
		)
	)
	if not frappe.db.table_exists("Leave Application"):
		return away
	day = getdate(on_date or nowdate())
	employees = frappe.get_all(
		"Leave Application",
		filters={"status": "Approved", "docstatus": 1, "from_date": ("<=", day), "to_date": (">=", day)},
		pluck="employee",
	)
	if employees:
		away |= set(
			frappe.get_all(
				"Employee", filters={"name": ("in", employees), "user_id": ("is", "set")}, pluck="user_id"
			)
		)
	return away


def rule_candidates(department: str | None, away: set[str] | None = None) -> list[str]:
	agents = users_with_role(AGENT_ROLE)
	in_department = department_users(department)
	department_agents = agents if in_department is None else [u for u in agents if u in set(in_department)]
	return candidates(department_agents, agents, users_with_role(MANAGER_ROLE), away or set())


def sync_rule_users(rule, away: set[str] | None = None) -> bool:
	"""Set a routing rule's users from its department; True when they changed. Rules without the
	app's fields (made by hand) keep the users someone chose."""
	if rule.document_type != RECORD or not _is_routing_rule(rule):
		return False
	users = rule_candidates(rule.get("feedback_department"), users_away() if away is None else away)
	if [row.user for row in rule.users] == users:
		return False
	rule.set("users", [{"user": user} for user in users])
	if rule.last_user not in users:
		rule.last_user = None
	return True


def _is_routing_rule(rule) -> bool:
	return bool(rule.get("feedback_routing"))


def on_rule_validate(rule, _method=None) -> None:
	"""Assignment Rule validate (hooks): a routing rule's users follow its department."""
	if rule.document_type == RECORD:
		sync_rule_users(rule)


def on_rule_change(rule, _method=None) -> None:
	"""Assignment Rule on_update / on_trash: the catch-all gives way to the groups routed now."""
	if rule.document_type == RECORD and not frappe.flags.in_feedback_routing_sync:
		update_catch_all()


def update_catch_all() -> None:
	"""The catch-all rule (no category group) hands a record over once its group is routed."""
	routed = frappe.get_all(
		"Assignment Rule",
		filters={
			"document_type": RECORD,
			"feedback_routing": 1,
			"disabled": 0,
			"feedback_category_group": ("is", "set"),
		},
		pluck="feedback_category_group",
	)
	for name in frappe.get_all(
		"Assignment Rule",
		filters={
			"document_type": RECORD,
			"feedback_routing": 1,
			"feedback_category_group": ("is", "not set"),
		},
		pluck="name",
	):
		condition = unassign_condition(None, routed)
		if frappe.db.get_value("Assignment Rule", name, "unassign_condition") != condition:
			frappe.db.set_value("Assignment Rule", name, "unassign_condition", condition)
			frappe.get_doc("Assignment Rule", name).clear_cache()


def sync_all_rules(*_args, **_kwargs) -> int:
	"""Every routing rule's users, now (hooks: Employee, User; scheduler: daily for leave)."""
	rules = frappe.get_all(
		"Assignment Rule", filters={"document_type": RECORD, "feedback_routing": 1}, pluck="name"
	)
	if not rules:
		return 0
	away = users_away()
	changed = 0
	frappe.flags.in_feedback_routing_sync = True
	try:
		for name in rules:
			# A locking read: Frappe's round robin updates the rule (last_user) on every
			# assignment, and a copy from this transaction's snapshot would fail to save with
			# TimestampMismatchError while feedback is being routed.
			rule = frappe.get_doc("Assignment Rule", name, for_update=True)
			if sync_rule_users(rule, away):
				rule.flags.ignore_permissions = True
				rule.save()
				changed += 1
	finally:
		frappe.flags.in_feedback_routing_sync = False
	update_catch_all()
	return changed


def on_people_change(doc, _method=None) -> None:
	"""Employee or User saved: only a change that can move someone in or out of a rule resyncs."""
	if doc.doctype == "User" and not (doc.has_value_changed("enabled") or _roles_changed(doc)):
		return
	if doc.doctype == "Employee" and not any(
		doc.has_value_changed(f) for f in ("department", "status", "user_id")
	):
		return
	sync_all_rules()


def _roles_changed(user) -> bool:
	before = user.get_doc_before_save()
	if before is None:
		return True
	return {r.role for r in before.get("roles") or []} != {r.role for r in user.get("roles") or []}


def reassign_by_rule(doc, reason: str) -> str | None:
	"""An escalation's reassignment through the record's Assignment Rule: the rule's next user who
	does not have it yet. None when no rule applies or nobody else is there."""
	current = set(frappe.parse_json(doc.get("_assign") or "[]"))
	rule = _rule_for(doc)
	if rule is None:
		return None
	users = [row.user for row in rule.users]
	open_counts = {
		user: frappe.db.count("ToDo", {"reference_type": RECORD, "allocated_to": user, "status": "Open"})
		for user in users
	}
	user = next_user(rule.rule, users, rule.last_user, open_counts, current)
	if not user:
		return None
	for assignee in current:
		assign_to.remove(RECORD, doc.name, assignee, ignore_permissions=True)
	assign_to.add(
		{
			"assign_to": [user],
			"doctype": RECORD,
			"name": doc.name,
			"description": reason,
			"assignment_rule": rule.name,
		},
		ignore_permissions=True,
	)
	rule.db_set("last_user", user)
	return user


def _rule_for(doc):
	"""The rule that assigned the record, else the first enabled rule whose condition holds."""
	made_by = frappe.get_all(
		"ToDo",
		filters={"reference_type": RECORD, "reference_name": doc.name, "assignment_rule": ("is", "set")},
		pluck="assignment_rule",
		order_by="creation desc",
		limit=1,
	)
	if made_by and frappe.db.exists("Assignment Rule", made_by[0]):
		return frappe.get_cached_doc("Assignment Rule", made_by[0])
	values = doc.as_dict()
	for name in feedback_rules(enabled_only=True):
		rule = frappe.get_cached_doc("Assignment Rule", name)
		if rule.safe_eval("assign_condition", values):
			return rule
	return None


def find_department(department_name: str) -> str | None:
	"""ERPNext names a department per company ("Dispatch - WP"): the default company's, else any."""
	company = frappe.defaults.get_global_default("company")
	if company:
		name = frappe.db.get_value("Department", {"department_name": department_name, "company": company})
		if name:
			return name
	return frappe.db.get_value("Department", {"department_name": department_name})


def on_department_added(department, _method=None) -> None:
	"""Department insert (hooks): ERPNext's setup wizard makes the departments after the app was
	installed, so the seeded rules that name none yet get theirs here."""
	groups = [g for g, name in DEFAULT_DEPARTMENTS.items() if name == department.department_name]
	if not groups:
		return
	for name in frappe.get_all(
		"Assignment Rule",
		filters={
			"document_type": RECORD,
			"feedback_routing": 1,
			"feedback_department": ("is", "not set"),
			"feedback_category_group": ("in", groups),
		},
		pluck="name",
	):
		rule = frappe.get_doc("Assignment Rule", name)
		rule.feedback_department = find_department(department.department_name) or department.name
		rule.flags.ignore_permissions = True
		rule.save()


def routing_summary() -> list[dict]:
	"""Each routing rule with its group, department and how many users it assigns to (onboarding)."""
	return [
		{**row, "users": frappe.db.count("Assignment Rule User", {"parent": row.name})}
		for row in frappe.get_all(
			"Assignment Rule",
			filters={"document_type": RECORD, "feedback_routing": 1},
			fields=["name", "disabled", "feedback_category_group", "feedback_department"],
		)
	]
