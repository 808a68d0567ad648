"""A policy's BusinessCalendar, built from its windows, make-up days and ERPNext Holiday List."""

from datetime import time, timedelta

import frappe
from frappe.utils import get_time, getdate

from feedback_loop.core.sla.calendar import BusinessCalendar, Window

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CACHE_KEY = "feedback_loop:sla_calendar"


def calendar_for(policy_name: str) -> BusinessCalendar:
	"""Cached per policy; the cache is cleared whenever the policy or a Holiday List changes."""
	calendar = frappe.cache.hget(_CACHE_KEY, policy_name)
	if calendar is None:
		calendar = build_calendar(frappe.get_doc("Feedback SLA Policy", policy_name))
		frappe.cache.hset(_CACHE_KEY, policy_name, calendar)
	return calendar


def clear_calendar_cache() -> None:
	frappe.cache.delete_value(_CACHE_KEY)


def build_calendar(policy) -> BusinessCalendar:
	weekly, makeup = window_rows(policy)
	return BusinessCalendar(
		timezone=policy.timezone,
		weekly={day: tuple(windows) for day, windows in weekly.items()},
		holidays=frozenset(holidays_of(policy.holiday_list)),
		makeup_days={day: tuple(windows) for day, windows in makeup.items()},
	)


def holidays_of(holiday_list: str | None) -> list:
	if not holiday_list:
		return []
	return [
		getdate(d)
		for d in frappe.get_all(
			"Holiday", filters={"parent": holiday_list, "parenttype": "Holiday List"}, pluck="holiday_date"
		)
	]


def has_unfinished_rows(policy) -> bool:
	"""A working window or make-up day still being filled in (a new policy opens with a Monday
	without hours): a policy as edited, not yet one a calendar can be built from."""
	rows = [*policy.working_windows, *policy.makeup_days]
	return any(row.get(time) in (None, "") for row in rows for time in ("start_time", "end_time"))


def window_rows(policy) -> tuple[dict[int, list[Window]], dict]:
	weekly: dict[int, list[Window]] = {}
	for row in policy.working_windows:
		weekly.setdefault(WEEKDAYS.index(row.weekday), []).append(_window(row))
	makeup: dict = {}
	for row in policy.makeup_days:
		makeup.setdefault(getdate(row.date), []).append(_window(row))
	return weekly, makeup


def _window(row) -> Window:
	return Window(start=_as_time(row.start_time), end=_as_time(row.end_time))


def _as_time(value) -> time:
	# Frappe hands Time fields back as timedelta from the database and as str from a form.
	if isinstance(value, timedelta):
		seconds = int(value.total_seconds())
		return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
	return get_time(value)
