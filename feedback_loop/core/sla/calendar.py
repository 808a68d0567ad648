"""The business calendar of the SLA engine: working windows, holidays and make-up days (调休).

A calendar is data (weekly windows in local wall-clock time, a set of holidays, make-up days
with their own windows); this module turns it into a *working clock*: for every moment, the
working time that has passed since a fixed origin. Adding working time is then "find the
moment at which the clock reads so much more", and the working time between two moments is a
difference of two readings. Both are computed arithmetically — whole weeks from the weekly
total, corrected for the holidays and make-up days in the span by bisecting a sorted list —
so a 1000-working-day target costs about what a 10-day one does.

Rules every function here keeps:

- Windows are half-open ``[start, end)`` in local wall-clock time. A moment at a window's end
  is not working time: counting from there starts with the next window. A due moment,
  however, may be a window's end (the earliest moment the time is used up).
- Naive datetimes are wall time in the calendar's time zone and give naive results; aware
  ones are converted to the calendar's zone and give aware results in that zone.
- Daylight saving time: working time is wall-clock time. A 09:00–18:00 window holds nine
  hours of work on every day, the days clocks change included; a window that contains the
  change itself (rare: clocks change at night) counts its wall-clock length, an hour more or
  less than really passes. An aware result carries the calendar's zone on its wall-clock
  reading, so a reading skipped in spring denotes the instant an hour later and an ambiguous
  autumn reading its first occurrence (zoneinfo's ``fold=0``).
- Arithmetic is exact, in integer microseconds.
"""

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from itertools import pairwise
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MICROSECOND = timedelta(microseconds=1)

# A span is a window as (start, end) microseconds after local midnight.
Span = tuple[int, int]


@dataclass(frozen=True)
class Window:
	"""One working window in local wall-clock time, ``[start, end)`` on the same day.

	A ``time`` cannot say 24:00, so round-the-clock work ends at ``time.max`` (a microsecond
	short of midnight); SLA targets meant in real hours belong in clock hours anyway.
	"""

	start: time
	end: time


class CalendarProblem(str, Enum):
	WINDOW_END_NOT_AFTER_START = "window_end_not_after_start"
	WINDOWS_OVERLAP = "windows_overlap"
	NO_WORKING_TIME = "no_working_time"
	UNKNOWN_TIMEZONE = "unknown_timezone"


class InvalidCalendarError(ValueError):
	"""Raised by BusinessCalendar for windows that make no calendar; ``problems`` says why."""

	def __init__(self, problems: Sequence[CalendarProblem]):
		self.problems = list(problems)
		super().__init__("invalid business calendar: " + ", ".join(p.value for p in self.problems))


def validate_calendar(
	weekly: Mapping[int, Sequence[Window]],
	makeup_days: Mapping[date, Sequence[Window]],
	timezone: str,
) -> list[CalendarProblem]:
	"""Every reason these windows cannot make a calendar, each once, in CalendarProblem order.

	Guarantees: an empty list means BusinessCalendar accepts the same data. Windows that only
	touch (one ends when the next starts) do not overlap. NO_WORKING_TIME means the *weekly*
	windows hold no working time: make-up days alone are finite, so a clock running past the
	last one could never be due.
	"""
	problems: set[CalendarProblem] = set()
	for windows in (*weekly.values(), *makeup_days.values()):
		spans = sorted(_span(w) for w in windows)
		if any(end <= start for start, end in spans):
			problems.add(CalendarProblem.WINDOW_END_NOT_AFTER_START)
		valid = [s for s in spans if s[1] > s[0]]
		if any(later[0] < earlier[1] for earlier, later in pairwise(valid)):
			problems.add(CalendarProblem.WINDOWS_OVERLAP)
	if not any(_span(w)[1] > _span(w)[0] for windows in weekly.values() for w in windows):
		problems.add(CalendarProblem.NO_WORKING_TIME)
	if _zone(timezone) is None:
		problems.add(CalendarProblem.UNKNOWN_TIMEZONE)
	return [p for p in CalendarProblem if p in problems]


