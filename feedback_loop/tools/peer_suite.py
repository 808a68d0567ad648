"""The site state for running Frappe's and ERPNext's own tests as ours (scripts/peer-tests, on a
site made for the run): every Feedback Trigger on, as the revisit plan turns them on.

    bench --site SITE execute feedback_loop.tools.peer_suite.switch_on
"""

import frappe

from feedback_loop.services.callbacks.triggers import clear_watched_cache


def switch_on() -> None:
	frappe.db.set_value("Feedback Trigger", {"enabled": 0}, "enabled", 1)
	frappe.db.set_single_value("Feedback Settings", "revisits_paused", 0)
	frappe.db.commit()  # nosemgrep
	clear_watched_cache()
	print(f"Feedback Triggers on: {frappe.db.count('Feedback Trigger', {'enabled': 1})}")
