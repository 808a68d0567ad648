"""SLA Compliance, Customer Feedback Summary and Improvement Effectiveness on a real site: figures
checked against values worked out by hand, and only what the reader may see counted."""

import frappe
from frappe.desk.form.assign_to import add as assign
from frappe.desk.query_report import run
from frappe.utils import getdate

from feedback_loop.api.feedback import get_customer_feedback_summary
from feedback_loop.services.reports.queries import counts_by
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import make_customer, make_feedback, make_user
from feedback_loop.tests.test_sla import SlaTestCase, make_policy

MONDAY = "2019-05-06"


def seeded(customer, **values):
	"""A record created in May 2019 with the SLA outcome given (stored as the SLA code would)."""
	doc = make_feedback(customer)
	frappe.db.set_value(
		"Feedback Record",
		doc.name,
		{
			"creation": f"{MONDAY} 10:00:00",
			"received_on": f"{MONDAY} 10:00:00",
			"sla_policy": "Standard",
			**values,
		},
		update_modified=False,
	)
	return doc.name


def report_summary(result) -> dict:
	return {card["label"]: card["value"] for card in result["report_summary"]}


class TestSlaCompliance(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("SLA Compliance Customer")
		# High, by hand — response: Met 1 h, Met 2 h, Breached 3 h, one not answered yet (On Track):
		# 1 of 3 decided breached = 33.3 %, median 2, p90 2 + 0.8 × (3 − 2) = 2.8.
		# Resolution: Met 10 h and 20 h, Breached 30 h and 40 h: 50 %, median 25, p90 37.
		for response, hours, resolution, res_hours in (
			("Met", 1, "Met", 10),
			("Met", 2, "Met", 20),
			("Breached", 3, "Breached", 30),
			("On Track", None, "Breached", 40),
		):
			values = {
				"priority": "High",
				"response_sla_status": response,
				"resolution_sla_status": resolution,
			}
			if hours is not None:
				values.update({"first_responded_on": f"{MONDAY} 12:00:00", "response_working_hours": hours})
			if resolution == "Met" or res_hours == 30:
				values.update(
					{"resolution_fulfilled_on": f"{MONDAY} 18:00:00", "resolution_working_hours": res_hours}
				)
			elif res_hours == 40:
				# Breached and fulfilled later: still counts for the time taken.
				values.update(
					{"resolution_fulfilled_on": "2019-05-10 18:00:00", "resolution_working_hours": 40}
				)
			seeded(cls.customer, **values)
		# Low: response Met in 5 h, resolution still running.
		seeded(
			cls.customer,
			priority="Low",
			response_sla_status="Met",
			resolution_sla_status="On Track",
			first_responded_on=f"{MONDAY} 15:00:00",
			response_working_hours=5,
		)
		# Without an SLA policy: not counted at all.
		no_sla = seeded(cls.customer, priority="High", response_sla_status="Met")
		frappe.db.set_value("Feedback Record", no_sla, "sla_policy", None, update_modified=False)

	def compliance(self, **filters):
		return run(
			"SLA Compliance",
			filters={
				"from_date": "2019-05-01",
				"to_date": "2019-05-31",
				"customer": self.customer,
				**filters,
			},
		)

	def test_by_priority_by_hand(self):
		result = self.compliance(based_on="Priority")
		high = next(row for row in result["result"] if row["group"] == "High")
		self.assertEqual(
			{key: high[key] for key in high if key != "group"},
			{
				"total": 4,
				"response_met": 2,
				"response_breached": 1,
				"response_breached_pct": 33.3,
				"response_median": 2.0,
				"response_p90": 2.8,
				"resolution_met": 2,
				"resolution_breached": 2,
				"resolution_breached_pct": 50.0,
				"resolution_median": 25.0,
				"resolution_p90": 37.0,
			},
		)
		low = next(row for row in result["result"] if row["group"] == "Low")
		self.assertEqual(
			(low["total"], low["response_median"], low["resolution_breached_pct"]), (1, 5.0, None)
		)
		summary = report_summary(result)
		self.assertEqual(summary["Feedback with SLA"], 5)
		# Response over all five: 3 met of 4 decided; median of 1, 2, 3, 5 = 2.5; p90 3 + 0.7 × 2 = 4.4.
		self.assertEqual(summary["First Response Met (%)"], 75.0)
		self.assertEqual(summary["First Response Median (Working Hours)"], 2.5)
		self.assertEqual(summary["First Response 90th Percentile (Working Hours)"], 4.4)
		self.assertEqual(result["chart"]["data"]["labels"][:2], ["High", "Low"])

	def test_the_previous_period_is_shown_beside_for_comparison(self):
		for response, resolution in (("Met", "Met"), ("Breached", "On Track"), ("Breached", "Met")):
			seeded(
				self.customer,
				creation="2019-04-15 10:00:00",
				received_on="2019-04-15 10:00:00",
				priority="High",
				response_sla_status=response,
				resolution_sla_status=resolution,
			)
		summary = report_summary(self.compliance())
		# The 31 days before May: response met 1 of 3, resolution 2 of 2 decided.
		self.assertEqual(summary["First Response Met (%), Previous Period"], 33.3)
		self.assertEqual(summary["Resolution Met (%), Previous Period"], 100.0)
		# May itself is unchanged by them.
		self.assertEqual(summary["First Response Met (%)"], 75.0)
		# Nothing before: a dash, not 0 %.
		before_nothing = report_summary(self.compliance(from_date="2019-03-01", to_date="2019-03-31"))
		self.assertEqual(before_nothing["First Response Met (%), Previous Period"], "—")

	def test_by_assignee_the_assignment_is_kept_in_a_column(self):
		agent = make_user("sla-compliance-agent@example.com", ["Feedback Agent"])
		records = frappe.get_all(
			"Feedback Record",
			filters={
				"customer": self.customer,
				"priority": "High",
				"response_sla_status": "Met",
				"sla_policy": "Standard",
			},
			pluck="name",
		)
		department = frappe.get_all("Department", filters={"is_group": 0}, pluck="name", limit=1)[0]
		frappe.db.delete("Employee", {"user_id": agent})
		employee = frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": "SLA Compliance Agent",
				"gender": "Female",
				"date_of_birth": "1990-01-01",
				"date_of_joining": "2018-01-01",
				"company": frappe.db.get_single_value("Global Defaults", "default_company")
				or frappe.get_all("Company", pluck="name", limit=1)[0],
				"user_id": agent,
				"department": department,
			}
		).insert(ignore_permissions=True)
		try:
			for name in records:
				assign({"doctype": "Feedback Record", "name": name, "assign_to": [agent]})
			self.assertEqual(
				frappe.get_all("Feedback Record", filters={"name": ("in", records)}, pluck="assignee"),
				[agent, agent],
			)
			self.assertEqual(frappe.db.get_value("Feedback Record", records[0], "department"), department)
			rows = {row["group"]: row for row in self.compliance(based_on="Assignee")["result"]}
			self.assertEqual((rows[agent]["total"], rows[agent]["response_median"]), (2, 1.5))
			self.assertEqual(rows["Not Set"]["total"], 3)
			rows = {row["group"]: row for row in self.compliance(based_on="Department")["result"]}
			self.assertEqual(rows[department]["resolution_median"], 15.0)
		finally:
			frappe.delete_doc("Employee", employee.name, force=True)

	def test_a_stored_value_outside_the_options_is_still_counted(self):
		# Grouping by checksum maps back only the options; anything else falls back to the text.
		legacy = seeded(self.customer, priority="High")
		self.addCleanup(frappe.db.delete, "Feedback Record", legacy)
		frappe.db.set_value("Feedback Record", legacy, "priority", "Legacy", update_modified=False)
		counts = {
			row.grp: row.count
			for row in counts_by(
				{"customer": self.customer}, getdate("2019-05-01"), getdate("2019-05-31"), ("grp", "priority")
			)
		}
		self.assertEqual(counts, {"High": 5, "Low": 1, "Legacy": 1})

	def test_a_reader_counts_only_the_records_they_may_see(self):
		support = make_user("sla-compliance-support@example.com", ["Support Team"])
		own = seeded(
			self.customer,
			owner=support,
			priority="Medium",
			response_sla_status="Breached",
			first_responded_on=f"{MONDAY} 12:00:00",
			response_working_hours=9,
		)
		try:
			frappe.set_user(support)
			result = self.compliance()
			frappe.set_user("Administrator")
			self.assertEqual(
				[(row["group"], row["total"]) for row in result["result"] if not row.get("is_total")],
				[("Medium", 1)],
			)
			self.assertEqual(report_summary(result)["First Response Median (Working Hours)"], 9.0)
		finally:
			frappe.set_user("Administrator")
			frappe.delete_doc("Feedback Record", own, force=True)


