"""Rules that are not silent: a reader of a Root Cause Analysis or an Improvement Plan who sees no
button for its next step is told who takes it ("Another Quality Analyst or Feedback Manager
validates this analysis: you wrote it.").

Frappe decides who sees which workflow button (the transition's role and condition; not the
document's author unless the transition allows self-approval); `core/workflow.py::next_step_blocked`
says why, from the same transitions. An action's owner on a plan is pointed to My Actions.

Wired: api/root_cause_analysis.py and api/improvement_plan.py (`next_step`), shown on both forms.
"""

from functools import reduce

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name, is_transition_condition_satisfied

from feedback_loop.core.plans.lifecycle import (
	ACTIONS_CLOSED_STATES,
	FINISHED_ACTIONS,
	PENDING_APPROVAL,
	SYSTEM_ROLE,
)
from feedback_loop.core.rca.lifecycle import VALIDATE_ACTION
from feedback_loop.core.workflow import NextStepBlocked, Transition, next_step_blocked

ANALYSIS = "Root Cause Analysis"
PLAN = "Improvement Plan"


def next_step_note(doc, user: str | None = None) -> str | None:
	"""What the reader should know about the document's next step, in their language; None when
	they may take it (or there is none)."""
	user = user or frappe.session.user
	notes = [_head_note(doc, user), _blocked_note(doc, user), _owner_note(doc, user)]
	return " ".join(note for note in notes if note) or None


def blocked_for(doc, user: str) -> NextStepBlocked | None:
	workflow_name = get_workflow_name(doc.doctype)
	if not workflow_name:
		return None
	workflow = frappe.get_cached_doc("Workflow", workflow_name)
	state = doc.get(workflow.workflow_state_field) or workflow.states[0].state
	transitions = [
		Transition(t.state, t.action, t.next_state, t.allowed, t.condition, t.allow_self_approval)
		for t in workflow.transitions
		if t.state == state and is_transition_condition_satisfied(t, doc)
	]
	return next_step_blocked(
		transitions,
		state,
		set(frappe.get_roles(user)),
		# Frappe lets the Administrator approve their own documents.
		is_author=user != "Administrator" and doc.owner == user,
		# The verdict on a plan is the verification job's: the form says when it runs.
		ignore_roles={SYSTEM_ROLE},
	)


def _blocked_note(doc, user: str) -> str | None:
	blocked = blocked_for(doc, user)
	if blocked is None:
		return None
	roles = reduce(lambda a, b: _("{0} or {1}").format(a, b), (_(r) for r in blocked.roles))
	actions = " / ".join(_(a) for a in blocked.actions)
	if blocked.authored:
		if doc.doctype == ANALYSIS and blocked.actions == (VALIDATE_ACTION,):
			return _("Another {0} validates this analysis: you wrote it.").format(roles)
		return _(
			"Someone else with the role {0} takes the next step ({1}): you created this document."
		).format(roles, actions)
	return _("The next step ({0}) is for the role {1}.").format(actions, roles)


def _head_note(doc, user: str) -> str | None:
	"""A head is a person, not a role: the plan says who it waits for."""
	if doc.doctype != PLAN or doc.workflow_state != PENDING_APPROVAL:
		return None
	if not doc.department_head or doc.department_head == user:
		return None
	return _("{0}, head of {1}, approves this plan first.").format(
		frappe.utils.get_fullname(doc.department_head), doc.department
	)


def _owner_note(doc, user: str) -> str | None:
	if doc.doctype != PLAN or doc.workflow_state in ACTIONS_CLOSED_STATES:
		return None
	if any(row.owner_user == user and row.action_status not in FINISHED_ACTIONS for row in doc.actions):
		return _("You own actions of this plan: report on them with My Actions.")
	return None