@dataclass(frozen=True)
class BusinessCalendar:
	"""Working windows per weekday, holidays and make-up days in one IANA time zone.

	``weekly`` maps 0 = Monday … 6 = Sunday to that day's windows (a missing key is a day off).
	A holiday has no working time; a make-up day works with its own windows even when it is a
	weekend day or also listed as a holiday. Construction sorts the windows and raises
	InvalidCalendarError (a ValueError) listing the problems validate_calendar finds.
	"""

	timezone: str
	weekly: Mapping[int, tuple[Window, ...]]
	holidays: frozenset[date] = frozenset()
	makeup_days: Mapping[date, tuple[Window, ...]] = field(default_factory=dict)

	def __post_init__(self) -> None:
		problems = validate_calendar(self.weekly, self.makeup_days, self.timezone)
		if problems:
			raise InvalidCalendarError(problems)
		if not set(self.weekly) <= set(range(7)):
			raise ValueError(f"weekdays are 0 (Monday) to 6 (Sunday), not {sorted(set(self.weekly))}")
		weekly = {day: _sorted_windows(ws) for day, ws in self.weekly.items()}
		makeup = {_as_date(day): _sorted_windows(ws) for day, ws in self.makeup_days.items()}
		holidays = frozenset(_as_date(day) for day in self.holidays)
		_set = object.__setattr__  # frozen: normalised once, here
		_set(self, "weekly", MappingProxyType(weekly))
		_set(self, "makeup_days", MappingProxyType(makeup))
		_set(self, "holidays", holidays)
		_set(self, "_zone", _zone(self.timezone))
		_set(self, "_clock", _WorkingClock(weekly, holidays, makeup))

	def __reduce__(self):
		# Pickled (the services cache calendars in Redis) as its data only: unpickling rebuilds
		# the derived tables with the code that is running then, never a stale copy of them.
		return (
			self.__class__,
			(self.timezone, dict(self.weekly), self.holidays, dict(self.makeup_days)),
		)

	def __hash__(self) -> int:
		# The generated hash would fail on the mappings; hashable, a calendar can key a cache.
		return hash(
			(
				self.timezone,
				frozenset(self.weekly.items()),
				self.holidays,
				frozenset(self.makeup_days.items()),
			)
		)

	def windows_on(self, day: date) -> tuple[Window, ...]:
		"""The windows that apply on ``day``: its make-up windows, none on a holiday, else the weekday's."""
		day = _as_date(day)
		if day in self.makeup_days:
			return self.makeup_days[day]
		if day in self.holidays:
			return ()
		return self.weekly.get(day.weekday(), ())

	def next_working_moment(self, moment: datetime) -> datetime:
		"""The earliest working moment at or after ``moment``.

		Guarantees: never earlier than ``moment``; ``moment`` itself when it lies inside a
		window (a window's end is not inside); otherwise the start of the next window;
		idempotent.
		"""
		wall, aware = self._to_wall(moment)
		return self._from_wall(_moment(*self._clock.next_working(wall.toordinal(), _time_us(wall))), aware)

	def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
		"""The earliest moment, at or after ``start`` and inside a window or on its edge, by which
		``duration`` of working time has passed since ``start``.

		Guarantees: ``working_time_between(start, result) == duration``; adding x then y equals
		adding x + y; the result grows with ``duration``; it never lies on a holiday that is not
		a make-up day, nor outside a window (a window's end is allowed: a due moment is the end
		of the last minute of work). For a zero duration that is ``start`` itself when it lies
		in a window or on its edge, else ``next_working_moment(start)``. A negative duration
		raises ValueError.
		"""
		amount = duration // _MICROSECOND
		if amount < 0:
			raise ValueError(f"cannot add a negative working time: {duration}")
		wall, aware = self._to_wall(start)
		ordinal, time_us = wall.toordinal(), _time_us(wall)
		if amount == 0:
			if self._clock.on_window(ordinal, time_us):
				return self._from_wall(wall, aware)
			return self._from_wall(_moment(*self._clock.next_working(ordinal, time_us)), aware)
		target = self._clock.reading(ordinal, time_us) + amount
		return self._from_wall(_moment(*self._clock.moment_of(target, ordinal)), aware)

	def working_time_between(self, start: datetime, end: datetime) -> timedelta:
		"""The working time in ``[start, end)``; when ``end`` is before ``start``, the negative of
		the working time in ``[end, start)``. Exact to the microsecond."""
		start_wall, _ = self._to_wall(start)
		end_wall, _ = self._to_wall(end)
		clock = self._clock
		return timedelta(
			microseconds=clock.reading(end_wall.toordinal(), _time_us(end_wall))
			- clock.reading(start_wall.toordinal(), _time_us(start_wall))
		)

	def working_day_length(self) -> timedelta:
		"""The working time of a typical working day: the most common non-zero weekday total,
		the longest of them on a tie. What one "working day" of an SLA target means."""
		return timedelta(microseconds=self._clock.day_length)

	def add_working_days(self, start: datetime, days: float) -> datetime:
		"""``add_working_time(start, days * working_day_length())``, so a fraction of a day is the
		same fraction of a typical working day (rounded to the microsecond)."""
		return self.add_working_time(start, days * self.working_day_length())

	def _to_wall(self, moment: datetime) -> tuple[datetime, bool]:
		if moment.tzinfo is None:
			return moment, False
		if moment.tzinfo is not self._zone:
			moment = moment.astimezone(self._zone)
		# Already in our zone: its wall reading is exact, even one that DST skips (see above).
		return moment.replace(tzinfo=None, fold=0), True

	def _from_wall(self, wall: datetime, aware: bool) -> datetime:
		return wall.replace(tzinfo=self._zone) if aware else wall


