"""Sites installed before Improvement Plans get their workflow."""

from feedback_loop.setup.workflows import add_plan_workflow


def execute():
	add_plan_workflow()
