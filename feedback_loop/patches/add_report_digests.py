"""Sites installed before the weekly and monthly report e-mails were seeded."""

from feedback_loop.setup.digests import add_digests


def execute():
	add_digests()