class TestWorkingHoursOnTheRecord(SlaTestCase):
	def setUp(self):
		super().setUp()
		make_policy("FL Working Hours", is_default=1)

	def test_response_and_resolution_are_timed_on_the_policy_calendar(self):
		# The policy's windows: 09:00–12:00 and 13:30–18:00 on weekdays.
		doc = self.feedback_at(f"{MONDAY} 11:00:00")
		self.assertEqual(doc.sla_policy, "FL Working Hours")
		with self.freeze_time(f"{MONDAY} 14:00:00"):  # 1 h before lunch + 0.5 h after
			doc.reload()
			doc.status = "In Progress"
			doc.save()
		self.assertEqual(doc.response_working_hours, 1.5)
		with self.freeze_time("2019-05-07 10:00:00"):  # + 4.5 h Monday afternoon + 1 h Tuesday
			doc.reload()
			doc.status = "Resolved"
			doc.resolution_summary = "<p>Replaced</p>"
			doc.save()
		self.assertEqual((doc.response_working_hours, doc.resolution_working_hours), (1.5, 6.5))


class TestCustomerFeedbackSummary(IntegrationTestCase):
	def test_figures_per_customer_by_hand_and_the_customer_page_agrees(self):
		first = make_customer("Summary Customer One")
		second = make_customer("Summary Customer Two")
		# One: 4 records — 3 open, 2 negative (50 %), 1 breached; CSAT answers 4 and 5 → 4.5.
		for status, sentiment, breached in (
			("Open", "Negative", 0),
			("In Progress", "Negative", 1),
			("Waiting on Customer", "Neutral", 0),
			("Closed", "Positive", 0),
		):
			name = make_feedback(first).name
			frappe.db.set_value(
				"Feedback Record",
				name,
				{
					"creation": "2019-06-03 10:00:00",
					"received_on": "2019-06-03 10:00:00",
					"status": status,
					"sentiment": sentiment,
					"resolution_sla_status": "Breached" if breached else "Met",
				},
				update_modified=False,
			)
		for csat in (4, 5, 0):  # 0: asked, not answered
			frappe.get_doc(
				{
					"doctype": "Feedback Callback",
					"callback_type": "After Order",
					"customer": first,
					"channel": "E-mail",
					"status": "Responded" if csat else "Sent",
					"due_on": "2019-06-04 10:00:00",
					"responded_on": "2019-06-05 10:00:00" if csat else None,
					"csat": csat,
				}
			).insert(ignore_permissions=True)
		name = make_feedback(second).name
		frappe.db.set_value(
			"Feedback Record",
			name,
			{"creation": "2019-06-20 10:00:00", "received_on": "2019-06-20 10:00:00"},
			update_modified=False,
		)

		result = run(
			"Customer Feedback Summary",
			filters={"from_date": "2019-06-01", "to_date": "2019-06-30", "customer_group": None},
		)
		rows = {row["customer"]: row for row in result["result"] if row["customer"] in (first, second)}
		one = rows[first]
		self.assertEqual(
			(one["total"], one["open"], one["negative"], one["negative_share"], one["breached"]),
			(4, 3, 2, 50.0, 1),
		)
		self.assertEqual((one["csat"], one["csat_answers"]), (4.5, 2))
		self.assertEqual((rows[second]["total"], rows[second]["csat"]), (1, None))
		self.assertEqual(str(rows[second]["last_feedback_on"]), "2019-06-20 10:00:00")
		# The Customer form asks the same query for one customer, all time.
		page = get_customer_feedback_summary(first)
		self.assertEqual(
			{k: page[k] for k in ("total", "open", "negative_share", "breached")},
			{
				"total": 4,
				"open": 3,
				"negative_share": 50.0,
				"breached": 1,
			},
		)

	def test_a_sales_user_restricted_to_one_customer_sees_only_that_row(self):
		mine = make_customer("Summary Restricted Mine")
		other = make_customer("Summary Restricted Other")
		for customer in (mine, other):
			name = make_feedback(customer).name
			frappe.db.set_value(
				"Feedback Record",
				name,
				{"creation": "2019-07-01 10:00:00", "received_on": "2019-07-01 10:00:00"},
				update_modified=False,
			)
		sales = make_user("summary-sales@example.com", ["Sales User"])
		permission = frappe.get_doc(
			{"doctype": "User Permission", "user": sales, "allow": "Customer", "for_value": mine}
		).insert(ignore_permissions=True)
		try:
			frappe.set_user(sales)
			result = run(
				"Customer Feedback Summary", filters={"from_date": "2019-07-01", "to_date": "2019-07-31"}
			)
			self.assertEqual([row["customer"] for row in result["result"]], [mine])
		finally:
			frappe.set_user("Administrator")
			permission.delete(ignore_permissions=True)


