"""Which SLA policy governs a record, and what that policy says about its clocks.

The choice is the core's (core/sla/policy_match.py) over the enabled policies and the record's
facts; the clock rules are the policy document read into a core `ClockPolicy`.
"""

import frappe

from feedback_loop.core.sla.clock import ClockPolicy, EscalationLevel, Target, escalation_order
from feedback_loop.core.sla.policy_match import PolicyConditions, RecordFacts, choose_policy
from feedback_loop.core.sla.state import warning_fraction
from feedback_loop.integrations.frappe.site_cache import forget
from feedback_loop.integrations.frappe.tree_lineage import lineage, root_of
from feedback_loop.services.sla.calendar_source import calendar_for

#: Fields that are conditions on a policy and facts on a record (same names on both doctypes).
CONDITION_FIELDS = ("customer_group", "territory", "customer_segment", "channel", "category", "priority")
#: Record fields a policy condition can look at; a change re-chooses the policy.
POLICY_FACTS = ("customer", *CONDITION_FIELDS)


_POLICIES_KEY = "feedback_loop:sla_policies"
_TREE_FIELDS = {"customer_group": "Customer Group", "territory": "Territory", "category": "Feedback Category"}


def policy_for_record(doc) -> str | None:
	policies = enabled_policies()
	# A tree's ancestors are only needed when some policy names a node below that tree's root.
	used = {field for field in _TREE_FIELDS if any(getattr(p, field) for p in policies)}
	facts = RecordFacts(
		customer_groups=_lineage("customer_group", doc.customer_group, used),
		territories=_lineage("territory", doc.territory, used),
		customer_segment=doc.customer_segment,
		channel=doc.channel,
		categories=_lineage("category", doc.category, used),
		priority=doc.priority,
	)
	return choose_policy(policies, facts)


def enabled_policies() -> list[PolicyConditions]:
	"""The enabled policies' conditions, cached per site until a policy or a tree changes. A
	condition on a tree's root ("All Customer Groups") holds for every record: it is none."""
	return [PolicyConditions(**row) for row in frappe.cache.get_value(_POLICIES_KEY, _read_policies)]


def _read_policies() -> list[dict]:
	roots = {field: root_of(doctype) for field, doctype in _TREE_FIELDS.items()}
	rows = frappe.get_all(
		"Feedback SLA Policy",
		filters={"enabled": 1},
		fields=["name", "precedence", "is_default", *CONDITION_FIELDS],
	)
	return [
		{
			"name": row.name,
			"precedence": row.precedence or 0,
			"is_default": bool(row.is_default),
			**{
				field: None if field in roots and row.get(field) == roots[field] else row.get(field)
				for field in CONDITION_FIELDS
			},
		}
		for row in rows
	]


def forget_policies(*_args, **_kwargs) -> None:
	forget(_POLICIES_KEY)


def _lineage(field: str, name: str | None, used: set[str]) -> tuple[str, ...]:
	if not name:
		return ()
	if field not in used:
		return (name,)
	return lineage(_TREE_FIELDS[field], name) or (name,)


def clock_policy(name: str) -> ClockPolicy:
	"""The policy's clock rules, from the cached policy document and its cached calendar."""
	policy = frappe.get_cached_doc("Feedback SLA Policy", name)
	return ClockPolicy(
		calendar=calendar_for(policy.name),
		targets={
			row.priority: Target(
				response_time=row.response_time,
				response_unit=row.response_unit,
				resolution_time=row.resolution_time,
				resolution_unit=row.resolution_unit,
			)
			for row in reversed(policy.targets)  # the first row of a priority wins
		},
		pause_statuses=_lines(policy.pause_statuses),
		fulfil_statuses=_lines(policy.fulfil_statuses),
		warning_fraction=warning_fraction(policy.warning_threshold),
		escalations=escalation_order(
			EscalationLevel(
				trigger=row.trigger,
				delay_working_hours=row.delay_working_hours or 0,
				action=row.action,
				role=row.role,
				reassign_to=row.reassign_to,
			)
			for row in policy.escalations
		),
	)


def _lines(value: str | None) -> frozenset[str]:
	return frozenset(line.strip() for line in (value or "").splitlines() if line.strip())


def follow_site_timezone(old: str, new: str) -> list[str]:
	"""Policies on the site's old time zone (as install seeded them) move to the new one; a policy
	an administrator set to another zone keeps it. Open records' due moments follow."""
	# recompute.py reads policies through this module.
	from feedback_loop.services.sla.recompute import enqueue_recompute

	names = frappe.get_all("Feedback SLA Policy", filters={"timezone": old}, pluck="name")
	for name in names:
		frappe.db.set_value("Feedback SLA Policy", name, "timezone", new)
		enqueue_recompute(policy=name)
	return names
