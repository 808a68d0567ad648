"""Lifecycle of a Root Cause Analysis: its approval workflow as data.

Draft → In Analysis → Under Review → Validated / Rejected. Only a Quality Analyst or a Feedback
Manager moves an analysis on; whether its author may also validate it is a Feedback Setting.
"""

from feedback_loop.core.workflow import Transition, WorkflowSpec

WORKFLOW = "Root Cause Analysis"
ANALYSTS = ("Quality Analyst", "Feedback Manager")
VALIDATE_ACTION = "Validate"
VALIDATED = "Validated"
UNDER_REVIEW = "Under Review"
#: States in which an analysis must be complete: it is being reviewed, or it was validated.
COMPLETE_STATES = (UNDER_REVIEW, VALIDATED)

STATES = {
	"Draft": ("", "Quality Analyst"),
	"In Analysis": ("Primary", "Quality Analyst"),
	"Under Review": ("Warning", "Feedback Manager"),
	"Validated": ("Success", "Feedback Manager"),
	"Rejected": ("Danger", "Feedback Manager"),
}
#: (from, action, to)
STEPS = [
	("Draft", "Start Analysis", "In Analysis"),
	("In Analysis", "Submit for Review", "Under Review"),
	("Under Review", "Validate", "Validated"),
	("Under Review", "Reject", "Rejected"),
	("Under Review", "Send Back", "In Analysis"),
	("Rejected", "Reopen", "In Analysis"),
	("Validated", "Reopen", "In Analysis"),
]


def rca_workflow_spec(self_validation: int = 0) -> WorkflowSpec:
	"""Every step for both analyst roles; only Validate depends on whether authors may validate."""
	return WorkflowSpec(
		name=WORKFLOW,
		doctype="Root Cause Analysis",
		states=STATES,
		transitions=[
			Transition(
				state,
				action,
				next_state,
				role,
				allow_self_approval=self_validation if action == VALIDATE_ACTION else 1,
			)
			for state, action, next_state in STEPS
			for role in ANALYSTS
		],
	)
