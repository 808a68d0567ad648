"""ToDo (Frappe): an assignment of a Feedback Record added, changed or removed keeps the record's
assignee and department columns, which the reports group by, in step with Frappe's `_assign`; the
ToDo of an Improvement Plan action closed by its owner marks the action done."""

from feedback_loop.services.plans.actions import done_by_todo
from feedback_loop.services.triage.assignee import RECORD, sync_assignee


def on_change(todo, method=None) -> None:
	# Frappe has already rewritten the record's `_assign` when this runs (ToDo.on_update, on_trash).
	if todo.reference_type == RECORD and todo.reference_name:
		sync_assignee(todo.reference_name)
	if method == "on_update":
		done_by_todo(todo)
