"""Scheduler entry points: each one set-based and idempotent (see the services they call), and
each in the site's language."""

import functools
from collections.abc import Callable

from feedback_loop.services import (
	anonymisation,
	callback_sender,
	callback_triggers,
	category_training,
	plan_tracking,
	plan_verification,
	triage,
)
from feedback_loop.services.site_language import use_site_language
from feedback_loop.services.sla_sweep import sweep


def _in_site_language(job: Callable[[], None]) -> Callable[[], None]:
	@functools.wraps(job)
	def run() -> None:
		use_site_language()
		job()

	return run


@_in_site_language
def sweep_sla() -> None:
	sweep()


@_in_site_language
def retry_feedback_analysis() -> None:
	triage.retry_pending_analysis()


@_in_site_language
def retrain_category_model() -> None:
	category_training.retrain_category_model()


@_in_site_language
def send_overdue_action_alerts() -> None:
	plan_tracking.send_overdue_alerts()


@_in_site_language
def send_improvement_digest() -> None:
	plan_tracking.send_weekly_digest()


@_in_site_language
def verify_improvement_plans() -> None:
	plan_verification.verify_due_plans()


@_in_site_language
def send_due_callbacks() -> None:
	callback_sender.run()


@_in_site_language
def schedule_periodic_checkins() -> None:
	callback_triggers.schedule_periodic_checkins()


@_in_site_language
def anonymise_expired_personal_data() -> None:
	anonymisation.anonymise_expired()
