"""A fix for Frappe 15's field-level read permissions in list queries.

`DatabaseQuery.apply_fieldlevel_read_permissions` removes a field the user may not read with
`list.pop(i)` while it enumerates the same list, so the field right after a removed one is never
checked: asking for two adjacent permission-level-1 fields (say contact_email, contact_phone)
returns the second one to a role that may read neither. That would show a Quality Analyst the
customer's phone number in a report view, an export or a REST list call. Re-applying the check
until the field list no longer changes removes every field the user may not read; when it was
already right, one extra pass costs a set lookup per field. Proven by
`feedback_loop/tests/test_privacy.py` (adjacent fields in list, report and export).

Installed once per process: on import of the app package, and by the `before_request` and
`before_job` hooks, so that every web worker and background worker has it before it runs a
query.
"""

from frappe.model.db_query import DatabaseQuery

_original = DatabaseQuery.apply_fieldlevel_read_permissions


def _apply_until_stable(self) -> None:
	_original(self)
	if self.as_list:
		# Frappe marks removed fields None in this mode instead of popping them: nothing skipped.
		return
	while True:
		fields = list(self.fields)
		_original(self)
		if self.fields == fields:
			return


def ensure_applied() -> None:
	if DatabaseQuery.apply_fieldlevel_read_permissions is not _apply_until_stable:
		DatabaseQuery.apply_fieldlevel_read_permissions = _apply_until_stable
