"""Sites installed before Root Cause Analysis get its workflow."""

from feedback_loop.setup.workflows import add_rca_workflow


def execute():
	add_rca_workflow()
