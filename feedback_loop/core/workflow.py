"""A Frappe Workflow described as data: its states, who may edit in each, and its transitions.

The lifecycles of improvement plans and root cause analyses (core/plans/lifecycle.py,
core/rca/lifecycle.py) are written in these terms; setup/workflows.py installs them.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	allowed: str
	condition: str | None = None
	allow_self_approval: int = 1

	def as_row(self) -> dict:
		"""The transition as a row of Frappe's Workflow Transition table."""
		return {name: getattr(self, name) for name in TRANSITION_FIELDS}


TRANSITION_FIELDS = ("state", "action", "next_state", "allowed", "condition", "allow_self_approval")


@dataclass(frozen=True)
class WorkflowSpec:
	name: str
	doctype: str
	#: state → (style, the role that may edit the document while it is in this state)
	states: dict[str, tuple[str, str]]
	transitions: list[Transition] = field(default_factory=list)
	state_field: str = "workflow_state"

	@property
	def actions(self) -> tuple[str, ...]:
		return tuple(dict.fromkeys(t.action for t in self.transitions))


#: Records Frappe ships itself (its own fixtures), which the app must never delete.
FRAPPE_STATES = frozenset({"Pending", "Approved", "Rejected"})
FRAPPE_ACTIONS = frozenset({"Approve", "Reject", "Review"})


def our_states(spec: WorkflowSpec) -> tuple[str, ...]:
	"""The workflow's states that the app creates (and may remove again)."""
	return tuple(s for s in spec.states if s not in FRAPPE_STATES)


def our_actions(spec: WorkflowSpec) -> tuple[str, ...]:
	"""The workflow's actions that the app creates (and may remove again)."""
	return tuple(a for a in spec.actions if a not in FRAPPE_ACTIONS)