class TestImprovementEffectiveness(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.names = []
		# By hand: A volume 100 → 40 per 30 days (−60 %, target 50: effective); B 80 → 72 (−10 %,
		# target 30: not effective); C a CSAT target reached; D still running. Effective 2 of 3
		# judged = 66.7 %; volume change of the measured plans together (40 + 72 − 180) / 180 =
		# −37.8 % (not the average of −60 and −10).
		for title, target_type, target, baseline, after, change, verdict, csat in (
			("Effect A", "Reduce Feedback Volume", 50, 100, 40, -60, "Verified Effective", 0),
			("Effect B", "Reduce Feedback Volume", 30, 80, 72, -10, "Not Effective", 0),
			("Effect C", "Reach CSAT", 4, 0, 0, 0, "Verified Effective", 4.4),
			("Effect D", "Reduce Feedback Volume", 30, 0, 0, 0, None, 0),
		):
			doc = frappe.get_doc(
				{
					"doctype": "Improvement Plan",
					"title": title,
					"target_type": target_type,
					"target_value": target,
					"baseline_days": 90,
					"measurement_days": 60,
					"baseline_rate": baseline,
					"after_rate": after,
					"change_percent": change,
					"after_csat": csat,
					"verification_result": verdict,
					"workflow_state": verdict or "In Progress",
				}
			)
			doc.set_new_name()
			doc.creation = doc.modified = "2019-08-05 10:00:00"
			doc.owner = "Administrator"
			doc.db_insert()
			cls.names.append(doc.name)

	@classmethod
	def tearDownClass(cls):
		frappe.db.delete("Improvement Plan", {"name": ("in", cls.names)})
		super().tearDownClass()

	def effectiveness(self, **filters):
		return run(
			"Improvement Effectiveness",
			filters={"from_date": "2019-08-01", "to_date": "2019-08-31", **filters},
		)

	def test_baseline_after_change_and_verdict_by_hand(self):
		result = self.effectiveness()
		rows = {row["title"]: row for row in result["result"]}
		self.assertEqual(
			(
				rows["Effect A"]["baseline_rate"],
				rows["Effect A"]["after_rate"],
				rows["Effect A"]["change_percent"],
			),
			(100, 40, -60),
		)
		self.assertEqual(rows["Effect B"]["verdict"], "Not Effective")
		# A CSAT plan has no volume rates: shown empty, not as 0.
		self.assertEqual((rows["Effect C"]["baseline_rate"], rows["Effect C"]["after_csat"]), (None, 4.4))
		self.assertEqual(rows["Effect D"]["verdict"], "Pending")
		summary = report_summary(result)
		self.assertEqual(
			(summary["Plans"], summary["Verified Effective"], summary["Not Effective"]), (4, 2, 1)
		)
		self.assertEqual(
			(summary["Effective (%)"], summary["Volume Change, Measured Plans (%)"]), (66.7, -37.8)
		)
		self.assertEqual(
			sorted(result["chart"]["data"]["labels"]),
			sorted([rows["Effect A"]["name"], rows["Effect B"]["name"]]),
		)
		self.assertEqual(rows["Effect D"]["baseline_rate"], None)

	def test_the_verdict_filter_and_who_may_open_it(self):
		pending = self.effectiveness(verdict="Pending")["result"]
		self.assertEqual([row["title"] for row in pending], ["Effect D"])
		sales = make_user("effectiveness-sales@example.com", ["Sales User"])
		frappe.set_user(sales)
		try:
			with self.assertRaises(frappe.PermissionError):
				self.effectiveness()
		finally:
			frappe.set_user("Administrator")
