"""Priority rules on top of the matrix: each raises what it should, says why, and never lowers."""

from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.triage.priority_matrix import IMPACTS, PRIORITIES, URGENCIES, priority_for
from feedback_loop.core.triage.priority_rules import (
	PriorityFacts,
	PriorityRuleSettings,
	Rule,
	counted_up_to,
	decide_priority,
	parse_words,
	words_in,
)

_RANK = {p: i for i, p in enumerate(("Low", "Medium", "High", "Urgent"))}


def rules(decision):
	return [r.rule for r in decision.applied]


def test_nothing_said_is_the_matrix():
	decision = decide_priority(PriorityFacts(impact="One Customer", urgency="Medium"))
	assert decision.priority.value == "Low"
	assert rules(decision) == [Rule.MATRIX]


def test_strongly_negative_refund_demand_raises_urgency_once():
	facts = PriorityFacts(text="包裹破损，等了三天才到，要求退款", sentiment_score=-1.0)
	decision = decide_priority(facts)
	assert decision.urgency.value == "High"
	assert decision.priority.value == "Medium"
	(words,) = [r for r in decision.applied if r.rule is Rule.URGENT_WORDS]
	assert (words.before, words.after) == ("Medium", "High")
	assert words.details == {"sentiment": -1.0, "words": "退款"}


def test_mildly_negative_text_without_demand_changes_nothing():
	decision = decide_priority(PriorityFacts(text="a bit slow", sentiment_score=-0.3))
	assert rules(decision) == [Rule.MATRIX]


def test_english_words_match_whole_words_only():
	assert words_in("I will sue you", ("sue",)) == ("sue",)
	assert words_in("there is an issue", ("sue",)) == ()
	assert words_in("I want a REFUND now", ("refund",)) == ("refund",)


def test_survey_score_at_threshold_is_at_least_high():
	decision = decide_priority(PriorityFacts(csat=2))
	assert decision.priority.value == "High"
	(low,) = [r for r in decision.applied if r.rule is Rule.LOW_SCORE]
	assert low.details == {"score": "CSAT", "value": 2, "limit": 2}
	assert decide_priority(PriorityFacts(csat=3)).priority.value == "Low"
	assert decide_priority(PriorityFacts(nps=6)).priority.value == "High"


def test_low_score_rule_can_be_switched_off():
	decision = decide_priority(PriorityFacts(csat=1), PriorityRuleSettings(raise_on_low_score=False))
	assert decision.priority.value == "Low"


def test_safety_words_are_only_suggested_until_confirmed():
	facts = PriorityFacts(text="充电器冒烟了，孩子差点受伤")
	suggested = decide_priority(facts)
	assert suggested.priority.value == "Low"
	assert suggested.safety_suggested
	assert suggested.safety_evidence == ("受伤", "冒烟")
	confirmed = decide_priority(PriorityFacts(text=facts.text, safety_confirmed=True))
	assert confirmed.priority.value == "Urgent"
	assert not confirmed.safety_suggested
	assert Rule.SAFETY in rules(confirmed)


def test_a_safety_category_is_suggested_and_a_dismissal_is_remembered():
	facts = PriorityFacts(category="Safety Hazard", category_is_safety=True)
	assert decide_priority(facts).safety_evidence == ("Safety Hazard",)
	dismissed = PriorityFacts(category="Safety Hazard", category_is_safety=True, safety_dismissed=True)
	assert not decide_priority(dismissed).safety_suggested


def test_key_account_raises_urgency_and_segments_are_configurable():
	assert decide_priority(PriorityFacts(customer_segment="Key Account")).priority.value == "Medium"
	assert decide_priority(PriorityFacts(customer_segment="New")).priority.value == "Low"
	settings = PriorityRuleSettings(segment_steps={"Returning": 2})
	decision = decide_priority(PriorityFacts(customer_segment="Returning"), settings)
	assert decision.urgency.value == "Critical"
	assert decision.priority.value == "High"


def test_same_customer_again_raises_impact():
	decision = decide_priority(PriorityFacts(same_customer_reports=2, window_days=30))
	assert decision.impact.value == "Several Customers"
	(repeated,) = [r for r in decision.applied if r.rule is Rule.REPEATED]
	assert repeated.details == {"reports": 3, "days": 30}


