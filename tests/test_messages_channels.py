"""Which channel a message to a customer takes, and what it does after each attempt."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.messages.channels import (
	DEFAULT_ORDER,
	MAX_ATTEMPTS_PER_CHANNEL,
	Attempt,
	Channel,
	Result,
	channel_order,
	learned_channel,
	next_step,
	parse_order,
)

NOW = datetime(2026, 12, 7, 10, 0)
ALL = set(Channel)


def test_preferred_then_learned_then_configured_and_only_what_reaches_the_customer():
	assert channel_order(reachable=ALL) == DEFAULT_ORDER
	assert channel_order(reachable=ALL, preferred="Email") == (Channel.EMAIL, Channel.WECHAT, Channel.SMS)
	assert channel_order(reachable=ALL, learned=Channel.SMS) == (Channel.SMS, Channel.WECHAT, Channel.EMAIL)
	assert channel_order(reachable={Channel.SMS, Channel.EMAIL}, preferred="WeChat") == (
		Channel.SMS,
		Channel.EMAIL,
	)
	assert channel_order(reachable=set()) == ()


def test_a_configured_order_keeps_every_channel_whatever_was_typed():
	assert parse_order("email\nsms") == (Channel.EMAIL, Channel.SMS, Channel.WECHAT)
	assert parse_order("e-mail\nFax\nSMS\nsms") == (Channel.EMAIL, Channel.SMS, Channel.WECHAT)
	assert parse_order(None) == DEFAULT_ORDER


def test_only_channels_we_can_answer_through_are_learned():
	assert learned_channel("WeChat") is Channel.WECHAT
	assert learned_channel("SMS") is Channel.SMS
	assert learned_channel("Email") is Channel.EMAIL
	assert learned_channel("Desk") is None
	assert learned_channel(None) is None


def attempt(channel, result, minutes_ago=0):
	return Attempt(channel, result, NOW - timedelta(minutes=minutes_ago), "why")


def test_a_passing_failure_waits_its_backoff_then_tries_the_same_channel():
	order = (Channel.WECHAT, Channel.EMAIL)
	assert next_step(order, [], NOW).send is Channel.WECHAT
	waiting = next_step(order, [attempt(Channel.WECHAT, Result.RETRY, 5)], NOW)
	assert waiting.send is None and waiting.wait_until == NOW + timedelta(minutes=5)
	assert next_step(order, [attempt(Channel.WECHAT, Result.RETRY, 10)], NOW).send is Channel.WECHAT


def test_a_channel_that_cannot_reach_the_customer_hands_over_at_once():
	order = (Channel.WECHAT, Channel.SMS, Channel.EMAIL)
	history = [attempt(Channel.WECHAT, Result.NEXT)]
	assert next_step(order, history, NOW).send is Channel.SMS


def test_after_its_retries_a_channel_hands_over_and_with_none_left_the_message_fails():
	order = (Channel.SMS, Channel.EMAIL)
	history = [attempt(Channel.SMS, Result.RETRY, 500) for _ in range(MAX_ATTEMPTS_PER_CHANNEL)]
	assert next_step(order, history, NOW).send is Channel.EMAIL
	history.append(attempt(Channel.EMAIL, Result.NEXT))
	step = next_step(order, history, NOW)
	assert step.failed and step.gave_up == tuple(history)
	assert next_step((), [], NOW).failed


def test_a_sent_message_is_done():
	step = next_step((Channel.SMS,), [attempt(Channel.SMS, Result.SENT)], NOW)
	assert step.done and not step.failed and step.send is None


outcomes = st.lists(
	st.tuples(st.sampled_from(list(Channel)), st.sampled_from([Result.RETRY, Result.NEXT])), max_size=12
)


@given(st.permutations(list(Channel)), outcomes)
def test_no_channel_is_tried_after_it_said_next_or_more_than_its_attempts(order, results):
	history = [Attempt(c, r, NOW - timedelta(days=1)) for c, r in results]
	step = next_step(tuple(order), history, NOW)
	if step.send is not None:
		tries = [a for a in history if a.channel == step.send]
		assert len(tries) < MAX_ATTEMPTS_PER_CHANNEL
		assert not tries or tries[-1].result is Result.RETRY
		# Channels before it in the order are used up.
		for earlier in order[: order.index(step.send)]:
			done = [a for a in history if a.channel == earlier]
			assert done and (done[-1].result is Result.NEXT or len(done) >= MAX_ATTEMPTS_PER_CHANNEL)
	else:
		assert step.failed
