"""Sites installed before the SLA engine get its default policy and the editable priority matrix."""

from feedback_loop.setup.install import add_default_settings, add_default_sla_policy


def execute():
	add_default_settings()
	add_default_sla_policy()
