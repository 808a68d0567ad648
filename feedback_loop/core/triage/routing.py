"""Who new feedback goes to: the conditions of the Assignment Rules that route it by top-level
category, who of a department may take it today, and who is next when an escalation reassigns.

Frappe's Assignment Rule evaluates its conditions as Python expressions over the record's fields;
they are written here so the seeded rules and the tests read the same text.
"""

from collections.abc import Mapping, Sequence

#: The department (by ERPNext's standard department names) that takes each seeded top-level
#: category; the catch-all rule gives everything else to every Feedback Agent.
DEFAULT_DEPARTMENTS = {
	"Product Quality": "Quality Management",
	"Logistics and Delivery": "Dispatch",
	"Service Quality": "Customer Service",
	"After-sales": "Customer Service",
	"Price": "Accounts",
	"UI and Interaction": "Research & Development",
}

#: A record in one of these states needs nobody: its ToDo is closed, and reopened with the record.
FINAL_STATUSES: tuple[str, ...] = ("Resolved", "Closed", "Invalid", "Duplicate")

ROUND_ROBIN = "Round Robin"
LOAD_BALANCING = "Load Balancing"


#: Imported history is analysed after the import (services/triage/analysis.py): such a record
#: waits for its first analysis with no attempt made yet. Routed before it, it would go to the
#: catch-all and move to its department a moment later, a ToDo and a notification each way.
AWAITING_FIRST_ANALYSIS = "analysis_status == 'Pending Re-analysis' and not analysis_attempts"


def assign_condition(category_group: str | None) -> str:
	"""The record is open, analysed at least once (or its analysis failed and is retried), and
	(for a department's rule) in that top-level category."""
	routable = f"status not in {FINAL_STATUSES!r} and not ({AWAITING_FIRST_ANALYSIS})"
	if not category_group:
		return routable
	return f"category_group == {category_group!r} and {routable}"


def unassign_condition(category_group: str | None, routed_groups: Sequence[str] = ()) -> str:
	"""When the rule's own assignment gives way: the category moved to another group (a
	department's rule), or the record now has a group some department takes (the catch-all)."""
	if category_group:
		return f"category_group != {category_group!r}"
	return f"category_group in {tuple(sorted(routed_groups))!r}"


def close_condition() -> str:
	return f"status in {FINAL_STATUSES!r}"


def candidates(
	department_agents: Sequence[str],
	all_agents: Sequence[str],
	managers: Sequence[str],
	away: set[str],
) -> list[str]:
	"""The users a rule assigns to: the department's Feedback Agents who are in today; if none is,
	every Feedback Agent who is; if none is, the Feedback Managers. Never empty: a rule without
	users cannot assign, and feedback must not wait unassigned because one team is out."""
	for group in (department_agents, all_agents, managers):
		present = sorted({user for user in group if user not in away})
		if present:
			return present
	return ["Administrator"]


def next_user(
	rule: str,
	users: Sequence[str],
	last_user: str | None,
	open_counts: Mapping[str, int],
	exclude: set[str],
) -> str | None:
	"""Who an escalation reassigns to: the rule's next user after `last_user` (round robin) or
	the one with the fewest open assignments (load balancing), never one in `exclude`."""
	pool = [u for u in users if u not in exclude]
	if not pool:
		return None
	if rule == LOAD_BALANCING:
		return min(pool, key=lambda u: (open_counts.get(u, 0), users.index(u)))
	start = users.index(last_user) + 1 if last_user in users else 0
	for offset in range(len(users)):
		user = users[(start + offset) % len(users)]
		if user not in exclude:
			return user
	return None
