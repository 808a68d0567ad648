"""Report arithmetic shared by the feedback reports: the previous period of the same length,
period-over-period change, every period of a range (so an empty one shows as a gap), and channel
shares with the over-concentration flag."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

#: A channel bringing more than this share of all feedback is flagged: one channel dominating
#: means the others are hard to find or do not work (the seeds' 40 % rule).
CHANNEL_SHARE_FLAG = 0.40


class Grouping(str, Enum):
	DAY = "Day"
	WEEK = "Week"
	MONTH = "Month"


def previous_range(start: date, end: date) -> tuple[date, date]:
	"""The period of the same number of days just before [start, end] (both inclusive)."""
	if end < start:
		raise ValueError("the period ends before it starts")
	length = (end - start).days + 1
	return start - timedelta(days=length), start - timedelta(days=1)


def change(current: float, previous: float) -> float | None:
	"""Relative change, current against previous; None when there was nothing before."""
	if not previous:
		return None
	return (current - previous) / previous


def period_label(day: date, grouping: Grouping) -> str:
	"""The label a day falls under: 2026-11-24, 2026-W48 (ISO week), 2026-11."""
	if grouping is Grouping.DAY:
		return day.isoformat()
	if grouping is Grouping.WEEK:
		year, week, _ = day.isocalendar()
		return f"{year}-W{week:02d}"
	return f"{day.year}-{day.month:02d}"


def period_labels(start: date, end: date, grouping: Grouping) -> list[str]:
	"""Every period from the one holding `start` to the one holding `end`, in order: a period
	without data is shown as one (a gap in a chart, a row of zeros), not left out."""
	if end < start:
		raise ValueError("the period ends before it starts")
	if grouping is Grouping.DAY:
		return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
	if grouping is Grouping.WEEK:
		monday = start - timedelta(days=start.weekday())
		return [
			period_label(monday + timedelta(weeks=n), grouping) for n in range((end - monday).days // 7 + 1)
		]
	months = (end.year - start.year) * 12 + end.month - start.month
	return [
		f"{year}-{month + 1:02d}"
		for year, month in (divmod(start.year * 12 + start.month - 1 + n, 12) for n in range(months + 1))
	]


def key_label(key, grouping: Grouping) -> str:
	"""The label of a period key as the database computes it cheaply: a date for days, the ISO
	year and week as one number (202648) for weeks, year and month (202611) for months."""
	if grouping is Grouping.DAY:
		return key.isoformat() if isinstance(key, date) else str(key)[:10]
	year, part = divmod(int(key), 100)
	return f"{year}-W{part:02d}" if grouping is Grouping.WEEK else f"{year}-{part:02d}"


@dataclass(frozen=True)
class ChannelShare:
	channel: str
	count: int
	share: float
	flagged: bool


def channel_shares(counts: dict[str, int], threshold: float = CHANNEL_SHARE_FLAG) -> list[ChannelShare]:
	"""Every channel's share of the total, largest first; above the threshold it is flagged."""
	total = sum(counts.values())
	shares = [
		ChannelShare(
			channel, count, count / total if total else 0.0, bool(total) and count / total > threshold
		)
		for channel, count in counts.items()
	]
	return sorted(shares, key=lambda s: (-s.count, s.channel))
