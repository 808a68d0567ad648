"""Benchmark: a due moment from our business calendar against ERPNext's own SLA arithmetic.

    bench --site test.localhost execute feedback_loop.tools.benchmarks.sla_calendar.run --kwargs "{'n': 2000}"

Both sides get the same calendar (Monday to Friday 09:00-18:00) and the same holidays (a real
Holiday List, six years of Chinese public holidays) and the same ``n`` seeded start moments.
Ours: ``BusinessCalendar.add_working_days(start, days)``, the calendar built once as the
services cache it. ERPNext: ``get_expected_time_for("response", ...)`` with the target as
seconds (``days`` x nine hours), which is how an ERPNext SLA states a target in days. Prints
microseconds per call, the ratio, and how many answers differ (expected: none). Everything is
rolled back; it asserts nothing.
"""

import random
import time as timer
from datetime import date, datetime, time, timedelta

import frappe
from erpnext.support.doctype.service_level_agreement.service_level_agreement import get_expected_time_for
from frappe.utils import get_system_timezone

from feedback_loop.core.sla.calendar import BusinessCalendar, Window

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
OPENS, CLOSES = time(9), time(18)
WINDOW_SECONDS = 9 * 3600
# Spring Festival eve of each year: seven days off from there.
SPRING_FESTIVAL = {2026: "02-16", 2027: "02-05", 2028: "01-25", 2029: "02-12", 2030: "02-02", 2031: "01-22"}


def run(n: int = 2000) -> None:
	try:
		holidays = _chinese_holidays()
		holiday_list = _make_holiday_list(holidays)
		calendar = _calendar(holidays)
		service_level = frappe._dict(
			holiday_list=holiday_list,
			support_and_resolution=[
				frappe._dict(workday=day, start_time=_as_timedelta(OPENS), end_time=_as_timedelta(CLOSES))
				for day in WEEKDAYS
			],
		)
		rng = random.Random(2026)
		starts = [datetime(2026, 1, 1) + timedelta(seconds=rng.randrange(365 * 86400)) for _ in range(n)]

		print(f"SLA due moment, {n} start moments in 2026, Mon-Fri 09:00-18:00, {len(holidays)} holidays")
		print(f"  {'target':<22} {'ours µs':>9} {'ERPNext µs':>11} {'ERPNext/ours':>13} {'differ':>7}")
		for days in (1, 10, 100):
			service_level.response_time = days * WINDOW_SECONDS
			ours, ours_us = _timed(starts, lambda start: calendar.add_working_days(start, days))
			theirs, theirs_us = _timed(
				starts, lambda start: get_expected_time_for("response", service_level, start)
			)
			differ = sum(a != b for a, b in zip(ours, theirs, strict=True))
			label = f"{days} working day{'s' if days > 1 else ''}"
			print(f"  {label:<22} {ours_us:9.2f} {theirs_us:11.2f} {theirs_us / ours_us:12.1f}x {differ:7d}")

		_, long_us = _timed(starts, lambda start: calendar.add_working_days(start, 1000))
		print(f"  ours, 1000 working days: {long_us:.2f} µs (no day-by-day walk)")
		_, cold_us = _timed(starts, lambda start: _calendar(holidays).add_working_days(start, 10))
		print(f"  ours, 10 days with the calendar rebuilt on every call (cache miss): {cold_us:.2f} µs")
	finally:
		frappe.db.rollback()


def _calendar(holidays: list[date]) -> BusinessCalendar:
	return BusinessCalendar(
		get_system_timezone(),  # ERPNext's moments are naive system time, and so are ours here
		{day: (Window(OPENS, CLOSES),) for day in range(len(WEEKDAYS))},
		holidays=frozenset(holidays),
	)


def _chinese_holidays() -> list[date]:
	days: set[date] = set()
	for year, eve in SPRING_FESTIVAL.items():
		spring = date.fromisoformat(f"{year}-{eve}")
		days |= {date(year, 1, 1), *(spring + timedelta(days=i) for i in range(7))}
		days |= {date(year, 5, 1) + timedelta(days=i) for i in range(5)}
		days |= {date(year, 10, 1) + timedelta(days=i) for i in range(7)}
	return sorted(days)


def _make_holiday_list(holidays: list[date]) -> str:
	name = f"SLA benchmark {frappe.generate_hash(length=8)}"
	frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": name,
			"from_date": holidays[0],
			"to_date": holidays[-1],
			"holidays": [{"holiday_date": d, "description": "public holiday"} for d in holidays],
		}
	).insert(ignore_permissions=True)
	return name


def _as_timedelta(moment: time) -> timedelta:
	# How Frappe hands a Time field back from the database, and so what ERPNext computes with.
	return datetime.combine(date.min, moment) - datetime.combine(date.min, time())


def _timed(starts: list[datetime], call) -> tuple[list[datetime], float]:
	began = timer.perf_counter()
	results = [call(start) for start in starts]
	return results, (timer.perf_counter() - began) * 1_000_000 / len(starts)
