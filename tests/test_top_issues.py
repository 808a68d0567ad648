import pytest

from feedback_loop.core.reports.top_issues import rank, terms_label, top_terms


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
