"""Who sees which Feedback Records.

One rule, used by both the list-view condition and the single-document check, so that the
two can never disagree.
"""

from collections.abc import Callable
from enum import Enum

#: Roles that work on feedback as such and see every record.
FEEDBACK_ROLES = frozenset({"Feedback Manager", "Feedback Agent", "Quality Analyst", "System Manager"})

#: Roles outside the feedback team that may record feedback for the customers they serve.
CUSTOMER_FACING_ROLES = frozenset({"Sales User", "Support Team"})


class Scope(str, Enum):
	ALL = "all"
	#: The customers the user may read (Frappe's user permissions on Customer decide which).
	READABLE_CUSTOMERS = "readable_customers"
	#: Only what the user recorded: a role that may not read customers at all.
	OWN = "own"
	NONE = "none"


def feedback_scope(
	roles: set[str] | frozenset[str], *, can_read_customers: bool | Callable[[], bool]
) -> Scope:
	"""`can_read_customers` may be a question asked only when the roles leave it open: the shell's
	answer is a permission check of its own, which the feedback team's roles never need."""
	if roles & FEEDBACK_ROLES or "Administrator" in roles:
		return Scope.ALL
	if roles & CUSTOMER_FACING_ROLES:
		readable = can_read_customers() if callable(can_read_customers) else can_read_customers
		return Scope.READABLE_CUSTOMERS if readable else Scope.OWN
	return Scope.NONE
