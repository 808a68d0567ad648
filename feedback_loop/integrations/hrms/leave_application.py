"""Leave Application (HRMS, where installed): leave approved or cancelled for today changes who
the routing rules assign to; the daily job catches leave that starts or ends on a later day."""

from feedback_loop.services.triage.routing import sync_all_rules


def on_change(_doc, _method=None) -> None:
	sync_all_rules()
