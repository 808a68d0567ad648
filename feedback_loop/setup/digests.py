"""Weekly and monthly report e-mails through Frappe's Auto Email Report, seeded disabled: an
administrator checks the recipients and switches them on (Auto Email Report list).

Each digest covers the period before the day it is sent (Auto Email Report's dynamic dates) and
runs as Administrator, so it counts every record.
"""

import frappe
from frappe.utils import add_days, nowdate

#: Days before the send day a period's first date lies (Auto Email Report replaces both dates by
#: the period's when it sends; the form refuses to enable a report whose required dates are empty).
PERIOD_DAYS = {"Weekly": 7, "Monthly": 30}

#: (name, report, frequency, period, filters besides the dates)
DIGESTS = (
	("Weekly Feedback Overview", "Feedback Overview", "Weekly", "Weekly", {"group_by": "Day"}),
	("Weekly Top Issues", "Top Issues", "Weekly", "Weekly", {"top": 10}),
	("Monthly Feedback Overview", "Feedback Overview", "Monthly", "Monthly", {"group_by": "Week"}),
	("Monthly SLA Compliance", "SLA Compliance", "Monthly", "Monthly", {"based_on": "Priority"}),
	("Monthly Satisfaction Trend", "Satisfaction Trend", "Monthly", "Monthly", {"group_by": "Week"}),
)


def add_digests() -> None:
	recipients = digest_recipients()
	for name, report, frequency, period, filters in DIGESTS:
		if frappe.db.exists("Auto Email Report", name) or not frappe.db.exists("Report", report):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Auto Email Report",
				"report": report,
				"user": "Administrator",
				"enabled": 0,
				"frequency": frequency,
				"day_of_week": "Monday",
				"format": "HTML",
				"send_if_data": 1,
				"no_of_rows": 50,
				"from_date_field": "from_date",
				"to_date_field": "to_date",
				"dynamic_date_period": period,
				"filters": frappe.as_json(with_dates(filters, period)),
				"email_to": "\n".join(recipients),
				"description": f"<p>{name}</p>",
			}
		)
		doc.insert(ignore_permissions=True)
		# Auto Email Report names itself after the report; the name is also the mail's subject.
		if doc.name != name:
			frappe.rename_doc("Auto Email Report", doc.name, name, force=True)


def with_dates(filters: dict, period: str) -> dict:
	return {"from_date": add_days(nowdate(), -PERIOD_DAYS[period]), "to_date": nowdate(), **filters}


def digest_recipients() -> list[str]:
	"""The Feedback Managers, or the Administrator's address until there is one."""
	users = frappe.get_all(
		"Has Role",
		filters={"role": "Feedback Manager", "parenttype": "User"},
		pluck="parent",
	)
	emails = frappe.get_all(
		"User",
		filters={"name": ("in", users or [""]), "enabled": 1, "user_type": "System User"},
		pluck="email",
		order_by="name",
		limit=10,
	)
	return [e for e in emails if e] or [
		frappe.db.get_value("User", "Administrator", "email") or "admin@example.com"
	]
