import pytest

from feedback_loop.core.reports.top_issues import examples, rank, terms_label, top_terms


def test_rank_shares_flag_negative_share_and_change():
	issues = rank(
		{"Late Delivery": 50, "Damaged": 30, "Rude Staff": 10, "Price": 9, "Other": 1},
		negatives={"Late Delivery": 40, "Damaged": 30},
		previous={"Late Delivery": 25, "Price": 9},
		top=4,
	)
	assert [i.key for i in issues] == ["Late Delivery", "Damaged", "Rude Staff", "Price"]
	late, damaged, rude, price = issues
	assert late.share == pytest.approx(0.5) and late.high_frequency
	assert late.negative_share == pytest.approx(0.8) and late.change == pytest.approx(1.0)
	assert damaged.negative_share == 1.0 and damaged.change is None
	assert rude.share == pytest.approx(0.1) and rude.high_frequency  # exactly 10 % counts
	assert not price.high_frequency and price.change == 0.0


def test_ties_and_nothing():
	assert [i.key for i in rank({"b": 2, "a": 2}, negatives={}, previous={})] == ["a", "b"]
	assert rank({}, negatives={}, previous={}) == []
	assert rank({"a": 0}, negatives={}, previous={}) == []


def test_top_terms_per_issue_count_records_not_repeats():
	records = [
		("Other", "发票, 退款, 扣款"),
		("Other", "发票, 重复扣款"),
		("Other", "发票, 退款"),
		("Late Delivery", "快递, 三天"),
		("Late Delivery", "快递,快递 , 物流"),
		("Late Delivery", None),
	]
	terms = top_terms(records, per_issue=2)
	assert terms == {"Other": [("发票", 3), ("退款", 2)], "Late Delivery": [("快递", 2), ("三天", 1)]}
	assert terms_label(terms["Other"]) == "发票 (3), 退款 (2)"


def test_top_terms_of_nothing():
	assert top_terms([]) == {}
	assert top_terms([("Other", ""), ("Other", None)]) == {"Other": []}
	assert terms_label([]) == ""


def test_the_share_of_all_feedback_counts_the_uncategorised_too():
	issues = rank({"Logistics": 3, "Quality": 1}, negatives={}, previous={}, all_feedback=10)
	assert [(i.share, i.share_of_all) for i in issues] == [(0.75, 0.3), (0.25, 0.1)]
	assert rank({"a": 1}, negatives={}, previous={})[0].share_of_all is None


def test_examples_are_the_records_that_carry_most_of_the_issues_keywords():
	records = [
		("Logistics", "FB-5", "快递"),
		("Logistics", "FB-4", "快递, 慢, 破损"),
		("Logistics", "FB-3", "发票"),
		("Logistics", "FB-2", "快递, 慢"),
		("Logistics", "FB-1", "慢, 快递"),
		("Other", "FB-9", None),
	]
	terms = top_terms((issue, keywords) for issue, _name, keywords in records)
	found = examples(records, terms, per_issue=3)
	# Three shared terms, then two (the newer first), then one.
	assert found["Logistics"] == ["FB-4", "FB-2", "FB-1"]
	assert found["Other"] == ["FB-9"]
	assert examples([], {}) == {}
