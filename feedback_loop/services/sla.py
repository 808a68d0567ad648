"""The SLA clocks of a Feedback Record: which policy, when things are due, paused, met or breached.

Called from the record's controller on every save; the sweep job (services/sla_sweep.py) keeps
the stored state true between saves.
"""

from datetime import UTC, timedelta

import frappe
from frappe.utils import get_datetime, now_datetime
from frappe.utils.nestedset import get_ancestors_of

from feedback_loop.core.sla_policy_match import PolicyConditions, RecordFacts, choose_policy
from feedback_loop.core.sla_state import Clock, EscalationTrigger, sla_status, warning_fraction
from feedback_loop.core.sla_targets import TargetUnit, due_moment
from feedback_loop.services.sla_calendar_source import calendar_for
from feedback_loop.services.sla_time import to_aware, to_system

#: Fields that are conditions on a policy and facts on a record (same names on both doctypes).
CONDITION_FIELDS = ("customer_group", "territory", "customer_segment", "channel", "category", "priority")
#: Record fields a policy condition can look at; a change re-chooses the policy.
POLICY_FACTS = ("customer", *CONDITION_FIELDS)
_TRIGGER_ORDER = {t.value: i for i, t in enumerate(EscalationTrigger)}


def apply_sla(doc) -> None:
	before = doc.get_doc_before_save()
	if not doc.sla_started_on:
		doc.sla_started_on = now_datetime()
	chosen_by_hand = before is not None and doc.sla_policy != before.sla_policy
	if not chosen_by_hand and (before is None or any(doc.get(f) != before.get(f) for f in POLICY_FACTS)):
		doc.sla_policy = policy_for_record(doc)
	if not doc.sla_policy:
		_clear_sla(doc)
		return

	policy = frappe.get_cached_doc("Feedback SLA Policy", doc.sla_policy)
	if (
		before is None
		or doc.sla_policy != before.sla_policy
		or doc.priority != before.priority
		or not doc.resolution_due
	):
		set_due_moments(doc, policy)
	track_status_change(doc, before, policy)
	refresh_sla_state(doc, policy)
	set_elapsed_working_hours(doc, policy)


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


def set_due_moments(doc, policy) -> None:
	"""Due and warning moments from the start, the priority's targets and the time paused so far."""
	target = next((t for t in policy.targets if t.priority == doc.priority), None)
	if target is None:
		_clear_due_moments(doc)
		return
	calendar = calendar_for(policy.name)
	start = to_aware(doc.sla_started_on)
	paused = timedelta(hours=doc.paused_working_hours or 0)
	fraction = warning_fraction(policy.warning_threshold)
	for clock, amount, unit in (
		("response", target.response_time, target.response_unit),
		("resolution", target.resolution_time, target.resolution_unit),
	):
		due = due_moment(calendar, start, amount, unit)
		warning = _warning_moment(calendar, start, due, unit, fraction)
		if paused:
			due, warning = calendar.add_working_time(due, paused), calendar.add_working_time(warning, paused)
		due_field = "first_response_due" if clock == "response" else "resolution_due"
		doc.set(due_field, to_system(due))
		doc.set(f"{clock}_warning_at", to_system(warning))


def track_status_change(doc, before, policy) -> None:
	now = now_datetime()
	if not doc.first_responded_on and doc.status != "Open":
		doc.first_responded_on = now

	pause_statuses = _lines(policy.pause_statuses)
	if doc.status in pause_statuses and not doc.paused_since:
		doc.paused_since = now
	elif doc.status not in pause_statuses and doc.paused_since:
		resume(doc, policy, now)

	fulfil_statuses = _lines(policy.fulfil_statuses)
	if doc.status in fulfil_statuses and not doc.resolution_fulfilled_on:
		doc.resolution_fulfilled_on = doc.resolved_on or now
	elif doc.status not in fulfil_statuses:
		doc.resolution_fulfilled_on = None


def set_elapsed_working_hours(doc, policy) -> None:
	"""How long the response and the resolution took on the policy's calendar, stored so that the
	SLA Compliance report can take medians in the database.

	A first response always comes before any pause (a pause status is not Open, and leaving Open
	is a response), so only the resolution leaves time paused out.
	"""
	calendar = calendar_for(policy.name)
	start = to_aware(doc.sla_started_on)
	responded, fulfilled = to_aware(doc.first_responded_on), to_aware(doc.resolution_fulfilled_on)
	doc.response_working_hours = (
		max(_hours(calendar.working_time_between(start, responded)), 0) if responded else 0
	)
	doc.resolution_working_hours = (
		max(_hours(calendar.working_time_between(start, fulfilled)) - (doc.paused_working_hours or 0), 0)
		if fulfilled
		else 0
	)


def _hours(duration: timedelta) -> float:
	return round(duration.total_seconds() / 3600, 2)


