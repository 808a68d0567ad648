"""A Frappe Workflow described as data: its states, who may edit in each, and its transitions.

The lifecycles of improvement plans and root cause analyses (core/plans/lifecycle.py,
core/rca/lifecycle.py) are written in these terms; setup/workflows.py installs them, and
`next_step_blocked` tells a reader who sees no button why (services/next_step.py).
"""

from collections.abc import Collection, Iterable
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


@dataclass(frozen=True)
class NextStepBlocked:
	"""Why the reader may take none of the next steps of a document, or some not."""

	#: the steps the reader may not take, in the workflow's order
	actions: tuple[str, ...]
	#: the roles that may take them
	roles: tuple[str, ...]
	#: the reader holds such a role but created the document, and these steps need someone else
	authored: bool = False


def next_step_blocked(
	transitions: Iterable[Transition],
	state: str,
	roles: Collection[str],
	*,
	is_author: bool,
	ignore_roles: Collection[str] = (),
) -> NextStepBlocked | None:
	"""What to tell a reader who does not see a step's button, as Frappe decides who sees it (the
	transition's role; not its author unless it allows self-approval).

	`transitions` are those whose condition holds for the document. Guarantees: None when no step
	leads on from `state` (steps of `ignore_roles`, which the system takes, left out) or when the
	reader may take every one; the steps that only the author's own role could take, when there
	are any (a reviewer who wrote the analysis still sees Reject, not Validate); else every step,
	when the reader may take none; else None (the reader has steps to take).
	"""
	steps = [t for t in transitions if t.state == state and t.allowed not in ignore_roles]
	actions = tuple(dict.fromkeys(t.action for t in steps))

	def may(t: Transition) -> bool:
		return t.allowed in roles and (bool(t.allow_self_approval) or not is_author)

	def roles_of(names: tuple[str, ...]) -> tuple[str, ...]:
		return tuple(dict.fromkeys(t.allowed for t in steps if t.action in names))

	blocked = tuple(a for a in actions if not any(may(t) for t in steps if t.action == a))
	if not blocked:
		return None
	authored = tuple(a for a in blocked if any(t.allowed in roles for t in steps if t.action == a))
	if authored:
		return NextStepBlocked(authored, roles_of(authored), authored=True)
	if len(blocked) < len(actions):
		return None
	return NextStepBlocked(blocked, roles_of(blocked))
