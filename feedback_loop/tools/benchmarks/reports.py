"""Benchmark: every feedback report over N demo records, against a bare GROUP BY over the same
rows, and ERPNext's Issue Summary and Issue Analytics over N Issues in the same run.

    bench --site test.localhost execute feedback_loop.tools.benchmarks.reports.run --kwargs "{'records': 100000}"

Tops the site's demo data up to N records (`feedback-loop make-demo-data`, kept afterwards so a
larger run can build on it) and N demo Issues (bulk insert, name prefix ISSDEMO, removed with
`remove_issues`). Each report runs through `frappe.desk.query_report.run` as Administrator over
the whole two years, warm, best of `repeat`; the bare GROUP BY is the report's main statement (its
grouping and aggregates) as one plain SQL statement over the same rows. Prints a table; targets (< 2 s at 1M records,
≤ 3× the bare GROUP BY) are for reading, not asserted.
"""

import random
import statistics
import time
from datetime import timedelta

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import add_days, getdate, now_datetime

from feedback_loop.core.reports.periods import Grouping
from feedback_loop.integrations.frappe.aggregate_list import as_sql
from feedback_loop.services.reports.queries import period_term
from feedback_loop.tools.demo_data.records import FEEDBACK_PREFIX
from feedback_loop.tools.demo_data.site import BATCH, YEARS, _bulk_insert, make_demo_data

ISSUE_PREFIX = "ISSDEMO"

FR = "`tabFeedback Record`"
CB = "`tabFeedback Callback`"


def reports(start, end) -> list[tuple[str, dict, str]]:
	"""(report, filters, the bare GROUP BY it is compared with)."""
	dates = {"from_date": start, "to_date": end}
	period = as_sql(period_term(Grouping.MONTH))
	answered_period = as_sql(period_term(Grouping.MONTH, "responded_on", "Feedback Callback"))
	in_range = f"creation >= '{start}' and creation < '{add_days(end, 1)}'"
	received = f"received_on >= '{start}' and received_on < '{add_days(end, 1)}'"
	on_due = f"due_on >= '{start}' and due_on < '{add_days(end, 1)}'"
	return [
		(
			"Feedback Overview",
			{**dates, "group_by": "Month"},
			f"select {period} p, channel, status, count(*) from {FR} where {received} group by p, channel, status",
		),
		(
			"Top Issues",
			{**dates},
			f"select category, count(*), sum(sentiment = 'Negative') from {FR} "
			f"where {received} and category is not null group by category",
		),
		(
			"Sentiment Trend",
			{**dates, "group_by": "Month"},
			f"select {period} p, sentiment, count(*) from {FR} where {received} group by p, sentiment",
		),
		(
			"Satisfaction Trend",
			{**dates, "group_by": "Month"},
			f"select {answered_period} p, csat, nps, nps_answered, ces, count(*) from {CB} "
			f"where status = 'Responded' and responded_on >= '{start}' and responded_on < '{add_days(end, 1)}' "
			"group by p, csat, nps, nps_answered, ces",
		),
		(
			"SLA Compliance",
			{**dates, "based_on": "Priority"},
			f"select priority, response_sla_status, resolution_sla_status, count(*) from {FR} "
			f"where {received} and sla_policy is not null group by priority, response_sla_status, resolution_sla_status",
		),
		(
			"SLA Compliance",
			{**dates, "based_on": "Assignee"},
			f"select assignee, response_sla_status, resolution_sla_status, count(*) from {FR} "
			f"where {received} and sla_policy is not null group by assignee, response_sla_status, resolution_sla_status",
		),
		(
			"Callback Performance",
			{**dates},
			f"select `trigger`, callback_type, status, count(*) from {CB} where {on_due} "
			"group by `trigger`, callback_type, status",
		),
		(
			"Improvement Effectiveness",
			{**dates},
			"select verification_result, count(*) from `tabImprovement Plan` "
			f"where {in_range} group by verification_result",
		),
		(
			"Customer Feedback Summary",
			{**dates},
			"select customer, count(*), sum(status in ('Open', 'Acknowledged', 'In Progress', 'Waiting on Customer')), "
			"sum(sentiment = 'Negative'), sum(response_sla_status = 'Breached' or resolution_sla_status = 'Breached'), "
			f"max(received_on) from {FR} where {received} and customer is not null group by customer",
		),
	]


def erpnext_reports(start, end, company) -> list[tuple[str, dict, str]]:
	dates = {"from_date": start, "to_date": end, "company": company}
	in_range = f"opening_date between '{start}' and '{end}'"
	return [
		(
			"Issue Summary",
			{**dates, "based_on": "Customer"},
			f"select customer, status, count(*) from `tabIssue` where {in_range} group by customer, status",
		),
		(
			"Issue Analytics",
			{**dates, "based_on": "Customer", "range": "Monthly"},
			"select customer, date_format(opening_date, '%Y-%m') p, count(*) from `tabIssue` "
			f"where {in_range} group by customer, p",
		),
	]


