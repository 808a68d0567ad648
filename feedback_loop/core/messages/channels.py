"""Which channel a message to a customer goes through, and what happens after each attempt.

A message tries the customer's channels in order — the one they prefer, the one they reached us
through, then the site's configured order (WeChat → SMS → e-mail unless changed) — skipping any
that cannot reach them. A channel that failed for a passing reason (gateway down, rate limit) is
tried again with backoff; one that cannot reach the customer at all (unknown WeChat user, wrong
credentials, an answer that says the message was refused) hands the message to the next channel
at once. When no channel is left the message has failed, with every channel's reason.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from feedback_loop.core.callbacks.schedule import BACKOFF_MINUTES, next_attempt


class Channel(str, Enum):
	WECHAT = "WeChat"
	SMS = "SMS"
	EMAIL = "Email"


CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
DEFAULT_ORDER: tuple[Channel, ...] = (Channel.WECHAT, Channel.SMS, Channel.EMAIL)
#: Attempts on one channel before a passing failure counts as that channel failing.
MAX_ATTEMPTS_PER_CHANNEL = len(BACKOFF_MINUTES)

#: The intake channels through which a customer showed they read a channel of ours.
_LEARNED = {"WeChat": Channel.WECHAT, "SMS": Channel.SMS, "Email": Channel.EMAIL}


class Result(str, Enum):
	SENT = "Sent"
	#: A passing failure: the same channel again, later.
	RETRY = "Retry"
	#: This channel cannot reach the customer now: the next one, at once.
	NEXT = "Next Channel"


@dataclass(frozen=True)
class Outcome:
	result: Result
	#: What happened, for the agent and the log ("WeChat 40003: unknown user").
	reason: str = ""
	#: The provider's id of the message (WeChat msgid, the SMS gateway's id) when it gave one.
	provider_id: str | None = None


@dataclass(frozen=True)
class Attempt:
	channel: Channel
	result: Result
	at: datetime
	reason: str = ""


def parse_order(text: str | None) -> tuple[Channel, ...]:
	"""A configured order, one channel per line; unknown lines are left out, and a channel left
	unnamed comes after the named ones in the default order, so none is lost by a typo."""
	named = []
	for line in (text or "").splitlines():
		value = line.strip().lower().replace("-", "")
		channel = next((c for c in Channel if c.value.lower().replace("-", "") == value), None)
		if channel and channel not in named:
			named.append(channel)
	return (*named, *(c for c in DEFAULT_ORDER if c not in named))


def learned_channel(intake_channel: str | None) -> Channel | None:
	"""The channel a customer used to reach us, when it is one we can answer through."""
	return _LEARNED.get(intake_channel or "")


def channel_order(
	*,
	reachable: Iterable[Channel],
	preferred: str | None = None,
	learned: Channel | None = None,
	configured: Sequence[Channel] = DEFAULT_ORDER,
) -> tuple[Channel, ...]:
	"""Preferred first, then the learned one, then the configured order; each once, and only
	those that can reach the customer (an address, a number or a WeChat user, and a channel the
	site has set up)."""
	reach = set(reachable)
	ordered = []
	for channel in (_as_channel(preferred), learned, *configured):
		if channel in reach and channel not in ordered:
			ordered.append(channel)
	return tuple(ordered)


@dataclass(frozen=True)
class Step:
	#: The channel to send through now; None when waiting or given up.
	send: Channel | None = None
	#: When to look again (a passing failure's backoff); None when sending or given up.
	wait_until: datetime | None = None
	#: Every channel tried and why it failed, when no channel is left.
	gave_up: tuple[Attempt, ...] = ()
	#: Already sent: nothing to do.
	done: bool = False

	@property
	def failed(self) -> bool:
		return not self.done and self.send is None and self.wait_until is None


def next_step(order: Sequence[Channel], history: Sequence[Attempt], now: datetime) -> Step:
	"""What a message does next, given its channel order and the attempts so far.

	Guarantees: a channel whose last attempt said NEXT is never tried again; a channel is tried
	at most MAX_ATTEMPTS_PER_CHANNEL times, each passing failure waiting its backoff (10 min,
	1 h, 6 h); channels are tried in order; with nothing left the step has failed and carries
	the whole history. A message already sent is done.
	"""
	for channel in order:
		tries = [a for a in history if a.channel == channel]
		if any(a.result is Result.SENT for a in tries):
			return Step(done=True)
		if tries and tries[-1].result is Result.NEXT:
			continue
		if len(tries) >= MAX_ATTEMPTS_PER_CHANNEL:
			continue
		if not tries:
			return Step(send=channel)
		again = next_attempt(tries[-1].at, len(tries))
		if again is None or again <= now:
			return Step(send=channel)
		return Step(wait_until=again)
	return Step(gave_up=tuple(history))


def _as_channel(value: str | None) -> Channel | None:
	try:
		return Channel(value) if value else None
	except ValueError:
		return None
