"""Random business calendars, moments and durations for property tests of the SLA clock."""

from datetime import date, datetime, time, timedelta

from hypothesis import strategies as st

from feedback_loop.core.sla.calendar import BusinessCalendar, Window

FIRST_DAY = date(2026, 1, 1)
SPAN = timedelta(days=600)


@st.composite
def day_windows(draw, min_windows: int = 1, max_windows: int = 3) -> tuple[Window, ...]:
	count = draw(st.integers(min_windows, max_windows))
	minutes = sorted(draw(st.sets(st.integers(0, 24 * 60 - 1), min_size=2 * count, max_size=2 * count)))
	as_time = [time(m // 60, m % 60) for m in minutes]
	return tuple(Window(as_time[i], as_time[i + 1]) for i in range(0, 2 * count, 2))


days = st.dates(FIRST_DAY, FIRST_DAY + SPAN)


@st.composite
def holiday_sets(draw) -> frozenset[date]:
	scattered = draw(st.frozensets(days, max_size=30))
	# A Golden-Week-like run of consecutive holidays, which a day-by-day walk would crawl through.
	first, length = draw(days), draw(st.integers(0, 40))
	return scattered | {first + timedelta(days=i) for i in range(length)}


ANY_ZONE = st.sampled_from(["Asia/Shanghai", "Europe/Berlin", "UTC"])


@st.composite
def calendars(draw, timezones=ANY_ZONE) -> BusinessCalendar:
	working_days = draw(st.sets(st.integers(0, 6), min_size=1))
	return BusinessCalendar(
		timezone=draw(timezones),
		weekly={day: draw(day_windows()) for day in sorted(working_days)},
		holidays=draw(holiday_sets()),
		makeup_days=draw(st.dictionaries(days, day_windows(), max_size=6)),
	)


moments = st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1))
durations = st.one_of(
	st.timedeltas(timedelta(), timedelta(hours=10)),
	st.timedeltas(timedelta(), timedelta(hours=600)),
	st.integers(0, 40).map(lambda n: n * timedelta(minutes=30)),  # lands on window edges often
)
