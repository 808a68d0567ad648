"""Scheduler entry points: each one set-based and idempotent (see the services they call)."""

from feedback_loop.services import category_training, plan_tracking, plan_verification, triage
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
