"""The workflows of improvement plans and root cause analyses, and the guards of a plan's moves."""

import pytest

from feedback_loop.core.plans.lifecycle import (
	APPROVED,
	COMPLETED,
	DRAFT,
	IN_PROGRESS,
	NOT_EFFECTIVE,
	PENDING_APPROVAL,
	PENDING_SENIOR_APPROVAL,
	REJECTED,
	SYSTEM_ROLE,
	VERIFIED_EFFECTIVE,
	VERIFYING,
	ActionProblem,
	StateProblem,
	action_update_problem,
	is_approval_transition,
	needs_senior_approval,
	plan_workflow_spec,
	reported_status,
	starts_new_cycle,
	state_change_problem,
)
from feedback_loop.core.rca.lifecycle import rca_workflow_spec
from feedback_loop.core.workflow import NextStepBlocked, next_step_blocked, our_actions, our_states


def test_the_department_head_approves_first_then_the_senior_leader():
	spec = plan_workflow_spec(("Feedback Manager", "CEO"))
	first = [
		(t.action, t.next_state, t.allowed, t.condition)
		for t in spec.transitions
		if t.state == PENDING_APPROVAL
	]
	head = "doc.department_head == frappe.session.user"
	no_head = "not doc.department_head and doc.approver_role == 'Feedback Manager'"
	assert first == [
		("Approve", PENDING_SENIOR_APPROVAL, "All", f"{head} and doc.needs_senior_approval"),
		("Approve", APPROVED, "All", f"{head} and not doc.needs_senior_approval"),
		("Reject", REJECTED, "All", head),
		("Send Back", DRAFT, "All", head),
		("Approve", PENDING_SENIOR_APPROVAL, "Feedback Manager", f"{no_head} and doc.needs_senior_approval"),
		("Approve", APPROVED, "Feedback Manager", f"{no_head} and not doc.needs_senior_approval"),
		("Reject", REJECTED, "Feedback Manager", no_head),
		("Send Back", DRAFT, "Feedback Manager", no_head),
	]
	senior = [
		(t.action, t.next_state, t.allowed) for t in spec.transitions if t.state == PENDING_SENIOR_APPROVAL
	]
	assert senior == [("Approve", APPROVED, "CEO"), ("Reject", REJECTED, "CEO"), ("Send Back", DRAFT, "CEO")]
	assert all(is_approval_transition(t.state, t.action) for t in spec.transitions if t.action == "Approve")
	assert not is_approval_transition(DRAFT, "Submit for Approval")


def test_the_two_approve_steps_of_a_level_never_hold_together():
	"""Frappe would show two Approve buttons: the conditions exclude each other for every plan."""
	spec = plan_workflow_spec(("Feedback Manager", "CEO"))
	for department_head in (None, "head@example.com"):
		for needs in (0, 1):
			for user in ("head@example.com", "someone@example.com"):
				doc = {
					"department_head": department_head,
					"needs_senior_approval": needs,
					"approver_role": "Feedback Manager",
				}
				holding = [
					t
					for t in spec.transitions
					if t.state == PENDING_APPROVAL
					and t.action == "Approve"
					and eval(t.condition, {"doc": _Doc(doc), "frappe": _Frappe(user)})
				]
				assert len(holding) <= 1


class _Doc(dict):
	__getattr__ = dict.get


class _Frappe:
	def __init__(self, user):
		self.session = _Doc(user=user)


@pytest.mark.parametrize(
	("when", "budget", "limit", "needed"),
	[
		("Always", 0, 0, True),
		(None, 5, 10, True),
		("Never", 10**9, 10, False),
		("Above Budget Limit", 10_000, 10_000, False),
		("Above Budget Limit", 10_001, 10_000, True),
		# No limit set: nothing is above it.
		("Above Budget Limit", 10**9, 0, False),
	],
)
def test_when_the_senior_leader_approves(when, budget, limit, needed):
	assert needs_senior_approval(when, budget, limit) is needed


def test_only_the_system_sets_a_verdict():
	spec = plan_workflow_spec(("Feedback Manager", "System Manager"))
	verdicts = {t.allowed for t in spec.transitions if t.next_state in (VERIFIED_EFFECTIVE, NOT_EFFECTIVE)}
	assert verdicts == {"Administrator"}


def test_a_plan_moves_only_when_its_move_means_something():
	ok = {"has_actions": True, "unfinished_actions": False, "verdict_recorded": False}
	assert state_change_problem(DRAFT, PENDING_APPROVAL, **{**ok, "has_actions": False}) == (
		StateProblem.NO_ACTIONS
	)
	assert state_change_problem(IN_PROGRESS, COMPLETED, **{**ok, "unfinished_actions": True}) == (
		StateProblem.UNFINISHED_ACTIONS
	)
	assert state_change_problem(VERIFYING, NOT_EFFECTIVE, **ok) == StateProblem.VERDICT_BY_HAND
	assert state_change_problem(VERIFYING, NOT_EFFECTIVE, **{**ok, "verdict_recorded": True}) is None
	assert state_change_problem(PENDING_APPROVAL, APPROVED, **ok) is None
	# Saving in the same state is never a move.
	assert state_change_problem(COMPLETED, COMPLETED, **{**ok, "unfinished_actions": True}) is None


