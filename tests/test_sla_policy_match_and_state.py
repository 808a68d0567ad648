from datetime import datetime, timedelta

import pytest

from feedback_loop.core.sla.policy_match import PolicyConditions, RecordFacts, choose_policy, matches
from feedback_loop.core.sla.state import (
	Clock,
	SlaStatus,
	higher_priority,
	raised_priority,
	sla_status,
	warning_fraction,
)

FACTS = RecordFacts(
	customer_groups=("Retail Chains", "Commercial", "All Customer Groups"),
	territories=("Shanghai", "China", "All Territories"),
	customer_segment="Key Account",
	channel="Phone",
	categories=("Late Delivery", "Logistics and Delivery", "All Feedback Categories"),
	priority="High",
)


def test_parent_groups_match_their_children():
	assert matches(PolicyConditions("p", customer_group="Commercial"), FACTS)
	assert matches(PolicyConditions("p", territory="China", category="Logistics and Delivery"), FACTS)
	assert not matches(PolicyConditions("p", customer_group="Individual"), FACTS)


def test_every_condition_must_hold():
	assert matches(
		PolicyConditions("p", channel="Phone", priority="High", customer_segment="Key Account"), FACTS
	)
	assert not matches(PolicyConditions("p", channel="Phone", priority="Low"), FACTS)


def test_precedence_then_default():
	policies = [
		PolicyConditions("Default", precedence=100, is_default=True),
		PolicyConditions("Key Accounts", precedence=5, customer_segment="Key Account"),
		PolicyConditions("China", precedence=1, territory="China"),
		PolicyConditions("Email only", precedence=0, channel="Email"),
	]
	assert choose_policy(policies, FACTS) == "China"
	assert choose_policy(policies, RecordFacts(channel="Web")) == "Default"
	assert choose_policy(policies[1:], RecordFacts(channel="Web")) is None


def test_a_default_policy_with_conditions_is_still_only_the_fallback():
	policies = [
		PolicyConditions("Default", is_default=True, channel="Phone"),
		PolicyConditions("Any", precedence=50),
	]
	assert choose_policy(policies, FACTS) == "Any"


NOW = datetime(2026, 11, 24, 12, 0)


@pytest.mark.parametrize(
	("clock", "expected"),
	[
		(Clock(due=None), None),
		(Clock(due=NOW + timedelta(hours=2), warning_at=NOW + timedelta(hours=1)), SlaStatus.ON_TRACK),
		(Clock(due=NOW + timedelta(hours=2), warning_at=NOW), SlaStatus.AT_RISK),
		(Clock(due=NOW, warning_at=NOW - timedelta(hours=1)), SlaStatus.BREACHED),
		(Clock(due=NOW - timedelta(hours=1), paused=True), SlaStatus.PAUSED),
		(Clock(due=NOW, fulfilled_on=NOW), SlaStatus.MET),
		(Clock(due=NOW, fulfilled_on=NOW + timedelta(seconds=1)), SlaStatus.BREACHED),
	],
)
def test_sla_status(clock, expected):
	assert sla_status(clock, NOW) == expected


def test_warning_fraction():
	assert warning_fraction(None) == 0.8
	assert warning_fraction(50) == 0.5
	with pytest.raises(ValueError):
		warning_fraction(100)


def test_priorities():
	assert raised_priority("Low") == "Medium"
	assert raised_priority("Urgent") == "Urgent"
	assert higher_priority("High", "Medium") == "High"
	assert higher_priority(None, "Low") == "Low"
	assert higher_priority("", None) == "Low"
