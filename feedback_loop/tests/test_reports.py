"""Reports on a real site, their figures checked against values worked out by hand on a seeded
set of records, and only the records the reader may see counted."""

import frappe
from frappe.desk.query_report import run

from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import make_customer, make_feedback, make_user


def seed(customer, when, channel, status="Open", owner=None):
	doc = make_feedback(customer, channel=channel)
	values = {"creation": when, "received_on": when}
	if status != "Open":
		values["status"] = status
	if owner:
		values["owner"] = owner
	frappe.db.set_value("Feedback Record", doc.name, values, update_modified=False)
	return doc.name


class TestFeedbackOverview(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("Overview Customer")
		# March 2019, worked out by hand: 5 records, Email 3 (60 %, above 40 %), Desk 2 (40 %),
		# 2 closed (40 % closed loop); February (the previous 31 days) has 2: +150 %.
		for day, channel, status in (
			(1, "Email", "Closed"),
			(4, "Email", "Open"),
			(11, "Email", "Closed"),
			(12, "Desk", "In Progress"),
			(31, "Desk", "Open"),
		):
			seed(cls.customer, f"2019-03-{day:02d} 10:00:00", channel, status)
		seed(cls.customer, "2019-02-10 10:00:00", "Phone")
		seed(cls.customer, "2019-02-27 10:00:00", "Email")
		seed(cls.customer, "2019-04-01 00:00:01", "Email")  # outside the period

	def overview(self, **filters):
		result = run(
			"Feedback Overview",
			filters={
				"from_date": "2019-03-01",
				"to_date": "2019-03-31",
				"customer": self.customer,
				**filters,
			},
		)
		summary = {card["label"]: card for card in result["report_summary"]}
		return result, summary

	def test_figures_by_month(self):
		result, summary = self.overview(group_by="Month")
		self.assertEqual(result["result"][:1], [{"period": "2019-03", "total": 5, "email": 3, "desk": 2}])
		self.assertEqual(summary["Feedback"]["value"], 5)
		self.assertEqual(summary["Change vs previous period (%)"]["value"], 150.0)
		self.assertEqual(summary["Closed loop (%)"]["value"], 40.0)
		self.assertEqual(summary["Largest channel: Email (%)"]["value"], 60.0)
		self.assertEqual(summary["Largest channel: Email (%)"]["indicator"], "Red")
		self.assertEqual(
			(summary["Closed"]["value"], summary["Open"]["value"], summary["In Progress"]["value"]), (2, 2, 1)
		)
		self.assertEqual(result["chart"]["data"]["labels"], ["2019-03"])

	def test_figures_by_week_and_a_channel_filter(self):
		result, _summary = self.overview(group_by="Week")
		self.assertEqual(
			[(row["period"], row["total"]) for row in result["result"] if isinstance(row, dict)],
			# A week without feedback is a row of zeros, not left out.
			[("2019-W09", 1), ("2019-W10", 1), ("2019-W11", 2), ("2019-W12", 0), ("2019-W13", 1)],
		)
		result, summary = self.overview(channel="Desk")
		self.assertEqual(summary["Feedback"]["value"], 2)
		self.assertEqual(summary["Largest channel: Desk (%)"]["value"], 100.0)

	def test_a_reader_counts_only_the_records_they_may_see(self):
		support = make_user("overview-support@example.com", ["Support Team"])
		own = seed(self.customer, "2019-03-20 10:00:00", "Phone", owner=support)
		try:
			frappe.set_user(support)
			_result, summary = self.overview()
			frappe.set_user("Administrator")
			# Support Team, which may not read customers, sees only what it recorded (docs/permissions.md).
			self.assertEqual(summary["Feedback"]["value"], 1)
			_result, summary = self.overview()
			self.assertEqual(summary["Feedback"]["value"], 6)
		finally:
			frappe.set_user("Administrator")
			frappe.delete_doc("Feedback Record", own, force=True)

	def test_the_dates_are_required_and_in_order(self):
		with self.assertRaises(frappe.ValidationError):
			run("Feedback Overview", filters={"from_date": "2019-03-31", "to_date": "2019-03-01"})

	def test_a_customer_trait_filters_the_records(self):
		from frappe.utils import today

		industry = (
			frappe.get_doc(
				{"doctype": "Industry Type", "industry": f"FL Trait {frappe.generate_hash(length=5)}"}
			)
			.insert(ignore_permissions=True)
			.name
		)
		customer = make_customer("Overview Industry Customer", industry=industry)
		self.assertEqual(make_feedback(customer).industry, industry)
		make_feedback(self.customer)
		result = run(
			"Feedback Overview", filters={"from_date": today(), "to_date": today(), "industry": industry}
		)
		cards = {card["label"]: card["value"] for card in result["report_summary"]}
		self.assertEqual(cards["Feedback"], 1)


class TestTopIssues(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("Top Issues Customer")
		leaves = frappe.get_all(
			"Feedback Category", filters={"is_group": 0}, pluck="name", order_by="name", limit=3
		)
		cls.a, cls.b, cls.c = leaves
		# March 2019 by hand: a 6 (60 %, 4 negative), b 3 (30 %), c 1 (10 %: flagged, exactly the
		# threshold); February: a 3 → +100 %, b none → no change figure. Two more in March have no
		# category: of all twelve, a is 50 %, b 25 %.
		cls.names = {}
		for category, count, negative in ((cls.a, 6, 4), (cls.b, 3, 0), (cls.c, 1, 1)):
			for i in range(count):
				name = seed(cls.customer, f"2019-03-{i + 1:02d} 10:00:00", "Email")
				cls.names[(category, i)] = name
				frappe.db.set_value(
					"Feedback Record",
					name,
					{
						"category": category,
						"sentiment": "Negative" if i < negative else "Neutral",
						# a: 破损 in all six, 退款 in the four negative ones; b and c: 物流.
						"keywords": ("破损, 退款" if i < negative else "破损")
						if category == cls.a
						else "物流",
					},
					update_modified=False,
				)
		for i in range(3):
			name = seed(cls.customer, f"2019-02-{i + 1:02d} 10:00:00", "Email")
			frappe.db.set_value("Feedback Record", name, "category", cls.a, update_modified=False)
		for day in (20, 21):
			name = seed(cls.customer, f"2019-03-{day} 10:00:00", "Email")
			frappe.db.set_value("Feedback Record", name, "category", None, update_modified=False)

	def links(self, category, *rows):
		return ", ".join(
			f'<a href="/app/feedback-record/{self.names[(category, i)]}">{self.names[(category, i)]}</a>'
			for i in rows
		)

	def test_top_issues_by_hand(self):
		result = run(
			"Top Issues",
			filters={"from_date": "2019-03-01", "to_date": "2019-03-31", "customer": self.customer, "top": 2},
		)
		self.assertEqual(
			result["result"],
			[
				{
					"issue": self.a,
					"count": 6,
					"share": 60.0,
					"high_frequency": 1,
					"negative_share": 66.7,
					"previous": 3,
					"change": 100.0,
					"share_of_all": 50.0,
					"top_keywords": "破损 (6), 退款 (4)",
					# The records with both of its keywords, newest first.
					"examples": self.links(self.a, 3, 2, 1),
				},
				{
					"issue": self.b,
					"count": 3,
					"share": 30.0,
					"high_frequency": 1,
					"negative_share": 0.0,
					"previous": 0,
					"change": None,
					"share_of_all": 25.0,
					"top_keywords": "物流 (3)",
					"examples": self.links(self.b, 2, 1, 0),
				},
			],
		)
		summary = {card["label"]: card["value"] for card in result["report_summary"]}
		self.assertEqual(summary["Issues with 10 % or more"], 2)  # of the top 2 shown
		full = run(
			"Top Issues",
			filters={"from_date": "2019-03-01", "to_date": "2019-03-31", "customer": self.customer},
		)
		self.assertEqual(
			[(r["issue"], r["share"], r["high_frequency"]) for r in full["result"]][-1], (self.c, 10.0, 1)
		)

	def test_an_issue_starts_a_root_cause_analysis(self):
		from feedback_loop.api.root_cause_analysis import start_root_cause_analysis_for_issue

		name = start_root_cause_analysis_for_issue(
			self.a, {"from_date": "2019-03-01", "to_date": "2019-03-31", "customer": self.customer}
		)
		analysis = frappe.get_doc("Root Cause Analysis", name)
		self.assertEqual(len(analysis.feedback_records), 6)


class TestSentimentTrend(IntegrationTestCase):
	def test_shares_by_period_and_the_change_in_negative_share(self):
		customer = make_customer("Sentiment Customer")
		# March 2019 by hand: 4 negative, 1 neutral, 3 positive → 50 % / 12.5 % / 37.5 %;
		# April 1 negative, 1 positive; February (before March) 1 negative of 4 → 25 %.
		for when, mood in (
			*((f"2019-03-{d:02d}", "Negative") for d in (1, 2, 3, 4)),
			("2019-03-05", "Neutral"),
			*((f"2019-03-{d:02d}", "Positive") for d in (6, 7, 8)),
			("2019-04-02", "Negative"),
			("2019-04-03", "Positive"),
			("2019-02-10", "Negative"),
			*((f"2019-02-{d:02d}", "Positive") for d in (11, 12, 13)),
		):
			name = seed(customer, f"{when} 10:00:00", "Desk")
			frappe.db.set_value("Feedback Record", name, "sentiment", mood, update_modified=False)
		result = run(
			"Sentiment Trend",
			filters={
				"from_date": "2019-03-01",
				"to_date": "2019-04-30",
				"customer": customer,
				"group_by": "Month",
			},
		)
		self.assertEqual(
			result["result"][:-1],
			[
				{"period": "2019-03", "total": 8, "negative": 50.0, "neutral": 12.5, "positive": 37.5},
				{"period": "2019-04", "total": 2, "negative": 50.0, "neutral": 0.0, "positive": 50.0},
			],
		)
		# The Total row: the shares of the summed counts, 5 of 10 negative.
		self.assertEqual(
			{k: result["result"][-1][k] for k in ("total", "negative", "neutral", "positive")},
			{"total": 10, "negative": 50.0, "neutral": 10.0, "positive": 40.0},
		)
		summary = {card["label"]: card["value"] for card in result["report_summary"]}
		# 61 days back from March 1: Dec 29 – Feb 28 holds February's 4 records.
		self.assertEqual(summary["Negative (%)"], 50.0)
		self.assertEqual(summary["Negative, previous period (%)"], 25.0)
		self.assertEqual(summary["Change (percentage points)"], 25.0)


class TestCallbackPerformance(IntegrationTestCase):
	def test_counts_and_response_rate_by_trigger(self):
		customer = make_customer("Revisit Customer")
		trigger = "Sales Order completed"
		# March 2019 by hand: 2 responded, 1 no response, 1 still awaiting an answer, 1 not sent
		# yet, 1 failed → 6 revisits, 4 sent, response rate 2 answered of 4 sent = 50 %.
		for status in ("Responded", "Responded", "No Response", "Sent", "Scheduled", "Failed"):
			frappe.get_doc(
				{
					"doctype": "Feedback Callback",
					"callback_type": "After Order",
					"trigger": trigger,
					"customer": customer,
					"channel": "E-mail",
					"status": status,
					"due_on": "2019-03-10 10:00:00",
				}
			).insert(ignore_permissions=True)
		result = run(
			"Callback Performance",
			filters={"from_date": "2019-03-01", "to_date": "2019-03-31", "customer": customer},
		)
		self.assertEqual(
			result["result"][0],
			{
				"trigger": trigger,
				"callback_type": "After Order",
				"revisits": 6,
				"not_sent": 1,
				"sent": 4,
				"responded": 2,
				"no_response": 1,
				"awaiting": 1,
				"failed_or_cancelled": 1,
				"response_rate": 50.0,
			},
		)
		summary = {card["label"]: card["value"] for card in result["report_summary"]}
		self.assertEqual(summary["Response Rate (%)"], 50.0)


class TestSatisfactionTrend(IntegrationTestCase):
	def test_csat_nps_and_ces_by_hand(self):
		customer = make_customer("Satisfaction Customer")

		def answered(day, csat=0, nps=None, ces=0):
			frappe.get_doc(
				{
					"doctype": "Feedback Callback",
					"callback_type": "Resolution Verification",
					"customer": customer,
					"channel": "E-mail",
					"status": "Responded",
					"due_on": day,
					"responded_on": f"{day} 10:00:00",
					"csat": csat,
					"nps": nps or 0,
					"nps_answered": 0 if nps is None else 1,
					"ces": ces,
				}
			).insert(ignore_permissions=True)

		# March 2019 by hand: CSAT 5, 4, 1 → 3.33, 66.7 % satisfied; NPS 10, 9, 0 (an answer) and
		# one survey without NPS → (2 − 1) / 3 = 33.3; CES 2 and 4 → 3.0.
		answered("2019-03-02", csat=5, nps=10, ces=2)
		answered("2019-03-05", csat=4, nps=9, ces=4)
		answered("2019-03-09", csat=1, nps=0)
		answered("2019-03-12", csat=0)
		# February: CSAT 2 → March is 1.33 better; NPS 7 → 0 → March is 33.3 better.
		answered("2019-02-20", csat=2, nps=7)
		result = run(
			"Satisfaction Trend",
			filters={"from_date": "2019-03-01", "to_date": "2019-03-31", "customer": customer},
		)
		row = result["result"][0]
		self.assertEqual(
			(row["period"], row["csat"], row["satisfied"], row["nps"], row["ces"]),
			("2019-03", 3.33, 66.7, 33.3, 3.0),
		)
		self.assertEqual([row[f"csat_{s}"] for s in range(1, 6)], [1, 0, 0, 1, 1])
		summary = {card["label"]: card["value"] for card in result["report_summary"]}
		self.assertEqual(summary["CSAT change vs previous period"], 1.33)
		self.assertEqual(summary["NPS change vs previous period"], 33.3)
		self.assertEqual(summary["CES (1-7)"], 3.0)

		# April has no answers: its scores are a dash, not 0, and so is the change.
		april = run(
			"Satisfaction Trend",
			filters={"from_date": "2019-04-01", "to_date": "2019-04-30", "customer": customer},
		)
		summary = {card["label"]: card["value"] for card in april["report_summary"]}
		for label in ("CSAT (1-5)", "NPS", "CES (1-7)", "CSAT change vs previous period"):
			self.assertEqual(summary[label], "—", label)


class TestChannelHealth(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("Channel Health Customer")
		# Worked out by hand. The period, 2019-03-04 (Monday) to 03-24: weeks W10, W11, W12.
		# Email 2 + 0 + 1 (one Invalid, one Duplicate, two with every key fact), Desk 0 + 1 + 0,
		# Phone nothing. The twelve weeks before: Phone 4, Email 4 (50 % each).
		period = [
			("2019-03-04", "Email", "Invalid", 1),
			("2019-03-08", "Email", "Duplicate", 1),
			("2019-03-13", "Desk", "Open", 0),
			("2019-03-24", "Email", "Open", 0),
		]
		for day, channel, status, complete in period:
			name = seed(cls.customer, f"{day} 10:00:00", channel, status)
			frappe.db.set_value("Feedback Record", name, "facts_complete", complete, update_modified=False)
		for day in ("2018-12-17", "2019-01-07", "2019-02-04", "2019-03-03"):
			seed(cls.customer, f"{day} 10:00:00", "Phone")
			seed(cls.customer, f"{day} 11:00:00", "Email")
		seed(cls.customer, "2018-12-09 10:00:00", "Phone")  # a day before the twelve weeks

	def health(self, **filters):
		result = run(
			"Channel Health",
			filters={
				"from_date": "2019-03-04",
				"to_date": "2019-03-24",
				"customer": self.customer,
				**filters,
			},
		)
		rows = {row["channel"]: row for row in result["result"]}
		summary = {card["label"]: card["value"] for card in result["report_summary"]}
		return result, rows, summary

	def test_figures_by_hand(self):
		result, rows, summary = self.health()
		weeks = [c["label"] for c in result["columns"][8:]]
		self.assertEqual(weeks, ["2019-W10", "2019-W11", "2019-W12"])
		email, desk, phone = rows["Email"], rows["Desk"], rows["Phone"]
		self.assertEqual(
			[email[k] for k in ("total", "share", "usual_share", "complete", "invalid", "duplicate")],
			[3, 75.0, 50.0, 66.7, 33.3, 33.3],
		)
		self.assertEqual([email[f"w_2019_w{n}"] for n in (10, 11, 12)], [2, 0, 1])
		self.assertEqual(email["flag"], "Over 40 % of all feedback")
		self.assertEqual(
			(desk["total"], desk["share"], desk["usual_share"], desk["flag"]), (1, 25.0, 0.0, "")
		)
		# Phone went silent: listed with its zeros, and flagged.
		self.assertEqual(
			(phone["total"], phone["share"], phone["usual_share"], phone["flag"], phone["w_2019_w11"]),
			(0, 0.0, 50.0, "Under 10 % of its usual share", 0),
		)
		self.assertIsNone(phone["complete"])
		total = result["result"][-1]
		self.assertEqual((total["total"], total["complete"], total["w_2019_w10"]), (4, 50.0, 2))
		# Shares of every channel together; never a 0 % under the column of shares.
		self.assertEqual((total["share"], total["usual_share"]), (100.0, 100.0))
		self.assertEqual(
			(
				summary["Channels flagged"],
				summary["Key Facts Complete (%)"],
				summary["Invalid or Duplicate (%)"],
			),
			(2, 50.0, 50.0),
		)
		# A channel that never brought anything is left out unless every channel is asked for.
		self.assertNotIn("SMS", rows)
		self.assertIn("SMS", self.health(every_channel=1)[1])

	def test_a_channel_filter_cannot_make_every_share_100(self):
		_result, rows, _summary = self.health(channel="Email")
		self.assertEqual(rows["Email"]["share"], 75.0)

	def test_the_overview_counts_invalid_and_duplicate_feedback_too(self):
		result = run(
			"Feedback Overview",
			filters={"from_date": "2019-03-04", "to_date": "2019-03-24", "customer": self.customer},
		)
		cards = {card["label"]: card["value"] for card in result["report_summary"]}
		self.assertEqual((cards["Invalid"], cards["Duplicate"]), (1, 1))