class _WorkingClock:
	"""The arithmetic behind BusinessCalendar, on date ordinals and microseconds.

	``cumulative(o)`` is the working time of all days before ordinal ``o`` (day 1, 0001-01-01,
	is a Monday): whole weeks times the weekly total, plus the weekday totals of the partial
	week, plus the sum of the corrections of the exception days before ``o`` (a holiday takes
	its weekday's total away, a make-up day swaps it for its own), found by bisecting.
	"""

	def __init__(
		self,
		weekly: Mapping[int, tuple[Window, ...]],
		holidays: frozenset[date],
		makeup: Mapping[date, tuple[Window, ...]],
	):
		self.weekday_spans = tuple(tuple(_span(w) for w in weekly.get(day, ())) for day in range(7))
		self.weekday_totals = tuple(_total(spans) for spans in self.weekday_spans)
		self.week_total = sum(self.weekday_totals)
		self.week_prefix = [0]
		for total in self.weekday_totals:
			self.week_prefix.append(self.week_prefix[-1] + total)

		makeup_spans = {d.toordinal(): tuple(_span(w) for w in ws) for d, ws in makeup.items()}
		self.special_spans: dict[int, tuple[Span, ...]] = dict.fromkeys((d.toordinal() for d in holidays), ())
		self.special_spans.update(makeup_spans)
		self.special_totals = dict.fromkeys(self.special_spans, 0)
		self.special_totals.update({o: _total(spans) for o, spans in makeup_spans.items()})
		# Only days whose total differs from their weekday's need a correction: a holiday on a
		# day off (ERPNext Holiday Lists list every weekend) changes no sum.
		corrections = sorted(
			(o, total - self.weekday_totals[(o - 1) % 7])
			for o, total in self.special_totals.items()
			if total != self.weekday_totals[(o - 1) % 7]
		)
		self.correction_days = [o for o, _ in corrections]
		self.correction_prefix = [0]
		for _, delta in corrections:
			self.correction_prefix.append(self.correction_prefix[-1] + delta)

		counts = Counter(total for total in self.weekday_totals if total)
		self.day_length = max(counts, key=lambda total: (counts[total], total))

	def spans(self, ordinal: int) -> tuple[Span, ...]:
		spans = self.special_spans.get(ordinal)
		return self.weekday_spans[(ordinal - 1) % 7] if spans is None else spans

	def day_total(self, ordinal: int) -> int:
		total = self.special_totals.get(ordinal)
		return self.weekday_totals[(ordinal - 1) % 7] if total is None else total

	def cumulative(self, ordinal: int) -> int:
		weeks, weekday = divmod(ordinal - 1, 7)
		return (
			weeks * self.week_total
			+ self.week_prefix[weekday]
			+ self.correction_prefix[bisect_left(self.correction_days, ordinal)]
		)

	def week_start(self, week: int) -> int:
		"""The clock at the start of Monday of week ``week`` (that Monday is ordinal 7 * week + 1)."""
		return (
			week * self.week_total + self.correction_prefix[bisect_left(self.correction_days, 7 * week + 1)]
		)

	def reading(self, ordinal: int, time_us: int) -> int:
		"""The clock at wall moment (day ``ordinal``, ``time_us`` after midnight)."""
		passed = 0
		for start, end in self.spans(ordinal):
			if time_us <= start:
				break
			if time_us < end:
				return self.cumulative(ordinal) + passed + time_us - start
			passed += end - start
		return self.cumulative(ordinal) + passed

	def on_window(self, ordinal: int, time_us: int) -> bool:
		return any(start <= time_us <= end for start, end in self.spans(ordinal))

	def next_working(self, ordinal: int, time_us: int) -> tuple[int, int]:
		for start, end in self.spans(ordinal):
			if time_us < end:
				return ordinal, max(start, time_us)
		# The first microsecond of work after today ends one microsecond into the next window.
		day, end_us = self.moment_of(self.cumulative(ordinal + 1) + 1, ordinal + 1)
		return day, end_us - 1

	def moment_of(self, target: int, from_ordinal: int) -> tuple[int, int]:
		"""The earliest (day ordinal, microsecond) at which the clock reads ``target``.

		Requires ``target > cumulative(from_ordinal)``: the search only looks forward.
		"""
		week = self._week_of(target, (from_ordinal - 1) // 7)
		first = max(7 * week + 1, from_ordinal)
		passed = self.cumulative(first)
		for ordinal in range(first, 7 * week + 8):
			total = self.day_total(ordinal)
			if passed + total >= target:
				break
			passed += total
		else:
			raise AssertionError("unreachable: _week_of chose the week in which the target falls")
		remaining = target - passed
		for start, end in self.spans(ordinal):
			if remaining <= end - start:
				return ordinal, start + remaining
			remaining -= end - start
		raise AssertionError("unreachable: the day's total covers the target")

	def _week_of(self, target: int, low: int) -> int:
		"""The week ``w`` with ``week_start(w) < target <= week_start(w + 1)``, given
		``week_start(low) < target``.

		Jumps by the whole weeks the weekly total says are needed; holidays in the jumped span
		leave it short, so it jumps again by the shortfall (gallops when that keeps happening,
		so even a year of holidays costs a few steps); make-up days can overshoot, and then
		a binary search over the jumped weeks settles it.
		"""
		gallop, low_start = 0, self.week_start(low)
		while True:
			candidate = low + max((target - low_start - 1) // self.week_total, gallop)
			if candidate > low and self.week_start(candidate) >= target:
				high = candidate
				break
			next_start = self.week_start(candidate + 1)
			if next_start >= target:
				return candidate
			low, low_start = candidate + 1, next_start
			gallop = 2 * gallop + 1
		while high - low > 1:
			middle = (low + high) // 2
			if self.week_start(middle) >= target:
				high = middle
			else:
				low = middle
		return low


def _zone(name: str) -> ZoneInfo | None:
	try:
		return ZoneInfo(name)
	except (ZoneInfoNotFoundError, ValueError, TypeError):
		return None


def _time_us(moment: time | datetime) -> int:
	return ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1_000_000 + moment.microsecond


def _span(window: Window) -> Span:
	return _time_us(window.start), _time_us(window.end)


def _total(spans: Iterable[Span]) -> int:
	return sum(end - start for start, end in spans)


def _sorted_windows(windows: Iterable[Window]) -> tuple[Window, ...]:
	return tuple(sorted(windows, key=_span))


def _as_date(day: date) -> date:
	return day.date() if isinstance(day, datetime) else day


def _moment(ordinal: int, time_us: int) -> datetime:
	return datetime.fromordinal(ordinal) + timedelta(microseconds=time_us)