def test_only_work_after_not_effective_starts_a_new_cycle():
	assert starts_new_cycle(NOT_EFFECTIVE, IN_PROGRESS)
	assert not starts_new_cycle(APPROVED, IN_PROGRESS)


@pytest.mark.parametrize("self_validation", [0, 1])
def test_only_validate_depends_on_whether_authors_may_validate(self_validation):
	spec = rca_workflow_spec(self_validation)
	for transition in spec.transitions:
		expected = self_validation if transition.action == "Validate" else 1
		assert transition.allow_self_approval == expected


def test_frappe_s_own_states_and_actions_are_never_ours_to_remove():
	spec = plan_workflow_spec(("Feedback Manager", "System Manager"))
	assert "Approved" in spec.states and "Approved" not in our_states(spec)
	assert "Approve" in spec.actions and "Approve" not in our_actions(spec)
	assert spec.transitions[0].as_row()["state"] == DRAFT


# --- who reports on an action ------------------------------------------------------------------


@pytest.mark.parametrize("state", [DRAFT, PENDING_APPROVAL, APPROVED, IN_PROGRESS, REJECTED])
def test_the_owner_of_an_action_reports_on_it_whatever_their_role(state):
	for status in ("Open", "In Progress", "Done", None):
		assert action_update_problem(state, is_owner=True, may_edit_plan=False, status=status) is None


def test_nobody_else_but_a_planner():
	assert (
		action_update_problem(IN_PROGRESS, is_owner=False, may_edit_plan=False, status="Done")
		== ActionProblem.NOT_YOURS
	)
	assert action_update_problem(IN_PROGRESS, is_owner=False, may_edit_plan=True, status="Done") is None


@pytest.mark.parametrize("state", [COMPLETED, VERIFYING, VERIFIED_EFFECTIVE, NOT_EFFECTIVE])
def test_a_plan_whose_work_is_over_keeps_its_actions(state):
	for is_owner, may_edit_plan in ((True, False), (False, True)):
		assert (
			action_update_problem(state, is_owner=is_owner, may_edit_plan=may_edit_plan, status="Open")
			== ActionProblem.PLAN_CLOSED
		)


def test_only_a_planner_cancels_an_action():
	assert (
		action_update_problem(IN_PROGRESS, is_owner=True, may_edit_plan=False, status="Cancelled")
		== ActionProblem.CANCEL_BY_PLANNER
	)
	assert action_update_problem(IN_PROGRESS, is_owner=True, may_edit_plan=True, status="Cancelled") is None
	assert (
		action_update_problem(IN_PROGRESS, is_owner=True, may_edit_plan=True, status="Finished")
		== ActionProblem.UNKNOWN_STATUS
	)


def test_progress_on_an_open_action_starts_it():
	assert reported_status("Open", None, 30) == "In Progress"
	assert reported_status("Open", None, 0) == "Open"
	assert reported_status("In Progress", "Done", None) == "Done"
	assert reported_status("In Progress", None, 60) == "In Progress"


# --- telling a reader who sees no button why ----------------------------------------------------

ANALYSTS = {"Quality Analyst"}


def test_the_author_of_an_analysis_under_review_learns_that_another_analyst_validates():
	spec = rca_workflow_spec(self_validation=0)
	blocked = next_step_blocked(spec.transitions, "Under Review", ANALYSTS, is_author=True)
	assert blocked == NextStepBlocked(("Validate",), ("Quality Analyst", "Feedback Manager"), authored=True)
	# Another analyst validates; so does the author when the settings allow it.
	assert next_step_blocked(spec.transitions, "Under Review", ANALYSTS, is_author=False) is None
	allowed = rca_workflow_spec(self_validation=1).transitions
	assert next_step_blocked(allowed, "Under Review", ANALYSTS, is_author=True) is None


def test_a_reader_without_the_role_learns_who_moves_it_on():
	spec = rca_workflow_spec(self_validation=0)
	blocked = next_step_blocked(spec.transitions, "Under Review", {"Feedback Agent"}, is_author=False)
	assert blocked == NextStepBlocked(
		("Validate", "Reject", "Send Back"), ("Quality Analyst", "Feedback Manager")
	)


def test_a_plan_waits_for_its_senior_leader():
	spec = plan_workflow_spec(("Feedback Manager", "System Manager"))
	blocked = next_step_blocked(
		spec.transitions, PENDING_SENIOR_APPROVAL, {"Feedback Manager"}, is_author=False
	)
	assert blocked == NextStepBlocked(("Approve", "Reject", "Send Back"), ("System Manager",))


def test_nothing_to_say_at_the_end_or_for_the_steps_only_the_system_takes():
	spec = plan_workflow_spec(("Feedback Manager", "System Manager"))
	assert (
		next_step_blocked(spec.transitions, VERIFIED_EFFECTIVE, {"Feedback Agent"}, is_author=False) is None
	)
	assert (
		next_step_blocked(
			spec.transitions, VERIFYING, {"Quality Analyst"}, is_author=False, ignore_roles={SYSTEM_ROLE}
		)
		is None
	)
