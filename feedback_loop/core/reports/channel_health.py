"""Channel Health: is every channel working, and does what it brings help?

Per channel: weekly volume over the period, zeros included; its share of all feedback against
its usual share (the weeks before the period), flagged when one channel carries more than 40 % or
a channel falls under a tenth of its usual share (a form that broke, a number nobody answers);
and the quality of what it brings: the share with every key fact its type needs
(core/intake/key_facts.py), and the shares closed as Invalid or as a Duplicate.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from feedback_loop.core.reports.periods import CHANNEL_SHARE_FLAG

#: Under this fraction of its usual share a channel is flagged as fallen.
FALLEN_BELOW_USUAL = 0.10


class Flag(str, Enum):
	DOMINANT = "Over 40 % of all feedback"
	FALLEN = "Under 10 % of its usual share"


@dataclass(frozen=True)
class ChannelCounts:
	"""What the database counted for one channel in the period."""

	total: int = 0
	complete: int = 0
	invalid: int = 0
	duplicate: int = 0


@dataclass(frozen=True)
class ChannelHealth:
	channel: str
	weekly: tuple[int, ...]
	total: int
	#: of all feedback in the period; None when the period had none
	share: float | None
	#: of all feedback in the weeks before; None when they had none
	usual_share: float | None
	flags: tuple[Flag, ...]
	complete: float | None
	invalid: float | None
	duplicate: float | None


def channel_health(
	channels: Iterable[str],
	weeks: Sequence[str],
	weekly: Mapping[tuple[str, str], int],
	counts: Mapping[str, ChannelCounts],
	usual: Mapping[str, int],
) -> list[ChannelHealth]:
	"""Every channel given, busiest first; `weekly` maps (channel, week) to a count and may omit
	zeros; `usual` is each channel's count in the weeks before the period."""
	total = sum(c.total for c in counts.values())
	usual_total = sum(usual.values())
	out = []
	for channel in channels:
		own = counts.get(channel, ChannelCounts())
		share = own.total / total if total else None
		usual_share = usual.get(channel, 0) / usual_total if usual_total else None
		flags = []
		if share is not None and share > CHANNEL_SHARE_FLAG:
			flags.append(Flag.DOMINANT)
		if usual_share and (share or 0.0) < FALLEN_BELOW_USUAL * usual_share:
			flags.append(Flag.FALLEN)
		out.append(
			ChannelHealth(
				channel=channel,
				weekly=tuple(weekly.get((channel, week), 0) for week in weeks),
				total=own.total,
				share=share,
				usual_share=usual_share,
				flags=tuple(flags),
				complete=own.complete / own.total if own.total else None,
				invalid=own.invalid / own.total if own.total else None,
				duplicate=own.duplicate / own.total if own.total else None,
			)
		)
	return sorted(out, key=lambda h: (-h.total, -(h.usual_share or 0.0), h.channel))


def shown_channels(all_channels: Sequence[str], seen: Iterable[str], every: bool) -> list[str]:
	"""The channels a report lists: every known channel, or those with feedback in the period or
	the weeks before it (a channel that went silent stays listed, with its zeros)."""
	if every:
		return list(all_channels)
	seen = set(seen)
	return [c for c in all_channels if c in seen] + sorted(seen - set(all_channels))
