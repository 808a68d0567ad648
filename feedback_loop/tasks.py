"""Scheduler entry points: each one set-based and idempotent (see the services they call)."""

from feedback_loop.services.sla_sweep import sweep


def sweep_sla() -> None:
	sweep()