def test_many_customers_raise_impact_by_threshold():
	assert decide_priority(PriorityFacts(customers_reporting=2)).impact.value == "One Customer"
	assert decide_priority(PriorityFacts(customers_reporting=3)).impact.value == "Several Customers"
	assert decide_priority(PriorityFacts(customers_reporting=10)).impact.value == "Many Customers"
	# A repeat already made it Several: ten customers still raise it to Many, never lower.
	both = decide_priority(PriorityFacts(same_customer_reports=1, customers_reporting=3))
	assert both.impact.value == "Several Customers"
	assert Rule.MANY_CUSTOMERS not in rules(both)


def test_a_count_that_stopped_at_its_limit_says_or_more():
	decision = decide_priority(
		PriorityFacts(
			same_customer_reports=10,
			same_customer_reports_or_more=True,
			customers_reporting=11,
			customers_reporting_or_more=True,
			category="Late Delivery",
			window_days=30,
		)
	)
	assert decision.impact.value == "Many Customers"
	details = {r.rule: dict(r.details) for r in decision.applied}
	assert details[Rule.REPEATED] == {"reports": 11, "days": 30, "or_more": True}
	assert details[Rule.MANY_CUSTOMERS] == {
		"customers": 11,
		"category": "Late Delivery",
		"days": 30,
		"or_more": True,
	}


def test_counts_go_as_far_as_the_highest_mark_and_never_less_than_ten():
	assert counted_up_to(PriorityRuleSettings()) == 10
	assert counted_up_to(PriorityRuleSettings(several_customers_at=5, many_customers_at=40)) == 40
	assert counted_up_to(PriorityRuleSettings(several_customers_at=0, many_customers_at=0)) == 10


def test_escalation_floor_is_kept():
	decision = decide_priority(PriorityFacts(floor="High"))
	assert decision.priority.value == "High"
	assert rules(decision)[-1] is Rule.ESCALATION


def test_parse_words_falls_back_to_defaults():
	assert parse_words("退款\nrefund, cancel，投诉", ("x",)) == ("退款", "refund", "cancel", "投诉")
	assert parse_words("  \n", ("x",)) == ("x",)


@given(
	impact=st.sampled_from(IMPACTS),
	urgency=st.sampled_from(URGENCIES),
	floor=st.sampled_from((None, *PRIORITIES)),
	score=st.one_of(st.none(), st.floats(-1, 1)),
	csat=st.one_of(st.none(), st.integers(1, 5)),
	segment=st.sampled_from((None, "New", "Returning", "Key Account")),
	reports=st.integers(0, 3),
	customers=st.integers(0, 20),
	confirmed=st.booleans(),
	text=st.sampled_from(("", "退款", "受伤", "fine")),
)
def test_rules_never_lower_the_matrix_or_the_floor(
	impact, urgency, floor, score, csat, segment, reports, customers, confirmed, text
):
	facts = PriorityFacts(
		impact=impact,
		urgency=urgency,
		floor=floor,
		sentiment_score=score,
		csat=csat,
		customer_segment=segment,
		same_customer_reports=reports,
		customers_reporting=customers,
		safety_confirmed=confirmed,
		text=text,
	)
	decision = decide_priority(facts)
	assert _RANK[decision.priority.value] >= _RANK[priority_for(impact, urgency).value]
	if floor:
		assert _RANK[decision.priority.value] >= _RANK[floor]
	if confirmed:
		assert decision.priority.value == "Urgent"
	# Deciding again from the same facts gives the same answer: no save raises twice.
	assert decide_priority(facts) == decision


def test_rules_switched_off_leave_the_matrix_safety_and_floor():
	off = PriorityRuleSettings(enabled=False)
	facts = PriorityFacts(
		text="退款 受伤", sentiment_score=-1, csat=1, customer_segment="Key Account", customers_reporting=20
	)
	decision = decide_priority(facts, off)
	assert decision.priority.value == "Low"
	assert rules(decision) == [Rule.MATRIX]
	assert not decision.safety_suggested
	confirmed = PriorityFacts(safety_confirmed=True, floor="High")
	assert decide_priority(confirmed, off).priority.value == "Urgent"
