"""Holiday List (ERPNext): a changed list moves the due moments of the open feedback it governs,
and may complete the calendar setup step."""

from feedback_loop.services.onboarding.setup_state import refresh_onboarding
from feedback_loop.services.sla.recompute import enqueue_recompute


def on_update(doc, method=None) -> None:
	enqueue_recompute(holiday_list=doc.name)
	refresh_onboarding()
