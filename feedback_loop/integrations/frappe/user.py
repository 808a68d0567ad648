"""User (Frappe): enabling, disabling or changing the roles of a user may move them into or out
of the routing rules (services/triage/routing.py), and a portal customer completes a setup step.
A deleted user leaves the rules too: Frappe keeps a rule's row for them, and the rule could no
longer be saved ("Could not find User")."""

from feedback_loop.services.onboarding.setup_state import refresh_onboarding
from feedback_loop.services.triage.routing import on_people_change, sync_all_rules


def on_update(doc, method=None) -> None:
	on_people_change(doc, method)
	if doc.user_type == "Website User" or doc.has_value_changed("enabled"):
		refresh_onboarding()


def after_delete(doc, method=None) -> None:
	sync_all_rules()
