"""Scheduler entry points: each one set-based and idempotent (see the services they call)."""

from feedback_loop.services import (
	anonymisation,
	callback_sender,
	callback_triggers,
	category_training,
	plan_tracking,
	plan_verification,
	triage,
)
from feedback_loop.services.sla_sweep import sweep


def sweep_sla() -> None:
	sweep()


def retry_feedback_analysis() -> None:
	triage.retry_pending_analysis()


def retrain_category_model() -> None:
	category_training.retrain_category_model()


def send_overdue_action_alerts() -> None:
	plan_tracking.send_overdue_alerts()


def send_improvement_digest() -> None:
	plan_tracking.send_weekly_digest()


def verify_improvement_plans() -> None:
	plan_verification.verify_due_plans()


def send_due_callbacks() -> None:
	callback_sender.run()


def schedule_periodic_checkins() -> None:
	callback_triggers.schedule_periodic_checkins()


def anonymise_expired_personal_data() -> None:
	anonymisation.anonymise_expired()
