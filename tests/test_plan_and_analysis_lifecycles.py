"""The workflows of improvement plans and root cause analyses, and the guards of a plan's moves."""

import pytest

from feedback_loop.core.plans.lifecycle import (
	APPROVED,
	COMPLETED,
	DRAFT,
	IN_PROGRESS,
	NOT_EFFECTIVE,
	PENDING_APPROVAL,
	REJECTED,
	SYSTEM_ROLE,
	VERIFIED_EFFECTIVE,
	VERIFYING,
	ActionProblem,
	StateProblem,
	action_update_problem,
	approver_role_for,
	is_approval_transition,
	plan_workflow_spec,
	reported_status,
	starts_new_cycle,
	state_change_problem,
)
from feedback_loop.core.rca.lifecycle import rca_workflow_spec
from feedback_loop.core.workflow import NextStepBlocked, next_step_blocked, our_actions, our_states


def test_each_approver_role_approves_only_the_plans_it_is_named_on():
	spec = plan_workflow_spec(("Feedback Manager", "System Manager"))
	approvals = [t for t in spec.transitions if t.action == "Approve"]
	assert [(t.allowed, t.condition) for t in approvals] == [
		("Feedback Manager", "doc.approver_role == 'Feedback Manager'"),
		("System Manager", "doc.approver_role == 'System Manager'"),
	]
	assert all(is_approval_transition(t.state, t.action) for t in approvals)
	assert not is_approval_transition(DRAFT, "Submit for Approval")


def test_one_role_for_both_budgets_gives_one_set_of_approval_transitions():
	spec = plan_workflow_spec(("Feedback Manager", "Feedback Manager"))
	assert len([t for t in spec.transitions if t.action == "Approve"]) == 1


def test_only_the_system_sets_a_verdict():
	spec = plan_workflow_spec(("Feedback Manager", "System Manager"))
	verdicts = {t.allowed for t in spec.transitions if t.next_state in (VERIFIED_EFFECTIVE, NOT_EFFECTIVE)}
	assert verdicts == {"Administrator"}


@pytest.mark.parametrize(
	("budget", "limit", "role"),
	[(5_000, 10_000, "Feedback Manager"), (10_000, 10_000, "Feedback Manager"), (10_001, 10_000, "CEO")],
)
def test_the_higher_role_approves_above_the_budget_limit(budget, limit, role):
	assert approver_role_for(budget, limit, "Feedback Manager", "CEO") == role


def test_without_a_limit_the_normal_approver_approves_any_budget():
	assert approver_role_for(10**9, 0, "Feedback Manager", "CEO") == "Feedback Manager"


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
	spec = plan_workflow_spec(("Feedback Manager",))
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


def test_a_plan_waits_for_its_approver():
	spec = plan_workflow_spec(("Feedback Manager", "System Manager"))
	# The services pass the transitions whose condition holds: this plan is the higher role's.
	holding = [t for t in spec.transitions if t.condition in (None, "doc.approver_role == 'System Manager'")]
	blocked = next_step_blocked(holding, PENDING_APPROVAL, {"Feedback Manager"}, is_author=False)
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
