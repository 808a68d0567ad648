from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.triage.customer_segment import (
	SalesHistory,
	Segment,
	SegmentThresholds,
	classify_segment,
	purchase_count,
)


def test_no_history_is_new():
	assert classify_segment(SalesHistory()) is Segment.NEW


def test_one_purchase_is_still_new():
	assert classify_segment(SalesHistory(submitted_orders=1, submitted_invoices=1)) is Segment.NEW


def test_second_purchase_makes_returning():
	assert classify_segment(SalesHistory(submitted_orders=2, submitted_invoices=1)) is Segment.RETURNING
	# Direct invoices without orders count too.
	assert classify_segment(SalesHistory(submitted_invoices=2)) is Segment.RETURNING


def test_revenue_makes_key_account():
	history = SalesHistory(submitted_invoices=1, invoiced_revenue=Decimal("150000"))
	assert classify_segment(history) is Segment.KEY_ACCOUNT


def test_thresholds_are_configurable():
	thresholds = SegmentThresholds(returning_min_purchases=5, key_account_min_revenue=Decimal("1000"))
	assert classify_segment(SalesHistory(submitted_orders=4), thresholds) is Segment.NEW
	history = SalesHistory(submitted_invoices=1, invoiced_revenue=Decimal(1000))
	assert classify_segment(history, thresholds) is Segment.KEY_ACCOUNT


def test_zero_revenue_threshold_disables_key_accounts():
	thresholds = SegmentThresholds(key_account_min_revenue=Decimal(0))
	assert classify_segment(SalesHistory(submitted_invoices=1), thresholds) is Segment.NEW


@given(
	orders=st.integers(0, 50),
	invoices=st.integers(0, 50),
	revenue=st.decimals(min_value=-1000, max_value=10**7, places=2),
)
def test_more_history_never_demotes(orders, invoices, revenue):
	order = [Segment.NEW, Segment.RETURNING, Segment.KEY_ACCOUNT]
	base = SalesHistory(orders, invoices, revenue)
	more = SalesHistory(orders + 1, invoices + 1, revenue + 1)
	assert order.index(classify_segment(more)) >= order.index(classify_segment(base))
	assert purchase_count(base) == max(orders, invoices)
