"""Scheduler entry points (`scheduler_events` in hooks.py), by capability: each one set-based and
idempotent (see the services they call), and each in the site's language."""

import functools
from collections.abc import Callable

from feedback_loop.services.callbacks import follow_up as callback_follow_up
from feedback_loop.services.callbacks import sender as callback_sender
from feedback_loop.services.callbacks import triggers as callback_triggers
from feedback_loop.services.messages import acknowledgement, outbound
from feedback_loop.services.plans import tracking as plan_tracking
from feedback_loop.services.plans import verification as plan_verification
from feedback_loop.services.privacy import anonymisation
from feedback_loop.services.site_language import use_site_language
from feedback_loop.services.sla import sweep as sla_sweep
from feedback_loop.services.triage import analysis as triage_analysis
from feedback_loop.services.triage import arrival as triage_arrival
from feedback_loop.services.triage import category_training, routing


def _in_site_language(job: Callable[[], None]) -> Callable[[], None]:
	@functools.wraps(job)
	def run() -> None:
		use_site_language()
		job()

	return run


# Triage ------------------------------------------------------------------------------------------


@_in_site_language
def retry_feedback_analysis() -> None:
	# First the records whose triage job was lost: each is triaged and acknowledged as new.
	triage_arrival.triage_missed_records()
	triage_analysis.retry_pending_analysis()


@_in_site_language
def retrain_category_model() -> None:
	category_training.retrain_category_model()


def sync_routing_rules() -> None:
	"""Leave that starts or ends today changes who the routing rules assign to."""
	routing.sync_all_rules()


# SLA ---------------------------------------------------------------------------------------------


@_in_site_language
def sweep_sla() -> None:
	sla_sweep.sweep()


# Messages to customers ---------------------------------------------------------------------------


@_in_site_language
def send_due_messages() -> None:
	# First the records whose acknowledgement job was lost: their messages go out with the rest.
	acknowledgement.acknowledge_missed_records()
	outbound.send_due()


# Callbacks (revisits and surveys) ----------------------------------------------------------------


@_in_site_language
def send_due_callbacks() -> None:
	callback_sender.run()


@_in_site_language
def raise_missed_follow_ups() -> None:
	"""Answers whose feedback job was lost."""
	callback_follow_up.raise_missed_follow_ups()


@_in_site_language
def schedule_periodic_checkins() -> None:
	callback_triggers.schedule_periodic_checkins()


# Improvement plans -------------------------------------------------------------------------------


@_in_site_language
def send_overdue_action_alerts() -> None:
	plan_tracking.send_overdue_alerts()


@_in_site_language
def send_improvement_digest() -> None:
	plan_tracking.send_weekly_digest()


@_in_site_language
def verify_improvement_plans() -> None:
	plan_verification.verify_due_plans()


# Privacy -----------------------------------------------------------------------------------------


@_in_site_language
def anonymise_expired_personal_data() -> None:
	anonymisation.anonymise_expired()
