"""Sites installed before callbacks and surveys get the seeded templates and (disabled) triggers."""

from feedback_loop.setup.default_surveys import add_default_surveys


def execute():
	add_default_surveys()