def resume(doc, policy, now) -> None:
	"""The clock stood still while paused: every moment still ahead moves by the working time paused."""
	calendar = calendar_for(policy.name)
	paused_since, resumed = to_aware(doc.paused_since), to_aware(now)
	doc.paused_working_hours = (doc.paused_working_hours or 0) + (
		calendar.working_time_between(paused_since, resumed).total_seconds() / 3600
	)
	for field in ("first_response_due", "response_warning_at", "resolution_due", "resolution_warning_at"):
		moment = to_aware(doc.get(field))
		if moment and moment > paused_since:
			remaining = calendar.working_time_between(paused_since, moment)
			doc.set(field, to_system(calendar.add_working_time(resumed, remaining)))
	doc.paused_since = None


def refresh_sla_state(doc, policy, now=None) -> None:
	now = get_datetime(now or now_datetime())
	paused = bool(doc.paused_since)
	response = _clock_status(
		doc, "first_response_due", "response_warning_at", "first_responded_on", paused, now
	)
	resolution = _clock_status(
		doc, "resolution_due", "resolution_warning_at", "resolution_fulfilled_on", paused, now
	)
	doc.response_sla_status = response.value if response else None
	doc.resolution_sla_status = resolution.value if resolution else None
	if doc.resolution_sla_status == "Breached" and not doc.assigned_at_breach:
		doc.assigned_at_breach = doc.get("_assign")
	doc.next_escalation_at = next_escalation_moment(doc, policy)


def _clock_status(doc, due: str, warning: str, fulfilled: str, paused: bool, now):
	clock = Clock(
		due=_dt(doc.get(due)),
		warning_at=_dt(doc.get(warning)),
		fulfilled_on=_dt(doc.get(fulfilled)),
		paused=paused,
	)
	return sla_status(clock, now)


def escalation_levels(policy) -> list:
	"""The policy's escalation rows in the order they fire."""
	return sorted(policy.escalations, key=lambda r: (_TRIGGER_ORDER[r.trigger], r.delay_working_hours or 0))


def next_escalation_moment(doc, policy):
	"""When the next escalation level is due; None while the resolution clock is not running."""
	if doc.resolution_sla_status not in ("On Track", "At Risk", "Breached") or doc.resolution_fulfilled_on:
		return None
	levels = escalation_levels(policy)
	level = doc.escalation_level or 0
	if level >= len(levels):
		return None
	row = levels[level]
	if row.trigger == EscalationTrigger.AT_WARNING.value:
		return doc.resolution_warning_at
	if row.trigger == EscalationTrigger.AT_BREACH.value:
		return doc.resolution_due
	calendar = calendar_for(policy.name)
	delay = timedelta(hours=row.delay_working_hours or 0)
	return to_system(calendar.add_working_time(to_aware(doc.resolution_due), delay))


def _warning_moment(calendar, start, due, unit, fraction):
	if unit == TargetUnit.CLOCK_HOURS.value:
		# In UTC: subtracting wall-clock times of one zone is an hour off across a DST change.
		start_utc, due_utc = start.astimezone(UTC), due.astimezone(UTC)
		return start_utc + (due_utc - start_utc) * fraction
	return calendar.add_working_time(start, calendar.working_time_between(start, due) * fraction)


def _lineage(doctype: str, name: str | None, with_ancestors: bool = True) -> tuple[str, ...]:
	if not name:
		return ()
	if not with_ancestors:
		return (name,)
	return (name, *get_ancestors_of(doctype, name))


def _lines(value: str | None) -> set[str]:
	return {line.strip() for line in (value or "").splitlines() if line.strip()}


def _dt(value):
	return get_datetime(value) if value else None


def _clear_due_moments(doc) -> None:
	for field in ("first_response_due", "response_warning_at", "resolution_due", "resolution_warning_at"):
		doc.set(field, None)


def _clear_sla(doc) -> None:
	_clear_due_moments(doc)
	doc.response_sla_status = doc.resolution_sla_status = doc.next_escalation_at = None
	doc.response_working_hours = doc.resolution_working_hours = 0


def record_first_response(name: str, when) -> None:
	"""An e-mail sent to the customer from the record is a response, whatever the status says."""
	doc = frappe.get_doc("Feedback Record", name)
	if doc.first_responded_on or not doc.sla_policy:
		return
	doc.first_responded_on = when
	policy = frappe.get_cached_doc("Feedback SLA Policy", doc.sla_policy)
	refresh_sla_state(doc, policy)
	set_elapsed_working_hours(doc, policy)
	doc.db_set(
		{
			"first_responded_on": doc.first_responded_on,
			"response_sla_status": doc.response_sla_status,
			"response_working_hours": doc.response_working_hours,
		},
		update_modified=False,
	)
