"""Feedback Settings as every service reads them: the cached single document, and the segment
thresholds in the core's terms."""

from decimal import Decimal

import frappe

from feedback_loop.core.triage.customer_segment import SegmentThresholds


def get_feedback_settings():
	return frappe.get_cached_doc("Feedback Settings")


def segment_thresholds() -> SegmentThresholds:
	settings = get_feedback_settings()
	return SegmentThresholds(
		returning_min_purchases=settings.returning_min_purchases or 0,
		key_account_min_revenue=Decimal(str(settings.key_account_min_revenue or 0)),
	)


def segment_lookback_days() -> int:
	return get_feedback_settings().segment_lookback_days or 0
