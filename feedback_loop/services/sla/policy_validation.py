"""Clear messages for an SLA policy that cannot work: bad windows, no working time, bad targets."""

import frappe
from frappe import _

from feedback_loop.core.sla.calendar import CalendarProblem, validate_calendar
from feedback_loop.core.sla.targets import TargetUnit
from feedback_loop.services.sla.calendar_source import window_rows


def calendar_problems(policy) -> list[str]:
	weekly, makeup = window_rows(policy)
	problems = validate_calendar(weekly, makeup, policy.timezone or "")
	return [_calendar_message(problem, policy) for problem in problems]


def target_problems(policy) -> list[str]:
	messages = []
	seen = set()
	for row in policy.targets:
		if row.priority in seen:
			messages.append(_("Priority {0} has more than one target.").format(frappe.bold(_(row.priority))))
		seen.add(row.priority)
		for amount, unit in (
			(row.response_time, row.response_unit),
			(row.resolution_time, row.resolution_unit),
		):
			if not amount or amount <= 0:
				messages.append(
					_("Row {0}: a target must be more than 0 {1}.").format(row.idx, _(unit or "hours"))
				)
			if unit not in {u.value for u in TargetUnit}:
				messages.append(_("Row {0}: unknown unit {1}.").format(row.idx, unit))
	return messages


def _calendar_message(problem: CalendarProblem, policy) -> str:
	match problem:
		case CalendarProblem.WINDOW_END_NOT_AFTER_START:
			return _("Every working window must end after it starts.")
		case CalendarProblem.WINDOWS_OVERLAP:
			return _("Working windows of the same day must not overlap.")
		case CalendarProblem.NO_WORKING_TIME:
			return _("The policy has no working time at all: add working windows.")
		case CalendarProblem.UNKNOWN_TIMEZONE:
			return _("Time zone {0} is not known.").format(frappe.bold(policy.timezone or _("(empty)")))
	return str(problem)
