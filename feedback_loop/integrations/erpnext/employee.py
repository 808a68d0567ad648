"""Employee (ERPNext): a new department, status or user moves people between routing rules."""

from feedback_loop.services.triage.routing import on_people_change, sync_all_rules

on_update = on_people_change


def on_trash(doc, _method=None) -> None:
	sync_all_rules()
