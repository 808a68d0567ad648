"""The setup steps an administrator follows on day one, and when each one is done.

A step is done by what the site holds, not by a click in the onboarding panel: an e-mail account
that can send, a gateway that can text, a calendar that covers today, agents a rule assigns to.
"""

from dataclasses import dataclass
from enum import Enum


class Step(str, Enum):
	# The Onboarding Step names (feedback_loop/onboarding_step/), in the order shown.
	EMAIL = "Connect Outgoing E-mail"
	SMS_WECHAT = "Connect SMS or WeChat"
	CALENDAR = "Set the Business Calendar and Holidays"
	ROUTING = "Route Feedback to Departments"
	REVISITS = "Choose the Revisits"
	PORTAL = "Open the Customer Portal"
	DIGESTS = "Send the Report Digests"
	FIRST_FEEDBACK = "Record the First Feedback"


STEPS: tuple[Step, ...] = tuple(Step)


@dataclass(frozen=True)
class SetupFacts:
	outgoing_email_accounts: int = 0
	sms_gateway_set: bool = False
	wechat_sources_with_credentials: int = 0
	#: The default SLA policy has a Holiday List whose dates include today.
	calendar_covers_today: bool = False
	#: Enabled routing rules whose users include a Feedback Agent (not only the fallbacks).
	rules_with_agents: int = 0
	enabled_triggers: int = 0
	revisits_paused: bool = False
	portal_customers: int = 0
	anonymous_web_feedback: bool = False
	digests_with_recipients: int = 0
	feedback_records: int = 0


def done_steps(facts: SetupFacts) -> dict[Step, bool]:
	return {
		Step.EMAIL: facts.outgoing_email_accounts > 0,
		Step.SMS_WECHAT: facts.sms_gateway_set or facts.wechat_sources_with_credentials > 0,
		Step.CALENDAR: facts.calendar_covers_today,
		Step.ROUTING: facts.rules_with_agents > 0,
		Step.REVISITS: facts.enabled_triggers > 0 and not facts.revisits_paused,
		Step.PORTAL: facts.portal_customers > 0 or facts.anonymous_web_feedback,
		Step.DIGESTS: facts.digests_with_recipients > 0,
		Step.FIRST_FEEDBACK: facts.feedback_records > 0,
	}
