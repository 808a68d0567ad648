"""Our due moments against ERPNext's own SLA arithmetic, on the same calendars and Holiday Lists.

ERPNext v15 sets an Issue's ``response_by`` / ``sla_resolution_by`` with
``service_level_agreement.get_expected_time_for(parameter, service_level, start)``: a loop over
days that spends the allotted seconds in each support day's window. On 200 random calendars
(seeded, so a failure replays) with one window on some weekdays and a real Holiday List, ours and
ERPNext's must give the same moment to the microsecond. That covers what may look like quirks
but are the same rule on both sides: a start before the day's window counts from the window
start; a start after it, on a holiday or on a day off counts from the next window; a target
used up exactly at a window's end is due at that end, not the next morning; targets of a day
or more (>= 86400 s) on ordinary windows.

Where the two differ, a test below pins ERPNext's behaviour and ours side by side:

1. **A whole round-the-clock day snaps back to its start.** After the loop ERPNext moves the
   result to ``end_time`` *of the due day* when the seconds still to spend on that day are
   >= 86400. That only happens with a 00:00-24:00 window and a target that ends exactly at
   midnight — and then ``end_time`` (24:00) becomes 00:00 of the same day: a 24-hour target
   from Monday 00:00 is due Monday 00:00, a 48-hour one a day early. (With any window shorter
   than a day, the seconds left on the due day are below 86400 and nothing snaps.) Ours: 24
   clock hours are 24 hours.
2. **One window per weekday.** ERPNext's SLA form refuses a repeated workday, so it cannot
   express a lunch break; handed two rows for one weekday, ``get_support_days`` keeps the
   last. Ours: any number of non-overlapping windows per day.
3. **The first second of a window.** ERPNext compares the start with the window start in whole
   seconds, so a start at 09:00:00.5 counts from 09:00:00 and is due half a second early;
   Frappe creation timestamps carry microseconds, so this happens. Ours counts from the start.
4. **No make-up days (调休).** A Holiday List can only take days away; a working Saturday
   cannot be added, so ERPNext is late by the make-up days in the span. Ours counts them.
5. **A zero target never returns.** ERPNext only spends ``if allotted_seconds:``, so 0 (or an
   unset time) loops for ever; not exercised here for that reason. Ours raises ValueError.
"""

import random
from datetime import date, datetime, time, timedelta

import frappe
from erpnext.support.doctype.service_level_agreement.service_level_agreement import get_expected_time_for
from frappe.utils import get_system_timezone

from feedback_loop.core.sla.calendar import BusinessCalendar, Window
from feedback_loop.core.sla.targets import due_moment
from feedback_loop.tests.case import IntegrationTestCase

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST, LAST = date(2026, 1, 1), date(2028, 12, 31)
CASES = 200


def make_holiday_list(dates) -> str:
	name = f"SLA diff {frappe.generate_hash(length=10)}"
	frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": name,
			"from_date": FIRST,
			"to_date": LAST,
			"holidays": [{"holiday_date": d, "description": "test"} for d in sorted(set(dates))],
		}
	).insert(ignore_permissions=True)
	return name


def erpnext_due(rows, holiday_list: str, start: datetime, seconds: int) -> datetime:
	"""ERPNext's answer: ``rows`` are (weekday, start, end) with times as ERPNext stores them."""
	service_level = frappe._dict(
		response_time=seconds,
		holiday_list=holiday_list,
		support_and_resolution=[
			frappe._dict(workday=WEEKDAYS[day], start_time=begin, end_time=end) for day, begin, end in rows
		],
	)
	return get_expected_time_for("response", service_level, start)


def as_time(seconds: int) -> time:
	return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def days(first: date, count: int) -> list[date]:
	return [first + timedelta(days=i) for i in range(count)]


