"""The SLA clocks of a Feedback Record: read from the record, moved by the core's rules, written back.

Called from the record's controller on every save (`apply_sla`); the sweep job (sweep.py) keeps
the stored states true between saves. Every rule (due moments, pauses, first response,
fulfilment, working hours, escalation moments) is in core/sla/clock.py; here moments are made
aware once on the way in (`read_clocks`) and naive system time once on the way out
(`write_clocks`).
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from feedback_loop.core.intake.received_on import clock_restarts
from feedback_loop.core.sla.clock import (
	DUE_FIELDS,
	MOMENT_FIELDS,
	ClockPolicy,
	Clocks,
	after_status,
	clock_states,
	due_moments_outdated,
	next_escalation_moment,
	with_due_moments,
	working_hours_taken,
)
from feedback_loop.services.sla.policy import POLICY_FACTS, clock_policy, policy_for_record
from feedback_loop.services.sla.system_time import to_aware, to_system


def apply_sla(doc) -> None:
	# A record stored first and triaged after (services/triage/arrival.py) is timed as new.
	before = None if doc.flags.first_triage else doc.get_doc_before_save()
	received = get_datetime(doc.received_on) if doc.received_on else None
	# Started when the customer gave the feedback, not when it was typed in: last month's letter
	# is breached at once, not given a fresh week.
	restarted = clock_restarts(
		get_datetime(before.received_on) if before is not None and before.received_on else None,
		received,
		is_new=before is None,
	)
	if restarted or not doc.sla_started_on:
		doc.sla_started_on = received or now_datetime()
	chosen_by_hand = before is not None and doc.sla_policy != before.sla_policy
	if not chosen_by_hand and (before is None or any(doc.get(f) != before.get(f) for f in POLICY_FACTS)):
		doc.sla_policy = policy_for_record(doc)
	if not doc.sla_policy:
		_clear_sla(doc)
		return

	policy = clock_policy(doc.sla_policy)
	now = to_aware(now_datetime())
	clocks = read_clocks(doc)
	if restarted or due_moments_outdated(
		(before.sla_policy, before.priority) if before is not None else None,
		(doc.sla_policy, doc.priority),
		bool(doc.resolution_due),
	):
		clocks = with_due_moments(clocks, policy, doc.priority)
	clocks = after_status(clocks, policy, doc.status, now, resolved_on=to_aware(doc.resolved_on))
	write_clocks(doc, clocks)
	refresh_sla_state(doc, policy, clocks, now)
	set_elapsed_working_hours(doc, policy, clocks)


def read_clocks(doc) -> Clocks:
	return Clocks(
		**{name: to_aware(doc.get(name)) for name in MOMENT_FIELDS},
		paused_working_hours=doc.paused_working_hours or 0,
	)


def write_clocks(doc, clocks: Clocks) -> None:
	for name in MOMENT_FIELDS:
		doc.set(name, to_system(getattr(clocks, name)))
	doc.paused_working_hours = clocks.paused_working_hours


def set_due_moments(doc, policy: ClockPolicy) -> None:
	"""Due and warning moments from the start, the priority's targets and the time paused so far."""
	write_clocks(doc, with_due_moments(read_clocks(doc), policy, doc.priority))


def refresh_sla_state(doc, policy: ClockPolicy, clocks: Clocks | None = None, now=None) -> None:
	"""Both clocks' states at `now`, the assignees at a breach, and the next escalation moment."""
	clocks = clocks or read_clocks(doc)
	response, resolution = clock_states(clocks, to_aware(now or now_datetime()))
	doc.response_sla_status = response.value if response else None
	doc.resolution_sla_status = resolution.value if resolution else None
	if doc.resolution_sla_status == "Breached" and not doc.assigned_at_breach:
		doc.assigned_at_breach = doc.get("_assign")
	doc.next_escalation_at = to_system(
		next_escalation_moment(clocks, policy, doc.resolution_sla_status, doc.escalation_level or 0)
	)


def set_elapsed_working_hours(doc, policy: ClockPolicy, clocks: Clocks | None = None) -> None:
	"""How long the response and the resolution took on the policy's calendar, stored so that the
	SLA Compliance report can take medians in the database."""
	doc.response_working_hours, doc.resolution_working_hours = working_hours_taken(
		clocks or read_clocks(doc), policy.calendar
	)


def _clear_sla(doc) -> None:
	for name in DUE_FIELDS:
		doc.set(name, None)
	doc.response_sla_status = doc.resolution_sla_status = doc.next_escalation_at = None
	doc.response_working_hours = doc.resolution_working_hours = 0


def record_first_response(name: str, when) -> None:
	"""An e-mail sent to the customer from the record is a response, whatever the status says."""
	doc = frappe.get_doc("Feedback Record", name)
	if doc.first_responded_on or not doc.sla_policy:
		return
	doc.first_responded_on = when
	policy = clock_policy(doc.sla_policy)
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


def note_late_entry(doc) -> None:
	"""A record entered after its reply time had already passed says so on its timeline, so the
	agent who opens it knows it starts breached rather than fresh."""
	late = [
		_(label)
		for label, state in (
			("First Response", doc.response_sla_status),
			("Resolution", doc.resolution_sla_status),
		)
		if state == "Breached"
	]
	if late and doc.received_on and get_datetime(doc.received_on) < get_datetime(doc.creation):
		doc.add_comment(
			"Info",
			_("Received on {0}, entered on {1}: the {2} time had already passed.").format(
				frappe.format(doc.received_on, "Datetime"),
				frappe.format(doc.creation, "Datetime"),
				_(" and ").join(late),
			),
		)
