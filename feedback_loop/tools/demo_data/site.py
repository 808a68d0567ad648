"""Demo data at scale (`bench --site SITE feedback-loop make-demo-data --records 1000000`):
feedback and revisits written with bulk inserts, a committed batch at a time, and removed again
exactly (`remove-demo-data`) by their own name prefix. Meant for trying the reports and for the
benchmarks, not for a production site."""

import random
import time

import frappe
from frappe.utils import add_days, now_datetime

from feedback_loop.tools.demo_data.records import (
	CALLBACK_PREFIX,
	FEEDBACK_PREFIX,
	PLAN_PREFIX,
	DemoCategory,
	DemoTeam,
	callback_row,
	feedback_rows,
	plan_rows,
)

DEMO_CUSTOMER = "Demo Customer"
DEMO_AGENT = "demo.agent{:02d}@example.com"
AGENTS = 8
#: One improvement plan per so many records (at least a handful).
RECORDS_PER_PLAN = 5_000
BATCH = 10_000
YEARS = 2


def make_demo_data(records: int, customers: int = 200, seed: int = 42) -> dict:
	started = time.monotonic()
	customer_rows = demo_customers(customers)
	categories = [
		DemoCategory(c.name, c.category_name or c.name, c.category_name_zh or c.category_name or c.name)
		for c in frappe.get_all(
			"Feedback Category",
			filters={"is_group": 0, "enabled": 1},
			fields=["name", "category_name", "category_name_zh"],
		)
	]
	team = demo_team()
	end = now_datetime()
	start = add_days(end, -365 * YEARS)
	first = frappe.db.count("Feedback Record", {"name": ("like", f"{FEEDBACK_PREFIX}%")}) + 1
	rng = random.Random(seed)
	made = callbacks = 0
	while made < records:
		count = min(BATCH, records - made)
		rows = list(
			feedback_rows(
				count,
				start=start,
				end=end,
				customers=list(customer_rows),
				categories=categories,
				seed=seed,
				first_number=first + made,
				team=team,
			)
		)
		for row in rows:
			row.update(customer_rows[row["customer"]])
		_bulk_insert("Feedback Record", rows)
		revisits = [r for r in (callback_row(rng, row, first + made + i) for i, row in enumerate(rows)) if r]
		_bulk_insert("Feedback Callback", revisits)
		made += count
		callbacks += len(revisits)
		frappe.db.commit()
	# One plan per so many demo records, topped up when more records are added.
	have_plans = frappe.db.count("Improvement Plan", {"name": ("like", f"{PLAN_PREFIX}%")})
	wanted = max((first - 1 + made) // RECORDS_PER_PLAN, 5)
	rows = list(
		plan_rows(
			max(wanted - have_plans, 0),
			end=end,
			categories=categories,
			seed=seed,
			first_number=have_plans + 1,
			team=team,
		)
	)
	actions = [action for row in rows for action in row.pop("actions")]
	_bulk_insert("Improvement Plan", rows)
	_bulk_insert("Improvement Plan Action", actions)
	plans = len(rows)
	frappe.db.commit()
	return {
		"feedback": made,
		"callbacks": callbacks,
		"plans": plans,
		"seconds": round(time.monotonic() - started, 1),
	}


def demo_team() -> DemoTeam:
	"""Demo agents (created once) spread over the site's departments, and the default SLA policy."""
	departments = frappe.get_all(
		"Department", filters={"is_group": 0}, pluck="name", order_by="name", limit=4
	)
	agents = []
	for number in range(1, AGENTS + 1):
		email = DEMO_AGENT.format(number)
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": f"Demo Agent {number:02d}",
					"send_welcome_email": 0,
					"enabled": 0,
				}
			).insert(ignore_permissions=True)
		agents.append((email, departments[number % len(departments)] if departments else None))
	policy = frappe.db.get_value("Feedback SLA Policy", {"enabled": 1, "is_default": 1}, "name")
	return DemoTeam(sla_policy=policy, agents=tuple(agents))


def remove_demo_data() -> dict:
	removed = {}
	for doctype, prefix in (
		("Feedback Callback", CALLBACK_PREFIX),
		("Feedback Record", FEEDBACK_PREFIX),
		("Improvement Plan", PLAN_PREFIX),
	):
		removed[doctype] = _delete_in_batches(doctype, prefix)
	removed["Improvement Plan Action"] = _delete_in_batches("Improvement Plan Action", PLAN_PREFIX, "parent")
	customers = frappe.get_all(
		"Customer", filters={"customer_name": ("like", f"{DEMO_CUSTOMER} %")}, pluck="name"
	)
	for name in customers:
		frappe.delete_doc("Customer", name, force=True, ignore_permissions=True)
	agents = frappe.get_all(
		"User", filters={"name": ("like", DEMO_AGENT.replace("{:02d}", "%"))}, pluck="name"
	)
	for name in agents:
		frappe.delete_doc("User", name, force=True, ignore_permissions=True)
	frappe.db.commit()
	removed["Customer"] = len(customers)
	removed["User"] = len(agents)
	return removed


def _delete_in_batches(doctype: str, prefix: str, column: str = "name") -> int:
	"""Committed batches: one DELETE of a million rows outlasts the statement time limit and
	holds its locks for minutes."""
	table = frappe.qb.DocType(doctype)
	removed = 0
	while True:
		frappe.qb.from_(table).delete().where(table[column].like(f"{prefix}%")).limit(BATCH).run()
		deleted = frappe.db._cursor.rowcount
		frappe.db.commit()
		removed += deleted
		if deleted < BATCH:
			return removed


def demo_customers(count: int) -> dict[str, dict]:
	"""Demo customers (created once), with the values feedback copies from a customer."""
	group = frappe.get_all("Customer Group", filters={"is_group": 0}, pluck="name", limit=1)[0]
	territory = frappe.get_all("Territory", filters={"is_group": 0}, pluck="name", limit=1)[0]
	for number in range(1, count + 1):
		name = f"{DEMO_CUSTOMER} {number:04d}"
		if not frappe.db.exists("Customer", {"customer_name": name}):
			frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": name,
					"customer_group": group,
					"territory": territory,
				}
			).insert(ignore_permissions=True)
	rows = frappe.get_all(
		"Customer",
		filters={"customer_name": ("like", f"{DEMO_CUSTOMER} %")},
		fields=["name", "customer_name", "customer_group", "territory"],
	)
	return {
		r.name: {
			"customer_name": r.customer_name,
			"customer_group": r.customer_group,
			"territory": r.territory,
		}
		for r in rows
	}


def _bulk_insert(doctype: str, rows: list[dict]) -> None:
	if not rows:
		return
	fields = sorted({field for row in rows for field in row} | {"owner", "modified_by", "docstatus"})
	defaults = {"owner": "Administrator", "modified_by": "Administrator", "docstatus": 0}
	# Numbers are NOT NULL columns: a value a row leaves out is 0, as the form would store it.
	meta = frappe.get_meta(doctype)
	defaults.update(
		{
			field: 0
			for field in fields
			if (df := meta.get_field(field))
			and df.fieldtype in ("Int", "Float", "Percent", "Currency", "Check")
		}
	)
	values = [[row.get(field, defaults.get(field)) for field in fields] for row in rows]
	frappe.db.bulk_insert(doctype, fields, values)
