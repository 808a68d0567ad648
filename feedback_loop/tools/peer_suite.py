"""The site state for running Frappe's and ERPNext's own tests as ours (scripts/peer-tests):
every Feedback Trigger on, as the revisit plan turns them on, and back as it was afterwards.

    bench --site SITE execute feedback_loop.tools.peer_suite.switch_on --kwargs "{'state_file': PATH}"
    bench --site SITE execute feedback_loop.tools.peer_suite.switch_back --kwargs "{'state_file': PATH}"
"""

import json
from pathlib import Path

import frappe

from feedback_loop.services.callbacks.triggers import clear_watched_cache


def switch_on(state_file: str) -> None:
	state = {
		"enabled": frappe.get_all("Feedback Trigger", filters={"enabled": 1}, pluck="name"),
		"revisits_paused": frappe.db.get_single_value("Feedback Settings", "revisits_paused"),
	}
	Path(state_file).write_text(json.dumps(state))
	frappe.db.set_value("Feedback Trigger", {"enabled": 0}, "enabled", 1)
	frappe.db.set_single_value("Feedback Settings", "revisits_paused", 0)
	frappe.db.commit()  # nosemgrep
	clear_watched_cache()
	print(f"Feedback Triggers on: {frappe.db.count('Feedback Trigger', {'enabled': 1})}")


def switch_back(state_file: str) -> None:
	state = json.loads(Path(state_file).read_text())
	frappe.db.set_value("Feedback Trigger", {"name": ("not in", state["enabled"] or [""])}, "enabled", 0)
	frappe.db.set_single_value("Feedback Settings", "revisits_paused", state["revisits_paused"])
	frappe.db.commit()  # nosemgrep
	clear_watched_cache()
	print(f"Feedback Triggers back as they were: {len(state['enabled'])} on")
