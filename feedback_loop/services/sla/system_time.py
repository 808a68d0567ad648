"""Moments between Frappe (naive datetimes in the system time zone) and the SLA calendar (aware)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from frappe.utils import get_datetime, get_system_timezone


def to_aware(value) -> datetime | None:
	if not value:
		return None
	moment = get_datetime(value)
	return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(get_system_timezone()))


def to_system(moment: datetime | None) -> datetime | None:
	if moment is None:
		return None
	return moment.astimezone(ZoneInfo(get_system_timezone())).replace(tzinfo=None)
