"""Scheduler entry points: each one set-based and idempotent (see the services they call)."""

from feedback_loop.services import category_training, triage
from feedback_loop.services.sla_sweep import sweep


def sweep_sla() -> None:
	sweep()


def retry_feedback_analysis() -> None:
	triage.retry_pending_analysis()


def retrain_category_model() -> None:
	category_training.retrain_category_model()
