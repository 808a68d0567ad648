"""A moment as we promise it to a customer: the date, the time and the time zone it is read in.

"We will reply by 2026-12-08 18:00" is a different promise in Shanghai and in Berlin; the
customer reads the offset of the clock the moment was given on ("2026-12-08 18:00 (UTC+08:00)"),
which reads the same in every language and needs no tz database on their side.
"""

from datetime import datetime, timedelta


def utc_offset(offset: timedelta) -> str:
	"""UTC+08:00, UTC-05:00, UTC+05:45; UTC+00:00 for UTC itself."""
	minutes = round(offset.total_seconds() / 60)
	sign = "-" if minutes < 0 else "+"
	hours, minutes = divmod(abs(minutes), 60)
	return f"UTC{sign}{hours:02d}:{minutes:02d}"


def promised_moment(moment: datetime) -> str:
	"""Guarantees: minutes, never seconds; the offset of the moment's own time zone (so daylight
	saving shows); a naive moment is refused, since its time zone is exactly what is missing."""
	offset = moment.utcoffset()
	if offset is None:
		raise ValueError("a promised moment needs its time zone")
	return f"{moment:%Y-%m-%d %H:%M} ({utc_offset(offset)})"