def run(records: int = 100_000, repeat: int = 3, issues: bool = True) -> None:
	frappe.set_user("Administrator")
	have = frappe.db.count("Feedback Record", {"name": ("like", f"{FEEDBACK_PREFIX}%")})
	if have < records:
		made = make_demo_data(records - have)
		print(f"demo data: +{made['feedback']} records, +{made['callbacks']} revisits in {made['seconds']} s")
	total = frappe.db.count("Feedback Record")
	end = getdate()
	start = add_days(end, -365 * YEARS - 1)
	pool = frappe.db.sql("select @@innodb_buffer_pool_size")[0][0] / 2**20
	print(f"\nFeedback Records on the site: {total:,} (demo {max(have, records):,}); period {start} – {end}")
	print(f"MariaDB {frappe.db.sql('select version()')[0][0]}, InnoDB buffer pool {pool:,.0f} MB")
	print(f"{'report':<44}{'report ms':>11}{'bare GROUP BY ms':>18}{'ratio':>8}")
	for name, filters, bare in reports(start, end):
		label = name + (f" ({filters['based_on']})" if "based_on" in filters else "")
		_line(
			label,
			_best(lambda: run_report(name, filters=filters, ignore_prepared_report=True), repeat),
			bare,
			repeat,
		)

	if issues:
		have_issues = frappe.db.count("Issue", {"name": ("like", f"{ISSUE_PREFIX}%")})
		if have_issues < records:
			started = time.monotonic()
			make_issues(records - have_issues, first=have_issues + 1)
			print(f"\ndemo Issues: +{records - have_issues} in {time.monotonic() - started:.1f} s")
		company = (
			frappe.db.get_single_value("Global Defaults", "default_company")
			or frappe.get_all("Company", pluck="name", limit=1)[0]
		)
		print(f"\nERPNext over {frappe.db.count('Issue'):,} Issues, same period")
		for name, filters, bare in erpnext_reports(start, end, company):
			_line(
				name,
				_best(lambda: run_report(name, filters=filters, ignore_prepared_report=True), repeat),
				bare,
				repeat,
			)


def _line(label: str, report, bare_sql: str, repeat: int) -> None:
	"""`report`: its best time, or the exception it failed with (ERPNext's reports can)."""
	bare_s = _best(lambda: frappe.db.sql(bare_sql), repeat)
	if isinstance(report, Exception):
		print(f"{label:<44}{'failed':>11}{bare_s * 1000:>18.0f}  {type(report).__name__}: {str(report)[:80]}")
		return
	print(f"{label:<44}{report * 1000:>11.0f}{bare_s * 1000:>18.0f}{report / bare_s:>8.2f}")


def _best(call, repeat: int):
	try:
		call()  # warm: caches, the report's module, MariaDB's buffer pool
	except Exception as error:
		# A packet too big for the server drops the connection: open a new one.
		frappe.db.connect()
		return error
	times = []
	for _ in range(repeat):
		started = time.perf_counter()
		call()
		times.append(time.perf_counter() - started)
	return min(times) if repeat < 5 else statistics.median(times)


def make_issues(count: int, first: int = 1, seed: int = 42) -> None:
	"""Demo Issues like the demo feedback: two years, the same customers, statuses and priorities."""
	rng = random.Random(seed + first)
	customers = frappe.get_all(
		"Customer", filters={"customer_name": ("like", "Demo Customer %")}, pluck="name"
	)
	priorities = frappe.get_all("Issue Priority", pluck="name") or [None]
	company = frappe.get_all("Company", pluck="name", limit=1)[0]
	now = now_datetime()
	for offset in range(0, count, BATCH):
		rows = []
		for number in range(first + offset, first + min(offset + BATCH, count)):
			opened = now - timedelta(days=rng.uniform(0, 365 * YEARS))
			status = rng.choices(("Open", "Replied", "Resolved", "Closed"), weights=(10, 10, 20, 60))[0]
			row = {
				"name": f"{ISSUE_PREFIX}{number:08d}",
				"creation": opened,
				"modified": opened,
				"naming_series": "ISS-.YYYY.-",
				"subject": "Demo issue",
				"customer": rng.choice(customers),
				"status": status,
				"priority": rng.choice(priorities),
				"company": company,
				"opening_date": opened.date(),
				"opening_time": opened.time().replace(microsecond=0),
				"agreement_status": "Fulfilled" if status in ("Resolved", "Closed") else "First Response Due",
			}
			if status in ("Resolved", "Closed"):
				responded = rng.uniform(0.5, 20)
				row["first_responded_on"] = opened + timedelta(hours=responded)
				row["first_response_time"] = responded * 3600
				row["resolution_time"] = rng.uniform(2, 120) * 3600
			rows.append(row)
		_bulk_insert("Issue", rows)
		frappe.db.commit()


def remove_issues() -> int:
	removed = frappe.db.count("Issue", {"name": ("like", f"{ISSUE_PREFIX}%")})
	frappe.db.delete("Issue", {"name": ("like", f"{ISSUE_PREFIX}%")})
	frappe.db.commit()
	return removed
