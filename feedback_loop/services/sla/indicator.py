"""The SLA indicator in a Feedback Record's form header: the clock that matters now, its state and
the time left, in the reader's language (core/sla/now.py decides, this module words it).

The list shows the same words from the stored states (feedback_record_list.js); the source
strings here and there are the same, so one translation serves both.
"""

from frappe import _
from frappe.utils import format_datetime, now_datetime

from feedback_loop.core.sla.now import DurationUnit, SlaClock, duration_parts, sla_now
from feedback_loop.core.sla.state import SlaStatus
from feedback_loop.services.sla.clocks import read_clocks
from feedback_loop.services.sla.system_time import to_aware, to_system

COLOURS = {
	SlaStatus.ON_TRACK: "blue",
	SlaStatus.AT_RISK: "orange",
	SlaStatus.BREACHED: "red",
	SlaStatus.PAUSED: "yellow",
	SlaStatus.MET: "green",
}


def sla_indicator(doc, now=None) -> dict | None:
	"""{"label", "colour", "title"} of the record's SLA at `now` (default: now); None without one."""
	if not doc.sla_policy or not doc.resolution_due or not doc.sla_started_on:
		return None
	state = sla_now(read_clocks(doc), to_aware(now or now_datetime()))
	if state is None:
		return None
	status = _(state.status.value, context="Feedback Record")
	if state.left is None:
		label = _("SLA: {0}").format(status)
	else:
		label = f"{status} · {time_left_text(state.clock, state.left)}"
	title = _("{0} due {1}").format(clock_label(state.clock), format_datetime(to_system(state.due)))
	return {"label": label, "colour": COLOURS[state.status], "title": title}


def clock_label(clock: SlaClock) -> str:
	return _("First Response") if clock == SlaClock.FIRST_RESPONSE else _("Resolution")


def time_left_text(clock: SlaClock, left) -> str:
	duration = duration_text(left)
	if left.total_seconds() >= 0:
		if clock == SlaClock.FIRST_RESPONSE:
			return _("First response due in {0}").format(duration)
		return _("Resolution due in {0}").format(duration)
	if clock == SlaClock.FIRST_RESPONSE:
		return _("First response overdue by {0}").format(duration)
	return _("Resolution overdue by {0}").format(duration)


def duration_text(delta) -> str:
	unit, parts = duration_parts(delta)
	if unit == DurationUnit.DAYS:
		return _("{0} d {1} h").format(*parts)
	if unit == DurationUnit.HOURS:
		return _("{0} h {1} min").format(*parts)
	return _("{0} min").format(*parts)
