"""Which SLA policy governs a record, and what that policy says about its clocks.

The choice is the core's (core/sla/policy_match.py) over the enabled policies and the record's
facts; the clock rules are the policy document read into a core `ClockPolicy`.
"""

import frappe
from frappe.utils.nestedset import get_ancestors_of

from feedback_loop.core.sla.clock import ClockPolicy, EscalationLevel, Target, escalation_order
from feedback_loop.core.sla.policy_match import PolicyConditions, RecordFacts, choose_policy
from feedback_loop.core.sla.state import warning_fraction
from feedback_loop.services.sla.calendar_source import calendar_for

#: Fields that are conditions on a policy and facts on a record (same names on both doctypes).
CONDITION_FIELDS = ("customer_group", "territory", "customer_segment", "channel", "category", "priority")
#: Record fields a policy condition can look at; a change re-chooses the policy.
POLICY_FACTS = ("customer", *CONDITION_FIELDS)


def policy_for_record(doc) -> str | None:
	rows = frappe.get_all(
		"Feedback SLA Policy",
		filters={"enabled": 1},
		fields=["name", "precedence", "is_default", *CONDITION_FIELDS],
	)
	policies = [
		PolicyConditions(
			name=p.name,
			precedence=p.precedence or 0,
			is_default=bool(p.is_default),
			**{field: p.get(field) for field in CONDITION_FIELDS},
		)
		for p in rows
	]
	# A tree's ancestors cost a query; only fetch them when some policy looks at that tree.
	used = {field for field in ("customer_group", "territory", "category") if any(p.get(field) for p in rows)}
	facts = RecordFacts(
		customer_groups=_lineage("Customer Group", doc.customer_group, "customer_group" in used),
		territories=_lineage("Territory", doc.territory, "territory" in used),
		customer_segment=doc.customer_segment,
		channel=doc.channel,
		categories=_lineage("Feedback Category", doc.category, "category" in used),
		priority=doc.priority,
	)
	return choose_policy(policies, facts)


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


def _lineage(doctype: str, name: str | None, with_ancestors: bool = True) -> tuple[str, ...]:
	if not name:
		return ()
	if not with_ancestors:
		return (name,)
	return (name, *get_ancestors_of(doctype, name))


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
