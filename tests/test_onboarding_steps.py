"""Each setup step is done by the site's state alone, and a fresh site has almost nothing done."""

from dataclasses import replace

from feedback_loop.core.onboarding.steps import STEPS, SetupFacts, Step, done_steps


def test_a_fresh_site_has_only_the_seeded_revisits_done():
	done = done_steps(SetupFacts(enabled_triggers=4))
	assert [step for step in STEPS if done[step]] == [Step.REVISITS]


def test_each_fact_completes_its_step():
	base = SetupFacts()
	cases = {
		Step.EMAIL: {"outgoing_email_accounts": 1},
		Step.SMS_WECHAT: {"sms_gateway_set": True},
		Step.CALENDAR: {"calendar_covers_today": True},
		Step.ROUTING: {"rules_with_agents": 2},
		Step.PORTAL: {"anonymous_web_feedback": True},
		Step.DIGESTS: {"digests_with_recipients": 1},
		Step.FIRST_FEEDBACK: {"feedback_records": 1},
	}
	for step, change in cases.items():
		done = done_steps(replace(base, **change))
		assert done[step], step
		assert sum(done.values()) == 1, step


def test_a_wechat_account_also_connects_a_channel_and_paused_revisits_undo_their_step():
	assert done_steps(SetupFacts(wechat_sources_with_credentials=1))[Step.SMS_WECHAT]
	assert not done_steps(SetupFacts(enabled_triggers=3, revisits_paused=True))[Step.REVISITS]
