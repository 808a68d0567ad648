"""User (Frappe): enabling, disabling or changing the roles of a user may move them into or out
of the routing rules (services/triage/routing.py), and a portal customer completes a setup step."""

from feedback_loop.services.onboarding.setup_state import refresh_onboarding
from feedback_loop.services.triage.routing import on_people_change


def on_update(doc, method=None) -> None:
	on_people_change(doc, method)
	if doc.user_type == "Website User" or doc.has_value_changed("enabled"):
		refresh_onboarding()