class TestSlaCalendarAgainstERPNext(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		rng = random.Random(15)
		span = (LAST - FIRST).days
		# Sparse public holidays with a Golden-Week run; dense holidays; and the ERPNext habit of
		# listing every weekend day as a holiday too.
		cls.holiday_sets = [
			[*rng.sample(days(FIRST, span), 25), *days(date(2026, 10, 1), 7), *days(date(2027, 10, 1), 7)],
			[*rng.sample(days(FIRST, span), 200), *days(date(2026, 7, 1), 30)],
			[d for d in days(FIRST, span) if d.weekday() >= 5] + rng.sample(days(FIRST, span), 20),
		]
		cls.holiday_lists = [make_holiday_list(dates) for dates in cls.holiday_sets]

	def test_random_single_window_calendars_agree_with_erpnext(self):
		rng = random.Random(20261124)
		zone = get_system_timezone()  # ERPNext's moments are naive system time, and so are these
		seen = dict.fromkeys(
			("before window", "after window", "holiday start", "day off start", "at window end", ">= 1 day"),
			0,
		)
		for case in range(CASES):
			workdays = sorted(rng.sample(range(7), rng.randint(1, 7)))
			begin = rng.randrange(0, 20 * 3600)
			end = rng.randrange(begin + 60, 24 * 3600)
			which = rng.randrange(len(self.holiday_lists))
			start = datetime.combine(FIRST, time()) + timedelta(seconds=rng.randrange(365 * 86400))
			length = end - begin
			whole_days = rng.randint(1, 15)
			seconds = rng.choice(
				[rng.randint(1, 3 * length), rng.randint(1, 40 * length), whole_days * length, length]
			)

			calendar = BusinessCalendar(
				zone,
				{day: (Window(as_time(begin), as_time(end)),) for day in workdays},
				holidays=frozenset(self.holiday_sets[which]),
			)
			theirs = erpnext_due(
				[(day, timedelta(seconds=begin), timedelta(seconds=end)) for day in workdays],
				self.holiday_lists[which],
				start,
				seconds,
			)
			ours = calendar.add_working_time(start, timedelta(seconds=seconds))
			self.assertEqual(ours, theirs, f"case {case}: {workdays} {begin}-{end} {start} +{seconds}s")
			if seconds == whole_days * length:
				self.assertEqual(due_moment(calendar, start, whole_days, "Working Days"), theirs)

			working_day = start.weekday() in workdays and start.date() not in calendar.holidays
			seen["before window"] += working_day and start.time() < as_time(begin)
			seen["after window"] += working_day and start.time() >= as_time(end)
			seen["holiday start"] += start.date() in calendar.holidays and start.weekday() in workdays
			seen["day off start"] += start.weekday() not in workdays
			seen["at window end"] += ours.time() == as_time(end)
			seen[">= 1 day"] += seconds >= 86400
		# The agreement above is only worth something if every case it claims was really met.
		self.assertTrue(all(count > 0 for count in seen.values()), seen)

	def test_erpnext_snaps_a_whole_round_the_clock_day_back_to_its_start(self):
		round_the_clock = [(day, timedelta(0), timedelta(hours=24)) for day in range(7)]
		no_holidays = make_holiday_list([])
		monday = datetime(2026, 11, 23)
		self.assertEqual(erpnext_due(round_the_clock, no_holidays, monday, 86400), monday)
		self.assertEqual(
			erpnext_due(round_the_clock, no_holidays, monday, 2 * 86400), monday + timedelta(days=1)
		)
		# Not a whole day: no snap, and the answer is right.
		self.assertEqual(
			erpnext_due(round_the_clock, no_holidays, monday, 86399), monday + timedelta(seconds=86399)
		)

		calendar = BusinessCalendar("Asia/Shanghai", {day: (Window(time(9), time(18)),) for day in range(7)})
		self.assertEqual(due_moment(calendar, monday, 24, "Clock Hours"), monday + timedelta(days=1))
		self.assertEqual(due_moment(calendar, monday, 48, "Clock Hours"), monday + timedelta(days=2))

	def test_erpnext_keeps_one_window_per_weekday(self):
		morning, afternoon = (
			(timedelta(hours=9), timedelta(hours=12)),
			(timedelta(hours=13.5), timedelta(hours=18)),
		)
		no_holidays = make_holiday_list([])
		monday_9am = datetime(2026, 11, 23, 9)
		rows = [(day, *window) for day in range(5) for window in (morning, afternoon)]
		self.assertEqual(erpnext_due(rows, no_holidays, monday_9am, 2 * 3600), datetime(2026, 11, 23, 15, 30))
		rows = [(day, *window) for day in range(5) for window in (afternoon, morning)]
		self.assertEqual(erpnext_due(rows, no_holidays, monday_9am, 2 * 3600), datetime(2026, 11, 23, 11))

		lunch_break = {day: (Window(time(9), time(12)), Window(time(13, 30), time(18))) for day in range(5)}
		calendar = BusinessCalendar("Asia/Shanghai", lunch_break)
		self.assertEqual(
			calendar.add_working_time(monday_9am, timedelta(hours=4)), datetime(2026, 11, 23, 14, 30)
		)

	def test_erpnext_counts_the_first_second_of_a_window_from_its_start(self):
		rows = [(day, timedelta(hours=9), timedelta(hours=18)) for day in range(5)]
		no_holidays = make_holiday_list([])
		calendar = BusinessCalendar("Asia/Shanghai", {day: (Window(time(9), time(18)),) for day in range(5)})
		in_first_second = datetime(2026, 11, 23, 9, 0, 0, 500000)
		self.assertEqual(erpnext_due(rows, no_holidays, in_first_second, 3600), datetime(2026, 11, 23, 10))
		self.assertEqual(
			calendar.add_working_time(in_first_second, timedelta(hours=1)),
			in_first_second + timedelta(hours=1),
		)
		# Later in the window ERPNext keeps the microseconds, and the two agree again.
		later = datetime(2026, 11, 23, 9, 0, 1, 500000)
		self.assertEqual(
			erpnext_due(rows, no_holidays, later, 3600), calendar.add_working_time(later, timedelta(hours=1))
		)

	def test_erpnext_has_no_makeup_days(self):
		golden_week = days(date(2026, 10, 1), 7)
		holiday_list = make_holiday_list(golden_week)
		rows = [(day, timedelta(hours=9), timedelta(hours=18)) for day in range(5)]
		nine_to_six = {day: (Window(time(9), time(18)),) for day in range(5)}
		makeup = {
			date(2026, 9, 27): (Window(time(9), time(18)),),
			date(2026, 10, 10): (Window(time(9), time(18)),),
		}
		with_makeup = BusinessCalendar("Asia/Shanghai", nine_to_six, frozenset(golden_week), makeup)
		without = BusinessCalendar("Asia/Shanghai", nine_to_six, frozenset(golden_week))
		start = datetime(2026, 9, 30, 10)

		theirs = erpnext_due(rows, holiday_list, start, 3 * 9 * 3600)
		self.assertEqual(theirs, datetime(2026, 10, 12, 10))
		self.assertEqual(due_moment(without, start, 3, "Working Days"), theirs)
		self.assertEqual(due_moment(with_makeup, start, 3, "Working Days"), datetime(2026, 10, 10, 10))

	def test_a_zero_target_is_refused_where_erpnext_would_loop_for_ever(self):
		calendar = BusinessCalendar("Asia/Shanghai", {0: (Window(time(9), time(18)),)})
		with self.assertRaises(ValueError):
			due_moment(calendar, datetime(2026, 11, 23, 10), 0, "Working Hours")
