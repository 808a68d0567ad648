"""Assignment Rule (Frappe): a routing rule's users follow its department when it is saved, the
catch-all rule gives way to the top-level categories some department takes, and the routing setup
step reads the rules."""

from feedback_loop.services.onboarding.setup_state import refresh_onboarding
from feedback_loop.services.triage.routing import on_rule_change, on_rule_validate

validate = on_rule_validate


def on_update(doc, method=None) -> None:
	on_rule_change(doc, method)
	refresh_onboarding()


on_trash = on_update
