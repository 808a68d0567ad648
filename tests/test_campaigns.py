from datetime import date

import pytest

from feedback_loop.core.campaigns.campaign import (
	MAX_TARGETS,
	CampaignProblem,
	Revisit,
	campaign_figures,
	campaign_problems,
	start_problem,
)

MAY_1, MAY_31 = date(2026, 5, 1), date(2026, 5, 31)


def test_a_campaign_names_a_period_in_order_and_an_incentive_that_applies_with_a_coupon():
	assert campaign_problems(MAY_1, MAY_31, pricing_rule_coupon_based=None) == []
	assert campaign_problems(MAY_1, MAY_31, pricing_rule_coupon_based=True) == []
	assert campaign_problems(MAY_31, MAY_1, pricing_rule_coupon_based=False) == [
		CampaignProblem.ENDS_BEFORE_START,
		CampaignProblem.NOT_COUPON_BASED,
	]


@pytest.mark.parametrize(
	("status", "today", "targets", "problem"),
	[
		("Draft", MAY_1, 10, None),
		("Running", MAY_1, 10, CampaignProblem.NOT_DRAFT),
		("Draft", date(2026, 6, 1), 10, CampaignProblem.ALREADY_OVER),
		("Draft", MAY_1, 0, CampaignProblem.NO_TARGETS),
		("Draft", MAY_1, MAX_TARGETS + 1, CampaignProblem.TOO_MANY_TARGETS),
	],
)
def test_when_a_campaign_may_start(status, today, targets, problem):
	assert start_problem(status, MAY_31, today, targets) == problem


def test_figures_from_the_campaigns_revisits():
	figures = campaign_figures(
		[
			Revisit("Responded", csat=1, coupon="C1", raised_feedback=True, category="Packaging"),
			Revisit("Responded", csat=2, coupon="C2", raised_feedback=True, category="Packaging"),
			Revisit("Responded", csat=5, coupon="C3"),
			Revisit("Responded", csat=3, raised_feedback=True, category="Delivery"),
			Revisit("Sent"),
			Revisit("No Response"),
			Revisit("Scheduled"),
			Revisit("Failed"),
		]
	)
	assert (figures.targeted, figures.sent, figures.answered) == (8, 6, 4)
	assert figures.response_rate == pytest.approx(4 / 6)
	assert (figures.csat, figures.coupons, figures.feedback) == (2.75, 3, 3)
	assert figures.findings == (("Packaging", 2), ("Delivery", 1))


def test_nothing_sent_yet_has_no_rate():
	figures = campaign_figures([Revisit("Scheduled")])
	assert (figures.response_rate, figures.csat, figures.findings) == (None, None, ())
