"""Customer segment from real sales history: New, Returning or Key Account."""

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Segment(str, Enum):
	NEW = "New"
	RETURNING = "Returning"
	KEY_ACCOUNT = "Key Account"


SEGMENTS: tuple[str, ...] = tuple(s.value for s in Segment)


@dataclass(frozen=True)
class SegmentThresholds:
	#: Purchases (submitted orders or invoices) from which a customer counts as returning.
	returning_min_purchases: int = 2
	#: Net invoiced revenue (company currency) in the look-back window that makes a key account.
	key_account_min_revenue: Decimal = Decimal("100000")
	key_account_min_purchases: int = 1


@dataclass(frozen=True)
class SalesHistory:
	submitted_orders: int = 0
	submitted_invoices: int = 0
	#: Net of credit notes, so a customer who returned everything is not a key account.
	invoiced_revenue: Decimal = Decimal(0)


def purchase_count(history: SalesHistory) -> int:
	"""Purchases made: an order and its invoice are one purchase, an invoice without order another.

	Counting the larger of the two avoids double-counting ordered-and-invoiced sales while
	still seeing direct invoices (POS, counter sales) that have no order.
	"""
	return max(history.submitted_orders, history.submitted_invoices)


def classify_segment(history: SalesHistory, thresholds: SegmentThresholds = SegmentThresholds()) -> Segment:
	"""Guarantees: Key Account needs the revenue threshold; Returning needs the purchase count;
	everyone else, including a customer with no history, is New."""
	purchases = purchase_count(history)
	if (
		thresholds.key_account_min_revenue > 0
		and Decimal(history.invoiced_revenue) >= thresholds.key_account_min_revenue
		and purchases >= thresholds.key_account_min_purchases
	):
		return Segment.KEY_ACCOUNT
	if purchases >= thresholds.returning_min_purchases:
		return Segment.RETURNING
	return Segment.NEW
