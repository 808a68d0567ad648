"""The workflows of improvement plans and root cause analyses, and the guards of a plan's moves."""

import pytest

from feedback_loop.core.plans.lifecycle import (
	APPROVED,
	COMPLETED,
	DRAFT,
	IN_PROGRESS,
	NOT_EFFECTIVE,
	PENDING_APPROVAL,
	VERIFIED_EFFECTIVE,
	VERIFYING,
	StateProblem,
	approver_role_for,
	is_approval_transition,
	plan_workflow_spec,
	starts_new_cycle,
	state_change_problem,
)
from feedback_loop.core.rca.lifecycle import rca_workflow_spec
from feedback_loop.core.workflow import our_actions, our_states


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
